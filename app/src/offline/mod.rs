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

/// Registers `/sw.js` where the browser has service workers (secure contexts only), and names to
/// it the guide's pictures this page showed before it ran: their fetches went past it, and it
/// keeps a guide's pictures once it knows one was shown.
#[cfg(feature = "hydrate")]
pub fn register_service_worker() {
    use wasm_bindgen::JsCast;
    let Some(workers) = service_workers() else { return };
    // A refused registration leaves the app working online, as without a worker.
    let _ = workers.register("/sw.js");
    // A page the worker controls fetched its pictures through it.
    if workers.controller().is_some() {
        return;
    }
    let Ok(ready) = workers.ready() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else { return };
        let Some(worker) = registration.unchecked_into::<web_sys::ServiceWorkerRegistration>().active() else {
            return;
        };
        for path in shown_pictures() {
            let _ = worker.post_message(&format!("keep:{path}").into());
        }
    });
}

/// The paths of the guide's pictures (`/screens/…`) the page has chosen to show.
#[cfg(feature = "hydrate")]
fn shown_pictures() -> Vec<String> {
    use wasm_bindgen::JsCast;
    let Some(images) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector_all(".shot img").ok())
    else {
        return Vec::new();
    };
    (0..images.length())
        .filter_map(|i| images.item(i)?.dyn_into::<web_sys::HtmlImageElement>().ok())
        .filter_map(|image| web_sys::Url::new(&image.current_src()).ok())
        .map(|url| url.pathname())
        .filter(|path| path.starts_with("/screens/"))
        .collect()
}
