//! Typed configuration from the environment, checked once at start-up.
use crate::auth::keys::KeyRing;
use app::{backend::identity::SessionPolicy, domain::assurance::Assurance};
use std::{fmt, net::SocketAddr, sync::Arc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// Local machine: cookies without `Secure`, built-in test services on.
    Development,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `KANTA_LISTEN`: address to serve on; default `LEPTOS_SITE_ADDR`, else 127.0.0.1:3000.
    pub listen: SocketAddr,
    /// `KANTA_DATABASE_URL`: `sqlite://path?mode=rwc` or `postgres://…`; default a SQLite file under `./data/`.
    pub database_url: String,
    /// `KANTA_ENV`: `development` (default) or `production`.
    pub environment: Environment,
    /// `KANTA_LOG_FORMAT`: `pretty` (default) or `json`. The filter is `RUST_LOG`.
    pub log_format: LogFormat,
    /// `KANTA_PUBLIC_URL`: the address browsers use, for redirect URIs; default `http://` + the bound address.
    pub public_url: Option<url::Url>,
    /// `KANTA_SANDBOX`: `on` serves the built-in test services under `/sandbox/`; default on in development.
    pub sandbox: bool,
    /// `KANTA_SANDBOX_IDP`: the sandbox identity provider's profile, `ftn` (default) or `plain`.
    pub sandbox_idp: SandboxIdpProfile,
    pub oidc: OidcConfig,
    /// `KANTA_PSEUDONYM_KEY`: secret for the keyed hash of personal identity codes; required in production.
    pub pseudonym_key: String,
    /// `KANTA_SESSION_IDLE_MINUTES` (default 30) and `KANTA_SESSION_MAX_HOURS` (default 10).
    pub session: SessionPolicy,
    pub registries: RegistriesConfig,
    /// `KANTA_STAFF`: identity codes of Kanta's staff, comma-separated; in the sandbox default the
    /// test person p10 (Oskar Berg).
    pub staff: Vec<app::domain::hetu::Hetu>,
    /// `KANTA_SMTP_URL`: `smtp://host:port`, `smtps://…` or `smtp://…?tls=required`, with
    /// `user:password@` if needed; unset in the sandbox: its own receiver on loopback.
    pub smtp_url: Option<String>,
    /// `KANTA_MAIL_FROM`: the sender of the product's e-mail.
    pub mail_from: String,
    /// `KANTA_MAIL_RETRY_FIRST_SECONDS` (default 30): the wait after a mail's first failed
    /// attempt, doubled after each failure up to an hour; `KANTA_MAIL_RETRY_HOURS` (default 48):
    /// how long a mail is tried before staff see it as undeliverable.
    pub mail_retry: app::backend::mail::RetryPolicy,
    /// `KANTA_HEADER_TIMEOUT_SECONDS` (10), `KANTA_REQUEST_TIMEOUT_SECONDS` (60),
    /// `KANTA_MAX_CONNECTIONS` (1024), `KANTA_BODY_LIMIT_KB` (1024) and `KANTA_UPLOAD_LIMIT_KB`
    /// (10240, file uploads): what one request and one connection may cost.
    pub limits: crate::limits::Limits,
    /// Requests per minute (0: no limit): `KANTA_RATE_LOGIN_PER_MINUTE` (300, per address: a
    /// hospital's staff may share one), `KANTA_RATE_SUPPORT_PER_MINUTE` (10, per address),
    /// `KANTA_RATE_REGISTERS_PER_MINUTE` (30, per session), `KANTA_RATE_IMPORT_PER_MINUTE` (10,
    /// per session); `KANTA_TRUSTED_PROXY_HEADER`, e.g. `X-Forwarded-For`, when a proxy in front
    /// of us puts the client's address there (unset: the connection's peer).
    pub rate_limits: crate::limits::rate::RateLimits,
    /// `KANTA_SCHEDULED_JOBS` (default `on`): whether this instance runs the daily jobs (they
    /// run once across all instances either way); `off` for instances that only serve, when the
    /// operator runs `server remind` from a scheduler.
    pub scheduled_jobs: bool,
}

/// The sandbox's staff member: test person p10.
const SANDBOX_STAFF: &str = "170688-990E";

/// The outside registers. A URL left unset means the built-in sandbox's (which then must be on).
#[derive(Clone, Debug)]
pub struct RegistriesConfig {
    /// `KANTA_TRADE_REGISTER_URL`
    pub trade_register: Option<String>,
    /// `KANTA_PROFESSIONAL_REGISTER_URL`
    pub professional_register: Option<String>,
    /// `KANTA_CODE_SERVICE_URL`
    pub code_service: Option<String>,
    /// `KANTA_PHARMACY_REGISTER_URL`: Fimea's pharmacy register (takeover dates).
    pub pharmacy_register: Option<String>,
    /// `KANTA_MANDATES_URL`: Suomi.fi e-Authorizations.
    pub mandates: Option<String>,
    /// `KANTA_MANDATES_CLIENT_ID`, default `kanta-extranet`.
    pub mandates_client_id: String,
    /// `KANTA_MANDATES_CLIENT_SECRET` and `KANTA_MANDATES_OAUTH_SECRET`; the sandbox's by default.
    pub mandates_client_secret: String,
    pub mandates_oauth_secret: String,
    /// `KANTA_ACTING_RECHECK_SECONDS` (default 300): how old a confirmation of someone's basis may
    /// be before the register is asked again; 0 asks on every action.
    pub recheck_after: chrono::Duration,
    /// `KANTA_REGISTER_CACHE_SECONDS` (default 300): how long the code service's answers are
    /// kept before it is asked again; 0 asks every time.
    pub cache_for: std::time::Duration,
}

/// The identity provider and how we talk to it: Suomi.fi identification's FTN OIDC profile
/// (Traficom recommendation 213/2023 S) unless switched off per part.
#[derive(Clone, Debug)]
pub struct OidcConfig {
    /// `KANTA_OIDC_ISSUER`; unset means the built-in sandbox provider (which then must be on).
    pub issuer: Option<String>,
    /// `KANTA_OIDC_CLIENT_ID`, default `kanta-extranet`.
    pub client_id: String,
    pub client_auth: ClientAuth,
    /// `KANTA_OIDC_SIGNING_KEY_FILES` and `KANTA_OIDC_ENCRYPTION_KEY_FILES`: our keys, published
    /// at `/.well-known/jwks.json`; the sandbox's by default with the sandbox provider.
    pub keys: Arc<KeyRing>,
    /// `KANTA_OIDC_REQUEST_OBJECT` (default `on`): the authorization request as a signed `request` JWT.
    pub request_object: bool,
    /// `KANTA_OIDC_REQUIRE_ENCRYPTION` (`on` in production, where it cannot be turned off):
    /// a plain ID token or userinfo answer is refused.
    pub require_encryption: bool,
    /// `KANTA_OIDC_TEST_ENVIRONMENT` (default `off`, never in production): accept the test level
    /// of assurance that Suomi.fi's customer-test environment reports.
    pub test_environment: bool,
    /// `KANTA_OIDC_ASSURANCE`: `substantial` (default) or `high`.
    pub assurance: Assurance,
    /// `KANTA_OIDC_SCOPES`, space-separated, default `openid profile personal_identity_code`.
    pub scopes: Vec<String>,
    pub claims: ClaimNames,
}

/// How the relying party proves who it is at the token endpoint.
#[derive(Clone)]
pub enum ClientAuth {
    /// `private_key_jwt`, signed with the current signing key; the default.
    PrivateKeyJwt,
    /// `client_secret_basic` (`KANTA_OIDC_CLIENT_SECRET`), for providers that need it.
    ClientSecretBasic { secret: String },
}

impl fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ClientAuth::PrivateKeyJwt => "PrivateKeyJwt",
            ClientAuth::ClientSecretBasic { .. } => "ClientSecretBasic",
        })
    }
}

/// Where the person's data is in the provider's claims (`KANTA_OIDC_CLAIM_*`); Suomi.fi's names by default.
#[derive(Clone, Debug)]
pub struct ClaimNames {
    pub hetu: String,
    /// The calling name (Suomi.fi: the first given name when none is registered).
    pub given_name: String,
    /// All first names, the fallback when `given_name` is missing (eIDAS `CurrentGivenName`).
    pub first_names: String,
    pub surname: String,
    /// The last fallback for the given name: its first word.
    pub display_name: String,
}

impl Default for ClaimNames {
    fn default() -> Self {
        ClaimNames {
            hetu: "urn:oid:1.2.246.21".into(),
            given_name: "urn:oid:2.5.4.42".into(),
            first_names: "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName".into(),
            surname: "urn:oid:2.5.4.4".into(),
            display_name: "name".into(),
        }
    }
}

/// Which profile the sandbox identity provider speaks (`KANTA_SANDBOX_IDP`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SandboxIdpProfile {
    /// `ftn` (default): request objects required, ID token and userinfo signed and encrypted to our keys.
    Ftn,
    /// `plain`: plain OIDC, for a tester comparing the two.
    Plain,
}

/// The pseudonym key used on a development machine only; production refuses to start without its own.
const DEVELOPMENT_PSEUDONYM_KEY: &str = "development-only-pseudonym-key";

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/kanta.db?mode=rwc";

#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub expected: &'static str,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={:?} is not valid: expected {}", self.variable, self.value, self.expected)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads every setting through `get`, so tests need not touch the process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let parse = |variable: &'static str, expected: &'static str, default: &str| {
            let value = get(variable).unwrap_or_else(|| default.to_string());
            (value, move |value: String| ConfigError { variable, value, expected })
        };

        let (listen, bad) = parse(
            "KANTA_LISTEN",
            "an IP address and port, for example 127.0.0.1:3000",
            &get("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into()),
        );
        let listen = listen.trim().parse().map_err(|_| bad(listen))?;

        let (database_url, bad) = parse(
            "KANTA_DATABASE_URL",
            "a URL starting with sqlite:// or postgres:// (or postgresql://)",
            DEFAULT_DATABASE_URL,
        );
        if !["sqlite:", "postgres://", "postgresql://"].iter().any(|p| database_url.starts_with(p)) {
            return Err(bad(database_url));
        }

        let (environment, bad) = parse("KANTA_ENV", "development or production", "development");
        let environment = match environment.trim().to_ascii_lowercase().as_str() {
            "development" | "dev" => Environment::Development,
            "production" | "prod" => Environment::Production,
            _ => return Err(bad(environment)),
        };

        let (log_format, bad) = parse("KANTA_LOG_FORMAT", "pretty or json", "pretty");
        let log_format = match log_format.trim().to_ascii_lowercase().as_str() {
            "pretty" => LogFormat::Pretty,
            "json" => LogFormat::Json,
            _ => return Err(bad(log_format)),
        };

        let production = environment == Environment::Production;

        let public_url = match get("KANTA_PUBLIC_URL") {
            None => None,
            Some(value) => {
                let url = url::Url::parse(value.trim().trim_end_matches('/')).ok().filter(|u| u.has_host());
                Some(url.ok_or(ConfigError {
                    variable: "KANTA_PUBLIC_URL",
                    value,
                    expected: "the site's address, for example https://extranet.example.fi",
                })?)
            }
        };

        let switch = |variable: &'static str, default: bool| -> Result<bool, ConfigError> {
            let (value, bad) = parse(variable, "on or off", if default { "on" } else { "off" });
            match value.trim().to_ascii_lowercase().as_str() {
                "on" | "true" | "1" => Ok(true),
                "off" | "false" | "0" => Ok(false),
                _ => Err(bad(value)),
            }
        };
        if production && public_url.as_ref().is_some_and(|u| u.scheme() != "https") {
            return Err(ConfigError {
                variable: "KANTA_PUBLIC_URL",
                value: get("KANTA_PUBLIC_URL").unwrap_or_default(),
                expected: "an https:// address in production (cookies are Secure, HSTS is sent)",
            });
        }
        let sandbox = switch("KANTA_SANDBOX", !production)?;
        let scheduled_jobs = switch("KANTA_SCHEDULED_JOBS", true)?;
        if production && sandbox {
            return Err(ConfigError {
                variable: "KANTA_SANDBOX",
                value: "on".into(),
                expected: "off in production (its login, mandates and mail are open to anyone)",
            });
        }

        let issuer = get("KANTA_OIDC_ISSUER").map(|s| s.trim().trim_end_matches('/').to_string());
        if issuer.is_none() && !sandbox {
            return Err(ConfigError {
                variable: "KANTA_OIDC_ISSUER",
                value: String::new(),
                expected: "the identity provider's issuer URL (required when KANTA_SANDBOX is off)",
            });
        }
        let request_object = switch("KANTA_OIDC_REQUEST_OBJECT", true)?;
        let require_encryption = switch("KANTA_OIDC_REQUIRE_ENCRYPTION", production)?;
        if production && !require_encryption {
            return Err(ConfigError {
                variable: "KANTA_OIDC_REQUIRE_ENCRYPTION",
                value: "off".into(),
                expected: "on in production (Suomi.fi encrypts ID tokens and userinfo to us)",
            });
        }
        let test_environment = switch("KANTA_OIDC_TEST_ENVIRONMENT", false)?;
        if production && test_environment {
            return Err(ConfigError {
                variable: "KANTA_OIDC_TEST_ENVIRONMENT",
                value: "on".into(),
                expected: "off in production (the customer-test level of assurance is never accepted there)",
            });
        }
        let client_secret = get("KANTA_OIDC_CLIENT_SECRET");
        let pems = |variable: &'static str| -> Result<Option<Vec<String>>, ConfigError> {
            let Some(list) = get(variable) else { return Ok(None) };
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|path| {
                    let bad = |expected| ConfigError { variable, value: path.to_string(), expected };
                    let pem = std::fs::read_to_string(path)
                        .map_err(|_| bad("readable files with RSA private keys in PEM, separated by commas"))?;
                    KeyRing::check_pem(&pem).map_err(|_| bad("RSA private keys of at least 2048 bits in PEM"))?;
                    Ok(pem)
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
        };
        let sandbox_provider = issuer.is_none();
        let signing = match pems("KANTA_OIDC_SIGNING_KEY_FILES")? {
            Some(keys) => keys,
            None if sandbox_provider => crate::sandbox::keys::rp_signing(),
            None if client_secret.is_some() && !request_object => Vec::new(),
            None => {
                return Err(ConfigError {
                    variable: "KANTA_OIDC_SIGNING_KEY_FILES",
                    value: String::new(),
                    expected: "our signing keys (PEM files, current first) for the configured issuer",
                });
            }
        };
        let encryption = match pems("KANTA_OIDC_ENCRYPTION_KEY_FILES")? {
            Some(keys) => keys,
            None if sandbox_provider => crate::sandbox::keys::rp_encryption(),
            None if require_encryption => {
                return Err(ConfigError {
                    variable: "KANTA_OIDC_ENCRYPTION_KEY_FILES",
                    value: String::new(),
                    expected: "our encryption keys (PEM files) when encryption is required",
                });
            }
            None => Vec::new(),
        };
        let keys = KeyRing::from_pems(&signing, &encryption).map_err(|error| ConfigError {
            variable: "KANTA_OIDC_ENCRYPTION_KEY_FILES",
            value: error.to_string(),
            expected: "keys other than the signing keys, each listed once",
        })?;
        if production {
            let sandbox = crate::sandbox::keys::rp_signing().into_iter().chain(crate::sandbox::keys::rp_encryption());
            let sandbox = KeyRing::from_pems(&sandbox.collect::<Vec<_>>(), &[]);
            let sandbox_kids: Vec<String> = sandbox.iter().flat_map(|ring| ring.kids().map(String::from)).collect();
            if let Some(kid) = keys.kids().find(|kid| sandbox_kids.iter().any(|s| s == kid)) {
                return Err(ConfigError {
                    variable: "KANTA_OIDC_SIGNING_KEY_FILES",
                    value: format!("the sandbox key {kid}"),
                    expected: "keys of our own in production: the sandbox's are public",
                });
            }
        }
        let client_auth = match client_secret {
            Some(secret) => ClientAuth::ClientSecretBasic { secret },
            None => ClientAuth::PrivateKeyJwt,
        };
        let (assurance, bad) = parse("KANTA_OIDC_ASSURANCE", "substantial or high", "substantial");
        let assurance = match assurance.trim().to_ascii_lowercase().as_str() {
            "substantial" => Assurance::Substantial,
            "high" => Assurance::High,
            _ => return Err(bad(assurance)),
        };
        let scopes = get("KANTA_OIDC_SCOPES")
            .unwrap_or_else(|| "openid profile personal_identity_code".into())
            .split_whitespace()
            .map(String::from)
            .collect();
        let defaults = ClaimNames::default();
        let claims = ClaimNames {
            hetu: get("KANTA_OIDC_CLAIM_HETU").unwrap_or(defaults.hetu),
            given_name: get("KANTA_OIDC_CLAIM_GIVEN_NAME").unwrap_or(defaults.given_name),
            first_names: get("KANTA_OIDC_CLAIM_FIRST_NAMES").unwrap_or(defaults.first_names),
            surname: get("KANTA_OIDC_CLAIM_SURNAME").unwrap_or(defaults.surname),
            display_name: get("KANTA_OIDC_CLAIM_DISPLAY_NAME").unwrap_or(defaults.display_name),
        };
        let client_id = get("KANTA_OIDC_CLIENT_ID").unwrap_or_else(|| "kanta-extranet".into());
        let oidc = OidcConfig {
            issuer,
            client_id,
            client_auth,
            keys: Arc::new(keys),
            request_object,
            require_encryption,
            test_environment,
            assurance,
            scopes,
            claims,
        };
        let (sandbox_idp, bad) = parse("KANTA_SANDBOX_IDP", "ftn or plain", "ftn");
        let sandbox_idp = match sandbox_idp.trim().to_ascii_lowercase().as_str() {
            "ftn" => SandboxIdpProfile::Ftn,
            "plain" => SandboxIdpProfile::Plain,
            _ => return Err(bad(sandbox_idp)),
        };

        let pseudonym_key = match get("KANTA_PSEUDONYM_KEY") {
            Some(key) if key.len() >= 32 => key,
            None if !production => DEVELOPMENT_PSEUDONYM_KEY.into(),
            other => {
                return Err(ConfigError {
                    variable: "KANTA_PSEUDONYM_KEY",
                    value: if other.is_some() { "(too short)".into() } else { String::new() },
                    expected: "a random secret of at least 32 characters (required in production)",
                });
            }
        };

        let minutes = |variable: &'static str, default: &str, per: i64| -> Result<chrono::Duration, ConfigError> {
            let (value, bad) = parse(variable, "a whole number from 1 to 10000", default);
            match value.trim().parse::<i64>() {
                Ok(n) if (1..=10_000).contains(&n) => Ok(chrono::Duration::minutes(n * per)),
                _ => Err(bad(value)),
            }
        };
        let session = SessionPolicy {
            idle: minutes("KANTA_SESSION_IDLE_MINUTES", "30", 1)?,
            absolute: minutes("KANTA_SESSION_MAX_HOURS", "10", 60)?,
        };

        let url_of = |variable: &'static str| -> Result<Option<String>, ConfigError> {
            match get(variable) {
                Some(value) if url::Url::parse(value.trim()).is_ok_and(|u| u.has_host()) => {
                    Ok(Some(value.trim().trim_end_matches('/').to_string()))
                }
                Some(value) => Err(ConfigError { variable, value, expected: "an http(s) URL" }),
                None if sandbox => Ok(None),
                None => Err(ConfigError {
                    variable,
                    value: String::new(),
                    expected: "the register's URL (required when KANTA_SANDBOX is off)",
                }),
            }
        };
        let mandates = url_of("KANTA_MANDATES_URL")?;
        let secret = |variable: &'static str, sandbox_value: &str| match get(variable) {
            Some(value) => Ok(value),
            None if mandates.is_none() => Ok(sandbox_value.to_string()),
            None => Err(ConfigError {
                variable,
                value: String::new(),
                expected: "the e-Authorizations secret for the configured KANTA_MANDATES_URL",
            }),
        };
        let (recheck, bad) = parse("KANTA_ACTING_RECHECK_SECONDS", "a whole number of seconds, 0 to 86400", "300");
        let recheck_after = match recheck.trim().parse::<i64>() {
            Ok(n) if (0..=86_400).contains(&n) => chrono::Duration::seconds(n),
            _ => return Err(bad(recheck)),
        };
        let (cache, bad) = parse("KANTA_REGISTER_CACHE_SECONDS", "a whole number of seconds, 0 to 86400", "300");
        let cache_for = match cache.trim().parse::<u64>() {
            Ok(n) if n <= 86_400 => std::time::Duration::from_secs(n),
            _ => return Err(bad(cache)),
        };
        let registries = RegistriesConfig {
            trade_register: url_of("KANTA_TRADE_REGISTER_URL")?,
            professional_register: url_of("KANTA_PROFESSIONAL_REGISTER_URL")?,
            code_service: url_of("KANTA_CODE_SERVICE_URL")?,
            pharmacy_register: url_of("KANTA_PHARMACY_REGISTER_URL")?,
            mandates_client_id: get("KANTA_MANDATES_CLIENT_ID").unwrap_or_else(|| "kanta-extranet".into()),
            mandates_client_secret: secret("KANTA_MANDATES_CLIENT_SECRET", crate::sandbox::mandates::CLIENT_SECRET)?,
            mandates_oauth_secret: secret("KANTA_MANDATES_OAUTH_SECRET", crate::sandbox::mandates::OAUTH_SECRET)?,
            mandates,
            recheck_after,
            cache_for,
        };

        let staff = match get("KANTA_STAFF") {
            Some(list) => list
                .split(',')
                .filter(|h| !h.trim().is_empty())
                .map(|h| {
                    app::domain::hetu::Hetu::parse(h.trim()).map_err(|_| ConfigError {
                        variable: "KANTA_STAFF",
                        value: h.trim().to_string(),
                        expected: "personal identity codes separated by commas",
                    })
                })
                .collect::<Result<Vec<_>, _>>()?,
            None if sandbox => app::domain::hetu::Hetu::parse(SANDBOX_STAFF).into_iter().collect(),
            None => Vec::new(),
        };
        let smtp_url = match get("KANTA_SMTP_URL") {
            Some(value) if ["smtp://", "smtps://"].iter().any(|p| value.trim().starts_with(p)) => {
                Some(value.trim().to_string())
            }
            Some(value) => {
                return Err(ConfigError { variable: "KANTA_SMTP_URL", value, expected: "an smtp:// or smtps:// URL" });
            }
            None if sandbox => None,
            None => {
                return Err(ConfigError {
                    variable: "KANTA_SMTP_URL",
                    value: String::new(),
                    expected: "the mail relay's smtp:// or smtps:// URL (required when KANTA_SANDBOX is off)",
                });
            }
        };
        let mail_from =
            get("KANTA_MAIL_FROM").unwrap_or_else(|| "Kanta Extranet <noreply@extranet.kanta.example>".into());
        // Bounded, so no setting can overflow a duration or a size.
        let whole = |variable: &'static str, default: &str, max: i64| -> Result<i64, ConfigError> {
            let (value, bad) = parse(variable, "a whole number above zero and not too large", default);
            value.trim().parse::<i64>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| bad(value))
        };
        let limits = crate::limits::Limits {
            header_read_timeout: std::time::Duration::from_secs(
                whole("KANTA_HEADER_TIMEOUT_SECONDS", "10", 600)? as u64
            ),
            request_timeout: std::time::Duration::from_secs(whole("KANTA_REQUEST_TIMEOUT_SECONDS", "60", 3600)? as u64),
            max_connections: whole("KANTA_MAX_CONNECTIONS", "1024", 65_536)? as usize,
            body_limit: whole("KANTA_BODY_LIMIT_KB", "1024", 1_048_576)? as usize * 1024,
            upload_limit: whole("KANTA_UPLOAD_LIMIT_KB", "10240", 1_048_576)? as usize * 1024,
        };
        let per_minute = |variable: &'static str, default: &str| -> Result<u32, ConfigError> {
            let (value, bad) = parse(variable, "a whole number of requests a minute (0: no limit)", default);
            value.trim().parse::<u32>().map_err(|_| bad(value))
        };
        let trusted_header = match get("KANTA_TRUSTED_PROXY_HEADER") {
            Some(value) => Some(axum::http::HeaderName::try_from(value.trim()).map_err(|_| ConfigError {
                variable: "KANTA_TRUSTED_PROXY_HEADER",
                value,
                expected: "an HTTP header name, for example X-Forwarded-For",
            })?),
            None => None,
        };
        let rate_limits = crate::limits::rate::RateLimits {
            login: per_minute("KANTA_RATE_LOGIN_PER_MINUTE", "300")?,
            support: per_minute("KANTA_RATE_SUPPORT_PER_MINUTE", "10")?,
            registers: per_minute("KANTA_RATE_REGISTERS_PER_MINUTE", "30")?,
            import: per_minute("KANTA_RATE_IMPORT_PER_MINUTE", "10")?,
            trusted_header,
        };
        let mail_retry = app::backend::mail::RetryPolicy {
            first_wait: chrono::Duration::seconds(whole("KANTA_MAIL_RETRY_FIRST_SECONDS", "30", 3600)?),
            window: chrono::Duration::hours(whole("KANTA_MAIL_RETRY_HOURS", "48", 24 * 30)?),
        };

        Ok(Config {
            staff,
            smtp_url,
            mail_from,
            mail_retry,
            limits,
            rate_limits,
            scheduled_jobs,
            listen,
            database_url,
            environment,
            log_format,
            public_url,
            sandbox,
            sandbox_idp,
            oidc,
            pseudonym_key,
            session,
            registries,
        })
    }

    /// The folder a SQLite URL points into, which must exist before SQLite can create the file.
    pub fn sqlite_dir(&self) -> Option<std::path::PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite://").or_else(|| self.database_url.strip_prefix("sqlite:"))?;
        let path = rest.split('?').next()?;
        if path.is_empty() || path == ":memory:" {
            return None;
        }
        std::path::Path::new(path).parent().map(|p| p.to_path_buf()).filter(|p| !p.as_os_str().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| vars.get(k).cloned())
    }

    #[test]
    fn defaults_serve_sqlite_on_loopback() {
        let c = config(&[]).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.environment, Environment::Development);
        assert_eq!(c.sqlite_dir().unwrap(), std::path::PathBuf::from("data"));
    }

    #[test]
    fn leptos_site_addr_is_the_fallback_listen_address() {
        assert_eq!(config(&[("LEPTOS_SITE_ADDR", "127.0.0.1:4000")]).unwrap().listen.port(), 4000);
        assert_eq!(
            config(&[("LEPTOS_SITE_ADDR", "127.0.0.1:4000"), ("KANTA_LISTEN", "0.0.0.0:5000")]).unwrap().listen.port(),
            5000
        );
    }

    #[test]
    fn bad_values_name_the_variable_and_what_is_expected() {
        let e = config(&[("KANTA_LISTEN", "localhost")]).unwrap_err();
        assert_eq!(e.variable, "KANTA_LISTEN");
        assert!(e.to_string().contains("127.0.0.1:3000"), "{e}");
        assert_eq!(config(&[("KANTA_DATABASE_URL", "mysql://x")]).unwrap_err().variable, "KANTA_DATABASE_URL");
        assert_eq!(config(&[("KANTA_ENV", "staging")]).unwrap_err().variable, "KANTA_ENV");
        assert_eq!(config(&[("KANTA_LOG_FORMAT", "xml")]).unwrap_err().variable, "KANTA_LOG_FORMAT");
        assert_eq!(config(&[("KANTA_OIDC_ASSURANCE", "low")]).unwrap_err().variable, "KANTA_OIDC_ASSURANCE");
        assert_eq!(config(&[("KANTA_SESSION_IDLE_MINUTES", "0")]).unwrap_err().variable, "KANTA_SESSION_IDLE_MINUTES");
        assert_eq!(
            config(&[("KANTA_ACTING_RECHECK_SECONDS", "-1")]).unwrap_err().variable,
            "KANTA_ACTING_RECHECK_SECONDS"
        );
        assert_eq!(config(&[("KANTA_CODE_SERVICE_URL", "thl")]).unwrap_err().variable, "KANTA_CODE_SERVICE_URL");
        assert_eq!(
            config(&[("KANTA_OIDC_SIGNING_KEY_FILES", "/nonexistent")]).unwrap_err().variable,
            "KANTA_OIDC_SIGNING_KEY_FILES"
        );
        assert_eq!(
            config(&[("KANTA_OIDC_REQUEST_OBJECT", "maybe")]).unwrap_err().variable,
            "KANTA_OIDC_REQUEST_OBJECT"
        );
        assert_eq!(config(&[("KANTA_SANDBOX_IDP", "saml")]).unwrap_err().variable, "KANTA_SANDBOX_IDP");
    }

    #[test]
    fn development_uses_the_sandbox_provider_and_production_needs_its_own() {
        let c = config(&[]).unwrap();
        assert!(c.sandbox && c.oidc.issuer.is_none());
        assert!(matches!(c.oidc.client_auth, ClientAuth::PrivateKeyJwt));
        assert!(c.oidc.request_object && !c.oidc.require_encryption && !c.oidc.test_environment);
        assert!(c.oidc.keys.has_encryption_keys(), "the sandbox's keys");
        assert_eq!(c.sandbox_idp, SandboxIdpProfile::Ftn);
        assert_eq!(c.oidc.assurance, Assurance::Substantial);
        assert_eq!(c.oidc.claims.hetu, "urn:oid:1.2.246.21");
        let e = config(&[("KANTA_ENV", "production")]).unwrap_err();
        assert_eq!(e.variable, "KANTA_OIDC_ISSUER");
        let e = config(&[("KANTA_ENV", "production"), ("KANTA_PUBLIC_URL", "http://extranet.example")]).unwrap_err();
        assert_eq!(e.variable, "KANTA_PUBLIC_URL", "production is served over https");
        assert_eq!(
            config(&[("KANTA_MAIL_RETRY_HOURS", "99999999999")]).unwrap_err().variable,
            "KANTA_MAIL_RETRY_HOURS"
        );
        let e = config(&[("KANTA_ENV", "production"), ("KANTA_OIDC_ISSUER", "https://idp.example")]).unwrap_err();
        assert_eq!(e.variable, "KANTA_OIDC_SIGNING_KEY_FILES");
        // Keys of our own: production refuses the sandbox's, which are public.
        let dir = std::env::temp_dir().join(format!("kanta-config-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = |name: &str| {
            use josekit::jwk::KeyPair;
            let pem = josekit::jwk::alg::rsa::RsaKeyPair::generate(2048).unwrap().to_pem_private_key();
            let path = dir.join(name);
            std::fs::write(&path, pem).unwrap();
            path.display().to_string()
        };
        let signing = format!("{}, {}", key("signing-1.pem"), key("signing-2.pem"));
        let encryption = key("encryption-1.pem");
        let (signing, encryption) = (signing.as_str(), encryption.as_str());
        let e = config(&[
            ("KANTA_ENV", "production"),
            ("KANTA_OIDC_ISSUER", "https://idp.example"),
            ("KANTA_OIDC_SIGNING_KEY_FILES", signing),
        ])
        .unwrap_err();
        assert_eq!(e.variable, "KANTA_OIDC_ENCRYPTION_KEY_FILES", "encryption is required in production");
        let oidc = [
            ("KANTA_ENV", "production"),
            ("KANTA_OIDC_ISSUER", "https://idp.example/"),
            ("KANTA_OIDC_SIGNING_KEY_FILES", signing),
            ("KANTA_OIDC_ENCRYPTION_KEY_FILES", encryption),
        ];
        assert_eq!(config(&oidc).unwrap_err().variable, "KANTA_PSEUDONYM_KEY");
        let sandbox_key = concat!(env!("CARGO_MANIFEST_DIR"), "/src/sandbox/keys/rp-encryption-1.pem");
        let with_sandbox_key = [&oidc[..3], &[("KANTA_OIDC_ENCRYPTION_KEY_FILES", sandbox_key)]].concat();
        assert_eq!(config(&with_sandbox_key).unwrap_err().variable, "KANTA_OIDC_SIGNING_KEY_FILES", "sandbox key");
        let repeated = [&oidc[..3], &[("KANTA_OIDC_ENCRYPTION_KEY_FILES", signing)]].concat();
        assert_eq!(config(&repeated).unwrap_err().variable, "KANTA_OIDC_ENCRYPTION_KEY_FILES", "a key used twice");
        for refused in
            [("KANTA_OIDC_REQUIRE_ENCRYPTION", "off"), ("KANTA_OIDC_TEST_ENVIRONMENT", "on"), ("KANTA_SANDBOX", "on")]
        {
            assert_eq!(config(&[&oidc[..], &[refused]].concat()).unwrap_err().variable, refused.0, "in production");
        }
        let production = [&oidc[..], &[("KANTA_PSEUDONYM_KEY", "0123456789abcdef0123456789abcdef")]].concat();
        assert_eq!(config(&production).unwrap_err().variable, "KANTA_MANDATES_URL");
        let with_registers = [
            ("KANTA_MANDATES_URL", "https://valtuudet.example"),
            ("KANTA_TRADE_REGISTER_URL", "https://ytj.example"),
            ("KANTA_PROFESSIONAL_REGISTER_URL", "https://terhikki.example"),
            ("KANTA_CODE_SERVICE_URL", "https://koodistopalvelu.example"),
        ];
        let e = config(&[&production[..], &with_registers[..]].concat()).unwrap_err();
        assert_eq!(e.variable, "KANTA_PHARMACY_REGISTER_URL");
        let with_registers =
            [&with_registers[..], &[("KANTA_PHARMACY_REGISTER_URL", "https://fimea.example")]].concat();
        let e = config(&[&production[..], &with_registers[..]].concat()).unwrap_err();
        assert_eq!(e.variable, "KANTA_MANDATES_CLIENT_SECRET", "no sandbox secret for a real service");
        let secrets = [("KANTA_MANDATES_CLIENT_SECRET", "c"), ("KANTA_MANDATES_OAUTH_SECRET", "o")];
        let e = config(&[&production[..], &with_registers[..], &secrets[..]].concat()).unwrap_err();
        assert_eq!(e.variable, "KANTA_SMTP_URL", "mail needs a real relay");
        let mail =
            [("KANTA_SMTP_URL", "smtp://relay.example:587?tls=required"), ("KANTA_STAFF", "170688-990E, 120375-901K")];
        let c = config(&[&production[..], &with_registers[..], &secrets[..], &mail[..]].concat()).unwrap();
        assert_eq!(c.staff.len(), 2);
        let bad_staff = [("KANTA_STAFF", "170688-990X")];
        assert_eq!(config(&bad_staff).unwrap_err().variable, "KANTA_STAFF");
        assert_eq!(config(&[]).unwrap().staff.len(), 1, "the sandbox's staff member");
        assert_eq!(c.registries.code_service.as_deref(), Some("https://koodistopalvelu.example"));
        assert_eq!(c.registries.pharmacy_register.as_deref(), Some("https://fimea.example"));
        assert!(!c.sandbox);
        assert_eq!(c.oidc.issuer.as_deref(), Some("https://idp.example"));
        assert!(c.oidc.require_encryption);
        assert_eq!(c.oidc.keys.jwks()["keys"].as_array().unwrap().len(), 3);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn postgres_urls_have_no_sqlite_dir() {
        let c = config(&[("KANTA_DATABASE_URL", "postgres://kanta@127.0.0.1:5432/kanta")]).unwrap();
        assert_eq!(c.sqlite_dir(), None);
    }
}
