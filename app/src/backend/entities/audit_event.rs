use sea_orm::entity::prelude::*;

/// Who did what and when; written in the same transaction as the change it records.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: ChronoDateTimeUtc,
    pub person_id: Option<i32>,
    /// For whom, when the person acted for an organisation.
    pub organisation_id: Option<i32>,
    /// On which basis (`Basis::code`).
    pub basis: Option<String>,
    /// `allowed`, or `denied` for a refused attempt.
    pub outcome: String,
    /// `domain::records::AuditAction::code`.
    pub action: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::person::Entity", from = "Column::PersonId", to = "super::person::Column::Id")]
    Person,
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
