//! Whom to act for: the organisations the registers give the person, and the way to act with a
//! Suomi.fi mandate. The server decides; this page only shows the choices and sends one back.
use crate::{
    api::acting::{ChoiceView, ChooseOrganisation, MandateOutcome, OrganisationChoices, acting_choices},
    components::session::{RequireLogin, go_to},
    domain::local_path::is_local_path,
    hydration::OnFirstUse,
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn Organisations() -> impl IntoView {
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).filter(|n| is_local_path(n)).unwrap_or("/organisation".into());
    let choices = Resource::new_blocking(|| (), |_| acting_choices());
    let notice = move || {
        let outcome = query.with(|q| q.get("mandate")).as_deref().and_then(MandateOutcome::from_code)?;
        Some(view! {
            <crate::components::title::ErrorTitle/>
            <p class="notice notice--error" role="alert">{tr(outcome.message_id())}</p>
        })
    };
    let mandate_link = move || format!("/auth/mandates?next={}", crate::components::session::encode(&next()));
    view! {
        <RequireLogin>
            <div class="page">
                <crate::components::title::PageTitle text=t!("organisations-heading")/>
                <h1>{t!("organisations-heading")}</h1>
                <p class="lead">{t!("organisations-lead")}</p>
                {notice}
                <Suspense>
                    {move || {
                        choices
                            .get()
                            .map(|answer| match answer {
                                Ok(c) => view! { <ChoiceList choices=c next=next()/> }.into_any(),
                                Err(e) => view! {
                                    <crate::components::title::ErrorTitle/>
                                    <p class="notice notice--error" role="alert">{tr(e.message_id())}</p>
                                }
                                .into_any(),
                            })
                    }}
                </Suspense>
                <section class="card" aria-labelledby="mandate-heading">
                    <h2 id="mandate-heading">{t!("organisations-mandate-heading")}</h2>
                    <p>{t!("organisations-mandate-text")}</p>
                    <a class="button" href=mandate_link rel="external" id="choose-with-mandate">
                        {t!("organisations-mandate-button")}
                    </a>
                    <p>
                        {t!("organisations-mandate-give")} " "
                        <a href=t!("suomifi-mandates-url") rel="external">{t!("suomifi-mandates-link")}</a>
                    </p>
                    <p><a href="/guides/giving-a-mandate">{t!("guide-mandate-link")}</a></p>
                </section>
            </div>
        </RequireLogin>
    }
}

#[component]
fn ChoiceList(choices: OrganisationChoices, next: String) -> impl IntoView {
    let none = choices.choices.is_empty();
    let current = choices.current;
    let cards = choices
        .choices
        .into_iter()
        .map(|c| view! { <ChoiceCard choice=c.clone() current=current == Some(c.ytunnus) next=next.clone()/> })
        .collect_view();
    let without_right = choices
        .roles_without_right
        .into_iter()
        .map(|(ytunnus, name)| view! { <li>{t!("organisations-role-without-right", name = format!("{name} ({ytunnus})"))}</li> })
        .collect_view();
    view! {
        <Show when=move || none>
            <p class="notice" id="no-basis">{t!("organisations-none")}</p>
            <p><a href="/guides/before-you-start">{t!("guide-start-link")}</a></p>
        </Show>
        <ul class="hints">{without_right}</ul>
        <div class="cards">{cards}</div>
    }
}

#[component]
fn ChoiceCard(choice: ChoiceView, current: bool, next: String) -> impl IntoView {
    let ready = choice.code_service.allows_taking_into_use();
    let name = choice.name.clone();
    view! {
        <section class="card organisation-choice">
            <h2>{choice.name.clone()}</h2>
            <dl class="facts">
                <dt>{t!("organisation-ytunnus")}</dt>
                <dd>{choice.ytunnus.to_string()}</dd>
                <dt>{t!("organisation-basis")}</dt>
                <dd>{tr(choice.basis.message_id())}</dd>
                <dt>{t!("organisation-kind")}</dt>
                <dd>{tr(choice.kind.message_id())}</dd>
                <dt>{t!("organisation-code-service")}</dt>
                <dd class=if ready { "" } else { "warning" }>{tr(choice.code_service.message_id())}</dd>
            </dl>
            {if current {
                view! { <p class="notice">{t!("organisations-current")}</p> }.into_any()
            } else {
                view! {
                    <OnFirstUse>
                        <ChooseForm ytunnus=choice.ytunnus.to_string() name next/>
                    </OnFirstUse>
                }
                .into_any()
            }}
        </section>
    }
}

/// "Act for X": a plain form post without JavaScript; with it, the action, its error in place, and
/// on success the page the user was going to.
#[island(lazy)]
fn ChooseForm(ytunnus: String, name: String, next: String) -> impl IntoView {
    let choose = ServerAction::<ChooseOrganisation>::new();
    Effect::new(move || {
        if let Some(Ok(())) = choose.value().get() {
            go_to(&next);
        }
    });
    let submit = {
        let ytunnus = ytunnus.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            choose.dispatch(ChooseOrganisation { ytunnus: ytunnus.clone() });
        }
    };
    view! {
        <form method="post" action=ChooseOrganisation::url() on:submit=submit>
            <input type="hidden" name="ytunnus" value=ytunnus/>
            <button type="submit" class="button button--primary" disabled=move || choose.pending().get()>
                {t!("organisations-choose", name = name)}
            </button>
        </form>
        {move || {
            choose
                .value()
                .get()
                .and_then(Result::err)
                .map(|e| view! { <p class="notice notice--error" role="alert">{tr(e.message_id())}</p> })
        }}
    }
}
