//! Round-trip tests of the bodies in `shared/reference/wire-examples.md` (ellipses replaced by
//! realistic values): deserialize, re-serialize, compare as `serde_json::Value`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use crate::*;

/// Deserializes `body` as `T`, serializes it back and asserts the JSON is unchanged.
fn round_trip<T: Serialize + DeserializeOwned + std::fmt::Debug>(body: Value) -> T {
    let parsed: T = serde_json::from_value(body.clone())
        .unwrap_or_else(|e| panic!("deserialize {}: {e}", std::any::type_name::<T>()));
    let back = serde_json::to_value(&parsed).expect("serialize");
    assert_eq!(back, body, "round trip of {}", std::any::type_name::<T>());
    parsed
}

#[test]
fn token_response() {
    let t: TokenResponse = round_trip(
        json!({ "access_token": "c2NvcGUuLi4", "token_type": "bearer", "expires_in": 86400 }),
    );
    assert_eq!(t, TokenResponse::bearer("c2NvcGUuLi4", 86400));
}

#[test]
fn oauth_error() {
    let e: OAuthError = round_trip(
        json!({ "error": "invalid_client", "error_description": "client authentication failed" }),
    );
    assert_eq!(e.description, None);
    assert_eq!(
        serde_json::to_value(OAuthError::new(
            oauth_errors::INVALID_CLIENT,
            "client authentication failed"
        ))
        .expect("serialize"),
        json!({
            "error": "invalid_client",
            "error_description": "client authentication failed",
            "description": "client authentication failed"
        })
    );
}

#[test]
fn token_info() {
    let info: TokenInfo = round_trip(json!({
      "organization": { "id": "a0000000-0000-4000-8000-000000000001", "name": "Acme Corp" },
      "homeOrganization": { "id": "b0000000-0000-4000-8000-000000000001", "name": "Partner Co" },
      "OAuthClient": { "id": "partner-admin", "name": "Partner admin integration",
                       "organization": { "id": "b0000000-0000-4000-8000-000000000001", "name": "Partner Co" } },
      "authorizedScope": []
    }));
    let client = info.oauth_client.expect("OAuthClient");
    assert_eq!(client.id.as_deref(), Some("partner-admin"));
    assert_eq!(info.authorized_scope, Some(vec![]));
}

#[test]
fn token_info_cloned_user() {
    round_trip::<TokenInfo>(json!({
      "organization": { "id": "a0000000-0000-4000-8000-000000000001", "name": "Acme Corp" },
      "homeOrganization": { "id": "b0000000-0000-4000-8000-000000000001", "name": "Partner Co" },
      "clonedUser": { "id": "9b2d7c1e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
                      "organization": { "id": "b0000000-0000-4000-8000-000000000001" } },
      "dateTokenIdles": "2026-11-22T18:00:00.000Z",
      "authorizedScope": ["authorization"]
    }));
}

#[test]
fn error_body_403() {
    let e: ErrorBody = round_trip(json!({
      "message": "Unable to perform the requested action. You must have at least one of the following permissions assigned: [authorization:orgTrustee:view]",
      "code": "missing.any.permissions",
      "status": 403,
      "messageWithParams": "Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}",
      "messageParams": { "permissions": "[authorization:orgTrustee:view]" },
      "contextId": "4f5d3c2e-0f1a-4b7e-9c7d-2b1f6e3a9d10",
      "details": [],
      "errors": []
    }));
    assert_eq!(e.code.as_deref(), Some(codes::MISSING_ANY_PERMISSIONS));
    assert_eq!(e.status, Some(403));
}

#[test]
fn error_body_404_400_429() {
    let not_found = json!({"message": "The requested resource was not found.", "code": "not.found",
        "status": 404, "contextId": "4f5d3c2e-0f1a-4b7e-9c7d-2b1f6e3a9d10", "details": [], "errors": []});
    round_trip::<ErrorBody>(not_found.clone());
    let built = ErrorBody::new(
        404,
        codes::NOT_FOUND,
        "The requested resource was not found.",
    )
    .with_context_id("4f5d3c2e-0f1a-4b7e-9c7d-2b1f6e3a9d10");
    assert_eq!(serde_json::to_value(&built).expect("serialize"), not_found);

    round_trip::<ErrorBody>(json!({
        "message": "Value [x] is not valid for field type [roleIds[0]]. Allowable values are: role ids",
        "code": "invalid.value", "status": 400,
        "messageParams": {"field": "roleIds[0]", "value": "x"},
        "contextId": "4f5d3c2e-0f1a-4b7e-9c7d-2b1f6e3a9d10",
        "details": [{"errorCode": "invalid.value", "fieldName": "roleIds[0]"}], "errors": []
    }));
    let e: ErrorBody = round_trip(json!({
        "message": "Rate limit exceeded the maximum. Retry the request in [17] seconds",
        "code": "too.many.requests.retry.after", "status": 429,
        "contextId": "4f5d3c2e-0f1a-4b7e-9c7d-2b1f6e3a9d10", "details": [], "errors": [],
        "limit": {"key": "client.credentials.token.rate.per.minute", "namespace": "platform.api", "value": 300}
    }));
    assert_eq!(e.limit.and_then(|l| l.value), Some(300));
}

#[test]
fn error_body_always_has_details_and_errors() {
    let v = serde_json::to_value(ErrorBody::default()).expect("serialize");
    assert_eq!(v, json!({"details": [], "errors": []}));
    let parsed: ErrorBody = serde_json::from_value(json!({"code": "x"})).expect("parse");
    assert!(parsed.details.is_empty() && parsed.errors.is_empty());
}

fn trustee_json() -> Value {
    json!({
      "id": "b0000000-0000-4000-8000-000000000001",
      "enabled": true,
      "usesDefaultRole": false,
      "hasFullAccess": false,
      "isTrustedUser": false,
      "dateCreated": "2026-11-22T10:00:00.000Z",
      "dateExpired": "2026-12-22T10:00:00.000Z",
      "createdBy": { "id": "a0000000-0000-4000-8000-000000000031", "name": "Ann Admin", "selfUri": "/api/v2/users/a0000000-0000-4000-8000-000000000031" },
      "organization": { "id": "b0000000-0000-4000-8000-000000000001", "name": "Partner Co", "thirdPartyOrgName": "partner", "state": "active", "version": 1, "selfUri": "/api/v2/organizations/me" },
      "selfUri": "/api/v2/orgauthorization/trustees/b0000000-0000-4000-8000-000000000001"
    })
}

#[test]
fn trustee() {
    let t: Trustee = round_trip(trustee_json());
    assert_eq!(t.enabled, Some(true));
    assert_eq!(
        t.date_expired.map(|d| format_datetime(&d)).as_deref(),
        Some("2026-12-22T10:00:00.000Z")
    );
    let org = t.organization.expect("organization");
    assert_eq!(org.state, Some(OrganizationState::Active));
}

#[test]
fn trustor() {
    let t: Trustor = round_trip(json!({
      "id": "a0000000-0000-4000-8000-000000000001",
      "enabled": true,
      "dateCreated": "2026-11-22T10:00:00.000Z",
      "createdBy": { "id": "a0000000-0000-4000-8000-000000000031", "name": "Ann Admin" },
      "organization": { "id": "a0000000-0000-4000-8000-000000000001", "name": "Acme Corp" },
      "authorization": { "permissions": ["directory:user:view", "directory:group:view"] },
      "selfUri": "/api/v2/orgauthorization/trustors/a0000000-0000-4000-8000-000000000001"
    }));
    assert_eq!(
        t.authorization.and_then(|a| a.permissions).map(|p| p.len()),
        Some(2)
    );
}

#[test]
fn trust_request() {
    let r: TrustRequest = round_trip(json!({
      "id": "6c1e0a4e-6f0e-4c37-9c2a-3f8f3a1d2b77",
      "createdBy": { "id": "partner-admin", "name": "Partner admin integration" },
      "dateCreated": "2026-11-22T09:00:00.000Z",
      "trustee": { "id": "b0000000-0000-4000-8000-000000000001", "name": "Partner Co" },
      "users": [ { "id": "b0000000-0000-4000-8000-000000000031", "name": "Pat Partner", "email": "pat@partner.example", "state": "active", "version": 1 } ],
      "groups": [ { "id": "b0000000-0000-4000-8000-000000000041", "name": "Partner Support", "type": "official", "visibility": "public", "rulesVisible": true, "memberCount": 1, "state": "active", "version": 1 } ],
      "selfUri": "/api/v2/orgauthorization/pairings/6c1e0a4e-6f0e-4c37-9c2a-3f8f3a1d2b77"
    }));
    let group = &r.groups.expect("groups")[0];
    assert_eq!(group.r#type, Some(GroupType::Official));
    assert_eq!(group.visibility, Some(GroupVisibility::Public));
}

#[test]
fn trust_request_create_and_trust_create() {
    round_trip::<TrustRequestCreate>(json!({
        "userIds": ["b0000000-0000-4000-8000-000000000031"],
        "groupIds": ["b0000000-0000-4000-8000-000000000041"]
    }));
    let c: TrustCreate = round_trip(json!({
        "pairingId": "6c1e0a4e-6f0e-4c37-9c2a-3f8f3a1d2b77",
        "enabled": true,
        "users": [{"id": "b0000000-0000-4000-8000-000000000031",
                   "roleIds": ["a0000000-0000-4000-8000-000000000022"]}],
        "groups": [{"id": "b0000000-0000-4000-8000-000000000041",
                    "roleDivisions": {"grants": [{"roleId": "a0000000-0000-4000-8000-000000000022",
                                                  "divisionId": "*"}]}}],
        "dateExpired": "2026-12-22T10:00:00.000Z"
    }));
    assert_eq!(c.users.map(|u| u.len()), Some(1));
    // Python SDK sends isoformat() dates.
    let py: TrustUpdate = serde_json::from_value(
        json!({"enabled": false, "dateExpired": "2026-12-22T10:00:00+00:00"}),
    )
    .expect("python date");
    assert_eq!(
        serde_json::to_value(&py).expect("serialize"),
        json!({"enabled": false, "dateExpired": "2026-12-22T10:00:00.000Z"})
    );
}

#[test]
fn trust_user() {
    let u: TrustUser = round_trip(json!({
      "id": "b0000000-0000-4000-8000-000000000031", "name": "Pat Partner", "email": "pat@partner.example",
      "division": { "id": "b0000000-0000-4000-8000-000000000051", "name": "Home", "selfUri": "/api/v2/authorization/divisions/b0000000-0000-4000-8000-000000000051" },
      "state": "active", "username": "pat@partner.example", "version": 1,
      "trustUserDetails": { "dateCreated": "2026-11-22T10:00:00.000Z", "createdBy": { "id": "a0000000-0000-4000-8000-000000000031", "name": "Ann Admin" } },
      "selfUri": "/api/v2/users/b0000000-0000-4000-8000-000000000031"
    }));
    assert_eq!(u.state, Some(UserState::Active));
    assert!(u.trust_user_details.is_some());
}

#[test]
fn user_authorization() {
    let a: UserAuthorization = round_trip(json!({
      "roles": [ { "id": "a0000000-0000-4000-8000-000000000022", "name": "User Viewer" } ],
      "permissions": ["directory:group:view", "directory:user:view"],
      "permissionPolicies": [
        { "domain": "directory", "entityName": "user", "actionSet": ["view"], "allowConditions": false },
        { "domain": "directory", "entityName": "group", "actionSet": ["view"], "allowConditions": false }
      ],
      "roleDivisions": { "grants": [
        { "roleId": "a0000000-0000-4000-8000-000000000022", "divisionId": "a0000000-0000-4000-8000-000000000012" }
      ] }
    }));
    assert_eq!(a.permission_policies.map(|p| p.len()), Some(2));
    assert_eq!(
        a.role_divisions.and_then(|d| d.grants).map(|g| g.len()),
        Some(1)
    );
}

#[test]
fn cloned_user_listing() {
    let l: ClonedUserEntityListing = round_trip(json!({
      "total": 1,
      "entities": [ { "id": "9b2d7c1e-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "name": "Pat Partner",
                      "trustor": { "id": "a0000000-0000-4000-8000-000000000001", "selfUri": "/api/v2/orgauthorization/trustors/a0000000-0000-4000-8000-000000000001" },
                      "selfUri": "/api/v2/orgauthorization/trustors/a0000000-0000-4000-8000-000000000001/clonedusers/b0000000-0000-4000-8000-000000000031" } ],
      "selfUri": "/api/v2/orgauthorization/trustors/a0000000-0000-4000-8000-000000000001/clonedusers"
    }));
    assert_eq!(l.entities.len(), 1);
}

#[test]
fn audit_search_result() {
    let r: AuditSearchResult = round_trip(json!({
      "pageNumber": 1, "pageSize": 25, "total": 1, "pageCount": 1,
      "facetInfo": [ { "name": "action", "entries": [ { "value": "update", "count": 1 } ] } ],
      "auditMessages": [ {
        "id": "1f0c2b3a-5d6e-4f70-8a9b-0c1d2e3f4a5b", "level": "USER", "status": "SUCCESS", "serviceName": "orgtrust",
        "timestamp": "2026-11-22T10:05:00.000Z", "receivedTimestamp": "2026-11-22T10:05:00.000Z",
        "user": { "id": "b0000000-0000-4000-8000-000000000031", "name": "Pat Partner", "display": "Pat Partner (Partner Co)" },
        "correlationId": "4f5d3c2e-0f1a-4b7e-9c7d-2b1f6e3a9d10",
        "action": "update",
        "entity": { "type": "user", "id": "a0000000-0000-4000-8000-000000000032", "name": "Emil Europe", "selfUri": "/api/v2/users/a0000000-0000-4000-8000-000000000032" },
        "changes": [ { "property": "title", "oldValues": ["Analyst"], "newValues": ["Lead"] } ]
      } ]
    }));
    assert_eq!(r.audit_messages.map(|m| m.len()), Some(1));
}

#[test]
fn audit_query_requests() {
    let q: TrusteeAuditQueryRequest = round_trip(json!({
        "trusteeOrganizationIds": ["b0000000-0000-4000-8000-000000000001"],
        "trusteeUserIds": ["b0000000-0000-4000-8000-000000000031"],
        "facets": [{"name": "action", "type": "STRING"}],
        "filters": [{"name": "timestamp", "type": "DATE", "operator": "GE", "values": ["2026-01-01"]}],
        "startDate": "2026-11-01T00:00:00.000Z"
    }));
    assert_eq!(q.facets.expect("facets")[0].r#type, Some(FacetType::String));
    round_trip::<TrustorAuditQueryRequest>(json!({
        "trustorOrganizationId": "a0000000-0000-4000-8000-000000000001",
        "trusteeUserIds": ["b0000000-0000-4000-8000-000000000031"],
        "queryPhrase": "title"
    }));
    assert!(serde_json::from_value::<Facet>(json!({"name": "action", "type": "NUMBER"})).is_err());
}

#[test]
fn organization() {
    let o: Organization = round_trip(json!({
      "id": "a0000000-0000-4000-8000-000000000001", "name": "Acme Corp",
      "defaultLanguage": "en-us", "defaultCountryCode": "US",
      "thirdPartyOrgName": "acme", "domain": "acme.example",
      "features": { "chat": true, "directory": true, "purecloud": true },
      "version": 3, "state": "active", "productPlatform": "GenesysCloud",
      "selfUri": "/api/v2/organizations/me"
    }));
    assert_eq!(o.product_platform, Some(ProductPlatform::GenesysCloud));
    let features = OrganizationFeatures::from_map(&o.features.clone().expect("features"));
    assert_eq!(features.chat, Some(true));
    assert_eq!(features.hipaa, None);
    assert_eq!(Some(features.to_map()), o.features);
    round_trip::<Organization>(json!({
        "name": "Acme", "thirdPartyURI": "https://acme.example", "supportURI": "support@acme.example",
        "version": 1, "state": "inactive", "productPlatform": "PureConnectCloud"
    }));
    assert!(serde_json::from_value::<Organization>(json!({"state": "gone"})).is_err());
}

#[test]
fn paged_listing() {
    let page: TrustEntityListing = round_trip(json!({
      "entities": [ trustee_json() ],
      "pageSize": 2,
      "pageNumber": 2,
      "total": 5,
      "pageCount": 3,
      "firstUri": "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1",
      "previousUri": "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1",
      "selfUri": "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=2",
      "nextUri": "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=3",
      "lastUri": "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=3"
    }));
    let rebuilt = EntityListing::paged(
        page.entities.clone(),
        2,
        2,
        5,
        "/api/v2/orgauthorization/trustees",
    );
    assert_eq!(rebuilt, page);
}

#[test]
fn org_auth_settings_and_limits() {
    round_trip::<OrgAuthSettings>(json!({
        "multifactorAuthenticationRequired": false,
        "domainAllowlistEnabled": true,
        "domainAllowlist": ["acme.example"],
        "ipAddressAllowlist": ["203.0.113.0/24"],
        "passwordRequirements": {"minimumLength": 8, "minimumDigits": 1, "minimumLetters": 0,
            "minimumUpper": 1, "minimumLower": 1, "minimumSpecials": 1, "minimumAgeSeconds": 0,
            "expirationDays": 90},
        "inactivityTimeoutExclusions": [],
        "universalLogout": false,
        "tokenStorageLocation": "session"
    }));
    round_trip::<LimitChangeRequestDetails>(json!({
        "id": "c1", "key": "org.user.rate.per.minute", "namespace": "platform.api",
        "requestedValue": 6000.0, "description": "more", "supportCaseUrl": "https://care.example/1",
        "status": "ChangeImplemented", "currentValue": 3000.0,
        "dateCreated": "2026-11-22T10:00:00.000Z", "dateCompleted": "2026-11-23T10:00:00.000Z",
        "statusHistory": [{"dateStatusChanged": "2026-11-23T10:00:00.000Z", "status": "ChangeImplemented",
                           "previousStatus": "ImplementingChange", "namespace": "platform.api"}],
        "approvalNamespaces": [{"namespace": "platform.api", "status": "Approved", "type": "Primary"}],
        "selfUri": "/api/v2/organizations/limits/changerequests/c1"
    }));
    round_trip::<LimitChangeRequestUpdate>(
        json!({"status": "Rejected", "rejectReason": "PlatformMisuse"}),
    );
    round_trip::<LimitsEntityListing>(json!({"entities": [
        {"key": "org.user.rate.per.minute", "namespace": "platform.api", "value": 3000}]}));
    round_trip::<LimitChangeRequestsEntityListing>(json!({"entities": [],
        "selfUri": "/api/v2/organizations/limits/changerequests"}));
    round_trip::<MigrationListing>(json!({"entities": [{"name": "m1", "enabled": false,
        "dateAvailable": "2026-01-01T00:00:00.000Z", "configurable": true}]}));
    round_trip::<FieldConfig>(json!({"id": "f1", "entityType": "person", "sections": [
        {"key": "contactInfo", "fieldList": [{"key": "email", "type": "email", "params": {"max": 3},
         "repeatable": true, "required": false}]}]}));
    assert_eq!(
        serde_json::from_value::<MigrationType>(json!("Enabled")).expect("enum"),
        MigrationType::Enabled
    );
    assert_eq!(
        "realtimeCIC".parse::<FeatureName>(),
        Ok(FeatureName::RealtimeCic)
    );
    assert!("nope".parse::<FeatureName>().is_err());
}

#[test]
fn directory_bodies() {
    round_trip::<CreateUser>(
        json!({"name": "Pat", "email": "pat@acme.example", "password": "S3cret!pass",
        "divisionId": "d1", "state": "active", "addresses": [{"address": "+15555550100", "mediaType": "PHONE", "type": "WORK"}]}),
    );
    round_trip::<UpdateUser>(
        json!({"name": "Pat", "title": "Lead", "version": 2, "manager": "u2", "state": "inactive"}),
    );
    round_trip::<ChangePasswordRequest>(json!({"newPassword": "N3w!password"}));
    round_trip::<GroupCreate>(
        json!({"name": "Support", "type": "official", "visibility": "members",
        "rulesVisible": true, "ownerIds": ["u1"]}),
    );
    let upd: GroupUpdate =
        serde_json::from_value(json!({"name": "Support", "version": 1, "visibility": "ownerIds"}))
            .expect("alias");
    assert_eq!(upd.visibility, Some(GroupVisibility::Owners));
    round_trip::<GroupMembersUpdate>(json!({"memberIds": ["u1", "u2"], "version": 3}));
    round_trip::<RoleDivisionGrants>(json!({"grants": [{"roleId": "r1", "divisionId": "d1"}]}));
    round_trip::<DomainOrganizationRoleCreate>(
        json!({"name": "Viewer", "permissions": ["directory:user:view"],
        "permissionPolicies": [{"domain": "directory", "entityName": "user", "actionSet": ["view"]}],
        "default": false, "userCount": 0}),
    );
    round_trip::<DomainOrganizationRoleUpdate>(json!({"name": "Viewer", "permissions": []}));
    round_trip::<AuthzSubject>(json!({"id": "u1", "name": "Pat", "version": 1, "grants": [
        {"subjectId": "u1", "division": {"id": "d1", "name": "Home", "homeDivision": true},
         "role": {"id": "r1", "name": "Viewer", "default": false,
                  "policies": [{"actions": ["view"], "domain": "directory", "entityName": "user"}]},
         "grantMadeAt": "2026-11-22T10:00:00.000Z"}],
        "selfUri": "/api/v2/authorization/subjects/u1"}));
    round_trip::<PermissionCollectionEntityListing>(json!({"entities": [{"id": "directory",
        "domain": "directory", "permissionMap": {"user": [{"domain": "directory", "entityType": "user",
        "action": "view", "label": "View", "allowsConditions": false, "divisionAware": true}]}}],
        "pageSize": 25, "pageNumber": 1, "total": 1, "pageCount": 1,
        "firstUri": "/api/v2/authorization/permissions?pageSize=25&pageNumber=1",
        "selfUri": "/api/v2/authorization/permissions?pageSize=25&pageNumber=1",
        "lastUri": "/api/v2/authorization/permissions?pageSize=25&pageNumber=1"}));
    round_trip::<OAuthClientRequest>(
        json!({"name": "integration", "authorizedGrantType": "CLIENT-CREDENTIALS",
        "accessTokenValiditySeconds": 86400, "roleDivisions": [{"roleId": "r1", "divisionId": "*"}],
        "state": "active"}),
    );
    round_trip::<OAuthClient>(json!({"id": "c1", "name": "integration", "secret": "s",
        "authorizedGrantType": "CLIENT-CREDENTIALS", "dateCreated": "2026-11-22T10:00:00.000Z",
        "createdBy": {"id": "u1", "selfUri": "/api/v2/users/u1"}, "scope": [], "state": "disabled"}));
    round_trip::<User>(
        json!({"id": "u1", "name": "Pat", "state": "active", "version": 1,
        "manager": {"id": "u0", "selfUri": "/api/v2/users/u0"},
        "biography": {"education": [{"school": "MIT", "dateStart": "2010-09-01"}]},
        "presence": {"presenceDefinition": {"systemPresence": "Available"}},
        "authorization": {"roles": [{"id": "r1", "name": "Viewer"}]},
        "groups": [{"id": "g1", "name": "Support", "type": "social", "visibility": "owners", "rulesVisible": false}],
        "dateLastLogin": "2026-11-22T10:00:00.000Z", "selfUri": "/api/v2/users/u1"}),
    );
}

#[test]
fn none_fields_are_omitted() {
    let t = Trustee {
        id: Some("b0000000-0000-4000-8000-000000000001".into()),
        enabled: Some(true),
        ..Trustee::default()
    };
    assert_eq!(
        serde_json::to_value(&t).expect("serialize"),
        json!({"id": "b0000000-0000-4000-8000-000000000001", "enabled": true})
    );
    assert_eq!(
        serde_json::to_value(User::default()).expect("serialize"),
        json!({})
    );
    assert_eq!(
        serde_json::to_value(Organization::default()).expect("serialize"),
        json!({})
    );
    let text = serde_json::to_string(&TrustUser::default()).expect("serialize");
    assert!(!text.contains("null"), "{text}");
}

#[test]
fn unknown_fields_are_ignored() {
    let t: Trustee = serde_json::from_value(json!({
        "id": "x", "enabled": false, "someFutureField": {"nested": [1, 2]}, "anotherOne": null
    }))
    .expect("unknown fields ignored");
    assert_eq!(t.enabled, Some(false));
    let e: ErrorBody =
        serde_json::from_value(json!({"code": "not.found", "extra": 1})).expect("ignored");
    assert_eq!(e.code.as_deref(), Some("not.found"));
    let l: TrustUserEntityListing =
        serde_json::from_value(json!({"entities": [{"id": "u", "unknown": true}], "weird": 1}))
            .expect("ignored");
    assert_eq!(l.entities.len(), 1);
}

#[test]
fn null_optional_fields_read_as_none() {
    let t: Trustee =
        serde_json::from_value(json!({"id": null, "enabled": true, "dateExpired": null}))
            .expect("nulls accepted");
    assert_eq!(t.id, None);
    assert_eq!(t.date_expired, None);
}

#[test]
fn bad_dates_are_rejected() {
    let err =
        serde_json::from_value::<TrustUpdate>(json!({"enabled": true, "dateExpired": "tomorrow"}))
            .expect_err("bad date");
    assert!(err.to_string().contains("ISO-8601"), "{err}");
}

#[test]
fn error_codes_are_unique() {
    let mut all = codes::ALL.to_vec();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n);
    assert!(all.contains(&"pairing.expired"));
}

#[test]
fn unknown_read_only_enum_values_of_an_organization_read_as_absent() {
    // What the Python SDK sends back after reading values it did not know.
    let org: Organization = serde_json::from_value(json!({
        "id": "a0000000-0000-4000-8000-000000000001", "name": "Acme Next", "version": 3,
        "state": "outdated_sdk_version", "productPlatform": "outdated_sdk_version"
    }))
    .expect("parses");
    assert_eq!((org.state, org.product_platform), (None, None));
    assert_eq!(
        (org.name.as_deref(), org.version),
        (Some("Acme Next"), Some(3))
    );
    let org: Organization = serde_json::from_value(json!({
        "state": "inactive", "productPlatform": "GenesysCloud"
    }))
    .expect("parses");
    assert_eq!(org.state, Some(OrganizationState::Inactive));
    assert_eq!(org.product_platform, Some(ProductPlatform::GenesysCloud));
}
