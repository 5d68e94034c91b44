//! The orgtrust domain: typed ids, organizations, the directory, trusts, the permission model and
//! its evaluator, audit events, the clock and the storage traits. No HTTP, no SQL.
//!
//! The server holds one [`App`], the composition root that builds each service (directory,
//! organizations, orgauthorization, authentication, admission, limits, ...) with its own state and
//! its dependencies passed in, and calls the services through it. Every service method takes an
//! [`authz::Authorized`] caller (the proof that the operation's requirement was checked) and checks
//! what else it must; every write reaches the store together with its audit event.

pub mod access;
pub mod admission;
pub mod app;
pub mod audit;
pub mod audit_buckets;
pub mod audit_search;
pub mod auth;
pub mod authz;
pub mod browser_sign_in;
pub mod catalogue;
pub mod clock;
pub mod cross_org;
pub mod directory;
pub mod emulator;
pub mod error;
pub mod escalation;
pub mod fieldconfig;
pub mod fixture;
pub mod ids;
pub mod input;
pub mod kept;
pub mod limits;
pub mod lockout;
pub mod login;
pub mod migrations;
pub mod model;
pub mod net;
pub mod ops;
pub mod org_settings;
pub mod organizations;
pub mod orgauth;
pub mod password;
pub mod password_policy;
pub mod permission;
pub mod redirect_uri;
pub mod request;
pub mod revocation;
pub mod scopes;
pub mod secret;
pub mod seed_document;
pub mod settings;
pub mod snapshot;
pub mod store;
pub mod token;
pub mod token_cache;
pub mod trust;
pub mod trust_sign_in;
pub mod verified_secrets;

pub use app::App;
pub use error::{Error, Result};
pub use request::RequestMeta;
pub use settings::Settings;
