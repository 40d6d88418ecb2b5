//! The organisation the user acts for: its registered data, what is missing before it can take
//! Kanta services into use, and who has done what for it.
use crate::{
    api::organisation::{AuditPage, CheckCodeService, OrganisationFacts, organisation_audit, organisation_overview},
    components::{
        answered::Refused,
        pager::{PageLink, Pager},
        session::{RequireLogin, reload},
        table::{Column, DataTable},
        title::PageTitle,
    },
    hydration::OnFirstUse,
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn Organisation() -> impl IntoView {
    // The trail is asked for once the overview is allowed: asked at the same time, both would
    // re-check the basis, and when the first found it ended, the second would see no
    // organisation at all and the page would say "choose one" instead of why.
    // `?audit_before=<id>`: an older page of the trail, a plain link that works without JavaScript.
    let query = leptos_router::hooks::use_query_map();
    let before = move || query.with(|q| q.get("audit_before").and_then(|b| b.parse::<i64>().ok()));
    let page = Resource::new_blocking(before, |before| async move {
        let facts = organisation_overview().await;
        let trail = if facts.is_ok() { organisation_audit(before).await.ok() } else { None };
        (facts, trail, before.is_some())
    });
    view! {
        <RequireLogin>
            <div class="page">
                <Suspense>
                    {move || {
                        page.get()
                            .map(|(facts, trail, paged)| {
                                view! {
                                    {match facts {
                                        Ok(f) => view! { <Facts facts=f/> }.into_any(),
                                        Err(e) => view! { <Refused heading=msg!("organisation-heading") error=e/> }.into_any(),
                                    }}
                                    {trail.map(|page| view! { <AuditTrail page paged/> })}
                                }
                            })
                    }}
                </Suspense>
            </div>
        </RequireLogin>
    }
}

#[component]
fn Facts(facts: OrganisationFacts) -> impl IntoView {
    let ready = facts.code_service.allows_taking_into_use();
    view! {
        <PageTitle text=facts.name.clone()/>
        <h1>{facts.name.clone()}</h1>
        <dl class="facts">
            <dt>{t!("organisation-ytunnus")}</dt>
            <dd>{facts.ytunnus.clone()}</dd>
            <dt>{t!("organisation-kind")}</dt>
            <dd>{tr(facts.kind.message_id())}</dd>
            <dt>{t!("organisation-basis")}</dt>
            <dd id="acting-basis">{tr(facts.basis.message_id())}</dd>
            <dt>{t!("organisation-oid")}</dt>
            <dd>{facts.oid.clone().unwrap_or_else(|| tr(msg!("organisation-oid-none")))}</dd>
        </dl>
        <section class="card" aria-labelledby="code-service-heading">
            <h2 id="code-service-heading">{t!("organisation-code-service")}</h2>
            <p id="code-service-status" class=if ready { "" } else { "warning" }>{tr(facts.code_service.message_id())}</p>
            <p>{t!("organisation-code-service-checked", at = facts.code_service_checked.clone())}</p>
            <Show when=move || !ready>
                <p>
                    {t!("organisation-code-service-help")} " "
                    <a href=t!("code-service-url") rel="external">{t!("code-service-link")}</a>
                </p>
                <p>
                    <a href="/guides/before-you-start?step=code-service">{t!("guide-start-link")}</a>
                </p>
            </Show>
            <OnFirstUse>
                <CheckCodeServiceForm/>
            </OnFirstUse>
        </section>
        <p><a class="button button--primary" href="/applications" id="applications-link">{t!("applications-heading")}</a></p>
    }
}

/// A page of the trail; `paged`: an older page, with the way back to the newest.
#[component]
fn AuditTrail(page: AuditPage, paged: bool) -> impl IntoView {
    let rows = page
        .lines
        .into_iter()
        .map(|line| {
            let outcome = if line.allowed { tr(msg!("audit-allowed")) } else { tr(msg!("audit-denied")) };
            view! {
                <tr>
                    <td>{line.at}</td>
                    <td>{line.who}</td>
                    <td>{tr(line.action.map(crate::components::records::audit_message).unwrap_or(msg!("audit-other")))}</td>
                    <td>{line.basis.map(|b| tr(b.message_id())).unwrap_or_default()}</td>
                    <td>{outcome}</td>
                </tr>
            }
        })
        .collect_view();
    let columns = vec![
        Column::text(t!("audit-when")),
        Column::text(t!("audit-who")),
        Column::text(t!("audit-what")),
        Column::text(t!("audit-basis")),
        Column::text(t!("audit-outcome")),
    ];
    view! {
        <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t!("audit-heading")}</h2>
            <p>{t!("audit-text")}</p>
            <DataTable labelled_by="audit-heading" class="audit-trail" columns>{rows}</DataTable>
            <Pager
                first=paged.then(|| PageLink::new("/organisation#audit-heading", "audit-newest", t!("audit-newest")))
                next=page.older.map(|id| {
                    PageLink::new(format!("/organisation?audit_before={id}#audit-heading"), "audit-older", t!("audit-older"))
                })
            />
        </section>
    }
}

/// "Check again": a plain form post without JavaScript; with it, the action, then the page again
/// with the new state and its audit line.
#[island(lazy)]
fn CheckCodeServiceForm() -> impl IntoView {
    let check = ServerAction::<CheckCodeService>::new();
    Effect::new(move || {
        if let Some(Ok(_)) = check.value().get() {
            reload();
        }
    });
    view! {
        <form
            method="post"
            action=CheckCodeService::url()
            on:submit=move |ev| {
                ev.prevent_default();
                check.dispatch(CheckCodeService {});
            }
        >
            <button type="submit" class="button" disabled=move || check.pending().get()>
                {t!("organisation-code-service-check")}
            </button>
        </form>
        {move || {
            check
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| view! { <p class="notice notice--error" role="alert" id="refused">{tr(e.message_id())}</p> })
        }}
    }
}
