use server::config::Config;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server [serve | migrate | remind | seed [--organisations N] [--years Y]]\n  serve    migrate the database, then serve the app (default)\n  migrate  bring the database schema up to date and exit\n  remind   send the reminders due today now (the server also does daily), print how many went\n  seed     add realistic data for N organisations (10000) over Y years (3): per organisation\n           5 applications, 10 invoices, 100 audit events; for benchmarks, never production";

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
        "seed" => match seed_volume(std::env::args().skip(2)) {
            Ok(volume) => server::seed(&config, volume).await.map(|s| {
                println!(
                    "seeded {} organisations, {} applications, {} invoices, {} audit events",
                    s.organisations, s.applications, s.invoices, s.audit_events
                )
            }),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                return ExitCode::from(2);
            }
        },
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

/// `--organisations N --years Y`, each optional.
fn seed_volume(mut args: impl Iterator<Item = String>) -> Result<server::seed::Volume, String> {
    let mut volume = server::seed::Volume::default();
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u32>().ok()).filter(|n| *n > 0);
        match (flag.as_str(), value) {
            ("--organisations", Some(n)) => volume.organisations = n as usize,
            ("--years", Some(n)) => volume.years = n,
            _ => return Err(format!("bad seed argument {flag:?}: give --organisations or --years a positive number")),
        }
    }
    Ok(volume)
}
