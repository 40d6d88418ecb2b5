//! Field-level problems found while parsing user input at the edge.
use serde::{Deserialize, Serialize};

/// What is wrong with one field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort { min: u32 },
    TooLong { max: u32 },
    InvalidEmail,
    UnknownChoice,
    InvalidBusinessId,
    InvalidOid,
}

impl Problem {
    pub fn message_id(self) -> &'static str {
        match self {
            Problem::Required => msg!("validation-required"),
            Problem::TooShort { .. } => msg!("validation-too-short"),
            Problem::TooLong { .. } => msg!("validation-too-long"),
            Problem::InvalidEmail => msg!("validation-invalid-email"),
            Problem::UnknownChoice => msg!("validation-unknown-choice"),
            Problem::InvalidBusinessId => msg!("validation-invalid-business-id"),
            Problem::InvalidOid => msg!("validation-invalid-oid"),
        }
    }
}

/// A problem tied to the form field (its `name`) that caused it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// Keeps the value of a field that parsed, or records its problem.
pub fn check<T>(errors: &mut Vec<FieldError>, field: &str, result: Result<T, Problem>) -> Option<T> {
    result.map_err(|problem| errors.push(FieldError { field: field.to_string(), problem })).ok()
}

/// Trims and checks the length (in characters) of free text.
pub fn text(value: &str, min: u32, max: u32) -> Result<String, Problem> {
    let value = value.trim();
    let len = value.chars().count() as u32;
    if len == 0 && min > 0 {
        Err(Problem::Required)
    } else if len < min {
        Err(Problem::TooShort { min })
    } else if len > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value.to_string())
    }
}

/// An e-mail address in the shape `local@domain.tld`, stored in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Email, Problem> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        if value.chars().count() > 254 {
            return Err(Problem::TooLong { max: 254 });
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

    #[test]
    fn text_bounds_count_characters_not_bytes() {
        assert_eq!(text("  ää  ", 2, 2), Ok("ää".into()));
        assert_eq!(text("", 1, 5), Err(Problem::Required));
        assert_eq!(text("a", 2, 5), Err(Problem::TooShort { min: 2 }));
        assert_eq!(text("abcdef", 0, 5), Err(Problem::TooLong { max: 5 }));
        assert_eq!(text("", 0, 5), Ok(String::new()));
    }
}
