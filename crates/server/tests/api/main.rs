//! The HTTP integration suite: one binary, one module per route group (named like the URL).

mod helpers;

mod errors;
mod fixtures;
mod oauth;
mod organizations;
mod orgauthorization_audits;
mod tokens;
