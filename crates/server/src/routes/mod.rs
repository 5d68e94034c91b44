//! One module per API group, named like its URL.

pub mod authentication_settings;
pub mod fieldconfig;
pub mod limits;
pub mod migrations;
pub mod oauth;
pub mod organizations;
pub mod tokens;
