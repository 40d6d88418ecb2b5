//! Technical data of a service in use: the information systems, the service units (with OIDs)
//! and the service certificates it is used through. A change is reported at least three weeks
//! before it takes effect, so that Kanta can prepare for it.
use super::{
    oid::Oid,
    services::KantaService,
    validation::{Date, FieldError, Problem, check, text},
};
use serde::{Deserialize, Serialize};

coded_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum TechnicalKind {
        System = ("system", msg!("technical-kind-system")),
        ServiceUnit = ("unit", msg!("technical-kind-unit")),
        Certificate = ("certificate", msg!("technical-kind-certificate")),
    }
}

/// How many days before it takes effect a change must be reported.
pub const NOTICE_DAYS: u32 = 21;

/// One technical item, its details depending on its kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TechnicalDetails {
    System { product: String, version: String, vendor: String },
    ServiceUnit { name: String, oid: Oid },
    Certificate { name: String, expires: Date },
}

impl TechnicalDetails {
    pub fn kind(&self) -> TechnicalKind {
        match self {
            TechnicalDetails::System { .. } => TechnicalKind::System,
            TechnicalDetails::ServiceUnit { .. } => TechnicalKind::ServiceUnit,
            TechnicalDetails::Certificate { .. } => TechnicalKind::Certificate,
        }
    }
}

/// The form's fields, as given (those of other kinds empty).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TechnicalForm {
    pub service: String,
    pub kind: String,
    pub name: String,
    pub product_version: String,
    pub vendor: String,
    pub oid: String,
    pub expires: String,
    pub takes_effect: String,
}

impl TechnicalForm {
    /// The fields as the form names them (`item[name]`, …).
    pub fn fields(&self) -> Vec<(String, String)> {
        [
            ("service", &self.service),
            ("kind", &self.kind),
            ("name", &self.name),
            ("product_version", &self.product_version),
            ("vendor", &self.vendor),
            ("oid", &self.oid),
            ("expires", &self.expires),
            ("takes_effect", &self.takes_effect),
        ]
        .into_iter()
        .map(|(k, v)| (format!("item[{k}]"), v.clone()))
        .collect()
    }
}

/// Longest names, in characters, each the width of the column it is stored in
/// (`technical_item`): a product's, a service unit's, a server certificate's (its DNS name; a
/// certificate's common name holds at most 64, RFC 5280), a product version's and a vendor's.
pub const PRODUCT_MAX: u32 = 200;
pub const UNIT_NAME_MAX: u32 = 200;
pub const CERTIFICATE_NAME_MAX: u32 = 200;
pub const VERSION_MAX: u32 = 64;
pub const VENDOR_MAX: u32 = 200;

/// A new technical item, parsed, for a service the organisation has in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TechnicalInput {
    pub service: KantaService,
    pub details: TechnicalDetails,
    pub takes_effect: Date,
}

impl TechnicalInput {
    pub fn parse(form: &TechnicalForm, in_use: &[KantaService], today: Date) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let service = check(
            &mut errors,
            "service",
            KantaService::from_code(form.service.trim()).filter(|s| in_use.contains(s)).ok_or(Problem::UnknownChoice),
        );
        let details = match TechnicalKind::from_code(form.kind.trim()) {
            Some(TechnicalKind::System) => {
                let product = check(&mut errors, "name", text(&form.name, 2, PRODUCT_MAX));
                let version = check(&mut errors, "version", text(&form.product_version, 1, VERSION_MAX));
                let vendor = check(&mut errors, "vendor", text(&form.vendor, 2, VENDOR_MAX));
                product.zip(version).zip(vendor).map(|((product, version), vendor)| TechnicalDetails::System {
                    product,
                    version,
                    vendor,
                })
            }
            Some(TechnicalKind::ServiceUnit) => {
                let name = check(&mut errors, "name", text(&form.name, 2, UNIT_NAME_MAX));
                let oid = Oid::parse(&form.oid)
                    .map_err(|e| errors.push(FieldError::of_value("oid", Problem::from(e), &form.oid)))
                    .ok();
                name.zip(oid).map(|(name, oid)| TechnicalDetails::ServiceUnit { name, oid })
            }
            Some(TechnicalKind::Certificate) => {
                let name = check(&mut errors, "name", text(&form.name, 2, CERTIFICATE_NAME_MAX));
                let expires = check(&mut errors, "expires", Date::parse_future(&form.expires, today));
                name.zip(expires).map(|(name, expires)| TechnicalDetails::Certificate { name, expires })
            }
            None => {
                errors.push(FieldError::new("kind", Problem::UnknownChoice));
                None
            }
        };
        let takes_effect = check(&mut errors, "takes_effect", takes_effect(&form.takes_effect, today));
        match (service, details, takes_effect) {
            (Some(service), Some(details), Some(takes_effect)) if errors.is_empty() => {
                Ok(TechnicalInput { service, details, takes_effect })
            }
            _ => Err(errors),
        }
    }
}

/// The day a change takes effect: at least `NOTICE_DAYS` from today.
pub fn takes_effect(value: &str, today: Date) -> Result<Date, Problem> {
    let date = Date::parse(value)?;
    if date >= today.plus_days(i64::from(NOTICE_DAYS)) {
        Ok(date)
    } else {
        Err(Problem::DateTooSoon { days: NOTICE_DAYS })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-29").unwrap()
    }

    #[test]
    fn changes_are_reported_three_weeks_ahead() {
        assert_eq!(takes_effect("2026-12-20", today()), Ok(Date::parse("2026-12-20").unwrap()));
        assert_eq!(takes_effect("19.12.2026", today()), Err(Problem::DateTooSoon { days: 21 }));
        assert_eq!(takes_effect("", today()), Err(Problem::Required));
    }

    #[test]
    fn each_kind_needs_its_own_details() {
        let in_use = [KantaService::PatientDataRepository];
        let unit = TechnicalForm {
            service: "patient-data".into(),
            kind: "unit".into(),
            name: "Vastaanotto".into(),
            oid: "1.2.246.10.31419170.10.1".into(),
            takes_effect: "2027-01-04".into(),
            ..Default::default()
        };
        let parsed = TechnicalInput::parse(&unit, &in_use, today()).unwrap();
        assert_eq!(parsed.details.kind(), TechnicalKind::ServiceUnit);
        let cert = TechnicalForm {
            kind: "certificate".into(),
            expires: "2026-11-01".into(),
            oid: String::new(),
            ..unit.clone()
        };
        let fields: Vec<String> =
            TechnicalInput::parse(&cert, &in_use, today()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["expires"], "a certificate already expired is refused");
        let system = TechnicalForm { kind: "system".into(), service: "eprescription".into(), ..unit };
        let fields: Vec<String> =
            TechnicalInput::parse(&system, &in_use, today()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["service", "version", "vendor"], "only services in use; a system needs version and vendor");
    }
}
