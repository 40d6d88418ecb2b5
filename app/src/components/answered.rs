//! A page behind login that shows one server function's answer, or why it was refused.
use crate::{
    components::{
        session::RequireLogin,
        title::{ErrorTitle, PageTitle},
    },
    error::AppError,
    i18n::tr,
};
use leptos::prelude::*;

/// The page when the answer came, [`Refused`] when not. `heading` is the page's message id,
/// for its title and heading when refused. The resource is made by the route, before the login
/// check, so the server waits for it.
#[component]
pub fn Answered<T, P, V>(heading: &'static str, data: Resource<Result<T, AppError>>, page: P) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    P: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let page = StoredValue::new(page);
    view! {
        <RequireLogin>
            <div class="page">
                <Suspense>
                    // `try_`: a request dropped mid-render (the client went away) has disposed
                    // of these already when the data arrives.
                    {move || {
                        data.try_get().flatten().and_then(|answer| match answer {
                            Ok(value) => page.try_with_value(|page| page(value).into_any()),
                            Err(e) => Some(view! { <Refused heading error=e/> }.into_any()),
                        })
                    }}
                </Suspense>
            </div>
        </RequireLogin>
    }
}

/// Why the page (`heading`, a message id) cannot be shown, and the way on: choosing whom to act
/// for, when that is what stands in the way.
#[component]
pub fn Refused(heading: &'static str, error: AppError) -> impl IntoView {
    let choose = matches!(error, AppError::ChooseOrganisation | AppError::BasisEnded);
    let here = super::session::request_path();
    view! {
        <PageTitle text=tr(heading)/>
        <ErrorTitle/>
        <h1>{tr(heading)}</h1>
        <p class="notice notice--error" role="alert" id="refused">{tr(error.message_id())}</p>
        {choose.then(|| view! {
            <a class="button" href=format!("/organisations?next={}", super::session::encode(&here))>{t!("acting-choose")}</a>
        })}
    }
}
