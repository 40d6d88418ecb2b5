use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="page page--narrow">
            <crate::components::title::PageTitle text=t!("not-found-heading")/>
            <crate::components::title::ErrorTitle/>
            <h1>{t!("not-found-heading")}</h1>
            <p>{t!("not-found-text")}</p>
            <p><a href="/">{t!("not-found-home")}</a></p>
        </div>
    }
}
