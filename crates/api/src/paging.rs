//! The generic paged listing (`*EntityListing`) and its spec-named aliases.

use serde::{Deserialize, Serialize};

use crate::directory::{
    AuthzDivision, DomainOrganizationRole, DomainPermissionCollection, Group, OAuthClient, User,
};
use crate::orgauth::{TrustGroup, TrustUser, Trustee, Trustor};

/// A page of entities, the shape shared by every paged Genesys listing.
///
/// URIs are relative and carry the query (`/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1`);
/// `nextUri`/`previousUri` are omitted when there is no such page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntityListing<T> {
    /// The entities of this page.
    #[serde(default)]
    pub entities: Vec<T>,
    /// Requested page size.
    #[serde(default)]
    pub page_size: i64,
    /// 1-based number of this page.
    #[serde(default)]
    pub page_number: i64,
    /// Total number of entities over all pages.
    #[serde(default)]
    pub total: i64,
    /// Number of pages (`ceil(total / pageSize)`).
    #[serde(default)]
    pub page_count: i64,
    /// URI of the first page.
    #[serde(default)]
    pub first_uri: String,
    /// URI of this page.
    #[serde(default)]
    pub self_uri: String,
    /// URI of the last page.
    #[serde(default)]
    pub last_uri: String,
    /// URI of the next page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_uri: Option<String>,
    /// URI of the previous page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_uri: Option<String>,
}

impl<T> Default for EntityListing<T> {
    fn default() -> Self {
        Self {
            entities: Vec::new(),
            page_size: 0,
            page_number: 0,
            total: 0,
            page_count: 0,
            first_uri: String::new(),
            self_uri: String::new(),
            last_uri: String::new(),
            next_uri: None,
            previous_uri: None,
        }
    }
}

impl<T> EntityListing<T> {
    /// Builds a page and its navigation URIs.
    ///
    /// `entities` is the already-sliced content of page `page_number` (1-based) of size
    /// `page_size` out of `total` entities. `base` is the request path, optionally with other
    /// query parameters (`/api/v2/orgauthorization/trustees` or `/api/v2/users?state=active`);
    /// `pageSize` and `pageNumber` are appended to it. `pageCount` is `ceil(total / pageSize)`;
    /// `lastUri` points at page `max(pageCount, 1)`. `previousUri` is set when
    /// `page_number > 1`, `nextUri` when `page_number < pageCount`.
    pub fn paged(
        entities: Vec<T>,
        page_size: i64,
        page_number: i64,
        total: i64,
        base: &str,
    ) -> Self {
        let page_count = if page_size > 0 {
            (total.max(0) + page_size - 1) / page_size
        } else {
            0
        };
        let sep = if base.contains('?') { '&' } else { '?' };
        let uri = |n: i64| format!("{base}{sep}pageSize={page_size}&pageNumber={n}");
        Self {
            entities,
            page_size,
            page_number,
            total,
            page_count,
            first_uri: uri(1),
            self_uri: uri(page_number),
            last_uri: uri(page_count.max(1)),
            next_uri: (page_number < page_count).then(|| uri(page_number + 1)),
            previous_uri: (page_number > 1).then(|| uri(page_number - 1)),
        }
    }

    /// Converts the entities, keeping the paging fields.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> EntityListing<U> {
        EntityListing {
            entities: self.entities.into_iter().map(f).collect(),
            page_size: self.page_size,
            page_number: self.page_number,
            total: self.total,
            page_count: self.page_count,
            first_uri: self.first_uri,
            self_uri: self.self_uri,
            last_uri: self.last_uri,
            next_uri: self.next_uri,
            previous_uri: self.previous_uri,
        }
    }
}

/// `GET /api/v2/orgauthorization/trustees` (and `POST /trustees/care`).
pub type TrustEntityListing = EntityListing<Trustee>;
/// `GET /api/v2/orgauthorization/trustors`.
pub type TrustorEntityListing = EntityListing<Trustor>;
/// `GET /api/v2/orgauthorization/trustees/{id}/users`, `.../trustors/{id}/users`.
pub type TrustUserEntityListing = EntityListing<TrustUser>;
/// `GET /api/v2/orgauthorization/trustees/{id}/groups`, `.../trustors/{id}/groups`.
pub type TrustGroupEntityListing = EntityListing<TrustGroup>;
/// `GET /api/v2/users`, `GET /api/v2/groups/{id}/members`.
pub type UserEntityListing = EntityListing<User>;
/// `GET /api/v2/groups`.
pub type GroupEntityListing = EntityListing<Group>;
/// `GET /api/v2/authorization/roles`.
pub type OrganizationRoleEntityListing = EntityListing<DomainOrganizationRole>;
/// `GET /api/v2/authorization/divisions`.
pub type AuthzDivisionEntityListing = EntityListing<AuthzDivision>;
/// `GET /api/v2/authorization/permissions`.
pub type PermissionCollectionEntityListing = EntityListing<DomainPermissionCollection>;
/// `GET /api/v2/oauth/clients`.
pub type OAuthClientEntityListing = EntityListing<OAuthClient>;
/// Alias of [`OAuthClientEntityListing`] (the SDK's name for the `GET /api/v2/oauth/clients`
/// response is `OAuthClientEntityListing`).
pub type OAuthClientListing = OAuthClientEntityListing;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paged_middle_page() {
        let page = EntityListing::paged(vec![1, 2], 2, 2, 5, "/api/v2/orgauthorization/trustees");
        assert_eq!(page.page_count, 3);
        assert_eq!(
            page.first_uri,
            "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1"
        );
        assert_eq!(
            page.self_uri,
            "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=2"
        );
        assert_eq!(
            page.last_uri,
            "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=3"
        );
        assert_eq!(
            page.next_uri.as_deref(),
            Some("/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=3")
        );
        assert_eq!(
            page.previous_uri.as_deref(),
            Some("/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1")
        );
    }

    #[test]
    fn paged_single_and_empty() {
        let page = EntityListing::paged(vec!["a"], 25, 1, 1, "/api/v2/users?state=active");
        assert_eq!(page.page_count, 1);
        assert_eq!(
            page.self_uri,
            "/api/v2/users?state=active&pageSize=25&pageNumber=1"
        );
        assert_eq!(page.next_uri, None);
        assert_eq!(page.previous_uri, None);

        let empty = EntityListing::<String>::paged(vec![], 25, 1, 0, "/api/v2/users");
        assert_eq!(empty.page_count, 0);
        assert_eq!(empty.last_uri, "/api/v2/users?pageSize=25&pageNumber=1");
        assert_eq!(empty.next_uri, None);
        let json = serde_json::to_value(&empty).expect("serialize");
        assert_eq!(json["entities"], serde_json::json!([]));
        assert!(json.get("nextUri").is_none());
        assert!(json.get("previousUri").is_none());
    }

    #[test]
    fn map_keeps_paging() {
        let page = EntityListing::paged(vec![1, 2], 2, 1, 2, "/x").map(|n| n * 10);
        assert_eq!(page.entities, vec![10, 20]);
        assert_eq!(page.total, 2);
        assert_eq!(page.self_uri, "/x?pageSize=2&pageNumber=1");
    }
}
