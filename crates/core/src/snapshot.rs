//! Snapshots (`GET`/`POST /_orgtrust/snapshot`, `orgtrust export`/`import`): the whole durable
//! state as one readable, fixture-compatible JSON document, and the whole state replaced by one.
//!
//! The document keeps the fixture's sections (`organizations` with `divisions`, `roles`,
//! `users`, `groups`, `oauthClients`; `trusts`) with every id, date, version and state, and adds
//! what a fixture cannot say: organization settings, migrations, limit overrides and change
//! requests, trust members with their grants, cloned users, pairings, the audit trail and the
//! server-wide settings. Credentials travel as their argon2 hashes (`passwordHash`,
//! `secretHash`), never in plain text.
//!
//! Deliberately not carried (ephemeral; a client signs in again after an import): issued
//! tokens, sign-in failure counters and lockouts, pending browser authorizations, and the
//! derived audit counts (the store rebuilds them from the events).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{OrgState, UserState};
use crate::permission::Pattern;
use crate::seed_document::{refuse_nul, FixtureError};
use crate::store::{Row, Store, StoreError, TableSpec};

/// The version of the document format written by this server (and the only one it reads).
pub const SNAPSHOT_VERSION: u32 = 1;

const ORGANIZATIONS: TableSpec = TableSpec {
    name: "organizations",
    columns: &[
        "id",
        "name",
        "third_party_org_name",
        "domain",
        "default_language",
        "default_country_code",
        "third_party_uri",
        "support_uri",
        "default_site_id",
        "voicemail_enabled",
        "state",
        "version",
        "features",
        "product_platform",
        "date_created",
    ],
    key: "id",
    json: &["features"],
    bools: &["voicemail_enabled"],
};
const DIVISIONS: TableSpec = TableSpec {
    name: "divisions",
    columns: &["id", "org_id", "name", "description", "home"],
    key: "id",
    json: &[],
    bools: &["home"],
};
const ROLES: TableSpec = TableSpec {
    name: "roles",
    columns: &[
        "id",
        "org_id",
        "name",
        "description",
        "permissions",
        "default_admin",
    ],
    key: "id",
    json: &["permissions"],
    bools: &["default_admin"],
};
const USERS: TableSpec = TableSpec {
    name: "users",
    columns: &[
        "id",
        "org_id",
        "name",
        "email",
        "division_id",
        "state",
        "version",
        "title",
        "department",
        "password_hash",
        "date_created",
        "date_modified",
    ],
    key: "id",
    json: &[],
    bools: &[],
};
const GROUPS: TableSpec = TableSpec {
    name: "user_groups",
    columns: &[
        "id",
        "org_id",
        "name",
        "description",
        "division_id",
        "kind",
        "visibility",
        "rules_visible",
        "state",
        "version",
        "date_created",
    ],
    key: "id",
    json: &[],
    bools: &["rules_visible"],
};
const GROUP_MEMBERS: TableSpec = TableSpec {
    name: "group_members",
    columns: &["group_id", "user_id"],
    key: "group_id, user_id",
    json: &[],
    bools: &[],
};
const CLIENTS: TableSpec = TableSpec {
    name: "oauth_clients",
    columns: &[
        "id",
        "org_id",
        "name",
        "description",
        "secret_hash",
        "authorized_grant_types",
        "scope",
        "registered_redirect_uris",
        "access_token_validity_seconds",
        "state",
        "date_created",
    ],
    key: "id",
    json: &[
        "authorized_grant_types",
        "scope",
        "registered_redirect_uris",
    ],
    bools: &[],
};
const GRANTS: TableSpec = TableSpec {
    name: "grants",
    columns: &[
        "org_id",
        "subject_kind",
        "subject_id",
        "role_id",
        "division",
    ],
    key: "subject_kind, subject_id, role_id, division",
    json: &[],
    bools: &[],
};
const ORG_SETTINGS: TableSpec = TableSpec {
    name: "org_settings",
    columns: &["org_id", "settings"],
    key: "org_id",
    json: &["settings"],
    bools: &[],
};
const ORG_MIGRATIONS: TableSpec = TableSpec {
    name: "org_migrations",
    columns: &["org_id", "name", "enabled"],
    key: "org_id, name",
    json: &[],
    bools: &["enabled"],
};
const LIMIT_OVERRIDES: TableSpec = TableSpec {
    name: "limit_overrides",
    columns: &["org_id", "namespace", "key", "value"],
    key: "org_id, namespace, key",
    json: &[],
    bools: &[],
};
const LIMIT_CHANGE_REQUESTS: TableSpec = TableSpec {
    name: "limit_change_requests",
    columns: &[
        "id",
        "org_id",
        "namespace",
        "key",
        "requested_value",
        "current_value",
        "description",
        "support_case_url",
        "status",
        "date_created",
        "date_completed",
        "reject_reason",
        "status_history",
        "approvals",
    ],
    key: "date_created, id",
    json: &["status_history", "approvals"],
    bools: &[],
};
const PAIRINGS: TableSpec = TableSpec {
    name: "pairings",
    columns: &[
        "id",
        "trustee_org_id",
        "created_by_kind",
        "created_by_id",
        "created_by_name",
        "date_created",
        "date_expires",
        "user_ids",
        "group_ids",
        "used_by_org_id",
        "date_used",
    ],
    key: "date_created, id",
    json: &["user_ids", "group_ids"],
    bools: &[],
};
const TRUSTS: TableSpec = TableSpec {
    name: "trusts",
    columns: &[
        "trustor_org_id",
        "trustee_org_id",
        "enabled",
        "date_created",
        "date_expired",
        "created_by_kind",
        "created_by_id",
        "created_by_name",
        "pairing_id",
        "uses_default_role",
        "has_full_access",
        "is_trusted_user",
    ],
    key: "trustor_org_id, trustee_org_id",
    json: &[],
    bools: &[
        "enabled",
        "uses_default_role",
        "has_full_access",
        "is_trusted_user",
    ],
};
const TRUST_MEMBERS: TableSpec = TableSpec {
    name: "trust_members",
    columns: &[
        "trustor_org_id",
        "trustee_org_id",
        "member_kind",
        "member_id",
        "date_created",
        "created_by_kind",
        "created_by_id",
        "created_by_name",
    ],
    key: "trustor_org_id, trustee_org_id, member_kind, member_id",
    json: &[],
    bools: &[],
};
const TRUST_GRANTS: TableSpec = TableSpec {
    name: "trust_grants",
    columns: &[
        "trustor_org_id",
        "trustee_org_id",
        "member_kind",
        "member_id",
        "role_id",
        "division",
    ],
    key: "trustor_org_id, trustee_org_id, member_kind, member_id, role_id, division",
    json: &[],
    bools: &[],
};
const CLONED_USERS: TableSpec = TableSpec {
    name: "cloned_users",
    columns: &[
        "clone_user_id",
        "trustor_org_id",
        "trustee_org_id",
        "trustee_user_id",
        "date_created",
    ],
    key: "clone_user_id",
    json: &[],
    bools: &[],
};
const AUDIT_EVENTS: TableSpec = TableSpec {
    name: "audit_events",
    columns: &[
        "seq",
        "id",
        "timestamp",
        "org_id",
        "home_org_id",
        "actor_kind",
        "actor_id",
        "actor_name",
        "client_id",
        "action",
        "entity_type",
        "entity_id",
        "entity_name",
        "changes",
        "correlation_id",
        "remote_ip",
    ],
    key: "seq",
    json: &["changes"],
    bools: &[],
};
const SETTINGS: TableSpec = TableSpec {
    name: "settings",
    columns: &["key", "value"],
    key: "key",
    json: &["value"],
    bools: &[],
};

/// Every table a snapshot carries, parents before children (the order of an import).
pub const TABLES: &[TableSpec] = &[
    ORGANIZATIONS,
    DIVISIONS,
    ROLES,
    USERS,
    GROUPS,
    GROUP_MEMBERS,
    CLIENTS,
    GRANTS,
    ORG_SETTINGS,
    ORG_MIGRATIONS,
    LIMIT_OVERRIDES,
    LIMIT_CHANGE_REQUESTS,
    PAIRINGS,
    TRUSTS,
    TRUST_MEMBERS,
    TRUST_GRANTS,
    CLONED_USERS,
    AUDIT_EVENTS,
    SETTINGS,
];

/// The tables a snapshot deliberately leaves out (ephemeral: a client signs in again after an
/// import; derived: rebuilt from the events). Every other table, and every column of the carried
/// ones, must be in [`TABLES`]: each backend's tests compare this against its schema, so a
/// migration cannot add state that snapshots silently lose.
pub const NOT_CARRIED: &[&str] = &[
    "tokens",
    "sign_in_failures",
    "pending_authorizations",
    "audit_counts",
];

/// Columns of carried tables that a snapshot leaves out because the store derives them: the
/// organization names copied onto each trust for the listings' order (migration 0014's triggers
/// fill them on insert and keep them in step with renames).
pub const NOT_CARRIED_COLUMNS: &[(&str, &str)] =
    &[("trusts", "trustor_name"), ("trusts", "trustee_name")];

/// The document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SnapshotDoc {
    /// The format version ([`SNAPSHOT_VERSION`]); its presence marks a fixture file as a
    /// snapshot.
    pub snapshot_version: u32,
    /// When it was taken (by the server clock); informative, not imported.
    #[serde(
        default,
        with = "orgtrust_api::datetime::utc_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub exported_at: Option<DateTime<Utc>>,
    /// Every organization with its directory and settings.
    pub organizations: Vec<OrgRecord>,
    /// Every trust (trustor trusts trustee) with its members, their grants and the clones.
    #[serde(default)]
    pub trusts: Vec<TrustRecord>,
    /// Every pairing (trust request), used or not.
    #[serde(default)]
    pub pairings: Vec<PairingRecord>,
    /// The audit trail, oldest first.
    #[serde(default)]
    pub audit_events: Vec<AuditRecord>,
    /// Server-wide settings by key (`customer_care_orgs`: the Customer Care organizations).
    #[serde(default)]
    pub settings: BTreeMap<String, Value>,
}

/// An organization.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrgRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The short name used at sign-in.
    pub third_party_org_name: String,
    /// Its domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Its language.
    pub default_language: String,
    /// Its country.
    pub default_country_code: String,
    /// Third-party URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_party_uri: Option<String>,
    /// Support URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_uri: Option<String>,
    /// Default site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_site_id: Option<String>,
    /// Voicemail flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voicemail_enabled: Option<bool>,
    /// Its state.
    pub state: String,
    /// Its version (as the API shows it).
    pub version: i64,
    /// Its feature switches.
    pub features: Value,
    /// Its product platform.
    pub product_platform: String,
    /// When it was created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Its divisions.
    #[serde(default)]
    pub divisions: Vec<DivisionRecord>,
    /// Its roles.
    #[serde(default)]
    pub roles: Vec<RoleRecord>,
    /// Its users (clones of trustee users included; the trusts say which).
    #[serde(default)]
    pub users: Vec<UserRecord>,
    /// Its groups.
    #[serde(default)]
    pub groups: Vec<GroupRecord>,
    /// Its OAuth clients.
    #[serde(default)]
    pub oauth_clients: Vec<ClientRecord>,
    /// Its settings document (authentication, IP allowlist, scope enforcement, password
    /// requirements, ...); absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Value>,
    /// Migration states it switched.
    #[serde(default)]
    pub migrations: Vec<MigrationRecord>,
    /// Limit values that differ from the defaults.
    #[serde(default)]
    pub limit_overrides: Vec<LimitOverrideRecord>,
    /// Its limit change requests.
    #[serde(default)]
    pub limit_change_requests: Vec<LimitChangeRequestRecord>,
}

/// A division.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DivisionRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Is it the home division?
    pub home: bool,
}

/// A role.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its permission patterns.
    pub permissions: Vec<String>,
    /// Is it the organization's default admin role?
    pub default_admin: bool,
}

/// A role granted to a subject: by id in every division, or in the listed divisions (the
/// fixture's two forms).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RoleRef {
    /// In every division.
    All(String),
    /// In these divisions.
    Scoped {
        /// The role id.
        role: String,
        /// The division ids.
        divisions: Vec<String>,
    },
}

/// A user.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its e-mail address.
    pub email: String,
    /// Its division id.
    pub division: String,
    /// Its state (`active`, `inactive`, `deleted`).
    pub state: String,
    /// Its version.
    pub version: i64,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The argon2 hash of its password (none: it cannot sign in with one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<String>,
    /// Created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Last modified.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_modified: DateTime<Utc>,
    /// Its role grants.
    #[serde(default)]
    pub roles: Vec<RoleRef>,
}

/// A group.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its division id.
    pub division: String,
    /// Its kind (`official`, `social`).
    pub kind: String,
    /// Its visibility.
    pub visibility: String,
    /// Are its rules visible?
    pub rules_visible: bool,
    /// Its state.
    pub state: String,
    /// Its version.
    pub version: i64,
    /// Created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Its member user ids.
    #[serde(default)]
    pub members: Vec<String>,
    /// Its role grants.
    #[serde(default)]
    pub roles: Vec<RoleRef>,
}

/// An OAuth client.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientRecord {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The argon2 hash of its secret.
    pub secret_hash: String,
    /// Its grant types.
    pub authorized_grant_types: Vec<String>,
    /// Its scopes.
    pub scope: Vec<String>,
    /// Its redirect URIs.
    pub registered_redirect_uris: Vec<String>,
    /// Token lifetime override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_validity_seconds: Option<i64>,
    /// Its state.
    pub state: String,
    /// Created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Its role grants.
    #[serde(default)]
    pub roles: Vec<RoleRef>,
}

/// A migration state an organization switched.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationRecord {
    /// The migration.
    pub name: String,
    /// Switched on?
    pub enabled: bool,
}

/// A limit value that differs from the default.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LimitOverrideRecord {
    /// The namespace.
    pub namespace: String,
    /// The key.
    pub key: String,
    /// The value.
    pub value: i64,
}

/// A limit change request.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LimitChangeRequestRecord {
    /// Its id.
    pub id: String,
    /// The namespace.
    pub namespace: String,
    /// The key.
    pub key: String,
    /// The value asked for.
    pub requested_value: i64,
    /// The value when asked.
    pub current_value: i64,
    /// Why.
    pub description: String,
    /// The support case.
    pub support_case_url: String,
    /// Its status.
    pub status: String,
    /// Created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Completed.
    #[serde(
        default,
        with = "orgtrust_api::datetime::utc_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_completed: Option<DateTime<Utc>>,
    /// Why it was rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    /// Its status changes.
    pub status_history: Value,
    /// Its approvals.
    pub approvals: Value,
}

/// A trust: `trustor` trusts `trustee` (organization ids, the fixture's names).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrustRecord {
    /// The trustor organization id.
    pub trustor: String,
    /// The trustee organization id.
    pub trustee: String,
    /// Enabled?
    pub enabled: bool,
    /// Created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// When it expires.
    #[serde(
        default,
        with = "orgtrust_api::datetime::utc_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_expired: Option<DateTime<Utc>>,
    /// Creator kind (`user`, `client`, `system`).
    pub created_by_kind: String,
    /// Creator id.
    pub created_by_id: String,
    /// Creator name.
    pub created_by_name: String,
    /// The pairing it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pairing_id: Option<String>,
    /// Flag of the reference's Trustee.
    pub uses_default_role: bool,
    /// Flag of the reference's Trustee.
    pub has_full_access: bool,
    /// Flag of the reference's Trustee.
    pub is_trusted_user: bool,
    /// Its trustee users and groups (or the whole trustee organization).
    #[serde(default)]
    pub members: Vec<TrustMemberRecord>,
    /// Trustee users cloned into the trustor.
    #[serde(default)]
    pub cloned_users: Vec<ClonedUserRecord>,
}

/// A trustee user, group or organization of a trust, with its trustor-role grants.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrustMemberRecord {
    /// `user`, `group` or `organization`.
    pub kind: String,
    /// Its id (in the trustee organization).
    pub id: String,
    /// Added.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Who added it (kind).
    pub created_by_kind: String,
    /// Who added it (id).
    pub created_by_id: String,
    /// Who added it (name).
    pub created_by_name: String,
    /// Trustor roles granted to it.
    #[serde(default)]
    pub roles: Vec<RoleRef>,
}

/// A trustee user cloned into the trustor.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClonedUserRecord {
    /// The clone (a user of the trustor).
    pub clone_user_id: String,
    /// The original (a user of the trustee).
    pub trustee_user_id: String,
    /// Cloned.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
}

/// A pairing (trust request).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PairingRecord {
    /// Its id.
    pub id: String,
    /// The trustee organization that made it.
    pub trustee_org_id: String,
    /// Creator kind.
    pub created_by_kind: String,
    /// Creator id.
    pub created_by_id: String,
    /// Creator name.
    pub created_by_name: String,
    /// Created.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_created: DateTime<Utc>,
    /// Valid until.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub date_expires: DateTime<Utc>,
    /// The trustee users it names.
    pub user_ids: Vec<String>,
    /// The trustee groups it names.
    pub group_ids: Vec<String>,
    /// The trustor that used it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used_by_org_id: Option<String>,
    /// When it was used.
    #[serde(
        default,
        with = "orgtrust_api::datetime::utc_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_used: Option<DateTime<Utc>>,
}

/// An audit event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditRecord {
    /// Its position in the trail (orders events of the same millisecond).
    pub seq: i64,
    /// Its id.
    pub id: String,
    /// When.
    #[serde(with = "orgtrust_api::datetime::utc")]
    pub timestamp: DateTime<Utc>,
    /// Where (the organization acted in).
    pub org_id: String,
    /// The actor's home organization.
    pub home_org_id: String,
    /// Actor kind.
    pub actor_kind: String,
    /// Actor id.
    pub actor_id: String,
    /// Actor name.
    pub actor_name: String,
    /// The OAuth client used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The action.
    pub action: String,
    /// The entity type.
    pub entity_type: String,
    /// The entity id.
    pub entity_id: String,
    /// The entity name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    /// The changes.
    pub changes: Value,
    /// The request's correlation id.
    pub correlation_id: String,
    /// The caller's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip: Option<String>,
}

/// Is this fixture text a snapshot (a JSON object with `snapshotVersion`)?
pub fn is_snapshot(text: &str) -> bool {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Probe {
        snapshot_version: Option<Value>,
    }
    serde_json::from_str::<Probe>(text)
        .map(|p| p.snapshot_version.is_some())
        .unwrap_or(false)
}

fn err(source: &str, path: impl Into<String>, message: impl Into<String>) -> FixtureError {
    FixtureError {
        source_name: source.to_owned(),
        path: path.into(),
        message: message.into(),
    }
}

/// Parses a snapshot document; a syntax or shape error names the JSON path.
pub fn parse(source: &str, text: &str) -> Result<SnapshotDoc, FixtureError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        err(source, path, e.into_inner().to_string())
    })?;
    refuse_nul(source, text)?;
    Ok(doc)
}

fn camel(column: &str) -> String {
    let mut out = String::with_capacity(column.len());
    let mut upper = false;
    for c in column.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn is_date(column: &str) -> bool {
    column.starts_with("date_") || column == "timestamp"
}

/// The document field of a column: camelCase, but for the few the fixture names differently.
fn field(column: &str, renames: &[(&str, &str)]) -> String {
    renames
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, f)| (*f).to_owned())
        .unwrap_or_else(|| camel(column))
}

/// A stored row as a document record: ISO dates, parsed JSON, booleans, camelCase names;
/// the `drop`ped columns are said by the nesting.
fn record<T: DeserializeOwned>(
    spec: &TableSpec,
    row: &Row,
    drop: &[&str],
    renames: &[(&str, &str)],
) -> Result<T, StoreError> {
    let mut out = serde_json::Map::new();
    for column in spec.columns {
        if drop.contains(column) {
            continue;
        }
        let mut v = row.get(*column).cloned().unwrap_or(Value::Null);
        if is_date(column) {
            if let Some(ms) = v.as_i64() {
                v = Utc
                    .timestamp_millis_opt(ms)
                    .single()
                    .map(|d| Value::String(d.to_rfc3339_opts(SecondsFormat::Millis, true)))
                    .unwrap_or(Value::Null);
            }
        } else if spec.json.contains(column) {
            if let Value::String(text) = &v {
                v = serde_json::from_str(text).unwrap_or(v);
            }
        } else if spec.bools.contains(column) {
            if let Some(n) = v.as_i64() {
                v = Value::Bool(n != 0);
            }
        }
        out.insert(field(column, renames), v);
    }
    serde_json::from_value(Value::Object(out)).map_err(|e| StoreError::Constraint {
        constraint: format!("snapshot: a stored {} row does not read: {e}", spec.name),
    })
}

/// A document record as a stored row: the inverse of [`record`], `fixed` giving the columns the
/// nesting says.
fn row<T: Serialize>(
    spec: &TableSpec,
    rec: &T,
    fixed: &[(&str, &str)],
    renames: &[(&str, &str)],
) -> Row {
    let value = serde_json::to_value(rec).unwrap_or(Value::Null);
    let mut out = Row::new();
    for column in spec.columns {
        if let Some((_, v)) = fixed.iter().find(|(c, _)| c == column) {
            out.insert((*column).to_owned(), Value::String((*v).to_owned()));
            continue;
        }
        let mut v = value
            .get(field(column, renames))
            .cloned()
            .unwrap_or(Value::Null);
        if is_date(column) {
            if let Some(text) = v.as_str() {
                v = DateTime::parse_from_rfc3339(text)
                    .map(|d| Value::from(d.timestamp_millis()))
                    .unwrap_or(Value::Null);
            }
        } else if spec.json.contains(column) && !v.is_null() {
            v = Value::String(v.to_string());
        }
        out.insert((*column).to_owned(), v);
    }
    out
}

fn s<'a>(row: &'a Row, column: &str) -> &'a str {
    row.get(column).and_then(Value::as_str).unwrap_or_default()
}

/// Grants (role, division key) as the fixture's role references, by role in stored order.
fn role_refs<'a>(grants: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<RoleRef> {
    let mut by_role: Vec<(&str, Vec<&str>)> = Vec::new();
    for (role, division) in grants {
        match by_role.iter_mut().find(|(r, _)| *r == role) {
            Some((_, divisions)) => divisions.push(division),
            None => by_role.push((role, vec![division])),
        }
    }
    let mut refs = Vec::new();
    for (role, divisions) in by_role {
        if divisions.contains(&"*") {
            refs.push(RoleRef::All(role.to_owned()));
        }
        let scoped: Vec<String> = divisions
            .iter()
            .filter(|d| **d != "*")
            .map(|d| (*d).to_owned())
            .collect();
        if !scoped.is_empty() {
            refs.push(RoleRef::Scoped {
                role: role.to_owned(),
                divisions: scoped,
            });
        }
    }
    refs
}

/// (role, division key) pairs of role references.
fn grant_pairs(refs: &[RoleRef]) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for r in refs {
        match r {
            RoleRef::All(role) => out.push((role.as_str(), "*")),
            RoleRef::Scoped { role, divisions } => {
                out.extend(divisions.iter().map(|d| (role.as_str(), d.as_str())))
            }
        }
    }
    out
}

const USER_RENAMES: &[(&str, &str)] = &[("division_id", "division")];
const TRUST_RENAMES: &[(&str, &str)] = &[
    ("trustor_org_id", "trustor"),
    ("trustee_org_id", "trustee"),
    ("member_kind", "kind"),
    ("member_id", "id"),
];

/// Reads the whole state into a document (`now`: the server clock, noted as `exportedAt`).
pub async fn export(store: &dyn Store, now: DateTime<Utc>) -> Result<SnapshotDoc, StoreError> {
    let tables = store.export_tables(TABLES).await?;
    let t = |spec: &TableSpec| -> &Vec<Row> {
        let i = TABLES
            .iter()
            .position(|x| x.name == spec.name)
            .unwrap_or_default();
        &tables[i]
    };
    let by_org = |spec: &TableSpec, org: &str| -> Vec<&Row> {
        t(spec).iter().filter(|r| s(r, "org_id") == org).collect()
    };
    let subject_roles = |kind: &str, id: &str| {
        role_refs(
            t(&GRANTS)
                .iter()
                .filter(|g| s(g, "subject_kind") == kind && s(g, "subject_id") == id)
                .map(|g| (s(g, "role_id"), s(g, "division"))),
        )
    };
    let org_only: &[&str] = &["org_id"];
    let mut organizations = Vec::new();
    for o in t(&ORGANIZATIONS) {
        let mut org: OrgRecord = record(&ORGANIZATIONS, o, &[], &[])?;
        let id = org.id.clone();
        for r in by_org(&DIVISIONS, &id) {
            org.divisions.push(record(&DIVISIONS, r, org_only, &[])?);
        }
        for r in by_org(&ROLES, &id) {
            org.roles.push(record(&ROLES, r, org_only, &[])?);
        }
        for r in by_org(&USERS, &id) {
            let mut u: UserRecord = record(&USERS, r, org_only, USER_RENAMES)?;
            u.roles = subject_roles("user", &u.id);
            org.users.push(u);
        }
        for r in by_org(&GROUPS, &id) {
            let mut g: GroupRecord = record(&GROUPS, r, org_only, USER_RENAMES)?;
            g.members = t(&GROUP_MEMBERS)
                .iter()
                .filter(|m| s(m, "group_id") == g.id)
                .map(|m| s(m, "user_id").to_owned())
                .collect();
            g.roles = subject_roles("group", &g.id);
            org.groups.push(g);
        }
        for r in by_org(&CLIENTS, &id) {
            let mut c: ClientRecord = record(&CLIENTS, r, org_only, &[])?;
            c.roles = subject_roles("client", &c.id);
            org.oauth_clients.push(c);
        }
        org.settings = by_org(&ORG_SETTINGS, &id).first().map(|r| {
            let text = s(r, "settings");
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
        });
        for r in by_org(&ORG_MIGRATIONS, &id) {
            org.migrations
                .push(record(&ORG_MIGRATIONS, r, org_only, &[])?);
        }
        for r in by_org(&LIMIT_OVERRIDES, &id) {
            org.limit_overrides
                .push(record(&LIMIT_OVERRIDES, r, org_only, &[])?);
        }
        for r in by_org(&LIMIT_CHANGE_REQUESTS, &id) {
            org.limit_change_requests
                .push(record(&LIMIT_CHANGE_REQUESTS, r, org_only, &[])?);
        }
        organizations.push(org);
    }
    let mut trusts = Vec::new();
    for r in t(&TRUSTS) {
        let mut trust: TrustRecord = record(&TRUSTS, r, &[], TRUST_RENAMES)?;
        let same = |x: &Row| {
            s(x, "trustor_org_id") == trust.trustor && s(x, "trustee_org_id") == trust.trustee
        };
        let pair: &[&str] = &["trustor_org_id", "trustee_org_id"];
        let mut members = Vec::new();
        for m in t(&TRUST_MEMBERS).iter().filter(|x| same(x)) {
            let mut member: TrustMemberRecord = record(&TRUST_MEMBERS, m, pair, TRUST_RENAMES)?;
            member.roles = role_refs(
                t(&TRUST_GRANTS)
                    .iter()
                    .filter(|g| {
                        same(g)
                            && s(g, "member_kind") == member.kind
                            && s(g, "member_id") == member.id
                    })
                    .map(|g| (s(g, "role_id"), s(g, "division"))),
            );
            members.push(member);
        }
        let mut clones = Vec::new();
        for c in t(&CLONED_USERS).iter().filter(|x| same(x)) {
            clones.push(record(&CLONED_USERS, c, pair, &[])?);
        }
        trust.members = members;
        trust.cloned_users = clones;
        trusts.push(trust);
    }
    let pairings = t(&PAIRINGS)
        .iter()
        .map(|r| record(&PAIRINGS, r, &[], &[]))
        .collect::<Result<_, _>>()?;
    let audit_events = t(&AUDIT_EVENTS)
        .iter()
        .map(|r| record(&AUDIT_EVENTS, r, &[], &[]))
        .collect::<Result<_, _>>()?;
    let mut settings = BTreeMap::new();
    for r in t(&SETTINGS) {
        let text = s(r, "value");
        settings.insert(
            s(r, "key").to_owned(),
            serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned())),
        );
    }
    Ok(SnapshotDoc {
        snapshot_version: SNAPSHOT_VERSION,
        exported_at: Some(now),
        organizations,
        trusts,
        pairings,
        audit_events,
        settings,
    })
}

/// Ids seen so far of one kind, refusing a second use.
struct Ids<'a> {
    source: &'a str,
    what: &'static str,
    seen: HashSet<String>,
}

impl<'a> Ids<'a> {
    fn new(source: &'a str, what: &'static str) -> Self {
        Self {
            source,
            what,
            seen: HashSet::new(),
        }
    }

    fn add(&mut self, id: &str, path: String) -> Result<(), FixtureError> {
        if id.trim().is_empty() {
            return Err(err(
                self.source,
                path,
                format!("a {} needs an id", self.what),
            ));
        }
        if !self.seen.insert(id.to_owned()) {
            return Err(err(
                self.source,
                path,
                format!("duplicate {} id [{id}]", self.what),
            ));
        }
        Ok(())
    }
}

/// An argon2 hash, not a plain password or secret.
fn check_hash(source: &str, hash: &str, path: String) -> Result<(), FixtureError> {
    if hash.starts_with("$argon2") {
        Ok(())
    } else {
        Err(err(
            source,
            path,
            "an argon2 hash ($argon2...) is expected, never a plain password or secret",
        ))
    }
}

/// Checks role references against the roles and divisions of the organization granting them.
fn check_refs(
    source: &str,
    refs: &[RoleRef],
    roles: &HashSet<&str>,
    divisions: &HashSet<&str>,
    path: &str,
) -> Result<(), FixtureError> {
    for (n, r) in refs.iter().enumerate() {
        let (role, divs): (&str, &[String]) = match r {
            RoleRef::All(role) => (role, &[]),
            RoleRef::Scoped { role, divisions } => (role, divisions),
        };
        if !roles.contains(role) {
            return Err(err(
                source,
                format!("{path}[{n}]"),
                format!("role [{role}] is not a role of the granting organization"),
            ));
        }
        for (m, d) in divs.iter().enumerate() {
            if d != "*" && !divisions.contains(d.as_str()) {
                return Err(err(
                    source,
                    format!("{path}[{n}].divisions[{m}]"),
                    format!("division [{d}] is not a division of the granting organization"),
                ));
            }
        }
    }
    Ok(())
}

/// Validates the whole document (every reference resolved, ids unique, credentials hashed) and
/// turns it into the rows of [`TABLES`]. Nothing is written.
pub fn plan(source: &str, doc: &SnapshotDoc) -> Result<Vec<Vec<Row>>, FixtureError> {
    if doc.snapshot_version != SNAPSHOT_VERSION {
        return Err(err(
            source,
            "snapshotVersion",
            format!(
                "version {} is not readable by this server (it reads {SNAPSHOT_VERSION})",
                doc.snapshot_version
            ),
        ));
    }
    let mut p = Planner::new(source);
    for (i, o) in doc.organizations.iter().enumerate() {
        p.organization(&format!("organizations[{i}]"), o)?;
    }
    p.pairings(&doc.pairings)?;
    p.trusts(&doc.trusts)?;
    p.audit_events(&doc.audit_events)?;
    p.settings(&doc.settings)?;
    Ok(p.rows.into_tables())
}

/// The rows planned so far, by table.
struct Rows(HashMap<&'static str, Vec<Row>>);

impl Rows {
    fn push(&mut self, table: &TableSpec, r: Row) {
        if let Some(list) = self.0.get_mut(table.name) {
            list.push(r);
        }
    }

    fn into_tables(mut self) -> Vec<Vec<Row>> {
        TABLES
            .iter()
            .map(|t| self.0.remove(t.name).unwrap_or_default())
            .collect()
    }
}

/// A snapshot being planned: its rows, the ids seen (unique across organizations), and per
/// organization the ids its trusts and clones may refer to.
struct Planner<'a> {
    source: &'a str,
    rows: Rows,
    org_ids: Ids<'a>,
    div_ids: Ids<'a>,
    role_ids: Ids<'a>,
    user_ids: Ids<'a>,
    group_ids: Ids<'a>,
    client_ids: Ids<'a>,
    lcr_ids: Ids<'a>,
    orgs: HashMap<&'a str, OrgIndex<'a>>,
}

impl<'a> Planner<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            source,
            rows: Rows(TABLES.iter().map(|t| (t.name, Vec::new())).collect()),
            org_ids: Ids::new(source, "organization"),
            div_ids: Ids::new(source, "division"),
            role_ids: Ids::new(source, "role"),
            user_ids: Ids::new(source, "user"),
            group_ids: Ids::new(source, "group"),
            client_ids: Ids::new(source, "OAuth client"),
            lcr_ids: Ids::new(source, "limit change request"),
            orgs: HashMap::new(),
        }
    }

    fn err(&self, path: impl Into<String>, message: impl Into<String>) -> FixtureError {
        err(self.source, path, message)
    }

    /// Role references checked against the roles and divisions of `index`'s organization.
    fn check_refs(
        &self,
        refs: &[RoleRef],
        index: &OrgIndex<'_>,
        path: &str,
    ) -> Result<(), FixtureError> {
        check_refs(self.source, refs, &index.roles, &index.divisions, path)
    }

    /// An organization with its directory, settings, migrations and limits.
    fn organization(&mut self, path: &str, o: &'a OrgRecord) -> Result<(), FixtureError> {
        self.org_ids.add(&o.id, format!("{path}.id"))?;
        if OrgState::parse(&o.state).as_str() != o.state {
            return Err(self.err(
                format!("{path}.state"),
                format!("[{}] is not active, inactive or deleted", o.state),
            ));
        }
        self.rows
            .push(&ORGANIZATIONS, row(&ORGANIZATIONS, o, &[], &[]));
        let mut index = OrgIndex::default();
        self.divisions(path, o, &mut index)?;
        self.roles(path, o, &mut index)?;
        self.users(path, o, &mut index)?;
        self.groups(path, o, &mut index)?;
        self.clients(path, o, &index)?;
        self.org_tunables(path, o)?;
        self.orgs.insert(&o.id, index);
        Ok(())
    }

    /// Divisions, exactly one of them home.
    fn divisions(
        &mut self,
        path: &str,
        o: &'a OrgRecord,
        index: &mut OrgIndex<'a>,
    ) -> Result<(), FixtureError> {
        if o.divisions.iter().filter(|d| d.home).count() != 1 {
            return Err(self.err(
                format!("{path}.divisions"),
                "an organization has exactly one home division",
            ));
        }
        for (k, d) in o.divisions.iter().enumerate() {
            self.div_ids
                .add(&d.id, format!("{path}.divisions[{k}].id"))?;
            index.divisions.insert(&d.id);
            self.rows
                .push(&DIVISIONS, row(&DIVISIONS, d, &[("org_id", &o.id)], &[]));
        }
        Ok(())
    }

    /// Roles, each permission one this server knows.
    fn roles(
        &mut self,
        path: &str,
        o: &'a OrgRecord,
        index: &mut OrgIndex<'a>,
    ) -> Result<(), FixtureError> {
        for (k, r) in o.roles.iter().enumerate() {
            self.role_ids.add(&r.id, format!("{path}.roles[{k}].id"))?;
            // As for fixtures: only permissions this server knows, so authorization reads them.
            for (n, perm) in r.permissions.iter().enumerate() {
                let known = Pattern::parse(perm)
                    .map(|p| crate::catalogue::is_grantable(&p))
                    .unwrap_or(false);
                if !known {
                    return Err(self.err(
                        format!("{path}.roles[{k}].permissions[{n}]"),
                        format!("[{perm}] is not a permission this server knows"),
                    ));
                }
            }
            index.roles.insert(&r.id);
            self.rows
                .push(&ROLES, row(&ROLES, r, &[("org_id", &o.id)], &[]));
        }
        Ok(())
    }

    /// Users, in a division of their organization, with hashed passwords and their grants.
    fn users(
        &mut self,
        path: &str,
        o: &'a OrgRecord,
        index: &mut OrgIndex<'a>,
    ) -> Result<(), FixtureError> {
        for (k, u) in o.users.iter().enumerate() {
            let upath = format!("{path}.users[{k}]");
            self.user_ids.add(&u.id, format!("{upath}.id"))?;
            if UserState::parse(&u.state).as_str() != u.state {
                return Err(self.err(
                    format!("{upath}.state"),
                    format!("[{}] is not active, inactive or deleted", u.state),
                ));
            }
            if !index.divisions.contains(u.division.as_str()) {
                return Err(self.err(
                    format!("{upath}.division"),
                    format!(
                        "division [{}] is not a division of this organization",
                        u.division
                    ),
                ));
            }
            if let Some(hash) = &u.password_hash {
                check_hash(self.source, hash, format!("{upath}.passwordHash"))?;
            }
            self.check_refs(&u.roles, index, &format!("{upath}.roles"))?;
            index.users.insert(&u.id);
            self.rows
                .push(&USERS, row(&USERS, u, &[("org_id", &o.id)], USER_RENAMES));
            for r in grant_rows(&o.id, "user", &u.id, &u.roles) {
                self.rows.push(&GRANTS, r);
            }
        }
        Ok(())
    }

    /// Groups, their members users of their organization, and their grants.
    fn groups(
        &mut self,
        path: &str,
        o: &'a OrgRecord,
        index: &mut OrgIndex<'a>,
    ) -> Result<(), FixtureError> {
        for (k, g) in o.groups.iter().enumerate() {
            let gpath = format!("{path}.groups[{k}]");
            self.group_ids.add(&g.id, format!("{gpath}.id"))?;
            if !index.divisions.contains(g.division.as_str()) {
                return Err(self.err(
                    format!("{gpath}.division"),
                    format!(
                        "division [{}] is not a division of this organization",
                        g.division
                    ),
                ));
            }
            let mut members = HashSet::new();
            for (m, member) in g.members.iter().enumerate() {
                if !index.users.contains(member.as_str()) || !members.insert(member) {
                    return Err(self.err(
                        format!("{gpath}.members[{m}]"),
                        format!(
                            "[{member}] is not a user of this organization, or is listed twice"
                        ),
                    ));
                }
            }
            self.check_refs(&g.roles, index, &format!("{gpath}.roles"))?;
            index.groups.insert(&g.id);
            self.rows
                .push(&GROUPS, row(&GROUPS, g, &[("org_id", &o.id)], USER_RENAMES));
            for member in &g.members {
                self.rows.push(
                    &GROUP_MEMBERS,
                    row(
                        &GROUP_MEMBERS,
                        &(),
                        &[("group_id", &g.id), ("user_id", member)],
                        &[],
                    ),
                );
            }
            for r in grant_rows(&o.id, "group", &g.id, &g.roles) {
                self.rows.push(&GRANTS, r);
            }
        }
        Ok(())
    }

    /// OAuth clients, with hashed secrets and their grants.
    fn clients(
        &mut self,
        path: &str,
        o: &'a OrgRecord,
        index: &OrgIndex<'a>,
    ) -> Result<(), FixtureError> {
        for (k, c) in o.oauth_clients.iter().enumerate() {
            let cpath = format!("{path}.oauthClients[{k}]");
            self.client_ids.add(&c.id, format!("{cpath}.id"))?;
            check_hash(self.source, &c.secret_hash, format!("{cpath}.secretHash"))?;
            self.check_refs(&c.roles, index, &format!("{cpath}.roles"))?;
            self.rows
                .push(&CLIENTS, row(&CLIENTS, c, &[("org_id", &o.id)], &[]));
            for r in grant_rows(&o.id, "client", &c.id, &c.roles) {
                self.rows.push(&GRANTS, r);
            }
        }
        Ok(())
    }

    /// What an organization tunes: its settings, migrations, limit overrides and limit change
    /// requests.
    fn org_tunables(&mut self, path: &str, o: &'a OrgRecord) -> Result<(), FixtureError> {
        let org = o.id.as_str();
        if let Some(settings) = &o.settings {
            if !settings.is_object() {
                return Err(self.err(
                    format!("{path}.settings"),
                    "the organization settings are a JSON object",
                ));
            }
            let mut r = Row::new();
            r.insert("org_id".into(), Value::String(o.id.clone()));
            r.insert("settings".into(), Value::String(settings.to_string()));
            self.rows.push(&ORG_SETTINGS, r);
        }
        let mut names = HashSet::new();
        for (k, m) in o.migrations.iter().enumerate() {
            if !names.insert(m.name.as_str()) {
                return Err(self.err(
                    format!("{path}.migrations[{k}].name"),
                    format!("duplicate migration [{}]", m.name),
                ));
            }
            self.rows.push(
                &ORG_MIGRATIONS,
                row(&ORG_MIGRATIONS, m, &[("org_id", org)], &[]),
            );
        }
        let mut keys = HashSet::new();
        for (k, l) in o.limit_overrides.iter().enumerate() {
            if !keys.insert((l.namespace.as_str(), l.key.as_str())) {
                return Err(self.err(
                    format!("{path}.limitOverrides[{k}]"),
                    format!("duplicate limit override [{}/{}]", l.namespace, l.key),
                ));
            }
            self.rows.push(
                &LIMIT_OVERRIDES,
                row(&LIMIT_OVERRIDES, l, &[("org_id", org)], &[]),
            );
        }
        for (k, l) in o.limit_change_requests.iter().enumerate() {
            self.lcr_ids
                .add(&l.id, format!("{path}.limitChangeRequests[{k}].id"))?;
            self.rows.push(
                &LIMIT_CHANGE_REQUESTS,
                row(&LIMIT_CHANGE_REQUESTS, l, &[("org_id", org)], &[]),
            );
        }
        Ok(())
    }

    /// Pairings, each made by an organization of the snapshot.
    fn pairings(&mut self, pairings: &[PairingRecord]) -> Result<(), FixtureError> {
        let mut pairing_ids = Ids::new(self.source, "pairing");
        for (i, p) in pairings.iter().enumerate() {
            let path = format!("pairings[{i}]");
            pairing_ids.add(&p.id, format!("{path}.id"))?;
            if !self.orgs.contains_key(p.trustee_org_id.as_str()) {
                return Err(self.err(
                    format!("{path}.trusteeOrgId"),
                    format!(
                        "[{}] is not an organization of this snapshot",
                        p.trustee_org_id
                    ),
                ));
            }
            self.rows.push(&PAIRINGS, row(&PAIRINGS, p, &[], &[]));
        }
        Ok(())
    }

    /// Trusts between two organizations of the snapshot, once per pair, with their members and
    /// cloned users.
    fn trusts(&mut self, trusts: &[TrustRecord]) -> Result<(), FixtureError> {
        let mut pairs = HashSet::new();
        for (i, t) in trusts.iter().enumerate() {
            let path = format!("trusts[{i}]");
            let orgs = &self.orgs;
            let (Some(trustor), Some(trustee)) =
                (orgs.get(t.trustor.as_str()), orgs.get(t.trustee.as_str()))
            else {
                let (field, id) = if orgs.contains_key(t.trustor.as_str()) {
                    ("trustee", &t.trustee)
                } else {
                    ("trustor", &t.trustor)
                };
                return Err(self.err(
                    format!("{path}.{field}"),
                    format!("[{id}] is not an organization of this snapshot"),
                ));
            };
            if t.trustor == t.trustee || !pairs.insert((t.trustor.as_str(), t.trustee.as_str())) {
                return Err(self.err(
                    path,
                    "a trust is between two organizations, and once per pair",
                ));
            }
            self.rows.push(&TRUSTS, row(&TRUSTS, t, &[], TRUST_RENAMES));
            let trust = TrustPlan {
                source: self.source,
                path: &path,
                t,
                trustor,
                trustee,
            };
            trust.members(&mut self.rows)?;
            trust.cloned_users(&mut self.rows)?;
        }
        Ok(())
    }

    /// The audit trail: ids unique, sequence numbers positive and unique.
    fn audit_events(&mut self, events: &[AuditRecord]) -> Result<(), FixtureError> {
        let (mut event_ids, mut seqs) = (Ids::new(self.source, "audit event"), HashSet::new());
        for (i, e) in events.iter().enumerate() {
            let path = format!("auditEvents[{i}]");
            event_ids.add(&e.id, format!("{path}.id"))?;
            if e.seq < 1 || !seqs.insert(e.seq) {
                return Err(self.err(
                    format!("{path}.seq"),
                    format!("seq {} is not positive or is used twice", e.seq),
                ));
            }
            self.rows
                .push(&AUDIT_EVENTS, row(&AUDIT_EVENTS, e, &[], &[]));
        }
        Ok(())
    }

    /// Server-wide settings; the Customer Care organizations are organizations of the snapshot.
    fn settings(&mut self, settings: &BTreeMap<String, Value>) -> Result<(), FixtureError> {
        for (key, value) in settings {
            if key == "customer_care_orgs" {
                let ok = value.as_array().is_some_and(|list| {
                    list.iter()
                        .all(|v| v.as_str().is_some_and(|id| self.orgs.contains_key(id)))
                });
                if !ok {
                    return Err(self.err(
                        format!("settings.{key}"),
                        "a list of organization ids of this snapshot",
                    ));
                }
            }
            let mut r = Row::new();
            r.insert("key".into(), Value::String(key.clone()));
            r.insert("value".into(), Value::String(value.to_string()));
            self.rows.push(&SETTINGS, r);
        }
        Ok(())
    }
}

/// One trust of the snapshot, its two organizations resolved.
struct TrustPlan<'p> {
    source: &'p str,
    path: &'p str,
    t: &'p TrustRecord,
    trustor: &'p OrgIndex<'p>,
    trustee: &'p OrgIndex<'p>,
}

impl TrustPlan<'_> {
    fn pair(&self) -> [(&str, &str); 2] {
        [
            ("trustor_org_id", &self.t.trustor),
            ("trustee_org_id", &self.t.trustee),
        ]
    }

    /// The members: users or groups of the trustee, or the trustee itself, once each, granted
    /// roles of the trustor.
    fn members(&self, rows: &mut Rows) -> Result<(), FixtureError> {
        let (t, path, pair) = (self.t, self.path, self.pair());
        let mut members = HashSet::new();
        for (k, m) in t.members.iter().enumerate() {
            let mpath = format!("{path}.members[{k}]");
            let known = match m.kind.as_str() {
                "user" => self.trustee.users.contains(m.id.as_str()),
                "group" => self.trustee.groups.contains(m.id.as_str()),
                "organization" => m.id == t.trustee,
                _ => false,
            };
            if !known || !members.insert((m.kind.as_str(), m.id.as_str())) {
                return Err(err(
                    self.source,
                    mpath,
                    format!(
                        "[{} {}] is not a user, group or the organization of the trustee, or is listed twice",
                        m.kind, m.id
                    ),
                ));
            }
            check_refs(
                self.source,
                &m.roles,
                &self.trustor.roles,
                &self.trustor.divisions,
                &format!("{mpath}.roles"),
            )?;
            rows.push(&TRUST_MEMBERS, row(&TRUST_MEMBERS, m, &pair, TRUST_RENAMES));
            for (role, division) in grant_pairs(&m.roles) {
                rows.push(
                    &TRUST_GRANTS,
                    row(
                        &TRUST_GRANTS,
                        &(),
                        &[
                            pair[0],
                            pair[1],
                            ("member_kind", &m.kind),
                            ("member_id", &m.id),
                            ("role_id", role),
                            ("division", division),
                        ],
                        &[],
                    ),
                );
            }
        }
        Ok(())
    }

    /// The cloned users: each clone a user of the trustor, each original one of the trustee.
    fn cloned_users(&self, rows: &mut Rows) -> Result<(), FixtureError> {
        let pair = self.pair();
        for (k, c) in self.t.cloned_users.iter().enumerate() {
            let cpath = format!("{}.clonedUsers[{k}]", self.path);
            if !self.trustor.users.contains(c.clone_user_id.as_str()) {
                return Err(err(
                    self.source,
                    format!("{cpath}.cloneUserId"),
                    "the clone must be a user of the trustor",
                ));
            }
            if !self.trustee.users.contains(c.trustee_user_id.as_str()) {
                return Err(err(
                    self.source,
                    format!("{cpath}.trusteeUserId"),
                    "the original must be a user of the trustee",
                ));
            }
            rows.push(&CLONED_USERS, row(&CLONED_USERS, c, &pair, &[]));
        }
        Ok(())
    }
}

/// The `grants` rows of a subject's role references.
fn grant_rows(org: &str, kind: &str, id: &str, refs: &[RoleRef]) -> Vec<Row> {
    grant_pairs(refs)
        .into_iter()
        .map(|(role, division)| {
            row(
                &GRANTS,
                &(),
                &[
                    ("org_id", org),
                    ("subject_kind", kind),
                    ("subject_id", id),
                    ("role_id", role),
                    ("division", division),
                ],
                &[],
            )
        })
        .collect()
}

/// The ids of one organization that trusts and clones refer to.
#[derive(Default)]
struct OrgIndex<'a> {
    divisions: HashSet<&'a str>,
    roles: HashSet<&'a str>,
    users: HashSet<&'a str>,
    groups: HashSet<&'a str>,
}

/// Validates `doc` and replaces the whole state by it in one transaction; on any error nothing
/// changes. Every token of the old state stops working.
pub async fn import(
    store: &dyn Store,
    source: &str,
    doc: &SnapshotDoc,
) -> Result<(), FixtureError> {
    let rows = plan(source, doc)?;
    store.import_tables(TABLES, &rows).await.map_err(|e| {
        err(
            source,
            "$",
            format!("the store refused the snapshot, nothing was changed: {e}"),
        )
    })
}
