//! Built-in stand-ins for the outside services, served on loopback under `/sandbox/` when
//! `KANTA_SANDBOX` is on. Our code reaches them only over HTTP through the clients that would
//! call the real services. Test data: `testdata/` (a copy of the shared fictional registers).
pub mod idp;
mod page;

use axum::Router;

/// The relying party's sandbox client key (RSA, PKCS#1 PEM). Public test material: never use outside the sandbox.
pub const CLIENT_KEY_PEM: &str = include_str!("keys/client.pem");
const IDP_SIGNING_KEY_PEM: &str = include_str!("keys/idp-signing.pem");
const PERSONS_CSV: &str = include_str!("testdata/persons.csv");

/// The issuer URL of the sandbox identity provider for a site at `public_url`.
pub fn idp_issuer(public_url: &url::Url) -> String {
    format!("{}/sandbox/idp", public_url.as_str().trim_end_matches('/'))
}

/// The sandbox services, for a site whose browsers use `public_url`.
pub fn router(public_url: &url::Url, client_id: &str) -> Router {
    Router::new().nest("/sandbox/idp", idp::router(idp::Idp::new(public_url, client_id)))
}

/// Rows of a small CSV file with a header line; fields may be quoted (`"a, b"`).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut field)),
                    c => field.push(c),
                }
            }
            fields.push(field);
            fields
        })
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
