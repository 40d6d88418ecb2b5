//! The illustrated guides, as wizards. Texts are message ids in `locales/*/guides.ftl`.
use super::{Field, FieldKind, Next, Step, Wizard};

/// A guide and where it leads in the product when it ends.
pub struct Guide {
    pub wizard: Wizard,
    /// The workflow the guide prepares for, and the message id of the link's text.
    pub finish: (&'static str, &'static str),
}

const KIND: Field = Field {
    name: "kind",
    label: msg!("guide-start-kind-label"),
    hint: None,
    kind: FieldKind::Choice(&[
        ("private", msg!("guide-start-kind-private")),
        ("public", msg!("guide-start-kind-public")),
        ("pharmacy", msg!("guide-start-kind-pharmacy")),
        ("self-employed", msg!("guide-start-kind-self-employed")),
    ]),
    required: true,
};

/// What you need before you start: identification, a basis to act, the code-service data.
pub const BEFORE_YOU_START: Guide = Guide {
    wizard: Wizard {
        id: "before-you-start",
        title: msg!("guide-start-title"),
        steps: &[
            Step {
                id: "identification",
                heading: msg!("guide-start-identification-heading"),
                paragraphs: &[msg!("guide-start-identification-text"), msg!("guide-start-identification-tools")],
                illustration: Some(("identification.svg", msg!("guide-start-identification-alt"))),
                fields: &[],
                next: Next::To("kind"),
            },
            Step {
                id: "kind",
                heading: msg!("guide-start-kind-heading"),
                paragraphs: &[msg!("guide-start-kind-text")],
                illustration: Some(("organisations.svg", msg!("guide-start-kind-alt"))),
                fields: &[KIND],
                next: Next::Branch {
                    field: "kind",
                    cases: &[("private", "trade-register"), ("public", "mandate")],
                    otherwise: "for-yourself",
                },
            },
            Step {
                id: "trade-register",
                heading: msg!("guide-start-trade-register-heading"),
                paragraphs: &[msg!("guide-start-trade-register-text"), msg!("guide-start-trade-register-others")],
                illustration: Some(("trade-register.svg", msg!("guide-start-trade-register-alt"))),
                fields: &[],
                next: Next::To("code-service"),
            },
            Step {
                id: "mandate",
                heading: msg!("guide-start-mandate-heading"),
                paragraphs: &[msg!("guide-start-mandate-text"), msg!("guide-start-mandate-how")],
                illustration: Some(("mandate.svg", msg!("guide-start-mandate-alt"))),
                fields: &[],
                next: Next::To("code-service"),
            },
            Step {
                id: "for-yourself",
                heading: msg!("guide-start-for-yourself-heading"),
                paragraphs: &[msg!("guide-start-for-yourself-text")],
                illustration: Some(("for-yourself.svg", msg!("guide-start-for-yourself-alt"))),
                fields: &[],
                next: Next::To("code-service"),
            },
            Step {
                id: "code-service",
                heading: msg!("guide-start-code-service-heading"),
                paragraphs: &[msg!("guide-start-code-service-text"), msg!("guide-start-code-service-check")],
                illustration: Some(("code-service.svg", msg!("guide-start-code-service-alt"))),
                fields: &[],
                next: Next::To("ready"),
            },
            Step {
                id: "ready",
                heading: msg!("guide-start-ready-heading"),
                paragraphs: &[msg!("guide-start-ready-text")],
                illustration: Some(("ready.svg", msg!("guide-start-ready-alt"))),
                fields: &[],
                next: Next::Done,
            },
        ],
    },
    finish: ("/organisations", msg!("guide-start-finish")),
};

const HOLDER: Field = Field {
    name: "holder",
    label: msg!("guide-mandate-holder-label"),
    hint: None,
    kind: FieldKind::Choice(&[
        ("person", msg!("guide-mandate-holder-person")),
        ("company", msg!("guide-mandate-holder-company")),
    ]),
    required: true,
};

/// Giving a Suomi.fi mandate so that another person or a company can act for you.
pub const GIVING_A_MANDATE: Guide = Guide {
    wizard: Wizard {
        id: "giving-a-mandate",
        title: msg!("guide-mandate-title"),
        steps: &[
            Step {
                id: "who-gives",
                heading: msg!("guide-mandate-who-gives-heading"),
                paragraphs: &[msg!("guide-mandate-who-gives-text"), msg!("guide-mandate-who-gives-where")],
                illustration: Some(("mandate.svg", msg!("guide-mandate-who-gives-alt"))),
                fields: &[],
                next: Next::To("holder"),
            },
            Step {
                id: "holder",
                heading: msg!("guide-mandate-holder-heading"),
                paragraphs: &[msg!("guide-mandate-holder-text")],
                illustration: Some(("holder.svg", msg!("guide-mandate-holder-alt"))),
                fields: &[HOLDER],
                next: Next::Branch { field: "holder", cases: &[("company", "to-company")], otherwise: "to-person" },
            },
            Step {
                id: "to-person",
                heading: msg!("guide-mandate-to-person-heading"),
                paragraphs: &[msg!("guide-mandate-to-person-text")],
                illustration: Some(("to-person.svg", msg!("guide-mandate-to-person-alt"))),
                fields: &[],
                next: Next::To("issue"),
            },
            Step {
                id: "to-company",
                heading: msg!("guide-mandate-to-company-heading"),
                paragraphs: &[msg!("guide-mandate-to-company-text"), msg!("guide-mandate-to-company-who-acts")],
                illustration: Some(("to-company.svg", msg!("guide-mandate-to-company-alt"))),
                fields: &[],
                next: Next::To("issue"),
            },
            Step {
                id: "issue",
                heading: msg!("guide-mandate-issue-heading"),
                paragraphs: &[msg!("guide-mandate-issue-text"), msg!("guide-mandate-issue-validity")],
                illustration: Some(("trade-register.svg", msg!("guide-mandate-issue-alt"))),
                fields: &[],
                next: Next::To("acting"),
            },
            Step {
                id: "acting",
                heading: msg!("guide-mandate-acting-heading"),
                paragraphs: &[msg!("guide-mandate-acting-text"), msg!("guide-mandate-acting-revoke")],
                illustration: Some(("ready.svg", msg!("guide-mandate-acting-alt"))),
                fields: &[],
                next: Next::Done,
            },
        ],
    },
    finish: ("/organisations", msg!("guide-mandate-finish")),
};

pub const ALL: [&Guide; 2] = [&BEFORE_YOU_START, &GIVING_A_MANDATE];

pub fn by_id(id: &str) -> Option<&'static Guide> {
    ALL.into_iter().find(|g| g.wizard.id == id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_guide_is_well_formed() {
        for guide in super::ALL {
            assert!(guide.wizard.definition_errors().is_empty(), "{:?}", guide.wizard.definition_errors());
            for step in guide.wizard.steps {
                let (file, _) = step.illustration.expect("every guide step is illustrated");
                let path = format!("{}/assets/illustrations/{file}", env!("CARGO_MANIFEST_DIR"));
                assert!(std::path::Path::new(&path).exists(), "{path}");
            }
        }
    }
}
