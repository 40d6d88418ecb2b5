//! Suomi.fi's FTN profile: the signed request object and our published keys, rotated keys, the
//! nested tokens encrypted to us (or refused when broken or plain), and the customer test level.
use super::{identify, login_as, open_chooser, sessions};
use crate::common::{
    TestApp,
    browser::{Browser, Page},
};
use app::{
    backend::entities::session,
    i18n::{Lang, lookup},
};
use josekit::{
    jwk::Jwk,
    jws::RS256,
    jwt::{self, JwtPayload},
};
use sea_orm::EntityTrait;

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

pub(super) async fn the_authorization_request_is_a_signed_request_object(app: TestApp) {
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

pub(super) async fn the_ftn_sandbox_refuses_a_request_without_a_request_object(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = browser.get("/auth/login?next=/").await;
    assert_eq!(page.status, 400);
    assert!(page.url.contains("code_challenge="), "all parameters in the query: {}", page.url);
    assert!(page.body.contains(&lookup(Lang::Fi, "sandbox-idp-error-request-object", None)));
}

pub(super) async fn rotated_keys_sign_and_decrypt(app: TestApp) {
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

pub(super) async fn tokens_arrive_encrypted_to_our_published_key(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = login_as(&app, &browser, "p01").await;
    assert!(page.body.contains("Aino Virtanen"), "{:?}", page.trail);
    // What is kept is the signed token from inside the encryption, for logout's id_token_hint.
    let stored = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.id_token.unwrap().split('.').count(), 3);
}

/// Identifies p01 with the sandbox misbehaving as `fault`; returns where the browser lands.
async fn login_with_fault(app: &TestApp, fault: &str) -> Page {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/account").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("fault", fault), ("action", "identify")]).await;
    browser.get(&callback).await
}

pub(super) async fn broken_nested_tokens_are_refused(app: TestApp) {
    for fault in ["tampered_signature", "foreign_key"] {
        let page = login_with_fault(&app, fault).await;
        assert!(page.url.ends_with("/login/failed?reason=token"), "{fault}: {:?}", page.trail);
        assert_eq!(sessions(&app).await, 0, "{fault}");
    }
}

pub(super) async fn plain_tokens_are_refused_when_encryption_is_required(app: TestApp) {
    for fault in ["plain_tokens", "plain_userinfo", "signed_userinfo"] {
        let page = login_with_fault(&app, fault).await;
        assert!(page.url.ends_with("/login/failed?reason=token"), "{fault}: {:?}", page.trail);
        assert_eq!(sessions(&app).await, 0, "{fault}");
    }
}

pub(super) async fn userinfo_as_json_or_signed_jwt_is_read_when_encryption_is_not_required(app: TestApp) {
    for fault in ["plain_userinfo", "signed_userinfo"] {
        let page = login_with_fault(&app, fault).await;
        assert!(page.url.ends_with("/account"), "{fault}: {:?}", page.trail);
        assert!(page.body.contains("Aino Virtanen"), "{fault}");
    }
}

pub(super) async fn the_customer_test_level_is_refused_outside_a_test_environment(app: TestApp) {
    let page = login_with_fault(&app, "test_level").await;
    assert!(page.url.ends_with("/login/failed?reason=assurance"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 0);
}

pub(super) async fn the_customer_test_level_is_accepted_in_a_test_environment(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let (_, claims, _) = authorization_request(&browser, &chooser).await;
    assert!(claims.claim("acr_values").unwrap().as_str().unwrap().ends_with(" urn:oid:1.2.246.517.3002.110.999"));
    let page = login_with_fault(&app, "test_level").await;
    assert!(page.url.ends_with("/account"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
}
