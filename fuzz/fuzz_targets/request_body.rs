//! The JSON body extractor over every request type a handler accepts: any bytes give either a
//! value or a 4xx Genesys error, never a panic or a 5xx; an accepted value holds no NUL and
//! re-serializes into a body the extractor accepts again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orgtrust_api::*;
use orgtrust_server::extract::parse_json;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn check<T: DeserializeOwned + Serialize>(bytes: &[u8]) {
    match parse_json::<T>(bytes) {
        Ok(value) => {
            let again = serde_json::to_vec(&value).expect("an accepted body serializes");
            // No accepted body carries a NUL to the store (orgtrust_core::input).
            assert_eq!(
                orgtrust_core::input::nul_in_json_text(&again),
                None,
                "an accepted body holds a NUL: {}",
                String::from_utf8_lossy(&again)
            );
            if let Err(e) = parse_json::<T>(&again) {
                panic!(
                    "accepted body does not round-trip: {} ({})",
                    String::from_utf8_lossy(&again),
                    e.body().message.clone().unwrap_or_default()
                );
            }
        }
        Err(e) => assert!(
            e.status().is_client_error(),
            "a body was refused with {}",
            e.status()
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    match selector % 30 {
        0 => check::<RoleDivisionGrants>(body),
        1 => check::<TrustMemberCreate>(body),
        2 => check::<OAuthClientRequest>(body),
        3 => check::<DomainOrganizationRole>(body),
        4 => check::<AuthzDivision>(body),
        5 => check::<UpdateUser>(body),
        6 => check::<TrustorAuditQueryRequest>(body),
        7 => check::<TrusteeAuditQueryRequest>(body),
        8 => check::<TrustUpdate>(body),
        9 => check::<TrustRequestCreate>(body),
        10 => check::<TrustCreate>(body),
        11 => check::<PasswordRequirements>(body),
        12 => check::<OrganizationCreate>(body),
        13 => check::<Organization>(body),
        14 => check::<OrgWhitelistSettings>(body),
        15 => check::<OrgAuthSettings>(body),
        16 => check::<MigrationUpdate>(body),
        17 => check::<LimitChangeRequestUpdate>(body),
        18 => check::<LimitChangeRequest>(body),
        19 => check::<IpAddressAuthentication>(body),
        20 => check::<GroupUpdate>(body),
        21 => check::<GroupMembersUpdate>(body),
        22 => check::<GroupCreate>(body),
        23 => check::<FeatureState>(body),
        24 => check::<EnforceScopesSetting>(body),
        25 => check::<EmbeddedIntegration>(body),
        26 => check::<DomainOrganizationRoleUpdate>(body),
        27 => check::<CreateUser>(body),
        28 => check::<ChangePasswordRequest>(body),
        _ => check::<Vec<String>>(body),
    }
});
