//! Joint joining: a main joiner names a co-joiner, whose own acting person alone signs its
//! acceptance; the application waits for it, and staff see the group.
use super::field;
use crate::common::{
    TestApp,
    api::{Accept, Acceptance, ApplicantCommand, Dashboard, InviteCoJoiner, RemoveCoJoiner, ServerFn},
    applications::{history, ready_to_send, submit_fields},
    browser::{Browser, NO_FIELDS, log_in},
};
use app::backend::{agreement::text_hash, entities::joint_member};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Joint joining: Lähiklinikka Oy (p01) names Strandkliniken Ab (p13) as its co-joiner; only
/// Strandkliniken's own acting person can sign its acceptance, the application waits for it,
/// and staff see the group on the one application they take to production.
pub(super) async fn a_main_joiner_and_a_co_joiner_join_together(app: TestApp) {
    let main = Browser::new(&app.base);
    log_in(&main, "p01").await;
    let id = ready_to_send(&main, "patient-data", "1.2.246.10.31415903.10").await;
    let (member, other) = name_the_co_joiners(&app, &main, id).await;
    not_sent_before_the_co_joiner_signs(&app, &main, id, &member, &other).await;
    the_co_joiner_signs(&app, &member).await;
    sent_and_seen_by_staff(&app, &main, id).await;
}

/// Refused names, then Strandkliniken Ab named as the co-joiner, and another named and taken off;
/// returns the co-joiner's row and the removed one's.
async fn name_the_co_joiners(app: &TestApp, main: &Browser, id: i32) -> (joint_member::Model, joint_member::Model) {
    let invite = |typed: &str, version: i32| {
        vec![field("id", id.to_string()), field("version", version.to_string()), field("co_joiner", typed.into())]
    };
    for (typed, problem) in [("3141917-1", "InvalidBusinessId"), ("FI31415903", "OwnOrganisation")] {
        let (status, body) = main.call(InviteCoJoiner::PATH, &invite(typed, 3)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}: {body}");
        assert!(body.contains(problem), "{typed}: {body}");
    }
    let (status, body) = main.call(InviteCoJoiner::PATH, &invite("FI 31419170", 3)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = main.call(InviteCoJoiner::PATH, &invite("3141917-0", 4)).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AlreadyListed"), "{body}");
    let member = joint_member::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((member.application_id, member.ytunnus.as_str(), member.signed_at), (id, "3141917-0", None));
    // Another named and taken off again: its row stays, marked removed.
    let (status, body) = main.call(InviteCoJoiner::PATH, &invite("3141671-1", 4)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let other = joint_member::Entity::find().filter(joint_member::Column::Ytunnus.eq("3141671-1")).one(&app.db).await;
    let other = other.unwrap().unwrap();
    let remove = [field("id", id.to_string()), field("version", "5".into()), field("member", other.id.to_string())];
    let (status, body) = main.call(RemoveCoJoiner::PATH, &remove).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let other = joint_member::Entity::find_by_id(other.id).one(&app.db).await.unwrap().unwrap();
    assert!(other.removed_at.is_some());
    (member, other)
}

/// Neither the one taken off nor the main joiner can see or sign the acceptance, and nothing is
/// sent before the co-joiner signs.
async fn not_sent_before_the_co_joiner_signs(
    app: &TestApp,
    main: &Browser,
    id: i32,
    member: &joint_member::Model,
    other: &joint_member::Model,
) {
    // Terveysdata Oy, no longer named, sees nothing of it.
    let third = Browser::new(&app.base);
    log_in(&third, "p07").await;
    let (status, _) = third.call(Acceptance::PATH, &[field("member", other.id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Not sent while a co-joiner has not signed; the page says why.
    let (status, body) = main.call(ApplicantCommand::PATH, &submit_fields(id, 6)).await;
    assert_eq!((status, body.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, r#"{"Prerequisites":["CoJoinersSigned"]}"#));
    assert!(main.get(&format!("/applications/{id}")).await.body.contains("id=\"co-joiner-list\""));
    // The main joiner cannot sign for the co-joiner.
    let accept = |hash: &str| vec![field("member", member.id.to_string()), field("hash", hash.into())];
    let (status, _) = main.call(Accept::PATH, &accept(&"0".repeat(64))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = main.call(Acceptance::PATH, &[field("member", member.id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Strandkliniken Ab (p13, logged in here) signs the acceptance shown to it, once.
async fn the_co_joiner_signs(app: &TestApp, member: &joint_member::Model) {
    let accept = |hash: &str| vec![field("member", member.id.to_string()), field("hash", hash.into())];
    // The co-joiner's own managing director sees the joint joining and whose it is, and signs.
    let co = Browser::new(&app.base);
    log_in(&co, "p13").await;
    let (status, body) = co.call(Dashboard::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let dashboard: serde_json::Value = serde_json::from_str(&body).unwrap();
    let joint = &dashboard["joint"][0];
    assert_eq!(
        (joint["main"].as_str(), joint["main_oid"].as_str()),
        (Some("Lähiklinikka Oy"), Some("1.2.246.10.31415903.10.0"))
    );
    let (status, body) = co.call(Acceptance::PATH, &[field("member", member.id.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shown: serde_json::Value = serde_json::from_str(&body).unwrap();
    let (text, hash) = (shown["text"].as_str().unwrap(), shown["hash"].as_str().unwrap());
    assert!(text.contains("Strandkliniken Ab (3141917-0)") && text.contains("Lähiklinikka Oy (3141590-3)"), "{text}");
    let (status, _) = co.call(Accept::PATH, &accept(&"0".repeat(64))).await;
    assert_eq!(status, StatusCode::CONFLICT, "a text not shown is not signed");
    let (status, body) = co.call(Accept::PATH, &accept(hash)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let signed = joint_member::Entity::find_by_id(member.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(signed.text.as_deref(), Some(text));
    assert_eq!(signed.text_hash.as_deref(), Some(text_hash(text).as_str()));
    assert_eq!(signed.basis.as_deref(), Some("trade:toimitusjohtaja"));
    assert!(signed.organisation_id.is_some() && signed.signed_at.is_some());
    let (status, _) = co.call(Accept::PATH, &accept(hash)).await;
    assert_eq!(status, StatusCode::CONFLICT, "signed once");
    assert!(co.get(&format!("/joint/{}", member.id)).await.body.contains("id=\"joint-signed\""));
}

/// Sent at last; staff (logged in here) see the co-joiner and the history has each step.
async fn sent_and_seen_by_staff(app: &TestApp, main: &Browser, id: i32) {
    // Now it is sent, and staff see the group on the application they take forward.
    let (status, body) = main.call(ApplicantCommand::PATH, &submit_fields(id, 6)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let desk = staff.get(&format!("/staff/applications/{id}")).await.body;
    assert!(desk.contains("Strandkliniken Ab (3141917-0)") && desk.contains("id=\"co-joiner-list\""), "{desk}");
    let events: Vec<String> = history(&app.db, id).await.into_iter().map(|e| e.kind).collect();
    for kind in ["co-joiner-added", "co-joiner-removed", "co-joiner-signed"] {
        assert!(events.iter().any(|e| e == kind), "{kind}: {events:?}");
    }
}
