use super::*;
use std::collections::HashMap;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(|k| vars.get(k).cloned())
}

#[test]
fn defaults_serve_sqlite_on_loopback() {
    let c = config(&[]).unwrap();
    assert_eq!(c.listen.to_string(), "127.0.0.1:3000");
    assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
    assert_eq!(c.environment, Environment::Development);
    assert_eq!(c.sqlite_dir().unwrap(), std::path::PathBuf::from("data"));
}

#[test]
fn leptos_site_addr_is_the_fallback_listen_address() {
    assert_eq!(config(&[("LEPTOS_SITE_ADDR", "127.0.0.1:4000")]).unwrap().listen.port(), 4000);
    assert_eq!(
        config(&[("LEPTOS_SITE_ADDR", "127.0.0.1:4000"), ("KANTA_LISTEN", "0.0.0.0:5000")]).unwrap().listen.port(),
        5000
    );
}

#[test]
fn bad_values_name_the_variable_and_what_is_expected() {
    let e = config(&[("KANTA_LISTEN", "localhost")]).unwrap_err();
    assert_eq!(e.variable, "KANTA_LISTEN");
    assert!(e.to_string().contains("127.0.0.1:3000"), "{e}");
    assert_eq!(config(&[("KANTA_DATABASE_URL", "mysql://x")]).unwrap_err().variable, "KANTA_DATABASE_URL");
    assert_eq!(config(&[("KANTA_ENV", "staging")]).unwrap_err().variable, "KANTA_ENV");
    assert_eq!(config(&[("KANTA_LOG_FORMAT", "xml")]).unwrap_err().variable, "KANTA_LOG_FORMAT");
    assert_eq!(config(&[("KANTA_OIDC_ASSURANCE", "low")]).unwrap_err().variable, "KANTA_OIDC_ASSURANCE");
    assert_eq!(config(&[("KANTA_SESSION_IDLE_MINUTES", "0")]).unwrap_err().variable, "KANTA_SESSION_IDLE_MINUTES");
    assert_eq!(config(&[("KANTA_ACTING_RECHECK_SECONDS", "-1")]).unwrap_err().variable, "KANTA_ACTING_RECHECK_SECONDS");
    assert_eq!(config(&[("KANTA_CODE_SERVICE_URL", "thl")]).unwrap_err().variable, "KANTA_CODE_SERVICE_URL");
    assert_eq!(
        config(&[("KANTA_OIDC_SIGNING_KEY_FILES", "/nonexistent")]).unwrap_err().variable,
        "KANTA_OIDC_SIGNING_KEY_FILES"
    );
    assert_eq!(config(&[("KANTA_OIDC_REQUEST_OBJECT", "maybe")]).unwrap_err().variable, "KANTA_OIDC_REQUEST_OBJECT");
    assert_eq!(config(&[("KANTA_SANDBOX_IDP", "saml")]).unwrap_err().variable, "KANTA_SANDBOX_IDP");
}

#[test]
fn development_uses_the_sandbox_provider_and_staff() {
    let c = config(&[]).unwrap();
    assert!(c.sandbox && c.oidc.issuer.is_none());
    assert!(matches!(c.oidc.client_auth, ClientAuth::PrivateKeyJwt));
    assert!(c.oidc.request_object && !c.oidc.require_encryption && !c.oidc.test_environment);
    assert!(c.oidc.keys.has_encryption_keys(), "the sandbox's keys");
    assert_eq!(c.sandbox_idp, SandboxIdpProfile::Ftn);
    assert_eq!(c.oidc.assurance, Assurance::Substantial);
    assert_eq!(c.oidc.claims.hetu, "urn:oid:1.2.246.21");
    assert_eq!(config(&[("KANTA_MAIL_RETRY_HOURS", "99999999999")]).unwrap_err().variable, "KANTA_MAIL_RETRY_HOURS");
    let bad_staff = [("KANTA_STAFF", "170688-990X")];
    assert_eq!(config(&bad_staff).unwrap_err().variable, "KANTA_STAFF");
    assert_eq!(config(&[]).unwrap().staff.len(), 1, "the sandbox's staff member");
}

/// Keys of our own, as production needs: PEM files in a directory of the test's own (tests run
/// in parallel, and each removes its directory), two signing keys and one encryption key.
struct OwnKeys {
    dir: std::path::PathBuf,
    /// The signing keys' paths, comma-separated.
    signing: String,
    encryption: String,
}

fn own_keys(test: &str) -> OwnKeys {
    let dir = std::env::temp_dir().join(format!("kanta-config-keys-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = |name: &str| {
        use josekit::jwk::KeyPair;
        let pem = josekit::jwk::alg::rsa::RsaKeyPair::generate(2048).unwrap().to_pem_private_key();
        let path = dir.join(name);
        std::fs::write(&path, pem).unwrap();
        path.display().to_string()
    };
    let signing = format!("{}, {}", key("signing-1.pem"), key("signing-2.pem"));
    let encryption = key("encryption-1.pem");
    OwnKeys { dir, signing, encryption }
}

/// Production's provider settings with `keys`: all it needs of the provider.
fn production_oidc(keys: &OwnKeys) -> [(&str, &str); 4] {
    [
        ("KANTA_ENV", "production"),
        ("KANTA_OIDC_ISSUER", "https://idp.example/"),
        ("KANTA_OIDC_SIGNING_KEY_FILES", keys.signing.as_str()),
        ("KANTA_OIDC_ENCRYPTION_KEY_FILES", keys.encryption.as_str()),
    ]
}

#[test]
fn production_needs_its_own_provider_and_keys() {
    let e = config(&[("KANTA_ENV", "production")]).unwrap_err();
    assert_eq!(e.variable, "KANTA_OIDC_ISSUER");
    let e = config(&[("KANTA_ENV", "production"), ("KANTA_PUBLIC_URL", "http://extranet.example")]).unwrap_err();
    assert_eq!(e.variable, "KANTA_PUBLIC_URL", "production is served over https");
    let e = config(&[("KANTA_ENV", "production"), ("KANTA_OIDC_ISSUER", "https://idp.example")]).unwrap_err();
    assert_eq!(e.variable, "KANTA_OIDC_SIGNING_KEY_FILES");
    // Keys of our own: production refuses the sandbox's, which are public.
    let keys = own_keys("provider");
    let signing = keys.signing.as_str();
    let e = config(&[
        ("KANTA_ENV", "production"),
        ("KANTA_OIDC_ISSUER", "https://idp.example"),
        ("KANTA_OIDC_SIGNING_KEY_FILES", signing),
    ])
    .unwrap_err();
    assert_eq!(e.variable, "KANTA_OIDC_ENCRYPTION_KEY_FILES", "encryption is required in production");
    let oidc = production_oidc(&keys);
    assert_eq!(config(&oidc).unwrap_err().variable, "KANTA_PSEUDONYM_KEY");
    let sandbox_key = concat!(env!("CARGO_MANIFEST_DIR"), "/src/sandbox/keys/rp-encryption-1.pem");
    let with_sandbox_key = [&oidc[..3], &[("KANTA_OIDC_ENCRYPTION_KEY_FILES", sandbox_key)]].concat();
    assert_eq!(config(&with_sandbox_key).unwrap_err().variable, "KANTA_OIDC_SIGNING_KEY_FILES", "sandbox key");
    let repeated = [&oidc[..3], &[("KANTA_OIDC_ENCRYPTION_KEY_FILES", signing)]].concat();
    assert_eq!(config(&repeated).unwrap_err().variable, "KANTA_OIDC_ENCRYPTION_KEY_FILES", "a key used twice");
    for refused in
        [("KANTA_OIDC_REQUIRE_ENCRYPTION", "off"), ("KANTA_OIDC_TEST_ENVIRONMENT", "on"), ("KANTA_SANDBOX", "on")]
    {
        assert_eq!(config(&[&oidc[..], &[refused]].concat()).unwrap_err().variable, refused.0, "in production");
    }
    let _ = std::fs::remove_dir_all(&keys.dir);
}

#[test]
fn production_needs_real_registers_mail_and_staff() {
    let keys = own_keys("services");
    let production =
        [&production_oidc(&keys)[..], &[("KANTA_PSEUDONYM_KEY", "0123456789abcdef0123456789abcdef")]].concat();
    assert_eq!(config(&production).unwrap_err().variable, "KANTA_MANDATES_URL");
    let with_registers = [
        ("KANTA_MANDATES_URL", "https://valtuudet.example"),
        ("KANTA_TRADE_REGISTER_URL", "https://ytj.example"),
        ("KANTA_PROFESSIONAL_REGISTER_URL", "https://terhikki.example"),
        ("KANTA_CODE_SERVICE_URL", "https://koodistopalvelu.example"),
    ];
    let e = config(&[&production[..], &with_registers[..]].concat()).unwrap_err();
    assert_eq!(e.variable, "KANTA_PHARMACY_REGISTER_URL");
    let with_registers = [&with_registers[..], &[("KANTA_PHARMACY_REGISTER_URL", "https://fimea.example")]].concat();
    let e = config(&[&production[..], &with_registers[..]].concat()).unwrap_err();
    assert_eq!(e.variable, "KANTA_MANDATES_CLIENT_SECRET", "no sandbox secret for a real service");
    let secrets = [("KANTA_MANDATES_CLIENT_SECRET", "c"), ("KANTA_MANDATES_OAUTH_SECRET", "o")];
    let e = config(&[&production[..], &with_registers[..], &secrets[..]].concat()).unwrap_err();
    assert_eq!(e.variable, "KANTA_SMTP_URL", "mail needs a real relay");
    let mail =
        [("KANTA_SMTP_URL", "smtp://relay.example:587?tls=required"), ("KANTA_STAFF", "170688-990E, 120375-901K")];
    let c = config(&[&production[..], &with_registers[..], &secrets[..], &mail[..]].concat()).unwrap();
    assert_eq!(c.staff.len(), 2);
    assert_eq!(c.registries.code_service.as_deref(), Some("https://koodistopalvelu.example"));
    assert_eq!(c.registries.pharmacy_register.as_deref(), Some("https://fimea.example"));
    assert!(!c.sandbox);
    assert_eq!(c.oidc.issuer.as_deref(), Some("https://idp.example"));
    assert!(c.oidc.require_encryption);
    assert_eq!(c.oidc.keys.jwks()["keys"].as_array().unwrap().len(), 3);
    let _ = std::fs::remove_dir_all(&keys.dir);
}

#[test]
fn postgres_urls_have_no_sqlite_dir() {
    let c = config(&[("KANTA_DATABASE_URL", "postgres://kanta@127.0.0.1:5432/kanta")]).unwrap();
    assert_eq!(c.sqlite_dir(), None);
}
