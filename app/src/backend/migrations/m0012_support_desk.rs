//! The support desk: a request's status, the person and organisation it came from when sent
//! logged in, the member of staff handling it, the answer, and a version for changes made on
//! what was seen. Indexed for the desk's list: by status and by topic, oldest first.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupportRequest {
    Table,
    Status,
    PersonId,
    OrganisationId,
    AssigneeId,
    Answer,
    AnsweredAt,
    AnsweredBy,
    Version,
}

const INDEXES: [&str; 2] = [
    "CREATE INDEX support_request_status ON support_request (status, id)",
    "CREATE INDEX support_request_topic ON support_request (topic, status, id)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too: all the columns, or none.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let columns = [
            string_len(SupportRequest::Status, 16).default("received").to_owned(),
            integer_null(SupportRequest::PersonId).to_owned(),
            integer_null(SupportRequest::OrganisationId).to_owned(),
            integer_null(SupportRequest::AssigneeId).to_owned(),
            text_null(SupportRequest::Answer).to_owned(),
            timestamp_with_time_zone_null(SupportRequest::AnsweredAt).to_owned(),
            integer_null(SupportRequest::AnsweredBy).to_owned(),
            integer(SupportRequest::Version).default(0).to_owned(),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table(SupportRequest::Table).add_column(&mut column).to_owned()).await?;
        }
        let db = manager.get_connection();
        for sql in INDEXES {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in INDEXES {
            let name = sql.split_whitespace().nth(2).unwrap_or_default();
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        for column in [
            SupportRequest::Version,
            SupportRequest::AnsweredBy,
            SupportRequest::AnsweredAt,
            SupportRequest::Answer,
            SupportRequest::AssigneeId,
            SupportRequest::OrganisationId,
            SupportRequest::PersonId,
            SupportRequest::Status,
        ] {
            manager.alter_table(Table::alter().table(SupportRequest::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
