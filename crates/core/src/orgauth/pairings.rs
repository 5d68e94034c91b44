//! Pairings: the trustee names users and groups of its own organization and hands the pairing id
//! to the trustor, who creates the trust from it (once, within the pairing's lifetime).

use crate::audit::{Change, Target};
use crate::authz::Authorized;
use crate::error::{Error, Result};
use crate::ids::{GroupId, PairingId, UserId};
use crate::model::{Division, Group, Organization, User};
use crate::orgauth::OrgAuthorization;
use crate::orgauth::Pairing;
use crate::request::RequestMeta;

/// A pairing with its trustee organization and the users and groups it names.
#[derive(Debug, Clone, PartialEq)]
pub struct PairingView {
    /// The pairing.
    pub pairing: Pairing,
    /// The trustee organization.
    pub trustee: Organization,
    /// The users named (those that still exist).
    pub users: Vec<User>,
    /// The groups named (those that still exist).
    pub groups: Vec<Group>,
    /// The trustee's divisions (to name the users' divisions).
    pub divisions: Vec<Division>,
}

/// Ids in request order without repeats.
fn unique(ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

impl OrgAuthorization {
    /// `POST /pairings`: a pairing naming users and groups of the caller's organization.
    pub async fn create_pairing(
        &self,
        p: &Authorized,
        meta: &RequestMeta,
        user_ids: Vec<String>,
        group_ids: Vec<String>,
    ) -> Result<PairingView> {
        let user_ids = unique(user_ids);
        let group_ids = unique(group_ids);
        if user_ids.is_empty() && group_ids.is_empty() {
            return Err(Error::bad_request(
                orgtrust_api::codes::TRUSTEE_USER_REQUIRED,
                "At least one trustee user or group is required.",
            ));
        }
        let uids: Vec<UserId> = user_ids.iter().map(UserId::new).collect();
        let gids: Vec<GroupId> = group_ids.iter().map(GroupId::new).collect();
        let users = self.store.users_by_ids(&p.org_id, &uids).await?;
        if let Some((i, id)) = uids
            .iter()
            .enumerate()
            .find(|(_, id)| !users.iter().any(|u| &u.id == *id))
        {
            return Err(Error::invalid_value(
                format!("userIds[{i}]"),
                format!("User [{id}] is not a user of your organization."),
            ));
        }
        let groups = self.store.groups_by_ids(&p.org_id, &gids).await?;
        if let Some((i, id)) = gids
            .iter()
            .enumerate()
            .find(|(_, id)| !groups.iter().any(|g| &g.id == *id))
        {
            return Err(Error::invalid_value(
                format!("groupIds[{i}]"),
                format!("Group [{id}] is not a group of your organization."),
            ));
        }
        let now = self.clock.now();
        let pairing = Pairing {
            id: PairingId::generate(),
            trustee_org_id: p.org_id.clone(),
            created_by: p.actor(),
            date_created: now,
            date_expires: now + self.settings.pairing_ttl,
            user_ids: uids,
            group_ids: gids,
            used_by: None,
            date_used: None,
        };
        let changes = vec![
            Change {
                property: "userIds".into(),
                old_values: vec![],
                new_values: user_ids,
            },
            Change {
                property: "groupIds".into(),
                old_values: vec![],
                new_values: group_ids,
            },
        ];
        let audit = p.audit_event(
            self.clock.now(),
            meta,
            "create",
            Target {
                entity_type: "Pairing",
                id: pairing.id.as_str(),
                name: None,
            },
            changes,
        );
        self.store.insert_pairing(&pairing, &audit).await?;
        self.pairing_view(pairing).await
    }

    /// `GET /pairings/{id}`: the trustee that made it always sees it; before it is used, any
    /// organization holding the id (the trustor it was sent to) may read it; once used, only
    /// the trustor that used it.
    pub async fn pairing(&self, p: &Authorized, id: &str) -> Result<PairingView> {
        let pairing = self
            .store
            .pairing(&PairingId::new(id))
            .await?
            .ok_or_else(|| Error::not_found("pairing", id))?;
        let visible = pairing.trustee_org_id == p.org_id
            || match &pairing.used_by {
                None => true,
                Some(trustor) => *trustor == p.org_id,
            };
        if !visible {
            return Err(Error::not_found("pairing", id));
        }
        self.pairing_view(pairing).await
    }

    async fn pairing_view(&self, pairing: Pairing) -> Result<PairingView> {
        let trustee = self.org_required(&pairing.trustee_org_id).await?;
        let mut users = self
            .store
            .users_by_ids(&pairing.trustee_org_id, &pairing.user_ids)
            .await?;
        users.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let mut groups = self
            .store
            .groups_by_ids(&pairing.trustee_org_id, &pairing.group_ids)
            .await?;
        groups.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        let divisions = self.store.divisions(&pairing.trustee_org_id).await?;
        Ok(PairingView {
            pairing,
            trustee,
            users,
            groups,
            divisions,
        })
    }
}
