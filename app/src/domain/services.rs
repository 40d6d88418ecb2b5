//! The Kanta services an organisation can take into use.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KantaService {
    /// ePrescription for health-care units.
    EPrescription,
    EPrescriptionPharmacy,
    PatientDataRepository,
    /// Imaging data in the Patient Data Repository.
    Imaging,
    /// Client Data Archive for social welfare.
    ClientDataArchive,
    TestEnvironment,
}

impl KantaService {
    pub const ALL: [KantaService; 6] = [
        KantaService::EPrescription,
        KantaService::EPrescriptionPharmacy,
        KantaService::PatientDataRepository,
        KantaService::Imaging,
        KantaService::ClientDataArchive,
        KantaService::TestEnvironment,
    ];

    /// Stable code, for URLs and storage.
    pub fn code(self) -> &'static str {
        match self {
            KantaService::EPrescription => "eprescription",
            KantaService::EPrescriptionPharmacy => "eprescription-pharmacy",
            KantaService::PatientDataRepository => "patient-data",
            KantaService::Imaging => "imaging",
            KantaService::ClientDataArchive => "client-data-archive",
            KantaService::TestEnvironment => "test-environment",
        }
    }

    pub fn from_code(code: &str) -> Option<KantaService> {
        KantaService::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            KantaService::EPrescription => msg!("service-eprescription"),
            KantaService::EPrescriptionPharmacy => msg!("service-eprescription-pharmacy"),
            KantaService::PatientDataRepository => msg!("service-patient-data"),
            KantaService::Imaging => msg!("service-imaging"),
            KantaService::ClientDataArchive => msg!("service-client-data-archive"),
            KantaService::TestEnvironment => msg!("service-test-environment"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in KantaService::ALL {
            assert_eq!(KantaService::from_code(s.code()), Some(s));
        }
        assert_eq!(KantaService::from_code("x"), None);
    }
}
