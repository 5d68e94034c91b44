//! The domain entities as the services see them. They are not wire types: the server maps them to
//! the Genesys JSON shapes of `orgtrust-api`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::ids::{ClientId, DivisionId, GroupId, OrgId, RoleId, UserId};
use crate::permission::DivisionGrant;

/// The lifecycle state of an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgState {
    /// In service.
    Active,
    /// Suspended: its tokens are refused.
    Inactive,
    /// Terminated: records kept for audit, everything refused.
    Deleted,
}

impl OrgState {
    /// The wire and storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgState::Active => "active",
            OrgState::Inactive => "inactive",
            OrgState::Deleted => "deleted",
        }
    }

    /// Reads the storage spelling; anything unknown is treated as inactive (fail closed).
    pub fn parse(s: &str) -> Self {
        match s {
            "active" => OrgState::Active,
            "deleted" => OrgState::Deleted,
            _ => OrgState::Inactive,
        }
    }
}

/// An organization (tenant).
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    /// Its id.
    pub id: OrgId,
    /// Display name.
    pub name: String,
    /// Globally unique short name; cannot be changed.
    pub third_party_org_name: String,
    /// Its domain, if any.
    pub domain: Option<String>,
    /// Default language, e.g. `en-us`.
    pub default_language: String,
    /// Default country code, e.g. `US`.
    pub default_country_code: String,
    /// Third-party URI.
    pub third_party_uri: Option<String>,
    /// Support URI.
    pub support_uri: Option<String>,
    /// Default site id.
    pub default_site_id: Option<String>,
    /// Voicemail enabled.
    pub voicemail_enabled: Option<bool>,
    /// Lifecycle state.
    pub state: OrgState,
    /// Optimistic-concurrency version, bumped on every update.
    pub version: i32,
    /// Feature switches by name.
    pub features: BTreeMap<String, bool>,
    /// The product platform (read-only).
    pub product_platform: String,
    /// When it was created.
    pub date_created: DateTime<Utc>,
}

/// The features every organization has, with their defaults.
pub const DEFAULT_FEATURES: &[(&str, bool)] = &[
    ("chat", true),
    ("contactCenter", true),
    ("custserv", false),
    ("directory", true),
    ("divisionAwareRoleManagement", false),
    ("hipaa", false),
    ("informalPhotos", true),
    ("pci", false),
    ("purecloud", true),
    ("purecloudVoice", true),
    ("realtimeCIC", false),
    ("ucEnabled", true),
    ("unifiedCommunications", true),
    ("xmppFederation", false),
];

impl Organization {
    /// A new active organization with default settings.
    pub fn new(id: OrgId, name: String, third_party_org_name: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            name,
            third_party_org_name,
            domain: None,
            default_language: "en-us".into(),
            default_country_code: "US".into(),
            third_party_uri: None,
            support_uri: None,
            default_site_id: None,
            voicemail_enabled: None,
            state: OrgState::Active,
            version: 1,
            features: DEFAULT_FEATURES
                .iter()
                .map(|(k, v)| ((*k).to_owned(), *v))
                .collect(),
            product_platform: "GenesysCloud".into(),
            date_created: now,
        }
    }
}

/// A division: a partition of an organization's objects that grants can be scoped to.
#[derive(Debug, Clone, PartialEq)]
pub struct Division {
    /// Its id.
    pub id: DivisionId,
    /// Owning organization.
    pub org_id: OrgId,
    /// Unique name within the organization.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether it is the organization's home division (exactly one is).
    pub home: bool,
}

/// A role: a named set of permission patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Its id.
    pub id: RoleId,
    /// Owning organization.
    pub org_id: OrgId,
    /// Unique name within the organization.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Permission patterns (`domain:entity:action`, `*` segments allowed).
    pub permissions: Vec<String>,
    /// Whether this is the organization's default Admin role (granted to Customer Care).
    pub default_admin: bool,
}

/// A user's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserState {
    /// Can sign in.
    Active,
    /// Cannot sign in.
    Inactive,
    /// Deleted: kept for audit, refused everywhere.
    Deleted,
}

impl UserState {
    /// The wire and storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            UserState::Active => "active",
            UserState::Inactive => "inactive",
            UserState::Deleted => "deleted",
        }
    }

    /// Reads the storage spelling; anything unknown is inactive (fail closed).
    pub fn parse(s: &str) -> Self {
        match s {
            "active" => UserState::Active,
            "deleted" => UserState::Deleted,
            _ => UserState::Inactive,
        }
    }
}

/// A user of an organization.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Owning organization.
    pub org_id: OrgId,
    /// Display name.
    pub name: String,
    /// E-mail, unique within the organization; also the username.
    pub email: String,
    /// The division the user belongs to.
    pub division_id: DivisionId,
    /// Lifecycle state.
    pub state: UserState,
    /// Optimistic-concurrency version.
    pub version: i32,
    /// Job title.
    pub title: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// When it was created.
    pub date_created: DateTime<Utc>,
    /// When it was last modified.
    pub date_modified: DateTime<Utc>,
}

/// A group of users of one organization.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Its id.
    pub id: GroupId,
    /// Owning organization.
    pub org_id: OrgId,
    /// Unique name within the organization.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The division the group belongs to.
    pub division_id: DivisionId,
    /// `official` or `social`.
    pub kind: String,
    /// `public` or `members`.
    pub visibility: String,
    /// Whether membership rules are visible.
    pub rules_visible: bool,
    /// `active` or `deleted`.
    pub state: String,
    /// Optimistic-concurrency version.
    pub version: i32,
    /// Number of members.
    pub member_count: i64,
    /// When it was created.
    pub date_created: DateTime<Utc>,
}

/// An OAuth client (integration) of an organization.
#[derive(Debug, Clone, PartialEq)]
pub struct OAuthClient {
    /// Its id (any string, unique across the server).
    pub id: ClientId,
    /// Owning organization.
    pub org_id: OrgId,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Grant types it may use (`CLIENT-CREDENTIALS`, `PASSWORD`, ...).
    pub authorized_grant_types: Vec<String>,
    /// Authorized OAuth scopes (used when the organization enforces scopes).
    pub scope: Vec<String>,
    /// Registered redirect URIs (browser grants).
    pub registered_redirect_uris: Vec<String>,
    /// Token lifetime in seconds (the server default when `None`).
    pub access_token_validity_seconds: Option<i64>,
    /// `active` or `inactive`.
    pub state: String,
    /// When it was created.
    pub date_created: DateTime<Utc>,
}

/// Who holds a role grant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// A user of the organization.
    User(UserId),
    /// A group of the organization (its members hold the grant).
    Group(GroupId),
    /// An OAuth client (its client-credentials tokens hold the grant).
    Client(ClientId),
}

impl Subject {
    /// Storage spelling of the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::User(_) => "user",
            Subject::Group(_) => "group",
            Subject::Client(_) => "client",
        }
    }

    /// The subject's id as text.
    pub fn id(&self) -> &str {
        match self {
            Subject::User(id) => id.as_str(),
            Subject::Group(id) => id.as_str(),
            Subject::Client(id) => id.as_str(),
        }
    }

    /// Reads the storage form back.
    pub fn from_parts(kind: &str, id: &str) -> Option<Self> {
        match kind {
            "user" => Some(Subject::User(UserId::new(id))),
            "group" => Some(Subject::Group(GroupId::new(id))),
            "client" => Some(Subject::Client(ClientId::new(id))),
            _ => None,
        }
    }
}

/// A role granted to a subject of the same organization, in one or all divisions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Grant {
    /// The role.
    pub role_id: RoleId,
    /// Where it applies.
    pub division: DivisionGrant,
}

/// The kind of a trust member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemberKind {
    /// A user of the trustee organization.
    User,
    /// A group of the trustee organization (its members, evaluated live, hold the grants).
    Group,
    /// Every user of the trustee organization (Customer Care trusts with `assignDefaultRole`).
    Organization,
}

impl MemberKind {
    /// The storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MemberKind::User => "user",
            MemberKind::Group => "group",
            MemberKind::Organization => "organization",
        }
    }

    /// Reads the storage spelling (anything unknown is a user, which matches no group or org).
    pub fn parse(s: &str) -> Self {
        match s {
            "group" => MemberKind::Group,
            "organization" => MemberKind::Organization,
            _ => MemberKind::User,
        }
    }
}
