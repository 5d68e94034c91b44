//! Abuse: hostile or broken clients get the documented status and cannot exhaust the server.
//! Oversized bodies and headers, deep nesting, invalid UTF-8, enormous paging, path traversal,
//! header injection, slow clients, password guessing and token guessing. After each attack the
//! server still answers a legitimate request promptly.

use std::sync::Arc;
use std::time::{Duration, Instant};

use orgtrust_api::codes;
use orgtrust_core::clock::SystemClock;
use orgtrust_core::{fixture, App, Settings};
use orgtrust_server::connections::ClientTimeouts;
use orgtrust_server::Server;
use orgtrust_store_sqlite::SqliteStore;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{read, TestApp, DEMO};

/// Sends raw bytes on a new connection and reads what comes back until the server closes it or
/// `wait` passes. Writing and reading run side by side: the server may answer (and close) before
/// it has read everything.
async fn raw(base: &str, request: &[u8], wait: Duration) -> String {
    let stream = TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    let request = request.to_vec();
    let writing = tokio::spawn(async move {
        // A refused write is expected when the server closes early.
        let _ = writer.write_all(&request).await;
        writer
    });
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, reader.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => out.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    writing.abort();
    String::from_utf8_lossy(&out).into_owned()
}

/// The status code of a raw HTTP/1.1 response ("" when none came).
fn status_of(response: &str) -> &str {
    response
        .strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .unwrap_or("")
}

/// The server still serves a legitimate caller, within a second.
async fn still_serves(t: &TestApp, token: &str) {
    let started = Instant::now();
    t.get("/api/v2/organizations/me", token).await.expect(200);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "a legitimate request took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn oversized_bodies_are_413_whether_announced_or_streamed() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let name = "x".repeat(2 * 1024 * 1024);
    t.post(
        "/api/v2/authorization/roles",
        &token,
        json!({ "name": name }),
    )
    .await
    .expect_error(413, codes::REQUEST_ENTITY_TOO_LARGE);
    // Chunked, no Content-Length: the limit holds while streaming.
    let mut request = format!(
        "POST /api/v2/authorization/roles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    for _ in 0..40 {
        request.extend_from_slice(b"10000\r\n");
        request.extend_from_slice(&[b' '; 0x10000]);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let response = raw(&t.base, &request, Duration::from_secs(10)).await;
    assert_eq!(status_of(&response), "413", "{response}");
    assert!(
        response.contains(codes::REQUEST_ENTITY_TOO_LARGE),
        "{response}"
    );
    still_serves(&t, &token).await;
}

#[tokio::test]
async fn oversized_headers_are_refused() {
    let t = TestApp::spawn().await;
    let request = format!(
        "GET /api/v2/organizations/me HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1024 * 1024)
    );
    let response = raw(&t.base, request.as_bytes(), Duration::from_secs(5)).await;
    assert!(
        response.is_empty() || status_of(&response) == "431" || status_of(&response) == "400",
        "{response}"
    );
    still_serves(&t, &t.acme_admin().await).await;
}

#[tokio::test]
async fn deeply_nested_json_is_400_not_a_stack_overflow() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let depth = 100_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!(
        "{{\"name\":{}1{}}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    for body in [arrays, objects] {
        let reply = read(
            t.http
                .post(format!("{}/api/v2/authorization/roles", t.base))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .expect("send"),
        )
        .await;
        assert_eq!(reply.status.as_u16(), 400, "{}", reply.text);
        assert!(
            reply.body["code"] == codes::BAD_REQUEST || reply.body["code"] == codes::INVALID_VALUE,
            "{}",
            reply.text
        );
    }
    still_serves(&t, &token).await;
}

#[tokio::test]
async fn invalid_utf8_in_body_query_path_and_headers_is_refused_cleanly() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    let reply = read(
        t.http
            .post(format!("{}/api/v2/authorization/roles", t.base))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(b"{\"name\":\"\xff\xfe\"}".to_vec())
            .send()
            .await
            .expect("send"),
    )
    .await;
    reply.expect_error(400, codes::BAD_REQUEST);
    t.get("/api/v2/users?pageSize=%FF%FE", &token)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    let reply = t.get("/api/v2/users/%FF%FE", &token).await;
    assert!(
        matches!(reply.status.as_u16(), 400 | 404),
        "{}: {}",
        reply.status,
        reply.text
    );
    // A bearer token that is not UTF-8 (raw bytes on the wire).
    let mut request = b"GET /api/v2/organizations/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ".to_vec();
    request.extend_from_slice(b"\xff\xfe\xfd\r\n\r\n");
    let response = raw(&t.base, &request, Duration::from_secs(5)).await;
    assert_eq!(status_of(&response), "401", "{response}");
    still_serves(&t, &token).await;
}

#[tokio::test]
async fn a_nul_is_refused_wherever_it_enters() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    // Query parameters of any route, the browser sign-in's included: 400 naming the parameter.
    let r = t
        .get("/api/v2/authorization/roles?name=x%00", &token)
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "name");
    let r = read(
        t.http
            .get(format!(
                "{}/oauth/authorize?client_id=a%00&response_type=code",
                t.base
            ))
            .send()
            .await
            .expect("send"),
    )
    .await
    .expect_error(400, codes::INVALID_VALUE);
    assert_eq!(r.body["messageParams"]["field"], "client_id");
    // The sign-in form: its error page, naming the field.
    let r = read(
        t.http
            .post(format!("{}/oauth/authorize", t.base))
            .form(&[("username", "ann\u{0}"), ("password", "x")])
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(r.status.as_u16(), 400, "{}", r.text);
    assert!(
        r.text.contains("[username]") && r.text.contains("NUL"),
        "{}",
        r.text
    );
    // A JSON key.
    let r = t
        .post(
            "/api/v2/authorization/divisions",
            &token,
            json!({"name": "D", "x\u{0}": 1}),
        )
        .await
        .expect_error(400, codes::INVALID_VALUE);
    assert!(r.text.contains("NUL"), "{}", r.text);
    // One document per body: trailing data is malformed, not ignored.
    let r = read(
        t.http
            .post(format!("{}/api/v2/authorization/divisions", t.base))
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(r#"{"name": "Trailing"}1000"#)
            .send()
            .await
            .expect("send"),
    )
    .await;
    r.expect_error(400, codes::BAD_REQUEST);
    still_serves(&t, &token).await;
}

#[tokio::test]
async fn enormous_or_hostile_paging_is_400_or_an_empty_page() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    for q in [
        "pageSize=100000000000000000000000000",
        "pageSize=9223372036854775807",
        "pageSize=501",
        "pageSize=-1",
        "pageSize=0",
        "pageNumber=0",
        "pageNumber=-9223372036854775808",
        "pageNumber=1e9",
    ] {
        t.get(&format!("/api/v2/users?{q}"), &token)
            .await
            .expect_error(400, codes::INVALID_VALUE);
    }
    // The largest page number is legal: an empty page, no overflow.
    for path in [
        "/api/v2/users",
        "/api/v2/groups",
        "/api/v2/authorization/roles",
        "/api/v2/authorization/divisions",
        "/api/v2/orgauthorization/trustees",
    ] {
        let reply = t
            .get(
                &format!("{path}?pageSize=500&pageNumber=9223372036854775807"),
                &token,
            )
            .await;
        assert!(
            reply.status.as_u16() == 200 || reply.status.as_u16() == 400,
            "{path}: {} {}",
            reply.status,
            reply.text
        );
        if reply.status.as_u16() == 200 {
            assert_eq!(reply.body["entities"], json!([]), "{path}");
        }
    }
    still_serves(&t, &token).await;
}

#[tokio::test]
async fn path_traversal_reaches_no_file() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    for path in [
        "/api/v2/users/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v2/users/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/v2/authorization/roles/..%5C..%5Cwindows%5Cwin.ini",
        "/api/v2/organizations/limits/namespaces/..%2F..%2F..%2Fetc%2Fpasswd",
    ] {
        let reply = t.get(path, &token).await;
        assert!(
            matches!(reply.status.as_u16(), 400 | 404),
            "{path}: {} {}",
            reply.status,
            reply.text
        );
        assert!(!reply.text.contains("root:"), "{path}: {}", reply.text);
    }
    for target in ["/../../../../etc/passwd", "/api/v2/../../etc/passwd"] {
        let request = format!(
            "GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
        );
        let response = raw(&t.base, request.as_bytes(), Duration::from_secs(5)).await;
        assert!(
            matches!(status_of(&response), "400" | "404"),
            "{target}: {response}"
        );
        assert!(!response.contains("root:"), "{target}: {response}");
    }
    still_serves(&t, &token).await;
}

#[tokio::test]
async fn header_injection_attempts_are_refused_or_inert() {
    let t = TestApp::spawn().await;
    let token = t.acme_admin().await;
    // NUL and obsolete line folding inside header values: refused by the parser. (A bare LF
    // ends a header line, as RFC 9112 allows: it makes two headers, not an injection.)
    for header in ["X-Test: a\0b", "X-Test: a\r\n folded"] {
        let request = format!(
            "GET /api/v2/organizations/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n{header}\r\nConnection: close\r\n\r\n"
        );
        let response = raw(&t.base, request.as_bytes(), Duration::from_secs(5)).await;
        assert!(
            response.is_empty() || status_of(&response) == "400",
            "{header:?}: {response}"
        );
    }
    // CRLF in data the server stores and echoes: it stays in the JSON body, never a header.
    let reply = t
        .post(
            "/api/v2/authorization/roles",
            &token,
            json!({"name": "Evil\r\nSet-Cookie: injected=1", "permissions": []}),
        )
        .await;
    assert!(
        reply.headers.get("set-cookie").is_none(),
        "{:?}",
        reply.headers
    );
    for (name, value) in &reply.headers {
        let value = value.to_str().unwrap_or("");
        assert!(!value.contains("injected"), "{name}: {value}");
    }
    // A forged X-Forwarded-For from an untrusted peer changes nothing and breaks nothing.
    let reply = t
        .call_from(
            "127.0.0.1, not-an-ip, 999.1.1.1, ' OR 1=1 --",
            reqwest::Method::GET,
            "/api/v2/organizations/me",
            Some(&token),
            None,
        )
        .await;
    reply.expect(200);
    // Garbage correlation ids are not echoed: the server assigns its own.
    let reply = read(
        t.http
            .get(format!("{}/api/v2/organizations/me", t.base))
            .bearer_auth(&token)
            .header("inin-correlation-id", "evil-value")
            .send()
            .await
            .expect("send"),
    )
    .await;
    let echoed = reply
        .headers
        .get("inin-correlation-id")
        .and_then(|v| v.to_str().ok());
    assert_ne!(echoed, Some("evil-value"));
    still_serves(&t, &token).await;
}

/// A server over the demo fixture with short client timeouts.
async fn spawn_with_timeouts(
    timeouts: ClientTimeouts,
) -> (String, tokio::sync::oneshot::Sender<()>) {
    let store = Arc::new(SqliteStore::open("sqlite::memory:").await.expect("store"));
    let clock = Arc::new(SystemClock::new());
    fixture::apply("test", DEMO, &*store, &*clock)
        .await
        .expect("fixture");
    let app = Arc::new(App::new(store, clock, Settings::default()));
    let server = Server::bind("127.0.0.1:0".parse().expect("addr"), app)
        .await
        .expect("bind")
        .with_client_timeouts(timeouts);
    let addr = server.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run_until_stopped(async {
        let _ = rx.await;
    }));
    (format!("http://{addr}"), tx)
}

#[tokio::test]
async fn slow_clients_time_out_and_do_not_starve_others() {
    let (base, _stop) = spawn_with_timeouts(ClientTimeouts {
        header: Duration::from_millis(800),
        body: Duration::from_millis(800),
    })
    .await;
    let http = reqwest::Client::new();
    let token: serde_json::Value = http
        .post(format!("{base}/oauth/token"))
        .basic_auth("acme-admin", Some("acme-admin-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let token = token["access_token"].as_str().expect("token").to_owned();

    // Many clients that never finish their headers (slowloris).
    let mut stalled = Vec::new();
    for _ in 0..200 {
        let mut s = TcpStream::connect(base.trim_start_matches("http://"))
            .await
            .expect("connect");
        s.write_all(b"GET /api/v2/organizations/me HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .expect("write");
        stalled.push(s);
    }
    // Others are served meanwhile.
    let started = Instant::now();
    let ok = http
        .get(format!("{base}/api/v2/organizations/me"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    assert_eq!(ok.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    // And the stalled connections are closed by the header deadline.
    let started = Instant::now();
    for s in &mut stalled {
        let mut buf = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf))
            .await
            .expect("the server closes a stalled connection")
            .ok();
        let text = String::from_utf8_lossy(&buf);
        assert!(text.is_empty() || status_of(&text) == "408", "{text}");
    }
    assert!(started.elapsed() < Duration::from_secs(5));

    // A body that never completes: 408 with a Genesys error body.
    let request = format!(
        "POST /api/v2/authorization/roles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"na"
    );
    let started = Instant::now();
    let response = raw(&base, request.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(status_of(&response), "408", "{response}");
    assert!(response.contains(codes::CLIENT_TIMEOUT), "{response}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn password_guessing_locks_the_account_and_reveals_nothing() {
    let t = TestApp::spawn().await;
    let client = ("acme-admin", "acme-admin-secret");
    let guess = |username: &'static str, password: String| {
        let t = &t;
        async move {
            t.token_request(
                Some(client),
                &[
                    ("grant_type", "password"),
                    ("username", username),
                    ("password", &password),
                ],
            )
            .await
        }
    };
    // 40 concurrent wrong guesses: every one refused the same way, and the account locks even
    // though they race.
    let replies =
        futures::future::join_all((0..40).map(|i| guess("ann@acme.example", format!("guess-{i}"))))
            .await;
    for r in &replies {
        assert_eq!(r.status.as_u16(), 400, "{}", r.text);
        assert_eq!(r.body["error"], "invalid_grant", "{}", r.text);
    }
    let locked = guess("ann@acme.example", "Acme-admin-1!".into()).await;
    assert_eq!(locked.status.as_u16(), 400, "{}", locked.text);
    assert!(locked.text.contains("locked"), "{}", locked.text);
    // An unknown user gets the same answer as a wrong password, and so does a locked user's
    // wrong password: the lock reveals no account (only the right password hears of it).
    let unknown = guess("nobody@acme.example", "whatever".into()).await;
    let locked_wrong = guess("ann@acme.example", "whatever".into()).await;
    for r in [&unknown, &locked_wrong] {
        assert_eq!(r.status.as_u16(), 400, "{}", r.text);
        assert_eq!(r.body, replies[0].body, "{}", r.text);
        assert_eq!(r.body["error_description"], "Invalid login credentials.");
    }
    // The lock is per user: Emil signs in.
    let emil = guess("emil@acme.example", "Acme-emea-1!".into()).await;
    assert_eq!(emil.status.as_u16(), 200, "{}", emil.text);
    // It expires.
    t.clock.advance(chrono::Duration::minutes(5));
    let ok = guess("ann@acme.example", "Acme-admin-1!".into()).await;
    assert_eq!(ok.status.as_u16(), 200, "{}", ok.text);
}

#[tokio::test]
async fn token_guessing_is_401_each_and_does_not_slow_others() {
    let t = Arc::new(TestApp::spawn().await);
    let token = t.acme_admin().await;
    // Baseline.
    still_serves(&t, &token).await;
    let guesses = 3000;
    let tasks = 16;
    let mut handles = Vec::new();
    for task in 0..tasks {
        let t = t.clone();
        handles.push(tokio::spawn(async move {
            for i in 0..guesses / tasks {
                let bad = format!("{task:08x}-{i:032x}-guess");
                let reply = read(
                    t.http
                        .get(format!("{}/api/v2/organizations/me", t.base))
                        .bearer_auth(&bad)
                        .send()
                        .await
                        .expect("send"),
                )
                .await;
                assert_eq!(reply.status.as_u16(), 401, "{}", reply.text);
                assert_eq!(reply.body["code"], codes::BAD_CREDENTIALS);
            }
        }));
    }
    // Legitimate calls during the flood: all answered, none slow.
    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        t.get("/api/v2/organizations/me", &token).await.expect(200);
        slowest = slowest.max(started.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for h in handles {
        h.await.expect("guesser");
    }
    assert!(
        slowest < Duration::from_secs(1),
        "slowest legitimate call {slowest:?}"
    );
    still_serves(&t, &token).await;
}
