use sea_orm::entity::prelude::*;

/// A change of technical data Kanta's staff must know of, until one of them marks it handled.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_notice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub change_log_id: i32,
    pub service: String,
    pub takes_effect: String,
    pub handled_at: Option<ChronoDateTimeUtc>,
    pub handled_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
