use sea_orm::entity::prelude::*;

/// A signed customer-relationship agreement: who signed which text, for whom, on which basis.
/// The exact text is kept beside its SHA-256, so the signed document can be shown and checked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_signature")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub application_id: i32,
    pub agreement_version: String,
    pub lang: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub text_hash: String,
    pub person_id: i32,
    pub signer_name: String,
    /// `Basis::code`.
    pub basis: String,
    pub signed_at: ChronoDateTimeUtc,
    /// The terms the text accepts, at their versions: `backend::agreement::cited_terms_json`.
    #[sea_orm(column_type = "Text")]
    pub cited_terms: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
