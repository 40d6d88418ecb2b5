//! Kanta's staff desk: the queue (`/staff`), one application (`/staff/applications/<id>`) and
//! the mail that has not gone out (`/staff/mail`).
use crate::components::form::VersionFields;
use crate::{
    api::staff::{StaffCommand, StaffView, staff_application, staff_queue},
    components::{
        answered::Answered,
        application::{FurtherUnits, StateBadge, Timeline},
        pager::{PageLink, Pager},
        posted::PostedError,
        route::route_id,
        session::{RequireLogin, encode},
        table::{Column, DataTable},
        title::PageTitle,
    },
    domain::{
        application::{Command, State},
        services::KantaService,
    },
    i18n::tr,
    wizard::application::APPLICATION,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

type Filters = (String, String, String);
type Lines = Result<crate::api::staff::QueuePage, crate::error::AppError>;

#[component]
pub fn StaffQueue() -> impl IntoView {
    let query = use_query_map();
    let filters = move || {
        query.with(|q| {
            (q.get("service").unwrap_or_default(), q.get("state").unwrap_or_default(), q.get("age").unwrap_or_default())
        })
    };
    // Made here, outside the login check, so the server waits for it before it answers.
    let after = move || query.with(|q| q.get("after").unwrap_or_default());
    let lines = Resource::new_blocking(
        move || (filters(), after()),
        |((service, state, age), after)| staff_queue(service, state, age, after),
    );
    let notices = Resource::new_blocking(|| (), |_| crate::api::staff::change_notices());
    let terminations = Resource::new_blocking(|| (), |_| crate::api::staff::termination_notices());
    view! {
        <RequireLogin>
            <div class="page">
                <PageTitle text=t!("staff-heading")/>
                <h1 id="staff-heading">{t!("staff-heading")}</h1>
                <Suspense>
                    {move || {
                        lines
                            .get()
                            .map(|answer| {
                                view! {
                                    <FilterForm filters=filters()/>
                                    <QueueTable answer filters=filters() paged=!after().is_empty()/>
                                }
                            })
                    }}
                </Suspense>
                <Suspense>
                    {move || terminations.get().map(|answer| view! { <Terminations answer/> })}
                </Suspense>
                <Suspense>
                    {move || notices.get().map(|answer| view! { <Notices answer/> })}
                </Suspense>
                <p class="actions">
                    <a class="button button--secondary" href="/staff/billing" id="billing-import-link">{t!("import-heading")}</a>
                    <a class="button button--secondary" href="/staff/mail" id="staff-mail-link">{t!("staff-mail-heading")}</a>
                    <a class="button button--secondary" href="/staff/support" id="support-desk-link">{t!("support-desk-heading")}</a>
                </p>
            </div>
        </RequireLogin>
    }
}

/// Termination notices to confirm, and ending services whose last day has passed.
#[component]
fn Terminations(answer: Result<Vec<crate::api::staff::NoticeWaiting>, crate::error::AppError>) -> impl IntoView {
    let lines = answer.unwrap_or_default();
    let none = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|n| {
            view! {
                <li>
                    <a href=format!("/staff/applications/{}", n.application)>
                        {format!("{} – {}", n.organisation, n.services.names(tr))}
                    </a>
                    " · " <StateBadge state=n.state/> " · " {t!("notice-last-day", date = n.end_on.clone())}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="terminations-heading">
            <h2 id="terminations-heading">{t!("terminations-heading")}</h2>
            {if none {
                view! { <p>{t!("terminations-none")}</p> }.into_any()
            } else {
                view! { <ul id="terminations">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// Changes of technical data that staff have not yet taken note of.
#[component]
fn Notices(answer: Result<Vec<crate::api::staff::NoticeLine>, crate::error::AppError>) -> impl IntoView {
    let lines = answer.unwrap_or_default();
    let none = lines.is_empty();
    let items = lines
        .into_iter()
        .map(|n| {
            view! {
                <li class="card">
                    <p><strong>{n.organisation.clone()}</strong> " · " {tr(n.service.message_id())}</p>
                    <p>{t!("notice-takes-effect", date = n.takes_effect.clone())}</p>
                    <crate::components::history::History lines=vec![n.change.clone()]/>
                    <form method="post" action=crate::api::staff::HandleNotice::url()>
                        <input type="hidden" name="id" value=n.id/>
                        <button type="submit" class="button button--secondary">{t!("notice-handled")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="notices-heading">
            <h2 id="notices-heading">{t!("notices-heading")}</h2>
            {if none {
                view! { <p>{t!("notices-none")}</p> }.into_any()
            } else {
                view! { <ul class="item-list" id="notices">{items}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
fn FilterForm(filters: Filters) -> impl IntoView {
    let (service, state, age) = filters;
    let services = KantaService::ALL
        .into_iter()
        .map(|s| view! { <option value=s.code() selected=service == s.code()>{tr(s.message_id())}</option> })
        .collect_view();
    let states = State::ALL
        .into_iter()
        .filter(|s| *s != State::Draft)
        .map(|s| view! { <option value=s.code() selected=state == s.code()>{tr(s.message_id())}</option> })
        .collect_view();
    view! {
        <form method="get" action="/staff" class="filters" id="staff-filters">
            <div class="field">
                <label for="filter-service">{t!("staff-filter-service")}</label>
                <select id="filter-service" name="service">
                    <option value="">{t!("staff-filter-any")}</option>
                    {services}
                </select>
            </div>
            <div class="field">
                <label for="filter-state">{t!("staff-filter-state")}</label>
                <select id="filter-state" name="state">
                    <option value="">{t!("staff-filter-waiting")}</option>
                    <option value="all" selected=state == "all">{t!("staff-filter-all")}</option>
                    {states}
                </select>
            </div>
            <div class="field">
                <label for="filter-age">{t!("staff-filter-age")}</label>
                <input id="filter-age" name="age" type="number" min="0" inputmode="numeric" value=age/>
            </div>
            <button type="submit" class="button">{t!("staff-filter-apply")}</button>
        </form>
    }
}

/// A page of the queue, with links to the next page and back to the first that keep the filters
/// and work without JavaScript.
#[component]
fn QueueTable(answer: Lines, filters: Filters, paged: bool) -> impl IntoView {
    let (service, state, age) = filters;
    let address = move |after: &str| {
        format!("/staff?service={}&state={}&age={}{after}#queue", encode(&service), encode(&state), encode(&age))
    };
    match answer {
        Ok(page) if page.lines.is_empty() && !paged => {
            view! { <p id="queue-empty">{t!("staff-queue-empty")}</p> }.into_any()
        }
        Ok(page) => {
            let pager = view! {
                <Pager
                    first=paged.then(|| PageLink::new(address(""), "queue-first", t!("staff-queue-first")))
                    next=page.next.map(|next| {
                        PageLink::new(address(&format!("&after={}", encode(&next))), "queue-next", t!("staff-queue-next"))
                    })
                />
            };
            let rows = page
                .lines
                .into_iter()
                .map(|l| {
                    view! {
                        <tr>
                            <td><a href=format!("/staff/applications/{}", l.application.id)>{l.organisation}</a></td>
                            <td>{l.application.services.names(tr)}</td>
                            <td><StateBadge state=l.application.state/></td>
                            <td>{l.application.updated}</td>
                            <td>{t!("staff-age-days", days = l.age_days)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let columns = vec![
                Column::text(t!("staff-organisation")),
                Column::text(t!("applications-service")),
                Column::text(t!("applications-state")),
                Column::text(t!("applications-updated")),
                Column::text(t!("staff-age")),
            ];
            view! {
                <DataTable labelled_by="staff-heading" id="queue" columns>{rows}</DataTable>
                {pager}
            }
            .into_any()
        }
        Err(e) => view! {
            <crate::components::title::ErrorTitle/>
            <p class="notice notice--error" role="alert" id="refused">{tr(e.message_id())}</p>
        }
        .into_any(),
    }
}

#[component]
pub fn StaffApplication() -> impl IntoView {
    let data = Resource::new_blocking(route_id(), staff_application);
    view! { <Answered heading=msg!("application-title") data page=|view| view! { <Desk view/> }/> }
}

#[component]
fn Desk(view: StaffView) -> impl IntoView {
    let answers = APPLICATION
        .summary(&view.answers)
        .into_iter()
        .map(|(_, field, value)| view! { <dt>{tr(field.label)}</dt><dd>{value}</dd> })
        .collect_view();
    let actions = view
        .commands
        .iter()
        .map(|c| view! { <DecisionForm id=view.id version=view.version command=*c/> })
        .collect_view();
    view! {
        <p><a href="/staff">{t!("staff-back-to-queue")}</a></p>
        <PageTitle text=format!("{} – {}", view.organisation, view.services.names(tr))/>
        <h1>{format!("{} – {}", view.organisation, view.services.names(tr))}</h1>
        <p class="lead">{view.ytunnus.clone()} " · " <StateBadge state=view.state/></p>
        <PostedError/>
        {view.go_live.clone().map(|date| view! { <p id="go-live">{t!("application-go-live", date = date)}</p> })}
        <section class="card" aria-labelledby="answers-heading">
            <h2 id="answers-heading">{t!("staff-answers")}</h2>
            <dl class="facts" id="staff-answers">{answers}</dl>
            {view.signed_hash.clone().map(|h| view! { <p class="hash">{t!("agreement-hash")} " " <code>{h}</code></p> })}
        </section>
        {view.notice.clone().map(|n| view! {
            <section class="card" aria-labelledby="notice-heading" id="notice">
                <h2 id="notice-heading">{t!("notice-heading")}</h2>
                <p>{t!("notice-given", signer = n.signer.clone(), at = n.at.clone(), end_on = n.end_on.clone())}</p>
                <p class="hash">{t!("agreement-hash")} " " <code>{n.hash.clone()}</code></p>
            </section>
        })}
        {(!view.units.is_empty()).then(|| view! { <FurtherUnits units=view.units.clone() change=None/> })}
        {(!view.co_joiners.is_empty()).then(|| view! { <crate::pages::joint::CoJoiners co_joiners=view.co_joiners.clone() change=None/> })}
        <section class="card" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">{t!("staff-decisions")}</h2>
            {if view.commands.is_empty() {
                view! { <p>{t!("staff-no-decisions")}</p> }.into_any()
            } else {
                view! { <div class="decisions">{actions}</div> }.into_any()
            }}
        </section>
        <Timeline history=view.history.clone()/>
    }
}

/// One decision: its comment (or reason) where the applicant must be told why, its date where
/// one is set.
#[component]
fn DecisionForm(id: i32, version: i32, command: Command) -> impl IntoView {
    let code = command.code();
    let comment_id = format!("comment-{code}");
    let date_id = format!("go-live-{code}");
    let needs_date = command == Command::ApproveForProduction;
    view! {
        <form method="post" action=StaffCommand::url() class="decision" id=format!("decision-{code}")>
            <VersionFields id=id version=version/>
            <input type="hidden" name="command" value=code/>
            <div class="field">
                <label for=comment_id.clone()>
                    {t!("staff-comment")}
                    {(!command.needs_comment()).then(|| view! { <span class="optional">{format!(" ({})", t!("form-optional"))}</span> })}
                </label>
                <textarea id=comment_id name="comment" rows="3" required=command.needs_comment()></textarea>
            </div>
            {if needs_date {
                view! {
                    <div class="field">
                        <label for=date_id.clone()>{t!("staff-go-live")}</label>
                        <input id=date_id name="go_live" type="date" required/>
                    </div>
                }.into_any()
            } else {
                view! { <input type="hidden" name="go_live" value=""/> }.into_any()
            }}
            <button type="submit" class="button" id=format!("command-{code}")>{tr(command.message_id())}</button>
        </form>
    }
}

/// Mail that has not gone out: what, to whom, why and when tried; the undeliverable ones can be
/// sent again.
#[component]
pub fn StaffMail() -> impl IntoView {
    let lines = Resource::new_blocking(|| (), |_| crate::api::staff::staff_mail());
    view! {
        <RequireLogin>
            <div class="page">
                <p><a href="/staff">{t!("staff-back-to-queue")}</a></p>
                <PageTitle text=t!("staff-mail-heading")/>
                <h1 id="staff-mail-heading">{t!("staff-mail-heading")}</h1>
                <p class="lead">{t!("staff-mail-lead")}</p>
                <PostedError/>
                <Suspense>{move || lines.get().map(|answer| view! { <MailTable answer/> })}</Suspense>
            </div>
        </RequireLogin>
    }
}

#[component]
fn MailTable(answer: Result<Vec<crate::api::staff::MailLine>, crate::error::AppError>) -> impl IntoView {
    let lines = match answer {
        Ok(lines) if lines.is_empty() => return view! { <p id="mail-none">{t!("staff-mail-none")}</p> }.into_any(),
        Ok(lines) => lines,
        Err(e) => {
            return view! {
                <crate::components::title::ErrorTitle/>
                <p class="notice notice--error" role="alert" id="refused">{tr(e.message_id())}</p>
            }
            .into_any();
        }
    };
    let any_undeliverable = lines.iter().any(|m| m.undeliverable);
    let rows = lines
        .into_iter()
        .map(|m| {
            let state = if m.undeliverable { t!("staff-mail-undeliverable") } else { t!("staff-mail-retrying") };
            view! {
                <tr id=format!("mail-{}", m.id)>
                    <td>{m.to}</td>
                    <td>{m.subject}</td>
                    <td>{m.queued}</td>
                    <td>{state}</td>
                    <td>{m.attempts}</td>
                    <td>{m.last_tried.unwrap_or_default()}</td>
                    <td><code>{m.last_error.unwrap_or_default()}</code></td>
                    <td>
                        {m.undeliverable.then(|| view! {
                            <form method="post" action=crate::api::staff::SendMailAgain::url()>
                                <input type="hidden" name="id" value=m.id/>
                                <button type="submit" class="button button--secondary">{t!("staff-mail-again")}</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("staff-mail-to")),
        Column::text(t!("staff-mail-subject")),
        Column::text(t!("staff-mail-queued")),
        Column::text(t!("staff-mail-state")),
        Column::text(t!("staff-mail-attempts")),
        Column::text(t!("staff-mail-last-tried")),
        Column::text(t!("staff-mail-error")),
        Column::actions(t!("staff-mail-actions")),
    ];
    view! {
        {any_undeliverable.then(|| view! {
            <form method="post" action=crate::api::staff::SendAllMailAgain::url()>
                <button type="submit" class="button" id="mail-all-again">{t!("staff-mail-all-again")}</button>
            </form>
        })}
        <DataTable labelled_by="staff-mail-heading" id="undelivered-mail" columns>{rows}</DataTable>
    }
    .into_any()
}
