//! The application to take a Kanta service into use, as a wizard: the same definition drives the
//! form in the browser and the server's checks when it is saved and sent. Texts are in
//! `locales/*/applications.ftl`.
use super::{Answers, Field, FieldKind, Next, Step, Wizard};
use crate::domain::{
    contacts,
    oid::Oid,
    services::{Prerequisite, ServiceSet},
    technical,
    validation::{Date, FieldError, Problem},
};

/// The answer that holds the services (`ServiceSet::code`); chosen apart from the questions.
pub const SERVICES: &str = "services";

const fn text(name: &'static str, label: &'static str, min: u32, max: u32) -> Field {
    Field { name, label, hint: None, kind: FieldKind::Text { min, max }, required: true }
}

const fn of_kind(name: &'static str, label: &'static str, kind: FieldKind) -> Field {
    Field { name, label, hint: None, kind, required: true }
}

/// `KantaService::PatientDataRepository`'s code, where a step's way on depends on it.
const PATIENT_DATA: &str = "patient-data";

pub const UNIT_NAME: &str = "unit_name";
pub const UNIT_OID: &str = "unit_oid";

/// The names of one contact's three answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactFields {
    pub name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
}

pub const ADMIN: ContactFields = ContactFields { name: "admin_name", email: "admin_email", phone: "admin_phone" };
pub const TECHNICAL: ContactFields =
    ContactFields { name: "technical_name", email: "technical_email", phone: "technical_phone" };
pub const ARCHIVIST: ContactFields =
    ContactFields { name: "archivist_name", email: "archivist_email", phone: "archivist_phone" };

const SYSTEM_PRODUCT: &str = "system_product";
const SYSTEM_VERSION: &str = "system_version";
const SYSTEM_VENDOR: &str = "system_vendor";
const CERTIFICATE_NAME: &str = "certificate_name";
const CERTIFICATE_VALID_UNTIL: &str = "certificate_valid_until";

pub const CERTIFIED: &str = "certified";
const CERTIFICATION: Field = Field {
    name: "system_certification",
    label: msg!("application-system-certification"),
    hint: Some(msg!("application-system-certification-hint")),
    kind: FieldKind::Choice(&[
        (CERTIFIED, msg!("application-system-certified")),
        ("in-certification", msg!("application-system-in-certification")),
        ("not-certified", msg!("application-system-not-certified")),
    ]),
    required: true,
};

const fn step(
    id: &'static str,
    heading: &'static str,
    paragraphs: &'static [&'static str],
    fields: &'static [Field],
    next: Next,
) -> Step {
    Step { id, heading, paragraphs, illustration: None, fields, check_answers: false, next }
}

pub const APPLICATION: Wizard = Wizard {
    id: "application",
    title: msg!("application-title"),
    steps: &[
        step(
            "unit",
            msg!("application-unit-heading"),
            &[msg!("application-unit-text")],
            &[
                text(UNIT_NAME, msg!("application-unit-name"), 2, technical::UNIT_NAME_MAX),
                Field {
                    name: UNIT_OID,
                    label: msg!("application-unit-oid"),
                    hint: Some(msg!("application-unit-oid-hint")),
                    kind: FieldKind::Oid,
                    required: true,
                },
            ],
            Next::To("system"),
        ),
        step(
            "system",
            msg!("application-system-heading"),
            &[msg!("application-system-text")],
            &[
                text(SYSTEM_PRODUCT, msg!("application-system-product"), 2, technical::PRODUCT_MAX),
                text(SYSTEM_VERSION, msg!("application-system-version"), 1, technical::VERSION_MAX),
                text(SYSTEM_VENDOR, msg!("application-system-vendor"), 2, technical::VENDOR_MAX),
                CERTIFICATION,
            ],
            Next::To("contacts"),
        ),
        step(
            "contacts",
            msg!("application-contacts-heading"),
            &[msg!("application-contacts-text")],
            &[
                text(ADMIN.name, msg!("application-admin-name"), 2, contacts::NAME_MAX),
                of_kind(ADMIN.email, msg!("application-admin-email"), FieldKind::Email),
                of_kind(ADMIN.phone, msg!("application-admin-phone"), FieldKind::Phone),
                text(TECHNICAL.name, msg!("application-technical-name"), 2, contacts::NAME_MAX),
                of_kind(TECHNICAL.email, msg!("application-technical-email"), FieldKind::Email),
                of_kind(TECHNICAL.phone, msg!("application-technical-phone"), FieldKind::Phone),
            ],
            // The test environment needs no certificate or production plan.
            Next::Branch { field: SERVICES, cases: &[("test-environment", "check")], otherwise: "certificate" },
        ),
        step(
            "certificate",
            msg!("application-certificate-heading"),
            &[msg!("application-certificate-text")],
            &[
                text(CERTIFICATE_NAME, msg!("application-certificate-name"), 3, technical::CERTIFICATE_NAME_MAX),
                of_kind(
                    CERTIFICATE_VALID_UNTIL,
                    msg!("application-certificate-valid-until"),
                    FieldKind::Date { after_today: true },
                ),
            ],
            // The Patient Data Repository also keeps an archivist among its contacts.
            Next::Includes { field: SERVICES, value: PATIENT_DATA, then: "archivist", otherwise: "production" },
        ),
        step(
            "archivist",
            msg!("application-archivist-heading"),
            &[msg!("application-archivist-text")],
            &[
                text(ARCHIVIST.name, msg!("application-archivist-name"), 2, contacts::NAME_MAX),
                of_kind(ARCHIVIST.email, msg!("application-archivist-email"), FieldKind::Email),
                of_kind(ARCHIVIST.phone, msg!("application-archivist-phone"), FieldKind::Phone),
            ],
            Next::To("production"),
        ),
        step(
            "production",
            msg!("application-production-heading"),
            &[msg!("application-production-text")],
            &[
                of_kind("production_date", msg!("application-production-date"), FieldKind::Date { after_today: true }),
                of_kind("testing_plan", msg!("application-testing-plan"), FieldKind::LongText { min: 10, max: 2000 }),
            ],
            Next::To("check"),
        ),
        Step {
            id: "check",
            heading: msg!("application-check-heading"),
            paragraphs: &[msg!("application-check-text")],
            illustration: None,
            fields: &[],
            check_answers: true,
            next: Next::Done,
        },
    ],
};

/// What stands between these answers and sending the application for `services`: every question
/// on the path answered validly, and a certified system where a service requires one.
pub fn problems_before_submit(services: &ServiceSet, answers: &Answers) -> Vec<FieldError> {
    let mut errors = APPLICATION.validate_path(answers);
    let certified = answers.get(CERTIFICATION.name).map(String::as_str);
    if services.requires(Prerequisite::CertifiedSystem)
        && certified.is_some_and(|c| !c.is_empty())
        && certified != Some(CERTIFIED)
    {
        errors.push(FieldError::new(CERTIFICATION.name, Problem::CertificationRequired));
    }
    errors
}

/// A service unit beyond the first, checked as the unit step checks the first: its name and OID
/// as stored, or what is wrong with them (under the unit step's field names).
pub fn further_unit(name: &str, oid: &str) -> Result<(String, Oid), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut checked = |name: &'static str, value: &str| match APPLICATION.field(name).map(|f| f.check(value)) {
        Some(Ok(v)) => Some(v),
        Some(Err(problem)) => {
            errors.push(FieldError::of_value(name, problem, value));
            None
        }
        None => None,
    };
    let (name, oid) = (checked(UNIT_NAME, name), checked(UNIT_OID, oid).and_then(|o| Oid::parse(&o).ok()));
    match (name, oid) {
        (Some(name), Some(oid)) if errors.is_empty() => Ok((name, oid)),
        _ => Err(errors),
    }
}

/// The answers as stored for `services`: the services are the application's, not the form's.
pub fn with_services(mut answers: Answers, services: &ServiceSet) -> Answers {
    answers.insert(SERVICES.to_string(), services.code());
    answers
}

/// One contact as the application gives it, as typed (checked when the application was saved).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactAnswer<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
}

/// The information system the application names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemAnswer<'a> {
    pub product: &'a str,
    pub version: &'a str,
    pub vendor: &'a str,
}

/// An application's answers read by what they mean, for what the server does with them (the
/// customer data taken over, mail, a co-joiner's systems). Field names appear only here and in
/// the definition above. A question not answered reads as empty or `None`.
#[derive(Clone, Copy, Debug)]
pub struct ApplicationAnswers<'a>(&'a Answers);

impl<'a> ApplicationAnswers<'a> {
    pub fn of(answers: &'a Answers) -> ApplicationAnswers<'a> {
        ApplicationAnswers(answers)
    }

    fn get(self, name: &str) -> &'a str {
        self.0.get(name).map(String::as_str).unwrap_or_default()
    }

    pub fn contact(self, fields: ContactFields) -> ContactAnswer<'a> {
        ContactAnswer { name: self.get(fields.name), email: self.get(fields.email), phone: self.get(fields.phone) }
    }

    /// Where mail about the application goes: the administrative contact, if given.
    pub fn admin_email(self) -> Option<&'a str> {
        Some(self.get(ADMIN.email)).filter(|e| !e.is_empty())
    }

    /// The information system, when its product is named.
    pub fn system(self) -> Option<SystemAnswer<'a>> {
        let product = self.get(SYSTEM_PRODUCT);
        (!product.is_empty()).then(|| SystemAnswer {
            product,
            version: self.get(SYSTEM_VERSION),
            vendor: self.get(SYSTEM_VENDOR),
        })
    }

    /// The first service unit: its name and OID, when the OID parses.
    pub fn unit(self) -> Option<(&'a str, Oid)> {
        Oid::parse(self.get(UNIT_OID)).ok().map(|oid| (self.get(UNIT_NAME), oid))
    }

    /// The certificate's name and last valid day, when both are given and the day parses.
    pub fn certificate(self) -> Option<(&'a str, Date)> {
        let name = self.get(CERTIFICATE_NAME);
        Date::parse(self.get(CERTIFICATE_VALID_UNTIL)).ok().filter(|_| !name.is_empty()).map(|until| (name, until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_patient_data_repository_asks_for_its_archivist() {
        use crate::domain::services::KantaService;
        assert_eq!(PATIENT_DATA, KantaService::PatientDataRepository.code());
        let ids = |services: &str| {
            let answers: Answers = [(SERVICES.to_string(), services.to_string())].into_iter().collect();
            APPLICATION.path(&answers).iter().map(|s| s.id).collect::<Vec<_>>()
        };
        assert!(ids("patient-data,imaging").contains(&"archivist"));
        assert!(!ids("eprescription").contains(&"archivist"));
        assert!(!ids("test-environment").contains(&"archivist"));
    }
    use crate::domain::services::KantaService;

    fn complete(service: KantaService) -> Answers {
        let mut a = with_services(Answers::new(), &ServiceSet::one(service));
        for (k, v) in [
            ("unit_name", "Lähiklinikka, vastaanotto"),
            ("unit_oid", "1.2.246.10.31415903.10.1"),
            ("system_product", "Potilas Pro"),
            ("system_version", "5.2"),
            ("system_vendor", "Terveysdata Oy"),
            ("system_certification", "certified"),
            ("admin_name", "Aino Virtanen"),
            ("admin_email", "aino@lahiklinikka.fi"),
            ("admin_phone", "040 123 4567"),
            ("technical_name", "Laura Heikkinen"),
            ("technical_email", "laura@terveysdata.fi"),
            ("technical_phone", "+358 50 765 4321"),
            ("certificate_name", "kanta.lahiklinikka.fi"),
            ("certificate_valid_until", "2099-12-31"),
            ("archivist_name", "Arja Arkisto"),
            ("archivist_email", "arkisto@lahiklinikka.fi"),
            ("archivist_phone", "040 765 1234"),
            ("production_date", "2099-03-01"),
            ("testing_plan", "Testaus toimittajan kanssa testiympäristössä."),
        ] {
            a.insert(k.into(), v.into());
        }
        a
    }

    #[test]
    fn further_units_are_checked_like_the_first() {
        let (name, oid) = further_unit(" Röntgen ", "1.2.246.10.31415903.10.2").unwrap();
        assert_eq!((name.as_str(), oid.to_string().as_str()), ("Röntgen", "1.2.246.10.31415903.10.2"));
        let problems = |name, oid| {
            further_unit(name, oid).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect::<Vec<_>>()
        };
        assert_eq!(
            problems("", "1.2.x"),
            [(UNIT_NAME.into(), Problem::Required), (UNIT_OID.into(), Problem::InvalidOid)]
        );
        assert_eq!(problems("Röntgen", ""), [(UNIT_OID.into(), Problem::Required)]);
    }

    #[test]
    fn the_definition_is_well_formed() {
        assert!(APPLICATION.definition_errors().is_empty(), "{:?}", APPLICATION.definition_errors());
    }

    #[test]
    fn a_complete_application_may_be_sent() {
        assert!(
            problems_before_submit(
                &ServiceSet::one(KantaService::PatientDataRepository),
                &complete(KantaService::PatientDataRepository)
            )
            .is_empty()
        );
    }

    #[test]
    fn production_services_need_a_certified_system_and_a_plan() {
        let service = KantaService::PatientDataRepository;
        let mut a = complete(service);
        a.insert("system_certification".into(), "in-certification".into());
        a.remove("testing_plan");
        let problems: Vec<_> =
            problems_before_submit(&ServiceSet::one(service), &a).into_iter().map(|e| (e.field, e.problem)).collect();
        assert_eq!(
            problems,
            [
                ("testing_plan".into(), Problem::Required),
                ("system_certification".into(), Problem::CertificationRequired)
            ]
        );
    }

    #[test]
    fn the_test_environment_skips_certificate_and_production() {
        let service = KantaService::TestEnvironment;
        let mut a = complete(service);
        for skipped in ["certificate_name", "certificate_valid_until", "production_date", "testing_plan"] {
            a.remove(skipped);
        }
        a.insert("system_certification".into(), "not-certified".into());
        assert!(problems_before_submit(&ServiceSet::one(service), &a).is_empty());
    }

    #[test]
    fn a_draft_keeps_what_is_valid_and_refuses_what_is_not() {
        let mut a = with_services(Answers::new(), &ServiceSet::one(KantaService::EPrescription));
        a.insert("admin_phone".into(), "040 123 4567".into());
        a.insert("admin_email".into(), " Aino@Lahiklinikka.FI ".into());
        a.insert("nonsense".into(), "x".into());
        let stored = APPLICATION.normalise(&a, &[SERVICES]).unwrap();
        assert_eq!(stored.get("admin_phone").map(String::as_str), Some("+358401234567"));
        assert_eq!(stored.get("admin_email").map(String::as_str), Some("aino@lahiklinikka.fi"));
        assert_eq!(stored.get(SERVICES).map(String::as_str), Some("eprescription"));
        assert!(!stored.contains_key("nonsense"));
        a.insert("production_date".into(), "2001-01-01".into());
        let errors = APPLICATION.normalise(&a, &[SERVICES]).unwrap_err();
        assert_eq!(errors[0].problem, Problem::DateNotInFuture);
    }
}
