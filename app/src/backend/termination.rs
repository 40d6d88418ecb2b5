//! Ending services (point 6 of the agreement): the organisation signs a termination notice for an
//! application in production; staff confirm it (the application's `confirm-notice`: ending) and
//! end it on or after the notice's date (`end`: ended). Nothing is deleted: billing, history and
//! contacts stay.
use super::{
    acting::Acting,
    agreement::text_hash,
    application_store::{self, Application},
    entities::{organisation, termination_notice},
    identity::{Audit, audit},
    mail::Mailing,
};
use crate::{
    domain::{
        acting::Basis,
        application::State,
        records::{ApplicantChange, HistoryEvent},
        services::ServiceSet,
        validation::{Date, FieldError},
    },
    error::AppError,
    i18n::{Args, Lang, lookup},
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// The exact text a person signs to end `services` of `organisation` after `end_on` (the last
/// day in use), in `lang`, naming the signer and their basis.
pub fn notice_text(
    lang: Lang,
    organisation: &organisation::Model,
    services: &ServiceSet,
    end_on: Date,
    signer: &str,
    basis: Basis,
) -> String {
    let mut args = Args::new();
    args.set("organisation", organisation.name.clone());
    args.set("ytunnus", organisation.ytunnus.clone());
    args.set("service", services.names(|id| lookup(lang, id, None)));
    args.set("end_on", end_on.local());
    args.set("signer", signer.to_string());
    args.set("basis", lookup(lang, basis.message_id(), None));
    [msg!("termination-title"), msg!("termination-body"), msg!("termination-kept")]
        .iter()
        .map(|id| lookup(lang, id, Some(&args)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The application's termination notice, if one was given.
pub async fn notice(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<termination_notice::Model>, AppError> {
    Ok(termination_notice::Entity::find()
        .filter(termination_notice::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?)
}

/// The given notice as a PDF/A-3a document (`super::document`): its text, when it was signed and
/// the text's SHA-256; the exact signed text is attached (`kanta-notice-<application>.txt`).
pub fn pdf(notice: &termination_notice::Model, signed_at: &str) -> Result<Vec<u8>, AppError> {
    let lang = Lang::from_code(&notice.lang).unwrap_or_default();
    let mut args = Args::new();
    args.set("at", signed_at.to_string());
    args.set("hash", notice.text_hash.clone());
    let closing = lookup(lang, msg!("notice-signed-block"), Some(&args));
    let file_name = format!("kanta-notice-{}.txt", notice.application_id);
    super::document::signed_text(lang, &notice.text, &notice.text_hash, closing, file_name, notice.signed_at)
}

/// The last day in use as typed: a day after `today` (Finnish time), or `Invalid` (`end_on`).
pub fn parse_end_on(value: &str, today: Date) -> Result<Date, AppError> {
    Date::parse_future(value, today).map_err(|problem| AppError::Invalid(vec![FieldError::new("end_on", problem)]))
}

/// Signs the notice shown with `hash` for application `current`, seen at `version`: `NotNow`
/// unless it is in production without a notice, `Conflict` when the text or the version moved.
/// The application's administrative contact is told by mail (`mailing`).
#[allow(clippy::too_many_arguments)]
pub async fn give_notice(
    db: &DatabaseConnection,
    mailing: &Mailing,
    acting: &Acting,
    current: &Application,
    version: i32,
    end_on: Date,
    lang: Lang,
    hash: &str,
) -> Result<termination_notice::Model, AppError> {
    let (session, now) = (&acting.session, &acting.now);
    if current.state != State::InProduction || notice(db, current.row.id).await?.is_some() {
        return Err(AppError::NotNow);
    }
    let text = notice_text(lang, &now.organisation, &current.services, end_on, &session.display_name, now.basis);
    if text_hash(&text) != hash.trim() || current.row.version != version {
        return Err(AppError::Conflict { current: current.row.version });
    }
    let txn = super::begin_write(db).await?;
    let row = application_store::touch(&txn, current, version).await?;
    let given = termination_notice::ActiveModel {
        organisation_id: Set(now.organisation.id),
        application_id: Set(current.row.id),
        end_on: Set(end_on.to_string()),
        lang: Set(lang.code().into()),
        text_hash: Set(text_hash(&text)),
        text: Set(text),
        person_id: Set(session.person_id),
        signer_name: Set(session.display_name.clone()),
        basis: Set(now.basis.code()),
        signed_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let doer = acting.doer();
    let kind = HistoryEvent::Changed(ApplicantChange::NoticeGiven);
    application_store::record(&txn, &row, doer, kind, Some(&end_on.local())).await?;
    audit(&txn, &Audit::new(doer, kind).about(now.organisation.id).detail(&given.text_hash)).await?;
    super::mail::notice_given(&txn, mailing.settings.as_ref(), current, end_on).await?;
    txn.commit().await?;
    mailing.wake();
    Ok(given)
}

/// The notices waiting for staff, oldest first, with their applications and organisations' names:
/// given but not confirmed (the application still in production), or confirmed with the last day
/// before `today` (ending, to be ended).
pub async fn waiting(
    db: &impl ConnectionTrait,
    today: Date,
) -> Result<Vec<(termination_notice::Model, Application, String)>, AppError> {
    use super::entities::application;
    use sea_orm::{QueryOrder, sea_query::Query};
    let in_use = Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::State.is_in([State::InProduction.code(), State::Ending.code()]))
        .to_owned();
    let notices = termination_notice::Entity::find()
        .filter(termination_notice::Column::ApplicationId.in_subquery(in_use))
        .order_by_asc(termination_notice::Column::Id)
        .all(db)
        .await?;
    let mut waiting = Vec::new();
    for notice in notices {
        let application = application_store::get(db, notice.application_id, None).await?;
        let due = Date::parse(&notice.end_on).is_ok_and(|last| last < today);
        if application.state == State::InProduction || (application.state == State::Ending && due) {
            let name = organisation::Entity::find_by_id(notice.organisation_id).one(db).await?.map(|o| o.name);
            waiting.push((notice, application, name.unwrap_or_default()));
        }
    }
    Ok(waiting)
}
