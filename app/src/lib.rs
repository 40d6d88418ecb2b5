//! Kanta Extranet: the Leptos app, rendered on the server (`ssr`) and hydrated in the browser (`hydrate`).
#![recursion_limit = "256"]
// First, so `t!` and `msg!` are in scope in every module below.
#[macro_use]
pub mod i18n;
#[macro_use]
mod coded;

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod hydration;
pub mod materials;
pub mod offline;
pub mod pages;
pub mod terms;
pub mod wizard;

#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod request;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app; `lang` is the language the server negotiated for this request.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use hydration::BuildAssets;
    use leptos_meta::MetaTags;
    let lang = i18n::request_lang();
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <meta name="theme-color" content="#005a8c"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <AutoReload options=options.clone()/>
                <BuildAssets options lang/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The identity provider's origin (`https://host`), put in the request context by the server:
/// the logout form's redirect goes there, and browsers hold redirects to `form-action` too.
#[derive(Clone, Debug)]
pub struct IdentityProviderOrigin(pub String);

/// The names of the cookies the server sets, put in the request context by the server for the
/// page that lists them: with `Secure` cookies (production) they carry the `__Host-` or
/// `__Secure-` prefix, otherwise they are [`CookieNames::PLAIN`].
#[derive(Clone, Copy, Debug)]
pub struct CookieNames {
    pub session: &'static str,
    pub seen: &'static str,
    pub login: &'static str,
    /// Ties a form refused without JavaScript, kept on the server, to the browser that posted it
    /// when no one is logged in (`server::refused_form`).
    pub form: &'static str,
}

impl CookieNames {
    pub const PLAIN: CookieNames =
        CookieNames { session: "kanta_session", seen: "kanta_seen", login: "kanta_login", form: "kanta_form" };
}

/// How long a session lasts as this server is configured, put in the request context by the
/// server for the pages that tell users: unused for `idle_minutes`, at most `max_hours`.
#[derive(Clone, Copy, Debug)]
pub struct SessionLimits {
    pub idle_minutes: i64,
    pub max_hours: i64,
}

impl SessionLimits {
    /// The configuration's defaults (`KANTA_SESSION_IDLE_MINUTES`, `KANTA_SESSION_MAX_HOURS`).
    pub const DEFAULT: SessionLimits = SessionLimits { idle_minutes: 30, max_hours: 10 };
}

/// Only our own scripts run: the inline hydration script carries this response's nonce.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    let (Some(nonce), Some(response)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let provider = use_context::<IdentityProviderOrigin>().map(|o| format!(" {}", o.0)).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'{provider}; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The route table: the map of the product.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide_lang();
    components::session::provide_session();

    view! {
        <components::title::TitleFormat/>
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("") view=pages::home::Home ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=pages::login::Login ssr=SsrMode::Async/>
                    <Route path=path!("/login/failed") view=pages::login::LoginFailed ssr=SsrMode::Async/>
                    <Route path=path!("/logged-out") view=pages::login::LoggedOut ssr=SsrMode::Async/>
                    // Every page renders whole (async): the server can still redirect to login, and a
                    // browser without JavaScript gets the parts that wait on data (the header's session).
                    <Route path=path!("/account") view=pages::account::Account ssr=SsrMode::Async/>
                    <Route path=path!("/organisations") view=pages::organisations::Organisations ssr=SsrMode::Async/>
                    <Route path=path!("/organisation") view=pages::organisation::Organisation ssr=SsrMode::Async/>
                    <Route path=path!("/applications") view=pages::applications::Applications ssr=SsrMode::Async/>
                    <Route path=path!("/applications/:id") view=pages::applications::Application ssr=SsrMode::Async/>
                    <Route path=path!("/joint/:id") view=pages::joint::JointAcceptance ssr=SsrMode::Async/>
                    <Route path=path!("/customer-data") view=pages::customer_data::CustomerData ssr=SsrMode::Async/>
                    <Route path=path!("/billing") view=pages::billing::Billing ssr=SsrMode::Async/>
                    <Route path=path!("/billing/:id") view=pages::billing::Invoice ssr=SsrMode::Async/>
                    <Route path=path!("/staff") view=pages::staff::StaffQueue ssr=SsrMode::Async/>
                    <Route path=path!("/staff/billing") view=pages::billing::StaffBilling ssr=SsrMode::Async/>
                    <Route path=path!("/staff/mail") view=pages::staff::StaffMail ssr=SsrMode::Async/>
                    <Route path=path!("/staff/support") view=pages::support_desk::SupportDesk ssr=SsrMode::Async/>
                    <Route path=path!("/staff/support/:id") view=pages::support_desk::SupportRequest ssr=SsrMode::Async/>
                    <Route path=path!("/staff/applications/:id") view=pages::staff::StaffApplication ssr=SsrMode::Async/>
                    <Route path=path!("/accessibility") view=pages::accessibility::Accessibility ssr=SsrMode::Async/>
                    <Route path=path!("/privacy") view=pages::notices::Privacy ssr=SsrMode::Async/>
                    <Route path=path!("/storage") view=pages::notices::Storage ssr=SsrMode::Async/>
                    <Route path=path!("/terms") view=pages::terms::Terms ssr=SsrMode::Async/>
                    <Route path=path!("/terms/:document/:version") view=pages::terms::TermsDocument ssr=SsrMode::Async/>
                    <Route path=path!("/guides/:id") view=pages::guide::Guide ssr=SsrMode::Async/>
                    <Route path=path!("/guides/screens/:id") view=pages::guide::ShowScreen ssr=SsrMode::Async/>
                    <Route path=path!("/materials") view=pages::materials::Materials ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
