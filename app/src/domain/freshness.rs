//! When an organisation's data needs attention: not confirmed for a year, a service certificate
//! about to expire, a service unit's OID the code service does not know.
use super::{oid::Oid, services::KantaService, validation::Date};
use serde::{Deserialize, Serialize};

/// Data must be confirmed current at least this often.
pub const CONFIRM_EVERY_DAYS: i64 = 365;
/// A certificate expiring within this many days needs renewing now.
pub const CERTIFICATE_WARNING_DAYS: i64 = 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attention {
    /// Not confirmed since `since` (the last confirmation, or when the data was first given).
    ConfirmData {
        since: Date,
    },
    CertificateExpiring {
        service: KantaService,
        name: String,
        expires: Date,
    },
    UnitNotInRegister {
        service: KantaService,
        oid: Oid,
    },
}

/// A certificate in force.
#[derive(Clone, Debug)]
pub struct Certificate {
    pub service: KantaService,
    pub name: String,
    pub expires: Date,
}

/// What needs attention on `today`. `since` is the last confirmation, or else the day the first
/// data was given (none: nothing to confirm yet). A certificate is fine while the same service
/// has another in force that expires later than the warning window.
pub fn attention(
    today: Date,
    since: Option<Date>,
    certificates: &[Certificate],
    units_not_in_register: &[(KantaService, Oid)],
) -> Vec<Attention> {
    let mut found = Vec::new();
    if let Some(since) = since.filter(|s| today.day_number() - s.day_number() >= CONFIRM_EVERY_DAYS) {
        found.push(Attention::ConfirmData { since });
    }
    let horizon = today.plus_days(CERTIFICATE_WARNING_DAYS);
    for c in certificates.iter().filter(|c| c.expires <= horizon) {
        let renewed = certificates.iter().any(|o| o.service == c.service && o.expires > horizon);
        if !renewed {
            found.push(Attention::CertificateExpiring { service: c.service, name: c.name.clone(), expires: c.expires });
        }
    }
    found.extend(
        units_not_in_register
            .iter()
            .map(|(service, oid)| Attention::UnitNotInRegister { service: *service, oid: oid.clone() }),
    );
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use KantaService::PatientDataRepository as Pdr;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn cert(name: &str, expires: &str) -> Certificate {
        Certificate { service: Pdr, name: name.into(), expires: d(expires) }
    }

    #[test]
    fn confirmation_is_due_after_twelve_months() {
        let today = d("2026-11-29");
        assert_eq!(attention(today, Some(d("2025-11-30")), &[], &[]), vec![]);
        assert_eq!(
            attention(today, Some(d("2025-11-29")), &[], &[]),
            vec![Attention::ConfirmData { since: d("2025-11-29") }]
        );
        assert_eq!(attention(today, None, &[], &[]), vec![], "no data yet, nothing to confirm");
    }

    #[test]
    fn certificates_within_sixty_days_unless_renewed() {
        let today = d("2026-11-29");
        assert_eq!(attention(today, None, &[cert("old", "2027-01-28")], &[]).len(), 1);
        assert_eq!(attention(today, None, &[cert("old", "2027-01-29")], &[]), vec![]);
        assert_eq!(attention(today, None, &[cert("old", "2027-01-01"), cert("new", "2028-01-01")], &[]), vec![]);
    }
}
