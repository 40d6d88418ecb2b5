//! Logout at the provider: RP-initiated logout, back to our `/logged-out`.
use super::RelyingParty;
use openidconnect::{ClientId, CsrfToken, LogoutRequest, core::CoreIdToken};

impl RelyingParty {
    /// Where to send the browser to end the provider's session too; `None` if it offers no logout.
    pub async fn logout_url(&self, id_token: Option<&str>) -> Option<url::Url> {
        let metadata = self.metadata().await.ok()?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone()?;
        let mut request = LogoutRequest::from(end_session)
            .set_client_id(ClientId::new(self.config.client_id.clone()))
            .set_post_logout_redirect_uri(self.post_logout_url.clone())
            .set_state(CsrfToken::new_random());
        if let Some(token) = id_token.and_then(|t| t.parse::<CoreIdToken>().ok()) {
            request = request.set_id_token_hint(&token);
        }
        Some(request.http_get_url())
    }
}
