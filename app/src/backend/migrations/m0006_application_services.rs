//! An application may be for several services at once: `application.service` (one code) becomes
//! `application.services` (`ServiceSet::code`, comma-separated codes); one code is already a set.
//! The column was `varchar(32)`, too short for a list. SQLite does not enforce lengths (nor can it
//! change a column's type), so only PostgreSQL's type changes.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Service,
    Services,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let rename = Table::alter()
            .table(Application::Table)
            .rename_column(Application::Service, Application::Services)
            .to_owned();
        manager.alter_table(rename).await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let widen = Table::alter()
                .table(Application::Table)
                .modify_column(ColumnDef::new(Application::Services).text())
                .to_owned();
            manager.alter_table(widen).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let rename = Table::alter()
            .table(Application::Table)
            .rename_column(Application::Services, Application::Service)
            .to_owned();
        manager.alter_table(rename).await
    }
}
