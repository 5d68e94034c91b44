//! One module per API group, named like its URL.

pub mod oauth;
pub mod organizations;
pub mod orgauthorization;
pub mod tokens;
