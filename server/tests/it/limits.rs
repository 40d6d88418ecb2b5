//! What one request and one connection may cost, over real HTTP: bodies past their limit get 413,
//! requests the server functions cannot read get 400, connections that do not send their headers
//! are closed, and at the connection cap the next one waits its turn. Production's headers and
//! cookie names, from the server binary started as production.
use crate::common::SERVER_BIN;
use crate::common::{
    TestApp,
    api::{CheckCodeService, ImportBilling, SaveApplication, SendSupportRequest, ServerFn},
    browser::{Browser, log_in},
};
use reqwest::StatusCode;
use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// Sends `request` as raw bytes; the status line's code and the whole answer.
fn raw(base: &str, request: &[u8]) -> (u16, String) {
    let (code, answer, _) = raw_in_pieces(base, request, request.len(), Duration::ZERO);
    (code, answer)
}

/// As `raw`, the request written `piece` bytes at a time with `pause` between; and whether all
/// of it could be sent before the server closed the connection.
fn raw_in_pieces(base: &str, request: &[u8], piece: usize, pause: Duration) -> (u16, String, bool) {
    let address = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // The server may answer (413) before it has read all of a large body.
    let mut sent = true;
    for piece in request.chunks(piece) {
        if stream.write_all(piece).is_err() {
            sent = false;
            break;
        }
        std::thread::sleep(pause);
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let code = answer.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (code, answer, sent)
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_past_their_limit_and_unreadable_calls_are_refused_with_a_localised_answer() {
    let app = TestApp::sqlite_with(&[("KANTA_BODY_LIMIT_KB", "64"), ("KANTA_UPLOAD_LIMIT_KB", "128")]).await;
    let client = reqwest::Client::new();
    let big = format!("name={}", "a".repeat(3 * 1024 * 1024));
    a_body_past_its_limit_is_answered_for_a_script_and_for_a_page(&app, &client, &big).await;
    a_body_sent_whole_before_the_answer_is_read_gets_the_answer(&app, &big).await;
    a_chunked_body_is_held_to_the_limit_as_it_arrives(&app).await;
    a_multipart_form_without_a_readable_boundary_gets_400(&app);
    json_nested_deep_and_a_form_not_in_utf8_get_400(&app, &client).await;
    a_file_upload_has_its_own_larger_limit(&app).await;

    // The sandbox's pages carry the security headers too.
    let sandbox = client.get(format!("{}/sandbox/mail", app.base)).send().await.unwrap();
    assert_eq!(sandbox.headers()["x-content-type-options"], "nosniff");
    assert_eq!(sandbox.headers()["x-frame-options"], "DENY");
}

/// `big`, a form past the 64 KB limit, posted as a script's call and as a form without JavaScript.
async fn a_body_past_its_limit_is_answered_for_a_script_and_for_a_page(
    app: &TestApp,
    client: &reqwest::Client,
    big: &str,
) {
    let post = |accept: &'static str, cookie: &'static str| {
        client
            .post(format!("{}{}", app.base, SendSupportRequest::PATH))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", accept)
            .header("cookie", cookie)
            .body(big.to_string())
    };

    // A script's call: the app's error as JSON.
    let answer = post("application/json", "").send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.headers().get("connection").map(|v| v.to_str().unwrap()), Some("close"));
    assert_eq!(answer.text().await.unwrap(), r#"{"TooLarge":{"limit_kb":64}}"#);
    // A form posted without JavaScript: a page in the user's language, with the way back.
    let answer = post("text/html", "kanta_lang=sv").header("referer", format!("{}/support", app.base)).send();
    let answer = answer.await.unwrap();
    assert_eq!(answer.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = answer.text().await.unwrap();
    assert!(page.contains("<html lang=\"sv\"") && page.contains("De skickade uppgifterna är för stora"), "{page}");
    assert!(page.contains(r#"<a href="/support">"#), "{page}");
}

/// A client that sends the whole body before it reads gets the answer, not a reset: what
/// follows the limit is read and dropped before the 413 is sent.
async fn a_body_sent_whole_before_the_answer_is_read_gets_the_answer(app: &TestApp, big: &str) {
    let mut whole = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        SendSupportRequest::PATH,
        big.len()
    )
    .into_bytes();
    whole.extend_from_slice(big.as_bytes());
    let base = app.base.clone();
    let (code, answer, sent) =
        tokio::task::spawn_blocking(move || raw_in_pieces(&base, &whole, 64 * 1024, Duration::from_millis(2)))
            .await
            .unwrap();
    assert_eq!((code, sent), (413, true), "{answer}");
}

/// Without a length up front (chunked), the limit holds as the body arrives.
async fn a_chunked_body_is_held_to_the_limit_as_it_arrives(app: &TestApp) {
    let mut chunked = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        SendSupportRequest::PATH
    )
    .into_bytes();
    for _ in 0..40 {
        chunked.extend_from_slice(format!("{:x}\r\n{}\r\n", 4096, "a".repeat(4096)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let base = app.base.clone();
    let (code, answer) = tokio::task::spawn_blocking(move || raw(&base, &chunked)).await.unwrap();
    assert_eq!(code, 413, "{answer}");
}

/// A multipart form without its boundary (the server-function layer used to panic on it).
fn a_multipart_form_without_a_readable_boundary_gets_400(app: &TestApp) {
    let no_boundary = format!(
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\n\
         Content-Length: 1\r\nConnection: close\r\n\r\nx",
        ImportBilling::PATH
    );
    let (code, answer) = raw(&app.base, no_boundary.as_bytes());
    assert_eq!(code, 400, "{answer}");
    assert!(answer.contains(r#"{"Malformed":"#), "{answer}");
    // The upload's function given no multipart at all, or a malformed one; a boundary named in
    // capitals is a boundary all the same (and reaches the login check).
    for (kind, expected) in [
        ("application/json", 400),
        ("multipart/form-datax; boundary=a", 400),
        ("multipart/form-data; boundary=\"unclosed", 400),
        ("multipart/form-data; Boundary=abc", 401),
    ] {
        let request = format!(
            "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: {kind}\r\n\
             Content-Length: 1\r\nConnection: close\r\n\r\nx",
            ImportBilling::PATH
        );
        let (code, answer) = raw(&app.base, request.as_bytes());
        assert_eq!(code, expected, "{kind}: {answer}");
    }
}

/// JSON nested deep; a form whose text is not UTF-8.
async fn json_nested_deep_and_a_form_not_in_utf8_get_400(app: &TestApp, client: &reqwest::Client) {
    let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let cases = [
        (SendSupportRequest::PATH, "application/json", nested.into_bytes()),
        (SaveApplication::PATH, "application/x-www-form-urlencoded", b"id=1&version=%FF%FE".to_vec()),
    ];
    for (path, kind, body) in cases {
        let answer = client
            .post(format!("{}{path}", app.base))
            .header("content-type", kind)
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{kind}");
        assert!(answer.text().await.unwrap().starts_with(r#"{"Malformed":"#), "{kind}");
    }
}

/// A file upload has its own, larger limit: past it, 413 before anything is read.
async fn a_file_upload_has_its_own_larger_limit(app: &TestApp) {
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let (status, body) = staff.upload(ImportBilling::PATH, "big.csv", &"x;".repeat(100 * 1024)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let (status, body) = staff.upload(ImportBilling::PATH, "small.csv", "x;y\n").await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "under the limit the file is read (and refused for its content): {body}"
    );
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(env: &[(&str, &str)]) -> Server {
    let port = crate::common::free_port();
    let dir = std::env::temp_dir().join(format!("kanta_limits_{port}"));
    let mut command = Command::new(SERVER_BIN);
    command
        .arg("serve")
        .env("KANTA_LISTEN", format!("127.0.0.1:{port}"))
        .env("KANTA_DATABASE_URL", format!("sqlite://{}/kanta.db?mode=rwc", dir.display()))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let server = Server(command.spawn().unwrap(), format!("127.0.0.1:{port}"));
    let start = Instant::now();
    while TcpStream::connect(&server.1).is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// Whether the server has closed `stream` (it reads end-of-file or an error, not a timeout).
fn closed(stream: &TcpStream) -> bool {
    stream.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    let mut byte = [0u8; 1];
    match (&*stream).read(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
    }
}

#[test]
fn connections_that_do_not_send_their_headers_are_closed_and_the_cap_queues_the_rest() {
    let server = start(&[("KANTA_HEADER_TIMEOUT_SECONDS", "1"), ("KANTA_MAX_CONNECTIONS", "40")]);
    // Thirty that send half their headers, ten that send nothing: every one closed in time.
    let idle: Vec<TcpStream> = (0..40)
        .map(|i| {
            let mut s = TcpStream::connect(&server.1).unwrap();
            if i < 30 {
                s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            }
            s
        })
        .collect();
    // All forty slots are taken: a real request waits until the idle ones are closed.
    let asked = Instant::now();
    let (code, _) =
        raw(&format!("http://{}", server.1), b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let waited = asked.elapsed();
    assert_eq!(code, 200);
    assert!(waited >= Duration::from_millis(500), "answered after {waited:?}, before any slot was free");
    std::thread::sleep(Duration::from_millis(1500));
    let open = idle.iter().filter(|s| !closed(s)).count();
    assert_eq!(open, 0, "connections still open two seconds after the header timeout");
    // HTTP/2 without TLS (its preface) is not spoken: one connection, one request at a time.
    let (code, answer) = raw(&format!("http://{}", server.1), b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    // (An HTTP/2 server would answer the preface with its SETTINGS frame.)
    assert!(answer.is_empty() || (code == 400 && answer.starts_with("HTTP/1.1")), "HTTP/2 spoken: {answer:?}");
}

#[test]
fn production_sends_hsts_keeps_personal_answers_out_of_caches_and_names_its_cookie_host_only() {
    use josekit::jwk::alg::rsa::RsaKeyPair;
    let dir = std::env::temp_dir().join(format!("kanta_limits_keys_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = |name: &str| {
        let path = dir.join(name);
        std::fs::write(&path, RsaKeyPair::generate(2048).unwrap().to_pem_private_key()).unwrap();
        path.display().to_string()
    };
    let (signing, encryption) = (key("signing.pem"), key("encryption.pem"));
    let unreachable = "http://127.0.0.1:9";
    let production = [
        ("KANTA_ENV", "production"),
        ("KANTA_PUBLIC_URL", "https://extranet.example"),
        ("KANTA_OIDC_ISSUER", unreachable),
        ("KANTA_OIDC_SIGNING_KEY_FILES", &signing),
        ("KANTA_OIDC_ENCRYPTION_KEY_FILES", &encryption),
        ("KANTA_PSEUDONYM_KEY", "a-production-secret-of-at-least-32-characters"),
        ("KANTA_TRADE_REGISTER_URL", unreachable),
        ("KANTA_PROFESSIONAL_REGISTER_URL", unreachable),
        ("KANTA_CODE_SERVICE_URL", unreachable),
        ("KANTA_PHARMACY_REGISTER_URL", unreachable),
        ("KANTA_MANDATES_URL", unreachable),
        ("KANTA_MANDATES_CLIENT_SECRET", "secret"),
        ("KANTA_MANDATES_OAUTH_SECRET", "secret"),
        ("KANTA_SMTP_URL", "smtp://127.0.0.1:9"),
    ];
    let server = start(&production);
    let base = format!("http://{}", server.1);
    let get = |path: &str, cookie: &str| {
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n");
        raw(&base, request.as_bytes())
    };
    // A stale session: the cookie is cleared by its host-only name.
    let (code, page) = get("/", "__Host-kanta_session=stale");
    assert_eq!(code, 200, "{page}");
    let head = page.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(head.contains("strict-transport-security: max-age=31536000; includesubdomains"), "{head}");
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(
        head.contains("set-cookie: __host-kanta_session=; path=/; httponly; samesite=lax; max-age=0; secure"),
        "{head}"
    );
    // The sandbox is not there, and the security headers are on every answer.
    let (code, answer) = get("/sandbox/mail", "");
    let head = answer.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert_eq!(code, 404);
    assert!(head.contains("x-content-type-options: nosniff") && head.contains("strict-transport-security"), "{head}");
    let _ = std::fs::remove_dir_all(&dir);

    // With the sandbox on, production does not start.
    let out = Command::new(SERVER_BIN).arg("serve").envs(production).env("KANTA_SANDBOX", "on").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KANTA_SANDBOX"));
}

#[tokio::test(flavor = "multi_thread")]
async fn past_a_rate_limit_the_answer_is_429_with_retry_after_per_address_or_session() {
    let app = TestApp::sqlite_with(&[
        ("KANTA_RATE_SUPPORT_PER_MINUTE", "2"),
        ("KANTA_RATE_LOGIN_PER_MINUTE", "6"),
        ("KANTA_RATE_REGISTERS_PER_MINUTE", "1"),
        ("KANTA_TRUSTED_PROXY_HEADER", "X-Forwarded-For"),
    ])
    .await;
    let client = reqwest::Client::new();
    let support = |from: &'static str, accept: &'static str| {
        client
            .post(format!("{}{}", app.base, SendSupportRequest::PATH))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", accept)
            .header("x-forwarded-for", from)
            .body("name=Aino")
            .send()
    };
    // The support form: two a minute from one address, whatever the form held.
    for _ in 0..2 {
        let answer = support("198.51.100.7, 203.0.113.5", "application/json").await.unwrap();
        assert_ne!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let answer = support("198.51.100.7, 203.0.113.5", "application/json").await.unwrap();
    assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = answer.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=31).contains(&wait), "{wait}");
    assert!(answer.text().await.unwrap().starts_with(r#"{"TooMany":{"retry_after":"#));
    // The page a browser without JavaScript gets says so, and when to try again.
    let page = support("198.51.100.9, 203.0.113.5", "text/html").await.unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS, "the proxy's last address is the client's");
    assert!(page.text().await.unwrap().contains("Liian monta pyyntöä"));
    // Another client behind the same proxy has its own allowance.
    let other = support("198.51.100.7, 203.0.113.6", "application/json").await.unwrap();
    assert_ne!(other.status(), StatusCode::TOO_MANY_REQUESTS);

    // Two people log in from one address within the login limit (start and callback count).
    let (first, second) = (Browser::new(&app.base), Browser::new(&app.base));
    log_in(&first, "p01").await;
    log_in(&second, "p13").await;
    // The register buttons: one a minute per session, so one person's clicks do not use up another's.
    let check = [("", "")];
    let (status, body) = first.call(CheckCodeService::PATH, &check).await;
    assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    let (status, _) = first.call(CheckCodeService::PATH, &check).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, body) = second.call(CheckCodeService::PATH, &check).await;
    assert_ne!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
}
