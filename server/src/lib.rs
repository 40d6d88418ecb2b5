//! The axum server: routes, middleware and the process around the Leptos app.
mod assets;
pub mod auth;
pub mod config;
pub mod keys;
pub mod limits;
mod offline;
mod refused_form;
pub mod sandbox;
pub mod seed;
mod web;

pub use web::{AppState, router};

use config::{Config, LogFormat};
use leptos::config::LeptosOptions;
use tracing_subscriber::EnvFilter;

pub fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// Opens the database named by the configuration, creating the SQLite folder if needed.
pub async fn open_database(config: &Config) -> Result<sea_orm::DatabaseConnection, Box<dyn std::error::Error>> {
    if let Some(dir) = config.sqlite_dir() {
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    Ok(app::backend::connect_and_migrate(&config.database_url).await?)
}

/// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
pub async fn serve(config: Config, mut options: LeptosOptions) -> Result<(), Box<dyn std::error::Error>> {
    assets::use_hashed_names_if_built(&mut options);
    let db = open_database(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let address = listener.local_addr()?;
    let state = app_state(&config, options, db, address)?;
    tracing::info!(%address, sandbox = state.sandbox.is_some(), "serving");
    limits::serve::serve(listener, router(state), config.limits, shutdown_signal()).await;
    tracing::info!("stopped");
    Ok(())
}

/// Sends the reminders due today once, as the running server does daily; answers how many
/// organisations were reminded. The mail waits in the outbox for the running server's mailer; the
/// registers are asked at their configured addresses (with the sandbox: the running server's).
pub async fn remind(config: &Config) -> Result<usize, Box<dyn std::error::Error>> {
    let db = open_database(config).await?;
    let public_url = public_url(config, config.listen)?;
    let registries = registries(&config.registries, &public_url);
    let today = app::domain::calendar::today();
    Ok(app::backend::reminders::run_today(&db, &registries, &mail_settings(config, &public_url), today).await?)
}

/// Adds the benchmark's data (see [`seed`]) to the configured database, migrating it first.
pub async fn seed(config: &Config, volume: seed::Volume) -> Result<seed::Seeded, Box<dyn std::error::Error>> {
    if config.environment == config::Environment::Production {
        return Err("seed writes fictional data: refused in production".into());
    }
    let db = open_database(config).await?;
    Ok(seed::seed(&db, volume).await?)
}

/// Where browsers reach the site: as configured, else the address we listen on.
fn public_url(config: &Config, address: std::net::SocketAddr) -> Result<url::Url, String> {
    match &config.public_url {
        Some(url) => Ok(url.clone()),
        None => url::Url::parse(&format!("http://{address}")).map_err(|e| e.to_string()),
    }
}

/// Mail settings from the configuration; `smtp_url` as configured (empty for the sandbox's,
/// which only a serving process starts).
fn mail_settings(config: &Config, public_url: &url::Url) -> app::backend::mail::MailSettings {
    app::backend::mail::MailSettings {
        smtp_url: config.smtp_url.clone().unwrap_or_default(),
        from: config.mail_from.clone(),
        site_url: public_url.as_str().trim_end_matches('/').to_string(),
        retry: config.mail_retry,
    }
}

/// Everything the routes share. `address` is where we listen, the public URL's default.
pub fn app_state(
    config: &Config,
    options: LeptosOptions,
    db: sea_orm::DatabaseConnection,
    address: std::net::SocketAddr,
) -> Result<AppState, String> {
    let public_url = public_url(config, address)?;
    let auth = auth::new_auth(config, &public_url)?;
    let registries = registries(&config.registries, &public_url);
    let mailbox = sandbox::mail::Mailbox::default();
    let sandbox = config.sandbox.then(|| {
        sandbox::router(
            &public_url,
            &config.oidc.client_id,
            config.sandbox_idp,
            &config.registries.mandates_client_id,
            mailbox.clone(),
        )
    });
    let smtp_url = match &config.smtp_url {
        Some(url) => url.clone(),
        None => sandbox::mail::start(mailbox).map_err(|e| format!("sandbox mail server: {e}"))?,
    };
    let mail = app::backend::mail::MailSettings { smtp_url, ..mail_settings(config, &public_url) };
    let mailer_wake = app::backend::mail::MailerWake::default();
    tokio::spawn(app::backend::mail::run_mailer(
        db.clone(),
        mail.clone(),
        mailer_wake.clone(),
        // Mail another instance queued (or `server remind`) waits at most this long.
        std::time::Duration::from_secs(5),
    ));
    if config.scheduled_jobs {
        tokio::spawn(app::backend::reminders::run(
            db.clone(),
            registries.clone(),
            mail.clone(),
            mailer_wake.clone(),
            std::time::Duration::from_secs(24 * 60 * 60),
        ));
    }
    let service_worker = offline::ServiceWorker::for_site(&options);
    let rate_limiters = limits::rate::Limiters::new(&config.rate_limits, auth.session_cookie());
    Ok(AppState {
        leptos_options: options,
        db,
        auth,
        registries,
        sandbox,
        public_url,
        service_worker,
        staff: app::api::context::StaffMembers(config.staff.clone()),
        mail,
        mailer_wake,
        limits: config.limits,
        rate_limiters,
    })
}

/// The registry clients, over HTTP to the configured registers or the sandbox's.
fn registries(config: &config::RegistriesConfig, public_url: &url::Url) -> app::backend::registry::Registries {
    use app::backend::registry::*;
    use std::sync::Arc;
    let url = |configured: &Option<String>, service: &str| {
        configured.clone().unwrap_or_else(|| sandbox::base_url(public_url, service))
    };
    Registries {
        trade_register: Arc::new(HttpTradeRegister::new(&url(&config.trade_register, "trade-register"))),
        professional_register: Arc::new(HttpProfessionalRegister::new(&url(
            &config.professional_register,
            "professional-register",
        ))),
        code_service: {
            let http: Arc<dyn CodeService> = Arc::new(HttpCodeService::new(&url(&config.code_service, "code-service")));
            match config.cache_for.is_zero() {
                true => http,
                false => Arc::new(cached::CachedCodeService::new(http, config.cache_for)),
            }
        },
        mandates: Arc::new(HttpMandates::new(MandatesConfig {
            base_url: url(&config.mandates, "valtuudet"),
            client_id: config.mandates_client_id.clone(),
            client_secret: config.mandates_client_secret.clone(),
            oauth_secret: config.mandates_oauth_secret.clone(),
        })),
        pharmacy_register: Arc::new(HttpPharmacyRegister::new(&url(&config.pharmacy_register, "pharmacy-register"))),
        recheck_after: config.recheck_after,
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "no SIGTERM handler");
                std::future::pending::<()>().await
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
