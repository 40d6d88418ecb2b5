//! Staff's view of applications: one sent application with its organisation, and the queue by
//! state, service and age, a page at a time.
use super::{
    application_store::Application,
    entities::{application, organisation},
};
use crate::{
    domain::{application::State, services::KantaService},
    error::AppError,
};
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// An application as staff see it, with its organisation: `NotFound` for a draft, which staff
/// do not see until it is sent, and for an id that names no application.
pub async fn sent_application(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(Application, organisation::Model), AppError> {
    let a = super::application_store::get(db, id, None).await?;
    if a.state == State::Draft {
        return Err(AppError::NotFound);
    }
    let o = organisation::Entity::find_by_id(a.row.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((a, o))
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
