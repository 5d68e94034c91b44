//! The HTTP integration suite: one binary, one module per route group (named like the URL).

mod helpers;

mod authentication_settings;
mod authorization;
mod errors;
mod fieldconfig;
mod fixtures;
mod groups;
mod limits;
mod migrations;
mod oauth;
mod oauth_clients;
mod organizations;
mod tokens;
mod users;
