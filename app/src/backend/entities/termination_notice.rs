use sea_orm::entity::prelude::*;

/// A signed termination notice: who ended which application's services, from which day, for
/// whom and on which basis. The exact text is kept beside its SHA-256, like an agreement's.
/// Staff confirm it with the application's `confirm-notice` command; nothing is deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "termination_notice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub application_id: i32,
    /// The last day the services are in use: ISO 8601.
    pub end_on: String,
    pub lang: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub text_hash: String,
    pub person_id: i32,
    pub signer_name: String,
    /// `Basis::code`.
    pub basis: String,
    pub signed_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
