//! What the provider publishes about itself: the discovery document and its signing keys.
use super::{CONTENT_ENCRYPTION, ENCRYPTION_ALG, Idp};
use crate::config::SandboxIdpProfile;
use app::domain::assurance::Assurance;
use axum::{Json, extract::State};
use openidconnect::{PrivateSigningKey, core::CoreJsonWebKeySet};
use std::sync::Arc;

/// The provider's metadata (`/.well-known/openid-configuration`), as Suomi.fi publishes it.
pub(super) async fn discovery(State(idp): State<Arc<Idp>>) -> Json<serde_json::Value> {
    let at = |path: &str| format!("{}{path}", idp.issuer);
    Json(serde_json::json!({
        "issuer": idp.issuer,
        "authorization_endpoint": at("/authorize"),
        "token_endpoint": at("/token"),
        "userinfo_endpoint": at("/userinfo"),
        "jwks_uri": at("/jwks"),
        "end_session_endpoint": at("/end-session"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": ["openid", "profile", "personal_identity_code"],
        "acr_values_supported": [Assurance::HIGH_ACR, Assurance::SUBSTANTIAL_ACR, Assurance::EIDAS_HIGH_ACR,
            Assurance::EIDAS_SUBSTANTIAL_ACR, Assurance::CUSTOMER_TEST_ACR],
        "request_parameter_supported": true,
        "request_object_signing_alg_values_supported": ["RS256"],
        "require_signed_request_object": idp.profile == SandboxIdpProfile::Ftn,
        "id_token_encryption_alg_values_supported": [ENCRYPTION_ALG],
        "id_token_encryption_enc_values_supported": [CONTENT_ENCRYPTION],
        "userinfo_signing_alg_values_supported": ["RS256"],
        "userinfo_encryption_alg_values_supported": [ENCRYPTION_ALG],
        "userinfo_encryption_enc_values_supported": [CONTENT_ENCRYPTION],
        "claims_supported": ["sub", "name", "urn:oid:1.2.246.21", "urn:oid:2.5.4.42", "urn:oid:2.5.4.4"],
        "ui_locales_supported": ["fi", "sv"],
    }))
}

/// The provider's public signing key, by which clients check ID tokens and userinfo.
pub(super) async fn jwks(State(idp): State<Arc<Idp>>) -> Json<CoreJsonWebKeySet> {
    Json(CoreJsonWebKeySet::new(vec![idp.signing_key.as_verification_key()]))
}
