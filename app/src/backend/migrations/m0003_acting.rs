//! Acting for an organisation: the organisations people act for, the current choice of each
//! session, mandate selections in progress, and who/for whom/on which basis in the audit trail.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Ytunnus,
    Name,
    Kind,
    Oid,
    CodeServiceStatus,
    CodeServiceCheckedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Acting {
    Table,
    SessionId,
    OrganisationId,
    Basis,
    CheckedAt,
    MandateSession,
    MandateToken,
}

#[derive(DeriveIden)]
enum MandateSelection {
    Table,
    SessionId,
    State,
    RegistrySession,
    ReturnTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    HetuSealed,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    OrganisationId,
    Basis,
    Outcome,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisation::Table)
                    .if_not_exists()
                    .col(pk_auto(Organisation::Id))
                    .col(string_len_uniq(Organisation::Ytunnus, 9))
                    .col(string_len(Organisation::Name, 400))
                    .col(string_len(Organisation::Kind, 32))
                    .col(string_len_null(Organisation::Oid, 200))
                    .col(string_len(Organisation::CodeServiceStatus, 32))
                    .col(timestamp_with_time_zone(Organisation::CodeServiceCheckedAt))
                    .col(timestamp_with_time_zone(Organisation::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Acting::Table)
                    .if_not_exists()
                    .col(string_len(Acting::SessionId, 64).primary_key())
                    .col(integer(Acting::OrganisationId))
                    .col(string_len(Acting::Basis, 64))
                    .col(timestamp_with_time_zone(Acting::CheckedAt))
                    .col(string_len_null(Acting::MandateSession, 200))
                    .col(text_null(Acting::MandateToken))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Acting::Table, Acting::SessionId)
                            .to(Session::Table, Session::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Acting::Table, Acting::OrganisationId)
                            .to(Organisation::Table, Organisation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MandateSelection::Table)
                    .if_not_exists()
                    .col(string_len(MandateSelection::SessionId, 64).primary_key())
                    .col(string_len(MandateSelection::State, 200))
                    .col(string_len(MandateSelection::RegistrySession, 200))
                    .col(string_len(MandateSelection::ReturnTo, 2000))
                    .col(timestamp_with_time_zone(MandateSelection::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MandateSelection::Table, MandateSelection::SessionId)
                            .to(Session::Table, Session::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        manager
            .alter_table(
                Table::alter().table(Session::Table).add_column(string_len_null(Session::HetuSealed, 64)).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(AuditEvent::Table).add_column(integer_null(AuditEvent::OrganisationId)).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(AuditEvent::Table).add_column(string_len_null(AuditEvent::Basis, 64)).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .add_column(string_len(AuditEvent::Outcome, 16).default("allowed"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_event_organisation")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::OrganisationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("audit_event_organisation").table(AuditEvent::Table).to_owned()).await?;
        for column in [AuditEvent::Outcome, AuditEvent::Basis, AuditEvent::OrganisationId] {
            manager.alter_table(Table::alter().table(AuditEvent::Table).drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Session::Table).drop_column(Session::HetuSealed).to_owned()).await?;
        for table in [MandateSelection::Table.into_iden(), Acting::Table.into_iden(), Organisation::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
