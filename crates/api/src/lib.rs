//! Wire types of orgtrust: serde models with the exact JSON shapes of the Genesys Cloud Platform
//! API v2 (Organization Authorization, Organization, and the directory/OAuth endpoints the SDKs
//! need). No I/O.
//!
//! Conventions: every property is an `Option` that is omitted when `None` (never `null`);
//! listing `entities` and `ErrorBody.details/errors` are plain `Vec`s that are always present;
//! dates use [`datetime`] (emit `yyyy-MM-ddTHH:mm:ss.SSSZ`, parse any ISO-8601 form); unknown
//! JSON properties are ignored.

pub mod access;
pub mod datetime;
pub mod directory;
pub mod error;
pub mod organization;
pub mod orgauth;
pub mod paging;
pub mod token;

pub use access::*;
pub use datetime::{format_datetime, parse_datetime};
pub use directory::*;
pub use error::{codes, Detail, ErrorBody};
pub use organization::*;
pub use orgauth::*;
pub use paging::*;
pub use token::{oauth_errors, OAuthError, TokenResponse};

#[cfg(test)]
mod wire_tests;
