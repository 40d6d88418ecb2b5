//! A login's return: the code exchanged, the ID token checked, the person read from userinfo.
use super::{
    AnyClaims, Client, Identity, LoginFailure, RelyingParty,
    person::read_person,
    transport::{Answer, Transport},
};
use crate::config::ClientAuth;
use app::domain::assurance::NotAdmitted;
use openidconnect::{
    AccessToken, AccessTokenHash, AuthorizationCode, Nonce, OAuth2TokenResponse, PkceCodeVerifier,
    ProviderMetadataWithLogout, RequestTokenError, SubjectIdentifier, TokenResponse, UserInfoClaims, UserInfoError,
    UserInfoResponseType,
    core::{CoreGenderClaim, CoreIdToken, CoreIdTokenClaims, CoreJwsSigningAlgorithm, CoreTokenResponse},
};

/// The `kid`s of the provider's published keys.
fn key_ids(metadata: &ProviderMetadataWithLogout) -> Vec<String> {
    use openidconnect::JsonWebKey;
    metadata.jwks().keys().iter().filter_map(|k| k.key_id().map(|id| id.to_string())).collect()
}

/// The `kid` in a compact JWS's header, if it names one.
fn signing_key_id(jws: &str) -> Option<String> {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let header = URL_SAFE_NO_PAD.decode(jws.split('.').next()?).ok()?;
    let header: serde_json::Value = serde_json::from_slice(&header).ok()?;
    header.get("kid")?.as_str().map(String::from)
}

impl RelyingParty {
    /// Exchanges the code, validates the ID token and reads the person from the userinfo endpoint.
    pub async fn finish(&self, code: String, nonce: &str, pkce_verifier: String) -> Result<Identity, LoginFailure> {
        let metadata = self.metadata().await?;
        let token_url = metadata.token_endpoint().map(|u| u.to_string()).ok_or_else(|| {
            tracing::error!("provider has no token endpoint");
            LoginFailure::Unavailable
        })?;
        let known_keys = key_ids(&metadata);
        let client = self.client(metadata);
        let response = self.exchange_code(&client, &token_url, code, pkce_verifier).await?;

        let id_token: &CoreIdToken = response.id_token().ok_or_else(|| {
            tracing::warn!("token response without an ID token");
            LoginFailure::Token
        })?;
        let client = self.client_knowing_key(client, id_token, &known_keys).await?;
        let claims = self.verified_claims(&client, id_token, response.access_token(), nonce).await?;
        let acr = claims.auth_context_ref().map(|a| a.to_string());
        self.admit(acr.as_deref())?;
        let subject = claims.subject().clone();

        let userinfo = self.userinfo(&client, response.access_token(), subject).await?;
        let person = read_person(&userinfo.additional_claims().map, &self.config.claims)?;
        Ok(Identity {
            hetu: person.hetu,
            given_name: person.given_name,
            surname: person.surname,
            display_name: person.display_name,
            acr: acr.unwrap_or_default(),
            id_token: id_token.to_string(),
        })
    }

    /// The token endpoint's answer to the code with its PKCE verifier, our client authenticated
    /// by a signed assertion under `private_key_jwt`; its ID token opened if encrypted.
    async fn exchange_code(
        &self,
        client: &Client,
        token_url: &str,
        code: String,
        pkce_verifier: String,
    ) -> Result<CoreTokenResponse, LoginFailure> {
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| {
                tracing::error!(error = %e, "code exchange not possible");
                LoginFailure::Unavailable
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier));
        if let ClientAuth::PrivateKeyJwt = self.config.client_auth {
            exchange = exchange
                .add_extra_param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add_extra_param("client_assertion", self.client_assertion(token_url)?);
        }
        let http = self.opening(Answer::Token);
        exchange.request_async(&http).await.map_err(|e| match e {
            RequestTokenError::Request(Transport::Open(error)) => {
                tracing::warn!(%error, "ID token refused");
                LoginFailure::Token
            }
            other => {
                tracing::warn!(error = %other, "token request refused");
                LoginFailure::Provider
            }
        })
    }

    /// `client`, or one with the provider's keys read afresh when the ID token names a key not
    /// among `known_keys`.
    async fn client_knowing_key(
        &self,
        client: Client,
        id_token: &CoreIdToken,
        known_keys: &[String],
    ) -> Result<Client, LoginFailure> {
        // A key this instance has not seen (the provider rotated, and our copy of its keys is
        // older than another instance's): fetch them afresh before checking, not after failing.
        if let Some(kid) = signing_key_id(&id_token.to_string())
            && !known_keys.contains(&kid)
        {
            tracing::info!(kid, "ID token signed with a key we have not seen; fetching the provider's keys");
            self.forget_metadata().await;
            return Ok(self.client(self.metadata().await?));
        }
        Ok(client)
    }

    /// The ID token's claims once openidconnect has checked them (signature, iss, aud, exp,
    /// nonce), and its `at_hash`, when present, against `access_token`. Any refusal is
    /// [`LoginFailure::Token`].
    async fn verified_claims<'t>(
        &self,
        client: &Client,
        id_token: &'t CoreIdToken,
        access_token: &AccessToken,
        nonce: &str,
    ) -> Result<&'t CoreIdTokenClaims, LoginFailure> {
        // Suomi.fi signs with RS256; the provider's discovery does not widen that.
        let verifier = client.id_token_verifier().set_allowed_algs([CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256]);
        let claims = match id_token.claims(&verifier, &Nonce::new(nonce.to_string())) {
            Ok(claims) => claims,
            Err(e) => {
                tracing::warn!(error = %e, "ID token refused");
                if matches!(e, openidconnect::ClaimsVerificationError::SignatureVerification(_)) {
                    // A key replaced under the same `kid`: fetch the keys afresh next time.
                    self.forget_metadata().await;
                }
                return Err(LoginFailure::Token);
            }
        };
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token.signing_alg().map_err(|_| LoginFailure::Token)?;
            let key = id_token.signing_key(&verifier).map_err(|_| LoginFailure::Token)?;
            let actual = AccessTokenHash::from_token(access_token, alg, key).map_err(|_| LoginFailure::Token)?;
            if actual != *expected {
                tracing::warn!("ID token's at_hash does not match the access token");
                return Err(LoginFailure::Token);
            }
        }
        Ok(claims)
    }

    /// Whether the level of assurance `acr` is accepted: eIDAS identification is
    /// [`LoginFailure::Foreign`] (no Finnish identity code), too low a level
    /// [`LoginFailure::Assurance`].
    fn admit(&self, acr: Option<&str>) -> Result<(), LoginFailure> {
        self.config.assurance.admits(acr, self.config.test_environment).map_err(|refusal| {
            let acr = acr.unwrap_or("-");
            match refusal {
                NotAdmitted::Foreign => {
                    tracing::warn!(acr, "identified through eIDAS: no Finnish identity code");
                    LoginFailure::Foreign
                }
                NotAdmitted::TooLow => {
                    tracing::warn!(acr, required = ?self.config.assurance, test_environment = self.config.test_environment, "level of assurance not accepted");
                    LoginFailure::Assurance
                }
            }
        })
    }

    /// The userinfo endpoint's claims about `subject`, asked as a JWT when encryption is
    /// required and opened if encrypted.
    async fn userinfo(
        &self,
        client: &Client,
        access_token: &AccessToken,
        subject: SubjectIdentifier,
    ) -> Result<UserInfoClaims<AnyClaims, CoreGenderClaim>, LoginFailure> {
        let http = self.opening(Answer::UserInfo);
        client
            .user_info(access_token.clone(), Some(subject))
            .map_err(|e| {
                tracing::error!(error = %e, "provider has no userinfo endpoint");
                LoginFailure::Unavailable
            })?
            .set_response_type(if self.config.require_encryption {
                UserInfoResponseType::Jwt
            } else {
                UserInfoResponseType::Json
            })
            .request_async(&http)
            .await
            .map_err(|e| match e {
                UserInfoError::Request(Transport::Open(error)) => {
                    tracing::warn!(%error, "userinfo refused");
                    LoginFailure::Token
                }
                UserInfoError::ClaimsVerification(error) => {
                    tracing::warn!(%error, "userinfo refused");
                    LoginFailure::Token
                }
                other => {
                    tracing::warn!(error = %other, "userinfo request failed");
                    LoginFailure::Provider
                }
            })
    }
}
