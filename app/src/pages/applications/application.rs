//! One application (`/applications/<id>`): its wizard while it can be changed, the agreement,
//! sending, the status timeline, and ending its services.
use super::ServiceChoices;
use crate::components::form::VersionFields;
use crate::{
    api::applications::{
        AgreementShown, ApplicantCommand, ApplicationView, ChangeServices, SignAgreement, Signed, get_application,
    },
    components::{
        answered::Answered,
        application::{FurtherUnits, StateBadge, Timeline},
        posted::{PostedError, prerequisite_text, typed_again},
        route::route_id,
        title::{ErrorTitle, PageTitle},
        wizard::{ServerCopy, WizardView},
    },
    domain::application::{Command, State},
    hydration::OnFirstUse,
    i18n::tr,
    wizard::{
        answers_in,
        application::{APPLICATION, SERVICES},
        current,
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn Application() -> impl IntoView {
    let data = Resource::new_blocking(route_id(), get_application);
    // The termination notice for the last day chosen (`?end_on=`), made here with the page's data
    // so the server waits for both.
    let id = route_id();
    let end_on = use_query_map().with_untracked(|q| q.get("end_on")).filter(|d| !d.trim().is_empty());
    let notice = end_on.filter(|_| typed_again("notice").is_none()).map(|end_on| {
        Resource::new_blocking(
            move || (id(), end_on.clone()),
            |(id, end_on)| crate::api::applications::notice_text(id, end_on),
        )
    });
    view! {
        <Answered heading=msg!("application-title") data page=move |view| view! { <ApplicationPage view notice/> }/>
    }
}

/// The notice a user is about to sign, asked for by the page's address.
type NoticeResource = Option<Resource<Result<crate::api::applications::NoticeShown, crate::error::AppError>>>;

#[component]
fn ApplicationPage(view: ApplicationView, notice: NoticeResource) -> impl IntoView {
    let query = use_query_map();
    let editable = view.state.is_editable();
    let copy = ServerCopy { id: view.id, version: view.version };
    // The address's answers (a step answered without JavaScript) over the saved ones.
    let (requested, from, mut answers) =
        query.with_untracked(|q| (q.get("step"), q.get("from"), answers_in(&APPLICATION, |name| q.get(name))));
    for (name, value) in &view.answers {
        answers.entry(name.clone()).or_insert(value.clone());
    }
    answers.insert(SERVICES.into(), view.services.code());
    let latest_comment =
        view.history.iter().rev().find_map(|e| e.comment.clone().filter(|_| e.to == Some(State::ReturnedForChanges)));
    let can_send = view.commands.contains(&Command::Submit);
    let can_withdraw = view.commands.contains(&Command::Withdraw);
    let complete = view.problems.is_empty();
    // A step answered without JavaScript and refused: the wizard shows its problems.
    let step_refused = editable && !current(&APPLICATION, requested.as_deref(), from.as_deref(), &answers).1.is_empty();
    view! {
        <PageTitle text=view.services.names(tr)/>
        {step_refused.then(|| view! { <ErrorTitle/> })}
        <h1 id="application-heading">{view.services.names(tr)}</h1>
        <p class="lead">{view.organisation.clone()} " · " <StateBadge state=view.state/></p>
        <PostedError/>
        {(view.state == State::ReturnedForChanges).then(|| view! {
            <div class="notice notice--warning" role="status" id="returned-comment">
                <p>{t!("application-returned-notice")}</p>
                <blockquote>{latest_comment.clone().unwrap_or_default()}</blockquote>
            </div>
        })}
        {view.go_live.clone().map(|date| view! { <p id="go-live">{t!("application-go-live", date = date)}</p> })}
        {(!view.unmet.is_empty()).then(|| {
            let items = view.unmet.iter().map(|p| view! { <li>{prerequisite_text(*p)}</li> }).collect_view();
            view! {
                <div class="notice notice--warning" role="status" id="unmet">
                    <p>{t!("application-unmet")}</p>
                    <ul>{items}</ul>
                </div>
            }
        })}
        {(editable && view.choosable.len() > 1).then(|| view! { <ChangeServicesForm view=view.clone()/> })}
        {editable.then(|| view! {
            <section class="card" aria-label=t!("application-title")>
                <OnFirstUse draft=crate::offline::draft_key(APPLICATION.id, Some(copy.id))>
                    <WizardView wizard=APPLICATION.id.to_string() requested from answers application=Some(copy)/>
                </OnFirstUse>
            </section>
        })}
        {(editable || !view.units.is_empty()).then(|| {
            let change = editable.then_some(copy);
            view! { <FurtherUnits units=view.units.clone() change/> }
        })}
        {(editable || !view.co_joiners.is_empty()).then(|| {
            let change = editable.then_some(copy);
            view! { <crate::pages::joint::CoJoiners co_joiners=view.co_joiners.clone() change/> }
        })}
        {(editable && complete).then(|| view! { <AgreementSection view=view.clone()/> })}
        {view.signed.clone().map(|signed| view! { <SignedSection signed id=view.id/> })}
        {(view.may_give_notice || view.notice.is_some()).then(|| view! { <NoticeSection view=view.clone() shown=notice/> })}
        {(can_send || can_withdraw).then(|| view! { <SendSection id=view.id version=view.version can_send can_withdraw/> })}
        <Timeline history=view.history.clone()/>
    }
}

/// Who signed the agreement, when, on which basis, its hash and terms, and its PDF.
#[component]
fn SignedSection(signed: Signed, id: i32) -> impl IntoView {
    let s = signed;
    view! {
        <section class="card" aria-labelledby="signed-heading" id="signed">
            <h2 id="signed-heading">{t!("agreement-signed-heading")}</h2>
            <p>{t!("agreement-signed-by", signer = s.signer.clone(), at = s.at.clone(), version = s.version.clone())}</p>
            <p>{s.basis.map(|b| tr(b.message_id())).unwrap_or_default()}</p>
            <p class="hash">{t!("agreement-hash")} " " <code id="signed-hash">{s.hash.clone()}</code></p>
            <CitedTerms cited=s.cited.clone() id="signed-terms"/>
            <a class="button button--secondary" id="agreement-pdf" href=format!("{}?id={}", crate::api::applications::AgreementPdf::url(), id) download>
                {t!("agreement-download")}
            </a>
        </section>
    }
}

/// Sending the application to Kanta, or withdrawing it, as its state allows.
#[component]
fn SendSection(id: i32, version: i32, can_send: bool, can_withdraw: bool) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="send-heading">
            <h2 id="send-heading">{t!("application-send-heading")}</h2>
            {can_send.then(|| view! {
                <p>{t!("application-send-text")}</p>
                <CommandForm id version command=Command::Submit primary=true/>
            })}
            {can_withdraw.then(|| view! { <CommandForm id version command=Command::Withdraw primary=false/> })}
        </section>
    }
}

/// The services of an application that may still be changed, to tick again.
#[component]
fn ChangeServicesForm(view: ApplicationView) -> impl IntoView {
    view! {
        <details class="card" id="change-services">
            <summary>{t!("application-change-services")}</summary>
            <form method="post" action=ChangeServices::url()>
                <VersionFields id=view.id version=view.version/>
                <ServiceChoices choosable=view.choosable chosen=Some(view.services)/>
                <button type="submit" class="button button--secondary" id="save-services">
                    {t!("application-save-services")}
                </button>
            </form>
        </details>
    }
}

/// Links to the terms an agreement accepts, each at the version it names.
#[component]
fn CitedTerms(cited: Vec<(crate::terms::Document, String)>, id: &'static str) -> impl IntoView {
    (!cited.is_empty()).then(|| {
        let links = cited
            .into_iter()
            .map(|(document, version)| {
                let title = crate::pages::terms::document_title(document);
                view! { <li><a href=document.path(&version)>{t!("terms-version-title", title = title, version = version.clone())}</a></li> }
            })
            .collect_view();
        view! {
            <p>{t!("agreement-cited")}</p>
            <ul id=id>{links}</ul>
        }
    })
}

/// The agreement text the user signs, and the form that signs exactly that text.
#[component]
fn AgreementSection(view: ApplicationView) -> impl IntoView {
    view.agreement.map(|AgreementShown { version, text, hash, cited }| {
        let paragraphs = text.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view();
        view! {
            <section class="card" aria-labelledby="agreement-heading" id="agreement">
                <h2 id="agreement-heading">{t!("agreement-heading")}</h2>
                <p>{t!("agreement-intro", version = version)}</p>
                <div class="agreement-text" id="agreement-text" tabindex="0">{paragraphs}</div>
                <CitedTerms cited id="agreement-terms"/>
                <form method="post" action=SignAgreement::url()>
                    <VersionFields id=view.id version=view.version/>
                    <input type="hidden" name="hash" value=hash/>
                    <button type="submit" class="button button--primary" id="sign-agreement">{t!("agreement-sign")}</button>
                </form>
            </section>
        }
    })
}

#[component]
fn CommandForm(id: i32, version: i32, command: Command, primary: bool) -> impl IntoView {
    view! {
        <form method="post" action=ApplicantCommand::url() class="inline-form">
            <VersionFields id=id version=version/>
            <input type="hidden" name="command" value=command.code()/>
            <button type="submit" class=if primary { "button button--primary" } else { "button button--secondary" }
                id=format!("command-{}", command.code())>
                {tr(command.message_id())}
            </button>
        </form>
    }
}

/// Ending the application's services (point 6 of the agreement): the last day is chosen, the
/// exact notice shown with its hash, and signed; once given, who gave it and until when.
/// Plain forms: it works without JavaScript.
#[component]
fn NoticeSection(view: ApplicationView, shown: NoticeResource) -> impl IntoView {
    let id = view.id;
    let chosen = use_query_map().with_untracked(|q| q.get("end_on")).filter(|d| !d.trim().is_empty());
    let typed = typed_again("notice").and_then(|q| q.get("end_on"));
    let end_on = typed.or(chosen).unwrap_or_default();
    let given = view.notice.clone();
    view! {
        <section class="card" aria-labelledby="notice-heading" id="notice">
            <h2 id="notice-heading">{t!("notice-heading")}</h2>
            {(!view.co_joiners.is_empty()).then(|| {
                let names: Vec<String> = view.co_joiners.iter().map(|c| c.name.clone().unwrap_or(c.ytunnus.clone())).collect();
                view! { <p class="notice notice--warning" role="status" id="notice-co-joiners">{t!("joint-notice-warning", names = names.join(", "))}</p> }
            })}
            {match given {
                Some(n) => view! {
                    <p id="notice-given">{t!("notice-given", signer = n.signer.clone(), at = n.at.clone(), end_on = n.end_on.clone())}</p>
                    <p class="hash">{t!("agreement-hash")} " " <code id="notice-hash">{n.hash.clone()}</code></p>
                    <a class="button button--secondary" id="notice-pdf" href=format!("{}?id={}", crate::api::applications::NoticePdf::url(), id) download>
                        {t!("notice-download")}
                    </a>
                }.into_any(),
                None => view! {
                    <p>{t!("notice-text")}</p>
                    <form method="get" action=format!("/applications/{id}#notice") class="form" id="notice-date">
                        <div class="field">
                            <label for="notice-end-on">{t!("notice-end-on")}</label>
                            <input id="notice-end-on" name="end_on" type="date" required value=end_on/>
                        </div>
                        <button type="submit" class="button button--secondary">{t!("notice-show")}</button>
                    </form>
                    {shown.map(|shown| view! {
                        <Suspense>
                            {move || shown.get().map(|answer| match answer {
                                Ok(notice) => view! { <NoticeToSign id version=view.version notice/> }.into_any(),
                                Err(e) => view! {
                                    <ErrorTitle/>
                                    <p class="notice notice--error" role="alert" id="notice-refused">{error_line(&e)}</p>
                                }.into_any(),
                            })}
                        </Suspense>
                    })}
                }.into_any(),
            }}
        </section>
    }
}

/// The notice's exact text and hash, and the button that signs it.
#[component]
fn NoticeToSign(id: i32, version: i32, notice: crate::api::applications::NoticeShown) -> impl IntoView {
    view! {
        <pre class="message" id="notice-to-sign">{notice.text.clone()}</pre>
        <p class="hash">{t!("agreement-hash")} " " <code>{notice.hash.clone()}</code></p>
        <form method="post" action=crate::api::applications::GiveNotice::url()>
            <VersionFields id=id version=version/>
            <input type="hidden" name="end_on" value=notice.end_on.clone()/>
            <input type="hidden" name="hash" value=notice.hash.clone()/>
            <button type="submit" class="button" id="give-notice">{t!("notice-sign")}</button>
        </form>
    }
}

/// A refusal in one line: the error, and each field's problem.
fn error_line(error: &crate::error::AppError) -> String {
    let problems = error.field_errors().iter().map(crate::components::form::error_text).collect::<Vec<_>>();
    std::iter::once(tr(error.message_id())).chain(problems).collect::<Vec<_>>().join(" ")
}
