//! The mailer: after commit it claims the next mail due, sends it over SMTP, and retries with
//! growing waits until the relay accepts it or refuses it for good; staff may send one again.
use super::{CONNECT_TIMEOUT, LEASE, MailSettings, MailerWake, SEND_TIMEOUT};
use crate::backend::entities::mail_outbox;
use chrono::Utc;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, message::header::ContentType};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::time::Duration;

/// Sends queued mail until the process ends: at once when woken, when the next retry is due, and
/// every `interval` (for mail another instance queued or left behind).
pub async fn run_mailer(db: DatabaseConnection, settings: MailSettings, wake: MailerWake, interval: Duration) {
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url) {
        Ok(builder) => builder.timeout(Some(CONNECT_TIMEOUT)).build(),
        Err(error) => {
            // The URL may carry the server's user name and password: only its host is logged.
            let host = reqwest::Url::parse(&settings.smtp_url).ok().and_then(|u| u.host_str().map(String::from));
            tracing::error!(%error, host = host.as_deref().unwrap_or("-"), "bad SMTP address; no mail will be sent");
            return;
        }
    };
    loop {
        loop {
            match send_next(&db, &transport, &settings).await {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    tracing::error!(%error, "mail outbox");
                    break;
                }
            }
        }
        let pause = match next_due(&db).await {
            Ok(Some(due)) => {
                interval.min((due - Utc::now()).to_std().unwrap_or_default().max(Duration::from_millis(100)))
            }
            Ok(None) => interval,
            Err(error) => {
                tracing::error!(%error, "mail outbox");
                interval
            }
        };
        let _ = tokio::time::timeout(pause, wake.0.notified()).await;
    }
}

/// Waiting: neither sent nor given up.
fn waiting() -> sea_orm::Condition {
    sea_orm::Condition::all().add(mail_outbox::Column::SentAt.is_null()).add(mail_outbox::Column::FailedAt.is_null())
}

/// When the earliest mail that waits for a retry, and that no instance holds, is due.
async fn next_due(db: &DatabaseConnection) -> Result<Option<chrono::DateTime<Utc>>, DbErr> {
    use mail_outbox::Column;
    use sea_orm::ExprTrait;
    mail_outbox::Entity::find()
        .filter(waiting())
        .filter(Column::NextAttemptAt.is_not_null())
        .filter(Column::ClaimedUntil.is_null().or(Column::ClaimedUntil.lt(Utc::now())))
        .select_only()
        .column_as(mail_outbox::Column::NextAttemptAt.min(), "due")
        .into_tuple::<Option<chrono::DateTime<Utc>>>()
        .one(db)
        .await
        .map(Option::flatten)
}

/// Takes the next mail that is due and that no other instance holds, for `LEASE`: in one
/// statement, with `FOR UPDATE SKIP LOCKED` on PostgreSQL so concurrent instances pass each
/// other's rows by instead of waiting for them (SQLite has one writer at a time anyway).
async fn claim(db: &DatabaseConnection, now: chrono::DateTime<Utc>) -> Result<Option<mail_outbox::Model>, DbErr> {
    use mail_outbox::Column;
    use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
    let free = sea_orm::Condition::all()
        .add(waiting())
        .add(Column::NextAttemptAt.is_null().or(Column::NextAttemptAt.lte(now)))
        .add(Column::ClaimedUntil.is_null().or(Column::ClaimedUntil.lt(now)));
    let mut next = Query::select();
    next.column(Column::Id)
        .from(mail_outbox::Entity)
        .cond_where(free.clone())
        .order_by(Column::Id, sea_orm::Order::Asc)
        .limit(1);
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        next.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let claimed = mail_outbox::Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::val(now + LEASE))
        // `id = (scalar subquery)` runs the subquery once; `id IN (…)` may run it again for each
        // row PostgreSQL looks at and so claim several rows (of which only one would be sent).
        .filter(Expr::col(Column::Id).eq(Expr::SubQuery(None, Box::new(next.into()))))
        // Checked again on the row as it is when updated (PostgreSQL re-reads a row that changed
        // while the statement waited for it).
        .filter(free)
        .exec_with_returning(db)
        .await?;
    Ok(claimed.into_iter().next())
}

/// Why an attempt failed, and whether trying again can help.
enum Failure {
    /// The relay refused this mail for good (an unknown mailbox, a message it will not take), or
    /// the mail cannot be built.
    Permanent(String),
    /// No answer, a 4xx, a broken connection, or a 5xx about the session rather than the mail
    /// (authentication, TLS required, no service): try again later.
    Transient(String),
}

impl Failure {
    /// RFC 5321's replies about a mailbox or a message: 550-555, unless the enhanced status
    /// (RFC 3463) says it is about us, 5.7.x ("relay access denied", the relay's policy), which
    /// a fix at the relay mends for every mail.
    fn of(error: &lettre::transport::smtp::Error) -> Failure {
        let text = error.to_string();
        let about_the_mail =
            error.status().map(u16::from).is_some_and(|code| (550..=555).contains(&code)) && !text.contains(" 5.7.");
        if error.is_permanent() && about_the_mail { Failure::Permanent(text) } else { Failure::Transient(text) }
    }
}

/// Claims and sends one mail; answers whether there was one.
async fn send_next(
    db: &DatabaseConnection,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    settings: &MailSettings,
) -> Result<bool, DbErr> {
    let Some(mail) = claim(db, Utc::now()).await? else {
        return Ok(false);
    };
    let result = match build(&mail, &settings.from) {
        Ok(message) => match tokio::time::timeout(SEND_TIMEOUT, transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(error)) => Err(Failure::of(&error)),
            Err(_) => Err(Failure::Transient(format!("no answer from the relay in {} s", SEND_TIMEOUT.as_secs()))),
        },
        Err(error) => Err(Failure::Permanent(error)),
    };
    let now = Utc::now();
    let mut row: mail_outbox::ActiveModel = mail.clone().into();
    row.attempts = Set(mail.attempts + 1);
    row.last_tried_at = Set(Some(now));
    row.claimed_until = Set(None);
    match result {
        Ok(()) => row.sent_at = Set(Some(now)),
        Err(Failure::Permanent(error)) => {
            tracing::error!(id = mail.id, message_id = mail.message_id, %error, "mail refused for good; listed for staff");
            row.last_error = Set(Some(error));
            row.failed_at = Set(Some(now));
        }
        Err(Failure::Transient(error)) => {
            let retry_until = mail.retry_until.unwrap_or(mail.created_at + settings.retry.window);
            let next = now + settings.retry.wait_after(mail.attempts + 1);
            if next > retry_until {
                tracing::error!(id = mail.id, message_id = mail.message_id, %error, "mail given up after its retry window; listed for staff");
                row.failed_at = Set(Some(now));
            } else {
                tracing::warn!(id = mail.id, %error, %next, "mail not sent yet; trying again");
                row.next_attempt_at = Set(Some(next));
            }
            row.last_error = Set(Some(error));
        }
    }
    // Only while the claim is still ours: had it lapsed, another instance now holds the mail.
    let held = mail_outbox::Entity::update_many()
        .set(row)
        .filter(mail_outbox::Column::Id.eq(mail.id))
        .filter(mail_outbox::Column::ClaimedUntil.eq(mail.claimed_until))
        .exec(db)
        .await?;
    if held.rows_affected == 0 {
        tracing::warn!(id = mail.id, "the claim on a mail lapsed while it was being sent");
    }
    Ok(true)
}

/// Queues an undeliverable mail again (a staff member's "send again"), with a new retry window.
/// Returns `NotFound` unless mail `id` was given up.
pub async fn send_again(
    db: &DatabaseConnection,
    settings: &MailSettings,
    id: i32,
) -> Result<(), crate::error::AppError> {
    if requeue_given_up(db, settings, Some(id)).await? == 0 {
        return Err(crate::error::AppError::NotFound);
    }
    Ok(())
}

/// Queues every undeliverable mail again (after a relay's fault is mended); answers how many.
pub async fn send_all_again(db: &DatabaseConnection, settings: &MailSettings) -> Result<u64, DbErr> {
    requeue_given_up(db, settings, None).await
}

/// Gives the mail given up (`only` that one, or all) a new retry window from now, to be tried
/// at once; answers how many.
async fn requeue_given_up(db: &DatabaseConnection, settings: &MailSettings, only: Option<i32>) -> Result<u64, DbErr> {
    use sea_orm::sea_query::Expr;
    let none = Option::<chrono::DateTime<Utc>>::None;
    let mut requeue = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::FailedAt, Expr::value(none))
        .col_expr(mail_outbox::Column::NextAttemptAt, Expr::value(none))
        .col_expr(mail_outbox::Column::Attempts, Expr::value(0))
        .col_expr(mail_outbox::Column::RetryUntil, Expr::value(Some(Utc::now() + settings.retry.window)))
        .filter(mail_outbox::Column::FailedAt.is_not_null())
        .filter(mail_outbox::Column::SentAt.is_null());
    if let Some(id) = only {
        requeue = requeue.filter(mail_outbox::Column::Id.eq(id));
    }
    Ok(requeue.exec(db).await?.rows_affected)
}

/// Mail that has not gone out: given up first, then the retried ones, newest first within each.
pub async fn undelivered(db: &DatabaseConnection) -> Result<Vec<mail_outbox::Model>, DbErr> {
    use sea_orm::ExprTrait;
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::FailedAt.is_not_null().or(mail_outbox::Column::Attempts.gt(0)))
        .order_by_desc(mail_outbox::Column::FailedAt.is_not_null())
        .order_by_desc(mail_outbox::Column::Id)
        .limit(200)
        .all(db)
        .await
}

fn build(mail: &mail_outbox::Model, from: &str) -> Result<Message, String> {
    Message::builder()
        .from(from.parse().map_err(|e| format!("from: {e}"))?)
        .to(mail.to_address.parse().map_err(|e| format!("to: {e}"))?)
        .message_id(Some(mail.message_id.clone()))
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}
