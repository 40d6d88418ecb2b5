use sea_orm::entity::prelude::*;

/// A co-joiner named on a main joiner's application (joint joining): the co-joiner by Y-tunnus,
/// and once its acting person has accepted, the exact text signed beside its SHA-256, the
/// signer, the basis and the time, like an agreement's signature. Nothing here is signed by
/// the main joiner.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "joint_member")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The main joiner's application.
    pub application_id: i32,
    /// The co-joiner's business ID, canonical (`1234567-8`).
    pub ytunnus: String,
    pub invited_at: ChronoDateTimeUtc,
    /// The co-joiner's organisation, known from its signature on.
    pub organisation_id: Option<i32>,
    /// The services signed for (`ServiceSet::code`): a signature holds only while the
    /// application is for these.
    pub services: Option<String>,
    pub lang: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub text: Option<String>,
    pub text_hash: Option<String>,
    pub person_id: Option<i32>,
    pub signer_name: Option<String>,
    /// `Basis::code`.
    pub basis: Option<String>,
    pub signed_at: Option<ChronoDateTimeUtc>,
    /// When the main joiner took the co-joiner off; the row and any acceptance stay.
    pub removed_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
