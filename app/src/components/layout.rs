use super::{language_switch::LanguageSwitch, session::SessionControls};
use leptos::prelude::*;

/// A `mailto:` link to customer support; the address is a message, like every visible text.
#[component]
pub fn SupportEmail() -> impl IntoView {
    let address = t!("support-email-address");
    view! { <a href=format!("mailto:{address}")>{address.clone()}</a> }
}

/// The frame of every page: skip link, header, main content, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t!("skip-to-content")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href="/">{t!("service-name")}</a>
                <div class="site-header__tools">
                    <LanguageSwitch/>
                    <SessionControls/>
                </div>
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <section aria-labelledby="footer-support">
                    <h2 id="footer-support">{t!("footer-support-heading")}</h2>
                    <p>{t!("footer-support-text")}</p>
                    <p><SupportEmail/></p>
                    <p>{t!("footer-support-hours")}</p>
                </section>
                <nav aria-labelledby="footer-about">
                    <h2 id="footer-about">{t!("footer-about-heading")}</h2>
                    <ul>
                        <li><a href="/materials">{t!("materials-link")}</a></li>
                        <li><a href="/accessibility">{t!("footer-accessibility")}</a></li>
                        <li><a href="/terms">{t!("footer-terms")}</a></li>
                        <li><a href="/privacy">{t!("footer-privacy")}</a></li>
                        <li><a href="/storage">{t!("footer-storage")}</a></li>
                        <li><a href="/#support">{t!("footer-contact-form")}</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
