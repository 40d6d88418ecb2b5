//! An illustrated guide: `/guides/<id>`, one step at a time; and where its pictures' "show me
//! this page" links lead (`/guides/screens/<screen>`).
use crate::{
    api::applications::dashboard,
    components::{answered::Answered, session::go_to, wizard::WizardView},
    hydration::OnFirstUse,
    pages::not_found::NotFound,
    wizard::{
        answers_in, current, guides,
        screens::{Screen, Shows},
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
/// organisation they act for (its newest application, for an application's screens); anyone else
/// logs in, or chooses whom to act for, and comes back here.
#[component]
pub fn ShowScreen() -> impl IntoView {
    let params = use_params_map();
    let Some(screen) = params.with_untracked(|p| p.get("id")).as_deref().and_then(guides::screen) else {
        return view! { <NotFound/> }.into_any();
    };
    let applications = Resource::new_blocking(|| (), move |_| applications_for(screen));
    view! {
        <Answered heading=msg!("guide-show-me") data=applications
            page=move |applications| go_to(&screen.address(applications))/>
    }
    .into_any()
}

/// The organisation's applications (id and state, newest first) where `screen` needs them.
async fn applications_for(
    screen: &Screen,
) -> Result<Vec<(i32, crate::domain::application::State)>, crate::error::AppError> {
    match screen.shows {
        Shows::Page(_) => Ok(Vec::new()),
        Shows::Application { .. } => Ok(dashboard().await?.applications.iter().map(|a| (a.id, a.state)).collect()),
    }
}
