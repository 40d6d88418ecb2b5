//! The browser's chooser (`/oauth/authorize`): the principals the person may act for, and the
//! choice sent back to the client as a code.
use super::{Offered, Session, Valtuudet, lookup};
use crate::sandbox::page::{document, escape, text};
use app::{
    i18n::{Lang, lang_of_request},
    msg,
};
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use std::sync::Arc;

/// The chooser's request as the client sends it, carried through the form as hidden fields.
#[derive(Deserialize)]
pub(super) struct ChooserRequest {
    client_id: String,
    redirect_uri: String,
    user: String,
    state: Option<String>,
    lang: Option<String>,
    /// On the form post: the chosen organisation, or `cancel`.
    principal: Option<String>,
}

impl ChooserRequest {
    fn lang(&self, headers: &HeaderMap) -> Lang {
        self.lang.as_deref().and_then(Lang::from_code).unwrap_or_else(|| lang_of_request(headers))
    }

    fn back(&self, pairs: &[(&str, &str)]) -> Response {
        let Ok(mut url) = url::Url::parse(&self.redirect_uri) else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        url.query_pairs_mut().extend_pairs(pairs);
        if let Some(state) = &self.state {
            url.query_pairs_mut().append_pair("state", state);
        }
        Redirect::to(url.as_str()).into_response()
    }

    fn valid(&self, service: &Valtuudet) -> bool {
        self.client_id == service.client_id && self.redirect_uri.starts_with(&format!("{}/", service.site))
    }
}

fn session_of_user(service: &Valtuudet, user: &str) -> Option<(String, Session)> {
    service.store().sessions.iter().find(|(_, s)| s.user_id == user).map(|(id, s)| (id.clone(), s.clone()))
}

/// The chooser page listing the person's principals; 400 with an error page for an unknown user or
/// client.
pub(super) async fn chooser(
    State(service): State<Arc<Valtuudet>>,
    headers: HeaderMap,
    Query(q): Query<ChooserRequest>,
) -> Response {
    let lang = q.lang(&headers);
    let t = |id: &str| text(lang, id);
    let Some((_, session)) = session_of_user(&service, &q.user).filter(|_| q.valid(&service)) else {
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            t(msg!("sandbox-mandates-title")),
            t(msg!("sandbox-mandates-error-request"))
        );
        return (StatusCode::BAD_REQUEST, Html(document(lang, &lookup(lang, msg!("sandbox-mandates-title")), &body)))
            .into_response();
    };
    let hidden: String = [("client_id", &q.client_id), ("redirect_uri", &q.redirect_uri), ("user", &q.user)]
        .into_iter()
        .chain(q.state.as_ref().map(|s| ("state", s)))
        .chain(q.lang.as_ref().map(|l| ("lang", l)))
        .map(|(name, value)| format!(r#"<input type="hidden" name="{name}" value="{}">"#, escape(value)))
        .collect();
    let principals = service.principals_of(&session.hetu);
    let options: String = principals
        .iter()
        .enumerate()
        .map(|(i, Offered { organisation: o, via_company, .. })| {
            let note = if *via_company {
                format!(" <small>{}</small>", t(msg!("sandbox-mandates-via-company")))
            } else {
                String::new()
            };
            format!(
                r#"<label><input type="radio" name="principal" value="{}"{}> {} ({}){note}</label>"#,
                escape(&o.id),
                if i == 0 { " checked" } else { "" },
                escape(&o.name),
                escape(&o.business_id),
            )
        })
        .collect();
    let choose = if principals.is_empty() {
        format!("<p>{}</p>", t(msg!("sandbox-mandates-none")))
    } else {
        format!(
            r#"<fieldset><legend>{}</legend>{options}</fieldset><button type="submit" name="action" value="choose">{}</button>"#,
            t(msg!("sandbox-mandates-choose-legend")),
            t(msg!("sandbox-mandates-choose"))
        )
    };
    let body = format!(
        r#"<p class="banner">{banner}</p><h1>{heading}</h1><p>{issue}</p><form method="post" action="authorize">{hidden}{choose}<button type="submit" name="action" value="cancel" class="secondary">{cancel}</button></form>"#,
        banner = t(msg!("sandbox-mandates-banner")),
        heading = t(msg!("sandbox-mandates-choose-heading")),
        issue = t(msg!("sandbox-mandates-issue")),
        cancel = t(msg!("sandbox-mandates-cancel")),
    );
    Html(document(lang, &lookup(lang, msg!("sandbox-mandates-title")), &body)).into_response()
}

/// The chooser form as posted: the request again and the button pressed (`choose` or `cancel`).
#[derive(Deserialize)]
pub(super) struct ChooseForm {
    #[serde(flatten)]
    request: ChooserRequest,
    action: String,
}

/// The choice: a code back to the client, or `access_denied` (cancelled, or a principal not offered).
pub(super) async fn choose(State(service): State<Arc<Valtuudet>>, Form(form): Form<ChooseForm>) -> Response {
    let q = form.request;
    let Some((session_id, session)) = session_of_user(&service, &q.user).filter(|_| q.valid(&service)) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if form.action != "choose" {
        return q.back(&[("error", "access_denied")]);
    }
    let chosen =
        q.principal.clone().filter(|p| service.principals_of(&session.hetu).iter().any(|f| &f.organisation.id == p));
    let Some(chosen) = chosen else {
        return q.back(&[("error", "access_denied")]);
    };
    let code = crate::sandbox::random_token();
    if let Some(s) = service.store().sessions.get_mut(&session_id) {
        s.chosen = Some(chosen);
        s.code = Some(code.clone());
    }
    q.back(&[("code", &code)])
}
