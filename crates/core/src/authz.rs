//! Authorization on the hot path: an in-memory index per organization, built from the store and
//! rebuilt when the store's authorization generation for that organization moves. A check never
//! touches the database; a change is in force on the next request.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use dashmap::DashMap;

use crate::audit::{AuditEvent, Change, Target};
use crate::cross_org::TrustRefusal;
use crate::error::{Error, Result};
use crate::ids::{ClientId, GroupId, OrgId, RoleId, UserId};
use crate::model::{Grant, OrgState, Subject, UserState};
use crate::permission::{EffectivePermissions, Pattern, Requirement};
use crate::request::RequestMeta;
use crate::store::{AuthzSnapshot, Store};

#[derive(Debug, Clone)]
struct UserEntry {
    name: String,
    grants: Vec<Grant>,
    groups: Vec<GroupId>,
}

#[derive(Debug, Clone)]
struct ClientEntry {
    name: String,
    active: bool,
    grants: Vec<Grant>,
    scopes: Vec<String>,
}

/// The authorization index of one organization at one generation. Immutable once built; the
/// effective permissions of each subject are compiled on first use and memoised.
#[derive(Debug)]
pub struct OrgIndex {
    generation: u64,
    org_state: Option<OrgState>,
    /// Shared with the indexes derived from this one by [`OrgIndex::with_grants`].
    roles: Arc<HashMap<RoleId, Arc<[Pattern]>>>,
    users: HashMap<UserId, UserEntry>,
    groups: HashMap<GroupId, Vec<Grant>>,
    clients: HashMap<ClientId, ClientEntry>,
    effective: DashMap<Subject, Arc<EffectivePermissions>>,
    trusts: crate::cross_org::TrustIndex,
}

impl OrgIndex {
    /// Builds the index from a snapshot.
    pub fn build(generation: u64, snapshot: AuthzSnapshot) -> Self {
        let roles: HashMap<RoleId, Arc<[Pattern]>> = snapshot
            .roles
            .into_iter()
            .map(|(id, perms)| {
                // Stored permissions were validated on write; an unparsable one grants nothing.
                let patterns: Vec<Pattern> = perms
                    .iter()
                    .filter_map(|p| Pattern::parse(p).ok())
                    .collect();
                (id, Arc::from(patterns))
            })
            .collect();
        let mut users: HashMap<UserId, UserEntry> = snapshot
            .users
            .into_iter()
            .filter(|(_, _, state)| *state == UserState::Active)
            .map(|(id, name, _)| {
                (
                    id,
                    UserEntry {
                        name,
                        grants: vec![],
                        groups: vec![],
                    },
                )
            })
            .collect();
        let mut clients: HashMap<ClientId, ClientEntry> = snapshot
            .clients
            .into_iter()
            .map(|(id, name, active, scopes)| {
                (
                    id,
                    ClientEntry {
                        name,
                        active,
                        grants: vec![],
                        scopes,
                    },
                )
            })
            .collect();
        let mut groups: HashMap<GroupId, Vec<Grant>> = HashMap::new();
        for (group, user) in snapshot.memberships {
            if let Some(u) = users.get_mut(&user) {
                u.groups.push(group.clone());
            }
            groups.entry(group).or_default();
        }
        for (subject, grant) in snapshot.grants {
            match subject {
                Subject::User(u) => {
                    if let Some(u) = users.get_mut(&u) {
                        u.grants.push(grant);
                    }
                }
                Subject::Group(g) => groups.entry(g).or_default().push(grant),
                Subject::Client(c) => {
                    if let Some(c) = clients.get_mut(&c) {
                        c.grants.push(grant);
                    }
                }
            }
        }
        Self {
            generation,
            org_state: snapshot.org_state,
            roles: Arc::new(roles),
            users,
            groups,
            clients,
            effective: DashMap::new(),
            trusts: crate::cross_org::TrustIndex::build(snapshot.trusts),
        }
    }

    /// This index at `generation`, where only the grants of `changed` subjects moved: each
    /// subject's grants are replaced by the ones given (read from the store after the generation
    /// was), everything else is shared or copied. The memoised permissions of the subjects that
    /// may have changed are dropped: the changed users and clients, every user when a group's
    /// grants changed, and the trustee users' (a clone's own grants count there).
    pub fn with_grants(&self, generation: u64, changed: Vec<(Subject, Vec<Grant>)>) -> Self {
        let mut users = self.users.clone();
        let mut groups = self.groups.clone();
        let mut clients = self.clients.clone();
        let mut group_changed = false;
        for (subject, grants) in &changed {
            match subject {
                // A user or client absent here (inactive, deleted, unknown) holds nothing, as
                // when the index is built from a snapshot.
                Subject::User(u) => {
                    if let Some(entry) = users.get_mut(u) {
                        entry.grants = grants.clone();
                    }
                }
                Subject::Group(g) => {
                    group_changed = true;
                    *groups.entry(g.clone()).or_default() = grants.clone();
                }
                Subject::Client(c) => {
                    if let Some(entry) = clients.get_mut(c) {
                        entry.grants = grants.clone();
                    }
                }
            }
        }
        let effective = DashMap::new();
        for e in self.effective.iter() {
            let stale = changed.iter().any(|(s, _)| s == e.key())
                || (group_changed && matches!(e.key(), Subject::User(_)));
            if !stale {
                effective.insert(e.key().clone(), e.value().clone());
            }
        }
        Self {
            generation,
            org_state: self.org_state,
            roles: self.roles.clone(),
            users,
            groups,
            clients,
            effective,
            trusts: self.trusts.without_memo(),
        }
    }

    /// The trusts in which this organization is the trustor (`core::cross_org`).
    pub fn trusts(&self) -> &crate::cross_org::TrustIndex {
        &self.trusts
    }

    /// The grants of an active user: its own and its groups' (none when it is not active).
    pub fn user_grants(&self, user: &UserId) -> Vec<Grant> {
        self.users.get(user).map_or_else(Vec::new, |entry| {
            let group_grants = entry
                .groups
                .iter()
                .filter_map(|g| self.groups.get(g))
                .flatten();
            entry.grants.iter().chain(group_grants).cloned().collect()
        })
    }

    /// The grants made to an active user itself (not through its groups), in no particular
    /// order; `None` when the index holds no such user (inactive, deleted, unknown).
    pub fn own_grants(&self, user: &UserId) -> Option<&[Grant]> {
        self.users.get(user).map(|u| u.grants.as_slice())
    }

    /// The generation this index was built at.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Is the organization active?
    pub fn org_active(&self) -> bool {
        self.org_state == Some(OrgState::Active)
    }

    /// The display name of an active user, or `None` when the user is gone or inactive.
    pub fn active_user(&self, user: &UserId) -> Option<&str> {
        self.users.get(user).map(|u| u.name.as_str())
    }

    /// Every active user with its display name.
    pub fn active_users(&self) -> impl Iterator<Item = (&UserId, &str)> {
        self.users.iter().map(|(id, u)| (id, u.name.as_str()))
    }

    /// The display name of an active client, or `None`.
    pub fn active_client(&self, client: &ClientId) -> Option<&str> {
        self.clients
            .get(client)
            .filter(|c| c.active)
            .map(|c| c.name.as_str())
    }

    /// The authorized OAuth scopes of a client.
    pub fn client_scopes(&self, client: &ClientId) -> &[String] {
        self.clients.get(client).map_or(&[], |c| &c.scopes)
    }

    /// The groups an active user belongs to.
    pub fn groups_of(&self, user: &UserId) -> &[GroupId] {
        self.users.get(user).map_or(&[], |u| &u.groups)
    }

    /// Where `role` is granted in this organization: to users, groups, clients and trust
    /// members; each division once.
    pub fn role_grant_divisions(&self, role: &RoleId) -> Vec<crate::permission::DivisionGrant> {
        let mut out: Vec<_> = self
            .users
            .values()
            .flat_map(|u| &u.grants)
            .chain(self.groups.values().flatten())
            .chain(self.clients.values().flat_map(|c| &c.grants))
            .chain(self.trusts.member_grants())
            .filter(|g| &g.role_id == role)
            .map(|g| g.division.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The permission patterns of a role.
    pub fn role_permissions(&self, role: &RoleId) -> Option<&[Pattern]> {
        self.roles.get(role).map(|r| &**r)
    }

    /// The grants of an active user with where each comes from (`None`: the user's own; `Some`:
    /// the group that holds it). For explanations of refusals, never on the allow path.
    pub fn user_grant_sources(&self, user: &UserId) -> Vec<(Option<GroupId>, Grant)> {
        let Some(entry) = self.users.get(user) else {
            return Vec::new();
        };
        let own = entry.grants.iter().map(|g| (None, g.clone()));
        let through_groups = entry.groups.iter().flat_map(|group| {
            self.groups
                .get(group)
                .into_iter()
                .flatten()
                .map(move |g| (Some(group.clone()), g.clone()))
        });
        own.chain(through_groups).collect()
    }

    /// The grants of a client (active or not).
    pub fn client_grants(&self, client: &ClientId) -> &[Grant] {
        self.clients.get(client).map_or(&[], |c| &c.grants)
    }

    /// Compiles a list of grants into effective permissions (unknown roles grant nothing).
    pub fn compile<'a>(&self, grants: impl IntoIterator<Item = &'a Grant>) -> EffectivePermissions {
        let mut effective = EffectivePermissions::none();
        for grant in grants {
            if let Some(perms) = self.roles.get(&grant.role_id) {
                effective.grant(perms.iter(), &grant.division);
            }
        }
        effective
    }

    /// The effective permissions of one of the organization's own subjects: a user's direct
    /// grants plus its groups' grants; a client's grants. Memoised per index.
    pub fn effective(&self, subject: &Subject) -> Arc<EffectivePermissions> {
        if let Some(e) = self.effective.get(subject) {
            return e.clone();
        }
        let compiled = Arc::new(match subject {
            Subject::User(u) => match self.users.get(u) {
                Some(entry) => {
                    let group_grants = entry
                        .groups
                        .iter()
                        .filter_map(|g| self.groups.get(g))
                        .flatten();
                    self.compile(entry.grants.iter().chain(group_grants))
                }
                None => EffectivePermissions::none(),
            },
            Subject::Group(g) => self.compile(self.groups.get(g).into_iter().flatten()),
            Subject::Client(c) => self.compile(
                self.clients
                    .get(c)
                    .into_iter()
                    .flat_map(|c| c.grants.iter()),
            ),
        });
        self.effective.insert(subject.clone(), compiled.clone());
        compiled
    }
}

/// The per-organization indexes of this process.
pub struct Authz {
    store: Arc<dyn Store>,
    indexes: DashMap<OrgId, Arc<OrgIndex>>,
    /// One rebuild at a time per organization (see [`Authz::index`]).
    rebuilds: DashMap<OrgId, Arc<tokio::sync::Mutex<()>>>,
    /// Index hits and rebuilds (`/metrics`).
    pub(crate) stats: crate::ops::HitCounter,
    /// Rebuilds that brought the previous index forward instead of reading a snapshot.
    advanced: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Authz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authz")
            .field("indexes", &self.indexes.len())
            .finish()
    }
}

impl Authz {
    /// An empty set of indexes over `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            indexes: DashMap::new(),
            rebuilds: DashMap::new(),
            stats: crate::ops::HitCounter::default(),
            advanced: Default::default(),
        }
    }

    /// How many rebuilds brought the previous index forward with only the changed subjects'
    /// grants read (the rest read a full snapshot).
    pub fn advanced(&self) -> u64 {
        self.advanced.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The current index of `org`, rebuilt first if the store's generation moved.
    ///
    /// An index built at generation `g` read its snapshot after reading `g`, so it holds every
    /// write whose bump made the generation `g` or less: any index at least as recent as the
    /// generation read when this request arrived holds every write acknowledged before it (THE
    /// RULE). So after a bump, one request rebuilds and the others arriving meanwhile wait for it
    /// and take its index, instead of each reading its own snapshot (under a stream of writes,
    /// 64 concurrent snapshots per write were what the audited-write benchmark spent its time
    /// on). Generations only grow (both stores).
    pub async fn index(&self, org: &OrgId) -> Result<Arc<OrgIndex>> {
        let generation = self.store.authz_generation(org);
        if let Some(index) = self.current(org, generation) {
            return Ok(index);
        }
        let gate = self.rebuilds.entry(org.clone()).or_default().clone();
        let _turn = gate.lock().await;
        // The rebuild this request waited for may be recent enough for it.
        if let Some(index) = self.current(org, generation) {
            return Ok(index);
        }
        self.stats.miss();
        if let Some(index) = self.advance(org).await? {
            self.indexes.insert(org.clone(), index.clone());
            return Ok(index);
        }
        // Read the generation before the snapshot: a write committed in between bumps it again,
        // so the index built here is replaced on the next request rather than kept stale.
        let generation = self.store.authz_generation(org);
        let snapshot = self.store.authz_snapshot(org).await?;
        let index = Arc::new(OrgIndex::build(generation, snapshot));
        self.indexes.insert(org.clone(), index.clone());
        Ok(index)
    }

    /// The cached index of `org` brought forward without a snapshot, when the store can name
    /// what moved since it was built and that is only some subjects' grants (the audited grant
    /// writes): their grants are read again (after the generation was, so they hold at least
    /// every write up to it) and the rest is the cached index's. `None`: read a snapshot.
    async fn advance(&self, org: &OrgId) -> Result<Option<Arc<OrgIndex>>> {
        let Some(old) = self.indexes.get(org).map(|i| i.clone()) else {
            return Ok(None);
        };
        let Some((generation, subjects)) = self.store.authz_changes(org, old.generation) else {
            return Ok(None);
        };
        let mut changed = Vec::with_capacity(subjects.len());
        for subject in subjects {
            let grants = self.store.grants_of(org, &subject).await?;
            changed.push((subject, grants));
        }
        self.advanced
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Some(Arc::new(old.with_grants(generation, changed))))
    }

    /// The cached index of `org` when it is at least as recent as `generation`.
    fn current(&self, org: &OrgId, generation: u64) -> Option<Arc<OrgIndex>> {
        let index = self.indexes.get(org)?;
        (index.generation >= generation).then(|| {
            self.stats.hit();
            index.clone()
        })
    }
}

/// Who a principal is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalKind {
    /// A user (of the acting organization, or a trustee user acting through a trust).
    User(UserId),
    /// An OAuth client acting for itself (client credentials).
    Client,
}

/// An authenticated caller: the organization it acts in, its home organization, its subject and
/// its effective grants. Every handler receives one and asks it before doing anything.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The organization the token acts in.
    pub org_id: OrgId,
    /// The subject's home organization.
    pub home_org_id: OrgId,
    /// The subject.
    pub kind: PrincipalKind,
    /// The subject's display name.
    pub name: String,
    /// The OAuth client the token was issued to.
    pub client_id: ClientId,
    /// The OAuth client's display name.
    pub client_name: String,
    /// The clone used, for a trustee user acting through a cloned user.
    pub cloned_user_id: Option<UserId>,
    /// The token's public id.
    pub token_id: String,
    /// What the principal may do, per division.
    pub permissions: Arc<EffectivePermissions>,
}

impl Principal {
    /// Is this a trustee user acting in another organization?
    pub fn is_cross_org(&self) -> bool {
        self.org_id != self.home_org_id
    }

    /// Who the principal is, as audit events and created-by fields record it.
    pub fn actor(&self) -> crate::audit::Actor {
        match &self.kind {
            PrincipalKind::User(u) => crate::audit::Actor {
                kind: "user",
                id: u.to_string(),
                name: self.name.clone(),
            },
            PrincipalKind::Client => crate::audit::Actor {
                kind: "client",
                id: self.client_id.to_string(),
                name: self.client_name.clone(),
            },
        }
    }

    /// The user id, when the principal is a user.
    pub fn user_id(&self) -> Option<&UserId> {
        match &self.kind {
            PrincipalKind::User(u) => Some(u),
            PrincipalKind::Client => None,
        }
    }

    /// Checks an operation's requirement.
    pub fn require(&self, requirement: &Requirement) -> Result<()> {
        self.permissions
            .check(requirement)
            .map_err(Error::Forbidden)
    }

    /// Checks one permission on an entity of `division`.
    pub fn require_in(&self, permission: &str, division: &crate::ids::DivisionId) -> Result<()> {
        self.permissions
            .check_in(permission, division)
            .map_err(Error::Forbidden)
    }
}

impl Principal {
    /// An audit event, at `now`, for something this principal did in its acting organization.
    pub fn audit_event(
        &self,
        now: DateTime<Utc>,
        meta: &RequestMeta,
        action: &str,
        target: Target<'_>,
        changes: Vec<Change>,
    ) -> AuditEvent {
        AuditEvent {
            id: crate::ids::new_uuid(),
            timestamp: now,
            org_id: self.org_id.clone(),
            home_org_id: self.home_org_id.clone(),
            actor: self.actor(),
            client_id: Some(self.client_id.clone()),
            action: action.to_owned(),
            entity_type: target.entity_type.to_owned(),
            entity_id: target.id.to_owned(),
            entity_name: target.name.map(str::to_owned),
            changes,
            correlation_id: meta.correlation_id.clone(),
            remote_ip: meta.remote_ip.clone(),
        }
    }
}

/// A caller whose operation's requirement has been checked: what services accept. The only way
/// to obtain one is [`Principal::authorize`], which the server's route wrapper calls with the
/// requirement of the operation the route was declared for, so a handler cannot reach a service
/// without the check having run. Reading the caller's facts goes through `Deref`.
#[derive(Debug, Clone)]
pub struct Authorized {
    principal: Principal,
    operation: &'static str,
}

impl Authorized {
    /// The operation (its Genesys operationId) the requirement was checked for.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

impl std::ops::Deref for Authorized {
    type Target = Principal;

    fn deref(&self) -> &Principal {
        &self.principal
    }
}

impl Principal {
    /// Checks `requirement` (the requirement of `operation`) and, when it holds, turns the
    /// principal into the proof services accept.
    pub fn authorize(
        self,
        operation: &'static str,
        requirement: &Requirement,
    ) -> Result<Authorized> {
        self.require(requirement)?;
        Ok(Authorized {
            principal: self,
            operation,
        })
    }
}

/// What `user` of `trustee_org` may do in the trustor organization at `now`, acting through
/// `clone` when one is named: the union of the trust's grants to the user, to the trust's groups
/// the user belongs to (in the trustee's index) and to the trustee organization as a whole, plus
/// the clone's own grants in the trustor; nothing of the user's home roles. Refused when the
/// trust does not stand or does not include the user.
pub fn cross_org_permissions(
    trustor: &OrgIndex,
    trustee: &OrgIndex,
    trustee_org: &OrgId,
    user: &UserId,
    clone: Option<&UserId>,
    now: DateTime<Utc>,
) -> std::result::Result<Arc<EffectivePermissions>, TrustRefusal> {
    let trusts = trustor.trusts();
    let trust = trusts.trust(trustee_org).ok_or(TrustRefusal::NoTrust)?;
    if !trust.enabled {
        return Err(TrustRefusal::Disabled);
    }
    if !trust.is_active(now) {
        return Err(TrustRefusal::Expired);
    }
    if trustee.active_user(user).is_none() {
        return Err(TrustRefusal::UserInactive);
    }
    if let Some(clone) = clone {
        if trust.clones.get(user) != Some(clone) || trustor.active_user(clone).is_none() {
            return Err(TrustRefusal::CloneGone);
        }
    }
    let key = (trustee_org.clone(), user.clone(), clone.cloned());
    let generation = trustee.generation();
    if let Some(m) = trusts.memo.get(&key) {
        if m.0 == generation {
            return m.1.clone().ok_or(TrustRefusal::NotIncluded);
        }
    }
    let compiled = trust
        .grants_for(trustee.groups_of(user), user)
        .map(|grants| {
            let clone_grants = clone.map(|c| trustor.user_grants(c)).unwrap_or_default();
            Arc::new(trustor.compile(grants.iter().chain(clone_grants.iter())))
        });
    trusts.memo.insert(key, (generation, compiled.clone()));
    compiled.ok_or(TrustRefusal::NotIncluded)
}

impl Authz {
    /// What a trustee user may do in `trustor` at `now` (from the two organizations' indexes).
    /// The outer error is a storage failure; the inner one a refusal.
    pub async fn cross_org_permissions(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        user: &UserId,
        clone: Option<&UserId>,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Arc<EffectivePermissions>, TrustRefusal>> {
        let trustor_index = self.index(trustor).await?;
        let trustee_index = self.index(trustee).await?;
        Ok(cross_org_permissions(
            &trustor_index,
            &trustee_index,
            trustee,
            user,
            clone,
            now,
        ))
    }

    /// The live clone of a trustee user in `trustor`, from the trustor's index.
    pub async fn clone_in(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        user: &UserId,
    ) -> Result<Option<UserId>> {
        let index = self.index(trustor).await?;
        Ok(index.trusts().clone_of(trustee, user).cloned())
    }
}
