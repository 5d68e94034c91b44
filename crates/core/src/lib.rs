//! The orgtrust domain: typed ids, organizations, the directory, trusts, the permission model and
//! its evaluator, audit events, the clock and the storage traits. No HTTP, no SQL.
//!
//! The server holds one [`App`] and calls its services; every service checks what it must, and
//! every write reaches the store together with its audit event.

pub mod app;
pub mod audit;
pub mod audit_search;
pub mod auth;
pub mod authz;
pub mod catalogue;
pub mod clock;
pub mod error;
pub mod fixture;
pub mod ids;
pub mod model;
pub mod organizations;
pub mod password;
pub mod permission;
pub mod secret;
pub mod store;
pub mod token;
pub mod trust;

pub use app::{App, RequestMeta, Settings};
pub use error::{Error, Result};
