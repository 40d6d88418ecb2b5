use sea_orm::entity::prelude::*;

/// A form posted without JavaScript and refused: see `backend::refused_form`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "refused_form")]
pub struct Model {
    /// 128 random bits, URL-safe base64 (22 characters): the address's `refused=` value.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session that posted it (`session.id`).
    pub session_id: String,
    /// The query of the address the page is shown with: the error (`__err`) and the typed fields.
    #[sea_orm(column_type = "Text")]
    pub query: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
