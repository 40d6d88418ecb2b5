//! The stored application: reading it, changing it only on the version the changer saw (else
//! `Conflict`), and its history. What the applicant and staff do with it is `applications`;
//! customer data, joint joining, mail and termination build on this.
use super::{
    acting::ActingNow,
    entities::{agreement_signature, application, application_event, application_unit},
    identity::Doer,
};
use crate::{
    domain::{
        acting::OrganisationKind,
        application::{Actor, State},
        records::HistoryEvent,
        services::{KantaService, ServiceSet},
    },
    error::AppError,
    i18n::Lang,
    wizard::{Answers, application::with_services},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// An application as stored, its fields parsed.
#[derive(Clone, Debug)]
pub struct Application {
    pub row: application::Model,
    pub services: ServiceSet,
    pub state: State,
    pub answers: Answers,
}

impl Application {
    pub(crate) fn from_row(row: application::Model) -> Result<Application, AppError> {
        let (Some(services), Some(state), Ok(answers)) = (
            ServiceSet::from_code(&row.services),
            State::from_code(&row.state),
            serde_json::from_str::<Answers>(&row.answers),
        ) else {
            tracing::error!(id = row.id, "unreadable application row");
            return Err(AppError::Unavailable);
        };
        let answers = with_services(answers, &services);
        Ok(Application { row, services, state, answers })
    }

    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.row.lang).unwrap_or_default()
    }

    /// Open or in use: neither withdrawn, rejected nor ended (its services may be applied for again).
    fn is_open(&self) -> bool {
        !matches!(self.state, State::Withdrawn | State::Rejected | State::Ended)
    }
}

/// The state machine's actor for `doer`: staff, or a person acting for the organisation (the
/// applicant). `NotPermitted` for anyone else: only they change applications.
pub fn actor(doer: Doer) -> Result<Actor, AppError> {
    match doer {
        Doer::Customer { .. } => Ok(Actor::Applicant),
        Doer::Staff { .. } => Ok(Actor::Staff),
        Doer::Person { .. } | Doer::System => Err(AppError::NotPermitted),
    }
}

/// The organisation's applications, newest first.
pub async fn list(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Vec<Application>, AppError> {
    application::Entity::find()
        .filter(application::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(application::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Application::from_row)
        .collect()
}

/// One application; `NotFound` unless it is `organisation_id`'s (when given).
pub async fn get(db: &impl ConnectionTrait, id: i32, organisation_id: Option<i32>) -> Result<Application, AppError> {
    let row = application::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if organisation_id.is_some_and(|o| o != row.organisation_id) {
        return Err(AppError::NotFound);
    }
    Application::from_row(row)
}

/// The application's history, oldest first, with the name of whoever made each step.
pub async fn history(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<(application_event::Model, Option<String>)>, AppError> {
    let events = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(id))
        .order_by_asc(application_event::Column::Id)
        .find_also_related(super::entities::person::Entity)
        .all(db)
        .await?;
    Ok(events.into_iter().map(|(e, p)| (e, p.map(|p| p.display_name))).collect())
}

/// The agreement signed for this application, if any.
pub async fn signature(db: &impl ConnectionTrait, id: i32) -> Result<Option<agreement_signature::Model>, AppError> {
    Ok(agreement_signature::Entity::find()
        .filter(agreement_signature::Column::ApplicationId.eq(id))
        .order_by_desc(agreement_signature::Column::Id)
        .one(db)
        .await?)
}

/// The services an organisation of `kind` may still apply for, given its `applications`: none
/// open, none in use. `except` counts as not there (an application choosing its own services).
pub fn available(applications: &[Application], kind: OrganisationKind, except: Option<i32>) -> Vec<KantaService> {
    KantaService::ALL
        .into_iter()
        .filter(|s| {
            s.is_for(kind)
                && !applications.iter().any(|a| Some(a.row.id) != except && a.is_open() && a.services.contains(*s))
        })
        .collect()
}

/// The application's service units beyond the first, in the order they were added.
pub async fn units(db: &impl ConnectionTrait, id: i32) -> Result<Vec<application_unit::Model>, AppError> {
    Ok(application_unit::Entity::find()
        .filter(application_unit::Column::ApplicationId.eq(id))
        .order_by_asc(application_unit::Column::Id)
        .all(db)
        .await?)
}

/// The organisation's application `id` if the applicant may change it and it is still at `version`.
pub(crate) async fn editable(
    db: &impl ConnectionTrait,
    now: &ActingNow,
    id: i32,
    version: i32,
) -> Result<Application, AppError> {
    let current = get(db, id, Some(now.organisation.id)).await?;
    still_editable(&current, version)?;
    Ok(current)
}

/// The applicant may change `current`, and nobody has since `version`.
pub(crate) fn still_editable(current: &Application, version: i32) -> Result<(), AppError> {
    if !current.state.is_editable() {
        return Err(AppError::NotNow);
    }
    if current.row.version != version {
        return Err(AppError::Conflict { current: current.row.version });
    }
    Ok(())
}

/// The services the organisation has in production.
pub async fn in_use(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Vec<KantaService>, AppError> {
    Ok(in_production(&list(db, organisation_id).await?))
}

/// The services in use among `applications`: in production, or ending but not yet ended.
pub fn in_production(applications: &[Application]) -> Vec<KantaService> {
    applications.iter().filter(|a| a.state.in_use()).flat_map(|a| a.services.as_slice().iter().copied()).collect()
}

/// When the latest of `applications` was approved for production or went live, if any was.
pub async fn last_decided(
    db: &impl ConnectionTrait,
    applications: &[i32],
) -> Result<Option<chrono::DateTime<Utc>>, AppError> {
    if applications.is_empty() {
        return Ok(None);
    }
    let decided = [State::ApprovedForProduction.code(), State::InProduction.code()];
    let latest = application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.is_in(applications.iter().copied()))
        .filter(application_event::Column::ToState.is_in(decided))
        .order_by_desc(application_event::Column::At)
        .one(db)
        .await?;
    Ok(latest.map(|e| e.at))
}

/// Writes a change made on `version` only if nobody has changed the row since: the version goes
/// up by one, or the change fails with `Conflict`.
pub(crate) async fn bump(
    txn: &DatabaseTransaction,
    current: &Application,
    version: i32,
    change: impl FnOnce(&mut application::ActiveModel),
) -> Result<application::Model, AppError> {
    let mut active: application::ActiveModel = current.row.clone().into();
    change(&mut active);
    active.version = Set(version + 1);
    active.updated_at = Set(Utc::now());
    let mut update = application::Entity::update_many().filter(application::Column::Id.eq(current.row.id));
    update = update.filter(application::Column::Version.eq(version));
    let done = update.set(active).exec(txn).await?;
    if done.rows_affected != 1 {
        let now = application::Entity::find_by_id(current.row.id).one(txn).await?.map(|r| r.version);
        return Err(AppError::Conflict { current: now.unwrap_or(version) });
    }
    application::Entity::find_by_id(current.row.id)
        .one(txn)
        .await?
        .ok_or_else(|| AppError::from(sea_orm::DbErr::RecordNotFound("application just updated".into())))
}

/// A change beside the state machine (the state stays): the version goes up by one, or
/// `Conflict`; the row as changed.
pub(crate) async fn touch(
    txn: &DatabaseTransaction,
    current: &Application,
    version: i32,
) -> Result<application::Model, AppError> {
    bump(txn, current, version, |_| {}).await
}

/// Writes a history event for a change beside the state machine, with its comment.
pub(crate) async fn record(
    txn: &DatabaseTransaction,
    row: &application::Model,
    doer: Doer,
    kind: HistoryEvent,
    comment: Option<&str>,
) -> Result<(), AppError> {
    event(txn, row, doer, kind, None, comment).await
}

/// Writes a history event; `from`, for a change of state, the state it left.
pub(crate) async fn event(
    txn: &DatabaseTransaction,
    row: &application::Model,
    doer: Doer,
    kind: HistoryEvent,
    from: Option<State>,
    comment: Option<&str>,
) -> Result<(), AppError> {
    let to = State::from_code(&row.state);
    application_event::ActiveModel {
        application_id: Set(row.id),
        at: Set(Utc::now()),
        person_id: Set(doer.person_id().ok_or(AppError::NotPermitted)?),
        actor: Set(actor(doer)?.code().into()),
        kind: Set(kind.code().into()),
        from_state: Set(from.map(|s| s.code().into())),
        to_state: Set(from.and(to).map(|s| s.code().into())),
        comment: Set(comment.map(Into::into)),
        version: Set(row.version),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The answers as the `answers` column stores them.
pub(crate) fn json(answers: &Answers) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "{}".into())
}
