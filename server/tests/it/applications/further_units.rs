//! Further service units on an application: each checked like the first, added and removed with
//! a trace in the history, and taken over as the organisation's technical data at go-live.
use super::row;
use crate::common::{
    TestApp,
    api::{AddUnit, RemoveUnit, SaveApplication, ServerFn},
    applications::{ANSWERS, history, save_fields, sign_send_and_go_live, start},
    browser::{Browser, log_in},
};
use app::backend::entities::{application_unit, technical_item};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub(super) async fn further_service_units_are_checked_and_taken_over(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let (_, id) = start(&clinic, &["patient-data"]).await;
    let id: i32 = id.parse().unwrap();
    let (status, body) = clinic.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    units_are_checked(&app, &clinic, id).await;
    units_are_added_and_removed(&app, &clinic, id).await;
    staff_take_the_units_over(&app, &clinic, id).await;
}

/// The form that adds the unit `name` with `oid` to application `id`, made on `version`.
fn add(id: i32, version: i32, name: &str, oid: &str) -> Vec<(String, String)> {
    vec![
        ("id".to_string(), id.to_string()),
        ("version".into(), version.to_string()),
        ("unit_name".into(), name.into()),
        ("unit_oid".into(), oid.into()),
    ]
}

/// A bad, foreign, unknown or listed OID, a missing name and a stale version are refused.
async fn units_are_checked(app: &TestApp, clinic: &Browser, id: i32) {
    for (name, oid, problem) in [
        ("Röntgen", "1.2.x", "InvalidOid"),
        ("", "1.2.246.10.31415903.10.2", "Required"),
        ("Röntgen", "1.2.246.10.31417124.10.2", "NotOwnOid"),
        ("Röntgen", "1.2.246.10.31415903.10.12", "NotInRegister"),
        ("Vastaanotto", "1.2.246.10.31415903.10.1", "AlreadyListed"),
    ] {
        let (status, body) = clinic.call(AddUnit::PATH, &add(id, 2, name, oid)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{oid}: {body}");
        assert!(body.contains(problem), "{oid}: {body}");
    }
    let (status, _) = clinic.call(AddUnit::PATH, &add(id, 1, "Röntgen", "1.2.246.10.31415903.10.2")).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale version");
    assert_eq!(row(app, id).await.version, 2, "nothing refused was saved");
    // Without JavaScript the refused form comes back with what was typed.
    let page = clinic.post_form(AddUnit::PATH, &add(id, 2, "Röntgen", "1.2.246.10.31415903.10.12")).await;
    assert!(page.url.contains("?refused="), "{:?}", page.trail);
    assert!(page.body.contains("value=\"1.2.246.10.31415903.10.12\""), "the OID typed is in the form again");
}

/// Röntgen added (its name trimmed) and Laboratorio added and removed: the page lists what is
/// left and the history says what happened.
async fn units_are_added_and_removed(app: &TestApp, clinic: &Browser, id: i32) {
    let page = clinic.post_form(AddUnit::PATH, &add(id, 2, " Röntgen ", "1.2.246.10.31415903.10.2")).await;
    assert!(page.url.contains(&format!("/applications/{id}")), "{:?}", page.trail);
    let (status, body) = clinic.call(AddUnit::PATH, &add(id, 3, "Röntgen 2", "1.2.246.10.31415903.10.2")).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AlreadyListed"), "{body}");
    let (status, body) = clinic.call(AddUnit::PATH, &add(id, 3, "Laboratorio", "1.2.246.10.31415903.10.3")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let laboratory = application_unit::Entity::find()
        .filter(application_unit::Column::Oid.eq("1.2.246.10.31415903.10.3"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let remove = [
        ("id".to_string(), id.to_string()),
        ("version".into(), "4".into()),
        ("unit".into(), laboratory.id.to_string()),
    ];
    let (status, body) = clinic.call(RemoveUnit::PATH, &remove).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = clinic.get(&format!("/applications/{id}")).await;
    let list = page.body.split("id=\"unit-list\"").nth(1).expect("units listed").split("</table>").next().unwrap();
    assert!(
        list.contains("Röntgen") && list.contains("1.2.246.10.31415903.10.2") && !list.contains("Laboratorio"),
        "{list}"
    );
    let history: Vec<String> = history(&app.db, id)
        .await
        .into_iter()
        .map(|e| format!("{}:{}", e.kind, e.comment.unwrap_or_default()))
        .collect();
    assert_eq!(
        history,
        [
            "created:",
            "unit-added:Röntgen (1.2.246.10.31415903.10.2)",
            "unit-added:Laboratorio (1.2.246.10.31415903.10.3)",
            "unit-removed:Laboratorio (1.2.246.10.31415903.10.3)"
        ]
    );
}

/// Staff see both units; at go-live both become the organisation's technical data.
async fn staff_take_the_units_over(app: &TestApp, clinic: &Browser, id: i32) {
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    sign_send_and_go_live(clinic, &staff, id, 5).await;
    let desk = staff.get(&format!("/staff/applications/{id}")).await;
    assert!(desk.body.contains("id=\"unit-list\"") && desk.body.contains("Röntgen"));
    let (status, _) = clinic.call(AddUnit::PATH, &add(id, 10, "Myöhään", "1.2.246.10.31415903.10.4")).await;
    assert_eq!(status, StatusCode::CONFLICT, "in production: the application is not changed any more");
    let mut units: Vec<String> = technical_item::Entity::find()
        .filter(technical_item::Column::Kind.eq("unit"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|t| t.oid)
        .collect();
    units.sort();
    assert_eq!(units, ["1.2.246.10.31415903.10.1", "1.2.246.10.31415903.10.2"]);
}
