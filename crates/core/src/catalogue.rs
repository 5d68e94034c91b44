//! Every permission the server checks. Role editors may only grant these (or wildcard patterns
//! that reach at least one of them); `GET /api/v2/authorization/permissions` lists them.

use crate::permission::Pattern;

/// One permission the server knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPermission {
    /// `domain:entity:action`.
    pub permission: &'static str,
    /// A human label.
    pub label: &'static str,
    /// Whether grants of it are scoped by division.
    pub division_aware: bool,
}

const fn p(permission: &'static str, label: &'static str, division_aware: bool) -> KnownPermission {
    KnownPermission {
        permission,
        label,
        division_aware,
    }
}

/// The catalogue, sorted by permission.
pub const PERMISSIONS: &[KnownPermission] = &[
    p(
        "authorization:audit:view",
        "View audits of trustee users",
        false,
    ),
    p("authorization:division:add", "Create divisions", false),
    p("authorization:division:delete", "Delete divisions", false),
    p("authorization:division:edit", "Edit divisions", false),
    p("authorization:division:view", "View divisions", false),
    p("authorization:grant:add", "Grant roles", false),
    p("authorization:grant:delete", "Remove role grants", false),
    p("authorization:grant:view", "View role grants", false),
    p(
        "authorization:orgTrustee:add",
        "Create trusts with trustee organizations",
        false,
    ),
    p(
        "authorization:orgTrustee:delete",
        "Delete trusts with trustee organizations",
        false,
    ),
    p(
        "authorization:orgTrustee:edit",
        "Edit trusts with trustee organizations",
        false,
    ),
    p(
        "authorization:orgTrustee:view",
        "View trusts with trustee organizations",
        false,
    ),
    p(
        "authorization:orgTrusteeGroup:add",
        "Add trustee groups",
        false,
    ),
    p(
        "authorization:orgTrusteeGroup:delete",
        "Remove trustee groups",
        false,
    ),
    p(
        "authorization:orgTrusteeGroup:edit",
        "Edit trustee group roles",
        false,
    ),
    p(
        "authorization:orgTrusteeGroup:view",
        "View trustee groups",
        false,
    ),
    p(
        "authorization:orgTrusteeUser:add",
        "Add trustee users",
        false,
    ),
    p(
        "authorization:orgTrusteeUser:delete",
        "Remove trustee users",
        false,
    ),
    p(
        "authorization:orgTrusteeUser:edit",
        "Edit trustee user roles",
        false,
    ),
    p(
        "authorization:orgTrusteeUser:view",
        "View trustee users",
        false,
    ),
    p(
        "authorization:orgTrustor:delete",
        "Delete trusts with trustor organizations",
        false,
    ),
    p(
        "authorization:orgTrustor:view",
        "View trusts with trustor organizations",
        false,
    ),
    p("authorization:role:add", "Create roles", false),
    p("authorization:role:delete", "Delete roles", false),
    p("authorization:role:edit", "Edit roles", false),
    p("authorization:role:view", "View roles", false),
    p("directory:group:add", "Create groups", true),
    p("directory:group:delete", "Delete groups", true),
    p("directory:group:edit", "Edit groups", true),
    p("directory:group:view", "View groups", true),
    p(
        "directory:organization:admin",
        "Administer the organization",
        false,
    ),
    p("directory:user:add", "Create users", true),
    p("directory:user:delete", "Delete users", true),
    p("directory:user:edit", "Edit users", true),
    p("directory:user:setPassword", "Set user passwords", true),
    p("directory:user:view", "View users", true),
    p(
        "internal:limitChangeRequest:create",
        "Create limit change requests (Genesys internal)",
        false,
    ),
    p(
        "internal:limitChangeRequest:update",
        "Update limit change requests (Genesys internal)",
        false,
    ),
    p(
        "internal:organization:add",
        "Create organizations (Genesys internal)",
        false,
    ),
    p(
        "internal:organization:terminate",
        "Terminate organizations (Genesys internal)",
        false,
    ),
    p(
        "limits:organization:view",
        "View the organization's limits",
        false,
    ),
    p(
        "migrations:organization:edit",
        "Switch organization migrations",
        false,
    ),
    p(
        "migrations:organization:view",
        "View organization migrations",
        false,
    ),
    p("oauth:client:add", "Create OAuth clients", false),
    p("oauth:client:delete", "Delete OAuth clients", false),
    p("oauth:client:edit", "Edit OAuth clients", false),
    p("oauth:client:view", "View OAuth clients", false),
];

/// The permission strings of the catalogue.
pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    PERMISSIONS.iter().map(|k| k.permission)
}

/// Is `permission` in the catalogue?
pub fn is_known(permission: &str) -> bool {
    PERMISSIONS
        .binary_search_by(|k| k.permission.cmp(permission))
        .is_ok()
}

/// A grantable pattern reaches at least one known permission (so typos are refused).
pub fn is_grantable(pattern: &Pattern) -> bool {
    names().any(|p| pattern.matches(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_sorted_and_unique() {
        assert!(PERMISSIONS
            .windows(2)
            .all(|w| w[0].permission < w[1].permission));
    }

    #[test]
    fn grantable_patterns() {
        let ok = |s: &str| is_grantable(&Pattern::parse(s).expect("syntax"));
        assert!(ok("*"));
        assert!(ok("internal:*:*"));
        assert!(ok("directory:user:view"));
        assert!(!ok("directory:user:fly"));
        assert!(!ok("nope:*:*"));
    }
}
