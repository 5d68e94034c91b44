//! Browser sign-in: `GET/POST /oauth/authorize` and `grant_type=authorization_code`. The code
//! grant with PKCE, the implicit grant, every refusal (error page or redirected error), CSRF and
//! anti-framing headers, lockout and the IP allowlist, `target` and the organization choice, and
//! CORS for browser apps on other origins.

use orgtrust_api::codes;
use orgtrust_core::net::parse_cidr_list;
use orgtrust_core::Settings;
use reqwest::redirect::Policy;
use serde_json::json;

use crate::helpers::{demo, read, Reply, TestApp, DEMO};
use crate::orgauthorization_support::acme_trusts_partner;
use crate::trust_sign_in::PAT_PASSWORD;

const REDIRECT: &str = "http://127.0.0.1:9/app/callback";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const PAT: &str = "pat@partner.example";

/// Query or form fields.
type Fields<'a> = Vec<(&'a str, &'a str)>;

/// A browser: no redirects followed, the CSRF cookie carried by hand.
struct Browser<'a> {
    t: &'a TestApp,
    http: reqwest::Client,
    cookie: Option<String>,
    forwarded_for: Option<&'static str>,
}

/// A page: status, headers, HTML.
struct Page {
    status: u16,
    headers: reqwest::header::HeaderMap,
    html: String,
}

impl Page {
    fn location(&self) -> String {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }

    /// The value of the hidden input `name`.
    fn hidden(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.html.find(&marker)? + marker.len();
        let end = self.html[start..].find('"')? + start;
        Some(self.html[start..end].replace("&amp;", "&"))
    }
}

/// The parameters of a redirect (query, or fragment for the implicit grant).
fn redirect_params(location: &str) -> Vec<(String, String)> {
    let part = location
        .split_once('#')
        .map(|(_, f)| f)
        .or_else(|| location.split_once('?').map(|(_, q)| q))
        .unwrap_or("");
    serde_urlencoded::from_str(part).expect("redirect parameters")
}

fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

impl<'a> Browser<'a> {
    fn new(t: &'a TestApp) -> Self {
        Self {
            t,
            http: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .expect("client"),
            cookie: None,
            forwarded_for: None,
        }
    }

    async fn page(&mut self, req: reqwest::RequestBuilder) -> Page {
        let mut req = req;
        if let Some(c) = &self.cookie {
            req = req.header("cookie", format!("orgtrust_signin={c}"));
        }
        if let Some(ip) = self.forwarded_for {
            req = req.header("x-forwarded-for", ip);
        }
        let resp = req.send().await.expect("send");
        let headers = resp.headers().clone();
        if let Some(set) = headers.get("set-cookie").and_then(|v| v.to_str().ok()) {
            let value = set
                .split(';')
                .next()
                .and_then(|kv| kv.strip_prefix("orgtrust_signin="))
                .expect("the CSRF cookie");
            self.cookie = Some(value.to_owned());
        }
        Page {
            status: resp.status().as_u16(),
            headers,
            html: resp.text().await.expect("body"),
        }
    }

    async fn authorize(&mut self, query: &[(&str, &str)]) -> Page {
        let req = self
            .http
            .get(format!("{}/oauth/authorize", self.t.base))
            .query(query);
        self.page(req).await
    }

    /// Posts the form of `page` with the extra fields (hidden fields carried over).
    async fn submit(&mut self, page: &Page, extra: &[(&str, &str)]) -> Page {
        let mut form: Vec<(String, String)> = Vec::new();
        for name in [
            "csrf",
            "ticket",
            "response_type",
            "client_id",
            "redirect_uri",
            "state",
            "code_challenge",
            "code_challenge_method",
            "target",
        ] {
            if let Some(v) = page.hidden(name) {
                form.push((name.to_owned(), v));
            }
        }
        for (k, v) in extra {
            form.push(((*k).to_owned(), (*v).to_owned()));
        }
        let req = self
            .http
            .post(format!("{}/oauth/authorize", self.t.base))
            .form(&form);
        self.page(req).await
    }

    /// Signs in from the sign-in page of `query`; the response to the form.
    async fn sign_in(&mut self, query: &[(&str, &str)], user: &str, password: &str) -> Page {
        let form = self.authorize(query).await;
        assert_eq!(form.status, 200, "{}", form.html);
        self.submit(&form, &[("username", user), ("password", password)])
            .await
    }
}

/// Registers a browser client of Partner Co for `grant` with the test redirect URI.
async fn partner_client(t: &TestApp, grant: &str, uris: &[&str]) -> (String, String) {
    let partner = t.partner_admin().await;
    let created = t
        .post(
            "/api/v2/oauth/clients",
            &partner,
            json!({"name": format!("Browser app {grant}"), "authorizedGrantType": grant,
                   "registeredRedirectUri": uris, "roleDivisions": []}),
        )
        .await
        .expect(200);
    (
        created.body["id"].as_str().expect("id").to_owned(),
        created.body["secret"].as_str().unwrap_or("").to_owned(),
    )
}

fn pkce_query(client: &str) -> Vec<(&str, &str)> {
    vec![
        ("response_type", "code"),
        ("client_id", client),
        ("redirect_uri", REDIRECT),
        ("state", "st&te 1"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ]
}

async fn exchange(t: &TestApp, fields: &[(&str, &str)]) -> Reply {
    t.token_request(None, fields).await
}

async fn pkce_exchange(t: &TestApp, client: &str, code: &str) -> Reply {
    exchange(
        t,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("code_verifier", VERIFIER),
            ("client_id", client),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await
}

/// A code from a PKCE sign-in of Pat (no trust: straight back to the app).
async fn pat_code(t: &TestApp, client: &str) -> String {
    let mut b = Browser::new(t);
    let back = b.sign_in(&pkce_query(client), PAT, PAT_PASSWORD).await;
    assert_eq!(back.status, 303, "{}", back.html);
    param(&redirect_params(&back.location()), "code").expect("code")
}

#[tokio::test]
async fn pkce_code_grant_signs_in_and_the_code_is_single_use() {
    let t = TestApp::spawn().await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let mut b = Browser::new(&t);
    let form = b.authorize(&pkce_query(&client)).await;
    assert_eq!(form.status, 200);
    assert!(form.html.contains("<label for=\"username\">Email</label>"));
    assert!(form
        .html
        .contains("<label for=\"password\">Password</label>"));
    assert!(form.html.contains("Browser app CODE"));
    assert!(!form.html.contains("<script"));
    assert_eq!(form.headers["x-frame-options"], "DENY");
    let csp = form.headers["content-security-policy"]
        .to_str()
        .expect("csp");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(form.headers["cache-control"], "no-store");
    let cookie = form.headers["set-cookie"].to_str().expect("cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    // The form token is not the cookie itself.
    assert_ne!(form.hidden("csrf"), b.cookie);
    assert!(form.headers.get("access-control-allow-origin").is_none());

    let back = b
        .submit(&form, &[("username", PAT), ("password", PAT_PASSWORD)])
        .await;
    assert_eq!(back.status, 303, "{}", back.html);
    let location = back.location();
    assert!(location.starts_with(&format!("{REDIRECT}?")), "{location}");
    let params = redirect_params(&location);
    assert_eq!(param(&params, "state").as_deref(), Some("st&te 1"));
    let code = param(&params, "code").expect("code");

    let token = pkce_exchange(&t, &client, &code).await.expect(200);
    assert_eq!(token.body["token_type"], "bearer");
    assert!(token.body["expires_in"].as_i64().expect("expires_in") > 0);
    assert_eq!(token.headers["cache-control"], "no-store");
    let access = token.body["access_token"].as_str().expect("token");
    let me = t.get("/api/v2/tokens/me", access).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::PARTNER);
    assert_eq!(me["OAuthClient"]["id"], client);

    let again = pkce_exchange(&t, &client, &code).await.expect(400);
    assert_eq!(again.body["error"], "invalid_grant");
    // RFC 6749 §4.1.2: the replay revokes the token of the first redemption.
    t.get("/api/v2/tokens/me", access)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
    // Other tokens of the user stay valid.
    let other = pat_code(&t, &client).await;
    let other = pkce_exchange(&t, &client, &other).await.expect(200);
    let other = other.body["access_token"].as_str().expect("token");
    t.get("/api/v2/tokens/me", other).await.expect(200);
}

#[tokio::test]
async fn a_replayed_code_revokes_its_trustor_token_too() {
    let t = TestApp::spawn().await;
    acme_trusts_partner(&t).await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let mut query = pkce_query(&client);
    query.push(("target", demo::ACME));
    let mut b = Browser::new(&t);
    let back = b.sign_in(&query, PAT, PAT_PASSWORD).await;
    let code = param(&redirect_params(&back.location()), "code").expect("code");
    let token = pkce_exchange(&t, &client, &code).await.expect(200);
    let access = token.body["access_token"].as_str().expect("token");
    t.get("/api/v2/tokens/me", access).await.expect(200);
    pkce_exchange(&t, &client, &code).await.expect(400);
    t.get("/api/v2/tokens/me", access)
        .await
        .expect_error(401, codes::BAD_CREDENTIALS);
}

#[tokio::test]
async fn implicit_grant_redirects_with_the_token_in_the_fragment() {
    let t = TestApp::spawn().await;
    let (client, _) = partner_client(&t, "TOKEN", &[REDIRECT, "http://127.0.0.1:9/other"]).await;
    let mut b = Browser::new(&t);
    let back = b
        .sign_in(
            &[
                ("response_type", "token"),
                ("client_id", &client),
                ("redirect_uri", REDIRECT),
                ("state", "s1"),
            ],
            PAT,
            PAT_PASSWORD,
        )
        .await;
    assert_eq!(back.status, 303, "{}", back.html);
    let location = back.location();
    assert!(location.starts_with(&format!("{REDIRECT}#")), "{location}");
    let params = redirect_params(&location);
    assert_eq!(param(&params, "token_type").as_deref(), Some("bearer"));
    assert_eq!(param(&params, "state").as_deref(), Some("s1"));
    assert!(
        param(&params, "expires_in")
            .expect("expires_in")
            .parse::<i64>()
            .expect("n")
            > 0
    );
    let access = param(&params, "access_token").expect("access_token");
    let me = t.get("/api/v2/tokens/me", &access).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::PARTNER);
}

#[tokio::test]
async fn an_untrusted_client_or_redirect_gets_an_error_page_never_a_redirect() {
    let t = TestApp::spawn().await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT, "http://127.0.0.1:9/two"]).await;
    let mut b = Browser::new(&t);
    for query in [
        vec![
            ("response_type", "code"),
            ("client_id", "no-such-client"),
            ("redirect_uri", REDIRECT),
        ],
        vec![("response_type", "code"), ("redirect_uri", REDIRECT)],
        vec![
            ("response_type", "code"),
            ("client_id", &client),
            ("redirect_uri", "https://evil.example/cb"),
        ],
        // Several registered URIs: the request must name one.
        vec![("response_type", "code"), ("client_id", &client)],
    ] {
        let page = b.authorize(&query).await;
        assert_eq!(page.status, 400, "{query:?}: {}", page.html);
        assert!(page.headers.get("location").is_none());
        assert!(page.html.contains("role=\"alert\""));
        assert_eq!(page.headers["x-frame-options"], "DENY");
    }
    // One registered URI: it is used when the request names none.
    let (single, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let page = b
        .authorize(&[("response_type", "code"), ("client_id", &single)])
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
}

#[tokio::test]
async fn refusals_with_a_valid_redirect_go_back_to_the_client() {
    let t = TestApp::spawn().await;
    let (code_client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let (token_client, _) = partner_client(&t, "TOKEN", &[REDIRECT]).await;
    let mut b = Browser::new(&t);
    let cases: Vec<(Fields, &str, bool)> = vec![
        (
            vec![("response_type", "id_token"), ("client_id", &code_client)],
            "unsupported_response_type",
            false,
        ),
        (vec![("client_id", &code_client)], "invalid_request", false),
        (
            vec![("response_type", "token"), ("client_id", &code_client)],
            "unauthorized_client",
            true,
        ),
        (
            vec![("response_type", "code"), ("client_id", &token_client)],
            "unauthorized_client",
            false,
        ),
        (
            vec![
                ("response_type", "code"),
                ("client_id", &code_client),
                ("code_challenge", CHALLENGE),
                ("code_challenge_method", "plain"),
            ],
            "invalid_request",
            false,
        ),
        (
            vec![
                ("response_type", "code"),
                ("client_id", &code_client),
                ("code_challenge", CHALLENGE),
            ],
            "invalid_request",
            false,
        ),
        (
            vec![
                ("response_type", "code"),
                ("client_id", &code_client),
                ("code_challenge_method", "S256"),
            ],
            "invalid_request",
            false,
        ),
        (
            vec![
                ("response_type", "code"),
                ("client_id", &code_client),
                ("code_challenge", "short"),
                ("code_challenge_method", "S256"),
            ],
            "invalid_request",
            false,
        ),
    ];
    for (mut query, error, fragment) in cases {
        query.push(("redirect_uri", REDIRECT));
        query.push(("state", "keep"));
        let page = b.authorize(&query).await;
        assert_eq!(page.status, 302, "{query:?}: {}", page.html);
        let location = page.location();
        let sep = if fragment { '#' } else { '?' };
        assert!(
            location.starts_with(&format!("{REDIRECT}{sep}")),
            "{location}"
        );
        let params = redirect_params(&location);
        assert_eq!(param(&params, "error").as_deref(), Some(error), "{query:?}");
        assert!(param(&params, "error_description").is_some());
        assert_eq!(param(&params, "state").as_deref(), Some("keep"));
    }
}

#[tokio::test]
async fn the_token_endpoint_checks_verifier_client_redirect_and_lifetime() {
    let t = TestApp::spawn().await;
    let (client, secret) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let (other, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let bad = |error: &'static str, status: u16| {
        move |r: Reply| {
            assert_eq!(r.status.as_u16(), status, "{}", r.text);
            assert_eq!(r.body["error"], error, "{}", r.text);
        }
    };
    let wrong_verifier = "x".repeat(43);
    let cases: Vec<(Fields, &str, u16)> = vec![
        (
            vec![("code_verifier", &wrong_verifier), ("client_id", &client)],
            "invalid_grant",
            400,
        ),
        (vec![("client_id", &client)], "invalid_request", 400),
        (
            vec![("code_verifier", VERIFIER), ("client_id", &other)],
            "invalid_grant",
            400,
        ),
        (
            vec![
                ("code_verifier", VERIFIER),
                ("client_id", &client),
                ("redirect_uri", "http://127.0.0.1:9/x"),
            ],
            "invalid_grant",
            400,
        ),
        (vec![("code_verifier", VERIFIER)], "invalid_client", 401),
    ];
    for (extra, error, status) in cases {
        // Each refusal spends a fresh code (a code is taken before it is checked).
        let code = pat_code(&t, &client).await;
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
        ];
        form.extend(extra);
        bad(error, status)(exchange(&t, &form).await);
    }
    bad("invalid_request", 400)(exchange(&t, &[("grant_type", "authorization_code")]).await);

    // Expired after two minutes by the App clock.
    let code = pat_code(&t, &client).await;
    t.clock.advance(chrono::Duration::minutes(3));
    bad("invalid_grant", 400)(pkce_exchange(&t, &client, &code).await);

    // Without PKCE the code needs the client secret.
    let mut b = Browser::new(&t);
    let plain_query = [
        ("response_type", "code"),
        ("client_id", client.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let back = b.sign_in(&plain_query, PAT, PAT_PASSWORD).await;
    let code = param(&redirect_params(&back.location()), "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", client.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    bad("invalid_client", 401)(exchange(&t, &form).await);
    let back = b.sign_in(&plain_query, PAT, PAT_PASSWORD).await;
    let code = param(&redirect_params(&back.location()), "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    t.token_request(Some((&client, &secret)), &form)
        .await
        .expect(200);
    // A verifier for a code issued without a challenge is refused.
    let back = b.sign_in(&plain_query, PAT, PAT_PASSWORD).await;
    let code = param(&redirect_params(&back.location()), "code").expect("code");
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("code_verifier", VERIFIER),
    ];
    bad("invalid_grant", 400)(t.token_request(Some((&client, &secret)), &form).await);
}

#[tokio::test]
async fn a_post_without_its_csrf_cookie_or_token_is_refused() {
    let t = TestApp::spawn().await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let mut b = Browser::new(&t);
    let form = b.authorize(&pkce_query(&client)).await;
    // Another site's post carries no cookie (SameSite=Strict).
    let mut attacker = Browser::new(&t);
    let refused = attacker
        .submit(&form, &[("username", PAT), ("password", PAT_PASSWORD)])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.html);
    assert!(refused.headers.get("location").is_none());
    assert!(refused.html.contains("expired"));
    // A forged form token with the victim's cookie is refused too.
    let mut forged = Vec::from([("csrf", "forged")]);
    for (k, v) in pkce_query(&client) {
        forged.push((k, v));
    }
    forged.push(("username", PAT));
    forged.push(("password", PAT_PASSWORD));
    let req = b
        .http
        .post(format!("{}/oauth/authorize", t.base))
        .form(&forged);
    let refused = b.page(req).await;
    assert_eq!(refused.status, 403);
    // The re-rendered form works.
    let back = b
        .submit(&refused, &[("username", PAT), ("password", PAT_PASSWORD)])
        .await;
    assert_eq!(back.status, 303, "{}", back.html);
}

#[tokio::test]
async fn wrong_passwords_show_the_form_again_and_lock_the_user() {
    let t = TestApp::spawn().await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let mut b = Browser::new(&t);
    for _ in 0..6 {
        let page = b.sign_in(&pkce_query(&client), PAT, "wrong-password").await;
        assert_eq!(page.status, 401, "{}", page.html);
        assert!(page.headers.get("location").is_none());
        assert!(
            !page.html.contains("wrong-password"),
            "the password is never echoed"
        );
    }
    let page = b.sign_in(&pkce_query(&client), PAT, PAT_PASSWORD).await;
    assert_eq!(page.status, 401);
    assert!(page.html.contains("locked"), "{}", page.html);
    // A wrong password of the locked user reads as an unknown user's: the page names no lock.
    let wrong = b.sign_in(&pkce_query(&client), PAT, "wrong-password").await;
    let unknown = b
        .sign_in(
            &pkce_query(&client),
            "nobody@partner.example",
            "wrong-password",
        )
        .await;
    assert_eq!((wrong.status, unknown.status), (401, 401));
    assert!(!wrong.html.contains("locked"), "{}", wrong.html);
    assert!(
        wrong.html.contains("Invalid login credentials."),
        "{}",
        wrong.html
    );
    assert!(
        unknown.html.contains("Invalid login credentials."),
        "{}",
        unknown.html
    );
    t.clock.advance(chrono::Duration::minutes(6));
    let page = b.sign_in(&pkce_query(&client), PAT, PAT_PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.html);
}

#[tokio::test]
async fn the_organizations_ip_allowlist_governs_the_sign_in_and_the_exchange() {
    let settings = Settings {
        trusted_proxies: parse_cidr_list("127.0.0.1/32").expect("cidr"),
        // The allowlist below keeps loopback in, as only the emulator accepts.
        loopback_in_allowlists: true,
        ..Settings::default()
    };
    let t = TestApp::spawn_configured(DEMO, settings).await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let partner = t.partner_admin().await;
    t.patch(
        "/api/v2/organizations/authentication/settings",
        &partner,
        json!({"ipAddressAllowlist": ["198.51.100.0/24", "127.0.0.1/32"]}),
    )
    .await
    .expect(200);
    let mut outside = Browser::new(&t);
    outside.forwarded_for = Some("203.0.113.5");
    let page = outside
        .sign_in(&pkce_query(&client), PAT, PAT_PASSWORD)
        .await;
    assert_eq!(page.status, 401, "{}", page.html);
    assert!(page.html.contains("203.0.113.5"), "{}", page.html);
    assert!(page.headers.get("location").is_none());

    let mut inside = Browser::new(&t);
    inside.forwarded_for = Some("198.51.100.7");
    let back = inside
        .sign_in(&pkce_query(&client), PAT, PAT_PASSWORD)
        .await;
    assert_eq!(back.status, 303, "{}", back.html);
    let code = param(&redirect_params(&back.location()), "code").expect("code");
    // The exchange from outside is refused as well.
    let req = t
        .http
        .post(format!("{}/oauth/token", t.base))
        .header("x-forwarded-for", "203.0.113.5")
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("code_verifier", VERIFIER),
            ("client_id", client.as_str()),
        ]);
    let denied = read(req.send().await.expect("send")).await;
    assert_eq!(denied.status.as_u16(), 403, "{}", denied.text);
    assert_eq!(denied.body["error"], "access_denied");
}

#[tokio::test]
async fn target_signs_a_trustee_user_in_to_the_trustor() {
    let t = TestApp::spawn().await;
    acme_trusts_partner(&t).await;
    let (client, _) = partner_client(&t, "CODE", &[REDIRECT]).await;
    let mut query = pkce_query(&client);
    query.push(("target", demo::ACME));
    let mut b = Browser::new(&t);
    let form = b.authorize(&query).await;
    assert!(form.html.contains(demo::ACME));
    let back = b
        .submit(&form, &[("username", PAT), ("password", PAT_PASSWORD)])
        .await;
    assert_eq!(back.status, 303, "{}", back.html);
    let code = param(&redirect_params(&back.location()), "code").expect("code");
    let token = pkce_exchange(&t, &client, &code).await.expect(200);
    let access = token.body["access_token"].as_str().expect("token");
    let me = t.get("/api/v2/tokens/me", access).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::ACME);
    assert_eq!(me["homeOrganization"]["id"], demo::PARTNER);

    // An organization that does not trust Partner: access_denied back to the app.
    let mut query = pkce_query(&client);
    query.push(("target", demo::CARE));
    let back = b.sign_in(&query, PAT, PAT_PASSWORD).await;
    assert_eq!(back.status, 303, "{}", back.html);
    let params = redirect_params(&back.location());
    assert_eq!(param(&params, "error").as_deref(), Some("access_denied"));
    assert_eq!(param(&params, "state").as_deref(), Some("st&te 1"));
}

#[tokio::test]
async fn a_trustee_user_chooses_among_the_organizations_that_trust_it() {
    let t = TestApp::spawn().await;
    acme_trusts_partner(&t).await;
    let (client, _) = partner_client(&t, "TOKEN", &[REDIRECT]).await;
    let query = [
        ("response_type", "token"),
        ("client_id", client.as_str()),
        ("redirect_uri", REDIRECT),
        ("state", "pick"),
    ];
    let mut b = Browser::new(&t);
    let choice = b.sign_in(&query, PAT, PAT_PASSWORD).await;
    assert_eq!(choice.status, 200, "{}", choice.html);
    assert!(choice.html.contains("Choose an organization"));
    assert!(choice.html.contains("Partner Co"));
    assert!(choice.html.contains("Acme Corp"));
    assert!(!choice.html.contains("Customer Care"));
    assert_eq!(choice.headers["x-frame-options"], "DENY");
    let back = b.submit(&choice, &[("org", demo::ACME)]).await;
    assert_eq!(back.status, 303, "{}", back.html);
    let params = redirect_params(&back.location());
    assert_eq!(param(&params, "state").as_deref(), Some("pick"));
    let access = param(&params, "access_token").expect("access_token");
    let me = t.get("/api/v2/tokens/me", &access).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::ACME);
    assert_eq!(me["homeOrganization"]["id"], demo::PARTNER);

    // The ticket is single-use.
    let reused = b.submit(&choice, &[("org", demo::ACME)]).await;
    assert_eq!(reused.status, 400, "{}", reused.html);
    assert!(reused.headers.get("location").is_none());

    // Choosing home gives a home token; choosing an organization without a trust is refused.
    let choice = b.sign_in(&query, PAT, PAT_PASSWORD).await;
    let back = b.submit(&choice, &[("org", demo::PARTNER)]).await;
    let access = param(&redirect_params(&back.location()), "access_token").expect("token");
    let me = t.get("/api/v2/tokens/me", &access).await.expect(200).body;
    assert_eq!(me["organization"]["id"], demo::PARTNER);
    let choice = b.sign_in(&query, PAT, PAT_PASSWORD).await;
    let back = b.submit(&choice, &[("org", demo::CARE)]).await;
    let params = redirect_params(&back.location());
    assert_eq!(param(&params, "error").as_deref(), Some("access_denied"));

    // Without its CSRF cookie the choice is refused.
    let choice = b.sign_in(&query, PAT, PAT_PASSWORD).await;
    let mut stranger = Browser::new(&t);
    let refused = stranger.submit(&choice, &[("org", demo::ACME)]).await;
    assert_eq!(refused.status, 400);
    assert!(refused.headers.get("location").is_none());
}

#[tokio::test]
async fn cors_lets_browser_apps_on_other_origins_call_the_api_and_token_endpoint() {
    let t = TestApp::spawn().await;
    let origin = "http://127.0.0.1:9";
    for path in ["/oauth/token", "/api/v2/tokens/me"] {
        let pre = t
            .http
            .request(reqwest::Method::OPTIONS, format!("{}{path}", t.base))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type",
            )
            .send()
            .await
            .expect("preflight");
        assert_eq!(pre.status().as_u16(), 204);
        assert_eq!(pre.headers()["access-control-allow-origin"], "*");
        assert_eq!(
            pre.headers()["access-control-allow-headers"],
            "authorization, content-type"
        );
    }
    let token = t.acme_admin().await;
    let resp = t
        .http
        .get(format!("{}/api/v2/tokens/me", t.base))
        .header("origin", origin)
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    assert!(resp.headers()["access-control-expose-headers"]
        .to_str()
        .expect("str")
        .contains("ININ-Correlation-Id"));
    let page = t
        .http
        .get(format!("{}/oauth/authorize", t.base))
        .header("origin", origin)
        .send()
        .await
        .expect("send");
    assert!(page.headers().get("access-control-allow-origin").is_none());
}
