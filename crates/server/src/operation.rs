//! What an operation is: its identity (Genesys operationId, method, path), what the caller must
//! hold, its documentation (tag, summary, parameters, success status and model) and its handler.
//! Each operation is declared once, in [`crate::operations`]; from that declaration the router
//! builds its route (with the permission check, `router::route_of`), [`crate::openapi`] its entry
//! in the served Swagger document, and the permission-matrix tests their cases.

use axum::routing::{MethodFilter, MethodRouter};
use orgtrust_core::permission::Requirement;
use schemars::gen::SchemaGenerator;
use schemars::schema::Schema;
use schemars::JsonSchema;
use serde_json::Value;

use crate::state::AppState;

/// Names a wire type of `orgtrust_api` as a documented model.
macro_rules! m {
    ($name:ident) => {
        $crate::operation::Model {
            name: stringify!($name),
            schema: $crate::operation::schema_of::<orgtrust_api::$name>,
        }
    };
}
pub(crate) use m;

/// One API operation, declared once.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The Genesys operationId.
    pub id: &'static str,
    /// The HTTP method.
    pub method: &'static str,
    /// The path template.
    pub path: &'static str,
    /// What the caller must hold: the route checks it before the handler runs.
    pub requirement: Requirement,
    /// The Genesys tag (API group).
    pub tag: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Parameters in Genesys order.
    pub params: &'static [Param],
    /// The success status.
    pub status: u16,
    /// The success body.
    pub response: Resp,
    /// The handler, bound to the operation's method.
    pub handler: fn(MethodFilter) -> MethodRouter<AppState>,
}

impl Operation {
    /// The method as axum's router filters it.
    pub fn method_filter(&self) -> MethodFilter {
        match self.method {
            "GET" => MethodFilter::GET,
            "POST" => MethodFilter::POST,
            "PUT" => MethodFilter::PUT,
            "PATCH" => MethodFilter::PATCH,
            "DELETE" => MethodFilter::DELETE,
            other => unreachable!("operation {} has method {other}", self.id),
        }
    }
}

/// A named request or response model and how to derive its JSON schema.
#[derive(Clone, Copy)]
pub struct Model {
    /// The Genesys model name (`#/definitions/<name>`).
    pub name: &'static str,
    /// Produces the schema (a `$ref` into the generator's definitions).
    pub schema: fn(&mut SchemaGenerator) -> Schema,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// The schema of `T`, registered in the generator.
pub fn schema_of<T: JsonSchema>(gen: &mut SchemaGenerator) -> Schema {
    gen.subschema_for::<T>()
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// A path segment.
    Path,
    /// A query parameter.
    Query,
    /// The JSON request body.
    Body,
}

impl In {
    /// The Swagger name of the location.
    pub fn as_str(self) -> &'static str {
        match self {
            In::Path => "path",
            In::Query => "query",
            In::Body => "body",
        }
    }
}

/// The type of a parameter, as the handler parses it.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// Any string.
    Str,
    /// A 32-bit integer (`Query::int`, paging).
    Int32,
    /// An integer within bounds the handler enforces (paging, epoch milliseconds).
    Range(i64, i64),
    /// A 64-bit integer (epoch milliseconds).
    Int64,
    /// `true` / `false` (`Query::bool`).
    Bool,
    /// Repeated or comma-joined strings (`Query::list`).
    StrList,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// Repeated values, each one of these strings.
    EnumList(&'static [&'static str]),
    /// A JSON body of this model.
    Body(Model),
    /// A JSON body of this model, with what the handler requires beyond the model's shape
    /// (required fields, enums, lengths, ranges): a JSON Schema fragment combined with the model
    /// by `allOf`. For wire types shared by requests and responses, where only the request
    /// requires a field; the body's model stays the reference's (`allOf[0]`).
    BodyRefined(Model, fn() -> Value),
    /// A JSON body that is an array of strings.
    BodyStrList,
}

/// One documented parameter.
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Its name (`body` for the request body, as Genesys names it).
    pub name: &'static str,
    /// Where it travels.
    pub at: In,
    /// Whether the operation requires it.
    pub required: bool,
    /// Its type.
    pub ty: Ty,
}

/// Epoch milliseconds within chrono's range (what `Utc.timestamp_millis_opt` accepts).
pub const EPOCH_MS: Ty = Ty::Range(-8_334_601_228_800_000, 8_210_266_876_799_999);

/// `sortOrder` of the directory listings (`routes::users::descending`, case-insensitive there).
pub const SORT_ORDER: Ty = Ty::Enum(&["ASC", "DESC", "asc", "desc", "ascending", "descending"]);

/// Shorthand for the parameters of a declaration.
pub const fn p(name: &'static str, at: In, required: bool, ty: Ty) -> Param {
    Param {
        name,
        at,
        required,
        ty,
    }
}

/// What a successful response carries.
#[derive(Debug, Clone, Copy)]
pub enum Resp {
    /// No body (204).
    Empty,
    /// A free-form JSON object.
    Object,
    /// A named model.
    Model(Model),
}
