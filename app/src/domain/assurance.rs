//! Level of assurance of an identification, as Suomi.fi reports it in the `acr` claim, and which
//! identifications we admit. Values from Suomi.fi identification's OIDC description and the
//! FTN profile: `http://ftn.ficora.fi/2017/loa2|loa3` for Finnish methods,
//! `http://eidas.europa.eu/LoA/substantial|high` for a foreign person identified through eIDAS,
//! and a test value of the customer-test environment.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Assurance {
    /// eIDAS substantial: bank codes, mobile certificate.
    Substantial,
    /// eIDAS high: certificate card.
    High,
}

/// What an `acr` value says about the person and the method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportedLevel {
    /// A Finnish method (FTN): the person has a Finnish identity code.
    Finnish(Assurance),
    /// A foreign eID through eIDAS: no Finnish identity code.
    Eidas(Assurance),
    /// Suomi.fi's customer-test environment's own test level.
    CustomerTest,
    /// Anything else, which meets no requirement.
    Unknown,
}

/// Why an identification is not admitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAdmitted {
    /// A foreign person identified through eIDAS: the registers we ask know people by a
    /// Finnish identity code, which they lack.
    Foreign,
    /// Below the required level, unknown, or the test level outside a test environment.
    TooLow,
}

impl Assurance {
    pub const SUBSTANTIAL_ACR: &'static str = "http://ftn.ficora.fi/2017/loa2";
    pub const HIGH_ACR: &'static str = "http://ftn.ficora.fi/2017/loa3";
    pub const EIDAS_SUBSTANTIAL_ACR: &'static str = "http://eidas.europa.eu/LoA/substantial";
    pub const EIDAS_HIGH_ACR: &'static str = "http://eidas.europa.eu/LoA/high";
    /// The level Suomi.fi's customer-test environment reports.
    pub const CUSTOMER_TEST_ACR: &'static str = "urn:oid:1.2.246.517.3002.110.999";

    /// The Finnish level of an `acr`; `None` for eIDAS, test and unknown values.
    pub fn from_acr(acr: &str) -> Option<Assurance> {
        match ReportedLevel::of(acr) {
            ReportedLevel::Finnish(level) => Some(level),
            _ => None,
        }
    }

    pub fn acr(self) -> &'static str {
        match self {
            Assurance::Substantial => Self::SUBSTANTIAL_ACR,
            Assurance::High => Self::HIGH_ACR,
        }
    }

    /// The `acr_values` to ask for: every acceptable level, highest first; the customer-test
    /// level last when we run against a test environment.
    pub fn acr_values(self, test_environment: bool) -> Vec<&'static str> {
        let mut values: Vec<_> =
            [Assurance::High, Assurance::Substantial].into_iter().filter(|l| *l >= self).map(Assurance::acr).collect();
        if test_environment {
            values.push(Self::CUSTOMER_TEST_ACR);
        }
        values
    }

    /// Whether an identification reported as `acr` is admitted under this requirement.
    /// `test_environment` is true only when configured so, never in production.
    pub fn admits(self, acr: Option<&str>, test_environment: bool) -> Result<(), NotAdmitted> {
        match acr.map(ReportedLevel::of).unwrap_or(ReportedLevel::Unknown) {
            ReportedLevel::Finnish(level) if level >= self => Ok(()),
            ReportedLevel::CustomerTest if test_environment => Ok(()),
            ReportedLevel::Eidas(_) => Err(NotAdmitted::Foreign),
            _ => Err(NotAdmitted::TooLow),
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Assurance::Substantial => msg!("assurance-substantial"),
            Assurance::High => msg!("assurance-high"),
        }
    }
}

impl ReportedLevel {
    pub fn of(acr: &str) -> ReportedLevel {
        match acr {
            Assurance::SUBSTANTIAL_ACR => ReportedLevel::Finnish(Assurance::Substantial),
            Assurance::HIGH_ACR => ReportedLevel::Finnish(Assurance::High),
            Assurance::EIDAS_SUBSTANTIAL_ACR => ReportedLevel::Eidas(Assurance::Substantial),
            Assurance::EIDAS_HIGH_ACR => ReportedLevel::Eidas(Assurance::High),
            Assurance::CUSTOMER_TEST_ACR => ReportedLevel::CustomerTest,
            _ => ReportedLevel::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_finnish_levels_meet_lower_requirements_and_unknown_meets_none() {
        assert_eq!(Assurance::Substantial.admits(Some(Assurance::HIGH_ACR), false), Ok(()));
        assert_eq!(Assurance::Substantial.admits(Some(Assurance::SUBSTANTIAL_ACR), false), Ok(()));
        assert_eq!(Assurance::High.admits(Some(Assurance::SUBSTANTIAL_ACR), false), Err(NotAdmitted::TooLow));
        assert_eq!(
            Assurance::Substantial.admits(Some("http://ftn.ficora.fi/2017/loa1"), false),
            Err(NotAdmitted::TooLow)
        );
        assert_eq!(Assurance::Substantial.admits(None, true), Err(NotAdmitted::TooLow));
    }

    #[test]
    fn eidas_persons_are_foreign_whatever_their_level() {
        for acr in [Assurance::EIDAS_SUBSTANTIAL_ACR, Assurance::EIDAS_HIGH_ACR] {
            for test in [false, true] {
                assert_eq!(Assurance::Substantial.admits(Some(acr), test), Err(NotAdmitted::Foreign));
            }
        }
        assert_eq!(Assurance::from_acr(Assurance::EIDAS_HIGH_ACR), None);
    }

    #[test]
    fn the_customer_test_level_only_in_a_test_environment() {
        let test = Some(Assurance::CUSTOMER_TEST_ACR);
        assert_eq!(Assurance::High.admits(test, true), Ok(()));
        assert_eq!(Assurance::Substantial.admits(test, false), Err(NotAdmitted::TooLow));
    }

    #[test]
    fn acr_values_list_every_acceptable_level_highest_first() {
        assert_eq!(Assurance::Substantial.acr_values(false), [Assurance::HIGH_ACR, Assurance::SUBSTANTIAL_ACR]);
        assert_eq!(Assurance::High.acr_values(false), [Assurance::HIGH_ACR]);
        assert_eq!(
            Assurance::Substantial.acr_values(true),
            [Assurance::HIGH_ACR, Assurance::SUBSTANTIAL_ACR, Assurance::CUSTOMER_TEST_ACR]
        );
    }
}
