//! Parts of an application that several pages show: its state, its timeline, and its further
//! service units (the applicant's page, a co-joiner's, and the staff queue).
use crate::components::form::VersionFields;
use crate::{
    api::applications::{AddUnit, EventLine, RemoveUnit, UnitLine},
    components::{
        posted::typed_again,
        table::{Column, DataTable},
        wizard::ServerCopy,
    },
    domain::application::State,
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", state.code())>{tr(state.message_id())}</span> }
}

/// What has happened to the application, oldest first.
#[component]
pub fn Timeline(history: Vec<EventLine>) -> impl IntoView {
    let items = history
        .into_iter()
        .map(|e| {
            let what = tr(e.kind.map(crate::components::records::history_message).unwrap_or(msg!("history-other")));
            view! {
                <li class="timeline__item">
                    <p class="timeline__what">
                        <strong>{what}</strong>
                        {e.to.map(|s| view! { " → " <StateBadge state=s/> })}
                    </p>
                    <p class="timeline__when">{format!("{} · {}", e.at, e.who)}</p>
                    {e.comment.map(|c| view! { <blockquote>{c}</blockquote> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t!("timeline-heading")}</h2>
            <ol class="timeline" id="timeline">{items}</ol>
        </section>
    }
}

/// The service units beyond the first: listed, and while the applicant may change the application
/// (`change`), taken off or added one at a time, each checked against the code service.
#[component]
pub fn FurtherUnits(units: Vec<UnitLine>, change: Option<ServerCopy>) -> impl IntoView {
    let none = units.is_empty();
    // Shown again after the server refused it: what was typed.
    let typed = typed_again("add-unit");
    let given = move |field: &str| typed.as_ref().and_then(|q| q.get(field)).unwrap_or_default();
    let rows = units
        .into_iter()
        .map(|u| {
            let remove = change.map(|c| {
                view! {
                    <td>
                        <form method="post" action=RemoveUnit::url() class="inline-form">
                            <VersionFields id=c.id version=c.version/>
                            <input type="hidden" name="unit" value=u.id/>
                            <button type="submit" class="button button--secondary">{t!("application-unit-remove")}</button>
                        </form>
                    </td>
                }
            });
            view! { <tr><td>{u.name}</td><td><code>{u.oid}</code></td>{remove}</tr> }
        })
        .collect_view();
    let mut columns =
        vec![Column::text(tr(msg!("application-unit-name"))), Column::text(tr(msg!("application-unit-oid")))];
    if change.is_some() {
        columns.push(Column::actions(t!("application-unit-remove")));
    }
    view! {
        <section class="card" aria-labelledby="units-heading" id="units">
            <h2 id="units-heading">{t!("application-units-heading")}</h2>
            {change.is_some().then(|| view! { <p>{t!("application-units-text")}</p> })}
            {if none {
                view! { <p id="no-units">{t!("application-units-none")}</p> }.into_any()
            } else {
                view! {
                    <DataTable labelled_by="units-heading" id="unit-list" class="data-table" columns>{rows}</DataTable>
                }
                    .into_any()
            }}
            {change.map(|c| view! {
                <form method="post" action=AddUnit::url() id="add-unit">
                    <VersionFields id=c.id version=c.version/>
                    <div class="field">
                        <label for="add-unit-name">{tr(msg!("application-unit-name"))}</label>
                        <input id="add-unit-name" name="unit_name" type="text" required maxlength="200" value=given("added_name")/>
                    </div>
                    <div class="field">
                        <label for="add-unit-oid">{tr(msg!("application-unit-oid"))}</label>
                        <input id="add-unit-oid" name="unit_oid" type="text" required inputmode="decimal" autocomplete="off" value=given("added_oid")/>
                    </div>
                    <button type="submit" class="button button--secondary" id="add-unit-button">{t!("application-unit-add")}</button>
                </form>
            })}
        </section>
    }
}
