//! Scheduled jobs run once a day across every instance on the database: each run first claims its
//! job and day with a row in `scheduled_run`, and only the instance that inserted the row runs it.
//! The primary key decides, on SQLite and PostgreSQL alike.
use super::entities::scheduled_run;
use crate::domain::validation::Date;
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, sea_query::OnConflict};

/// The jobs the server runs on a schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// `reminders::send_due`, daily.
    Reminders,
}

impl Job {
    pub fn code(self) -> &'static str {
        match self {
            Job::Reminders => "reminders",
        }
    }
}

/// A claim not marked `still_running` for this long was left by an instance that died: another
/// may take it over.
pub const STALE_AFTER: chrono::Duration = chrono::Duration::hours(1);

/// This process, as named in the claims it makes: host, process id and a random part (two
/// containers may share a host name and both be process 1).
pub fn instance() -> String {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        use rand::Rng;
        let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
        format!("{}:{}:{:08x}", host.trim(), std::process::id(), rand::thread_rng().r#gen::<u32>())
    })
    .clone()
}

/// Claims `job`'s run on `day` for this process; answers `false` when another run (on any
/// instance) has it: finished, or still running and not stale.
pub async fn claim(db: &DatabaseConnection, job: Job, day: Date) -> Result<bool, DbErr> {
    use scheduled_run::Column;
    let now = Utc::now();
    let row = scheduled_run::ActiveModel {
        job: Set(job.code().into()),
        day: Set(day.to_string()),
        claimed_by: Set(instance()),
        claimed_at: Set(now),
        finished_at: Set(None),
    };
    let inserted = scheduled_run::Entity::insert(row)
        .on_conflict(OnConflict::columns([Column::Job, Column::Day]).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        return Ok(true);
    }
    let taken_over = scheduled_run::Entity::update_many()
        .col_expr(Column::ClaimedBy, sea_orm::sea_query::Expr::value(instance()))
        .col_expr(Column::ClaimedAt, sea_orm::sea_query::Expr::value(now))
        .filter(Column::Job.eq(job.code()))
        .filter(Column::Day.eq(day.to_string()))
        .filter(Column::FinishedAt.is_null())
        .filter(Column::ClaimedAt.lt(now - STALE_AFTER))
        .exec(db)
        .await?;
    if taken_over.rows_affected == 1 {
        tracing::warn!(job = job.code(), %day, "took over a run an instance left unfinished");
    }
    Ok(taken_over.rows_affected == 1)
}

/// Marks this process's run of `job` on `day` still going, so no one takes it over as stale;
/// answers `false` when the run is no longer this process's (taken over), so it stops.
pub async fn still_running(db: &DatabaseConnection, job: Job, day: Date) -> Result<bool, DbErr> {
    Ok(ours(job, day, scheduled_run::Column::ClaimedAt, Utc::now()).exec(db).await?.rows_affected == 1)
}

/// Marks this process's run of `job` on `day` done.
pub async fn finish(db: &DatabaseConnection, job: Job, day: Date) -> Result<(), DbErr> {
    ours(job, day, scheduled_run::Column::FinishedAt, Utc::now()).exec(db).await.map(|_| ())
}

/// Sets `column` of the unfinished run of `job` on `day`, if this process holds it.
fn ours(
    job: Job,
    day: Date,
    column: scheduled_run::Column,
    at: chrono::DateTime<Utc>,
) -> sea_orm::UpdateMany<scheduled_run::Entity> {
    use scheduled_run::Column;
    scheduled_run::Entity::update_many()
        .col_expr(column, sea_orm::sea_query::Expr::value(Some(at)))
        .filter(Column::Job.eq(job.code()))
        .filter(Column::Day.eq(day.to_string()))
        .filter(Column::ClaimedBy.eq(instance()))
        .filter(Column::FinishedAt.is_null())
}
