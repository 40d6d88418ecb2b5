//! Every server function (`MATRIX`) called by every kind of caller: nobody, someone acting for
//! no one, staff, each basis for its kind of organisation, and a revoked mandate.
use super::{MATRIX, Needs, choose_with_mandate, tester};
use crate::common::{
    TestApp,
    browser::{Browser, log_in},
};
use app::domain::acting::{Basis, MandateIssue, OrganisationKind, TradeRegisterRole, permits};
use reqwest::StatusCode;

/// Who calls: nobody, someone without a basis, or someone acting on a basis for a kind of organisation.
#[derive(Debug)]
enum Caller {
    Anonymous,
    NotActing(&'static str),
    Acting { person: &'static str, mandate_for: Option<&'static str>, basis: Basis, kind: OrganisationKind },
    Revoked,
}

pub(super) async fn every_server_function_against_every_basis(app: TestApp) {
    for caller in &callers() {
        let browser = Browser::new(&app.base);
        act_as(&browser, caller).await;
        let mut basis_ended_said = false;
        for (path, needs, fields) in MATRIX {
            let (status, body) = call(&browser, path, fields).await;
            basis_ended_said |= assert_answer(needs, caller, path, status, &body);
        }
        if let Caller::Revoked = caller {
            assert!(basis_ended_said, "a revoked mandate is refused as such");
        }
    }
}

/// One caller of each kind, each basis for the kind of organisation it is found for.
fn callers() -> Vec<Caller> {
    let mandate = Basis::Mandate { issue: MandateIssue::TakingIntoUseSocialAndHealthDigitalServices };
    let trade = Basis::TradeRegisterRole;
    vec![
        Caller::Anonymous,
        Caller::NotActing("p09"),
        Caller::NotActing("p11"),
        Caller::Acting {
            person: "p01",
            mandate_for: None,
            basis: trade(TradeRegisterRole::ManagingDirector),
            kind: OrganisationKind::PrivateCompany,
        },
        Caller::Acting {
            person: "p02",
            mandate_for: None,
            basis: trade(TradeRegisterRole::Entrepreneur),
            kind: OrganisationKind::SoleTrader,
        },
        Caller::Acting {
            person: "p03",
            mandate_for: None,
            basis: trade(TradeRegisterRole::DeputyManagingDirector),
            kind: OrganisationKind::PrivateCompany,
        },
        Caller::Acting {
            person: "p12",
            mandate_for: None,
            basis: trade(TradeRegisterRole::ViceManagingDirector),
            kind: OrganisationKind::PrivateCompany,
        },
        Caller::Acting { person: "p05", mandate_for: None, basis: Basis::Pharmacist, kind: OrganisationKind::Pharmacy },
        Caller::Acting {
            person: "p06",
            mandate_for: None,
            basis: Basis::SelfEmployed,
            kind: OrganisationKind::SelfEmployed,
        },
        Caller::Acting { person: "p08", mandate_for: Some("o04"), basis: mandate, kind: OrganisationKind::Public },
        Caller::Acting { person: "p07", mandate_for: Some("o08"), basis: mandate, kind: OrganisationKind::Association },
        Caller::Revoked,
        Caller::NotActing("p10"),
    ]
}

/// Logs the caller in and has them act as they are listed to.
async fn act_as(browser: &Browser, caller: &Caller) {
    match caller {
        Caller::Anonymous => {}
        Caller::NotActing(person) => {
            log_in(browser, person).await;
        }
        Caller::Acting { person, mandate_for, .. } => {
            log_in(browser, person).await;
            if let Some(principal) = mandate_for {
                choose_with_mandate(browser, principal).await;
            }
        }
        Caller::Revoked => {
            log_in(browser, "p04").await;
            choose_with_mandate(browser, "o01").await;
            tester(browser, "revoke", 0).await;
        }
    }
}

/// Calls a server function as its page would: a download by GET, the billing import as an
/// upload, the rest as a form.
async fn call(browser: &Browser, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    if path.ends_with(".pdf") || path.ends_with(".csv") {
        browser.call_get(path, fields).await
    } else if path.ends_with("billing-import") {
        browser.upload(path, "matrix.csv", "x").await
    } else {
        browser.call(path, fields).await
    }
}

/// Asserts the answer `caller` got from a function that needs `needs`; true if it said that the
/// basis ended.
fn assert_answer(needs: &Needs, caller: &Caller, path: &str, status: StatusCode, body: &str) -> bool {
    let refused_for =
        |s: StatusCode| matches!(s, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::CONFLICT);
    let case = format!("{caller:?} → {path}: {status} {body}");
    // Allowed: the function ran (its own answer may still be "not found" or "invalid").
    let ran =
        !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) && !body.contains("ChooseOrganisation");
    match (needs, caller) {
        (Needs::Nothing, _) => assert!(!refused_for(status), "{case}"),
        (_, Caller::Anonymous) => assert_eq!(status, StatusCode::UNAUTHORIZED, "{case}"),
        (Needs::Staff, Caller::NotActing("p10")) => assert!(ran, "{case}"),
        (Needs::Staff, _) => {
            assert!(status == StatusCode::FORBIDDEN && body.contains("NotPermitted"), "{case}")
        }
        (Needs::Login, _) => assert_ne!(status, StatusCode::UNAUTHORIZED, "{case}"),
        (Needs::Acting(_), Caller::NotActing(_)) => assert_eq!(status, StatusCode::CONFLICT, "{case}"),
        (Needs::Acting(action), Caller::Acting { basis, kind, .. }) => {
            if permits(*basis, *kind, *action) {
                assert!(ran, "{case}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{case}");
            }
        }
        (Needs::Acting(_), Caller::Revoked) => {
            // The first refusal says the basis ended; the session then acts for no one.
            assert!(refused_for(status), "{case}");
            return body.contains("BasisEnded");
        }
    }
    false
}
