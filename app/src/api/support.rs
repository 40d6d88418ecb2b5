use crate::{domain::support::SupportForm, error::AppError};
use leptos::{prelude::*, server_fn::codec::Json};
use serde::{Deserialize, Serialize};

/// What the visitor gets back: the reference to quote when they contact support again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportReceipt {
    pub reference: String,
}

/// Saves a message to customer support. The same domain rules ran in the browser already.
#[server(endpoint = "support/send", input = Json)]
pub async fn send_support_request(form: SupportForm) -> Result<SupportReceipt, AppError> {
    super::respond(
        async {
            let request = crate::domain::support::SupportRequest::parse(&form).map_err(AppError::Invalid)?;
            let lang = crate::i18n::request_lang();
            let reference = crate::backend::support::save(&crate::backend::db()?, &request, lang).await?;
            Ok(SupportReceipt { reference })
        }
        .await,
    )
}
