//! The browser's side of working offline: the service worker (served by the server at `/sw.js`)
//! is registered once the page is interactive, and wizard drafts are kept on the device.
pub mod drafts;

/// Registers `/sw.js` where the browser has service workers (secure contexts only).
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    // A refused registration leaves the app working online, as without a worker.
    let _ = navigator.service_worker().register("/sw.js");
}
