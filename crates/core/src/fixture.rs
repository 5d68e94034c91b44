//! Fixture files: organizations with their divisions, roles, users, groups and OAuth clients,
//! applied idempotently. An entity with the same id (or, without an id, the same name, or e-mail
//! for users) is updated, never duplicated. A broken fixture is refused whole with the JSON path
//! of the problem; nothing of it is applied.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use crate::audit::Actor;
use crate::auth::grant_types;
use crate::clock::Clock;
use crate::ids::{ClientId, DivisionId, GroupId, OrgId, RoleId, UserId};
use crate::model::{
    Division, Grant, Group, OAuthClient, Organization, Role, Subject, User, UserState,
};
use crate::password::PasswordPolicy;
use crate::permission::{DivisionGrant, Pattern};
use crate::secret::{hash_secret, PasswordHashString, Secret};
use crate::store::{EntityKind, FixtureOrg, FixturePlan, Store, StoreError};
use crate::trust::Trust;

use crate::seed_document::refuse_nul;
pub use crate::seed_document::FixtureError;

/// The document, as written.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FixtureDoc {
    organizations: Vec<OrgDoc>,
    #[serde(default)]
    customer_care: Option<String>,
    #[serde(default)]
    trusts: Vec<TrustDoc>,
}

/// A trust of a fixture: the trustor trusts the trustee (each a name or id of an organization of
/// the fixture, or of one already stored).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TrustDoc {
    trustor: String,
    trustee: String,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    date_expired: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OrgDoc {
    id: Option<String>,
    name: String,
    third_party_org_name: String,
    domain: Option<String>,
    #[serde(default)]
    divisions: Option<Vec<DivisionDoc>>,
    #[serde(default)]
    roles: Vec<RoleDoc>,
    #[serde(default)]
    users: Vec<UserDoc>,
    #[serde(default)]
    groups: Vec<GroupDoc>,
    #[serde(default)]
    oauth_clients: Vec<ClientDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DivisionDoc {
    id: Option<String>,
    name: String,
    #[serde(default)]
    home: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleDoc {
    id: Option<String>,
    name: String,
    description: Option<String>,
    permissions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UserDoc {
    id: Option<String>,
    name: String,
    email: String,
    password: Option<Secret>,
    division: Option<String>,
    #[serde(default)]
    roles: Vec<RoleRef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupDoc {
    id: Option<String>,
    name: String,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    roles: Vec<RoleRef>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClientDoc {
    id: String,
    /// Required, except for a browser client (`CODE` or `TOKEN`), which is public.
    secret: Option<Secret>,
    name: String,
    #[serde(default)]
    roles: Vec<RoleRef>,
    /// Authorized OAuth scopes (in force when the organization enforces scopes).
    #[serde(default)]
    scope: Vec<String>,
    /// The grant (`CODE`, `TOKEN`, `CLIENT-CREDENTIALS`, `PASSWORD`); absent: client
    /// credentials and password, as before.
    authorized_grant_type: Option<String>,
    /// Redirect URIs of a browser client.
    #[serde(default)]
    registered_redirect_uri: Vec<String>,
}

/// The browser grants: their clients are public (no secret) and need a redirect URI.
const BROWSER_GRANTS: [&str; 2] = ["CODE", "TOKEN"];

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RoleRef {
    Name(String),
    Scoped {
        role: String,
        divisions: Vec<String>,
    },
}

/// An OAuth client of a fixture with its plaintext secret, so `serve` can print a ready curl line
/// for each demo client.
#[derive(Debug, Clone)]
pub struct FixtureClient {
    /// The organization's name.
    pub org_name: String,
    /// The client id.
    pub client_id: String,
    /// The client's display name.
    pub client_name: String,
    /// The secret as written in the fixture (none for a public browser client).
    pub secret: Option<Secret>,
    /// The grant of a browser client (`CODE`, `TOKEN`); none for the others.
    pub browser_grant: Option<String>,
}

/// Parses a fixture document; a syntax or shape error names the JSON path.
pub fn parse(source_name: &str, text: &str) -> Result<FixtureDoc, FixtureError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        FixtureError {
            source_name: source_name.to_owned(),
            path,
            message: e.into_inner().to_string(),
        }
    })?;
    refuse_nul(source_name, text)?;
    Ok(doc)
}

impl FixtureDoc {
    /// The OAuth clients the document defines, with their secrets.
    pub fn clients(&self) -> Vec<FixtureClient> {
        self.organizations
            .iter()
            .flat_map(|o| {
                o.oauth_clients.iter().map(|c| FixtureClient {
                    org_name: o.name.clone(),
                    client_id: c.id.clone(),
                    client_name: c.name.clone(),
                    secret: c.secret.clone(),
                    browser_grant: c
                        .authorized_grant_type
                        .clone()
                        .filter(|g| BROWSER_GRANTS.contains(&g.as_str())),
                })
            })
            .collect()
    }
}

struct Resolver<'a> {
    source: &'a str,
    store: &'a dyn Store,
}

impl Resolver<'_> {
    fn err(&self, path: impl Into<String>, message: impl Into<String>) -> FixtureError {
        FixtureError {
            source_name: self.source.to_owned(),
            path: path.into(),
            message: message.into(),
        }
    }

    fn store_err(&self, e: StoreError) -> FixtureError {
        self.err("$", format!("the store refused the fixture: {e}"))
    }

    /// The id to use for an entity: its own, checked to belong to `org`; else the existing one
    /// with the same natural key; else a new one.
    async fn entity_id(
        &self,
        org: &OrgId,
        kind: EntityKind,
        own: Option<&str>,
        key: &str,
        existing: &HashMap<String, String>,
        path: &str,
    ) -> Result<String, FixtureError> {
        match own {
            Some(id) => {
                if id.trim().is_empty() {
                    return Err(self.err(format!("{path}.id"), "an id must not be empty"));
                }
                match self
                    .store
                    .owner_of(kind, id)
                    .await
                    .map_err(|e| self.store_err(e))?
                {
                    Some(owner) if &owner != org => Err(self.err(
                        format!("{path}.id"),
                        format!("id [{id}] belongs to another organization ({owner})"),
                    )),
                    _ => Ok(id.to_owned()),
                }
            }
            None => Ok(existing
                .get(key)
                .cloned()
                .unwrap_or_else(crate::ids::new_uuid)),
        }
    }
}

fn unique<'a>(
    r: &Resolver<'_>,
    items: impl Iterator<Item = (String, &'a str)>,
    what: &str,
) -> Result<(), FixtureError> {
    let mut seen = HashSet::new();
    for (path, key) in items {
        if !seen.insert(key.to_lowercase()) {
            return Err(r.err(path, format!("duplicate {what} [{key}]")));
        }
    }
    Ok(())
}

/// Validates the document and resolves every id against the store, hashing secrets, into a plan
/// that the store applies in one transaction.
pub async fn plan(
    source_name: &str,
    doc: &FixtureDoc,
    store: &dyn Store,
    clock: &dyn Clock,
) -> Result<FixturePlan, FixtureError> {
    let r = Resolver {
        source: source_name,
        store,
    };
    let now = clock.now();
    let policy = PasswordPolicy::default();
    unique(
        &r,
        doc.organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (format!("organizations[{i}].name"), o.name.as_str())),
        "organization name",
    )?;
    unique(
        &r,
        doc.organizations.iter().enumerate().map(|(i, o)| {
            (
                format!("organizations[{i}].thirdPartyOrgName"),
                o.third_party_org_name.as_str(),
            )
        }),
        "thirdPartyOrgName",
    )?;
    let all_clients = doc.organizations.iter().enumerate().flat_map(|(i, o)| {
        o.oauth_clients.iter().enumerate().map(move |(j, c)| {
            (
                format!("organizations[{i}].oauthClients[{j}].id"),
                c.id.as_str(),
            )
        })
    });
    unique(&r, all_clients, "OAuth client id")?;

    let mut plan = FixturePlan::default();
    let mut org_ids_by_name: HashMap<String, OrgId> = HashMap::new();
    for (i, o) in doc.organizations.iter().enumerate() {
        let path = format!("organizations[{i}]");
        if o.name.trim().is_empty() {
            return Err(r.err(format!("{path}.name"), "an organization needs a name"));
        }
        if o.third_party_org_name.trim().is_empty() {
            return Err(r.err(
                format!("{path}.thirdPartyOrgName"),
                "an organization needs a thirdPartyOrgName",
            ));
        }
        let org_id = match &o.id {
            Some(id) => OrgId::new(id.clone()),
            None => store
                .org_id_by_name(&o.name)
                .await
                .map_err(|e| r.store_err(e))?
                .unwrap_or_else(OrgId::generate),
        };
        org_ids_by_name.insert(o.name.clone(), org_id.clone());
        plan.organizations
            .push(plan_org(&r, &path, o, org_id, now, &policy).await?);
    }
    if let Some(care) = &doc.customer_care {
        let id = org_ids_by_name
            .get(care)
            .cloned()
            .or_else(|| {
                plan.organizations
                    .iter()
                    .find(|o| o.org.id.as_str() == care)
                    .map(|o| o.org.id.clone())
            })
            .ok_or_else(|| {
                r.err(
                    "customerCare",
                    format!("[{care}] is not an organization of this fixture"),
                )
            })?;
        plan.customer_care = Some(vec![id]);
    }
    plan.trusts = plan_trusts(&r, doc, &plan, now).await?;
    Ok(plan)
}

/// Resolves the fixture's trusts: organizations by name or id (of this fixture first, then of the
/// store), no self-trust, no pair twice.
async fn plan_trusts(
    r: &Resolver<'_>,
    doc: &FixtureDoc,
    plan: &FixturePlan,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<Trust>, FixtureError> {
    let mut trusts: Vec<Trust> = Vec::new();
    for (i, t) in doc.trusts.iter().enumerate() {
        let path = format!("trusts[{i}]");
        let trustor = resolve_org(r, plan, &t.trustor, &format!("{path}.trustor")).await?;
        let trustee = resolve_org(r, plan, &t.trustee, &format!("{path}.trustee")).await?;
        if trustor == trustee {
            return Err(r.err(
                format!("{path}.trustee"),
                "an organization cannot trust itself",
            ));
        }
        if trusts
            .iter()
            .any(|x| x.trustor_org_id == trustor && x.trustee_org_id == trustee)
        {
            return Err(r.err(path, "this trust is already in the fixture"));
        }
        let date_expired = match &t.date_expired {
            None => None,
            Some(text) => Some(orgtrust_api::parse_datetime(text).ok_or_else(|| {
                r.err(
                    format!("{path}.dateExpired"),
                    format!("[{text}] is not an ISO-8601 date-time"),
                )
            })?),
        };
        trusts.push(Trust {
            trustor_org_id: trustor,
            trustee_org_id: trustee,
            enabled: t.enabled.unwrap_or(true),
            date_created: now,
            date_expired,
            created_by: Actor {
                kind: "system",
                id: String::new(),
                name: "fixture".into(),
            },
            pairing_id: None,
            uses_default_role: false,
            has_full_access: false,
            is_trusted_user: false,
        });
    }
    Ok(trusts)
}

async fn resolve_org(
    r: &Resolver<'_>,
    plan: &FixturePlan,
    reference: &str,
    path: &str,
) -> Result<OrgId, FixtureError> {
    if let Some(o) = plan
        .organizations
        .iter()
        .find(|o| o.org.name == reference || o.org.id.as_str() == reference)
    {
        return Ok(o.org.id.clone());
    }
    if let Some(id) = r
        .store
        .org_id_by_name(reference)
        .await
        .map_err(|e| r.store_err(e))?
    {
        return Ok(id);
    }
    let id = OrgId::new(reference);
    match r
        .store
        .organization(&id)
        .await
        .map_err(|e| r.store_err(e))?
    {
        Some(_) => Ok(id),
        None => Err(r.err(path, format!("[{reference}] is not an organization"))),
    }
}

/// One organization of the fixture being planned: where it is in the document, its id, and the
/// store and time it is planned against.
struct OrgPlanner<'a> {
    r: &'a Resolver<'a>,
    path: &'a str,
    org_id: OrgId,
    now: chrono::DateTime<chrono::Utc>,
}

/// What the users, groups and clients of an organization refer to by name or id: its divisions
/// and roles, once planned.
struct OrgRefs<'a> {
    divisions: &'a [Division],
    roles: &'a [Role],
    home_division: DivisionId,
}

async fn plan_org(
    r: &Resolver<'_>,
    path: &str,
    o: &OrgDoc,
    org_id: OrgId,
    now: chrono::DateTime<chrono::Utc>,
    policy: &PasswordPolicy,
) -> Result<FixtureOrg, FixtureError> {
    // An organization that already stores password requirements keeps them; a new one has the
    // defaults.
    let stored_policy = r
        .store
        .org_settings(&org_id)
        .await
        .map_err(|e| r.err(path.to_owned(), e.to_string()))?
        .map(|s| s.password_requirements);
    let policy = stored_policy.as_ref().unwrap_or(policy);
    let mut org = Organization::new(
        org_id.clone(),
        o.name.clone(),
        o.third_party_org_name.clone(),
        now,
    );
    org.domain = o.domain.clone();
    let p = OrgPlanner {
        r,
        path,
        org_id,
        now,
    };
    let divisions = p.divisions(o).await?;
    let roles = p.roles(o).await?;
    let refs = OrgRefs {
        home_division: divisions
            .iter()
            .find(|d| d.home)
            .map(|d| d.id.clone())
            .unwrap_or_else(|| divisions[0].id.clone()),
        divisions: &divisions,
        roles: &roles,
    };
    let mut grants: Vec<(Subject, Vec<Grant>)> = Vec::new();
    let users = p.users(o, &refs, policy, &mut grants).await?;
    let groups = p.groups(o, &refs, &users, &mut grants).await?;
    let clients = p.clients(o, &refs, &mut grants).await?;
    Ok(FixtureOrg {
        org,
        divisions,
        roles,
        users,
        groups,
        clients,
        grants,
    })
}

impl OrgPlanner<'_> {
    async fn known(&self, kind: EntityKind) -> Result<HashMap<String, String>, FixtureError> {
        self.r
            .store
            .ids_by_natural_key(&self.org_id, kind)
            .await
            .map_err(|e| self.r.store_err(e))
    }

    /// Divisions: absent means one home division "Home"; otherwise at most one is marked home and
    /// the first is home when none is.
    async fn divisions(&self, o: &OrgDoc) -> Result<Vec<Division>, FixtureError> {
        let (r, path) = (self.r, self.path);
        let division_docs: Vec<(Option<&str>, &str, bool)> = match &o.divisions {
            None => vec![(None, "Home", true)],
            Some(list) if list.is_empty() => {
                return Err(r.err(
                    format!("{path}.divisions"),
                    "an organization needs at least one division",
                ))
            }
            Some(list) => {
                let homes = list.iter().filter(|d| d.home).count();
                if homes > 1 {
                    return Err(r.err(
                        format!("{path}.divisions"),
                        "only one division can be the home division",
                    ));
                }
                list.iter()
                    .enumerate()
                    .map(|(k, d)| {
                        (
                            d.id.as_deref(),
                            d.name.as_str(),
                            d.home || (homes == 0 && k == 0),
                        )
                    })
                    .collect()
            }
        };
        unique(
            r,
            division_docs
                .iter()
                .enumerate()
                .map(|(k, d)| (format!("{path}.divisions[{k}].name"), d.1)),
            "division name",
        )?;
        let known = self.known(EntityKind::Division).await?;
        let mut divisions = Vec::new();
        for (k, (id, name, home)) in division_docs.iter().enumerate() {
            let dpath = format!("{path}.divisions[{k}]");
            let id = r
                .entity_id(
                    &self.org_id,
                    EntityKind::Division,
                    *id,
                    name,
                    &known,
                    &dpath,
                )
                .await?;
            divisions.push(Division {
                id: DivisionId::new(id),
                org_id: self.org_id.clone(),
                name: (*name).to_owned(),
                description: None,
                home: *home,
            });
        }
        Ok(divisions)
    }

    /// Roles, each permission one this server knows and may grant.
    async fn roles(&self, o: &OrgDoc) -> Result<Vec<Role>, FixtureError> {
        let (r, path) = (self.r, self.path);
        unique(
            r,
            o.roles
                .iter()
                .enumerate()
                .map(|(k, d)| (format!("{path}.roles[{k}].name"), d.name.as_str())),
            "role name",
        )?;
        let known = self.known(EntityKind::Role).await?;
        let mut roles = Vec::new();
        for (k, role) in o.roles.iter().enumerate() {
            let rpath = format!("{path}.roles[{k}]");
            for (n, perm) in role.permissions.iter().enumerate() {
                let ok = Pattern::parse(perm)
                    .map(|p| crate::catalogue::is_grantable(&p))
                    .unwrap_or(false);
                if !ok {
                    return Err(r.err(
                        format!("{rpath}.permissions[{n}]"),
                        format!("[{perm}] is not a permission this server knows"),
                    ));
                }
            }
            let id = r
                .entity_id(
                    &self.org_id,
                    EntityKind::Role,
                    role.id.as_deref(),
                    &role.name,
                    &known,
                    &rpath,
                )
                .await?;
            roles.push(Role {
                id: RoleId::new(id),
                org_id: self.org_id.clone(),
                name: role.name.clone(),
                description: role.description.clone(),
                permissions: role.permissions.clone(),
                default_admin: role.name == "Admin",
            });
        }
        Ok(roles)
    }

    /// Users, with their password hashes (each password meeting `policy`) and their grants.
    async fn users(
        &self,
        o: &OrgDoc,
        refs: &OrgRefs<'_>,
        policy: &PasswordPolicy,
        grants: &mut Vec<(Subject, Vec<Grant>)>,
    ) -> Result<Vec<(User, Option<PasswordHashString>)>, FixtureError> {
        let (r, path, now) = (self.r, self.path, self.now);
        unique(
            r,
            o.users
                .iter()
                .enumerate()
                .map(|(k, u)| (format!("{path}.users[{k}].email"), u.email.as_str())),
            "user email",
        )?;
        let known = self.known(EntityKind::User).await?;
        let mut users = Vec::new();
        for (k, u) in o.users.iter().enumerate() {
            let upath = format!("{path}.users[{k}]");
            let email = u.email.trim().to_lowercase();
            if !email.contains('@') || email.len() < 3 {
                return Err(r.err(
                    format!("{upath}.email"),
                    format!("[{}] is not an e-mail address", u.email),
                ));
            }
            let division_id = match &u.division {
                None => refs.home_division.clone(),
                Some(d) => refs.division(r, d, format!("{upath}.division"))?,
            };
            let hash = match &u.password {
                None => None,
                Some(p) => {
                    policy
                        .check("password", p.expose())
                        .map_err(|e| r.err(format!("{upath}.password"), e.to_string()))?;
                    Some(hash_secret(p))
                }
            };
            let id = UserId::new(
                r.entity_id(
                    &self.org_id,
                    EntityKind::User,
                    u.id.as_deref(),
                    &email,
                    &known,
                    &upath,
                )
                .await?,
            );
            grants.push((
                Subject::User(id.clone()),
                refs.grants(r, &u.roles, &format!("{upath}.roles"))?,
            ));
            users.push((
                User {
                    id,
                    org_id: self.org_id.clone(),
                    name: u.name.clone(),
                    email,
                    division_id,
                    state: UserState::Active,
                    version: 1,
                    title: None,
                    department: None,
                    date_created: now,
                    date_modified: now,
                },
                hash,
            ));
        }
        Ok(users)
    }

    /// Groups, their members among `users`, and their grants.
    async fn groups(
        &self,
        o: &OrgDoc,
        refs: &OrgRefs<'_>,
        users: &[(User, Option<PasswordHashString>)],
        grants: &mut Vec<(Subject, Vec<Grant>)>,
    ) -> Result<Vec<(Group, Vec<UserId>)>, FixtureError> {
        let (r, path) = (self.r, self.path);
        unique(
            r,
            o.groups
                .iter()
                .enumerate()
                .map(|(k, g)| (format!("{path}.groups[{k}].name"), g.name.as_str())),
            "group name",
        )?;
        let known = self.known(EntityKind::Group).await?;
        let mut groups = Vec::new();
        for (k, g) in o.groups.iter().enumerate() {
            let gpath = format!("{path}.groups[{k}]");
            let mut members = Vec::new();
            for (m, member) in g.members.iter().enumerate() {
                let user = users
                    .iter()
                    .find(|(u, _)| u.email.eq_ignore_ascii_case(member) || u.id.as_str() == member)
                    .map(|(u, _)| u.id.clone())
                    .ok_or_else(|| {
                        r.err(
                            format!("{gpath}.members[{m}]"),
                            format!("[{member}] is not a user of this organization"),
                        )
                    })?;
                if !members.contains(&user) {
                    members.push(user);
                }
            }
            let id = GroupId::new(
                r.entity_id(
                    &self.org_id,
                    EntityKind::Group,
                    g.id.as_deref(),
                    &g.name,
                    &known,
                    &gpath,
                )
                .await?,
            );
            grants.push((
                Subject::Group(id.clone()),
                refs.grants(r, &g.roles, &format!("{gpath}.roles"))?,
            ));
            groups.push((
                Group {
                    id,
                    org_id: self.org_id.clone(),
                    name: g.name.clone(),
                    description: None,
                    division_id: refs.home_division.clone(),
                    kind: "official".into(),
                    visibility: "public".into(),
                    rules_visible: true,
                    state: "active".into(),
                    version: 1,
                    member_count: members.len() as i64,
                    date_created: self.now,
                },
                members,
            ));
        }
        Ok(groups)
    }

    /// OAuth clients, with their secret hashes and their grants.
    async fn clients(
        &self,
        o: &OrgDoc,
        refs: &OrgRefs<'_>,
        grants: &mut Vec<(Subject, Vec<Grant>)>,
    ) -> Result<Vec<(OAuthClient, PasswordHashString)>, FixtureError> {
        let r = self.r;
        let mut clients = Vec::new();
        for (k, c) in o.oauth_clients.iter().enumerate() {
            let cpath = format!("{}.oauthClients[{k}]", self.path);
            if c.id.trim().is_empty() {
                return Err(r.err(format!("{cpath}.id"), "an OAuth client needs an id"));
            }
            let grant_types = client_grant_types(r, c, &cpath)?;
            let public = grant_types
                .iter()
                .all(|g| BROWSER_GRANTS.contains(&g.as_str()));
            let secret = match &c.secret {
                Some(s) if !s.expose().is_empty() => s.clone(),
                // A public client authenticates with PKCE, never a secret: store the hash of a
                // random one nobody knows, so the secret check stays uniform and always fails.
                None if public => Secret::new(format!(
                    "{}{}",
                    uuid::Uuid::new_v4().simple(),
                    uuid::Uuid::new_v4().simple()
                )),
                _ => return Err(r.err(format!("{cpath}.secret"), "an OAuth client needs a secret")),
            };
            if let Some(owner) = r
                .store
                .owner_of(EntityKind::Client, &c.id)
                .await
                .map_err(|e| r.store_err(e))?
            {
                if owner != self.org_id {
                    return Err(r.err(
                        format!("{cpath}.id"),
                        format!("client [{}] belongs to another organization", c.id),
                    ));
                }
            }
            if let Some(bad) = c.scope.iter().find(|s| !crate::scopes::is_known(s)) {
                return Err(r.err(
                    format!("{cpath}.scope"),
                    format!("[{bad}] is not a known OAuth scope"),
                ));
            }
            let id = ClientId::new(c.id.clone());
            grants.push((
                Subject::Client(id.clone()),
                refs.grants(r, &c.roles, &format!("{cpath}.roles"))?,
            ));
            clients.push((
                OAuthClient {
                    id,
                    org_id: self.org_id.clone(),
                    name: c.name.clone(),
                    description: None,
                    authorized_grant_types: grant_types,
                    scope: c.scope.clone(),
                    registered_redirect_uris: c.registered_redirect_uri.clone(),
                    access_token_validity_seconds: None,
                    state: "active".into(),
                    date_created: self.now,
                },
                hash_secret(&secret),
            ));
        }
        Ok(clients)
    }
}

/// The grant types of a fixture client: absent means client credentials and password; a browser
/// grant needs a redirect URI.
fn client_grant_types(
    r: &Resolver<'_>,
    c: &ClientDoc,
    cpath: &str,
) -> Result<Vec<String>, FixtureError> {
    Ok(match c.authorized_grant_type.as_deref() {
        None => vec![
            grant_types::CLIENT_CREDENTIALS.to_owned(),
            grant_types::PASSWORD.to_owned(),
        ],
        Some(g) if BROWSER_GRANTS.contains(&g) => {
            if c.registered_redirect_uri.is_empty() {
                return Err(r.err(
                    format!("{cpath}.registeredRedirectUri"),
                    format!("a {g} client needs at least one redirect URI"),
                ));
            }
            vec![g.to_owned()]
        }
        Some(g) if g == grant_types::CLIENT_CREDENTIALS || g == grant_types::PASSWORD => {
            vec![g.to_owned()]
        }
        Some(g) => {
            return Err(r.err(
                format!("{cpath}.authorizedGrantType"),
                format!("[{g}] is not one of CODE, TOKEN, CLIENT-CREDENTIALS, PASSWORD"),
            ))
        }
    })
}

impl OrgRefs<'_> {
    /// The division a reference (name, case-insensitive, or id) names.
    fn division(
        &self,
        r: &Resolver<'_>,
        reference: &str,
        path: String,
    ) -> Result<DivisionId, FixtureError> {
        self.divisions
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(reference) || d.id.as_str() == reference)
            .map(|d| d.id.clone())
            .ok_or_else(|| {
                r.err(
                    path,
                    format!("division [{reference}] is not defined in this organization"),
                )
            })
    }

    /// The grants role references name: a role alone is granted in every division, a scoped one
    /// in each division listed.
    fn grants(
        &self,
        r: &Resolver<'_>,
        refs: &[RoleRef],
        gpath: &str,
    ) -> Result<Vec<Grant>, FixtureError> {
        let mut grants = Vec::new();
        for (n, rr) in refs.iter().enumerate() {
            let (role, divs): (&str, Option<&Vec<String>>) = match rr {
                RoleRef::Name(name) => (name, None),
                RoleRef::Scoped { role, divisions } => (role, Some(divisions)),
            };
            let role_id = self
                .roles
                .iter()
                .find(|x| x.name == role || x.id.as_str() == role)
                .map(|x| x.id.clone())
                .ok_or_else(|| {
                    r.err(
                        format!("{gpath}[{n}]"),
                        format!("role [{role}] is not defined in this organization"),
                    )
                })?;
            match divs {
                None => grants.push(Grant {
                    role_id,
                    division: DivisionGrant::All,
                }),
                Some(list) => {
                    for (m, d) in list.iter().enumerate() {
                        let division =
                            self.division(r, d, format!("{gpath}[{n}].divisions[{m}]"))?;
                        grants.push(Grant {
                            role_id: role_id.clone(),
                            division: DivisionGrant::One(division),
                        });
                    }
                }
            }
        }
        grants.sort();
        grants.dedup();
        Ok(grants)
    }
}

/// Parses, validates and applies a fixture in one transaction (a snapshot document, one with
/// `snapshotVersion`, replaces the whole state instead: see `crate::snapshot`). Returns the document (for the
/// demo's curl lines).
pub async fn apply(
    source_name: &str,
    text: &str,
    store: &dyn Store,
    clock: &dyn Clock,
) -> Result<FixtureDoc, FixtureError> {
    Ok(apply_planned(source_name, text, store, clock).await?.0)
}

/// As [`apply`], also answering the plan that was applied (the emulator resets to it).
pub async fn apply_planned(
    source_name: &str,
    text: &str,
    store: &dyn Store,
    clock: &dyn Clock,
) -> Result<(FixtureDoc, FixturePlan), FixtureError> {
    if crate::snapshot::is_snapshot(text) {
        // A snapshot is the whole state: it replaces what the store holds (all or nothing).
        let snapshot = crate::snapshot::parse(source_name, text)?;
        let rows = crate::snapshot::plan(source_name, &snapshot)?;
        store
            .import_tables(crate::snapshot::TABLES, &rows)
            .await
            .map_err(|e| FixtureError {
                source_name: source_name.to_owned(),
                path: "$".into(),
                message: format!("the store refused the snapshot, nothing was changed: {e}"),
            })?;
        let doc = FixtureDoc {
            organizations: Vec::new(),
            customer_care: None,
            trusts: Vec::new(),
        };
        let plan = FixturePlan {
            snapshot: Some(std::sync::Arc::new(rows)),
            ..FixturePlan::default()
        };
        return Ok((doc, plan));
    }
    let doc = parse(source_name, text)?;
    let plan = plan(source_name, &doc, store, clock).await?;
    store.apply_fixture(&plan).await.map_err(|e| FixtureError {
        source_name: source_name.to_owned(),
        path: "$".into(),
        message: format!("the store refused the fixture, nothing was applied: {e}"),
    })?;
    Ok((doc, plan))
}
