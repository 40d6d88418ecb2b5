//! Whom a session acts for: what the registers let a person choose, making the choice, and
//! asking the register again when the confirmation has grown old. Deciding what a basis allows
//! is `domain::acting::permits`; enforcing it is `api::guard`.
use super::{
    entities::{acting, organisation},
    identity::{Audit, CurrentSession, Doer, audit},
    registry::{PrincipalRole, Principals, RegisteredOrganisation, Registries, RegistryError},
};
use crate::{
    domain::{
        acting::{Action, Basis, CodeServiceStatus, MandateIssue, OrganisationKind},
        hetu::Hetu,
        records::{Act, AuditAction},
        ytunnus::YTunnus,
    },
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};

/// An organisation a person may act for, and why.
#[derive(Clone, Debug)]
pub struct Choice {
    pub organisation: RegisteredOrganisation,
    pub basis: Basis,
}

/// What the trade and professional registers say about a person: organisations they may act for
/// without a mandate, and roles that do not allow it (so the chooser can say why).
pub struct RegisterAnswer {
    pub choices: Vec<Choice>,
    pub roles_without_right: Vec<RegisteredOrganisation>,
}

pub async fn register_choices(registries: &Registries, hetu: &Hetu) -> Result<RegisterAnswer, RegistryError> {
    // Both registers at once: each answers in its own time.
    let (roles, registrations) = futures::future::join(
        registries.trade_register.roles_of(hetu),
        registries.professional_register.registrations_of(hetu),
    )
    .await;
    let mut answer = RegisterAnswer { choices: Vec::new(), roles_without_right: Vec::new() };
    for (organisation, role) in roles? {
        if role.acts_without_mandate() {
            answer.choices.push(Choice { organisation, basis: Basis::TradeRegisterRole(role) });
        } else {
            answer.roles_without_right.push(organisation);
        }
    }
    for (organisation, basis) in registrations? {
        answer.choices.push(Choice { organisation, basis });
    }
    let mut seen = std::collections::HashSet::new();
    answer.choices.retain(|c| seen.insert(c.organisation.ytunnus));
    answer.roles_without_right.retain(|o| !seen.contains(&o.ytunnus));
    Ok(answer)
}

/// Stores the organisation as the registers describe it now, with its code-service data.
pub async fn remember_organisation(
    db: &impl ConnectionTrait,
    registries: &Registries,
    found: &RegisteredOrganisation,
) -> Result<organisation::Model, AppError> {
    // Stored with the time of asking: asked now, not taken from the cache.
    registries.code_service.forget(&found.ytunnus).await;
    let entry = registries.code_service.organisation(&found.ytunnus).await?;
    let now = Utc::now();
    organisation::Entity::insert(organisation::ActiveModel {
        ytunnus: Set(found.ytunnus.to_string()),
        name: Set(found.name.clone()),
        kind: Set(found.kind.code().into()),
        oid: Set(entry.oid.map(|o| o.to_string())),
        code_service_status: Set(entry.status.code().into()),
        code_service_checked_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(organisation::Column::Ytunnus)
            .update_columns([
                organisation::Column::Name,
                organisation::Column::Kind,
                organisation::Column::Oid,
                organisation::Column::CodeServiceStatus,
                organisation::Column::CodeServiceCheckedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    organisation::Entity::find()
        .filter(organisation::Column::Ytunnus.eq(found.ytunnus.to_string()))
        .one(db)
        .await?
        .ok_or(AppError::Unavailable)
}

/// Starts acting for `ytunnus` if the registers give the person a basis for it; a refusal is
/// recorded. `memo` is the request's (see [`start_acting`]).
pub async fn choose_from_registers(
    db: &DatabaseConnection,
    registries: &Registries,
    session: &CurrentSession,
    memo: Option<&ActingMemo>,
    ytunnus: &YTunnus,
) -> Result<(), AppError> {
    let choices = match &session.hetu {
        Some(hetu) => register_choices(registries, hetu).await?.choices,
        None => Vec::new(),
    };
    let Some(choice) = choices.into_iter().find(|c| c.organisation.ytunnus == *ytunnus) else {
        let detail = ytunnus.to_string();
        audit(db, &Audit::new(session.doer(), Act::ActingStarted).detail(&detail).denied()).await?;
        return Err(AppError::NotPermitted);
    };
    let organisation = remember_organisation(db, registries, &choice.organisation).await?;
    start_acting(db, registries, session, memo, &organisation, choice.basis, None).await
}

/// Right after login: a person whom the registers give exactly one organisation acts for it
/// at once. Returns whether that happened. `memo` is the request's (see [`start_acting`]).
pub async fn choose_the_only_one(
    db: &DatabaseConnection,
    registries: &Registries,
    session: &CurrentSession,
    memo: Option<&ActingMemo>,
) -> Result<bool, AppError> {
    let Some(hetu) = &session.hetu else {
        return Ok(false);
    };
    let choices = register_choices(registries, hetu).await?.choices;
    let [only] = choices.as_slice() else {
        return Ok(false);
    };
    let organisation = remember_organisation(db, registries, &only.organisation).await?;
    start_acting(db, registries, session, memo, &organisation, only.basis, None).await?;
    Ok(true)
}

/// The e-Authorizations session a mandate was confirmed in, kept to ask again later, and the
/// person's roles in the principal as it said them (recorded in the audit trail).
pub struct MandateCredentials {
    pub session: String,
    pub token: String,
    pub roles: Vec<PrincipalRole>,
}

/// Makes `organisation` the one this session acts for, recorded in the audit trail. A mandate
/// session the previous choice held is ended at e-Authorizations. `memo` is the memo of the
/// request making the change, emptied once it is made; `None` outside a page or server function.
pub async fn start_acting(
    db: &DatabaseConnection,
    registries: &Registries,
    session: &CurrentSession,
    memo: Option<&ActingMemo>,
    organisation: &organisation::Model,
    basis: Basis,
    mandate: Option<MandateCredentials>,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let previous = acting::Entity::find_by_id(session.token_hash.clone()).one(&txn).await?;
    acting::Entity::delete_by_id(session.token_hash.clone()).exec(&txn).await?;
    // The roles e-Authorizations gave, as their codes: `roles:TJ,NIMKO`.
    let roles = mandate
        .as_ref()
        .filter(|m| !m.roles.is_empty())
        .map(|m| format!("roles:{}", m.roles.iter().map(PrincipalRole::code).collect::<Vec<_>>().join(",")));
    let (mandate_session, mandate_token) = mandate.map(|m| (Some(m.session), Some(m.token))).unwrap_or_default();
    acting::ActiveModel {
        session_id: Set(session.token_hash.clone()),
        organisation_id: Set(organisation.id),
        basis: Set(basis.code()),
        checked_at: Set(Utc::now()),
        mandate_session: Set(mandate_session),
        mandate_token: Set(mandate_token),
    }
    .insert(&txn)
    .await?;
    let started = Audit::new(Doer::Customer { person_id: session.person_id, basis }, Act::ActingStarted);
    let started = match roles.as_deref() {
        Some(roles) => started.detail(roles),
        None => started,
    };
    audit(&txn, &started.about(organisation.id)).await?;
    txn.commit().await?;
    changed(memo).await;
    if let Some(acting::Model { mandate_session: Some(old), .. }) = previous
        && let Err(error) = registries.mandates.unregister(&old).await
    {
        tracing::warn!(%error, "cannot unregister the previous e-Authorizations session");
    }
    Ok(())
}

/// Whom the session acts for now, as last confirmed.
#[derive(Clone, Debug)]
pub struct ActingNow {
    pub organisation: organisation::Model,
    pub kind: OrganisationKind,
    pub basis: Basis,
    pub row: acting::Model,
}

/// A user allowed to do one action for the organisation they act for: made by `api::guard`
/// once it has checked, and taken by what that action does.
pub struct Acting {
    pub session: CurrentSession,
    pub now: ActingNow,
}

impl Acting {
    /// The person acting, on this basis.
    pub fn doer(&self) -> Doer {
        self.now.doer(&self.session)
    }
}

impl ActingNow {
    /// `session`'s person acting for this organisation, on this basis.
    pub fn doer(&self, session: &CurrentSession) -> Doer {
        Doer::Customer { person_id: session.person_id, basis: self.basis }
    }
}

/// Whom the session acts for, read once per request: the page's header and its data ask the
/// same question. Put in each request by the server's session middleware, beside the session,
/// and passed in by the server functions; emptied when this request changes the answer.
#[derive(Clone, Debug, Default)]
pub struct ActingMemo(std::sync::Arc<tokio::sync::Mutex<Option<Option<ActingNow>>>>);

impl ActingMemo {
    async fn forget(&self) {
        *self.0.lock().await = None;
    }
}

/// Whom `session` acts for now, as last confirmed; `None` when it acts for no one. Read once per
/// request with the request's `memo`, every time without one.
pub async fn acting_now(
    db: &impl ConnectionTrait,
    session: &CurrentSession,
    memo: Option<&ActingMemo>,
) -> Result<Option<ActingNow>, AppError> {
    let Some(memo) = memo else {
        return read_acting(db, session).await;
    };
    // Held while reading, so a second asker at the same time waits for this answer.
    let mut known = memo.0.lock().await;
    if let Some(now) = known.as_ref() {
        return Ok(now.clone());
    }
    let now = read_acting(db, session).await?;
    *known = Some(now.clone());
    Ok(now)
}

async fn read_acting(db: &impl ConnectionTrait, session: &CurrentSession) -> Result<Option<ActingNow>, AppError> {
    let found =
        acting::Entity::find_by_id(session.token_hash.clone()).find_also_related(organisation::Entity).one(db).await?;
    let Some((row, Some(organisation))) = found else {
        return Ok(None);
    };
    let (Some(basis), Some(kind)) = (Basis::from_code(&row.basis), OrganisationKind::from_code(&organisation.kind))
    else {
        tracing::error!(basis = row.basis, kind = organisation.kind, "unreadable acting row");
        return Ok(None);
    };
    Ok(Some(ActingNow { organisation, kind, basis, row }))
}

/// This request changed whom its session acts for (or when that was confirmed): its `memo`, if
/// it has one, no longer knows.
async fn changed(memo: Option<&ActingMemo>) {
    if let Some(memo) = memo {
        memo.forget().await;
    }
}

/// What a re-check of the basis found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recheck {
    Holds,
    /// Revoked, incomplete, or the role is gone.
    Ended,
    /// The register can no longer tell: e-Authorizations' session expired (HTTP 401), or a
    /// session from before identity codes were sealed. Not an end of the basis: the person
    /// chooses again.
    ChooseAgain,
}

/// Asks the register that gave the basis whether it still holds.
pub async fn recheck(
    registries: &Registries,
    session: &CurrentSession,
    now: &ActingNow,
) -> Result<Recheck, RegistryError> {
    let Ok(ytunnus) = YTunnus::parse(&now.organisation.ytunnus) else {
        return Ok(Recheck::Ended);
    };
    let holds = |holds: bool| if holds { Recheck::Holds } else { Recheck::Ended };
    if let Basis::Mandate { .. } = now.basis {
        let (Some(mandate_session), Some(token)) = (&now.row.mandate_session, &now.row.mandate_token) else {
            return Ok(Recheck::ChooseAgain);
        };
        // Revoked: no longer listed; incomplete: listed so.
        return Ok(match registries.mandates.organisation_roles(mandate_session, token).await? {
            Principals::SessionEnded => Recheck::ChooseAgain,
            principals => holds(principals.mandate_holds(&ytunnus)),
        });
    }
    let Some(hetu) = &session.hetu else {
        return Ok(Recheck::ChooseAgain);
    };
    let choices = register_choices(registries, hetu).await?.choices;
    Ok(holds(choices.iter().any(|c| c.organisation.ytunnus == ytunnus && c.basis == now.basis)))
}

/// Records that the register confirmed the session's basis now; `memo` is the request's.
pub async fn confirmed(
    db: &impl ConnectionTrait,
    session: &CurrentSession,
    memo: Option<&ActingMemo>,
) -> Result<(), AppError> {
    acting::Entity::update_many()
        .col_expr(acting::Column::CheckedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(acting::Column::SessionId.eq(session.token_hash.clone()))
        .exec(db)
        .await?;
    changed(memo).await;
    Ok(())
}

/// The basis is gone or can no longer be confirmed (`found`): the session stops acting for the
/// organisation and the refused attempt is recorded (`basis-ended` or `choose-again`). A
/// mandate's e-Authorizations session is left to expire there: another request of this session
/// may still be asking in it, and an unregistered session would answer it 401, "choose again",
/// instead of the ended mandate. `memo` is the request's.
pub async fn stop_acting(
    db: &DatabaseConnection,
    session: &CurrentSession,
    memo: Option<&ActingMemo>,
    now: &ActingNow,
    attempted: Action,
    found: Recheck,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    acting::Entity::delete_by_id(session.token_hash.clone()).exec(&txn).await?;
    let detail = if found == Recheck::ChooseAgain { "choose-again" } else { "basis-ended" };
    audit(&txn, &denied(session, now, attempted).detail(detail)).await?;
    txn.commit().await?;
    changed(memo).await;
    Ok(())
}

/// An audit line for a refused attempt.
pub fn denied<'a>(session: &CurrentSession, now: &ActingNow, attempted: impl Into<AuditAction>) -> Audit<'a> {
    Audit::new(now.doer(session), attempted).about(now.organisation.id).denied()
}

/// The mandate issue this service asks about: the only one that allows anything here.
pub const KANTA_MANDATE_ISSUE: MandateIssue = MandateIssue::TakingIntoUseSocialAndHealthDigitalServices;

/// Fetches the code-service data again and stores it, as one audited change.
pub async fn refresh_code_service(
    db: &DatabaseConnection,
    registries: &Registries,
    acting: &Acting,
) -> Result<CodeServiceStatus, AppError> {
    let now = &acting.now;
    let ytunnus = YTunnus::parse(&now.organisation.ytunnus).map_err(|_| AppError::Unavailable)?;
    registries.code_service.forget(&ytunnus).await;
    let entry = registries.code_service.organisation(&ytunnus).await?;
    let txn = super::begin_write(db).await?;
    let mut active: organisation::ActiveModel = now.organisation.clone().into();
    active.oid = Set(entry.oid.as_ref().map(|o| o.to_string()));
    active.code_service_status = Set(entry.status.code().into());
    active.code_service_checked_at = Set(Utc::now());
    active.update(&txn).await?;
    let checked = Audit::new(acting.doer(), Act::CodeServiceChecked).about(acting.now.organisation.id);
    audit(&txn, &checked.detail(entry.status.code())).await?;
    txn.commit().await?;
    Ok(entry.status)
}
