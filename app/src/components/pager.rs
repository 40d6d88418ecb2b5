//! The links between the pages of a long list: plain links, so paging works without JavaScript.
use leptos::prelude::*;

/// One link of a pager: where it goes, its element id (for tests and styles) and its text.
pub struct PageLink {
    pub href: String,
    pub id: &'static str,
    pub text: String,
}

impl PageLink {
    pub fn new(href: impl Into<String>, id: &'static str, text: String) -> PageLink {
        PageLink { href: href.into(), id, text }
    }
}

/// `first`: back to the first page (shown on the later ones); `next`: on to the next page (when
/// there is one).
#[component]
pub fn Pager(first: Option<PageLink>, next: Option<PageLink>) -> impl IntoView {
    let link = |l: PageLink| view! { <a href=l.href id=l.id>{l.text}</a> };
    view! { <p class="pager">{first.map(link)} {next.map(link)}</p> }
}
