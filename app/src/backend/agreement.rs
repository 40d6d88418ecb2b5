//! The customer-relationship agreement: its text in the signer's language, composed from the
//! messages of the current version, and the signed agreement as a PDF.
use super::{
    entities::{agreement_signature, organisation},
    hex,
};
use crate::{
    domain::{acting::Basis, services::ServiceSet},
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
    hex(&Sha256::digest(text.as_bytes()))
}

/// The signed agreement as a PDF: the text, then who signed, for whom, on which basis, when,
/// which version, and the text's hash (which anyone can recompute from the text above it).
pub fn pdf(signed: &agreement_signature::Model, organisation: &str, signed_at: &str) -> Vec<u8> {
    let lang = Lang::from_code(&signed.lang).unwrap_or_default();
    let basis = Basis::from_code(&signed.basis).map(|b| lookup(lang, b.message_id(), None)).unwrap_or_default();
    let mut args = Args::new();
    args.set("signer", signed.signer_name.clone());
    args.set("organisation", organisation.to_string());
    args.set("basis", basis);
    args.set("at", signed_at.to_string());
    args.set("version", signed.agreement_version.clone());
    args.set("hash", signed.text_hash.clone());
    let mut text = signed.text.clone();
    text.push_str("\n\n");
    text.push_str(&lookup(lang, msg!("agreement-signed-block"), Some(&args)));
    pdf_of_text(&text)
}

/// A plain A4 PDF of the text in Helvetica (WinAnsi covers Finnish and Swedish letters),
/// wrapped to the page and continued on new pages.
fn pdf_of_text(text: &str) -> Vec<u8> {
    const PER_LINE: usize = 90;
    const PER_PAGE: usize = 54;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > PER_LINE {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    let pages: Vec<&[String]> = lines.chunks(PER_PAGE).collect();
    // Objects: 1 catalog, 2 pages, 3 font, then a page and its content per page.
    let dict = |entries: &str| format!("<< {entries} >>\n").into_bytes();
    let mut objects: Vec<Vec<u8>> = vec![
        dict("/Type /Catalog /Pages 2 0 R"),
        Vec::new(),
        dict("/Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"),
    ];
    let mut kids = Vec::new();
    for page in &pages {
        let mut content = b"BT /F1 10 Tf 14 TL 56 790 Td\n".to_vec();
        for line in page.iter() {
            content.push(b'(');
            content.extend(win_ansi(line));
            content.extend(b") '\n");
        }
        content.extend(b"ET");
        let page_id = objects.len() + 1;
        kids.push(format!("{page_id} 0 R"));
        objects.push(dict(&format!(
            "/Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R",
            page_id + 1
        )));
        let mut stream = dict(&format!("/Length {}", content.len()));
        stream.extend(b"stream\n");
        stream.extend(content);
        stream.extend(b"\nendstream");
        objects.push(stream);
    }
    objects[1] = dict(&format!("/Type /Pages /Kids [{}] /Count {}", kids.join(" "), pages.len()));
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).into_bytes(),
    );
    out
}

/// A PDF string's bytes in WinAnsi (Latin-1 for the letters we use), escaped.
fn win_ansi(line: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    for c in line.chars() {
        let b = match c {
            '€' => 0x80,
            '–' => 0x96,
            '—' => 0x97,
            '‘' | '’' => b'\'',
            '“' | '”' => b'"',
            c if (c as u32) < 0x100 => c as u32 as u8,
            _ => b'?',
        };
        if matches!(b, b'(' | b')' | b'\\') {
            bytes.push(b'\\');
        }
        bytes.push(b);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::services::KantaService;

    #[test]
    fn the_pdf_holds_the_text_and_its_xref_points_at_objects() {
        let long = "Sopimus (versio 2026-1) koskee Lähiklinikka Oy:tä ja Kanta-palveluja. ".repeat(200);
        let pdf = pdf_of_text(&long);
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/Count 3"), "the text runs over three pages");
        assert!(pdf.windows(4).any(|w| w == b"L\xe4hi"), "ä in WinAnsi");
        assert!(text.contains("\\(versio 2026-1\\)"), "parentheses escaped");
        // Offsets count bytes.
        let xref: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(pdf[xref..].starts_with(b"xref"));
        let table = std::str::from_utf8(&pdf[xref..]).unwrap();
        let first: usize = table.lines().nth(3).unwrap()[..10].parse().unwrap();
        assert!(pdf[first..].starts_with(b"1 0 obj"));
    }

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
