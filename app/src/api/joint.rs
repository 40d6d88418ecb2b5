//! Joint joining (`backend::joint`): the main joiner names and removes co-joiners on its
//! application; a co-joiner's acting person reads and signs its own acceptance. Plain forms, so
//! all of it works without JavaScript.
use crate::{
    domain::{application::State, services::ServiceSet},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A co-joiner as the main joiner and staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoJoinerLine {
    pub id: i32,
    pub ytunnus: String,
    /// Known once anyone has acted for the organisation here.
    pub name: Option<String>,
    /// Who signed its acceptance, and when; `None` while it has not.
    pub signed: Option<(String, String)>,
}

/// A joint joining the acting organisation is a co-joiner in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipLine {
    pub member: i32,
    pub main: String,
    pub main_ytunnus: String,
    /// The main joiner's OID: its connection point to the Kanta services.
    pub main_oid: String,
    pub services: ServiceSet,
    pub state: State,
    /// Who signed the acceptance, and when.
    pub signed: Option<(String, String)>,
    /// The main joiner's information systems for these services, as `product version (vendor)`.
    pub systems: Vec<String>,
}

/// The acceptance a co-joiner's acting person would sign: the exact text and its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptanceShown {
    pub membership: MembershipLine,
    /// Whether this user's basis allows signing it.
    pub may_sign: bool,
    pub text: String,
    pub hash: String,
}

/// Names co-joiner `co_joiner` (a Y-tunnus) on application `id`, made on `version`.
#[server(endpoint = "joint/invite")]
pub async fn invite_co_joiner(id: i32, version: i32, co_joiner: String) -> Result<(), AppError> {
    let invited = ssr::invite(id, version, &co_joiner).await;
    let typed = [("co_joiner".to_string(), co_joiner)];
    super::respond(super::refused_form(invited, &format!("/applications/{id}"), "co-joiners", &typed))
}

/// Takes co-joiner `member` off application `id`, made on `version`.
#[server(endpoint = "joint/remove")]
pub async fn remove_co_joiner(id: i32, version: i32, member: i32) -> Result<(), AppError> {
    super::respond(ssr::remove(id, version, member).await)
}

/// The acceptance of joint joining `member` for the acting organisation, as its acting person
/// would sign it; `NotFound` unless the acting organisation is the co-joiner named.
#[server(endpoint = "joint/acceptance")]
pub async fn acceptance(member: i32) -> Result<AcceptanceShown, AppError> {
    super::respond(ssr::acceptance(member).await)
}

/// Signs the acceptance shown with `hash`: `Conflict` when its text has changed since.
#[server(endpoint = "joint/accept")]
pub async fn accept(member: i32, hash: String) -> Result<(), AppError> {
    super::respond(ssr::accept(member, &hash).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::{
        api::{context::db, guard::acting_for},
        backend::{format_time, joint},
        domain::acting::Action,
        i18n::request_lang,
    };

    pub async fn invite(id: i32, version: i32, co_joiner: &str) -> Result<(), AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        joint::invite(&db()?, &acting, id, version, co_joiner).await?;
        leptos_axum::redirect(&format!("/applications/{id}#co-joiners"));
        Ok(())
    }

    pub async fn remove(id: i32, version: i32, member: i32) -> Result<(), AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        joint::remove(&db()?, &acting, id, version, member).await?;
        leptos_axum::redirect(&format!("/applications/{id}#co-joiners"));
        Ok(())
    }

    pub async fn acceptance(member: i32) -> Result<AcceptanceShown, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let (found, text) = joint::to_sign(&db()?, &acting, member, request_lang()).await?;
        let hash = crate::backend::agreement::text_hash(&text);
        let may_sign = crate::domain::acting::permits(acting.now.basis, acting.now.kind, Action::SignAgreements);
        Ok(AcceptanceShown { membership: membership_line(found), may_sign, text, hash })
    }

    pub async fn accept(member: i32, hash: &str) -> Result<(), AppError> {
        let acting = acting_for(Action::SignAgreements).await?;
        joint::accept(&db()?, &acting, member, request_lang(), hash).await?;
        leptos_axum::redirect(&format!("/joint/{member}"));
        Ok(())
    }

    /// The co-joiners of application `id` (for `services`), for its page and the staff's; a
    /// signature for other services shows as not signed.
    pub(crate) async fn co_joiner_lines(
        db: &sea_orm::DatabaseConnection,
        id: i32,
        services: &ServiceSet,
    ) -> Result<Vec<CoJoinerLine>, AppError> {
        let lang = request_lang();
        Ok(joint::members(db, id)
            .await?
            .into_iter()
            .map(|(m, name)| CoJoinerLine { id: m.id, signed: signed(&m, services, lang), ytunnus: m.ytunnus, name })
            .collect())
    }

    /// Who signed the membership for `services`, and when.
    fn signed(
        m: &crate::backend::entities::joint_member::Model,
        services: &ServiceSet,
        lang: crate::i18n::Lang,
    ) -> Option<(String, String)> {
        let at = m.signed_at.filter(|_| joint::signed_for(m, services))?;
        Some((m.signer_name.clone().unwrap_or_default(), format_time(at, lang)))
    }

    /// The joint joinings the acting organisation is a co-joiner in, for its dashboard.
    pub(crate) async fn membership_lines(
        db: &sea_orm::DatabaseConnection,
        co: &crate::backend::entities::organisation::Model,
    ) -> Result<Vec<MembershipLine>, AppError> {
        Ok(joint::memberships(db, co).await?.into_iter().map(membership_line).collect())
    }

    fn membership_line(m: joint::Membership) -> MembershipLine {
        let lang = request_lang();
        let systems = m
            .systems
            .iter()
            .map(|s| {
                let vendor = if s.vendor.is_empty() { String::new() } else { format!(" ({})", s.vendor) };
                format!("{} {}{vendor}", s.product, s.version).trim().to_string()
            })
            .collect();
        let signed = signed(&m.member, &m.application.services, lang);
        MembershipLine {
            member: m.member.id,
            main: m.main.name,
            main_ytunnus: m.main.ytunnus,
            main_oid: m.main.oid.unwrap_or_default(),
            services: m.application.services,
            state: m.application.state,
            signed,
            systems,
        }
    }
}
