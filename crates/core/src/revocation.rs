//! A revoked credential stays revoked. Removing a grant refuses its tokens at once (the
//! authorization index no longer holds it); restoring the grant must not bring those tokens
//! back. So every write that can restore access first revokes, in the store, the tokens of those
//! it restores that were issued before it: such a token dates from a time the grant was absent,
//! or from before a revocation. The user signs in again.
//!
//! The writes that restore: a trust created, enabled, or its expiry moved while it was not in
//! force; a trustee user or group added to a trust; a user added to a group of the trustee; a
//! user or an OAuth client made active again. Revoking *before* the write is safe: while the
//! grant is absent no token can be issued for it, so none slips in between; and if the write
//! then fails, only tokens that were already refused are revoked.

use crate::authz::Authz;
use crate::clock::Clock;
use crate::error::Result;
use crate::ids::{ClientId, OrgId, UserId};
use crate::store::Store;
use crate::store::TokenSelector;
use std::sync::Arc;

/// Revocation before restores: a write that may put a grant path back in force first revokes
/// the tokens issued before it (so an old token cannot come back to life).
#[derive(Clone)]
pub struct Revocation {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Arc<Authz>,
}

impl Revocation {
    /// The service over `store`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, authz: Arc<Authz>) -> Self {
        Self {
            store,
            clock,
            authz,
        }
    }
}

impl Revocation {
    /// Before a write that may put the trust of `trustor` in `trustee` back in force (created,
    /// enabled, its expiry moved): when it is not in force now, every token of the trustee's
    /// users acting in the trustor is from before and is revoked.
    pub(crate) async fn revoke_before_trust_restore(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
    ) -> Result<()> {
        let now = self.clock.now();
        let index = self.authz.index(trustor).await?;
        let in_force = index
            .trusts()
            .trust(trustee)
            .is_some_and(|t| t.enabled && t.is_active(now));
        if in_force {
            return Ok(());
        }
        self.revoke_tokens(TokenSelector {
            home_org_id: Some(trustee.clone()),
            org_id: Some(trustor.clone()),
            cross_org_only: true,
            issued_before: Some(now),
            ..TokenSelector::default()
        })
        .await
    }

    /// Before a write that may let `users` of `trustee` act in `trustor` (a trust member added,
    /// users added to a group): the tokens there of each one who cannot act there now are
    /// revoked.
    pub(crate) async fn revoke_before_member_restore(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        users: &[UserId],
    ) -> Result<()> {
        let trustor_index = self.authz.index(trustor).await?;
        let now = self.clock.now();
        for user in users {
            let clone = trustor_index.trusts().clone_of(trustee, user).cloned();
            let can_act = self
                .authz
                .cross_org_permissions(trustor, trustee, user, clone.as_ref(), self.clock.now())
                .await?
                .is_ok();
            if !can_act {
                self.revoke_tokens(TokenSelector {
                    home_org_id: Some(trustee.clone()),
                    org_id: Some(trustor.clone()),
                    cross_org_only: true,
                    user_id: Some(user.clone()),
                    issued_before: Some(now),
                    ..TokenSelector::default()
                })
                .await?;
            }
        }
        Ok(())
    }

    /// Before users join a group of `org`: in every organization that trusts `org`, the tokens
    /// of each one who cannot act there now are revoked (the group may be a member there).
    pub(crate) async fn revoke_before_group_join(
        &self,
        org: &OrgId,
        users: &[UserId],
    ) -> Result<()> {
        let mut offset = 0;
        loop {
            let (trusts, total) = self.store.trusts_of_trustee(org, offset, 100).await?;
            for trust in &trusts {
                self.revoke_before_member_restore(&trust.trustor_org_id, org, users)
                    .await?;
            }
            offset += trusts.len() as i64;
            if trusts.is_empty() || offset >= total {
                return Ok(());
            }
        }
    }

    /// Before a user of `org` is made active again: its tokens from before are revoked, at home
    /// and in every trustor.
    pub(crate) async fn revoke_before_user_restore(
        &self,
        org: &OrgId,
        user: &UserId,
    ) -> Result<()> {
        self.revoke_tokens(TokenSelector {
            home_org_id: Some(org.clone()),
            user_id: Some(user.clone()),
            issued_before: Some(self.clock.now()),
            ..TokenSelector::default()
        })
        .await
    }

    /// Before an OAuth client of `org` is made active again: its tokens from before are revoked.
    pub(crate) async fn revoke_before_client_restore(
        &self,
        org: &OrgId,
        client: &ClientId,
    ) -> Result<()> {
        self.revoke_tokens(TokenSelector {
            home_org_id: Some(org.clone()),
            client_id: Some(client.clone()),
            issued_before: Some(self.clock.now()),
            ..TokenSelector::default()
        })
        .await
    }

    async fn revoke_tokens(&self, selector: TokenSelector) -> Result<()> {
        let revoked = self
            .store
            .revoke_tokens(&selector, self.clock.now())
            .await?;
        if revoked > 0 {
            tracing::info!(
                revoked,
                ?selector,
                "tokens from before a revocation revoked"
            );
        }
        Ok(())
    }
}
