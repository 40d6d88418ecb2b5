use sea_orm::entity::prelude::*;

/// An information system, service unit or service certificate used for one Kanta service.
/// Valid from the day the change takes effect; ended by `valid_to`, never deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "technical_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub service: String,
    /// `TechnicalKind::code`.
    pub kind: String,
    /// The product, the unit's or the certificate's name.
    pub name: String,
    pub product_version: Option<String>,
    pub vendor: Option<String>,
    pub oid: Option<String>,
    pub expires_on: Option<String>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
