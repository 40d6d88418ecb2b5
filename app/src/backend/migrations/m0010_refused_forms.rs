//! `refused_form`: what a form a logged-in user posted without JavaScript was refused for, and
//! what was typed in it, kept for the page the browser is sent back to (`backend::refused_form`).
//! The address then carries only the row's id, not the whole list of problems and fields (which
//! broke proxies with 4 KB header buffers and put typed personal data in their logs).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RefusedForm {
    Table,
    Id,
    SessionId,
    Query,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(RefusedForm::Table)
            .if_not_exists()
            .col(string_len(RefusedForm::Id, 32).primary_key())
            .col(string_len(RefusedForm::SessionId, 64))
            .col(text(RefusedForm::Query))
            .col(timestamp_with_time_zone(RefusedForm::CreatedAt))
            .to_owned();
        manager.create_table(table).await?;
        // Rows past their time are deleted by age.
        let by_age = Index::create()
            .name("refused_form_created")
            .table(RefusedForm::Table)
            .col(RefusedForm::CreatedAt)
            .to_owned();
        manager.create_index(by_age).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RefusedForm::Table).to_owned()).await
    }
}
