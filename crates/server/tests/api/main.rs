//! The HTTP integration suite: one binary, one module per route group (named like the URL).

mod helpers;
mod isolation_matrix;

mod abuse;
mod authentication_settings;
mod authorization;
mod console;
mod emulator;
mod errors;
mod fieldconfig;
mod fixtures;
mod groups;
mod limits;
mod migrations;
mod oauth;
mod oauth_authorize;
mod oauth_clients;
mod ops;
mod organizations;
mod orgauthorization_audits;
mod orgauthorization_care;
mod orgauthorization_clones;
mod orgauthorization_members;
mod orgauthorization_pairings;
mod orgauthorization_support;
mod orgauthorization_trusts;
mod permission_matrix;
mod schemathesis_regressions;
mod snapshot;
mod tokens;
mod trust_model_check;
mod trust_revocation;
mod trust_sign_in;
mod users;
mod why_refused;
mod write_path;
