//! The operations orgtrust serves under `/api/v2`, each declared once: the reference extract's
//! (`REFERENCE`, generated once from `reference/genesys-orgauth-openapi.json`; the test
//! `operation_table_matches_reference` keeps it equal to that file) and the directory, authorization
//! and token operations served beside them (`DIRECTORY`). These two lists are the table of contents:
//! the router routes exactly them (each behind its permission check), the Swagger document documents
//! exactly them, and the permission and isolation matrices iterate them. orgtrust's own operations
//! (`EXTENSIONS`, under `/orgtrust/v1/`) are declared the same way.
//!
//! To add an operation: declare it in the module of its API (id, method, path, requirement,
//! documentation, handler), and list it here.

pub mod access;
pub mod directory;
pub mod organization;
pub mod orgauthorization;
pub mod requests;

use crate::operation::Operation;

/// The operations of the reference extract (Organization, Organization Authorization).
pub const REFERENCE: &[Operation] = &[
    organization::GET_FIELDCONFIG,
    organization::POST_ORGANIZATIONS,
    organization::GET_ORGANIZATIONS_AUTHENTICATION_SETTINGS,
    organization::PATCH_ORGANIZATIONS_AUTHENTICATION_SETTINGS,
    organization::GET_ORGANIZATIONS_EMBEDDEDINTEGRATION,
    organization::PUT_ORGANIZATIONS_EMBEDDEDINTEGRATION,
    organization::GET_ORGANIZATIONS_ENFORCESCOPES,
    organization::PUT_ORGANIZATIONS_ENFORCESCOPES,
    organization::PATCH_ORGANIZATIONS_FEATURE,
    organization::GET_ORGANIZATIONS_IPADDRESSAUTHENTICATION,
    organization::PUT_ORGANIZATIONS_IPADDRESSAUTHENTICATION,
    organization::GET_ORGANIZATIONS_LIMITS_CHANGEREQUESTS,
    organization::POST_ORGANIZATIONS_LIMITS_CHANGEREQUESTS,
    organization::GET_ORGANIZATIONS_LIMITS_CHANGEREQUEST,
    organization::PATCH_ORGANIZATIONS_LIMITS_CHANGEREQUEST,
    organization::GET_ORGANIZATIONS_LIMITS_DOCS,
    organization::GET_ORGANIZATIONS_LIMITS_DOCS_FREETRIAL,
    organization::GET_ORGANIZATIONS_LIMITS_NAMESPACES,
    organization::GET_ORGANIZATIONS_LIMITS_NAMESPACE,
    organization::GET_ORGANIZATIONS_LIMITS_NAMESPACE_DEFAULTS,
    organization::DELETE_ORGANIZATIONS_ME,
    organization::GET_ORGANIZATIONS_ME,
    organization::PUT_ORGANIZATIONS_ME,
    organization::GET_ORGANIZATIONS_MIGRATIONS,
    organization::GET_ORGANIZATIONS_MIGRATION,
    organization::PATCH_ORGANIZATIONS_MIGRATION,
    organization::GET_ORGANIZATIONS_MIGRATION_STATE,
    organization::GET_ORGANIZATIONS_PASSWORDREQUIREMENTS,
    organization::PUT_ORGANIZATIONS_PASSWORDREQUIREMENTS,
    organization::GET_ORGANIZATIONS_WHITELIST,
    organization::PUT_ORGANIZATIONS_WHITELIST,
    orgauthorization::POST_ORGAUTHORIZATION_PAIRINGS,
    orgauthorization::GET_ORGAUTHORIZATION_PAIRING,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEES,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEES,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTEES,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTEES_AUDITS,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEES_CARE,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTEES_CARE,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEES_DEFAULT,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTEES_DEFAULT,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEE,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTEE,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_CLONEDUSERS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEE_CLONEDUSER,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_GROUPS,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTEE_GROUPS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_GROUP,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLEDIVISIONS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTEE_GROUP_ROLES,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_USERS,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTEE_USERS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEE_USER,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_USER,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLEDIVISIONS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTEE_USER_ROLES,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTEE_USER_ROLES,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTEE_USER_ROLES,
    orgauthorization::POST_ORGAUTHORIZATION_TRUSTOR_AUDITS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTORS,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTORS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTOR,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSERS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTOR_CLONEDUSER,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR_GROUPS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTOR_GROUP,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR_GROUP,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTOR_GROUP,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR_USERS,
    orgauthorization::DELETE_ORGAUTHORIZATION_TRUSTOR_USER,
    orgauthorization::GET_ORGAUTHORIZATION_TRUSTOR_USER,
    orgauthorization::PUT_ORGAUTHORIZATION_TRUSTOR_USER,
];

/// The directory, authorization and token operations orgtrust serves beside the reference.
pub const DIRECTORY: &[Operation] = &[
    directory::GET_TOKENS_ME,
    directory::DELETE_TOKENS_ME,
    directory::GET_USERS,
    directory::POST_USERS,
    directory::GET_USERS_ME,
    directory::GET_USER,
    directory::PATCH_USER,
    directory::DELETE_USER,
    directory::GET_USER_ROLES,
    directory::PUT_USER_ROLES,
    directory::POST_USER_PASSWORD,
    directory::GET_GROUPS,
    directory::POST_GROUPS,
    directory::GET_GROUP,
    directory::PUT_GROUP,
    directory::DELETE_GROUP,
    directory::GET_GROUP_MEMBERS,
    directory::POST_GROUP_MEMBERS,
    directory::DELETE_GROUP_MEMBERS,
    directory::GET_AUTHORIZATION_ROLES,
    directory::POST_AUTHORIZATION_ROLES,
    directory::GET_AUTHORIZATION_ROLE,
    directory::PUT_AUTHORIZATION_ROLE,
    directory::PATCH_AUTHORIZATION_ROLE,
    directory::DELETE_AUTHORIZATION_ROLE,
    directory::GET_AUTHORIZATION_DIVISIONS,
    directory::POST_AUTHORIZATION_DIVISIONS,
    directory::GET_AUTHORIZATION_DIVISIONS_HOME,
    directory::GET_AUTHORIZATION_DIVISION,
    directory::PUT_AUTHORIZATION_DIVISION,
    directory::DELETE_AUTHORIZATION_DIVISION,
    directory::GET_AUTHORIZATION_SUBJECT,
    directory::POST_AUTHORIZATION_SUBJECT_BULKADD,
    directory::POST_AUTHORIZATION_SUBJECT_BULKREMOVE,
    directory::POST_AUTHORIZATION_SUBJECT_BULKREPLACE,
    directory::GET_AUTHORIZATION_PERMISSIONS,
    directory::GET_OAUTH_CLIENTS,
    directory::POST_OAUTH_CLIENTS,
    directory::GET_OAUTH_CLIENT,
    directory::PUT_OAUTH_CLIENT,
    directory::DELETE_OAUTH_CLIENT,
    directory::POST_OAUTH_CLIENT_SECRET,
];

/// orgtrust's own operations, under `/orgtrust/v1/`.
pub const EXTENSIONS: &[Operation] = &[
    // Access review
    access::GET_ACCESS_REPORT,
];

/// Every operation, reference first.
pub fn all() -> impl Iterator<Item = &'static Operation> {
    REFERENCE.iter().chain(DIRECTORY).chain(EXTENSIONS)
}

#[cfg(test)]
mod tests {
    use orgtrust_core::permission::Requirement;

    use super::*;

    /// The table equals the reference: same operationIds, methods, paths and requirements.
    #[test]
    fn operation_table_matches_reference() {
        let text = include_str!("../../../../reference/genesys-orgauth-openapi.json");
        let spec: serde_json::Value = serde_json::from_str(text).expect("reference is JSON");
        let mut expected = Vec::new();
        for (path, methods) in spec["paths"].as_object().expect("paths") {
            for (method, op) in methods.as_object().expect("methods") {
                let req = &op["x-inin-requires-permissions"];
                let perms: Vec<String> = req["permissions"]
                    .as_array()
                    .expect("list")
                    .iter()
                    .map(|p| p.as_str().expect("str").to_owned())
                    .collect();
                let kind = if perms.is_empty() {
                    "NO".to_owned()
                } else {
                    req["type"].as_str().expect("type").to_owned()
                };
                expected.push((
                    op["operationId"].as_str().expect("id").to_owned(),
                    method.to_uppercase(),
                    path.clone(),
                    kind,
                    perms,
                ));
            }
        }
        expected.sort();
        let mut actual: Vec<_> = REFERENCE
            .iter()
            .map(|o| {
                let (kind, perms) = match o.requirement {
                    Requirement::None => ("NO", vec![]),
                    Requirement::Any(p) => ("ANY", p.iter().map(|s| (*s).to_owned()).collect()),
                    Requirement::All(p) => ("ALL", p.iter().map(|s| (*s).to_owned()).collect()),
                };
                (
                    o.id.to_owned(),
                    o.method.to_owned(),
                    o.path.to_owned(),
                    kind.to_owned(),
                    perms,
                )
            })
            .collect();
        actual.sort();
        assert_eq!(actual, expected);
    }

    /// Every permission an operation checks is in the catalogue role editors pick from.
    #[test]
    fn every_checked_permission_is_in_the_catalogue() {
        for op in REFERENCE.iter().chain(DIRECTORY) {
            for p in op.requirement.permissions() {
                assert!(
                    orgtrust_core::catalogue::is_known(p),
                    "{} checks unknown {p}",
                    op.id
                );
            }
        }
    }
}
