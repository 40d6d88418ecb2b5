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

/// The registers, shared by every request (in the Leptos context, read by `api::context`).
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

/// Whether a request may be sent twice (RFC 9110 §9.2.2 by meaning, not by method: some of the
/// registers' lookups are POSTs, and e-Authorizations opens a session with a GET).
#[derive(Clone, Copy)]
enum Repeat {
    /// Reads only: a second sending changes nothing.
    Lookup,
    /// Creates something (a mandate session, a token for a one-time code) or ends it.
    Never,
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
            // Below the idle time after which servers close a kept-alive connection (Node's 5 s;
            // ours 10 s, its header-read timeout, which hyper starts as a connection goes idle),
            // so the race of a request on a connection being closed stays rare.
            .pool_idle_timeout(std::time::Duration::from_secs(4))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Http { name, base: base.trim_end_matches('/').to_string(), client }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends the request; any answer, whatever its status. A `Repeat::Lookup` whose connection
    /// broke before an answer came (a kept-alive connection the register closed as we reused it)
    /// is sent once more; a timeout is not.
    async fn send(&self, request: reqwest::RequestBuilder, repeat: Repeat) -> Result<reqwest::Response, RegistryError> {
        let again = match repeat {
            Repeat::Lookup => request.try_clone(),
            Repeat::Never => None,
        };
        let failure = match request.send().await {
            Ok(response) => return Ok(response),
            Err(failure) => failure,
        };
        match again {
            Some(again) if failure.is_request() && !failure.is_timeout() => {
                tracing::debug!(register = self.name, error = %failure.without_url(), "sending the lookup again");
                again.send().await.map_err(|e| RegistryError::Unreachable(self.name, e.into()))
            }
            _ => Err(RegistryError::Unreachable(self.name, failure.into())),
        }
    }

    /// Reads a 2xx answer's JSON body.
    async fn read<T: DeserializeOwned>(&self, response: reqwest::Response) -> Result<T, RegistryError> {
        match response.status().as_u16() {
            200..=299 => response.json().await.map_err(|e| RegistryError::Body(self.name, e.into())),
            status => Err(RegistryError::Status(self.name, status)),
        }
    }

    /// Sends the request; `None` when the register says 404 (it knows no such thing).
    async fn json<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        repeat: Repeat,
    ) -> Result<Option<T>, RegistryError> {
        let response = self.send(request, repeat).await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A register that answers the first request on each connection with keep-alive, then reads
    /// the next request on that connection and closes it unanswered, as a server closing an
    /// idle connection does when the request crosses its close.
    async fn closing_register() -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut buffer = [0u8; 4096];
                    let _ = stream.read(&mut buffer).await;
                    let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
                    let _ = stream.write_all(answer.as_bytes()).await;
                    let _ = stream.read(&mut buffer).await;
                });
            }
        });
        format!("http://{address}")
    }

    #[tokio::test]
    async fn a_lookup_on_a_connection_closed_under_it_is_sent_again_and_nothing_else_is() {
        let http = Http::new("test register", &closing_register().await);
        let lookup = || http.client.get(http.url("/organisations/3141592-4"));
        assert!(http.send(lookup(), Repeat::Lookup).await.is_ok());
        let again = http.send(lookup(), Repeat::Lookup).await;
        assert_eq!(again.map(|r| r.status().as_u16()).ok(), Some(200), "the lookup was sent again");
        let once = http.send(lookup(), Repeat::Never).await;
        assert!(matches!(once, Err(RegistryError::Unreachable("test register", _))), "{once:?}");
    }
}
