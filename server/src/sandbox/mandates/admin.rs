//! The tester's page at `ADMIN_PATH`: mandates listed, granted, revoked, made incomplete or complete.
use super::{ADMIN_PATH, Holder, Mandate, Valtuudet, lookup};
use crate::sandbox::page::{document, escape, text};
use app::{i18n::lang_of_request, msg};
use axum::{
    Form,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use std::sync::Arc;

/// The tester's page: every mandate with revoke/restore, and forms to grant new ones.
pub(super) async fn admin_page(State(service): State<Arc<Valtuudet>>, headers: HeaderMap) -> Response {
    let lang = lang_of_request(&headers);
    let t = |id: &str| text(lang, id);
    let data = &service.data;
    let org_name =
        |id: &str| data.organisation(id).map(|o| format!("{} ({})", o.name, o.business_id)).unwrap_or_default();
    let rows: String = service
        .store()
        .mandates
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let holder = match &m.holder {
                Holder::Person(hetu) => data.person_by_hetu(hetu).map(|p| format!("{} ({hetu})", p.name)).unwrap_or_else(|| hetu.clone()),
                Holder::Company(id) => org_name(id),
            };
            let state = match (m.active, m.complete) {
                (false, _) => t(msg!("sandbox-mandates-revoked")),
                (true, true) => t(msg!("sandbox-mandates-active")),
                (true, false) => t(msg!("sandbox-mandates-incomplete")),
            };
            let button = |action: &str, label: &str| {
                format!(r#"<button type="submit" name="action" value="{action}">{label}</button>"#)
            };
            let mut buttons = if m.active {
                button("revoke", &t(msg!("sandbox-mandates-revoke")))
            } else {
                button("restore", &t(msg!("sandbox-mandates-restore")))
            };
            buttons += &if m.complete {
                button("incomplete", &t(msg!("sandbox-mandates-make-incomplete")))
            } else {
                button("complete", &t(msg!("sandbox-mandates-make-complete")))
            };
            format!(
                r#"<tr><td>{}</td><td>{}</td><td>{state}</td><td><form method="post"><input type="hidden" name="index" value="{i}">{buttons}</form></td></tr>"#,
                escape(&org_name(&m.principal)),
                escape(&holder),
            )
        })
        .collect();
    let principal_options: String = data
        .organisations
        .iter()
        .map(|o| format!(r#"<option value="{}">{}</option>"#, escape(&o.id), escape(&org_name(&o.id))))
        .collect();
    let body = format!(
        r#"<p class="banner">{banner}</p><h1>{heading}</h1><p>{intro}</p>
<div class="scroll"><table><thead><tr><th>{principal}</th><th>{holder}</th><th>{state}</th><th></th></tr></thead><tbody>{rows}</tbody></table></div>
<h2>{grant_heading}</h2>
<form method="post"><input type="hidden" name="action" value="grant-person">
<label>{principal} <select name="principal">{principal_options}</select></label>
<label>{holder_hetu} <input type="text" name="holder" autocomplete="off"></label>
<button type="submit">{grant_person}</button></form>
<form method="post"><input type="hidden" name="action" value="grant-company">
<label>{principal} <select name="principal">{principal_options}</select></label>
<label>{holder_company} <select name="holder">{principal_options}</select></label>
<button type="submit">{grant_company}</button></form>"#,
        banner = t(msg!("sandbox-mandates-banner")),
        heading = t(msg!("sandbox-mandates-admin-heading")),
        intro = t(msg!("sandbox-mandates-admin-text")),
        principal = t(msg!("sandbox-mandates-principal")),
        holder = t(msg!("sandbox-mandates-holder")),
        state = t(msg!("sandbox-mandates-state")),
        grant_heading = t(msg!("sandbox-mandates-grant-heading")),
        holder_hetu = t(msg!("sandbox-mandates-holder-hetu")),
        holder_company = t(msg!("sandbox-mandates-holder-company")),
        grant_person = t(msg!("sandbox-mandates-grant-person")),
        grant_company = t(msg!("sandbox-mandates-grant-company")),
    );
    Html(document(lang, &lookup(lang, msg!("sandbox-mandates-admin-heading")), &body)).into_response()
}

/// The tester's form: an action, and the mandate's index or a new mandate's principal and holder.
#[derive(Deserialize)]
pub(super) struct AdminForm {
    action: String,
    index: Option<usize>,
    principal: Option<String>,
    holder: Option<String>,
}

/// Applies the tester's change and goes back to the page; 400 for an unknown action, index,
/// principal or holder.
pub(super) async fn admin(State(service): State<Arc<Valtuudet>>, Form(form): Form<AdminForm>) -> Response {
    let known = |id: &Option<String>| id.as_ref().filter(|id| service.data.organisation(id).is_some()).cloned();
    let mut store = service.store();
    match (form.action.as_str(), form.index) {
        ("revoke" | "restore", Some(i)) if i < store.mandates.len() => {
            store.mandates[i].active = form.action == "restore"
        }
        ("incomplete" | "complete", Some(i)) if i < store.mandates.len() => {
            store.mandates[i].complete = form.action == "complete"
        }
        ("grant-person", _) => {
            let hetu = form.holder.as_deref().and_then(|h| app::domain::hetu::Hetu::parse(h).ok());
            if let (Some(principal), Some(hetu)) = (known(&form.principal), hetu) {
                store.mandates.push(Mandate {
                    principal,
                    holder: Holder::Person(hetu.to_string()),
                    active: true,
                    complete: true,
                });
            } else {
                return StatusCode::BAD_REQUEST.into_response();
            }
        }
        ("grant-company", _) => match (known(&form.principal), known(&form.holder)) {
            (Some(principal), Some(company)) => store.mandates.push(Mandate {
                principal,
                holder: Holder::Company(company),
                active: true,
                complete: true,
            }),
            _ => return StatusCode::BAD_REQUEST.into_response(),
        },
        _ => return StatusCode::BAD_REQUEST.into_response(),
    }
    Redirect::to(ADMIN_PATH).into_response()
}
