//! Keeps the document true: against the operation table, the router and the reference extract.

use std::collections::BTreeSet;

use serde_json::Value;

use super::document;
use crate::operation::In;
use crate::operations;

#[test]
fn every_operation_is_declared_once() {
    let ids: Vec<&str> = operations::all().map(|o| o.id).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "an operationId is declared twice");
    let routes: BTreeSet<(&str, &str)> = operations::all().map(|o| (o.method, o.path)).collect();
    assert_eq!(
        routes.len(),
        ids.len(),
        "a method and path are declared twice"
    );
}

#[test]
fn path_parameters_match_the_path_template() {
    for doc in operations::all() {
        let in_path: BTreeSet<&str> = doc
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
        assert_eq!(in_path, declared, "{}", doc.id);
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
    assert_eq!(compared, operations::REFERENCE.len());
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
    let crate::operation::Ty::Range(min, max) = crate::operation::EPOCH_MS else {
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
