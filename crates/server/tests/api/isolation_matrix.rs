//! The tenant-isolation matrix, generated from the route table (`operations::all`, which a unit test
//! keeps equal to the router and the operation table): every operation is called as
//!
//! - `admin`: the acting organization's admin (`*`; the platform operator for `internal:*`
//!   operations): its documented success, or 400/404/409 for the minimal request; never 401/403;
//! - `nothing`: a client of the same organization holding no permission: 403 with the code of the
//!   requirement's kind (operations without a requirement answer as for the admin);
//! - `other`: Customer Care's admin (`*` in an unrelated organization): 403/404 for anything that
//!   names a resource of Acme or Partner (400 for a bulk delete by id: no such trust of its own),
//!   and never a byte of their data;
//! - `other-division`: Sam, a trustee acting in Acme through a group granted User Viewer in EMEA
//!   only: 403 unless User Viewer satisfies the requirement, and nothing of the Home division;
//! - `disabled` / `expired`: Pat, a trustee acting in Acme through a trust that was then disabled,
//!   or whose expiry passed: 401 `credentials.expired` everywhere.
//!
//! Every operation must also be classified in [`SCOPES`] (what data it touches), so adding a route
//! without deciding what isolation means for it fails `every_operation_is_classified`.

use orgtrust_api::codes;
use orgtrust_core::permission::Requirement;
use orgtrust_server::operation::{In, Operation as Doc, Ty};
use orgtrust_server::operations;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{demo, Reply, TestApp, DEMO};
use crate::orgauthorization_support::{partner_pairing, OA};
use crate::trust_sign_in::exchange;

/// What an operation touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The acting organization's data.
    OrgData,
    /// Only the caller's own token or user.
    Caller,
    /// Nothing of any organization (catalogues, documentation).
    Public,
    /// Platform administration (`internal:*` permissions).
    Platform,
}

/// Every operation, classified.
const SCOPES: &[(&str, Scope)] = &[
    ("getFieldconfig", Scope::Public),
    ("postOrganizations", Scope::Platform),
    ("getOrganizationsAuthenticationSettings", Scope::OrgData),
    ("patchOrganizationsAuthenticationSettings", Scope::OrgData),
    ("getOrganizationsEmbeddedintegration", Scope::OrgData),
    ("putOrganizationsEmbeddedintegration", Scope::OrgData),
    ("getOrganizationsEnforcescopes", Scope::OrgData),
    ("putOrganizationsEnforcescopes", Scope::OrgData),
    ("patchOrganizationsFeature", Scope::OrgData),
    ("getOrganizationsIpaddressauthentication", Scope::OrgData),
    ("putOrganizationsIpaddressauthentication", Scope::OrgData),
    ("getOrganizationsLimitsChangerequests", Scope::OrgData),
    ("postOrganizationsLimitsChangerequests", Scope::Platform),
    ("getOrganizationsLimitsChangerequest", Scope::OrgData),
    ("patchOrganizationsLimitsChangerequest", Scope::Platform),
    ("getOrganizationsLimitsDocs", Scope::Public),
    ("getOrganizationsLimitsDocsFreetrial", Scope::Public),
    ("getOrganizationsLimitsNamespaces", Scope::Public),
    ("getOrganizationsLimitsNamespace", Scope::OrgData),
    ("getOrganizationsLimitsNamespaceDefaults", Scope::Public),
    ("deleteOrganizationsMe", Scope::Platform),
    ("getOrganizationsMe", Scope::OrgData),
    ("putOrganizationsMe", Scope::OrgData),
    ("getOrganizationsMigrations", Scope::OrgData),
    ("getOrganizationsMigration", Scope::OrgData),
    ("patchOrganizationsMigration", Scope::OrgData),
    ("getOrganizationsMigrationState", Scope::OrgData),
    ("getOrganizationsPasswordrequirements", Scope::OrgData),
    ("putOrganizationsPasswordrequirements", Scope::OrgData),
    ("getOrganizationsWhitelist", Scope::OrgData),
    ("putOrganizationsWhitelist", Scope::OrgData),
    ("postOrgauthorizationPairings", Scope::OrgData),
    ("getOrgauthorizationPairing", Scope::OrgData),
    ("deleteOrgauthorizationTrustees", Scope::OrgData),
    ("getOrgauthorizationTrustees", Scope::OrgData),
    ("postOrgauthorizationTrustees", Scope::OrgData),
    ("postOrgauthorizationTrusteesAudits", Scope::OrgData),
    ("getOrgauthorizationTrusteesCare", Scope::OrgData),
    ("postOrgauthorizationTrusteesCare", Scope::OrgData),
    ("getOrgauthorizationTrusteesDefault", Scope::OrgData),
    ("postOrgauthorizationTrusteesDefault", Scope::OrgData),
    ("deleteOrgauthorizationTrustee", Scope::OrgData),
    ("getOrgauthorizationTrustee", Scope::OrgData),
    ("putOrgauthorizationTrustee", Scope::OrgData),
    ("getOrgauthorizationTrusteeClonedusers", Scope::OrgData),
    ("deleteOrgauthorizationTrusteeCloneduser", Scope::OrgData),
    ("getOrgauthorizationTrusteeGroups", Scope::OrgData),
    ("postOrgauthorizationTrusteeGroups", Scope::OrgData),
    ("deleteOrgauthorizationTrusteeGroup", Scope::OrgData),
    ("getOrgauthorizationTrusteeGroup", Scope::OrgData),
    (
        "putOrgauthorizationTrusteeGroupRoledivisions",
        Scope::OrgData,
    ),
    ("deleteOrgauthorizationTrusteeGroupRoles", Scope::OrgData),
    ("getOrgauthorizationTrusteeGroupRoles", Scope::OrgData),
    ("putOrgauthorizationTrusteeGroupRoles", Scope::OrgData),
    ("getOrgauthorizationTrusteeUsers", Scope::OrgData),
    ("postOrgauthorizationTrusteeUsers", Scope::OrgData),
    ("deleteOrgauthorizationTrusteeUser", Scope::OrgData),
    ("getOrgauthorizationTrusteeUser", Scope::OrgData),
    (
        "putOrgauthorizationTrusteeUserRoledivisions",
        Scope::OrgData,
    ),
    ("deleteOrgauthorizationTrusteeUserRoles", Scope::OrgData),
    ("getOrgauthorizationTrusteeUserRoles", Scope::OrgData),
    ("putOrgauthorizationTrusteeUserRoles", Scope::OrgData),
    ("postOrgauthorizationTrustorAudits", Scope::OrgData),
    ("deleteOrgauthorizationTrustors", Scope::OrgData),
    ("getOrgauthorizationTrustors", Scope::OrgData),
    ("deleteOrgauthorizationTrustor", Scope::OrgData),
    ("getOrgauthorizationTrustor", Scope::OrgData),
    ("getOrgauthorizationTrustorClonedusers", Scope::OrgData),
    ("deleteOrgauthorizationTrustorCloneduser", Scope::OrgData),
    ("getOrgauthorizationTrustorCloneduser", Scope::OrgData),
    ("putOrgauthorizationTrustorCloneduser", Scope::OrgData),
    ("getOrgauthorizationTrustorGroups", Scope::OrgData),
    ("deleteOrgauthorizationTrustorGroup", Scope::OrgData),
    ("getOrgauthorizationTrustorGroup", Scope::OrgData),
    ("putOrgauthorizationTrustorGroup", Scope::OrgData),
    ("getOrgauthorizationTrustorUsers", Scope::OrgData),
    ("deleteOrgauthorizationTrustorUser", Scope::OrgData),
    ("getOrgauthorizationTrustorUser", Scope::OrgData),
    ("putOrgauthorizationTrustorUser", Scope::OrgData),
    ("getTokensMe", Scope::Caller),
    ("deleteTokensMe", Scope::Caller),
    ("getUsers", Scope::OrgData),
    ("postUsers", Scope::OrgData),
    ("getUsersMe", Scope::Caller),
    ("getUser", Scope::OrgData),
    ("patchUser", Scope::OrgData),
    ("deleteUser", Scope::OrgData),
    ("getUserRoles", Scope::OrgData),
    ("putUserRoles", Scope::OrgData),
    ("postUserPassword", Scope::OrgData),
    ("getGroups", Scope::OrgData),
    ("postGroups", Scope::OrgData),
    ("getGroup", Scope::OrgData),
    ("putGroup", Scope::OrgData),
    ("deleteGroup", Scope::OrgData),
    ("getGroupMembers", Scope::OrgData),
    ("postGroupMembers", Scope::OrgData),
    ("deleteGroupMembers", Scope::OrgData),
    ("getAuthorizationRoles", Scope::OrgData),
    ("postAuthorizationRoles", Scope::OrgData),
    ("getAuthorizationRole", Scope::OrgData),
    ("putAuthorizationRole", Scope::OrgData),
    ("patchAuthorizationRole", Scope::OrgData),
    ("deleteAuthorizationRole", Scope::OrgData),
    ("getAuthorizationDivisions", Scope::OrgData),
    ("postAuthorizationDivisions", Scope::OrgData),
    ("getAuthorizationDivisionsHome", Scope::OrgData),
    ("getAuthorizationDivision", Scope::OrgData),
    ("putAuthorizationDivision", Scope::OrgData),
    ("deleteAuthorizationDivision", Scope::OrgData),
    ("getAuthorizationSubject", Scope::OrgData),
    ("postAuthorizationSubjectBulkadd", Scope::OrgData),
    ("postAuthorizationSubjectBulkremove", Scope::OrgData),
    ("postAuthorizationSubjectBulkreplace", Scope::OrgData),
    ("getAuthorizationPermissions", Scope::Public),
    ("getOauthClients", Scope::OrgData),
    ("postOauthClients", Scope::OrgData),
    ("getOauthClient", Scope::OrgData),
    ("putOauthClient", Scope::OrgData),
    ("deleteOauthClient", Scope::OrgData),
    ("postOauthClientSecret", Scope::OrgData),
    ("getOrgtrustAccessReport", Scope::OrgData),
];

const ACME_ADMINS_GROUP: &str = "a0000000-0000-4000-8000-000000000041";
const NO_SUCH_ID: &str = "00000000-0000-4000-8000-0000000000ff";

/// Ids of Acme's and Partner's resources: a path naming one is about their data.
const ORG_RESOURCES: &[&str] = &[
    demo::ACME,
    demo::PARTNER,
    demo::ACME_ANN,
    demo::ACME_EMEA,
    demo::ACME_USER_VIEWER_ROLE,
    demo::PARTNER_PAT,
    demo::PARTNER_SUPPORT_GROUP,
    ACME_ADMINS_GROUP,
    "acme-nothing",
];

fn scope(doc: &Doc) -> Option<Scope> {
    SCOPES.iter().find(|(id, _)| *id == doc.id).map(|(_, s)| *s)
}

/// The trustee side (`/trustors`, trustor audits, making a pairing) acts as Partner Co.
fn acts_as_partner(doc: &Doc) -> bool {
    doc.path.contains("/trustors")
        || doc.path.contains("/trustor/audits")
        || doc.id == "postOrgauthorizationPairings"
}

/// The request: demo ids in the path, required query parameters, a minimal body.
fn request(doc: &Doc) -> (Method, String, Option<Value>) {
    let mut path = doc
        .path
        .replace("{trusteeOrgId}", demo::PARTNER)
        .replace("{trustorOrgId}", demo::ACME)
        .replace("{trusteeUserId}", demo::PARTNER_PAT)
        .replace("{trusteeGroupId}", demo::PARTNER_SUPPORT_GROUP)
        .replace("{trustorGroupId}", demo::PARTNER_SUPPORT_GROUP)
        .replace("{userId}", demo::ACME_ANN)
        .replace("{subjectId}", demo::ACME_ANN)
        .replace("{groupId}", ACME_ADMINS_GROUP)
        .replace("{roleId}", demo::ACME_USER_VIEWER_ROLE)
        .replace("{divisionId}", demo::ACME_EMEA)
        .replace("{clientId}", "acme-nothing")
        .replace("{pairingId}", NO_SUCH_ID)
        .replace("{requestId}", NO_SUCH_ID)
        .replace("{namespaceName}", "directory")
        .replace("{migrationName}", "division")
        .replace("{featureName}", "directory");
    let mut query = Vec::new();
    let mut body = None;
    for p in doc.params {
        match (p.at, p.ty) {
            (In::Query, Ty::Enum(values)) if p.required => {
                query.push(format!("{}={}", p.name, values[0]))
            }
            (In::Query, _) if p.required => query.push(format!("{}={}", p.name, demo::PARTNER)),
            (In::Body, Ty::BodyStrList) => body = Some(json!([])),
            (In::Body, _) => body = Some(json!({})),
            _ => {}
        }
    }
    if !query.is_empty() {
        path = format!("{path}?{}", query.join("&"));
    }
    let method = Method::from_bytes(doc.method.as_bytes()).expect("method");
    (method, path, body)
}

/// Acme's and Partner's names and ids that must not reach another organization unless the
/// caller sent them itself.
fn leaks(text: &str, sent: &str, needles: &[&'static str]) -> Vec<&'static str> {
    needles
        .iter()
        .copied()
        .filter(|needle| text.contains(needle) && !sent.contains(needle))
        .collect()
}

const OTHER_ORG_DATA: &[&str] = &[
    demo::ACME,
    demo::PARTNER,
    "Acme Corp",
    "Partner Co",
    "acme-admin",
    "partner-admin",
    "ann@acme.example",
    "pat@partner.example",
];

/// The Home division's resources, which Sam's EMEA-only grant must not reveal.
const HOME_DATA: &[&str] = &[
    demo::ACME_ANN,
    "ann@acme.example",
    "Ann Admin",
    "Acme Admins",
];

/// The fixture plus, in Acme and Partner, a role without permissions and a client holding it.
fn fixture() -> String {
    let mut doc: Value = serde_json::from_str(DEMO).expect("demo fixture");
    for org in doc["organizations"].as_array_mut().expect("organizations") {
        let name = match org["id"].as_str() {
            Some(demo::ACME) => "acme-nothing",
            Some(demo::PARTNER) => "partner-nothing",
            _ => continue,
        };
        org["roles"]
            .as_array_mut()
            .expect("roles")
            .push(json!({"name": name, "permissions": []}));
        org["oauthClients"]
            .as_array_mut()
            .expect("clients")
            .push(json!({"id": name, "secret": "nothing-secret", "name": name, "roles": [name]}));
    }
    doc.to_string()
}

fn sent(path: &str, body: &Option<Value>) -> String {
    format!(
        "{path} {}",
        body.as_ref().map(Value::to_string).unwrap_or_default()
    )
}

/// Whether holding only User Viewer (`directory:user:view`, `directory:group:view`) satisfies it.
fn user_viewer_suffices(doc: &Doc) -> bool {
    let held = ["directory:user:view", "directory:group:view"];
    match doc.requirement {
        Requirement::None => true,
        Requirement::Any(p) => p.iter().any(|p| held.contains(p)),
        Requirement::All(p) => p.iter().all(|p| held.contains(p)),
    }
}

fn what(doc: &Doc, case: &str, r: &Reply) -> String {
    format!(
        "{} {} [{case}]: {} {}",
        doc.method, doc.path, r.status, r.text
    )
}

async fn cross_token(t: &TestApp, home: &str) -> String {
    exchange(t, home, &[("target", demo::ACME)])
        .await
        .expect(200)
        .body["access_token"]
        .as_str()
        .expect("token")
        .to_owned()
}

#[test]
fn every_operation_is_classified() {
    for doc in operations::all() {
        assert!(
            scope(doc).is_some(),
            "{} is not classified in SCOPES",
            doc.id
        );
    }
    for (id, _) in SCOPES {
        assert!(
            operations::all().any(|d| d.id == *id),
            "{id} is classified but not in the table"
        );
    }
}

#[tokio::test]
async fn no_operation_leaks_across_organizations_or_divisions() {
    let t = TestApp::spawn_with(&fixture()).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;
    let mut care = t.client_token("care-admin", "care-admin-secret").await;
    let mut acme_nothing = t.client_token("acme-nothing", "nothing-secret").await;
    let mut partner_nothing = t.client_token("partner-nothing", "nothing-secret").await;

    // Acme trusts Partner: Pat with User Viewer everywhere, Partner Support (Sam) with User
    // Viewer in EMEA only.
    let pairing = partner_pairing(&t, &partner).await;
    let trustee = format!("{OA}/trustees/{}", demo::PARTNER);
    t.post(
        &format!("{OA}/trustees"),
        &acme,
        json!({
            "pairingId": pairing, "enabled": true,
            "users": [{"id": demo::PARTNER_PAT, "roleIds": [demo::ACME_USER_VIEWER_ROLE]}],
            "groups": [{"id": demo::PARTNER_SUPPORT_GROUP, "roleDivisions": {"grants": [
                {"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": demo::ACME_EMEA}]}}]
        }),
    )
    .await
    .expect(200);
    let pat_home = crate::orgauthorization_support::pat(&t).await;
    let sam_home = crate::orgauthorization_support::sam(&t).await;
    let mut sam = cross_token(&t, &sam_home).await;
    // Sam sees EMEA, not Home: the premise of the other-division case.
    t.get(&format!("/api/v2/users/{}", demo::ACME_EMIL), &sam)
        .await
        .expect(200);

    // Revoking one's own token and deleting one's own organization go last in every round.
    let mut docs: Vec<&Doc> = operations::all().collect();
    docs.sort_by_key(|d| match d.id {
        "deleteTokensMe" => 1,
        "deleteOrganizationsMe" => 2,
        _ => 0,
    });
    let mut cases = 0usize;

    // 1. Refusals first, while the world is intact: no permission, another organization, another
    //    division.
    for doc in &docs {
        if doc.id == "deleteOrganizationsMe" {
            // deleteTokensMe, just before, revoked every caller's token.
            acme_nothing = t.client_token("acme-nothing", "nothing-secret").await;
            partner_nothing = t.client_token("partner-nothing", "nothing-secret").await;
            care = t.client_token("care-admin", "care-admin-secret").await;
            sam = cross_token(&t, &sam_home).await;
        }
        let (method, path, body) = request(doc);
        let sent = sent(&path, &body);
        let nothing = if acts_as_partner(doc) {
            &partner_nothing
        } else {
            &acme_nothing
        };
        let r = t
            .call(method.clone(), &path, Some(nothing), body.clone())
            .await;
        cases += 1;
        match doc.requirement {
            Requirement::None => assert!(
                !matches!(r.status.as_u16(), 401 | 403) && r.status.as_u16() < 500,
                "{}",
                what(doc, "nothing", &r)
            ),
            Requirement::Any(_) => assert_eq!(
                (r.status.as_u16(), r.code()),
                (403, codes::MISSING_ANY_PERMISSIONS),
                "{}",
                what(doc, "nothing", &r)
            ),
            Requirement::All(_) => assert_eq!(
                (r.status.as_u16(), r.code()),
                (403, codes::MISSING_PERMISSIONS),
                "{}",
                what(doc, "nothing", &r)
            ),
        }

        let r = t
            .call(method.clone(), &path, Some(&care), body.clone())
            .await;
        cases += 1;
        let status = r.status.as_u16();
        assert!(status < 500, "{}", what(doc, "other", &r));
        let names_theirs = ORG_RESOURCES.iter().any(|id| path.contains(id));
        if names_theirs && scope(doc) == Some(Scope::OrgData) {
            // Refused, not found, or (a bulk delete by id) "no such trust" naming only the id sent.
            assert!(
                matches!(status, 400 | 403 | 404),
                "{}",
                what(doc, "other", &r)
            );
        }
        if scope(doc) == Some(Scope::Platform) {
            assert_eq!(status, 403, "{}", what(doc, "other", &r));
        }
        assert_eq!(
            leaks(&r.text, &sent, OTHER_ORG_DATA),
            Vec::<&str>::new(),
            "{}",
            what(doc, "other", &r)
        );

        let r = t
            .call(method.clone(), &path, Some(&sam), body.clone())
            .await;
        cases += 1;
        if user_viewer_suffices(doc) {
            assert!(
                r.status.as_u16() != 401 && r.status.as_u16() < 500,
                "{}",
                what(doc, "other-division", &r)
            );
            if names_theirs && r.status.is_success() && HOME_DATA.iter().any(|d| sent.contains(d)) {
                panic!(
                    "Home-division resource served: {}",
                    what(doc, "other-division", &r)
                );
            }
        } else {
            assert_eq!(
                r.status.as_u16(),
                403,
                "{}",
                what(doc, "other-division", &r)
            );
        }
        assert_eq!(
            leaks(&r.text, &sent, HOME_DATA),
            Vec::<&str>::new(),
            "{}",
            what(doc, "other-division", &r)
        );
    }

    // 2. A disabled trust, then an expired one: the trustee's token is refused everywhere.
    let pat = cross_token(&t, &pat_home).await;
    t.put(&trustee, &acme, json!({"enabled": false}))
        .await
        .expect(200);
    for doc in &docs {
        let (method, path, body) = request(doc);
        let r = t.call(method, &path, Some(&pat), body).await;
        cases += 1;
        assert_eq!(
            (r.status.as_u16(), r.code()),
            (401, codes::CREDENTIALS_EXPIRED),
            "{}",
            what(doc, "disabled", &r)
        );
    }
    let at = (chrono::Utc::now() + t.clock.offset() + chrono::Duration::seconds(10)).to_rfc3339();
    t.put(&trustee, &acme, json!({"enabled": true, "dateExpired": at}))
        .await
        .expect(200);
    let pat = cross_token(&t, &pat_home).await;
    t.clock.advance(chrono::Duration::seconds(11));
    for doc in &docs {
        let (method, path, body) = request(doc);
        let r = t.call(method, &path, Some(&pat), body).await;
        cases += 1;
        assert_eq!(
            (r.status.as_u16(), r.code()),
            (401, codes::CREDENTIALS_EXPIRED),
            "{}",
            what(doc, "expired", &r)
        );
    }

    // 3. The acting organization's admin: never refused, never a server error. Last, because
    //    these calls change the world.
    for doc in &docs {
        let (method, path, body) = request(doc);
        let token = if scope(doc) == Some(Scope::Platform) {
            t.client_token("platform-operator", "platform-operator-secret")
                .await
        } else if acts_as_partner(doc) {
            t.partner_admin().await
        } else {
            t.acme_admin().await
        };
        let r = t.call(method, &path, Some(&token), body).await;
        cases += 1;
        let status = r.status.as_u16();
        assert!(
            status == doc.status || matches!(status, 400 | 404 | 409),
            "{}",
            what(doc, "admin", &r)
        );
    }
    println!("isolation matrix: {} operations, {cases} cases", docs.len());
    assert_eq!(cases, docs.len() * 6);
}
