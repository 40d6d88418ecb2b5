//! An illustrated guide: `/guides/<id>`, one step at a time.
use crate::{
    components::wizard::WizardView,
    hydration::OnFirstUse,
    pages::not_found::NotFound,
    wizard::{answers_in, current, guides},
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
