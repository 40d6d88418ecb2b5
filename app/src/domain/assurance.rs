//! Level of assurance of an identification, as Suomi.fi reports it in the `acr` claim.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Assurance {
    /// eIDAS substantial: bank codes, mobile certificate.
    Substantial,
    /// eIDAS high: certificate card.
    High,
}

impl Assurance {
    pub const SUBSTANTIAL_ACR: &'static str = "http://ftn.ficora.fi/2017/loa2";
    pub const HIGH_ACR: &'static str = "http://ftn.ficora.fi/2017/loa3";

    /// `None` for anything we do not recognise, which is then treated as below every requirement.
    pub fn from_acr(acr: &str) -> Option<Assurance> {
        match acr {
            Self::SUBSTANTIAL_ACR | "http://eidas.europa.eu/LoA/substantial" => Some(Assurance::Substantial),
            Self::HIGH_ACR | "http://eidas.europa.eu/LoA/high" => Some(Assurance::High),
            _ => None,
        }
    }

    pub fn acr(self) -> &'static str {
        match self {
            Assurance::Substantial => Self::SUBSTANTIAL_ACR,
            Assurance::High => Self::HIGH_ACR,
        }
    }

    /// Whether an identification reported as `acr` is good enough for this requirement.
    pub fn is_met_by(self, acr: Option<&str>) -> bool {
        acr.and_then(Assurance::from_acr).is_some_and(|got| got >= self)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Assurance::Substantial => msg!("assurance-substantial"),
            Assurance::High => msg!("assurance-high"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_levels_meet_lower_requirements_and_unknown_meets_none() {
        assert!(Assurance::Substantial.is_met_by(Some(Assurance::HIGH_ACR)));
        assert!(Assurance::Substantial.is_met_by(Some(Assurance::SUBSTANTIAL_ACR)));
        assert!(!Assurance::High.is_met_by(Some(Assurance::SUBSTANTIAL_ACR)));
        assert!(!Assurance::Substantial.is_met_by(Some("http://ftn.ficora.fi/2017/loa1")));
        assert!(!Assurance::Substantial.is_met_by(None));
    }
}
