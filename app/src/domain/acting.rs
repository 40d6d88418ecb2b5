//! Who may act for an organisation, and what each basis allows. `permits` is the only place these
//! rules live; the server's guard asks it, and the browser may ask it to hide what would be refused.
//! Source: the public description of Kanta Extranet (see `../shared/reference/`).
use serde::{Deserialize, Serialize};

/// Kinds of organisation, as the registers give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganisationKind {
    PrivateCompany,
    Association,
    /// A sole trader (toiminimi), registered in the trade register.
    SoleTrader,
    /// Wellbeing services counties, municipalities and other public bodies.
    Public,
    Pharmacy,
    /// A self-employed health-care professional (itsenäinen ammatinharjoittaja).
    SelfEmployed,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 6] = [
        OrganisationKind::PrivateCompany,
        OrganisationKind::Association,
        OrganisationKind::SoleTrader,
        OrganisationKind::Public,
        OrganisationKind::Pharmacy,
        OrganisationKind::SelfEmployed,
    ];

    /// The register's code (`private_company`, `public`, …).
    pub fn from_code(code: &str) -> Option<OrganisationKind> {
        OrganisationKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::PrivateCompany => "private_company",
            OrganisationKind::Association => "association",
            OrganisationKind::SoleTrader => "sole_trader",
            OrganisationKind::Public => "public",
            OrganisationKind::Pharmacy => "pharmacy",
            OrganisationKind::SelfEmployed => "self_employed",
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            OrganisationKind::PrivateCompany => msg!("organisation-kind-private-company"),
            OrganisationKind::Association => msg!("organisation-kind-association"),
            OrganisationKind::SoleTrader => msg!("organisation-kind-sole-trader"),
            OrganisationKind::Public => msg!("organisation-kind-public"),
            OrganisationKind::Pharmacy => msg!("organisation-kind-pharmacy"),
            OrganisationKind::SelfEmployed => msg!("organisation-kind-self-employed"),
        }
    }

    /// Organisations whose responsible persons in the trade register may act without a mandate.
    fn is_private(self) -> bool {
        matches!(self, OrganisationKind::PrivateCompany | OrganisationKind::Association | OrganisationKind::SoleTrader)
    }
}

/// A person's role in an organisation as the trade register reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TradeRegisterRole {
    /// elinkeinonharjoittaja
    Entrepreneur,
    /// toimitusjohtaja
    ManagingDirector,
    /// toimitusjohtajan sijainen
    DeputyManagingDirector,
    /// varatoimitusjohtaja
    ViceManagingDirector,
    /// Any other role (board member, auditor, …): needs a mandate.
    Other,
}

impl TradeRegisterRole {
    pub const ALL: [TradeRegisterRole; 5] = [
        TradeRegisterRole::Entrepreneur,
        TradeRegisterRole::ManagingDirector,
        TradeRegisterRole::DeputyManagingDirector,
        TradeRegisterRole::ViceManagingDirector,
        TradeRegisterRole::Other,
    ];

    /// From the register's role code (`toimitusjohtaja`, …); unknown codes are `Other`.
    pub fn from_code(code: &str) -> TradeRegisterRole {
        match code.trim().to_ascii_lowercase().as_str() {
            "elinkeinonharjoittaja" => TradeRegisterRole::Entrepreneur,
            "toimitusjohtaja" => TradeRegisterRole::ManagingDirector,
            "toimitusjohtajan_sijainen" => TradeRegisterRole::DeputyManagingDirector,
            "varatoimitusjohtaja" => TradeRegisterRole::ViceManagingDirector,
            _ => TradeRegisterRole::Other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            TradeRegisterRole::Entrepreneur => "elinkeinonharjoittaja",
            TradeRegisterRole::ManagingDirector => "toimitusjohtaja",
            TradeRegisterRole::DeputyManagingDirector => "toimitusjohtajan_sijainen",
            TradeRegisterRole::ViceManagingDirector => "varatoimitusjohtaja",
            TradeRegisterRole::Other => "muu",
        }
    }

    /// Whether the role lets its holder act for the organisation without a mandate.
    pub fn acts_without_mandate(self) -> bool {
        !matches!(self, TradeRegisterRole::Other)
    }
}

/// The Suomi.fi mandate issues we know. Only one allows anything here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MandateIssue {
    /// Taking into use the digital services of social and health care
    /// (sv: Ibruktagande av social- och hälsovårdens digitala tjänster).
    TakingIntoUseSocialAndHealthDigitalServices,
    /// Any other issue a mandate may be for.
    Other,
}

impl Basis {
    /// A stable text form for storage and the audit trail (`trade:toimitusjohtaja`, `mandate`, …).
    pub fn code(self) -> String {
        match self {
            Basis::TradeRegisterRole(role) => format!("trade:{}", role.code()),
            Basis::Mandate { issue: MandateIssue::TakingIntoUseSocialAndHealthDigitalServices } => "mandate".into(),
            Basis::Mandate { issue: MandateIssue::Other } => "mandate-other".into(),
            Basis::SelfEmployed => "self_employed".into(),
            Basis::Pharmacist => "pharmacist".into(),
        }
    }

    /// Reads `code()`'s form. Rows written before e-Authorizations was asked through
    /// `organizationRoles` name a holder (`mandate:person`, `mandate:company`); they read as the
    /// same mandate, since that answer does not say who holds it.
    pub fn from_code(code: &str) -> Option<Basis> {
        let sote = MandateIssue::TakingIntoUseSocialAndHealthDigitalServices;
        let mandate = |issue, holder: Option<&str>| {
            matches!(holder, None | Some("person" | "company")).then_some(Basis::Mandate { issue })
        };
        let (kind, rest) = match code.split_once(':') {
            Some((kind, rest)) => (kind, Some(rest)),
            None => (code, None),
        };
        match (kind, rest) {
            ("trade", Some(role)) => Some(Basis::TradeRegisterRole(TradeRegisterRole::from_code(role))),
            ("mandate", holder) => mandate(sote, holder),
            ("mandate-other", holder) => mandate(MandateIssue::Other, holder),
            ("self_employed", None) => Some(Basis::SelfEmployed),
            ("pharmacist", None) => Some(Basis::Pharmacist),
            _ => None,
        }
    }

    /// The basis in plain words: "as managing director in the trade register", …
    pub fn message_id(self) -> &'static str {
        match self {
            Basis::TradeRegisterRole(TradeRegisterRole::Entrepreneur) => msg!("basis-entrepreneur"),
            Basis::TradeRegisterRole(TradeRegisterRole::ManagingDirector) => msg!("basis-managing-director"),
            Basis::TradeRegisterRole(TradeRegisterRole::DeputyManagingDirector) => {
                msg!("basis-deputy-managing-director")
            }
            Basis::TradeRegisterRole(TradeRegisterRole::ViceManagingDirector) => msg!("basis-vice-managing-director"),
            Basis::TradeRegisterRole(TradeRegisterRole::Other) => msg!("basis-other-role"),
            Basis::Mandate { issue: MandateIssue::Other, .. } => msg!("basis-mandate-other-issue"),
            Basis::Mandate { .. } => msg!("basis-mandate"),
            Basis::SelfEmployed => msg!("basis-self-employed"),
            Basis::Pharmacist => msg!("basis-pharmacist"),
        }
    }
}

/// Whether an organisation's OID and general data are up to date in the National Code Service
/// (THL's registers), which taking Kanta services into use requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CodeServiceStatus {
    Current,
    Outdated,
    /// Not in the register at all.
    Missing,
    /// In the register, but not as a social or health care organisation.
    NotHealthCare,
}

impl CodeServiceStatus {
    pub const ALL: [CodeServiceStatus; 4] = [
        CodeServiceStatus::Current,
        CodeServiceStatus::Outdated,
        CodeServiceStatus::Missing,
        CodeServiceStatus::NotHealthCare,
    ];

    pub fn from_code(code: &str) -> Option<CodeServiceStatus> {
        CodeServiceStatus::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn code(self) -> &'static str {
        match self {
            CodeServiceStatus::Current => "current",
            CodeServiceStatus::Outdated => "outdated",
            CodeServiceStatus::Missing => "missing",
            CodeServiceStatus::NotHealthCare => "not_health_care",
        }
    }

    /// Only an organisation whose data is current may take services into use.
    pub fn allows_taking_into_use(self) -> bool {
        self == CodeServiceStatus::Current
    }

    /// What the user sees: fine, or what is missing and what to do.
    pub fn message_id(self) -> &'static str {
        match self {
            CodeServiceStatus::Current => msg!("code-service-current"),
            CodeServiceStatus::Outdated => msg!("code-service-outdated"),
            CodeServiceStatus::Missing => msg!("code-service-missing"),
            CodeServiceStatus::NotHealthCare => msg!("code-service-not-health-care"),
        }
    }
}

/// Why a person may act for an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    TradeRegisterRole(TradeRegisterRole),
    /// A Suomi.fi mandate, held by the person or by a company they represent: e-Authorizations'
    /// `organizationRoles` does not say which, and both allow the same.
    Mandate {
        issue: MandateIssue,
    },
    /// A self-employed professional acting for themself.
    SelfEmployed,
    /// A pharmacist acting for the pharmacy they own.
    Pharmacist,
}

/// What a person may ask to do for an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    TakeServicesIntoUse,
    SignAgreements,
    UpdateContactsAndTechnicalData,
    SeeBillingAndAdministrativeContent,
    /// Granting or revoking mandates: done in the Suomi.fi service, never here.
    AdministerMandates,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::TakeServicesIntoUse,
        Action::SignAgreements,
        Action::UpdateContactsAndTechnicalData,
        Action::SeeBillingAndAdministrativeContent,
        Action::AdministerMandates,
    ];

    /// The name of the action in the audit trail.
    pub fn code(self) -> &'static str {
        match self {
            Action::TakeServicesIntoUse => "take-services-into-use",
            Action::SignAgreements => "sign-agreements",
            Action::UpdateContactsAndTechnicalData => "update-contacts-and-technical-data",
            Action::SeeBillingAndAdministrativeContent => "see-administrative-content",
            Action::AdministerMandates => "administer-mandates",
        }
    }
}

/// The one rule: may someone with `basis` do `action` for an organisation of `kind`?
pub fn permits(basis: Basis, kind: OrganisationKind, action: Action) -> bool {
    if action == Action::AdministerMandates {
        return false;
    }
    match basis {
        Basis::TradeRegisterRole(role) => role.acts_without_mandate() && kind.is_private(),
        // The mandate issue allows exactly the four actions above, for any kind of organisation.
        Basis::Mandate { issue, .. } => issue == MandateIssue::TakingIntoUseSocialAndHealthDigitalServices,
        Basis::SelfEmployed => kind == OrganisationKind::SelfEmployed,
        Basis::Pharmacist => kind == OrganisationKind::Pharmacy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use OrganisationKind::*;

    fn all_bases() -> Vec<Basis> {
        let mut bases: Vec<Basis> = TradeRegisterRole::ALL.into_iter().map(Basis::TradeRegisterRole).collect();
        for issue in [MandateIssue::TakingIntoUseSocialAndHealthDigitalServices, MandateIssue::Other] {
            bases.push(Basis::Mandate { issue });
        }
        bases.extend([Basis::SelfEmployed, Basis::Pharmacist]);
        bases
    }

    /// The whole table, written out: basis × organisation kind × action.
    #[test]
    fn permission_matrix() {
        let sote = MandateIssue::TakingIntoUseSocialAndHealthDigitalServices;
        let expected = |basis: Basis, kind: OrganisationKind| -> bool {
            match basis {
                Basis::TradeRegisterRole(TradeRegisterRole::Other) => false,
                Basis::TradeRegisterRole(_) => matches!(kind, PrivateCompany | Association | SoleTrader),
                Basis::Mandate { issue, .. } => issue == sote,
                Basis::SelfEmployed => kind == SelfEmployed,
                Basis::Pharmacist => kind == Pharmacy,
            }
        };
        let mut checked = 0;
        for basis in all_bases() {
            for kind in OrganisationKind::ALL {
                for action in Action::ALL {
                    let want = action != AdministerMandates && expected(basis, kind);
                    assert_eq!(permits(basis, kind, action), want, "{basis:?} {kind:?} {action:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 9 * 6 * 5);
    }

    #[test]
    fn reference_cases() {
        let md = Basis::TradeRegisterRole(TradeRegisterRole::from_code("toimitusjohtaja"));
        assert!(permits(md, PrivateCompany, TakeServicesIntoUse));
        assert!(!permits(md, Public, TakeServicesIntoUse), "public organisations act through mandates");
        let board = Basis::TradeRegisterRole(TradeRegisterRole::from_code("hallituksen_jasen"));
        assert!(!permits(board, PrivateCompany, SignAgreements), "a board member needs a mandate");
        let mandate = Basis::Mandate { issue: MandateIssue::TakingIntoUseSocialAndHealthDigitalServices };
        for action in
            [TakeServicesIntoUse, SignAgreements, UpdateContactsAndTechnicalData, SeeBillingAndAdministrativeContent]
        {
            assert!(permits(mandate, Public, action));
        }
        assert!(!permits(mandate, Public, AdministerMandates), "mandates are administered in Suomi.fi");
        assert!(permits(Basis::Pharmacist, Pharmacy, SeeBillingAndAdministrativeContent));
        assert!(permits(Basis::SelfEmployed, SelfEmployed, SignAgreements));
        assert!(!permits(Basis::SelfEmployed, PrivateCompany, SignAgreements));
    }

    #[test]
    fn codes_round_trip() {
        for basis in all_bases() {
            assert_eq!(Basis::from_code(&basis.code()), Some(basis), "{basis:?}");
        }
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(kind.code()), Some(kind));
        }
        for status in CodeServiceStatus::ALL {
            assert_eq!(CodeServiceStatus::from_code(status.code()), Some(status));
        }
        assert_eq!(Basis::from_code("mandate:robot"), None);
        assert_eq!(Basis::from_code("pharmacist:x"), None);
        let sote = Basis::Mandate { issue: MandateIssue::TakingIntoUseSocialAndHealthDigitalServices };
        for older in ["mandate:person", "mandate:company"] {
            assert_eq!(Basis::from_code(older), Some(sote), "rows written before organizationRoles");
        }
        assert_eq!(Basis::from_code("mandate-other:company"), Some(Basis::Mandate { issue: MandateIssue::Other }));
        assert_eq!(OrganisationKind::from_code("foundation"), None);
        assert!(CodeServiceStatus::Current.allows_taking_into_use());
        assert!(!CodeServiceStatus::Outdated.allows_taking_into_use());
    }

    #[test]
    fn role_codes_of_the_register() {
        assert_eq!(TradeRegisterRole::from_code("elinkeinonharjoittaja"), TradeRegisterRole::Entrepreneur);
        assert_eq!(
            TradeRegisterRole::from_code("toimitusjohtajan_sijainen"),
            TradeRegisterRole::DeputyManagingDirector
        );
        assert_eq!(TradeRegisterRole::from_code("VARATOIMITUSJOHTAJA"), TradeRegisterRole::ViceManagingDirector);
        assert_eq!(TradeRegisterRole::from_code("hallituksen_jasen"), TradeRegisterRole::Other);
    }
}
