//! `GET/POST /oauth/authorize`: the browser sign-in page (server-rendered HTML, inline CSS under a
//! per-response nonce, no script). The rules are `orgtrust_core::browser_sign_in`'s; this module
//! renders pages, checks the CSRF token and turns outcomes into redirects.
//!
//! CSRF: every rendered form carries a token derived from a fresh random cookie
//! (`orgtrust_signin`, `HttpOnly; SameSite=Strict`, path `/oauth/authorize`); a POST whose form
//! token does not match its cookie is refused and the form shown again. Clickjacking: every page
//! is sent with `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`. Pages are `no-store`
//! and `Referrer-Policy: no-referrer`, so codes and tickets do not linger or leak.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use orgtrust_core::browser_sign_in::{
    Authorization, AuthorizeError, AuthorizeParams, ClientRedirect, OrgChoice, SignInOutcome,
};
use orgtrust_core::secret::{new_bearer_token, Secret, TokenDigest};

use crate::extract::Meta;
use crate::state::AppState;

/// The CSRF cookie's name.
pub const CSRF_COOKIE: &str = "orgtrust_signin";

/// The form fields that carry the authorization request through the sign-in form.
const CARRIED: [&str; 7] = [
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "code_challenge",
    "code_challenge_method",
    "target",
];

fn params_from(pairs: &[(String, String)]) -> AuthorizeParams {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    AuthorizeParams {
        response_type: get("response_type"),
        client_id: get("client_id"),
        redirect_uri: get("redirect_uri"),
        state: get("state"),
        code_challenge: get("code_challenge"),
        code_challenge_method: get("code_challenge_method"),
        target: get("target"),
    }
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// HTML-escapes text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The form token that goes with a CSRF cookie value (the cookie itself never appears in HTML).
fn form_token(cookie: &str) -> String {
    let digest = TokenDigest::of(&format!("orgtrust-signin-csrf:{cookie}"));
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest.0)
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Does the POST's form token match its cookie?
fn csrf_ok(headers: &HeaderMap, pairs: &[(String, String)]) -> bool {
    match (cookie_value(headers, CSRF_COOKIE), field(pairs, "csrf")) {
        (Some(cookie), Some(token)) if !cookie.is_empty() => form_token(cookie) == token,
        _ => false,
    }
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1d21;margin:0}\
main{max-width:24rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0003}\
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin:1rem 0 .3rem}\
input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #5c6370;border-radius:4px;font-size:1rem}\
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}\
button:focus,input:focus{outline:3px solid #f0a30a;outline-offset:1px}\
.error{background:#fde8e8;color:#8a1c1c;border:1px solid #8a1c1c;padding:.7rem;border-radius:4px}\
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:.5rem}\
.choice label{display:flex;gap:.5rem;font-weight:400;margin:.6rem 0}.muted{color:#4a4f57}";

/// An HTML page with the security headers; `cookie` sets a fresh CSRF cookie.
fn page(status: StatusCode, title: &str, body: &str, cookie: Option<&str>) -> Response {
    let nonce = new_bearer_token();
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{} · orgtrust</title>\
<style nonce=\"{}\">{STYLE}</style></head><body><main>{body}</main></body></html>",
        esc(title),
        nonce.expose()
    );
    let mut response = (status, html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(csp) = HeaderValue::from_str(&format!(
        "default-src 'none'; style-src 'nonce-{}'; frame-ancestors 'none'; base-uri 'none'",
        nonce.expose()
    )) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(value) = cookie {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{CSRF_COOKIE}={value}; Path=/oauth/authorize; HttpOnly; SameSite=Strict"
        )) {
            h.insert(header::SET_COOKIE, v);
        }
    }
    response
}

fn error_page(message: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Sign-in error",
        &format!(
            "<h1>Sign-in error</h1><p class=\"error\" role=\"alert\">{}</p>\
<p class=\"muted\">The application that sent you here is misconfigured; nothing was sent back to it.</p>",
            esc(message)
        ),
        None,
    )
}

/// The redirect URL for a client redirect (query for codes, fragment for tokens).
fn redirect_url(r: &ClientRedirect) -> String {
    let encoded = serde_urlencoded::to_string(&r.params).unwrap_or_default();
    if r.fragment {
        format!("{}#{encoded}", r.redirect_uri)
    } else if r.redirect_uri.contains('?') {
        format!("{}&{encoded}", r.redirect_uri)
    } else {
        format!("{}?{encoded}", r.redirect_uri)
    }
}

fn redirect(r: &ClientRedirect, status: StatusCode) -> Response {
    let mut response = status.into_response();
    if let Ok(v) = HeaderValue::from_str(&redirect_url(r)) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        esc(name),
        esc(value)
    )
}

/// The sign-in form for a valid authorization, with a fresh CSRF cookie.
fn sign_in_form(
    a: &Authorization,
    carried: &AuthorizeParams,
    username: &str,
    message: Option<&str>,
    status: StatusCode,
) -> Response {
    let cookie = new_bearer_token();
    let mut hidden_fields = hidden("csrf", &form_token(cookie.expose()));
    let values = [
        &carried.response_type,
        &carried.client_id,
        &carried.redirect_uri,
        &carried.state,
        &carried.code_challenge,
        &carried.code_challenge_method,
        &carried.target,
    ];
    for (name, value) in CARRIED.iter().zip(values) {
        if let Some(v) = value {
            hidden_fields.push_str(&hidden(name, v));
        }
    }
    let alert = message
        .map(|m| {
            format!(
                "<p class=\"error\" role=\"alert\" id=\"signin-error\">{}</p>",
                esc(m)
            )
        })
        .unwrap_or_default();
    let target = a
        .target
        .as_ref()
        .map(|t| {
            format!(
                "<p class=\"muted\">You will act in organization <code>{}</code>.</p>",
                esc(t.as_str())
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign in</h1><p class=\"muted\">to continue to <strong>{client}</strong></p>{target}{alert}\
<form method=\"post\" action=\"/oauth/authorize\">{hidden_fields}\
<label for=\"username\">Email</label>\
<input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required value=\"{user}\"{describedby}>\
<label for=\"password\">Password</label>\
<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
<button type=\"submit\">Sign in</button></form>",
        client = esc(&a.client.name),
        user = esc(username),
        describedby = if message.is_some() {
            " aria-describedby=\"signin-error\""
        } else {
            ""
        },
    );
    page(status, "Sign in", &body, Some(cookie.expose()))
}

/// The "choose an organization" form, carrying the single-use ticket.
fn choice_form(ticket: &Secret, user_name: &str, choices: &[OrgChoice]) -> Response {
    let cookie = new_bearer_token();
    let mut radios = String::new();
    for (i, c) in choices.iter().enumerate() {
        let id = format!("org-{i}");
        radios.push_str(&format!(
            "<label for=\"{id}\"><input type=\"radio\" id=\"{id}\" name=\"org\" value=\"{value}\"{checked}> {name}{home}</label>",
            value = esc(c.org_id.as_str()),
            checked = if i == 0 { " checked" } else { "" },
            name = esc(&c.name),
            home = if c.home { " <span class=\"muted\">(home)</span>" } else { "" },
        ));
    }
    let body = format!(
        "<h1>Choose an organization</h1><p class=\"muted\">Signed in as <strong>{user}</strong>.</p>\
<form method=\"post\" action=\"/oauth/authorize\">{csrf}{ticket}\
<fieldset class=\"choice\"><legend>Organization to act in</legend>{radios}</fieldset>\
<button type=\"submit\">Continue</button></form>",
        user = esc(user_name),
        csrf = hidden("csrf", &form_token(cookie.expose())),
        ticket = hidden("ticket", ticket.expose()),
    );
    page(
        StatusCode::OK,
        "Choose an organization",
        &body,
        Some(cookie.expose()),
    )
}

fn internal_error(e: orgtrust_core::Error) -> Response {
    tracing::error!(error = %e, "browser sign-in failed");
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sign-in error",
        "<h1>Sign-in error</h1><p class=\"error\" role=\"alert\">The server could not sign you in; try again later.</p>",
        None,
    )
}

/// `GET /oauth/authorize`: the sign-in page, or an error (page or redirect).
pub async fn get(State(state): State<AppState>, uri: axum::http::Uri) -> Response {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(uri.query().unwrap_or_default()).unwrap_or_default();
    let params = params_from(&pairs);
    match state.app.auth.validate_authorization(&params).await {
        Ok(a) => {
            // login_hint is "email", "email:orgName" or "orgName": prefill the e-mail part.
            let hint = field(&pairs, "login_hint")
                .map(|h| h.split(':').next().unwrap_or_default())
                .filter(|h| h.contains('@'))
                .unwrap_or_default();
            sign_in_form(&a, &params, hint, None, StatusCode::OK)
        }
        Err(AuthorizeError::Redirect(r)) => redirect(&r, StatusCode::FOUND),
        Err(AuthorizeError::Internal(e)) => internal_error(e),
        Err(AuthorizeError::Page(m) | AuthorizeError::SignIn(m)) => error_page(&m),
    }
}

/// `POST /oauth/authorize`: the sign-in form (username, password) or the organization choice
/// (ticket, org), each with its CSRF token.
pub async fn post(
    State(state): State<AppState>,
    Meta(meta): Meta,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) else {
        return error_page("The sign-in form could not be read.");
    };
    // Where input enters, once (core::input): no NUL in a field.
    if let Some(name) =
        orgtrust_core::input::nul_in_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    {
        return error_page(&format!(
            "The sign-in form's field [{name}] contains a NUL character (U+0000), which is not allowed."
        ));
    }
    let csrf = csrf_ok(&headers, &pairs);
    if let Some(ticket) = field(&pairs, "ticket") {
        if !csrf {
            return error_page("The sign-in form expired or was sent from another site; start the sign-in again from the application.");
        }
        let org = field(&pairs, "org").unwrap_or_default();
        return match state
            .app
            .auth
            .browser_choose(&Secret::new(ticket), org, &meta)
            .await
        {
            Ok(r) => redirect(&r, StatusCode::SEE_OTHER),
            Err(AuthorizeError::Redirect(r)) => redirect(&r, StatusCode::SEE_OTHER),
            Err(AuthorizeError::Internal(e)) => internal_error(e),
            Err(AuthorizeError::Page(m) | AuthorizeError::SignIn(m)) => error_page(&m),
        };
    }
    let params = params_from(&pairs);
    let a = match state.app.auth.validate_authorization(&params).await {
        Ok(a) => a,
        Err(AuthorizeError::Redirect(r)) => return redirect(&r, StatusCode::SEE_OTHER),
        Err(AuthorizeError::Internal(e)) => return internal_error(e),
        Err(AuthorizeError::Page(m) | AuthorizeError::SignIn(m)) => return error_page(&m),
    };
    let username = field(&pairs, "username").unwrap_or_default();
    if !csrf {
        return sign_in_form(
            &a,
            &params,
            username,
            Some("The sign-in form expired; please sign in again."),
            StatusCode::FORBIDDEN,
        );
    }
    let password = Secret::new(field(&pairs, "password").unwrap_or_default());
    if username.is_empty() || password.expose().is_empty() {
        return sign_in_form(
            &a,
            &params,
            username,
            Some("Enter your e-mail address and password."),
            StatusCode::BAD_REQUEST,
        );
    }
    match state
        .app
        .auth
        .browser_sign_in(&a, username, &password, &meta)
        .await
    {
        Ok(SignInOutcome::Redirect(r)) => redirect(&r, StatusCode::SEE_OTHER),
        Ok(SignInOutcome::Choose {
            ticket,
            user_name,
            choices,
        }) => choice_form(&ticket, &user_name, &choices),
        Err(AuthorizeError::SignIn(m)) => {
            sign_in_form(&a, &params, username, Some(&m), StatusCode::UNAUTHORIZED)
        }
        Err(AuthorizeError::Redirect(r)) => redirect(&r, StatusCode::SEE_OTHER),
        Err(AuthorizeError::Internal(e)) => internal_error(e),
        Err(AuthorizeError::Page(m)) => error_page(&m),
    }
}
