//! Customer support: anyone sends a request (`send_support_request`); Kanta's support desk reads,
//! takes and answers them. Every desk function starts with `guard::staff`.
use crate::{
    domain::support::{SupportStatus, SupportTopic},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the sender gets back: the reference to quote when they contact support again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportReceipt {
    pub reference: String,
}

/// Saves a message to customer support and mails the sender its reference. The same domain
/// rules ran in the browser already. Sent while logged in, the request names the person and the
/// organisation they act for. Posted without JavaScript, the browser goes back to the front
/// page: with `?sent=<reference>`, or with the form refused and filled in.
#[server(endpoint = "support/send")]
pub async fn send_support_request(
    name: String,
    email: String,
    organisation: String,
    topic: String,
    message: String,
) -> Result<SupportReceipt, AppError> {
    let form = crate::domain::support::SupportForm { name, email, organisation, topic, message };
    let sent = ssr::send(&form).await;
    let fields = [
        ("name", &form.name),
        ("email", &form.email),
        ("organisation", &form.organisation),
        ("topic", &form.topic),
        ("message", &form.message),
    ]
    .map(|(k, v)| (k.to_string(), v.clone()));
    super::respond(super::refused_form(sent, "/", "support", &fields))
}

/// One line of the support desk's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskLine {
    pub id: i32,
    pub reference: String,
    /// When it arrived, in Finnish time, as the user's language writes it.
    pub received: String,
    pub topic: SupportTopic,
    pub name: String,
    /// The organisation as the sender wrote it, or the one they acted for.
    pub organisation: Option<String>,
    pub status: SupportStatus,
    pub assignee: Option<String>,
}

/// A page of the desk's list, and where the next page continues (`after` of the next call).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskPage {
    pub lines: Vec<DeskLine>,
    pub next: Option<String>,
}

/// A page of 50 requests, oldest first: by `status` (a status code; `all`; empty or unknown:
/// the open ones) and `topic` (a topic code; empty: any), after `after` (a page's `next`).
#[server(endpoint = "support/desk")]
pub async fn support_desk(status: String, topic: String, after: String) -> Result<DeskPage, AppError> {
    super::respond(ssr::desk(&status, &topic, &after).await)
}

/// One request, as the desk handles it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportView {
    pub id: i32,
    pub version: i32,
    pub reference: String,
    pub received: String,
    pub topic: SupportTopic,
    pub status: SupportStatus,
    pub name: String,
    pub email: String,
    /// The organisation as the sender wrote it.
    pub organisation: Option<String>,
    /// The language the sender wrote in, which the answer goes out in: `fi` or `sv`.
    pub lang: String,
    pub message: String,
    /// Sent logged in: the person as identified.
    pub person: Option<String>,
    /// Sent while acting for an organisation: its name and business ID.
    pub acting_for: Option<(String, String)>,
    pub assignee: Option<String>,
    /// Taken by the member of staff looking at it.
    pub mine: bool,
    pub answer: Option<String>,
    /// When and by whom it was answered.
    pub answered: Option<(String, String)>,
}

#[server(endpoint = "support/request")]
pub async fn support_request(id: i32) -> Result<SupportView, AppError> {
    super::respond(ssr::view(id).await)
}

/// The member of staff takes the request seen at `version`.
#[server(endpoint = "support/take")]
pub async fn take_support_request(id: i32, version: i32) -> Result<(), AppError> {
    let taken = ssr::take(id, version).await;
    super::respond(super::refused_form(taken, &format!("/staff/support/{id}"), "take", &[]))
}

/// Answers the request seen at `version`; the sender gets the answer by mail.
#[server(endpoint = "support/answer")]
pub async fn answer_support_request(id: i32, version: i32, answer: String) -> Result<(), AppError> {
    let answered = ssr::answer(id, version, &answer).await;
    let fields = [("answer".to_string(), answer)];
    super::respond(super::refused_form(answered, &format!("/staff/support/{id}"), "answer", &fields))
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::{
        api::{
            context::{self, acting_memo, current_session, db, mail_settings},
            guard::staff,
        },
        backend::{
            acting,
            support::{self, DeskFilter, Sender},
        },
        domain::support::{SupportForm, SupportRequest, parse_answer},
    };

    pub async fn send(form: &SupportForm) -> Result<SupportReceipt, AppError> {
        let request = SupportRequest::parse(form).map_err(AppError::Invalid)?;
        let db = db()?;
        let sender = match current_session() {
            Some(session) => Sender {
                person_id: Some(session.person_id),
                organisation_id: acting::acting_now(&db, &session, acting_memo().as_ref())
                    .await?
                    .map(|now| now.organisation.id),
            },
            None => Sender::default(),
        };
        let lang = crate::i18n::request_lang();
        let reference = support::save(&db, &mail_settings()?, &request, lang, sender).await?;
        context::mailing().wake();
        if super::super::is_form_post() {
            leptos_axum::redirect(&format!("/?sent={reference}#support"));
        }
        Ok(SupportReceipt { reference })
    }

    pub async fn desk(status: &str, topic: &str, after: &str) -> Result<DeskPage, AppError> {
        staff().await?;
        let statuses = match SupportStatus::from_code(status.trim()) {
            Some(one) => vec![one],
            None if status.trim() == "all" => Vec::new(),
            None => SupportStatus::OPEN.to_vec(),
        };
        let filter = DeskFilter { statuses: &statuses, topic: SupportTopic::from_code(topic.trim()) };
        let (lines, next) = support::desk(&db()?, &filter, after.trim().parse().ok()).await?;
        let lang = crate::i18n::request_lang();
        let lines = lines
            .into_iter()
            .filter_map(|l| {
                Some(DeskLine {
                    id: l.row.id,
                    reference: crate::domain::support::reference(l.row.id),
                    received: crate::backend::format_time(l.row.created_at, lang),
                    topic: SupportTopic::from_code(&l.row.topic)?,
                    status: SupportStatus::from_code(&l.row.status)?,
                    name: l.row.name,
                    organisation: l.row.organisation,
                    assignee: l.assignee,
                })
            })
            .collect();
        Ok(DeskPage { lines, next: next.map(|id| id.to_string()) })
    }

    pub async fn view(id: i32) -> Result<SupportView, AppError> {
        let session = staff().await?;
        let h = support::get(&db()?, id).await?;
        let lang = crate::i18n::request_lang();
        let row = h.row;
        Ok(SupportView {
            id,
            version: row.version,
            reference: crate::domain::support::reference(id),
            received: crate::backend::format_time(row.created_at, lang),
            topic: SupportTopic::from_code(&row.topic).ok_or(AppError::NotFound)?,
            status: SupportStatus::from_code(&row.status).ok_or(AppError::NotFound)?,
            name: row.name,
            email: row.email,
            organisation: row.organisation,
            lang: row.lang,
            message: row.message,
            person: h.person,
            acting_for: h.organisation,
            assignee: h.assignee,
            mine: row.assignee_id == Some(session.person_id),
            answer: row.answer,
            answered: row
                .answered_at
                .map(|at| (crate::backend::format_time(at, lang), h.answered_by.unwrap_or_default())),
        })
    }

    pub async fn take(id: i32, version: i32) -> Result<(), AppError> {
        let session = staff().await?;
        support::take(&db()?, id, version, session.person_id).await?;
        leptos_axum::redirect(&format!("/staff/support/{id}"));
        Ok(())
    }

    pub async fn answer(id: i32, version: i32, answer: &str) -> Result<(), AppError> {
        let session = staff().await?;
        let answer = parse_answer(answer).map_err(AppError::Invalid)?;
        support::answer(&db()?, &mail_settings()?, id, version, session.person_id, &answer).await?;
        context::mailing().wake();
        leptos_axum::redirect(&format!("/staff/support/{id}"));
        Ok(())
    }
}
