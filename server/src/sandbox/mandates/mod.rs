//! Sandbox Suomi.fi e-Authorizations (organisation case, `ypa`). It answers exactly the routes
//! DVV's reference client (`vrk-kpa/roles-auths-client`) calls: `user/register`,
//! `user/unregister`, `api/organizationRoles/{session}` (each server-to-server call checked against
//! the checksum header like the real service does), `/oauth/authorize` (the chooser) and
//! `/oauth/token`. The tester's page is beside the service, at [`ADMIN_PATH`], not under its base
//! URL. Any other path is a 404, so a client calling a route the real service lacks fails here too.
//!
//! The chooser lists only principals for which the person holds our issue (every mandate here is
//! for it), and `organizationRoles` lists the chosen one with the person's roles in it (from the
//! trade register: TJ, TJS, ELI) and `complete`. The tester's page grants, revokes and makes
//! mandates incomplete (awaiting a joint signature); each shows at the next `organizationRoles`.
mod admin;
mod api;
mod checksum;
mod chooser;
mod token;

use super::registers::{Organisation, TestData};
use app::{backend::registry::mandates::PrincipalRole, domain::acting::TradeRegisterRole, i18n::Lang};
use axum::{Router, middleware, routing::get};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

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

/// The sandbox e-Authorizations service: the test registers, the one client it knows, and the
/// mandates and sessions it holds (in memory only).
pub struct Valtuudet {
    data: Arc<TestData>,
    client_id: String,
    /// Redirects go only back to this site.
    site: String,
    store: Mutex<Store>,
}

impl Valtuudet {
    /// The service with the mandates of `testdata/mandates.csv`, for the client `client_id` of the
    /// site at `public_url`.
    pub fn new(data: Arc<TestData>, public_url: &url::Url, client_id: &str) -> Arc<Valtuudet> {
        let mandates = super::csv_rows(include_str!("../testdata/mandates.csv"))
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
}

/// Where testers grant, revoke and change mandates: beside the service, not under its base URL,
/// so the service's own address answers only the routes the real e-Authorizations has.
pub const ADMIN_PATH: &str = "/sandbox/valtuudet-admin";

/// The tester's page at [`ADMIN_PATH`].
pub fn admin_router(service: Arc<Valtuudet>) -> Router {
    Router::new().route("/", get(admin::admin_page).post(admin::admin)).with_state(service)
}

/// The service's routes, to be nested under `/sandbox/valtuudet` (its base URL).
pub fn router(service: Arc<Valtuudet>) -> Router {
    // Server-to-server calls carry the checksum; the browser's chooser and the token endpoint do not.
    let signed = Router::new()
        .route("/service/ypa/user/register/{client_id}/{hetu}", get(api::register))
        .route("/service/ypa/user/unregister/{session_id}", get(api::unregister))
        .route("/service/ypa/api/organizationRoles/{session_id}", get(api::organisation_roles))
        .route_layer(middleware::from_fn_with_state(service.clone(), checksum::checksum_checked));
    Router::new()
        .merge(signed)
        .route("/oauth/authorize", get(chooser::chooser).post(chooser::choose))
        .route("/oauth/token", axum::routing::post(token::token))
        .with_state(service)
}

/// A message in `lang`, unescaped (for titles, which `document` escapes).
fn lookup(lang: Lang, id: &str) -> String {
    app::i18n::lookup(lang, id, None)
}
