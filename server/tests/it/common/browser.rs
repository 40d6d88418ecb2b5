//! A minimal browser for the login flow: a cookie jar, redirects followed one by one (so tests
//! can stop at or alter any step), same-origin headers on form posts like a real browser sends.
use reqwest::{Client, StatusCode, redirect::Policy};

pub struct Browser {
    client: Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
    base: String,
    pub lang: &'static str,
}

pub struct Page {
    pub status: StatusCode,
    pub url: String,
    pub body: String,
    /// Every address the browser went through, the first request included.
    pub trail: Vec<String>,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("accept", "text/html,application/xhtml+xml,*/*;q=0.8".parse().unwrap());
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .default_headers(headers)
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap();
        Browser { client, jar, base: base.to_string(), lang: "fi" }
    }

    /// The value of cookie `name` as the browser would send it to the site.
    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let all = self.jar.cookies(&self.base.parse().unwrap())?;
        all.to_str().ok()?.split("; ").find_map(|c| c.strip_prefix(name)?.strip_prefix('=').map(String::from))
    }

    /// Sets a cookie as if the site had (`name=value`, for the whole site).
    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar.add_cookie_str(&format!("{name}={value}; Path=/"), &self.base.parse().unwrap());
    }

    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("http") { url.to_string() } else { format!("{}{url}", self.base) }
    }

    /// GET, following redirects.
    pub async fn get(&self, url: &str) -> Page {
        self.follow(self.client.get(self.absolute(url)), Vec::new()).await
    }

    /// A form POST from one of our pages, following redirects.
    pub async fn post_form(&self, url: &str, fields: &[(String, String)]) -> Page {
        let request = self.client.post(self.absolute(url)).header("origin", &self.base).form(fields);
        self.follow(request, Vec::new()).await
    }

    /// Calls a server function as the hydrated page does: a same-origin form POST answered in JSON.
    pub async fn call(&self, path: &str, fields: &(impl serde::Serialize + ?Sized)) -> (StatusCode, String) {
        let response = self
            .client
            .post(self.absolute(path))
            .header("origin", &self.base)
            .header("accept", "application/json")
            .form(fields)
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// Uploads one file as field `file` of a multipart form, as the hydrated page would; JSON answer.
    pub async fn upload(&self, path: &str, file_name: &str, content: impl AsRef<[u8]>) -> (StatusCode, String) {
        let response = self.multipart(path, file_name, content.as_ref()).header("accept", "application/json");
        let response = response.send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// Uploads one file as field `file` of a plain form (no JavaScript), following redirects.
    pub async fn upload_form(&self, path: &str, file_name: &str, content: impl AsRef<[u8]>) -> Page {
        self.follow(self.multipart(path, file_name, content.as_ref()), Vec::new()).await
    }

    fn multipart(&self, path: &str, file_name: &str, content: &[u8]) -> reqwest::RequestBuilder {
        let boundary = "kanta-test-boundary-7d2f";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.client
            .post(self.absolute(path))
            .header("origin", &self.base)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
    }

    /// `call`, for a server that may be gone: `None` when no answer came.
    pub async fn try_call(
        &self,
        path: &str,
        fields: &(impl serde::Serialize + ?Sized),
    ) -> Option<(StatusCode, String)> {
        let request =
            self.client.post(self.absolute(path)).header("origin", &self.base).header("accept", "application/json");
        let response = request.form(fields).send().await.ok()?;
        Some((response.status(), response.text().await.ok()?))
    }

    /// Calls a GET server function (a download) with its query.
    pub async fn call_get(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let response = self.client.get(self.absolute(path)).query(fields).send().await.unwrap();
        (response.status(), String::from_utf8_lossy(&response.bytes().await.unwrap()).into_owned())
    }

    /// Downloads a file as a link does (a GET navigation): the status, `Content-Type` and bytes.
    pub async fn download(&self, url: &str) -> (StatusCode, String, Vec<u8>) {
        let response = self.client.get(self.absolute(url)).send().await.unwrap();
        let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        (response.status(), kind, response.bytes().await.unwrap().to_vec())
    }

    /// Sends one request without following its redirect; returns the status and `Location`.
    pub async fn step(&self, url: &str) -> (StatusCode, String) {
        let response = self.client.get(self.absolute(url)).header("accept-language", self.lang).send().await.unwrap();
        let location = response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        (response.status(), location)
    }

    async fn follow(&self, mut request: reqwest::RequestBuilder, mut trail: Vec<String>) -> Page {
        for _ in 0..10 {
            let response = request.header("accept-language", self.lang).send().await.unwrap();
            let url = response.url().to_string();
            trail.push(url.clone());
            if response.status().is_redirection() {
                let location = response.headers()["location"].to_str().unwrap().to_string();
                let next = response.url().join(&location).unwrap();
                request = self.client.get(next);
                continue;
            }
            let status = response.status();
            let body = response.text().await.unwrap();
            return Page { status, url, body, trail };
        }
        panic!("too many redirects: {trail:?}");
    }
}

/// A call without fields.
pub const NO_FIELDS: &[(&str, &str)] = &[];

/// The form fields on a page: hidden inputs and the given choices, for posting it back.
pub fn form_fields(html: &str, choices: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for input in html.split("<input type=\"hidden\" ").skip(1) {
        let attr = |name: &str| {
            let start = input.find(&format!("{name}=\""))? + name.len() + 2;
            Some(unescape(&input[start..start + input[start..].find('"')?]))
        };
        if let (Some(name), Some(value)) = (attr("name"), attr("value")) {
            fields.push((name, value));
        }
    }
    fields.extend(choices.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    fields
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Logs in through the sandbox identity provider as a listed test person; returns the landing page.
pub async fn log_in(browser: &Browser, person: &str) -> Page {
    let chooser = browser.get("/auth/login?next=/").await;
    assert!(chooser.url.contains("/sandbox/idp/authorize?"), "{}", chooser.url);
    let fields = form_fields(&chooser.body, &[("person", person), ("method", "bank"), ("action", "identify")]);
    browser.post_form("/sandbox/idp/authorize", &fields).await
}

/// The mail the sandbox's SMTP receiver caught, once there are `count`, waiting a little for
/// the mailer.
pub async fn caught_mail(browser: &Browser, count: usize) -> Vec<serde_json::Value> {
    for _ in 0..100 {
        let page = browser.get("/sandbox/mail?format=json").await;
        let all: Vec<serde_json::Value> = serde_json::from_str(&page.body).unwrap();
        if all.len() >= count {
            return all;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{count} mails did not arrive");
}
