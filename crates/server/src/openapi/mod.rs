//! The server's own contract: `GET /api/v2/docs/swagger` serves a Swagger 2.0 document rendered
//! from the operation declarations ([`crate::operations`]) with schemas derived from the wire types
//! of `orgtrust_api` (`schemars`), so the document cannot describe an operation the router does not
//! serve, nor shapes the server does not produce.
//!
//! `tests` (below) compare the document with the reference extract: a reference operation that
//! differs in path, method, parameters (name, in, required) or response model name fails them.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use schemars::gen::{SchemaGenerator, SchemaSettings};
use serde_json::{json, Map, Value};

use crate::operation::{m, Model, Operation, Param, Resp, Ty};
use crate::operations;

#[cfg(test)]
mod tests;

/// Error statuses every operation may answer, with their Genesys descriptions; all carry an
/// `ErrorBody`. 405 is absent: only documented methods are routed.
const ERRORS: &[(u16, &str)] = &[
    (400, "The request could not be understood by the server due to malformed syntax."),
    (401, "No authentication bearer token specified in authorization header."),
    (403, "You are not authorized to perform the requested action."),
    (404, "The requested resource was not found."),
    (408, "The client did not produce a request within the server timeout limit."),
    (409, "Resource conflict."),
    (413, "The request is over the size limit. Maximum bytes: %s"),
    (415, "Unsupported Media Type."),
    (429, "Rate limit exceeded the maximum."),
    (500, "The server encountered an unexpected condition which prevented it from fulfilling the request."),
    (503, "Service Unavailable."),
    (504, "The request timed out."),
];

fn param_json(gen: &mut SchemaGenerator, param: &Param) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(param.name));
    out.insert("in".into(), json!(param.at.as_str()));
    out.insert("required".into(), json!(param.required));
    let strings = |values: &[&str]| json!({"type": "string", "enum": values});
    let fields = match param.ty {
        Ty::Str => json!({"type": "string"}),
        Ty::Int32 => json!({"type": "integer", "format": "int32"}),
        Ty::Range(minimum, maximum) => {
            let int32 = i32::try_from(minimum).is_ok() && i32::try_from(maximum).is_ok();
            let format = if int32 { "int32" } else { "int64" };
            json!({"type": "integer", "format": format, "minimum": minimum, "maximum": maximum})
        }
        Ty::Int64 => json!({"type": "integer", "format": "int64"}),
        Ty::Bool => json!({"type": "boolean"}),
        Ty::StrList => {
            json!({"type": "array", "items": {"type": "string"}, "collectionFormat": "multi"})
        }
        Ty::Enum(values) => strings(values),
        Ty::EnumList(values) => {
            json!({"type": "array", "items": strings(values), "collectionFormat": "multi"})
        }
        Ty::Body(model) => json!({ "schema": model_ref(gen, &model) }),
        Ty::BodyRefined(model, refine) => {
            json!({ "schema": { "allOf": [model_ref(gen, &model), refine()] } })
        }
        Ty::BodyStrList => json!({"schema": {"type": "array", "items": {"type": "string"}}}),
    };
    if let Value::Object(fields) = fields {
        out.extend(fields);
    }
    Value::Object(out)
}

/// `{"$ref": "#/definitions/<name>"}`, registering `<name>` (an alias definition when the wire
/// type's own schema name differs, e.g. `TrustEntityListing` for `EntityListing<Trustee>`).
fn model_ref(gen: &mut SchemaGenerator, model: &Model) -> Value {
    let schema = (model.schema)(gen);
    let own = format!("#/definitions/{}", model.name);
    let value = serde_json::to_value(&schema).unwrap_or(Value::Null);
    if value.get("$ref").and_then(Value::as_str) != Some(own.as_str()) {
        gen.definitions_mut().insert(model.name.to_owned(), schema);
    }
    json!({ "$ref": own })
}

/// Swagger 2.0 allows neither boolean schemas (`true` for free-form values) nor `$schema`, and
/// spells `nullable` `x-nullable`: `true` becomes `{}` where a schema is expected (values of
/// `properties`/`definitions`, `items`, `additionalProperties`).
fn to_swagger(value: &mut Value, schema_map: bool) {
    match value {
        Value::Object(map) => {
            map.remove("$schema");
            if let Some(nullable) = map.remove("nullable") {
                map.insert("x-nullable".into(), nullable);
            }
            for (key, v) in map.iter_mut() {
                let schema_slot =
                    schema_map || matches!(key.as_str(), "items" | "additionalProperties");
                if schema_slot && matches!(v, Value::Bool(true)) {
                    *v = json!({});
                }
                to_swagger(
                    v,
                    !schema_map && matches!(key.as_str(), "properties" | "definitions"),
                );
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| to_swagger(v, false)),
        _ => {}
    }
}

/// Renders the whole document.
pub fn document() -> Value {
    let mut settings = SchemaSettings::draft07();
    settings.definitions_path = "#/definitions/".into();
    settings.option_add_null_type = false;
    // serde takes `null` for an `Option` as absent: say so (`x-nullable`, Swagger 2.0's spelling).
    settings.option_nullable = true;
    settings.meta_schema = None;
    let mut gen = settings.into_generator();
    let error_ref = model_ref(&mut gen, &m!(ErrorBody));

    let mut paths = Map::new();
    for doc in operations::all() {
        let params: Vec<Value> = doc.params.iter().map(|p| param_json(&mut gen, p)).collect();
        let mut responses = Map::new();
        let description = "Operation was successful.";
        let success = match doc.response {
            Resp::Empty => json!({ "description": description }),
            Resp::Object => json!({ "description": description, "schema": {"type": "object"} }),
            Resp::Model(model) => {
                json!({ "description": description, "schema": model_ref(&mut gen, &model) })
            }
        };
        responses.insert(doc.status.to_string(), success);
        for (status, text) in ERRORS {
            responses.insert(
                status.to_string(),
                json!({ "description": text, "schema": error_ref }),
            );
        }
        // Swagger 2.0 declares media types per operation, not per response: an operation whose
        // success is an empty 204 declares none (its errors are JSON all the same), so that
        // checkers do not expect a Content-Type on a response without content.
        let produces: &[&str] = match doc.response {
            Resp::Empty => &[],
            _ => &["application/json"],
        };
        let operation = json!({
            "tags": [doc.tag],
            "summary": doc.summary,
            "operationId": doc.id,
            "produces": produces,
            "consumes": ["application/json"],
            "parameters": params,
            "responses": responses,
            "security": [{ "PureCloud OAuth": [] }],
            "x-inin-requires-permissions": requirement_json(doc),
        });
        let entry = paths
            .entry(doc.path.to_owned())
            .or_insert_with(|| json!({}));
        if let Value::Object(methods) = entry {
            methods.insert(doc.method.to_lowercase(), operation);
        }
    }
    let definitions = serde_json::to_value(gen.definitions()).unwrap_or_else(|_| json!({}));
    let mut document = json!({
        "swagger": "2.0",
        "info": {
            "title": "orgtrust: Genesys Cloud Platform API v2 (Organization Authorization, Organization, directory)",
            "version": env!("CARGO_PKG_VERSION"),
        },
        "basePath": "/",
        "schemes": ["http"],
        "consumes": ["application/json"],
        "securityDefinitions": {
            "PureCloud OAuth": {
                "type": "oauth2",
                "flow": "application",
                "tokenUrl": "/oauth/token",
                "scopes": { "all": "All the scopes" },
            }
        },
        "paths": paths,
        "definitions": definitions,
    });
    to_swagger(&mut document, false);
    document
}

fn requirement_json(doc: &Operation) -> Value {
    use orgtrust_core::permission::Requirement;
    let (kind, perms): (&str, &[&str]) = match doc.requirement {
        Requirement::None => ("ANY", &[]),
        Requirement::Any(p) => ("ANY", p),
        Requirement::All(p) => ("ALL", p),
    };
    json!({ "type": kind, "permissions": perms })
}

/// `GET /api/v2/docs/swagger`: the document, public like Genesys' own API docs (it holds no
/// organization data), rendered once.
pub async fn serve() -> Response {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(|| document().to_string());
    ([(header::CONTENT_TYPE, "application/json")], text.clone()).into_response()
}
