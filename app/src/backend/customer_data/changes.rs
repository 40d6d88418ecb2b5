//! The change log every change of customer data writes in its transaction, and reading it.
use super::Change;
use crate::backend::{entities::change_log, identity::Doer};
use crate::{
    domain::records::{ChangeKind, ChangeSubject},
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// Writes one change-log entry.
pub async fn log(
    txn: &DatabaseTransaction,
    who: Doer,
    organisation_id: i32,
    subject: ChangeSubject,
    subject_id: Option<i32>,
    kind: ChangeKind,
    changes: &[Change],
) -> Result<change_log::Model, AppError> {
    Ok(change_log::ActiveModel {
        organisation_id: Set(organisation_id),
        subject: Set(subject.code().into()),
        subject_id: Set(subject_id),
        kind: Set(kind.code().into()),
        person_id: Set(who.person_id()),
        actor: Set(who.kind().code().into()),
        changes: Set(serde_json::to_string(changes).unwrap_or_else(|_| "[]".into())),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// One change-log entry with its changes and the changer's name.
pub type LoggedChange = (change_log::Model, Vec<Change>, Option<String>);

/// The change history of the organisation's contacts and technical items, newest first.
pub async fn item_changes(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Vec<LoggedChange>, AppError> {
    let items = sea_orm::Condition::all()
        .add(change_log::Column::OrganisationId.eq(organisation_id))
        .add(change_log::Column::Subject.is_in([ChangeSubject::Contact.code(), ChangeSubject::Technical.code()]));
    changes_where(db, items, None).await
}

/// The change-log entries of one item (`subject`, `id`) of the organisation, newest first.
pub async fn changes_of(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    subject: ChangeSubject,
    id: i32,
) -> Result<Vec<(change_log::Model, Vec<Change>, Option<String>)>, AppError> {
    let item = sea_orm::Condition::all()
        .add(change_log::Column::OrganisationId.eq(organisation_id))
        .add(change_log::Column::Subject.eq(subject.code()))
        .add(change_log::Column::SubjectId.eq(id));
    changes_where(db, item, None).await
}

pub(super) async fn changes_where(
    db: &impl ConnectionTrait,
    condition: sea_orm::Condition,
    limit: Option<u64>,
) -> Result<Vec<LoggedChange>, AppError> {
    use sea_orm::QuerySelect;
    let rows = change_log::Entity::find()
        .filter(condition)
        .order_by_desc(change_log::Column::Id)
        .limit(limit)
        .find_also_related(crate::backend::entities::person::Entity)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(entry, person)| {
            let changes = serde_json::from_str(&entry.changes).unwrap_or_default();
            (entry, changes, person.map(|p| p.display_name))
        })
        .collect())
}
