//! Object identifiers (OID) as used in the National Code Service: dotted decimal arcs,
//! for example `1.2.246.10.31415903.10.0` (an organisation root `1.2.246.10.<business ID digits>`
//! followed by its units).
use super::ytunnus::YTunnus;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum OidError {
    #[error("not dotted decimal numbers")]
    Format,
    #[error("an arc has a leading zero")]
    LeadingZero,
    #[error("the first arcs are out of range")]
    Root,
}

impl OidError {
    pub fn message_id(self) -> &'static str {
        match self {
            OidError::Format => msg!("oid-error-format"),
            OidError::LeadingZero => msg!("oid-error-leading-zero"),
            OidError::Root => msg!("oid-error-root"),
        }
    }
}

/// A well-formed OID. Only `parse` (or `organisation_root`) makes one.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Oid(Vec<u64>);

/// The arc under which Finnish organisations are registered: `1.2.246.10`.
const FINNISH_ORGANISATIONS: [u64; 4] = [1, 2, 246, 10];

impl Oid {
    pub fn parse(input: &str) -> Result<Oid, OidError> {
        let text = input.trim();
        let mut arcs = Vec::new();
        for arc in text.split('.') {
            if arc.is_empty() || !arc.bytes().all(|b| b.is_ascii_digit()) {
                return Err(OidError::Format);
            }
            if arc.len() > 1 && arc.starts_with('0') {
                return Err(OidError::LeadingZero);
            }
            arcs.push(arc.parse::<u64>().map_err(|_| OidError::Format)?);
        }
        if arcs.len() < 2 {
            return Err(OidError::Format);
        }
        if arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) {
            return Err(OidError::Root);
        }
        Ok(Oid(arcs))
    }

    /// `input` read with each arc's leading zeros dropped, for a suggestion when [`Oid::parse`]
    /// refused it with `LeadingZero`; `None` if it is not an OID even so.
    pub fn without_leading_zeros(input: &str) -> Option<Oid> {
        let arcs: Vec<&str> = input
            .trim()
            .split('.')
            .map(|arc| match arc.trim_start_matches('0') {
                "" if !arc.is_empty() => "0",
                rest => rest,
            })
            .collect();
        Oid::parse(&arcs.join(".")).ok()
    }

    /// The root OID of an organisation: `1.2.246.10.<business ID digits with the check digit>`.
    pub fn organisation_root(y: YTunnus) -> Oid {
        let digits: u64 = y.digits().parse().expect("eight digits");
        Oid(FINNISH_ORGANISATIONS.iter().copied().chain([digits]).collect())
    }

    /// Whether this OID is `ancestor` itself or lies beneath it.
    pub fn is_within(&self, ancestor: &Oid) -> bool {
        self.0.starts_with(&ancestor.0)
    }

    pub fn arcs(&self) -> &[u64] {
        &self.0
    }
}

impl fmt::Display for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, arc) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{arc}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Oid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Oid({self})")
    }
}

parsed_from_text!(Oid, OidError);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn organisation_units_lie_within_the_organisation_root() {
        let y = YTunnus::parse("3141590-3").unwrap();
        let root = Oid::organisation_root(y);
        assert_eq!(root.to_string(), "1.2.246.10.31415903");
        let unit = Oid::parse("1.2.246.10.31415903.10.0").unwrap();
        assert!(unit.is_within(&root));
        assert!(!Oid::parse("1.2.246.10.31416316.10.0").unwrap().is_within(&root));
        assert!(!Oid::parse("1.2.246.10.314159031").unwrap().is_within(&root), "arcs, not text prefixes");
    }

    #[test]
    fn malformed_oids_are_named() {
        for bad in ["", "1", "1..2", "1.2.", ".1.2", "1.2.a", "1,2,246", "1.2.246 .10"] {
            assert_eq!(Oid::parse(bad), Err(OidError::Format), "{bad:?}");
        }
        assert_eq!(Oid::parse("1.2.0246"), Err(OidError::LeadingZero));
        assert_eq!(Oid::parse("3.2.246"), Err(OidError::Root));
        assert_eq!(Oid::parse("1.40"), Err(OidError::Root));
        assert!(Oid::parse("2.999.1").is_ok());
        assert!(Oid::parse("1.2.0").is_ok(), "a zero arc is fine");
    }

    proptest! {
        #[test]
        fn round_trips_through_text_and_serde(first in 0u64..3, second in 0u64..40, rest in proptest::collection::vec(any::<u64>(), 0..8)) {
            let text = std::iter::once(first).chain([second]).chain(rest).map(|a| a.to_string()).collect::<Vec<_>>().join(".");
            let oid = Oid::parse(&text).unwrap();
            prop_assert_eq!(oid.to_string(), text);
            let json = serde_json::to_string(&oid).unwrap();
            prop_assert_eq!(serde_json::from_str::<Oid>(&json).unwrap(), oid);
        }
    }
}
