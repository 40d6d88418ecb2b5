//! The server binary as an operator runs it: bad configuration, `migrate`, serving, and SIGTERM.
use crate::common::{SERVER_BIN, free_port};
use std::{
    io::{Read, Write},
    net::TcpStream,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kanta_process_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply).ok()?;
    Some(reply)
}

fn wait_for_exit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn a_bad_setting_stops_start_up_with_a_message_naming_it() {
    let out = Command::new(SERVER_BIN).arg("serve").env("KANTA_LISTEN", "localhost").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("KANTA_LISTEN") && stderr.contains("127.0.0.1:3000"), "{stderr}");
}

#[test]
fn migrate_creates_the_sqlite_database_and_exits() {
    let dir = temp_dir("migrate");
    let db = dir.join("nested/kanta.db");
    let out = Command::new(SERVER_BIN)
        .arg("migrate")
        .env("KANTA_DATABASE_URL", format!("sqlite://{}?mode=rwc", db.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(db.exists(), "the database file and its folder are created");
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[test]
fn serves_health_and_stops_cleanly_on_sigterm() {
    let dir = temp_dir("serve");
    let port = free_port();
    let mut child = Command::new(SERVER_BIN)
        .arg("serve")
        .env("KANTA_LISTEN", format!("127.0.0.1:{port}"))
        .env("KANTA_DATABASE_URL", format!("sqlite://{}/kanta.db?mode=rwc", dir.display()))
        .env("KANTA_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let start = Instant::now();
    let health = loop {
        if let Some(reply) = http_get(port, "/healthz") {
            break reply;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "server did not answer");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#""database":"ok""#), "{health}");

    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = wait_for_exit(&mut child, Duration::from_secs(10)).expect("server still running 10 s after SIGTERM");
    assert!(status.success(), "exit status {status:?}");

    let mut logs = String::new();
    child.stdout.take().unwrap().read_to_string(&mut logs).unwrap();
    let lines: Vec<serde_json::Value> =
        logs.lines().map(|l| serde_json::from_str(l).expect("every log line is JSON")).collect();
    assert!(lines.iter().any(|l| l["fields"]["message"] == "serving"), "{logs}");
    assert!(lines.iter().any(|l| l["fields"]["message"] == "stopped"), "{logs}");
    let _ = std::fs::remove_dir_all(dir);
}
