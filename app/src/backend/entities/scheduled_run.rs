use sea_orm::entity::prelude::*;

/// One run of a scheduled job on one day (Finnish date), across every instance: the instance
/// that inserts the row runs the job; see `backend::schedule`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scheduled_run")]
pub struct Model {
    /// `Job::code`, e.g. `reminders`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub job: String,
    /// `YYYY-MM-DD`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: String,
    /// The instance (host and process id) that claimed it.
    pub claimed_by: String,
    pub claimed_at: ChronoDateTimeUtc,
    /// Empty while it runs, or when the instance running it died: see `schedule::STALE_AFTER`.
    pub finished_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
