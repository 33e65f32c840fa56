//! `basma` — serve (default), `basma migrate`, `basma create-admin --email E --password P [--name N]`,
//! `basma openapi` (prints the OpenAPI document; needs no configuration).

use basma::startup::{self, Application};
use basma::{Settings, telemetry};
use basma_domain::ports::{Clock, SystemClock};
use basma_persistence::SqlUserRepository;
use std::process::ExitCode;

const USAGE: &str = "usage: basma [serve | migrate | create-admin --email EMAIL --password PASSWORD [--name NAME] | openapi]";

fn main() -> ExitCode {
    // Before settings and logging: the document needs neither, and stdout must hold only it.
    if std::env::args().nth(1).as_deref() == Some("openapi") {
        return match basma_http::docs::json() {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("basma: cannot write the OpenAPI document: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let _guard = match telemetry::init(&settings) {
        Ok(guard) => guard,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(settings, &args));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!(error = %message, "basma stopped");
            eprintln!("basma: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(settings: Settings, args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        None | Some("serve") => {
            let app = Application::build(settings)
                .await
                .map_err(|e| e.to_string())?;
            app.run_until_stopped().await.map_err(|e| e.to_string())
        }
        Some("migrate") => {
            startup::open_store(&settings)
                .await
                .map_err(|e| e.to_string())?;
            println!("migrations applied");
            Ok(())
        }
        Some("create-admin") => create_admin(settings, &args[1..]).await,
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

async fn create_admin(settings: Settings, args: &[String]) -> Result<(), String> {
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let email = flag("--email")
        .or_else(|| settings.admin_email.clone())
        .ok_or(USAGE)?;
    let password = flag("--password")
        .or_else(|| {
            settings
                .admin_password
                .as_ref()
                .map(|p| p.expose().to_owned())
        })
        .ok_or(USAGE)?;
    let name = flag("--name").unwrap_or_else(|| "Super Admin".to_owned());
    let store = startup::open_store(&settings)
        .await
        .map_err(|e| e.to_string())?;
    let users = SqlUserRepository::new(store.connection().clone());
    let hasher = basma_credentials::BcryptHasher::new(
        settings.bcrypt_cost,
        settings.password_pepper.expose(),
    );
    let user = basma_domain::services::bootstrap::create_admin(
        &users,
        &hasher,
        &name,
        &email,
        &password,
        SystemClock.now(),
    )
    .await
    .map_err(|e| e.to_string())?;
    println!("created SUPER_ADMIN {} ({})", user.email, user.id);
    Ok(())
}
