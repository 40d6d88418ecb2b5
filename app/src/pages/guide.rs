//! An illustrated guide: `/guides/<id>`, one step at a time; and where its pictures' "show me
//! this page" links lead (`/guides/screens/<screen>`).
use crate::{
    api::applications::{Task, dashboard},
    components::{answered::Answered, session::go_to, wizard::WizardView},
    error::AppError,
    hydration::OnFirstUse,
    pages::not_found::NotFound,
    wizard::{
        answers_in, current, guides,
        screens::{Applications, Screen, Shows},
    },
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Guide() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    move || match params.with(|p| p.get("id")).as_deref().and_then(guides::by_id) {
        Some(guide) => {
            let (requested, from, answers) =
                query.with(|q| (q.get("step"), q.get("from"), answers_in(&guide.wizard, |name| q.get(name))));
            // A step answered without JavaScript and refused: the wizard shows its problems.
            let refused = !current(&guide.wizard, requested.as_deref(), from.as_deref(), &answers).1.is_empty();
            view! {
                <div class="page page--narrow">
                    <crate::components::title::PageTitle text=crate::i18n::tr(guide.wizard.title)/>
                    {refused.then(|| view! { <crate::components::title::ErrorTitle/> })}
                    <OnFirstUse draft=crate::offline::draft_key(guide.wizard.id, None)>
                        <WizardView wizard=guide.wizard.id.to_string() requested from answers application=None/>
                    </OnFirstUse>
                </div>
            }
            .into_any()
        }
        None => view! { <NotFound/> }.into_any(),
    }
}

/// "Show me this page": sends a logged-in reader to the page a guide's picture shows, for the
/// organisation they act for (one of its applications, for an application's screens: see
/// `Screen::address`). Anyone else logs in first and comes back here; a page the reader may not
/// see (acting for nobody, say) says so where it leads, or here for an application's screen.
#[component]
pub fn ShowScreen() -> impl IntoView {
    let params = use_params_map();
    let Some(screen) = params.with_untracked(|p| p.get("id")).as_deref().and_then(guides::screen) else {
        return view! { <NotFound/> }.into_any();
    };
    let applications = Resource::new_blocking(|| (), move |_| applications_for(screen));
    view! {
        <Answered heading=msg!("guide-show-me") data=applications
            page=move |applications| go_to(&screen.address(&applications))/>
    }
    .into_any()
}

/// The organisation's applications, as the dashboard knows them, where `screen` needs them.
async fn applications_for(screen: &Screen) -> Result<Applications, AppError> {
    if let Shows::Page(_) = screen.shows {
        return Ok(Applications::default());
    }
    let data = dashboard().await?;
    Ok(Applications {
        all: data.applications.iter().map(|a| (a.id, a.state)).collect(),
        ready_to_sign: data
            .tasks
            .iter()
            .filter_map(|task| match task {
                Task::SignAgreement { id, .. } => Some(*id),
                _ => None,
            })
            .collect(),
        can_start: !data.available.is_empty(),
    })
}
