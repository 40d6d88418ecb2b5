//! Finnish business ID (Y-tunnus / FO-nummer): seven digits, a hyphen and a check digit.
use serde::{Deserialize, Serialize};
use std::fmt;

const WEIGHTS: [u32; 7] = [7, 9, 10, 5, 8, 4, 2];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum YTunnusError {
    #[error("not in the form 1234567-8")]
    Format,
    #[error("check digit does not match")]
    CheckDigit,
}

impl YTunnusError {
    pub fn message_id(self) -> &'static str {
        match self {
            YTunnusError::Format => msg!("ytunnus-error-format"),
            YTunnusError::CheckDigit => msg!("ytunnus-error-check-digit"),
        }
    }
}

/// A business ID with a correct check digit. Only `parse` makes one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YTunnus {
    body: u32,
    check: u8,
}

impl YTunnus {
    /// Accepts the ID as people write and paste it: spaces anywhere (no-break ones too), a dash
    /// for the hyphen, the eight digits without it, the VAT number's form (`FI31415903`), and the
    /// old six-digit form (read with a leading zero). Shown as `3141590-3`.
    pub fn parse(input: &str) -> Result<YTunnus, YTunnusError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let compact = compact.replace(['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}'], "-");
        let vat = compact.get(..2).filter(|p| p.eq_ignore_ascii_case("FI")).map(|_| &compact[2..]);
        let (body, check) = match compact.split_once('-') {
            Some(parts) if vat.is_none() => parts,
            None => {
                let digits = vat.unwrap_or(&compact);
                // Byte 7 is a character boundary only in ASCII.
                if digits.len() != 8 || !digits.is_ascii() {
                    return Err(YTunnusError::Format);
                }
                digits.split_at(7)
            }
            _ => return Err(YTunnusError::Format),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(6..=7).contains(&body.len()) || check.len() != 1 || !all_digits(body) || !all_digits(check) {
            return Err(YTunnusError::Format);
        }
        let body: u32 = body.parse().map_err(|_| YTunnusError::Format)?;
        let check = check.as_bytes()[0] - b'0';
        match check_digit(body) {
            Some(expected) if expected == check => Ok(YTunnus { body, check }),
            _ => Err(YTunnusError::CheckDigit),
        }
    }

    /// The eight digits without the hyphen, as in an organisation OID (`1.2.246.10.<digits>`).
    pub fn digits(&self) -> String {
        format!("{:07}{}", self.body, self.check)
    }
}

/// The check digit of a seven-digit body; `None` where the remainder is 1 (no such ID is issued).
fn check_digit(body: u32) -> Option<u8> {
    let sum: u32 = format!("{body:07}").bytes().zip(WEIGHTS).map(|(b, w)| (b - b'0') as u32 * w).sum();
    match sum % 11 {
        0 => Some(0),
        1 => None,
        r => Some((11 - r) as u8),
    }
}

impl fmt::Display for YTunnus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:07}-{}", self.body, self.check)
    }
}

impl fmt::Debug for YTunnus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "YTunnus({self})")
    }
}

parsed_from_text!(YTunnus, YTunnusError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn test_organisations_parse() {
        for id in
            ["3141590-3", "3141631-6", "3141671-1", "3141712-4", "3141753-8", "3141793-3", "3141835-4", "3141876-8"]
        {
            assert_eq!(YTunnus::parse(id).map(|y| y.to_string()), Ok(id.to_string()));
        }
        assert_eq!(YTunnus::parse("3141590-3").unwrap().digits(), "31415903");
    }

    #[test]
    fn written_and_pasted_forms_parse_to_the_same_id() {
        for written in [
            "FI31415903",
            "fi 3141 5903",
            "31415903",
            "3141590 3",
            " 3141 590-3 ",
            "3141590\u{a0}-\u{a0}3",
            "3141590\u{2013}3",
            "3141590\u{2011}3",
        ] {
            assert_eq!(YTunnus::parse(written).map(|y| y.to_string()), Ok("3141590-3".to_string()), "{written:?}");
        }
        assert_eq!(YTunnus::parse("FI31415904"), Err(YTunnusError::CheckDigit));
    }

    #[test]
    fn malformed_text_is_a_format_error() {
        for bad in [
            "",
            "3141590",
            "3141590-",
            "3141590-33",
            "31415-3",
            "31415900-3",
            "314159a-3",
            "+141590-3",
            "FI3141590-3",
            "SE31415903",
            "FI3141590",
            "FI",
            "1.2.3",
        ] {
            assert_eq!(YTunnus::parse(bad), Err(YTunnusError::Format), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn exactly_the_computed_check_digit_is_accepted(body in 0u32..10_000_000) {
            let expected = check_digit(body);
            for digit in 0u8..10 {
                let result = YTunnus::parse(&format!("{body:07}-{digit}"));
                if Some(digit) == expected {
                    prop_assert_eq!(result.map(|y| y.to_string()), Ok(format!("{body:07}-{digit}")));
                } else {
                    prop_assert_eq!(result, Err(YTunnusError::CheckDigit));
                }
            }
        }

        #[test]
        fn round_trips_through_serde(body in 0u32..10_000_000) {
            if let Some(check) = check_digit(body) {
                let y = YTunnus::parse(&format!("{body:07}-{check}")).unwrap();
                let json = serde_json::to_string(&y).unwrap();
                prop_assert_eq!(serde_json::from_str::<YTunnus>(&json).unwrap(), y);
            }
        }
    }
}
