//! Typed configuration from the environment, checked once at start-up.
use std::{fmt, net::SocketAddr};

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
}

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

        Ok(Config { listen, database_url, environment, log_format })
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
    }

    #[test]
    fn postgres_urls_have_no_sqlite_dir() {
        let c = config(&[("KANTA_DATABASE_URL", "postgres://kanta@127.0.0.1:5432/kanta")]).unwrap();
        assert_eq!(c.sqlite_dir(), None);
    }
}
