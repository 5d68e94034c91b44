//! `orgtrust access report`: who from other organizations can do what in this organization (the
//! trustor's side), from the server's access review (`/orgtrust/v1/access/report`): every row,
//! as a table, as JSON (`--json`) or as CSV (`--csv`) for a spreadsheet or an auditor.

use clap::Subcommand;
use futures::TryStreamExt;
use orgtrust_api::{AccessEntry, AccessVia, DomainEntityRef};
use orgtrust_client::AccessReportFilter;

use super::output::{date, opt, table};
use super::{CliError, Ctx};

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
    let Cmd::Report {
        trustee,
        permission,
        division,
        csv,
    } = cmd;
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
