//! The organisation the user acts for: its registered data and its audit trail.
use crate::{
    domain::{
        acting::{Basis, CodeServiceStatus, OrganisationKind},
        records::AuditAction,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationFacts {
    pub name: String,
    pub ytunnus: String,
    pub kind: OrganisationKind,
    pub basis: Basis,
    pub oid: Option<String>,
    pub code_service: CodeServiceStatus,
    /// When the code service was last asked, formatted for the reader.
    pub code_service_checked: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: String,
    pub who: String,
    pub basis: Option<Basis>,
    /// `None`: an action this version does not know (an older row).
    pub action: Option<AuditAction>,
    pub allowed: bool,
}

#[server(endpoint = "organisation/overview")]
pub async fn organisation_overview() -> Result<OrganisationFacts, AppError> {
    use crate::domain::acting::Action;
    super::respond(
        async {
            let acting = super::guard::acting_for(Action::SeeBillingAndAdministrativeContent).await?;
            let o = acting.now.organisation;
            Ok(OrganisationFacts {
                code_service: CodeServiceStatus::from_code(&o.code_service_status)
                    .unwrap_or(CodeServiceStatus::Missing),
                code_service_checked: crate::backend::format_time(
                    o.code_service_checked_at,
                    crate::i18n::request_lang(),
                ),
                name: o.name,
                ytunnus: o.ytunnus,
                kind: acting.now.kind,
                basis: acting.now.basis,
                oid: o.oid,
            })
        }
        .await,
    )
}

/// One page of the audit trail, and where the next, older one starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    /// Give as `before` for the next, older page; `None` on the last page.
    pub older: Option<i64>,
}

/// The organisation's audit trail, newest first, a page at a time (`before`: the `older` of the
/// page shown; none for the newest): every user of the organisation may read it.
#[server(endpoint = "organisation/audit")]
pub async fn organisation_audit(before: Option<i64>) -> Result<AuditPage, AppError> {
    use crate::domain::acting::Action;
    super::respond(
        async {
            let acting = super::guard::acting_for(Action::SeeBillingAndAdministrativeContent).await?;
            let db = super::context::db()?;
            let lang = crate::i18n::request_lang();
            let (events, older) = crate::backend::identity::trail(&db, acting.now.organisation.id, before).await?;
            let lines = events
                .into_iter()
                .map(|(e, person)| AuditLine {
                    at: crate::backend::format_time(e.at, lang),
                    who: person.map(|p| p.display_name).unwrap_or_default(),
                    basis: e.basis.as_deref().and_then(Basis::from_code),
                    action: AuditAction::from_code(&e.action),
                    allowed: e.outcome == "allowed",
                })
                .collect();
            Ok(AuditPage { lines, older })
        }
        .await,
    )
}

/// Asks the National Code Service again, for an organisation that has just fixed its data there.
#[server(endpoint = "organisation/check-code-service")]
pub async fn check_code_service() -> Result<CodeServiceStatus, AppError> {
    use crate::domain::acting::Action;
    super::respond(
        async {
            let acting = super::guard::acting_for(Action::UpdateContactsAndTechnicalData).await?;
            let (db, registries) = (super::context::db()?, super::context::registries()?);
            crate::backend::acting::refresh_code_service(&db, &registries, &acting).await
        }
        .await,
    )
}
