//! OAuth scopes: which permissions each Genesys scope name reaches, for organizations that
//! enforce scopes. A token of such an organization holds its role permissions intersected with
//! the permissions its client's authorized scopes reach.
//!
//! Scope names follow Genesys (`organization-authorization`, `organization`, `users`, `groups`,
//! `authorization`, `oauth`); each has a `:readonly` variant that reaches only `view` actions.
//! The `internal` domain is reached by no scope.

use std::sync::Arc;

use crate::catalogue;
use crate::error::Error;
use crate::permission::{DivisionGrant, EffectivePermissions, Pattern, Requirement, Scope};

/// The scope names this server knows, without their `:readonly` variants.
pub const SCOPES: &[&str] = &[
    "authorization",
    "groups",
    "oauth",
    "organization",
    "organization-authorization",
    "users",
];

/// The entities of the `authorization` domain that belong to `organization-authorization`.
const ORG_AUTH_ENTITIES: &[&str] = &[
    "audit",
    "orgTrustee",
    "orgTrusteeGroup",
    "orgTrusteeUser",
    "orgTrustor",
];

/// The base scope (without `:readonly`) that reaches `domain:entity`, if any.
fn base_scope(domain: &str, entity: &str) -> Option<&'static str> {
    match (domain, entity) {
        ("authorization", e) if ORG_AUTH_ENTITIES.contains(&e) => {
            Some("organization-authorization")
        }
        ("authorization", _) => Some("authorization"),
        ("directory", "organization") | ("limits", _) | ("migrations", _) => Some("organization"),
        ("directory", "user") => Some("users"),
        ("directory", "group") => Some("groups"),
        ("oauth", _) => Some("oauth"),
        _ => None,
    }
}

/// Does the scope `scope` (possibly `name:readonly`) reach `permission`?
pub fn scope_reaches(scope: &str, permission: &str) -> bool {
    let (name, readonly) = match scope.strip_suffix(":readonly") {
        Some(n) => (n, true),
        None => (scope, false),
    };
    let mut parts = permission.split(':');
    let (Some(d), Some(e), Some(a)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    base_scope(d, e) == Some(name) && (!readonly || a == "view")
}

/// The scopes that would reach `permission` (the full one first, then `:readonly` for views).
pub fn scopes_for(permission: &str) -> Vec<String> {
    let mut parts = permission.split(':');
    let (Some(d), Some(e), Some(a)) = (parts.next(), parts.next(), parts.next()) else {
        return vec![];
    };
    match base_scope(d, e) {
        None => vec![],
        Some(s) if a == "view" => vec![s.to_owned(), format!("{s}:readonly")],
        Some(s) => vec![s.to_owned()],
    }
}

/// Is `scope` a known scope name (or its `:readonly` variant)?
pub fn is_known(scope: &str) -> bool {
    SCOPES.contains(&scope.strip_suffix(":readonly").unwrap_or(scope))
}

/// `permissions` restricted to what `scopes` reach. Wildcard grants are expanded over the
/// permission catalogue (every permission the server checks), keeping their division scope.
pub fn restrict(permissions: &EffectivePermissions, scopes: &[String]) -> EffectivePermissions {
    let mut out = EffectivePermissions::none();
    for known in catalogue::PERMISSIONS {
        let perm = known.permission;
        if !scopes.iter().any(|s| scope_reaches(s, perm)) {
            continue;
        }
        let (Some(held), Ok(pattern)) = (permissions.scope(perm), Pattern::parse(perm)) else {
            continue;
        };
        match held {
            Scope::All => out.grant([&pattern], &DivisionGrant::All),
            Scope::Divisions(ds) => {
                for d in ds {
                    out.grant([&pattern], &DivisionGrant::One(d));
                }
            }
        }
    }
    out
}

/// What the scope restriction of a token took away, to explain a refusal: the authorized scopes
/// and the permissions the subject's roles hold without them.
#[derive(Debug, Clone)]
pub struct ScopeRestriction {
    /// The client's authorized scopes.
    pub scopes: Vec<String>,
    /// The permissions before the intersection.
    pub unscoped: Arc<EffectivePermissions>,
}

impl ScopeRestriction {
    /// When `requirement` failed only because of the scopes, the refusal naming the missing
    /// scope(s); `None` when the roles themselves fall short (the permission refusal stands).
    pub fn explain(&self, requirement: &Requirement) -> Option<Error> {
        self.unscoped.check(requirement).ok()?;
        let mut missing: Vec<String> = requirement
            .permissions()
            .iter()
            .filter(|p| self.unscoped.has(p))
            .flat_map(|p| scopes_for(p).into_iter().take(1))
            .collect();
        missing.sort();
        missing.dedup();
        let message = if missing.is_empty() {
            format!(
                "The OAuth client is not authorized for this operation: this organization enforces OAuth scopes and no scope grants [{}].",
                requirement.permissions().join(", ")
            )
        } else {
            format!(
                "The OAuth client is not authorized for this operation: this organization enforces OAuth scopes and the client is missing the scope [{}].",
                missing.join(", ")
            )
        };
        Some(Error::NotAuthorized(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_names_map_to_domains_and_actions() {
        assert!(scope_reaches(
            "organization",
            "directory:organization:admin"
        ));
        assert!(scope_reaches(
            "organization:readonly",
            "limits:organization:view"
        ));
        assert!(!scope_reaches(
            "organization:readonly",
            "directory:organization:admin"
        ));
        assert!(scope_reaches(
            "organization-authorization",
            "authorization:orgTrustee:add"
        ));
        assert!(!scope_reaches(
            "authorization",
            "authorization:orgTrustee:add"
        ));
        assert!(scope_reaches("authorization", "authorization:role:view"));
        assert!(scope_reaches("users:readonly", "directory:user:view"));
        assert!(!scope_reaches("users", "directory:group:view"));
        assert!(!scope_reaches("organization", "internal:organization:add"));
        assert_eq!(
            scopes_for("directory:user:view"),
            vec!["users".to_owned(), "users:readonly".to_owned()]
        );
        assert!(is_known("groups:readonly") && !is_known("nope"));
    }

    #[test]
    fn restriction_intersects_wildcards() {
        let mut all = EffectivePermissions::none();
        all.grant([&Pattern::parse("*").expect("star")], &DivisionGrant::All);
        let r = restrict(&all, &["users:readonly".to_owned()]);
        assert!(r.has("directory:user:view"));
        assert!(!r.has("directory:user:add"));
        assert!(!r.has("directory:organization:admin"));
        let explain = ScopeRestriction {
            scopes: vec!["users:readonly".into()],
            unscoped: Arc::new(all),
        }
        .explain(&Requirement::Any(&["directory:organization:admin"]))
        .expect("explained")
        .to_string();
        assert!(explain.contains("[organization]"), "{explain}");
    }
}
