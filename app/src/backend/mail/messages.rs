//! The messages the product sends an organisation: an application's changes, a notice given,
//! the relationship ended. Each is queued in the transaction of the change it tells about, with
//! the `settings` of the server the change runs on (`None`: it has none, and queueing fails).
use super::{MailSettings, queue};
use crate::backend::application_store::Application;
use crate::wizard::application::ApplicationAnswers;
use crate::{
    domain::{application::Command, services::KantaService},
    i18n::{Args, lookup},
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// Queues a message to the application's administrative contact telling what changed.
pub async fn application_changed(
    db: &impl ConnectionTrait,
    settings: Option<&MailSettings>,
    application: &Application,
    command: Command,
    comment: Option<&str>,
) -> Result<(), DbErr> {
    let end_on = match command {
        Command::ConfirmNotice | Command::End => {
            use crate::backend::entities::termination_notice;
            let notice = termination_notice::Entity::find()
                .filter(termination_notice::Column::ApplicationId.eq(application.row.id))
                .one(db)
                .await?;
            let last_day = notice.and_then(|n| crate::domain::validation::Date::parse(&n.end_on).ok());
            Some(last_day.map(|d| d.local()).unwrap_or_default())
        }
        _ => None,
    };
    let body_id = match command {
        Command::Submit => msg!("mail-application-submitted"),
        Command::Return => msg!("mail-application-returned"),
        // Kanta asks a pharmacy to bring its contacts up to date once its Prescription is approved.
        Command::ApproveForProduction
            if application.services.as_slice().contains(&KantaService::EPrescriptionPharmacy) =>
        {
            msg!("mail-application-approved-pharmacy")
        }
        Command::ApproveForProduction => msg!("mail-application-approved"),
        Command::Reject => msg!("mail-application-rejected"),
        Command::RecordTestResult => msg!("mail-application-test-result"),
        Command::ConfirmNotice => msg!("mail-application-ending"),
        Command::End => msg!("mail-application-ended"),
        _ => msg!("mail-application-changed"),
    };
    to_administrative_contact(db, settings, application, msg!("mail-application-subject"), body_id, |lang, site| {
        let mut args = Args::new();
        args.set("service", application.services.names(|id| lookup(lang, id, None)));
        args.set("state", lookup(lang, application.state.message_id(), None));
        args.set("id", application.row.id);
        args.set("link", format!("{site}/applications/{}", application.row.id));
        args.set("customer_data", format!("{site}/customer-data"));
        args.set("comment", comment.unwrap_or("").to_string());
        args.set("go_live", application.row.go_live_on.clone().unwrap_or_default());
        if let Some(end_on) = end_on {
            args.set("end_on", end_on);
        }
        args
    })
    .await
}

/// Queues a mail to the application's administrative contact: its termination notice arrived,
/// ending the services after `end_on` once Kanta confirms it.
pub async fn notice_given(
    db: &impl ConnectionTrait,
    settings: Option<&MailSettings>,
    application: &Application,
    end_on: crate::domain::validation::Date,
) -> Result<(), DbErr> {
    let (subject, body) = (msg!("mail-notice-given-subject"), msg!("mail-notice-given"));
    to_administrative_contact(db, settings, application, subject, body, |lang, site| {
        let mut args = Args::new();
        args.set("service", application.services.names(|id| lookup(lang, id, None)));
        args.set("id", application.row.id);
        args.set("end_on", end_on.local());
        args.set("link", format!("{site}/applications/{}", application.row.id));
        args
    })
    .await
}

/// Queues a mail to the application's administrative contact: with its services ended, the
/// organisation has none left in use, so its customer relationship has ended.
pub async fn relationship_ended(
    db: &impl ConnectionTrait,
    settings: Option<&MailSettings>,
    application: &Application,
) -> Result<(), DbErr> {
    let (subject, body) = (msg!("mail-relationship-ended-subject"), msg!("mail-relationship-ended"));
    to_administrative_contact(db, settings, application, subject, body, |_, site| {
        let mut args = Args::new();
        args.set("link", format!("{site}/billing"));
        args
    })
    .await
}

/// Queues a mail to the administrative contact the application names, in the application's
/// language: `subject` and `body` are message ids, `args` gives their arguments for that language
/// and this site's address. Nothing is queued (and a warning logged) when it names no contact;
/// without `settings` it fails (logged).
async fn to_administrative_contact(
    db: &impl ConnectionTrait,
    settings: Option<&MailSettings>,
    application: &Application,
    subject: &'static str,
    body: &'static str,
    args: impl FnOnce(crate::i18n::Lang, &str) -> Args,
) -> Result<(), DbErr> {
    let Some(to) = ApplicationAnswers::of(&application.answers).admin_email() else {
        tracing::warn!(id = application.row.id, "no administrative contact to tell");
        return Ok(());
    };
    let lang = application.lang();
    let Some(settings) = settings else {
        tracing::error!("no mail settings in the request context");
        return Err(DbErr::Custom("no mail settings".into()));
    };
    let args = args(lang, &settings.site_url);
    let subject = lookup(lang, subject, Some(&args));
    queue(db, settings, to, &subject, &lookup(lang, body, Some(&args))).await
}
