use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_at: ChronoDateTimeUtc,
    /// The language the visitor wrote in, so support answers in it.
    pub lang: String,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub topic: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
