//! An application may be for several services and several service units.
//!
//! `application.service` (one code) becomes `application.services` (`ServiceSet::code`,
//! comma-separated codes); one code is already a set. The column was `varchar(32)`, too short for
//! a list. SQLite does not enforce lengths (nor can it change a column's type), so only
//! PostgreSQL's type changes. `application_unit` holds the service units beyond the first, which
//! stays among the wizard's answers.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    Service,
    Services,
}

#[derive(DeriveIden)]
enum ApplicationUnit {
    Table,
    Id,
    ApplicationId,
    Name,
    Oid,
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
        let units = Table::create()
            .table(ApplicationUnit::Table)
            .if_not_exists()
            .col(pk_auto(ApplicationUnit::Id))
            .col(integer(ApplicationUnit::ApplicationId))
            .col(string_len(ApplicationUnit::Name, 200))
            .col(string_len(ApplicationUnit::Oid, 200))
            .foreign_key(
                ForeignKey::create()
                    .from(ApplicationUnit::Table, ApplicationUnit::ApplicationId)
                    .to(Application::Table, Application::Id)
                    .on_delete(ForeignKeyAction::Restrict),
            )
            .to_owned();
        manager.create_table(units).await?;
        let one_oid_once = Index::create()
            .name("application_unit_oid")
            .table(ApplicationUnit::Table)
            .col(ApplicationUnit::ApplicationId)
            .col(ApplicationUnit::Oid)
            .unique()
            .to_owned();
        manager.create_index(one_oid_once).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ApplicationUnit::Table).to_owned()).await?;
        let rename = Table::alter()
            .table(Application::Table)
            .rename_column(Application::Services, Application::Service)
            .to_owned();
        manager.alter_table(rename).await
    }
}
