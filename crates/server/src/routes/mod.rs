//! One module per API group, named like its URL.

pub mod oauth;
pub mod organizations;
pub mod orgauthorization_audits;
pub mod tokens;
