//! Indexes for the lists read a page at a time at national volume (issue 17):
//! - the staff queue, by state and oldest change first, with one partial index per service for
//!   the service filter (the services are a comma-separated column; each index holds the rows of
//!   one service, in queue order, and the query names its service exactly as the index does);
//! - an organisation's invoices, newest first;
//! - the change history of one subject, and the latest confirmation of an organisation's data;
//! - change notices staff have not handled (a partial index, like waiting mail's).
//!
//! The one-column `audit_event_organisation` index is dropped: m0008's (organisation, id) serves
//! everything it did, and each audit event paid for both.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The service codes when this migration was written. A service added later gets its own index
/// in the migration that adds it.
const SERVICES: [&str; 6] =
    ["eprescription", "eprescription-pharmacy", "patient-data", "imaging", "client-data-archive", "test-environment"];

const CREATE: [&str; 5] = [
    "CREATE INDEX application_queue ON application (state, updated_at, id)",
    "CREATE INDEX invoice_organisation_issued ON invoice (organisation_id, issued_on, id)",
    "CREATE INDEX change_log_subject ON change_log (organisation_id, subject, subject_id, id)",
    "CREATE INDEX change_log_kind ON change_log (organisation_id, kind, id)",
    "CREATE INDEX change_notice_waiting ON change_notice (id) WHERE handled_at IS NULL",
];

fn service_index(code: &str) -> (String, String) {
    let name = format!("application_queue_{}", code.replace('-', "_"));
    let sql = format!(
        "CREATE INDEX {name} ON application (state, updated_at, id) WHERE (',' || services || ',') LIKE '%,{code},%'"
    );
    (name, sql)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too: all the indexes, or none.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in CREATE {
            db.execute_unprepared(sql).await?;
        }
        for code in SERVICES {
            db.execute_unprepared(&service_index(code).1).await?;
        }
        db.execute_unprepared("DROP INDEX audit_event_organisation").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("CREATE INDEX audit_event_organisation ON audit_event (organisation_id)").await?;
        let mut names: Vec<String> = SERVICES.iter().map(|code| service_index(code).0).collect();
        names.extend(CREATE.iter().filter_map(|sql| sql.split_whitespace().nth(2).map(String::from)));
        for name in names {
            db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
        }
        Ok(())
    }
}
