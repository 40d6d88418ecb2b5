//! A message to Kanta customer support, as sent from the front page, and the support desk's
//! handling of it: received, taken by a member of staff, answered by mail.
use super::validation::{Email, FieldError, Problem, check, long_text, text};
use serde::{Deserialize, Serialize};

coded_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SupportTopic {
        Login = ("login", msg!("support-topic-login")),
        Mandates = ("mandates", msg!("support-topic-mandates")),
        TakingIntoUse = ("taking-into-use", msg!("support-topic-taking-into-use")),
        CustomerData = ("customer-data", msg!("support-topic-customer-data")),
        Billing = ("billing", msg!("support-topic-billing")),
        Other = ("other", msg!("support-topic-other")),
    }
}

coded_enum! {
    /// Where a request stands at the support desk. Answered is final: a new question is a new
    /// request, with its own reference.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SupportStatus {
        Received = ("received", msg!("support-status-received")),
        InProgress = ("in-progress", msg!("support-status-in-progress")),
        Answered = ("answered", msg!("support-status-answered")),
    }
}

impl SupportStatus {
    /// Waiting for an answer: what the desk's list shows unless asked otherwise.
    pub const OPEN: [SupportStatus; 2] = [SupportStatus::Received, SupportStatus::InProgress];

    /// Whether a member of staff may take the request (again, from a colleague) or answer it.
    pub fn open(self) -> bool {
        self != SupportStatus::Answered
    }
}

/// The reference a sender quotes to support, from the request's number: `KS-000123`.
pub fn reference(id: i32) -> String {
    format!("KS-{id:06}")
}

/// The request's number in a reference, if `text` is one (as [`reference`] writes them).
pub fn reference_id(text: &str) -> Option<i32> {
    let digits = text.strip_prefix("KS-").filter(|d| d.len() >= 6 && d.bytes().all(|b| b.is_ascii_digit()))?;
    digits.parse().ok().filter(|id| *id > 0)
}

/// The desk's answer, as staff wrote it; `Invalid` (field `answer`) when empty or too long.
pub fn parse_answer(answer: &str) -> Result<String, Vec<FieldError>> {
    long_text(answer, 1, MESSAGE_MAX).map_err(|problem| vec![FieldError::new("answer", problem)])
}

/// The form exactly as sent: untrusted text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportForm {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub topic: String,
    pub message: String,
}

/// A support request that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRequest {
    pub name: String,
    pub email: Email,
    pub organisation: Option<String>,
    pub topic: SupportTopic,
    pub message: String,
}

pub const NAME_MAX: u32 = 100;
pub const ORGANISATION_MAX: u32 = 200;
pub const MESSAGE_MIN: u32 = 10;
pub const MESSAGE_MAX: u32 = 4000;

impl SupportRequest {
    /// Checks every field and reports all problems at once, in form order.
    pub fn parse(form: &SupportForm) -> Result<SupportRequest, Vec<FieldError>> {
        let errors = &mut Vec::new();
        let name = check(errors, "name", text(&form.name, 1, NAME_MAX));
        let email = check(errors, "email", Email::parse(&form.email));
        let organisation = check(errors, "organisation", text(&form.organisation, 0, ORGANISATION_MAX));
        let topic = check(
            errors,
            "topic",
            match form.topic.trim() {
                "" => Err(Problem::Required),
                code => SupportTopic::from_code(code).ok_or(Problem::UnknownChoice),
            },
        );
        let message = check(errors, "message", long_text(&form.message, MESSAGE_MIN, MESSAGE_MAX));
        match (name, email, organisation, topic, message) {
            (Some(name), Some(email), Some(organisation), Some(topic), Some(message)) => Ok(SupportRequest {
                name,
                email,
                organisation: Some(organisation).filter(|o| !o.is_empty()),
                topic,
                message,
            }),
            _ => Err(std::mem::take(errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> SupportForm {
        SupportForm {
            name: " Aino Virtanen ".into(),
            email: "aino.virtanen@lahiklinikka.fi".into(),
            organisation: "".into(),
            topic: "login".into(),
            message: "I cannot log in with my mobile certificate.".into(),
        }
    }

    #[test]
    fn a_complete_form_parses_and_is_trimmed() {
        let request = SupportRequest::parse(&good()).unwrap();
        assert_eq!(request.name, "Aino Virtanen");
        assert_eq!(request.organisation, None);
        assert_eq!(request.topic, SupportTopic::Login);
    }

    #[test]
    fn every_problem_is_reported_in_form_order() {
        let form = SupportForm {
            name: "".into(),
            email: "aino@".into(),
            topic: "weather".into(),
            message: "short".into(),
            ..good()
        };
        let fields: Vec<_> =
            SupportRequest::parse(&form).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            fields,
            vec![
                ("name".into(), Problem::Required),
                ("email".into(), Problem::InvalidEmail),
                ("topic".into(), Problem::UnknownChoice),
                ("message".into(), Problem::TooShort { min: MESSAGE_MIN }),
            ]
        );
    }

    #[test]
    fn topic_and_status_codes_round_trip() {
        for topic in SupportTopic::ALL {
            assert_eq!(SupportTopic::from_code(topic.code()), Some(topic));
        }
        for status in SupportStatus::ALL {
            assert_eq!(SupportStatus::from_code(status.code()), Some(status));
        }
    }

    #[test]
    fn a_reference_reads_back_and_nothing_else_does() {
        assert_eq!(reference(123), "KS-000123");
        assert_eq!(reference_id(&reference(1_234_567)), Some(1_234_567));
        for not in ["KS-123", "KS-00012a", "ks-000123", "KS-000000", "<b>KS-000123", "KS--00123"] {
            assert_eq!(reference_id(not), None, "{not}");
        }
    }

    #[test]
    fn only_an_unanswered_request_is_open_and_an_answer_has_text() {
        assert_eq!(SupportStatus::ALL.into_iter().filter(|s| s.open()).collect::<Vec<_>>(), SupportStatus::OPEN);
        assert_eq!(parse_answer("  \n ").unwrap_err()[0].problem, Problem::Required);
        assert_eq!(parse_answer(&"a".repeat(MESSAGE_MAX as usize + 1)).unwrap_err()[0].field, "answer");
        assert_eq!(parse_answer(" Kokeile uudelleen. ").unwrap(), "Kokeile uudelleen.");
    }
}
