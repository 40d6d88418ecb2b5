//! The Kanta services an organisation can take into use: who may use each, what must be in place
//! first, and the phases an application for it goes through.
use super::{
    acting::OrganisationKind,
    validation::{Date, Problem},
};
use serde::{Deserialize, Serialize};

coded_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum KantaService {
        /// ePrescription for health-care units.
        EPrescription = ("eprescription", msg!("service-eprescription")),
        EPrescriptionPharmacy = ("eprescription-pharmacy", msg!("service-eprescription-pharmacy")),
        PatientDataRepository = ("patient-data", msg!("service-patient-data")),
        /// Imaging data in the Patient Data Repository.
        Imaging = ("imaging", msg!("service-imaging")),
        /// Client Data Archive for social welfare.
        ClientDataArchive = ("client-data-archive", msg!("service-client-data-archive")),
        TestEnvironment = ("test-environment", msg!("service-test-environment")),
    }
}

/// Something that must be in place before a service can be taken into use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Prerequisite {
    /// The organisation and its units current in the National Code Service (OIDs).
    CodeServiceCurrent,
    /// An information system certified for this service.
    CertifiedSystem,
    /// A DVV server certificate for the information system.
    ServiceCertificate,
    /// A pharmacy licence (Fimea).
    PharmacyLicence,
    /// Social welfare units in the organisation register of social and health care.
    SocialWelfareUnits,
    /// This other service already in use.
    ServiceInUse(KantaService),
    /// The pharmacy's takeover date in Fimea's pharmacy register.
    TakeoverRegistered,
    /// At most [`DAYS_BEFORE_TAKEOVER`] days before the pharmacy's takeover on `takeover`: the
    /// application can be sent from `opens`.
    TakeoverNear { opens: Date, takeover: Date },
    /// Every co-joiner of a joint joining has signed its acceptance.
    CoJoinersSigned,
}

/// A pharmacy's Prescription application is sent at most this many days before its takeover
/// date in Fimea's pharmacy register (Kanta's instructions for pharmacies).
pub const DAYS_BEFORE_TAKEOVER: i64 = 30;

/// What the takeover rule leaves unmet `today` (Finnish time) for a pharmacy whose takeover
/// date in Fimea's register is `takeover` (`None`: none registered). A takeover in the past is a
/// pharmacy already running: nothing to wait for.
pub fn takeover_unmet(takeover: Option<Date>, today: Date) -> Option<Prerequisite> {
    match takeover {
        None => Some(Prerequisite::TakeoverRegistered),
        Some(takeover) => {
            let opens = takeover.plus_days(-DAYS_BEFORE_TAKEOVER);
            (today < opens).then_some(Prerequisite::TakeoverNear { opens, takeover })
        }
    }
}

impl Prerequisite {
    pub fn message_id(self) -> &'static str {
        match self {
            Prerequisite::CodeServiceCurrent => msg!("prerequisite-code-service"),
            Prerequisite::CertifiedSystem => msg!("prerequisite-certified-system"),
            Prerequisite::ServiceCertificate => msg!("prerequisite-service-certificate"),
            Prerequisite::PharmacyLicence => msg!("prerequisite-pharmacy-licence"),
            Prerequisite::SocialWelfareUnits => msg!("prerequisite-social-welfare-units"),
            // With `service` = the other service's name.
            Prerequisite::ServiceInUse(_) => msg!("prerequisite-service-in-use"),
            Prerequisite::TakeoverRegistered => msg!("prerequisite-takeover-registered"),
            // With `opens` and `takeover`, dates as Finns write them.
            Prerequisite::TakeoverNear { .. } => msg!("prerequisite-takeover-near"),
            Prerequisite::CoJoinersSigned => msg!("prerequisite-co-joiners-signed"),
        }
    }
}

/// The phases of taking a service into use, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Application,
    JointTesting,
    Agreement,
    Production,
}

use OrganisationKind as K;
use Prerequisite as P;

const HEALTH_CARE: &[OrganisationKind] =
    &[K::PrivateCompany, K::Association, K::SoleTrader, K::Public, K::SelfEmployed];
const SOCIAL_WELFARE: &[OrganisationKind] =
    &[K::PrivateCompany, K::Association, K::SoleTrader, K::Public, K::SelfEmployed];
const PRODUCTION_SERVICE: &[P] = &[P::CodeServiceCurrent, P::CertifiedSystem, P::ServiceCertificate];
const ALL_PHASES: &[Phase] = &[Phase::Application, Phase::JointTesting, Phase::Agreement, Phase::Production];

impl KantaService {
    /// The kinds of organisation that may take this service into use.
    pub fn for_kinds(self) -> &'static [OrganisationKind] {
        match self {
            KantaService::EPrescription | KantaService::PatientDataRepository | KantaService::Imaging => HEALTH_CARE,
            KantaService::EPrescriptionPharmacy => &[K::Pharmacy],
            KantaService::ClientDataArchive => SOCIAL_WELFARE,
            KantaService::TestEnvironment => &OrganisationKind::ALL,
        }
    }

    pub fn prerequisites(self) -> &'static [Prerequisite] {
        match self {
            KantaService::EPrescription | KantaService::PatientDataRepository => PRODUCTION_SERVICE,
            KantaService::EPrescriptionPharmacy => {
                &[P::CodeServiceCurrent, P::PharmacyLicence, P::CertifiedSystem, P::ServiceCertificate]
            }
            KantaService::Imaging => &[
                P::ServiceInUse(KantaService::PatientDataRepository),
                P::CodeServiceCurrent,
                P::CertifiedSystem,
                P::ServiceCertificate,
            ],
            KantaService::ClientDataArchive => {
                &[P::CodeServiceCurrent, P::SocialWelfareUnits, P::CertifiedSystem, P::ServiceCertificate]
            }
            // Test data only: no production data to protect yet.
            KantaService::TestEnvironment => &[],
        }
    }

    /// The test environment is used, not put into production.
    pub fn phases(self) -> &'static [Phase] {
        match self {
            KantaService::TestEnvironment => &[Phase::Application, Phase::Agreement],
            _ => ALL_PHASES,
        }
    }

    pub fn is_for(self, kind: OrganisationKind) -> bool {
        self.for_kinds().contains(&kind)
    }

    /// The prerequisites this product can see are not met yet: the organisation's data in the
    /// code service, and services that must be in use first. (A certified system and the
    /// certificate are questions of the application; licences and registers staff check.)
    pub fn unmet(self, code_service_current: bool, in_use: &[KantaService]) -> Vec<Prerequisite> {
        self.prerequisites()
            .iter()
            .copied()
            .filter(|p| match p {
                P::CodeServiceCurrent => !code_service_current,
                P::ServiceInUse(other) => !in_use.contains(other),
                _ => false,
            })
            .collect()
    }
}

/// The services one application is for: at least one, each once, in catalogue order. The test
/// environment goes on an application of its own, since it opens without joint testing.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceSet(Vec<KantaService>);

impl ServiceSet {
    pub fn one(service: KantaService) -> ServiceSet {
        ServiceSet(vec![service])
    }

    /// The services an organisation of `kind` ticked, by code.
    pub fn choose<S: AsRef<str>>(
        codes: impl IntoIterator<Item = S>,
        kind: OrganisationKind,
    ) -> Result<ServiceSet, Problem> {
        let mut chosen = Vec::new();
        for code in codes {
            let code = code.as_ref().trim();
            if !code.is_empty() {
                chosen.push(KantaService::from_code(code).filter(|s| s.is_for(kind)).ok_or(Problem::UnknownChoice)?);
            }
        }
        ServiceSet::of(&chosen)
    }

    fn of(services: &[KantaService]) -> Result<ServiceSet, Problem> {
        let set: Vec<KantaService> = KantaService::ALL.into_iter().filter(|s| services.contains(s)).collect();
        match set.as_slice() {
            [] => Err(Problem::Required),
            [_, _, ..] if set.contains(&KantaService::TestEnvironment) => Err(Problem::OnItsOwn),
            _ => Ok(ServiceSet(set)),
        }
    }

    /// Stored and posted form: the codes, comma-separated.
    pub fn code(&self) -> String {
        self.0.iter().map(|s| s.code()).collect::<Vec<_>>().join(",")
    }

    pub fn from_code(code: &str) -> Option<ServiceSet> {
        let services = code.split(',').map(|c| KantaService::from_code(c.trim())).collect::<Option<Vec<_>>>()?;
        ServiceSet::of(&services).ok()
    }

    pub fn as_slice(&self) -> &[KantaService] {
        &self.0
    }

    pub fn contains(&self, service: KantaService) -> bool {
        self.0.contains(&service)
    }

    /// The services' names as a list, each name from its message id through `name` (in the
    /// reader's language on a page, the recipient's in mail and agreements).
    pub fn names(&self, name: impl Fn(&'static str) -> String) -> String {
        self.0.iter().map(|s| name(s.message_id())).collect::<Vec<_>>().join(", ")
    }

    /// Whether any of them requires `prerequisite`.
    pub fn requires(&self, prerequisite: Prerequisite) -> bool {
        self.0.iter().any(|s| s.prerequisites().contains(&prerequisite))
    }

    /// What is not met yet for any of them; a service applied for together with the one that
    /// needs it counts as in use, since both go into production together.
    pub fn unmet(&self, code_service_current: bool, in_use: &[KantaService]) -> Vec<Prerequisite> {
        let in_use: Vec<KantaService> = in_use.iter().chain(&self.0).copied().collect();
        let mut unmet = Vec::new();
        for p in self.0.iter().flat_map(|s| s.unmet(code_service_current, &in_use)) {
            if !unmet.contains(&p) {
                unmet.push(p);
            }
        }
        unmet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pharmacy_applies_at_most_thirty_days_before_its_takeover() {
        let d = |s| Date::parse(s).unwrap();
        let takeover = d("2027-03-01");
        let near = Prerequisite::TakeoverNear { opens: d("2027-01-30"), takeover };
        assert_eq!(takeover_unmet(Some(takeover), d("2027-01-29")), Some(near), "31 days before");
        assert_eq!(takeover_unmet(Some(takeover), d("2027-01-30")), None, "30 days before");
        assert_eq!(takeover_unmet(Some(takeover), d("2027-03-01")), None, "on the day");
        assert_eq!(takeover_unmet(Some(d("2019-03-01")), d("2027-01-01")), None, "a pharmacy already running");
        assert_eq!(takeover_unmet(None, d("2027-01-01")), Some(Prerequisite::TakeoverRegistered));
        // Across a leap day: 30 days, not a month.
        let leap = takeover_unmet(Some(d("2028-03-01")), d("2028-01-30"));
        assert_eq!(leap, Some(Prerequisite::TakeoverNear { opens: d("2028-01-31"), takeover: d("2028-03-01") }));
    }

    #[test]
    fn who_may_use_what() {
        use KantaService::*;
        assert!(EPrescriptionPharmacy.is_for(K::Pharmacy));
        assert!(!EPrescription.is_for(K::Pharmacy), "pharmacies dispense; they take the pharmacy service");
        assert!(!EPrescriptionPharmacy.is_for(K::Public));
        for kind in OrganisationKind::ALL {
            assert!(KantaService::ALL.iter().filter(|s| **s != TestEnvironment).any(|s| s.is_for(kind)), "{kind:?}");
            assert!(TestEnvironment.is_for(kind));
        }
    }

    #[test]
    fn prerequisites_and_phases_hold_together() {
        for service in KantaService::ALL {
            for p in service.prerequisites() {
                if let P::ServiceInUse(other) = p {
                    assert_ne!(*other, service, "{service:?} needs itself");
                    assert!(
                        service.for_kinds().iter().all(|k| other.is_for(*k)),
                        "whoever may use {service:?} must be able to use {other:?} first"
                    );
                }
            }
            let phases = service.phases();
            assert_eq!(phases.first(), Some(&Phase::Application));
            assert!(phases.windows(2).all(|w| (w[0] as u8) < (w[1] as u8)), "{service:?}: phases out of order");
            let production = phases.contains(&Phase::Production);
            assert_eq!(production, !service.prerequisites().is_empty(), "{service:?}");
            assert!(!production || service.prerequisites().contains(&P::CertifiedSystem), "{service:?}");
        }
    }

    #[test]
    fn unmet_prerequisites_are_named() {
        use KantaService::*;
        assert_eq!(Imaging.unmet(true, &[]), [P::ServiceInUse(PatientDataRepository)]);
        assert!(Imaging.unmet(true, &[PatientDataRepository]).is_empty());
        assert_eq!(EPrescription.unmet(false, &[]), [P::CodeServiceCurrent]);
        assert!(TestEnvironment.unmet(false, &[]).is_empty(), "test data only");
    }

    #[test]
    fn codes_round_trip() {
        for s in KantaService::ALL {
            assert_eq!(KantaService::from_code(s.code()), Some(s));
        }
        assert_eq!(KantaService::from_code("x"), None);
    }

    #[test]
    fn services_are_chosen_together() {
        use KantaService::*;
        let set = ServiceSet::choose(["eprescription", " patient-data", "imaging", ""], K::PrivateCompany).unwrap();
        assert_eq!(set.as_slice(), [EPrescription, PatientDataRepository, Imaging], "catalogue order");
        assert_eq!(set.code(), "eprescription,patient-data,imaging");
        assert_eq!(ServiceSet::from_code(&set.code()), Some(set.clone()));
        assert!(set.unmet(true, &[]).is_empty(), "imaging comes with the repository it needs");
        assert_eq!(ServiceSet::one(Imaging).unmet(true, &[]), [P::ServiceInUse(PatientDataRepository)]);
        assert_eq!(set.unmet(false, &[]), [P::CodeServiceCurrent], "each prerequisite named once");
        assert_eq!(ServiceSet::choose(["imaging", "imaging"], K::Public).unwrap().as_slice(), [Imaging]);

        assert_eq!(ServiceSet::choose(["", " "], K::Public), Err(Problem::Required));
        assert_eq!(ServiceSet::choose(["eprescription-pharmacy"], K::Public), Err(Problem::UnknownChoice));
        assert_eq!(ServiceSet::choose(["x"], K::Public), Err(Problem::UnknownChoice));
        assert_eq!(ServiceSet::choose(["test-environment", "patient-data"], K::Public), Err(Problem::OnItsOwn));
        assert_eq!(ServiceSet::from_code("patient-data,test-environment"), None);
        assert_eq!(ServiceSet::from_code(""), None);
        assert!(ServiceSet::one(EPrescription).requires(P::CertifiedSystem));
        assert!(!ServiceSet::one(TestEnvironment).requires(P::CertifiedSystem));
    }
}
