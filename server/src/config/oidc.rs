//! The identity provider's settings (`KANTA_OIDC_*`): Suomi.fi identification's FTN profile
//! unless switched off per part, with production refusing what would weaken it.
use super::{ClaimNames, ClientAuth, ConfigError, OidcConfig, read::Settings};
use crate::keys::{self, KeyRing};
use app::domain::assurance::Assurance;
use std::sync::Arc;

/// Reads the provider's settings; without `KANTA_OIDC_ISSUER` the sandbox provider, which
/// `sandbox` must then be on for.
pub(super) fn read<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
    production: bool,
    sandbox: bool,
) -> Result<OidcConfig, ConfigError> {
    let issuer = env.get("KANTA_OIDC_ISSUER").map(|s| s.trim().trim_end_matches('/').to_string());
    if issuer.is_none() && !sandbox {
        return Err(ConfigError {
            variable: "KANTA_OIDC_ISSUER",
            value: String::new(),
            expected: "the identity provider's issuer URL (required when KANTA_SANDBOX is off)",
        });
    }
    let request_object = env.switch("KANTA_OIDC_REQUEST_OBJECT", true)?;
    let require_encryption = env.switch("KANTA_OIDC_REQUIRE_ENCRYPTION", production)?;
    if production && !require_encryption {
        return Err(ConfigError {
            variable: "KANTA_OIDC_REQUIRE_ENCRYPTION",
            value: "off".into(),
            expected: "on in production (Suomi.fi encrypts ID tokens and userinfo to us)",
        });
    }
    let test_environment = env.switch("KANTA_OIDC_TEST_ENVIRONMENT", false)?;
    if production && test_environment {
        return Err(ConfigError {
            variable: "KANTA_OIDC_TEST_ENVIRONMENT",
            value: "on".into(),
            expected: "off in production (the customer-test level of assurance is never accepted there)",
        });
    }
    let client_secret = env.get("KANTA_OIDC_CLIENT_SECRET");
    let keys =
        key_ring(env, production, issuer.is_none(), client_secret.is_some() && !request_object, require_encryption)?;
    let client_auth = match client_secret {
        Some(secret) => ClientAuth::ClientSecretBasic { secret },
        None => ClientAuth::PrivateKeyJwt,
    };
    let assurance = env.choice(
        "KANTA_OIDC_ASSURANCE",
        "substantial or high",
        "substantial",
        &[(&["substantial"], Assurance::Substantial), (&["high"], Assurance::High)],
    )?;
    let scopes = env
        .get("KANTA_OIDC_SCOPES")
        .unwrap_or_else(|| "openid profile personal_identity_code".into())
        .split_whitespace()
        .map(String::from)
        .collect();
    let defaults = ClaimNames::default();
    let claims = ClaimNames {
        hetu: env.get("KANTA_OIDC_CLAIM_HETU").unwrap_or(defaults.hetu),
        given_name: env.get("KANTA_OIDC_CLAIM_GIVEN_NAME").unwrap_or(defaults.given_name),
        first_names: env.get("KANTA_OIDC_CLAIM_FIRST_NAMES").unwrap_or(defaults.first_names),
        surname: env.get("KANTA_OIDC_CLAIM_SURNAME").unwrap_or(defaults.surname),
        display_name: env.get("KANTA_OIDC_CLAIM_DISPLAY_NAME").unwrap_or(defaults.display_name),
    };
    let client_id = env.get("KANTA_OIDC_CLIENT_ID").unwrap_or_else(|| "kanta-extranet".into());
    Ok(OidcConfig {
        issuer,
        client_id,
        client_auth,
        keys: Arc::new(keys),
        request_object,
        require_encryption,
        test_environment,
        assurance,
        scopes,
        claims,
    })
}

/// Our signing and encryption keys: the files given, else the sandbox's with the sandbox
/// provider. None are needed for signing with `client_secret_basic` and no request objects
/// (`secret_only`), none for encryption when it is not required. Production refuses the
/// sandbox's keys: they are public.
fn key_ring<G: Fn(&str) -> Option<String>>(
    env: &Settings<G>,
    production: bool,
    sandbox_provider: bool,
    secret_only: bool,
    require_encryption: bool,
) -> Result<KeyRing, ConfigError> {
    let signing = match env.pems("KANTA_OIDC_SIGNING_KEY_FILES")? {
        Some(keys) => keys,
        None if sandbox_provider => keys::sandbox::rp_signing(),
        None if secret_only => Vec::new(),
        None => {
            return Err(ConfigError {
                variable: "KANTA_OIDC_SIGNING_KEY_FILES",
                value: String::new(),
                expected: "our signing keys (PEM files, current first) for the configured issuer",
            });
        }
    };
    let encryption = match env.pems("KANTA_OIDC_ENCRYPTION_KEY_FILES")? {
        Some(keys) => keys,
        None if sandbox_provider => keys::sandbox::rp_encryption(),
        None if require_encryption => {
            return Err(ConfigError {
                variable: "KANTA_OIDC_ENCRYPTION_KEY_FILES",
                value: String::new(),
                expected: "our encryption keys (PEM files) when encryption is required",
            });
        }
        None => Vec::new(),
    };
    let ring = KeyRing::from_pems(&signing, &encryption).map_err(|error| ConfigError {
        variable: "KANTA_OIDC_ENCRYPTION_KEY_FILES",
        value: error.to_string(),
        expected: "keys other than the signing keys, each listed once",
    })?;
    if production {
        let sandbox = keys::sandbox::rp_signing().into_iter().chain(keys::sandbox::rp_encryption());
        let sandbox = KeyRing::from_pems(&sandbox.collect::<Vec<_>>(), &[]);
        let sandbox_kids: Vec<String> = sandbox.iter().flat_map(|ring| ring.kids().map(String::from)).collect();
        if let Some(kid) = ring.kids().find(|kid| sandbox_kids.iter().any(|s| s == kid)) {
            return Err(ConfigError {
                variable: "KANTA_OIDC_SIGNING_KEY_FILES",
                value: format!("the sandbox key {kid}"),
                expected: "keys of our own in production: the sandbox's are public",
            });
        }
    }
    Ok(ring)
}
