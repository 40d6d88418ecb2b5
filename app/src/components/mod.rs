//! Building blocks shared by pages.
pub mod form;
pub mod language_switch;
pub mod layout;
pub mod pager;
pub mod posted;
pub mod session;
pub mod support_form;

/// Marks `<html data-hydrated>` once the page is interactive, so tests (and styles) know: right
/// away on a page without islands, else when its last island has hydrated (see [`island_hydrated`]).
#[cfg(feature = "hydrate")]
pub fn mark_hydrated_when_ready() {
    if islands_on_page() == 0 {
        mark_hydrated();
    }
}

/// Called first in every island. Lazy islands hydrate one by one, each after its chunk has
/// loaded and after `hydrate()` has returned; the last one to finish marks the page.
pub fn island_hydrated() {
    #[cfg(feature = "hydrate")]
    leptos::prelude::Effect::new(move |_| {
        thread_local!(static HYDRATED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        let done = HYDRATED.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        if done >= islands_on_page() {
            mark_hydrated();
        }
    });
}

#[cfg(feature = "hydrate")]
fn islands_on_page() -> u32 {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("leptos-island").ok())
        .map_or(0, |found| found.length())
}

#[cfg(feature = "hydrate")]
fn mark_hydrated() {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("data-hydrated", "true");
    }
}
