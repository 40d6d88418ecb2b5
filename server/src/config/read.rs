//! Reading one setting: its value or default, and an error naming the variable, the value and
//! what was expected.
use super::ConfigError;
use crate::keys::KeyRing;

/// The settings, read through a lookup (the process environment, or a test's map).
pub(super) struct Settings<G> {
    get: G,
}

/// What a setting expects, for the error that names it.
#[derive(Clone, Copy)]
pub(super) struct Expected {
    variable: &'static str,
    expected: &'static str,
}

impl Expected {
    /// The error for `value`.
    pub fn at(self, value: String) -> ConfigError {
        ConfigError { variable: self.variable, value, expected: self.expected }
    }
}

impl<G: Fn(&str) -> Option<String>> Settings<G> {
    pub fn new(get: G) -> Settings<G> {
        Settings { get }
    }

    /// `variable`'s value, unset when empty.
    pub fn get(&self, variable: &str) -> Option<String> {
        (self.get)(variable)
    }

    /// `variable`'s value or `default`, with what it expects.
    pub fn read(&self, variable: &'static str, expected: &'static str, default: &str) -> (String, Expected) {
        (self.get(variable).unwrap_or_else(|| default.to_string()), Expected { variable, expected })
    }

    /// One of `choices` (each value's spellings, any case), or `default`.
    pub fn choice<T: Copy>(
        &self,
        variable: &'static str,
        expected: &'static str,
        default: &str,
        choices: &[(&[&str], T)],
    ) -> Result<T, ConfigError> {
        let (value, bad) = self.read(variable, expected, default);
        let spelled = value.trim().to_ascii_lowercase();
        choices
            .iter()
            .find(|(names, _)| names.contains(&spelled.as_str()))
            .map(|(_, v)| *v)
            .ok_or_else(|| bad.at(value))
    }

    /// `on` or `off` (also `true`/`false`, `1`/`0`).
    pub fn switch(&self, variable: &'static str, default: bool) -> Result<bool, ConfigError> {
        self.choice(
            variable,
            "on or off",
            if default { "on" } else { "off" },
            &[(&["on", "true", "1"], true), (&["off", "false", "0"], false)],
        )
    }

    /// A whole number from 1 to 10 000 of `per` minutes.
    pub fn minutes(&self, variable: &'static str, default: &str, per: i64) -> Result<chrono::Duration, ConfigError> {
        let (value, bad) = self.read(variable, "a whole number from 1 to 10000", default);
        match value.trim().parse::<i64>() {
            Ok(n) if (1..=10_000).contains(&n) => Ok(chrono::Duration::minutes(n * per)),
            _ => Err(bad.at(value)),
        }
    }

    /// A whole number from 1 to `max`: bounded, so no setting can overflow a duration or a size.
    pub fn whole(&self, variable: &'static str, default: &str, max: i64) -> Result<i64, ConfigError> {
        let (value, bad) = self.read(variable, "a whole number above zero and not too large", default);
        value.trim().parse::<i64>().ok().filter(|n| (1..=max).contains(n)).ok_or_else(|| bad.at(value))
    }

    /// Requests a minute; 0 is no limit.
    pub fn per_minute(&self, variable: &'static str, default: &str) -> Result<u32, ConfigError> {
        let (value, bad) = self.read(variable, "a whole number of requests a minute (0: no limit)", default);
        value.trim().parse::<u32>().map_err(|_| bad.at(value))
    }

    /// An outside service's http(s) URL, without a trailing slash; unset means the sandbox's,
    /// which `sandbox` must then be on for.
    pub fn url_of(&self, variable: &'static str, sandbox: bool) -> Result<Option<String>, ConfigError> {
        match self.get(variable) {
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
    }

    /// The PEM files listed (comma-separated), each read and checked as an RSA private key.
    pub fn pems(&self, variable: &'static str) -> Result<Option<Vec<String>>, ConfigError> {
        let Some(list) = self.get(variable) else { return Ok(None) };
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
    }
}
