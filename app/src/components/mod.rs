//! Building blocks shared by pages.
pub mod form;
pub mod language_switch;
pub mod layout;
pub mod posted;
pub mod session;
pub mod support_form;

/// Marks `<html data-hydrated>` so tests (and styles) know the page is interactive.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.set_attribute("data-hydrated", "true");
    }
}
