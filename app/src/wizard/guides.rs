//! The illustrated guides, as wizards. Texts are message ids in `locales/*/guides.ftl`.
use super::{
    Field, FieldKind, Illustration, Next, Step, Wizard,
    screens::{Screen, Shows, Which},
};

/// A guide and where it leads in the product when it ends.
pub struct Guide {
    pub wizard: Wizard,
    /// The workflow the guide prepares for, and the message id of the link's text.
    pub finish: (&'static str, &'static str),
}

/// The dashboard: the task list and the box that starts an application.
const DASHBOARD: Screen = Screen {
    id: "dashboard",
    shows: Shows::Page("/applications"),
    alt: msg!("guide-screen-dashboard-alt"),
    callouts: &[msg!("guide-screen-dashboard-1"), msg!("guide-screen-dashboard-2"), msg!("guide-screen-dashboard-3")],
};

/// A step of the application's wizard.
const WIZARD_STEP: Screen = Screen {
    id: "wizard-step",
    shows: Shows::Application { which: Which::Editable, place: "" },
    alt: msg!("guide-screen-wizard-step-alt"),
    callouts: &[
        msg!("guide-screen-wizard-step-1"),
        msg!("guide-screen-wizard-step-2"),
        msg!("guide-screen-wizard-step-3"),
    ],
};

/// "Check your answers" at the application's end.
const CHECK_ANSWERS: Screen = Screen {
    id: "check-answers",
    shows: Shows::Application { which: Which::Editable, place: "?step=check" },
    alt: msg!("guide-screen-check-answers-alt"),
    callouts: &[msg!("guide-screen-check-answers-1"), msg!("guide-screen-check-answers-2")],
};

/// The agreement and its signing.
const SIGNING: Screen = Screen {
    id: "signing",
    shows: Shows::Application { which: Which::ReadyToSign, place: "#agreement-heading" },
    alt: msg!("guide-screen-signing-alt"),
    callouts: &[msg!("guide-screen-signing-1"), msg!("guide-screen-signing-2")],
};

/// A sent application: its state and its timeline.
const TIMELINE: Screen = Screen {
    id: "timeline",
    shows: Shows::Application { which: Which::Newest, place: "#timeline-heading" },
    alt: msg!("guide-screen-timeline-alt"),
    callouts: &[msg!("guide-screen-timeline-1"), msg!("guide-screen-timeline-2")],
};

/// Customer data: the contacts with their roles.
const CUSTOMER_DATA: Screen = Screen {
    id: "customer-data",
    shows: Shows::Page("/customer-data#contacts-heading"),
    alt: msg!("guide-screen-customer-data-alt"),
    callouts: &[msg!("guide-screen-customer-data-1"), msg!("guide-screen-customer-data-2")],
};

/// Reporting a new service unit, at the earliest three weeks ahead.
const SERVICE_UNIT: Screen = Screen {
    id: "service-unit",
    shows: Shows::Page("/customer-data#technical-heading"),
    alt: msg!("guide-screen-service-unit-alt"),
    callouts: &[
        msg!("guide-screen-service-unit-1"),
        msg!("guide-screen-service-unit-2"),
        msg!("guide-screen-service-unit-3"),
    ],
};

/// Confirming that the data is current.
const CONFIRM: Screen = Screen {
    id: "confirm",
    shows: Shows::Page("/customer-data#confirm-heading"),
    alt: msg!("guide-screen-confirm-alt"),
    callouts: &[msg!("guide-screen-confirm-1"), msg!("guide-screen-confirm-2")],
};

/// Billing: the totals and the invoices.
const BILLING: Screen = Screen {
    id: "billing",
    shows: Shows::Page("/billing"),
    alt: msg!("guide-screen-billing-alt"),
    callouts: &[msg!("guide-screen-billing-1"), msg!("guide-screen-billing-2")],
};

/// Every screen the guides show, for `make guide-images` and the tests.
pub const SCREENS: [&Screen; 9] =
    [&DASHBOARD, &WIZARD_STEP, &CHECK_ANSWERS, &SIGNING, &TIMELINE, &CUSTOMER_DATA, &SERVICE_UNIT, &CONFIRM, &BILLING];

/// The screen named `id` in its pictures' file names.
pub fn screen(id: &str) -> Option<&'static Screen> {
    SCREENS.into_iter().find(|screen| screen.id == id)
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
                illustration: Some(Illustration::Drawing("identification.svg", msg!("guide-start-identification-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("kind"),
            },
            Step {
                id: "kind",
                heading: msg!("guide-start-kind-heading"),
                paragraphs: &[msg!("guide-start-kind-text")],
                illustration: Some(Illustration::Drawing("organisations.svg", msg!("guide-start-kind-alt"))),
                fields: &[KIND],
                check_answers: false,
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
                illustration: Some(Illustration::Drawing("trade-register.svg", msg!("guide-start-trade-register-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("code-service"),
            },
            Step {
                id: "mandate",
                heading: msg!("guide-start-mandate-heading"),
                paragraphs: &[msg!("guide-start-mandate-text"), msg!("guide-start-mandate-how")],
                illustration: Some(Illustration::Drawing("mandate.svg", msg!("guide-start-mandate-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("code-service"),
            },
            Step {
                id: "for-yourself",
                heading: msg!("guide-start-for-yourself-heading"),
                paragraphs: &[msg!("guide-start-for-yourself-text")],
                illustration: Some(Illustration::Drawing("for-yourself.svg", msg!("guide-start-for-yourself-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("code-service"),
            },
            Step {
                id: "code-service",
                heading: msg!("guide-start-code-service-heading"),
                paragraphs: &[msg!("guide-start-code-service-text"), msg!("guide-start-code-service-check")],
                illustration: Some(Illustration::Drawing("code-service.svg", msg!("guide-start-code-service-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("ready"),
            },
            Step {
                id: "ready",
                heading: msg!("guide-start-ready-heading"),
                paragraphs: &[msg!("guide-start-ready-text")],
                illustration: Some(Illustration::Drawing("ready.svg", msg!("guide-start-ready-alt"))),
                fields: &[],
                check_answers: false,
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
                illustration: Some(Illustration::Drawing("mandate.svg", msg!("guide-mandate-who-gives-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("holder"),
            },
            Step {
                id: "holder",
                heading: msg!("guide-mandate-holder-heading"),
                paragraphs: &[msg!("guide-mandate-holder-text")],
                illustration: Some(Illustration::Drawing("holder.svg", msg!("guide-mandate-holder-alt"))),
                fields: &[HOLDER],
                check_answers: false,
                next: Next::Branch { field: "holder", cases: &[("company", "to-company")], otherwise: "to-person" },
            },
            Step {
                id: "to-person",
                heading: msg!("guide-mandate-to-person-heading"),
                paragraphs: &[msg!("guide-mandate-to-person-text")],
                illustration: Some(Illustration::Drawing("to-person.svg", msg!("guide-mandate-to-person-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("issue"),
            },
            Step {
                id: "to-company",
                heading: msg!("guide-mandate-to-company-heading"),
                paragraphs: &[msg!("guide-mandate-to-company-text"), msg!("guide-mandate-to-company-who-acts")],
                illustration: Some(Illustration::Drawing("to-company.svg", msg!("guide-mandate-to-company-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("issue"),
            },
            Step {
                id: "issue",
                heading: msg!("guide-mandate-issue-heading"),
                paragraphs: &[msg!("guide-mandate-issue-text"), msg!("guide-mandate-issue-validity")],
                illustration: Some(Illustration::Drawing("trade-register.svg", msg!("guide-mandate-issue-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("acting"),
            },
            Step {
                id: "acting",
                heading: msg!("guide-mandate-acting-heading"),
                paragraphs: &[msg!("guide-mandate-acting-text"), msg!("guide-mandate-acting-revoke")],
                illustration: Some(Illustration::Drawing("ready.svg", msg!("guide-mandate-acting-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::Done,
            },
        ],
    },
    finish: ("/organisations", msg!("guide-mandate-finish")),
};

const SERVICE: Field = Field {
    name: "service",
    label: msg!("guide-use-service-label"),
    hint: None,
    kind: FieldKind::Choice(&[
        ("eprescription", msg!("guide-use-service-eprescription")),
        ("eprescription-pharmacy", msg!("guide-use-service-eprescription-pharmacy")),
        ("patient-data", msg!("guide-use-service-patient-data")),
        ("imaging", msg!("guide-use-service-imaging")),
        ("client-data-archive", msg!("guide-use-service-client-data-archive")),
        ("test-environment", msg!("guide-use-service-test-environment")),
    ]),
    required: true,
};

const SYSTEM: Field = Field {
    name: "system",
    label: msg!("guide-use-system-label"),
    hint: None,
    kind: FieldKind::Choice(&[
        ("certified", msg!("guide-use-system-certified")),
        ("in-progress", msg!("guide-use-system-in-progress")),
        ("unknown", msg!("guide-use-system-unknown")),
    ]),
    required: true,
};

/// Taking a Kanta service into use: what each service needs, the information system, joint
/// testing, checking the answers, and the agreement.
pub const TAKING_INTO_USE: Guide = Guide {
    wizard: Wizard {
        id: "taking-a-service-into-use",
        title: msg!("guide-use-title"),
        steps: &[
            Step {
                id: "how-it-goes",
                heading: msg!("guide-use-how-heading"),
                paragraphs: &[msg!("guide-use-how-text"), msg!("guide-use-how-who")],
                illustration: Some(Illustration::Drawing("flow.svg", msg!("guide-use-how-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("start"),
            },
            Step {
                id: "start",
                heading: msg!("guide-use-start-heading"),
                paragraphs: &[msg!("guide-use-start-text")],
                illustration: Some(Illustration::Screen(&DASHBOARD)),
                fields: &[],
                check_answers: false,
                next: Next::To("service"),
            },
            Step {
                id: "service",
                heading: msg!("guide-use-service-heading"),
                paragraphs: &[msg!("guide-use-service-text")],
                illustration: Some(Illustration::Drawing("organisations.svg", msg!("guide-use-service-alt"))),
                fields: &[SERVICE],
                check_answers: false,
                next: Next::Branch {
                    field: "service",
                    cases: &[
                        ("eprescription-pharmacy", "pharmacy"),
                        ("client-data-archive", "social-welfare"),
                        ("test-environment", "test-access"),
                    ],
                    otherwise: "health-care",
                },
            },
            Step {
                id: "health-care",
                heading: msg!("guide-use-health-care-heading"),
                paragraphs: &[msg!("guide-use-health-care-text"), msg!("guide-use-certificate-text")],
                illustration: Some(Illustration::Drawing("code-service.svg", msg!("guide-use-health-care-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("system"),
            },
            Step {
                id: "pharmacy",
                heading: msg!("guide-use-pharmacy-heading"),
                paragraphs: &[msg!("guide-use-pharmacy-text"), msg!("guide-use-certificate-text")],
                illustration: Some(Illustration::Drawing("for-yourself.svg", msg!("guide-use-pharmacy-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("system"),
            },
            Step {
                id: "social-welfare",
                heading: msg!("guide-use-social-welfare-heading"),
                paragraphs: &[msg!("guide-use-social-welfare-text"), msg!("guide-use-certificate-text")],
                illustration: Some(Illustration::Drawing("code-service.svg", msg!("guide-use-social-welfare-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("system"),
            },
            Step {
                id: "test-access",
                heading: msg!("guide-use-test-access-heading"),
                paragraphs: &[msg!("guide-use-test-access-text")],
                illustration: Some(Illustration::Drawing("testing.svg", msg!("guide-use-test-access-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("system"),
            },
            Step {
                id: "system",
                heading: msg!("guide-use-system-heading"),
                paragraphs: &[msg!("guide-use-system-text")],
                illustration: Some(Illustration::Drawing("identification.svg", msg!("guide-use-system-alt"))),
                fields: &[SYSTEM],
                check_answers: false,
                next: Next::Branch {
                    field: "system",
                    cases: &[("certified", "joint-testing")],
                    otherwise: "certification",
                },
            },
            Step {
                id: "certification",
                heading: msg!("guide-use-certification-heading"),
                paragraphs: &[msg!("guide-use-certification-text")],
                illustration: Some(Illustration::Drawing("testing.svg", msg!("guide-use-certification-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("joint-testing"),
            },
            Step {
                id: "joint-testing",
                heading: msg!("guide-use-joint-testing-heading"),
                paragraphs: &[msg!("guide-use-joint-testing-text"), msg!("guide-use-joint-testing-results")],
                illustration: Some(Illustration::Drawing("testing.svg", msg!("guide-use-joint-testing-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("answering"),
            },
            Step {
                id: "answering",
                heading: msg!("guide-use-answering-heading"),
                paragraphs: &[msg!("guide-use-answering-text")],
                illustration: Some(Illustration::Screen(&WIZARD_STEP)),
                fields: &[],
                check_answers: false,
                next: Next::To("checking"),
            },
            Step {
                id: "checking",
                heading: msg!("guide-use-checking-heading"),
                paragraphs: &[msg!("guide-use-checking-text")],
                illustration: Some(Illustration::Screen(&CHECK_ANSWERS)),
                fields: &[],
                check_answers: false,
                next: Next::To("check"),
            },
            Step {
                id: "check",
                heading: msg!("guide-use-check-heading"),
                paragraphs: &[msg!("guide-use-check-text")],
                illustration: Some(Illustration::Drawing("flow.svg", msg!("guide-use-check-alt"))),
                fields: &[],
                check_answers: true,
                next: Next::To("agreement"),
            },
            Step {
                id: "agreement",
                heading: msg!("guide-use-agreement-heading"),
                paragraphs: &[msg!("guide-use-agreement-text"), msg!("guide-use-agreement-then")],
                illustration: Some(Illustration::Screen(&SIGNING)),
                fields: &[],
                check_answers: false,
                next: Next::To("following"),
            },
            Step {
                id: "following",
                heading: msg!("guide-use-following-heading"),
                paragraphs: &[msg!("guide-use-following-text")],
                illustration: Some(Illustration::Screen(&TIMELINE)),
                fields: &[],
                check_answers: false,
                next: Next::Done,
            },
        ],
    },
    finish: ("/organisation", msg!("guide-use-finish")),
};

const CHANGE: Field = Field {
    name: "change",
    label: msg!("guide-update-change-label"),
    hint: None,
    kind: FieldKind::Choice(&[
        ("contacts", msg!("guide-update-change-contacts")),
        ("system", msg!("guide-update-change-system")),
        ("units", msg!("guide-update-change-units")),
        ("certificate", msg!("guide-update-change-certificate")),
    ]),
    required: true,
};

/// Keeping the data up to date: contacts, information systems, service units and certificates,
/// and confirming once a year that all of it is current.
pub const UPDATING_DATA: Guide = Guide {
    wizard: Wizard {
        id: "updating-data",
        title: msg!("guide-update-title"),
        steps: &[
            Step {
                id: "what-to-keep",
                heading: msg!("guide-update-keep-heading"),
                paragraphs: &[msg!("guide-update-keep-text"), msg!("guide-update-keep-history")],
                illustration: Some(Illustration::Drawing("contacts.svg", msg!("guide-update-keep-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("what-changes"),
            },
            Step {
                id: "what-changes",
                heading: msg!("guide-update-change-heading"),
                paragraphs: &[msg!("guide-update-change-text")],
                illustration: Some(Illustration::Drawing("organisations.svg", msg!("guide-update-change-alt"))),
                fields: &[CHANGE],
                check_answers: false,
                next: Next::Branch {
                    field: "change",
                    cases: &[("contacts", "contacts"), ("system", "system"), ("units", "units")],
                    otherwise: "certificate",
                },
            },
            Step {
                id: "contacts",
                heading: msg!("guide-update-contacts-heading"),
                paragraphs: &[msg!("guide-update-contacts-text"), msg!("guide-update-contacts-rule")],
                illustration: Some(Illustration::Screen(&CUSTOMER_DATA)),
                fields: &[],
                check_answers: false,
                next: Next::To("confirm"),
            },
            Step {
                id: "system",
                heading: msg!("guide-update-system-heading"),
                paragraphs: &[msg!("guide-update-system-text")],
                illustration: Some(Illustration::Drawing("identification.svg", msg!("guide-update-system-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("confirm"),
            },
            Step {
                id: "units",
                heading: msg!("guide-update-units-heading"),
                paragraphs: &[msg!("guide-update-units-text")],
                illustration: Some(Illustration::Screen(&SERVICE_UNIT)),
                fields: &[],
                check_answers: false,
                next: Next::To("confirm"),
            },
            Step {
                id: "certificate",
                heading: msg!("guide-update-certificate-heading"),
                paragraphs: &[msg!("guide-update-certificate-text")],
                illustration: Some(Illustration::Drawing("testing.svg", msg!("guide-update-certificate-alt"))),
                fields: &[],
                check_answers: false,
                next: Next::To("confirm"),
            },
            Step {
                id: "confirm",
                heading: msg!("guide-update-confirm-heading"),
                paragraphs: &[msg!("guide-update-confirm-text")],
                illustration: Some(Illustration::Screen(&CONFIRM)),
                fields: &[],
                check_answers: false,
                next: Next::To("billing"),
            },
            Step {
                id: "billing",
                heading: msg!("guide-update-billing-heading"),
                paragraphs: &[msg!("guide-update-billing-text")],
                illustration: Some(Illustration::Screen(&BILLING)),
                fields: &[],
                check_answers: false,
                next: Next::Done,
            },
        ],
    },
    finish: ("/organisation", msg!("guide-update-finish")),
};

pub const ALL: [&Guide; 4] = [&BEFORE_YOU_START, &TAKING_INTO_USE, &UPDATING_DATA, &GIVING_A_MANDATE];

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
                match step.illustration.expect("every guide step is illustrated") {
                    super::Illustration::Drawing(file, _) => {
                        let path = format!("{}/assets/illustrations/{file}", env!("CARGO_MANIFEST_DIR"));
                        assert!(std::path::Path::new(&path).exists(), "{path}");
                    }
                    super::Illustration::Screen(screen) => {
                        for lang in crate::i18n::Lang::ALL {
                            assert!(
                                screen.pictures(lang).is_some(),
                                "no pictures of {} in {lang:?}: make guide-images",
                                screen.id
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_screen_has_its_pictures_and_a_mark_for_each_callout() {
        for screen in super::SCREENS {
            for lang in crate::i18n::Lang::ALL {
                let pictures =
                    screen.pictures(lang).unwrap_or_else(|| panic!("{} {lang:?}: make guide-images", screen.id));
                for picture in [&pictures.phone, &pictures.desktop] {
                    assert_eq!(picture.marks.len(), screen.callouts.len(), "{}: make guide-images", picture.file);
                    for (x, y) in &picture.marks {
                        assert!(*x < picture.width && *y < picture.height, "{}: a mark outside", picture.file);
                    }
                    for (format, _) in super::super::screens::FORMATS {
                        let path = format!("{}/assets/screens/{}.{format}", env!("CARGO_MANIFEST_DIR"), picture.file);
                        assert!(std::path::Path::new(&path).exists(), "{path}");
                    }
                }
            }
        }
    }
}
