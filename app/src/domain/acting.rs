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

/// Who holds a mandate: the person themself, or a company whose responsible persons then act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MandateHolder {
    Person,
    Company,
}

/// Why a person may act for an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basis {
    TradeRegisterRole(TradeRegisterRole),
    Mandate {
        issue: MandateIssue,
        holder: MandateHolder,
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
            for holder in [MandateHolder::Person, MandateHolder::Company] {
                bases.push(Basis::Mandate { issue, holder });
            }
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
        assert_eq!(checked, 11 * 6 * 5);
    }

    #[test]
    fn reference_cases() {
        let md = Basis::TradeRegisterRole(TradeRegisterRole::from_code("toimitusjohtaja"));
        assert!(permits(md, PrivateCompany, TakeServicesIntoUse));
        assert!(!permits(md, Public, TakeServicesIntoUse), "public organisations act through mandates");
        let board = Basis::TradeRegisterRole(TradeRegisterRole::from_code("hallituksen_jasen"));
        assert!(!permits(board, PrivateCompany, SignAgreements), "a board member needs a mandate");
        let mandate = Basis::Mandate {
            issue: MandateIssue::TakingIntoUseSocialAndHealthDigitalServices,
            holder: MandateHolder::Company,
        };
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
