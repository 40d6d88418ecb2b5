//! Sessions: logging in through the identity provider and out, and finding the live session of
//! a cookie token, its last use kept by the browser.
use super::{
    auditing::{Audit, Doer, audit},
    tokens::{new_token, seal_hetu, token_hash, unseal_hetu},
};
use crate::{
    backend::entities::{login_attempt, person, session},
    domain::{hetu::Hetu, records::Act},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};
use sha2::Sha256;

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
    /// For the registries' questions about this person; only in memory while a request runs.
    pub hetu: Option<Hetu>,
    pub idle_timeout: Duration,
    pub ends_at: DateTime<Utc>,
    /// When this request shows the session used, for the browser's [`LastSeenSeal`] cookie:
    /// set when the time it sent is [`LAST_SEEN_STEP`] old or more.
    pub seen_now: Option<DateTime<Utc>>,
}

impl CurrentSession {
    /// This person, acting for no organisation.
    pub fn doer(&self) -> Doer {
        Doer::Person { person_id: self.person_id }
    }
}

/// What the identity provider told us about the person, ready to store.
#[derive(Clone)]
pub struct Identified {
    pub hetu: Hetu,
    pub hetu_hash: String,
    pub given_name: String,
    pub surname: String,
    pub display_name: String,
    pub acr: String,
    pub id_token: Option<String>,
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
    let txn = crate::backend::begin_write(db).await?;
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
    crate::backend::refused_form::purge(&txn).await?;
    let token = new_token();
    session::ActiveModel {
        id: Set(token_hash(&token)),
        person_id: Set(person.id),
        acr: Set(who.acr.clone()),
        hetu_sealed: Set(Some(seal_hetu(&token, &who.hetu))),
        id_token: Set(who.id_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + policy.absolute),
    }
    .insert(&txn)
    .await?;
    audit(&txn, &Audit::new(Doer::Person { person_id: person.id }, Act::Login).detail(&who.acr)).await?;
    txn.commit().await?;
    Ok(token)
}

/// How old the browser's last-seen time may get before a response gives it a new one.
pub const LAST_SEEN_STEP: chrono::Duration = chrono::Duration::minutes(1);

/// When a session was last used, kept by the browser in a cookie of its own, so that using a
/// session writes nothing to the database (the stored `last_seen_at` is the login time). The
/// value is `<unix seconds>.<HMAC-SHA256, base64url>` over the session's token hash and that
/// time, under a key derived from the server secret every instance shares: the browser can
/// neither move the time on nor move it to another session. A value that does not verify counts
/// as absent.
#[derive(Clone)]
pub struct LastSeenSeal {
    key: [u8; 32],
}

impl LastSeenSeal {
    /// `secret`: the server's pseudonym key (`KANTA_PSEUDONYM_KEY`); a key of its own is derived.
    pub fn new(secret: &[u8]) -> LastSeenSeal {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
        mac.update(b"kanta session last-seen");
        LastSeenSeal { key: mac.finalize().into_bytes().into() }
    }

    fn mac(&self, token_hash: &str, seconds: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC accepts any key length");
        mac.update(token_hash.as_bytes());
        mac.update(b".");
        mac.update(seconds.to_string().as_bytes());
        mac
    }

    /// The cookie value saying session `token_hash` was used at `at` (whole seconds).
    pub fn seal(&self, token_hash: &str, at: DateTime<Utc>) -> String {
        let seconds = at.timestamp();
        format!("{seconds}.{}", URL_SAFE_NO_PAD.encode(self.mac(token_hash, seconds).finalize().into_bytes()))
    }

    /// The time a cookie value seals for session `token_hash`; `None` when it was not made by
    /// [`Self::seal`] for that session.
    pub fn open(&self, token_hash: &str, value: &str) -> Option<DateTime<Utc>> {
        let (seconds, tag) = value.split_once('.')?;
        let seconds: i64 = seconds.parse().ok()?;
        self.mac(token_hash, seconds).verify_slice(&URL_SAFE_NO_PAD.decode(tag).ok()?).ok()?;
        DateTime::from_timestamp(seconds, 0)
    }
}

/// The live session for a cookie token; `None` when unknown or timed out (a timed-out session is
/// deleted). `seen`: the last-seen time the browser proved ([`LastSeenSeal::open`]). The idle
/// clock runs from the later of it and the login, so `ends_at` is when the server will really
/// end the session; using it writes nothing.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
    policy: SessionPolicy,
    seen: Option<DateTime<Utc>>,
) -> Result<Option<CurrentSession>, DbErr> {
    let now = Utc::now();
    let id = token_hash(token);
    let Some((session, Some(person))) =
        session::Entity::find_by_id(id.clone()).find_also_related(person::Entity).one(db).await?
    else {
        return Ok(None);
    };
    // A time ahead of this instance's clock (another instance's runs fast) counts as now.
    let last_seen = seen.map_or(session.last_seen_at, |seen| seen.min(now).max(session.last_seen_at));
    if session.expires_at <= now || last_seen + policy.idle <= now {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let seen_now = (now - last_seen >= LAST_SEEN_STEP).then_some(now);
    let last_seen = seen_now.unwrap_or(last_seen);
    Ok(Some(CurrentSession {
        token_hash: id,
        person_id: person.id,
        display_name: person.display_name,
        hetu: session.hetu_sealed.as_deref().and_then(|sealed| unseal_hetu(token, sealed)),
        acr: session.acr,
        idle_timeout: policy.idle,
        ends_at: session.expires_at.min(last_seen + policy.idle),
        seen_now,
    }))
}

/// Ends a session; returns its ID token for the identity provider's logout.
pub async fn log_out(db: &DatabaseConnection, token: &str) -> Result<Option<String>, DbErr> {
    let txn = crate::backend::begin_write(db).await?;
    let Some(session) = session::Entity::find_by_id(token_hash(token)).one(&txn).await? else {
        return Ok(None);
    };
    session::Entity::delete_by_id(session.id.clone()).exec(&txn).await?;
    audit(&txn, &Audit::new(Doer::Person { person_id: session.person_id }, Act::Logout)).await?;
    txn.commit().await?;
    Ok(session.id_token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_last_seen_time_opens_only_for_its_session_unchanged_and_under_its_key() {
        let seal = LastSeenSeal::new(b"server secret");
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let value = seal.seal("session-a", at);
        assert_eq!(seal.open("session-a", &value), Some(at));
        assert_eq!(seal.open("session-b", &value), None, "another session's time");
        assert_eq!(LastSeenSeal::new(b"other secret").open("session-a", &value), None, "another key");
        let (_, tag) = value.split_once('.').unwrap();
        assert_eq!(seal.open("session-a", &format!("1800000600.{tag}")), None, "a time moved on");
        for garbage in ["", ".", "1800000000", "1800000000.", "x.y", "1800000000.!!"] {
            assert_eq!(seal.open("session-a", garbage), None, "{garbage:?}");
        }
    }
}
