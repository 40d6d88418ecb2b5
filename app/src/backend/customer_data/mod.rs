//! Keeping an organisation's customer data current: contacts and technical items (ended, never
//! deleted), confirming the data, and the change log every change writes in its transaction.
//! Technical changes also leave a notice for Kanta's staff.
use super::{
    entities::{change_log, change_notice, contact, organisation, person, technical_item},
    identity::{Audit, audit},
    onboarding,
    registry::Registries,
};
use crate::{
    domain::{
        acting::Basis,
        contacts::{ContactInput, ContactKind, Covers, gaps, gaps_opened},
        freshness::{self, Attention, Certificate},
        oid::Oid,
        records::{Act, ChangeKind, ChangeSubject},
        services::KantaService,
        technical::{TechnicalDetails, TechnicalInput, TechnicalKind},
        validation::{Date, FieldError, Problem},
    },
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use std::collections::HashMap;

/// Who makes a change: a customer's user (with their basis), staff, or the product itself.
#[derive(Clone, Copy, Debug)]
pub struct Who {
    pub person_id: Option<i32>,
    pub basis: Option<Basis>,
    /// `customer`, `staff` or `system`.
    pub actor: &'static str,
}

impl Who {
    pub fn customer(person_id: i32, basis: Basis) -> Who {
        Who { person_id: Some(person_id), basis: Some(basis), actor: "customer" }
    }
    pub fn staff(person_id: i32) -> Who {
        Who { person_id: Some(person_id), basis: None, actor: "staff" }
    }
    /// The product itself (a reminder).
    pub const SYSTEM: Who = Who { person_id: None, basis: None, actor: "system" };

    async fn audit(
        &self,
        db: &impl ConnectionTrait,
        organisation_id: i32,
        action: Act,
        detail: &str,
    ) -> Result<(), AppError> {
        let Some(person_id) = self.person_id else { return Ok(()) };
        let line = Audit {
            organisation_id: Some(organisation_id),
            basis: self.basis,
            detail: Some(detail),
            ..Audit::of_person(person_id, action)
        };
        Ok(audit(db, &line).await?)
    }
}

/// One changed field: its name, the value before and after (empty when none).
pub type Change = (String, String, String);

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
    let opened = gaps_opened(&onboarding::in_use(db, organisation_id).await?, &before, &after);
    if opened.is_empty() { Ok(()) } else { Err(AppError::ContactsRequired(opened)) }
}

fn services_json(services: &[KantaService]) -> String {
    serde_json::to_string(&services.iter().map(|s| s.code()).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

fn services_text(services: &[KantaService]) -> String {
    services.iter().map(|s| s.code()).collect::<Vec<_>>().join(",")
}

pub async fn add_contact(
    db: &DatabaseConnection,
    who: Who,
    organisation_id: i32,
    input: &ContactInput,
    today: Date,
) -> Result<contact::Model, AppError> {
    let txn = super::begin_write(db).await?;
    let row = insert_contact(&txn, who, organisation_id, input, today).await?;
    who.audit(&txn, organisation_id, Act::ContactAdded, &row.id.to_string()).await?;
    txn.commit().await?;
    Ok(row)
}

/// A new contact in force from `today`, with its change-log entry.
async fn insert_contact(
    txn: &DatabaseTransaction,
    who: Who,
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
    who: Who,
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
    let txn = super::begin_write(db).await?;
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
    who.audit(&txn, organisation_id, Act::ContactChanged, &id.to_string()).await?;
    txn.commit().await?;
    Ok(row)
}

/// Ends a contact today; refused if a service in use would be left without its required contact.
pub async fn end_contact(
    db: &DatabaseConnection,
    who: Who,
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
    let txn = super::begin_write(db).await?;
    let row = update_contact(&txn, &current, version, |a| a.valid_to = Set(Some(today.to_string()))).await?;
    let changes = contact_changes(Some(&current), &row);
    log(&txn, who, organisation_id, ChangeSubject::Contact, Some(id), ChangeKind::Ended, &changes).await?;
    who.audit(&txn, organisation_id, Act::ContactEnded, &id.to_string()).await?;
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

/// The organisation's technical items, by service; those ended last.
pub async fn technical(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<technical_item::Model>, AppError> {
    let mut rows = technical_item::Entity::find()
        .filter(technical_item::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(technical_item::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|t| (t.valid_to.is_some(), t.service.clone()));
    Ok(rows)
}

/// Services whose technical data the organisation keeps: those in use or on their way there.
pub async fn technical_services(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<KantaService>, AppError> {
    Ok(technical_services_of(&onboarding::list(db, organisation_id).await?))
}

/// The services among `applications` that have reached joint testing, each once.
pub fn technical_services_of(applications: &[onboarding::Application]) -> Vec<KantaService> {
    use crate::domain::application::State;
    let kept = applications
        .iter()
        .filter(|a| matches!(a.state, State::InJointTesting | State::ApprovedForProduction | State::InProduction));
    let mut services: Vec<KantaService> = Vec::new();
    for service in kept.flat_map(|a| a.services.as_slice()) {
        if !services.contains(service) {
            services.push(*service);
        }
    }
    services
}

/// Adds a technical item from the day it takes effect. A service unit's OID must be the
/// organisation's own and in the code service. Kanta's staff get a change notice.
pub async fn add_technical(
    db: &DatabaseConnection,
    registries: &Registries,
    who: Who,
    organisation: &organisation::Model,
    input: &TechnicalInput,
) -> Result<technical_item::Model, AppError> {
    if let TechnicalDetails::ServiceUnit { oid, .. } = &input.details {
        check_unit(registries, organisation, oid, "oid").await?;
    }
    let txn = super::begin_write(db).await?;
    let (row, entry) =
        insert_technical(&txn, who, organisation.id, input.service, &input.details, input.takes_effect).await?;
    notice(&txn, &entry, input.service, input.takes_effect).await?;
    who.audit(&txn, organisation.id, Act::TechnicalAdded, &row.id.to_string()).await?;
    txn.commit().await?;
    Ok(row)
}

/// A new technical item valid from `from`, with its change-log entry.
async fn insert_technical(
    txn: &DatabaseTransaction,
    who: Who,
    organisation_id: i32,
    service: KantaService,
    details: &TechnicalDetails,
    from: Date,
) -> Result<(technical_item::Model, change_log::Model), AppError> {
    let (name, version, vendor, oid, expires) = match details {
        TechnicalDetails::System { product, version, vendor } => {
            (product.clone(), Some(version.clone()), Some(vendor.clone()), None, None)
        }
        TechnicalDetails::ServiceUnit { name, oid } => (name.clone(), None, None, Some(oid.to_string()), None),
        TechnicalDetails::Certificate { name, expires } => (name.clone(), None, None, None, Some(expires.to_string())),
    };
    let row = technical_item::ActiveModel {
        organisation_id: Set(organisation_id),
        service: Set(service.code().into()),
        kind: Set(details.kind().code().into()),
        name: Set(name),
        product_version: Set(version),
        vendor: Set(vendor),
        oid: Set(oid),
        expires_on: Set(expires),
        valid_from: Set(from.to_string()),
        valid_to: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let entry = log(
        txn,
        who,
        organisation_id,
        ChangeSubject::Technical,
        Some(row.id),
        ChangeKind::Added,
        &technical_changes(&row),
    )
    .await?;
    Ok((row, entry))
}

fn technical_changes(row: &technical_item::Model) -> Vec<Change> {
    let mut changes = vec![
        ("service".to_string(), String::new(), row.service.clone()),
        ("kind".into(), String::new(), row.kind.clone()),
        ("name".into(), String::new(), row.name.clone()),
    ];
    for (field, value) in
        [("version", &row.product_version), ("vendor", &row.vendor), ("oid", &row.oid), ("expires", &row.expires_on)]
    {
        if let Some(v) = value {
            changes.push((field.into(), String::new(), v.clone()));
        }
    }
    changes.push(("valid_from".into(), String::new(), row.valid_from.clone()));
    changes
}

/// Ends a technical item on the day the change takes effect; staff get a change notice.
pub async fn end_technical(
    db: &DatabaseConnection,
    who: Who,
    organisation_id: i32,
    id: i32,
    version: i32,
    takes_effect: Date,
) -> Result<technical_item::Model, AppError> {
    let current = technical_item::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|t| t.organisation_id == organisation_id)
        .ok_or(AppError::NotFound)?;
    if current.valid_to.is_some() {
        return Err(AppError::NotNow);
    }
    let service = KantaService::from_code(&current.service).ok_or(AppError::NotFound)?;
    let txn = super::begin_write(db).await?;
    let mut active: technical_item::ActiveModel = current.clone().into();
    active.valid_to = Set(Some(takes_effect.to_string()));
    active.version = Set(version + 1);
    let done = technical_item::Entity::update_many()
        .filter(technical_item::Column::Id.eq(id))
        .filter(technical_item::Column::Version.eq(version))
        .set(active)
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::Conflict { current: current.version });
    }
    let changes = vec![("valid_to".to_string(), String::new(), takes_effect.to_string())];
    let entry =
        log(&txn, who, organisation_id, ChangeSubject::Technical, Some(id), ChangeKind::Ended, &changes).await?;
    notice(&txn, &entry, service, takes_effect).await?;
    who.audit(&txn, organisation_id, Act::TechnicalEnded, &id.to_string()).await?;
    txn.commit().await?;
    technical_item::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// A service unit's OID must be known to the code service and tied there to the organisation;
/// when the register does not name the unit's organisation, the OID must lie under the
/// organisation's own root (`1.2.246.10.<business ID>`). A refusal names `field`:
/// `NotInRegister`, or `NotOwnOid`.
pub async fn check_unit(
    registries: &Registries,
    organisation: &organisation::Model,
    oid: &Oid,
    field: &str,
) -> Result<(), AppError> {
    let invalid = |problem| AppError::Invalid(vec![FieldError::new(field, problem)]);
    let ytunnus = crate::domain::ytunnus::YTunnus::parse(&organisation.ytunnus).ok();
    // Stored after this: asked afresh, not from what pages keep.
    registries.code_service.forget_unit(oid).await;
    let Some(unit) = registries.code_service.unit(oid).await? else {
        return Err(invalid(Problem::NotInRegister));
    };
    let own = match (unit.owner, ytunnus) {
        (Some(owner), Some(ytunnus)) => owner == ytunnus,
        (None, Some(ytunnus)) => oid.is_within(&Oid::organisation_root(ytunnus)),
        (_, None) => false,
    };
    if !own {
        return Err(invalid(Problem::NotOwnOid));
    }
    Ok(())
}

async fn notice(
    txn: &DatabaseTransaction,
    entry: &change_log::Model,
    service: KantaService,
    takes_effect: Date,
) -> Result<(), AppError> {
    change_notice::ActiveModel {
        organisation_id: Set(entry.organisation_id),
        change_log_id: Set(entry.id),
        service: Set(service.code().into()),
        takes_effect: Set(takes_effect.to_string()),
        handled_at: Set(None),
        handled_by: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The user confirms that the organisation's data is current.
pub async fn confirm(db: &DatabaseConnection, who: Who, organisation_id: i32) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    log(&txn, who, organisation_id, ChangeSubject::Organisation, None, ChangeKind::Confirmed, &[]).await?;
    who.audit(&txn, organisation_id, Act::DataConfirmed, "").await?;
    txn.commit().await?;
    Ok(())
}

/// The day the data was last confirmed, or else first given (none: no data yet).
pub async fn confirmed_since(db: &impl ConnectionTrait, organisation_id: i32) -> Result<Option<Date>, AppError> {
    let latest = |kind: ChangeKind, newest: bool| {
        let query = change_log::Entity::find()
            .filter(change_log::Column::OrganisationId.eq(organisation_id))
            .filter(change_log::Column::Kind.eq(kind.code()));
        if newest { query.order_by_desc(change_log::Column::Id) } else { query.order_by_asc(change_log::Column::Id) }
    };
    let row = match latest(ChangeKind::Confirmed, true).one(db).await? {
        Some(row) => Some(row),
        None => latest(ChangeKind::Added, false).one(db).await?,
    };
    Ok(row.map(|r| crate::domain::calendar::date_at(r.at)))
}

/// What needs the organisation's attention: confirmation due, certificates expiring, units whose
/// OIDs the code service no longer knows.
pub async fn attention(
    db: &impl ConnectionTrait,
    registries: &Registries,
    organisation_id: i32,
    today: Date,
) -> Result<Vec<Attention>, AppError> {
    let items = technical(db, organisation_id).await?;
    attention_for(registries, &items, confirmed_since(db, organisation_id).await?, today).await
}

/// [`attention`] for an organisation's technical `items` (as [`technical`] reads them) and the
/// day its data was last confirmed current ([`confirmed_since`]).
pub async fn attention_for(
    registries: &Registries,
    items: &[technical_item::Model],
    confirmed_since: Option<Date>,
    today: Date,
) -> Result<Vec<Attention>, AppError> {
    let current = items.iter().filter(|t| t.valid_to.as_deref().is_none_or(|to| to > today.to_string().as_str()));
    let mut certificates = Vec::new();
    let mut units: Vec<(KantaService, Oid)> = Vec::new();
    for t in current {
        let Some(service) = KantaService::from_code(&t.service) else { continue };
        match TechnicalKind::from_code(&t.kind) {
            Some(TechnicalKind::Certificate) => {
                if let Some(expires) = t.expires_on.as_deref().and_then(|d| Date::parse(d).ok()) {
                    certificates.push(Certificate { service, name: t.name.clone(), expires });
                }
            }
            Some(TechnicalKind::ServiceUnit) => {
                units.extend(t.oid.as_deref().and_then(|o| Oid::parse(o).ok()).map(|oid| (service, oid)));
            }
            _ => {}
        }
    }
    // Each OID asked once (a unit serves several services), all at the same time.
    let mut oids: Vec<&Oid> = units.iter().map(|(_, oid)| oid).collect();
    oids.sort_by_key(|o| o.to_string());
    oids.dedup();
    let answers = futures::future::join_all(oids.iter().map(|oid| registries.code_service.unit(oid))).await;
    let mut unknown = Vec::new();
    for (oid, answer) in oids.iter().zip(answers) {
        match answer {
            Ok(None) => unknown.push((*oid).clone()),
            Ok(Some(_)) => {}
            // A code service that does not answer hides this check, not the page.
            Err(error) => tracing::warn!(%error, "code service did not answer about a unit"),
        }
    }
    let missing: Vec<(KantaService, Oid)> = units.iter().filter(|(_, oid)| unknown.contains(oid)).cloned().collect();
    Ok(freshness::attention(today, confirmed_since, &certificates, &missing))
}

/// Writes one change-log entry.
pub async fn log(
    txn: &DatabaseTransaction,
    who: Who,
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
        person_id: Set(who.person_id),
        actor: Set(who.actor.into()),
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

/// The organisation's latest confirmation that its data is current, if any.
pub async fn latest_confirmation(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Option<LoggedChange>, AppError> {
    let confirmed = sea_orm::Condition::all()
        .add(change_log::Column::OrganisationId.eq(organisation_id))
        .add(change_log::Column::Kind.eq(ChangeKind::Confirmed.code()));
    Ok(changes_where(db, confirmed, Some(1)).await?.pop())
}

/// One page of the organisation's confirmations that its data is current, newest first, older
/// than entry `before` (keyset on id, served by the (organisation, kind, id) index), and the entry
/// to continue before when there are more.
pub async fn confirmations(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    before: Option<i32>,
) -> Result<(Vec<LoggedChange>, Option<i32>), AppError> {
    let mut page = sea_orm::Condition::all()
        .add(change_log::Column::OrganisationId.eq(organisation_id))
        .add(change_log::Column::Kind.eq(ChangeKind::Confirmed.code()));
    if let Some(before) = before {
        page = page.add(change_log::Column::Id.lt(before));
    }
    let mut rows = changes_where(db, page, Some(super::PAGE + 1)).await?;
    let older = super::cut_to_page(&mut rows).map(|(e, _, _)| e.id);
    Ok((rows, older))
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

async fn changes_where(
    db: &impl ConnectionTrait,
    condition: sea_orm::Condition,
    limit: Option<u64>,
) -> Result<Vec<LoggedChange>, AppError> {
    use sea_orm::QuerySelect;
    let rows = change_log::Entity::find()
        .filter(condition)
        .order_by_desc(change_log::Column::Id)
        .limit(limit)
        .find_also_related(super::entities::person::Entity)
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

/// When services go into production, the contacts and technical data of their application
/// become the organisation's (in the same transaction as the change of state): the contacts for
/// all of them, the technical data for each.
pub async fn take_over(
    txn: &DatabaseTransaction,
    who: Who,
    application: &onboarding::Application,
) -> Result<(), AppError> {
    let a = &application.answers;
    let get = |k: &str| a.get(k).map(String::as_str).unwrap_or_default();
    let organisation_id = application.row.organisation_id;
    let today = crate::domain::calendar::today();
    let all: Vec<String> = application.services.as_slice().iter().map(|s| s.code().to_string()).collect();
    // The archivist is the Patient Data Repository's only, and asked only when it is applied for.
    let archive = KantaService::PatientDataRepository;
    let archivist: Vec<String> =
        application.services.as_slice().contains(&archive).then(|| archive.code().to_string()).into_iter().collect();
    for (kind, prefix, services) in [
        (ContactKind::Administrative, "admin", &all),
        (ContactKind::Technical, "technical", &all),
        (ContactKind::Archivist, "archivist", &archivist),
    ] {
        if services.is_empty() {
            continue;
        }
        let Ok(input) = ContactInput::parse(
            kind.code(),
            get(&format!("{prefix}_name")),
            get(&format!("{prefix}_email")),
            get(&format!("{prefix}_phone")),
            services,
        ) else {
            continue;
        };
        insert_contact(txn, who, organisation_id, &input, today).await?;
    }
    // What the application said, as far as it still parses.
    let mut items = vec![
        (!get("system_product").is_empty()).then(|| TechnicalDetails::System {
            product: get("system_product").into(),
            version: get("system_version").into(),
            vendor: get("system_vendor").into(),
        }),
        Oid::parse(get("unit_oid"))
            .ok()
            .map(|oid| TechnicalDetails::ServiceUnit { name: get("unit_name").into(), oid }),
        Date::parse(get("certificate_valid_until"))
            .ok()
            .filter(|_| !get("certificate_name").is_empty())
            .map(|expires| TechnicalDetails::Certificate { name: get("certificate_name").into(), expires }),
    ];
    for unit in onboarding::units(txn, application.row.id).await? {
        items.push(Oid::parse(&unit.oid).ok().map(|oid| TechnicalDetails::ServiceUnit { name: unit.name, oid }));
    }
    for service in application.services.as_slice() {
        for details in items.iter().flatten() {
            insert_technical(txn, who, organisation_id, *service, details, today).await?;
        }
    }
    Ok(())
}

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
    let txn = super::begin_write(db).await?;
    let mut active: change_notice::ActiveModel = notice.clone().into();
    active.handled_at = Set(Some(Utc::now()));
    active.handled_by = Set(Some(staff_person));
    active.update(&txn).await?;
    Who::staff(staff_person).audit(&txn, notice.organisation_id, Act::ChangeNoticeHandled, &id.to_string()).await?;
    txn.commit().await?;
    Ok(())
}
