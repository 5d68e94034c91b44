//! The HTTP integration suite: one binary, one module per route group (named like the URL).

mod helpers;

mod authentication_settings;
mod errors;
mod fieldconfig;
mod fixtures;
mod limits;
mod migrations;
mod oauth;
mod organizations;
mod tokens;
