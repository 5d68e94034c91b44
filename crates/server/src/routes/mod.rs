//! One module per API group, named like its URL.

pub mod access;
pub mod authentication_settings;
pub mod authorization;
pub mod console;
pub mod emulator;
pub mod fieldconfig;
pub mod groups;
pub mod limits;
pub mod migrations;
pub mod oauth;
pub mod oauth_authorize;
pub mod oauth_clients;
pub mod organizations;
pub mod orgauthorization;
pub mod orgauthorization_audits;
pub mod snapshot;
pub mod tokens;
pub mod users;
