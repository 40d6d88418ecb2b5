//! An illustrated guide: `/guides/<id>`, one step at a time.
use crate::{
    pages::not_found::NotFound,
    wizard::{guides, view::WizardView},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Guide() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get("id")).as_deref().and_then(guides::by_id) {
        Some(guide) => {
            view! { <div class="page page--narrow"><WizardView wizard=&guide.wizard finish=guide.finish/></div> }
                .into_any()
        }
        None => view! { <NotFound/> }.into_any(),
    }
}
