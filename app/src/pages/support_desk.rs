//! Kanta's support desk: the requests, oldest first (`/staff/support`), and one request, taken
//! and answered by mail (`/staff/support/<id>`). Plain forms and links: it works without
//! JavaScript.
use crate::components::form::VersionFields;
use crate::{
    api::support::{AnswerSupportRequest, DeskPage, SupportView, TakeSupportRequest, support_desk, support_request},
    components::{
        answered::Answered,
        pager::{PageLink, Pager},
        posted::{PostedError, typed_again},
        route::route_id,
        session::{RequireLogin, encode},
        table::{Column, DataTable},
        title::{ErrorTitle, PageTitle},
    },
    domain::support::{MESSAGE_MAX, SupportStatus, SupportTopic},
    error::AppError,
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

/// The list's filters as the address has them: status and topic codes.
type Filters = (String, String);

#[component]
pub fn SupportDesk() -> impl IntoView {
    let query = use_query_map();
    let filters = move || query.with(|q| (q.get("status").unwrap_or_default(), q.get("topic").unwrap_or_default()));
    let after = move || query.with(|q| q.get("after").unwrap_or_default());
    // Made here, outside the login check, so the server waits for it before it answers.
    let page = Resource::new_blocking(
        move || (filters(), after()),
        |((status, topic), after)| support_desk(status, topic, after),
    );
    view! {
        <RequireLogin>
            <div class="page">
                <p><a href="/staff">{t!("staff-back-to-queue")}</a></p>
                <PageTitle text=t!("support-desk-heading")/>
                <h1 id="support-desk-heading">{t!("support-desk-heading")}</h1>
                <Suspense>
                    {move || page.get().map(|answer| view! {
                        <DeskFilters filters=filters()/>
                        <DeskTable answer filters=filters() paged=!after().is_empty()/>
                    })}
                </Suspense>
            </div>
        </RequireLogin>
    }
}

#[component]
fn DeskFilters(filters: Filters) -> impl IntoView {
    let (status, topic) = filters;
    let statuses = SupportStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.code() selected=status == s.code()>{tr(s.message_id())}</option> })
        .collect_view();
    let topics = SupportTopic::ALL
        .into_iter()
        .map(|t| view! { <option value=t.code() selected=topic == t.code()>{tr(t.message_id())}</option> })
        .collect_view();
    view! {
        <form method="get" action="/staff/support" class="filters" id="support-filters">
            <div class="field">
                <label for="filter-status">{t!("support-desk-filter-status")}</label>
                <select id="filter-status" name="status">
                    <option value="">{t!("support-desk-filter-open")}</option>
                    <option value="all" selected=status == "all">{t!("staff-filter-all")}</option>
                    {statuses}
                </select>
            </div>
            <div class="field">
                <label for="filter-topic">{t!("support-desk-filter-topic")}</label>
                <select id="filter-topic" name="topic">
                    <option value="">{t!("staff-filter-any")}</option>
                    {topics}
                </select>
            </div>
            <button type="submit" class="button">{t!("staff-filter-apply")}</button>
        </form>
    }
}

#[component]
fn StatusBadge(status: SupportStatus) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", status.code())>{tr(status.message_id())}</span> }
}

/// A page of requests, with links on that keep the filters.
#[component]
fn DeskTable(answer: Result<DeskPage, AppError>, filters: Filters, paged: bool) -> impl IntoView {
    let (status, topic) = filters;
    let address = move |after: &str| {
        format!("/staff/support?status={}&topic={}{after}#requests", encode(&status), encode(&topic))
    };
    let page = match answer {
        Ok(page) if page.lines.is_empty() && !paged => {
            return view! { <p id="requests-none">{t!("support-desk-none")}</p> }.into_any();
        }
        Ok(page) => page,
        Err(e) => {
            return view! {
                <ErrorTitle/>
                <p class="notice notice--error" role="alert" id="refused">{tr(e.message_id())}</p>
            }
            .into_any();
        }
    };
    let pager = view! {
        <Pager
            first=paged.then(|| PageLink::new(address(""), "requests-first", t!("staff-queue-first")))
            next=page.next.map(|next| {
                PageLink::new(address(&format!("&after={}", encode(&next))), "requests-next", t!("staff-queue-next"))
            })
        />
    };
    let rows = page
        .lines
        .into_iter()
        .map(|l| {
            let from = match l.organisation {
                Some(organisation) => format!("{} ({organisation})", l.name),
                None => l.name,
            };
            view! {
                <tr>
                    <td><a href=format!("/staff/support/{}", l.id)>{l.reference}</a></td>
                    <td>{l.received}</td>
                    <td>{tr(l.topic.message_id())}</td>
                    <td>{from}</td>
                    <td><StatusBadge status=l.status/></td>
                    <td>{l.assignee.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("support-desk-reference")),
        Column::text(t!("support-desk-received")),
        Column::text(t!("support-topic")),
        Column::text(t!("support-desk-from")),
        Column::text(t!("support-desk-status")),
        Column::text(t!("support-desk-assignee")),
    ];
    view! {
        <DataTable labelled_by="support-desk-heading" id="requests" columns>{rows}</DataTable>
        {pager}
    }
    .into_any()
}

#[component]
pub fn SupportRequest() -> impl IntoView {
    let data = Resource::new_blocking(route_id(), support_request);
    view! { <Answered heading=msg!("support-request-heading") data page=|view| view! { <Handling view/> }/> }
}

#[component]
fn Handling(view: SupportView) -> impl IntoView {
    let heading = format!("{} – {}", view.reference, tr(view.topic.message_id()));
    let language = match view.lang.as_str() {
        "sv" => t!("language-name-sv"),
        _ => t!("language-name-fi"),
    };
    let fact = |label: String, value: Option<String>| value.map(|v| view! { <dt>{label}</dt><dd>{v}</dd> });
    let acting_for = view.acting_for.clone().map(|(name, ytunnus)| format!("{name} ({ytunnus})"));
    view! {
        <p><a href="/staff/support">{t!("support-desk-back")}</a></p>
        <PageTitle text=heading.clone()/>
        <h1 id="request-heading">{heading}</h1>
        <p class="lead"><StatusBadge status=view.status/> " · " {view.received.clone()}</p>
        <PostedError/>
        <section class="card" aria-labelledby="sender-heading">
            <h2 id="sender-heading">{t!("support-desk-sender")}</h2>
            <dl class="facts" id="sender">
                {fact(t!("support-name"), Some(view.name.clone()))}
                {fact(t!("support-email"), Some(view.email.clone()))}
                {fact(t!("support-organisation"), view.organisation.clone())}
                {fact(t!("support-desk-identified"), view.person.clone())}
                {fact(t!("support-desk-acting-for"), acting_for)}
                {fact(t!("support-desk-language"), Some(language))}
            </dl>
        </section>
        <section class="card" aria-labelledby="message-heading">
            <h2 id="message-heading">{t!("support-message")}</h2>
            <p class="message" id="message">{view.message.clone()}</p>
        </section>
        <section class="card" aria-labelledby="handling-heading">
            <h2 id="handling-heading">{t!("support-desk-handling")}</h2>
            <p id="assignee">
                {match view.assignee.clone() {
                    Some(name) => t!("support-desk-taken-by", name = name),
                    None => t!("support-desk-not-taken"),
                }}
            </p>
            {match (view.answer.clone(), view.answered.clone()) {
                (Some(answer), Some((at, by))) => view! {
                    <h3>{t!("support-desk-answer")}</h3>
                    <p class="message" id="answer">{answer}</p>
                    <p>{t!("support-desk-answered", at = at, name = by)}</p>
                }.into_any(),
                _ => view! { <AnswerForms id=view.id version=view.version taken=view.assignee.is_some() mine=view.mine/> }.into_any(),
            }}
        </section>
    }
}

/// Taking the request (or taking it over from a colleague; not from oneself) and answering it.
#[component]
fn AnswerForms(id: i32, version: i32, taken: bool, mine: bool) -> impl IntoView {
    let typed = typed_again("answer").and_then(|q| q.get("answer")).unwrap_or_default();
    view! {
        {(!mine).then(|| view! {
            <form method="post" action=TakeSupportRequest::url() id="take">
                <VersionFields id=id version=version/>
                <button type="submit" class="button button--secondary">
                    {if taken { t!("support-desk-take-over") } else { t!("support-desk-take") }}
                </button>
            </form>
        })}
        <form method="post" action=AnswerSupportRequest::url() class="form" id="answer-form">
            <VersionFields id=id version=version/>
            <div class="field">
                <label for="answer-text">{t!("support-desk-answer")}</label>
                <p class="hint" id="answer-hint">{t!("support-desk-answer-hint")}</p>
                <textarea id="answer-text" name="answer" rows="8" required maxlength=MESSAGE_MAX
                    aria-describedby="answer-hint">{typed}</textarea>
            </div>
            <button type="submit" class="button" id="send-answer">{t!("support-desk-send-answer")}</button>
        </form>
    }
}
