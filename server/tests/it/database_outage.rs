//! PostgreSQL stopped and started again under traffic, as in a failover or a restart: the server
//! answers 503 meanwhile, and serves again once the database is back, without a restart. The
//! test runs its own throwaway PostgreSQL cluster, which it stops and starts.
use crate::common::SERVER_BIN;
use crate::common::api::{SendSupportRequest, ServerFn};
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// A PostgreSQL cluster in a temporary folder, run as `postgres` when the tests run as root.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

fn as_postgres(program: &Path) -> Command {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

impl Cluster {
    fn new() -> Cluster {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (.ci/setup.sh)")
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .filter(|b| b.join("initdb").exists())
            .max()
            .expect("an initdb");
        let port = crate::common::free_port();
        let dir = std::env::temp_dir().join(format!("kanta_outage_{}_{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        if Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n")) {
            assert!(Command::new("chown").arg("postgres").arg(&dir).status().unwrap().success());
        }
        let out = as_postgres(&bin.join("initdb"))
            .args(["-D", &format!("{}/data", dir.display()), "-U", "kanta", "--auth=trust", "--encoding=UTF8"])
            .output()
            .unwrap();
        assert!(out.status.success(), "initdb: {}", String::from_utf8_lossy(&out.stderr));
        let cluster = Cluster { bin, dir, port };
        cluster.start();
        cluster
    }

    fn pg_ctl(&self, args: &[&str]) {
        let data = format!("{}/data", self.dir.display());
        let options = format!(
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={} -c fsync=off",
            self.port,
            self.dir.display()
        );
        let log = format!("{}/server.log", self.dir.display());
        let out = as_postgres(&self.bin.join("pg_ctl"))
            .args(["-D", &data, "-l", &log, "-o", &options, "-w"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "pg_ctl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn start(&self) {
        self.pg_ctl(&["start"]);
    }

    fn stop(&self) {
        self.pg_ctl(&["-m", "fast", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://kanta@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = format!("{}/data", self.dir.display());
        let _ = as_postgres(&self.bin.join("pg_ctl")).args(["-D", &data, "-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The status and body of a support request sent to `base` (a write), and of `/healthz`.
async fn statuses(client: &reqwest::Client, base: &str) -> (u16, u16) {
    let form = [
        ("name", "Aino Virtanen"),
        ("email", "aino@lahiklinikka.example"),
        ("organisation", ""),
        ("topic", "mandates"),
        ("message", "Valtuus ei näy organisaatiovalinnassa."),
    ];
    let send = client.post(format!("{base}{}", SendSupportRequest::PATH)).form(&form).send().await.unwrap();
    let health = client.get(format!("{base}/healthz")).send().await.unwrap();
    (send.status().as_u16(), health.status().as_u16())
}

/// Asks until `want` comes, for up to `limit`; what came last.
async fn until(client: &reqwest::Client, base: &str, want: (u16, u16), limit: Duration) -> (u16, u16) {
    let start = Instant::now();
    loop {
        let got = statuses(client, base).await;
        if got == want || start.elapsed() > limit {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_answers_503_while_postgres_is_down_and_recovers_without_a_restart() {
    let cluster = Cluster::new();
    let port = crate::common::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = Server(
        Command::new(SERVER_BIN)
            .arg("serve")
            .env("KANTA_LISTEN", format!("127.0.0.1:{port}"))
            .env("KANTA_DATABASE_URL", cluster.url())
            .env("RUST_LOG", "off")
            .env("KANTA_RATE_SUPPORT_PER_MINUTE", "0")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let client = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().unwrap();
    let start = Instant::now();
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(statuses(&client, &base).await, (200, 200));

    cluster.stop();
    let asked = Instant::now();
    assert_eq!(until(&client, &base, (503, 503), Duration::from_secs(15)).await, (503, 503));
    eprintln!("503 within {:?} of the database stopping", asked.elapsed());
    // A page that needs no database still answers.
    assert_eq!(client.get(format!("{base}/")).send().await.unwrap().status().as_u16(), 200);

    cluster.start();
    let asked = Instant::now();
    assert_eq!(until(&client, &base, (200, 200), Duration::from_secs(30)).await, (200, 200));
    eprintln!("serving again {:?} after the database started", asked.elapsed());
}
