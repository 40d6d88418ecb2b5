//! The customer-relationship agreement: its text in the signer's language, composed from the
//! messages of the current version, and the signed agreement as a PDF.
use super::entities::{agreement_signature, organisation};
use crate::{
    domain::{acting::Basis, services::ServiceSet},
    error::AppError,
    i18n::{Args, Lang, lookup},
    terms::Document,
};
use sha2::{Digest, Sha256};

/// The version in force. A new text is a new version with its own messages; a signature keeps
/// the text it was made on. 2026-2 names the versions of the terms it cites (`crate::terms`).
pub const CURRENT_VERSION: &str = "2026-2";

/// The paragraphs of the current version, in order (`agreement-2026-2-*` in `agreement.ftl`).
const PARAGRAPHS: &[&str] = &[
    msg!("agreement-2026-2-scope"),
    msg!("agreement-2026-2-terms"),
    msg!("agreement-2026-2-service-description"),
    msg!("agreement-2026-2-data"),
    msg!("agreement-2026-2-fees"),
    msg!("agreement-2026-2-termination"),
];

/// The exact text a person is shown and signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementText {
    pub version: &'static str,
    pub lang: Lang,
    pub text: String,
    /// The documents the text makes the customer accept, at the versions it names.
    pub cited: Vec<(Document, &'static str)>,
}

impl AgreementText {
    pub fn current(lang: Lang, organisation: &str, ytunnus: &str, services: &ServiceSet) -> AgreementText {
        let mut args = Args::new();
        args.set("organisation", organisation.to_string());
        args.set("ytunnus", ytunnus.to_string());
        args.set("service", services.names(|id| lookup(lang, id, None)));
        args.set("count", services.as_slice().len() as i64);
        args.set("version", CURRENT_VERSION);
        let mut cited = vec![(Document::DeliveryTerms, Document::DeliveryTerms.current().id)];
        cited.extend(services.as_slice().iter().map(|s| {
            let document = Document::ServiceDescription(*s);
            (document, document.current().id)
        }));
        args.set("terms", cited[0].1);
        let descriptions: Vec<String> = cited[1..]
            .iter()
            .map(|(document, version)| {
                let Document::ServiceDescription(service) = document else { return String::new() };
                let mut named = Args::new();
                named.set("title", lookup(lang, service.message_id(), None));
                named.set("version", *version);
                lookup(lang, msg!("terms-version-title"), Some(&named))
            })
            .collect();
        args.set("descriptions", descriptions.join("; "));
        let mut parts = vec![
            lookup(lang, msg!("agreement-2026-2-title"), Some(&args)),
            lookup(lang, msg!("agreement-2026-2-parties"), Some(&args)),
        ];
        parts.extend(PARAGRAPHS.iter().map(|id| lookup(lang, id, Some(&args))));
        AgreementText { version: CURRENT_VERSION, lang, text: parts.join("\n\n"), cited }
    }

    /// SHA-256 of the text's UTF-8 bytes, in hexadecimal.
    pub fn hash(&self) -> String {
        text_hash(&self.text)
    }

    /// Whether `signed` is this very text: the current version, for these services and this
    /// organisation, in the language it was signed in. Changing the services means signing again.
    pub fn is_signed_by(
        signed: &agreement_signature::Model,
        organisation: &organisation::Model,
        services: &ServiceSet,
    ) -> bool {
        let lang = Lang::from_code(&signed.lang).unwrap_or_default();
        signed.agreement_version == CURRENT_VERSION
            && signed.text_hash
                == AgreementText::current(lang, &organisation.name, &organisation.ytunnus, services).hash()
    }
}

/// The cited documents as stored with a signature (`agreement_signature.cited_terms`): JSON,
/// `[["delivery", "2026-1"], ["patient-data", "2026-1"], …]`.
pub fn cited_terms_json(cited: &[(Document, &str)]) -> String {
    let pairs: Vec<(&str, &str)> = cited.iter().map(|(d, v)| (d.slug(), *v)).collect();
    serde_json::to_string(&pairs).unwrap_or_else(|_| "[]".into())
}

/// The documents a signature cites, read back; an unreadable or older (empty) record cites none.
pub fn cited_terms(json: &str) -> Vec<(Document, String)> {
    let pairs: Vec<(String, String)> = serde_json::from_str(json).unwrap_or_default();
    pairs.into_iter().filter_map(|(slug, version)| Some((Document::from_slug(&slug)?, version))).collect()
}

pub fn text_hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The signed agreement as a PDF/A-3a document (`super::document`): the text, then who signed,
/// for whom, on which basis, when, which version and the text's SHA-256; the exact signed text is
/// attached (`kanta-agreement-<application>.txt`), so anyone can recompute that hash.
pub fn pdf(signed: &agreement_signature::Model, organisation: &str, signed_at: &str) -> Result<Vec<u8>, AppError> {
    let lang = Lang::from_code(&signed.lang).unwrap_or_default();
    let basis = Basis::from_code(&signed.basis).map(|b| lookup(lang, b.message_id(), None)).unwrap_or_default();
    let mut args = Args::new();
    args.set("signer", signed.signer_name.clone());
    args.set("organisation", organisation.to_string());
    args.set("basis", basis);
    args.set("at", signed_at.to_string());
    args.set("version", signed.agreement_version.clone());
    args.set("hash", signed.text_hash.clone());
    let closing = lookup(lang, msg!("agreement-signed-block"), Some(&args));
    let file_name = format!("kanta-agreement-{}.txt", signed.application_id);
    super::document::signed_text(lang, &signed.text, &signed.text_hash, closing, file_name, signed.signed_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::services::KantaService;

    #[test]
    fn the_text_names_the_parties_in_both_languages() {
        for lang in [Lang::Fi, Lang::Sv] {
            let repository = ServiceSet::one(KantaService::PatientDataRepository);
            let t = AgreementText::current(lang, "Lähiklinikka Oy", "3141590-3", &repository);
            assert!(t.text.contains("Lähiklinikka Oy") && t.text.contains("3141590-3"), "{}", t.text);
            assert!(t.text.contains(&lookup(lang, KantaService::PatientDataRepository.message_id(), None)));
            assert_eq!(t.hash().len(), 64);
            let imaging = ServiceSet::one(KantaService::Imaging);
            assert_ne!(t.hash(), AgreementText::current(lang, "Toinen Oy", "3141590-3", &imaging).hash());
            // Several services: each named, and the sentence in the plural.
            let both = ServiceSet::choose(["patient-data", "imaging"], crate::domain::acting::OrganisationKind::Public)
                .unwrap();
            let t = AgreementText::current(lang, "Lähiklinikka Oy", "3141590-3", &both);
            let names = format!(
                "{}, {}",
                lookup(lang, both.as_slice()[0].message_id(), None),
                lookup(lang, both.as_slice()[1].message_id(), None)
            );
            assert!(t.text.contains(&names), "{}", t.text);
            assert!(
                t.text.contains(if lang == Lang::Fi { "koskee palveluja:" } else { "gäller tjänsterna:" }),
                "{}",
                t.text
            );
            let one = if lang == Lang::Fi { "koskee palvelua: " } else { "gäller tjänsten: " };
            let repository_text = AgreementText::current(lang, "Lähiklinikka Oy", "3141590-3", &repository).text;
            assert!(repository_text.contains(one), "one service reads as before: {repository_text}");
        }
    }
}
