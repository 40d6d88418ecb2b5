//! The authorization endpoint: the request (plain, or a signed request object) checked, then the
//! chooser page where the tester picks a method, a person and a fault; the choice becomes a code.
use super::{CODE_LIFETIME, Fault, Grant, Idp, LOW_ACR, SESSION_COOKIE, Subject};
use crate::config::SandboxIdpProfile;
use crate::sandbox::page::{document, escape, text};
use app::{
    domain::{assurance::Assurance, hetu::Hetu},
    i18n::{Lang, lang_of_request},
    msg,
};
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use std::{sync::Arc, time::Instant};

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
pub(super) struct AuthQuery {
    #[serde(flatten)]
    query: AuthRequest,
    request: Option<String>,
}

/// The chooser page for an authorization request that checks out; otherwise an error page, or
/// (once the redirect URI is trusted) an error back to the client.
pub(super) async fn authorize_page(
    State(idp): State<Arc<Idp>>,
    headers: HeaderMap,
    Query(q): Query<AuthQuery>,
) -> Response {
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

/// The chooser form as posted: the request again (hidden fields) and what the tester picked.
#[derive(Deserialize)]
pub(super) struct Choice {
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

/// The tester's choice: a code back to the client (and the sandbox's session cookie), the
/// chooser again with an error, or `access_denied` on cancel.
pub(super) async fn authorize(State(idp): State<Arc<Idp>>, headers: HeaderMap, Form(choice): Form<Choice>) -> Response {
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
    let code = crate::sandbox::random_token();
    let sid = crate::sandbox::random_token();
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
