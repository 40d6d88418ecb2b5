//! The browser entry: hydrates the interactive islands of the server-rendered page.
use wasm_bindgen::prelude::wasm_bindgen;

/// Room for the WASM splitter (cargo-leptos `--split`) in the data segment. It lays each lazy
/// chunk's data out with its own alignment, which makes the segment a little longer than the
/// linker's; when it would not fit, it leaves all data in the main module, which every page
/// downloads. Nothing reads these bytes, so no module gets them and the others fit.
#[used]
static SPLIT_SLACK: [u8; 1024] = [0x5a; 1024];

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
