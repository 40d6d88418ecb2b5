//! Taking services into use: applications with their version (optimistic concurrency) and
//! history, signed agreements with the exact text signed, and e-mail waiting to be sent.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Application {
    Table,
    Id,
    OrganisationId,
    Service,
    State,
    Version,
    Answers,
    Lang,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    GoLiveOn,
}

#[derive(DeriveIden)]
enum ApplicationEvent {
    Table,
    Id,
    ApplicationId,
    At,
    PersonId,
    Actor,
    Kind,
    FromState,
    ToState,
    Comment,
    Version,
}

#[derive(DeriveIden)]
enum AgreementSignature {
    Table,
    Id,
    OrganisationId,
    ApplicationId,
    AgreementVersion,
    Lang,
    Text,
    TextHash,
    PersonId,
    SignerName,
    Basis,
    SignedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
}

fn reference(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Application::Table)
                    .if_not_exists()
                    .col(pk_auto(Application::Id))
                    .col(integer(Application::OrganisationId))
                    .col(string_len(Application::Service, 32))
                    .col(string_len(Application::State, 32))
                    .col(integer(Application::Version))
                    .col(text(Application::Answers))
                    .col(string_len(Application::Lang, 2))
                    .col(integer(Application::CreatedBy))
                    .col(timestamp_with_time_zone(Application::CreatedAt))
                    .col(timestamp_with_time_zone(Application::UpdatedAt))
                    .col(string_len_null(Application::GoLiveOn, 10))
                    .foreign_key(&mut reference(
                        (Application::Table, Application::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .foreign_key(&mut reference(
                        (Application::Table, Application::CreatedBy),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("application_organisation")
                    .table(Application::Table)
                    .col(Application::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("application_state").table(Application::Table).col(Application::State).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApplicationEvent::Table)
                    .if_not_exists()
                    .col(pk_auto(ApplicationEvent::Id))
                    .col(integer(ApplicationEvent::ApplicationId))
                    .col(timestamp_with_time_zone(ApplicationEvent::At))
                    .col(integer(ApplicationEvent::PersonId))
                    .col(string_len(ApplicationEvent::Actor, 16))
                    .col(string_len(ApplicationEvent::Kind, 32))
                    .col(string_len_null(ApplicationEvent::FromState, 32))
                    .col(string_len_null(ApplicationEvent::ToState, 32))
                    .col(text_null(ApplicationEvent::Comment))
                    .col(integer(ApplicationEvent::Version))
                    .foreign_key(&mut reference(
                        (ApplicationEvent::Table, ApplicationEvent::ApplicationId),
                        (Application::Table, Application::Id),
                    ))
                    .foreign_key(&mut reference(
                        (ApplicationEvent::Table, ApplicationEvent::PersonId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("application_event_application")
                    .table(ApplicationEvent::Table)
                    .col(ApplicationEvent::ApplicationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgreementSignature::Table)
                    .if_not_exists()
                    .col(pk_auto(AgreementSignature::Id))
                    .col(integer(AgreementSignature::OrganisationId))
                    .col(integer(AgreementSignature::ApplicationId))
                    .col(string_len(AgreementSignature::AgreementVersion, 32))
                    .col(string_len(AgreementSignature::Lang, 2))
                    .col(text(AgreementSignature::Text))
                    .col(string_len(AgreementSignature::TextHash, 64))
                    .col(integer(AgreementSignature::PersonId))
                    .col(string_len(AgreementSignature::SignerName, 200))
                    .col(string_len(AgreementSignature::Basis, 64))
                    .col(timestamp_with_time_zone(AgreementSignature::SignedAt))
                    .foreign_key(&mut reference(
                        (AgreementSignature::Table, AgreementSignature::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .foreign_key(&mut reference(
                        (AgreementSignature::Table, AgreementSignature::ApplicationId),
                        (Application::Table, Application::Id),
                    ))
                    .foreign_key(&mut reference(
                        (AgreementSignature::Table, AgreementSignature::PersonId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("agreement_signature_application")
                    .table(AgreementSignature::Table)
                    .col(AgreementSignature::ApplicationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .if_not_exists()
                    .col(pk_auto(MailOutbox::Id))
                    .col(string_len(MailOutbox::ToAddress, 254))
                    .col(string_len(MailOutbox::Subject, 400))
                    .col(text(MailOutbox::Body))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(text_null(MailOutbox::LastError))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MailOutbox::Table.into_iden(),
            AgreementSignature::Table.into_iden(),
            ApplicationEvent::Table.into_iden(),
            Application::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
