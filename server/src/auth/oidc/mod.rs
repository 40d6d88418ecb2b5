//! The OpenID Connect relying party under Suomi.fi identification's FTN profile (Traficom
//! recommendation 213/2023 S): authorization code flow with PKCE, `state` and `nonce`, the
//! request as a signed request object, `private_key_jwt` (or `client_secret_basic`), and ID
//! token and userinfo that may arrive signed and then encrypted to our keys (nested JWT).
//! josekit opens the encryption ([`KeyRing::open`]); openidconnect does everything else:
//! discovery, the code exchange and every check of the signed tokens (signature against the
//! provider's keys, iss, aud, exp, nonce, at_hash). The same code talks to the sandbox and to
//! the real Suomi.fi.
//!
//! Here the relying party and its view of the provider; the login's start in `login`, its
//! return in `callback`, logout in `logout`, the JWTs we sign in `signed`, the provider's
//! HTTP in `transport`, and reading the person from the claims in `person`.
mod callback;
mod login;
mod logout;
mod person;
mod signed;
mod transport;

use crate::config::{ClientAuth, OidcConfig};
use crate::keys::KeyRing;
use app::domain::hetu::Hetu;
use openidconnect::{
    AdditionalClaims, ClientId, ClientSecret, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, core::CoreClient,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::sync::RwLock;

pub use app::pages::login::LoginFailure;

/// The person as identified; the identity code stays in memory only until it is hashed.
pub struct Identity {
    pub hetu: Hetu,
    pub given_name: String,
    pub surname: String,
    pub display_name: String,
    pub acr: String,
    pub id_token: String,
}

/// What must be remembered between sending the user to the provider and their return.
pub struct PendingLogin {
    pub url: url::Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Claims under names we only know from configuration.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct AnyClaims {
    #[serde(flatten)]
    map: HashMap<String, serde_json::Value>,
}
impl AdditionalClaims for AnyClaims {}

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Discovery (with the provider's keys) is re-read after this long, or at once after a bad signature.
const METADATA_LIFETIME: Duration = Duration::from_secs(600);

/// Our client at the provider: its settings, where the provider sends the browser back, and the
/// provider's discovery (with its keys) as last read.
pub struct RelyingParty {
    config: OidcConfig,
    issuer: String,
    redirect_url: RedirectUrl,
    post_logout_url: PostLogoutRedirectUrl,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(Instant, ProviderMetadataWithLogout)>>,
}

impl RelyingParty {
    /// `public_url` is where browsers reach us; `issuer` is the provider's (from config or the sandbox's).
    pub fn new(config: OidcConfig, issuer: String, public_url: &url::Url) -> Result<Self, String> {
        let at = |path: &str| format!("{}{path}", public_url.as_str().trim_end_matches('/'));
        let http = openidconnect::reqwest::Client::builder()
            // The provider's redirects are never followed: an SSRF guard the openidconnect docs ask for.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            // As the register clients: below the idle time after which servers close a kept-alive
            // connection, so a token request (one code, never sent twice) does not go out on one
            // being closed. Seen: the sandbox provider's token request failing under load.
            .pool_idle_timeout(Duration::from_secs(4))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(RelyingParty {
            redirect_url: RedirectUrl::new(at("/auth/callback")).map_err(|e| e.to_string())?,
            post_logout_url: PostLogoutRedirectUrl::new(at("/logged-out")).map_err(|e| e.to_string())?,
            config,
            issuer,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The provider's origin (scheme, host, port), for the content security policy.
    pub fn issuer_origin(&self) -> String {
        url::Url::parse(&self.issuer).map(|u| u.origin().ascii_serialization()).unwrap_or_default()
    }

    /// Our keys, whose public halves are served at `/.well-known/jwks.json`.
    pub fn keys(&self) -> &Arc<KeyRing> {
        &self.config.keys
    }

    async fn metadata(&self) -> Result<ProviderMetadataWithLogout, LoginFailure> {
        if let Some((at, metadata)) = &*self.metadata.read().await
            && at.elapsed() < METADATA_LIFETIME
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.issuer.clone()).map_err(|e| {
            tracing::error!(error = %e, "issuer URL is not valid");
            LoginFailure::Unavailable
        })?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http).await.map_err(|e| {
            tracing::error!(error = %e, issuer = self.issuer, "OpenID discovery failed");
            LoginFailure::Unavailable
        })?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    async fn forget_metadata(&self) {
        *self.metadata.write().await = None;
    }

    fn client(&self, metadata: ProviderMetadataWithLogout) -> Client {
        let secret = match &self.config.client_auth {
            ClientAuth::ClientSecretBasic { secret } => Some(ClientSecret::new(secret.clone())),
            ClientAuth::PrivateKeyJwt => None,
        };
        CoreClient::from_provider_metadata(metadata, ClientId::new(self.config.client_id.clone()), secret)
            .set_redirect_uri(self.redirect_url.clone())
    }
}
