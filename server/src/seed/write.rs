//! Writing the seed's rows: in batches with explicit ids, after the highest id a table has, and
//! PostgreSQL's id sequences moved past them.
use super::BATCH;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, TransactionTrait};

/// Inserts `rows` in batches of [`BATCH`], a transaction per 20 batches.
pub(super) async fn insert<A>(db: &DatabaseConnection, rows: Vec<A>) -> Result<(), sea_orm::DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let txn = db.begin().await?;
        for _ in 0..20 {
            let batch: Vec<A> = rows.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            A::Entity::insert_many(batch).exec_without_returning(&txn).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

pub(super) async fn next_id(db: &DatabaseConnection, table: &str) -> Result<i32, sea_orm::DbErr> {
    let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}");
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    let max: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    i32::try_from(max + 1).map_err(|_| sea_orm::DbErr::Custom(format!("{table}: no ids left")))
}

/// PostgreSQL hands out ids from sequences, which explicit ids do not move.
pub(super) async fn move_sequences_past_ids(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in TABLES {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .await?;
    }
    Ok(())
}

const TABLES: [&str; 11] = [
    "organisation",
    "person",
    "application",
    "application_event",
    "billing_import",
    "invoice",
    "billing_event",
    "contact",
    "technical_item",
    "change_log",
    "audit_event",
];
