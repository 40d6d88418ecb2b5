//! Taking services into use: the organisation's dashboard (`/applications`) here, and one
//! application (`/applications/<id>`) in `application`.
mod application;

use crate::{
    api::applications::{ApplicationSummary, DashboardData, StartApplication, Task, dashboard},
    components::{
        answered::Answered,
        application::StateBadge,
        posted::PostedError,
        table::{Column, DataTable},
        title::PageTitle,
    },
    domain::{
        application::State,
        services::{KantaService, ServiceSet},
    },
    i18n::tr,
    wizard::application::SERVICES,
};
pub use application::Application;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn Applications() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| dashboard());
    view! { <Answered heading=msg!("applications-heading") data page=|d| view! { <Dashboard data=d/> }/> }
}

#[component]
fn Dashboard(data: DashboardData) -> impl IntoView {
    let can_start = !data.available.is_empty();
    view! {
        <PageTitle text=t!("applications-heading")/>
        <h1>{t!("applications-heading")}</h1>
        <p class="lead">{data.organisation.clone()}</p>
        <PostedError/>
        <Tasks tasks=data.tasks.clone()/>
        <InUse in_use=data.in_use.clone() ended=data.applications.iter().any(|a| a.state == State::Ended)/>
        {(!data.joint.is_empty()).then(|| view! { <crate::pages::joint::Memberships memberships=data.joint.clone()/> })}
        <ApplicationList applications=data.applications.clone()/>
        {can_start.then(|| view! {
            <section class="card" aria-labelledby="start-heading">
                <h2 id="start-heading">{t!("applications-start-heading")}</h2>
                <p>{t!("applications-start-text")}</p>
                <form method="post" action=StartApplication::url()>
                    <ServiceChoices choosable=data.available.clone() chosen=None/>
                    <button type="submit" class="button button--primary" id="start-application">
                        {t!("applications-start")}
                    </button>
                </form>
            </section>
        })}
    }
}

/// What the organisation should do next, each a link to where it is done.
#[component]
fn Tasks(tasks: Vec<Task>) -> impl IntoView {
    let none = tasks.is_empty();
    let items = tasks
        .iter()
        .map(|task| {
            let (text, href) = match task {
                Task::FixCodeService => (t!("task-fix-code-service"), "/organisation".to_string()),
                Task::AnswerReturn { id, services } => {
                    (t!("task-answer-return", service = services.names(tr)), format!("/applications/{id}"))
                }
                Task::SignAgreement { id, services } => {
                    (t!("task-sign-agreement", service = services.names(tr)), format!("/applications/{id}#agreement"))
                }
                Task::FinishDraft { id, services } => {
                    (t!("task-finish-draft", service = services.names(tr)), format!("/applications/{id}"))
                }
                Task::AddContact { service, kind } => {
                    (crate::pages::customer_data::gap_text(*service, *kind), "/customer-data".to_string())
                }
                Task::CustomerData(a) => (crate::pages::customer_data::attention_text(a), "/customer-data".to_string()),
                Task::UpdatePharmacyContacts => {
                    let service = tr(crate::domain::services::KantaService::EPrescriptionPharmacy.message_id());
                    (t!("task-update-pharmacy-contacts", service = service), "/customer-data".to_string())
                }
            };
            view! { <li><a href=href>{text}</a></li> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">{t!("tasks-heading")}</h2>
            {if none {
                view! { <p id="no-tasks">{t!("tasks-none")}</p> }.into_any()
            } else {
                view! { <ul class="task-list" id="tasks">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// The services in production; once every service has `ended`, that the relationship has
/// (billing and history stay).
#[component]
fn InUse(in_use: Vec<KantaService>, ended: bool) -> impl IntoView {
    let none = in_use.is_empty();
    let items = in_use.iter().map(|s| view! { <li>{tr(s.message_id())}</li> }).collect_view();
    view! {
        <section aria-labelledby="in-use-heading">
            <h2 id="in-use-heading">{t!("services-in-use-heading")}</h2>
            {if none && ended {
                view! { <p id="relationship-ended">{t!("relationship-ended")}</p> }.into_any()
            } else if none {
                view! { <p>{t!("services-in-use-none")}</p> }.into_any()
            } else {
                view! { <ul id="services-in-use">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// The organisation's applications, each with its state and last change.
#[component]
fn ApplicationList(applications: Vec<ApplicationSummary>) -> impl IntoView {
    let none = applications.is_empty();
    let rows = applications
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <td><a href=format!("/applications/{}", a.id)>{a.services.names(tr)}</a></td>
                    <td><StateBadge state=a.state/></td>
                    <td>{a.updated.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("applications-service")),
        Column::text(t!("applications-state")),
        Column::text(t!("applications-updated")),
    ];
    view! {
        <section aria-labelledby="applications-list-heading">
            <h2 id="applications-list-heading">{t!("applications-list-heading")}</h2>
            {if none {
                view! { <p>{t!("applications-none")}</p> }.into_any()
            } else {
                view! {
                    <DataTable labelled_by="applications-list-heading" id="applications" columns>{rows}</DataTable>
                }
                    .into_any()
            }}
        </section>
    }
}

/// A checkbox for each service that may be chosen (`services[<code>]`), ticked if in `chosen`.
#[component]
fn ServiceChoices(choosable: Vec<KantaService>, chosen: Option<ServiceSet>) -> impl IntoView {
    let boxes = choosable
        .into_iter()
        .map(|s| {
            let id = format!("service-{}", s.code());
            let ticked = chosen.as_ref().is_some_and(|c| c.contains(s));
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("{SERVICES}[{}]", s.code()) value="on" checked=ticked/>
                    <label for=id>{tr(s.message_id())}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" id="services">
            <legend>{t!("applications-services")}</legend>
            <p class="hint">{t!("applications-services-hint")}</p>
            {boxes}
        </fieldset>
    }
}
