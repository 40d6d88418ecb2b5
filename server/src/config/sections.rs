//! The settings besides the identity provider's: the site's address, the pseudonym key, the
//! registers and e-Authorizations, staff, mail, and the request limits.
use super::{
    ConfigError, DEVELOPMENT_PSEUDONYM_KEY, RegistriesConfig, SANDBOX_MANDATES_CLIENT_SECRET,
    SANDBOX_MANDATES_OAUTH_SECRET, SANDBOX_STAFF, read::Settings,
};
use app::domain::hetu::Hetu;

/// `KANTA_PUBLIC_URL`, the address browsers use; https in production.
pub(super) fn public_url<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
    production: bool,
) -> Result<Option<url::Url>, ConfigError> {
    let Some(value) = env.get("KANTA_PUBLIC_URL") else { return Ok(None) };
    let Some(url) = url::Url::parse(value.trim().trim_end_matches('/')).ok().filter(|u| u.has_host()) else {
        return Err(ConfigError {
            variable: "KANTA_PUBLIC_URL",
            value,
            expected: "the site's address, for example https://extranet.example.fi",
        });
    };
    if production && url.scheme() != "https" {
        return Err(ConfigError {
            variable: "KANTA_PUBLIC_URL",
            value,
            expected: "an https:// address in production (cookies are Secure, HSTS is sent)",
        });
    }
    Ok(Some(url))
}

/// `KANTA_PSEUDONYM_KEY`: at least 32 characters; a fixed one on a development machine only.
pub(super) fn pseudonym_key<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
    production: bool,
) -> Result<String, ConfigError> {
    match env.get("KANTA_PSEUDONYM_KEY") {
        Some(key) if key.len() >= 32 => Ok(key),
        None if !production => Ok(DEVELOPMENT_PSEUDONYM_KEY.into()),
        other => Err(ConfigError {
            variable: "KANTA_PSEUDONYM_KEY",
            value: if other.is_some() { "(too short)".into() } else { String::new() },
            expected: "a random secret of at least 32 characters (required in production)",
        }),
    }
}

/// The registers and e-Authorizations: their URLs (the sandbox's when unset), e-Authorizations'
/// secrets (required with its URL), how long a confirmation of someone's basis holds and how
/// long an answer is kept.
pub(super) fn registries<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
    sandbox: bool,
) -> Result<RegistriesConfig, ConfigError> {
    let mandates = env.url_of("KANTA_MANDATES_URL", sandbox)?;
    let secret = |variable: &'static str, sandbox_value: &str| match env.get(variable) {
        Some(value) => Ok(value),
        None if mandates.is_none() => Ok(sandbox_value.to_string()),
        None => Err(ConfigError {
            variable,
            value: String::new(),
            expected: "the e-Authorizations secret for the configured KANTA_MANDATES_URL",
        }),
    };
    let (recheck, bad) = env.read("KANTA_ACTING_RECHECK_SECONDS", "a whole number of seconds, 0 to 86400", "300");
    let recheck_after = match recheck.trim().parse::<i64>() {
        Ok(n) if (0..=86_400).contains(&n) => chrono::Duration::seconds(n),
        _ => return Err(bad.at(recheck)),
    };
    let (cache, bad) = env.read("KANTA_REGISTER_CACHE_SECONDS", "a whole number of seconds, 0 to 86400", "300");
    let cache_for = match cache.trim().parse::<u64>() {
        Ok(n) if n <= 86_400 => std::time::Duration::from_secs(n),
        _ => return Err(bad.at(cache)),
    };
    Ok(RegistriesConfig {
        trade_register: env.url_of("KANTA_TRADE_REGISTER_URL", sandbox)?,
        professional_register: env.url_of("KANTA_PROFESSIONAL_REGISTER_URL", sandbox)?,
        code_service: env.url_of("KANTA_CODE_SERVICE_URL", sandbox)?,
        pharmacy_register: env.url_of("KANTA_PHARMACY_REGISTER_URL", sandbox)?,
        mandates_client_id: env.get("KANTA_MANDATES_CLIENT_ID").unwrap_or_else(|| "kanta-extranet".into()),
        mandates_client_secret: secret("KANTA_MANDATES_CLIENT_SECRET", SANDBOX_MANDATES_CLIENT_SECRET)?,
        mandates_oauth_secret: secret("KANTA_MANDATES_OAUTH_SECRET", SANDBOX_MANDATES_OAUTH_SECRET)?,
        mandates,
        recheck_after,
        cache_for,
    })
}

/// `KANTA_STAFF`: Kanta's staff by hetu; the sandbox's staff member when unset in the sandbox.
pub(super) fn staff<G: Fn(&str) -> Option<String>>(env: &Settings<G>, sandbox: bool) -> Result<Vec<Hetu>, ConfigError> {
    match env.get("KANTA_STAFF") {
        Some(list) => list
            .split(',')
            .filter(|h| !h.trim().is_empty())
            .map(|h| {
                Hetu::parse(h.trim()).map_err(|_| ConfigError {
                    variable: "KANTA_STAFF",
                    value: h.trim().to_string(),
                    expected: "personal identity codes separated by commas",
                })
            })
            .collect(),
        None if sandbox => Ok(Hetu::parse(SANDBOX_STAFF).into_iter().collect()),
        None => Ok(Vec::new()),
    }
}

/// The mail relay (`KANTA_SMTP_URL`; the sandbox's when unset in the sandbox) and the sender.
pub(super) fn mail<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
    sandbox: bool,
) -> Result<(Option<String>, String), ConfigError> {
    let smtp_url = match env.get("KANTA_SMTP_URL") {
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
        env.get("KANTA_MAIL_FROM").unwrap_or_else(|| "Kanta Extranet <noreply@extranet.kanta.example>".into());
    Ok((smtp_url, mail_from))
}

/// Timeouts, connection and body limits, and the rate limits (with the proxy header trusted for
/// the client's address, if any).
pub(super) fn limits<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
) -> Result<(crate::limits::Limits, crate::limits::rate::RateLimits), ConfigError> {
    let seconds =
        |variable, default, max| env.whole(variable, default, max).map(|n| std::time::Duration::from_secs(n as u64));
    let limits = crate::limits::Limits {
        header_read_timeout: seconds("KANTA_HEADER_TIMEOUT_SECONDS", "10", 600)?,
        request_timeout: seconds("KANTA_REQUEST_TIMEOUT_SECONDS", "60", 3600)?,
        max_connections: env.whole("KANTA_MAX_CONNECTIONS", "1024", 65_536)? as usize,
        body_limit: env.whole("KANTA_BODY_LIMIT_KB", "1024", 1_048_576)? as usize * 1024,
        upload_limit: env.whole("KANTA_UPLOAD_LIMIT_KB", "10240", 1_048_576)? as usize * 1024,
    };
    let trusted_header = match env.get("KANTA_TRUSTED_PROXY_HEADER") {
        Some(value) => Some(axum::http::HeaderName::try_from(value.trim()).map_err(|_| ConfigError {
            variable: "KANTA_TRUSTED_PROXY_HEADER",
            value,
            expected: "an HTTP header name, for example X-Forwarded-For",
        })?),
        None => None,
    };
    let rate_limits = crate::limits::rate::RateLimits {
        login: env.per_minute("KANTA_RATE_LOGIN_PER_MINUTE", "300")?,
        support: env.per_minute("KANTA_RATE_SUPPORT_PER_MINUTE", "10")?,
        registers: env.per_minute("KANTA_RATE_REGISTERS_PER_MINUTE", "30")?,
        import: env.per_minute("KANTA_RATE_IMPORT_PER_MINUTE", "10")?,
        trusted_header,
    };
    Ok((limits, rate_limits))
}
