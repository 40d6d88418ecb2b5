//! Taking services into use: the organisation's dashboard (`/applications`) and one application
//! (`/applications/<id>`): its wizard while it can be changed, the agreement, sending, and the
//! status timeline.
use crate::{
    api::onboarding::{
        AddUnit, AgreementShown, ApplicantCommand, ApplicationView, ChangeServices, DashboardData, EventLine,
        RemoveUnit, SignAgreement, StartApplication, Task, UnitLine, dashboard, get_application,
    },
    components::{
        answered::Answered,
        posted::{PostedError, prerequisite_text, typed_again},
        title::{ErrorTitle, PageTitle},
    },
    domain::{
        application::{Command, State},
        services::{KantaService, ServiceSet},
    },
    hydration::OnFirstUse,
    i18n::tr,
    wizard::{
        application::{APPLICATION, SERVICES},
        view::{ServerCopy, WizardView, answers_in, current},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Applications() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| dashboard());
    view! { <Answered heading=msg!("applications-heading") data page=|d| view! { <Dashboard data=d/> }/> }
}

/// The `:id` of the route (0, which no record has, when it is not a number).
pub fn route_id() -> impl Fn() -> i32 + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).and_then(|id| id.parse::<i32>().ok()).unwrap_or(0)
}

#[component]
fn Dashboard(data: DashboardData) -> impl IntoView {
    let tasks = data
        .tasks
        .iter()
        .map(|task| {
            let (text, href) = match task {
                Task::FixCodeService => (t!("task-fix-code-service"), "/organisation".to_string()),
                Task::AnswerReturn { id, services } => {
                    (t!("task-answer-return", service = services.names(tr)), format!("/applications/{id}"))
                }
                Task::SignAgreement { id, services } => {
                    (t!("task-sign-agreement", service = services.names(tr)), format!("/applications/{id}#agreement"))
                }
                Task::FinishDraft { id, services } => {
                    (t!("task-finish-draft", service = services.names(tr)), format!("/applications/{id}"))
                }
                Task::AddContact { service, kind } => {
                    (crate::pages::customer_data::gap_text(*service, *kind), "/customer-data".to_string())
                }
                Task::CustomerData(a) => (crate::pages::customer_data::attention_text(a), "/customer-data".to_string()),
                Task::UpdatePharmacyContacts => {
                    let service = tr(crate::domain::services::KantaService::EPrescriptionPharmacy.message_id());
                    (t!("task-update-pharmacy-contacts", service = service), "/customer-data".to_string())
                }
            };
            view! { <li><a href=href>{text}</a></li> }
        })
        .collect_view();
    let no_tasks = data.tasks.is_empty();
    let in_use = data.in_use.iter().map(|s| view! { <li>{tr(s.message_id())}</li> }).collect_view();
    let none_in_use = data.in_use.is_empty();
    // Every service ended: the customer relationship has ended (billing and history stay).
    let relationship_ended = data.applications.iter().any(|a| a.state == State::Ended);
    let rows = data
        .applications
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <td><a href=format!("/applications/{}", a.id)>{a.services.names(tr)}</a></td>
                    <td><StateBadge state=a.state/></td>
                    <td>{a.updated.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let no_applications = data.applications.is_empty();
    let can_start = !data.available.is_empty();
    view! {
        <PageTitle text=t!("applications-heading")/>
        <h1>{t!("applications-heading")}</h1>
        <p class="lead">{data.organisation.clone()}</p>
        <PostedError/>
        <section class="card" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">{t!("tasks-heading")}</h2>
            {if no_tasks {
                view! { <p id="no-tasks">{t!("tasks-none")}</p> }.into_any()
            } else {
                view! { <ul class="task-list" id="tasks">{tasks}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="in-use-heading">
            <h2 id="in-use-heading">{t!("services-in-use-heading")}</h2>
            {if none_in_use && relationship_ended {
                view! { <p id="relationship-ended">{t!("relationship-ended")}</p> }.into_any()
            } else if none_in_use {
                view! { <p>{t!("services-in-use-none")}</p> }.into_any()
            } else {
                view! { <ul id="services-in-use">{in_use}</ul> }.into_any()
            }}
        </section>
        {(!data.joint.is_empty()).then(|| view! { <crate::pages::joint::Memberships memberships=data.joint.clone()/> })}
        <section aria-labelledby="applications-list-heading">
            <h2 id="applications-list-heading">{t!("applications-list-heading")}</h2>
            {if no_applications {
                view! { <p>{t!("applications-none")}</p> }.into_any()
            } else {
                view! {
                    <crate::components::table::ScrollTable labelled_by="applications-list-heading">
                        <table id="applications">
                            <thead>
                                <tr>
                                    <th scope="col">{t!("applications-service")}</th>
                                    <th scope="col">{t!("applications-state")}</th>
                                    <th scope="col">{t!("applications-updated")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </crate::components::table::ScrollTable>
                }
                    .into_any()
            }}
        </section>
        {can_start.then(|| view! {
            <section class="card" aria-labelledby="start-heading">
                <h2 id="start-heading">{t!("applications-start-heading")}</h2>
                <p>{t!("applications-start-text")}</p>
                <form method="post" action=StartApplication::url()>
                    <ServiceChoices choosable=data.available.clone() chosen=None/>
                    <button type="submit" class="button button--primary" id="start-application">
                        {t!("applications-start")}
                    </button>
                </form>
            </section>
        })}
    }
}

/// A checkbox for each service that may be chosen (`services[<code>]`), ticked if in `chosen`.
#[component]
fn ServiceChoices(choosable: Vec<KantaService>, chosen: Option<ServiceSet>) -> impl IntoView {
    let boxes = choosable
        .into_iter()
        .map(|s| {
            let id = format!("service-{}", s.code());
            let ticked = chosen.as_ref().is_some_and(|c| c.contains(s));
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() name=format!("{SERVICES}[{}]", s.code()) value="on" checked=ticked/>
                    <label for=id>{tr(s.message_id())}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" id="services">
            <legend>{t!("applications-services")}</legend>
            <p class="hint">{t!("applications-services-hint")}</p>
            {boxes}
        </fieldset>
    }
}

#[component]
pub fn StateBadge(state: State) -> impl IntoView {
    view! { <span class=format!("badge badge--{}", state.code())>{tr(state.message_id())}</span> }
}

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
            |(id, end_on)| crate::api::onboarding::notice_text(id, end_on),
        )
    });
    view! {
        <Answered heading=msg!("application-title") data page=move |view| view! { <ApplicationPage view notice/> }/>
    }
}

/// The notice a user is about to sign, asked for by the page's address.
type NoticeResource = Option<Resource<Result<crate::api::onboarding::NoticeShown, crate::error::AppError>>>;

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
        {view.signed.clone().map(|s| view! {
            <section class="card" aria-labelledby="signed-heading" id="signed">
                <h2 id="signed-heading">{t!("agreement-signed-heading")}</h2>
                <p>{t!("agreement-signed-by", signer = s.signer.clone(), at = s.at.clone(), version = s.version.clone())}</p>
                <p>{s.basis.map(|b| tr(b.message_id())).unwrap_or_default()}</p>
                <p class="hash">{t!("agreement-hash")} " " <code id="signed-hash">{s.hash.clone()}</code></p>
                <CitedTerms cited=s.cited.clone() id="signed-terms"/>
                <a class="button button--secondary" id="agreement-pdf" href=format!("{}?id={}", crate::api::onboarding::AgreementPdf::url(), view.id) download>
                    {t!("agreement-download")}
                </a>
            </section>
        })}
        {(view.may_give_notice || view.notice.is_some()).then(|| view! { <NoticeSection view=view.clone() shown=notice/> })}
        {(can_send || can_withdraw).then(|| view! {
            <section class="card" aria-labelledby="send-heading">
                <h2 id="send-heading">{t!("application-send-heading")}</h2>
                {can_send.then(|| view! {
                    <p>{t!("application-send-text")}</p>
                    <CommandForm id=view.id version=view.version command=Command::Submit primary=true/>
                })}
                {can_withdraw.then(|| view! { <CommandForm id=view.id version=view.version command=Command::Withdraw primary=false/> })}
            </section>
        })}
        <Timeline history=view.history.clone()/>
    }
}

/// The service units beyond the first: listed, and while the applicant may change the application
/// (`change`), taken off or added one at a time, each checked against the code service.
#[component]
pub fn FurtherUnits(units: Vec<UnitLine>, change: Option<ServerCopy>) -> impl IntoView {
    let none = units.is_empty();
    // Shown again after the server refused it: what was typed.
    let typed = typed_again("add-unit");
    let given = move |field: &str| typed.as_ref().and_then(|q| q.get(field)).unwrap_or_default();
    let rows = units
        .into_iter()
        .map(|u| {
            let remove = change.map(|c| {
                view! {
                    <td>
                        <form method="post" action=RemoveUnit::url() class="inline-form">
                            <input type="hidden" name="id" value=c.id/>
                            <input type="hidden" name="version" value=c.version/>
                            <input type="hidden" name="unit" value=u.id/>
                            <button type="submit" class="button button--secondary">{t!("application-unit-remove")}</button>
                        </form>
                    </td>
                }
            });
            view! { <tr><td>{u.name}</td><td><code>{u.oid}</code></td>{remove}</tr> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="units-heading" id="units">
            <h2 id="units-heading">{t!("application-units-heading")}</h2>
            {change.is_some().then(|| view! { <p>{t!("application-units-text")}</p> })}
            {if none {
                view! { <p id="no-units">{t!("application-units-none")}</p> }.into_any()
            } else {
                view! {
                    <crate::components::table::ScrollTable labelled_by="units-heading">
                        <table class="data-table" id="unit-list">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(msg!("application-unit-name"))}</th>
                                    <th scope="col">{tr(msg!("application-unit-oid"))}</th>
                                    {change.is_some().then(|| view! { <th scope="col"><span class="visually-hidden">{t!("application-unit-remove")}</span></th> })}
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </crate::components::table::ScrollTable>
                }
                    .into_any()
            }}
            {change.map(|c| view! {
                <form method="post" action=AddUnit::url() id="add-unit">
                    <input type="hidden" name="id" value=c.id/>
                    <input type="hidden" name="version" value=c.version/>
                    <div class="field">
                        <label for="add-unit-name">{tr(msg!("application-unit-name"))}</label>
                        <input id="add-unit-name" name="unit_name" type="text" required maxlength="200" value=given("added_name")/>
                    </div>
                    <div class="field">
                        <label for="add-unit-oid">{tr(msg!("application-unit-oid"))}</label>
                        <input id="add-unit-oid" name="unit_oid" type="text" required inputmode="decimal" autocomplete="off" value=given("added_oid")/>
                    </div>
                    <button type="submit" class="button button--secondary" id="add-unit-button">{t!("application-unit-add")}</button>
                </form>
            })}
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
                <input type="hidden" name="id" value=view.id/>
                <input type="hidden" name="version" value=view.version/>
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
                    <input type="hidden" name="id" value=view.id/>
                    <input type="hidden" name="version" value=view.version/>
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
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=version/>
            <input type="hidden" name="command" value=command.code()/>
            <button type="submit" class=if primary { "button button--primary" } else { "button button--secondary" }
                id=format!("command-{}", command.code())>
                {tr(command.message_id())}
            </button>
        </form>
    }
}

/// What has happened to the application, oldest first.
#[component]
pub fn Timeline(history: Vec<EventLine>) -> impl IntoView {
    let items = history
        .into_iter()
        .map(|e| {
            let what = tr(e.kind.map(crate::components::records::history_message).unwrap_or(msg!("history-other")));
            view! {
                <li class="timeline__item">
                    <p class="timeline__what">
                        <strong>{what}</strong>
                        {e.to.map(|s| view! { " → " <StateBadge state=s/> })}
                    </p>
                    <p class="timeline__when">{format!("{} · {}", e.at, e.who)}</p>
                    {e.comment.map(|c| view! { <blockquote>{c}</blockquote> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t!("timeline-heading")}</h2>
            <ol class="timeline" id="timeline">{items}</ol>
        </section>
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
                    <a class="button button--secondary" id="notice-pdf" href=format!("{}?id={}", crate::api::onboarding::NoticePdf::url(), id) download>
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
fn NoticeToSign(id: i32, version: i32, notice: crate::api::onboarding::NoticeShown) -> impl IntoView {
    view! {
        <pre class="message" id="notice-to-sign">{notice.text.clone()}</pre>
        <p class="hash">{t!("agreement-hash")} " " <code>{notice.hash.clone()}</code></p>
        <form method="post" action=crate::api::onboarding::GiveNotice::url()>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=version/>
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
