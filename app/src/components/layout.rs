use super::language_switch::LanguageSwitch;
use leptos::prelude::*;

pub const SUPPORT_EMAIL: &str = "kanta@kanta.fi";

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
                    <a class="button button--secondary login-link" href="/login">{t!("login-link")}</a>
                </div>
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <section aria-labelledby="footer-support">
                    <h2 id="footer-support">{t!("footer-support-heading")}</h2>
                    <p>{t!("footer-support-text")}</p>
                    <p>
                        <a href=format!("mailto:{SUPPORT_EMAIL}")>{SUPPORT_EMAIL}</a>
                    </p>
                    <p>{t!("footer-support-hours")}</p>
                </section>
                <nav aria-labelledby="footer-about">
                    <h2 id="footer-about">{t!("footer-about-heading")}</h2>
                    <ul>
                        <li><a href="/accessibility">{t!("footer-accessibility")}</a></li>
                        <li><a href="/#support">{t!("footer-contact-form")}</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
