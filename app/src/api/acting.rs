//! Choosing whom to act for. The registers are asked on the server every time: what the browser
//! sends is only which organisation, never the basis.
use crate::{
    domain::{
        acting::{Basis, CodeServiceStatus, OrganisationKind},
        ytunnus::YTunnus,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Why a mandate selection in Suomi.fi e-Authorizations did not end in acting for someone: the
    /// server sends the browser back to the chooser with its code, and the chooser says it in words.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum MandateOutcome {
        Cancelled = ("cancelled", msg!("organisations-mandate-cancelled")),
        NotAllowed = ("not-allowed", msg!("organisations-mandate-not-allowed")),
        /// e-Authorizations lists the organisation with `complete: false`: the person's rights are
        /// not complete yet (e.g. a mandate that needs joint signing), so they do not allow acting.
        Incomplete = ("incomplete", msg!("organisations-mandate-incomplete")),
        Unavailable = ("unavailable", msg!("organisations-mandate-unavailable")),
        Expired = ("expired", msg!("organisations-mandate-expired")),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceView {
    pub ytunnus: YTunnus,
    pub name: String,
    pub kind: OrganisationKind,
    pub basis: Basis,
    pub code_service: CodeServiceStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationChoices {
    /// Organisations the registers let the person act for without a mandate.
    pub choices: Vec<ChoiceView>,
    /// Organisations where the person has a role that needs a mandate to act (board member, …).
    pub roles_without_right: Vec<(YTunnus, String)>,
    /// The organisation the session acts for now.
    pub current: Option<YTunnus>,
}

#[server(endpoint = "acting/choices")]
pub async fn acting_choices() -> Result<OrganisationChoices, AppError> {
    use super::context::{acting_memo, db, registries};
    use crate::backend::acting;
    super::respond(
        async {
            let session = super::guard::logged_in()?;
            let (db, registries) = (db()?, registries()?);
            let current = acting::acting_now(&db, &session, acting_memo().as_ref())
                .await?
                .and_then(|a| YTunnus::parse(&a.organisation.ytunnus).ok());
            let Some(hetu) = &session.hetu else {
                return Ok(OrganisationChoices { choices: Vec::new(), roles_without_right: Vec::new(), current });
            };
            let answer = acting::register_choices(&registries, hetu).await?;
            // The code service is asked about each organisation at once.
            let statuses = futures::future::try_join_all(
                answer.choices.iter().map(|c| registries.code_service.organisation(&c.organisation.ytunnus)),
            )
            .await?;
            let choices = answer
                .choices
                .into_iter()
                .zip(statuses)
                .map(|(c, entry)| ChoiceView {
                    ytunnus: c.organisation.ytunnus,
                    name: c.organisation.name,
                    kind: c.organisation.kind,
                    basis: c.basis,
                    code_service: entry.status,
                })
                .collect();
            let roles_without_right = answer.roles_without_right.into_iter().map(|o| (o.ytunnus, o.name)).collect();
            Ok(OrganisationChoices { choices, roles_without_right, current })
        }
        .await,
    )
}

/// Starts acting for `ytunnus`, if the registers still give the person a basis for it.
#[server(endpoint = "acting/choose")]
pub async fn choose_organisation(ytunnus: String) -> Result<(), AppError> {
    use super::context::{acting_memo, db, registries};
    super::respond(
        async {
            let session = super::guard::logged_in()?;
            let ytunnus = YTunnus::parse(&ytunnus).map_err(|_| {
                use crate::domain::validation::{FieldError, Problem};
                AppError::Invalid(vec![FieldError::new("ytunnus", Problem::UnknownChoice)])
            })?;
            let (db, registries) = (db()?, registries()?);
            let memo = acting_memo();
            crate::backend::acting::choose_from_registers(&db, &registries, &session, memo.as_ref(), &ytunnus).await
        }
        .await,
    )
}
