use crate::{
    components::{support_form::SupportForm, title::PageTitle},
    hydration::OnFirstUse,
};
use leptos::prelude::*;

/// What the service is for, who uses it and on what basis, and how to reach support.
#[component]
pub fn Home() -> impl IntoView {
    view! {
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
                <SupportForm/>
            </OnFirstUse>
        </div>
    }
}
