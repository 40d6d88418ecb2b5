//! The terms the agreement cites (`/terms`): the general terms of delivery and each service's
//! description, each version at its own address (`/terms/<document>/<version>`). Public.
use crate::{
    components::title::PageTitle,
    domain::validation::Date,
    i18n::tr,
    pages::not_found::NotFound,
    terms::{Document, Version},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A document's title in the reader's language.
pub fn document_title(document: Document) -> String {
    match document {
        Document::DeliveryTerms => t!("terms-delivery-title"),
        Document::ServiceDescription(service) => t!("terms-description-title", service = tr(service.message_id())),
    }
}

/// Every document with its version in force.
#[component]
pub fn Terms() -> impl IntoView {
    let documents = Document::all()
        .map(|d| {
            let current = d.current();
            view! {
                <li>
                    <a href=d.path(current.id)>{document_title(d)}</a>
                    " – " {t!("terms-current", version = current.id)}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="page page--narrow">
            <PageTitle text=t!("terms-heading")/>
            <h1>{t!("terms-heading")}</h1>
            <p class="lead">{t!("terms-lead")}</p>
            <ul id="terms-documents">{documents}</ul>
        </div>
    }
}

/// One version of one document, with the way to its other versions.
#[component]
pub fn TermsDocument() -> impl IntoView {
    let params = use_params_map();
    let found = params.with_untracked(|p| {
        let document = Document::from_slug(&p.get("document")?)?;
        Some((document, document.version(&p.get("version")?)?))
    });
    match found {
        Some((document, version)) => view! { <DocumentVersion document version/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}

#[component]
fn DocumentVersion(document: Document, version: &'static Version) -> impl IntoView {
    let title = t!("terms-version-title", title = document_title(document), version = version.id);
    let from = Date::parse(version.in_force_from).map(|d| d.local()).unwrap_or_default();
    let paragraphs = version.paragraphs.iter().map(|p| view! { <p>{tr(p)}</p> }).collect_view();
    let others: Vec<_> = document.versions().iter().filter(|v| v.id != version.id).collect();
    let others = (!others.is_empty()).then(|| {
        let links =
            others.into_iter().map(|v| view! { <li><a href=document.path(v.id)>{v.id}</a></li> }).collect_view();
        view! {
            <h2>{t!("terms-other-versions")}</h2>
            <ul>{links}</ul>
        }
    });
    view! {
        <div class="page page--narrow">
            <PageTitle text=title.clone()/>
            <article id="terms-document" data-version=version.id>
                <h1>{title}</h1>
                <p class="lead">{t!("terms-in-force", from = from)}</p>
                {paragraphs}
            </article>
            {others}
            <p><a href="/terms">{t!("terms-all")}</a></p>
        </div>
    }
}
