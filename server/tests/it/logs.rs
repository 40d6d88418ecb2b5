//! No identity code (hetu) in any log line. Whole login and acting journeys (the mandate path
//! through e-Authorizations included) run with the registers answering, unreachable, and
//! answering what cannot be read; everything our crates log, at TRACE, goes to one buffer, which
//! must then not contain the hetu of any test person in any spelling.
//!
//! These tests set the process's global tracing subscriber when the first of them starts: from
//! then on, every test in this binary running alongside logs into the same buffer, and its lines
//! are checked too. Keep every other test's logging off the global subscriber.
use crate::common::{
    Env, TestApp,
    api::{ChooseOrganisation, OrganisationOverview, ServerFn},
    browser::{Browser, NO_FIELDS, form_fields, log_in},
};
use reqwest::StatusCode;
use std::{
    io::Write,
    sync::{Arc, Mutex, OnceLock},
};

// The discard port: nothing listens there.
on_both_databases!(
    with [
        ("KANTA_TRADE_REGISTER_URL", "http://127.0.0.1:9"),
        ("KANTA_PROFESSIONAL_REGISTER_URL", "http://127.0.0.1:9"),
        ("KANTA_CODE_SERVICE_URL", "http://127.0.0.1:9"),
        ("KANTA_PHARMACY_REGISTER_URL", "http://127.0.0.1:9"),
        ("KANTA_MANDATES_URL", "http://127.0.0.1:9"),
        ("KANTA_MANDATES_CLIENT_SECRET", "a secret"),
        ("KANTA_MANDATES_OAUTH_SECRET", "a secret"),
    ];
    unreachable_registers_log_no_hetu,
);
on_both_databases!(with settings from broken_registers; unreadable_answers_log_no_hetu);
on_both_databases!(with [("KANTA_ACTING_RECHECK_SECONDS", "0")]; working_registers_log_no_hetu);

/// Everything logged in this process since the first test started.
fn log() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOG.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = Buffer(buffer.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("the only global subscriber (KANTA_TEST_LOG sets one: run these tests without it)");
        buffer
    })
}

#[derive(Clone)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every test person's hetu as `persons.csv` writes it, without its century sign, and with each
/// other century sign (since 2023 `-`, `Y`, `X`, … and `A`, `B`, … are alternatives).
fn hetu_spellings() -> Vec<String> {
    const SIGNS: &str = "+-YXWVUABCDEF";
    let persons = include_str!("../../src/sandbox/testdata/persons.csv");
    let mut spellings = Vec::new();
    for line in persons.lines().skip(1) {
        let hetu = line.split(',').nth(3).expect("persons.csv: id,given_name,surname,hetu,note");
        assert_eq!(hetu.len(), 11, "{hetu}");
        let (date, rest) = hetu.split_at(6);
        spellings.push(hetu.to_string());
        spellings.push(format!("{date}{}", &rest[1..]));
        spellings.extend(SIGNS.chars().map(|sign| format!("{date}{sign}{}", &rest[1..])));
    }
    assert!(spellings.len() >= 14 * 15, "every person read");
    spellings
}

/// The log so far, checked for hetus; returned for further checks.
fn checked_log() -> String {
    let text = String::from_utf8_lossy(&log().lock().unwrap_or_else(|p| p.into_inner())).into_owned();
    assert!(!text.is_empty(), "nothing was logged: the test would prove nothing");
    for hetu in hetu_spellings() {
        if let Some(at) = text.find(&hetu) {
            let line = text[..at].rsplit('\n').next().unwrap_or_default();
            panic!("{hetu} is in the log, in the line starting: {line}");
        }
    }
    text
}

/// Chooses `principal` in the sandbox's e-Authorizations chooser; where the browser lands.
async fn choose_with_mandate(browser: &Browser, principal: &str) -> crate::common::browser::Page {
    let chooser = browser.get("/auth/mandates").await;
    let fields = form_fields(&chooser.body, &[("principal", principal), ("action", "choose")]);
    browser.post_form("/sandbox/valtuudet/oauth/authorize", &fields).await
}

/// Logs in as each of these test persons (the century signs `-`, `A` and `Y` among them),
/// tries to act with and without a mandate, and logs out.
async fn journeys(app: &TestApp) {
    for person in ["p01", "p04", "p05", "p09", "p11"] {
        let browser = Browser::new(&app.base);
        log_in(&browser, person).await;
        browser.get("/organisations").await;
        browser.get("/auth/mandates").await;
        browser.call(ChooseOrganisation::PATH, &[("ytunnus", "3141590-3")]).await;
        browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
        browser.post_form("/auth/logout", &[]).await;
    }
}

async fn unreachable_registers_log_no_hetu(app: TestApp) {
    log();
    journeys(&app).await;
    let browser = Browser::new(&app.base);
    log_in(&browser, "p04").await;
    let page = browser.get("/auth/mandates").await;
    assert!(page.url.ends_with("/organisations?mandate=unavailable"), "{:?}", page.trail);
    let (status, _) = browser.call(ChooseOrganisation::PATH, &[("ytunnus", "3141590-3")]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let log = checked_log();
    for failure in ["e-Authorizations unreachable", "trade register unreachable", "error sending request"] {
        assert!(log.contains(failure), "the log says: {failure}");
    }
}

/// A register that answers 200 with a body that is not JSON: reqwest's decoding error names the URL.
async fn unreadable_answers_log_no_hetu(app: TestApp) {
    log();
    journeys(&app).await;
    let log = checked_log();
    for failure in ["e-Authorizations answered with a body we cannot read", "trade register answered with a body"] {
        assert!(log.contains(failure), "the log says: {failure}");
    }
}

async fn working_registers_log_no_hetu(app: TestApp) {
    log();
    journeys(&app).await;
    // A mandate chosen, re-checked at every action (organizationRoles), revoked, refused.
    let browser = Browser::new(&app.base);
    log_in(&browser, "p04").await;
    let page = choose_with_mandate(&browser, "o01").await;
    assert!(page.url.ends_with("/organisation"), "{:?}", page.trail);
    let (status, _) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK);
    let revoke = [("action".to_string(), "revoke".to_string()), ("index".to_string(), "0".to_string())];
    browser.post_form("/sandbox/valtuudet-admin", &revoke).await;
    let (status, _) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    browser.post_form("/auth/logout", &[]).await;
    let log = checked_log();
    assert!(log.contains("basis for acting no longer confirmed"), "the revoked mandate was logged");
}

/// Every register at a stand-in for a broken one on loopback: every request answers 200 with a
/// body that is not JSON. (The settings are leaked: they live as long as the test process.)
async fn broken_registers() -> Env {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = axum::Router::new().fallback(|| async { "<html>maintenance</html>" });
    tokio::spawn(async move { axum::serve(listener, router).await });
    let base: &'static str = Box::leak(format!("http://{address}").into_boxed_str());
    Box::leak(Box::new([
        ("KANTA_TRADE_REGISTER_URL", base),
        ("KANTA_PROFESSIONAL_REGISTER_URL", base),
        ("KANTA_CODE_SERVICE_URL", base),
        ("KANTA_PHARMACY_REGISTER_URL", base),
        ("KANTA_MANDATES_URL", base),
        ("KANTA_MANDATES_CLIENT_SECRET", "a secret"),
        ("KANTA_MANDATES_OAUTH_SECRET", "a secret"),
    ]))
}
