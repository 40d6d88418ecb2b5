//! Customer-support requests: saved with a receipt mail, then taken and answered by mail at the
//! support desk. Each change is made on the version staff saw (`Conflict` otherwise).
use super::{
    entities::{organisation, person, support_request},
    identity::{Audit, Doer, audit},
    mail::{self, MailSettings},
};
use crate::{
    domain::{
        records::Act,
        support::{SupportRequest, SupportStatus, SupportTopic, reference},
    },
    error::AppError,
    i18n::{Args, Lang, lookup},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Who sent a request while logged in: the person, and the organisation they acted for then.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sender {
    pub person_id: Option<i32>,
    pub organisation_id: Option<i32>,
}

/// Saves a request and queues the receipt mail (the reference and topic only: the form is open
/// to anyone, so its mail must not carry text a stranger chose to someone else's address).
/// Returns the reference.
pub async fn save(
    db: &DatabaseConnection,
    settings: &MailSettings,
    request: &SupportRequest,
    lang: Lang,
    sender: Sender,
) -> Result<String, AppError> {
    let txn = super::begin_write(db).await?;
    let saved = support_request::ActiveModel {
        created_at: Set(Utc::now()),
        lang: Set(lang.code().to_string()),
        name: Set(request.name.clone()),
        email: Set(request.email.as_str().to_string()),
        organisation: Set(request.organisation.clone()),
        topic: Set(request.topic.code().to_string()),
        message: Set(request.message.clone()),
        status: Set(SupportStatus::Received.code().to_string()),
        person_id: Set(sender.person_id),
        organisation_id: Set(sender.organisation_id),
        version: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let args = mail_args(&saved, lang);
    let subject = lookup(lang, msg!("mail-support-received-subject"), Some(&args));
    let body = lookup(lang, msg!("mail-support-received"), Some(&args));
    mail::queue(&txn, settings, &saved.email, &subject, &body).await?;
    txn.commit().await?;
    tracing::info!(reference = %reference(saved.id), topic = saved.topic, "support request saved");
    Ok(reference(saved.id))
}

fn mail_args(row: &support_request::Model, lang: Lang) -> Args {
    let mut args = Args::new();
    args.set("reference", reference(row.id));
    let topic = SupportTopic::from_code(&row.topic).map(|t| lookup(lang, t.message_id(), None)).unwrap_or_default();
    args.set("topic", topic);
    args
}

/// The desk's list: which statuses (none: every one) and which topic (`None`: any).
pub struct DeskFilter<'a> {
    pub statuses: &'a [SupportStatus],
    pub topic: Option<SupportTopic>,
}

/// A page of the desk's list.
pub const PAGE: u64 = 50;

/// One line of the desk's list, with the assignee's name.
pub struct DeskLine {
    pub row: support_request::Model,
    pub assignee: Option<String>,
}

/// A page of [`PAGE`] requests, oldest first, after the request `after` (keyset pagination on
/// the id), and the id the next page continues after, when there is more. Served by the
/// (status, id) and (topic, status, id) indexes (m0012).
pub async fn desk(
    db: &impl ConnectionTrait,
    filter: &DeskFilter<'_>,
    after: Option<i32>,
) -> Result<(Vec<DeskLine>, Option<i32>), AppError> {
    let mut query = support_request::Entity::find().order_by_asc(support_request::Column::Id).limit(PAGE + 1);
    if !filter.statuses.is_empty() {
        query = query.filter(support_request::Column::Status.is_in(filter.statuses.iter().map(|s| s.code())));
    }
    if let Some(topic) = filter.topic {
        query = query.filter(support_request::Column::Topic.eq(topic.code()));
    }
    if let Some(after) = after {
        query = query.filter(support_request::Column::Id.gt(after));
    }
    let mut rows = query.all(db).await?;
    let next = (rows.len() as u64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| r.id)
    });
    let names = names(db, rows.iter().filter_map(|r| r.assignee_id)).await?;
    let lines = rows
        .into_iter()
        .map(|row| DeskLine { assignee: row.assignee_id.and_then(|id| names.get(&id).cloned()), row })
        .collect();
    Ok((lines, next.flatten()))
}

/// People's display names by id, in one query.
async fn names(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    let ids: std::collections::BTreeSet<i32> = ids.collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let people = person::Entity::find().filter(person::Column::Id.is_in(ids)).all(db).await?;
    Ok(people.into_iter().map(|p| (p.id, p.display_name)).collect())
}

/// One request as the desk sees it, with the names behind its ids.
pub struct Handling {
    pub row: support_request::Model,
    /// The logged-in sender's name, as identified.
    pub person: Option<String>,
    /// The organisation the sender acted for: its name and business ID.
    pub organisation: Option<(String, String)>,
    pub assignee: Option<String>,
    pub answered_by: Option<String>,
}

/// One request, or `NotFound`.
pub async fn get(db: &impl ConnectionTrait, id: i32) -> Result<Handling, AppError> {
    let row = support_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    let names = names(db, [row.person_id, row.assignee_id, row.answered_by].into_iter().flatten()).await?;
    let organisation = match row.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id).one(db).await?.map(|o| (o.name, o.ytunnus)),
        None => None,
    };
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(Handling {
        person: name(row.person_id),
        assignee: name(row.assignee_id),
        answered_by: name(row.answered_by),
        organisation,
        row,
    })
}

/// `staff` takes the request seen at `version` (from a colleague too). `NotNow` once answered,
/// `Conflict` when someone changed it first, `NotFound` when there is no such request.
pub async fn take(db: &DatabaseConnection, id: i32, version: i32, staff: i32) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let current = open_at(&txn, id, version).await?;
    let mut active: support_request::ActiveModel = current.into();
    active.status = Set(SupportStatus::InProgress.code().to_string());
    active.assignee_id = Set(Some(staff));
    bump(&txn, id, version, active).await?;
    let detail = reference(id);
    audit(&txn, &Audit::new(Doer::Staff { person_id: staff }, Act::SupportTaken).detail(&detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// `staff` answers the request seen at `version`; the answer goes by mail in the sender's
/// language, with the reference and topic (not the question: anyone can type anyone's address
/// in the form). Errors as [`take`].
pub async fn answer(
    db: &DatabaseConnection,
    settings: &MailSettings,
    id: i32,
    version: i32,
    staff: i32,
    answer: &str,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let current = open_at(&txn, id, version).await?;
    let lang = Lang::from_code(&current.lang).unwrap_or_default();
    let mut args = mail_args(&current, lang);
    args.set("answer", answer.to_string());
    let to = current.email.clone();
    let mut active: support_request::ActiveModel = current.into();
    active.status = Set(SupportStatus::Answered.code().to_string());
    active.assignee_id = Set(Some(staff));
    active.answer = Set(Some(answer.to_string()));
    active.answered_at = Set(Some(Utc::now()));
    active.answered_by = Set(Some(staff));
    bump(&txn, id, version, active).await?;
    let detail = reference(id);
    audit(&txn, &Audit::new(Doer::Staff { person_id: staff }, Act::SupportAnswered).detail(&detail)).await?;
    let subject = lookup(lang, msg!("mail-support-answered-subject"), Some(&args));
    mail::queue(&txn, settings, &to, &subject, &lookup(lang, msg!("mail-support-answered"), Some(&args))).await?;
    txn.commit().await?;
    tracing::info!(reference = %reference(id), "support request answered");
    Ok(())
}

/// The request, if it is still open and still at `version`.
async fn open_at(db: &impl ConnectionTrait, id: i32, version: i32) -> Result<support_request::Model, AppError> {
    let current = support_request::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !SupportStatus::from_code(&current.status).is_some_and(SupportStatus::open) {
        return Err(AppError::NotNow);
    }
    if current.version != version {
        return Err(AppError::Conflict { current: current.version });
    }
    Ok(current)
}

/// Writes the change only if the version is still the one seen: a concurrent change made
/// between the read and this write fails with `Conflict`.
async fn bump(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
    mut active: support_request::ActiveModel,
) -> Result<(), AppError> {
    active.version = Set(version + 1);
    let done = support_request::Entity::update_many()
        .set(active)
        .filter(support_request::Column::Id.eq(id))
        .filter(support_request::Column::Version.eq(version))
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::Conflict { current: version + 1 });
    }
    Ok(())
}
