//! `orgtrust trustees ...`: the trusts this organization grants (it is the trustor): list,
//! show, create from a pairing, enable, disable, expire, delete.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use futures::TryStreamExt;
use orgtrust_api::{RoleDivisionGrants, RoleDivisionPair, TrustCreate, TrustMemberCreate, Trustee};
use serde_json::json;

use super::directory::Names;
use super::output::{date, flag, opt, record, trust_table, TrustRow};
use super::{parse_date, parse_grant, CliError, Ctx};

/// `orgtrust trustees` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Every trust this organization grants.
    List,
    /// One trust, by the trustee organization's id.
    Show {
        /// The trustee organization id.
        trustee_org_id: String,
    },
    /// Creates a trust from a pairing the trustee made. Without --user/--group, every user and
    /// group the pairing names is added; --role/--grant give each of them those roles.
    Create {
        /// The pairing id the trustee gave you.
        #[arg(long)]
        pairing: String,
        /// A trustee user to add (repeatable; must be named by the pairing).
        #[arg(long = "user", value_name = "USER_ID")]
        users: Vec<String>,
        /// A trustee group to add (repeatable; must be named by the pairing).
        #[arg(long = "group", value_name = "GROUP_ID")]
        groups: Vec<String>,
        /// A role of this organization, by id or exact name, granted in every division
        /// (repeatable).
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
        /// A role granted in one division, `ROLE:DIVISION`, each by id or exact name
        /// (repeatable; DIVISION `*` for every division).
        #[arg(long = "grant", value_name = "ROLE:DIVISION", value_parser = parse_grant)]
        grants: Vec<RoleDivisionPair>,
        /// Create it disabled.
        #[arg(long)]
        disabled: bool,
        /// When the trust expires (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        expires: Option<DateTime<Utc>>,
    },
    /// Enables a trust.
    Enable {
        /// The trustee organization id.
        trustee_org_id: String,
    },
    /// Disables a trust: its trustee users lose access at once.
    Disable {
        /// The trustee organization id.
        trustee_org_id: String,
    },
    /// Sets when a trust expires: at a date, now, or never (one of --at, --now, --never).
    #[command(group(clap::ArgGroup::new("when").required(true).args(["at", "now", "never"])))]
    Expire {
        /// The trustee organization id.
        trustee_org_id: String,
        /// The expiry (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        at: Option<DateTime<Utc>>,
        /// Expire it at once: its trustee users lose access.
        #[arg(long)]
        now: bool,
        /// Remove the expiry.
        #[arg(long)]
        never: bool,
    },
    /// Deletes trusts (several ids: one all-or-nothing bulk request).
    Delete {
        /// The trustee organization ids.
        #[arg(required = true)]
        trustee_org_ids: Vec<String>,
    },
}

/// Runs a `trustees` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    match cmd {
        Cmd::List => {
            let all: Vec<Trustee> = c
                .get_orgauthorization_trustees_stream(Some(100))
                .try_collect()
                .await?;
            ctx.out.emit(&all, |all| {
                trust_table(
                    "TRUSTEE ORG ID",
                    all.iter().map(|tr| TrustRow {
                        id: tr.id.as_deref(),
                        name: tr.organization.as_ref().and_then(|o| o.name.as_deref()),
                        enabled: tr.enabled,
                        expires: tr.date_expired,
                        created: tr.date_created,
                    }),
                )
            })
        }
        Cmd::Show { trustee_org_id } => {
            let tr = c.get_orgauthorization_trustee(&trustee_org_id).await?;
            ctx.out.emit(&tr, show)
        }
        Cmd::Create {
            pairing,
            users,
            groups,
            roles,
            grants,
            disabled,
            expires,
        } => {
            let mut names = Names::new(c);
            let roles = names.roles(&roles).await?;
            let grants = names.grants(&grants).await?;
            let (users, groups) = if users.is_empty() && groups.is_empty() {
                // The pairing names who the trustee wants in; take them all.
                let p = c.get_orgauthorization_pairing(&pairing).await?;
                let u = p.users.unwrap_or_default().into_iter().filter_map(|u| u.id);
                let g = p
                    .groups
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|g| g.id);
                (u.collect(), g.collect())
            } else {
                (users, groups)
            };
            let member = |id: String| TrustMemberCreate {
                id: Some(id),
                role_ids: (!roles.is_empty()).then(|| roles.clone()),
                role_divisions: (!grants.is_empty()).then(|| RoleDivisionGrants {
                    grants: Some(grants.clone()),
                }),
            };
            let body = TrustCreate {
                pairing_id: Some(pairing),
                enabled: Some(!disabled),
                users: Some(users.into_iter().map(member).collect()),
                groups: Some(groups.into_iter().map(member).collect()),
                date_expired: expires,
            };
            let tr = c.post_orgauthorization_trustees(&body).await?;
            ctx.out.emit(&tr, show)
        }
        Cmd::Enable { trustee_org_id } => {
            update(&ctx, &trustee_org_id, |t| t.enabled = Some(true)).await
        }
        Cmd::Disable { trustee_org_id } => {
            update(&ctx, &trustee_org_id, |t| t.enabled = Some(false)).await
        }
        Cmd::Expire {
            trustee_org_id,
            at,
            now,
            never: _,
        } => {
            // The group makes exactly one of --at, --now, --never present.
            let when = if now { Some(Utc::now()) } else { at };
            update(&ctx, &trustee_org_id, |t| t.date_expired = when).await
        }
        Cmd::Delete { trustee_org_ids } => {
            if let [one] = trustee_org_ids.as_slice() {
                c.delete_orgauthorization_trustee(one).await?;
            } else {
                c.delete_orgauthorization_trustees(&trustee_org_ids).await?;
            }
            ctx.out.done(
                &json!({"deleted": trustee_org_ids}),
                &format!("deleted trust(s) with {}", trustee_org_ids.join(", ")),
            )
        }
    }
}

/// Reads the trust, changes it, and writes back `enabled` and `dateExpired` together (the PUT
/// replaces both, so the one not being changed is sent as it was).
async fn update(
    ctx: &Ctx,
    trustee_org_id: &str,
    change: impl FnOnce(&mut Trustee),
) -> Result<(), CliError> {
    let c = &ctx.client;
    let mut tr = c.get_orgauthorization_trustee(trustee_org_id).await?;
    change(&mut tr);
    let body = orgtrust_api::TrustUpdate {
        enabled: tr.enabled,
        date_expired: tr.date_expired,
    };
    let tr = c
        .put_orgauthorization_trustee(trustee_org_id, &body)
        .await?;
    ctx.out.emit(&tr, show)
}

/// One trust as a FIELD/VALUE table.
fn show(tr: &Trustee) -> comfy_table::Table {
    let org = tr.organization.as_ref();
    record([
        ("trustee org id", opt(tr.id.as_deref())),
        ("name", opt(org.and_then(|o| o.name.as_deref()))),
        ("enabled", flag(tr.enabled)),
        ("expires", date(tr.date_expired)),
        ("created", date(tr.date_created)),
        (
            "created by",
            opt(tr.created_by.as_ref().and_then(|u| u.name.as_deref())),
        ),
        ("uses default role", flag(tr.uses_default_role)),
        ("full access", flag(tr.has_full_access)),
    ])
}
