//! A visitor's message to Kanta customer support, as sent from the front page.
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
    fn topic_codes_round_trip() {
        for topic in SupportTopic::ALL {
            assert_eq!(SupportTopic::from_code(topic.code()), Some(topic));
        }
    }
}
