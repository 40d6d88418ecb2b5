//! Finnish personal identity code (henkilötunnus / personbeteckning): `DDMMYYCZZZQ`.
//!
//! Since 2023 the century sign is part of the identity: `010190-999K` and `010190Y999K` are
//! different people. The check character is computed without the sign.
use serde::{Deserialize, Serialize};
use std::fmt;

const CHECK_CHARS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// Century signs and the century each stands for.
const CENTURY_SIGNS: [(char, u16); 13] = [
    ('+', 1800),
    ('-', 1900),
    ('Y', 1900),
    ('X', 1900),
    ('W', 1900),
    ('V', 1900),
    ('U', 1900),
    ('A', 2000),
    ('B', 2000),
    ('C', 2000),
    ('D', 2000),
    ('E', 2000),
    ('F', 2000),
];

/// Why text is not a personal identity code; the user sees `message_id()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum HetuError {
    #[error("not 11 characters")]
    Length,
    #[error("no valid date of birth")]
    Date,
    #[error("unknown century sign")]
    CenturySign,
    #[error("individual number is not 002-999")]
    IndividualNumber,
    #[error("check character does not match")]
    CheckCharacter,
}

impl HetuError {
    pub fn message_id(self) -> &'static str {
        match self {
            HetuError::Length => msg!("hetu-error-length"),
            HetuError::Date => msg!("hetu-error-date"),
            HetuError::CenturySign => msg!("hetu-error-century-sign"),
            HetuError::IndividualNumber => msg!("hetu-error-individual-number"),
            HetuError::CheckCharacter => msg!("hetu-error-check-character"),
        }
    }
}

/// A valid personal identity code. Only `parse` makes one.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hetu {
    day: u8,
    month: u8,
    year: u16,
    sign: char,
    individual: u16,
    check: char,
}

impl Hetu {
    /// Accepts surrounding spaces and lower-case letters; anything else must be exact.
    pub fn parse(input: &str) -> Result<Hetu, HetuError> {
        let s = input.trim().to_ascii_uppercase();
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 11 {
            return Err(HetuError::Length);
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            chars[range].iter().try_fold(0u32, |n, c| c.to_digit(10).map(|d| n * 10 + d))
        };
        let (Some(day), Some(month), Some(yy)) = (digits(0..2), digits(2..4), digits(4..6)) else {
            return Err(HetuError::Date);
        };
        let sign = chars[6];
        let century = CENTURY_SIGNS.iter().find(|(c, _)| *c == sign).map(|(_, y)| *y).ok_or(HetuError::CenturySign)?;
        let year = century + yy as u16;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month as u8) as u32 {
            return Err(HetuError::Date);
        }
        let individual = digits(7..10).ok_or(HetuError::IndividualNumber)? as u16;
        if individual < 2 {
            return Err(HetuError::IndividualNumber);
        }
        let hetu = Hetu { day: day as u8, month: month as u8, year, sign, individual, check: chars[10] };
        if hetu.check != hetu.expected_check() {
            return Err(HetuError::CheckCharacter);
        }
        Ok(hetu)
    }

    fn expected_check(&self) -> char {
        let n = (self.day as u32 * 10_000 + self.month as u32 * 100 + (self.year % 100) as u32) * 1000
            + self.individual as u32;
        CHECK_CHARS[(n % 31) as usize] as char
    }

    /// Year, month and day of birth.
    pub fn birth_date(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day)
    }

    /// Individual numbers 900–999 are temporary or test codes.
    pub fn is_temporary_or_test(&self) -> bool {
        self.individual >= 900
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Hetu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}{:02}{:02}{}{:03}{}",
            self.day,
            self.month,
            self.year % 100,
            self.sign,
            self.individual,
            self.check
        )
    }
}

/// Never print the code itself in logs or panics.
impl fmt::Debug for Hetu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Hetu(…)")
    }
}

parsed_from_text!(Hetu, HetuError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn test_persons_parse() {
        for code in ["120375-901K", "021168-9124", "030201A989P", "110892Y9918", "300470-9454"] {
            let hetu = Hetu::parse(code).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            assert_eq!(hetu.to_string(), code);
            assert!(hetu.is_temporary_or_test());
        }
        assert_eq!(Hetu::parse("030201A989P").unwrap().birth_date(), (2001, 2, 3));
        assert_eq!(Hetu::parse(" 110892y9918 ").unwrap().to_string(), "110892Y9918");
    }

    #[test]
    fn the_century_sign_is_part_of_the_identity() {
        let a = Hetu::parse("110892-9918").unwrap();
        let b = Hetu::parse("110892Y9918").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.birth_date(), b.birth_date());
    }

    #[test]
    fn each_kind_of_mistake_is_named() {
        assert_eq!(Hetu::parse("120375-901"), Err(HetuError::Length));
        assert_eq!(Hetu::parse("320175-901K"), Err(HetuError::Date));
        assert_eq!(Hetu::parse("290223A901K"), Err(HetuError::Date), "2023 is no leap year");
        assert_eq!(Hetu::parse("120375G901K"), Err(HetuError::CenturySign));
        assert_eq!(Hetu::parse("120375-0019"), Err(HetuError::IndividualNumber));
        assert_eq!(Hetu::parse("120375-90XK"), Err(HetuError::IndividualNumber));
        assert_eq!(Hetu::parse("120375-901L"), Err(HetuError::CheckCharacter));
    }

    #[test]
    fn debug_output_hides_the_code() {
        assert_eq!(format!("{:?}", Hetu::parse("120375-901K").unwrap()), "Hetu(…)");
    }

    fn valid_parts() -> impl Strategy<Value = (u16, u8, u8, char, u16)> {
        (0usize..CENTURY_SIGNS.len(), 0u16..100, 1u8..=12, 1u8..=31, 2u16..1000).prop_filter_map(
            "a real date",
            |(s, yy, month, day, individual)| {
                let (sign, century) = CENTURY_SIGNS[s];
                let year = century + yy;
                (day <= days_in_month(year, month)).then_some((year, month, day, sign, individual))
            },
        )
    }

    fn code((year, month, day, sign, individual): (u16, u8, u8, char, u16), check: char) -> String {
        format!("{day:02}{month:02}{:02}{sign}{individual:03}{check}", year % 100)
    }

    proptest! {
        #[test]
        fn exactly_one_check_character_is_accepted(parts in valid_parts()) {
            let accepted: Vec<char> = CHECK_CHARS.iter().map(|c| *c as char)
                .filter(|c| Hetu::parse(&code(parts, *c)).is_ok()).collect();
            prop_assert_eq!(accepted.len(), 1);
            for wrong in CHECK_CHARS.iter().map(|c| *c as char).filter(|c| *c != accepted[0]) {
                prop_assert_eq!(Hetu::parse(&code(parts, wrong)), Err(HetuError::CheckCharacter));
            }
        }

        #[test]
        fn round_trips_through_text_and_serde(parts in valid_parts()) {
            let check = CHECK_CHARS.iter().map(|c| *c as char).find(|c| Hetu::parse(&code(parts, *c)).is_ok()).unwrap();
            let text = code(parts, check);
            let hetu = Hetu::parse(&text.to_lowercase()).unwrap();
            prop_assert_eq!(hetu.to_string(), text.clone());
            prop_assert_eq!(hetu.birth_date(), (parts.0, parts.1, parts.2));
            let json = serde_json::to_string(&hetu).unwrap();
            prop_assert_eq!(serde_json::from_str::<Hetu>(&json).unwrap(), hetu);
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,14}") {
            let _ = Hetu::parse(&s);
        }
    }
}
