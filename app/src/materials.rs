//! The materials library: the guides and other instructions, each marked with the Kanta services
//! and the kinds of organisation it is for, so users can filter and search them.
use crate::{domain::services::KantaService, wizard::guides};

coded_enum! {
    /// Who a material is for.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Audience {
        Public = ("public", msg!("audience-public")),
        Private = ("private", msg!("audience-private")),
        Pharmacy = ("pharmacy", msg!("audience-pharmacy")),
        SelfEmployed = ("self-employed", msg!("audience-self-employed")),
    }
}

/// Where a material is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// An interactive guide in this product, at this path.
    Guide(&'static str),
    /// Instructions on another authority's site: the message id of its address (each language
    /// has its own page).
    Elsewhere(&'static str),
}

pub struct Material {
    pub id: &'static str,
    pub place: Place,
    /// Message ids.
    pub title: &'static str,
    pub description: &'static str,
    pub services: &'static [KantaService],
    pub audiences: &'static [Audience],
}

const ALL_SERVICES: &[KantaService] = &KantaService::ALL;
const EVERYONE: &[Audience] = &Audience::ALL;
const ORGANISATIONS: &[Audience] = &[Audience::Public, Audience::Private];
use KantaService::*;

pub const MATERIALS: &[Material] = &[
    Material {
        id: "before-you-start",
        place: Place::Guide("/guides/before-you-start"),
        title: guides::BEFORE_YOU_START.wizard.title,
        description: msg!("material-before-you-start"),
        services: ALL_SERVICES,
        audiences: EVERYONE,
    },
    Material {
        id: "taking-a-service-into-use",
        place: Place::Guide("/guides/taking-a-service-into-use"),
        title: guides::TAKING_INTO_USE.wizard.title,
        description: msg!("material-taking-into-use"),
        services: ALL_SERVICES,
        audiences: EVERYONE,
    },
    Material {
        id: "updating-data",
        place: Place::Guide("/guides/updating-data"),
        title: guides::UPDATING_DATA.wizard.title,
        description: msg!("material-updating-data"),
        services: ALL_SERVICES,
        audiences: EVERYONE,
    },
    Material {
        id: "giving-a-mandate",
        place: Place::Guide("/guides/giving-a-mandate"),
        title: guides::GIVING_A_MANDATE.wizard.title,
        description: msg!("material-giving-a-mandate"),
        services: ALL_SERVICES,
        audiences: ORGANISATIONS,
    },
    Material {
        id: "code-service",
        place: Place::Elsewhere(msg!("code-service-url")),
        title: msg!("material-code-service-title"),
        description: msg!("material-code-service"),
        services: &[EPrescription, EPrescriptionPharmacy, PatientDataRepository, Imaging, ClientDataArchive],
        audiences: EVERYONE,
    },
    Material {
        id: "certificates",
        place: Place::Elsewhere(msg!("material-certificates-url")),
        title: msg!("material-certificates-title"),
        description: msg!("material-certificates"),
        services: &[EPrescription, EPrescriptionPharmacy, PatientDataRepository, Imaging, ClientDataArchive],
        audiences: EVERYONE,
    },
    Material {
        id: "pharmacies",
        place: Place::Elsewhere(msg!("material-kanta-professionals-url")),
        title: msg!("material-pharmacies-title"),
        description: msg!("material-pharmacies"),
        services: &[EPrescriptionPharmacy],
        audiences: &[Audience::Pharmacy],
    },
    Material {
        id: "social-welfare",
        place: Place::Elsewhere(msg!("material-kanta-professionals-url")),
        title: msg!("material-social-welfare-title"),
        description: msg!("material-social-welfare"),
        services: &[ClientDataArchive],
        audiences: &[Audience::Public, Audience::Private, Audience::SelfEmployed],
    },
    Material {
        id: "test-environment",
        place: Place::Elsewhere(msg!("material-kanta-professionals-url")),
        title: msg!("material-test-environment-title"),
        description: msg!("material-test-environment"),
        services: &[TestEnvironment],
        audiences: ORGANISATIONS,
    },
];

/// What the user asked for: a service, an audience, words to find.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub service: Option<KantaService>,
    pub audience: Option<Audience>,
    pub words: String,
}

impl Filter {
    /// Whether `material`, whose title and description read `text` in the page language, matches:
    /// every word appears (any case, any order).
    pub fn matches(&self, material: &Material, text: &str) -> bool {
        let text = text.to_lowercase();
        self.service.is_none_or(|s| material.services.contains(&s))
            && self.audience.is_none_or(|a| material.audiences.contains(&a))
            && self.words.to_lowercase().split_whitespace().all(|w| text.contains(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn material(id: &str) -> &'static Material {
        MATERIALS.iter().find(|m| m.id == id).unwrap()
    }

    #[test]
    fn filters_combine_and_words_match_in_any_order_and_case() {
        let pharmacies = material("pharmacies");
        let filter = |service, audience, words: &str| Filter { service, audience, words: words.into() };
        assert!(filter(None, None, "").matches(pharmacies, "x"));
        assert!(filter(Some(EPrescriptionPharmacy), Some(Audience::Pharmacy), "").matches(pharmacies, "x"));
        assert!(!filter(Some(PatientDataRepository), None, "").matches(pharmacies, "x"));
        assert!(!filter(None, Some(Audience::Public), "").matches(pharmacies, "x"));
        assert!(filter(None, None, "RESEPTI apteekin").matches(pharmacies, "Apteekin sähköinen resepti"));
        assert!(!filter(None, None, "resepti arkisto").matches(pharmacies, "Apteekin sähköinen resepti"));
    }

    #[test]
    fn every_guide_is_in_the_library() {
        for guide in guides::ALL {
            let path = format!("/guides/{}", guide.wizard.id);
            assert!(MATERIALS.iter().any(|m| matches!(m.place, Place::Guide(p) if p == path)), "{path}");
        }
    }
}
