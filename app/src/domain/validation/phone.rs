//! Phone numbers, as Finns write them, stored in international form.
use super::Problem;
use serde::{Deserialize, Serialize};

/// A phone number in international form (E.164, `+358401234567`). Finnish numbers may be given
/// the way Finns and Finnish companies write them: `040 123 4567`, `(09) 123 456`,
/// `+358 40 123 4567`, `+358 (0)40 123 4567`, `+358 040 123 4567`, `+358 (0) 10 44 88 000`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

/// Why a phone number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhoneProblem {
    /// A character that is neither a digit nor a separator people write between digits (spaces,
    /// hyphens and dashes, brackets, dots), or a `+` not at the start.
    Character,
    /// Neither a trunk `0` and an area code (`040…`) nor `+` or `00` and a country code.
    NoAreaCode,
    TooFewDigits,
    TooManyDigits,
}

impl PhoneProblem {
    /// The id of the message that tells the user of this problem.
    pub fn message_id(self) -> &'static str {
        match self {
            PhoneProblem::Character => msg!("validation-phone-character"),
            PhoneProblem::NoAreaCode => msg!("validation-phone-no-area-code"),
            PhoneProblem::TooFewDigits => msg!("validation-phone-too-few-digits"),
            PhoneProblem::TooManyDigits => msg!("validation-phone-too-many-digits"),
        }
    }
}

impl Phone {
    /// The longest number as stored: a plus and at most 15 digits (E.164).
    pub const MAX_LEN: u32 = 16;

    /// The number in international form; `Required` when empty, `InvalidPhone` and why otherwise.
    pub fn parse(value: &str) -> Result<Phone, Problem> {
        let refuse = |why| Err(Problem::InvalidPhone(why));
        let value = value.trim();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        // Spaces and invisible marks first, so a "(0)" is seen whatever surrounds it.
        let value: String = value.chars().filter(|&c| !(c.is_whitespace() || invisible_mark(c))).collect();
        // "(0)" marks the trunk prefix, dialled only within the country: `+358 (0)40…`, `+44 (0)20…`;
        // at the start, with no country code before it, it is the trunk prefix itself.
        let value = match value.strip_prefix("(0)") {
            Some(rest) => format!("0{rest}"),
            None => value.replace("(0)", ""),
        };
        let compact: String = value.chars().filter(|&c| !phone_separator(c)).collect();
        let (plus, digits) = match compact.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return refuse(PhoneProblem::Character);
        }
        let international = if plus {
            digits.to_string()
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_string()
        } else if let Some(rest) = digits.strip_prefix("0358").filter(|_| digits.len() >= 11) {
            // `0358 40 123 4567`: Finland's country code after a stray 0. No Finnish number
            // dialled with a trunk 0 (`03 58…`, Tampere) has that many digits.
            format!("358{rest}")
        } else if let Some(rest) = digits.strip_prefix('0') {
            format!("358{rest}")
        } else {
            return refuse(PhoneProblem::NoAreaCode);
        };
        let international = match international.strip_prefix("3580") {
            // The trunk 0 written after Finland's country code: `+358 040…`.
            Some(national) => format!("358{national}"),
            None => international,
        };
        // Finnish subscriber numbers have 5 to 12 digits after the country code; E.164 allows 15 in all.
        let (digits, min, max) = match international.strip_prefix("358") {
            Some(national) if national.starts_with('0') => return refuse(PhoneProblem::NoAreaCode),
            Some(national) => (national.len(), 5, 12),
            None if international.starts_with('0') => return refuse(PhoneProblem::NoAreaCode),
            None => (international.len(), 8, 15),
        };
        match digits {
            n if n < min => refuse(PhoneProblem::TooFewDigits),
            n if n > max => refuse(PhoneProblem::TooManyDigits),
            _ => Ok(Phone(format!("+{international}"))),
        }
    }

    /// The number as stored: `+` and its digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What people and programs put between a phone number's digits: spaces of every width (a tab,
/// a no-break space, a thin or figure space), hyphens, dashes and the minus sign, brackets and
/// dots; and the invisible direction marks and isolates a phone's contacts app wraps a
/// copied number in (U+202A…U+202E, U+2066…U+2069, U+200E, U+200F), with zero-width characters.
/// Only digits are kept, so none of these can hide anything. A slash is not one: it separates
/// two numbers (`040 123 4567 / 050 765 4321`).
fn phone_separator(c: char) -> bool {
    c.is_whitespace()
        || invisible_mark(c)
        || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' | '(' | ')' | '.')
}

fn invisible_mark(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_phone_numbers_become_international() {
        for (given, stored) in [
            ("040 123 4567", "+358401234567"),
            ("+358 40 123 4567", "+358401234567"),
            ("00358401234567", "+358401234567"),
            ("(09) 123 456", "+3589123456"),
            ("09-1234 5678", "+358912345678"),
            ("+46 8 123 456 78", "+46812345678"),
            // As Finnish companies print them: the trunk 0 kept after the country code.
            ("+358 (0)40 123 4567", "+358401234567"),
            ("+358 040 123 4567", "+358401234567"),
            ("+358 (0) 10 44 88 000", "+358104488000"),
            ("+44 (0)20 7946 0000", "+442079460000"),
            // Pasted from a web page or a word processor: no-break spaces, an en dash, dots.
            ("040\u{a0}123\u{202f}4567", "+358401234567"),
            ("09 \u{2013} 123 456", "+3589123456"),
            ("040.123.4567", "+358401234567"),
            // A hyphen, a figure dash, a minus sign, a figure space, a tab.
            ("040\u{2010}123\u{2012}45\u{2212}67", "+358401234567"),
            ("040\u{2007}123\t4567", "+358401234567"),
            // Copied from a phone's contacts: wrapped in direction marks.
            ("\u{202a}+358 40 123 4567\u{202c}", "+358401234567"),
            ("\u{200e}040 123 4567\u{2069}", "+358401234567"),
            ("\u{202a}(0)40 123 4567\u{202c}", "+358401234567"),
            ("+358 ( 0 ) 40 123 4567", "+358401234567"),
            // The trunk prefix in brackets with no country code; the country code after a stray 0.
            ("(0)40 123 4567", "+358401234567"),
            ("0358 40 123 4567", "+358401234567"),
            ("0358 9 123 456", "+3589123456"),
            // A Tampere number that starts like the country code stays one.
            ("03 5812 3456", "+358358123456"),
        ] {
            assert_eq!(Phone::parse(given).map(|p| p.as_str().to_string()), Ok(stored.to_string()), "{given}");
        }
        let why = |why| Err(Problem::InvalidPhone(why));
        for (bad, expected) in [
            ("12345", why(PhoneProblem::NoAreaCode)),
            ("401234567", why(PhoneProblem::NoAreaCode)),
            ("+358 00 123 456", why(PhoneProblem::NoAreaCode)),
            ("040 12a 4567", why(PhoneProblem::Character)),
            ("040/1234567", why(PhoneProblem::Character)),
            ("040 123 4567 / 050 765 4321", why(PhoneProblem::Character)),
            ("\u{ff10}40 123 4567", why(PhoneProblem::Character)),
            ("040 123 4567 +", why(PhoneProblem::Character)),
            ("+", why(PhoneProblem::Character)),
            ("0", why(PhoneProblem::TooFewDigits)),
            ("+358 40 12", why(PhoneProblem::TooFewDigits)),
            ("+1234567890123456", why(PhoneProblem::TooManyDigits)),
            ("040 123 4567 890 12", why(PhoneProblem::TooManyDigits)),
        ] {
            assert_eq!(Phone::parse(bad), expected, "{bad}");
        }
        assert_eq!(Phone::parse(" "), Err(Problem::Required));
    }
}
