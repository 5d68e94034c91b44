//! How the client handles answers: typed `ErrorBody` and OAuth errors, undecodable bodies,
//! 429 retries (idempotent methods only, honouring `Retry-After`), the login forms, and the
//! paging stream.

use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use orgtrust_api::{codes, TrustMemberCreate, TrustRequestCreate};
use orgtrust_client::{Client, ClientError};
use serde_json::json;

use crate::recorder::{Recorder, TOKEN};

fn error_body(status: u16, code: &str) -> serde_json::Value {
    json!({"message": "The requested resource was not found.", "code": code, "status": status,
           "contextId": "ctx-1", "details": [], "errors": []})
}

fn rate_limited(r: &Recorder, retry_after: Option<&str>) {
    let mut headers = vec![("content-type", "application/json")];
    if let Some(s) = retry_after {
        headers.push(("retry-after", s));
    }
    let body = json!({"message": "Rate limit exceeded", "code": codes::TOO_MANY_REQUESTS,
                      "status": 429, "details": [], "errors": []});
    r.reply_with(429, &headers, &body.to_string());
}

#[tokio::test]
async fn an_error_status_is_a_typed_api_error_with_the_error_body() {
    let r = Recorder::spawn().await;
    let body = error_body(404, codes::NOT_FOUND);
    r.reply_with(
        404,
        &[
            ("content-type", "application/json"),
            ("inin-correlation-id", "corr-9"),
        ],
        &body.to_string(),
    );
    let err = r
        .client()
        .get_orgauthorization_trustee("nope")
        .await
        .expect_err("404");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.code(), Some(codes::NOT_FOUND));
    assert!(err.is_not_found());
    assert_eq!(err.correlation_id(), Some("corr-9"));
    let b = err.body().expect("body");
    assert_eq!(b.context_id.as_deref(), Some("ctx-1"));
    assert_eq!(
        b.message.as_deref(),
        Some("The requested resource was not found.")
    );
    assert!(err.to_string().contains("not.found"), "{err}");
}

#[tokio::test]
async fn a_non_json_error_keeps_the_status_and_text() {
    let r = Recorder::spawn().await;
    r.reply_with(
        502,
        &[("content-type", "text/html")],
        "<html>Bad gateway</html>",
    );
    let err = r.client().get_organizations_me().await.expect_err("502");
    match &err {
        ClientError::Api { status, body, .. } => {
            assert_eq!(*status, 502);
            assert_eq!(body.code, None);
            assert_eq!(body.message.as_deref(), Some("<html>Bad gateway</html>"));
        }
        other => panic!("expected Api, got {other:?}"),
    }
    // Without the header, the body's contextId is the correlation id.
    r.reply(403, error_body(403, codes::MISSING_ANY_PERMISSIONS));
    let err = r.client().get_organizations_me().await.expect_err("403");
    assert_eq!(err.correlation_id(), Some("ctx-1"));
    assert_eq!(err.code(), Some(codes::MISSING_ANY_PERMISSIONS));
}

#[tokio::test]
async fn an_unexpected_success_body_is_a_decode_error_naming_the_field() {
    let r = Recorder::spawn().await;
    r.reply(200, json!({"entities": [{"id": "t1", "enabled": "yes"}]}));
    let err = r
        .client()
        .get_orgauthorization_trustees(None, None)
        .await
        .expect_err("decode");
    match &err {
        ClientError::Decode { status, message } => {
            assert_eq!(*status, 200);
            assert!(message.contains("entities[0].enabled"), "{message}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn an_idempotent_call_is_retried_after_429_until_it_succeeds() {
    let r = Recorder::spawn().await;
    let c = r.client();
    rate_limited(&r, Some("0"));
    rate_limited(&r, Some("0"));
    r.reply(200, json!({"id": "a1", "name": "Acme Corp"}));
    let me = c.get_organizations_me().await.expect("retried");
    assert_eq!(me.name.as_deref(), Some("Acme Corp"));
    assert_eq!(r.take().len(), 3);

    // PUT and DELETE are idempotent too.
    rate_limited(&r, Some("0"));
    r.reply(200, json!({"enforceScopes": true}));
    c.put_organizations_enforcescopes(&Default::default())
        .await
        .expect("put retried");
    let sent = r.take();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].body, sent[1].body, "the same body is sent again");

    rate_limited(&r, Some("0"));
    r.no_content();
    c.delete_orgauthorization_trustee("t1")
        .await
        .expect("delete retried");
    assert_eq!(r.take().len(), 2);
}

#[tokio::test]
async fn retries_wait_for_retry_after() {
    let r = Recorder::spawn().await;
    rate_limited(&r, Some("1"));
    r.reply(200, json!({"id": "a1"}));
    let start = Instant::now();
    r.client().get_organizations_me().await.expect("retried");
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(r.take().len(), 2);
}

#[tokio::test]
async fn retries_stop_after_the_configured_count_and_return_the_429() {
    let r = Recorder::spawn().await;
    let c = Client::builder(&r.base)
        .token(TOKEN)
        .max_retries(2)
        .build()
        .expect("client");
    for _ in 0..3 {
        rate_limited(&r, Some("0"));
    }
    let err = c.get_organizations_me().await.expect_err("429");
    assert_eq!(r.take().len(), 3, "one try and two retries");
    assert!(err.is_rate_limited());
    assert_eq!(err.code(), Some(codes::TOO_MANY_REQUESTS));
    assert_eq!(err.retry_after(), Some(Duration::ZERO));

    // Default: three retries.
    for _ in 0..4 {
        rate_limited(&r, Some("0"));
    }
    r.client().get_organizations_me().await.expect_err("429");
    assert_eq!(r.take().len(), 4);

    // Zero turns retries off.
    let c = Client::builder(&r.base)
        .token(TOKEN)
        .max_retries(0)
        .build()
        .expect("client");
    rate_limited(&r, Some("0"));
    c.get_organizations_me().await.expect_err("429");
    assert_eq!(r.take().len(), 1);
}

#[tokio::test]
async fn post_and_patch_are_never_retried() {
    let r = Recorder::spawn().await;
    let c = r.client();
    rate_limited(&r, Some("0"));
    let err = c
        .post_orgauthorization_pairings(&TrustRequestCreate {
            user_ids: Some(vec!["u1".into()]),
            group_ids: None,
        })
        .await
        .expect_err("429");
    assert!(err.is_rate_limited());
    assert_eq!(r.take().len(), 1);

    rate_limited(&r, Some("0"));
    let err = c
        .post_orgauthorization_trustee_users("t1", &TrustMemberCreate::default())
        .await
        .expect_err("429");
    assert!(err.is_rate_limited());
    assert_eq!(r.take().len(), 1);

    rate_limited(&r, Some("0"));
    c.patch_organizations_authentication_settings(&Default::default())
        .await
        .expect_err("429");
    assert_eq!(r.take().len(), 1);
}

#[tokio::test]
async fn a_429_without_usable_retry_after_is_returned_at_once() {
    let r = Recorder::spawn().await;
    rate_limited(&r, None);
    let err = r.client().get_organizations_me().await.expect_err("429");
    assert_eq!(err.retry_after(), None);
    assert_eq!(r.take().len(), 1);

    // Longer than the client is willing to wait.
    let c = Client::builder(&r.base)
        .token(TOKEN)
        .max_retry_wait(Duration::from_secs(5))
        .build()
        .expect("client");
    rate_limited(&r, Some("30"));
    let err = c.get_organizations_me().await.expect_err("429");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(r.take().len(), 1);
}

#[tokio::test]
async fn client_credentials_login_sends_the_form_and_keeps_the_token() {
    let r = Recorder::spawn().await;
    let c = Client::new(&r.base).expect("client");
    r.reply(
        200,
        json!({"access_token": "tok-1", "token_type": "bearer", "expires_in": 86400}),
    );
    let token = c
        .login_client_credentials("acme-admin", "acme-admin-secret")
        .await
        .expect("login");
    assert_eq!(
        (token.access_token.as_str(), token.expires_in),
        ("tok-1", 86400)
    );
    let req = r.only();
    assert_eq!(
        (req.method.as_str(), req.path.as_str()),
        ("POST", "/oauth/token")
    );
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    // Basic base64("acme-admin:acme-admin-secret").
    assert_eq!(
        req.header("authorization"),
        Some("Basic YWNtZS1hZG1pbjphY21lLWFkbWluLXNlY3JldA==")
    );
    assert_eq!(
        req.form(),
        vec![("grant_type".to_owned(), "client_credentials".to_owned())]
    );

    r.reply(200, json!({"id": "a1"}));
    c.get_organizations_me().await.expect("call");
    let req = r.only();
    assert_eq!(req.header("authorization"), Some("Bearer tok-1"));
    assert_eq!(req.header("user-agent"), Some(orgtrust_client::USER_AGENT));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(c.token().as_deref(), Some("tok-1"));
}

#[tokio::test]
async fn password_login_sends_the_target_only_when_given() {
    let r = Recorder::spawn().await;
    let c = Client::new(&r.base).expect("client");
    r.reply(
        200,
        json!({"access_token": "tok-2", "token_type": "bearer", "expires_in": 60}),
    );
    c.login_password(
        "cid",
        "csecret",
        "ann@acme.example",
        "p&ss=1",
        Some("org-9"),
    )
    .await
    .expect("login");
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        r.only().form(),
        pairs(&[
            ("grant_type", "password"),
            ("username", "ann@acme.example"),
            ("password", "p&ss=1"),
            ("target", "org-9"),
        ])
    );
    r.reply(
        200,
        json!({"access_token": "tok-3", "token_type": "bearer", "expires_in": 60}),
    );
    c.login_password("cid", "csecret", "ann@acme.example", "pw", None)
        .await
        .expect("login");
    assert_eq!(
        r.only().form(),
        pairs(&[
            ("grant_type", "password"),
            ("username", "ann@acme.example"),
            ("password", "pw")
        ])
    );
    assert_eq!(c.token().as_deref(), Some("tok-3"));
}

#[tokio::test]
async fn token_exchange_sends_the_rfc_8693_form() {
    let r = Recorder::spawn().await;
    let c = Client::new(&r.base).expect("client");
    r.reply(
        200,
        json!({"access_token": "tok-x", "token_type": "bearer", "expires_in": 60}),
    );
    c.exchange_token("cid", "csecret", "home-token", "org-7")
        .await
        .expect("exchange");
    let req = r.only();
    assert_eq!(req.path, "/oauth/token");
    assert!(req
        .header("authorization")
        .is_some_and(|h| h.starts_with("Basic ")));
    let form = req.form();
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(
        get("grant_type"),
        Some("urn:ietf:params:oauth:grant-type:token-exchange")
    );
    assert_eq!(get("subject_token"), Some("home-token"));
    assert_eq!(
        get("subject_token_type"),
        Some("urn:ietf:params:oauth:token-type:access_token")
    );
    assert_eq!(get("audience"), Some("org-7"));
    assert_eq!(get("target"), Some("org-7"));
    assert_eq!(c.token().as_deref(), Some("tok-x"));
}

#[tokio::test]
async fn a_refused_login_is_a_typed_oauth_error_and_keeps_no_token() {
    let r = Recorder::spawn().await;
    let c = Client::new(&r.base).expect("client");
    r.reply(
        401,
        json!({"error": "invalid_client", "error_description": "Bad client credentials"}),
    );
    let err = c.login_client_credentials("x", "y").await.expect_err("401");
    match &err {
        ClientError::OAuth { status, error } => {
            assert_eq!(*status, 401);
            assert_eq!(
                error.error_description.as_deref(),
                Some("Bad client credentials")
            );
        }
        other => panic!("expected OAuth, got {other:?}"),
    }
    assert_eq!(err.code(), Some("invalid_client"));
    assert_eq!(c.token(), None);

    // A login rejected by the platform (not an OAuth body) is an Api error; never retried.
    rate_limited(&r, Some("0"));
    let err = c.login_client_credentials("x", "y").await.expect_err("429");
    assert_eq!(err.code(), Some(codes::TOO_MANY_REQUESTS));
    assert_eq!(r.take().len(), 2);
}

fn page(ids: &[&str], number: i64, count: i64, total: i64) -> serde_json::Value {
    let entities: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
    json!({"entities": entities, "pageSize": 2, "pageNumber": number, "pageCount": count,
           "total": total, "firstUri": "", "selfUri": "", "lastUri": ""})
}

#[tokio::test]
async fn the_stream_follows_page_numbers_until_page_count() {
    let r = Recorder::spawn().await;
    r.reply(200, page(&["t1", "t2"], 1, 3, 5));
    r.reply(200, page(&["t3", "t4"], 2, 3, 5));
    r.reply(200, page(&["t5"], 3, 3, 5));
    let all: Vec<_> = r
        .client()
        .get_orgauthorization_trustees_stream(Some(2))
        .try_collect()
        .await
        .expect("stream");
    let ids: Vec<_> = all.iter().filter_map(|t| t.id.as_deref()).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4", "t5"]);
    let sent = r.take();
    assert_eq!(sent.len(), 3);
    for (i, req) in sent.iter().enumerate() {
        assert_eq!(req.path, "/api/v2/orgauthorization/trustees");
        assert_eq!(
            req.query,
            vec![
                ("pageSize".to_owned(), "2".to_owned()),
                ("pageNumber".to_owned(), (i + 1).to_string())
            ]
        );
    }
}

#[tokio::test]
async fn the_stream_of_an_empty_listing_asks_once() {
    let r = Recorder::spawn().await;
    r.reply(200, page(&[], 1, 0, 0));
    let all: Vec<_> = r
        .client()
        .get_orgauthorization_trustor_users_stream("o1", None)
        .try_collect()
        .await
        .expect("stream");
    assert!(all.is_empty());
    let req = r.only();
    assert_eq!(req.path, "/api/v2/orgauthorization/trustors/o1/users");
    assert_eq!(req.query, vec![("pageNumber".to_owned(), "1".to_owned())]);
}

#[tokio::test]
async fn the_stream_ends_with_the_first_error() {
    let r = Recorder::spawn().await;
    r.reply(200, page(&["u1", "u2"], 1, 2, 4));
    r.reply(404, error_body(404, codes::NOT_FOUND));
    let items: Vec<_> = r
        .client()
        .get_orgauthorization_trustee_users_stream("t1", Some(2))
        .collect()
        .await;
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    assert!(items[2].as_ref().is_err_and(ClientError::is_not_found));
    assert_eq!(r.take().len(), 2);
}

#[tokio::test]
async fn every_listing_has_a_stream() {
    let r = Recorder::spawn().await;
    let c = r.client();
    r.reply(200, page(&["a"], 1, 1, 1));
    assert_eq!(
        c.get_orgauthorization_trustors_stream(None)
            .try_collect::<Vec<_>>()
            .await
            .expect("s")
            .len(),
        1
    );
    assert_eq!(r.only().path, "/api/v2/orgauthorization/trustors");
    r.reply(200, page(&["a"], 1, 1, 1));
    assert_eq!(
        c.get_orgauthorization_trustee_groups_stream("t1", None)
            .try_collect::<Vec<_>>()
            .await
            .expect("s")
            .len(),
        1
    );
    assert_eq!(r.only().path, "/api/v2/orgauthorization/trustees/t1/groups");
    r.reply(200, page(&["a"], 1, 1, 1));
    assert_eq!(
        c.get_orgauthorization_trustor_groups_stream("o1", None)
            .try_collect::<Vec<_>>()
            .await
            .expect("s")
            .len(),
        1
    );
    assert_eq!(r.only().path, "/api/v2/orgauthorization/trustors/o1/groups");
}
