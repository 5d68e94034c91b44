//! A cache of verified secrets, so that only the first token request with a given client secret
//! (or user password) pays argon2 (19 MiB and tens of milliseconds, by design).
//!
//! An entry remembers that the secret whose keyed digest is `mac` matched the stored hash `hash`
//! of one credential (a client, a user). It never holds the secret: only HMAC-SHA256 under a key
//! drawn at random when the process starts, which exists nowhere else. A request is let through
//! without argon2 only when its secret has the same digest AND the hash the store holds now is
//! the very hash it was verified against: a new secret or password (set here or by another
//! instance on the same database) changes the stored hash, so the entry no longer applies and
//! the next request pays argon2 again. Everything else (the client's state, the organization's,
//! lockout) is checked from the store on every request as before. A wrong secret never matches
//! an entry (entries are made only by successful verifications) and so always pays argon2, as
//! unknown clients and users pay the decoy's.

use dashmap::DashMap;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::secret::{PasswordHashString, Secret};

/// The most entries kept; past it the cache is emptied (a flood of distinct credentials costs
/// argon2 again, never memory).
const CAPACITY: usize = 100_000;

/// Secrets verified by this process (see the module documentation).
pub struct VerifiedSecrets {
    key: [u8; 32],
    /// By credential ("client:ID", "user:ID"): the secret's digest and the hash it matched.
    entries: DashMap<String, ([u8; 32], PasswordHashString)>,
}

impl std::fmt::Debug for VerifiedSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedSecrets")
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl Default for VerifiedSecrets {
    fn default() -> Self {
        let mut key = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut key);
        Self {
            key,
            entries: DashMap::new(),
        }
    }
}

impl VerifiedSecrets {
    /// HMAC-SHA256 of `credential` and `secret` under the process key.
    fn mac(&self, credential: &str, secret: &Secret) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(&(credential.len() as u64).to_be_bytes());
        mac.update(credential.as_bytes());
        mac.update(secret.expose().as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Does `secret` match `hash`, the hash the store holds now for `credential`? Answered from
    /// the cache when this very secret was verified against this very hash before; otherwise by
    /// argon2, remembering a success.
    pub fn verify(&self, credential: &str, secret: &Secret, hash: &PasswordHashString) -> bool {
        let mac = self.mac(credential, secret);
        if let Some(entry) = self.entries.get(credential) {
            let (known, verified_against) = &*entry;
            if bool::from(known.ct_eq(&mac)) && verified_against == hash {
                return true;
            }
        }
        let verified = crate::secret::verify_secret(secret, hash);
        if verified {
            if self.entries.len() >= CAPACITY {
                self.entries.clear();
            }
            self.entries
                .insert(credential.to_owned(), (mac, hash.clone()));
        }
        verified
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::hash_secret;

    #[test]
    fn only_a_verified_secret_against_the_current_hash_is_remembered() {
        let cache = VerifiedSecrets::default();
        let right = Secret::new("right-secret");
        let wrong = Secret::new("wrong-secret");
        let hash = hash_secret(&right);
        assert!(!cache.verify("client:a", &wrong, &hash));
        assert!(cache.entries.is_empty(), "a failure is not remembered");
        assert!(cache.verify("client:a", &right, &hash));
        assert!(
            cache.verify("client:a", &right, &hash),
            "answered from the cache"
        );
        assert!(
            !cache.verify("client:a", &wrong, &hash),
            "a wrong secret still fails"
        );
        assert!(
            !cache.verify("client:b", &right, &hash_secret(&Secret::new("other"))),
            "the entry is per credential"
        );
        // The secret was rotated: the stored hash changed, the old secret no longer passes.
        let rotated = hash_secret(&Secret::new("new-secret"));
        assert!(!cache.verify("client:a", &right, &rotated));
        assert!(cache.verify("client:a", &Secret::new("new-secret"), &rotated));
    }

    #[test]
    fn the_digest_is_keyed_per_process_and_never_the_secret() {
        let (a, b) = (VerifiedSecrets::default(), VerifiedSecrets::default());
        let s = Secret::new("s3cret");
        assert_ne!(a.mac("client:x", &s), b.mac("client:x", &s));
        assert_eq!(a.mac("client:x", &s), a.mac("client:x", &s));
        assert_ne!(a.mac("client:x", &s), a.mac("client:y", &s));
    }
}
