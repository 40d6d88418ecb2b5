//! The illustrated guides render on the server from the URL alone, so every step can be read,
//! linked and answered without JavaScript.
use crate::common::TestApp;
use app::i18n::{Lang, lookup};

fn text(lang: Lang, id: &str) -> String {
    lookup(lang, id, None)
}

fn step_of(lang: Lang, n: i64, total: i64) -> String {
    let args = [("n", n), ("total", total)].into_iter().collect();
    lookup(lang, "wizard-step-of", Some(&args))
}

#[tokio::test(flavor = "multi_thread")]
async fn each_step_is_a_page_of_its_own() {
    crate::common::within_a_minute(async {
        let app = TestApp::sqlite().await;
        let first = app.get("/guides/before-you-start", &[]).await;
        assert_eq!(first.status, 200);
        assert!(first.body.contains(&text(Lang::Fi, "guide-start-identification-heading")));
        assert!(first.body.contains(&step_of(Lang::Fi, 1, 5)), "progress");
        assert!(first.body.contains(r#"src="/illustrations/identification.svg""#));
        assert!(first.body.contains(&format!(r#"alt="{}""#, text(Lang::Fi, "guide-start-identification-alt"))));
        assert!(first.body.contains(r#"href="?step=kind""#), "next is a plain link");

        let sv = app.get("/guides/before-you-start?step=kind", &[("accept-language", "sv")]).await;
        assert!(sv.body.contains(&text(Lang::Sv, "guide-start-kind-heading")));
        assert!(sv.body.contains(&step_of(Lang::Sv, 2, 5)));
        assert!(sv.body.contains(&text(Lang::Sv, "guide-start-kind-public")), "the question's choices");

        assert_eq!(app.get("/guides/no-such-guide", &[]).await.status, 404);
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn answers_branch_and_bad_answers_are_explained() {
    crate::common::within_a_minute(async {
        let app = TestApp::sqlite().await;
        let public = app.get("/guides/before-you-start?from=kind&kind=public", &[]).await;
        assert!(public.body.contains(&text(Lang::Fi, "guide-start-mandate-heading")), "public → mandate");
        assert!(public.body.contains(&step_of(Lang::Fi, 3, 5)));
        assert!(public.body.contains(r#"href="?step=code-service&amp;kind=public""#), "answers carried along");

        let private = app.get("/guides/before-you-start?from=kind&kind=private", &[]).await;
        assert!(private.body.contains(&text(Lang::Fi, "guide-start-trade-register-heading")));

        let unanswered = app.get("/guides/before-you-start?from=kind", &[]).await;
        assert!(unanswered.body.contains(&text(Lang::Fi, "guide-start-kind-heading")), "stays on the question");
        assert!(unanswered.body.contains(&text(Lang::Fi, "validation-required")));
        assert!(unanswered.body.contains(r##"href="#wizard-kind""##), "the error summary links to the field");

        let unknown = app.get("/guides/before-you-start?from=kind&kind=robot", &[]).await;
        assert!(unknown.body.contains(&text(Lang::Fi, "validation-unknown-choice")));

        let company = app.get("/guides/giving-a-mandate?from=holder&holder=company", &[]).await;
        assert!(company.body.contains(&text(Lang::Fi, "guide-mandate-to-company-heading")), "company holder");
        assert!(company.body.contains(&step_of(Lang::Fi, 3, 5)));

        let last = app.get("/guides/before-you-start?step=ready&kind=pharmacy", &[]).await;
        assert!(last.body.contains(&text(Lang::Fi, "guide-start-ready-heading")));
        assert!(last.body.contains(r#"href="/organisations""#), "ends in the product");
    })
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn show_me_leads_to_the_readers_own_page_after_login() {
    use crate::common::{
        api::{SaveApplication, ServerFn},
        applications::{ANSWERS, save_fields, start},
        browser::{Browser, log_in},
    };
    crate::common::within_a_minute(async {
        let app = TestApp::sqlite().await;
        let reader = Browser::new(&app.base);
        let to = |location: (reqwest::StatusCode, String)| {
            assert!(location.0.is_redirection(), "{location:?}");
            location.1
        };
        assert_eq!(to(reader.step("/guides/screens/signing").await), "/login?next=/guides/screens/signing");
        assert_eq!(app.get("/guides/screens/no-such-screen", &[]).await.status, 404);

        log_in(&reader, "p01").await;
        assert_eq!(to(reader.step("/guides/screens/signing").await), "/applications#start-heading", "none yet");
        assert_eq!(to(reader.step("/guides/screens/customer-data").await), "/customer-data#contacts-heading");
        assert_eq!(to(reader.step("/guides/screens/dashboard").await), "/applications");
        let (status, id) = start(&reader, &["patient-data"]).await;
        assert_eq!(status, reqwest::StatusCode::OK, "{id}");
        let id: i32 = id.trim().parse().unwrap();
        assert_eq!(to(reader.step("/guides/screens/wizard-step").await), format!("/applications/{id}"));
        assert_eq!(to(reader.step("/guides/screens/check-answers").await), format!("/applications/{id}?step=check"));
        assert_eq!(to(reader.step("/guides/screens/signing").await), format!("/applications/{id}"), "answers first");
        assert_eq!(to(reader.step("/guides/screens/timeline").await), format!("/applications/{id}#timeline-heading"));
        let (status, body) = reader.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
        assert_eq!(status, reqwest::StatusCode::OK, "{body}");
        assert_eq!(to(reader.step("/guides/screens/signing").await), format!("/applications/{id}#agreement-heading"));

        // Someone acting for nobody is asked whom to act for, and comes back here.
        let unattached = Browser::new(&app.base);
        log_in(&unattached, "p09").await;
        let page = unattached.get("/guides/screens/timeline").await;
        assert!(page.body.contains(r#"href="/organisations?next=/guides/screens/timeline""#), "{}", page.body);
    })
    .await
}
