//! The Organization Authorization API (`/api/v2/orgauthorization/...`): trusts seen from the
//! trustor and trustee sides, their users, groups and roles, cloned users, pairings, Customer
//! Care trusts and audits. One method per operation, named like the official SDKs'.

use futures::Stream;
use orgtrust_api::{
    AuditQueryResponse, ClonedUser, ClonedUserEntityListing, RoleDivisionGrants, TrustCreate,
    TrustEntityListing, TrustGroup, TrustGroupEntityListing, TrustMemberCreate, TrustRequest,
    TrustRequestCreate, TrustUpdate, TrustUser, TrustUserEntityListing, Trustee,
    TrusteeAuditQueryRequest, TrusteeReferenceList, Trustor, TrustorAuditQueryRequest,
    TrustorEntityListing, UserAuthorization,
};

use crate::paging::paginate;
use crate::{seg, Call, Client, Result};

impl Client {
    /// Delete Org Trust.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}`; requires ANY of
    /// `authorization:orgTrustee:delete`.
    pub async fn delete_orgauthorization_trustee(&self, trustee_org_id: &str) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustees/{}",
            seg(trustee_org_id)
        ));
        self.empty(call).await
    }

    /// Deletes cloned user.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers/{trusteeUserId}`;
    /// requires ANY of `directory:user:delete`.
    pub async fn delete_orgauthorization_trustee_cloneduser(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustees/{}/clonedusers/{}",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ));
        self.empty(call).await
    }

    /// Delete Trustee Group.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}`; requires
    /// ANY of `authorization:orgTrusteeGroup:delete`.
    pub async fn delete_orgauthorization_trustee_group(
        &self,
        trustee_org_id: &str,
        trustee_group_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustees/{}/groups/{}",
            seg(trustee_org_id),
            seg(trustee_group_id)
        ));
        self.empty(call).await
    }

    /// Delete Trustee Group Roles.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`;
    /// requires ANY of `authorization:orgTrusteeGroup:delete`.
    pub async fn delete_orgauthorization_trustee_group_roles(
        &self,
        trustee_org_id: &str,
        trustee_group_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustees/{}/groups/{}/roles",
            seg(trustee_org_id),
            seg(trustee_group_id)
        ));
        self.empty(call).await
    }

    /// Delete Trustee User.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}`; requires
    /// ANY of `authorization:orgTrusteeUser:delete`.
    pub async fn delete_orgauthorization_trustee_user(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustees/{}/users/{}",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ));
        self.empty(call).await
    }

    /// Delete Trustee User Roles.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`;
    /// requires ANY of `authorization:orgTrusteeUser:delete`.
    pub async fn delete_orgauthorization_trustee_user_roles(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustees/{}/users/{}/roles",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ));
        self.empty(call).await
    }

    /// Delete Bulk Org Trustees.
    ///
    /// `DELETE /api/v2/orgauthorization/trustees`; requires ANY of
    /// `authorization:orgTrustee:delete`.
    pub async fn delete_orgauthorization_trustees<S: AsRef<str>>(&self, id: &[S]) -> Result<()> {
        let call =
            Call::delete("/api/v2/orgauthorization/trustees".to_owned()).query_list("id", id);
        self.empty(call).await
    }

    /// Delete Org Trust.
    ///
    /// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}`; requires ANY of
    /// `authorization:orgTrustor:delete`.
    pub async fn delete_orgauthorization_trustor(&self, trustor_org_id: &str) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustors/{}",
            seg(trustor_org_id)
        ));
        self.empty(call).await
    }

    /// Delete Cloned User.
    ///
    /// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`;
    /// requires ANY of `authorization:orgTrusteeUser:delete`.
    pub async fn delete_orgauthorization_trustor_cloneduser(
        &self,
        trustor_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustors/{}/clonedusers/{}",
            seg(trustor_org_id),
            seg(trustee_user_id)
        ));
        self.empty(call).await
    }

    /// Delete Trustee Group.
    ///
    /// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`; requires
    /// ANY of `authorization:orgTrusteeGroup:delete`.
    pub async fn delete_orgauthorization_trustor_group(
        &self,
        trustor_org_id: &str,
        trustor_group_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustors/{}/groups/{}",
            seg(trustor_org_id),
            seg(trustor_group_id)
        ));
        self.empty(call).await
    }

    /// Delete Trustee User.
    ///
    /// `DELETE /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`; requires
    /// ANY of `authorization:orgTrusteeUser:delete`.
    pub async fn delete_orgauthorization_trustor_user(
        &self,
        trustor_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<()> {
        let call = Call::delete(format!(
            "/api/v2/orgauthorization/trustors/{}/users/{}",
            seg(trustor_org_id),
            seg(trustee_user_id)
        ));
        self.empty(call).await
    }

    /// Delete Bulk Org Trustors.
    ///
    /// `DELETE /api/v2/orgauthorization/trustors`; requires ANY of
    /// `authorization:orgTrustor:delete`.
    pub async fn delete_orgauthorization_trustors<S: AsRef<str>>(&self, id: &[S]) -> Result<()> {
        let call =
            Call::delete("/api/v2/orgauthorization/trustors".to_owned()).query_list("id", id);
        self.empty(call).await
    }

    /// Get Pairing Info.
    ///
    /// `GET /api/v2/orgauthorization/pairings/{pairingId}`; requires ANY of
    /// `authorization:orgTrustee:view`, `authorization:orgTrustor:view`.
    pub async fn get_orgauthorization_pairing(&self, pairing_id: &str) -> Result<TrustRequest> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/pairings/{}",
            seg(pairing_id)
        ));
        self.json(call).await
    }

    /// Get Org Trust.
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}`; requires ANY of
    /// `authorization:orgTrustee:view`.
    pub async fn get_orgauthorization_trustee(&self, trustee_org_id: &str) -> Result<Trustee> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}",
            seg(trustee_org_id)
        ));
        self.json(call).await
    }

    /// The list of cloned users from the trustee organization (i.e. users with a native user
    /// record).
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/clonedusers`; requires ANY of
    /// `directory:user:view`.
    pub async fn get_orgauthorization_trustee_clonedusers(
        &self,
        trustee_org_id: &str,
    ) -> Result<ClonedUserEntityListing> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/clonedusers",
            seg(trustee_org_id)
        ));
        self.json(call).await
    }

    /// Get Trustee Group.
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}`; requires ANY
    /// of `authorization:orgTrusteeGroup:view`.
    pub async fn get_orgauthorization_trustee_group(
        &self,
        trustee_org_id: &str,
        trustee_group_id: &str,
    ) -> Result<TrustGroup> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/groups/{}",
            seg(trustee_org_id),
            seg(trustee_group_id)
        ));
        self.json(call).await
    }

    /// Get Trustee Group Roles.
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`;
    /// requires ANY of `authorization:orgTrusteeGroup:view`.
    pub async fn get_orgauthorization_trustee_group_roles(
        &self,
        trustee_org_id: &str,
        trustee_group_id: &str,
    ) -> Result<UserAuthorization> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/groups/{}/roles",
            seg(trustee_org_id),
            seg(trustee_group_id)
        ));
        self.json(call).await
    }

    /// The list of trustee groups for this organization (i.e. groups granted access to this
    /// organization).
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups`; requires ANY of
    /// `authorization:orgTrusteeGroup:view`.
    pub async fn get_orgauthorization_trustee_groups(
        &self,
        trustee_org_id: &str,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustGroupEntityListing> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/groups",
            seg(trustee_org_id)
        ))
        .query("pageSize", page_size)
        .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Get Trustee User.
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}`; requires ANY
    /// of `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustee_user(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<TrustUser> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/users/{}",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ));
        self.json(call).await
    }

    /// Get Trustee User Roles.
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`; requires
    /// ANY of `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustee_user_roles(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<UserAuthorization> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/users/{}/roles",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ));
        self.json(call).await
    }

    /// The list of trustee users for this organization (i.e. users granted access to this
    /// organization).
    ///
    /// `GET /api/v2/orgauthorization/trustees/{trusteeOrgId}/users`; requires ANY of
    /// `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustee_users(
        &self,
        trustee_org_id: &str,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustUserEntityListing> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustees/{}/users",
            seg(trustee_org_id)
        ))
        .query("pageSize", page_size)
        .query("pageNumber", page_number);
        self.json(call).await
    }

    /// The list of trustees for this organization (i.e. organizations granted access to this
    /// organization).
    ///
    /// `GET /api/v2/orgauthorization/trustees`; requires ANY of `authorization:orgTrustee:view`.
    pub async fn get_orgauthorization_trustees(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustEntityListing> {
        let call = Call::get("/api/v2/orgauthorization/trustees".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Get Customer Care organization ids.
    ///
    /// `GET /api/v2/orgauthorization/trustees/care`; requires ANY of
    /// `authorization:orgTrustee:view`, `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustees_care(&self) -> Result<TrusteeReferenceList> {
        let call = Call::get("/api/v2/orgauthorization/trustees/care".to_owned());
        self.json(call).await
    }

    /// Get organization authorization trust with Customer Care, if one exists.
    ///
    /// `GET /api/v2/orgauthorization/trustees/default`; requires ANY of
    /// `authorization:orgTrustee:view`, `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustees_default(&self) -> Result<Trustee> {
        let call = Call::get("/api/v2/orgauthorization/trustees/default".to_owned());
        self.json(call).await
    }

    /// Get Org Trust.
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}`; requires ANY of
    /// `authorization:orgTrustor:view`.
    pub async fn get_orgauthorization_trustor(&self, trustor_org_id: &str) -> Result<Trustor> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}",
            seg(trustor_org_id)
        ));
        self.json(call).await
    }

    /// Get Cloned User.
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`; requires
    /// ANY of `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustor_cloneduser(
        &self,
        trustor_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<ClonedUser> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}/clonedusers/{}",
            seg(trustor_org_id),
            seg(trustee_user_id)
        ));
        self.json(call).await
    }

    /// The list of cloned users in the trustor organization (i.e. users with a native user record).
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers`; requires ANY of
    /// `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustor_clonedusers(
        &self,
        trustor_org_id: &str,
    ) -> Result<ClonedUserEntityListing> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}/clonedusers",
            seg(trustor_org_id)
        ));
        self.json(call).await
    }

    /// Get Trustee Group.
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`; requires ANY
    /// of `authorization:orgTrusteeGroup:view`.
    pub async fn get_orgauthorization_trustor_group(
        &self,
        trustor_org_id: &str,
        trustor_group_id: &str,
    ) -> Result<TrustGroup> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}/groups/{}",
            seg(trustor_org_id),
            seg(trustor_group_id)
        ));
        self.json(call).await
    }

    /// The list of groups in the trustor organization (i.e. groups granted access).
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/groups`; requires ANY of
    /// `authorization:orgTrusteeGroup:view`.
    pub async fn get_orgauthorization_trustor_groups(
        &self,
        trustor_org_id: &str,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustGroupEntityListing> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}/groups",
            seg(trustor_org_id)
        ))
        .query("pageSize", page_size)
        .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Get Trustee User.
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`; requires ANY
    /// of `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustor_user(
        &self,
        trustor_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<TrustUser> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}/users/{}",
            seg(trustor_org_id),
            seg(trustee_user_id)
        ));
        self.json(call).await
    }

    /// The list of users in the trustor organization (i.e. users granted access).
    ///
    /// `GET /api/v2/orgauthorization/trustors/{trustorOrgId}/users`; requires ANY of
    /// `authorization:orgTrusteeUser:view`.
    pub async fn get_orgauthorization_trustor_users(
        &self,
        trustor_org_id: &str,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustUserEntityListing> {
        let call = Call::get(format!(
            "/api/v2/orgauthorization/trustors/{}/users",
            seg(trustor_org_id)
        ))
        .query("pageSize", page_size)
        .query("pageNumber", page_number);
        self.json(call).await
    }

    /// The list of organizations that have authorized/trusted your organization.
    ///
    /// `GET /api/v2/orgauthorization/trustors`; requires ANY of `authorization:orgTrustor:view`.
    pub async fn get_orgauthorization_trustors(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<TrustorEntityListing> {
        let call = Call::get("/api/v2/orgauthorization/trustors".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number);
        self.json(call).await
    }

    /// A pairing id is created by the trustee and given to the trustor to create a trust.
    ///
    /// `POST /api/v2/orgauthorization/pairings`; requires ANY of `authorization:orgTrustee:add`.
    pub async fn post_orgauthorization_pairings(
        &self,
        body: &TrustRequestCreate,
    ) -> Result<TrustRequest> {
        let call = Call::post("/api/v2/orgauthorization/pairings".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Add a group to the trust.
    ///
    /// `POST /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups`; requires ANY of
    /// `authorization:orgTrusteeGroup:add`.
    pub async fn post_orgauthorization_trustee_groups(
        &self,
        trustee_org_id: &str,
        body: &TrustMemberCreate,
    ) -> Result<TrustGroup> {
        let call = Call::post(format!(
            "/api/v2/orgauthorization/trustees/{}/groups",
            seg(trustee_org_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Add a user to the trust.
    ///
    /// `POST /api/v2/orgauthorization/trustees/{trusteeOrgId}/users`; requires ANY of
    /// `authorization:orgTrusteeUser:add`.
    pub async fn post_orgauthorization_trustee_users(
        &self,
        trustee_org_id: &str,
        body: &TrustMemberCreate,
    ) -> Result<TrustUser> {
        let call = Call::post(format!(
            "/api/v2/orgauthorization/trustees/{}/users",
            seg(trustee_org_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Create a new organization authorization trust. This is required to grant other organizations
    /// access to your organization.
    ///
    /// `POST /api/v2/orgauthorization/trustees`; requires ALL of `authorization:orgTrustee:add`,
    /// `authorization:orgTrusteeUser:add`.
    pub async fn post_orgauthorization_trustees(&self, body: &TrustCreate) -> Result<Trustee> {
        let call = Call::post("/api/v2/orgauthorization/trustees".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Get Org Trustee Audits.
    ///
    /// `POST /api/v2/orgauthorization/trustees/audits`; requires ANY of `authorization:audit:view`.
    ///
    /// The Rust seed returns `serde_json::Value`; this returns the typed
    /// [`AuditQueryResponse`] (unknown properties are ignored).
    pub async fn post_orgauthorization_trustees_audits(
        &self,
        body: &TrusteeAuditQueryRequest,
        page_size: Option<i32>,
        page_number: Option<i32>,
        sort_by: Option<&str>,
        sort_order: Option<&str>,
    ) -> Result<AuditQueryResponse> {
        let call = Call::post("/api/v2/orgauthorization/trustees/audits".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number)
            .query("sortBy", sort_by)
            .query("sortOrder", sort_order)
            .json(body)?;
        self.json(call).await
    }

    /// Create a new organization authorization trust with Customer Care. This is required to grant
    /// your regional Customer Care organization access to your organization.
    ///
    /// `POST /api/v2/orgauthorization/trustees/care`; requires ALL of
    /// `authorization:orgTrustee:add`, `authorization:orgTrusteeUser:add`.
    pub async fn post_orgauthorization_trustees_care(
        &self,
        assign_default_role: Option<bool>,
        auto_expire: Option<bool>,
        assign_full_access: Option<bool>,
        allow_trusted_user_access: Option<bool>,
    ) -> Result<TrustEntityListing> {
        let call = Call::post("/api/v2/orgauthorization/trustees/care".to_owned())
            .query("assignDefaultRole", assign_default_role)
            .query("autoExpire", auto_expire)
            .query("assignFullAccess", assign_full_access)
            .query("allowTrustedUserAccess", allow_trusted_user_access);
        self.json(call).await
    }

    /// Create a new organization authorization trust with Customer Care. This is required to grant
    /// your regional Customer Care organization access to your organization.
    ///
    /// `POST /api/v2/orgauthorization/trustees/default`; requires ALL of
    /// `authorization:orgTrustee:add`, `authorization:orgTrusteeUser:add`.
    pub async fn post_orgauthorization_trustees_default(
        &self,
        assign_default_role: Option<bool>,
        auto_expire: Option<bool>,
    ) -> Result<Trustee> {
        let call = Call::post("/api/v2/orgauthorization/trustees/default".to_owned())
            .query("assignDefaultRole", assign_default_role)
            .query("autoExpire", auto_expire);
        self.json(call).await
    }

    /// Get Org Trustor Audits.
    ///
    /// `POST /api/v2/orgauthorization/trustor/audits`; requires ANY of `authorization:audit:view`.
    ///
    /// The Rust seed returns `serde_json::Value`; this returns the typed
    /// [`AuditQueryResponse`] (unknown properties are ignored).
    pub async fn post_orgauthorization_trustor_audits(
        &self,
        body: &TrustorAuditQueryRequest,
        page_size: Option<i32>,
        page_number: Option<i32>,
        sort_by: Option<&str>,
        sort_order: Option<&str>,
    ) -> Result<AuditQueryResponse> {
        let call = Call::post("/api/v2/orgauthorization/trustor/audits".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number)
            .query("sortBy", sort_by)
            .query("sortOrder", sort_order)
            .json(body)?;
        self.json(call).await
    }

    /// Update Org Trust.
    ///
    /// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}`; requires ANY of
    /// `authorization:orgTrustee:edit`.
    pub async fn put_orgauthorization_trustee(
        &self,
        trustee_org_id: &str,
        body: &TrustUpdate,
    ) -> Result<Trustee> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustees/{}",
            seg(trustee_org_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Update Trustee Group Roles.
    ///
    /// `PUT
    /// /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roledivisions`;
    /// requires ANY of `authorization:orgTrusteeGroup:edit`.
    pub async fn put_orgauthorization_trustee_group_roledivisions(
        &self,
        trustee_org_id: &str,
        trustee_group_id: &str,
        body: &RoleDivisionGrants,
    ) -> Result<UserAuthorization> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustees/{}/groups/{}/roledivisions",
            seg(trustee_org_id),
            seg(trustee_group_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Update Trustee Group Roles.
    ///
    /// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/groups/{trusteeGroupId}/roles`;
    /// requires ANY of `authorization:orgTrusteeGroup:edit`.
    pub async fn put_orgauthorization_trustee_group_roles<R: AsRef<str>>(
        &self,
        trustee_org_id: &str,
        trustee_group_id: &str,
        role_ids: &[R],
    ) -> Result<UserAuthorization> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustees/{}/groups/{}/roles",
            seg(trustee_org_id),
            seg(trustee_group_id)
        ))
        .json(&role_ids.iter().map(AsRef::as_ref).collect::<Vec<&str>>())?;
        self.json(call).await
    }

    /// Update Trustee User Roles.
    ///
    /// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roledivisions`;
    /// requires ANY of `authorization:orgTrusteeUser:edit`.
    pub async fn put_orgauthorization_trustee_user_roledivisions(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
        body: &RoleDivisionGrants,
    ) -> Result<UserAuthorization> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustees/{}/users/{}/roledivisions",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Update Trustee User Roles.
    ///
    /// `PUT /api/v2/orgauthorization/trustees/{trusteeOrgId}/users/{trusteeUserId}/roles`; requires
    /// ANY of `authorization:orgTrusteeUser:edit`.
    pub async fn put_orgauthorization_trustee_user_roles<R: AsRef<str>>(
        &self,
        trustee_org_id: &str,
        trustee_user_id: &str,
        role_ids: &[R],
    ) -> Result<UserAuthorization> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustees/{}/users/{}/roles",
            seg(trustee_org_id),
            seg(trustee_user_id)
        ))
        .json(&role_ids.iter().map(AsRef::as_ref).collect::<Vec<&str>>())?;
        self.json(call).await
    }

    /// Creates a clone of the trustee user in the trustor org.
    ///
    /// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/clonedusers/{trusteeUserId}`; requires
    /// ALL of `authorization:orgTrusteeUser:add`.
    pub async fn put_orgauthorization_trustor_cloneduser(
        &self,
        trustor_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<ClonedUser> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustors/{}/clonedusers/{}",
            seg(trustor_org_id),
            seg(trustee_user_id)
        ));
        self.json(call).await
    }

    /// Add a Trustee Group to the trust.
    ///
    /// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/groups/{trustorGroupId}`; requires ALL
    /// of `authorization:orgTrusteeGroup:add`.
    pub async fn put_orgauthorization_trustor_group(
        &self,
        trustor_org_id: &str,
        trustor_group_id: &str,
    ) -> Result<TrustGroup> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustors/{}/groups/{}",
            seg(trustor_org_id),
            seg(trustor_group_id)
        ));
        self.json(call).await
    }

    /// Add a Trustee user to the trust.
    ///
    /// `PUT /api/v2/orgauthorization/trustors/{trustorOrgId}/users/{trusteeUserId}`; requires ALL
    /// of `authorization:orgTrusteeUser:add`.
    pub async fn put_orgauthorization_trustor_user(
        &self,
        trustor_org_id: &str,
        trustee_user_id: &str,
    ) -> Result<TrustUser> {
        let call = Call::put(format!(
            "/api/v2/orgauthorization/trustors/{}/users/{}",
            seg(trustor_org_id),
            seg(trustee_user_id)
        ));
        self.json(call).await
    }

    // ---- Every page of a listing ----

    /// Every one of the organizations trusted by this one (trustees), fetched page by page
    /// (`page_size` per
    /// request) with [`Client::get_orgauthorization_trustees`].
    pub fn get_orgauthorization_trustees_stream(
        &self,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<Trustee>> + Send + 'static {
        let client = self.clone();
        paginate(move |page| {
            let client = client.clone();
            async move {
                client
                    .get_orgauthorization_trustees(page_size, Some(page))
                    .await
            }
        })
    }

    /// Every one of the organizations that trust this one (trustors), fetched page by page
    /// (`page_size` per
    /// request) with [`Client::get_orgauthorization_trustors`].
    pub fn get_orgauthorization_trustors_stream(
        &self,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<Trustor>> + Send + 'static {
        let client = self.clone();
        paginate(move |page| {
            let client = client.clone();
            async move {
                client
                    .get_orgauthorization_trustors(page_size, Some(page))
                    .await
            }
        })
    }

    /// Every one of the trustee users of the trust with `trustee_org_id`, fetched page by page
    /// (`page_size` per request) with [`Client::get_orgauthorization_trustee_users`].
    pub fn get_orgauthorization_trustee_users_stream(
        &self,
        trustee_org_id: &str,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<TrustUser>> + Send + 'static {
        let client = self.clone();
        let trustee_org_id = trustee_org_id.to_owned();
        paginate(move |page| {
            let client = client.clone();
            let trustee_org_id = trustee_org_id.clone();
            async move {
                client
                    .get_orgauthorization_trustee_users(&trustee_org_id, page_size, Some(page))
                    .await
            }
        })
    }

    /// Every one of the trustee groups of the trust with `trustee_org_id`, fetched page by page
    /// (`page_size` per request) with [`Client::get_orgauthorization_trustee_groups`].
    pub fn get_orgauthorization_trustee_groups_stream(
        &self,
        trustee_org_id: &str,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<TrustGroup>> + Send + 'static {
        let client = self.clone();
        let trustee_org_id = trustee_org_id.to_owned();
        paginate(move |page| {
            let client = client.clone();
            let trustee_org_id = trustee_org_id.clone();
            async move {
                client
                    .get_orgauthorization_trustee_groups(&trustee_org_id, page_size, Some(page))
                    .await
            }
        })
    }

    /// Every one of the users of this organization trusted by `trustor_org_id`, fetched page by
    /// page
    /// (`page_size` per request) with [`Client::get_orgauthorization_trustor_users`].
    pub fn get_orgauthorization_trustor_users_stream(
        &self,
        trustor_org_id: &str,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<TrustUser>> + Send + 'static {
        let client = self.clone();
        let trustor_org_id = trustor_org_id.to_owned();
        paginate(move |page| {
            let client = client.clone();
            let trustor_org_id = trustor_org_id.clone();
            async move {
                client
                    .get_orgauthorization_trustor_users(&trustor_org_id, page_size, Some(page))
                    .await
            }
        })
    }

    /// Every one of the groups of this organization trusted by `trustor_org_id`, fetched page by
    /// page
    /// (`page_size` per request) with [`Client::get_orgauthorization_trustor_groups`].
    pub fn get_orgauthorization_trustor_groups_stream(
        &self,
        trustor_org_id: &str,
        page_size: Option<i32>,
    ) -> impl Stream<Item = Result<TrustGroup>> + Send + 'static {
        let client = self.clone();
        let trustor_org_id = trustor_org_id.to_owned();
        paginate(move |page| {
            let client = client.clone();
            let trustor_org_id = trustor_org_id.clone();
            async move {
                client
                    .get_orgauthorization_trustor_groups(&trustor_org_id, page_size, Some(page))
                    .await
            }
        })
    }
}
