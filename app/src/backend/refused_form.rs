//! A form posted without JavaScript and refused: the error and what was typed are kept here for
//! the page the browser is sent back to, and the address carries only a short id. In the
//! database, so that whichever instance serves the page can show it; for [`KEPT_FOR`], and only
//! to the session that posted it (or, logged out, the browser holding the form cookie's token:
//! `server::refused_form`).
use super::entities::refused_form;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set};

/// The length of an id: 128 bits in URL-safe base64.
pub const ID_LEN: usize = 22;

/// Whether `id` has the shape [`keep`] gives ids, before the database is asked.
pub fn is_id(id: &str) -> bool {
    id.len() == ID_LEN && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Long enough to read the page, go back and forth, and reload it; past that the page is shown
/// as if freshly opened.
pub const KEPT_FOR: Duration = Duration::hours(1);

/// Keeps `query` (an address's query: `__err` and the typed fields) for `session` (its
/// `session.id`). Returns the id to put in the address: [`ID_LEN`] characters of URL-safe base64,
/// 128 random bits. Deletes the rows past their time on the way, if it can.
pub async fn keep(db: &DatabaseConnection, session: &str, query: &str) -> Result<String, DbErr> {
    let now = Utc::now();
    if let Err(error) = purge(db).await {
        tracing::warn!(%error, "cannot delete refused forms past their time");
    }
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let id = URL_SAFE_NO_PAD.encode(bytes);
    let row = refused_form::ActiveModel {
        id: Set(id.clone()),
        session_id: Set(session.to_string()),
        query: Set(query.to_string()),
        created_at: Set(now),
    };
    refused_form::Entity::insert(row).exec_without_returning(db).await?;
    Ok(id)
}

/// The query kept under `id` for `session`; `None` when the id is unknown, past its time, or
/// another session's.
pub async fn recall(db: &DatabaseConnection, id: &str, session: &str) -> Result<Option<String>, DbErr> {
    let found = refused_form::Entity::find_by_id(id)
        .filter(refused_form::Column::CreatedAt.gte(Utc::now() - KEPT_FOR))
        .one(db)
        .await?;
    Ok(found.filter(|row| row.session_id == session).map(|row| row.query))
}

/// Deletes the rows past their time: on each [`keep`], and at each login with the ended sessions.
pub async fn purge(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let ended = Utc::now() - KEPT_FOR;
    refused_form::Entity::delete_many().filter(refused_form::Column::CreatedAt.lt(ended)).exec(db).await?;
    Ok(())
}
