//! The directory listings orgtrust serves beside the two API groups (`/api/v2/users`,
//! `/api/v2/groups`, `/api/v2/authorization/roles`, `/api/v2/authorization/divisions`): what an
//! administrator needs to find the ids the other operations take. Named like the official SDKs'
//! `UsersApi`, `GroupsApi` and `AuthorizationApi` methods.

use futures::Stream;
use orgtrust_api::{
    AuthzDivision, AuthzDivisionEntityListing, DomainOrganizationRole, Group, GroupEntityListing,
    OrganizationRoleEntityListing, User, UserEntityListing,
};

use crate::{paginate, Call, Client, Result};

impl Client {
    /// Get the list of available users (those in divisions where the caller may view users).
    ///
    /// `GET /api/v2/users`; requires ANY of `directory:user:view`.
    pub async fn get_users(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<UserEntityListing> {
        let call = Call::get("/api/v2/users".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Get a group list (those in divisions where the caller may view groups).
    ///
    /// `GET /api/v2/groups`; requires ANY of `directory:group:view`.
    pub async fn get_groups(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<GroupEntityListing> {
        let call = Call::get("/api/v2/groups".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Retrieve a list of all roles defined for the organization; `name` keeps those whose name
    /// contains it (case-insensitive).
    ///
    /// `GET /api/v2/authorization/roles`; requires ANY of `authorization:role:view`.
    pub async fn get_authorization_roles(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
        name: Option<&str>,
    ) -> Result<OrganizationRoleEntityListing> {
        let call = Call::get("/api/v2/authorization/roles".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number)
            .query("name", name);
        self.json(call).await
    }

    /// Retrieve a list of all divisions defined for the organization; `name` keeps those whose
    /// name contains it (case-insensitive).
    ///
    /// `GET /api/v2/authorization/divisions`; requires ANY of `authorization:division:view`.
    pub async fn get_authorization_divisions(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
        name: Option<&str>,
    ) -> Result<AuthzDivisionEntityListing> {
        let call = Call::get("/api/v2/authorization/divisions".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number)
            .query("name", name);
        self.json(call).await
    }

    /// Every user the caller may view, fetched page by page with [`Client::get_users`].
    pub fn get_users_stream(
        &self,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<User>> + Send + 'static {
        let client = self.clone();
        paginate(move |page| {
            let client = client.clone();
            async move { client.get_users(page_size, Some(page)).await }
        })
    }

    /// Every group the caller may view, fetched page by page with [`Client::get_groups`].
    pub fn get_groups_stream(
        &self,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<Group>> + Send + 'static {
        let client = self.clone();
        paginate(move |page| {
            let client = client.clone();
            async move { client.get_groups(page_size, Some(page)).await }
        })
    }

    /// Every role of the organization (whose name contains `name`, when given), fetched page by
    /// page with [`Client::get_authorization_roles`].
    pub fn get_authorization_roles_stream(
        &self,
        page_size: Option<i32>,
        name: Option<&str>,
    ) -> impl Stream<Item = Result<DomainOrganizationRole>> + Send + 'static {
        let client = self.clone();
        let name = name.map(str::to_owned);
        paginate(move |page| {
            let client = client.clone();
            let name = name.clone();
            async move {
                client
                    .get_authorization_roles(page_size, Some(page), name.as_deref())
                    .await
            }
        })
    }

    /// Every division of the organization (whose name contains `name`, when given), fetched
    /// page by page with [`Client::get_authorization_divisions`].
    pub fn get_authorization_divisions_stream(
        &self,
        page_size: Option<i32>,
        name: Option<&str>,
    ) -> impl Stream<Item = Result<AuthzDivision>> + Send + 'static {
        let client = self.clone();
        let name = name.map(str::to_owned);
        paginate(move |page| {
            let client = client.clone();
            let name = name.clone();
            async move {
                client
                    .get_authorization_divisions(page_size, Some(page), name.as_deref())
                    .await
            }
        })
    }
}
