//! Tables wider than a phone.
use leptos::prelude::*;

/// A table that may be wider than the screen: it scrolls sideways in a box of its own, which the
/// keyboard can reach and scroll (WCAG 2.1.1, axe's `scrollable-region-focusable`) and which is
/// named by `labelled_by`, the id of the heading over the table (a group, not a landmark: the
/// section around it is that already).
#[component]
pub fn ScrollTable(labelled_by: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="group" aria-labelledby=labelled_by>
            {children()}
        </div>
    }
}
