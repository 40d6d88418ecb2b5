//! The browser entry: hydrates the interactive islands of the server-rendered page.
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // The loader hydrates the islands right after this returns, in microtasks; a timer runs after them.
    leptos::prelude::set_timeout(
        || {
            app::components::mark_hydrated_when_ready();
            app::components::session::watch_idle_time();
            app::offline::register_service_worker();
        },
        std::time::Duration::ZERO,
    );
}
