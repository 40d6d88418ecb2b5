use sea_orm::entity::prelude::*;

/// A logged-in browser. `id` is the SHA-256 of the cookie's token, so the table cannot be replayed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub person_id: i32,
    /// The level of assurance of the identification (`acr`).
    pub acr: String,
    /// For the identity provider's logout (`id_token_hint`); holds no personal identity code.
    #[sea_orm(column_type = "Text", nullable)]
    pub id_token: Option<String>,
    /// The personal identity code encrypted under a key derived from the cookie token, which only
    /// the browser has: the registries need the code while the session lives, a copy of the
    /// database cannot reveal it.
    pub hetu_sealed: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    /// The login time: later use is proven by the browser's sealed cookie
    /// (`identity::LastSeenSeal`), so using a session writes nothing here.
    pub last_seen_at: ChronoDateTimeUtc,
    /// The absolute end, however active the user is.
    pub expires_at: ChronoDateTimeUtc,
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
