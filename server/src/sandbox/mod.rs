//! Built-in stand-ins for the outside services, served on loopback under `/sandbox/` when
//! `KANTA_SANDBOX` is on. Our code reaches them only over HTTP through the clients that would
//! call the real services. Test data: `testdata/` (a copy of the shared fictional registers).
pub mod idp;
pub mod mail;
pub mod mandates;
mod page;
pub mod registers;

use axum::Router;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use std::sync::Arc;

const PERSONS_CSV: &str = include_str!("testdata/persons.csv");

/// The issuer URL of the sandbox identity provider for a site at `public_url`.
pub fn idp_issuer(public_url: &url::Url) -> String {
    format!("{}/sandbox/idp", public_url.as_str().trim_end_matches('/'))
}

/// Where each sandbox service lives under a site.
pub fn base_url(public_url: &url::Url, service: &str) -> String {
    format!("{}/sandbox/{service}", public_url.as_str().trim_end_matches('/'))
}

/// The sandbox services, for a site whose browsers use `public_url`. `mandates_client_id` is
/// the e-Authorizations client the site is registered as.
pub fn router(
    public_url: &url::Url,
    client_id: &str,
    idp_profile: crate::config::SandboxIdpProfile,
    mandates_client_id: &str,
    mailbox: mail::Mailbox,
) -> Router {
    let data = Arc::new(registers::TestData::load());
    let valtuudet = mandates::Valtuudet::new(data.clone(), public_url, mandates_client_id);
    Router::new()
        .nest("/sandbox/idp", idp::router(idp::Idp::new(public_url, client_id, idp_profile)))
        .nest("/sandbox/trade-register", registers::trade_register(data.clone()))
        .nest("/sandbox/professional-register", registers::professional_register(data.clone()))
        .nest("/sandbox/code-service", registers::code_service(data.clone()))
        .nest("/sandbox/pharmacy-register", registers::pharmacy_register(data.clone()))
        .nest("/sandbox/mail", mail::router(mailbox))
        .nest("/sandbox/valtuudet", mandates::router(valtuudet.clone()))
        .nest(mandates::ADMIN_PATH, mandates::admin_router(valtuudet))
}

fn random_token() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Rows of a test-data file after its header line; fields may be quoted (`"a, b"`). The files
/// are compiled in, so a row the reader cannot read is a build's mistake: it is left out.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .map(|r| r.iter().map(String::from).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_rows_keep_quoted_commas() {
        let rows = super::csv_rows("a,b,c\n1,\"x, y\",3\n\n");
        assert_eq!(rows, vec![vec!["1".to_string(), "x, y".into(), "3".into()]]);
    }
}
