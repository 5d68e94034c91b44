//! The permission matrix, generated from the operation table: for every operation with a
//! requirement, a caller holding every other permission is refused with 403 and the code of the
//! requirement's kind; for every Organization Authorization operation besides, a caller holding
//! exactly its permissions is allowed, and a caller from an unrelated organization (Customer Care,
//! which holds `*` at home) gets 403 or 404 for anything of another organization, and never sees
//! another organization's data.

use orgtrust_core::catalogue;
use orgtrust_core::permission::Requirement;
use orgtrust_server::operation::Operation;
use orgtrust_server::operations::{self, REFERENCE};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::{demo, TestApp, DEMO};
use crate::orgauthorization_support::{partner_pairing, trust_body, OA};

fn matrix_operations() -> Vec<&'static Operation> {
    REFERENCE
        .iter()
        .filter(|o| o.path.starts_with(OA))
        .collect()
}

/// The organization whose caller performs the operation: the trustee side (`/trustors`, the
/// trustor audits, making a pairing) is Partner Co, the trustor side is Acme Corp.
fn acting_org(op: &Operation) -> &'static str {
    if op.path.contains("/trustors")
        || op.path.contains("/trustor/audits")
        || op.id == "postOrgauthorizationPairings"
    {
        demo::PARTNER
    } else {
        demo::ACME
    }
}

fn client_id(prefix: &str, op: &Operation) -> String {
    format!("{prefix}-{}", op.id)
}

/// What each allowed caller holds: every permission of an ALL operation; one caller per
/// alternative of an ANY operation.
fn allowed_permissions(op: &Operation) -> Vec<Vec<String>> {
    match op.requirement {
        Requirement::None => vec![vec![]],
        Requirement::Any(p) => p.iter().map(|s| vec![(*s).to_owned()]).collect(),
        Requirement::All(p) => vec![p.iter().map(|s| (*s).to_owned()).collect()],
    }
}

/// What the refused caller holds: every catalogue permission except all of an ANY operation's,
/// or the last of an ALL operation's.
fn denied_permissions(op: &Operation) -> Vec<String> {
    let missing: Vec<&str> = match op.requirement {
        Requirement::None => vec![],
        Requirement::Any(p) => p.to_vec(),
        Requirement::All(p) => p.last().into_iter().copied().collect(),
    };
    catalogue::names()
        .filter(|p| !missing.contains(p))
        .map(str::to_owned)
        .collect()
}

/// Every operation that requires a permission.
fn guarded_operations() -> Vec<&'static Operation> {
    operations::all()
        .filter(|o| o.requirement != Requirement::None)
        .collect()
}

/// The demo fixture plus, per operation, a role and client holding everything but its
/// permissions and (for the matrix operations) a role and client holding exactly them, in the
/// organization that performs it.
fn matrix_fixture() -> String {
    let mut doc: Value = serde_json::from_str(DEMO).expect("demo fixture");
    let orgs = doc["organizations"].as_array_mut().expect("organizations");
    let matrix = matrix_operations();
    for op in guarded_operations() {
        let org = orgs
            .iter_mut()
            .find(|o| o["id"] == acting_org(op))
            .expect("acting org");
        let allowed = allowed_permissions(op)
            .into_iter()
            .enumerate()
            .map(|(i, perms)| (format!("allow{i}"), perms))
            .filter(|_| matrix.iter().any(|m| m.id == op.id));
        for (prefix, perms) in allowed.chain([("deny".to_owned(), denied_permissions(op))]) {
            let name = client_id(&prefix, op);
            org["roles"]
                .as_array_mut()
                .expect("roles")
                .push(json!({"name": name, "permissions": perms}));
            org["oauthClients"].as_array_mut().expect("clients").push(
                json!({"id": name, "secret": "matrix-secret", "name": name, "roles": [name]}),
            );
        }
    }
    doc.to_string()
}

/// Puts the world back: Acme trusts Partner (Pat with User Viewer, Partner Support with User
/// Viewer in EMEA), Pat is cloned into Acme, no Care trust; returns the pairing used.
async fn reset(t: &TestApp, acme: &str, partner: &str) -> String {
    for other in [demo::PARTNER, demo::CARE] {
        let r = t.delete(&format!("{OA}/trustees/{other}"), acme).await;
        assert!(matches!(r.status.as_u16(), 204 | 404), "{}", r.text);
    }
    let pairing = partner_pairing(t, partner).await;
    t.post(&format!("{OA}/trustees"), acme, trust_body(&pairing))
        .await
        .expect(200);
    t.put(
        &format!(
            "{OA}/trustors/{}/clonedusers/{}",
            demo::ACME,
            demo::PARTNER_PAT
        ),
        partner,
        json!(null),
    )
    .await
    .expect(200);
    pairing
}

/// The request an operation is exercised with: method, path with the demo ids, body.
fn request(op: &Operation, pairing: &str, fresh_pairing: &str) -> (Method, String, Option<Value>) {
    let mut path = op
        .path
        .replace("{trusteeOrgId}", demo::PARTNER)
        .replace("{trustorOrgId}", demo::ACME)
        .replace("{trusteeUserId}", demo::PARTNER_PAT)
        .replace("{trusteeGroupId}", demo::PARTNER_SUPPORT_GROUP)
        .replace("{trustorGroupId}", demo::PARTNER_SUPPORT_GROUP)
        .replace("{pairingId}", pairing);
    match op.id {
        "deleteOrgauthorizationTrustees" => path.push_str(&format!("?id={}", demo::PARTNER)),
        "deleteOrgauthorizationTrustors" => path.push_str(&format!("?id={}", demo::ACME)),
        _ => {}
    }
    let body = match op.id {
        "postOrgauthorizationPairings" => Some(json!({"userIds": [demo::PARTNER_PAT]})),
        "postOrgauthorizationTrusteesAudits" => Some(json!({
            "trusteeOrganizationIds": [demo::PARTNER], "trusteeUserIds": [demo::PARTNER_PAT]})),
        "postOrgauthorizationTrustorAudits" => Some(json!({
            "trustorOrganizationId": demo::ACME, "trusteeUserIds": [demo::PARTNER_PAT]})),
        "postOrgauthorizationTrustees" => Some(trust_body(fresh_pairing)),
        "putOrgauthorizationTrustee" => Some(json!({"enabled": true})),
        "postOrgauthorizationTrusteeUsers" => Some(json!({"id": demo::PARTNER_SAM})),
        "postOrgauthorizationTrusteeGroups" => Some(json!({"id": demo::PARTNER_SUPPORT_GROUP})),
        "putOrgauthorizationTrusteeUserRoles" | "putOrgauthorizationTrusteeGroupRoles" => {
            Some(json!([demo::ACME_USER_VIEWER_ROLE]))
        }
        "putOrgauthorizationTrusteeUserRoledivisions"
        | "putOrgauthorizationTrusteeGroupRoledivisions" => Some(json!({"grants": [
            {"roleId": demo::ACME_USER_VIEWER_ROLE, "divisionId": demo::ACME_EMEA}]})),
        _ => None,
    };
    let method = Method::from_bytes(op.method.as_bytes()).expect("method");
    (method, path, body)
}

/// Another organization's ids and names that must not appear in a response unless the caller
/// sent them itself.
fn leaks(text: &str, sent: &str) -> Vec<&'static str> {
    [
        demo::ACME,
        demo::PARTNER,
        "Acme Corp",
        "Partner Co",
        "acme-admin",
        "partner-admin",
    ]
    .into_iter()
    .filter(|needle| text.contains(needle) && !sent.contains(needle))
    .collect()
}

#[tokio::test]
async fn every_orgauthorization_operation_checks_exactly_its_permissions() {
    let ops = matrix_operations();
    assert_eq!(
        ops.len(),
        48,
        "every Organization Authorization operation of the reference"
    );
    let t = TestApp::spawn_with(&matrix_fixture()).await;
    let acme = t.acme_admin().await;
    let partner = t.partner_admin().await;
    let care = t.client_token("care-admin", "care-admin-secret").await;
    for op in ops {
        let pairing = reset(&t, &acme, &partner).await;
        let fresh = partner_pairing(&t, &partner).await;
        match op.id {
            // Creating a trust needs none to exist; reading the Care trust needs one.
            "postOrgauthorizationTrustees" => {
                t.delete(&format!("{OA}/trustees/{}", demo::PARTNER), &acme)
                    .await
                    .expect(204);
            }
            "getOrgauthorizationTrusteesDefault" => {
                t.post(&format!("{OA}/trustees/default"), &acme, json!(null))
                    .await
                    .expect(200);
            }
            _ => {}
        }
        let (method, path, body) = request(op, &pairing, &fresh);
        let sent = format!(
            "{path} {}",
            body.as_ref().map(Value::to_string).unwrap_or_default()
        );

        // Another organization: refused or not found for anything of Acme or Partner, and
        // nothing of theirs in any answer.
        // (It holds no pairing of Partner's: it tries the one Acme already used.)
        let other_body = if op.id == "postOrgauthorizationTrustees" {
            Some(trust_body(&pairing))
        } else {
            body.clone()
        };
        let reply = t.call(method.clone(), &path, Some(&care), other_body).await;
        let status = reply.status.as_u16();
        let names_another_org = op.path.contains('{');
        if names_another_org {
            assert!(
                matches!(status, 403 | 404),
                "{} from another organization: {status} {}",
                op.id,
                reply.text
            );
        } else {
            assert!(status < 500, "{}: {status} {}", op.id, reply.text);
        }
        assert_eq!(
            leaks(&reply.text, &sent),
            Vec::<&str>::new(),
            "{} leaks to another organization: {}",
            op.id,
            reply.text
        );
        // Holding everything else: 403 with the code of the requirement's kind.
        let denied = t
            .client_token(&client_id("deny", op), "matrix-secret")
            .await;
        let reply = t
            .call(method.clone(), &path, Some(&denied), body.clone())
            .await;
        let code = match op.requirement {
            Requirement::All(_) => orgtrust_api::codes::MISSING_PERMISSIONS,
            _ => orgtrust_api::codes::MISSING_ANY_PERMISSIONS,
        };
        assert_eq!(
            reply.status.as_u16(),
            403,
            "{} denied: {}",
            op.id,
            reply.text
        );
        assert_eq!(reply.code(), code, "{} denied: {}", op.id, reply.text);

        // Holding exactly its permissions (each alternative of an ANY; those are all reads):
        // allowed.
        for i in 0..allowed_permissions(op).len() {
            let allowed = t
                .client_token(&client_id(&format!("allow{i}"), op), "matrix-secret")
                .await;
            let reply = t
                .call(method.clone(), &path, Some(&allowed), body.clone())
                .await;
            assert!(
                matches!(reply.status.as_u16(), 200 | 204),
                "{} allowed ({i}): {} {}",
                op.id,
                reply.status,
                reply.text
            );
        }
    }
}

/// The other half, over every operation of the table: holding every permission but the
/// operation's, the caller is refused before the handler runs (so no request body is needed).
#[tokio::test]
async fn every_operation_refuses_a_caller_missing_its_permissions() {
    let ops = guarded_operations();
    assert!(ops.len() > 100, "every guarded operation: {}", ops.len());
    let t = TestApp::spawn_with(&matrix_fixture()).await;
    for op in ops {
        let (method, path, body) = request(op, "pairing", "pairing");
        let denied = t
            .client_token(&client_id("deny", op), "matrix-secret")
            .await;
        let reply = t.call(method, &path, Some(&denied), body).await;
        let code = match op.requirement {
            Requirement::All(_) => orgtrust_api::codes::MISSING_PERMISSIONS,
            _ => orgtrust_api::codes::MISSING_ANY_PERMISSIONS,
        };
        assert_eq!(
            (reply.status.as_u16(), reply.code()),
            (403, code),
            "{} {} denied: {}",
            op.method,
            op.path,
            reply.text
        );
    }
}
