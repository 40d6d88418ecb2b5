use server::config::Config;
use std::process::ExitCode;

const USAGE: &str = "usage: server [serve | migrate | remind]\n  serve    migrate the database, then serve the app (default)\n  migrate  bring the database schema up to date and exit\n  remind   send the reminders due today now (the server also does daily), print how many went";

#[tokio::main]
async fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_else(|| "serve".into());
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    server::init_logging(config.log_format);
    let result = match command.as_str() {
        "serve" => match leptos::config::get_configuration(None) {
            Ok(conf) => server::serve(config, conf.leptos_options).await,
            Err(e) => Err(format!("Leptos configuration: {e}").into()),
        },
        "migrate" => server::open_database(&config).await.map(|_| tracing::info!("database is up to date")),
        "remind" => server::remind(&config).await.map(|n| println!("{n} organisation(s) reminded")),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command {other:?}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
