//! A button that opens the browser's print dialogue (the page has print styles). Without
//! JavaScript it is not shown: the browser's own print command does the same.
use leptos::prelude::*;

#[island]
pub fn PrintButton() -> impl IntoView {
    let shown = RwSignal::new(false);
    Effect::new(move || shown.set(true));
    view! {
        <button type="button" class="button button--secondary no-print" id="print" hidden=move || !shown.get()
            on:click=move |_| {
                #[cfg(feature = "hydrate")]
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }>
            {t!("print-button")}
        </button>
    }
}
