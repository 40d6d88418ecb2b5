//! Confirming that the data is current, and what needs the organisation's attention.
use super::{
    changes::{LoggedChange, changes_where, log},
    technical::technical,
};
use crate::backend::{
    entities::{change_log, technical_item},
    identity::{Audit, Doer, audit},
    registry::Registries,
};
use crate::{
    domain::{
        freshness::{self, Attention, Certificate},
        oid::Oid,
        records::{Act, ChangeKind, ChangeSubject},
        services::KantaService,
        technical::TechnicalKind,
        validation::Date,
    },
    error::AppError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// The user confirms that the organisation's data is current.
pub async fn confirm(db: &DatabaseConnection, who: Doer, organisation_id: i32) -> Result<(), AppError> {
    let txn = crate::backend::begin_write(db).await?;
    log(&txn, who, organisation_id, ChangeSubject::Organisation, None, ChangeKind::Confirmed, &[]).await?;
    audit(&txn, &Audit::new(who, Act::DataConfirmed).about(organisation_id).detail("")).await?;
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
    let mut rows = changes_where(db, page, Some(crate::backend::PAGE + 1)).await?;
    let older = crate::backend::cut_to_page(&mut rows).map(|(e, _, _)| e.id);
    Ok((rows, older))
}
