//! The browser entry: what every page does in the browser (the idle warning, the service worker).
//! `app/src/hydration.js` loads this module and hydrates the islands.
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    app::components::session::watch_idle_time();
    app::offline::register_service_worker();
}
