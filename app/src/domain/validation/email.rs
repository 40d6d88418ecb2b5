//! E-mail addresses.
use super::Problem;
use serde::{Deserialize, Serialize};

/// An e-mail address in the shape `local@domain.tld`, stored in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// The longest address, in characters (RFC 5321's path limit less its angle brackets).
    pub const MAX_LEN: u32 = 254;

    /// The trimmed address; `Required` when empty, `TooLong` past `MAX_LEN` characters,
    /// `InvalidEmail` when not of the shape.
    pub fn parse(value: &str) -> Result<Email, Problem> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        if value.chars().count() > Self::MAX_LEN as usize {
            return Err(Problem::TooLong { max: Self::MAX_LEN });
        }
        let (local, domain) = value.rsplit_once('@').ok_or(Problem::InvalidEmail)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
        if local_ok && domain_ok { Ok(Email(value.to_lowercase())) } else { Err(Problem::InvalidEmail) }
    }

    /// The address as stored, in lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_normalises_case() {
        assert_eq!(Email::parse(" Aino.Virtanen@Lahiklinikka.FI ").unwrap().as_str(), "aino.virtanen@lahiklinikka.fi");
        assert!(Email::parse("kanta@kanta.fi").is_ok());
        assert!(Email::parse("a+b@sub.häme.fi").is_ok());
    }

    #[test]
    fn rejects_malformed_addresses() {
        for bad in [
            "aino",
            "aino@",
            "@kanta.fi",
            "aino@kanta",
            "aino@@kanta.fi",
            "ai no@kanta.fi",
            "a..b@kanta.fi",
            "aino@-kanta.fi",
            "aino@kanta.f1",
        ] {
            assert_eq!(Email::parse(bad), Err(Problem::InvalidEmail), "{bad}");
        }
        assert_eq!(Email::parse("   "), Err(Problem::Required));
    }
}
