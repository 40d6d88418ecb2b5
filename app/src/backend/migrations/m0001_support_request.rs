use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupportRequest {
    Table,
    Id,
    CreatedAt,
    Lang,
    Name,
    Email,
    Organisation,
    Topic,
    Message,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupportRequest::Table)
                    .if_not_exists()
                    .col(pk_auto(SupportRequest::Id))
                    .col(timestamp_with_time_zone(SupportRequest::CreatedAt))
                    .col(string_len(SupportRequest::Lang, 2))
                    .col(string_len(SupportRequest::Name, 100))
                    .col(string_len(SupportRequest::Email, 254))
                    .col(string_len_null(SupportRequest::Organisation, 200))
                    .col(string_len(SupportRequest::Topic, 32))
                    .col(text(SupportRequest::Message))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SupportRequest::Table).to_owned()).await
    }
}
