use sea_orm::entity::prelude::*;

/// A contact person of an organisation. Ended by setting `valid_to`, never deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// `ContactKind::code`.
    pub kind: String,
    pub name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    /// JSON array of `KantaService` codes; empty: every service.
    #[sea_orm(column_type = "Text")]
    pub services: String,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
