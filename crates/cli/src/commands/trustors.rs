//! `orgtrust trustors ...`: the trusts other organizations grant this one (it is the
//! trustee): list and show.

use clap::Subcommand;
use futures::TryStreamExt;
use orgtrust_api::Trustor;

use super::output::{date, flag, list, opt, record, trust_table, TrustRow};
use super::{CliError, Ctx};

/// `orgtrust trustors` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Every organization that trusts this one.
    List,
    /// One trust, by the trustor organization's id.
    Show {
        /// The trustor organization id.
        trustor_org_id: String,
    },
}

/// Runs a `trustors` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    match cmd {
        Cmd::List => {
            let all: Vec<Trustor> = c
                .get_orgauthorization_trustors_stream(Some(100))
                .try_collect()
                .await?;
            ctx.out.emit(&all, |all| {
                trust_table(
                    "TRUSTOR ORG ID",
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
        Cmd::Show { trustor_org_id } => {
            let tr = c.get_orgauthorization_trustor(&trustor_org_id).await?;
            ctx.out.emit(&tr, |tr| {
                let org = tr.organization.as_ref();
                let perms = tr
                    .authorization
                    .as_ref()
                    .and_then(|a| a.permissions.as_deref())
                    .unwrap_or(&[]);
                record([
                    ("trustor org id", opt(tr.id.as_deref())),
                    ("name", opt(org.and_then(|o| o.name.as_deref()))),
                    ("enabled", flag(tr.enabled)),
                    ("expires", date(tr.date_expired)),
                    ("created", date(tr.date_created)),
                    (
                        "created by",
                        opt(tr.created_by.as_ref().and_then(|u| u.name.as_deref())),
                    ),
                    ("your permissions", list(perms)),
                ])
            })
        }
    }
}
