//! What a plain form post (no JavaScript) was refused for, shown on the page it came back to.
//! Pages only: no island uses it, so its messages may stay out of the browser's catalogue.
use crate::{
    api::customer_data::DataForm,
    components::{
        form::{error_text, problem_text},
        records::field_label,
    },
    domain::records::ChangeSubject,
    i18n::tr,
};
use leptos::prelude::*;

/// The error of a form posted without JavaScript, which Leptos puts in the address it sends the
/// browser back to (`__err`; for a logged-in user the server keeps it instead and the address
/// has a short id: `server::refused_form`): shown at the top of the page, with the fields'
/// problems.
#[component]
pub fn PostedError() -> impl IntoView {
    let error = posted_error();
    error.map(|e| {
        let subject = refused_subject();
        let mut problems: Vec<String> =
            e.field_errors().iter().map(|f| format!("{}: {}", field_label(&f.field, subject), error_text(f))).collect();
        match &e {
            crate::error::AppError::Prerequisites(unmet) => {
                problems.extend(unmet.iter().map(|p| prerequisite_text(*p)))
            }
            crate::error::AppError::ContactsRequired(gaps) => problems.extend(
                gaps.iter()
                    .map(|(s, k)| t!("contact-required", kind = tr(k.message_id()), service = tr(s.message_id()))),
            ),
            crate::error::AppError::Import { errors, more } => {
                problems.extend(errors.iter().map(|r| {
                    t!(
                        "import-row-problem",
                        line = r.line,
                        column = r.column.clone(),
                        problem = problem_text(r.problem)
                    )
                }));
                if *more > 0 {
                    problems.push(t!("import-more-problems", count = *more));
                }
            }
            _ => {}
        }
        let problems = problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view();
        view! {
            <super::title::ErrorTitle/>
            <div class="notice notice--error" role="alert" id="posted-error">
                <p>{tr(e.message_id())}</p>
                <ul>{problems}</ul>
            </div>
        }
    })
}

/// The address's fields when the server sent `form` back refused (`?again=<form>&…`, see
/// `api::refused_form`).
pub fn typed_again(form: &str) -> Option<leptos_router::params::ParamsMap> {
    request_query().filter(|q| q.get("again").as_deref() == Some(form))
}

/// The query of the refused post: the one the server kept for the address's `refused=` id
/// (`request::Restored`), else the address's own. Read from the request, not with
/// the router's hooks: those panic when a request dropped mid-render (the client went away) has
/// already lost its router, and this is what such a render reaches last.
#[cfg(feature = "ssr")]
fn request_query() -> Option<leptos_router::params::ParamsMap> {
    use leptos_router::location::RequestUrl;
    let restored = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<crate::request::Restored>().cloned());
    let url = match restored {
        Some(kept) => RequestUrl::new(&format!("/?{}", kept.0)),
        None => use_context::<RequestUrl>()?,
    };
    Some(url.parse().ok()?.search_params().clone())
}

/// Pages render on the server only.
#[cfg(not(feature = "ssr"))]
fn request_query() -> Option<leptos_router::params::ParamsMap> {
    None
}

/// The error of the refused post the page shows, if any.
pub fn posted_error() -> Option<crate::error::AppError> {
    #[cfg(feature = "ssr")]
    {
        use base64::{Engine, engine::general_purpose::URL_SAFE};
        let encoded = request_query()?.get("__err")?;
        let bytes = URL_SAFE.decode(encoded.as_bytes()).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// Which customer data the refused form was about, by its name (`again`).
fn refused_subject() -> Option<ChangeSubject> {
    DataForm::parse(&request_query()?.get("again")?).map(DataForm::subject)
}

/// A prerequisite in words; one that names another service names it.
pub fn prerequisite_text(p: crate::domain::services::Prerequisite) -> String {
    use crate::domain::services::Prerequisite;
    match p {
        Prerequisite::ServiceInUse(other) => t!("prerequisite-service-in-use", service = tr(other.message_id())),
        Prerequisite::TakeoverNear { opens, takeover } => {
            let days = crate::domain::services::DAYS_BEFORE_TAKEOVER;
            t!("prerequisite-takeover-near", days = days, opens = opens.local(), takeover = takeover.local())
        }
        p => tr(p.message_id()),
    }
}
