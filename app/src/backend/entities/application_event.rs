use sea_orm::entity::prelude::*;

/// One step in an application's history: created, a command given, the agreement signed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub at: ChronoDateTimeUtc,
    pub person_id: i32,
    /// `applicant` or `staff`.
    pub actor: String,
    /// `domain::records::HistoryEvent::code`.
    pub kind: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    /// Staff's comment or reason, shown to the applicant.
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    /// The application's version after this event.
    pub version: i32,
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
