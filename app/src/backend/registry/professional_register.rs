//! The professional registers: pharmacists who own a pharmacy (Fimea) and self-employed
//! health-care professionals (Valvira). Both act for themselves without a mandate.
use super::{Http, RegisteredOrganisation, RegistryError, Repeat, parse_organisation};
use crate::domain::{acting::Basis, hetu::Hetu};
use serde::Deserialize;

#[async_trait::async_trait]
pub trait ProfessionalRegister: Send + Sync {
    /// The pharmacies the person owns and their own practice, each with its basis.
    async fn registrations_of(&self, hetu: &Hetu) -> Result<Vec<(RegisteredOrganisation, Basis)>, RegistryError>;
}

pub struct HttpProfessionalRegister(Http);

impl HttpProfessionalRegister {
    pub fn new(base: &str) -> HttpProfessionalRegister {
        HttpProfessionalRegister(Http::new("professional register", base))
    }
}

#[derive(Deserialize)]
struct Registration {
    business_id: String,
    name: String,
    kind: String,
    registration: String,
}

#[async_trait::async_trait]
impl ProfessionalRegister for HttpProfessionalRegister {
    async fn registrations_of(&self, hetu: &Hetu) -> Result<Vec<(RegisteredOrganisation, Basis)>, RegistryError> {
        let request =
            self.0.client.post(self.0.url("/registrations")).json(&serde_json::json!({ "person": hetu.to_string() }));
        let found: Vec<Registration> = self.0.json(request, Repeat::Lookup).await?.unwrap_or_default();
        found
            .into_iter()
            .filter_map(|r| {
                let basis = match r.registration.as_str() {
                    "pharmacy_owner" => Basis::Pharmacist,
                    "self_employed_professional" => Basis::SelfEmployed,
                    _ => return None,
                };
                Some(parse_organisation("professional register", &r.business_id, r.name, &r.kind).map(|o| (o, basis)))
            })
            .collect()
    }
}
