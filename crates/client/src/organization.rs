//! The Organization API (`/api/v2/organizations/...` and `/api/v2/fieldconfig`): the
//! organization itself, its features and settings, limits and limit change requests, and
//! migrations. One method per operation, named like the official SDKs'.

use orgtrust_api::{
    EmbeddedIntegration, EnforceScopesSetting, FeatureName, FeatureState, FieldConfig,
    FieldConfigEntityType, FreeTrialLimitDocs, IpAddressAuthentication, LimitChangeRequest,
    LimitChangeRequestDetails, LimitChangeRequestStatus, LimitChangeRequestUpdate,
    LimitChangeRequestsEntityListing, LimitDocumentation, LimitsEntityListing, Migration,
    MigrationListing, MigrationState, MigrationType, MigrationUpdate, OrgAuthSettings,
    OrgWhitelistSettings, Organization, OrganizationCreate, OrganizationFeatures,
    PasswordRequirements,
};

use crate::{seg, wire_name, Call, Client, Result};

impl Client {
    /// Delete the organization.
    ///
    /// `DELETE /api/v2/organizations/me`; requires ANY of `internal:organization:terminate`.
    pub async fn delete_organizations_me(&self) -> Result<()> {
        let call = Call::delete("/api/v2/organizations/me".to_owned());
        self.empty(call).await
    }

    /// Fetch field config for an entity type.
    ///
    /// `GET /api/v2/fieldconfig`; no permission required.
    ///
    /// Deprecated by Genesys.
    pub async fn get_fieldconfig(&self, entity_type: FieldConfigEntityType) -> Result<FieldConfig> {
        let call = Call::get("/api/v2/fieldconfig".to_owned())
            .query("type", Some(wire_name(&entity_type)));
        self.json(call).await
    }

    /// Gets the organization's settings.
    ///
    /// `GET /api/v2/organizations/authentication/settings`; requires ANY of
    /// `directory:organization:admin`.
    pub async fn get_organizations_authentication_settings(&self) -> Result<OrgAuthSettings> {
        let call = Call::get("/api/v2/organizations/authentication/settings".to_owned());
        self.json(call).await
    }

    /// Get the list of domains that will be allowed to embed PureCloud applications.
    ///
    /// `GET /api/v2/organizations/embeddedintegration`; no permission required.
    ///
    /// Deprecated by Genesys.
    pub async fn get_organizations_embeddedintegration(&self) -> Result<EmbeddedIntegration> {
        let call = Call::get("/api/v2/organizations/embeddedintegration".to_owned());
        self.json(call).await
    }

    /// Gets the setting for whether or not the organization enforces OAuth Scopes.
    ///
    /// `GET /api/v2/organizations/enforcescopes`; requires ANY of `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn get_organizations_enforcescopes(&self) -> Result<EnforceScopesSetting> {
        let call = Call::get("/api/v2/organizations/enforcescopes".to_owned());
        self.json(call).await
    }

    /// Get organization IP address whitelist settings.
    ///
    /// `GET /api/v2/organizations/ipaddressauthentication`; requires ANY of
    /// `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn get_organizations_ipaddressauthentication(
        &self,
    ) -> Result<IpAddressAuthentication> {
        let call = Call::get("/api/v2/organizations/ipaddressauthentication".to_owned());
        self.json(call).await
    }

    /// Get a limit change request.
    ///
    /// `GET /api/v2/organizations/limits/changerequests/{requestId}`; requires ANY of
    /// `limits:organization:view`.
    pub async fn get_organizations_limits_changerequest(
        &self,
        request_id: &str,
    ) -> Result<LimitChangeRequestDetails> {
        let call = Call::get(format!(
            "/api/v2/organizations/limits/changerequests/{}",
            seg(request_id)
        ));
        self.json(call).await
    }

    /// Get the available limit change requests.
    ///
    /// `GET /api/v2/organizations/limits/changerequests`; requires ANY of
    /// `limits:organization:view`.
    pub async fn get_organizations_limits_changerequests<S: AsRef<str>>(
        &self,
        after: Option<i64>,
        before: Option<i64>,
        status: Option<LimitChangeRequestStatus>,
        page_size: Option<i32>,
        expand: &[S],
    ) -> Result<LimitChangeRequestsEntityListing> {
        let call = Call::get("/api/v2/organizations/limits/changerequests".to_owned())
            .query("after", after)
            .query("before", before)
            .query("status", status.map(|s| s.as_str()))
            .query("pageSize", page_size)
            .query_list("expand", expand);
        self.json(call).await
    }

    /// Get limit documentation.
    ///
    /// `GET /api/v2/organizations/limits/docs`; no permission required.
    pub async fn get_organizations_limits_docs(&self) -> Result<LimitDocumentation> {
        let call = Call::get("/api/v2/organizations/limits/docs".to_owned());
        self.json(call).await
    }

    /// Get free trial limit documentation.
    ///
    /// `GET /api/v2/organizations/limits/docs/freetrial`; no permission required.
    pub async fn get_organizations_limits_docs_freetrial(&self) -> Result<FreeTrialLimitDocs> {
        let call = Call::get("/api/v2/organizations/limits/docs/freetrial".to_owned());
        self.json(call).await
    }

    /// Get the effective limits in a namespace for an organization.
    ///
    /// `GET /api/v2/organizations/limits/namespaces/{namespaceName}`; no permission required.
    pub async fn get_organizations_limits_namespace(
        &self,
        namespace_name: &str,
    ) -> Result<LimitsEntityListing> {
        let call = Call::get(format!(
            "/api/v2/organizations/limits/namespaces/{}",
            seg(namespace_name)
        ));
        self.json(call).await
    }

    /// Get the default limits in a namespace for an organization.
    ///
    /// `GET /api/v2/organizations/limits/namespaces/{namespaceName}/defaults`; no permission
    /// required.
    pub async fn get_organizations_limits_namespace_defaults(
        &self,
        namespace_name: &str,
    ) -> Result<LimitsEntityListing> {
        let call = Call::get(format!(
            "/api/v2/organizations/limits/namespaces/{}/defaults",
            seg(namespace_name)
        ));
        self.json(call).await
    }

    /// Get the available limit namespaces.
    ///
    /// `GET /api/v2/organizations/limits/namespaces`; no permission required.
    pub async fn get_organizations_limits_namespaces(
        &self,
        page_size: Option<i32>,
        page_number: Option<i32>,
    ) -> Result<serde_json::Value> {
        let call = Call::get("/api/v2/organizations/limits/namespaces".to_owned())
            .query("pageSize", page_size)
            .query("pageNumber", page_number);
        self.json(call).await
    }

    /// Get organization.
    ///
    /// `GET /api/v2/organizations/me`; no permission required.
    pub async fn get_organizations_me(&self) -> Result<Organization> {
        let call = Call::get("/api/v2/organizations/me".to_owned());
        self.json(call).await
    }

    /// Get a migration.
    ///
    /// `GET /api/v2/organizations/migrations/{migrationName}`; requires ANY of
    /// `migrations:organization:view`.
    pub async fn get_organizations_migration(
        &self,
        migration_name: &str,
        include_details: Option<bool>,
    ) -> Result<Migration> {
        let call = Call::get(format!(
            "/api/v2/organizations/migrations/{}",
            seg(migration_name)
        ))
        .query("includeDetails", include_details);
        self.json(call).await
    }

    /// Get a migrations state.
    ///
    /// `GET /api/v2/organizations/migrations/{migrationName}/state`; requires ANY of
    /// `migrations:organization:view`.
    pub async fn get_organizations_migration_state(
        &self,
        migration_name: &str,
    ) -> Result<MigrationState> {
        let call = Call::get(format!(
            "/api/v2/organizations/migrations/{}/state",
            seg(migration_name)
        ));
        self.json(call).await
    }

    /// Get all migrations.
    ///
    /// `GET /api/v2/organizations/migrations`; requires ANY of `migrations:organization:view`.
    pub async fn get_organizations_migrations(
        &self,
        migration_type: Option<MigrationType>,
        include_hidden: Option<bool>,
        include_details: Option<bool>,
    ) -> Result<MigrationListing> {
        let call = Call::get("/api/v2/organizations/migrations".to_owned())
            .query("migrationType", migration_type.map(|t| wire_name(&t)))
            .query("includeHidden", include_hidden)
            .query("includeDetails", include_details);
        self.json(call).await
    }

    /// Gets the password requirement settings for the organization.
    ///
    /// `GET /api/v2/organizations/passwordrequirements`; requires ANY of
    /// `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn get_organizations_passwordrequirements(&self) -> Result<PasswordRequirements> {
        let call = Call::get("/api/v2/organizations/passwordrequirements".to_owned());
        self.json(call).await
    }

    /// This route is deprecated, please use /api/v2/organizations/authentication/settings instead.
    ///
    /// `GET /api/v2/organizations/whitelist`; no permission required.
    ///
    /// Deprecated by Genesys.
    pub async fn get_organizations_whitelist(&self) -> Result<OrgWhitelistSettings> {
        let call = Call::get("/api/v2/organizations/whitelist".to_owned());
        self.json(call).await
    }

    /// Update the organization's settings.
    ///
    /// `PATCH /api/v2/organizations/authentication/settings`; requires ANY of
    /// `directory:organization:admin`.
    pub async fn patch_organizations_authentication_settings(
        &self,
        body: &OrgAuthSettings,
    ) -> Result<OrgAuthSettings> {
        let call =
            Call::patch("/api/v2/organizations/authentication/settings".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Update organization.
    ///
    /// `PATCH /api/v2/organizations/features/{featureName}`; requires ANY of
    /// `directory:organization:admin`.
    pub async fn patch_organizations_feature(
        &self,
        feature_name: FeatureName,
        enabled: &FeatureState,
    ) -> Result<OrganizationFeatures> {
        let call = Call::patch(format!(
            "/api/v2/organizations/features/{}",
            seg(feature_name.as_str())
        ))
        .json(enabled)?;
        self.json(call).await
    }

    /// Update a limit change request.
    ///
    /// `PATCH /api/v2/organizations/limits/changerequests/{requestId}`; requires ANY of
    /// `internal:limitChangeRequest:update`.
    pub async fn patch_organizations_limits_changerequest(
        &self,
        request_id: &str,
        body: &LimitChangeRequestUpdate,
    ) -> Result<LimitChangeRequestDetails> {
        let call = Call::patch(format!(
            "/api/v2/organizations/limits/changerequests/{}",
            seg(request_id)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Update a migration.
    ///
    /// `PATCH /api/v2/organizations/migrations/{migrationName}`; requires ANY of
    /// `migrations:organization:edit`.
    pub async fn patch_organizations_migration(
        &self,
        migration_name: &str,
        body: &MigrationUpdate,
    ) -> Result<serde_json::Value> {
        let call = Call::patch(format!(
            "/api/v2/organizations/migrations/{}",
            seg(migration_name)
        ))
        .json(body)?;
        self.json(call).await
    }

    /// Create an organization.
    ///
    /// `POST /api/v2/organizations`; requires ANY of `internal:organization:add`.
    pub async fn post_organizations(&self, body: &OrganizationCreate) -> Result<Organization> {
        let call = Call::post("/api/v2/organizations".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Create a limit change request.
    ///
    /// `POST /api/v2/organizations/limits/changerequests`; requires ANY of
    /// `internal:limitChangeRequest:create`.
    pub async fn post_organizations_limits_changerequests(
        &self,
        body: &LimitChangeRequest,
    ) -> Result<LimitChangeRequestDetails> {
        let call =
            Call::post("/api/v2/organizations/limits/changerequests".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Update the list of domains that will be allowed to embed PureCloud applications.
    ///
    /// `PUT /api/v2/organizations/embeddedintegration`; requires ANY of
    /// `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn put_organizations_embeddedintegration(
        &self,
        body: &EmbeddedIntegration,
    ) -> Result<EmbeddedIntegration> {
        let call = Call::put("/api/v2/organizations/embeddedintegration".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Update the setting for whether or not the organization enforces OAuth Scopes.
    ///
    /// `PUT /api/v2/organizations/enforcescopes`; requires ANY of `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn put_organizations_enforcescopes(
        &self,
        body: &EnforceScopesSetting,
    ) -> Result<EnforceScopesSetting> {
        let call = Call::put("/api/v2/organizations/enforcescopes".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Update organization IP address whitelist settings.
    ///
    /// `PUT /api/v2/organizations/ipaddressauthentication`; requires ANY of
    /// `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn put_organizations_ipaddressauthentication(
        &self,
        body: &IpAddressAuthentication,
    ) -> Result<IpAddressAuthentication> {
        let call =
            Call::put("/api/v2/organizations/ipaddressauthentication".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Update organization.
    ///
    /// `PUT /api/v2/organizations/me`; requires ANY of `directory:organization:admin`.
    pub async fn put_organizations_me(&self, body: &Organization) -> Result<Organization> {
        let call = Call::put("/api/v2/organizations/me".to_owned()).json(body)?;
        self.json(call).await
    }

    /// Updates the password requirement settings for the organization.
    ///
    /// `PUT /api/v2/organizations/passwordrequirements`; requires ANY of
    /// `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn put_organizations_passwordrequirements(
        &self,
        body: &PasswordRequirements,
    ) -> Result<PasswordRequirements> {
        let call = Call::put("/api/v2/organizations/passwordrequirements".to_owned()).json(body)?;
        self.json(call).await
    }

    /// This route is deprecated, please use /api/v2/organizations/authentication/settings instead.
    ///
    /// `PUT /api/v2/organizations/whitelist`; requires ANY of `directory:organization:admin`.
    ///
    /// Deprecated by Genesys.
    pub async fn put_organizations_whitelist(
        &self,
        body: &OrgWhitelistSettings,
    ) -> Result<OrgWhitelistSettings> {
        let call = Call::put("/api/v2/organizations/whitelist".to_owned()).json(body)?;
        self.json(call).await
    }
}
