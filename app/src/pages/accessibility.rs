use crate::components::{layout::SupportEmail, title::PageTitle};
use leptos::prelude::*;

/// The accessibility statement required of public-sector digital services.
#[component]
pub fn Accessibility() -> impl IntoView {
    view! {
        <div class="page page--narrow">
            <PageTitle text=t!("a11y-heading")/>
            <h1>{t!("a11y-heading")}</h1>
            <p class="lead">{t!("a11y-lead")}</p>
            <h2>{t!("a11y-status-heading")}</h2>
            <p>{t!("a11y-status-text")}</p>
            <h2>{t!("a11y-method-heading")}</h2>
            <p>{t!("a11y-method-text")}</p>
            <p id="a11y-dates">{t!("a11y-dates-text")}</p>
            <h2>{t!("a11y-known-heading")}</h2>
            <p>{t!("a11y-known-text")}</p>
            <h2>{t!("a11y-feedback-heading")}</h2>
            <p>{t!("a11y-feedback-text")}</p>
            <p><SupportEmail/></p>
            <h2>{t!("a11y-enforcement-heading")}</h2>
            <p>{t!("a11y-enforcement-text")}</p>
        </div>
    }
}
