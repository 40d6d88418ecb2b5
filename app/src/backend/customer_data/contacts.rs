//! Contacts: added, changed and ended (never deleted), each service keeping the contacts it
//! needs in force.
use super::changes::log;
use super::{Change, services_json, services_text};
use crate::backend::{
    application_store,
    entities::contact,
    identity::{Audit, Doer, audit},
};
use crate::{
    domain::{
        contacts::{ContactInput, ContactKind, Covers, gaps, gaps_opened},
        records::{Act, ChangeKind, ChangeSubject},
        services::KantaService,
        validation::Date,
    },
    error::AppError,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

/// The organisation's contacts, those in force first, then the ended ones (newest first).
pub async fn contacts(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Vec<contact::Model>, AppError> {
    let mut rows = contact::Entity::find()
        .filter(contact::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|c| c.valid_to.clone().map(std::cmp::Reverse));
    Ok(rows)
}

pub fn services_of(row: &contact::Model) -> Vec<KantaService> {
    serde_json::from_str::<Vec<String>>(&row.services)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| KantaService::from_code(c))
        .collect()
}

fn in_force(row: &contact::Model) -> Option<Covers> {
    let kind = ContactKind::from_code(&row.kind)?;
    row.valid_to.is_none().then(|| Covers { kind, services: services_of(row) })
}

/// Which services in use lack an administrative or a technical contact now.
pub async fn contact_gaps(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    in_use: &[KantaService],
) -> Result<Vec<(KantaService, ContactKind)>, AppError> {
    let covers: Vec<Covers> = contacts(db, organisation_id).await?.iter().filter_map(in_force).collect();
    Ok(gaps(in_use, &covers))
}

/// Refuses a change to the contacts in force that would leave a service in use without an
/// administrative or a technical contact.
async fn keep_covered(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    change: impl Fn(&contact::Model) -> Option<Covers>,
) -> Result<(), AppError> {
    let rows = contacts(db, organisation_id).await?;
    let before: Vec<Covers> = rows.iter().filter_map(in_force).collect();
    let after: Vec<Covers> = rows.iter().filter_map(change).collect();
    let opened = gaps_opened(&application_store::in_use(db, organisation_id).await?, &before, &after);
    if opened.is_empty() { Ok(()) } else { Err(AppError::ContactsRequired(opened)) }
}

pub async fn add_contact(
    db: &DatabaseConnection,
    who: Doer,
    organisation_id: i32,
    input: &ContactInput,
    today: Date,
) -> Result<contact::Model, AppError> {
    let txn = crate::backend::begin_write(db).await?;
    let row = insert_contact(&txn, who, organisation_id, input, today).await?;
    audit(&txn, &Audit::new(who, Act::ContactAdded).about(organisation_id).detail(&row.id.to_string())).await?;
    txn.commit().await?;
    Ok(row)
}

/// A new contact in force from `today`, with its change-log entry.
pub(super) async fn insert_contact(
    txn: &DatabaseTransaction,
    who: Doer,
    organisation_id: i32,
    input: &ContactInput,
    today: Date,
) -> Result<contact::Model, AppError> {
    let row = contact::ActiveModel {
        organisation_id: Set(organisation_id),
        kind: Set(input.kind.code().into()),
        name: Set(input.name.clone()),
        email: Set(input.email.as_str().into()),
        phone: Set(input.phone.as_str().into()),
        services: Set(services_json(&input.services)),
        valid_from: Set(today.to_string()),
        valid_to: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    log(
        txn,
        who,
        organisation_id,
        ChangeSubject::Contact,
        Some(row.id),
        ChangeKind::Added,
        &contact_changes(None, &row),
    )
    .await?;
    Ok(row)
}

fn contact_changes(before: Option<&contact::Model>, after: &contact::Model) -> Vec<Change> {
    let fields = |c: &contact::Model| {
        [
            ("kind", c.kind.clone()),
            ("name", c.name.clone()),
            ("email", c.email.clone()),
            ("phone", c.phone.clone()),
            ("services", services_text(&services_of(c))),
            ("valid_to", c.valid_to.clone().unwrap_or_default()),
        ]
    };
    let old = before.map(fields);
    fields(after)
        .into_iter()
        .enumerate()
        .filter_map(|(i, (name, new))| {
            let was = old.as_ref().map(|o| o[i].1.clone()).unwrap_or_default();
            (was != new).then(|| (name.to_string(), was, new))
        })
        .collect()
}

async fn contact_of(db: &impl ConnectionTrait, organisation_id: i32, id: i32) -> Result<contact::Model, AppError> {
    contact::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|c| c.organisation_id == organisation_id)
        .ok_or(AppError::NotFound)
}

/// Changes a contact in force seen at `version`.
pub async fn change_contact(
    db: &DatabaseConnection,
    who: Doer,
    organisation_id: i32,
    id: i32,
    version: i32,
    input: &ContactInput,
) -> Result<contact::Model, AppError> {
    let current = contact_of(db, organisation_id, id).await?;
    if current.valid_to.is_some() {
        return Err(AppError::NotNow);
    }
    keep_covered(db, organisation_id, |c| {
        if c.id == id { Some(Covers { kind: input.kind, services: input.services.clone() }) } else { in_force(c) }
    })
    .await?;
    let txn = crate::backend::begin_write(db).await?;
    let row = update_contact(&txn, &current, version, |a| {
        a.kind = Set(input.kind.code().into());
        a.name = Set(input.name.clone());
        a.email = Set(input.email.as_str().into());
        a.phone = Set(input.phone.as_str().into());
        a.services = Set(services_json(&input.services));
    })
    .await?;
    let changes = contact_changes(Some(&current), &row);
    log(&txn, who, organisation_id, ChangeSubject::Contact, Some(id), ChangeKind::Changed, &changes).await?;
    audit(&txn, &Audit::new(who, Act::ContactChanged).about(organisation_id).detail(&id.to_string())).await?;
    txn.commit().await?;
    Ok(row)
}

/// Ends a contact today; refused if a service in use would be left without its required contact.
pub async fn end_contact(
    db: &DatabaseConnection,
    who: Doer,
    organisation_id: i32,
    id: i32,
    version: i32,
    today: Date,
) -> Result<contact::Model, AppError> {
    let current = contact_of(db, organisation_id, id).await?;
    if current.valid_to.is_some() {
        return Err(AppError::NotNow);
    }
    keep_covered(db, organisation_id, |c| if c.id == id { None } else { in_force(c) }).await?;
    let txn = crate::backend::begin_write(db).await?;
    let row = update_contact(&txn, &current, version, |a| a.valid_to = Set(Some(today.to_string()))).await?;
    let changes = contact_changes(Some(&current), &row);
    log(&txn, who, organisation_id, ChangeSubject::Contact, Some(id), ChangeKind::Ended, &changes).await?;
    audit(&txn, &Audit::new(who, Act::ContactEnded).about(organisation_id).detail(&id.to_string())).await?;
    txn.commit().await?;
    Ok(row)
}

/// Writes a change made on `version` only if nobody changed the contact since.
async fn update_contact(
    txn: &DatabaseTransaction,
    current: &contact::Model,
    version: i32,
    change: impl FnOnce(&mut contact::ActiveModel),
) -> Result<contact::Model, AppError> {
    let mut active: contact::ActiveModel = current.clone().into();
    change(&mut active);
    active.version = Set(version + 1);
    let done = contact::Entity::update_many()
        .filter(contact::Column::Id.eq(current.id))
        .filter(contact::Column::Version.eq(version))
        .set(active)
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::Conflict { current: current.version });
    }
    contact::Entity::find_by_id(current.id).one(txn).await?.ok_or(AppError::NotFound)
}
