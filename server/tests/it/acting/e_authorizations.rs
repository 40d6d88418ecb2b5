//! The sandbox e-Authorizations as its client sees it: signed calls only, the real service's
//! routes only, and a session that ends there.
use super::{choose_with_mandate, fi, the_audit_event};
use crate::common::{
    TestApp,
    api::{OrganisationOverview, ServerFn},
    browser::{Browser, NO_FIELDS, log_in},
};
use app::backend::entities::{acting, audit_event};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait};

pub(super) async fn e_authorizations_refuses_unsigned_calls(app: TestApp) {
    let client = reqwest::Client::new();
    let url =
        format!("{}/sandbox/valtuudet/service/ypa/user/register/kanta-extranet/120375-901K?requestId=1", app.base);
    let unsigned = client.get(&url).send().await.unwrap();
    assert_eq!(unsigned.status(), StatusCode::UNAUTHORIZED);
    let stamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let path = "/sandbox/valtuudet/service/ypa/user/register/kanta-extranet/120375-901K?requestId=1";
    let sign = |secret: &str, stamp: &str| {
        format!("kanta-extranet {stamp} {}", app::backend::registry::mandates::checksum(secret, path, stamp))
    };
    let wrong =
        client.get(&url).header("X-AsiointivaltuudetAuthorization", sign("guess", &stamp)).send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let old = (chrono::Utc::now() - chrono::Duration::minutes(6)).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let secret = server::config::SANDBOX_MANDATES_CLIENT_SECRET;
    let stale = client.get(&url).header("X-AsiointivaltuudetAuthorization", sign(secret, &old)).send().await.unwrap();
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED, "more than five minutes off");
    let good = client.get(&url).header("X-AsiointivaltuudetAuthorization", sign(secret, &stamp)).send().await.unwrap();
    assert_eq!(good.status(), StatusCode::OK);
}

/// A signed GET to the sandbox e-Authorizations, as our client sends it.
async fn signed_get(app: &TestApp, path: &str, bearer: Option<&str>) -> reqwest::Response {
    let path = format!("/sandbox/valtuudet{path}");
    let stamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let sum = app::backend::registry::mandates::checksum(server::config::SANDBOX_MANDATES_CLIENT_SECRET, &path, &stamp);
    let mut request = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .header("X-AsiointivaltuudetAuthorization", format!("kanta-extranet {stamp} {sum}"));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The sandbox answers the routes DVV's reference client calls and nothing else, so a client
/// calling a route the real service lacks fails here as it would there.
pub(super) async fn e_authorizations_answers_only_the_routes_of_the_real_service(app: TestApp) {
    let registered = signed_get(&app, "/service/ypa/user/register/kanta-extranet/120375-901K?requestId=1", None).await;
    assert_eq!(registered.status(), StatusCode::OK);
    let session: serde_json::Value = registered.json().await.unwrap();
    let session = session["sessionId"].as_str().unwrap().to_string();
    // No token yet: the session's roles are not for anyone who asks.
    let roles = signed_get(&app, &format!("/service/ypa/api/organizationRoles/{session}?requestId=2"), None).await;
    assert_eq!(roles.status(), StatusCode::UNAUTHORIZED);
    // No YPA per-issue route exists in the real service (only the person case, HPA, has one).
    for path in [
        format!("/service/ypa/api/authorization/{session}/3141590-3?issues=x&requestId=3"),
        format!("/service/hpa/api/authorization/{session}/3141590-3?requestId=3"),
        format!("/service/ypa/api/delegate/{session}?requestId=3"),
        "/service/ypa/user/register/kanta-extranet?requestId=3".to_string(),
        // The tester's page lives beside the service, not under its address.
        "/admin".to_string(),
    ] {
        assert_eq!(signed_get(&app, &path, Some("x")).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let unregistered = signed_get(&app, &format!("/service/ypa/user/unregister/{session}?requestId=4"), None).await;
    assert_eq!(unregistered.status(), StatusCode::OK);
    assert_eq!(unregistered.text().await.unwrap(), "true");
}

/// The e-Authorizations session ends (here: unregistered, as at DVV after it expires); its
/// `organizationRoles` answers 401 and the person must choose again.
pub(super) async fn an_ended_e_authorizations_session_means_choosing_again(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p08").await;
    choose_with_mandate(&browser, "o04").await;
    let row = acting::Entity::find().one(&app.db).await.unwrap().unwrap();
    let (session, token) = (row.mandate_session.unwrap(), row.mandate_token.unwrap());
    let path = format!("/service/ypa/api/organizationRoles/{session}?requestId=1");
    assert_eq!(signed_get(&app, &path, Some(&token)).await.status(), StatusCode::OK);
    signed_get(&app, &format!("/service/ypa/user/unregister/{session}?requestId=2"), None).await;
    assert_eq!(signed_get(&app, &path, Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    // Not a mandate ended: the register can no longer tell, so the person chooses again.
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("ChooseOrganisation"), "{body}");
    let refused = the_audit_event(&app, audit_event::Column::Outcome.eq("denied")).await;
    assert_eq!(refused.detail.as_deref(), Some("choose-again"));
    let page = browser.get("/organisation").await;
    assert!(page.body.contains(&fi("error-choose-organisation")));
    let page = choose_with_mandate(&browser, "o04").await;
    assert!(page.url.ends_with("/organisation"), "chosen again: {:?}", page.trail);
}
