//! `orgtrust pairings ...`: the trustee's half of a new trust. A pairing names the users and
//! groups that want access; its id goes to the trustor, who creates the trust from it within
//! 48 hours.

use clap::Subcommand;
use orgtrust_api::{TrustRequest, TrustRequestCreate};

use super::output::{date, list, opt, record};
use super::{CliError, Ctx};

/// `orgtrust pairings` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Creates a pairing for some of this organization's users and groups.
    Create {
        /// A user who wants access (repeatable).
        #[arg(
            long = "user",
            value_name = "USER_ID",
            required_unless_present = "groups"
        )]
        users: Vec<String>,
        /// A group that wants access (repeatable).
        #[arg(long = "group", value_name = "GROUP_ID")]
        groups: Vec<String>,
    },
    /// Shows a pairing.
    Show {
        /// The pairing id.
        pairing_id: String,
    },
}

/// Runs a `pairings` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    let pairing = match cmd {
        Cmd::Create { users, groups } => {
            let body = TrustRequestCreate {
                user_ids: (!users.is_empty()).then_some(users),
                group_ids: (!groups.is_empty()).then_some(groups),
            };
            c.post_orgauthorization_pairings(&body).await?
        }
        Cmd::Show { pairing_id } => c.get_orgauthorization_pairing(&pairing_id).await?,
    };
    ctx.out.emit(&pairing, show)
}

/// One pairing as a FIELD/VALUE table.
fn show(p: &TrustRequest) -> comfy_table::Table {
    let users: Vec<String> = p
        .users
        .iter()
        .flatten()
        .map(|u| format!("{} ({})", opt(u.name.as_deref()), opt(u.id.as_deref())))
        .collect();
    let groups: Vec<String> = p
        .groups
        .iter()
        .flatten()
        .map(|g| format!("{} ({})", opt(g.name.as_deref()), opt(g.id.as_deref())))
        .collect();
    let trustee = p.trustee.as_ref();
    record([
        ("pairing id", opt(p.id.as_deref())),
        (
            "trustee",
            format!(
                "{} ({})",
                opt(trustee.and_then(|o| o.name.as_deref())),
                opt(trustee.and_then(|o| o.id.as_deref()))
            ),
        ),
        ("users", list(&users)),
        ("groups", list(&groups)),
        ("created", date(p.date_created)),
        (
            "created by",
            opt(p.created_by.as_ref().and_then(|u| u.name.as_deref())),
        ),
    ])
}
