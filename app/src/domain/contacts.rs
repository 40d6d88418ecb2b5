//! An organisation's contact persons: who they are, what they are contacts for, and the rule that
//! every service in use keeps the contacts its kind requires ([`required_kinds`]).
use super::{
    services::KantaService,
    validation::{Email, FieldError, Phone, check, text},
};
use serde::{Deserialize, Serialize};

coded_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ContactKind {
        /// Makes applications, keeps contacts and technical data current.
        Administrative = ("administrative", msg!("contact-kind-administrative")),
        Technical = ("technical", msg!("contact-kind-technical")),
        Billing = ("billing", msg!("contact-kind-billing")),
        /// The data protection officer.
        DataProtection = ("data-protection", msg!("contact-kind-data-protection")),
        /// The Patient Data Repository's archivist: answers Kanta's archivist, who checks the
        /// documents stored in the deployment test and after.
        Archivist = ("archivist", msg!("contact-kind-archivist")),
        /// Handles requests for log data (who has seen a patient's data).
        LogRequests = ("log-requests", msg!("contact-kind-log-requests")),
    }
}

/// The kinds a service in use must keep at least one contact of: an administrative and a
/// technical contact for every service, and the archivist for the Patient Data Repository (the
/// contact roles of the real Extranet; see `domain-notes.md`).
pub fn required_kinds(service: KantaService) -> &'static [ContactKind] {
    use ContactKind::*;
    match service {
        KantaService::PatientDataRepository => &[Administrative, Technical, Archivist],
        _ => &[Administrative, Technical],
    }
}

/// A contact as given in the form, parsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub kind: ContactKind,
    pub name: String,
    pub email: Email,
    pub phone: Phone,
    /// The services the person is a contact for; empty means all of them.
    pub services: Vec<KantaService>,
}

/// The form's fields, as given; `services` holds a key for each service ticked.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub kind: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub services: std::collections::BTreeMap<String, String>,
}

impl ContactForm {
    /// The fields as the form names them (`contact[name]`, `contact[services][patient-data]`).
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> =
            [("kind", &self.kind), ("name", &self.name), ("email", &self.email), ("phone", &self.phone)]
                .into_iter()
                .map(|(k, v)| (format!("contact[{k}]"), v.clone()))
                .collect();
        fields.extend(self.services.iter().map(|(k, v)| (format!("contact[services][{k}]"), v.clone())));
        fields
    }

    pub fn parse(&self) -> Result<ContactInput, Vec<FieldError>> {
        let ticked: Vec<String> = self.services.iter().filter(|(_, v)| !v.is_empty()).map(|(k, _)| k.clone()).collect();
        ContactInput::parse(&self.kind, &self.name, &self.email, &self.phone, &ticked)
    }
}

/// The longest contact name, in characters: the width of `contact.name`.
pub const NAME_MAX: u32 = 200;

impl ContactInput {
    pub fn parse(
        kind: &str,
        name: &str,
        email: &str,
        phone: &str,
        services: &[String],
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = check(
            &mut errors,
            "kind",
            ContactKind::from_code(kind.trim()).ok_or(super::validation::Problem::UnknownChoice),
        );
        let name = check(&mut errors, "name", text(name, 2, NAME_MAX));
        let email = check(&mut errors, "email", Email::parse(email));
        let phone = check(&mut errors, "phone", Phone::parse(phone));
        let mut parsed = Vec::new();
        for code in services.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            match KantaService::from_code(code) {
                Some(s) if !parsed.contains(&s) => parsed.push(s),
                Some(_) => {}
                None => errors.push(FieldError::new("services", super::validation::Problem::UnknownChoice)),
            }
        }
        match (kind, name, email, phone) {
            (Some(kind), Some(name), Some(email), Some(phone)) if errors.is_empty() => {
                Ok(ContactInput { kind, name, email, phone, services: parsed })
            }
            _ => Err(errors),
        }
    }
}

/// A contact in force, as the coverage rule sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Covers {
    pub kind: ContactKind,
    /// Empty: every service.
    pub services: Vec<KantaService>,
}

impl Covers {
    fn covers(&self, kind: ContactKind, service: KantaService) -> bool {
        self.kind == kind && (self.services.is_empty() || self.services.contains(&service))
    }
}

/// The services in use that lack a required kind of contact, and which kind.
pub fn gaps(in_use: &[KantaService], contacts: &[Covers]) -> Vec<(KantaService, ContactKind)> {
    in_use
        .iter()
        .flat_map(|s| required_kinds(*s).iter().map(|k| (*s, *k)))
        .filter(|(s, k)| !contacts.iter().any(|c| c.covers(*k, *s)))
        .collect()
}

/// The gaps a change would open: those after it that were not there before. A change may leave
/// an old gap (the organisation is filling it), never make a new one.
pub fn gaps_opened(in_use: &[KantaService], before: &[Covers], after: &[Covers]) -> Vec<(KantaService, ContactKind)> {
    let old = gaps(in_use, before);
    gaps(in_use, after).into_iter().filter(|g| !old.contains(g)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContactKind::*;
    use KantaService::*;

    fn c(kind: ContactKind, services: &[KantaService]) -> Covers {
        Covers { kind, services: services.to_vec() }
    }

    #[test]
    fn every_service_in_use_needs_an_administrative_and_a_technical_contact() {
        let in_use = [Imaging, EPrescription];
        assert_eq!(gaps(&in_use, &[c(Administrative, &[]), c(Technical, &[])]), vec![]);
        assert_eq!(
            gaps(&in_use, &[c(Administrative, &[]), c(Technical, &[EPrescription]), c(Billing, &[])]),
            vec![(Imaging, Technical)]
        );
        assert_eq!(gaps(&[], &[]), vec![], "nothing in use, nothing required");
        assert_eq!(gaps(&[Imaging], &[c(DataProtection, &[]), c(LogRequests, &[])]).len(), 2);
    }

    #[test]
    fn the_patient_data_repository_also_needs_its_archivist() {
        let both = [c(Administrative, &[]), c(Technical, &[])];
        assert_eq!(gaps(&[PatientDataRepository, Imaging], &both), vec![(PatientDataRepository, Archivist)]);
        let archivist = [&both[..], &[c(Archivist, &[PatientDataRepository])]].concat();
        assert_eq!(gaps(&[PatientDataRepository], &archivist), vec![]);
        assert_eq!(gaps_opened(&[PatientDataRepository], &archivist, &both), vec![(PatientDataRepository, Archivist)]);
        for service in KantaService::ALL {
            assert!(required_kinds(service).starts_with(&[Administrative, Technical]), "{service:?}");
        }
    }

    #[test]
    fn a_change_may_not_open_a_gap_but_may_leave_one() {
        let in_use = [EPrescription];
        let before = [c(Administrative, &[]), c(Technical, &[])];
        assert_eq!(gaps_opened(&in_use, &before, &[c(Administrative, &[])]), vec![(EPrescription, Technical)]);
        assert_eq!(gaps_opened(&in_use, &[c(Administrative, &[])], &[c(Administrative, &[]), c(Billing, &[])]), vec![]);
        let narrowed = [c(Administrative, &[PatientDataRepository]), c(Technical, &[])];
        assert_eq!(gaps_opened(&in_use, &before, &narrowed), vec![(EPrescription, Administrative)]);
    }

    #[test]
    fn input_is_parsed_at_the_edge() {
        let ok = ContactInput::parse(
            "technical",
            " Tiina Tekninen ",
            "Tiina@Example.FI",
            "040 123 4567",
            &["patient-data".into(), "patient-data".into()],
        )
        .unwrap();
        assert_eq!(ok.name, "Tiina Tekninen");
        assert_eq!(ok.email.as_str(), "tiina@example.fi");
        assert_eq!(ok.phone.as_str(), "+358401234567");
        assert_eq!(ok.services, vec![PatientDataRepository]);
        let bad = ContactInput::parse("boss", "", "x@", "12", &["nope".into()]).unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "name", "email", "phone", "services"]);
    }
}
