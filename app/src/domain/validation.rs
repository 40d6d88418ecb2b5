//! Field-level problems found while parsing user input at the edge.
use super::oid::OidError;
use serde::{Deserialize, Serialize};

/// What is wrong with one field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    InvalidEmail,
    UnknownChoice,
    InvalidBusinessId,
    InvalidOid,
    /// An OID with an arc written with leading zeros (`1.2.246.10.02012566.10.1`, a business ID's
    /// leading zero kept), which would name another object.
    OidLeadingZero,
    /// A phone number refused, and why.
    InvalidPhone(PhoneProblem),
    InvalidDate,
    /// A date that must be later than today.
    DateNotInFuture,
    /// Well formed, but the register does not know it (an OID missing from the code service).
    NotInRegister,
    /// An OID that is not one of the acting organisation's own.
    NotOwnOid,
    /// The service needs an information system certified for it.
    CertificationRequired,
    /// A change reported later than `days` before it takes effect.
    DateTooSoon {
        days: u32,
    },
    /// Not a whole number, or out of range.
    InvalidNumber,
    /// A due date before the invoice's date.
    DueBeforeIssued,
    /// A business ID of no organisation known here.
    UnknownOrganisation,
    /// An amount given in the file that is not quantity × unit price.
    AmountMismatch,
    /// An invoice number already imported (or twice in one file with different details).
    AlreadyImported,
    /// Rows of one invoice that disagree on its organisation, service, period or dates.
    InvoiceMismatch,
    /// The file's first line is not the documented header.
    BadHeader,
    /// A spreadsheet workbook (.xlsx, .ods, .xls) where a CSV file was asked for.
    SpreadsheetNotCsv,
    /// Bytes that are not text in any encoding a spreadsheet writes (a picture, a PDF, a damaged
    /// UTF-16 file).
    NotText,
    /// Text in two encodings at once: UTF-8 letters beside bytes that are not UTF-8 (files joined
    /// together, or edited by two programs). Decoding either way would garble some letters.
    MixedEncoding,
    /// A row with fewer columns than the header names, or more that are not empty.
    ColumnCount {
        expected: u32,
    },
    /// Applied for on an application of its own (the test environment).
    OnItsOwn,
    /// Already on the list (a service unit given twice).
    AlreadyListed,
    /// The applicant's own organisation where another is meant (a co-joiner).
    OwnOrganisation,
    /// A control character (NUL, a line break in a one-line field) or a bidirectional override,
    /// which can hide or reorder what others are shown.
    ControlCharacter,
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
            Problem::OidLeadingZero => msg!("validation-oid-leading-zero"),
            Problem::InvalidPhone(why) => why.message_id(),
            Problem::InvalidDate => msg!("validation-invalid-date"),
            Problem::DateNotInFuture => msg!("validation-date-not-in-future"),
            Problem::NotInRegister => msg!("validation-not-in-register"),
            Problem::NotOwnOid => msg!("validation-not-own-oid"),
            Problem::CertificationRequired => msg!("validation-certification-required"),
            Problem::DateTooSoon { .. } => msg!("validation-date-too-soon"),
            Problem::InvalidNumber => msg!("validation-invalid-number"),
            Problem::DueBeforeIssued => msg!("validation-due-before-issued"),
            Problem::UnknownOrganisation => msg!("validation-unknown-organisation"),
            Problem::AlreadyImported => msg!("validation-already-imported"),
            Problem::AmountMismatch => msg!("validation-amount-mismatch"),
            Problem::InvoiceMismatch => msg!("validation-invoice-mismatch"),
            Problem::BadHeader => msg!("validation-bad-header"),
            Problem::SpreadsheetNotCsv => msg!("validation-spreadsheet-not-csv"),
            Problem::NotText => msg!("validation-not-text"),
            Problem::MixedEncoding => msg!("validation-mixed-encoding"),
            Problem::ColumnCount { .. } => msg!("validation-column-count"),
            Problem::OnItsOwn => msg!("validation-on-its-own"),
            Problem::AlreadyListed => msg!("validation-already-listed"),
            Problem::OwnOrganisation => msg!("validation-own-organisation"),
            Problem::ControlCharacter => msg!("validation-control-character"),
        }
    }
}

/// A problem tied to the form field (its `name`) that caused it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    /// What the user probably meant, shown with the problem: the canonical form of an OID
    /// typed with leading zeros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> FieldError {
        FieldError { field: field.into(), problem, suggestion: None }
    }

    /// The problem of `value` in `field`, with a suggestion when the problem has one.
    pub fn of_value(field: impl Into<String>, problem: Problem, value: &str) -> FieldError {
        let suggestion = match problem {
            Problem::OidLeadingZero => super::oid::Oid::without_leading_zeros(value).map(|o| o.to_string()),
            _ => None,
        };
        FieldError { field: field.into(), problem, suggestion }
    }
}

/// Keeps the value of a field that parsed, or records its problem.
pub fn check<T>(errors: &mut Vec<FieldError>, field: &str, result: Result<T, Problem>) -> Option<T> {
    result.map_err(|problem| errors.push(FieldError::new(field, problem))).ok()
}

/// One line of free text: in Unicode's composed form (NFC, so `a` + combining `¨` is stored as
/// the `ä` people type and search for), trimmed, zero-width characters and soft hyphens removed,
/// no-break spaces and a tab made spaces; refused
/// with `ControlCharacter` if it holds any other control or bidirectional formatting character;
/// its length (in characters) checked.
pub fn text(value: &str, min: u32, max: u32) -> Result<String, Problem> {
    length(clean(value, false)?, min, max)
}

/// Free text of several lines (a message, a plan): as `text`, but line breaks are kept, written
/// `\n` whatever the browser sent (CR LF or CR), and tabs too.
pub fn long_text(value: &str, min: u32, max: u32) -> Result<String, Problem> {
    length(clean(value, true)?, min, max)
}

fn length(value: String, min: u32, max: u32) -> Result<String, Problem> {
    let len = value.chars().count() as u32;
    if len == 0 && min > 0 {
        Err(Problem::Required)
    } else if len < min {
        Err(Problem::TooShort { min })
    } else if len > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value)
    }
}

/// Characters that only hide differences: zero-width ones (ZWSP, ZWNJ, ZWJ, word joiner, BOM),
/// the left-to-right and right-to-left marks, and the soft hyphen (a hint where a word may break).
const INVISIBLE: [char; 8] =
    ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}', '\u{200F}', '\u{AD}'];

/// No-break spaces (plain, narrow, figure): a space to search and compare.
const NO_BREAK_SPACES: [char; 3] = ['\u{A0}', '\u{202F}', '\u{2007}'];

/// `value` in Unicode Normalization Form C.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfc(value: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(value).collect()
}

/// `value` in Unicode Normalization Form C, by the browser's own tables.
#[cfg(target_arch = "wasm32")]
pub fn nfc(value: &str) -> String {
    js_sys::JsString::from(value).normalize("NFC").into()
}

fn clean(value: &str, lines: bool) -> Result<String, Problem> {
    let value = value.replace("\r\n", "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            c if INVISIBLE.contains(&c) => {}
            c if NO_BREAK_SPACES.contains(&c) => out.push(' '),
            // Line breaks as Word, PowerPoint, PDFs and old Macs write them (CR, VT, FF, NEL,
            // line and paragraph separators): `\n` where lines are kept.
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' if lines => out.push('\n'),
            '\t' if lines => out.push(c),
            '\t' => out.push(' '),
            // Bidirectional embeddings, overrides and isolates; a line break in one line.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                return Err(Problem::ControlCharacter);
            }
            c if c.is_control() => return Err(Problem::ControlCharacter),
            c => out.push(c),
        }
    }
    // Composed after what hid between a letter and its mark is gone.
    Ok(nfc(out.trim()))
}

/// An e-mail address in the shape `local@domain.tld`, stored in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// The longest address, in characters (RFC 5321's path limit less its angle brackets).
    pub const MAX_LEN: u32 = 254;

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

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

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

/// A calendar day, as `<input type="date">` sends it (`2027-03-01`) or as Finns write it (`1.3.2027`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(value: &str) -> Result<Date, Problem> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        let number = |s: &str, max_len: usize| -> Result<u16, Problem> {
            if s.is_empty() || s.len() > max_len || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(Problem::InvalidDate);
            }
            s.parse().map_err(|_| Problem::InvalidDate)
        };
        let parts: Vec<&str> = value.split(['-', '.']).collect();
        let (year, month, day) = match parts.as_slice() {
            [y, m, d] if value.contains('-') && y.len() == 4 => (number(y, 4)?, number(m, 2)?, number(d, 2)?),
            [d, m, y] if value.contains('.') && y.len() == 4 => (number(y, 4)?, number(m, 2)?, number(d, 2)?),
            _ => return Err(Problem::InvalidDate),
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(Problem::InvalidDate),
        };
        if !(2000..=2999).contains(&year) || day == 0 || day > days {
            return Err(Problem::InvalidDate);
        }
        Ok(Date { year, month: month as u8, day: day as u8 })
    }

    /// A date that must be later than `today`.
    pub fn parse_future(value: &str, today: Date) -> Result<Date, Problem> {
        let date = Date::parse(value)?;
        if date > today { Ok(date) } else { Err(Problem::DateNotInFuture) }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic.
    pub fn day_number(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after this one (before, when negative).
    pub fn plus_days(self, days: i64) -> Date {
        let z = self.day_number() + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// As Finns and Finland-Swedes write it: `1.3.2027`.
    pub fn local(self) -> String {
        format!("{}.{}.{}", self.day, self.month, self.year)
    }
}

/// ISO 8601, the form stored and sent: `2027-03-01`.
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<OidError> for Problem {
    fn from(error: OidError) -> Self {
        match error {
            OidError::LeadingZero => Problem::OidLeadingZero,
            OidError::Format | OidError::Root => Problem::InvalidOid,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::oid::Oid;

    #[test]
    fn an_oid_with_leading_zeros_gets_its_canonical_form_suggested() {
        // A business ID's leading zero kept in its arc: 0201256-6 is the arc 2012566.
        let typed = "1.2.246.10.02012566.10.1";
        assert_eq!(Oid::parse(typed), Err(OidError::LeadingZero));
        let error = FieldError::of_value("unit_oid", Oid::parse(typed).unwrap_err().into(), typed);
        assert_eq!(error.problem, Problem::OidLeadingZero);
        assert_eq!(error.suggestion.as_deref(), Some("1.2.246.10.2012566.10.1"));
        assert_eq!(
            Oid::without_leading_zeros(" 1.2.0246.00.1 ").map(|o| o.to_string()).as_deref(),
            Some("1.2.246.0.1")
        );
        assert_eq!(Oid::without_leading_zeros("1.2.246..01"), None);
    }

    #[test]
    fn date_arithmetic() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2000-01-01").day_number(), 10_957);
        assert_eq!(d("2026-11-29").plus_days(21), d("2026-12-20"));
        assert_eq!(d("2028-02-28").plus_days(1), d("2028-02-29"));
        assert_eq!(d("2027-02-28").plus_days(1), d("2027-03-01"));
        assert_eq!(d("2027-01-01").plus_days(-1), d("2026-12-31"));
        assert_eq!(d("2027-11-29").day_number() - d("2026-11-29").day_number(), 365);
        let mut day = d("2000-01-01");
        for _ in 0..20_000 {
            let next = day.plus_days(1);
            assert!(next > day);
            assert_eq!(next.day_number(), day.day_number() + 1);
            assert_eq!(Date::parse(&next.to_string()), Ok(next));
            day = next;
        }
    }

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

    #[test]
    fn dates_in_both_written_forms() {
        let d = Date { year: 2027, month: 3, day: 1 };
        assert_eq!(Date::parse("2027-03-01"), Ok(d));
        assert_eq!(Date::parse(" 1.3.2027 "), Ok(d));
        assert_eq!(d.to_string(), "2027-03-01");
        assert_eq!(d.local(), "1.3.2027");
        assert_eq!(Date::parse("2028-02-29").map(|d| d.day), Ok(29));
        for bad in ["2027-02-29", "2100-02-29", "2027-13-01", "2027-00-10", "31.4.2027", "2027/03/01", "1.3.27", "x"] {
            assert_eq!(Date::parse(bad), Err(Problem::InvalidDate), "{bad}");
        }
        let today = Date { year: 2026, month: 11, day: 29 };
        assert_eq!(Date::parse_future("29.11.2026", today), Err(Problem::DateNotInFuture));
        assert!(Date::parse_future("30.11.2026", today).is_ok());
    }

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
        // Control and direction characters are refused, zero-width ones removed.
        assert_eq!(text("Ai\u{0}no", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("Aino\u{202E}nenokriV", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("Aino\nVirtanen", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("A\u{200B}i\u{200D}no\u{FEFF}", 0, 50), Ok("Aino".into()));
        assert_eq!(text("Aino\tVirtanen", 0, 50), Ok("Aino Virtanen".into()));
        assert_eq!(text("\u{200B}", 1, 50), Err(Problem::Required));
        assert_eq!(long_text("Rivi 1\r\nRivi 2\rRivi 3\n", 0, 50), Ok("Rivi 1\nRivi 2\nRivi 3".into()));
        assert_eq!(long_text("x\u{7}", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(long_text("a\u{2028}b\u{b}c", 0, 50), Ok("a\nb\nc".into()));
        assert_eq!(text("a\u{2028}b", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("", 0, 5), Ok(String::new()));
    }

    #[test]
    fn text_is_stored_composed_with_plain_spaces_and_no_soft_hyphens() {
        // A decomposed `ä` (a + combining diaeresis), as macOS and some PDFs give it.
        assert_eq!(text("Ha\u{308}meenlinna", 0, 50), Ok("Hämeenlinna".into()));
        assert_eq!(text("A\u{30A}bo", 0, 50), Ok("Åbo".into()));
        assert_eq!(text("Ha\u{ad}\u{308}meenlinna", 0, 50), Ok("Hämeenlinna".into()));
        // No-break spaces from a web page or a word processor; a soft hyphen's hidden break.
        assert_eq!(text("Terveys\u{a0}Oy\u{202f}Ab", 0, 50), Ok("Terveys Oy Ab".into()));
        assert_eq!(text("työ\u{ad}terveys\u{ad}huolto", 0, 50), Ok("työterveyshuolto".into()));
        assert_eq!(text("\u{a0}Aino\u{a0}", 0, 50), Ok("Aino".into()));
        // The length is counted on what is stored.
        assert_eq!(text("a\u{308}a\u{308}", 2, 2), Ok("ää".into()));
        assert_eq!(long_text("Rivi\u{a0}1\nRivi 2", 0, 50), Ok("Rivi 1\nRivi 2".into()));
    }
}
