//! OAuth clients (integrations): creating them (the secret is shown only then and on
//! regeneration), changing their settings and roles, deleting them. A deleted client's tokens and
//! a changed client's roles take effect on the next request of its tokens.

use serde_json::{json, Value};

use crate::audit::{diff, Target};
use crate::authz::Authorized;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::ids::ClientId;
use crate::model::{Grant, OAuthClient, Subject};
use crate::permission::Requirement;
use crate::request::RequestMeta;
use crate::secret::{hash_secret, new_client_secret, Secret};

use super::grants::{grant_key, GrantPair};
use super::{check_length, optional, refused, required};

/// The grant types a client may be registered for.
pub const GRANT_TYPES: &[&str] = &[
    "CODE",
    "TOKEN",
    "SAML2-BEARER",
    "PASSWORD",
    "CLIENT-CREDENTIALS",
];

/// The states a client may be put in.
pub const STATES: &[&str] = &["active", "inactive", "disabled"];

/// Shortest and longest token lifetime a client may ask for, in seconds.
pub const VALIDITY_SECONDS: std::ops::RangeInclusive<i64> = 300..=172_800;

/// Granting roles to a client is granting: it needs this besides the client permission.
const GRANT_ADD: Requirement = Requirement::Any(&["authorization:grant:add"]);

/// An OAuth client as the caller sends it (`OAuthClientRequest`).
#[derive(Debug, Clone, Default)]
pub struct ClientInput {
    /// Name (required).
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The grant type (required on create), one of [`GRANT_TYPES`].
    pub grant_type: Option<String>,
    /// Requested scopes.
    pub scope: Option<Vec<String>>,
    /// Redirect URIs (browser grants).
    pub redirect_uris: Option<Vec<String>>,
    /// Token lifetime in seconds.
    pub validity_seconds: Option<i64>,
    /// State, one of [`STATES`].
    pub state: Option<String>,
    /// Role/division pairs granted to the client.
    pub role_divisions: Option<Vec<GrantPair>>,
    /// Roles granted in the home division (deprecated in Genesys, still accepted).
    pub role_ids: Option<Vec<String>>,
}

/// A client with its grants.
#[derive(Debug, Clone)]
pub struct ClientWithGrants {
    /// The client.
    pub client: OAuthClient,
    /// Its role grants.
    pub grants: Vec<Grant>,
}

fn snapshot(c: &OAuthClient, grants: &[Grant]) -> Value {
    json!({
        "name": c.name,
        "description": c.description,
        "authorizedGrantTypes": c.authorized_grant_types,
        "scope": c.scope,
        "registeredRedirectUri": c.registered_redirect_uris,
        "accessTokenValiditySeconds": c.access_token_validity_seconds,
        "state": c.state,
        "roleDivisions": grants.iter().map(grant_key).collect::<Vec<_>>(),
    })
}

fn target(c: &OAuthClient) -> Target<'_> {
    Target {
        entity_type: "OAuthClient",
        id: c.id.as_str(),
        name: Some(&c.name),
    }
}

fn one_of(field: &str, value: String, allowed: &[&str]) -> Result<String> {
    if allowed.contains(&value.as_str()) {
        Ok(value)
    } else {
        Err(Error::invalid_value(
            field,
            format!(
                "Value [{value}] is not valid for [{field}]. Allowable values are: {}",
                allowed.join(", ")
            ),
        ))
    }
}

impl Directory {
    /// The grants a client request asks for, or `None` when it names none at all.
    async fn requested_grants(
        &self,
        principal: &Authorized,
        input: &mut ClientInput,
    ) -> Result<Option<Vec<Grant>>> {
        if input.role_divisions.is_none() && input.role_ids.is_none() {
            return Ok(None);
        }
        let mut grants = self
            .resolve_grants(
                principal,
                "roleDivisions",
                input.role_divisions.take().unwrap_or_default(),
            )
            .await?;
        let role_ids = input.role_ids.take().unwrap_or_default();
        if !role_ids.is_empty() {
            let home = self.home_division(principal).await?.id;
            let pairs = role_ids
                .into_iter()
                .map(|r| GrantPair {
                    role_id: Some(r),
                    division_id: Some(home.to_string()),
                })
                .collect();
            grants.extend(self.resolve_grants(principal, "roleIds", pairs).await?);
            grants.sort();
            grants.dedup();
        }
        Ok(Some(grants))
    }

    fn apply_input(client: &mut OAuthClient, input: ClientInput) -> Result<()> {
        client.name = required("name", input.name)?;
        check_length("name", &client.name)?;
        client.description = optional(input.description);
        if let Some(gt) = input.grant_type {
            client.authorized_grant_types = vec![one_of("authorizedGrantType", gt, GRANT_TYPES)?];
        }
        if client.authorized_grant_types.is_empty() {
            return Err(Error::invalid_value(
                "authorizedGrantType",
                "authorizedGrantType is required.",
            ));
        }
        if let Some(scope) = input.scope {
            client.scope = scope.into_iter().map(|s| s.trim().to_owned()).collect();
        }
        if let Some(uris) = input.redirect_uris {
            client.registered_redirect_uris = uris;
        }
        if let Some(secs) = input.validity_seconds {
            if !VALIDITY_SECONDS.contains(&secs) {
                return Err(Error::invalid_value(
                    "accessTokenValiditySeconds",
                    format!(
                        "accessTokenValiditySeconds must be between {} and {}.",
                        VALIDITY_SECONDS.start(),
                        VALIDITY_SECONDS.end()
                    ),
                ));
            }
            client.access_token_validity_seconds = Some(secs);
        }
        if let Some(state) = input.state {
            client.state = one_of("state", state, STATES)?;
        }
        Ok(())
    }

    /// A client of the caller's organization.
    async fn own_client(&self, principal: &Authorized, id: &ClientId) -> Result<OAuthClient> {
        self.store
            .client(&principal.org_id, id)
            .await?
            .ok_or_else(|| Error::not_found("OAuth client", id))
    }

    /// Every client of the caller's organization with its grants, by name.
    pub async fn oauth_clients(&self, principal: &Authorized) -> Result<Vec<ClientWithGrants>> {
        let mut out = Vec::new();
        for client in self.store.clients(&principal.org_id).await? {
            let grants = self
                .store
                .grants_of(&principal.org_id, &Subject::Client(client.id.clone()))
                .await?;
            out.push(ClientWithGrants { client, grants });
        }
        Ok(out)
    }

    /// One client with its grants.
    pub async fn oauth_client(
        &self,
        principal: &Authorized,
        id: &ClientId,
    ) -> Result<ClientWithGrants> {
        let client = self.own_client(principal, id).await?;
        let grants = self
            .store
            .grants_of(&principal.org_id, &Subject::Client(client.id.clone()))
            .await?;
        Ok(ClientWithGrants { client, grants })
    }

    /// Registers a client; returns it with its secret (shown only now).
    pub async fn create_oauth_client(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        mut input: ClientInput,
    ) -> Result<(ClientWithGrants, Secret)> {
        if input.grant_type.is_none() {
            return Err(Error::invalid_value(
                "authorizedGrantType",
                "authorizedGrantType is required.",
            ));
        }
        let grants = self
            .requested_grants(principal, &mut input)
            .await?
            .unwrap_or_default();
        if !grants.is_empty() {
            principal.require(&GRANT_ADD)?;
            self.escalation
                .check_new_grants(principal, &grants, true)
                .await?;
        }
        let mut client = OAuthClient {
            id: ClientId::generate(),
            org_id: principal.org_id.clone(),
            name: String::new(),
            description: None,
            authorized_grant_types: vec![],
            scope: vec![],
            registered_redirect_uris: vec![],
            access_token_validity_seconds: None,
            state: "active".into(),
            date_created: self.clock.now(),
        };
        Self::apply_input(&mut client, input)?;
        let secret = new_client_secret();
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "create",
            target(&client),
            diff(None, Some(&snapshot(&client, &grants))),
        );
        self.store
            .create_client(&client, &hash_secret(&secret), &grants, &audit)
            .await
            .map_err(refused)?;
        Ok((ClientWithGrants { client, grants }, secret))
    }

    /// Replaces a client's settings, and its roles when the request names any.
    pub async fn update_oauth_client(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &ClientId,
        mut input: ClientInput,
    ) -> Result<ClientWithGrants> {
        let before = self.oauth_client(principal, id).await?;
        let grants = match self.requested_grants(principal, &mut input).await? {
            Some(grants) => {
                if grants != before.grants {
                    principal.require(&GRANT_ADD)?;
                    let new: Vec<_> = grants
                        .iter()
                        .filter(|g| !before.grants.contains(g))
                        .cloned()
                        .collect();
                    self.escalation
                        .check_new_grants(principal, &new, true)
                        .await?;
                }
                grants
            }
            None => before.grants.clone(),
        };
        let mut client = before.client.clone();
        Self::apply_input(&mut client, input)?;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "update",
            target(&client),
            diff(
                Some(&snapshot(&before.client, &before.grants)),
                Some(&snapshot(&client, &grants)),
            ),
        );
        if before.client.state != "active" && client.state == "active" {
            // Active again: the tokens refused meanwhile stay refused (revocation.rs).
            self.revocation
                .revoke_before_client_restore(&client.org_id, &client.id)
                .await?;
        }
        self.store
            .update_client(&client, &grants, &audit)
            .await
            .map_err(refused)?;
        Ok(ClientWithGrants { client, grants })
    }

    /// Deletes a client: its tokens are refused from the next request on.
    pub async fn delete_oauth_client(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &ClientId,
    ) -> Result<()> {
        let before = self.oauth_client(principal, id).await?;
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "delete",
            target(&before.client),
            diff(Some(&snapshot(&before.client, &before.grants)), None),
        );
        self.store
            .delete_client(&principal.org_id, id, self.clock.now(), &audit)
            .await
            .map_err(refused)?;
        self.tokens.entries.retain(|_, (_, t)| &t.client_id != id);
        Ok(())
    }

    /// Replaces a client's secret; returns the client with the new secret (shown only now).
    pub async fn regenerate_oauth_client_secret(
        &self,
        principal: &Authorized,
        meta: &RequestMeta,
        id: &ClientId,
    ) -> Result<(ClientWithGrants, Secret)> {
        let current = self.oauth_client(principal, id).await?;
        let secret = new_client_secret();
        let audit = principal.audit_event(
            self.clock.now(),
            meta,
            "regenerateSecret",
            target(&current.client),
            vec![],
        );
        self.store
            .set_client_secret(&principal.org_id, id, &hash_secret(&secret), &audit)
            .await
            .map_err(refused)?;
        Ok((current, secret))
    }
}
