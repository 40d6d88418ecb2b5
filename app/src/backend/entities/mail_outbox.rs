use sea_orm::entity::prelude::*;

/// An e-mail written in the same transaction as the change it tells about, sent after commit
/// by the mailer; a crash between the two loses nothing.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: ChronoDateTimeUtc,
    pub sent_at: Option<ChronoDateTimeUtc>,
    pub attempts: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
