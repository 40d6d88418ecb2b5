use sea_orm::entity::prelude::*;

/// Whom a session acts for now, on which basis, and when the registry last confirmed it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "acting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub session_id: String,
    pub organisation_id: i32,
    /// `Basis::code`.
    pub basis: String,
    pub checked_at: ChronoDateTimeUtc,
    /// The e-Authorizations session and bearer token a mandate is re-checked with; never sent to the browser.
    pub mandate_session: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub mandate_token: Option<String>,
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
