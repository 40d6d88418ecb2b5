//! Joint joining (`api::joint`): the main joiner's co-joiners on its application page, a
//! co-joiner's joint joinings on its dashboard, and the acceptance a co-joiner's acting person
//! signs (`/joint/<member>`). Plain forms: all of it works without JavaScript.
use crate::components::form::VersionFields;
use crate::{
    api::joint::{Accept, AcceptanceShown, CoJoinerLine, InviteCoJoiner, MembershipLine, RemoveCoJoiner, acceptance},
    components::{
        answered::Answered,
        application::StateBadge,
        posted::{PostedError, typed_again},
        route::route_id,
        title::PageTitle,
        wizard::ServerCopy,
    },
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};

/// The co-joiners an application names: each with whether it has signed, and while the
/// applicant may change the application (`change`), taken off or named one at a time.
#[component]
pub fn CoJoiners(co_joiners: Vec<CoJoinerLine>, change: Option<ServerCopy>) -> impl IntoView {
    let typed = typed_again("co-joiners").and_then(|q| q.get("co_joiner")).unwrap_or_default();
    let none = co_joiners.is_empty();
    let items = co_joiners
        .into_iter()
        .map(|c| {
            let who = c.name.map(|n| format!("{n} ({})", c.ytunnus)).unwrap_or(c.ytunnus);
            let status = match c.signed {
                Some((signer, at)) => t!("joint-signed-by", signer = signer, at = at),
                None => t!("joint-waiting"),
            };
            let remove = change.map(|copy| {
                view! {
                    <form method="post" action=RemoveCoJoiner::url() class="inline-form">
                        <VersionFields id=copy.id version=copy.version/>
                        <input type="hidden" name="member" value=c.id/>
                        <button type="submit" class="button button--secondary">{t!("joint-remove")}</button>
                    </form>
                }
            });
            view! { <li>{who} " – " {status} {remove}</li> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="co-joiners-heading" id="co-joiners">
            <h2 id="co-joiners-heading">{t!("joint-heading")}</h2>
            <p>{t!("joint-text")}</p>
            {if none {
                view! { <p id="no-co-joiners">{t!("joint-none")}</p> }.into_any()
            } else {
                view! { <ul id="co-joiner-list">{items}</ul> }.into_any()
            }}
            {change.map(|copy| view! {
                <form method="post" action=InviteCoJoiner::url() id="invite-co-joiner" class="form">
                    <VersionFields id=copy.id version=copy.version/>
                    <div class="field">
                        <label for="co-joiner">{t!("joint-ytunnus")}</label>
                        <input id="co-joiner" name="co_joiner" type="text" required autocomplete="off" value=typed.clone()/>
                    </div>
                    <button type="submit" class="button button--secondary" id="invite-co-joiner-button">{t!("joint-add")}</button>
                </form>
            })}
        </section>
    }
}

/// The joint joinings the acting organisation is a co-joiner in, for its dashboard: whose
/// connection point and information system it uses, and the acceptance to sign.
#[component]
pub fn Memberships(memberships: Vec<MembershipLine>) -> impl IntoView {
    let items = memberships
        .into_iter()
        .map(|m| {
            let link = format!("/joint/{}", m.member);
            let action = match m.signed.clone() {
                Some((signer, at)) => view! { <p>{t!("joint-signed-by", signer = signer, at = at)}</p> }.into_any(),
                None => view! { <p><a href=link.clone() class="button">{t!("joint-read-and-sign")}</a></p> }.into_any(),
            };
            view! {
                <li class="membership">
                    <p>
                        <a href=link>{m.services.names(tr)}</a> " · " <StateBadge state=m.state/>
                    </p>
                    <MembershipFacts membership=m.clone()/>
                    {action}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="memberships-heading" id="memberships">
            <h2 id="memberships-heading">{t!("joint-memberships-heading")}</h2>
            <ul class="plain-list">{items}</ul>
        </section>
    }
}

/// Whose joint joining it is, and the connection point and systems the co-joiner uses.
#[component]
fn MembershipFacts(membership: MembershipLine) -> impl IntoView {
    let systems = if membership.systems.is_empty() { t!("joint-systems-none") } else { membership.systems.join(", ") };
    view! {
        <dl class="facts">
            <dt>{t!("joint-main")}</dt>
            <dd class="joint-main">{format!("{} ({})", membership.main, membership.main_ytunnus)}</dd>
            <dt>{t!("joint-connection-point")}</dt>
            <dd class="joint-connection-point">{t!("joint-connection-point-of", main = membership.main.clone(), oid = membership.main_oid.clone())}</dd>
            <dt>{t!("joint-systems")}</dt>
            <dd class="joint-systems">{systems}</dd>
        </dl>
    }
}

/// `/joint/<member>`: the acceptance a co-joiner's acting person reads and signs, or, once
/// signed, who signed it.
#[component]
pub fn JointAcceptance() -> impl IntoView {
    let data = Resource::new_blocking(route_id(), acceptance);
    view! { <Answered heading=msg!("joint-acceptance-heading") data page=|shown| view! { <AcceptancePage shown/> }/> }
}

#[component]
fn AcceptancePage(shown: AcceptanceShown) -> impl IntoView {
    let m = shown.membership.clone();
    view! {
        <PageTitle text=t!("joint-acceptance-heading")/>
        <h1 id="joint-heading">{t!("joint-acceptance-heading")}</h1>
        <p class="lead">{m.services.names(tr)} " · " <StateBadge state=m.state/></p>
        <PostedError/>
        <section class="card" aria-labelledby="joint-facts-heading">
            <h2 id="joint-facts-heading">{t!("joint-facts-heading")}</h2>
            <MembershipFacts membership=m.clone()/>
        </section>
        <section class="card" aria-labelledby="joint-sign-heading" id="acceptance">
            <h2 id="joint-sign-heading">{t!("joint-sign-heading")}</h2>
            {match m.signed.clone() {
                Some((signer, at)) => view! { <p id="joint-signed">{t!("joint-signed-by", signer = signer, at = at)}</p> }.into_any(),
                None if !shown.may_sign => view! { <p id="joint-not-permitted">{t!("joint-not-permitted")}</p> }.into_any(),
                None => view! {
                    <pre class="message" id="acceptance-text">{shown.text.clone()}</pre>
                    <p class="hash">{t!("agreement-hash")} " " <code>{shown.hash.clone()}</code></p>
                    <form method="post" action=Accept::url()>
                        <input type="hidden" name="member" value=m.member/>
                        <input type="hidden" name="hash" value=shown.hash.clone()/>
                        <button type="submit" class="button" id="joint-sign">{t!("joint-sign")}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
