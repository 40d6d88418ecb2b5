use sea_orm::entity::prelude::*;

/// Who changed what of an organisation's data, and when: readable by the organisation's users.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// `domain::records::ChangeSubject::code`.
    pub subject: String,
    pub subject_id: Option<i32>,
    /// `domain::records::ChangeKind::code`.
    pub kind: String,
    /// None for the product itself (a reminder).
    pub person_id: Option<i32>,
    /// `customer`, `staff` or `system`.
    pub actor: String,
    /// JSON array of `[field, before, after]`.
    #[sea_orm(column_type = "Text")]
    pub changes: String,
    pub at: ChronoDateTimeUtc,
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
