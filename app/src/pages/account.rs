use crate::components::{
    session::{RequireLogin, use_session},
    title::PageTitle,
};
use leptos::prelude::*;

/// The logged-in person's own details and session.
#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    view! {
        <RequireLogin>
            <div class="page page--narrow">
                <PageTitle text=t!("account-heading")/>
                <h1>{t!("account-heading")}</h1>
                {move || {
                    session
                        .get()
                        .flatten()
                        .map(|s| {
                            let level = s.assurance.map(|a| crate::i18n::tr(a.message_id())).unwrap_or_default();
                            view! {
                                <dl class="facts">
                                    <dt>{t!("account-name")}</dt>
                                    <dd id="account-name">{s.display_name.clone()}</dd>
                                    <dt>{t!("account-assurance")}</dt>
                                    <dd>{level}</dd>
                                    <dt>{t!("account-session")}</dt>
                                    <dd>{t!("account-session-text", minutes = s.idle_seconds / 60)}</dd>
                                </dl>
                                <p>{t!("account-data-text")}</p>
                            }
                        })
                }}
            </div>
        </RequireLogin>
    }
}
