//! Keeping customer data current, and billing: contacts and technical items with their validity
//! periods (never deleted), one change log for everything an organisation's users may read,
//! change notices for Kanta's staff, and invoices imported by staff.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contact {
    Table,
    Id,
    OrganisationId,
    Kind,
    Name,
    Email,
    Phone,
    Services,
    ValidFrom,
    ValidTo,
    Version,
}

#[derive(DeriveIden)]
enum TechnicalItem {
    Table,
    Id,
    OrganisationId,
    Service,
    Kind,
    Name,
    ProductVersion,
    Vendor,
    Oid,
    ExpiresOn,
    ValidFrom,
    ValidTo,
    Version,
}

#[derive(DeriveIden)]
enum ChangeLog {
    Table,
    Id,
    OrganisationId,
    Subject,
    SubjectId,
    Kind,
    PersonId,
    Actor,
    Changes,
    At,
}

#[derive(DeriveIden)]
enum ChangeNotice {
    Table,
    Id,
    OrganisationId,
    ChangeLogId,
    Service,
    TakesEffect,
    HandledAt,
    HandledBy,
}

#[derive(DeriveIden)]
enum BillingImport {
    Table,
    Id,
    PersonId,
    FileName,
    FileHash,
    Rows,
    At,
}

#[derive(DeriveIden)]
enum Invoice {
    Table,
    Id,
    OrganisationId,
    ImportId,
    Number,
    Service,
    Period,
    IssuedOn,
    DueOn,
    TotalCents,
}

#[derive(DeriveIden)]
enum BillingEvent {
    Table,
    Id,
    InvoiceId,
    Line,
    Description,
    Quantity,
    UnitPriceE4,
    AmountCents,
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

fn index(name: &str, table: impl IntoIden, col: impl IntoIden) -> IndexCreateStatement {
    Index::create().name(name).table(table).col(col).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Contact::Table)
                    .if_not_exists()
                    .col(pk_auto(Contact::Id))
                    .col(integer(Contact::OrganisationId))
                    .col(string_len(Contact::Kind, 32))
                    .col(string_len(Contact::Name, 200))
                    .col(string_len(Contact::Email, 254))
                    .col(string_len(Contact::Phone, 20))
                    .col(text(Contact::Services))
                    .col(string_len(Contact::ValidFrom, 10))
                    .col(string_len_null(Contact::ValidTo, 10))
                    .col(integer(Contact::Version))
                    .foreign_key(&mut reference(
                        (Contact::Table, Contact::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("contact_organisation", Contact::Table, Contact::OrganisationId)).await?;
        manager
            .create_table(
                Table::create()
                    .table(TechnicalItem::Table)
                    .if_not_exists()
                    .col(pk_auto(TechnicalItem::Id))
                    .col(integer(TechnicalItem::OrganisationId))
                    .col(string_len(TechnicalItem::Service, 32))
                    .col(string_len(TechnicalItem::Kind, 16))
                    .col(string_len(TechnicalItem::Name, 200))
                    .col(string_len_null(TechnicalItem::ProductVersion, 64))
                    .col(string_len_null(TechnicalItem::Vendor, 200))
                    .col(string_len_null(TechnicalItem::Oid, 128))
                    .col(string_len_null(TechnicalItem::ExpiresOn, 10))
                    .col(string_len(TechnicalItem::ValidFrom, 10))
                    .col(string_len_null(TechnicalItem::ValidTo, 10))
                    .col(integer(TechnicalItem::Version))
                    .foreign_key(&mut reference(
                        (TechnicalItem::Table, TechnicalItem::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("technical_item_organisation", TechnicalItem::Table, TechnicalItem::OrganisationId))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeLog::Table)
                    .if_not_exists()
                    .col(pk_auto(ChangeLog::Id))
                    .col(integer(ChangeLog::OrganisationId))
                    .col(string_len(ChangeLog::Subject, 16))
                    .col(integer_null(ChangeLog::SubjectId))
                    .col(string_len(ChangeLog::Kind, 16))
                    .col(integer_null(ChangeLog::PersonId))
                    .col(string_len(ChangeLog::Actor, 16))
                    .col(text(ChangeLog::Changes))
                    .col(timestamp_with_time_zone(ChangeLog::At))
                    .foreign_key(&mut reference(
                        (ChangeLog::Table, ChangeLog::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .foreign_key(&mut reference((ChangeLog::Table, ChangeLog::PersonId), (Person::Table, Person::Id)))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("change_log_organisation", ChangeLog::Table, ChangeLog::OrganisationId)).await?;
        manager
            .create_table(
                Table::create()
                    .table(ChangeNotice::Table)
                    .if_not_exists()
                    .col(pk_auto(ChangeNotice::Id))
                    .col(integer(ChangeNotice::OrganisationId))
                    .col(integer(ChangeNotice::ChangeLogId))
                    .col(string_len(ChangeNotice::Service, 32))
                    .col(string_len(ChangeNotice::TakesEffect, 10))
                    .col(timestamp_with_time_zone_null(ChangeNotice::HandledAt))
                    .col(integer_null(ChangeNotice::HandledBy))
                    .foreign_key(&mut reference(
                        (ChangeNotice::Table, ChangeNotice::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .foreign_key(&mut reference(
                        (ChangeNotice::Table, ChangeNotice::ChangeLogId),
                        (ChangeLog::Table, ChangeLog::Id),
                    ))
                    .foreign_key(&mut reference(
                        (ChangeNotice::Table, ChangeNotice::HandledBy),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BillingImport::Table)
                    .if_not_exists()
                    .col(pk_auto(BillingImport::Id))
                    .col(integer(BillingImport::PersonId))
                    .col(string_len(BillingImport::FileName, 200))
                    .col(string_len(BillingImport::FileHash, 64))
                    .col(integer(BillingImport::Rows))
                    .col(timestamp_with_time_zone(BillingImport::At))
                    .foreign_key(&mut reference(
                        (BillingImport::Table, BillingImport::PersonId),
                        (Person::Table, Person::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invoice::Table)
                    .if_not_exists()
                    .col(pk_auto(Invoice::Id))
                    .col(integer(Invoice::OrganisationId))
                    .col(integer(Invoice::ImportId))
                    .col(string_len_uniq(Invoice::Number, 32))
                    .col(string_len(Invoice::Service, 32))
                    .col(string_len(Invoice::Period, 7))
                    .col(string_len(Invoice::IssuedOn, 10))
                    .col(string_len(Invoice::DueOn, 10))
                    .col(big_integer(Invoice::TotalCents))
                    .foreign_key(&mut reference(
                        (Invoice::Table, Invoice::OrganisationId),
                        (Organisation::Table, Organisation::Id),
                    ))
                    .foreign_key(&mut reference(
                        (Invoice::Table, Invoice::ImportId),
                        (BillingImport::Table, BillingImport::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("invoice_organisation", Invoice::Table, Invoice::OrganisationId)).await?;
        manager
            .create_table(
                Table::create()
                    .table(BillingEvent::Table)
                    .if_not_exists()
                    .col(pk_auto(BillingEvent::Id))
                    .col(integer(BillingEvent::InvoiceId))
                    .col(integer(BillingEvent::Line))
                    .col(string_len(BillingEvent::Description, 200))
                    .col(big_integer(BillingEvent::Quantity))
                    .col(big_integer(BillingEvent::UnitPriceE4))
                    .col(big_integer(BillingEvent::AmountCents))
                    .foreign_key(&mut reference(
                        (BillingEvent::Table, BillingEvent::InvoiceId),
                        (Invoice::Table, Invoice::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("billing_event_invoice", BillingEvent::Table, BillingEvent::InvoiceId)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BillingEvent::Table.into_iden(),
            Invoice::Table.into_iden(),
            BillingImport::Table.into_iden(),
            ChangeNotice::Table.into_iden(),
            ChangeLog::Table.into_iden(),
            TechnicalItem::Table.into_iden(),
            Contact::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
