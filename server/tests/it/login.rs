//! Login through OpenID Connect against the sandbox identity provider, over real HTTP, on both
//! databases: the happy path, logout, and every way a login must fail without a session.
use crate::common::{
    TestApp,
    browser::{Browser, Page, form_fields},
};
use app::{
    backend::entities::{audit_event, person, session},
    i18n::{Lang, lookup},
};
use chrono::Utc;
use josekit::{
    jwk::Jwk,
    jws::RS256,
    jwt::{self, JwtPayload},
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};

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

async fn login_and_logout_through_the_sandbox(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/account").await;
    assert!(chooser.body.contains("Aino Virtanen"), "test persons listed");
    assert!(chooser.body.contains(&lookup(Lang::Fi, "sandbox-idp-method-bank", None)));

    let callback = identify(&browser, &chooser, &[("person", "p01"), ("method", "bank"), ("action", "identify")]).await;
    let account = browser.get(&callback).await;
    assert!(account.url.ends_with("/account"), "back where the user was going: {:?}", account.trail);
    assert_eq!(account.status, 200);
    assert!(account.body.contains("Aino Virtanen"), "name shown");
    assert!(account.body.contains(&lookup(Lang::Fi, "logout-button", None)));

    assert_eq!(sessions(&app).await, 1);
    let people = person::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].display_name, "Aino Virtanen");
    assert_eq!(people[0].hetu_hash.len(), 64);
    assert!(!format!("{people:?}").contains("120375"), "the identity code is never stored");
    let stored = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.acr, "http://ftn.ficora.fi/2017/loa2");
    assert!(!stored.id_token.unwrap_or_default().is_empty());

    let out = browser.post_form("/auth/logout", &[]).await;
    assert!(out.trail.iter().any(|u| u.contains("/sandbox/idp/end-session?")), "IdP session ended: {:?}", out.trail);
    assert!(out.url.contains("/logged-out"), "{:?}", out.trail);
    assert!(out.body.contains(&lookup(Lang::Fi, "logged-out-heading", None)));
    assert_eq!(sessions(&app).await, 0);
    let actions: Vec<_> =
        audit_event::Entity::find().all(&app.db).await.unwrap().into_iter().map(|e| e.action).collect();
    // Aino is managing director of one company in the trade register: she acts for it at once.
    assert_eq!(actions, ["login", "acting-started", "logout"]);

    // The account page now needs login again, and the IdP no longer remembers the person.
    let again = browser.get("/account").await;
    assert!(again.url.contains("/login?next=/account"), "{:?}", again.trail);
    let chooser = open_chooser(&browser, "/").await;
    assert!(!chooser.body.contains("current-identification"));
}

async fn protected_page_sends_to_login_and_back(app: TestApp) {
    let browser = Browser::new(&app.base);
    let (status, location) = browser.step("/account?tab=1").await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(location, "/login?next=/account%3Ftab%3D1");
    let login = browser.get(&location).await;
    assert!(login.body.contains("/auth/login?next=/account%3Ftab%3D1"), "start link keeps the way back");
    // Only local paths are followed after login.
    let chooser = open_chooser(&browser, "https://evil.example/").await;
    let callback = identify(&browser, &chooser, &[("person", "p02"), ("action", "identify")]).await;
    let landed = browser.get(&callback).await;
    // Not there, but home: Erik acts for his one firm, so home is its page.
    assert_eq!(landed.url, format!("{}/organisation", app.base));
}

async fn tampered_state_creates_no_session(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("action", "identify")]).await;
    let tampered = callback.replace("state=", "state=x");
    let page = browser.get(&tampered).await;
    assert!(page.url.ends_with("/login/failed?reason=state"), "{:?}", page.trail);
    assert!(page.body.contains(&lookup(Lang::Fi, "login-failed-state", None)));
    assert_eq!(sessions(&app).await, 0);
    // The attempt is used up: the untampered callback no longer works either.
    let page = browser.get(&callback).await;
    assert!(page.url.ends_with("reason=state"));
    assert_eq!(sessions(&app).await, 0);
}

async fn replayed_code_creates_no_session(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("action", "identify")]).await;
    browser.get(&callback).await;
    assert_eq!(sessions(&app).await, 1);
    // Another browser replays the same callback (say, from a leaked history entry).
    let attacker = Browser::new(&app.base);
    let page = attacker.get(&callback).await;
    assert!(page.url.ends_with("reason=state"), "{:?}", page.trail);
    // Even with a login of its own in progress, the old code is refused by the provider.
    open_chooser(&attacker, "/").await;
    let page = attacker.get(&callback).await;
    assert!(page.url.contains("/login/failed"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1, "only the first login has a session");
}

async fn wrong_nonce_expired_token_and_low_assurance_are_refused(app: TestApp) {
    for (fault, reason) in [("wrong_nonce", "token"), ("expired", "token"), ("low_assurance", "assurance")] {
        let browser = Browser::new(&app.base);
        let chooser = open_chooser(&browser, "/").await;
        let callback =
            identify(&browser, &chooser, &[("person", "p01"), ("fault", fault), ("action", "identify")]).await;
        let page = browser.get(&callback).await;
        assert!(page.url.ends_with(&format!("/login/failed?reason={reason}")), "{fault}: {:?}", page.trail);
        assert_eq!(sessions(&app).await, 0, "{fault}");
    }
    assert_eq!(person::Entity::find().count(&app.db).await.unwrap(), 0, "nothing about the person is kept");
}

async fn cancelled_identification_is_explained(app: TestApp) {
    let mut browser = Browser::new(&app.base);
    browser.lang = "sv";
    let chooser = open_chooser(&browser, "/").await;
    assert!(chooser.body.contains(r#"<html lang="sv""#), "the provider speaks the user's language");
    let callback = identify(&browser, &chooser, &[("action", "cancel")]).await;
    let page = browser.get(&callback).await;
    assert!(page.url.ends_with("reason=cancelled"));
    assert!(page.body.contains(&lookup(Lang::Sv, "login-failed-cancelled", None)));
    assert_eq!(sessions(&app).await, 0);
}

async fn login_rotates_the_session(app: TestApp) {
    let browser = Browser::new(&app.base);
    login_as(&app, &browser, "p01").await;
    let first = session::Entity::find().one(&app.db).await.unwrap().unwrap().id;
    let page = login_as(&app, &browser, "p03").await;
    assert!(page.body.contains("Sanna Korhonen"));
    let all = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(all.len(), 1, "the browser's old session ended");
    assert_ne!(all[0].id, first, "a new session id at login");
}

async fn idle_session_ends(app: TestApp) {
    let browser = Browser::new(&app.base);
    login_as(&app, &browser, "p01").await;
    let stored = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut idle = stored.into_active_model();
    idle.last_seen_at = Set(Utc::now() - chrono::Duration::minutes(31));
    idle.update(&app.db).await.unwrap();
    let page = browser.get("/account").await;
    assert!(page.url.contains("/login?next="), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 0, "the idle session is deleted");
}

async fn client_secret_basic_works_too(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = login_as(&app, &browser, "p05").await;
    assert!(page.body.contains("Helena Mäkinen"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
}

async fn high_assurance_requires_the_certificate_card(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("method", "bank"), ("action", "identify")]).await;
    assert!(browser.get(&callback).await.url.ends_with("reason=assurance"));
    assert_eq!(sessions(&app).await, 0);
    let chooser = open_chooser(&browser, "/account").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("method", "card"), ("action", "identify")]).await;
    let page = browser.get(&callback).await;
    assert!(page.body.contains(&lookup(Lang::Fi, "assurance-high", None)), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
}

/// Our published JWK Set, as a provider reads it.
async fn published_keys(browser: &Browser) -> Vec<Jwk> {
    let jwks = browser.get("/.well-known/jwks.json").await;
    assert_eq!(jwks.status, 200);
    let set: serde_json::Value = serde_json::from_str(&jwks.body).unwrap();
    set["keys"].as_array().unwrap().iter().map(|k| Jwk::from_bytes(k.to_string()).unwrap()).collect()
}

/// The query of the authorization request, and the claims of its request object, verified
/// with the published key its `kid` names.
async fn authorization_request(browser: &Browser, chooser: &Page) -> (Vec<(String, String)>, JwtPayload, String) {
    let url = url::Url::parse(&chooser.url).unwrap();
    let query: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let request = &query.iter().find(|(k, _)| k == "request").expect("a request object").1;
    let header = jwt::decode_header(request).unwrap();
    assert_eq!(header.claim("alg").unwrap(), "RS256");
    let kid = header.claim("kid").unwrap().as_str().unwrap().to_string();
    let keys = published_keys(browser).await;
    let key = keys.iter().find(|k| k.key_id() == Some(kid.as_str())).expect("its kid is published");
    assert_eq!(key.key_use(), Some("sig"));
    let (claims, _) = jwt::decode_with_verifier(request, &RS256.verifier_from_jwk(key).unwrap()).unwrap();
    (query, claims, kid)
}

async fn the_authorization_request_is_a_signed_request_object(app: TestApp) {
    let browser = Browser::new(&app.base);
    let keys = published_keys(&browser).await;
    assert_eq!(keys.iter().filter(|k| k.key_use() == Some("sig")).count(), 2);
    assert_eq!(keys.iter().filter(|k| k.key_use() == Some("enc")).count(), 2);
    assert!(keys.iter().all(|k| k.parameter("d").is_none()), "no private parts");

    let chooser = open_chooser(&browser, "/account").await;
    let (query, claims, kid) = authorization_request(&browser, &chooser).await;
    let mut names: Vec<&str> = query.iter().map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["client_id", "request", "response_type", "scope"], "the query repeats what OIDC Core requires");
    assert_eq!(kid, keys[0].key_id().unwrap(), "the current signing key signs");
    let claim = |name: &str| claims.claim(name).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    assert_eq!(claim("client_id"), "kanta-extranet");
    assert_eq!(claim("iss"), "kanta-extranet");
    assert_eq!(claims.audience(), Some(vec![format!("{}/sandbox/idp", app.base).as_str()]));
    assert_eq!(claim("redirect_uri"), format!("{}/auth/callback", app.base));
    assert_eq!(claim("response_type"), "code");
    assert_eq!(claim("scope"), "openid profile personal_identity_code");
    assert_eq!(claim("acr_values"), "http://ftn.ficora.fi/2017/loa3 http://ftn.ficora.fi/2017/loa2");
    assert_eq!(claim("ui_locales"), "fi");
    assert_eq!(claim("code_challenge_method"), "S256");
    for name in ["state", "nonce", "code_challenge", "jti"] {
        assert!(claim(name).len() >= 20, "{name}");
    }
    let lifetime = claims.expires_at().unwrap().duration_since(claims.issued_at().unwrap()).unwrap();
    assert!(lifetime.as_secs() > 0 && lifetime.as_secs() <= 300, "{lifetime:?}");
    let (_, again, _) = authorization_request(&browser, &open_chooser(&browser, "/").await).await;
    assert_ne!(again.jwt_id(), claims.jwt_id(), "a unique jti each time");
    assert_ne!(again.claim("state"), claims.claim("state"));
}

async fn tokens_arrive_encrypted_to_our_published_key(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = login_as(&app, &browser, "p01").await;
    assert!(page.body.contains("Aino Virtanen"), "{:?}", page.trail);
    // What is kept is the signed token from inside the encryption, for logout's id_token_hint.
    let stored = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.id_token.unwrap().split('.').count(), 3);
}

async fn broken_nested_tokens_are_refused(app: TestApp) {
    for fault in ["tampered_signature", "foreign_key"] {
        let page = login_with_fault(&app, fault).await;
        assert!(page.url.ends_with("/login/failed?reason=token"), "{fault}: {:?}", page.trail);
        assert_eq!(sessions(&app).await, 0, "{fault}");
    }
}

/// Identifies p01 with the sandbox misbehaving as `fault`; returns where the browser lands.
async fn login_with_fault(app: &TestApp, fault: &str) -> Page {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/account").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("fault", fault), ("action", "identify")]).await;
    browser.get(&callback).await
}

async fn plain_tokens_are_refused_when_encryption_is_required(app: TestApp) {
    for fault in ["plain_tokens", "plain_userinfo", "signed_userinfo"] {
        let page = login_with_fault(&app, fault).await;
        assert!(page.url.ends_with("/login/failed?reason=token"), "{fault}: {:?}", page.trail);
        assert_eq!(sessions(&app).await, 0, "{fault}");
    }
}

async fn userinfo_as_json_or_signed_jwt_is_read_when_encryption_is_not_required(app: TestApp) {
    for fault in ["plain_userinfo", "signed_userinfo"] {
        let page = login_with_fault(&app, fault).await;
        assert!(page.url.ends_with("/account"), "{fault}: {:?}", page.trail);
        assert!(page.body.contains("Aino Virtanen"), "{fault}");
    }
}

async fn a_foreign_eidas_person_is_told_why(app: TestApp) {
    for (lang, language) in [("fi", Lang::Fi), ("sv", Lang::Sv)] {
        let mut browser = Browser::new(&app.base);
        browser.lang = lang;
        let chooser = open_chooser(&browser, "/").await;
        let callback =
            identify(&browser, &chooser, &[("person", "p03"), ("fault", "eidas"), ("action", "identify")]).await;
        let page = browser.get(&callback).await;
        assert!(page.url.ends_with("/login/failed?reason=foreign"), "{:?}", page.trail);
        assert!(page.body.contains(&lookup(language, "login-failed-foreign", None)), "{lang}");
    }
    assert_eq!(sessions(&app).await, 0);
    assert_eq!(person::Entity::find().count(&app.db).await.unwrap(), 0);
}

async fn the_customer_test_level_is_refused_outside_a_test_environment(app: TestApp) {
    let page = login_with_fault(&app, "test_level").await;
    assert!(page.url.ends_with("/login/failed?reason=assurance"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 0);
}

async fn the_customer_test_level_is_accepted_in_a_test_environment(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let (_, claims, _) = authorization_request(&browser, &chooser).await;
    assert!(claims.claim("acr_values").unwrap().as_str().unwrap().ends_with(" urn:oid:1.2.246.517.3002.110.999"));
    let page = login_with_fault(&app, "test_level").await;
    assert!(page.url.ends_with("/account"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
}

async fn the_plain_profile_still_logs_in(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = login_as(&app, &browser, "p01").await;
    assert!(page.body.contains("Aino Virtanen"), "{:?}", page.trail);
    let discovery = browser.get("/sandbox/idp/.well-known/openid-configuration").await;
    assert!(discovery.body.contains(r#""require_signed_request_object":false"#), "{}", discovery.body);
}

async fn the_ftn_sandbox_refuses_a_request_without_a_request_object(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = browser.get("/auth/login?next=/").await;
    assert_eq!(page.status, 400);
    assert!(page.url.contains("code_challenge="), "all parameters in the query: {}", page.url);
    assert!(page.body.contains(&lookup(Lang::Fi, "sandbox-idp-error-request-object", None)));
}

async fn rotated_keys_sign_and_decrypt(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let (_, _, kid) = authorization_request(&browser, &chooser).await;
    let keys = published_keys(&browser).await;
    assert_eq!(kid, keys[0].key_id().unwrap());
    // The provider encrypts to the first published encryption key: the new one, now rp-encryption-2.
    let page = login_as(&app, &browser, "p01").await;
    assert!(page.body.contains("Aino Virtanen"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
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

/// Using a session writes nothing: the browser keeps the proof of when it was last used, in a
/// sealed cookie renewed at most once a minute, and that proof keeps the session alive.
async fn using_a_session_writes_nothing_and_the_browser_keeps_when(app: TestApp) {
    let browser = Browser::new(&app.base);
    login_as(&app, &browser, "p01").await;
    assert!(browser.cookie("kanta_seen").is_none(), "just logged in: the login time is the last use");

    seen_ago(&app, chrono::Duration::seconds(90)).await;
    let before = stored_session(&app).await;
    for file in ["/favicon.svg", "/sw.js", "/manifest.webmanifest", "/healthz"] {
        browser.get(file).await;
    }
    assert!(browser.cookie("kanta_seen").is_none(), "static files and the health check do not use the session");
    assert!(browser.get("/account").await.body.contains("Aino Virtanen"));
    assert_eq!(stored_session(&app).await, before, "a page writes nothing");
    let proof = browser.cookie("kanta_seen").expect("a page after a minute renews the browser's proof");
    assert!(browser.get("/organisations").await.body.contains("Aino Virtanen"));
    assert_eq!(browser.cookie("kanta_seen"), Some(proof.clone()), "renewed at most once a minute");

    // Stored long ago, used just now: the browser's proof keeps the session.
    seen_ago(&app, chrono::Duration::minutes(31)).await;
    assert!(browser.get("/account").await.body.contains("Aino Virtanen"));
    assert_eq!(sessions(&app).await, 1);

    // A proof moved on by hand, or another session's, proves nothing: the session has timed out.
    let (seconds, tag) = proof.split_once('.').unwrap();
    browser.set_cookie("kanta_seen", &format!("{}.{tag}", seconds.parse::<i64>().unwrap() + 60));
    let page = browser.get("/account").await;
    assert!(page.url.contains("/login?next="), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 0, "the idle session is deleted");
    assert!(browser.cookie("kanta_seen").is_none(), "and the browser forgets its proof");

    // A logout due for a new proof forgets it too.
    login_as(&app, &browser, "p01").await;
    assert!(browser.get("/account").await.body.contains("Aino Virtanen"));
    seen_ago(&app, chrono::Duration::seconds(90)).await;
    browser.post_form("/auth/logout", &[]).await;
    assert_eq!(sessions(&app).await, 0);
    assert!(browser.cookie("kanta_seen").is_none(), "forgotten at logout");
    assert!(browser.cookie("kanta_session").is_none());
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
