//! `orgtrust clones ...`: cloned users, native user records of this (trustee) organization's
//! users in a trustor organization: add (many at once, with a progress bar), list, remove.

use clap::Subcommand;
use orgtrust_api::ClonedUser;

use super::output::{opt, remove_each, table, Bulk};
use super::{CliError, Ctx};

/// `orgtrust clones` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Clones users of this organization into a trustor organization.
    Add {
        /// The trustor organization id.
        trustor_org_id: String,
        /// Users of this organization (trustee users of the trust).
        #[arg(required = true)]
        user_ids: Vec<String>,
    },
    /// The cloned users in a trustor organization.
    List {
        /// The trustor organization id.
        trustor_org_id: String,
    },
    /// Deletes cloned users.
    Remove {
        /// The trustor organization id.
        trustor_org_id: String,
        /// The users whose clones to delete.
        #[arg(required = true)]
        user_ids: Vec<String>,
    },
}

/// Runs a `clones` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    match cmd {
        Cmd::Add {
            trustor_org_id,
            user_ids,
        } => {
            let mut bulk = Bulk::new(user_ids.len(), "cloning users", ctx.out);
            let mut made = Vec::new();
            for id in &user_ids {
                let r = c
                    .put_orgauthorization_trustor_cloneduser(&trustor_org_id, id)
                    .await;
                made.extend(bulk.record(id, r));
            }
            let outcome = ctx.out.emit(&made, clones_table);
            bulk.finish().and(outcome)
        }
        Cmd::List { trustor_org_id } => {
            let listing = c
                .get_orgauthorization_trustor_clonedusers(&trustor_org_id)
                .await?;
            ctx.out.emit(&listing.entities, clones_table)
        }
        Cmd::Remove {
            trustor_org_id,
            user_ids,
        } => {
            remove_each(ctx.out, &user_ids, "cloned user", |id| {
                c.delete_orgauthorization_trustor_cloneduser(&trustor_org_id, id)
            })
            .await
        }
    }
}

/// Cloned users as a table.
fn clones_table(clones: &Vec<ClonedUser>) -> comfy_table::Table {
    let mut t = table(["CLONE ID", "NAME", "TRUSTOR"]);
    for cl in clones {
        t.add_row([
            opt(cl.id.as_deref()),
            opt(cl.name.as_deref()),
            opt(cl
                .trustor
                .as_ref()
                .and_then(|o| o.name.as_deref().or(o.id.as_deref()))),
        ]);
    }
    t
}
