//! Groups: listing (scoped to the divisions where the caller may view groups), reading,
//! creating, editing with optimistic concurrency, deleting, and membership. A membership change
//! moves the members' effective grants on the next request.

use serde_json::{json, Value};

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::ids::{GroupId, UserId};
use crate::model::{Group, User, UserState};
use crate::request::RequestMeta;
use crate::store::{GroupQuery, UserQuery, Window};

use super::{check_length, division_filter, optional, refused, required, stale};

const VIEW: &str = "directory:group:view";
const ADD: &str = "directory:group:add";
const EDIT: &str = "directory:group:edit";
const DELETE: &str = "directory:group:delete";

/// Most members added or removed in one request.
pub const MAX_MEMBERS_PER_REQUEST: usize = 50;

/// A group to create (`POST /api/v2/groups`).
#[derive(Debug, Clone, Default)]
pub struct NewGroup {
    /// Name (required, unique in the organization).
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `official` or `social` (official when absent).
    pub kind: Option<String>,
    /// `public`, `owners` or `members` (public when absent).
    pub visibility: Option<String>,
    /// Whether membership rules are visible (true when absent).
    pub rules_visible: Option<bool>,
}

/// A change to a group (`PUT /api/v2/groups/{groupId}`); `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct GroupChanges {
    /// The version the caller read (required).
    pub version: Option<i32>,
    /// New name.
    pub name: Option<String>,
    /// New description (empty clears it).
    pub description: Option<String>,
    /// New visibility.
    pub visibility: Option<String>,
    /// New rules visibility.
    pub rules_visible: Option<bool>,
}

fn snapshot(g: &Group) -> Value {
    json!({
        "name": g.name,
        "description": g.description,
        "division": g.division_id.as_str(),
        "type": g.kind,
        "visibility": g.visibility,
        "rulesVisible": g.rules_visible,
    })
}

fn target(g: &Group) -> Target<'_> {
    Target {
        entity_type: "Group",
        id: g.id.as_str(),
        name: Some(&g.name),
    }
}

impl Directory {
    async fn live_group(&self, principal: &Authorized, id: &GroupId) -> Result<Group> {
        self.store
            .group(&principal.org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("group", id))
    }

    /// A page of the organization's groups, only from divisions where the caller holds
    /// `directory:group:view`.
    pub async fn list_groups(
        &self,
        principal: &Authorized,
        ids: Option<Vec<GroupId>>,
        descending: bool,
        window: Window,
    ) -> Result<(Vec<Group>, i64)> {
        let query = GroupQuery {
            divisions: division_filter(principal, VIEW),
            ids,
            descending,
        };
        Ok(self
            .store
            .list_groups(&principal.org_id, &query, window)
            .await?)
    }

    /// One group (403 `missing.division.permission` outside the caller's view divisions).
    pub async fn group(&self, principal: &Authorized, id: &GroupId) -> Result<Group> {
        let group = self.live_group(principal, id).await?;
        principal.require_in(VIEW, &group.division_id)?;
        Ok(group)
    }

    /// Creates a group in the home division.
    pub async fn create_group(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        new: NewGroup,
    ) -> Result<Group> {
        let name = required("name", new.name)?;
        check_length("name", &name)?;
        let kind = new.kind.unwrap_or_else(|| "official".into());
        let visibility = new.visibility.unwrap_or_else(|| "public".into());
        let division_id = self.home_division(principal).await?.id;
        principal.require_in(ADD, &division_id)?;
        let group = Group {
            id: GroupId::generate(),
            org_id: principal.org_id.clone(),
            name,
            description: optional(new.description),
            division_id,
            kind,
            visibility,
            rules_visible: new.rules_visible.unwrap_or(true),
            state: "active".into(),
            version: 1,
            member_count: 0,
            date_created: self.clock.now(),
        };
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            target(&group),
            diff(None, Some(&snapshot(&group))),
        );
        self.store
            .create_group(&group, &audit)
            .await
            .map_err(refused)?;
        Ok(group)
    }

    /// Changes a group with the caller's version (409 when stale).
    pub async fn update_group(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &GroupId,
        changes: GroupChanges,
    ) -> Result<Group> {
        let before = self.live_group(principal, id).await?;
        principal.require_in(EDIT, &before.division_id)?;
        let version = changes
            .version
            .ok_or_else(|| Error::invalid_value("version", "version is required."))?;
        if version != before.version {
            return Err(stale());
        }
        let mut group = before.clone();
        if let Some(name) = changes.name {
            group.name = required("name", Some(name))?;
            check_length("name", &group.name)?;
        }
        if let Some(d) = changes.description {
            group.description = optional(Some(d));
        }
        if let Some(v) = changes.visibility {
            group.visibility = v;
        }
        if let Some(r) = changes.rules_visible {
            group.rules_visible = r;
        }
        group.version = before.version + 1;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            target(&group),
            diff(Some(&snapshot(&before)), Some(&snapshot(&group))),
        );
        self.store
            .update_group(&group, before.version, &audit)
            .await
            .map_err(refused)?;
        Ok(group)
    }

    /// Deletes a group: its members lose its grants on the next request.
    pub async fn delete_group(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &GroupId,
    ) -> Result<()> {
        let group = self.live_group(principal, id).await?;
        principal.require_in(DELETE, &group.division_id)?;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "delete",
            target(&group),
            diff(Some(&snapshot(&group)), None),
        );
        self.store
            .delete_group(&principal.org_id, id, &audit)
            .await
            .map_err(refused)
    }

    /// A page of a group's members (active users, by name).
    pub async fn group_members(
        &self,
        principal: &Authorized,
        id: &GroupId,
        descending: bool,
        window: Window,
    ) -> Result<(Vec<User>, i64)> {
        let group = self.group(principal, id).await?;
        let query = UserQuery {
            divisions: None,
            ids: None,
            group: Some(group.id),
            state: UserState::Active,
            descending,
        };
        Ok(self
            .store
            .list_users(&principal.org_id, &query, window)
            .await?)
    }

    /// Checks a list of member ids: present, not too many, every one a live user of the
    /// organization (400 `invalid.value` naming `field` otherwise).
    async fn member_ids(
        &self,
        principal: &Authorized,
        field: &str,
        ids: Vec<String>,
    ) -> Result<Vec<UserId>> {
        let mut members: Vec<UserId> = Vec::new();
        for id in ids {
            let id = UserId::new(id.trim());
            if !id.as_str().is_empty() && !members.contains(&id) {
                members.push(id);
            }
        }
        if members.is_empty() {
            return Err(Error::invalid_value(
                field,
                format!("{field} must name at least one user."),
            ));
        }
        if members.len() > MAX_MEMBERS_PER_REQUEST {
            return Err(Error::invalid_value(
                field,
                format!("At most {MAX_MEMBERS_PER_REQUEST} members may be changed at once."),
            ));
        }
        let found = self.store.users_by_ids(&principal.org_id, &members).await?;
        if let Some(missing) = members.iter().find(|m| !found.iter().any(|u| &u.id == *m)) {
            return Err(Error::invalid_value(
                field,
                format!("User [{missing}] does not exist."),
            ));
        }
        Ok(members)
    }

    /// Adds members with the caller's group version (409 when stale).
    pub async fn add_group_members(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &GroupId,
        member_ids: Option<Vec<String>>,
        version: Option<i32>,
    ) -> Result<()> {
        let group = self.live_group(principal, id).await?;
        principal.require_in(EDIT, &group.division_id)?;
        let ids = member_ids
            .ok_or_else(|| Error::invalid_value("memberIds", "memberIds is required."))?;
        let version =
            version.ok_or_else(|| Error::invalid_value("version", "version is required."))?;
        let members = self.member_ids(principal, "memberIds", ids).await?;
        if version != group.version {
            return Err(stale());
        }
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "addMembers",
            target(&group),
            diff(
                None,
                Some(&json!({ "members": members.iter().map(UserId::as_str).collect::<Vec<_>>() })),
            ),
        );
        // A trusted group: its new members' tokens from before stay revoked (revocation.rs).
        self.revocation
            .revoke_before_group_join(&principal.org_id, &members)
            .await?;
        self.store
            .add_group_members(&principal.org_id, id, &members, version, &audit)
            .await
            .map_err(refused)
    }

    /// Removes members (`DELETE /api/v2/groups/{groupId}/members?ids=a,b`).
    pub async fn remove_group_members(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &GroupId,
        member_ids: Vec<String>,
    ) -> Result<()> {
        let group = self.live_group(principal, id).await?;
        principal.require_in(EDIT, &group.division_id)?;
        let members = self.member_ids(principal, "ids", member_ids).await?;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "removeMembers",
            target(&group),
            diff(
                Some(&json!({ "members": members.iter().map(UserId::as_str).collect::<Vec<_>>() })),
                None,
            ),
        );
        self.store
            .remove_group_members(&principal.org_id, id, &members, &audit)
            .await
            .map_err(refused)
    }
}
