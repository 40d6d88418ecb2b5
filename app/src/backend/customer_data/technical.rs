//! Technical data: information systems, service units and certificates, added and ended per
//! service; units checked against the National Code Service. Each change leaves a notice for
//! Kanta's staff.
use super::Change;
use super::changes::log;
use crate::backend::{
    application_store,
    entities::{change_log, change_notice, organisation, technical_item},
    identity::{Audit, Doer, audit},
    registry::Registries,
};
use crate::{
    domain::{
        oid::Oid,
        records::{Act, ChangeKind, ChangeSubject},
        services::KantaService,
        technical::{TechnicalDetails, TechnicalInput},
        validation::{Date, FieldError, Problem},
    },
    error::AppError,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

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
    Ok(technical_services_of(&application_store::list(db, organisation_id).await?))
}

/// The services among `applications` that have reached joint testing, each once.
pub fn technical_services_of(applications: &[application_store::Application]) -> Vec<KantaService> {
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
    who: Doer,
    organisation: &organisation::Model,
    input: &TechnicalInput,
) -> Result<technical_item::Model, AppError> {
    if let TechnicalDetails::ServiceUnit { oid, .. } = &input.details {
        check_unit(registries, organisation, oid, "oid").await?;
    }
    let txn = crate::backend::begin_write(db).await?;
    let (row, entry) =
        insert_technical(&txn, who, organisation.id, input.service, &input.details, input.takes_effect).await?;
    notice(&txn, &entry, input.service, input.takes_effect).await?;
    audit(&txn, &Audit::new(who, Act::TechnicalAdded).about(organisation.id).detail(&row.id.to_string())).await?;
    txn.commit().await?;
    Ok(row)
}

/// A new technical item valid from `from`, with its change-log entry.
pub(super) async fn insert_technical(
    txn: &DatabaseTransaction,
    who: Doer,
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
    who: Doer,
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
    let txn = crate::backend::begin_write(db).await?;
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
    audit(&txn, &Audit::new(who, Act::TechnicalEnded).about(organisation_id).detail(&id.to_string())).await?;
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
