//! The documents the customer-relationship agreement makes the customer accept: Kanta's general
//! terms of delivery and each service's description. Each exists in versions, in both languages
//! (`locales/*/terms.ftl`); a new text is a new version with messages of its own, and an older
//! one stays readable at its address, because a signed agreement cites it.
use crate::domain::services::KantaService;
use serde::{Deserialize, Serialize};

/// One of the documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Document {
    DeliveryTerms,
    ServiceDescription(KantaService),
}

/// One version of a document: its id, the day it came into force (`YYYY-MM-DD`) and its
/// paragraphs' message ids, in order.
#[derive(Debug, PartialEq, Eq)]
pub struct Version {
    pub id: &'static str,
    pub in_force_from: &'static str,
    pub paragraphs: &'static [&'static str],
}

const DELIVERY_TERMS: &[Version] = &[Version {
    id: "2026-1",
    in_force_from: "2026-01-01",
    paragraphs: &[
        msg!("terms-delivery-2026-1-1"),
        msg!("terms-delivery-2026-1-2"),
        msg!("terms-delivery-2026-1-3"),
        msg!("terms-delivery-2026-1-4"),
        msg!("terms-delivery-2026-1-5"),
        msg!("terms-delivery-2026-1-6"),
    ],
}];

/// The first version of a service's description: two paragraphs.
const fn description(paragraphs: &'static [&'static str]) -> Version {
    Version { id: "2026-1", in_force_from: "2026-01-01", paragraphs }
}

const EPRESCRIPTION: &[Version] =
    &[description(&[msg!("terms-eprescription-2026-1-1"), msg!("terms-eprescription-2026-1-2")])];
const EPRESCRIPTION_PHARMACY: &[Version] =
    &[description(&[msg!("terms-eprescription-pharmacy-2026-1-1"), msg!("terms-eprescription-pharmacy-2026-1-2")])];
const PATIENT_DATA: &[Version] =
    &[description(&[msg!("terms-patient-data-2026-1-1"), msg!("terms-patient-data-2026-1-2")])];
const IMAGING: &[Version] = &[description(&[msg!("terms-imaging-2026-1-1"), msg!("terms-imaging-2026-1-2")])];
const CLIENT_DATA_ARCHIVE: &[Version] =
    &[description(&[msg!("terms-client-data-archive-2026-1-1"), msg!("terms-client-data-archive-2026-1-2")])];
const TEST_ENVIRONMENT: &[Version] =
    &[description(&[msg!("terms-test-environment-2026-1-1"), msg!("terms-test-environment-2026-1-2")])];

impl Document {
    /// The delivery terms, then each service's description.
    pub fn all() -> impl Iterator<Item = Document> {
        std::iter::once(Document::DeliveryTerms).chain(KantaService::ALL.into_iter().map(Document::ServiceDescription))
    }

    /// Its name in addresses: `delivery`, or the service's code.
    pub fn slug(self) -> &'static str {
        match self {
            Document::DeliveryTerms => "delivery",
            Document::ServiceDescription(service) => service.code(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Document> {
        Document::all().find(|d| d.slug() == slug)
    }

    /// Every version, oldest first; the last is in force.
    pub fn versions(self) -> &'static [Version] {
        match self {
            Document::DeliveryTerms => DELIVERY_TERMS,
            Document::ServiceDescription(service) => match service {
                KantaService::EPrescription => EPRESCRIPTION,
                KantaService::EPrescriptionPharmacy => EPRESCRIPTION_PHARMACY,
                KantaService::PatientDataRepository => PATIENT_DATA,
                KantaService::Imaging => IMAGING,
                KantaService::ClientDataArchive => CLIENT_DATA_ARCHIVE,
                KantaService::TestEnvironment => TEST_ENVIRONMENT,
            },
        }
    }

    /// The version in force.
    pub fn current(self) -> &'static Version {
        self.versions().last().expect("every document has a version")
    }

    pub fn version(self, id: &str) -> Option<&'static Version> {
        self.versions().iter().find(|v| v.id == id)
    }

    /// Where version `id` is read: `/terms/<slug>/<id>`.
    pub fn path(self, id: &str) -> String {
        format!("/terms/{}/{id}", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_is_found_by_its_address_and_has_a_version_in_force() {
        for document in Document::all() {
            assert_eq!(Document::from_slug(document.slug()), Some(document));
            let current = document.current();
            assert_eq!(document.version(current.id), Some(current));
            assert!(!current.paragraphs.is_empty());
            assert!(crate::domain::validation::Date::parse(current.in_force_from).is_ok());
        }
        assert_eq!(Document::all().count(), 1 + KantaService::ALL.len());
        assert_eq!(Document::from_slug("no-such"), None);
        assert_eq!(Document::DeliveryTerms.path("2026-1"), "/terms/delivery/2026-1");
    }
}
