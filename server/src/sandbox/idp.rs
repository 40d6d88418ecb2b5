//! Sandbox identity provider shaped like Suomi.fi identification: discovery, JWKS, authorize
//! (a method chooser with the test persons), token (`private_key_jwt` or `client_secret_basic`,
//! PKCE required, codes single-use), userinfo with Suomi.fi's claim names, and end-session.
//! A tester can also make it misbehave (wrong nonce, expired token, too low a level) to see
//! the relying party refuse.
use super::page::{document, escape, text};
use app::{
    backend::hex,
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
use openidconnect::{
    AccessToken, Audience, AuthenticationContextClass, EmptyAdditionalClaims, IssuerUrl, JsonWebKey, JsonWebKeyId,
    Nonce, PrivateSigningKey, StandardClaims, SubjectIdentifier,
    core::{
        CoreIdToken, CoreIdTokenClaims, CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
        CoreRsaPrivateSigningKey,
    },
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

#[derive(Clone, Debug)]
struct Subject {
    hetu: String,
    given_name: String,
    surname: String,
}

impl Subject {
    /// A stable opaque subject per person, as Suomi.fi gives (never the identity code itself).
    fn sub(&self) -> String {
        hex(&Sha256::digest(format!("sandbox-subject:{}", self.hetu).as_bytes()))[..32].to_string()
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
    tokens: HashMap<String, (Subject, Instant)>,
    sessions: HashMap<String, Subject>,
    assertion_ids: HashSet<String>,
}

pub struct Idp {
    issuer: String,
    client_id: String,
    client_key: CoreJsonWebKey,
    redirect_uri: String,
    post_logout_uri: String,
    signing_key: CoreRsaPrivateSigningKey,
    persons: Vec<(String, Subject)>,
    store: Mutex<Store>,
}

impl Idp {
    pub fn new(public_url: &url::Url, client_id: &str) -> Arc<Idp> {
        let site = public_url.as_str().trim_end_matches('/');
        let signing_key = CoreRsaPrivateSigningKey::from_pem(
            super::IDP_SIGNING_KEY_PEM,
            Some(JsonWebKeyId::new("sandbox-idp-1".into())),
        )
        .expect("the sandbox signing key is valid PEM");
        let client_key = CoreRsaPrivateSigningKey::from_pem(super::CLIENT_KEY_PEM, None)
            .expect("the sandbox client key is valid PEM")
            .as_verification_key();
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
            client_id: client_id.to_string(),
            client_key,
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
        "acr_values_supported": [Assurance::SUBSTANTIAL_ACR, Assurance::HIGH_ACR],
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
fn check(idp: &Idp, request: &AuthRequest, lang: Lang) -> Result<(), Box<Response>> {
    if request.client_id != idp.client_id || request.redirect_uri != idp.redirect_uri {
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            text(lang, msg!("sandbox-idp-title")),
            text(lang, msg!("sandbox-idp-error-request"))
        );
        let title = app::i18n::lookup(lang, msg!("sandbox-idp-title"), None);
        return Err(Box::new((StatusCode::BAD_REQUEST, Html(document(lang, &title, &body))).into_response()));
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

async fn authorize_page(
    State(idp): State<Arc<Idp>>,
    headers: HeaderMap,
    Query(request): Query<AuthRequest>,
) -> Response {
    let lang = request.lang(&headers);
    if let Err(response) = check(&idp, &request, lang) {
        return *response;
    }
    chooser(&idp, &request, lang, current_subject(&idp, &headers), None)
}

fn current_subject(idp: &Idp, headers: &HeaderMap) -> Option<Subject> {
    let sid = app::backend::cookie(headers, SESSION_COOKIE)?;
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
    body.push_str(&format!(
        r#"<fieldset><legend>{}</legend><label>{} <select name="fault">
<option value="none">{}</option><option value="wrong_nonce">{}</option><option value="expired">{}</option><option value="low_assurance">{}</option>
</select></label></fieldset>"#,
        t(msg!("sandbox-idp-fault-legend")),
        t(msg!("sandbox-idp-fault-label")),
        t(msg!("sandbox-idp-fault-none")),
        t(msg!("sandbox-idp-fault-nonce")),
        t(msg!("sandbox-idp-fault-expired")),
        t(msg!("sandbox-idp-fault-assurance")),
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
    if let Err(response) = check(&idp, request, lang) {
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
    let fault = match choice.fault.as_deref() {
        Some("wrong_nonce") => Fault::WrongNonce,
        Some("expired") => Fault::Expired,
        Some("low_assurance") => Fault::LowAssurance,
        _ => Fault::None,
    };
    let acr = match (fault, choice.method.as_deref()) {
        (Fault::LowAssurance, _) => LOW_ACR,
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
    let Some(client_id) = authenticate_client(&idp, &headers, &form) else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let code = form.code.unwrap_or_default();
    let mut store = idp.store();
    let Some(grant) = store.codes.remove(&code) else {
        // A code used twice revokes what it gave the first time (RFC 6749 §4.1.2).
        if let Some(access_token) = store.redeemed.remove(&code) {
            store.tokens.remove(&access_token);
            tracing::warn!("sandbox IdP: authorization code replayed; its access token is revoked");
        }
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
    let id_token = match CoreIdToken::new(
        claims,
        &idp.signing_key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&AccessToken::new(access_token.clone())),
        None,
    ) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "sandbox IdP cannot sign an ID token");
            return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error");
        }
    };
    store.tokens.retain(|_, (_, at)| at.elapsed() < TOKEN_LIFETIME);
    store.tokens.insert(access_token.clone(), (grant.subject, Instant::now()));
    store.redeemed.insert(code, access_token.clone());
    Json(serde_json::json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME.as_secs(),
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

/// The client's id if it proved itself: a valid, fresh, unused `private_key_jwt` assertion signed
/// with the registered key, or HTTP Basic with the registered secret.
fn authenticate_client(idp: &Idp, headers: &HeaderMap, form: &TokenRequest) -> Option<String> {
    if let Some(assertion) = &form.client_assertion {
        if form.client_assertion_type.as_deref() != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
            return None;
        }
        let (input, signature) = assertion.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        idp.client_key
            .verify_signature(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, input.as_bytes(), &signature)
            .ok()?;
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(input.split('.').nth(1)?).ok()?).ok()?;
        let text = |k: &str| claims.get(k).and_then(|v| v.as_str());
        let token_url = format!("{}/token", idp.issuer);
        let audience_ok = match claims.get("aud") {
            Some(serde_json::Value::String(a)) => *a == token_url || *a == idp.issuer,
            Some(serde_json::Value::Array(a)) => a.iter().any(|v| v.as_str() == Some(&token_url)),
            _ => false,
        };
        let fresh = claims.get("exp").and_then(|v| v.as_i64()).is_some_and(|exp| exp > chrono::Utc::now().timestamp());
        let id = text("iss")?;
        if id != idp.client_id || text("sub") != Some(id) || !audience_ok || !fresh {
            return None;
        }
        if form.client_id.as_deref().is_some_and(|c| c != id) {
            return None;
        }
        let jti = text("jti")?.to_string();
        return idp.store().assertion_ids.insert(jti).then(|| id.to_string());
    }
    let basic = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let id = url::form_urlencoded::parse(format!("x={id}").as_bytes()).next()?.1.into_owned();
    (id == idp.client_id && secret == CLIENT_SECRET).then_some(id)
}

async fn userinfo(State(idp): State<Arc<Idp>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let subject = idp.store().tokens.get(token).filter(|(_, at)| at.elapsed() < TOKEN_LIFETIME).map(|(s, _)| s.clone());
    match subject {
        Some(s) => Json(serde_json::json!({
            "sub": s.sub(),
            "name": s.name(),
            "urn:oid:1.2.246.21": s.hetu,
            "urn:oid:2.5.4.42": s.given_name,
            "urn:oid:2.5.4.4": s.surname,
        }))
        .into_response(),
        None => {
            (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")]).into_response()
        }
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
    if let Some(sid) = app::backend::cookie(&headers, SESSION_COOKIE) {
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
