//! Trusts between organizations: the trustor grants, the trustee's users and groups receive. One
//! trust is stored once and shown twice: as a `Trustee` to the trustor, as a `Trustor` to the
//! trustee.

use chrono::{DateTime, Utc};

use crate::audit::Actor;
use crate::ids::OrgId;

/// A trust.
#[derive(Debug, Clone, PartialEq)]
pub struct Trust {
    /// The organization that grants access.
    pub trustor_org_id: OrgId,
    /// The organization whose users and groups receive access.
    pub trustee_org_id: OrgId,
    /// A disabled trust grants nothing but keeps its members and grants.
    pub enabled: bool,
    /// When it was created.
    pub date_created: DateTime<Utc>,
    /// After this instant the trust grants nothing.
    pub date_expired: Option<DateTime<Utc>>,
    /// Who created it (in the trustor organization).
    pub created_by: Actor,
    /// The pairing it was created from (none for Customer Care trusts).
    pub pairing_id: Option<String>,
    /// Created with the trustor's Admin role granted by default (Customer Care).
    pub uses_default_role: bool,
    /// Created with full access (Customer Care).
    pub has_full_access: bool,
    /// Created with Trusted User access (Customer Care).
    pub is_trusted_user: bool,
}

impl Trust {
    /// Does the trust grant anything at `now`: enabled and not expired?
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.enabled && self.date_expired.is_none_or(|at| now < at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn disabled_or_expired_trusts_are_inactive() {
        let now = Utc::now();
        let mut t = Trust {
            trustor_org_id: OrgId::new("a"),
            trustee_org_id: OrgId::new("b"),
            enabled: true,
            date_created: now,
            date_expired: None,
            created_by: Actor {
                kind: "user",
                id: "u".into(),
                name: "U".into(),
            },
            pairing_id: None,
            uses_default_role: false,
            has_full_access: false,
            is_trusted_user: false,
        };
        assert!(t.is_active(now));
        t.date_expired = Some(now + Duration::days(30));
        assert!(t.is_active(now + Duration::days(29)));
        assert!(!t.is_active(now + Duration::days(30)));
        t.date_expired = None;
        t.enabled = false;
        assert!(!t.is_active(now));
    }
}
