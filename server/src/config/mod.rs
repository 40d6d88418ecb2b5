//! Typed configuration from the environment, checked once at start-up: the types here, reading
//! a setting in `read`, the identity provider's in `oidc`, the rest in `sections`.
mod oidc;
mod read;
mod sections;
#[cfg(test)]
mod tests;

use crate::keys::KeyRing;
use app::{backend::identity::SessionPolicy, domain::assurance::Assurance};
use read::Settings;
use std::{fmt, net::SocketAddr, sync::Arc};

/// The sandbox e-Authorizations' checksum key and token password: the defaults of
/// `KANTA_MANDATES_CLIENT_SECRET` and `KANTA_MANDATES_OAUTH_SECRET`, which the sandbox checks.
pub const SANDBOX_MANDATES_CLIENT_SECRET: &str = "sandbox-mandates-client-secret";
pub const SANDBOX_MANDATES_OAUTH_SECRET: &str = "sandbox-mandates-oauth-secret";

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
    /// Fails with the first setting that is wrong, in the order they are read here.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let env = Settings::new(get);
        let listen_default = env.get("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let (listen, bad) =
            env.read("KANTA_LISTEN", "an IP address and port, for example 127.0.0.1:3000", &listen_default);
        let listen = listen.trim().parse().map_err(|_| bad.at(listen))?;
        let (database_url, bad) = env.read(
            "KANTA_DATABASE_URL",
            "a URL starting with sqlite:// or postgres:// (or postgresql://)",
            DEFAULT_DATABASE_URL,
        );
        if !["sqlite:", "postgres://", "postgresql://"].iter().any(|p| database_url.starts_with(p)) {
            return Err(bad.at(database_url));
        }
        let environment = env.choice(
            "KANTA_ENV",
            "development or production",
            "development",
            &[(&["development", "dev"], Environment::Development), (&["production", "prod"], Environment::Production)],
        )?;
        let log_format = env.choice(
            "KANTA_LOG_FORMAT",
            "pretty or json",
            "pretty",
            &[(&["pretty"], LogFormat::Pretty), (&["json"], LogFormat::Json)],
        )?;
        let production = environment == Environment::Production;
        let public_url = sections::public_url(&env, production)?;
        let sandbox = env.switch("KANTA_SANDBOX", !production)?;
        let scheduled_jobs = env.switch("KANTA_SCHEDULED_JOBS", true)?;
        if production && sandbox {
            return Err(ConfigError {
                variable: "KANTA_SANDBOX",
                value: "on".into(),
                expected: "off in production (its login, mandates and mail are open to anyone)",
            });
        }
        let oidc = oidc::read(&env, production, sandbox)?;
        let sandbox_idp = env.choice(
            "KANTA_SANDBOX_IDP",
            "ftn or plain",
            "ftn",
            &[(&["ftn"], SandboxIdpProfile::Ftn), (&["plain"], SandboxIdpProfile::Plain)],
        )?;
        let pseudonym_key = sections::pseudonym_key(&env, production)?;
        let session = SessionPolicy {
            idle: env.minutes("KANTA_SESSION_IDLE_MINUTES", "30", 1)?,
            absolute: env.minutes("KANTA_SESSION_MAX_HOURS", "10", 60)?,
        };
        let registries = sections::registries(&env, sandbox)?;
        let staff = sections::staff(&env, sandbox)?;
        let (smtp_url, mail_from) = sections::mail(&env, sandbox)?;
        let (limits, rate_limits) = sections::limits(&env)?;
        let mail_retry = app::backend::mail::RetryPolicy {
            first_wait: chrono::Duration::seconds(env.whole("KANTA_MAIL_RETRY_FIRST_SECONDS", "30", 3600)?),
            window: chrono::Duration::hours(env.whole("KANTA_MAIL_RETRY_HOURS", "48", 24 * 30)?),
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
