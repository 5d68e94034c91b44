//! Password requirements, enforced wherever a password is set.

use crate::error::{Error, Result};

/// The special characters Genesys counts.
pub const SPECIALS: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/// Longest password accepted.
pub const MAX_LENGTH: usize = 400;

/// An organization's password requirements (the Genesys defaults by [`Default`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordPolicy {
    /// Minimum length.
    pub minimum_length: u32,
    /// Minimum number of digits.
    pub minimum_digits: u32,
    /// Minimum number of letters.
    pub minimum_letters: u32,
    /// Minimum number of upper-case letters.
    pub minimum_upper: u32,
    /// Minimum number of lower-case letters.
    pub minimum_lower: u32,
    /// Minimum number of special characters.
    pub minimum_specials: u32,
    /// Minimum age of a password before it may be changed, in seconds.
    pub minimum_age_seconds: u32,
    /// Days after which a password expires (0: never).
    pub expiration_days: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            minimum_length: 8,
            minimum_digits: 1,
            minimum_letters: 0,
            minimum_upper: 1,
            minimum_lower: 1,
            minimum_specials: 1,
            minimum_age_seconds: 0,
            expiration_days: 0,
        }
    }
}

impl PasswordPolicy {
    /// Checks a new password; the error names the rule that failed and the field.
    pub fn check(&self, field: &str, password: &str) -> Result<()> {
        let count = |f: fn(char) -> bool| password.chars().filter(|c| f(*c)).count() as u32;
        let length = password.chars().count();
        let rules: [(bool, String); 7] = [
            (
                length >= self.minimum_length as usize,
                format!("at least {} characters", self.minimum_length),
            ),
            (
                length <= MAX_LENGTH,
                format!("at most {MAX_LENGTH} characters"),
            ),
            (
                count(|c| c.is_ascii_digit()) >= self.minimum_digits,
                format!("at least {} digit(s)", self.minimum_digits),
            ),
            (
                count(char::is_alphabetic) >= self.minimum_letters,
                format!("at least {} letter(s)", self.minimum_letters),
            ),
            (
                count(char::is_uppercase) >= self.minimum_upper,
                format!("at least {} upper-case letter(s)", self.minimum_upper),
            ),
            (
                count(char::is_lowercase) >= self.minimum_lower,
                format!("at least {} lower-case letter(s)", self.minimum_lower),
            ),
            (
                count(|c| SPECIALS.contains(c)) >= self.minimum_specials,
                format!("at least {} special character(s)", self.minimum_specials),
            ),
        ];
        match rules.iter().find(|(ok, _)| !ok) {
            None => Ok(()),
            Some((_, rule)) => Err(Error::invalid_value(
                field,
                format!("The password must contain {rule}."),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy() {
        let p = PasswordPolicy::default();
        assert!(p.check("password", "Acme-admin-1!").is_ok());
        for (weak, rule) in [
            ("Ab1!", "8 characters"),
            ("acme-admin-1!", "upper-case"),
            ("ACME-ADMIN-1!", "lower-case"),
            ("Acme-admin-x!", "digit"),
            ("Acmeadmin12", "special"),
        ] {
            let err = p.check("password", weak).expect_err(weak).to_string();
            assert!(err.contains(rule), "{weak}: {err}");
        }
        assert!(p
            .check("password", &format!("Aa1!{}", "x".repeat(400)))
            .is_err());
    }
}
