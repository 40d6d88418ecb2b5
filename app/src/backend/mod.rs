//! Server-only: storage, migrations and the workflow services behind the server functions. It
//! reads nothing from the request: the server functions (`api::context`) pass in what it needs.
pub mod acting;
pub mod agreement;
pub mod application_store;
pub mod applications;
pub mod billing;
pub mod customer_data;
pub mod document;
pub mod entities;
pub mod identity;
pub mod joint;
pub mod mail;
pub mod migrations;
pub mod refused_form;
pub mod registry;
pub mod reminders;
pub mod schedule;
pub mod staff_queue;
pub mod support;
pub mod termination;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

/// Opens the database (SQLite file or PostgreSQL, by URL scheme) and brings its schema up to date.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    use sea_orm::sqlx::sqlite::SqliteJournalMode;
    let mut options = ConnectOptions::new(url);
    options.sqlx_logging(std::env::var("KANTA_SQL_LOG").is_ok());
    // sea-orm gives SQLite a single connection unless told: every request would then wait for
    // every other request's queries. WAL lets readers run beside the one writer.
    options.max_connections(8);
    // When the database is down, a request waits this long for a connection and then answers
    // 503, instead of hanging for sqlx's default 30 s; the pool reconnects once it is back.
    options.acquire_timeout(std::time::Duration::from_secs(5)).connect_timeout(std::time::Duration::from_secs(5));
    // Per connection, so a reconnected one keeps them: concurrent writers wait instead of failing
    // at once, WAL lets readers run beside a writer, and foreign keys hold.
    options.map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal).busy_timeout(std::time::Duration::from_secs(5)).foreign_keys(true)
    });
    let db = Database::connect(options).await?;
    migrate(&db).await?;
    Ok(db)
}

/// The PostgreSQL advisory lock migrations run under (any number unique to this product).
const MIGRATION_LOCK: i64 = 0x4b41_4e54_415f_4d49; // "KANTA_MI"

/// Brings the schema up to date once, however many instances start together. On PostgreSQL
/// every migration runs in one transaction that first takes `MIGRATION_LOCK`: the other
/// instances wait on the lock, then find nothing left to do. (SQLite serves one instance.)
async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return migrations::Migrator::up(db, None).await;
    }
    let txn = db.begin().await?;
    txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")).await?;
    migrations::Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// Begins a transaction that writes. On SQLite it takes the write lock at `BEGIN`: a transaction
/// that read first would otherwise be refused at once (not made to wait) if another connection
/// wrote meanwhile. PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let immediate =
        TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() };
    db.begin_with_options(immediate).await
}

/// A moment as Finns read it, in Finnish time (EET/EEST): `29.11.2026 klo 7.05` / `kl. 07.05`.
pub fn format_time(at: chrono::DateTime<chrono::Utc>, lang: crate::i18n::Lang) -> String {
    let local = crate::domain::calendar::wall_clock(at);
    let date = format!("{}.{}.{}", local.day(), local.month(), local.year());
    match lang {
        crate::i18n::Lang::Fi => format!("{date} klo {}.{:02}", local.hour(), local.minute()),
        crate::i18n::Lang::Sv => format!("{date} kl. {:02}.{:02}", local.hour(), local.minute()),
    }
}

/// Rows on one page of a long list (audit trail, staff queue, invoices, confirmations). Each is
/// read with keyset pagination: `PAGE + 1` rows from where the last page ended.
pub const PAGE: u64 = 50;

/// Cuts rows read with a limit of `PAGE + 1` to one page; answers the page's last row when there
/// are more after it, which is where the next page continues.
pub fn cut_to_page<T>(rows: &mut Vec<T>) -> Option<&T> {
    let more = rows.len() as u64 > PAGE;
    rows.truncate(PAGE as usize);
    if more { rows.last() } else { None }
}

#[cfg(test)]
mod tests {
    use super::format_time;
    use crate::i18n::Lang;
    use chrono::{TimeZone, Utc};

    #[test]
    fn times_are_shown_in_finnish_time() {
        let winter = Utc.with_ymd_and_hms(2026, 11, 29, 5, 5, 0).unwrap();
        assert_eq!(format_time(winter, Lang::Fi), "29.11.2026 klo 7.05");
        assert_eq!(format_time(winter, Lang::Sv), "29.11.2026 kl. 07.05");
        let summer = Utc.with_ymd_and_hms(2026, 6, 30, 21, 30, 0).unwrap();
        assert_eq!(format_time(summer, Lang::Fi), "1.7.2026 klo 0.30");
        // Summer time began at 01:00 UTC on Sunday 29 March 2026.
        assert_eq!(format_time(Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).unwrap(), Lang::Fi), "29.3.2026 klo 2.59");
        assert_eq!(format_time(Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap(), Lang::Fi), "29.3.2026 klo 4.00");
    }
}
