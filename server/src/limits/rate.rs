//! Rate limits per client address or per session, on what costs us or others: starting and
//! finishing a login, the anonymous support form, the buttons that call the registers, and the
//! staff's billing import. GCRA buckets from `governor`, kept in this process: with several
//! instances behind a load balancer, a client meets each instance's limit separately.
use super::refusal::refuse;
use app::error::AppError;
use axum::{
    extract::{ConnectInfo, Request, State},
    http::HeaderName,
    middleware::Next,
    response::Response,
};
use governor::{Quota, RateLimiter, clock::Clock};
use std::{
    net::{IpAddr, SocketAddr},
    num::NonZeroU32,
    sync::{Arc, Mutex},
};

/// What is limited, and whose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// `/auth/login` and `/auth/callback`, per address (no session yet).
    Login,
    /// The anonymous support form, per address.
    Support,
    /// Buttons that ask the trade register, e-Authorizations or the code service, per session.
    Registers,
    /// The staff's billing import, per session.
    Import,
}

impl Class {
    /// The class of a request to `path`, if it is limited.
    pub fn of(path: &str) -> Option<Class> {
        match path {
            "/auth/login" | "/auth/callback" => Some(Class::Login),
            "/api/support/send" => Some(Class::Support),
            "/api/acting/choose"
            | "/api/acting/choices"
            | "/api/organisation/check-code-service"
            | "/api/applications/add-unit"
            | "/api/customer-data/technical-add"
            | "/auth/mandates" => Some(Class::Registers),
            "/api/staff/billing-import" => Some(Class::Import),
            _ => None,
        }
    }

    fn per_session(self) -> bool {
        matches!(self, Class::Registers | Class::Import)
    }
}

/// The configured limits: requests per minute for each class (0: no limit), and the header a
/// proxy in front of us puts the client's address in.
#[derive(Clone, Debug)]
pub struct RateLimits {
    pub login: u32,
    pub support: u32,
    pub registers: u32,
    pub import: u32,
    /// E.g. `X-Forwarded-For`: its last address is the client's. Unset: the connection's peer.
    pub trusted_header: Option<HeaderName>,
}

type Bucket = governor::DefaultKeyedRateLimiter<String>;

/// The buckets of one process, and how to tell clients apart.
pub struct Limiters {
    login: Option<Bucket>,
    support: Option<Bucket>,
    registers: Option<Bucket>,
    import: Option<Bucket>,
    trusted_header: Option<HeaderName>,
    session_cookie: &'static str,
    tidied: Mutex<Option<std::time::Instant>>,
}

/// Past this many keys a bucket forgets the clients that are back at full allowance.
const FORGET_AFTER_KEYS: usize = 10_000;

impl Limiters {
    pub fn new(limits: &RateLimits, session_cookie: &'static str) -> Arc<Limiters> {
        let bucket = |per_minute: u32| NonZeroU32::new(per_minute).map(|n| RateLimiter::keyed(Quota::per_minute(n)));
        Arc::new(Limiters {
            login: bucket(limits.login),
            support: bucket(limits.support),
            registers: bucket(limits.registers),
            import: bucket(limits.import),
            trusted_header: limits.trusted_header.clone(),
            session_cookie,
            tidied: Mutex::new(None),
        })
    }

    fn bucket(&self, class: Class) -> Option<&Bucket> {
        match class {
            Class::Login => self.login.as_ref(),
            Class::Support => self.support.as_ref(),
            Class::Registers => self.registers.as_ref(),
            Class::Import => self.import.as_ref(),
        }
    }

    /// The client's address: the peer, or behind a trusted proxy the last address its header
    /// lists (the one our proxy added; those before it the client may have written itself).
    /// Without a readable header, the peer (the proxy itself), never an empty key.
    fn address(&self, request: &Request) -> Option<IpAddr> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let Some(name) = &self.trusted_header else {
            return peer;
        };
        let forwarded = request
            .headers()
            .get_all(name)
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|a| parse_address(a.trim()));
        if forwarded.is_none() {
            tracing::warn!(header = %name, "no client address in the trusted proxy header; counting the peer's");
        }
        forwarded.or(peer)
    }

    /// Whose allowance a request of `class` uses: its session's, or its address's (an IPv6
    /// client by its /64, which one subscriber usually holds whole).
    fn key(&self, class: Class, request: &Request) -> String {
        let session =
            class.per_session().then(|| app::request::cookie(request.headers(), self.session_cookie)).flatten();
        // A server listening on `[::]` sees IPv4 clients as `::ffff:a.b.c.d`.
        let address = self.address(request).map(|a| a.to_canonical());
        match (session, address) {
            (Some(token), _) => format!("session:{token}"),
            (None, Some(IpAddr::V6(v6))) => {
                let s = v6.segments();
                format!("address:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            (None, Some(address)) => format!("address:{address}"),
            (None, None) => "address:unknown".into(),
        }
    }

    /// Forgets clients back at full allowance, at most once a minute, once there are many.
    fn tidy(&self, bucket: &Bucket) {
        if bucket.len() <= FORGET_AFTER_KEYS {
            return;
        }
        let now = std::time::Instant::now();
        let Ok(mut last) = self.tidied.lock() else { return };
        if last.is_none_or(|at| now.duration_since(at) > std::time::Duration::from_secs(60)) {
            *last = Some(now);
            bucket.retain_recent();
        }
    }
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:5000`, `2001:db8::1`, `[2001:db8::1]:5000`.
fn parse_address(text: &str) -> Option<IpAddr> {
    text.parse::<IpAddr>().ok().or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// Answers 429 with `Retry-After` once a client has used its allowance of the request's class.
pub async fn limit(State(limiters): State<Arc<Limiters>>, request: Request, next: Next) -> Response {
    let Some(class) = Class::of(request.uri().path()) else {
        return next.run(request).await;
    };
    let Some(bucket) = limiters.bucket(class) else {
        return next.run(request).await;
    };
    limiters.tidy(bucket);
    match bucket.check_key(&limiters.key(class, &request)) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(governor::clock::DefaultClock::default().now());
            let retry_after = u32::try_from(wait.as_secs() + 1).unwrap_or(u32::MAX);
            tracing::warn!(?class, retry_after, "rate limit reached");
            refuse(AppError::TooMany { retry_after })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_write_addresses_with_or_without_a_port() {
        assert_eq!(parse_address("192.0.2.1"), "192.0.2.1".parse().ok());
        assert_eq!(parse_address("192.0.2.1:5000"), "192.0.2.1".parse().ok());
        assert_eq!(parse_address("[2001:db8::1]:5000"), "2001:db8::1".parse().ok());
        assert_eq!(parse_address("2001:db8::1"), "2001:db8::1".parse().ok());
        assert_eq!(parse_address("unknown"), None);
    }

    fn request(peer: &str, forwarded: &[&str]) -> Request {
        let mut request = Request::get("/api/support/send");
        for line in forwarded {
            request = request.header("x-forwarded-for", *line);
        }
        let mut request = request.body(axum::body::Body::empty()).unwrap();
        request.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        request
    }

    #[test]
    fn clients_are_told_apart_by_the_address_our_proxy_saw() {
        let limits = |header: Option<&str>| RateLimits {
            login: 1,
            support: 1,
            registers: 1,
            import: 1,
            trusted_header: header.map(|h| HeaderName::try_from(h).unwrap()),
        };
        let behind_proxy = Limiters::new(&limits(Some("x-forwarded-for")), "kanta_session");
        let key = |peer, lines: &[&str]| behind_proxy.key(Class::Support, &request(peer, lines));
        // The last line's last address is the one our proxy added; a forged first line is ignored.
        assert_eq!(key("10.0.0.1:1", &["6.6.6.6", "198.51.100.7, 203.0.113.5:4431"]), "address:203.0.113.5");
        // An IPv6 client counts by its /64; an IPv4 one written as IPv6 by its IPv4 address.
        assert_eq!(key("10.0.0.1:1", &["2001:db8:1:2:aaaa::1"]), "address:2001:db8:1:2::/64");
        assert_eq!(key("10.0.0.1:1", &["::ffff:192.0.2.9"]), "address:192.0.2.9");
        // No readable address: the peer's, never one key for everyone.
        assert_eq!(key("10.0.0.1:1", &["unknown"]), "address:10.0.0.1");
        let direct = Limiters::new(&limits(None), "kanta_session");
        assert_eq!(direct.key(Class::Support, &request("[::ffff:192.0.2.8]:9", &["6.6.6.6"])), "address:192.0.2.8");
    }
}
