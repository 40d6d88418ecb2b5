//! The audit trail is read a page at a time, newest first, by organisation: an index on
//! (organisation, id) serves every page at the same cost (keyset pagination). PostgreSQL cannot
//! order by id from the index on the organisation alone.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    OrganisationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let pages = Index::create()
            .name("audit_event_organisation_id")
            .table(AuditEvent::Table)
            .col(AuditEvent::OrganisationId)
            .col(AuditEvent::Id)
            .to_owned();
        manager.create_index(pages).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("audit_event_organisation_id").table(AuditEvent::Table).to_owned()).await
    }
}
