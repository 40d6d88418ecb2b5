//! The token endpoint: the client authenticated (`private_key_jwt` or `client_secret_basic`), the
//! code redeemed once under PKCE, and an ID token issued, signed and (FTN) encrypted to the client.
use super::{CLIENT_SECRET, CODE_LIFETIME, Fault, Grant, Idp, TOKEN_LIFETIME};
use axum::{
    Form, Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use base64::{
    Engine,
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD},
};
use openidconnect::{
    AccessToken, Audience, AuthenticationContextClass, EmptyAdditionalClaims, IssuerUrl, Nonce, StandardClaims,
    SubjectIdentifier,
    core::{CoreIdToken, CoreIdTokenClaims, CoreJwsSigningAlgorithm},
};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::{sync::Arc, time::Instant};

/// The token request's form fields (RFC 6749 §4.1.3, with RFC 7523 client assertions).
#[derive(Deserialize)]
pub(super) struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str) -> Response {
    (status, Json(serde_json::json!({ "error": error }))).into_response()
}

/// Exchanges a code for an access token and an ID token; errors are OAuth's JSON `{"error": …}`.
pub(super) async fn token(State(idp): State<Arc<Idp>>, headers: HeaderMap, Form(form): Form<TokenRequest>) -> Response {
    let Some(client_id) = authenticate_client(&idp, &headers, &form).await else {
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let code = form.code.clone().unwrap_or_default();
    let Some(grant) = redeem(&idp, &code) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    if !grant_fits(&grant, &client_id, &form) {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let access_token = crate::sandbox::random_token();
    let Some(id_token) = signed_id_token(&idp, &grant, client_id, &access_token).await else {
        return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error");
    };
    {
        let mut store = idp.store();
        store.tokens.retain(|_, (.., at)| at.elapsed() < TOKEN_LIFETIME);
        store.tokens.insert(access_token.clone(), (grant.subject, grant.fault, Instant::now()));
        store.redeemed.insert(code, access_token.clone());
    }
    Json(serde_json::json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME.as_secs(),
        "id_token": id_token,
    }))
    .into_response()
}

/// Whether a redeemed grant may be exchanged by this request: the code unexpired, issued to this
/// client for this redirect URI, and the PKCE verifier hashing (S256) to the code's challenge.
fn grant_fits(grant: &Grant, client_id: &str, form: &TokenRequest) -> bool {
    let verifier_ok = form
        .code_verifier
        .as_deref()
        .is_some_and(|v| URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) == grant.code_challenge);
    grant.issued.elapsed() <= CODE_LIFETIME
        && grant.client_id == client_id
        && form.redirect_uri.as_deref() == Some(grant.redirect_uri.as_str())
        && verifier_ok
}

/// The grant's ID token for `client_id`, bound to `access_token` (`at_hash`): signed, and under
/// the FTN profile encrypted to the client. `None` when signing or encrypting fails.
async fn signed_id_token(idp: &Idp, grant: &Grant, client_id: String, access_token: &str) -> Option<String> {
    let signed = CoreIdToken::new(
        id_token_claims(idp, grant, client_id),
        &idp.signing_key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&AccessToken::new(access_token.to_string())),
        None,
    );
    match signed {
        Ok(token) if idp.encrypts(grant.fault) => {
            let mut jws = token.to_string();
            if grant.fault == Fault::TamperedSignature {
                // One bit of the signature flipped: the encryption around it is still sound.
                let (input, signature) = jws.rsplit_once('.').unwrap_or_default();
                let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap_or_default();
                if let Some(first) = bytes.first_mut() {
                    *first ^= 1;
                }
                jws = format!("{input}.{}", URL_SAFE_NO_PAD.encode(bytes));
            }
            idp.encrypt_to_client(&jws, grant.fault).await
        }
        Ok(token) => Some(token.to_string()),
        Err(e) => {
            tracing::error!(error = %e, "sandbox IdP cannot sign an ID token");
            None
        }
    }
}

/// The ID token's claims, issued now; the grant's fault may date them expired or swap the nonce.
fn id_token_claims(idp: &Idp, grant: &Grant, client_id: String) -> CoreIdTokenClaims {
    let now = chrono::Utc::now();
    let expires = match grant.fault {
        Fault::Expired => now - chrono::Duration::minutes(5),
        _ => now + chrono::Duration::seconds(TOKEN_LIFETIME.as_secs() as i64),
    };
    let nonce = match grant.fault {
        Fault::WrongNonce => Some(crate::sandbox::random_token()),
        _ => grant.nonce.clone(),
    };
    CoreIdTokenClaims::new(
        IssuerUrl::new(idp.issuer.clone()).expect("sandbox issuer is a URL"),
        vec![Audience::new(client_id)],
        expires,
        now - chrono::Duration::minutes(if grant.fault == Fault::Expired { 15 } else { 0 }),
        StandardClaims::new(SubjectIdentifier::new(grant.subject.sub())),
        EmptyAdditionalClaims {},
    )
    .set_nonce(nonce.map(Nonce::new))
    .set_auth_time(Some(now))
    .set_auth_context_ref(Some(AuthenticationContextClass::new(grant.acr.clone())))
}

/// Takes the grant a code stands for; a code used twice revokes what it gave the first time
/// (RFC 6749 §4.1.2).
fn redeem(idp: &Idp, code: &str) -> Option<Grant> {
    let mut store = idp.store();
    let grant = store.codes.remove(code);
    if grant.is_none()
        && let Some(access_token) = store.redeemed.remove(code)
    {
        store.tokens.remove(&access_token);
        tracing::warn!("sandbox IdP: authorization code replayed; its access token is revoked");
    }
    grant
}

/// The client's id if it proved itself: a valid, fresh, unused `private_key_jwt` assertion signed
/// with a key the client publishes, or HTTP Basic with the registered secret.
async fn authenticate_client(idp: &Idp, headers: &HeaderMap, form: &TokenRequest) -> Option<String> {
    if let Some(assertion) = &form.client_assertion {
        if form.client_assertion_type.as_deref() != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
            return None;
        }
        let claims = idp.client_signed(assertion).await?;
        let token_url = format!("{}/token", idp.issuer);
        let audience_ok = claims.audience().is_some_and(|aud| aud.contains(&token_url.as_str()));
        let fresh = claims.expires_at().is_some_and(|exp| exp > std::time::SystemTime::now());
        let id = claims.issuer()?;
        if id != idp.client_id || claims.subject() != Some(id) || !audience_ok || !fresh {
            return None;
        }
        if form.client_id.as_deref().is_some_and(|c| c != id) {
            return None;
        }
        let jti = claims.jwt_id()?.to_string();
        return idp.store().assertion_ids.insert(jti).then(|| id.to_string());
    }
    let basic = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let id = url::form_urlencoded::parse(format!("x={id}").as_bytes()).next()?.1.into_owned();
    (id == idp.client_id && secret == CLIENT_SECRET).then_some(id)
}
