//! The HTTP integration suite: one binary, one module per route group (named like the URL).

mod helpers;

mod errors;
mod fixtures;
mod oauth;
mod organizations;
mod orgauthorization_care;
mod orgauthorization_clones;
mod orgauthorization_members;
mod orgauthorization_pairings;
mod orgauthorization_support;
mod orgauthorization_trusts;
mod permission_matrix;
mod tokens;
