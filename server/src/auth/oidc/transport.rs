//! The provider's HTTP as openidconnect sees it: nested JWTs in its answers opened on the way in.
use super::RelyingParty;
use crate::keys::{KeyRing, OpenError};
use openidconnect::{AsyncHttpClient, HttpClientError, HttpRequest, HttpResponse};
use std::{future::Future, pin::Pin, sync::Arc};

/// Which answer of the provider an HTTP exchange carries, to know where a nested JWT may be.
#[derive(Clone, Copy)]
pub(super) enum Answer {
    /// The token endpoint's JSON, whose `id_token` may be a JWE.
    Token,
    /// The userinfo endpoint: JSON, or `application/jwt` signed and perhaps encrypted.
    UserInfo,
}

/// An HTTP failure, or a nested token we could not open.
#[derive(Debug, thiserror::Error)]
pub(super) enum Transport {
    #[error(transparent)]
    Http(#[from] HttpClientError<openidconnect::reqwest::Error>),
    #[error(transparent)]
    Open(#[from] OpenError),
}

/// The provider's HTTP for openidconnect, with any nested JWT in its answers opened (decrypted)
/// on the way in, so that openidconnect verifies the signed JWT inside. When encryption is
/// required, a plain answer is refused here.
pub(super) struct Opening {
    http: openidconnect::reqwest::Client,
    keys: Arc<KeyRing>,
    require_encryption: bool,
    answer: Answer,
}

impl<'c> AsyncHttpClient<'c> for Opening {
    type Error = Transport;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Transport>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let response = self.http.call(request).await?;
            self.opened(response)
        })
    }
}

impl Opening {
    fn opened(&self, mut response: HttpResponse) -> Result<HttpResponse, Transport> {
        if !response.status().is_success() {
            return Ok(response);
        }
        match self.answer {
            Answer::Token => {
                let Ok(mut body) = serde_json::from_slice::<serde_json::Value>(response.body()) else {
                    return Ok(response); // openidconnect names what is wrong with it
                };
                if let Some(id_token) = body.get("id_token").and_then(|t| t.as_str()) {
                    body["id_token"] = self.keys.open(id_token, self.require_encryption)?.into();
                    *response.body_mut() = body.to_string().into_bytes();
                }
            }
            Answer::UserInfo => {
                let is_jwt =
                    response.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(
                        |v| v.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case("application/jwt"),
                    );
                if is_jwt {
                    let token = String::from_utf8_lossy(response.body()).into_owned();
                    *response.body_mut() = self.keys.open(&token, self.require_encryption)?.into_bytes();
                } else if self.require_encryption {
                    return Err(OpenError::NotEncrypted.into());
                }
            }
        }
        Ok(response)
    }
}

impl RelyingParty {
    /// The provider's HTTP for the answer `answer`, opening what our keys encrypt.
    pub(super) fn opening(&self, answer: Answer) -> Opening {
        Opening {
            http: self.http.clone(),
            keys: self.config.keys.clone(),
            require_encryption: self.config.require_encryption,
            answer,
        }
    }
}
