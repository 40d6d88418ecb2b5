//! A real server router over a real database: a fresh SQLite file, or a fresh database in the
//! PostgreSQL cluster that `make test` starts (`KANTA_TEST_POSTGRES_URL`).

pub mod api;
pub mod applications;
pub mod browser;

use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode},
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::{config::Config, router};
use std::future::IntoFuture;
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

/// The server binary cargo built with these tests, for tests that run it as an operator would.
pub const SERVER_BIN: &str = env!("CARGO_BIN_EXE_server");

/// A loopback port free a moment ago, for a server a test starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

static NEXT: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

pub struct TestApp {
    pub db: DatabaseConnection,
    pub url: String,
    /// Where the app listens on loopback, e.g. `http://127.0.0.1:41234`: the login flow goes
    /// over real HTTP to the sandbox identity provider, like in production.
    pub base: String,
    /// The register clients the app uses (the sandbox's), for backend jobs a test runs itself.
    pub registries: app::backend::registry::Registries,
    router: Router,
    cleanup: Option<std::path::PathBuf>,
}

/// Settings as `KANTA_*` variables would give them; the rest are the development defaults.
pub type Env = &'static [(&'static str, &'static str)];

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_with(&[]).await
    }

    pub async fn sqlite_with(env: Env) -> TestApp {
        let dir = std::env::temp_dir().join(unique("kanta_test"));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}/kanta.db?mode=rwc", dir.display());
        TestApp::open(url, Some(dir), env).await
    }

    pub async fn postgres_with(env: Env) -> TestApp {
        TestApp::open(new_postgres_database().await, None, env).await
    }

    async fn open(url: String, cleanup: Option<std::path::PathBuf>, env: Env) -> TestApp {
        // `KANTA_TEST_LOG=1` (filter in `RUST_LOG`) shows the server's log while debugging a test.
        if std::env::var("KANTA_TEST_LOG").is_ok() {
            server::init_logging(server::config::LogFormat::Pretty);
        }
        let db = app::backend::connect_and_migrate(&url).await.expect("open and migrate the test database");
        let options = LeptosOptions::builder().output_name("kanta").site_root("target/site").build();
        let config = Config::from_lookup(|k| env.iter().find(|(name, _)| *name == k).map(|(_, v)| v.to_string()))
            .expect("test configuration");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let state = server::app_state(&config, options, db.clone(), address).expect("app state");
        let registries = state.registries.clone();
        let router = router(state);
        let service = router.clone().into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(axum::serve(listener, service).into_future());
        TestApp { db, url, base: format!("http://{address}"), registries, router, cleanup }
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = Request::get(path);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }
}

impl TestApp {
    /// A script's form-encoded call (no `Accept: text/html`): the server function answers JSON.
    pub async fn post_fields(&self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Reply {
        let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        let mut request = Request::post(path).header("content-type", "application/x-www-form-urlencoded");
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        self.send(request.body(Body::from(body)).unwrap()).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = self.cleanup.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Retires service unit `oid` in the sandbox code service of the server at `base`.
pub async fn retire_unit(base: &str, oid: &str) {
    let retired = reqwest::Client::new().post(format!("{base}/sandbox/code-service/units/{oid}/retire")).send();
    assert_eq!(retired.await.unwrap().status(), reqwest::StatusCode::NO_CONTENT);
}

/// A new, empty database in the test PostgreSQL cluster; its URL.
pub async fn new_postgres_database() -> String {
    let admin_url = std::env::var("KANTA_TEST_POSTGRES_URL").expect(
        "KANTA_TEST_POSTGRES_URL is not set: run the tests with `make test` \
         (or .ci/with-postgres.sh cargo test …), which starts a throwaway PostgreSQL",
    );
    let name = unique("kanta_test");
    let admin = Database::connect(&admin_url).await.expect("connect to the test PostgreSQL");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0)
}

/// A hung test fails with its name instead of stalling the whole run.
pub async fn within_a_minute(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(std::time::Duration::from_secs(60), test).await.is_err() {
        panic!("the test did not finish within a minute");
    }
}

/// Runs each named `async fn(TestApp)` once on SQLite and once on PostgreSQL;
/// `with [("KANTA_X", "value")];` first gives them settings, and `with settings from f;` the
/// settings an `async fn f() -> Env` makes at run time (e.g. the address of a server it starts).
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => { on_both_databases!(with []; $($name),*); };
    (with settings from $settings:ident; $($name:ident),* $(,)?) => {
        on_both_databases!(@open (super::$settings().await); $($name),*);
    };
    (with $env:tt; $($name:ident),* $(,)?) => { on_both_databases!(@open (&$env); $($name),*); };
    (@open $settings:expr; $($name:ident),*) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread")]
            async fn sqlite() {
                $crate::common::within_a_minute(async {
                    super::$name($crate::common::TestApp::sqlite_with($settings).await).await
                }).await
            }
            #[tokio::test(flavor = "multi_thread")]
            async fn postgres() {
                $crate::common::within_a_minute(async {
                    super::$name($crate::common::TestApp::postgres_with($settings).await).await
                }).await
            }
        }
    )*};
}

/// A PDF as poppler (the reader behind most Linux PDF viewers; poppler-utils, installed by
/// `.ci/setup.sh`) reads it back.
pub struct ReadPdf {
    /// The text, as `pdftotext` extracts it (UTF-8, one line per line on the page).
    pub text: String,
    /// The first attached file's bytes.
    pub attachment: Vec<u8>,
    /// `pdfinfo`, then the XMP metadata (`pdfinfo -meta`).
    pub info: String,
    /// The structure tree (`pdfinfo -struct`).
    pub structure: String,
}

pub fn read_pdf(pdf: &[u8]) -> ReadPdf {
    read(pdf, true)
}

/// As `read_pdf`, for a document without attachments (`attachment` is empty).
pub fn read_pdf_without_attachment(pdf: &[u8]) -> ReadPdf {
    read(pdf, false)
}

fn read(pdf: &[u8], attached: bool) -> ReadPdf {
    let dir = tempfile_dir();
    let file = dir.join("d.pdf");
    std::fs::write(&file, pdf).unwrap();
    let run = |tool: &str, args: &[&str]| {
        let out = std::process::Command::new(tool).args(args).arg(&file).output();
        let out = out.unwrap_or_else(|e| panic!("{tool} (poppler-utils): {e}"));
        assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let saved = dir.join("attachment");
    if attached {
        run("pdfdetach", &["-save", "1", "-o", saved.to_str().unwrap()]);
    }
    run("pdftotext", &["-enc", "UTF-8"]);
    let read = ReadPdf {
        text: std::fs::read_to_string(dir.join("d.txt")).unwrap(),
        attachment: if attached { std::fs::read(&saved).unwrap() } else { Vec::new() },
        info: run("pdfinfo", &[]) + &run("pdfinfo", &["-meta"]),
        structure: run("pdfinfo", &["-struct"]),
    };
    std::fs::remove_dir_all(&dir).unwrap();
    read
}

fn tempfile_dir() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("kanta-test-pdf-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
