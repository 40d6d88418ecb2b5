//! Change notices: what Kanta's staff are told of technical changes, until they handle them.
use crate::backend::{
    entities::{change_log, change_notice, organisation, person},
    identity::{Audit, Doer, audit},
};
use crate::{domain::records::Act, error::AppError};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// Change notices staff have not handled yet, oldest first, with the organisation's name.
pub async fn open_notices(db: &impl ConnectionTrait) -> Result<Vec<OpenNotice>, AppError> {
    let notices = change_notice::Entity::find()
        .filter(change_notice::Column::HandledAt.is_null())
        .order_by_asc(change_notice::Column::Id)
        .all(db)
        .await?;
    // Four queries however many notices wait.
    let organisations: HashMap<i32, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(notices.iter().map(|n| n.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut entries: HashMap<i32, change_log::Model> = change_log::Entity::find()
        .filter(change_log::Column::Id.is_in(notices.iter().map(|n| n.change_log_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let authors: HashMap<i32, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(entries.values().filter_map(|e| e.person_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.display_name))
        .collect();
    Ok(notices
        .into_iter()
        .filter_map(|notice| {
            let entry = entries.remove(&notice.change_log_id)?;
            Some(OpenNotice {
                organisation: organisations.get(&notice.organisation_id).cloned().unwrap_or_default(),
                author: entry.person_id.and_then(|p| authors.get(&p).cloned()),
                notice,
                entry,
            })
        })
        .collect())
}

/// A change notice staff have not handled yet, with what they need to read it.
pub struct OpenNotice {
    pub notice: change_notice::Model,
    pub organisation: String,
    pub entry: change_log::Model,
    /// Who made the change (none for the system).
    pub author: Option<String>,
}

pub async fn handle_notice(db: &DatabaseConnection, staff_person: i32, id: i32) -> Result<(), AppError> {
    let notice = change_notice::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if notice.handled_at.is_some() {
        return Err(AppError::NotNow);
    }
    let txn = crate::backend::begin_write(db).await?;
    let mut active: change_notice::ActiveModel = notice.clone().into();
    active.handled_at = Set(Some(Utc::now()));
    active.handled_by = Set(Some(staff_person));
    active.update(&txn).await?;
    let handled = Audit::new(Doer::Staff { person_id: staff_person }, Act::ChangeNoticeHandled);
    audit(&txn, &handled.about(notice.organisation_id).detail(&id.to_string())).await?;
    txn.commit().await?;
    Ok(())
}
