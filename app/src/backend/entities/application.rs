use sea_orm::entity::prelude::*;

/// An organisation's application to take one or more Kanta services into use. `version` grows by one with
/// every change, and a change names the version it was made on, so two people never overwrite
/// each other's answers silently.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// `ServiceSet::code`: the services' codes, comma-separated.
    pub services: String,
    /// `State` as its code; changed only through `domain::application::apply`.
    pub state: String,
    pub version: i32,
    /// The wizard's answers as a JSON object (field name → stored value).
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    /// The applicant's language: e-mail about the application is written in it.
    pub lang: String,
    pub created_by: i32,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// Set by staff on approval (`YYYY-MM-DD`).
    pub go_live_on: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organisation::Entity",
        from = "Column::OrganisationId",
        to = "super::organisation::Column::Id"
    )]
    Organisation,
}

impl Related<super::organisation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
