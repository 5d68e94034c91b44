//! Cloned users: the trustee clones one of its trusted users into the trustor organization. The
//! clone is a user of the trustor without a password (it cannot sign in directly), linked to the
//! original, and holds what the trust grants the original. At most five per trustor organization.

use orgtrust_api::codes;

use crate::audit::{Change, Target};
use crate::authz::Authorized;
use crate::error::{Error, Result};
use crate::ids::{OrgId, UserId};
use crate::model::{User, UserState};
use crate::orgauth::OrgAuthorization;
use crate::orgauth::{ClonedUser, MemberKind, Side};
use crate::request::RequestMeta;
use crate::store::StoreError;

impl OrgAuthorization {
    /// The clones of a trust, seen from `side` (not paged: there are at most five).
    pub async fn cloned_users(
        &self,
        p: &Authorized,
        side: Side,
        other: &OrgId,
    ) -> Result<Vec<ClonedUser>> {
        let trust = self.trust_for(p, side, other).await?;
        Ok(self
            .store
            .cloned_users(&trust.trustor_org_id, &trust.trustee_org_id)
            .await?)
    }

    /// One clone of a trust by the original trustee user's id (the clone's own id is accepted
    /// too), or 404.
    pub async fn cloned_user(
        &self,
        p: &Authorized,
        side: Side,
        other: &OrgId,
        user: &str,
    ) -> Result<ClonedUser> {
        self.cloned_users(p, side, other)
            .await?
            .into_iter()
            .find(|c| c.trustee_user_id.as_str() == user || c.clone_id.as_str() == user)
            .ok_or_else(|| Error::not_found("cloned user", user))
    }

    /// `PUT /trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`: clones a trusted user of the
    /// caller's organization into the trustor (an existing clone is returned as it is).
    pub async fn create_cloned_user(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        trustor: &OrgId,
        user_id: &str,
    ) -> Result<ClonedUser> {
        let trust = self.trust_for(p, Side::Trustee, trustor).await?;
        let user_id = UserId::new(user_id);
        let user = self
            .store
            .user(&p.org_id, &user_id)
            .await?
            .ok_or_else(|| Error::not_found("user", &user_id))?;
        if let Some(existing) = self.store.cloned_user(trustor, &user_id).await? {
            return Ok(existing);
        }
        // Only a user the trust names, directly or through a trusted group, may be cloned.
        let members = self.store.all_trust_members(trustor, &p.org_id).await?;
        let index = self.authz.index(&p.org_id).await?;
        let groups = index.groups_of(&user_id);
        let trusted = members.iter().any(|m| match m.kind {
            MemberKind::User => m.id == user_id.as_str(),
            MemberKind::Group => groups.iter().any(|g| g.as_str() == m.id),
            MemberKind::Organization => true,
        });
        if !trusted {
            return Err(Error::invalid_value(
                "trusteeUserId",
                format!("User [{user_id}] is not a trusted user of this trust, directly or through a trusted group."),
            ));
        }
        let divisions = self.store.divisions(trustor).await?;
        let division = divisions
            .iter()
            .find(|d| d.home)
            .or(divisions.first())
            .ok_or_else(|| Error::not_found("division", trustor))?;
        let now = self.clock.now();
        let clone_user = User {
            id: UserId::generate(),
            org_id: trustor.clone(),
            name: user.name.clone(),
            email: user.email.clone(),
            division_id: division.id.clone(),
            state: UserState::Active,
            version: 1,
            title: user.title.clone(),
            department: user.department.clone(),
            date_created: now,
            date_modified: now,
        };
        let clone = ClonedUser {
            clone_id: clone_user.id.clone(),
            name: user.name.clone(),
            trustor_org_id: trust.trustor_org_id.clone(),
            trustee_org_id: trust.trustee_org_id.clone(),
            trustee_user_id: user_id.clone(),
            date_created: now,
        };
        let audit = p.audit_event(
            self.clock.now(),
            meta,
            "create",
            Target {
                entity_type: "ClonedUser",
                id: clone.clone_id.as_str(),
                name: Some(&clone.name),
            },
            vec![Change {
                property: "trusteeUserId".into(),
                old_values: vec![],
                new_values: vec![user_id.to_string()],
            }],
        );
        let limit = self.cloned_user_limit(trustor).await?;
        self.store
            .insert_cloned_user(&clone, &clone_user, limit, &audit)
            .await
            .map_err(|e| match &e {
                StoreError::Constraint { constraint } if constraint == "cloned_users.limit" => {
                    Error::bad_request(
                        codes::MAX_ENTITY_COUNT_REACHED,
                        format!("An organization can have at most {limit} cloned users."),
                    )
                }
                StoreError::Constraint { constraint }
                    if constraint.starts_with("cloned_users.") =>
                {
                    Error::conflict(
                        codes::GENERAL_CONFLICT,
                        format!("User [{user_id}] was cloned into this organization meanwhile."),
                    )
                }
                StoreError::Constraint { constraint } if constraint.contains("users.email") => {
                    Error::conflict(
                        codes::GENERAL_CONFLICT,
                        "The trustor organization already has a user with this user's e-mail.",
                    )
                }
                _ => e.into(),
            })?;
        Ok(clone)
    }

    /// Deletes a clone, from either side.
    pub async fn delete_cloned_user(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        side: Side,
        other: &OrgId,
        user: &str,
    ) -> Result<()> {
        let clone = self.cloned_user(p, side, other, user).await?;
        let audit = p.audit_event(
            self.clock.now(),
            meta,
            "delete",
            Target {
                entity_type: "ClonedUser",
                id: clone.clone_id.as_str(),
                name: Some(&clone.name),
            },
            vec![Change {
                property: "trusteeUserId".into(),
                old_values: vec![clone.trustee_user_id.to_string()],
                new_values: vec![],
            }],
        );
        Ok(self.store.delete_cloned_user(&clone, &audit).await?)
    }
}
