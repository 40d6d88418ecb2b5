//! Bounds on what one request, one connection and one client may cost: timeouts, a connection
//! cap, body limits, rate limits (`rate`), malformed server-function calls refused with 400,
//! panics answered with 500, and the refusals' answers (`refusal`). Applied to every route, the
//! sandbox's included.
pub mod panics;
pub mod rate;
pub mod refusal;
pub mod serve;

use app::error::AppError;
use axum::{
    Router,
    extract::{Request, State},
    http::{StatusCode, header},
    middleware::{self, Next},
    response::Response,
};
use refusal::refuse;
use std::time::Duration;

/// The configured bounds (`KANTA_*`; defaults in `Config`).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// A client must send a request's headers within this.
    pub header_read_timeout: Duration,
    /// The app must answer (its headers) within this; else 503.
    pub request_timeout: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
    /// Largest body, in bytes, of a request that is not a file upload.
    pub body_limit: usize,
    /// Largest body, in bytes, of a file upload (`multipart/form-data`).
    pub upload_limit: usize,
}

/// `router` with every bound applied: panics caught innermost, then the app's time limit, the
/// body read whole within its limits, the server-function checks and the rate limits (before any
/// body is read), and the refusals' rendering outermost.
pub fn apply(router: Router, limits: Limits, rates: std::sync::Arc<rate::Limiters>) -> Router {
    let bodies = Bodies { limits, uploads: std::sync::Arc::new(tokio::sync::Semaphore::new(UPLOADS_AT_ONCE)) };
    router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(middleware::from_fn(panics::watch))
        .layer(middleware::from_fn_with_state(limits.request_timeout, time_limit))
        .layer(middleware::from_fn_with_state(bodies, bounded_body))
        .layer(middleware::from_fn(server_fn_requests))
        .layer(middleware::from_fn_with_state(rates, rate::limit))
        // Once more outside: a panic in the layers above is answered too.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(middleware::from_fn(refusal::render))
}

/// File uploads (to the functions that take them) read into memory at once; more wait their
/// turn, within the time limit (each may be `upload_limit`).
const UPLOADS_AT_ONCE: usize = 4;

#[derive(Clone)]
struct Bodies {
    limits: Limits,
    uploads: std::sync::Arc<tokio::sync::Semaphore>,
}

fn is_multipart(request: &Request) -> bool {
    content_type(request).is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("multipart/"))
}

fn content_type(request: &Request) -> Option<&str> {
    request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
}

/// Reads the body whole, up to the limit for its kind; past it (by `Content-Length` or by
/// what arrives) the answer is 413 and nothing reaches the app. A body that has not arrived
/// within the request time limit gets 408. The app's own time limit starts after.
async fn bounded_body(State(bodies): State<Bodies>, request: Request, next: Next) -> Response {
    let limits = bodies.limits;
    let upload = takes_multipart(request.uri().path());
    let limit = if upload { limits.upload_limit } else { limits.body_limit };
    let too_large = || {
        let mut response = refuse(AppError::TooLarge { limit_kb: u32::try_from(limit / 1024).unwrap_or(u32::MAX) });
        response.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
        response
    };
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        // A client waiting for `100 Continue` has sent nothing and is told at once; reading the
        // body would ask it to send.
        let waits =
            request.headers().get(header::EXPECT).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        if !waits && declared.is_some_and(|n| n <= DISCARD_AT_MOST as u64) {
            discard(request.into_body()).await;
        }
        return too_large();
    }
    let (parts, body) = request.into_parts();
    let read = tokio::time::timeout(limits.request_timeout, async {
        let slot = match upload {
            true => bodies.uploads.acquire_owned().await.ok(),
            false => None,
        };
        let capacity = declared.map_or(0, |n| n as usize);
        (read_at_most(body, limit, capacity).await, slot)
    })
    .await;
    let Ok((read, slot)) = read else {
        let mut response = refuse(AppError::Transport("the body did not arrive in time".into()));
        *response.status_mut() = StatusCode::REQUEST_TIMEOUT;
        return response;
    };
    match read {
        Arrived::Whole(bytes) => next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await,
        Arrived::TooLarge(rest) => {
            drop(slot);
            discard(rest).await;
            too_large()
        }
        // The client stopped sending (or the connection broke) mid-body.
        Arrived::Broken => refuse(AppError::Malformed("the body did not arrive whole".into())),
    }
}

/// What arrived of a body read up to a limit.
enum Arrived {
    Whole(axum::body::Bytes),
    /// Past the limit: what is still to come.
    TooLarge(axum::body::Body),
    Broken,
}

/// `capacity`: the declared length (at most `limit`), so the buffer is allocated once.
async fn read_at_most(mut body: axum::body::Body, limit: usize, capacity: usize) -> Arrived {
    use http_body_util::BodyExt;
    let mut whole = Vec::with_capacity(capacity);
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { return Arrived::Broken };
        if let Ok(data) = frame.into_data() {
            if whole.len() + data.len() > limit {
                return Arrived::TooLarge(body);
            }
            whole.extend_from_slice(&data);
        }
    }
    Arrived::Whole(whole.into())
}

/// Past a body's limit, this much more of it (bytes), arriving within `DISCARD_FOR`, is read and
/// thrown away before the 413 is sent: a client still sending when the connection closes sees
/// the reset, not the answer (nginx's lingering close, for the same reason). Beyond either, the
/// connection is closed under it.
const DISCARD_AT_MOST: usize = 16 * 1024 * 1024;
const DISCARD_FOR: Duration = Duration::from_secs(5);

async fn discard(mut body: axum::body::Body) {
    use http_body_util::BodyExt;
    let _ = tokio::time::timeout(DISCARD_FOR, async {
        let mut seen = 0;
        while let Some(Ok(frame)) = body.frame().await {
            seen += frame.data_ref().map_or(0, |d| d.len());
            if seen > DISCARD_AT_MOST {
                break;
            }
        }
    })
    .await;
}

/// Server functions whose input is a multipart form (file uploads).
fn takes_multipart(path: &str) -> bool {
    use leptos::server_fn::ServerFn;
    path == app::api::billing::ImportBilling::PATH
}

/// A server function reads its body in the encoding it declares; a multipart function given a
/// body without a boundary `multer` can read (or no multipart body at all) panics in the
/// server-function layer before any check, so it is refused here with 400, by the same parser.
async fn server_fn_requests(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with("/api/") && (takes_multipart(path) || is_multipart(&request)) {
        let readable = content_type(&request).is_some_and(|t| multer::parse_boundary(t).is_ok());
        if !readable {
            return refuse(AppError::Malformed("expected multipart/form-data with a valid boundary".into()));
        }
    }
    next.run(request).await
}

/// A panic anywhere in the app becomes a logged 500 with the usual error, not a dropped connection.
fn panicked(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = what, "request handler panicked");
    let mut response = refuse(AppError::Unavailable);
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

/// The app answers within `limit`, or the client gets 503 (and what was under way is dropped,
/// which a transaction rolls back).
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::error!(%path, seconds = limit.as_secs(), "request timed out");
            refuse(AppError::Unavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, routing::get};
    use tower::ServiceExt;

    fn limits() -> Limits {
        Limits {
            header_read_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_millis(200),
            max_connections: 4,
            body_limit: 1024,
            upload_limit: 4096,
        }
    }

    async fn call(router: Router, accept: &str, path: &str) -> (StatusCode, String, String) {
        let request = Request::get(path).header(header::ACCEPT, accept).body(Body::empty()).unwrap();
        let response = router.oneshot(request).await.unwrap();
        let status = response.status();
        let kind = response.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string());
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, kind.unwrap_or_default(), String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_panic_in_work_the_request_spawned_is_a_500_at_once() {
        panics::install();
        let rates = rate::RateLimits { login: 0, support: 0, registers: 0, import: 0, trusted_header: None };
        let spawns = || async {
            // As a resource does: its task panics, and what waits for it would wait forever.
            let (_keep, never) = tokio::sync::oneshot::channel::<()>();
            any_spawner::Executor::spawn(async {
                if Duration::ZERO.is_zero() {
                    panic!("in a resource");
                }
            });
            let _ = never.await;
            "never"
        };
        let limits = Limits { request_timeout: Duration::from_secs(30), ..limits() };
        let router = apply(Router::new().route("/page", get(spawns)), limits, rate::Limiters::new(&rates, "s"));
        let asked = std::time::Instant::now();
        let (status, _, body) = call(router, "application/json", "/page").await;
        assert_eq!((status, body.as_str()), (StatusCode::INTERNAL_SERVER_ERROR, "\"Unavailable\""));
        assert!(asked.elapsed() < Duration::from_secs(10), "answered at once, not at the time limit");
    }

    #[tokio::test]
    async fn a_panic_is_a_500_with_the_usual_error_and_a_slow_answer_a_503() {
        let rates = rate::RateLimits { login: 0, support: 0, registers: 0, import: 0, trusted_header: None };
        let router = apply(
            Router::new()
                .route(
                    "/boom",
                    get(|| async {
                        if Duration::ZERO.is_zero() {
                            panic!("boom");
                        }
                        "never"
                    }),
                )
                .route(
                    "/slow",
                    get(|| async {
                        tokio::time::sleep(Duration::from_secs(5)).await;
                        "late"
                    }),
                ),
            limits(),
            rate::Limiters::new(&rates, "kanta_session"),
        );
        let (status, kind, body) = call(router.clone(), "application/json", "/boom").await;
        assert_eq!(
            (status, kind.as_str(), body.as_str()),
            (StatusCode::INTERNAL_SERVER_ERROR, "application/json", "\"Unavailable\"")
        );
        let (status, kind, body) = call(router.clone(), "text/html", "/boom").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(kind.starts_with("text/html") && body.contains("id=\"refusal\""), "{body}");
        let (status, _, body) = call(router, "application/json", "/slow").await;
        assert_eq!((status, body.as_str()), (StatusCode::SERVICE_UNAVAILABLE, "\"Unavailable\""));
    }
}
