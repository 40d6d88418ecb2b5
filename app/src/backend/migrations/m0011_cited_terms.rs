//! `agreement_signature.cited_terms`: the versions of the general terms of delivery and of the
//! service descriptions the signed text accepts (`backend::agreement::cited_terms_json`).
//! Signatures made before it cite none here; their text says what they accepted.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AgreementSignature {
    Table,
    CitedTerms,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut column = text(AgreementSignature::CitedTerms).default("").to_owned();
        manager.alter_table(Table::alter().table(AgreementSignature::Table).add_column(&mut column).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop =
            Table::alter().table(AgreementSignature::Table).drop_column(AgreementSignature::CitedTerms).to_owned();
        manager.alter_table(drop).await
    }
}
