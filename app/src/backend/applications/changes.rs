//! The applicant's changes to an application still theirs to change: starting it, its services,
//! its answers and its further service units.
use crate::{
    backend::{
        acting::{Acting, ActingNow},
        application_store::{Application, available, bump, editable, event, json, list, units},
        entities::{application, application_unit, organisation},
        identity::{Audit, Doer, audit},
        registry::Registries,
    },
    domain::{
        application::State,
        oid::Oid,
        records::{Act, ApplicantChange, HistoryEvent},
        services::ServiceSet,
        validation::{FieldError, Problem},
    },
    error::AppError,
    i18n::Lang,
    wizard::{
        Answers,
        application::{APPLICATION, SERVICES, UNIT_OID, further_unit, with_services},
    },
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QuerySelect, Set};

/// Refuses services the organisation's kind may not use, and services already on another open
/// application: one application per service at a time (a withdrawn or rejected one may be made
/// again).
async fn check_services(
    txn: &DatabaseTransaction,
    now: &ActingNow,
    services: &ServiceSet,
    except: Option<i32>,
) -> Result<(), AppError> {
    if services.as_slice().iter().any(|s| !s.is_for(now.kind)) {
        return Err(AppError::Invalid(vec![FieldError::new(SERVICES, Problem::UnknownChoice)]));
    }
    // Two people starting the same service at once: the second waits here and then sees the
    // first's application. (SQLite's write transactions already run one at a time.)
    organisation::Entity::find_by_id(now.organisation.id).lock_exclusive().one(txn).await?;
    let free = available(&list(txn, now.organisation.id).await?, now.kind, except);
    if services.as_slice().iter().all(|s| free.contains(s)) { Ok(()) } else { Err(AppError::NotNow) }
}

/// Starts a draft application for services the organisation's kind may use.
pub async fn create(
    db: &DatabaseConnection,
    acting: &Acting,
    services: &ServiceSet,
    lang: Lang,
) -> Result<Application, AppError> {
    let (session, now) = (&acting.session, &acting.now);
    let at = Utc::now();
    let txn = crate::backend::begin_write(db).await?;
    check_services(&txn, now, services, None).await?;
    let row = application::ActiveModel {
        organisation_id: Set(now.organisation.id),
        services: Set(services.code()),
        state: Set(State::Draft.code().into()),
        version: Set(1),
        answers: Set(json(&with_services(Answers::new(), services))),
        lang: Set(lang.code().into()),
        created_by: Set(session.person_id),
        created_at: Set(at),
        updated_at: Set(at),
        go_live_on: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let doer = acting.doer();
    event(&txn, &row, doer, HistoryEvent::Changed(ApplicantChange::Created), None, None).await?;
    audit(
        &txn,
        &Audit::new(doer, HistoryEvent::Changed(ApplicantChange::Created))
            .about(now.organisation.id)
            .detail(&services.code()),
    )
    .await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// Changes which services a draft (or a returned application) is for, made on `version`. A
/// signature made for the old services no longer counts (see `AgreementText::is_signed_by`).
pub async fn change_services(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    version: i32,
    services: &ServiceSet,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = editable(db, now, id, version).await?;
    if current.services == *services {
        // Nothing to change: no new version, no signature to make again.
        return Ok(current);
    }
    let txn = crate::backend::begin_write(db).await?;
    check_services(&txn, now, services, Some(id)).await?;
    let row = bump(&txn, &current, version, |a| {
        a.services = Set(services.code());
        a.answers = Set(json(&with_services(current.answers.clone(), services)));
    })
    .await?;
    let change = format!("{} → {}", current.services.code(), services.code());
    applicant_changed(txn, row, acting.doer(), ApplicantChange::ServicesChanged, None, &change).await
}

/// Completes an applicant's change of `row`: the history event `kind` (with `shown`, which the
/// timeline shows), its audit line with `detail`, and the commit.
async fn applicant_changed(
    txn: DatabaseTransaction,
    row: application::Model,
    doer: Doer,
    kind: ApplicantChange,
    shown: Option<&str>,
    detail: &str,
) -> Result<Application, AppError> {
    let kind = HistoryEvent::Changed(kind);
    event(&txn, &row, doer, kind, None, shown).await?;
    audit(&txn, &Audit::new(doer, kind).about(row.organisation_id).detail(detail)).await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// Saves a draft's answers made on `version`, in `lang`, the request's: mail about the
/// application follows the language its applicant last used. Answers given must be valid (missing ones may
/// wait); a service unit's OID must be the organisation's own and known to the code service.
pub async fn save(
    db: &DatabaseConnection,
    registries: &Registries,
    acting: &Acting,
    id: i32,
    version: i32,
    answers: &Answers,
    lang: Lang,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = editable(db, now, id, version).await?;
    let mut given = answers.clone();
    given.insert(SERVICES.into(), current.services.code());
    let stored = APPLICATION.normalise(&given, &[SERVICES]).map_err(AppError::Invalid)?;
    check_unit(registries, &now.organisation, &stored).await?;
    let txn = crate::backend::begin_write(db).await?;
    let row = bump(&txn, &current, version, |a| {
        a.answers = Set(json(&stored));
        a.lang = Set(lang.code().into());
    })
    .await?;
    let doer = acting.doer();
    audit(&txn, &Audit::new(doer, Act::ApplicationSaved).about(now.organisation.id).detail(&id.to_string())).await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// Adds a further service unit to an application the applicant may change, made on `version`:
/// checked as the first unit is, the organisation's own, known to the code service, and not on the
/// application yet.
pub async fn add_unit(
    db: &DatabaseConnection,
    registries: &Registries,
    acting: &Acting,
    id: i32,
    version: i32,
    name: &str,
    oid: &str,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = editable(db, now, id, version).await?;
    let (name, oid) = further_unit(name, oid).map_err(AppError::Invalid)?;
    let listed = current.answers.get(UNIT_OID).is_some_and(|o| *o == oid.to_string())
        || units(db, id).await?.iter().any(|u| u.oid == oid.to_string());
    if listed {
        return Err(AppError::Invalid(vec![FieldError::new(UNIT_OID, Problem::AlreadyListed)]));
    }
    crate::backend::customer_data::check_unit(registries, &now.organisation, &oid, UNIT_OID).await?;
    let txn = crate::backend::begin_write(db).await?;
    let row = bump(&txn, &current, version, |_| {}).await?;
    application_unit::ActiveModel {
        application_id: Set(id),
        name: Set(name.clone()),
        oid: Set(oid.to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let unit = format!("{name} ({oid})");
    applicant_changed(txn, row, acting.doer(), ApplicantChange::UnitAdded, Some(&unit), &unit).await
}

/// Takes a further service unit off an application the applicant may change, made on `version`.
pub async fn remove_unit(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    version: i32,
    unit_id: i32,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = editable(db, now, id, version).await?;
    let unit = units(db, id).await?.into_iter().find(|u| u.id == unit_id).ok_or(AppError::NotFound)?;
    let txn = crate::backend::begin_write(db).await?;
    let row = bump(&txn, &current, version, |_| {}).await?;
    application_unit::Entity::delete_by_id(unit.id).exec(&txn).await?;
    let unit = format!("{} ({})", unit.name, unit.oid);
    applicant_changed(txn, row, acting.doer(), ApplicantChange::UnitRemoved, Some(&unit), &unit).await
}

/// The service unit's OID, when given: the organisation's own and in the code service.
async fn check_unit(
    registries: &Registries,
    organisation: &organisation::Model,
    answers: &Answers,
) -> Result<(), AppError> {
    match answers.get(UNIT_OID).and_then(|o| Oid::parse(o).ok()) {
        Some(oid) => crate::backend::customer_data::check_unit(registries, organisation, &oid, UNIT_OID).await,
        None => Ok(()),
    }
}
