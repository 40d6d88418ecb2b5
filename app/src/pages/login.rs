use leptos::prelude::*;

/// What a user needs before identification. The identification itself arrives with Suomi.fi login.
#[component]
pub fn Login() -> impl IntoView {
    view! {
        <div class="page page--narrow">
            <h1>{t!("login-heading")}</h1>
            <p class="lead">{t!("login-lead")}</p>
            <h2>{t!("login-needs-heading")}</h2>
            <ul>
                <li>{t!("home-needs-authentication")}</li>
                <li>{t!("home-needs-code-service")}</li>
                <li>{t!("login-needs-basis")}</li>
            </ul>
            <p class="notice">{t!("login-not-yet-open")}</p>
        </div>
    }
}
