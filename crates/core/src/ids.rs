//! Typed identifiers, so that a trustee organization id cannot be passed where a user id is meant.
//!
//! Ids travel as strings on the wire (Genesys uses UUIDs for most entities, any string for OAuth
//! client ids); a malformed id is simply an id that matches nothing, answered with 404.

use std::fmt;

use parking_lot::Mutex;

/// The seeded generator's state, when `--seed` was given (`None`: ids are random).
static SEEDED: Mutex<Option<u64>> = Mutex::new(None);

/// Makes every id generated from now on come from a sequence determined by `seed`, so that a
/// run replayed with the same requests in the same order yields the same ids (the emulator's
/// `--seed`). Secrets (tokens, client secrets) stay random.
pub fn seed(seed: u64) {
    *SEEDED.lock() = Some(seed);
}

/// splitmix64: a tiny, well-mixed generator; enough for ids that only need to be unique and
/// repeatable, not unpredictable.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A fresh v4 UUID as text: random, or the next of the seeded sequence when [`seed`] was called.
/// Every generated id (entities, audit events, tokens' ids, change requests) goes through here.
pub fn new_uuid() -> String {
    let mut seeded = SEEDED.lock();
    match seeded.as_mut() {
        Some(state) => {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&splitmix64(state).to_le_bytes());
            bytes[8..].copy_from_slice(&splitmix64(state).to_le_bytes());
            uuid::Builder::from_random_bytes(bytes)
                .into_uuid()
                .to_string()
        }
        None => random_uuid(),
    }
}

/// A random v4 UUID as text, never from the seeded sequence (correlation ids). From the
/// thread's CSPRNG (`rand::thread_rng`, seeded from the OS), where `Uuid::new_v4` makes a
/// `getrandom` system call for each id: a few percent of a cached read's time.
pub fn random_uuid() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .to_string()
}

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

            /// A fresh v4 UUID id (random, or from the seeded sequence, see [`seed`]).
            pub fn generate() -> Self {
                Self(new_uuid())
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
