//! The userinfo endpoint: the person's claims under Suomi.fi's names, for a live access token.
use super::{Fault, Idp, SIGNING_KID, TOKEN_LIFETIME};
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use josekit::{
    jws::{JwsHeader, RS256},
    jwt::{self, JwtPayload},
};
use std::sync::Arc;

/// The person's claims under Suomi.fi's names; a foreign eIDAS person has the eIDAS attributes
/// and no identity code. Under the FTN profile the answer is a signed JWT encrypted to the client.
pub(super) async fn userinfo(State(idp): State<Arc<Idp>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let found =
        idp.store().tokens.get(token).filter(|(.., at)| at.elapsed() < TOKEN_LIFETIME).map(|(s, f, _)| (s.clone(), *f));
    let Some((s, fault)) = found else {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")])
            .into_response();
    };
    let claims = match fault {
        Fault::Eidas => serde_json::json!({
            "sub": s.sub(),
            "name": s.name(),
            "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName": s.given_name,
            "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName": s.surname,
            "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier": format!("SE/FI/{}", s.sub()),
            "http://eidas.europa.eu/attributes/naturalperson/DateOfBirth": "1975-03-12",
        }),
        _ => serde_json::json!({
            "sub": s.sub(),
            "name": s.name(),
            "urn:oid:1.2.246.21": s.hetu,
            "urn:oid:2.5.4.42": s.given_name,
            "urn:oid:2.5.4.4": s.surname,
        }),
    };
    if !idp.encrypts(fault) || fault == Fault::PlainUserinfo {
        return Json(claims).into_response();
    }
    let mut claims = claims.as_object().cloned().unwrap_or_default();
    claims.insert("iss".into(), idp.issuer.clone().into());
    claims.insert("aud".into(), idp.client_id.clone().into());
    let mut header = JwsHeader::new();
    header.set_key_id(SIGNING_KID);
    let signed = RS256.signer_from_pem(crate::keys::sandbox::IDP_SIGNING_KEY_PEM).ok().and_then(|signer| {
        let payload = JwtPayload::from_map(claims).ok()?;
        jwt::encode_with_signer(&payload, &header, &signer).ok()
    });
    match signed {
        Some(jws) if fault == Fault::SignedUserinfo => {
            ([(header::CONTENT_TYPE, "application/jwt")], jws).into_response()
        }
        Some(jws) => match idp.encrypt_to_client(&jws, Fault::None).await {
            Some(jwe) => ([(header::CONTENT_TYPE, "application/jwt")], jwe).into_response(),
            None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
