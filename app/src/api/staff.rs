//! Kanta's staff desk: the queue of applications and the decisions on them. Every function here
//! starts with `guard::staff`; no one else reaches them.
use crate::{
    api::applications::{ApplicationSummary, EventLine},
    domain::{
        application::{Command, State},
        services::{KantaService, ServiceSet},
    },
    error::AppError,
    wizard::Answers,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueLine {
    pub application: ApplicationSummary,
    pub organisation: String,
    /// Whole days since the last change.
    pub age_days: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    pub id: i32,
    pub organisation: String,
    pub ytunnus: String,
    pub services: ServiceSet,
    pub state: State,
    pub version: i32,
    pub answers: Answers,
    pub units: Vec<crate::api::applications::UnitLine>,
    pub go_live: Option<String>,
    pub history: Vec<EventLine>,
    pub signed_hash: Option<String>,
    /// The organisation's termination notice: the last day in use, who signed it, its hash.
    pub notice: Option<crate::api::applications::NoticeGiven>,
    /// Joint joining: the co-joiners the application names, and whether each has signed.
    pub co_joiners: Vec<crate::api::joint::CoJoinerLine>,
    pub commands: Vec<Command>,
}

/// A termination notice waiting for staff: to confirm, or (ending, its last day past) to end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeWaiting {
    pub application: i32,
    pub organisation: String,
    pub services: ServiceSet,
    pub state: State,
    /// The last day in use, as Finns write it.
    pub end_on: String,
}

/// The termination notices waiting for staff, oldest first.
#[server(endpoint = "staff/notices-waiting")]
pub async fn termination_notices() -> Result<Vec<NoticeWaiting>, AppError> {
    super::respond(ssr::termination_notices().await)
}

/// One page of the queue: its lines, and where the next page continues when there are more
/// (the `after` of the next call).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub lines: Vec<QueueLine>,
    pub next: Option<String>,
}

/// A page of 50 of the queue, filtered by service, state and minimum age in days (empty: any),
/// after `after` (a page's `next`; empty or unreadable: from the start).
#[server(endpoint = "staff/queue")]
pub async fn staff_queue(
    service: String,
    state: String,
    min_age: String,
    after: String,
) -> Result<QueuePage, AppError> {
    super::respond(ssr::queue(&service, &state, &min_age, &after).await)
}

#[server(endpoint = "staff/application")]
pub async fn staff_application(id: i32) -> Result<StaffView, AppError> {
    super::respond(ssr::view(id).await)
}

/// A decision on an application seen at `version`: return, start testing, record a result,
/// approve (with `go_live`), go live, or reject.
#[server(endpoint = "staff/command")]
pub async fn staff_command(
    id: i32,
    version: i32,
    command: String,
    comment: String,
    go_live: String,
) -> Result<(), AppError> {
    super::respond(ssr::command(id, version, &command, comment, &go_live).await)
}

/// A change of technical data waiting for staff to take note of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeLine {
    pub id: i32,
    pub organisation: String,
    pub service: KantaService,
    pub takes_effect: String,
    pub change: crate::api::customer_data::ChangeLine,
}

#[server(endpoint = "staff/notices")]
pub async fn change_notices() -> Result<Vec<NoticeLine>, AppError> {
    super::respond(ssr::notices().await)
}

#[server(endpoint = "staff/notice-handled")]
pub async fn handle_notice(id: i32) -> Result<(), AppError> {
    super::respond(ssr::handle_notice(id).await)
}

/// A mail that has not gone out: being retried, or given up (`undeliverable`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailLine {
    pub id: i32,
    pub to: String,
    pub subject: String,
    /// When it was queued, in Finnish time, as the user's language writes it.
    pub queued: String,
    pub attempts: i32,
    pub last_tried: Option<String>,
    /// The SMTP server's answer, or why there was none, as it came.
    pub last_error: Option<String>,
    /// Given up: refused for good, or its retry window passed.
    pub undeliverable: bool,
}

/// The mail that has not gone out, given up first.
#[server(endpoint = "staff/mail")]
pub async fn staff_mail() -> Result<Vec<MailLine>, AppError> {
    super::respond(ssr::mail().await)
}

/// Sends an undeliverable mail again, with a new retry window; `NotFound` unless it was given up.
#[server(endpoint = "staff/mail-again")]
pub async fn send_mail_again(id: i32) -> Result<(), AppError> {
    super::respond(ssr::send_mail_again(id).await)
}

/// Sends every undeliverable mail again (after the relay's fault is mended).
#[server(endpoint = "staff/mail-all-again")]
pub async fn send_all_mail_again() -> Result<(), AppError> {
    super::respond(ssr::send_all_mail_again().await)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::{
        api::{
            context::{self, db, mail_settings},
            guard::staff,
        },
        backend::{application_store, staff_queue},
        domain::{
            application::{Actor, Track, commands},
            validation::{Date, FieldError},
        },
    };

    /// Everything but drafts: staff see an application once it has been sent.
    const SEEN_BY_STAFF: [State; 9] = [
        State::Submitted,
        State::ReturnedForChanges,
        State::InJointTesting,
        State::ApprovedForProduction,
        State::InProduction,
        State::Ending,
        State::Ended,
        State::Withdrawn,
        State::Rejected,
    ];

    pub async fn queue(service: &str, state: &str, min_age: &str, after: &str) -> Result<QueuePage, AppError> {
        staff().await?;
        // By default the queue is what waits for Kanta.
        let states = match State::from_code(state.trim()) {
            Some(s) if s != State::Draft => vec![s],
            _ if state.trim() == "all" => SEEN_BY_STAFF.to_vec(),
            _ => vec![State::Submitted, State::InJointTesting, State::ApprovedForProduction],
        };
        let filter = staff_queue::QueueFilter {
            states: &states,
            service: KantaService::from_code(service.trim()),
            min_age_days: min_age.trim().parse().unwrap_or(0),
        };
        let (rows, next) = staff_queue::queue(&db()?, &filter, staff_queue::QueueCursor::parse(after)).await?;
        let now = chrono::Utc::now();
        let lines = rows
            .into_iter()
            .map(|(a, organisation)| QueueLine {
                age_days: (now - a.row.updated_at).num_days(),
                application: crate::api::applications::ssr::summary(&a),
                organisation,
            })
            .collect();
        Ok(QueuePage { lines, next: next.map(|n| n.code()) })
    }

    pub async fn view(id: i32) -> Result<StaffView, AppError> {
        staff().await?;
        let db = db()?;
        let (a, o) = staff_queue::sent_application(&db, id).await?;
        Ok(StaffView {
            id,
            organisation: o.name,
            ytunnus: o.ytunnus,
            services: a.services.clone(),
            state: a.state,
            version: a.row.version,
            go_live: a.row.go_live_on.clone(),
            history: crate::api::applications::ssr::history_lines(&db, id).await?,
            units: crate::api::applications::ssr::unit_lines(&db, id).await?,
            co_joiners: crate::api::joint::ssr::co_joiner_lines(&db, id, &a.services).await?,
            signed_hash: application_store::signature(&db, id).await?.map(|s| s.text_hash),
            notice: crate::backend::termination::notice(&db, id)
                .await?
                .map(|n| crate::api::applications::ssr::notice_given(n, crate::i18n::request_lang())),
            commands: commands(Track::of(&a.services), a.state, Actor::Staff),
            answers: a.answers,
        })
    }

    pub async fn command(id: i32, version: i32, command: &str, comment: String, go_live: &str) -> Result<(), AppError> {
        let session = staff().await?;
        let command = Command::from_code(command).ok_or(AppError::NotNow)?;
        let go_live = match go_live.trim() {
            "" => None,
            date => Some(
                Date::parse(date).map_err(|problem| AppError::Invalid(vec![FieldError::new("go_live", problem)]))?,
            ),
        };
        let (db, mail) = (db()?, context::mailing());
        crate::backend::applications::staff_command(&db, &mail, &session, id, version, command, Some(comment), go_live)
            .await?;
        leptos_axum::redirect(&format!("/staff/applications/{id}"));
        Ok(())
    }

    pub async fn termination_notices() -> Result<Vec<NoticeWaiting>, AppError> {
        staff().await?;
        let today = crate::domain::calendar::today();
        let waiting = crate::backend::termination::waiting(&db()?, today).await?;
        Ok(waiting
            .into_iter()
            .map(|(notice, application, organisation)| NoticeWaiting {
                application: application.row.id,
                organisation,
                services: application.services,
                state: application.state,
                end_on: Date::parse(&notice.end_on).map(|d| d.local()).unwrap_or(notice.end_on),
            })
            .collect())
    }

    pub async fn notices() -> Result<Vec<NoticeLine>, AppError> {
        staff().await?;
        let db = db()?;
        let mut lines = Vec::new();
        for open in crate::backend::customer_data::open_notices(&db).await? {
            let crate::backend::customer_data::OpenNotice { notice, organisation, entry, author: who } = open;
            let changes = serde_json::from_str(&entry.changes).unwrap_or_default();
            let Some(service) = KantaService::from_code(&notice.service) else { continue };
            lines.push(NoticeLine {
                id: notice.id,
                organisation,
                service,
                takes_effect: Date::parse(&notice.takes_effect).map(|d| d.local()).unwrap_or_default(),
                change: crate::api::customer_data::ssr::change_line((entry, changes, who)),
            });
        }
        Ok(lines)
    }

    pub async fn handle_notice(id: i32) -> Result<(), AppError> {
        let session = staff().await?;
        crate::backend::customer_data::handle_notice(&db()?, session.person_id, id).await?;
        leptos_axum::redirect("/staff");
        Ok(())
    }

    pub async fn mail() -> Result<Vec<MailLine>, AppError> {
        staff().await?;
        let lang = crate::i18n::request_lang();
        let at = |t| crate::backend::format_time(t, lang);
        Ok(crate::backend::mail::undelivered(&db()?)
            .await?
            .into_iter()
            .map(|m| MailLine {
                id: m.id,
                to: m.to_address,
                subject: m.subject,
                queued: at(m.created_at),
                attempts: m.attempts,
                last_tried: m.last_tried_at.map(at),
                last_error: m.last_error,
                undeliverable: m.failed_at.is_some(),
            })
            .collect())
    }

    pub async fn send_all_mail_again() -> Result<(), AppError> {
        staff().await?;
        let settings = mail_settings()?;
        let resent = crate::backend::mail::send_all_again(&db()?, &settings).await?;
        tracing::info!(resent, "staff sent undeliverable mail again");
        context::mailing().wake();
        leptos_axum::redirect("/staff/mail");
        Ok(())
    }

    pub async fn send_mail_again(id: i32) -> Result<(), AppError> {
        staff().await?;
        let settings = mail_settings()?;
        crate::backend::mail::send_again(&db()?, &settings, id).await?;
        context::mailing().wake();
        leptos_axum::redirect("/staff/mail");
        Ok(())
    }
}
