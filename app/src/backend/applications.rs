//! Taking services into use: the applicant's changes, signing and sending, and the staff's
//! decisions. Every change is one transaction with its history event, its audit line and any
//! e-mail it causes; every change of state goes through `domain::application::apply`; every
//! change names the version it was made on and fails with `Conflict` if someone else changed it
//! first (`application_store`).
use super::{
    acting::ActingNow,
    agreement::AgreementText,
    application_store::{
        Application, available, bump, editable, event, get, in_production, in_use, json, list, signature,
        still_editable, units,
    },
    entities::{agreement_signature, application, application_unit, organisation},
    identity::{Audit, CurrentSession, Doer, audit},
    mail,
    registry::Registries,
};
use crate::{
    domain::{
        application::{Command, State, Track, apply},
        oid::Oid,
        records::{Act, ApplicantChange, HistoryEvent},
        services::{KantaService, ServiceSet},
        validation::{Date, FieldError, Problem, long_text},
    },
    error::AppError,
    i18n::Lang,
    wizard::{
        Answers,
        application::{APPLICATION, SERVICES, UNIT_OID, further_unit, problems_before_submit, with_services},
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
    session: &CurrentSession,
    now: &ActingNow,
    services: &ServiceSet,
    lang: Lang,
) -> Result<Application, AppError> {
    let at = Utc::now();
    let txn = super::begin_write(db).await?;
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
    let doer = now.doer(session);
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
    session: &CurrentSession,
    now: &ActingNow,
    id: i32,
    version: i32,
    services: &ServiceSet,
) -> Result<Application, AppError> {
    let current = editable(db, now, id, version).await?;
    if current.services == *services {
        // Nothing to change: no new version, no signature to make again.
        return Ok(current);
    }
    let txn = super::begin_write(db).await?;
    check_services(&txn, now, services, Some(id)).await?;
    let row = bump(&txn, &current, version, |a| {
        a.services = Set(services.code());
        a.answers = Set(json(&with_services(current.answers.clone(), services)));
    })
    .await?;
    let change = format!("{} → {}", current.services.code(), services.code());
    applicant_changed(txn, row, now.doer(session), ApplicantChange::ServicesChanged, None, &change).await
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

/// Saves a draft's answers made on `version`, in the request's language. Answers given must be valid (missing ones may
/// wait); a service unit's OID must be the organisation's own and known to the code service.
pub async fn save(
    db: &DatabaseConnection,
    registries: &Registries,
    session: &CurrentSession,
    now: &ActingNow,
    id: i32,
    version: i32,
    answers: &Answers,
) -> Result<Application, AppError> {
    // Mail about the application follows the language its applicant last used.
    let lang = crate::i18n::request_lang();
    let current = editable(db, now, id, version).await?;
    let mut given = answers.clone();
    given.insert(SERVICES.into(), current.services.code());
    let stored = APPLICATION.normalise(&given, &[SERVICES]).map_err(AppError::Invalid)?;
    check_unit(registries, &now.organisation, &stored).await?;
    let txn = super::begin_write(db).await?;
    let row = bump(&txn, &current, version, |a| {
        a.answers = Set(json(&stored));
        a.lang = Set(lang.code().into());
    })
    .await?;
    let doer = now.doer(session);
    audit(&txn, &Audit::new(doer, Act::ApplicationSaved).about(now.organisation.id).detail(&id.to_string())).await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// Adds a further service unit to an application the applicant may change, made on `version`:
/// checked as the first unit is, the organisation's own, known to the code service, and not on the
/// application yet.
#[allow(clippy::too_many_arguments)]
pub async fn add_unit(
    db: &DatabaseConnection,
    registries: &Registries,
    session: &CurrentSession,
    now: &ActingNow,
    id: i32,
    version: i32,
    name: &str,
    oid: &str,
) -> Result<Application, AppError> {
    let current = editable(db, now, id, version).await?;
    let (name, oid) = further_unit(name, oid).map_err(AppError::Invalid)?;
    let listed = current.answers.get(UNIT_OID).is_some_and(|o| *o == oid.to_string())
        || units(db, id).await?.iter().any(|u| u.oid == oid.to_string());
    if listed {
        return Err(AppError::Invalid(vec![FieldError::new(UNIT_OID, Problem::AlreadyListed)]));
    }
    super::customer_data::check_unit(registries, &now.organisation, &oid, UNIT_OID).await?;
    let txn = super::begin_write(db).await?;
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
    applicant_changed(txn, row, now.doer(session), ApplicantChange::UnitAdded, Some(&unit), &unit).await
}

/// Takes a further service unit off an application the applicant may change, made on `version`.
pub async fn remove_unit(
    db: &DatabaseConnection,
    session: &CurrentSession,
    now: &ActingNow,
    id: i32,
    version: i32,
    unit_id: i32,
) -> Result<Application, AppError> {
    let current = editable(db, now, id, version).await?;
    let unit = units(db, id).await?.into_iter().find(|u| u.id == unit_id).ok_or(AppError::NotFound)?;
    let txn = super::begin_write(db).await?;
    let row = bump(&txn, &current, version, |_| {}).await?;
    application_unit::Entity::delete_by_id(unit.id).exec(&txn).await?;
    let unit = format!("{} ({})", unit.name, unit.oid);
    applicant_changed(txn, row, now.doer(session), ApplicantChange::UnitRemoved, Some(&unit), &unit).await
}

/// The service unit's OID, when given: the organisation's own and in the code service.
async fn check_unit(
    registries: &Registries,
    organisation: &organisation::Model,
    answers: &Answers,
) -> Result<(), AppError> {
    match answers.get(UNIT_OID).and_then(|o| Oid::parse(o).ok()) {
        Some(oid) => super::customer_data::check_unit(registries, organisation, &oid, UNIT_OID).await,
        None => Ok(()),
    }
}

/// Signs the customer-relationship agreement for the application (as loaded for the acting
/// organisation, from which `text` was composed): the exact text shown, its
/// hash, the signer, the organisation and the basis are recorded together.
pub async fn sign(
    db: &DatabaseConnection,
    session: &CurrentSession,
    now: &ActingNow,
    current: &Application,
    version: i32,
    text: &AgreementText,
) -> Result<agreement_signature::Model, AppError> {
    let id = current.row.id;
    ready_to_send(current, version)?;
    let txn = super::begin_write(db).await?;
    let row = bump(&txn, current, version, |_| {}).await?;
    let signed = agreement_signature::ActiveModel {
        organisation_id: Set(now.organisation.id),
        application_id: Set(id),
        agreement_version: Set(text.version.into()),
        lang: Set(text.lang.code().into()),
        text: Set(text.text.clone()),
        text_hash: Set(text.hash()),
        person_id: Set(session.person_id),
        signer_name: Set(session.display_name.clone()),
        basis: Set(now.basis.code()),
        signed_at: Set(Utc::now()),
        cited_terms: Set(super::agreement::cited_terms_json(&text.cited)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let doer = now.doer(session);
    event(&txn, &row, doer, HistoryEvent::Changed(ApplicantChange::Signed), None, None).await?;
    audit(&txn, &Audit::new(doer, Act::AgreementSigned).about(now.organisation.id).detail(&signed.text_hash)).await?;
    txn.commit().await?;
    Ok(signed)
}

/// Complete answers and the same version as the user saw.
fn ready_to_send(current: &Application, version: i32) -> Result<(), AppError> {
    still_editable(current, version)?;
    let problems = problems_before_submit(&current.services, &current.answers);
    if problems.is_empty() { Ok(()) } else { Err(AppError::Invalid(problems)) }
}

/// What must still be in place before the organisation, with `in_use` in production, can send an
/// application for `services`.
pub fn unmet(
    now: &ActingNow,
    services: &ServiceSet,
    in_use: &[KantaService],
) -> Vec<crate::domain::services::Prerequisite> {
    let current = crate::domain::acting::CodeServiceStatus::from_code(&now.organisation.code_service_status)
        .is_some_and(crate::domain::acting::CodeServiceStatus::allows_taking_into_use);
    services.unmet(current, in_use)
}

/// The pharmacy takeover rule for an application for `services`, with the takeover date asked of
/// Fimea's pharmacy register: only a pharmacy's Prescription application waits for it.
/// `Unavailable` when the register does not answer.
pub async fn takeover_unmet(
    registries: &crate::backend::registry::Registries,
    now: &ActingNow,
    services: &ServiceSet,
) -> Result<Option<crate::domain::services::Prerequisite>, AppError> {
    use crate::domain::acting::OrganisationKind;
    if now.kind != OrganisationKind::Pharmacy || !services.as_slice().contains(&KantaService::EPrescriptionPharmacy) {
        return Ok(None);
    }
    let Ok(ytunnus) = crate::domain::ytunnus::YTunnus::parse(&now.organisation.ytunnus) else {
        return Err(AppError::Unavailable);
    };
    let pharmacy = registries.pharmacy_register.pharmacy(&ytunnus).await?;
    let today = crate::domain::calendar::today();
    Ok(crate::domain::services::takeover_unmet(pharmacy.and_then(|p| p.takeover_on), today))
}

/// The applicant's commands: submit (complete answers, what must be in place first, the pharmacy
/// takeover rule, and the current agreement signed for these services needed) and withdraw.
pub async fn applicant_command(
    db: &DatabaseConnection,
    registries: &crate::backend::registry::Registries,
    session: &CurrentSession,
    now: &ActingNow,
    id: i32,
    version: i32,
    command: Command,
) -> Result<Application, AppError> {
    let current = get(db, id, Some(now.organisation.id)).await?;
    if command == Command::Submit {
        ready_to_send(&current, version)?;
        let mut unmet = unmet(now, &current.services, &in_use(db, now.organisation.id).await?);
        unmet.extend(takeover_unmet(registries, now, &current.services).await?);
        if super::joint::unsigned(db, &current).await? > 0 {
            unmet.push(crate::domain::services::Prerequisite::CoJoinersSigned);
        }
        if !unmet.is_empty() {
            return Err(AppError::Prerequisites(unmet));
        }
        let signed = signature(db, id).await?;
        if signed.is_none_or(|s| !AgreementText::is_signed_by(&s, &now.organisation, &current.services)) {
            return Err(AppError::Invalid(vec![FieldError::new("agreement", Problem::Required)]));
        }
    }
    transition(db, now.doer(session), current, version, command, None, None).await
}

/// The longest comment staff may give with a decision, in characters (the column is text).
pub const COMMENT_MAX: u32 = 2000;

/// Kanta staff's commands; the comment is required where the applicant must be told why, the
/// go-live date on approval.
pub async fn staff_command(
    db: &DatabaseConnection,
    session: &CurrentSession,
    id: i32,
    version: i32,
    command: Command,
    comment: Option<String>,
    go_live: Option<Date>,
) -> Result<Application, AppError> {
    let current = get(db, id, None).await?;
    let mut problems = Vec::new();
    let comment = match comment.as_deref().map(|c| long_text(c, 0, COMMENT_MAX)).transpose() {
        Ok(comment) => comment.filter(|c| !c.is_empty()),
        Err(problem) => {
            problems.push(FieldError::new("comment", problem));
            None
        }
    };
    if command.needs_comment() && comment.is_none() && problems.is_empty() {
        problems.push(FieldError::new("comment", Problem::Required));
    }
    if command == Command::ApproveForProduction && go_live.is_none() {
        problems.push(FieldError::new("go_live", Problem::Required));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    // A notice is confirmed only when given, and the services end only once its last day is past.
    if matches!(command, Command::ConfirmNotice | Command::End) {
        let notice = super::termination::notice(db, id).await?.ok_or(AppError::NotNow)?;
        let last_day = Date::parse(&notice.end_on).map_err(|_| AppError::NotNow)?;
        if command == Command::End && crate::domain::calendar::today() <= last_day {
            return Err(AppError::NotNow);
        }
    }
    let go_live = go_live.filter(|_| command == Command::ApproveForProduction);
    transition(db, Doer::Staff { person_id: session.person_id }, current, version, command, comment, go_live).await
}

/// A command through the state machine: the new state, the history event, the audit line and
/// the applicant's e-mail, in one transaction.
async fn transition(
    db: &DatabaseConnection,
    doer: Doer,
    current: Application,
    version: i32,
    command: Command,
    comment: Option<String>,
    go_live: Option<Date>,
) -> Result<Application, AppError> {
    let next = apply(Track::of(&current.services), current.state, super::application_store::actor(doer)?, command)
        .map_err(|refusal| match refusal {
            crate::domain::application::Refusal::NotYours => AppError::NotPermitted,
            crate::domain::application::Refusal::NotNow => AppError::NotNow,
        })?;
    if current.row.version != version {
        return Err(AppError::Conflict { current: current.row.version });
    }
    let txn = super::begin_write(db).await?;
    let row = bump(&txn, &current, version, |a| {
        a.state = Set(next.code().into());
        if let Some(date) = go_live {
            a.go_live_on = Set(Some(date.to_string()));
        }
    })
    .await?;
    let kind = HistoryEvent::Command(command);
    event(&txn, &row, doer, kind, Some(current.state), comment.as_deref()).await?;
    audit(&txn, &Audit::new(doer, kind).about(row.organisation_id).detail(&row.id.to_string())).await?;
    let changed = Application::from_row(row)?;
    if next == State::InProduction {
        super::customer_data::take_over(&txn, doer, &changed).await?;
    }
    let tell = next != current.state || command == Command::RecordTestResult;
    if tell {
        mail::application_changed(&txn, &changed, command, comment.as_deref()).await?;
    }
    // The last service ended ends the customer relationship; billing and history stay.
    if next == State::Ended && in_production(&list(&txn, changed.row.organisation_id).await?).is_empty() {
        mail::relationship_ended(&txn, &changed).await?;
    }
    txn.commit().await?;
    if tell {
        mail::wake();
    }
    Ok(changed)
}
