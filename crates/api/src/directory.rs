//! Directory, authorization and OAuth models outside the org-auth extract (users, groups, roles,
//! divisions, grants, permissions, OAuth clients, token info), shaped after the Python SDK 269.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::orgauth::{DomainEntityRef, RoleDivisionPair};

// ---------------------------------------------------------------------------------------------
// Small shared references
// ---------------------------------------------------------------------------------------------

/// `state` of users, groups and other directory entities.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum EntityState {
    /// `active`
    #[default]
    #[serde(rename = "active")]
    Active,
    /// `inactive`
    #[serde(rename = "inactive")]
    Inactive,
    /// `deleted`
    #[serde(rename = "deleted")]
    Deleted,
}

impl EntityState {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Deleted => "deleted",
        }
    }
}

/// `User.state` (active, inactive, deleted).
pub type UserState = EntityState;
/// `Group.state` (active, inactive, deleted).
pub type GroupState = EntityState;

/// A reference with id and name (`NamedEntity`, e.g. `TokenInfo.organization`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NamedEntity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A reference with only an id (`Entity`, e.g. `TokenInfoClonedUser.organization`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The division an entity belongs to (read side).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Division {
    /// The globally unique identifier for the object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The URI for this object (`/api/v2/authorization/divisions/{id}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// The division an entity belongs to (write side: `id` is writable).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WritableDivision {
    /// The globally unique identifier for the object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The URI for this object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// User
// ---------------------------------------------------------------------------------------------

/// A user's chat (XMPP) identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Chat {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jabber_id: Option<String>,
}

/// An email address or phone number of a user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// Email address or phone number for this contact type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Formatted version of the address property (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// `PHONE`, `EMAIL` or `SMS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// `PRIMARY`, `WORK`, `WORK2`..`WORK4`, `HOME`, `MOBILE`, `MAIN` or `OTHER`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Internal extension instead of address (mutually exclusive with `address`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Integration tag value if this number is associated with an external integration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration: Option<String>,
}

/// An image (user or group picture) at one resolution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// Height and/or width of image. ex: 640x480 or x128.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_uri: Option<String>,
}

/// A user's biography.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Biography {
    /// Personal detailed description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biography: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interests: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hobbies: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spouse: Option<String>,
    /// User education details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Vec<Education>>,
}

/// One education entry of a [`Biography`] (dates are `yyyy-MM-dd`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Education {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_study: Option<String>,
    /// Notes about education (2000 character limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<NaiveDate>,
}

/// A user's employment details.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmployerInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_type: Option<String>,
    /// Hire date (a free string in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_hire: Option<String>,
}

/// When the user's last OAuth token was issued.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OAuthLastTokenIssued {
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_issued: Option<DateTime<Utc>>,
}

/// Defines a struct with the ~40 properties shared by `User`, `OrgUser` and `TrustUser`,
/// followed by the extra fields given.
macro_rules! user_like {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($extra:tt)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// The globally unique identifier for the object (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            /// The division to which this entity belongs.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub division: Option<$crate::directory::Division>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub chat: Option<$crate::directory::Chat>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub department: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            /// Auto populated from addresses (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub primary_contact_info: Option<Vec<$crate::directory::Contact>>,
            /// Email addresses and phone numbers for this user.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub addresses: Option<Vec<$crate::directory::Contact>>,
            /// The current state for this user (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub state: Option<$crate::directory::UserState>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub title: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub username: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub manager: Option<Box<$crate::directory::User>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub images: Option<Vec<$crate::directory::Image>>,
            /// Current version of the user; required when updating.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub version: Option<i32>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub certifications: Option<Vec<String>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub biography: Option<$crate::directory::Biography>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub employer_info: Option<$crate::directory::EmployerInfo>,
            /// Preferred full name of the agent.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub preferred_name: Option<String>,
            /// ACD routing status (`RoutingStatus`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub routing_status: Option<::serde_json::Value>,
            /// Active presence (`UserPresence`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub presence: Option<::serde_json::Value>,
            /// Integration presence (`UserPresence`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub integration_presence: Option<::serde_json::Value>,
            /// Conversation statistics (`UserConversationSummary`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub conversation_summary: Option<::serde_json::Value>,
            /// Out-of-office state (`OutOfOffice`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub out_of_office: Option<::serde_json::Value>,
            /// Current geolocation (`Geolocation`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub geolocation: Option<::serde_json::Value>,
            /// Station information (`UserStations`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub station: Option<::serde_json::Value>,
            /// Roles and permissions assigned to the user (read-only, `?expand=authorization`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub authorization: Option<$crate::orgauth::UserAuthorization>,
            /// Profile skills possessed by the user (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub profile_skills: Option<Vec<String>>,
            /// The user placement at each site location (`Location`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub locations: Option<Vec<::serde_json::Value>>,
            /// The groups the user is a member of (read-only, `?expand=groups`).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub groups: Option<Vec<$crate::directory::Group>>,
            /// The team the user is a member of (`Team`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub team: Option<::serde_json::Value>,
            /// WFM work plan bid rank settings (`WorkPlanBidRanks`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub work_plan_bid_ranks: Option<::serde_json::Value>,
            /// Routing skills (`UserRoutingSkill`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub skills: Option<Vec<::serde_json::Value>>,
            /// Routing languages (`UserRoutingLanguage`, kept free-form; read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub languages: Option<Vec<::serde_json::Value>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub acd_auto_answer: Option<bool>,
            /// Preferred language of the user (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub language_preference: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub last_token_issued: Option<$crate::directory::OAuthLastTokenIssued>,
            /// The last time the user logged in using username and password (read-only).
            #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "crate::datetime::utc_opt"
            )]
            pub date_last_login: Option<::chrono::DateTime<::chrono::Utc>>,
            /// When the user was sent their welcome email (read-only).
            #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "crate::datetime::utc_opt"
            )]
            pub date_welcome_sent: Option<::chrono::DateTime<::chrono::Utc>>,
            $($extra)*
        }
    };
}
pub(crate) use user_like;

user_like! {
    /// A directory user (`GET /api/v2/users/{id}`, `GET /api/v2/users`).
    pub struct User {
        /// The URI for this object (read-only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_uri: Option<String>,
    }
}

/// Body of `POST /api/v2/users`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateUser {
    /// User's full name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// User's email and username (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Email addresses and phone numbers for this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Contact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// User's password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The division to which this user will belong (home division when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_id: Option<String>,
    /// Optional initialized state of the user (active when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
}

/// Body of `PATCH /api/v2/users/{userId}` (sparse: only set fields are changed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UpdateUser {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<Chat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Auto populated from addresses (ignored on write).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_contact_info: Option<Vec<Contact>>,
    /// Email addresses and phone numbers for this user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<Contact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_name: Option<String>,
    /// Id of the user's manager (a plain id here, unlike `User.manager`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// The current version of the user (required; a mismatch is a 409 `general.conflict`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_skills: Option<Vec<String>>,
    /// Locations (`Location`, kept free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<serde_json::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Group>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acd_auto_answer: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certifications: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biography: Option<Biography>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_info: Option<EmployerInfo>,
    /// orgtrust extension (not in the SDK's `UpdateUser`): move the user to this division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<WritableDivision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// Body of `POST /api/v2/users/{userId}/password`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordRequest {
    /// The new password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

/// `Group.type`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum GroupType {
    /// `official`
    #[default]
    #[serde(rename = "official")]
    Official,
    /// `social`
    #[serde(rename = "social")]
    Social,
}

/// `Group.visibility`: who can view the group.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum GroupVisibility {
    /// `public`
    #[default]
    #[serde(rename = "public")]
    Public,
    /// `owners` (the SDK's `GroupUpdate` misspells it `ownerIds`, accepted as an alias).
    #[serde(rename = "owners", alias = "ownerIds")]
    Owners,
    /// `members`
    #[serde(rename = "members")]
    Members,
}

/// A group phone number.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupContact {
    /// Phone number for this contact type (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Extension is set if the number is e164 valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Formatted version of the address property (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// `GROUPRING` or `GROUPPHONE` (required).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// `PHONE` (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// Defines a struct with the properties shared by `Group`, `GroupCreate` and `TrustGroup`,
/// followed by the extra fields given.
macro_rules! group_like {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($extra:tt)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            /// The globally unique identifier for the object (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<String>,
            /// The group name (required).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub description: Option<String>,
            /// Last modified date/time (read-only).
            #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "crate::datetime::utc_opt"
            )]
            pub date_modified: Option<::chrono::DateTime<::chrono::Utc>>,
            /// Number of members (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub member_count: Option<i64>,
            /// Active, inactive, or deleted state (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub state: Option<$crate::directory::GroupState>,
            /// Current version for this resource (read-only).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub version: Option<i32>,
            /// Type of group (required).
            #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
            pub r#type: Option<$crate::directory::GroupType>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub images: Option<Vec<$crate::directory::Image>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub addresses: Option<Vec<$crate::directory::GroupContact>>,
            /// Are membership rules visible to the person requesting to view the group (required).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub rules_visible: Option<bool>,
            /// Who can view this group (required).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub visibility: Option<$crate::directory::GroupVisibility>,
            /// Allow roles to be assigned to this group.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub roles_enabled: Option<bool>,
            /// Allow owners to be included as members of the group.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub include_owners: Option<bool>,
            /// Allow calls to be placed to this group.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub calls_enabled: Option<bool>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub email: Option<String>,
            $($extra)*
        }
    };
}
pub(crate) use group_like;

group_like! {
    /// A directory group (`GET /api/v2/groups/{id}`, `GET /api/v2/groups`).
    pub struct Group {
        /// Owners of the group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owners: Option<Vec<User>>,
        /// The URI for this object (read-only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_uri: Option<String>,
    }
}

group_like! {
    /// Body of `POST /api/v2/groups`.
    pub struct GroupCreate {
        /// Ids of the group's owners.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_uri: Option<String>,
    }
}

/// Body of `PUT /api/v2/groups/{groupId}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<GroupState>,
    /// Current version for this resource (required; a mismatch is a 409 `general.conflict`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<Vec<GroupContact>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_visible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<GroupVisibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_owners: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calls_enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Ids of the group's owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// Body of `POST /api/v2/groups/{groupId}/members`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct GroupMembersUpdate {
    /// A list of the ids of the members to add (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_ids: Option<Vec<String>>,
    /// The current group version (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

// ---------------------------------------------------------------------------------------------
// Roles, permissions, divisions, grants
// ---------------------------------------------------------------------------------------------

/// An organization role (`GET /api/v2/authorization/roles/{roleId}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainOrganizationRole {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Id of the default role this role was created from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_role_id: Option<String>,
    /// Permissions of the role (`domain:entity:action`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// Permissions the organization is not licensed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unused_permissions: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_policies: Option<Vec<DomainPermissionPolicy>>,
    /// Number of users holding the role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_needs_update: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_license: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addon_licenses: Option<Vec<String>>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_license_last_updated: Option<DateTime<Utc>>,
    /// Whether this is a default (built-in) role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// Body of `POST /api/v2/authorization/roles` (the SDK's `DomainOrganizationRoleCreate` has
/// exactly the properties of [`DomainOrganizationRole`]).
pub type DomainOrganizationRoleCreate = DomainOrganizationRole;

/// Body of `PUT /api/v2/authorization/roles/{roleId}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainOrganizationRoleUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_policies: Option<Vec<DomainPermissionPolicy>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// A permission policy of a role (`domain:entityName:actionSet`, optionally conditional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainPermissionPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_description: Option<String>,
    /// Actions granted (`*` for all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_set: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named_resources: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_conditions: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_condition_node: Option<DomainResourceConditionNode>,
}

/// A condition tree node of a [`DomainPermissionPolicy`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainResourceConditionNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable_name: Option<String>,
    /// `EQ`, `IN`, `GE`, `GT`, `LE` or `LT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operands: Option<Vec<DomainResourceConditionValue>>,
    /// `AND` or `OR`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conjunction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<DomainResourceConditionNode>>,
}

/// An operand of a [`DomainResourceConditionNode`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainResourceConditionValue {
    /// A full user reference (kept free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<serde_json::Value>,
    /// A full queue reference (kept free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<serde_json::Value>,
    /// A full team reference (kept free-form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `SCALAR`, `VARIABLE`, `USER`, `TEAM` or `QUEUE`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// A permission domain with its entity/action permissions (`GET /api/v2/authorization/permissions`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainPermissionCollection {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Entity type → its permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permission_map: Option<BTreeMap<String, Vec<DomainPermission>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// One permission (`domain:entityType:action`) with its display label.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DomainPermission {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_conditions: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division_aware: Option<bool>,
}

/// A division (`/api/v2/authorization/divisions`; also the body of `POST`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthzDivision {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The division name (required on create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether this is the organization's home division (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_division: Option<bool>,
    /// Object type → number of objects in the division (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_counts: Option<BTreeMap<String, i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// The grants of a subject (user, group or OAuth client):
/// `GET /api/v2/authorization/subjects/{subjectId}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthzSubject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<AuthzGrant>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// One role granted in one division.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthzGrant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<AuthzDivision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AuthzGrantRole>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub grant_made_at: Option<DateTime<Utc>>,
}

/// The role of an [`AuthzGrant`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthzGrantRole {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<AuthzGrantPolicy>>,
    /// Whether this is a default (built-in) role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// A permission policy of an [`AuthzGrantRole`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuthzGrantPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
}

/// A role/division pair (`{roleId, divisionId}`), as in the
/// `/api/v2/authorization/subjects/{id}/bulkadd|bulkremove|bulkreplace` bodies
/// ([`crate::RoleDivisionGrants`]) and `OAuthClient.roleDivisions`. The SDK's `RoleDivision` and
/// `RoleDivisionPair` have the same shape, so this is one type.
pub type RoleDivision = RoleDivisionPair;

// ---------------------------------------------------------------------------------------------
// OAuth clients and token info
// ---------------------------------------------------------------------------------------------

/// `OAuthClient.authorizedGrantType`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum GrantType {
    /// `CODE` (authorization code)
    #[serde(rename = "CODE")]
    Code,
    /// `TOKEN` (implicit)
    #[serde(rename = "TOKEN")]
    Token,
    /// `SAML2-BEARER`
    #[serde(rename = "SAML2-BEARER")]
    Saml2Bearer,
    /// `PASSWORD`
    #[serde(rename = "PASSWORD")]
    Password,
    /// `CLIENT-CREDENTIALS`
    #[default]
    #[serde(rename = "CLIENT-CREDENTIALS")]
    ClientCredentials,
}

/// `OAuthClient.state`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub enum OAuthClientState {
    /// `active`
    #[default]
    #[serde(rename = "active")]
    Active,
    /// `disabled`
    #[serde(rename = "disabled")]
    Disabled,
    /// `inactive`
    #[serde(rename = "inactive")]
    Inactive,
}

/// An OAuth client (`GET /api/v2/oauth/clients/{clientId}`); `secret` is only returned on
/// create and on secret regeneration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClient {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name of the OAuth client (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Token lifetime in seconds (300..=172800).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_validity_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_redirect_uri: Option<Vec<String>>,
    /// The client secret (only on create / secret regeneration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// Deprecated: roles granted in the home division; use `roleDivisions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<String>>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_modified: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<DomainEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<DomainEntityRef>,
    /// The OAuth grant of the client (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_grant_type: Option<GrantType>,
    /// Scopes requested by the client (empty = all of the roles' permissions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    /// Role/division pairs granted to a client-credentials client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_divisions: Option<Vec<RoleDivision>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<OAuthClientState>,
    /// When an inactive client will be deleted.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_to_delete: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
}

/// Body of `POST /api/v2/oauth/clients` and `PUT /api/v2/oauth/clients/{clientId}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClientRequest {
    /// The name of the OAuth client (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Token lifetime in seconds (300..=172800).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_validity_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_redirect_uri: Option<Vec<String>>,
    /// Deprecated: roles granted in the home division; use `roleDivisions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_ids: Option<Vec<String>>,
    /// The OAuth grant of the client (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_grant_type: Option<GrantType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_divisions: Option<Vec<RoleDivision>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<OAuthClientState>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_to_delete: Option<DateTime<Utc>>,
}

/// The OAuth client of a token, with its home organization (`TokenInfo.OAuthClient`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrgOAuthClient {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_created: Option<DateTime<Utc>>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_modified: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<DomainEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<DomainEntityRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_grant_type: Option<GrantType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_divisions: Option<Vec<RoleDivision>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<OAuthClientState>,
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_to_delete: Option<DateTime<Utc>>,
    /// The organization that owns the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<NamedEntity>,
}

/// `GET /api/v2/tokens/me`: what the calling token is.
///
/// For a trustee user acting in a trustor organization, `organization` is the trustor and
/// `homeOrganization` the trustee.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    /// The organization the token acts in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<NamedEntity>,
    /// The organization of the token's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_organization: Option<NamedEntity>,
    /// Scopes of the token (empty when scopes are not enforced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorized_scope: Option<Vec<String>>,
    /// The cloned user the token acts as, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloned_user: Option<TokenInfoClonedUser>,
    /// When the token will idle out.
    #[schemars(with = "Option<::chrono::DateTime<::chrono::Utc>>")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::datetime::utc_opt"
    )]
    pub date_token_idles: Option<DateTime<Utc>>,
    /// The OAuth client that obtained the token (JSON name `OAuthClient`, capitalised).
    #[serde(
        default,
        rename = "OAuthClient",
        skip_serializing_if = "Option::is_none"
    )]
    pub oauth_client: Option<OrgOAuthClient>,
}

/// `TokenInfo.clonedUser`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfoClonedUser {
    /// The id of the cloned user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The organization of the original user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Entity>,
}
