//! E-mail: messages are written to the outbox in the transaction of the change they tell about,
//! and the mailer sends them over SMTP after commit, retrying until the server accepts them.
use super::{entities::mail_outbox, onboarding::Application};
use crate::{
    domain::application::Command,
    i18n::{Args, lookup},
};
use chrono::Utc;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor, message::header::ContentType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::{sync::Arc, time::Duration};

/// Where mail goes and how it is signed off; in the request context for links in messages.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// `smtp://host:port` (plain, for the sandbox and local relays) or `smtps://…` / `smtp://…?tls=required`.
    pub smtp_url: String,
    pub from: String,
    /// The address of this service as users reach it, for links (`https://extranet.kanta.fi`).
    pub site_url: String,
}

/// Wakes the mailer when a transaction with mail has committed.
#[derive(Clone, Default)]
pub struct MailerWake(pub Arc<tokio::sync::Notify>);

/// Wakes the mailer of this request's server, after a transaction with mail has committed.
pub fn wake() {
    if let Some(wake) = leptos::prelude::use_context::<MailerWake>() {
        wake.0.notify_one();
    }
}

/// Queues a message to the application's administrative contact telling what changed.
pub async fn application_changed(
    db: &impl ConnectionTrait,
    application: &Application,
    command: Command,
    comment: Option<&str>,
) -> Result<(), DbErr> {
    let Some(to) = application.answers.get("admin_email").filter(|a| !a.is_empty()) else {
        tracing::warn!(id = application.row.id, "no administrative contact to tell");
        return Ok(());
    };
    let lang = application.lang();
    let site = leptos::prelude::use_context::<MailSettings>().map(|s| s.site_url).unwrap_or_default();
    let mut args = Args::new();
    args.set("service", application.services.names(|id| lookup(lang, id, None)));
    args.set("state", lookup(lang, application.state.message_id(), None));
    args.set("id", application.row.id);
    args.set("link", format!("{site}/applications/{}", application.row.id));
    args.set("comment", comment.unwrap_or("").to_string());
    args.set("go_live", application.row.go_live_on.clone().unwrap_or_default());
    let body_id = match command {
        Command::Submit => msg!("mail-application-submitted"),
        Command::Return => msg!("mail-application-returned"),
        Command::ApproveForProduction => msg!("mail-application-approved"),
        Command::Reject => msg!("mail-application-rejected"),
        Command::RecordTestResult => msg!("mail-application-test-result"),
        _ => msg!("mail-application-changed"),
    };
    queue(db, to, &lookup(lang, msg!("mail-application-subject"), Some(&args)), &lookup(lang, body_id, Some(&args)))
        .await
}

pub async fn queue(db: &impl ConnectionTrait, to: &str, subject: &str, body: &str) -> Result<(), DbErr> {
    mail_outbox::ActiveModel {
        to_address: Set(to.into()),
        subject: Set(subject.into()),
        body: Set(body.into()),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Sends queued mail until the process ends: at once when woken, else every `interval`.
pub async fn run_mailer(db: DatabaseConnection, settings: MailSettings, wake: MailerWake, interval: Duration) {
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url) {
        Ok(builder) => builder.timeout(Some(Duration::from_secs(20))).build(),
        Err(error) => {
            // The URL may carry the server's user name and password: only its host is logged.
            let host = reqwest::Url::parse(&settings.smtp_url).ok().and_then(|u| u.host_str().map(String::from));
            tracing::error!(%error, host = host.as_deref().unwrap_or("-"), "bad SMTP address; no mail will be sent");
            return;
        }
    };
    loop {
        if let Err(error) = send_queued(&db, &transport, &settings.from).await {
            tracing::error!(%error, "mail outbox");
        }
        let _ = tokio::time::timeout(interval, wake.0.notified()).await;
    }
}

async fn send_queued(
    db: &DatabaseConnection,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
) -> Result<(), DbErr> {
    let waiting = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::Attempts.lt(20))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    for mail in waiting {
        let result = match build(&mail, from) {
            Ok(message) => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(error) => Err(error),
        };
        let mut row: mail_outbox::ActiveModel = mail.clone().into();
        row.attempts = Set(mail.attempts + 1);
        match result {
            Ok(()) => row.sent_at = Set(Some(Utc::now())),
            Err(error) => {
                tracing::warn!(id = mail.id, %error, "mail not sent yet");
                row.last_error = Set(Some(error));
            }
        }
        row.update(db).await?;
    }
    Ok(())
}

fn build(mail: &mail_outbox::Model, from: &str) -> Result<Message, String> {
    Message::builder()
        .from(from.parse().map_err(|e| format!("from: {e}"))?)
        .to(mail.to_address.parse().map_err(|e| format!("to: {e}"))?)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}
