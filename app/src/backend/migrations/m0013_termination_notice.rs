//! `termination_notice`: the organisation's signed notices ending an application's services
//! (`backend::termination`), one per application.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TerminationNotice {
    Table,
    Id,
    OrganisationId,
    ApplicationId,
    EndOn,
    Lang,
    Text,
    TextHash,
    PersonId,
    SignerName,
    Basis,
    SignedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TerminationNotice::Table)
                    .if_not_exists()
                    .col(pk_auto(TerminationNotice::Id))
                    .col(integer(TerminationNotice::OrganisationId))
                    .col(integer(TerminationNotice::ApplicationId).unique_key())
                    .col(string_len(TerminationNotice::EndOn, 10))
                    .col(string_len(TerminationNotice::Lang, 2))
                    .col(text(TerminationNotice::Text))
                    .col(string_len(TerminationNotice::TextHash, 64))
                    .col(integer(TerminationNotice::PersonId))
                    .col(string_len(TerminationNotice::SignerName, 200))
                    .col(string_len(TerminationNotice::Basis, 64))
                    .col(timestamp_with_time_zone(TerminationNotice::SignedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TerminationNotice::Table).to_owned()).await
    }
}
