//! The document's `<title>` (WCAG 2.4.2): "{page} – Kanta Extranet" in the page's language, and
//! "Virhe: …" / "Fel: …" in front while the page shows an error. Pages render on the server, so
//! the title is in the first answer, for screen readers, tabs and history alike.
use leptos::prelude::*;
use leptos_meta::Title;

/// In `App`, once: the service's name alone until a page names itself, then after the page.
#[component]
pub fn TitleFormat() -> impl IntoView {
    let service = t!("service-name");
    let format = {
        let service = service.clone();
        move |page: String| if page == service { page } else { format!("{page} – {service}") }
    };
    view! { <Title text=service formatter=format/> }
}

/// The page's own title: the words of its main heading.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text/> }
}

/// Rendered with an error the page shows (a refusal, a form's problems, an unknown address).
#[component]
pub fn ErrorTitle() -> impl IntoView {
    let (service, error) = (t!("service-name"), t!("title-error"));
    view! { <Title formatter=move |page: String| format!("{error}: {page} – {service}")/> }
}
