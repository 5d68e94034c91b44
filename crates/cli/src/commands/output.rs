//! Output of the subcommands: plain column tables (kubectl style, easy to read and to `awk`) or,
//! with `--json`, the API's JSON; and a progress bar on stderr for bulk operations.

use std::future::Future;

use chrono::{DateTime, SecondsFormat, Utc};
use comfy_table::{presets, Table};
use indicatif::{ProgressBar, ProgressStyle};
use orgtrust_client::ClientError;
use serde::Serialize;
use serde_json::json;

use super::CliError;

/// Where and how results are printed.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// `--json`: results as JSON on stdout.
    pub json: bool,
}

impl Output {
    /// Tables, or JSON when `json`.
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Prints `value` as pretty JSON with `--json`, else the table `human` builds from it.
    pub fn emit<T: Serialize>(
        &self,
        value: &T,
        human: impl FnOnce(&T) -> Table,
    ) -> Result<(), CliError> {
        if self.json {
            let text = serde_json::to_string_pretty(value)
                .map_err(|e| CliError::Other(format!("cannot encode the result: {e}")))?;
            println!("{text}");
        } else {
            // Padding leaves spaces at line ends; drop them so output diffs and greps cleanly.
            for line in human(value).to_string().lines() {
                println!("{}", line.trim_end());
            }
        }
        Ok(())
    }

    /// Prints a one-line confirmation for people; with `--json`, `value` instead.
    pub fn done<T: Serialize>(&self, value: &T, message: &str) -> Result<(), CliError> {
        if self.json {
            return self.emit(value, |_| Table::new());
        }
        println!("{message}");
        Ok(())
    }
}

/// A table with these column headers.
pub fn table<const N: usize>(headers: [&str; N]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_header(headers);
    t
}

/// One row of a trust listing: both directions (`Trustee`, `Trustor`) carry the same fields.
pub struct TrustRow<'a> {
    /// The other organization's id.
    pub id: Option<&'a str>,
    /// The other organization's name.
    pub name: Option<&'a str>,
    /// Whether the trust is enabled.
    pub enabled: Option<bool>,
    /// When it expires, if it does.
    pub expires: Option<DateTime<Utc>>,
    /// When it was created.
    pub created: Option<DateTime<Utc>>,
}

/// The table `trustees list` and `trustors list` print; `id_header` names the other side.
pub fn trust_table<'a>(id_header: &str, rows: impl IntoIterator<Item = TrustRow<'a>>) -> Table {
    let mut t = table([id_header, "NAME", "ENABLED", "EXPIRES", "CREATED"]);
    for r in rows {
        t.add_row([
            opt(r.id),
            opt(r.name),
            flag(r.enabled),
            date(r.expires),
            date(r.created),
        ]);
    }
    t
}

/// A two-column FIELD/VALUE table of one entity.
pub fn record<const N: usize>(rows: [(&str, String); N]) -> Table {
    let mut t = table(["FIELD", "VALUE"]);
    for (k, v) in rows {
        t.add_row([k.to_owned(), v]);
    }
    t
}

/// An optional string, `-` when absent.
pub fn opt(v: Option<&str>) -> String {
    v.filter(|s| !s.is_empty()).unwrap_or("-").to_owned()
}

/// An optional flag as `yes`/`no`, `-` when absent.
pub fn flag(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "-".into(),
    }
}

/// An optional date-time as RFC 3339 to the second, `-` when absent.
pub fn date(v: Option<DateTime<Utc>>) -> String {
    v.map_or_else(
        || "-".into(),
        |d| d.to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

/// A list joined with `, `, `-` when empty.
pub fn list<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return "-".into();
    }
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One bulk operation: a progress bar on stderr (drawn only on a terminal and for more than one
/// item), each failure reported as it happens, and the outcome at the end. Items are done one
/// after the other so that the server's rate limits and the order of audit events stay
/// predictable.
pub struct Bulk {
    bar: ProgressBar,
    total: usize,
    failed: usize,
    first_status: Option<u8>,
    json: bool,
}

impl Bulk {
    /// A bulk operation over `total` items, described by `message`.
    pub fn new(total: usize, message: &str, out: Output) -> Self {
        let bar = if total > 1 {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed_precise}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(message.to_owned());
            bar
        } else {
            ProgressBar::hidden()
        };
        Self {
            bar,
            total,
            failed: 0,
            first_status: None,
            json: out.json,
        }
    }

    /// Counts one item's outcome, printing its error (named by `item`) if it failed.
    pub fn record<T>(&mut self, item: &str, result: Result<T, ClientError>) -> Option<T> {
        self.bar.inc(1);
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                let e = CliError::from(e);
                self.failed += 1;
                self.first_status.get_or_insert(e.exit_status());
                let json = self.json;
                self.bar.suspend(|| {
                    if !json {
                        eprint!("{item}: ");
                    }
                    e.report(json);
                });
                None
            }
        }
    }

    /// Clears the bar; an error when any item failed.
    pub fn finish(self) -> Result<(), CliError> {
        self.bar.finish_and_clear();
        if self.failed == 0 {
            return Ok(());
        }
        Err(CliError::Bulk {
            failed: self.failed,
            total: self.total,
            status: self.first_status.unwrap_or(super::EXIT_OTHER),
        })
    }
}

/// Deletes each of `ids` with `delete` (one request each, a progress bar for more than one), then
/// prints `{"removed": [...]}` or "removed N of M <noun>(s)"; an error when any deletion failed
/// (each failure is reported as it happens).
pub async fn remove_each<'a, Fut>(
    out: Output,
    ids: &'a [String],
    noun: &str,
    mut delete: impl FnMut(&'a str) -> Fut,
) -> Result<(), CliError>
where
    Fut: Future<Output = Result<(), ClientError>>,
{
    let mut bulk = Bulk::new(ids.len(), &format!("removing {noun}s"), out);
    let mut removed = Vec::new();
    for id in ids {
        if bulk.record(id, delete(id).await).is_some() {
            removed.push(id.clone());
        }
    }
    let outcome = out.done(
        &json!({ "removed": removed }),
        &format!("removed {} of {} {noun}(s)", removed.len(), ids.len()),
    );
    bulk.finish().and(outcome)
}
