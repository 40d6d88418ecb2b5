use crate::components::{
    session::{BySession, encode},
    title::{ErrorTitle, PageTitle},
};
use crate::domain::local_path::is_local_path;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

coded_enum! {
    /// Why a login did not complete; each has its own page text. Details go to the log only.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum LoginFailure {
        /// No login of this browser was waiting, or `state` did not match it.
        State = ("state", msg!("login-failed-state")),
        /// The user cancelled at the identity provider.
        Cancelled = ("cancelled", msg!("login-failed-cancelled")),
        /// The provider answered with an error, or the code exchange failed.
        Provider = ("provider", msg!("login-failed-provider")),
        /// The ID token failed validation (signature, issuer, audience, expiry, nonce).
        Token = ("token", msg!("login-failed-token")),
        /// The identification was below the required level of assurance.
        Assurance = ("assurance", msg!("login-failed-assurance")),
        /// A foreign person identified through eIDAS, without a Finnish identity code.
        Foreign = ("foreign", msg!("login-failed-foreign")),
        /// The provider's answer lacked a valid personal identity code or name.
        Identity = ("identity", msg!("login-failed-identity")),
        /// The provider or our database could not be reached.
        Unavailable = ("unavailable", msg!("login-failed-unavailable")),
    }
}

/// What a user needs before identification, then on to Suomi.fi identification.
#[component]
pub fn Login() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).filter(|n| is_local_path(n));
    let start = move || format!("/auth/login?next={}", encode(&next().unwrap_or_else(|| "/".into())));
    view! {
        <div class="page page--narrow">
            <PageTitle text=t!("login-heading")/>
            <h1>{t!("login-heading")}</h1>
            <p class="lead">{t!("login-lead")}</p>
            <h2>{t!("login-needs-heading")}</h2>
            <ul>
                <li>{t!("home-needs-authentication")}</li>
                <li>{t!("home-needs-code-service")}</li>
                <li>{t!("login-needs-basis")}</li>
            </ul>
            <BySession
                signed_in=|s| {
                    view! {
                        <p class="notice">{t!("login-already", name = s.display_name)}</p>
                        <a class="button" href="/">{t!("login-to-front-page")}</a>
                    }
                }
                signed_out=move || {
                    view! {
                        <p>{t!("login-identification-text")}</p>
                        <a class="button button--primary" href=start rel="external" id="start-login">
                            {t!("login-start")}
                        </a>
                    }
                }
            />
        </div>
    }
}

/// Why a login did not complete, in words, and a way to try again. No session was created.
#[component]
pub fn LoginFailed() -> impl IntoView {
    let query = use_query_map();
    let reason = move || {
        let failure = query.with(|q| q.get("reason")).as_deref().and_then(LoginFailure::from_code);
        crate::i18n::tr(failure.unwrap_or(LoginFailure::Provider).message_id())
    };
    view! {
        <div class="page page--narrow">
            <PageTitle text=t!("login-failed-heading")/>
            <ErrorTitle/>
            <h1>{t!("login-failed-heading")}</h1>
            <p class="error-message" id="login-failed-reason">{reason}</p>
            <p>{t!("login-failed-not-logged-in")}</p>
            <a class="button button--primary" href="/login">{t!("login-try-again")}</a>
        </div>
    }
}

/// Where logout lands, after the identity provider's session ended too.
#[component]
pub fn LoggedOut() -> impl IntoView {
    view! {
        <div class="page page--narrow" data-forget-device="">
            <PageTitle text=t!("logged-out-heading")/>
            <h1>{t!("logged-out-heading")}</h1>
            <p class="lead">{t!("logged-out-text")}</p>
            <p>{t!("logged-out-browser")}</p>
            <a class="button" href="/login">{t!("login-again")}</a>
        </div>
    }
}
