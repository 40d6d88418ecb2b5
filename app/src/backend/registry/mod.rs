//! Clients of the outside registers we ask who may act for whom: the trade register, the
//! professional registers, the National Code Service and Suomi.fi e-Authorizations (mandates);
//! and Fimea's pharmacy register, for when a pharmacy may apply.
//! Each is a trait with one HTTP implementation; the sandbox answers the same HTTP on loopback.
pub mod cached;
pub mod code_service;
pub mod mandates;
pub mod pharmacy_register;
pub mod professional_register;
pub mod trade_register;

use crate::{
    domain::{acting::OrganisationKind, ytunnus::YTunnus},
    error::AppError,
};
use serde::de::DeserializeOwned;
use std::sync::Arc;

pub use code_service::{CodeService, CodeServiceEntry, CodeServiceUnit, HttpCodeService};
pub use mandates::{HttpMandates, MandateSession, Mandates, MandatesConfig, Principal, PrincipalRole, Principals};
pub use pharmacy_register::{HttpPharmacyRegister, Pharmacy, PharmacyRegister};
pub use professional_register::{HttpProfessionalRegister, ProfessionalRegister};
pub use trade_register::{HttpTradeRegister, TradeRegister};

/// Why a register could not answer. Its text goes to the log, so it never carries a URL (the
/// e-Authorizations register route has the hetu in its path) nor anything else a person sent.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{0} unreachable: {1}")]
    Unreachable(&'static str, HttpFailure),
    #[error("{0} answered HTTP {1}")]
    Status(&'static str, u16),
    #[error("{0} answered something we cannot read: {1}")]
    Answer(&'static str, String),
    #[error("{0} answered with a body we cannot read: {1}")]
    Body(&'static str, HttpFailure),
    /// One fetch's error, shared by everyone who waited for it (`cached`).
    #[error("{0}")]
    Shared(Arc<RegistryError>),
}

/// An error of the HTTP client with its URL taken out (`reqwest::Error::without_url`): reqwest
/// names the URL in the error's text, and some of our URLs carry a hetu. Shown with its causes
/// ("error sending request: … Connection refused"), which name no URL.
#[derive(Debug)]
pub struct HttpFailure(reqwest::Error);

impl From<reqwest::Error> for HttpFailure {
    fn from(error: reqwest::Error) -> Self {
        HttpFailure(error.without_url())
    }
}

impl std::fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = std::error::Error::source(&self.0);
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

impl From<RegistryError> for AppError {
    fn from(error: RegistryError) -> Self {
        tracing::error!(%error, "registry");
        AppError::Unavailable
    }
}

/// An organisation as a register describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredOrganisation {
    pub ytunnus: YTunnus,
    pub name: String,
    pub kind: OrganisationKind,
}

/// The registers, shared by every request (in the Leptos context).
#[derive(Clone)]
pub struct Registries {
    pub trade_register: Arc<dyn TradeRegister>,
    pub professional_register: Arc<dyn ProfessionalRegister>,
    pub code_service: Arc<dyn CodeService>,
    pub mandates: Arc<dyn Mandates>,
    pub pharmacy_register: Arc<dyn PharmacyRegister>,
    /// How old a confirmation of someone's basis may be before the registry is asked again.
    pub recheck_after: chrono::Duration,
}

/// The registers the server put in the request context.
pub fn registries() -> Result<Registries, AppError> {
    leptos::prelude::use_context::<Registries>().ok_or_else(|| {
        tracing::error!("no registries in the request context");
        AppError::Unavailable
    })
}

/// JSON over HTTP to one register, with a short timeout: a slow register must not hang a page.
#[derive(Clone)]
struct Http {
    name: &'static str,
    base: String,
    client: reqwest::Client,
}

impl Http {
    fn new(name: &'static str, base: &str) -> Http {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            // Below the usual 75 s after which servers (ours, nginx) close an idle connection: a
            // request sent as the register closes the connection it reused fails.
            .pool_idle_timeout(std::time::Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Http { name, base: base.trim_end_matches('/').to_string(), client }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends the request; any answer, whatever its status. Not sent again on failure: some calls
    /// (a mandate session, a token for a one-time code) must not happen twice.
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<reqwest::Response, RegistryError> {
        request.send().await.map_err(|e| RegistryError::Unreachable(self.name, e.into()))
    }

    /// Reads a 2xx answer's JSON body.
    async fn read<T: DeserializeOwned>(&self, response: reqwest::Response) -> Result<T, RegistryError> {
        match response.status().as_u16() {
            200..=299 => response.json().await.map_err(|e| RegistryError::Body(self.name, e.into())),
            status => Err(RegistryError::Status(self.name, status)),
        }
    }

    /// Sends the request; `None` when the register says 404 (it knows no such thing).
    async fn json<T: DeserializeOwned>(&self, request: reqwest::RequestBuilder) -> Result<Option<T>, RegistryError> {
        let response = self.send(request).await?;
        match response.status().as_u16() {
            404 => Ok(None),
            _ => self.read(response).await.map(Some),
        }
    }
}

fn parse_organisation(
    name: &'static str,
    business_id: &str,
    org_name: String,
    kind: &str,
) -> Result<RegisteredOrganisation, RegistryError> {
    Ok(RegisteredOrganisation {
        ytunnus: YTunnus::parse(business_id).map_err(|e| RegistryError::Answer(name, format!("business ID: {e}")))?,
        name: org_name,
        kind: OrganisationKind::from_code(kind).ok_or_else(|| RegistryError::Answer(name, format!("kind {kind}")))?,
    })
}
