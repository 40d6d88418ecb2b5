//! Panics in work the app spawns while it renders (Leptos runs resources, and the server
//! functions they call, on tasks of their own): the request that spawned the work is answered
//! with a logged 500 at once, instead of waiting for a result that will never come until its
//! time limit answers 503. Panics in the request's own task are `CatchPanicLayer`'s.
use super::refusal::refuse;
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use app::error::AppError;
use axum::{extract::Request, http::StatusCode, middleware::Next, response::Response};
use futures::FutureExt;
use std::{future::Future, panic::AssertUnwindSafe, sync::Arc};
use tokio::sync::Notify;

tokio::task_local! {
    /// The request the running work belongs to: told when work it spawned panics.
    static REQUEST: Arc<Notify>;
}

/// Leptos' tokio executor, with each spawned task watched for panics.
struct Watched;

impl CustomExecutor for Watched {
    fn spawn(&self, task: PinnedFuture<()>) {
        tokio::spawn(watched(task));
    }

    fn spawn_local(&self, task: PinnedLocalFuture<()>) {
        tokio::task::spawn_local(watched(task));
    }

    fn poll_local(&self) {}
}

/// `task`, run within the spawning request's scope (so what it spawns is watched too), telling
/// that request if it panics.
fn watched<F: Future<Output = ()>>(task: F) -> impl Future<Output = ()> {
    let request = REQUEST.try_with(Arc::clone).ok();
    async move {
        let run = AssertUnwindSafe(task).catch_unwind();
        let outcome = match &request {
            Some(request) => REQUEST.scope(request.clone(), run).await,
            None => run.await,
        };
        if outcome.is_err() {
            tracing::error!("work spawned while rendering panicked");
            if let Some(request) = request {
                request.notify_one();
            }
        }
    }
}

/// Makes Leptos spawn its tasks through `Watched`; before Leptos sets up its own executor (the
/// first one set stays).
pub fn install() {
    let _ = Executor::init_custom_executor(Watched);
}

/// Answers 500 as soon as work the request spawned panics.
pub async fn watch(request: Request, next: Next) -> Response {
    let signal = Arc::new(Notify::new());
    let run = REQUEST.scope(signal.clone(), next.run(request));
    tokio::select! {
        response = run => response,
        () = signal.notified() => {
            let mut response = refuse(AppError::Unavailable);
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}
