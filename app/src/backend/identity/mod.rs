//! Logged-in people and their sessions. Cookie tokens are stored only as SHA-256 hashes and
//! personal identity codes only as keyed hashes, so a copy of the database logs no one in.
//! `tokens` makes and hashes them, `sessions` logs people in and out and finds the session of a
//! cookie, `auditing` records who did what.
mod auditing;
mod sessions;
mod tokens;

pub use auditing::{Audit, Doer, audit, trail};
pub use sessions::{
    CurrentSession, Identified, LAST_SEEN_STEP, LOGIN_ATTEMPT_LIFETIME, LastSeenSeal, SessionPolicy, begin_login,
    log_in, log_out, resolve, take_login_attempt,
};
pub use tokens::{hetu_hash, new_token, token_hash};
