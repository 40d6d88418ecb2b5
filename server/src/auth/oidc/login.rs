//! A login's start: the provider's authorization URL and what to remember until the user returns.
use super::{LoginFailure, PendingLogin, RelyingParty};
use openidconnect::{CsrfToken, Nonce, PkceCodeChallenge};

/// The parameters that stay in the query beside a request object: OIDC Core 6.1 requires
/// `response_type` and `client_id` there, and `scope` with `openid`.
const QUERY_BESIDE_REQUEST_OBJECT: [&str; 3] = ["response_type", "client_id", "scope"];

impl RelyingParty {
    /// The provider's authorization URL for a new login, with fresh `state`, `nonce` and PKCE;
    /// every parameter in a signed request object unless that is switched off.
    pub async fn start(&self, ui_locale: &str) -> Result<PendingLogin, LoginFailure> {
        let metadata = self.metadata().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (state, nonce) = (CsrfToken::new_random(), Nonce::new_random());
        let scope = std::iter::once("openid")
            .chain(self.config.scopes.iter().map(String::as_str).filter(|s| *s != "openid"))
            .collect::<Vec<_>>()
            .join(" ");
        let params: Vec<(&str, String)> = vec![
            ("response_type", "code".into()),
            ("client_id", self.config.client_id.clone()),
            ("redirect_uri", self.redirect_url.as_str().to_string()),
            ("scope", scope),
            ("state", state.secret().clone()),
            ("nonce", nonce.secret().clone()),
            ("acr_values", self.config.assurance.acr_values(self.config.test_environment).join(" ")),
            ("ui_locales", ui_locale.to_string()),
            ("code_challenge", challenge.as_str().to_string()),
            ("code_challenge_method", "S256".into()),
        ];
        let mut url = metadata.authorization_endpoint().url().clone();
        {
            let mut query = url.query_pairs_mut();
            if self.config.request_object {
                for (name, value) in params.iter().filter(|(n, _)| QUERY_BESIDE_REQUEST_OBJECT.contains(n)) {
                    query.append_pair(name, value);
                }
                query.append_pair("request", &self.request_object(&params)?);
            } else {
                for (name, value) in &params {
                    query.append_pair(name, value);
                }
            }
        }
        Ok(PendingLogin {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }
}
