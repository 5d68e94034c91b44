//! `orgtrust trustee-users ...`: the trustee users of one trust and the roles they hold in this
//! (the trustor) organization: list, add (many at once, with a progress bar), roles (show or
//! replace), remove.

use clap::{Args, Subcommand};
use futures::TryStreamExt;
use orgtrust_api::{
    RoleDivisionGrants, RoleDivisionPair, TrustMemberCreate, TrustUser, UserAuthorization,
};
use serde_json::json;

use super::directory::Names;
use super::output::{date, list, opt, record, remove_each, table, Bulk};
use super::{parse_grant, CliError, Ctx};

/// `orgtrust trustee-users` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// The trustee users of a trust.
    List {
        /// The trustee organization id.
        trustee_org_id: String,
    },
    /// Adds trustee users to a trust with roles (a user already in it gets these roles).
    Add {
        /// The trustee organization id.
        trustee_org_id: String,
        /// The trustee users (ids in the trustee organization).
        #[arg(required = true)]
        user_ids: Vec<String>,
        #[command(flatten)]
        roles: RoleArgs,
    },
    /// Shows a trustee user's roles here, or replaces them with --role/--grant, or removes them
    /// all with --clear.
    Roles {
        /// The trustee organization id.
        trustee_org_id: String,
        /// The trustee user id.
        user_id: String,
        #[command(flatten)]
        roles: RoleArgs,
        /// Remove every role the user holds here.
        #[arg(long, conflicts_with_all = ["roles", "grants"])]
        clear: bool,
    },
    /// Removes trustee users from a trust.
    Remove {
        /// The trustee organization id.
        trustee_org_id: String,
        /// The trustee users.
        #[arg(required = true)]
        user_ids: Vec<String>,
    },
}

/// Roles to grant: everywhere (`--role`) or per division (`--grant`).
#[derive(Debug, Clone, Args)]
pub struct RoleArgs {
    /// A role of this organization, by id or exact name, granted in every division
    /// (repeatable).
    #[arg(long = "role", value_name = "ROLE")]
    roles: Vec<String>,
    /// A role granted in one division, `ROLE:DIVISION`, each by id or exact name (repeatable;
    /// DIVISION `*` for every division).
    #[arg(long = "grant", value_name = "ROLE:DIVISION", value_parser = parse_grant)]
    grants: Vec<RoleDivisionPair>,
}

impl RoleArgs {
    fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.grants.is_empty()
    }

    /// The same roles and grants with names resolved to ids in the caller's organization.
    async fn resolved(self, c: &orgtrust_client::Client) -> Result<Self, CliError> {
        let mut names = Names::new(c);
        Ok(Self {
            roles: names.roles(&self.roles).await?,
            grants: names.grants(&self.grants).await?,
        })
    }
}

/// Runs a `trustee-users` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    match cmd {
        Cmd::List { trustee_org_id } => {
            let users: Vec<TrustUser> = c
                .get_orgauthorization_trustee_users_stream(&trustee_org_id, Some(100))
                .try_collect()
                .await?;
            ctx.out.emit(&users, |users| {
                let mut t = table(["USER ID", "NAME", "EMAIL", "ADDED"]);
                for u in users {
                    t.add_row([
                        opt(u.id.as_deref()),
                        opt(u.name.as_deref()),
                        opt(u.email.as_deref()),
                        date(u.trust_user_details.as_ref().and_then(|d| d.date_created)),
                    ]);
                }
                t
            })
        }
        Cmd::Add {
            trustee_org_id,
            user_ids,
            roles,
        } => {
            let roles = roles.resolved(c).await?;
            let mut bulk = Bulk::new(user_ids.len(), "adding trustee users", ctx.out);
            let mut added = Vec::new();
            for id in &user_ids {
                let body = TrustMemberCreate {
                    id: Some(id.clone()),
                    role_ids: (!roles.roles.is_empty()).then(|| roles.roles.clone()),
                    role_divisions: (!roles.grants.is_empty()).then(|| RoleDivisionGrants {
                        grants: Some(roles.grants.clone()),
                    }),
                };
                let r = c
                    .post_orgauthorization_trustee_users(&trustee_org_id, &body)
                    .await;
                added.extend(bulk.record(id, r));
            }
            let outcome = ctx.out.emit(&added, |added| {
                let mut t = table(["USER ID", "NAME", "EMAIL"]);
                for u in added {
                    t.add_row([
                        opt(u.id.as_deref()),
                        opt(u.name.as_deref()),
                        opt(u.email.as_deref()),
                    ]);
                }
                t
            });
            bulk.finish().and(outcome)
        }
        Cmd::Roles {
            trustee_org_id,
            user_id,
            roles,
            clear,
        } => {
            if clear {
                c.delete_orgauthorization_trustee_user_roles(&trustee_org_id, &user_id)
                    .await?;
                return ctx.out.done(
                    &json!({"trusteeOrgId": trustee_org_id, "userId": user_id, "roles": []}),
                    &format!("removed every role of {user_id}"),
                );
            }
            let roles = roles.resolved(c).await?;
            let auth = if roles.is_empty() {
                c.get_orgauthorization_trustee_user_roles(&trustee_org_id, &user_id)
                    .await?
            } else if roles.grants.is_empty() {
                c.put_orgauthorization_trustee_user_roles(&trustee_org_id, &user_id, &roles.roles)
                    .await?
            } else {
                // Roles in every division and per-division grants go in one request: a role
                // given with --role is a grant in division `*`.
                let mut grants = roles.grants.clone();
                grants.extend(roles.roles.iter().map(|r| RoleDivisionPair {
                    role_id: Some(r.clone()),
                    division_id: Some("*".into()),
                }));
                let body = RoleDivisionGrants {
                    grants: Some(grants),
                };
                c.put_orgauthorization_trustee_user_roledivisions(&trustee_org_id, &user_id, &body)
                    .await?
            };
            ctx.out.emit(&auth, show_roles)
        }
        Cmd::Remove {
            trustee_org_id,
            user_ids,
        } => {
            remove_each(ctx.out, &user_ids, "trustee user", |id| {
                c.delete_orgauthorization_trustee_user(&trustee_org_id, id)
            })
            .await
        }
    }
}

/// A user's roles and the permissions they give.
fn show_roles(auth: &UserAuthorization) -> comfy_table::Table {
    let roles: Vec<String> = auth
        .roles
        .iter()
        .flatten()
        .map(|r| format!("{} ({})", opt(r.name.as_deref()), opt(r.id.as_deref())))
        .collect();
    record([
        ("roles", list(&roles)),
        (
            "permissions",
            list(auth.permissions.as_deref().unwrap_or(&[])),
        ),
    ])
}
