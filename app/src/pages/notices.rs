//! What the service tells everyone about itself: the privacy notice (`/privacy`) and the cookies
//! and on-device storage it uses (`/storage`). Public, plain text, stored for offline reading.
use crate::components::{
    layout::SupportEmail,
    table::{Column, DataTable},
    title::PageTitle,
};
use leptos::prelude::*;

/// The privacy notice (GDPR articles 13 and 14): who is responsible, what is processed, why, for
/// how long, to whom it goes, and the person's rights.
#[component]
pub fn Privacy() -> impl IntoView {
    let limits = use_context::<crate::SessionLimits>().unwrap_or(crate::SessionLimits::DEFAULT);
    let sections = [
        (msg!("privacy-controller-heading"), vec![msg!("privacy-controller-text")]),
        (
            msg!("privacy-data-heading"),
            vec![
                msg!("privacy-data-identity"),
                msg!("privacy-data-acting"),
                msg!("privacy-data-contacts"),
                msg!("privacy-data-audit"),
                msg!("privacy-data-support"),
            ],
        ),
        (msg!("privacy-purpose-heading"), vec![msg!("privacy-purpose-text")]),
        (msg!("privacy-retention-heading"), vec![]),
    ];
    let sections = sections
        .into_iter()
        .map(|(heading, paragraphs)| {
            let paragraphs = paragraphs.into_iter().map(|p| view! { <p>{crate::i18n::tr(p)}</p> }).collect_view();
            view! {
                <h2>{crate::i18n::tr(heading)}</h2>
                {paragraphs}
            }
        })
        .collect_view();
    view! {
        <div class="page page--narrow">
            <PageTitle text=t!("privacy-heading")/>
            <h1>{t!("privacy-heading")}</h1>
            <p class="lead">{t!("privacy-lead")}</p>
            {sections}
            <p>{t!("privacy-retention-text", idle = limits.idle_minutes, max = limits.max_hours)}</p>
            <h2>{t!("privacy-recipients-heading")}</h2>
            <p>{t!("privacy-recipients-text")}</p>
            <h2>{t!("privacy-rights-heading")}</h2>
            <p>{t!("privacy-rights-text")}</p>
            <p>{t!("privacy-contact-text")} " " <SupportEmail/></p>
        </div>
    }
}

/// The cookies the service sets and what it keeps on the device, each with how long.
#[component]
pub fn Storage() -> impl IntoView {
    let names = use_context::<crate::CookieNames>().unwrap_or(crate::CookieNames::PLAIN);
    let limits = use_context::<crate::SessionLimits>().unwrap_or(crate::SessionLimits::DEFAULT);
    let cookies = [
        (names.session, t!("storage-session-purpose"), t!("storage-session-lifetime", max = limits.max_hours)),
        (names.seen, t!("storage-seen-purpose", idle = limits.idle_minutes), t!("storage-seen-lifetime")),
        (names.login, t!("storage-login-purpose"), t!("storage-login-lifetime")),
        (names.form, t!("storage-form-purpose"), t!("storage-form-lifetime")),
        (crate::i18n::LANG_COOKIE, t!("storage-lang-purpose"), t!("storage-lang-lifetime")),
    ]
    .into_iter()
    .map(|(name, purpose, lifetime)| {
        view! {
            <tr>
                <th scope="row"><code>{name}</code></th>
                <td>{purpose}</td>
                <td>{lifetime}</td>
            </tr>
        }
    })
    .collect_view();
    let columns = vec![
        Column::text(t!("storage-cookie-name")),
        Column::text(t!("storage-cookie-purpose")),
        Column::text(t!("storage-cookie-lifetime")),
    ];
    view! {
        <div class="page page--narrow">
            <PageTitle text=t!("storage-heading")/>
            <h1>{t!("storage-heading")}</h1>
            <p class="lead">{t!("storage-lead")}</p>
            <section aria-labelledby="storage-cookies-heading">
                <h2 id="storage-cookies-heading">{t!("storage-cookies-heading")}</h2>
                <DataTable labelled_by="storage-cookies-heading" id="cookies" class="data-table" columns>
                    {cookies}
                </DataTable>
            </section>
            <h2>{t!("storage-device-heading")}</h2>
            <p>{t!("storage-offline-text")}</p>
            <p>{t!("storage-drafts-text")}</p>
            <p>{t!("storage-clear-text")}</p>
        </div>
    }
}
