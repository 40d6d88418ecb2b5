//! Sandbox identity provider shaped like Suomi.fi identification under the FTN OIDC profile:
//! discovery, JWKS, authorize (a signed request object required; a method chooser with the test
//! persons), token (`private_key_jwt` or `client_secret_basic`, PKCE required, codes single-use),
//! userinfo with Suomi.fi's claim names, and end-session. ID token and userinfo are signed, then
//! encrypted to the relying party's `enc` key, which it reads from the client's published JWKS
//! as a real provider reads the registered `jwks_uri`. `KANTA_SANDBOX_IDP=plain` brings back
//! plain OIDC. A tester can also make it misbehave (wrong nonce, expired token, too low a level,
//! a foreign eIDAS person, the customer-test level, plain tokens) to see the relying party refuse.
use super::page::{document, escape, text};
use crate::config::SandboxIdpProfile;
use app::{
    domain::{assurance::Assurance, hetu::Hetu},
    i18n::{Lang, lang_of_request},
    msg,
};
use axum::{
    Form, Json, Router,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use base64::{
    Engine,
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD},
};
use josekit::{
    jwe::{self, JweHeader},
    jwk::Jwk,
    jws::{JwsHeader, RS256},
    jwt::{self, JwtPayload},
};
use openidconnect::{
    AccessToken, Audience, AuthenticationContextClass, EmptyAdditionalClaims, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
    core::{CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey},
};
use serde::Deserialize;
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

    /// The client's published keys, fetched from its JWKS URL and kept a minute; `refresh`
    /// fetches them at once (a `kid` we have not seen: the client rotated).
    async fn client_keys(&self, refresh: bool) -> Vec<Jwk> {
        if !refresh
            && let Some((at, keys)) = &*self.client_keys.read().await
            && at.elapsed() < CLIENT_KEYS_LIFETIME
        {
            return keys.clone();
        }
        let fetched = async {
            let set: serde_json::Value = self.http.get(&self.client_jwks_uri).send().await.ok()?.json().await.ok()?;
            let keys = set.get("keys")?.as_array()?.iter().filter_map(|k| Jwk::from_bytes(k.to_string()).ok());
            Some(keys.collect::<Vec<_>>())
        };
        let keys = fetched.await.unwrap_or_else(|| {
            tracing::warn!(url = self.client_jwks_uri, "sandbox IdP cannot read the client's JWKS");
            Vec::new()
        });
        *self.client_keys.write().await = Some((Instant::now(), keys.clone()));
        keys
    }

    /// The claims of a JWT the client signed (RS256) with one of its published `sig` keys.
    async fn client_signed(&self, token: &str) -> Option<JwtPayload> {
        let kid = jwt::decode_header(token).ok()?.claim("kid")?.as_str()?.to_string();
        for refresh in [false, true] {
            let keys = self.client_keys(refresh).await;
            if let Some(key) = keys.iter().find(|k| k.key_use() == Some("sig") && k.key_id() == Some(kid.as_str())) {
                let verifier = RS256.verifier_from_jwk(key).ok()?;
                return jwt::decode_with_verifier(token, &verifier).ok().map(|(claims, _)| claims);
            }
        }
        None
    }

    /// A signed JWT encrypted to the client's first published `enc` key (a nested JWT); with
    /// the `ForeignKey` fault, to a key of a stranger's under a `kid` of its own.
    async fn encrypt_to_client(&self, jws: &str, fault: Fault) -> Option<String> {
        let keys = match fault {
            Fault::ForeignKey => {
                let mut stranger = Jwk::generate_rsa_key(2048).ok()?.to_public_key().ok()?;
                stranger.set_key_id("not-the-clients");
                stranger.set_key_use("enc");
                vec![stranger]
            }
            _ => self.client_keys(false).await,
        };
        let key = keys.iter().find(|k| k.key_use() == Some("enc"))?;
        let mut header = JweHeader::new();
        header.set_algorithm(ENCRYPTION_ALG);
        header.set_content_encryption(CONTENT_ENCRYPTION);
        header.set_content_type("JWT");
        if let Some(kid) = key.key_id() {
            header.set_key_id(kid);
        }
        let encrypter = jwe::RSA_OAEP.encrypter_from_jwk(key).ok()?;
        jwe::serialize_compact(jws.as_bytes(), &header, &encrypter).ok()
    }

    /// Whether this answer goes out signed and encrypted (the FTN profile) or plain.
    fn encrypts(&self, fault: Fault) -> bool {
        self.profile == SandboxIdpProfile::Ftn && fault != Fault::PlainTokens
    }
}

pub fn router(idp: Arc<Idp>) -> Router {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize_page).post(authorize))
        .route("/token", axum::routing::post(token))
        .route("/userinfo", get(userinfo))
        .route("/end-session", get(end_session))
        .with_state(idp)
}

async fn discovery(State(idp): State<Arc<Idp>>) -> Json<serde_json::Value> {
    let at = |path: &str| format!("{}{path}", idp.issuer);
    Json(serde_json::json!({
        "issuer": idp.issuer,
        "authorization_endpoint": at("/authorize"),
        "token_endpoint": at("/token"),
        "userinfo_endpoint": at("/userinfo"),
        "jwks_uri": at("/jwks"),
        "end_session_endpoint": at("/end-session"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "personal_identity_code"],
        "acr_values_supported": [Assurance::HIGH_ACR, Assurance::SUBSTANTIAL_ACR, Assurance::EIDAS_HIGH_ACR,
            Assurance::EIDAS_SUBSTANTIAL_ACR, Assurance::CUSTOMER_TEST_ACR],
        "request_parameter_supported": true,
        "request_object_signing_alg_values_supported": ["RS256"],
        "require_signed_request_object": idp.profile == SandboxIdpProfile::Ftn,
        "id_token_encryption_alg_values_supported": [ENCRYPTION_ALG],
        "id_token_encryption_enc_values_supported": [CONTENT_ENCRYPTION],
        "userinfo_signing_alg_values_supported": ["RS256"],
        "userinfo_encryption_alg_values_supported": [ENCRYPTION_ALG],
        "userinfo_encryption_enc_values_supported": [CONTENT_ENCRYPTION],
        "claims_supported": ["sub", "name", "urn:oid:1.2.246.21", "urn:oid:2.5.4.42", "urn:oid:2.5.4.4"],
        "ui_locales_supported": ["fi", "sv"],
    }))
}

async fn jwks(State(idp): State<Arc<Idp>>) -> Json<CoreJsonWebKeySet> {
    Json(CoreJsonWebKeySet::new(vec![idp.signing_key.as_verification_key()]))
}

/// The authorization request's parameters, carried through the chooser form as hidden fields.
#[derive(Clone, Debug, Default, Deserialize)]
struct AuthRequest {
    #[serde(default)]
    response_type: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    redirect_uri: String,
    #[serde(default)]
    scope: String,
    state: Option<String>,
    nonce: Option<String>,
    #[serde(default)]
    code_challenge: String,
    #[serde(default)]
    code_challenge_method: String,
    acr_values: Option<String>,
    ui_locales: Option<String>,
}

impl AuthRequest {
    fn lang(&self, headers: &HeaderMap) -> Lang {
        self.ui_locales
            .as_deref()
            .and_then(|l| l.split_whitespace().find_map(Lang::from_code))
            .unwrap_or_else(|| lang_of_request(headers))
    }

    /// Back to the client with an error, as the spec asks once the redirect URI is trusted.
    fn error_redirect(&self, error: &str) -> Response {
        let mut url = url::Url::parse(&self.redirect_uri).expect("checked before");
        url.query_pairs_mut().append_pair("error", error);
        if let Some(state) = &self.state {
            url.query_pairs_mut().append_pair("state", state);
        }
        Redirect::to(url.as_str()).into_response()
    }

    fn hidden_fields(&self) -> String {
        let mut out = String::new();
        let fields = [
            ("response_type", Some(&self.response_type)),
            ("client_id", Some(&self.client_id)),
            ("redirect_uri", Some(&self.redirect_uri)),
            ("scope", Some(&self.scope)),
            ("state", self.state.as_ref()),
            ("nonce", self.nonce.as_ref()),
            ("code_challenge", Some(&self.code_challenge)),
            ("code_challenge_method", Some(&self.code_challenge_method)),
            ("acr_values", self.acr_values.as_ref()),
            ("ui_locales", self.ui_locales.as_ref()),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                out.push_str(&format!(r#"<input type="hidden" name="{name}" value="{}">"#, escape(value)));
            }
        }
        out
    }
}

/// Checks the request; an unknown client or redirect URI gets a page, never a redirect.
fn check(idp: &Idp, request: &AuthRequest, headers: &HeaderMap) -> Result<(), Box<Response>> {
    if request.client_id != idp.client_id || request.redirect_uri != idp.redirect_uri {
        return Err(Box::new(refused(request, headers, msg!("sandbox-idp-error-request"))));
    }
    if request.response_type != "code"
        || !request.scope.split_whitespace().any(|s| s == "openid")
        || request.code_challenge.is_empty()
        || request.code_challenge_method != "S256"
    {
        return Err(Box::new(request.error_redirect("invalid_request")));
    }
    Ok(())
}

/// The authorization request as the browser brings it: plain parameters, or a signed request
/// object beside the few that OIDC Core keeps in the query.
#[derive(Deserialize)]
struct AuthQuery {
    #[serde(flatten)]
    query: AuthRequest,
    request: Option<String>,
}

async fn authorize_page(State(idp): State<Arc<Idp>>, headers: HeaderMap, Query(q): Query<AuthQuery>) -> Response {
    let request = match q.request {
        Some(jwt) => match request_object(&idp, &jwt, &q.query).await {
            Some(request) => request,
            None => return refused(&q.query, &headers, msg!("sandbox-idp-error-request-object")),
        },
        None if idp.profile == SandboxIdpProfile::Ftn => {
            return refused(&q.query, &headers, msg!("sandbox-idp-error-request-object"));
        }
        None => q.query,
    };
    let lang = request.lang(&headers);
    if let Err(response) = check(&idp, &request, &headers) {
        return *response;
    }
    chooser(&idp, &request, lang, current_subject(&idp, &headers), None)
}

/// The parameters of a request object signed by the client with a key it publishes, for us
/// (`aud`), by it (`iss`), unexpired, agreeing with the query's `client_id` and `response_type`.
async fn request_object(idp: &Idp, jwt: &str, query: &AuthRequest) -> Option<AuthRequest> {
    let claims = idp.client_signed(jwt).await?;
    let now = std::time::SystemTime::now();
    let fresh = claims.expires_at().is_some_and(|exp| exp > now);
    let for_us = claims.audience().is_some_and(|aud| aud.contains(&idp.issuer.as_str()));
    let request: AuthRequest = serde_json::from_value(serde_json::Value::Object(claims.claims_set().clone())).ok()?;
    let agrees = request.client_id == query.client_id && request.response_type == query.response_type;
    (fresh && for_us && claims.issuer() == Some(idp.client_id.as_str()) && agrees).then_some(request)
}

/// A refused authorization request: a page, since its redirect URI cannot be trusted.
fn refused(request: &AuthRequest, headers: &HeaderMap, why: &str) -> Response {
    let lang = request.lang(headers);
    let body = format!("<h1>{}</h1><p class=\"error\">{}</p>", text(lang, msg!("sandbox-idp-title")), text(lang, why));
    let title = app::i18n::lookup(lang, msg!("sandbox-idp-title"), None);
    (StatusCode::BAD_REQUEST, Html(document(lang, &title, &body))).into_response()
}

fn current_subject(idp: &Idp, headers: &HeaderMap) -> Option<Subject> {
    let sid = app::request::cookie(headers, SESSION_COOKIE)?;
    idp.store().sessions.get(sid).cloned()
}

fn chooser(idp: &Idp, request: &AuthRequest, lang: Lang, current: Option<Subject>, error: Option<&str>) -> Response {
    let t = |id: &str| text(lang, id);
    let mut body =
        format!(r#"<h1>{}</h1><p class="banner">{}</p>"#, t(msg!("sandbox-idp-title")), t(msg!("sandbox-idp-banner")));
    if let Some(error) = error {
        body.push_str(&format!(r#"<p class="error" role="alert" id="error">{}</p>"#, t(error)));
    }
    if let Some(subject) = &current {
        let mut args = app::i18n::Args::new();
        args.set("name", subject.name());
        body.push_str(&format!(
            r#"<p id="current-identification">{}</p>"#,
            escape(&app::i18n::lookup(lang, msg!("sandbox-idp-current"), Some(&args)))
        ));
    }
    body.push_str(r#"<form method="post" action="authorize">"#);
    body.push_str(&request.hidden_fields());
    body.push_str(&format!("<fieldset><legend>{}</legend>", t(msg!("sandbox-idp-method-legend"))));
    for (i, (value, id)) in [
        ("bank", msg!("sandbox-idp-method-bank")),
        ("mobile", msg!("sandbox-idp-method-mobile")),
        ("card", msg!("sandbox-idp-method-card")),
    ]
    .into_iter()
    .enumerate()
    {
        let checked = if i == 0 { " checked" } else { "" };
        body.push_str(&format!(
            r#"<label><input type="radio" name="method" value="{value}"{checked}> {}</label>"#,
            t(id)
        ));
    }
    body.push_str(&format!("</fieldset><fieldset><legend>{}</legend>", t(msg!("sandbox-idp-person-legend"))));
    let chosen = current.as_ref().map(|s| s.hetu.clone());
    for (i, (id, subject)) in idp.persons.iter().enumerate() {
        let checked = match &chosen {
            Some(hetu) => *hetu == subject.hetu,
            None => i == 0,
        };
        body.push_str(&format!(
            r#"<label><input type="radio" name="person" value="{}"{}> {} <small>{}</small></label>"#,
            escape(id),
            if checked { " checked" } else { "" },
            escape(&subject.name()),
            escape(&subject.hetu),
        ));
    }
    body.push_str(&format!(
        r#"<label><input type="radio" name="person" value="typed"> {}</label>
<label>{} <input type="text" name="hetu" autocomplete="off"></label>
<label>{} <input type="text" name="given_name" autocomplete="off"></label>
<label>{} <input type="text" name="surname" autocomplete="off"></label></fieldset>"#,
        t(msg!("sandbox-idp-person-typed")),
        t(msg!("sandbox-idp-hetu")),
        t(msg!("sandbox-idp-given-name")),
        t(msg!("sandbox-idp-surname")),
    ));
    let faults: String =
        Fault::ALL.iter().map(|(code, _, label)| format!(r#"<option value="{code}">{}</option>"#, t(label))).collect();
    body.push_str(&format!(
        r#"<fieldset><legend>{}</legend><label>{} <select name="fault">{faults}</select></label></fieldset>"#,
        t(msg!("sandbox-idp-fault-legend")),
        t(msg!("sandbox-idp-fault-label")),
    ));
    body.push_str(&format!(
        r#"<button type="submit" name="action" value="identify">{}</button><button type="submit" name="action" value="cancel" class="secondary">{}</button></form>"#,
        t(msg!("sandbox-idp-identify")),
        t(msg!("sandbox-idp-cancel")),
    ));
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    (status, Html(document(lang, &app::i18n::lookup(lang, msg!("sandbox-idp-title"), None), &body))).into_response()
}

#[derive(Deserialize)]
struct Choice {
    #[serde(flatten)]
    request: AuthRequest,
    action: Option<String>,
    method: Option<String>,
    person: Option<String>,
    hetu: Option<String>,
    given_name: Option<String>,
    surname: Option<String>,
    fault: Option<String>,
}

async fn authorize(State(idp): State<Arc<Idp>>, headers: HeaderMap, Form(choice): Form<Choice>) -> Response {
    let request = &choice.request;
    let lang = request.lang(&headers);
    if let Err(response) = check(&idp, request, &headers) {
        return *response;
    }
    if choice.action.as_deref() == Some("cancel") {
        return request.error_redirect("access_denied");
    }
    let subject = match choice.person.as_deref() {
        Some("typed") => {
            let field = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
            // Only test codes (individual number 900–999), as in Suomi.fi's test environment.
            let hetu = field(&choice.hetu).and_then(|h| Hetu::parse(&h).ok()).filter(Hetu::is_temporary_or_test);
            match (hetu, field(&choice.given_name), field(&choice.surname)) {
                (Some(hetu), Some(given_name), Some(surname)) => {
                    Subject { hetu: hetu.to_string(), given_name, surname }
                }
                _ => {
                    return chooser(&idp, request, lang, None, Some(msg!("sandbox-idp-error-hetu")));
                }
            }
        }
        Some(id) => match idp.persons.iter().find(|(pid, _)| pid == id) {
            Some((_, subject)) => subject.clone(),
            None => return chooser(&idp, request, lang, None, Some(msg!("sandbox-idp-error-hetu"))),
        },
        None => return chooser(&idp, request, lang, None, Some(msg!("sandbox-idp-error-hetu"))),
    };
    let fault = Fault::from_code(choice.fault.as_deref());
    let acr = match (fault, choice.method.as_deref()) {
        (Fault::LowAssurance, _) => LOW_ACR,
        (Fault::Eidas, _) => Assurance::EIDAS_SUBSTANTIAL_ACR,
        (Fault::TestLevel, _) => Assurance::CUSTOMER_TEST_ACR,
        (_, Some("card")) => Assurance::HIGH_ACR,
        _ => Assurance::SUBSTANTIAL_ACR,
    };
    let code = super::random_token();
    let sid = super::random_token();
    {
        let mut store = idp.store();
        store.codes.retain(|_, g| g.issued.elapsed() < CODE_LIFETIME);
        store.codes.insert(
            code.clone(),
            Grant {
                client_id: request.client_id.clone(),
                redirect_uri: request.redirect_uri.clone(),
                code_challenge: request.code_challenge.clone(),
                nonce: request.nonce.clone(),
                subject: subject.clone(),
                acr: acr.to_string(),
                fault,
                issued: Instant::now(),
            },
        );
        store.sessions.insert(sid.clone(), subject);
    }
    let mut url = url::Url::parse(&request.redirect_uri).expect("checked before");
    url.query_pairs_mut().append_pair("code", &code);
    if let Some(state) = &request.state {
        url.query_pairs_mut().append_pair("state", state);
    }
    let mut response = Redirect::to(url.as_str()).into_response();
    let cookie = format!("{SESSION_COOKIE}={sid}; Path=/sandbox/idp; HttpOnly; SameSite=Lax");
    if let Ok(value) = cookie.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[derive(Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str) -> Response {
    (status, Json(serde_json::json!({ "error": error }))).into_response()
}

async fn token(State(idp): State<Arc<Idp>>, headers: HeaderMap, Form(form): Form<TokenRequest>) -> Response {
    let Some(client_id) = authenticate_client(&idp, &headers, &form).await else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let code = form.code.unwrap_or_default();
    let Some(grant) = redeem(&idp, &code) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    let verifier_ok = form
        .code_verifier
        .as_deref()
        .is_some_and(|v| URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) == grant.code_challenge);
    if grant.issued.elapsed() > CODE_LIFETIME
        || grant.client_id != client_id
        || form.redirect_uri.as_deref() != Some(grant.redirect_uri.as_str())
        || !verifier_ok
    {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let access_token = super::random_token();
    let now = chrono::Utc::now();
    let expires = match grant.fault {
        Fault::Expired => now - chrono::Duration::minutes(5),
        _ => now + chrono::Duration::seconds(TOKEN_LIFETIME.as_secs() as i64),
    };
    let nonce = match grant.fault {
        Fault::WrongNonce => Some(super::random_token()),
        _ => grant.nonce.clone(),
    };
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(idp.issuer.clone()).expect("sandbox issuer is a URL"),
        vec![Audience::new(client_id)],
        expires,
        now - chrono::Duration::minutes(if grant.fault == Fault::Expired { 15 } else { 0 }),
        StandardClaims::new(SubjectIdentifier::new(grant.subject.sub())),
        EmptyAdditionalClaims {},
    )
    .set_nonce(nonce.map(Nonce::new))
    .set_auth_time(Some(now))
    .set_auth_context_ref(Some(AuthenticationContextClass::new(grant.acr.clone())));
    let signed = CoreIdToken::new(
        claims,
        &idp.signing_key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&AccessToken::new(access_token.clone())),
        None,
    );
    let id_token = match signed {
        Ok(token) if idp.encrypts(grant.fault) => {
            let mut jws = token.to_string();
            if grant.fault == Fault::TamperedSignature {
                // One bit of the signature flipped: the encryption around it is still sound.
                let (input, signature) = jws.rsplit_once('.').unwrap_or_default();
                let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap_or_default();
                if let Some(first) = bytes.first_mut() {
                    *first ^= 1;
                }
                jws = format!("{input}.{}", URL_SAFE_NO_PAD.encode(bytes));
            }
            idp.encrypt_to_client(&jws, grant.fault).await
        }
        Ok(token) => Some(token.to_string()),
        Err(e) => {
            tracing::error!(error = %e, "sandbox IdP cannot sign an ID token");
            None
        }
    };
    let Some(id_token) = id_token else {
        return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error");
    };
    {
        let mut store = idp.store();
        store.tokens.retain(|_, (.., at)| at.elapsed() < TOKEN_LIFETIME);
        store.tokens.insert(access_token.clone(), (grant.subject, grant.fault, Instant::now()));
        store.redeemed.insert(code, access_token.clone());
    }
    Json(serde_json::json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME.as_secs(),
        "id_token": id_token,
    }))
    .into_response()
}

/// Takes the grant a code stands for; a code used twice revokes what it gave the first time
/// (RFC 6749 §4.1.2).
fn redeem(idp: &Idp, code: &str) -> Option<Grant> {
    let mut store = idp.store();
    let grant = store.codes.remove(code);
    if grant.is_none()
        && let Some(access_token) = store.redeemed.remove(code)
    {
        store.tokens.remove(&access_token);
        tracing::warn!("sandbox IdP: authorization code replayed; its access token is revoked");
    }
    grant
}

/// The client's id if it proved itself: a valid, fresh, unused `private_key_jwt` assertion signed
/// with a key the client publishes, or HTTP Basic with the registered secret.
async fn authenticate_client(idp: &Idp, headers: &HeaderMap, form: &TokenRequest) -> Option<String> {
    if let Some(assertion) = &form.client_assertion {
        if form.client_assertion_type.as_deref() != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
            return None;
        }
        let claims = idp.client_signed(assertion).await?;
        let token_url = format!("{}/token", idp.issuer);
        let audience_ok = claims.audience().is_some_and(|aud| aud.contains(&token_url.as_str()));
        let fresh = claims.expires_at().is_some_and(|exp| exp > std::time::SystemTime::now());
        let id = claims.issuer()?;
        if id != idp.client_id || claims.subject() != Some(id) || !audience_ok || !fresh {
            return None;
        }
        if form.client_id.as_deref().is_some_and(|c| c != id) {
            return None;
        }
        let jti = claims.jwt_id()?.to_string();
        return idp.store().assertion_ids.insert(jti).then(|| id.to_string());
    }
    let basic = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let id = url::form_urlencoded::parse(format!("x={id}").as_bytes()).next()?.1.into_owned();
    (id == idp.client_id && secret == CLIENT_SECRET).then_some(id)
}

/// The person's claims under Suomi.fi's names; a foreign eIDAS person has the eIDAS attributes
/// and no identity code. Under the FTN profile the answer is a signed JWT encrypted to the client.
async fn userinfo(State(idp): State<Arc<Idp>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let found =
        idp.store().tokens.get(token).filter(|(.., at)| at.elapsed() < TOKEN_LIFETIME).map(|(s, f, _)| (s.clone(), *f));
    let Some((s, fault)) = found else {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")])
            .into_response();
    };
    let claims = match fault {
        Fault::Eidas => serde_json::json!({
            "sub": s.sub(),
            "name": s.name(),
            "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName": s.given_name,
            "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName": s.surname,
            "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier": format!("SE/FI/{}", s.sub()),
            "http://eidas.europa.eu/attributes/naturalperson/DateOfBirth": "1975-03-12",
        }),
        _ => serde_json::json!({
            "sub": s.sub(),
            "name": s.name(),
            "urn:oid:1.2.246.21": s.hetu,
            "urn:oid:2.5.4.42": s.given_name,
            "urn:oid:2.5.4.4": s.surname,
        }),
    };
    if !idp.encrypts(fault) || fault == Fault::PlainUserinfo {
        return Json(claims).into_response();
    }
    let mut claims = claims.as_object().cloned().unwrap_or_default();
    claims.insert("iss".into(), idp.issuer.clone().into());
    claims.insert("aud".into(), idp.client_id.clone().into());
    let mut header = JwsHeader::new();
    header.set_key_id(SIGNING_KID);
    let signed = RS256.signer_from_pem(crate::keys::sandbox::IDP_SIGNING_KEY_PEM).ok().and_then(|signer| {
        let payload = JwtPayload::from_map(claims).ok()?;
        jwt::encode_with_signer(&payload, &header, &signer).ok()
    });
    match signed {
        Some(jws) if fault == Fault::SignedUserinfo => {
            ([(header::CONTENT_TYPE, "application/jwt")], jws).into_response()
        }
        Some(jws) => match idp.encrypt_to_client(&jws, Fault::None).await {
            Some(jwe) => ([(header::CONTENT_TYPE, "application/jwt")], jwe).into_response(),
            None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[derive(Deserialize)]
struct EndSession {
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    ui_locales: Option<String>,
}

/// Ends the sandbox's own session and returns to the client if the address is registered.
async fn end_session(State(idp): State<Arc<Idp>>, headers: HeaderMap, Query(q): Query<EndSession>) -> Response {
    if let Some(sid) = app::request::cookie(&headers, SESSION_COOKIE) {
        idp.store().sessions.remove(sid);
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/sandbox/idp; HttpOnly; SameSite=Lax; Max-Age=0");
    let mut response = match q.post_logout_redirect_uri.filter(|u| *u == idp.post_logout_uri) {
        Some(uri) => {
            let mut url = url::Url::parse(&uri).expect("registered URI");
            if let Some(state) = &q.state {
                url.query_pairs_mut().append_pair("state", state);
            }
            Redirect::to(url.as_str()).into_response()
        }
        None => {
            let lang = q.ui_locales.as_deref().and_then(Lang::from_code).unwrap_or_else(|| lang_of_request(&headers));
            let body = format!(
                "<h1>{}</h1><p>{}</p>",
                text(lang, msg!("sandbox-idp-title")),
                text(lang, msg!("sandbox-idp-logged-out"))
            );
            Html(document(lang, &app::i18n::lookup(lang, msg!("sandbox-idp-title"), None), &body)).into_response()
        }
    };
    if let Ok(value) = clear.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
