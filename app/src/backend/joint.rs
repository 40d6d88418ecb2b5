//! Joint joining (*yhteisliittyminen*): a main joiner's application names co-joiners by Y-tunnus.
//! Each co-joiner's own acting person reads and signs its acceptance for their organisation;
//! the main joiner cannot sign for them. The application is sent once every co-joiner has
//! signed, and staff take the group through testing to production as that one application.
//! The co-joiners use the main joiner's connection point and information system.
use super::{
    acting::Acting,
    agreement::text_hash,
    application_store::{self, Application},
    entities::{joint_member, organisation, technical_item},
    identity::{Audit, audit},
};
use crate::wizard::application::ApplicationAnswers;
use crate::{
    domain::{
        acting::Basis,
        application::State,
        records::{ApplicantChange, HistoryEvent},
        services::ServiceSet,
        technical::TechnicalKind,
        validation::{FieldError, Problem},
        ytunnus::YTunnus,
    },
    error::AppError,
    i18n::{Args, Lang, lookup},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait, QueryFilter,
    QueryOrder, Set,
};

/// The form field a co-joiner's business ID is typed in.
pub const FIELD: &str = "co_joiner";

/// The application's co-joiners, in the order named, with their organisations' names where known.
pub async fn members(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Vec<(joint_member::Model, Option<String>)>, AppError> {
    let rows = joint_member::Entity::find()
        .filter(joint_member::Column::ApplicationId.eq(application_id))
        .filter(joint_member::Column::RemovedAt.is_null())
        .order_by_asc(joint_member::Column::Id)
        .all(db)
        .await?;
    let mut named = Vec::with_capacity(rows.len());
    for row in rows {
        let name = organisation::Entity::find()
            .filter(organisation::Column::Ytunnus.eq(row.ytunnus.clone()))
            .one(db)
            .await?
            .map(|o| o.name);
        named.push((row, name));
    }
    Ok(named)
}

/// Whether the co-joiner has signed for the services the application is for now (changing the
/// services asks each co-joiner to sign again, as it does the main joiner).
pub fn signed_for(member: &joint_member::Model, services: &ServiceSet) -> bool {
    member.signed_at.is_some() && member.services.as_deref() == Some(services.code().as_str())
}

/// How many of application `current`'s co-joiners have not signed for its services.
pub async fn unsigned(db: &impl ConnectionTrait, current: &Application) -> Result<usize, AppError> {
    let members = members(db, current.row.id).await?;
    Ok(members.iter().filter(|(m, _)| !signed_for(m, &current.services)).count())
}

/// Names co-joiner `typed` (a Y-tunnus as people type it) on an application the applicant may
/// still change, made on `version`. `Invalid` (`co_joiner`) for a bad business ID, the
/// applicant's own, or one already named.
pub async fn invite(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    version: i32,
    typed: &str,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = application_store::editable(db, now, id, version).await?;
    let refuse = |problem| AppError::Invalid(vec![FieldError::new(FIELD, problem)]);
    let ytunnus = YTunnus::parse(typed).map_err(|_| refuse(Problem::InvalidBusinessId))?.to_string();
    if ytunnus == now.organisation.ytunnus {
        return Err(refuse(Problem::OwnOrganisation));
    }
    if members(db, id).await?.iter().any(|(m, _)| m.ytunnus == ytunnus) {
        return Err(refuse(Problem::AlreadyListed));
    }
    let txn = super::begin_write(db).await?;
    let row = application_store::touch(&txn, &current, version).await?;
    joint_member::ActiveModel {
        application_id: Set(id),
        ytunnus: Set(ytunnus.clone()),
        invited_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let doer = acting.doer();
    let kind = HistoryEvent::Changed(ApplicantChange::CoJoinerAdded);
    application_store::record(&txn, &row, doer, kind, Some(&ytunnus)).await?;
    audit(&txn, &Audit::new(doer, kind).about(now.organisation.id).detail(&ytunnus)).await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// Takes co-joiner `member` off an application the applicant may still change, made on
/// `version`. The row and any acceptance signed stay, marked removed; named again, the
/// co-joiner signs anew.
pub async fn remove(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    version: i32,
    member: i32,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = application_store::editable(db, now, id, version).await?;
    let found = joint_member::Entity::find_by_id(member)
        .one(db)
        .await?
        .filter(|m| m.application_id == id && m.removed_at.is_none())
        .ok_or(AppError::NotFound)?;
    let txn = super::begin_write(db).await?;
    let row = application_store::touch(&txn, &current, version).await?;
    let mut removed: joint_member::ActiveModel = found.clone().into();
    removed.removed_at = Set(Some(Utc::now()));
    removed.update(&txn).await?;
    let doer = acting.doer();
    let kind = HistoryEvent::Changed(ApplicantChange::CoJoinerRemoved);
    application_store::record(&txn, &row, doer, kind, Some(&found.ytunnus)).await?;
    audit(&txn, &Audit::new(doer, kind).about(now.organisation.id).detail(&found.ytunnus)).await?;
    txn.commit().await?;
    Application::from_row(row)
}

/// One joint joining the acting organisation is named in, as the co-joiner sees it.
pub struct Membership {
    pub member: joint_member::Model,
    pub application: Application,
    pub main: organisation::Model,
    /// The main joiner's information systems for these services: its technical data once in
    /// production, before that what its application says.
    pub systems: Vec<SystemName>,
}

/// An information system as the customer data names it.
pub struct SystemName {
    pub product: String,
    pub version: String,
    pub vendor: String,
}

impl From<&technical_item::Model> for SystemName {
    fn from(t: &technical_item::Model) -> SystemName {
        SystemName {
            product: t.name.clone(),
            version: t.product_version.clone().unwrap_or_default(),
            vendor: t.vendor.clone().unwrap_or_default(),
        }
    }
}

/// The joint joinings organisation `co` is named in, newest first; withdrawn and rejected
/// applications left out.
pub async fn memberships(db: &impl ConnectionTrait, co: &organisation::Model) -> Result<Vec<Membership>, AppError> {
    let rows = joint_member::Entity::find()
        .filter(joint_member::Column::Ytunnus.eq(co.ytunnus.clone()))
        .filter(joint_member::Column::RemovedAt.is_null())
        .order_by_desc(joint_member::Column::Id)
        .all(db)
        .await?;
    let mut found = Vec::new();
    for member in rows {
        let application = match application_store::get(db, member.application_id, None).await {
            Ok(application) => application,
            Err(AppError::NotFound) => continue,
            Err(error) => return Err(error),
        };
        if matches!(application.state, State::Withdrawn | State::Rejected) {
            continue;
        }
        let Some(main) = organisation::Entity::find_by_id(application.row.organisation_id).one(db).await? else {
            continue;
        };
        let services: Vec<String> = application.services.as_slice().iter().map(|s| s.code().to_string()).collect();
        let mut systems: Vec<SystemName> = super::customer_data::technical(db, main.id)
            .await?
            .iter()
            .filter(|t| t.valid_to.is_none() && t.kind == TechnicalKind::System.code() && services.contains(&t.service))
            .map(SystemName::from)
            .collect();
        if systems.is_empty()
            && let Some(system) = ApplicationAnswers::of(&application.answers).system()
        {
            let (product, version, vendor) = (system.product.into(), system.version.into(), system.vendor.into());
            systems.push(SystemName { product, version, vendor });
        }
        found.push(Membership { member, application, main, systems });
    }
    Ok(found)
}

/// The exact acceptance a co-joiner's acting person signs, in `lang`.
pub fn acceptance_text(
    lang: Lang,
    main: &organisation::Model,
    co: &organisation::Model,
    services: &ServiceSet,
    signer: &str,
    basis: Basis,
) -> String {
    let mut args = Args::new();
    args.set("main", main.name.clone());
    args.set("main_ytunnus", main.ytunnus.clone());
    args.set("organisation", co.name.clone());
    args.set("ytunnus", co.ytunnus.clone());
    args.set("service", services.names(|id| lookup(lang, id, None)));
    args.set("signer", signer.to_string());
    args.set("basis", lookup(lang, basis.message_id(), None));
    args.set("terms", crate::terms::Document::DeliveryTerms.current().id);
    [msg!("joint-acceptance-title"), msg!("joint-acceptance-body"), msg!("joint-acceptance-responsibility")]
        .iter()
        .map(|id| lookup(lang, id, Some(&args)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The membership `member` of the acting organisation, with the text its acting person would sign.
/// `NotFound` unless the acting organisation is the co-joiner named.
pub async fn to_sign(
    db: &impl ConnectionTrait,
    acting: &Acting,
    member: i32,
    lang: Lang,
) -> Result<(Membership, String), AppError> {
    let (session, now) = (&acting.session, &acting.now);
    let found = memberships(db, &now.organisation)
        .await?
        .into_iter()
        .find(|m| m.member.id == member)
        .ok_or(AppError::NotFound)?;
    let services = &found.application.services;
    let text = acceptance_text(lang, &found.main, &now.organisation, services, &session.display_name, now.basis);
    Ok((found, text))
}

/// Signs the acceptance whose text had `hash` when shown: for the acting organisation only, once,
/// and while the main joiner's application is still open. `Conflict` when the text has changed.
pub async fn accept(
    db: &DatabaseConnection,
    acting: &Acting,
    member: i32,
    lang: Lang,
    hash: &str,
) -> Result<joint_member::Model, AppError> {
    let (session, now) = (&acting.session, &acting.now);
    let (found, text) = to_sign(db, acting, member, lang).await?;
    // Signed before the application is sent, as the main joiner signs its agreement.
    let services = &found.application.services;
    if signed_for(&found.member, services) || !found.application.state.is_editable() {
        return Err(AppError::NotNow);
    }
    if services.as_slice().iter().any(|s| !s.is_for(now.kind)) {
        return Err(AppError::NotPermitted);
    }
    if text_hash(&text) != hash.trim() {
        return Err(AppError::Conflict { current: found.application.row.version });
    }
    let txn = super::begin_write(db).await?;
    let not_yet = joint_member::Column::SignedAt.is_null().or(joint_member::Column::Services.ne(services.code()));
    let written = joint_member::Entity::update_many()
        .set(joint_member::ActiveModel {
            organisation_id: Set(Some(now.organisation.id)),
            services: Set(Some(services.code())),
            lang: Set(Some(lang.code().into())),
            text_hash: Set(Some(text_hash(&text))),
            text: Set(Some(text)),
            person_id: Set(Some(session.person_id)),
            signer_name: Set(Some(session.display_name.clone())),
            basis: Set(Some(now.basis.code())),
            signed_at: Set(Some(Utc::now())),
            ..Default::default()
        })
        .filter(joint_member::Column::Id.eq(member))
        .filter(joint_member::Column::RemovedAt.is_null())
        .filter(not_yet)
        .exec(&txn)
        .await?;
    // Signed meanwhile (a second click) or taken off: nothing written.
    if written.rows_affected != 1 {
        return Err(AppError::Conflict { current: found.application.row.version });
    }
    let signed = joint_member::Entity::find_by_id(member).one(&txn).await?.ok_or(AppError::NotFound)?;
    let doer = acting.doer();
    let kind = HistoryEvent::Changed(ApplicantChange::CoJoinerSigned);
    application_store::record(&txn, &found.application.row, doer, kind, Some(&now.organisation.name)).await?;
    let hash = signed.text_hash.clone().unwrap_or_default();
    audit(&txn, &Audit::new(doer, kind).about(now.organisation.id).detail(&hash)).await?;
    txn.commit().await?;
    Ok(signed)
}
