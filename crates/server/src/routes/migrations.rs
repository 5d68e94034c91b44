//! `/api/v2/organizations/migrations` (internal): the migrations catalogue with the caller's
//! organization's states.

use axum::extract::{Path, State};
use orgtrust_api::{Migration, MigrationListing, MigrationState, MigrationUpdate};
use orgtrust_core::migrations::{MigrationFilter, MigrationView};

use crate::auth::Auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::state::AppState;

fn to_wire(m: &MigrationView, details: bool) -> Migration {
    Migration {
        name: Some(m.def.name.to_owned()),
        enabled: Some(m.enabled),
        configurable: Some(m.def.configurable),
        date_available: details.then(|| m.date_available()),
        date_due: if details { m.date_due() } else { None },
        description: details.then(|| m.def.description.to_owned()),
        documentation_link: details.then(|| m.def.documentation_link.to_owned()),
        display_name: details.then(|| m.def.display_name.to_owned()),
        self_uri: Some(format!("/api/v2/organizations/migrations/{}", m.def.name)),
    }
}

/// `GET /api/v2/organizations/migrations?migrationType&includeHidden&includeDetails`.
pub async fn get_migrations(
    State(state): State<AppState>,
    auth: Auth,
    query: Query,
) -> ApiResult<axum::Json<MigrationListing>> {
    let p = &auth.caller;
    let filter = match query.get("migrationType") {
        None | Some("") | Some("All") => MigrationFilter::All,
        Some("Enabled") => MigrationFilter::Enabled,
        Some("Disabled") => MigrationFilter::Disabled,
        Some(other) => {
            return Err(ApiError::invalid_value(
                "migrationType",
                other,
                format!("Value [{other}] is not valid for [migrationType]. Allowable values are: Enabled, Disabled, All"),
            ))
        }
    };
    let include_hidden = query.bool("includeHidden")?.unwrap_or(false);
    let details = query.bool("includeDetails")?.unwrap_or(false);
    let list = state
        .app
        .organizations
        .migrations(p, filter, include_hidden)
        .await?;
    Ok(axum::Json(MigrationListing {
        entities: list.iter().map(|m| to_wire(m, details)).collect(),
    }))
}

/// `GET /api/v2/organizations/migrations/{migrationName}?includeDetails`.
pub async fn get_migration(
    State(state): State<AppState>,
    auth: Auth,
    Path(name): Path<String>,
    query: Query,
) -> ApiResult<axum::Json<Migration>> {
    let p = &auth.caller;
    let details = query.bool("includeDetails")?.unwrap_or(false);
    let m = state.app.organizations.migration(p, &name).await?;
    Ok(axum::Json(to_wire(&m, details)))
}

/// `GET /api/v2/organizations/migrations/{migrationName}/state`.
pub async fn get_migration_state(
    State(state): State<AppState>,
    auth: Auth,
    Path(name): Path<String>,
) -> ApiResult<axum::Json<MigrationState>> {
    let p = &auth.caller;
    let m = state.app.organizations.migration(p, &name).await?;
    Ok(axum::Json(MigrationState {
        enabled: Some(m.enabled),
    }))
}

/// `PATCH /api/v2/organizations/migrations/{migrationName}` with `{"enabled": bool}`; only
/// configurable migrations (400 otherwise). Answers the migration with its details.
pub async fn patch_migration(
    State(state): State<AppState>,
    auth: Auth,
    Path(name): Path<String>,
    Json(body): Json<MigrationUpdate>,
) -> ApiResult<axum::Json<Migration>> {
    let p = &auth.caller;
    let m = state
        .app
        .organizations
        .set_migration(p, &auth.meta, &name, body.enabled)
        .await?;
    Ok(axum::Json(to_wire(&m, true)))
}
