//! Keeps the document true: against the operation table, the router and the reference extract.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{document, In, DOCS};
use crate::operations::{DIRECTORY, REFERENCE};

/// Routes the router serves that are not API operations of the table (and so not documented).
const UNDOCUMENTED: &[(&str, &str)] = &[
    ("POST", "/oauth/token"),
    ("GET", "/api/v2/docs/swagger"),
    // The login service's browser pages and the embedded web console: HTML, not API operations.
    ("GET", "/oauth/authorize"),
    ("POST", "/oauth/authorize"),
    ("GET", "/console"),
    ("GET", "/console/"),
    ("GET", "/console/{*path}"),
];

/// `(METHOD, path)` of every `.route(path, get(..).post(..)...)` in router.rs.
fn router_routes() -> BTreeSet<(String, String)> {
    let source = include_str!("../router.rs");
    let mut out = BTreeSet::new();
    for chunk in source.split(".route(").skip(1) {
        let path = chunk.split('"').nth(1).expect("route path literal");
        // The method router ends at the `.route(` call's closing parenthesis.
        let mut depth = 1;
        let mut end = chunk.len();
        for (i, c) in chunk.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let body = &chunk[..end];
        for method in ["get", "post", "put", "patch", "delete"] {
            let needle = format!("{method}(");
            let routed = body.match_indices(&needle).any(|(i, _)| {
                i == 0 || matches!(body.as_bytes()[i - 1], b' ' | b'\n' | b'.' | b',' | b'(')
            });
            if routed {
                out.insert((method.to_uppercase(), path.to_owned()));
            }
        }
    }
    out
}

#[test]
fn every_operation_of_the_table_is_documented_once() {
    let table: BTreeSet<&str> = REFERENCE.iter().chain(DIRECTORY).map(|o| o.id).collect();
    let docs: Vec<&str> = DOCS.iter().map(|d| d.op.id).collect();
    let unique: BTreeSet<&str> = docs.iter().copied().collect();
    assert_eq!(unique.len(), docs.len(), "an operation is documented twice");
    assert_eq!(unique, table);
}

#[test]
fn the_router_serves_exactly_the_documented_operations() {
    let routed = router_routes();
    assert!(
        routed.len() > 100,
        "router.rs parsing found only {routed:?}"
    );
    let mut documented: BTreeSet<(String, String)> = DOCS
        .iter()
        .map(|d| (d.op.method.to_owned(), d.op.path.to_owned()))
        .collect();
    for (method, path) in UNDOCUMENTED {
        documented.insert(((*method).to_owned(), (*path).to_owned()));
    }
    let missing: Vec<_> = routed.difference(&documented).collect();
    let unrouted: Vec<_> = documented.difference(&routed).collect();
    assert!(missing.is_empty(), "routed but not documented: {missing:?}");
    assert!(
        unrouted.is_empty(),
        "documented but not routed: {unrouted:?}"
    );
}

#[test]
fn path_parameters_match_the_path_template() {
    for doc in DOCS {
        let in_path: BTreeSet<&str> = doc
            .op
            .path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        let declared: BTreeSet<&str> = doc
            .params
            .iter()
            .filter(|p| p.at == In::Path)
            .map(|p| p.name)
            .collect();
        assert_eq!(in_path, declared, "{}", doc.op.id);
        assert!(doc.params.iter().filter(|p| p.at == In::Body).count() <= 1);
    }
}

/// `(name, in, required)` of an operation's parameters, sorted.
fn params(op: &Value) -> Vec<(String, String, bool)> {
    let mut out: Vec<_> = op["parameters"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_owned(),
                p["in"].as_str().unwrap_or_default().to_owned(),
                p["required"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    out.sort();
    out
}

/// `(status, model name or inline type)` of the success responses.
fn success(op: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (status, response) in op["responses"].as_object().expect("responses") {
        if !status.starts_with('2') {
            continue;
        }
        let schema = &response["schema"];
        let model = match schema["$ref"].as_str() {
            Some(r) => r.trim_start_matches("#/definitions/").to_owned(),
            None => schema["type"].as_str().unwrap_or("-").to_owned(),
        };
        out.push((status.clone(), model));
    }
    out
}

/// Body model names (`$ref`s of `in: body` parameters; for a refined body, the model it refines:
/// `allOf[0]`).
fn body_models(op: &Value) -> Vec<String> {
    op["parameters"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|p| p["in"] == "body")
        .map(|p| {
            let schema = &p["schema"];
            schema["$ref"]
                .as_str()
                .or_else(|| schema["allOf"][0]["$ref"].as_str())
                .map(|r| r.trim_start_matches("#/definitions/").to_owned())
                .unwrap_or_else(|| p["schema"]["type"].as_str().unwrap_or("-").to_owned())
        })
        .collect()
}

#[test]
fn the_document_matches_the_reference_extract() {
    let text = include_str!("../../../../reference/genesys-orgauth-openapi.json");
    let reference: Value = serde_json::from_str(text).expect("reference is JSON");
    let ours = document();
    let mut compared = 0;
    for (path, methods) in reference["paths"].as_object().expect("paths") {
        for (method, expected) in methods.as_object().expect("methods") {
            let id = expected["operationId"].as_str().expect("operationId");
            let actual = &ours["paths"][path][method];
            assert!(
                actual.is_object(),
                "{id}: {method} {path} is not documented"
            );
            assert_eq!(actual["operationId"], expected["operationId"], "{path}");
            assert_eq!(params(actual), params(expected), "{id}: parameters");
            assert_eq!(
                success(actual),
                success(expected),
                "{id}: success responses"
            );
            assert_eq!(
                body_models(actual),
                body_models(expected),
                "{id}: body model"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, REFERENCE.len());
}

#[test]
fn every_reference_is_defined() {
    let doc = document();
    let text = doc.to_string();
    let definitions = doc["definitions"].as_object().expect("definitions");
    for piece in text.split("\"#/definitions/").skip(1) {
        let name = piece.split('"').next().unwrap_or_default();
        assert!(
            definitions.contains_key(name),
            "{name} is referenced but not defined"
        );
    }
    // Swagger 2.0 has no boolean schemas and no `type` lists.
    assert!(
        !text.contains("\"type\":["),
        "a nullable type list slipped in"
    );
}

#[test]
fn epoch_bounds_are_what_the_handlers_accept() {
    use chrono::TimeZone;
    let super::Ty::Range(min, max) = super::EPOCH_MS else {
        panic!("EPOCH_MS is a range");
    };
    let utc = chrono::Utc;
    assert_eq!(
        (min, max),
        (
            chrono::DateTime::<chrono::Utc>::MIN_UTC.timestamp_millis(),
            chrono::DateTime::<chrono::Utc>::MAX_UTC.timestamp_millis()
        )
    );
    assert!(utc.timestamp_millis_opt(min).single().is_some());
    assert!(utc.timestamp_millis_opt(max).single().is_some());
    assert!(utc.timestamp_millis_opt(min - 1).single().is_none());
    assert!(utc.timestamp_millis_opt(max + 1).single().is_none());
}
