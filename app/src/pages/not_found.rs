use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="page page--narrow">
            <h1>{t!("not-found-heading")}</h1>
            <p>{t!("not-found-text")}</p>
            <p><a href="/">{t!("not-found-home")}</a></p>
        </div>
    }
}
