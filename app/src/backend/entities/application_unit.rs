use sea_orm::entity::prelude::*;

/// A service unit of an application beyond the first (which is among the wizard's answers).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_unit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub name: String,
    /// `Oid` as text; the organisation's own and known to the code service when added.
    pub oid: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
