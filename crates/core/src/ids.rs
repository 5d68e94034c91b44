//! Typed identifiers, so that a trustee organization id cannot be passed where a user id is meant.
//!
//! Ids travel as strings on the wire (Genesys uses UUIDs for most entities, any string for OAuth
//! client ids); a malformed id is simply an id that matches nothing, answered with 404.

use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id read from the wire or the store.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// A fresh random (v4 UUID) id.
            pub fn generate() -> Self {
                Self(uuid::Uuid::new_v4().to_string())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// An organization (a tenant).
    OrgId
);
string_id!(
    /// A division of an organization.
    DivisionId
);
string_id!(
    /// A role of an organization.
    RoleId
);
string_id!(
    /// A user of an organization.
    UserId
);
string_id!(
    /// A group of an organization.
    GroupId
);
string_id!(
    /// An OAuth client of an organization (any string, unique across the server).
    ClientId
);
string_id!(
    /// A pairing (trust request) made by a trustee organization.
    PairingId
);
