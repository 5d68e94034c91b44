//! Applying a fixture plan: upserts by id, all in one transaction.

use std::collections::HashMap;

use async_trait::async_trait;
use orgtrust_core::ids::OrgId;
use orgtrust_core::store::{EntityKind, FixtureOrg, FixturePlan, FixtureStore, StoreResult};
use orgtrust_core::trust::Trust;
use sqlx::Row;

use crate::dialect::DbConn;
use crate::settings::CUSTOMER_CARE;
use crate::sql::rows::{json_list, millis};
use crate::{map_err, Store};

fn table(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Division => ("divisions", "name"),
        EntityKind::Role => ("roles", "name"),
        EntityKind::User => ("users", "email"),
        EntityKind::Group => ("user_groups", "name"),
        EntityKind::Client => ("oauth_clients", "name"),
    }
}

#[async_trait]
impl FixtureStore for Store {
    async fn org_id_by_name(&self, name: &str) -> StoreResult<Option<OrgId>> {
        let id: Option<String> = sqlx::query_scalar(
            "SELECT id FROM organizations WHERE name = $1 ORDER BY date_created LIMIT 1",
        )
        .bind(name)
        .fetch_optional(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(id.map(OrgId::new))
    }

    async fn ids_by_natural_key(
        &self,
        org: &OrgId,
        kind: EntityKind,
    ) -> StoreResult<HashMap<String, String>> {
        let (table, key) = table(kind);
        let extra = if matches!(kind, EntityKind::User | EntityKind::Group) {
            " AND state <> 'deleted'"
        } else {
            ""
        };
        let rows = sqlx::query(&format!(
            "SELECT id, {key} AS k FROM {table} WHERE org_id = $1{extra}"
        ))
        .bind(org.as_str())
        .fetch_all(&self.reader)
        .await
        .map_err(map_err)?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<String, _>("k"), r.get::<String, _>("id")))
            .collect())
    }

    async fn owner_of(&self, kind: EntityKind, id: &str) -> StoreResult<Option<OrgId>> {
        let (table, _) = table(kind);
        let owner: Option<String> =
            sqlx::query_scalar(&format!("SELECT org_id FROM {table} WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.reader)
                .await
                .map_err(map_err)?;
        Ok(owner.map(OrgId::new))
    }

    async fn apply_fixture(&self, plan: &FixturePlan) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(map_err)?;
        apply_plan(&mut tx, plan).await?;
        // An organization the plan edits shows in its trust partners' listings.
        let mut partners = Vec::new();
        for o in &plan.organizations {
            partners.extend(crate::trust_rows::trust_partners(&mut tx, &o.org.id).await?);
        }
        let mut orgs: Vec<&OrgId> = plan.organizations.iter().map(|o| &o.org.id).collect();
        orgs.extend(partners.iter());
        // A trust changes what the trustee's users may do in the trustor.
        orgs.extend(
            plan.trusts
                .iter()
                .flat_map(|t| [&t.trustor_org_id, &t.trustee_org_id]),
        );
        Self::notify(&mut tx, &orgs).await?;
        tx.commit().await.map_err(map_err)?;
        self.bump(&orgs);
        Ok(())
    }
}

/// Writes a fixture plan (organizations, the Customer Care setting, trusts) inside the caller's
/// transaction: used at start and by the emulator's resets.
pub(crate) async fn apply_plan(conn: &mut DbConn, plan: &FixturePlan) -> StoreResult<()> {
    for org in &plan.organizations {
        apply_org(conn, org).await?;
    }
    if let Some(care) = &plan.customer_care {
        let ids: Vec<String> = care.iter().map(ToString::to_string).collect();
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(CUSTOMER_CARE)
            .bind(json_list(&ids))
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
    }
    for t in &plan.trusts {
        apply_trust(conn, t).await?;
    }
    Ok(())
}

/// Creates a trust, or updates the `enabled` and `date_expired` of an existing one (its creation
/// date, creator, pairing and grants are kept).
pub(crate) async fn apply_trust(conn: &mut DbConn, t: &Trust) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO trusts (trustor_org_id, trustee_org_id, enabled, date_created, date_expired, created_by_kind,
             created_by_id, created_by_name, pairing_id, uses_default_role, has_full_access, is_trusted_user)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (trustor_org_id, trustee_org_id) DO UPDATE SET enabled = excluded.enabled,
             date_expired = excluded.date_expired",
    )
    .bind(t.trustor_org_id.as_str())
    .bind(t.trustee_org_id.as_str())
    .bind(t.enabled)
    .bind(millis(t.date_created))
    .bind(t.date_expired.map(millis))
    .bind(t.created_by.kind)
    .bind(&t.created_by.id)
    .bind(&t.created_by.name)
    .bind(&t.pairing_id)
    .bind(t.uses_default_role)
    .bind(t.has_full_access)
    .bind(t.is_trusted_user)
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

pub(crate) async fn apply_org(conn: &mut DbConn, plan: &FixtureOrg) -> StoreResult<()> {
    let o = &plan.org;
    sqlx::query(
        "INSERT INTO organizations (id, name, third_party_org_name, domain, default_language, default_country_code,
             state, version, features, product_platform, date_created)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, third_party_org_name = excluded.third_party_org_name,
             domain = excluded.domain",
    )
    .bind(o.id.as_str())
    .bind(&o.name)
    .bind(&o.third_party_org_name)
    .bind(&o.domain)
    .bind(&o.default_language)
    .bind(&o.default_country_code)
    .bind(o.state.as_str())
    .bind(o.version)
    .bind(serde_json::to_string(&o.features).unwrap_or_else(|_| "{}".into()))
    .bind(&o.product_platform)
    .bind(millis(o.date_created))
    .execute(&mut *conn)
    .await
    .map_err(map_err)?;

    // The home flag moves in two steps so the one-home-per-organization index never sees two.
    sqlx::query("UPDATE divisions SET home = FALSE WHERE org_id = $1")
        .bind(o.id.as_str())
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    for d in &plan.divisions {
        sqlx::query(
            "INSERT INTO divisions (id, org_id, name, description, home) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, home = excluded.home WHERE divisions.org_id = excluded.org_id",
        )
        .bind(d.id.as_str())
        .bind(o.id.as_str())
        .bind(&d.name)
        .bind(&d.description)
        .bind(d.home)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for r in &plan.roles {
        sqlx::query(
            "INSERT INTO roles (id, org_id, name, description, permissions, default_admin) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
                 permissions = excluded.permissions, default_admin = excluded.default_admin
             WHERE roles.org_id = excluded.org_id",
        )
        .bind(r.id.as_str())
        .bind(o.id.as_str())
        .bind(&r.name)
        .bind(&r.description)
        .bind(json_list(&r.permissions))
        .bind(r.default_admin)
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for (u, hash) in &plan.users {
        sqlx::query(
            "INSERT INTO users (id, org_id, name, email, division_id, state, version, password_hash, date_created, date_modified)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, division_id = excluded.division_id,
                 password_hash = COALESCE(excluded.password_hash, users.password_hash)
             WHERE users.org_id = excluded.org_id",
        )
        .bind(u.id.as_str())
        .bind(o.id.as_str())
        .bind(&u.name)
        .bind(&u.email)
        .bind(u.division_id.as_str())
        .bind(u.state.as_str())
        .bind(u.version)
        .bind(hash.as_ref().map(|h| h.0.as_str()))
        .bind(millis(u.date_created))
        .bind(millis(u.date_modified))
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for (g, members) in &plan.groups {
        sqlx::query(
            "INSERT INTO user_groups (id, org_id, name, description, division_id, kind, visibility, rules_visible, state, version, date_created)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE user_groups.org_id = excluded.org_id",
        )
        .bind(g.id.as_str())
        .bind(o.id.as_str())
        .bind(&g.name)
        .bind(&g.description)
        .bind(g.division_id.as_str())
        .bind(&g.kind)
        .bind(&g.visibility)
        .bind(g.rules_visible)
        .bind(&g.state)
        .bind(g.version)
        .bind(millis(g.date_created))
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
        sqlx::query("DELETE FROM group_members WHERE group_id = $1")
            .bind(g.id.as_str())
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
        for m in members {
            sqlx::query("INSERT INTO group_members (group_id, user_id) VALUES ($1, $2)")
                .bind(g.id.as_str())
                .bind(m.as_str())
                .execute(&mut *conn)
                .await
                .map_err(map_err)?;
        }
    }
    for (c, hash) in &plan.clients {
        sqlx::query(
            "INSERT INTO oauth_clients (id, org_id, name, description, secret_hash, authorized_grant_types, scope,
                 registered_redirect_uris, access_token_validity_seconds, state, date_created)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash
             WHERE oauth_clients.org_id = excluded.org_id",
        )
        .bind(c.id.as_str())
        .bind(o.id.as_str())
        .bind(&c.name)
        .bind(&c.description)
        .bind(&hash.0)
        .bind(json_list(&c.authorized_grant_types))
        .bind(json_list(&c.scope))
        .bind(json_list(&c.registered_redirect_uris))
        .bind(c.access_token_validity_seconds)
        .bind(&c.state)
        .bind(millis(c.date_created))
        .execute(&mut *conn)
        .await
        .map_err(map_err)?;
    }
    for (subject, grants) in &plan.grants {
        sqlx::query("DELETE FROM grants WHERE subject_kind = $1 AND subject_id = $2")
            .bind(subject.kind())
            .bind(subject.id())
            .execute(&mut *conn)
            .await
            .map_err(map_err)?;
        for g in grants {
            sqlx::query("INSERT INTO grants (org_id, subject_kind, subject_id, role_id, division) VALUES ($1, $2, $3, $4, $5)")
                .bind(o.id.as_str())
                .bind(subject.kind())
                .bind(subject.id())
                .bind(g.role_id.as_str())
                .bind(g.division.as_key())
                .execute(&mut *conn)
                .await
                .map_err(map_err)?;
        }
    }
    Ok(())
}
