//! Fimea's pharmacy register: a pharmacy's takeover date (the day its pharmacist takes it over)
//! and its pharmacist in charge. A pharmacy's Prescription application waits for that date
//! (`domain::services::takeover_unmet`).
use super::{Http, RegistryError, Repeat};
use crate::domain::{validation::Date, ytunnus::YTunnus};
use serde::Deserialize;

/// A pharmacy as the register lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pharmacy {
    pub name: String,
    /// `None` while no takeover is registered.
    pub takeover_on: Option<Date>,
    /// The pharmacist in charge, by name.
    pub pharmacist_in_charge: String,
}

#[async_trait::async_trait]
pub trait PharmacyRegister: Send + Sync {
    /// The pharmacy with business ID `ytunnus`, or `None` when the register has no such pharmacy.
    async fn pharmacy(&self, ytunnus: &YTunnus) -> Result<Option<Pharmacy>, RegistryError>;
}

pub struct HttpPharmacyRegister(Http);

impl HttpPharmacyRegister {
    pub fn new(base: &str) -> HttpPharmacyRegister {
        HttpPharmacyRegister(Http::new("pharmacy register", base))
    }
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    /// ISO 8601 (`2027-03-01`).
    takeover_on: Option<String>,
    pharmacist_in_charge: String,
}

#[async_trait::async_trait]
impl PharmacyRegister for HttpPharmacyRegister {
    async fn pharmacy(&self, ytunnus: &YTunnus) -> Result<Option<Pharmacy>, RegistryError> {
        let request = self.0.client.get(self.0.url(&format!("/pharmacies/{ytunnus}")));
        let Some(entry) = self.0.json::<Entry>(request, Repeat::Lookup).await? else {
            return Ok(None);
        };
        let takeover_on = match entry.takeover_on.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(date) => Some(
                Date::parse(date)
                    .map_err(|_| RegistryError::Answer("pharmacy register", format!("takeover date {date}")))?,
            ),
            None => None,
        };
        Ok(Some(Pharmacy { name: entry.name, takeover_on, pharmacist_in_charge: entry.pharmacist_in_charge }))
    }
}
