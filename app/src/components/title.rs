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
        move |page: String| escaped(if page == service { page } else { format!("{page} – {service}") })
    };
    view! { <Title text=service formatter=format/> }
}

/// leptos_meta writes the title into the page as it is, and a page's title may hold a name
/// from a register (an organisation's): `&`, `<` and `>` are written as entities. Pages render
/// on the server only, so no title is ever set from the browser's side, where this would show.
fn escaped(title: String) -> String {
    title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
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
    view! { <Title formatter=move |page: String| escaped(format!("{error}: {page} – {service}"))/> }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_name_cannot_end_the_title_element() {
        assert_eq!(super::escaped("A & B".into()), "A &amp; B");
        assert_eq!(super::escaped("</title".into()), "&lt;/title");
        assert_eq!(super::escaped("1 > 0".into()), "1 &gt; 0");
    }
}
