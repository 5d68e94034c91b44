//! `orgtrust access report`: who from other organizations can do what in this organization (the
//! trustor's side), from the server's access review (`/orgtrust/v1/access/report`): every row,
//! as a table, as JSON (`--json`) or as CSV (`--csv`) for a spreadsheet or an auditor.

use chrono::{DateTime, Utc};
use clap::Subcommand;
use futures::TryStreamExt;
use orgtrust_api::{
    AccessChange, AccessEntry, AccessGrant, AccessVia, DomainEntityRef, TrustReview,
    TrustReviewRequest,
};
use orgtrust_client::AccessReportFilter;

use super::output::{date, opt, table};
use super::{parse_date, CliError, Ctx};

/// `orgtrust access` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Every trustee user's effective roles here, per division, and the trust member each
    /// comes through.
    Report {
        /// Only this trustee organization.
        #[arg(long = "trustee", value_name = "TRUSTEE_ORG_ID")]
        trustee: Option<String>,
        /// Only rows whose role grants this permission (e.g. `directory:user:view`).
        #[arg(long)]
        permission: Option<String>,
        /// Only rows that apply in this division (granted there or in all divisions).
        #[arg(long, value_name = "DIVISION_ID")]
        division: Option<String>,
        /// CSV on stdout (a header row, then one row per grant).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// What changed in that access between two dates (granted, widened, narrowed, changed,
    /// revoked), oldest first, from the audit trail.
    History {
        /// Changes at or after this time (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<DateTime<Utc>>,
        /// Changes at or before this time (RFC 3339 or YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        to: Option<DateTime<Utc>>,
    },
    /// The reviews this organization requires of its trusts: which are current, due within a
    /// week, or lapsed (their trust disabled).
    Reviews,
    /// Require a trust to be confirmed every DAYS by a reviewer; unconfirmed, the trust is
    /// disabled when its review lapses.
    Require {
        /// The trustee organization of the trust.
        trustee: String,
        /// Days between confirmations (1-3650).
        #[arg(long)]
        every: i64,
        /// The user of this organization who confirms.
        #[arg(long, value_name = "USER_ID")]
        reviewer: String,
    },
    /// As the named reviewer, confirm the trust is still needed.
    Confirm {
        /// The trustee organization of the trust.
        trustee: String,
    },
    /// Stop requiring reviews of a trust.
    Unrequire {
        /// The trustee organization of the trust.
        trustee: String,
    },
}

/// Rows fetched per request.
const PAGE: Option<i32> = Some(500);

fn name(e: &Option<DomainEntityRef>) -> String {
    let e = e.as_ref();
    opt(e.and_then(|e| e.name.as_deref().or(e.id.as_deref())))
}

fn id(e: &Option<DomainEntityRef>) -> String {
    opt(e.as_ref().and_then(|e| e.id.as_deref()))
}

/// An enum's wire name (`granted`, `lapsed`, ...), `-` when absent.
fn wire<T: serde::Serialize>(value: Option<T>) -> String {
    let text = value
        .and_then(|v| serde_json::to_value(v).ok())
        .and_then(|v| v.as_str().map(str::to_owned));
    opt(text.as_deref())
}

fn via(row: &AccessEntry) -> String {
    match row.via {
        Some(AccessVia::User) => "user".to_owned(),
        Some(AccessVia::Group) => format!("group {}", name(&row.group)),
        Some(AccessVia::Organization) => "organization".to_owned(),
        Some(AccessVia::Clone) => format!("clone {}", id(&row.cloned_user)),
        None => "-".to_owned(),
    }
}

/// The CSV columns, one row per grant.
fn write_csv(rows: &[AccessEntry]) -> Result<(), CliError> {
    let failed = |e: csv::Error| CliError::Other(format!("cannot write CSV: {e}"));
    let mut out = csv::Writer::from_writer(std::io::stdout());
    out.write_record([
        "trusteeOrganizationId",
        "trusteeOrganization",
        "userId",
        "user",
        "via",
        "groupId",
        "roleId",
        "role",
        "divisionId",
        "division",
        "permissions",
        "trustDateCreated",
        "trustDateExpired",
    ])
    .map_err(failed)?;
    for r in rows {
        out.write_record([
            id(&r.trustee_organization),
            name(&r.trustee_organization),
            id(&r.user),
            name(&r.user),
            via(r),
            r.group
                .as_ref()
                .and_then(|g| g.id.clone())
                .unwrap_or_default(),
            id(&r.role),
            name(&r.role),
            id(&r.division),
            name(&r.division),
            r.permissions.as_deref().unwrap_or_default().join(" "),
            r.trust_date_created
                .map(|d| date(Some(d)))
                .unwrap_or_default(),
            r.trust_date_expired
                .map(|d| date(Some(d)))
                .unwrap_or_default(),
        ])
        .map_err(failed)?;
    }
    out.flush()
        .map_err(|e| CliError::Other(format!("cannot write CSV: {e}")))
}

/// Runs an `access` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    match cmd {
        Cmd::Report {
            trustee,
            permission,
            division,
            csv,
        } => report(ctx, trustee, permission, division, csv).await,
        Cmd::History { from, to } => history(ctx, from, to).await,
        Cmd::Reviews => {
            let reviews: Vec<TrustReview> =
                ctx.client.get_access_reviews(PAGE, None).await?.entities;
            ctx.out.emit(&reviews, |r| review_table(r))
        }
        Cmd::Require {
            trustee,
            every,
            reviewer,
        } => {
            let body = TrustReviewRequest {
                interval_days: Some(every),
                reviewer_id: Some(reviewer),
            };
            let review = ctx.client.put_access_review(&trustee, &body).await?;
            ctx.out
                .emit(&review, |r| review_table(std::slice::from_ref(r)))
        }
        Cmd::Confirm { trustee } => {
            let review = ctx.client.post_access_review_confirm(&trustee).await?;
            ctx.out
                .emit(&review, |r| review_table(std::slice::from_ref(r)))
        }
        Cmd::Unrequire { trustee } => {
            ctx.client.delete_access_review(&trustee).await?;
            ctx.out.done(
                &serde_json::json!({"trusteeOrgId": trustee}),
                &format!("Reviews of the trust with {trustee} are no longer required."),
            )
        }
    }
}

fn review_table(reviews: &[TrustReview]) -> comfy_table::Table {
    let mut t = table(["TRUSTEE ORG", "EVERY (DAYS)", "REVIEWER", "DUE", "STATE"]);
    for r in reviews {
        t.add_row([
            name(&r.trustee_organization),
            r.interval_days
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
            name(&r.reviewer),
            date(r.date_due),
            wire(r.state),
        ]);
    }
    t
}

fn grants(list: &Option<Vec<AccessGrant>>) -> String {
    let text: Vec<String> = list
        .iter()
        .flatten()
        .map(|g| {
            format!(
                "{}@{}",
                g.role_id.as_deref().unwrap_or("-"),
                g.division_id.as_deref().unwrap_or("*")
            )
        })
        .collect();
    if text.is_empty() {
        "-".to_owned()
    } else {
        text.join(" ")
    }
}

async fn history(
    ctx: Ctx,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<(), CliError> {
    let changes: Vec<AccessChange> = ctx
        .client
        .get_access_history_stream(from, to, PAGE)
        .try_collect()
        .await?;
    ctx.out.emit(&changes, |changes| {
        let mut t = table(["TIME", "CHANGE", "OF", "NAME", "ADDED", "REMOVED", "BY"]);
        for c in changes {
            let entity = c.entity.as_ref();
            t.add_row([
                date(c.timestamp),
                wire(c.kind),
                opt(entity.and_then(|e| e.r#type.as_deref())),
                opt(entity.and_then(|e| e.name.as_deref().or(e.id.as_deref()))),
                grants(&c.added),
                grants(&c.removed),
                name(&c.user),
            ]);
        }
        t
    })
}

async fn report(
    ctx: Ctx,
    trustee: Option<String>,
    permission: Option<String>,
    division: Option<String>,
    csv: bool,
) -> Result<(), CliError> {
    let filter = AccessReportFilter {
        trustee_org_id: trustee,
        permission,
        division_id: division,
    };
    let rows: Vec<AccessEntry> = ctx
        .client
        .get_access_report_stream(filter, PAGE)
        .try_collect()
        .await?;
    if csv {
        return write_csv(&rows);
    }
    ctx.out.emit(&rows, |rows| {
        let mut t = table([
            "TRUSTEE ORG",
            "USER",
            "VIA",
            "ROLE",
            "DIVISION",
            "TRUST EXPIRES",
        ]);
        for r in rows {
            t.add_row([
                name(&r.trustee_organization),
                name(&r.user),
                via(r),
                name(&r.role),
                name(&r.division),
                date(r.trust_date_expired),
            ]);
        }
        t
    })
}
