use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_at: ChronoDateTimeUtc,
    /// The language the visitor wrote in, so support answers in it.
    pub lang: String,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub topic: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    /// A `SupportStatus` code.
    pub status: String,
    /// Who sent it, when sent logged in.
    pub person_id: Option<i32>,
    /// Whom the sender acted for then, if anyone.
    pub organisation_id: Option<i32>,
    /// The member of staff who took it.
    pub assignee_id: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub answered_at: Option<ChronoDateTimeUtc>,
    pub answered_by: Option<i32>,
    /// Goes up by one with each change, for changes made on what was seen.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
