use sea_orm::entity::prelude::*;

/// An organisation someone has acted for, as the registries last described it. The registries
/// stay the source of truth; this row is what our own data (audit, applications) refers to.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub ytunnus: String,
    pub name: String,
    /// `OrganisationKind::code`.
    pub kind: String,
    pub oid: Option<String>,
    /// `CodeServiceStatus::code`, as the code service last answered.
    pub code_service_status: String,
    pub code_service_checked_at: ChronoDateTimeUtc,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
