//! Server-only: storage, migrations and the workflow services behind the server functions.
pub mod entities;
pub mod identity;
pub mod migrations;
pub mod support;

use crate::error::AppError;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use sea_orm_migration::MigratorTrait;

/// Opens the database (SQLite file or PostgreSQL, by URL scheme) and brings its schema up to date.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    use sea_orm::sqlx::sqlite::SqliteJournalMode;
    let mut options = ConnectOptions::new(url);
    options.sqlx_logging(false);
    // Per connection, so a reconnected one keeps them: concurrent writers wait instead of failing
    // at once, WAL lets readers run beside a writer, and foreign keys hold.
    options.map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal).busy_timeout(std::time::Duration::from_secs(5)).foreign_keys(true)
    });
    let db = Database::connect(options).await?;
    migrations::Migrator::up(&db, None).await?;
    Ok(db)
}

/// The value of cookie `name` in a request, if set and not empty.
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// The database handle the server put in the request context.
pub fn db() -> Result<DatabaseConnection, AppError> {
    leptos::prelude::use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database connection in the request context");
        AppError::Unavailable
    })
}
