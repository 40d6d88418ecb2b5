//! Logged-in people and their sessions. Cookie tokens are stored only as SHA-256 hashes and
//! personal identity codes only as keyed hashes, so a copy of the database logs no one in.
use super::entities::{audit_event, login_attempt, person, session};
use crate::domain::hetu::Hetu;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    TransactionTrait, sea_query::OnConflict,
};
use sha2::{Digest, Sha256};

/// How long a session lives: `idle` since the last request, never beyond `absolute` from login.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
}

/// How long the identity provider has to send the user back.
pub const LOGIN_ATTEMPT_LIFETIME: Duration = Duration::minutes(10);

/// The signed-in user of this request, put in the request by the server's session middleware.
#[derive(Clone, Debug)]
pub struct CurrentSession {
    pub token_hash: String,
    pub person_id: i32,
    pub display_name: String,
    pub acr: String,
    pub idle_timeout: Duration,
    pub ends_at: DateTime<Utc>,
}

/// The current request's session, if the user is logged in.
pub fn current_session() -> Option<CurrentSession> {
    leptos::prelude::use_context::<http::request::Parts>()?.extensions.get::<CurrentSession>().cloned()
}

/// What the identity provider told us about the person, ready to store.
#[derive(Clone)]
pub struct Identified {
    pub hetu_hash: String,
    pub given_name: String,
    pub surname: String,
    pub display_name: String,
    pub acr: String,
    pub id_token: Option<String>,
}

/// A fresh unguessable token for a cookie (256 bits).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The lookup key of a person: HMAC-SHA256 of the code under a server secret, so the code cannot
/// be recovered from the database by trying all valid codes.
pub fn hetu_hash(secret: &[u8], hetu: &Hetu) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(hetu.to_string().as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records a login sent to the identity provider; returns the token for the browser's cookie.
pub async fn begin_login(
    db: &impl ConnectionTrait,
    state: &str,
    nonce: &str,
    pkce_verifier: &str,
    return_to: &str,
) -> Result<String, DbErr> {
    let now = Utc::now();
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::CreatedAt.lt(now - LOGIN_ATTEMPT_LIFETIME))
        .exec(db)
        .await?;
    let token = new_token();
    login_attempt::ActiveModel {
        id: Set(token_hash(&token)),
        state: Set(state.into()),
        nonce: Set(nonce.into()),
        pkce_verifier: Set(pkce_verifier.into()),
        return_to: Set(return_to.into()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Removes and returns the login attempt of this browser; a second callback finds nothing.
pub async fn take_login_attempt(db: &impl ConnectionTrait, token: &str) -> Result<Option<login_attempt::Model>, DbErr> {
    let id = token_hash(token);
    let Some(attempt) = login_attempt::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    let deleted = login_attempt::Entity::delete_by_id(id).exec(db).await?;
    // Two callbacks racing: only the one that deleted the row goes on.
    if deleted.rows_affected == 0 || attempt.created_at < Utc::now() - LOGIN_ATTEMPT_LIFETIME {
        return Ok(None);
    }
    Ok(Some(attempt))
}

/// Logs a person in: records who they are, ends whatever session the browser had (no session
/// fixation) and starts a new one. Returns the new cookie token.
pub async fn log_in(
    db: &DatabaseConnection,
    who: &Identified,
    previous_token: Option<&str>,
    policy: SessionPolicy,
) -> Result<String, DbErr> {
    let now = Utc::now();
    let txn = db.begin().await?;
    person::Entity::insert(person::ActiveModel {
        hetu_hash: Set(who.hetu_hash.clone()),
        given_name: Set(who.given_name.clone()),
        surname: Set(who.surname.clone()),
        display_name: Set(who.display_name.clone()),
        created_at: Set(now),
        last_login_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(person::Column::HetuHash)
            .update_columns([
                person::Column::GivenName,
                person::Column::Surname,
                person::Column::DisplayName,
                person::Column::LastLoginAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let person = person::Entity::find()
        .filter(person::Column::HetuHash.eq(&who.hetu_hash))
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("person just saved".into()))?;

    if let Some(previous) = previous_token {
        session::Entity::delete_by_id(token_hash(previous)).exec(&txn).await?;
    }
    session::Entity::delete_many().filter(session::Column::ExpiresAt.lt(now)).exec(&txn).await?;
    let token = new_token();
    session::ActiveModel {
        id: Set(token_hash(&token)),
        person_id: Set(person.id),
        acr: Set(who.acr.clone()),
        id_token: Set(who.id_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + policy.absolute),
    }
    .insert(&txn)
    .await?;
    audit(&txn, Some(person.id), "login", Some(&who.acr)).await?;
    txn.commit().await?;
    Ok(token)
}

/// The live session for a cookie token, marking it used now; `None` when unknown or timed out
/// (a timed-out session is deleted).
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    policy: SessionPolicy,
) -> Result<Option<CurrentSession>, DbErr> {
    let now = Utc::now();
    let id = token_hash(token);
    let Some((session, Some(person))) =
        session::Entity::find_by_id(id.clone()).find_also_related(person::Entity).one(db).await?
    else {
        return Ok(None);
    };
    if session.expires_at <= now || session.last_seen_at + policy.idle <= now {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let mut active: session::ActiveModel = session.clone().into();
    active.last_seen_at = Set(now);
    active.update(db).await?;
    Ok(Some(CurrentSession {
        token_hash: id,
        person_id: person.id,
        display_name: person.display_name,
        acr: session.acr,
        idle_timeout: policy.idle,
        ends_at: session.expires_at.min(now + policy.idle),
    }))
}

/// Ends a session; returns its ID token for the identity provider's logout.
pub async fn log_out(db: &DatabaseConnection, token: &str) -> Result<Option<String>, DbErr> {
    let txn = db.begin().await?;
    let Some(session) = session::Entity::find_by_id(token_hash(token)).one(&txn).await? else {
        return Ok(None);
    };
    session::Entity::delete_by_id(session.id.clone()).exec(&txn).await?;
    audit(&txn, Some(session.person_id), "logout", None).await?;
    txn.commit().await?;
    Ok(session.id_token)
}

pub async fn audit(
    db: &impl ConnectionTrait,
    person_id: Option<i32>,
    action: &str,
    detail: Option<&str>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        person_id: Set(person_id),
        action: Set(action.into()),
        detail: Set(detail.map(Into::into)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
