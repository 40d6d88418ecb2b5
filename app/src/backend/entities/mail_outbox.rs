use sea_orm::entity::prelude::*;

/// An e-mail written in the same transaction as the change it tells about, sent after commit
/// by the mailer; a crash between the two loses nothing. Waiting while `sent_at` and `failed_at`
/// are both empty; see `backend::mail` for the lease and the retry rules.
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
    /// The Message-ID header, `<…@…>`, fixed when queued: the same on every attempt.
    pub message_id: String,
    /// Not tried before this (backoff); empty: at once.
    pub next_attempt_at: Option<ChronoDateTimeUtc>,
    /// An instance is sending it until then; after that another may take it over.
    pub claimed_until: Option<ChronoDateTimeUtc>,
    pub last_tried_at: Option<ChronoDateTimeUtc>,
    /// Given up after this (48 hours from queueing, or from a staff member's resend);
    /// empty for rows queued before the column existed: `created_at` + 48 hours.
    pub retry_until: Option<ChronoDateTimeUtc>,
    /// Undeliverable since: the SMTP server refused it for good, or the retry window passed.
    pub failed_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
