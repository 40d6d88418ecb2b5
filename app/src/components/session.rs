//! The signed-in user as the pages see it: one blocking resource per page load, so the header
//! and protected pages render right on the server, without JavaScript.
use crate::api::session::{SessionView, session_status};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Option<SessionView>>);

pub fn provide_session() {
    let resource = Resource::new_blocking(|| (), |_| async { session_status().await.ok().flatten() });
    provide_context(SessionResource(resource));
}

pub fn use_session() -> Resource<Option<SessionView>> {
    expect_context::<SessionResource>().0
}

/// The path the request named ("/" without one). Read from the request, not with the router's
/// hooks: those panic when a request dropped mid-render has already lost its router.
pub fn request_path() -> String {
    use_context::<leptos_router::location::RequestUrl>()
        .and_then(|url| url.parse().ok())
        .map(|url| url.path().to_string())
        .unwrap_or_else(|| "/".into())
}

/// The current path with query, for coming back after login.
fn here() -> String {
    let location = leptos_router::hooks::use_location();
    let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
    if query.is_empty() { path } else { format!("{path}?{query}") }
}

/// Renders `signed_in` with the session or `signed_out` without one, once the session is known.
#[component]
pub fn BySession<In, InV, Out, OutV>(signed_in: In, signed_out: Out) -> impl IntoView
where
    In: Fn(SessionView) -> InV + Send + Sync + 'static,
    InV: IntoView + 'static,
    Out: Fn() -> OutV + Send + Sync + 'static,
    OutV: IntoView + 'static,
{
    let session = use_session();
    view! {
        <Suspense>
            {move || {
                session.get().map(|s| match s {
                    Some(s) => signed_in(s).into_any(),
                    None => signed_out().into_any(),
                })
            }}
        </Suspense>
    }
}

/// Shows `children` to a logged-in user; anyone else is sent to log in and brought back here.
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let login = format!("/login?next={}", encode(&here()));
    view! {
        <BySession
            signed_in=move |_| children()
            signed_out=move || go_to(&login)
        />
    }
}

/// Loads the current page again, so server-rendered parts show what an action changed.
pub fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Sends the browser to `url`: a redirect while rendering on the server, a page load in the browser.
pub fn go_to(url: &str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(url);
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(url);
    }
    let _ = url;
}

/// Percent-encodes a path for a query parameter.
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// "Log in", or the person's name and "Log out" (a form POST, so another site cannot log you out).
#[component]
pub fn SessionControls() -> impl IntoView {
    view! {
        <BySession
            signed_in=|s| {
                let acting = match s.acting.clone() {
                    Some(a) => {
                        view! {
                            <a class="acting-for" href="/organisation" id="acting-for">
                                {t!("acting-for", name = a.name)}
                            </a>
                            <a class="acting-switch" href="/organisations">{t!("acting-switch")}</a>
                            <nav class="org-nav" aria-label=t!("org-nav-label")>
                                <a href="/applications" id="applications-nav">{t!("applications-nav")}</a>
                                <a href="/customer-data" id="customer-data-nav">{t!("customer-data-nav")}</a>
                                <a href="/billing" id="billing-nav">{t!("billing-nav")}</a>
                            </nav>
                        }
                            .into_any()
                    }
                    None => view! { <a class="acting-for" href="/organisations">{t!("acting-choose")}</a> }.into_any(),
                };
                view! {
                    {acting}
                    {s.staff.then(|| view! { <a class="acting-switch" href="/staff" id="staff-nav">{t!("staff-nav")}</a> })}
                    <a class="user-name" href="/account">{s.display_name.clone()}</a>
                    <form method="post" action="/auth/logout" class="logout-form">
                        <button type="submit" class="button button--secondary">{t!("logout-button")}</button>
                    </form>
                    <div id=IDLE_WARNING_ID data-seconds-left=s.seconds_left></div>
                }
            }
            signed_out=|| {
                view! {
                    <a class="button button--secondary login-link" href=format!("/login?next={}", encode(&here()))>
                        {t!("login-link")}
                    </a>
                }
            }
        />
    }
}

/// Seconds before the idle end when the warning appears.
#[cfg(feature = "hydrate")]
const WARN_BEFORE: i64 = 120;

/// The header's empty element the idle warning is shown in; it carries the seconds left.
const IDLE_WARNING_ID: &str = "idle-warning";

/// Shows the idle warning when it is due. Its code is a lazily loaded chunk, fetched only then:
/// a page whose only interactive part is this warning downloads no more than the main module.
#[cfg(feature = "hydrate")]
pub fn watch_idle_time() {
    use wasm_bindgen::JsCast;
    let Some(place) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(IDLE_WARNING_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let Some(seconds_left) = place.get_attribute("data-seconds-left").and_then(|s| s.parse::<i64>().ok()) else {
        return;
    };
    // Counted from a deadline, not by ticks: timers in background tabs are throttled.
    let deadline = js_sys::Date::now() + seconds_left as f64 * 1000.0;
    let due = std::time::Duration::from_secs((seconds_left - WARN_BEFORE).max(0) as u64);
    set_timeout(move || leptos::task::spawn_local(show_idle_warning(place, deadline)), due);
}

#[cfg(feature = "hydrate")]
#[lazy]
async fn show_idle_warning(place: web_sys::HtmlElement, deadline: f64) {
    crate::i18n::fetch_catalogue().await;
    leptos::mount::mount_to(place, move || view! { <IdleWarning deadline/> }).forget();
}

/// Warns before the idle timeout and lets the user continue; when time runs out, says so.
/// `deadline`: when the session ends, in milliseconds since the epoch (browser clock).
#[cfg(feature = "hydrate")]
#[component]
fn IdleWarning(deadline: f64) -> impl IntoView {
    let deadline = StoredValue::new(deadline);
    let seconds_to = |deadline: f64| ((deadline - js_sys::Date::now()) / 1000.0).max(0.0) as i64;
    let left = RwSignal::new(seconds_to(deadline.get_value()));
    let handle =
        set_interval_with_handle(move || left.set(seconds_to(deadline.get_value())), std::time::Duration::from_secs(1));
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
    // The count again from what the server says is left.
    let count_from = move |seconds_left: i64| {
        deadline.set_value(js_sys::Date::now() + seconds_left as f64 * 1000.0);
        left.set(seconds_left);
    };
    // Time is up by this page's count. Another tab may have kept the session going, and offline
    // nothing is known: only when the server says the session has ended does what this device
    // kept of it go (drafts not yet sent included, as they hold people's names and numbers).
    let asked = StoredValue::new(false);
    Effect::new(move || {
        if left.get() == 0 && !asked.get_value() {
            asked.set_value(true);
            leptos::task::spawn_local(async move {
                match session_status().await {
                    Ok(None) => crate::offline::forget_device().await,
                    Ok(Some(s)) if s.seconds_left > 0 => {
                        asked.set_value(false);
                        count_from(s.seconds_left);
                    }
                    _ => {}
                }
            });
        }
    });
    let extend = Action::new(move |_: &()| async move {
        if let Ok(Some(s)) = session_status().await {
            count_from(s.seconds_left);
        }
    });
    view! {
        <Show when=move || { left.get() <= WARN_BEFORE }>
            <div class="idle-warning" role="alertdialog" aria-labelledby="idle-warning-text">
                <Show
                    when=move || { left.get() > 0 }
                    fallback=|| {
                        view! {
                            <p id="idle-warning-text">{t!("session-ended")}</p>
                            <a class="button" href="/login">{t!("login-link")}</a>
                        }
                    }
                >
                    <p id="idle-warning-text">{move || t!("session-ending", minutes = (left.get() + 59) / 60)}</p>
                    <button type="button" class="button" on:click=move |_| { extend.dispatch(()); }>
                        {t!("session-continue")}
                    </button>
                </Show>
            </div>
        </Show>
    }
}
