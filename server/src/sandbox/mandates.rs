//! Sandbox Suomi.fi e-Authorizations (organisation case, `ypa`). It answers exactly the routes
//! DVV's reference client (`vrk-kpa/roles-auths-client`) calls: `user/register`,
//! `user/unregister`, `api/organizationRoles/{session}` (each server-to-server call checked against
//! the checksum header like the real service does), `/oauth/authorize` (the chooser) and
//! `/oauth/token`; plus the tester's page `/admin`. Any other path is a 404, so a client calling a
//! route the real service lacks fails here too.
//!
//! The chooser lists only principals for which the person holds our issue (every mandate here is
//! for it), and `organizationRoles` lists the chosen one with the person's roles in it (from the
//! trade register: TJ, TJS, ELI) and `complete`. The tester's page grants, revokes and makes
//! mandates incomplete (awaiting a joint signature); each shows at the next `organizationRoles`.
use super::{
    page::{document, escape, text},
    registers::{Organisation, TestData},
};
use app::{
    backend::registry::mandates::{CHECKSUM_HEADER, PrincipalRole, checksum},
    domain::acting::TradeRegisterRole,
    i18n::{Lang, lang_of_request},
    msg,
};
use axum::{
    Form, Json, Router,
    extract::{OriginalUri, Path, Query, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::{self, Next},
    response::{Html, IntoResponse, Redirect, Response},
    routing::get,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde::Deserialize;
use serde_json::json;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};
use subtle::ConstantTimeEq;

/// Sandbox material only, the settings' defaults: the checksum key and the token endpoint's
/// Basic password.
use crate::config::{SANDBOX_MANDATES_CLIENT_SECRET as CLIENT_SECRET, SANDBOX_MANDATES_OAUTH_SECRET as OAUTH_SECRET};
/// How far a checksum's timestamp may be from our clock, as in the real service.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Holder {
    /// A person, by personal identity code.
    Person(String),
    /// A company, by organisation id; its responsible persons act.
    Company(String),
}

#[derive(Clone, Debug)]
struct Mandate {
    principal: String,
    holder: Holder,
    active: bool,
    /// `false`: awaiting a signature (e.g. joint signing), listed with `complete: false`.
    complete: bool,
}

/// A principal the chooser offers a person.
struct Offered {
    organisation: Organisation,
    via_company: bool,
    complete: bool,
}

#[derive(Clone, Debug, Default)]
struct Session {
    hetu: String,
    user_id: String,
    chosen: Option<String>,
    code: Option<String>,
    token: Option<String>,
}

#[derive(Default)]
struct Store {
    mandates: Vec<Mandate>,
    sessions: HashMap<String, Session>,
}

pub struct Valtuudet {
    data: Arc<TestData>,
    client_id: String,
    /// Redirects go only back to this site.
    site: String,
    store: Mutex<Store>,
}

impl Valtuudet {
    pub fn new(data: Arc<TestData>, public_url: &url::Url, client_id: &str) -> Arc<Valtuudet> {
        let mandates = super::csv_rows(include_str!("testdata/mandates.csv"))
            .into_iter()
            .filter_map(|row| match row.as_slice() {
                [principal, kind, holder, state] => Some(Mandate {
                    principal: principal.clone(),
                    holder: match kind.as_str() {
                        "company" => Holder::Company(holder.clone()),
                        _ => Holder::Person(data.person(holder)?.hetu.clone()),
                    },
                    active: state != "revoked",
                    complete: state != "incomplete",
                }),
                _ => None,
            })
            .collect();
        Arc::new(Valtuudet {
            data,
            client_id: client_id.to_string(),
            site: public_url.as_str().trim_end_matches('/').to_string(),
            store: Mutex::new(Store { mandates, sessions: HashMap::new() }),
        })
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The organisations `hetu` holds an active mandate for (ours is the only issue here), itself
    /// or through a company it represents; complete when any of those mandates is.
    fn principals_of(&self, hetu: &str) -> Vec<Offered> {
        let person = self.data.person_by_hetu(hetu).map(|p| p.id.clone()).unwrap_or_default();
        let companies: Vec<String> = self.data.acting_roles_of(&person).map(|o| o.id.clone()).collect();
        let mut found: Vec<Offered> = Vec::new();
        for m in self.store().mandates.iter().filter(|m| m.active) {
            let via_company = match &m.holder {
                Holder::Person(h) if h == hetu => false,
                Holder::Company(c) if companies.contains(c) => true,
                _ => continue,
            };
            match found.iter_mut().find(|f| f.organisation.id == m.principal) {
                Some(known) => known.complete |= m.complete,
                None => {
                    if let Some(o) = self.data.organisation(&m.principal) {
                        found.push(Offered { organisation: o.clone(), via_company, complete: m.complete });
                    }
                }
            }
        }
        found
    }

    /// The person's roles in `organisation` as e-Authorizations codes them; other trade-register
    /// roles get no code here.
    fn roles_in(&self, hetu: &str, organisation: &str) -> Vec<&'static str> {
        let person = self.data.person_by_hetu(hetu).map(|p| p.id.as_str()).unwrap_or_default();
        self.data
            .roles
            .iter()
            .filter(|(p, o, _)| p == person && o == organisation)
            .filter_map(|(_, _, role)| match TradeRegisterRole::from_code(role) {
                TradeRegisterRole::ManagingDirector => Some(PrincipalRole::ManagingDirector.code()),
                TradeRegisterRole::DeputyManagingDirector => Some(PrincipalRole::DeputyManagingDirector.code()),
                TradeRegisterRole::Entrepreneur => Some(PrincipalRole::Entrepreneur.code()),
                _ => None,
            })
            .collect()
    }

    /// Checks the checksum header of a server-to-server call.
    fn verify(&self, headers: &HeaderMap, uri: &axum::http::Uri) -> Result<(), &'static str> {
        let Some(value) = headers.get(CHECKSUM_HEADER).and_then(|v| v.to_str().ok()) else {
            return Err("no checksum header");
        };
        let parts: Vec<&str> = value.split(' ').collect();
        let [client, timestamp, sum] = parts.as_slice() else {
            return Err("malformed checksum header");
        };
        if *client != self.client_id {
            return Err("unknown client");
        }
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(timestamp) else {
            return Err("bad timestamp");
        };
        if (chrono::Utc::now() - at.to_utc()).abs() > CLOCK_SKEW {
            return Err("stale timestamp");
        }
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
        let expected = checksum(CLIENT_SECRET, path, timestamp);
        if !bool::from(expected.as_bytes().ct_eq(sum.as_bytes())) {
            return Err("checksum does not match");
        }
        Ok(())
    }

    /// Answers a call whose checksum failed, saying why (the sandbox is for developers).
    fn refused(why: &'static str) -> Response {
        tracing::warn!(why, "sandbox e-Authorizations refused a call");
        (StatusCode::UNAUTHORIZED, Json(json!({ "error": why }))).into_response()
    }

    /// The session named in the path, if the bearer token is its own.
    fn session_with_token(&self, session_id: &str, headers: &HeaderMap) -> Option<Session> {
        let bearer = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")?;
        let session = self.store().sessions.get(session_id)?.clone();
        let token = session.token.as_deref()?;
        bool::from(token.as_bytes().ct_eq(bearer.as_bytes())).then_some(session)
    }
}

/// Where testers grant, revoke and change mandates: beside the service, not under its base URL,
/// so the service's own address answers only the routes the real e-Authorizations has.
pub const ADMIN_PATH: &str = "/sandbox/valtuudet-admin";

/// The tester's page at [`ADMIN_PATH`].
pub fn admin_router(service: Arc<Valtuudet>) -> Router {
    Router::new().route("/", get(admin_page).post(admin)).with_state(service)
}

pub fn router(service: Arc<Valtuudet>) -> Router {
    // Server-to-server calls carry the checksum; the browser's chooser and the token endpoint do not.
    let signed = Router::new()
        .route("/service/ypa/user/register/{client_id}/{hetu}", get(register))
        .route("/service/ypa/user/unregister/{session_id}", get(unregister))
        .route("/service/ypa/api/organizationRoles/{session_id}", get(organisation_roles))
        .route_layer(middleware::from_fn_with_state(service.clone(), checksum_checked));
    Router::new()
        .merge(signed)
        .route("/oauth/authorize", get(chooser).post(choose))
        .route("/oauth/token", axum::routing::post(token))
        .with_state(service)
}

/// Refuses a server-to-server call whose checksum header is missing, stale or wrong.
async fn checksum_checked(State(service): State<Arc<Valtuudet>>, request: Request, next: Next) -> Response {
    // The path as the caller signed it, before nesting stripped the prefix.
    let uri = request.extensions().get::<OriginalUri>().map(|o| o.0.clone()).unwrap_or_else(|| request.uri().clone());
    match service.verify(request.headers(), &uri) {
        Ok(()) => next.run(request).await,
        Err(why) => Valtuudet::refused(why),
    }
}

async fn register(State(service): State<Arc<Valtuudet>>, Path((client_id, hetu)): Path<(String, String)>) -> Response {
    if client_id != service.client_id || app::domain::hetu::Hetu::parse(&hetu).is_err() {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let (session_id, user_id) = (super::random_token(), super::random_token());
    let session = Session { hetu, user_id: user_id.clone(), ..Default::default() };
    service.store().sessions.insert(session_id.clone(), session);
    Json(json!({ "sessionId": session_id, "userId": user_id })).into_response()
}

/// Answers `true`, as the reference client expects.
async fn unregister(State(service): State<Arc<Valtuudet>>, Path(session_id): Path<String>) -> Response {
    service.store().sessions.remove(&session_id);
    Json(json!(true)).into_response()
}

#[derive(Deserialize)]
struct ChooserRequest {
    client_id: String,
    redirect_uri: String,
    user: String,
    state: Option<String>,
    lang: Option<String>,
    /// On the form post: the chosen organisation, or `cancel`.
    principal: Option<String>,
}

impl ChooserRequest {
    fn lang(&self, headers: &HeaderMap) -> Lang {
        self.lang.as_deref().and_then(Lang::from_code).unwrap_or_else(|| lang_of_request(headers))
    }

    fn back(&self, pairs: &[(&str, &str)]) -> Response {
        let Ok(mut url) = url::Url::parse(&self.redirect_uri) else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        url.query_pairs_mut().extend_pairs(pairs);
        if let Some(state) = &self.state {
            url.query_pairs_mut().append_pair("state", state);
        }
        Redirect::to(url.as_str()).into_response()
    }

    fn valid(&self, service: &Valtuudet) -> bool {
        self.client_id == service.client_id && self.redirect_uri.starts_with(&format!("{}/", service.site))
    }
}

fn session_of_user(service: &Valtuudet, user: &str) -> Option<(String, Session)> {
    service.store().sessions.iter().find(|(_, s)| s.user_id == user).map(|(id, s)| (id.clone(), s.clone()))
}

async fn chooser(
    State(service): State<Arc<Valtuudet>>,
    headers: HeaderMap,
    Query(q): Query<ChooserRequest>,
) -> Response {
    let lang = q.lang(&headers);
    let t = |id: &str| text(lang, id);
    let Some((_, session)) = session_of_user(&service, &q.user).filter(|_| q.valid(&service)) else {
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            t(msg!("sandbox-mandates-title")),
            t(msg!("sandbox-mandates-error-request"))
        );
        return (StatusCode::BAD_REQUEST, Html(document(lang, &lookup(lang, msg!("sandbox-mandates-title")), &body)))
            .into_response();
    };
    let hidden: String = [("client_id", &q.client_id), ("redirect_uri", &q.redirect_uri), ("user", &q.user)]
        .into_iter()
        .chain(q.state.as_ref().map(|s| ("state", s)))
        .chain(q.lang.as_ref().map(|l| ("lang", l)))
        .map(|(name, value)| format!(r#"<input type="hidden" name="{name}" value="{}">"#, escape(value)))
        .collect();
    let principals = service.principals_of(&session.hetu);
    let options: String = principals
        .iter()
        .enumerate()
        .map(|(i, Offered { organisation: o, via_company, .. })| {
            let note = if *via_company {
                format!(" <small>{}</small>", t(msg!("sandbox-mandates-via-company")))
            } else {
                String::new()
            };
            format!(
                r#"<label><input type="radio" name="principal" value="{}"{}> {} ({}){note}</label>"#,
                escape(&o.id),
                if i == 0 { " checked" } else { "" },
                escape(&o.name),
                escape(&o.business_id),
            )
        })
        .collect();
    let choose = if principals.is_empty() {
        format!("<p>{}</p>", t(msg!("sandbox-mandates-none")))
    } else {
        format!(
            r#"<fieldset><legend>{}</legend>{options}</fieldset><button type="submit" name="action" value="choose">{}</button>"#,
            t(msg!("sandbox-mandates-choose-legend")),
            t(msg!("sandbox-mandates-choose"))
        )
    };
    let body = format!(
        r#"<p class="banner">{banner}</p><h1>{heading}</h1><p>{issue}</p><form method="post" action="authorize">{hidden}{choose}<button type="submit" name="action" value="cancel" class="secondary">{cancel}</button></form>"#,
        banner = t(msg!("sandbox-mandates-banner")),
        heading = t(msg!("sandbox-mandates-choose-heading")),
        issue = t(msg!("sandbox-mandates-issue")),
        cancel = t(msg!("sandbox-mandates-cancel")),
    );
    Html(document(lang, &lookup(lang, msg!("sandbox-mandates-title")), &body)).into_response()
}

fn lookup(lang: Lang, id: &str) -> String {
    app::i18n::lookup(lang, id, None)
}

#[derive(Deserialize)]
struct ChooseForm {
    #[serde(flatten)]
    request: ChooserRequest,
    action: String,
}

async fn choose(State(service): State<Arc<Valtuudet>>, Form(form): Form<ChooseForm>) -> Response {
    let q = form.request;
    let Some((session_id, session)) = session_of_user(&service, &q.user).filter(|_| q.valid(&service)) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if form.action != "choose" {
        return q.back(&[("error", "access_denied")]);
    }
    let chosen =
        q.principal.clone().filter(|p| service.principals_of(&session.hetu).iter().any(|f| &f.organisation.id == p));
    let Some(chosen) = chosen else {
        return q.back(&[("error", "access_denied")]);
    };
    let code = super::random_token();
    if let Some(s) = service.store().sessions.get_mut(&session_id) {
        s.chosen = Some(chosen);
        s.code = Some(code.clone());
    }
    q.back(&[("code", &code)])
}

#[derive(Deserialize)]
struct TokenQuery {
    code: String,
    grant_type: String,
}

async fn token(State(service): State<Arc<Valtuudet>>, headers: HeaderMap, Query(q): Query<TokenQuery>) -> Response {
    let expected = format!("Basic {}", STANDARD.encode(format!("{}:{OAUTH_SECRET}", service.client_id)));
    let authorised = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| bool::from(v.as_bytes().ct_eq(expected.as_bytes())));
    if !authorised || q.grant_type != "authorization_code" {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "invalid_client" }))).into_response();
    }
    let mut store = service.store();
    // Codes are single-use.
    let Some(session) = store.sessions.values_mut().find(|s| s.code.as_deref() == Some(q.code.as_str())) else {
        return (StatusCode::BAD_REQUEST, Json(json!({ "error": "invalid_grant" }))).into_response();
    };
    session.code = None;
    let token = super::random_token();
    session.token = Some(token.clone());
    Json(json!({ "access_token": token, "token_type": "bearer", "expires_in": 36000 })).into_response()
}

/// The chosen principal while the person still holds a mandate for it: `[{name, identifier,
/// roles, complete}]`, or `[]`; 401 when the session or its token is unknown (ended).
async fn organisation_roles(
    State(service): State<Arc<Valtuudet>>,
    headers: HeaderMap,
    Path(session_id): Path<String>,
) -> Response {
    let Some(session) = service.session_with_token(&session_id, &headers) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let chosen: Vec<_> = service
        .principals_of(&session.hetu)
        .into_iter()
        .filter(|f| session.chosen.as_deref() == Some(f.organisation.id.as_str()))
        .map(|f| {
            json!({
                "name": f.organisation.name,
                "identifier": f.organisation.business_id,
                "roles": service.roles_in(&session.hetu, &f.organisation.id),
                "complete": f.complete,
            })
        })
        .collect();
    Json(json!(chosen)).into_response()
}

/// The tester's page: every mandate with revoke/restore, and forms to grant new ones.
async fn admin_page(State(service): State<Arc<Valtuudet>>, headers: HeaderMap) -> Response {
    let lang = lang_of_request(&headers);
    let t = |id: &str| text(lang, id);
    let data = &service.data;
    let org_name =
        |id: &str| data.organisation(id).map(|o| format!("{} ({})", o.name, o.business_id)).unwrap_or_default();
    let rows: String = service
        .store()
        .mandates
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let holder = match &m.holder {
                Holder::Person(hetu) => data.person_by_hetu(hetu).map(|p| format!("{} ({hetu})", p.name)).unwrap_or_else(|| hetu.clone()),
                Holder::Company(id) => org_name(id),
            };
            let state = match (m.active, m.complete) {
                (false, _) => t(msg!("sandbox-mandates-revoked")),
                (true, true) => t(msg!("sandbox-mandates-active")),
                (true, false) => t(msg!("sandbox-mandates-incomplete")),
            };
            let button = |action: &str, label: &str| {
                format!(r#"<button type="submit" name="action" value="{action}">{label}</button>"#)
            };
            let mut buttons = if m.active {
                button("revoke", &t(msg!("sandbox-mandates-revoke")))
            } else {
                button("restore", &t(msg!("sandbox-mandates-restore")))
            };
            buttons += &if m.complete {
                button("incomplete", &t(msg!("sandbox-mandates-make-incomplete")))
            } else {
                button("complete", &t(msg!("sandbox-mandates-make-complete")))
            };
            format!(
                r#"<tr><td>{}</td><td>{}</td><td>{state}</td><td><form method="post"><input type="hidden" name="index" value="{i}">{buttons}</form></td></tr>"#,
                escape(&org_name(&m.principal)),
                escape(&holder),
            )
        })
        .collect();
    let principal_options: String = data
        .organisations
        .iter()
        .map(|o| format!(r#"<option value="{}">{}</option>"#, escape(&o.id), escape(&org_name(&o.id))))
        .collect();
    let body = format!(
        r#"<p class="banner">{banner}</p><h1>{heading}</h1><p>{intro}</p>
<div class="scroll"><table><thead><tr><th>{principal}</th><th>{holder}</th><th>{state}</th><th></th></tr></thead><tbody>{rows}</tbody></table></div>
<h2>{grant_heading}</h2>
<form method="post"><input type="hidden" name="action" value="grant-person">
<label>{principal} <select name="principal">{principal_options}</select></label>
<label>{holder_hetu} <input type="text" name="holder" autocomplete="off"></label>
<button type="submit">{grant_person}</button></form>
<form method="post"><input type="hidden" name="action" value="grant-company">
<label>{principal} <select name="principal">{principal_options}</select></label>
<label>{holder_company} <select name="holder">{principal_options}</select></label>
<button type="submit">{grant_company}</button></form>"#,
        banner = t(msg!("sandbox-mandates-banner")),
        heading = t(msg!("sandbox-mandates-admin-heading")),
        intro = t(msg!("sandbox-mandates-admin-text")),
        principal = t(msg!("sandbox-mandates-principal")),
        holder = t(msg!("sandbox-mandates-holder")),
        state = t(msg!("sandbox-mandates-state")),
        grant_heading = t(msg!("sandbox-mandates-grant-heading")),
        holder_hetu = t(msg!("sandbox-mandates-holder-hetu")),
        holder_company = t(msg!("sandbox-mandates-holder-company")),
        grant_person = t(msg!("sandbox-mandates-grant-person")),
        grant_company = t(msg!("sandbox-mandates-grant-company")),
    );
    Html(document(lang, &lookup(lang, msg!("sandbox-mandates-admin-heading")), &body)).into_response()
}

#[derive(Deserialize)]
struct AdminForm {
    action: String,
    index: Option<usize>,
    principal: Option<String>,
    holder: Option<String>,
}

async fn admin(State(service): State<Arc<Valtuudet>>, Form(form): Form<AdminForm>) -> Response {
    let known = |id: &Option<String>| id.as_ref().filter(|id| service.data.organisation(id).is_some()).cloned();
    let mut store = service.store();
    match (form.action.as_str(), form.index) {
        ("revoke" | "restore", Some(i)) if i < store.mandates.len() => {
            store.mandates[i].active = form.action == "restore"
        }
        ("incomplete" | "complete", Some(i)) if i < store.mandates.len() => {
            store.mandates[i].complete = form.action == "complete"
        }
        ("grant-person", _) => {
            let hetu = form.holder.as_deref().and_then(|h| app::domain::hetu::Hetu::parse(h).ok());
            if let (Some(principal), Some(hetu)) = (known(&form.principal), hetu) {
                store.mandates.push(Mandate {
                    principal,
                    holder: Holder::Person(hetu.to_string()),
                    active: true,
                    complete: true,
                });
            } else {
                return StatusCode::BAD_REQUEST.into_response();
            }
        }
        ("grant-company", _) => match (known(&form.principal), known(&form.holder)) {
            (Some(principal), Some(company)) => store.mandates.push(Mandate {
                principal,
                holder: Holder::Company(company),
                active: true,
                complete: true,
            }),
            _ => return StatusCode::BAD_REQUEST.into_response(),
        },
        _ => return StatusCode::BAD_REQUEST.into_response(),
    }
    Redirect::to(ADMIN_PATH).into_response()
}
