//! Reminders: an organisation whose data needs attention (see `domain::freshness`, and a service
//! in use without its required contacts) gets an e-mail to its administrative contacts, at most
//! once every `REMIND_EVERY_DAYS`. Run daily by the server, and by `server remind`; whichever
//! instance claims the day first (`schedule`) runs it.
use super::{
    customer_data,
    entities::{change_log, contact},
    identity::Doer,
    mail::{self, MailSettings},
    registry::Registries,
    schedule::{self, Job},
};
use crate::{
    domain::{
        contacts::ContactKind,
        freshness::Attention,
        records::{ChangeKind, ChangeSubject},
        validation::Date,
    },
    error::AppError,
    i18n::{Args, Lang, lookup},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

pub const REMIND_EVERY_DAYS: i64 = 30;

/// Today's run, unless another run (on any instance) has claimed today: answers how many
/// organisations were reminded, 0 when the day was already claimed.
pub async fn run_today(
    db: &DatabaseConnection,
    registries: &Registries,
    mail: &MailSettings,
    today: Date,
) -> Result<usize, AppError> {
    if !schedule::claim(db, Job::Reminders, today).await? {
        tracing::info!(%today, "reminders: today's run is claimed already");
        return Ok(0);
    }
    let reminded = remind_all(db, registries, mail, today, true).await?;
    schedule::finish(db, Job::Reminders, today).await?;
    Ok(reminded)
}

/// Sends the reminders due on `today`, outside any claimed run; answers how many organisations
/// were reminded.
pub async fn send_due(
    db: &DatabaseConnection,
    registries: &Registries,
    mail: &MailSettings,
    today: Date,
) -> Result<usize, AppError> {
    remind_all(db, registries, mail, today, false).await
}

/// `claimed`: in today's claimed run, which is marked still running after each organisation.
async fn remind_all(
    db: &DatabaseConnection,
    registries: &Registries,
    mail: &MailSettings,
    today: Date,
    claimed: bool,
) -> Result<usize, AppError> {
    let organisations: Vec<i32> = contact::Entity::find()
        .select_only()
        .column(contact::Column::OrganisationId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut reminded = 0;
    for organisation_id in organisations {
        if remind(db, registries, mail, organisation_id, today).await? {
            reminded += 1;
        }
        // A run given up as stale (this one was too slow) leaves the rest to the one that took over.
        if claimed && !schedule::still_running(db, Job::Reminders, today).await? {
            break;
        }
    }
    Ok(reminded)
}

/// The day of the organisation's last reminder (stored with it, so runs for a given day agree).
async fn last_reminded(db: &DatabaseConnection, organisation_id: i32) -> Result<Option<Date>, AppError> {
    let last = change_log::Entity::find()
        .filter(change_log::Column::OrganisationId.eq(organisation_id))
        .filter(change_log::Column::Kind.eq(ChangeKind::Reminded.code()))
        .order_by_desc(change_log::Column::Id)
        .one(db)
        .await?;
    Ok(last.and_then(|entry| {
        let changes: Vec<customer_data::Change> = serde_json::from_str(&entry.changes).ok()?;
        changes.iter().find(|(field, _, _)| field == "date").and_then(|(_, _, day)| Date::parse(day).ok())
    }))
}

async fn remind(
    db: &DatabaseConnection,
    registries: &Registries,
    settings: &MailSettings,
    organisation_id: i32,
    today: Date,
) -> Result<bool, AppError> {
    if last_reminded(db, organisation_id)
        .await?
        .is_some_and(|d| today.day_number() - d.day_number() < REMIND_EVERY_DAYS)
    {
        return Ok(false);
    }
    let attention = customer_data::attention(db, registries, organisation_id, today).await?;
    let in_use = super::application_store::in_use(db, organisation_id).await?;
    let gaps = customer_data::contact_gaps(db, organisation_id, &in_use).await?;
    if attention.is_empty() && gaps.is_empty() {
        return Ok(false);
    }
    let contacts = customer_data::contacts(db, organisation_id).await?;
    let in_force = |kind: ContactKind| -> Vec<String> {
        let mut to: Vec<String> = contacts
            .iter()
            .filter(|c| c.valid_to.is_none() && c.kind == kind.code())
            .map(|c| c.email.clone())
            .collect();
        to.sort();
        to.dedup();
        to
    };
    let mut to = in_force(ContactKind::Administrative);
    if to.is_empty() {
        to = in_force(ContactKind::Technical);
    }
    if to.is_empty() {
        return Ok(false);
    }
    let lang = language_of(db, organisation_id).await?;
    let mut lines: Vec<String> = gaps
        .iter()
        .map(|(service, kind)| {
            let mut args = Args::new();
            args.set("service", lookup(lang, service.message_id(), None));
            args.set("kind", lookup(lang, kind.message_id(), None));
            lookup(lang, msg!("attention-contact-missing"), Some(&args))
        })
        .collect();
    lines.extend(attention.iter().map(|a| attention_line(lang, a)));
    let mut args = Args::new();
    args.set("items", lines.iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n"));
    args.set("link", format!("{}/customer-data", settings.site_url));
    let subject = lookup(lang, msg!("mail-reminder-subject"), None);
    let body = lookup(lang, msg!("mail-reminder-body"), Some(&args));
    let txn = super::begin_write(db).await?;
    for address in &to {
        mail::queue(&txn, settings, address, &subject, &body).await?;
    }
    let changes =
        vec![("date".to_string(), String::new(), today.to_string()), ("to".into(), String::new(), to.join(", "))];
    customer_data::log(
        &txn,
        Doer::System,
        organisation_id,
        ChangeSubject::Organisation,
        None,
        ChangeKind::Reminded,
        &changes,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

fn attention_line(lang: Lang, a: &Attention) -> String {
    let mut args = Args::new();
    let id = match a {
        Attention::ConfirmData { since } => {
            args.set("since", since.local());
            msg!("attention-confirm")
        }
        Attention::CertificateExpiring { service, name, expires } => {
            args.set("name", name.clone());
            args.set("service", lookup(lang, service.message_id(), None));
            args.set("expires", expires.local());
            msg!("attention-certificate")
        }
        Attention::UnitNotInRegister { service, oid } => {
            args.set("oid", oid.to_string());
            args.set("service", lookup(lang, service.message_id(), None));
            msg!("attention-unit-not-in-register")
        }
    };
    lookup(lang, id, Some(&args))
}

/// The language the organisation last applied in (Finnish if it never has).
async fn language_of(db: &DatabaseConnection, organisation_id: i32) -> Result<Lang, AppError> {
    let latest = super::application_store::list(db, organisation_id).await?.into_iter().next();
    Ok(latest.map(|a| a.lang()).unwrap_or_default())
}

/// Runs `run_today` a minute after start (the registers may be this very server's sandbox) and
/// then every `every`, for as long as the server runs.
pub async fn run(
    db: DatabaseConnection,
    registries: Registries,
    settings: MailSettings,
    wake: mail::MailerWake,
    every: std::time::Duration,
) {
    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    loop {
        let today = crate::domain::calendar::today();
        match run_today(&db, &registries, &settings, today).await {
            Ok(0) => {}
            Ok(n) => {
                tracing::info!(organisations = n, "reminders queued");
                wake.0.notify_one();
            }
            Err(e) => tracing::warn!(error = %e, "reminders failed; trying again at the next run"),
        }
        tokio::time::sleep(every).await;
    }
}
