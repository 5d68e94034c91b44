//! Secrets: passwords and client secrets (stored only as argon2 hashes, compared in constant
//! time by argon2 itself), and bearer tokens (random, stored and cached only as SHA-256 digests).
//! [`Secret`] keeps plaintext out of `Debug` output and so out of every log line.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A plaintext secret (password, client secret, bearer token). `Debug` prints a placeholder.
#[derive(Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a plaintext.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The plaintext, for hashing or for the one response that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// An argon2id hash in PHC string form.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHashString(pub String);

impl std::fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(argon2id)")
    }
}

/// Hashes a password or client secret with argon2id and a random salt.
pub fn hash_secret(secret: &Secret) -> PasswordHashString {
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(secret.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        // Hashing with default parameters and a fresh salt cannot fail for any input length the
        // API accepts (passwords are capped at 400 characters); fail closed if it ever does.
        .unwrap_or_default();
    PasswordHashString(hash)
}

/// Checks a plaintext against a stored hash (constant-time inside argon2). A malformed or empty
/// stored hash verifies nothing.
pub fn verify_secret(secret: &Secret, hash: &PasswordHashString) -> bool {
    match PasswordHash::new(&hash.0) {
        Ok(parsed) => Argon2::default()
            .verify_password(secret.expose().as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the work of one [`verify_secret`] and verifies nothing: what sign-in does for an
/// unknown client or user, so that the answer takes as long as for a known one with a wrong
/// secret (no enumeration of client ids or usernames by timing).
pub fn verify_against_nothing(secret: &Secret) -> bool {
    static DECOY: std::sync::OnceLock<PasswordHashString> = std::sync::OnceLock::new();
    let decoy = DECOY.get_or_init(|| hash_secret(&new_client_secret()));
    // The decoy's plaintext was random and is gone: this cannot succeed.
    let _ = verify_secret(secret, decoy);
    false
}

/// The SHA-256 digest of a bearer token: what the store and the cache key tokens by.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenDigest(pub [u8; 32]);

impl TokenDigest {
    /// Digests a presented bearer token.
    pub fn of(token: &str) -> Self {
        Self(Sha256::digest(token.as_bytes()).into())
    }

    /// Hex form, for storage.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Reads the hex form back.
    pub fn from_hex(s: &str) -> Option<Self> {
        if s.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
            let hex = std::str::from_utf8(chunk).ok()?;
            out[i] = u8::from_str_radix(hex, 16).ok()?;
        }
        Some(Self(out))
    }
}

impl std::fmt::Debug for TokenDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TokenDigest({}…)", &self.to_hex()[..8])
    }
}

/// A new bearer token: 256 random bits, URL-safe base64.
pub fn new_bearer_token() -> Secret {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// A new OAuth client secret: 256 random bits, URL-safe base64.
pub fn new_client_secret() -> Secret {
    new_bearer_token()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let s = Secret::new("Acme-admin-1!");
        let h = hash_secret(&s);
        assert!(h.0.starts_with("$argon2id$"));
        assert!(verify_secret(&s, &h));
        assert!(!verify_secret(&Secret::new("acme-admin-1!"), &h));
        assert!(!verify_secret(&s, &PasswordHashString(String::new())));
    }

    #[test]
    fn debug_never_shows_plaintext() {
        let s = Secret::new("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn digest_hex_round_trip() {
        let t = new_bearer_token();
        let d = TokenDigest::of(t.expose());
        assert_eq!(TokenDigest::from_hex(&d.to_hex()), Some(d));
        assert_eq!(TokenDigest::from_hex("zz"), None);
    }
}
