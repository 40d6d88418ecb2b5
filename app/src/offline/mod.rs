//! The browser's side of working offline: the service worker (served by the server at `/sw.js`)
//! is registered once the page is interactive, and wizard drafts are kept on the device.
#[cfg(feature = "hydrate")]
pub mod drafts;

/// Where drafts are kept on the device: an IndexedDB database, its schema version, and its store
/// (one value per [`draft_key`]).
pub struct DraftStore {
    pub database: &'static str,
    pub version: u32,
    pub store: &'static str,
}

pub const DRAFTS: DraftStore = DraftStore { database: "kanta", version: 1, store: "drafts" };

/// The key of a wizard's draft: the application's (`application-<id>`) or the guide's id.
pub fn draft_key(wizard: &str, application: Option<i32>) -> String {
    match application {
        Some(id) => format!("application-{id}"),
        None => wizard.to_string(),
    }
}

/// Forgets what this device kept of a session that has ended: the drafts, and (through the
/// service worker) the stored pages, which show who was logged in.
#[cfg(feature = "hydrate")]
pub async fn forget_device() {
    // The worker first: the deletion may wait for another tab to let go of the store.
    if let Some(worker) = service_workers().and_then(|workers| workers.controller()) {
        let _ = worker.post_message(&"forget-pages".into());
    }
    drafts::forget_all().await;
}

/// The page's service workers, where the browser has them (secure contexts only).
#[cfg(feature = "hydrate")]
fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false).then(|| navigator.service_worker())
}

/// Registers `/sw.js` where the browser has service workers (secure contexts only).
#[cfg(feature = "hydrate")]
pub fn register_service_worker() {
    // A refused registration leaves the app working online, as without a worker.
    if let Some(workers) = service_workers() {
        let _ = workers.register("/sw.js");
    }
}
