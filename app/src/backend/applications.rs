//! Taking services into use: applications, their history, agreements and the staff's decisions.
//! Every change is one transaction with its history event, its audit line and any e-mail it
//! causes; every change of state goes through `domain::application::apply`; every change names
//! the version it was made on and fails with `Conflict` if someone else changed it first.
use super::{
    acting::ActingNow,
    agreement::AgreementText,
    entities::{agreement_signature, application, application_event, application_unit, organisation},
    identity::{Audit, CurrentSession, audit},
    mail,
    registry::Registries,
};
use crate::{
    domain::{
        acting::OrganisationKind,
        application::{Actor, Command, State, Track, apply},
        oid::Oid,
        records::{Act, ApplicantChange, AuditAction, HistoryEvent},
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
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
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

/// The person giving a command, for the history and the audit trail.
pub struct Doer<'a> {
    pub person_id: i32,
    pub actor: Actor,
    /// Present when the person acts for the organisation (the applicant).
    pub acting: Option<&'a ActingNow>,
}

impl<'a> Doer<'a> {
    pub fn applicant(session: &CurrentSession, now: &'a ActingNow) -> Doer<'a> {
        Doer { person_id: session.person_id, actor: Actor::Applicant, acting: Some(now) }
    }

    pub fn staff(session: &CurrentSession) -> Doer<'static> {
        Doer { person_id: session.person_id, actor: Actor::Staff, acting: None }
    }

    pub fn audit<'b>(
        &self,
        organisation_id: i32,
        action: impl Into<AuditAction>,
        detail: Option<&'b str>,
    ) -> Audit<'b> {
        Audit {
            organisation_id: Some(organisation_id),
            basis: self.acting.map(|a| a.basis),
            detail,
            ..Audit::of_person(self.person_id, action)
        }
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
    let doer = Doer::applicant(session, now);
    event(&txn, &row, &doer, HistoryEvent::Changed(ApplicantChange::Created), None, None).await?;
    audit(
        &txn,
        &doer.audit(now.organisation.id, HistoryEvent::Changed(ApplicantChange::Created), Some(&services.code())),
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
    applicant_changed(txn, row, &Doer::applicant(session, now), ApplicantChange::ServicesChanged, None, &change).await
}

/// Completes an applicant's change of `row`: the history event `kind` (with `shown`, which the
/// timeline shows), its audit line with `detail`, and the commit.
async fn applicant_changed(
    txn: DatabaseTransaction,
    row: application::Model,
    doer: &Doer<'_>,
    kind: ApplicantChange,
    shown: Option<&str>,
    detail: &str,
) -> Result<Application, AppError> {
    let kind = HistoryEvent::Changed(kind);
    event(&txn, &row, doer, kind, None, shown).await?;
    audit(&txn, &doer.audit(row.organisation_id, kind, Some(detail))).await?;
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
    let doer = Doer::applicant(session, now);
    audit(&txn, &doer.audit(now.organisation.id, Act::ApplicationSaved, Some(&id.to_string()))).await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// The application's service units beyond the first, in the order they were added.
pub async fn units(db: &impl ConnectionTrait, id: i32) -> Result<Vec<application_unit::Model>, AppError> {
    Ok(application_unit::Entity::find()
        .filter(application_unit::Column::ApplicationId.eq(id))
        .order_by_asc(application_unit::Column::Id)
        .all(db)
        .await?)
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
    applicant_changed(txn, row, &Doer::applicant(session, now), ApplicantChange::UnitAdded, Some(&unit), &unit).await
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
    applicant_changed(txn, row, &Doer::applicant(session, now), ApplicantChange::UnitRemoved, Some(&unit), &unit).await
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
fn still_editable(current: &Application, version: i32) -> Result<(), AppError> {
    if !current.state.is_editable() {
        return Err(AppError::NotNow);
    }
    if current.row.version != version {
        return Err(AppError::Conflict { current: current.row.version });
    }
    Ok(())
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
    let doer = Doer::applicant(session, now);
    event(&txn, &row, &doer, HistoryEvent::Changed(ApplicantChange::Signed), None, None).await?;
    audit(&txn, &doer.audit(now.organisation.id, Act::AgreementSigned, Some(&signed.text_hash))).await?;
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

/// The services the organisation has in production.
pub async fn in_use(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Vec<KantaService>, AppError> {
    Ok(in_production(&list(db, organisation_id).await?))
}

/// The services in use among `applications`: in production, or ending but not yet ended.
pub fn in_production(applications: &[Application]) -> Vec<KantaService> {
    applications.iter().filter(|a| a.state.in_use()).flat_map(|a| a.services.as_slice().iter().copied()).collect()
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
    transition(db, &Doer::applicant(session, now), current, version, command, None, None).await
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
    transition(db, &Doer::staff(session), current, version, command, comment, go_live).await
}

/// A command through the state machine: the new state, the history event, the audit line and
/// the applicant's e-mail, in one transaction.
async fn transition(
    db: &DatabaseConnection,
    doer: &Doer<'_>,
    current: Application,
    version: i32,
    command: Command,
    comment: Option<String>,
    go_live: Option<Date>,
) -> Result<Application, AppError> {
    let next =
        apply(Track::of(&current.services), current.state, doer.actor, command).map_err(|refusal| match refusal {
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
    audit(&txn, &doer.audit(row.organisation_id, kind, Some(&row.id.to_string()))).await?;
    let changed = Application::from_row(row)?;
    if next == State::InProduction {
        super::customer_data::take_over(&txn, super::customer_data::Who::staff(doer.person_id), &changed).await?;
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

/// Writes a change made on `version` only if nobody has changed the row since: the version goes
/// up by one, or the change fails with `Conflict`.
async fn bump(
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
    doer: &Doer<'_>,
    kind: HistoryEvent,
    comment: Option<&str>,
) -> Result<(), AppError> {
    event(txn, row, doer, kind, None, comment).await
}

async fn event(
    txn: &DatabaseTransaction,
    row: &application::Model,
    doer: &Doer<'_>,
    kind: HistoryEvent,
    from: Option<State>,
    comment: Option<&str>,
) -> Result<(), AppError> {
    let to = State::from_code(&row.state);
    application_event::ActiveModel {
        application_id: Set(row.id),
        at: Set(Utc::now()),
        person_id: Set(doer.person_id),
        actor: Set(doer.actor.code().into()),
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

fn json(answers: &Answers) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "{}".into())
}

/// What staff's queue shows: applications in `states`, for `service` if given, unchanged for at
/// least `min_age_days`.
pub struct QueueFilter<'a> {
    pub states: &'a [State],
    pub service: Option<KantaService>,
    pub min_age_days: i64,
}

/// Where a page of staff's queue continues: after the application `id` last changed at
/// `changed`, both as they were when that page was read, so a decision given meanwhile (which
/// moves the application's change time) does not lose the rest of the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueCursor {
    pub changed: chrono::DateTime<Utc>,
    pub id: i32,
}

impl QueueCursor {
    /// As it goes in a link: `<nanoseconds since the epoch>.<id>`; as precise as stored (SQLite
    /// keeps nanoseconds), or the page's last row would come again.
    pub fn code(self) -> String {
        format!("{}.{}", self.changed.timestamp_nanos_opt().unwrap_or(i64::MAX), self.id)
    }

    /// `None` for anything else (a link typed by hand starts from the beginning).
    pub fn parse(code: &str) -> Option<QueueCursor> {
        let (nanos, id) = code.trim().split_once('.')?;
        Some(QueueCursor { changed: chrono::DateTime::from_timestamp_nanos(nanos.parse().ok()?), id: id.parse().ok()? })
    }
}

/// One page of staff's queue, oldest change first, after `after` (keyset pagination on
/// (updated_at, id) as one row value), with each application's organisation name; and where the
/// next page continues, when there is more. Each filter is served by an index (m0009).
pub async fn queue(
    db: &impl ConnectionTrait,
    filter: &QueueFilter<'_>,
    after: Option<QueueCursor>,
) -> Result<(Vec<(Application, String)>, Option<QueueCursor>), AppError> {
    use sea_orm::{
        QuerySelect,
        sea_query::{Expr, ExprTrait},
    };
    // The page's keys first: one ordered range of the (state, updated_at, id) index per state,
    // each cut at a page and read from the index alone, merged here (with all the states in one
    // query the database sorts every waiting application for each page). Then only the page's
    // rows, with their organisations.
    let mut keys: Vec<(chrono::DateTime<Utc>, i32)> = Vec::new();
    for state in filter.states {
        let mut query = application::Entity::find()
            .select_only()
            .column(application::Column::UpdatedAt)
            .column(application::Column::Id)
            .filter(application::Column::State.eq(state.code()));
        if let Some(service) = filter.service {
            query = query.filter(Expr::cust(for_service(service)));
        }
        if filter.min_age_days > 0 {
            let changed_before = Utc::now() - chrono::Duration::days(filter.min_age_days);
            query = query.filter(application::Column::UpdatedAt.lte(changed_before));
        }
        if let Some(after) = after {
            let key = Expr::tuple([
                Expr::col((application::Entity, application::Column::UpdatedAt)),
                Expr::col((application::Entity, application::Column::Id)),
            ]);
            query = query.filter(key.gt(Expr::tuple([Expr::val(after.changed), Expr::val(after.id)])));
        }
        keys.extend(
            query
                .order_by_asc(application::Column::UpdatedAt)
                .order_by_asc(application::Column::Id)
                .limit(super::PAGE + 1)
                .into_tuple::<(chrono::DateTime<Utc>, i32)>()
                .all(db)
                .await?,
        );
    }
    keys.sort();
    // An application that changed state between two of these reads is listed once.
    let mut listed = std::collections::HashSet::new();
    keys.retain(|&(_, id)| listed.insert(id));
    let next = super::cut_to_page(&mut keys).map(|&(changed, id)| QueueCursor { changed, id });
    let mut rows = application::Entity::find()
        .filter(application::Column::Id.is_in(keys.iter().map(|&(_, id)| id)))
        .filter(application::Column::State.is_in(filter.states.iter().map(|s| s.code())))
        .find_also_related(organisation::Entity)
        .all(db)
        .await?;
    // In the order the keys were read (a row changed since shows where it was).
    rows.sort_by_key(|(row, _)| keys.iter().position(|&(_, id)| id == row.id));
    let lines = rows
        .into_iter()
        .map(|(row, organisation)| Ok((Application::from_row(row)?, organisation.map(|o| o.name).unwrap_or_default())))
        .collect::<Result<_, AppError>>()?;
    Ok((lines, next))
}

/// "The application is for `service`", over the comma-separated `services` column. A literal,
/// not a parameter, and worded exactly as the partial index of the service in m0009, so that
/// both databases read the queue from that index.
pub fn for_service(service: KantaService) -> String {
    format!("(',' || services || ',') LIKE '%,{},%'", service.code())
}
