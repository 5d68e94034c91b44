//! The HTTP integration suite: one binary, one module per route group (named like the URL).

mod helpers;

mod authorization;
mod errors;
mod fixtures;
mod groups;
mod oauth;
mod oauth_clients;
mod organizations;
mod tokens;
mod users;
