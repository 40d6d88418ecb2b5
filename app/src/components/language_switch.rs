use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Where a language link sends the browser: the server sets the cookie and returns to `next`.
pub fn switch_href(lang: Lang, next: &str) -> String {
    format!("/lang/{}?next={}", lang.code(), super::session::encode(next))
}

/// "suomeksi | på svenska": plain links, so switching works without JavaScript and keeps the page.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    let here = move || {
        format!(
            "{}{}",
            location.pathname.get(),
            location.search.get().strip_prefix('?').map(|q| format!("?{q}")).unwrap_or_default()
        )
    };
    let link = move |lang: Lang, label: String| {
        let active = lang == current;
        view! {
            <a
                href=move || switch_href(lang, &here())
                rel="external"
                hreflang=lang.code()
                lang=lang.code()
                aria-current=active.then_some("true")
                class:active=active
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="language-switch" aria-label=t!("language-switch-label")>
            // Each language names itself in its own words, whatever the page language.
            {link(Lang::Fi, t!("language-name-fi"))}
            <span aria-hidden="true">" | "</span>
            {link(Lang::Sv, t!("language-name-sv"))}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_percent_encoded() {
        assert_eq!(switch_href(Lang::Sv, "/login?next=/a b&x=1"), "/lang/sv?next=/login%3Fnext%3D/a%20b%26x%3D1");
    }
}
