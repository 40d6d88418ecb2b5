use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    HetuHash,
    GivenName,
    Surname,
    DisplayName,
    CreatedAt,
    LastLoginAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    PersonId,
    Acr,
    IdToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginAttempt {
    Table,
    Id,
    State,
    Nonce,
    PkceVerifier,
    ReturnTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    PersonId,
    Action,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .if_not_exists()
                    .col(pk_auto(Person::Id))
                    .col(string_len_uniq(Person::HetuHash, 64))
                    .col(string_len(Person::GivenName, 200))
                    .col(string_len(Person::Surname, 200))
                    .col(string_len(Person::DisplayName, 400))
                    .col(timestamp_with_time_zone(Person::CreatedAt))
                    .col(timestamp_with_time_zone(Person::LastLoginAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .if_not_exists()
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(integer(Session::PersonId))
                    .col(string_len(Session::Acr, 200))
                    .col(text_null(Session::IdToken))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::PersonId)
                            .to(Person::Table, Person::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LoginAttempt::Table)
                    .if_not_exists()
                    .col(string_len(LoginAttempt::Id, 64).primary_key())
                    .col(string_len(LoginAttempt::State, 200))
                    .col(string_len(LoginAttempt::Nonce, 200))
                    .col(string_len(LoginAttempt::PkceVerifier, 200))
                    .col(string_len(LoginAttempt::ReturnTo, 2000))
                    .col(timestamp_with_time_zone(LoginAttempt::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    .col(integer_null(AuditEvent::PersonId))
                    .col(string_len(AuditEvent::Action, 64))
                    .col(text_null(AuditEvent::Detail))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Session::Table.into_iden(), LoginAttempt::Table.into_iden(), AuditEvent::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(Person::Table).to_owned()).await
    }
}
