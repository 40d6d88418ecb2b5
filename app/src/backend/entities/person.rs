use sea_orm::entity::prelude::*;

/// Someone who has logged in. The personal identity code is kept only as a keyed hash for lookup.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "person")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub hetu_hash: String,
    pub given_name: String,
    pub surname: String,
    pub display_name: String,
    pub created_at: ChronoDateTimeUtc,
    pub last_login_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
