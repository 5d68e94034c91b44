//! One module per API group, named like its URL.

pub mod authorization;
pub mod groups;
pub mod oauth;
pub mod oauth_clients;
pub mod organizations;
pub mod tokens;
pub mod users;
