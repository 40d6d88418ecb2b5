//! The materials library: every guide and instruction, filtered by Kanta service and by who it is
//! for, and searched by words. A GET form rendered on the server: it works without JavaScript and
//! each result list has its own address.
use crate::{
    domain::services::KantaService,
    i18n::tr,
    materials::{Audience, Filter, MATERIALS, Material, Place},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Materials() -> impl IntoView {
    let query = use_query_map();
    move || {
        let filter = query.with(|q| Filter {
            service: q.get("service").as_deref().and_then(KantaService::from_code),
            audience: q.get("audience").as_deref().and_then(Audience::from_code),
            words: q.get("q").unwrap_or_default().trim().to_string(),
        });
        let found: Vec<&Material> =
            MATERIALS.iter().filter(|m| filter.matches(m, &format!("{} {}", tr(m.title), tr(m.description)))).collect();
        let count = found.len();
        let cards = found.into_iter().map(|m| view! { <MaterialCard material=m/> }).collect_view();
        let services = KantaService::ALL.map(|s| (s.code(), tr(s.message_id()), filter.service == Some(s)));
        let audiences = Audience::ALL.map(|a| (a.code(), tr(a.message_id()), filter.audience == Some(a)));
        view! {
            <div class="page">
                <crate::components::title::PageTitle text=t!("materials-heading")/>
                <h1>{t!("materials-heading")}</h1>
                <p class="lead">{t!("materials-lead")}</p>
                <form class="form materials-filter" method="get" action="/materials" role="search">
                    <div class="field">
                        <label for="materials-q">{t!("materials-search")}</label>
                        <input id="materials-q" name="q" type="search" value=filter.words.clone()/>
                    </div>
                    <Select id="materials-service" name="service" label=t!("materials-service") any=t!("materials-any-service")
                        options=services.to_vec()/>
                    <Select id="materials-audience" name="audience" label=t!("materials-audience") any=t!("materials-anyone")
                        options=audiences.to_vec()/>
                    <button type="submit" class="button button--primary">{t!("materials-filter")}</button>
                    <a class="button button--secondary" href="/materials">{t!("materials-clear")}</a>
                </form>
                <p role="status" id="materials-count">{t!("materials-count", count = count)}</p>
                <ul class="materials">{cards}</ul>
            </div>
        }
    }
}

#[component]
fn Select(
    id: &'static str,
    name: &'static str,
    label: String,
    any: String,
    options: Vec<(&'static str, String, bool)>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {options
                    .into_iter()
                    .map(|(code, text, selected)| view! { <option value=code selected=selected>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MaterialCard(material: &'static Material) -> impl IntoView {
    let (href, kind, external) = match material.place {
        Place::Guide(path) => (path.to_string(), t!("materials-kind-guide"), false),
        Place::Elsewhere(url) => (tr(url), t!("materials-kind-elsewhere"), true),
    };
    let tags = |items: Vec<String>| items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
    let services = material.services.iter().map(|s| tr(s.message_id())).collect();
    let audiences = material.audiences.iter().map(|a| tr(a.message_id())).collect();
    view! {
        <li class="card material" id=format!("material-{}", material.id)>
            <p class="material__kind">{kind}</p>
            <h2><a href=href rel=external.then_some("external")>{tr(material.title)}</a></h2>
            <p>{tr(material.description)}</p>
            <ul class="tags" aria-label=t!("materials-services")>{tags(services)}</ul>
            <ul class="tags" aria-label=t!("materials-for")>{tags(audiences)}</ul>
        </li>
    }
}
