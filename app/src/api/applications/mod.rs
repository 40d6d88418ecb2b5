//! Taking services into use, for the organisation the user acts for: the dashboard, the
//! application wizard's saves, signing the agreement, and sending or withdrawing.
use crate::{
    domain::{
        acting::Basis,
        application::{Actor, Command, State},
        services::{KantaService, ServiceSet},
        validation::FieldError,
    },
    error::AppError,
    wizard::Answers,
};
use leptos::{
    prelude::*,
    server_fn::codec::{ByteStream, GetUrl, Streaming},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: i32,
    pub services: ServiceSet,
    pub state: State,
    pub updated: String,
}

/// What the organisation should do next, most urgent first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// The organisation's data in the code service must be fixed before anything can be sent.
    FixCodeService,
    /// Kanta returned the application with a comment.
    AnswerReturn {
        id: i32,
        services: ServiceSet,
    },
    /// Answers complete; the agreement waits for a signature.
    SignAgreement {
        id: i32,
        services: ServiceSet,
    },
    FinishDraft {
        id: i32,
        services: ServiceSet,
    },
    /// A service in use lacks a required contact.
    AddContact {
        service: KantaService,
        kind: crate::domain::contacts::ContactKind,
    },
    /// Customer data to confirm or fix (see `domain::freshness`).
    CustomerData(crate::domain::freshness::Attention),
    /// A pharmacy's Prescription application was approved (or went live) after its data was last
    /// confirmed: its contacts are to be brought up to date, as Kanta asks pharmacies to.
    UpdatePharmacyContacts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub organisation: String,
    pub tasks: Vec<Task>,
    pub applications: Vec<ApplicationSummary>,
    /// Services the organisation may still apply for (none open or in use).
    pub available: Vec<KantaService>,
    /// Services in production.
    pub in_use: Vec<KantaService>,
    /// Joint joinings the organisation is a co-joiner in.
    pub joint: Vec<crate::api::joint::MembershipLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    pub at: String,
    pub who: String,
    pub actor: Actor,
    /// `None`: an event this version does not know (an older row).
    pub kind: Option<crate::domain::records::HistoryEvent>,
    pub to: Option<State>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    pub at: String,
    pub signer: String,
    pub basis: Option<Basis>,
    pub version: String,
    pub hash: String,
    /// The terms the signed text accepts, at their versions (none for a signature older than that).
    pub cited: Vec<(crate::terms::Document, String)>,
}

/// The agreement as the user is asked to sign it, and the hash they sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementShown {
    pub version: String,
    pub text: String,
    pub hash: String,
    /// The terms the text makes the customer accept, at their versions, to read before signing.
    pub cited: Vec<(crate::terms::Document, String)>,
}

/// A service unit beyond the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLine {
    pub id: i32,
    pub name: String,
    pub oid: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub organisation: String,
    pub services: ServiceSet,
    /// The services this application may be for (its own and those not applied for), while
    /// the applicant may change it.
    pub choosable: Vec<KantaService>,
    pub state: State,
    pub version: i32,
    pub answers: Answers,
    /// The service units beyond the first (which is among the answers).
    pub units: Vec<UnitLine>,
    pub go_live: Option<String>,
    pub history: Vec<EventLine>,
    /// What is still missing before it can be sent.
    pub problems: Vec<FieldError>,
    pub signed: Option<Signed>,
    /// Shown while the application can still be sent and is complete.
    pub agreement: Option<AgreementShown>,
    /// What this user may do now.
    pub commands: Vec<Command>,
    /// What must be in place before it can be sent.
    pub unmet: Vec<crate::domain::services::Prerequisite>,
    /// The termination notice given, if any.
    pub notice: Option<NoticeGiven>,
    /// In production, no notice yet, and this user's basis allows signing one.
    pub may_give_notice: bool,
    /// Joint joining: the co-joiners this application names.
    pub co_joiners: Vec<crate::api::joint::CoJoinerLine>,
}

/// A termination notice as signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeGiven {
    /// The last day in use, as Finns write it.
    pub end_on: String,
    pub at: String,
    pub signer: String,
    pub hash: String,
}

/// The termination notice that would be signed: the last day in use (ISO 8601), the exact text
/// and its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeShown {
    pub end_on: String,
    pub text: String,
    pub hash: String,
}

/// The notice ending application `id`'s services after `end_on` (a day after today), as the
/// user would sign it; `Invalid` (`end_on`) for another day.
#[server(endpoint = "applications/notice-text")]
pub async fn notice_text(id: i32, end_on: String) -> Result<NoticeShown, AppError> {
    super::respond(ssr::notice_text(id, &end_on).await)
}

/// Signs the notice shown with `hash` (point 6 of the agreement): `Conflict` when the text or the
/// application (`version`) moved. Without JavaScript the page comes back refused or signed.
#[server(endpoint = "applications/give-notice")]
pub async fn give_notice(id: i32, version: i32, end_on: String, hash: String) -> Result<(), AppError> {
    let given = ssr::give_notice(id, version, &end_on, &hash).await;
    let fields = [("end_on".to_string(), end_on)];
    super::respond(super::refused_form(given, &format!("/applications/{id}"), "notice", &fields))
}

#[server(endpoint = "applications/dashboard")]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    super::respond(ssr::dashboard().await)
}

/// Starts an application for the services ticked (`services[<code>]=on`); a plain form post,
/// answered by a redirect to it.
#[server(endpoint = "applications/start")]
pub async fn start_application(#[server(default)] services: BTreeMap<String, String>) -> Result<i32, AppError> {
    super::respond(ssr::start(&services).await)
}

/// Changes the services of an application the applicant may still change, made on `version`.
#[server(endpoint = "applications/services")]
pub async fn change_services(
    id: i32,
    version: i32,
    #[server(default)] services: BTreeMap<String, String>,
) -> Result<(), AppError> {
    super::respond(ssr::change_services(id, version, &services).await)
}

#[server(endpoint = "applications/get")]
pub async fn get_application(id: i32) -> Result<ApplicationView, AppError> {
    super::respond(ssr::view(id).await)
}

/// Saves the wizard's answers made on `version`; returns the new version. Form-encoded
/// (`answers[unit_name]=…`), so a plain form can send it too.
#[server(endpoint = "applications/save")]
pub async fn save_application(id: i32, version: i32, answers: Answers) -> Result<i32, AppError> {
    super::respond(ssr::save(id, version, answers).await)
}

/// Adds a further service unit (as the unit step's `unit_name` and `unit_oid`) to an application
/// the applicant may still change, made on `version`.
#[server(endpoint = "applications/add-unit")]
pub async fn add_unit(id: i32, version: i32, unit_name: String, unit_oid: String) -> Result<(), AppError> {
    let added = ssr::add_unit(id, version, &unit_name, &unit_oid).await;
    // Not under the wizard's names in the address: those would be taken as the first unit's.
    let typed = [("added_name".to_string(), unit_name), ("added_oid".to_string(), unit_oid)];
    super::respond(super::refused_form(added, &format!("/applications/{id}"), "add-unit", &typed))
}

/// Takes further service unit `unit` off the application, made on `version`.
#[server(endpoint = "applications/remove-unit")]
pub async fn remove_unit(id: i32, version: i32, unit: i32) -> Result<(), AppError> {
    super::respond(ssr::remove_unit(id, version, unit).await)
}

/// Signs the agreement whose text had `hash` when it was shown; a text changed since is refused.
#[server(endpoint = "applications/sign")]
pub async fn sign_agreement(id: i32, version: i32, hash: String) -> Result<(), AppError> {
    super::respond(ssr::sign(id, version, &hash).await)
}

/// Sends (`submit`) or withdraws (`withdraw`) the application.
#[server(endpoint = "applications/command")]
pub async fn applicant_command(id: i32, version: i32, command: String) -> Result<(), AppError> {
    super::respond(ssr::command(id, version, &command).await)
}

/// The signed agreement as a PDF/A-3a document, for download (`?id=…`).
#[server(endpoint = "applications/agreement.pdf", input = GetUrl, output = Streaming)]
pub async fn agreement_pdf(id: i32) -> Result<ByteStream<AppError>, AppError> {
    let pdf = super::respond(ssr::pdf(id).await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(pdf) })))
}

/// The application's signed termination notice as a PDF/A-3a document, for download (`?id=…`);
/// `NotFound` when none was given.
#[server(endpoint = "applications/notice.pdf", input = GetUrl, output = Streaming)]
pub async fn notice_pdf(id: i32) -> Result<ByteStream<AppError>, AppError> {
    let pdf = super::respond(ssr::notice_pdf(id).await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(pdf) })))
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr;
