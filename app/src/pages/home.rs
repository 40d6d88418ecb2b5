use crate::{
    components::{
        posted::{posted_error, typed_again},
        support_form::SupportForm,
        title::{ErrorTitle, PageTitle},
    },
    domain::support::{self, reference_id},
    hydration::OnFirstUse,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What the service is for, who uses it and on what basis, and how to reach support.
#[component]
pub fn Home() -> impl IntoView {
    // The support form posted without JavaScript comes back here: sent, or refused and filled in.
    let sent = use_query_map().with_untracked(|q| q.get("sent")).filter(|r| reference_id(r).is_some());
    let again = typed_again("support").map(|q| support::SupportForm {
        name: q.get("name").unwrap_or_default(),
        email: q.get("email").unwrap_or_default(),
        organisation: q.get("organisation").unwrap_or_default(),
        topic: q.get("topic").unwrap_or_default(),
        message: q.get("message").unwrap_or_default(),
    });
    let refused = again.as_ref().and_then(|_| posted_error());
    view! {
        {refused.is_some().then(|| view! { <ErrorTitle/> })}
        <div class="page">
            <section class="intro" aria-labelledby="home-heading">
                <PageTitle text=t!("home-heading")/>
                <h1 id="home-heading">{t!("home-heading")}</h1>
                <p class="lead">{t!("home-lead")}</p>
                <ul class="tasks">
                    <li>{t!("home-task-take-into-use")}</li>
                    <li>{t!("home-task-update")}</li>
                    <li>{t!("home-task-agreements")}</li>
                    <li>{t!("home-task-billing")}</li>
                    <li><a href="/materials" id="materials-link">{t!("home-task-material")}</a></li>
                </ul>
            </section>

            <section class="card" aria-labelledby="home-needs-heading">
                <h2 id="home-needs-heading">{t!("home-needs-heading")}</h2>
                <ul>
                    <li>{t!("home-needs-authentication")}</li>
                    <li>{t!("home-needs-code-service")}</li>
                </ul>
                <p>{t!("home-needs-katso")}</p>
            </section>

            <section aria-labelledby="home-who-heading">
                <h2 id="home-who-heading">{t!("home-who-heading")}</h2>
                <div class="cards">
                    <article class="card">
                        <h3>{t!("home-who-private-heading")}</h3>
                        <p>{t!("home-who-private-text")}</p>
                        <ul>
                            <li>{t!("role-elinkeinonharjoittaja")}</li>
                            <li>{t!("role-toimitusjohtaja")}</li>
                            <li>{t!("role-toimitusjohtajan-sijainen")}</li>
                            <li>{t!("role-varatoimitusjohtaja")}</li>
                        </ul>
                        <p>{t!("home-who-private-others")}</p>
                    </article>
                    <article class="card">
                        <h3>{t!("home-who-public-heading")}</h3>
                        <p>{t!("home-who-public-text")}</p>
                    </article>
                    <article class="card">
                        <h3>{t!("home-who-self-heading")}</h3>
                        <p>{t!("home-who-self-text")}</p>
                    </article>
                </div>
            </section>

            <section class="card" aria-labelledby="home-mandate-heading">
                <h2 id="home-mandate-heading">{t!("home-mandate-heading")}</h2>
                <p>{t!("home-mandate-text")}</p>
                <ul>
                    <li>{t!("mandate-allows-take-into-use")}</li>
                    <li>{t!("mandate-allows-sign")}</li>
                    <li>{t!("mandate-allows-update")}</li>
                    <li>{t!("mandate-allows-billing")}</li>
                </ul>
            </section>

            <OnFirstUse>
                <SupportForm sent again refused/>
            </OnFirstUse>
        </div>
    }
}
