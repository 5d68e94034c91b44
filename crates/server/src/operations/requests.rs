//! What request bodies must hold beyond their wire type's shape: the required fields, enums,
//! lengths and ranges the services enforce (`Ty::BodyRefined`). The wire types make every field
//! optional (they are shared with responses, and serde takes `null` as absent); these fragments
//! say, per operation, what the server refuses with a 400, so that a client (or Schemathesis)
//! that follows the document is not refused. Each function names the code it mirrors.
//!
//! Every property constrained here also names its `type`: the wire types mark `Option` fields
//! `x-nullable`, and `null` for a required field is refused like its absence; an optional field
//! admits `null` ([`nullable`]), since `null` there means "absent" and is accepted.

use serde_json::{json, Value};

/// The characters Rust's `str::trim` removes (`char::is_whitespace`), as a regex class body.
const BLANK: &str = r"\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// A required, trimmed, non-empty text of at most `max` characters
/// (`core::directory::required` + `check_length`, `organizations::non_empty`).
fn text(max: usize) -> Value {
    json!({"type": "string", "minLength": 1, "maxLength": max, "pattern": format!("[^{BLANK}]")})
}

/// A directory name (`core::directory::MAX_NAME`).
fn name() -> Value {
    text(255)
}

/// `schema` for an optional field: `null` is taken as absent (serde), so it is allowed. The
/// `type` is left to the model (whose `x-nullable` admits `null`; Schemathesis does not apply
/// `x-nullable` inside `allOf`), and `null` joins an `enum`; the other keywords constrain only
/// values of their own type.
fn nullable(mut schema: Value) -> Value {
    if let Value::Object(map) = &mut schema {
        map.remove("type");
        if let Some(Value::Array(values)) = map.get_mut("enum") {
            values.push(Value::Null);
        }
    }
    schema
}

/// An integer within bounds.
fn int(minimum: i64, maximum: i64) -> Value {
    json!({"type": "integer", "minimum": minimum, "maximum": maximum})
}

/// `POST/PUT /api/v2/authorization/roles[/{roleId}]` (`core::directory::roles`,
/// `routes::authorization::requested_permissions`): `name` required; each permission a known one
/// (or a pattern reaching one: the document lists the exact names and `*`).
pub fn role() -> Value {
    let mut permissions: Vec<&str> = orgtrust_core::catalogue::names().collect();
    permissions.push("*");
    json!({
        "required": ["name"],
        "properties": {
            "name": name(),
            "permissions": nullable(
                json!({"type": "array", "items": {"type": "string", "enum": permissions}})
            ),
            // Each policy adds `domain:entityName:action` per action, which must be a known
            // permission too: a correlation JSON Schema cannot state, so the document promises
            // only policies without actions (use `permissions`).
            "permissionPolicies": nullable(json!({
                "type": "array",
                "items": {"properties": {"actionSet": nullable(json!({"type": "array", "maxItems": 0}))}}
            })),
        }
    })
}

/// `PATCH /api/v2/authorization/roles/{roleId}`: the same, with every field optional.
pub fn role_patch() -> Value {
    let mut schema = role();
    if let Value::Object(map) = &mut schema {
        map.remove("required");
        map["properties"]["name"] = nullable(name());
    }
    schema
}

/// `POST/PUT /api/v2/authorization/divisions[/{divisionId}]` (`core::directory::divisions`).
pub fn division() -> Value {
    json!({"required": ["name"], "properties": {"name": name()}})
}

/// `POST /api/v2/groups` (`core::directory::groups::create_group`).
pub fn group_create() -> Value {
    json!({"required": ["name"], "properties": {"name": name()}})
}

/// `PATCH /api/v2/users/{userId}` (`core::directory::users::update_user`): `version` required; a
/// name given must not be blank.
pub fn user_update() -> Value {
    json!({
        "required": ["version"],
        "properties": {"version": {"type": "integer", "format": "int32"}, "name": nullable(name())}
    })
}

/// `PUT /api/v2/groups/{groupId}` (`core::directory::groups::update_group`): the same rule.
pub fn group_update() -> Value {
    user_update()
}

/// `POST /api/v2/groups/{groupId}/members` (`core::directory::groups::add_group_members`):
/// `memberIds` (at least one id, each of an existing user) and `version` required.
pub fn group_members() -> Value {
    json!({
        "required": ["memberIds", "version"],
        "properties": {
            "memberIds": {"type": "array", "minItems": 1, "items": text(255)},
            "version": {"type": "integer", "format": "int32"},
        }
    })
}

/// The internal `POST /api/v2/organizations` (`core::organizations::create_organization`): the
/// reference's required fields; a short name of letters, digits, `-` and `_`; an administrator
/// named by an e-mail address.
pub fn organization_create() -> Value {
    json!({
        "required": ["name", "adminUsername", "adminPassword", "domain", "thirdPartyOrgName"],
        "properties": {
            "name": text(200),
            "domain": text(200),
            "thirdPartyOrgName": {
                "type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[A-Za-z0-9_-]+$"
            },
            "adminUsername": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "@"},
            "adminPassword": {"type": "string"},
        }
    })
}

/// `POST /api/v2/users` (`core::directory::users::create_user`): `name` and `email` required;
/// an e-mail address has no blank and one `@` between non-empty parts; a user is not created
/// `deleted`.
pub fn user_create() -> Value {
    json!({
        "required": ["name", "email"],
        "properties": {
            "name": name(),
            "email": {
                "type": "string",
                "maxLength": 255,
                "pattern": format!("^[^@{BLANK}]+@[^@{BLANK}]+$"),
            },
            "state": nullable(json!({"type": "string", "enum": ["active", "inactive"]})),
        }
    })
}

/// `POST /api/v2/users/{userId}/password` (`core::directory::users::change_password`).
pub fn password_change() -> Value {
    json!({"required": ["newPassword"], "properties": {"newPassword": {"type": "string"}}})
}

/// `POST/PUT /api/v2/oauth/clients[/{clientId}]` (`core::directory::clients`): `name` and
/// `authorizedGrantType` required, the grant type, state and token lifetime within their sets.
pub fn oauth_client() -> Value {
    use orgtrust_core::directory::{GRANT_TYPES, STATES, VALIDITY_SECONDS};
    json!({
        "required": ["name", "authorizedGrantType"],
        "properties": {
            "name": name(),
            "authorizedGrantType": {"type": "string", "enum": GRANT_TYPES},
            "state": nullable(json!({"type": "string", "enum": STATES})),
            "accessTokenValiditySeconds":
                nullable(int(*VALIDITY_SECONDS.start(), *VALIDITY_SECONDS.end())),
        }
    })
}

/// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}` (`core::orgauth::trusts::update_trust`):
/// `enabled` required (the reference's `TrustUpdate` says so too).
pub fn trust_update() -> Value {
    json!({"required": ["enabled"], "properties": {"enabled": {"type": "boolean"}}})
}

/// `POST /api/v2/orgauthorization/trustees` (`core::orgauth::trusts::create_trust`): `pairingId`
/// and `enabled` required.
pub fn trust_create() -> Value {
    json!({
        "required": ["pairingId", "enabled"],
        "properties": {"pairingId": text(255), "enabled": {"type": "boolean"}}
    })
}

/// `POST /api/v2/orgauthorization/trustees/audits` (`core::audit_search::trustee_audits`): at
/// least one trustee organization, and the user list (empty: every user).
pub fn trustee_audits() -> Value {
    use orgtrust_core::audit_search::{MAX_ORGS, MAX_USERS};
    json!({
        "required": ["trusteeOrganizationIds", "trusteeUserIds"],
        "properties": {
            "trusteeOrganizationIds": {
                "type": "array", "minItems": 1, "maxItems": MAX_ORGS, "items": text(255)
            },
            "trusteeUserIds": {"type": "array", "maxItems": MAX_USERS, "items": {"type": "string"}},
        }
    })
}

/// `POST /api/v2/orgauthorization/trustor/audits` (`core::audit_search::trustor_audits`).
pub fn trustor_audits() -> Value {
    use orgtrust_core::audit_search::MAX_USERS;
    json!({
        "required": ["trustorOrganizationId", "trusteeUserIds"],
        "properties": {
            "trustorOrganizationId": text(255),
            "trusteeUserIds": {"type": "array", "maxItems": MAX_USERS, "items": {"type": "string"}},
        }
    })
}

/// `PUT /api/v2/organizations/me` (`core::organizations::update_organization_me`): `version`
/// required (the reference's `Organization` says so too); name, language and country not blank.
pub fn organization_update() -> Value {
    json!({
        "required": ["version"],
        "properties": {
            "version": {"type": "integer", "format": "int32"},
            "name": nullable(text(200)),
            "defaultLanguage": nullable(text(200)),
            "defaultCountryCode": nullable(text(200)),
        }
    })
}

/// `PATCH /api/v2/organizations/features/{featureName}` and
/// `PATCH /api/v2/organizations/migrations/{migrationName}`: `enabled` required.
pub fn enabled() -> Value {
    json!({"required": ["enabled"], "properties": {"enabled": {"type": "boolean"}}})
}

/// `PUT /api/v2/organizations/embeddedintegration` (`core::org_settings`): each domain non-empty
/// and without blanks.
pub fn embedded_integration() -> Value {
    json!({
        "properties": {
            "domainWhitelist": nullable(json!({
                "type": "array",
                "items": {"type": "string", "pattern": format!("^[^{BLANK}]+$")}
            }))
        }
    })
}

/// `PUT /api/v2/organizations/passwordrequirements` (`core::org_settings`,
/// `PasswordRequirementsPatch::apply`): each minimum within its bounds.
pub fn password_requirements() -> Value {
    let max = orgtrust_core::password::MAX_LENGTH as i64;
    let class = orgtrust_core::org_settings::MAX_CLASS_MINIMUM;
    json!({
        "properties": {
            "minimumLength": nullable(int(8, max)),
            "minimumDigits": nullable(int(1, class)),
            "minimumLetters": nullable(int(0, max)),
            "minimumUpper": nullable(int(1, class)),
            "minimumLower": nullable(int(1, class)),
            "minimumSpecials": nullable(int(1, class)),
            "minimumAgeSeconds": nullable(int(0, i64::from(i32::MAX))),
            "expirationDays": nullable(int(0, 3650)),
        }
    })
}

/// `POST /api/v2/organizations/limits/changerequests` (`core::limits`): the fields the
/// reference's `LimitChangeRequest` requires.
pub fn limit_change_request() -> Value {
    json!({
        "required": ["key", "namespace", "requestedValue", "description", "supportCaseUrl"],
        "properties": {
            "key": {"type": "string"},
            "namespace": {"type": "string"},
            "requestedValue": int(1, 1_000_000_000_000),
            "description": {"type": "string"},
            "supportCaseUrl": {"type": "string"},
        }
    })
}

/// The migrations `PATCH /api/v2/organizations/migrations/{migrationName}` may switch (the others
/// answer 400: not configurable); kept equal to `core::migrations::MIGRATIONS` by a test.
pub const CONFIGURABLE_MIGRATIONS: &[&str] = &["divisionAwareTrustees", "oauthScopeEnforcement"];

#[cfg(test)]
mod tests {
    #[test]
    fn configurable_migrations_are_the_cores() {
        let core: Vec<&str> = orgtrust_core::migrations::MIGRATIONS
            .iter()
            .filter(|m| m.configurable)
            .map(|m| m.name)
            .collect();
        assert_eq!(core, super::CONFIGURABLE_MIGRATIONS);
    }
}
