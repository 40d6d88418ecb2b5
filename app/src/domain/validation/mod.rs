//! Field-level problems found while parsing user input at the edge.
use super::oid::OidError;
use serde::{Deserialize, Serialize};

mod date;
mod email;
mod phone;
mod text;

pub use date::Date;
pub use email::Email;
pub use phone::{Phone, PhoneProblem};
pub use text::{long_text, nfc, text};

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
    /// The id of the message that tells the user of this problem.
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
    /// `problem` in `field`, with no suggestion.
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
}
