//! E-mail: messages are written to the outbox in the transaction of the change they tell about
//! (`messages`), and the mailer sends them over SMTP after commit, retrying until the server
//! accepts them (`mailer`).
mod mailer;
mod messages;

pub use mailer::{run_mailer, send_again, send_all_again, undelivered};
pub use messages::{application_changed, notice_given, relationship_ended};

use super::entities::mail_outbox;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use std::{sync::Arc, time::Duration};

/// Where mail goes, how it is signed off and retried. Put in the request context by the server;
/// server functions pass it to the backend ([`Mailing`]), whose messages use it for links.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// `smtp://host:port` (plain, for the sandbox and local relays) or `smtps://…` / `smtp://…?tls=required`.
    pub smtp_url: String,
    pub from: String,
    /// The address of this service as users reach it, for links (`https://extranet.kanta.fi`).
    pub site_url: String,
    pub retry: RetryPolicy,
}

/// How long and how often a mail the SMTP server did not take is tried again.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// The wait after the first failure; it doubles with each failure, up to `LONGEST_WAIT`.
    pub first_wait: chrono::Duration,
    /// How long after queueing (or a staff member's resend) the mail is given up as undeliverable.
    pub window: chrono::Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { first_wait: chrono::Duration::seconds(30), window: chrono::Duration::hours(48) }
    }
}

/// The longest wait between two attempts.
pub const LONGEST_WAIT: chrono::Duration = chrono::Duration::hours(1);

/// How long a claimed mail is an instance's to send: well over `SEND_TIMEOUT`, so a claim only
/// lapses when the instance died with it.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// Connecting to the relay (lettre's own timeout covers only that).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
/// One whole delivery, greeting to the answer to DATA: a relay that stalls past it is tried again
/// later (it may have taken the mail after all; the Message-ID tells the copies apart).
const SEND_TIMEOUT: Duration = Duration::from_secs(90);

impl RetryPolicy {
    /// The wait before attempt `failures + 1`: exponential, with "equal jitter" (between half
    /// and all of it), so instances that failed together do not come back together.
    pub fn wait_after(&self, failures: i32) -> chrono::Duration {
        use rand::Rng;
        let doubled =
            self.first_wait.num_milliseconds().saturating_mul(1_i64 << failures.clamp(1, 30).saturating_sub(1));
        let full = doubled.min(LONGEST_WAIT.num_milliseconds()).max(2);
        chrono::Duration::milliseconds(full / 2 + rand::thread_rng().gen_range(0..=full / 2))
    }
}

impl MailSettings {
    /// A new Message-ID, `<random@domain of From>`: unique, and the same on every attempt, so a
    /// receiver can tell a resend after a crash (sent, but not yet marked sent) from a new mail.
    fn new_message_id(&self) -> String {
        use rand::RngCore;
        let mut bytes = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut bytes);
        let domain = self
            .from
            .trim_end_matches('>')
            .rsplit_once('@')
            .map(|(_, d)| d.trim())
            .filter(|d| !d.is_empty())
            .unwrap_or("kanta-extranet.invalid");
        let unique = hex::encode(bytes);
        format!("<{unique}@{domain}>")
    }
}

/// Wakes the mailer when a transaction with mail has committed.
#[derive(Clone, Default)]
pub struct MailerWake(pub Arc<tokio::sync::Notify>);

/// What a change that may tell someone by mail needs from its server: the settings to write the
/// mail with and the mailer to wake after commit. A server function passes in what its request
/// holds; without settings a mail to queue fails (logged), without a mailer none is woken.
#[derive(Clone)]
pub struct Mailing {
    pub settings: Option<MailSettings>,
    pub wake: Option<MailerWake>,
}

impl Mailing {
    /// Wakes the mailer, after a transaction with mail has committed.
    pub fn wake(&self) {
        if let Some(wake) = &self.wake {
            wake.0.notify_one();
        }
    }
}

/// Writes a mail to the outbox, in the caller's transaction; the mailer sends it after commit.
pub async fn queue(
    db: &impl ConnectionTrait,
    settings: &MailSettings,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    mail_outbox::ActiveModel {
        to_address: Set(to.into()),
        subject: Set(subject.into()),
        body: Set(body.into()),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        message_id: Set(settings.new_message_id()),
        next_attempt_at: Set(None),
        claimed_until: Set(None),
        last_tried_at: Set(None),
        retry_until: Set(Some(now + settings.retry.window)),
        failed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
