//! Customer-support requests sent from the front page.
use super::entities::support_request;
use crate::{domain::support::SupportRequest, i18n::Lang};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// The reference a visitor quotes to support, derived from the row id.
pub fn reference(id: i32) -> String {
    format!("KS-{id:06}")
}

/// Saves a request and returns its reference.
pub async fn save(db: &impl ConnectionTrait, request: &SupportRequest, lang: Lang) -> Result<String, DbErr> {
    let saved = support_request::ActiveModel {
        created_at: Set(chrono::Utc::now()),
        lang: Set(lang.code().to_string()),
        name: Set(request.name.clone()),
        email: Set(request.email.as_str().to_string()),
        organisation: Set(request.organisation.clone()),
        topic: Set(request.topic.code().to_string()),
        message: Set(request.message.clone()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(reference = %reference(saved.id), topic = saved.topic, "support request saved");
    Ok(reference(saved.id))
}
