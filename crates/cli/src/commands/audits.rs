//! `orgtrust audits query`: what trustee users did. As the trustor (`--trustee ORG`), what users
//! of those trustee organizations did here; as the trustee (`--trustor ORG`), what this
//! organization's users did in that trustor organization.

use chrono::{DateTime, Utc};
use clap::{ArgGroup, Subcommand};
use orgtrust_api::{AuditQueryResponse, TrusteeAuditQueryRequest, TrustorAuditQueryRequest};

use super::output::{date, opt, table};
use super::{parse_date, CliError, Ctx};

/// `orgtrust audits` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// One page of audit events, newest first unless --sort-order ascending.
    #[command(group(ArgGroup::new("side").required(true).args(["trustees", "trustor"])))]
    Query {
        /// As the trustor: a trustee organization whose users' actions to show (repeatable).
        #[arg(long = "trustee", value_name = "TRUSTEE_ORG_ID")]
        trustees: Vec<String>,
        /// As the trustee: the trustor organization to show this organization's users' actions in.
        #[arg(long, value_name = "TRUSTOR_ORG_ID")]
        trustor: Option<String>,
        /// Only these trustee users (repeatable; all when absent).
        #[arg(long = "user", value_name = "USER_ID")]
        users: Vec<String>,
        /// Events at or after this time (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<DateTime<Utc>>,
        /// Events before this time (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        to: Option<DateTime<Utc>>,
        /// Words the events must contain.
        #[arg(long)]
        query: Option<String>,
        /// Events per page (1-500).
        #[arg(long, default_value_t = 25)]
        page_size: i32,
        /// The page.
        #[arg(long, default_value_t = 1)]
        page: i32,
        /// `ascending` or `descending` (by timestamp).
        #[arg(long)]
        sort_order: Option<String>,
    },
}

/// Runs an `audits` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    let Cmd::Query {
        trustees,
        trustor,
        users,
        from,
        to,
        query,
        page_size,
        page,
        sort_order,
    } = cmd;
    let result = if let Some(trustor) = trustor {
        let body = TrustorAuditQueryRequest {
            trustor_organization_id: Some(trustor),
            trustee_user_ids: Some(users),
            start_date: from,
            end_date: to,
            query_phrase: query,
            ..Default::default()
        };
        c.post_orgauthorization_trustor_audits(
            &body,
            Some(page_size),
            Some(page),
            None,
            sort_order.as_deref(),
        )
        .await?
    } else {
        let body = TrusteeAuditQueryRequest {
            trustee_organization_ids: Some(trustees),
            trustee_user_ids: Some(users),
            start_date: from,
            end_date: to,
            query_phrase: query,
            ..Default::default()
        };
        c.post_orgauthorization_trustees_audits(
            &body,
            Some(page_size),
            Some(page),
            None,
            sort_order.as_deref(),
        )
        .await?
    };
    ctx.out.emit(&result, events)?;
    if !ctx.out.json {
        println!(
            "page {} of {} ({} events)",
            result.page_number.unwrap_or(page),
            result.page_count.unwrap_or(0),
            result.total.unwrap_or(0)
        );
    }
    Ok(())
}

/// The events of a page as a table.
fn events(r: &AuditQueryResponse) -> comfy_table::Table {
    let mut t = table(["TIME", "USER", "ACTION", "ENTITY TYPE", "ENTITY", "STATUS"]);
    for m in r.audit_messages.iter().flatten() {
        let user = m.user.as_ref();
        let entity = m.entity.as_ref();
        t.add_row([
            date(m.timestamp),
            opt(user.and_then(|u| u.name.as_deref().or(u.id.as_deref()))),
            opt(m.action.as_deref()),
            opt(entity.and_then(|e| e.r#type.as_deref())),
            opt(entity.and_then(|e| e.name.as_deref().or(e.id.as_deref()))),
            opt(m.status.as_deref()),
        ]);
    }
    t
}
