//! Sandbox identity provider shaped like Suomi.fi identification under the FTN OIDC profile:
//! discovery, JWKS, authorize (a signed request object required; a method chooser with the test
//! persons), token (`private_key_jwt` or `client_secret_basic`, PKCE required, codes single-use),
//! userinfo with Suomi.fi's claim names, and end-session. ID token and userinfo are signed, then
//! encrypted to the relying party's `enc` key, which it reads from the client's published JWKS
//! as a real provider reads the registered `jwks_uri`. `KANTA_SANDBOX_IDP=plain` brings back
//! plain OIDC. A tester can also make it misbehave (wrong nonce, expired token, too low a level,
//! a foreign eIDAS person, the customer-test level, plain tokens) to see the relying party refuse.
mod authorize;
mod client_keys;
mod discovery;
mod end_session;
mod token;
mod userinfo;

use crate::config::SandboxIdpProfile;
use app::msg;
use axum::{Router, routing::get};
use josekit::jwk::Jwk;
use openidconnect::{JsonWebKeyId, core::CoreRsaPrivateSigningKey};
use sha2::{Digest, Sha256};
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

/// For `client_secret_basic`; sandbox material only.
pub const CLIENT_SECRET: &str = "sandbox-client-secret";
const SESSION_COOKIE: &str = "sandbox_idp_session";
const CODE_LIFETIME: Duration = Duration::from_secs(60);
const TOKEN_LIFETIME: Duration = Duration::from_secs(600);
const LOW_ACR: &str = "http://ftn.ficora.fi/2017/loa1";
/// The `kid` of the sandbox provider's signing key.
const SIGNING_KID: &str = "sandbox-idp-1";
/// How long the client's published keys are trusted before they are fetched again.
const CLIENT_KEYS_LIFETIME: Duration = Duration::from_secs(60);
/// What the sandbox encrypts with, as providers in the FTN network advertise first.
const ENCRYPTION_ALG: &str = "RSA-OAEP";
const CONTENT_ENCRYPTION: &str = "A128CBC-HS256";

#[derive(Clone, Debug)]
struct Subject {
    hetu: String,
    given_name: String,
    surname: String,
}

impl Subject {
    /// A stable opaque subject per person, as Suomi.fi gives (never the identity code itself).
    fn sub(&self) -> String {
        hex::encode(Sha256::digest(format!("sandbox-subject:{}", self.hetu).as_bytes()))[..32].to_string()
    }
    fn name(&self) -> String {
        format!("{} {}", self.given_name, self.surname)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    None,
    WrongNonce,
    Expired,
    LowAssurance,
    /// A foreign person identified through eIDAS: an eIDAS level and no Finnish identity code.
    Eidas,
    /// The level Suomi.fi's customer-test environment reports.
    TestLevel,
    /// ID token and userinfo neither signed-then-encrypted: plain, even under the FTN profile.
    PlainTokens,
    /// The ID token's signature damaged before it is encrypted.
    TamperedSignature,
    /// The ID token encrypted to a key that is not the client's.
    ForeignKey,
    /// Userinfo as plain JSON beside an encrypted ID token.
    PlainUserinfo,
    /// Userinfo signed but not encrypted.
    SignedUserinfo,
}

impl Fault {
    const ALL: [(&'static str, Fault, &'static str); 11] = [
        ("none", Fault::None, msg!("sandbox-idp-fault-none")),
        ("wrong_nonce", Fault::WrongNonce, msg!("sandbox-idp-fault-nonce")),
        ("expired", Fault::Expired, msg!("sandbox-idp-fault-expired")),
        ("low_assurance", Fault::LowAssurance, msg!("sandbox-idp-fault-assurance")),
        ("eidas", Fault::Eidas, msg!("sandbox-idp-fault-eidas")),
        ("test_level", Fault::TestLevel, msg!("sandbox-idp-fault-test-level")),
        ("plain_tokens", Fault::PlainTokens, msg!("sandbox-idp-fault-plain")),
        ("tampered_signature", Fault::TamperedSignature, msg!("sandbox-idp-fault-signature")),
        ("foreign_key", Fault::ForeignKey, msg!("sandbox-idp-fault-foreign-key")),
        ("plain_userinfo", Fault::PlainUserinfo, msg!("sandbox-idp-fault-plain-userinfo")),
        ("signed_userinfo", Fault::SignedUserinfo, msg!("sandbox-idp-fault-signed-userinfo")),
    ];

    fn from_code(code: Option<&str>) -> Fault {
        Fault::ALL.iter().find(|(c, ..)| Some(*c) == code).map(|(_, f, _)| *f).unwrap_or(Fault::None)
    }
}

struct Grant {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    nonce: Option<String>,
    subject: Subject,
    acr: String,
    fault: Fault,
    issued: Instant,
}

#[derive(Default)]
struct Store {
    codes: HashMap<String, Grant>,
    /// Redeemed codes and the access token each produced, to revoke it if the code comes again.
    redeemed: HashMap<String, String>,
    tokens: HashMap<String, (Subject, Fault, Instant)>,
    sessions: HashMap<String, Subject>,
    assertion_ids: HashSet<String>,
}

/// The sandbox provider's state: its settings, signing key, test persons, and the codes, tokens
/// and sessions it has handed out (in memory only).
pub struct Idp {
    issuer: String,
    profile: SandboxIdpProfile,
    client_id: String,
    /// The client's published keys (`/.well-known/jwks.json`), as registered with a real provider.
    client_jwks_uri: String,
    client_keys: tokio::sync::RwLock<Option<(Instant, Vec<Jwk>)>>,
    http: openidconnect::reqwest::Client,
    redirect_uri: String,
    post_logout_uri: String,
    signing_key: CoreRsaPrivateSigningKey,
    persons: Vec<(String, Subject)>,
    store: Mutex<Store>,
}

impl Idp {
    /// The provider for a site at `public_url` whose relying party is `client_id`; the profile
    /// chooses FTN (signed request objects, encrypted answers) or plain OIDC.
    pub fn new(public_url: &url::Url, client_id: &str, profile: SandboxIdpProfile) -> Arc<Idp> {
        let site = public_url.as_str().trim_end_matches('/');
        let signing_key = CoreRsaPrivateSigningKey::from_pem(
            crate::keys::sandbox::IDP_SIGNING_KEY_PEM,
            Some(JsonWebKeyId::new(SIGNING_KID.into())),
        )
        .expect("the sandbox signing key is valid PEM");
        let persons = super::csv_rows(super::PERSONS_CSV)
            .into_iter()
            .filter_map(|row| match row.as_slice() {
                [id, given, surname, hetu, ..] => Some((
                    id.clone(),
                    Subject { hetu: hetu.clone(), given_name: given.clone(), surname: surname.clone() },
                )),
                _ => None,
            })
            .collect();
        Arc::new(Idp {
            issuer: super::idp_issuer(public_url),
            profile,
            client_id: client_id.to_string(),
            client_jwks_uri: format!("{site}/.well-known/jwks.json"),
            client_keys: tokio::sync::RwLock::new(None),
            http: openidconnect::reqwest::Client::builder()
                .redirect(openidconnect::reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
            redirect_uri: format!("{site}/auth/callback"),
            post_logout_uri: format!("{site}/logged-out"),
            signing_key,
            persons,
            store: Mutex::new(Store::default()),
        })
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether this answer goes out signed and encrypted (the FTN profile) or plain.
    fn encrypts(&self, fault: Fault) -> bool {
        self.profile == SandboxIdpProfile::Ftn && fault != Fault::PlainTokens
    }
}

/// The provider's routes, to be nested under `/sandbox/idp` (the issuer's path).
pub fn router(idp: Arc<Idp>) -> Router {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery::discovery))
        .route("/jwks", get(discovery::jwks))
        .route("/authorize", get(authorize::authorize_page).post(authorize::authorize))
        .route("/token", axum::routing::post(token::token))
        .route("/userinfo", get(userinfo::userinfo))
        .route("/end-session", get(end_session::end_session))
        .with_state(idp)
}
