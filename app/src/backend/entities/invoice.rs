use sea_orm::entity::prelude::*;

/// An invoice for one service and period; amounts in integer cents.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub import_id: i32,
    #[sea_orm(unique)]
    pub number: String,
    pub service: String,
    /// `YYYY` or `YYYY-MM`.
    pub period: String,
    pub issued_on: String,
    pub due_on: String,
    pub total_cents: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
