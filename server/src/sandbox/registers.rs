//! Sandbox trade register, professional registers, National Code Service and Fimea's pharmacy
//! register, answering from the fictional test data in `testdata/` in the shapes our registry
//! clients read.
use super::csv_rows;
use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub hetu: String,
}

#[derive(Clone, Debug)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub business_id: String,
    pub kind: String,
    pub oid: String,
    pub code_service_status: String,
}

/// The fictional registers, read once from the CSV files.
pub struct TestData {
    pub persons: Vec<Person>,
    pub organisations: Vec<Organisation>,
    /// (person id, organisation id, role code)
    pub roles: Vec<(String, String, String)>,
    /// (person id, organisation id, registration kind)
    pub registrations: Vec<(String, String, String)>,
    /// Service units listed on their own, not under their organisation's root OID:
    /// (OID, name, the owner's business ID).
    pub units: Vec<(String, String, String)>,
    /// Service units removed from the code service (`POST /units/{oid}/retire`), to show what
    /// the product does when a unit it knows disappears from the register.
    pub retired_units: std::sync::Mutex<std::collections::HashSet<String>>,
    /// Fimea's pharmacy register: (organisation id, takeover date or empty, pharmacist in
    /// charge's person id). A tester registers a takeover date (`POST .../takeover`).
    pub pharmacies: std::sync::Mutex<Vec<(String, String, String)>>,
}

impl TestData {
    pub fn load() -> TestData {
        let triples = |text: &str| {
            csv_rows(text)
                .into_iter()
                .filter_map(|r| match r.as_slice() {
                    [a, b, c, ..] => Some((a.clone(), b.clone(), c.clone())),
                    _ => None,
                })
                .collect()
        };
        TestData {
            persons: csv_rows(super::PERSONS_CSV)
                .into_iter()
                .filter_map(|r| match r.as_slice() {
                    [id, given, surname, hetu, ..] => {
                        Some(Person { id: id.clone(), name: format!("{given} {surname}"), hetu: hetu.clone() })
                    }
                    _ => None,
                })
                .collect(),
            organisations: csv_rows(include_str!("testdata/organisations.csv"))
                .into_iter()
                .filter_map(|r| match r.as_slice() {
                    [id, name, business_id, kind, oid, status] => Some(Organisation {
                        id: id.clone(),
                        name: name.clone(),
                        business_id: business_id.clone(),
                        kind: kind.clone(),
                        oid: oid.clone(),
                        code_service_status: status.clone(),
                    }),
                    _ => None,
                })
                .collect(),
            roles: triples(include_str!("testdata/trade_register_roles.csv")),
            registrations: triples(include_str!("testdata/professional_register.csv")),
            units: triples(include_str!("testdata/code_service_units.csv")),
            retired_units: Default::default(),
            pharmacies: std::sync::Mutex::new(triples(include_str!("testdata/pharmacy_register.csv"))),
        }
    }

    pub fn person_by_hetu(&self, hetu: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.hetu == hetu)
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.id == id)
    }

    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    pub fn organisation_by_business_id(&self, business_id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.business_id == business_id)
    }

    /// Organisations whose responsible persons `person` is (a role that acts without a mandate).
    pub fn acting_roles_of<'a>(&'a self, person: &'a str) -> impl Iterator<Item = &'a Organisation> + 'a {
        const ACTING: [&str; 4] =
            ["elinkeinonharjoittaja", "toimitusjohtaja", "toimitusjohtajan_sijainen", "varatoimitusjohtaja"];
        self.roles
            .iter()
            .filter(move |(p, _, role)| p == person && ACTING.contains(&role.as_str()))
            .filter_map(|(_, o, _)| self.organisation(o))
    }
}

fn organisation_json(o: &Organisation) -> serde_json::Value {
    json!({ "business_id": o.business_id, "name": o.name, "kind": o.kind })
}

#[derive(Deserialize)]
struct PersonQuery {
    person: String,
}

pub fn trade_register(data: Arc<TestData>) -> Router {
    Router::new().route("/roles", post(roles)).route("/organisations/{business_id}", get(organisation)).with_state(data)
}

/// The person's rows of a register (person, organisation, value): each organisation with `field`
/// set to the row's value.
fn entries_of(data: &TestData, rows: &[(String, String, String)], hetu: &str, field: &str) -> Json<serde_json::Value> {
    let person = data.person_by_hetu(hetu).map(|p| p.id.as_str()).unwrap_or("");
    let entries: Vec<_> = rows
        .iter()
        .filter(|(p, _, _)| p == person)
        .filter_map(|(_, o, value)| {
            let mut entry = organisation_json(data.organisation(o)?);
            entry[field] = json!(value);
            Some(entry)
        })
        .collect();
    Json(json!(entries))
}

async fn roles(State(data): State<Arc<TestData>>, Json(q): Json<PersonQuery>) -> Json<serde_json::Value> {
    entries_of(&data, &data.roles, &q.person, "role")
}

async fn organisation(State(data): State<Arc<TestData>>, Path(business_id): Path<String>) -> Response {
    match data.organisation_by_business_id(&business_id) {
        Some(o) => Json(organisation_json(o)).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub fn professional_register(data: Arc<TestData>) -> Router {
    Router::new().route("/registrations", post(registrations)).with_state(data)
}

async fn registrations(State(data): State<Arc<TestData>>, Json(q): Json<PersonQuery>) -> Json<serde_json::Value> {
    entries_of(&data, &data.registrations, &q.person, "registration")
}

pub fn pharmacy_register(data: Arc<TestData>) -> Router {
    Router::new()
        .route("/pharmacies/{business_id}", get(pharmacy))
        .route("/pharmacies/{business_id}/takeover", post(register_takeover))
        .with_state(data)
}

async fn pharmacy(State(data): State<Arc<TestData>>, Path(business_id): Path<String>) -> Response {
    let Some(organisation) = data.organisation_by_business_id(&business_id) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(pharmacies) = data.pharmacies.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    match pharmacies.iter().find(|(o, _, _)| *o == organisation.id) {
        Some((_, takeover, pharmacist)) => Json(json!({
            "name": organisation.name,
            "takeover_on": Some(takeover).filter(|t| !t.is_empty()),
            "pharmacist_in_charge": data.person(pharmacist).map(|p| p.name.clone()).unwrap_or_default(),
        }))
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
struct Takeover {
    /// ISO 8601 (`2027-03-01`).
    takeover_on: String,
}

/// A tester registers the pharmacy's takeover date, as Fimea would when a pharmacist is granted
/// the licence.
async fn register_takeover(
    State(data): State<Arc<TestData>>,
    Path(business_id): Path<String>,
    Json(takeover): Json<Takeover>,
) -> StatusCode {
    let Some(organisation) = data.organisation_by_business_id(&business_id) else {
        return StatusCode::NOT_FOUND;
    };
    if app::domain::validation::Date::parse(&takeover.takeover_on).is_err() {
        return StatusCode::UNPROCESSABLE_ENTITY;
    }
    let Ok(mut pharmacies) = data.pharmacies.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    match pharmacies.iter_mut().find(|(o, _, _)| *o == organisation.id) {
        Some((_, date, _)) => {
            *date = takeover.takeover_on.trim().to_string();
            StatusCode::NO_CONTENT
        }
        None => StatusCode::NOT_FOUND,
    }
}

pub fn code_service(data: Arc<TestData>) -> Router {
    Router::new()
        .route("/organisations/{business_id}", get(code_service_entry))
        .route("/units/{oid}", get(code_service_unit))
        .route("/units/{oid}/retire", post(retire_unit))
        .with_state(data)
}

/// The sandbox's SOTE register knows the service units `<root>.10.1` to `<root>.10.9` of every
/// organisation whose data is current (`<root>.10.0` is the organisation itself).
async fn code_service_unit(State(data): State<Arc<TestData>>, Path(oid): Path<String>) -> Response {
    if data.retired_units.lock().is_ok_and(|r| r.contains(&oid)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    // Units 1 to 9 under each organisation's root, and the units listed on their own.
    let under_root = data.organisations.iter().filter(|o| !o.oid.is_empty()).find_map(|o| {
        let base = o.oid.strip_suffix(".0")?;
        let n: u8 = oid.strip_prefix(base)?.strip_prefix('.')?.parse().ok()?;
        (1..=9).contains(&n).then(|| (format!("{}, toimipaikka {n}", o.name), o.business_id.clone()))
    });
    let listed = || data.units.iter().find(|(o, ..)| *o == oid).map(|(_, name, owner)| (name.clone(), owner.clone()));
    match under_root.or_else(listed) {
        Some((name, owner)) => Json(json!({ "name": name, "business_id": owner })).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn retire_unit(State(data): State<Arc<TestData>>, Path(oid): Path<String>) -> StatusCode {
    match data.retired_units.lock() {
        Ok(mut retired) => {
            retired.insert(oid);
            StatusCode::NO_CONTENT
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn code_service_entry(State(data): State<Arc<TestData>>, Path(business_id): Path<String>) -> Response {
    match data.organisation_by_business_id(&business_id).filter(|o| o.code_service_status != "missing") {
        Some(o) => {
            let oid = Some(o.oid.as_str()).filter(|s| !s.is_empty());
            Json(json!({ "oid": oid, "status": o.code_service_status })).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
