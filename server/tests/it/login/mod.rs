//! Login through OpenID Connect against the sandbox identity provider, over real HTTP, on both
//! databases: the happy path, logout, and every way a login must fail without a session.
use crate::common::{
    TestApp,
    browser::{Browser, Page, form_fields},
};
use app::backend::entities::session;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};

mod flow;
mod ftn;
mod idle;
mod refused;

// The tests by theme, named here so that each keeps its name (`login::<test>::sqlite`).
use flow::{
    client_secret_basic_works_too, high_assurance_requires_the_certificate_card, login_and_logout_through_the_sandbox,
    login_rotates_the_session, protected_page_sends_to_login_and_back, the_plain_profile_still_logs_in,
};
use ftn::{
    broken_nested_tokens_are_refused, plain_tokens_are_refused_when_encryption_is_required,
    rotated_keys_sign_and_decrypt, the_authorization_request_is_a_signed_request_object,
    the_customer_test_level_is_accepted_in_a_test_environment,
    the_customer_test_level_is_refused_outside_a_test_environment,
    the_ftn_sandbox_refuses_a_request_without_a_request_object, tokens_arrive_encrypted_to_our_published_key,
    userinfo_as_json_or_signed_jwt_is_read_when_encryption_is_not_required,
};
use idle::{idle_session_ends, using_a_session_writes_nothing_and_the_browser_keeps_when};
use refused::{
    a_foreign_eidas_person_is_told_why, cancelled_identification_is_explained, replayed_code_creates_no_session,
    tampered_state_creates_no_session, wrong_nonce_expired_token_and_low_assurance_are_refused,
};

on_both_databases!(
    login_and_logout_through_the_sandbox,
    protected_page_sends_to_login_and_back,
    tampered_state_creates_no_session,
    replayed_code_creates_no_session,
    wrong_nonce_expired_token_and_low_assurance_are_refused,
    cancelled_identification_is_explained,
    login_rotates_the_session,
    idle_session_ends,
    using_a_session_writes_nothing_and_the_browser_keeps_when,
);
on_both_databases!(with [("KANTA_OIDC_CLIENT_SECRET", "sandbox-client-secret")]; client_secret_basic_works_too);
on_both_databases!(with [("KANTA_OIDC_ASSURANCE", "high")]; high_assurance_requires_the_certificate_card);
on_both_databases!(
    the_authorization_request_is_a_signed_request_object,
    userinfo_as_json_or_signed_jwt_is_read_when_encryption_is_not_required,
    broken_nested_tokens_are_refused,
    a_foreign_eidas_person_is_told_why,
    the_customer_test_level_is_refused_outside_a_test_environment,
);
on_both_databases!(
    with [("KANTA_OIDC_REQUIRE_ENCRYPTION", "on")];
    plain_tokens_are_refused_when_encryption_is_required,
    tokens_arrive_encrypted_to_our_published_key,
);
on_both_databases!(with [("KANTA_OIDC_TEST_ENVIRONMENT", "on")]; the_customer_test_level_is_accepted_in_a_test_environment);
on_both_databases!(with [("KANTA_SANDBOX_IDP", "plain")]; the_plain_profile_still_logs_in);
on_both_databases!(with [("KANTA_OIDC_REQUEST_OBJECT", "off")]; the_ftn_sandbox_refuses_a_request_without_a_request_object);
on_both_databases!(
    with [
        ("KANTA_OIDC_SIGNING_KEY_FILES", concat!(env!("CARGO_MANIFEST_DIR"), "/src/sandbox/keys/rp-signing-2.pem,",
            env!("CARGO_MANIFEST_DIR"), "/src/sandbox/keys/rp-signing-1.pem")),
        ("KANTA_OIDC_ENCRYPTION_KEY_FILES", concat!(env!("CARGO_MANIFEST_DIR"), "/src/sandbox/keys/rp-encryption-2.pem,",
            env!("CARGO_MANIFEST_DIR"), "/src/sandbox/keys/rp-encryption-1.pem")),
    ];
    rotated_keys_sign_and_decrypt
);

/// Starts a login and returns the sandbox's chooser page.
async fn open_chooser(browser: &Browser, next: &str) -> Page {
    let page = browser.get(&format!("/auth/login?next={next}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.url.contains("/sandbox/idp/authorize?"), "{}", page.url);
    page
}

/// Chooses in the sandbox and returns the callback URL it sends the browser to (not yet visited).
async fn identify(browser: &Browser, chooser: &Page, choices: &[(&str, &str)]) -> String {
    let fields = form_fields(&chooser.body, choices);
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(browser.absolute("/sandbox/idp/authorize"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn sessions(app: &TestApp) -> u64 {
    session::Entity::find().count(&app.db).await.unwrap()
}

async fn login_as(app: &TestApp, browser: &Browser, person: &str) -> Page {
    let chooser = open_chooser(browser, "/account").await;
    let callback = identify(browser, &chooser, &[("person", person), ("method", "bank"), ("action", "identify")]).await;
    let _ = app;
    browser.get(&callback).await
}

/// Sets the session's stored last-seen time `ago` in the past; returns the stored value.
async fn seen_ago(app: &TestApp, ago: chrono::Duration) -> chrono::DateTime<Utc> {
    let mut stored = session::Entity::find().one(&app.db).await.unwrap().unwrap().into_active_model();
    stored.last_seen_at = Set(Utc::now() - ago);
    stored.update(&app.db).await.unwrap().last_seen_at
}

async fn stored_session(app: &TestApp) -> session::Model {
    session::Entity::find().one(&app.db).await.unwrap().unwrap()
}

/// Another connection holds SQLite's write lock past the busy timeout: pages still show, and the
/// user is still logged in (using a session writes nothing).
#[tokio::test(flavor = "multi_thread")]
async fn a_busy_writer_does_not_log_the_user_out() {
    crate::common::within_a_minute(async {
        let app = TestApp::sqlite().await;
        let browser = Browser::new(&app.base);
        login_as(&app, &browser, "p01").await;
        let stale = seen_ago(&app, chrono::Duration::seconds(90)).await;
        let writer = sea_orm::Database::connect(&app.url).await.unwrap();
        writer.execute_unprepared("BEGIN IMMEDIATE").await.unwrap();
        let page = browser.get("/account").await;
        writer.execute_unprepared("ROLLBACK").await.unwrap();
        assert!(page.body.contains("Aino Virtanen"), "still logged in: {:?}", page.trail);
        assert_eq!(stored_session(&app).await.last_seen_at, stale);
        assert_eq!(sessions(&app).await, 1);
    })
    .await
}
