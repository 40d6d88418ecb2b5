//! A sandbox mail server: a small SMTP receiver on loopback that keeps what arrives in memory,
//! and `/sandbox/mail` to read it (HTML for people, `?format=json` for tests). The product sends
//! to it over a real SMTP connection, as it would to a real relay. Recipients at
//! `undeliverable.example` are refused for good (550), as a real relay refuses an unknown mailbox.
use super::page::{document, escape, text};
use app::i18n::{Lang, lang_of_request};
use axum::{
    Json, Router,
    extract::{Query, State},
    http::HeaderMap,
    response::{Html, IntoResponse, Response},
    routing::get,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

#[derive(Clone, Debug, Serialize)]
pub struct CaughtMail {
    /// The Message-ID header as sent.
    pub message_id: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

#[derive(Clone, Default)]
pub struct Mailbox(Arc<Mutex<Vec<CaughtMail>>>, Arc<std::sync::atomic::AtomicBool>);

impl Mailbox {
    /// From now on the receiver answers every connection "421 service not available", as a
    /// relay in maintenance does, until `come_back`.
    pub fn go_down(&self) {
        self.1.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn come_back(&self) {
        self.1.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    fn is_down(&self) -> bool {
        self.1.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn push(&self, mail: CaughtMail) {
        if let Ok(mut all) = self.0.lock() {
            all.push(mail);
        }
    }

    pub fn all(&self) -> Vec<CaughtMail> {
        self.0.lock().map(|all| all.clone()).unwrap_or_default()
    }
}

/// The domain whose mailboxes the receiver refuses for good.
pub const UNDELIVERABLE_DOMAIN: &str = "undeliverable.example";

/// Starts the receiver on a free loopback port; returns its `smtp://` address.
pub fn start(mailbox: Mailbox) -> std::io::Result<String> {
    start_on(std::net::TcpListener::bind("127.0.0.1:0")?, mailbox, std::time::Duration::ZERO)
}

/// Starts the receiver on `listener`, taking `pace` to accept each message (a slow relay);
/// returns its `smtp://` address.
pub fn start_on(
    listener: std::net::TcpListener,
    mailbox: Mailbox,
    pace: std::time::Duration,
) -> std::io::Result<String> {
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let mailbox = mailbox.clone();
            tokio::spawn(async move {
                if let Err(error) = session(socket, mailbox, pace).await {
                    tracing::debug!(%error, "sandbox SMTP session");
                }
            });
        }
    });
    Ok(format!("smtp://{address}"))
}

/// One SMTP conversation (RFC 5321, the commands a client sends for plain delivery).
async fn session(socket: tokio::net::TcpStream, mailbox: Mailbox, pace: std::time::Duration) -> std::io::Result<()> {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    if mailbox.is_down() {
        return write.write_all(b"421 4.3.2 Service not available\r\n").await;
    }
    write.write_all(b"220 sandbox.kanta ESMTP\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-sandbox.kanta\r\n250 8BITMIME\r\n"
        } else if command.starts_with("HELO") || command.starts_with("MAIL FROM") || command == "NOOP" {
            b"250 OK\r\n"
        } else if command.starts_with("RSET") {
            to.clear();
            b"250 OK\r\n"
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end()[8..].trim().trim_start_matches('<').trim_end_matches('>').to_string();
            if address.to_ascii_lowercase().ends_with(&format!("@{UNDELIVERABLE_DOMAIN}")) {
                b"550 5.1.1 No such mailbox\r\n"
            } else {
                to.push(address);
                b"250 OK\r\n"
            }
        } else if command == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
            }
            tokio::time::sleep(pace).await;
            mailbox.push(parse(std::mem::take(&mut to), &data));
            b"250 OK: queued\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// The subject and the text of a plain message (8bit, quoted-printable or base64 body).
fn parse(to: Vec<String>, data: &str) -> CaughtMail {
    let (head, body) = data.split_once("\r\n\r\n").or_else(|| data.split_once("\n\n")).unwrap_or((data, ""));
    // Unfold continued header lines.
    let head = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let header = |name: &str| {
        head.lines()
            .find_map(|l| {
                l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string())
            })
            .unwrap_or_default()
    };
    let body = match header("Content-Transfer-Encoding").to_ascii_lowercase().as_str() {
        "base64" => STANDARD
            .decode(body.split_whitespace().collect::<String>())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default(),
        "quoted-printable" => quoted_printable(body),
        _ => body.to_string(),
    };
    CaughtMail {
        message_id: header("Message-ID"),
        to,
        subject: encoded_words(&header("Subject")),
        body: body.replace("\r\n", "\n"),
    }
}

fn quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "").replace("=\n", "");
    let mut bytes = Vec::new();
    let raw = text.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'='
            && i + 3 <= raw.len()
            && let Some(b) = std::str::from_utf8(&raw[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header.
fn encoded_words(value: &str) -> String {
    value
        .split_whitespace()
        .map(|word| {
            let parts: Vec<&str> = word.trim_start_matches("=?").trim_end_matches("?=").splitn(3, '?').collect();
            match (word.starts_with("=?"), parts.as_slice()) {
                (true, [_, encoding, data]) if encoding.eq_ignore_ascii_case("b") => {
                    STANDARD.decode(data).ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default()
                }
                (true, [_, encoding, data]) if encoding.eq_ignore_ascii_case("q") => {
                    quoted_printable(&data.replace('_', " "))
                }
                _ => format!(" {word} "),
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Deserialize)]
struct Format {
    format: Option<String>,
}

pub fn router(mailbox: Mailbox) -> Router {
    Router::new().route("/", get(page)).with_state(mailbox)
}

async fn page(State(mailbox): State<Mailbox>, Query(q): Query<Format>, headers: HeaderMap) -> Response {
    let all = mailbox.all();
    if q.format.as_deref() == Some("json") {
        return Json(all).into_response();
    }
    let lang: Lang = lang_of_request(&headers);
    let items: String = all
        .iter()
        .rev()
        .map(|m| {
            format!(
                "<article><h2>{}</h2><p><small>{}</small></p><pre style=\"white-space:pre-wrap\">{}</pre></article>",
                escape(&m.subject),
                escape(&m.to.join(", ")),
                escape(&m.body)
            )
        })
        .collect();
    let body = format!(
        "<p class=\"banner\">{}</p><h1>{}</h1>{}",
        text(lang, "sandbox-mail-banner"),
        text(lang, "sandbox-mail-heading"),
        if all.is_empty() { format!("<p>{}</p>", text(lang, "sandbox-mail-none")) } else { items }
    );
    Html(document(lang, &app::i18n::lookup(lang, "sandbox-mail-heading", None), &body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_headers_and_bodies_are_read() {
        assert_eq!(encoded_words("=?utf-8?b?SGFrZW11cyBww6Rpdml0ZXR0aWlu?="), "Hakemus päivitettiin");
        assert_eq!(quoted_printable("p=C3=A4iv=\r\nitetty"), "päivitetty");
        let mail = parse(vec!["a@b.fi".into()], "Subject: Hei\r\nContent-Transfer-Encoding: 8bit\r\n\r\nTeksti\r\n");
        assert_eq!((mail.subject.as_str(), mail.body.as_str()), ("Hei", "Teksti\n"));
    }
}
