//! `orgtrust org ...`: the organization the profile acts in: details, features, authentication
//! settings, limits.

use clap::Subcommand;
use orgtrust_api::{Limit, Organization};
use serde_json::Value;

use super::output::{flag, list, opt, record, table};
use super::{CliError, Ctx};

/// `orgtrust org` subcommands.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// The organization.
    Show,
    /// Its feature toggles.
    Features,
    /// Its authentication settings (MFA, allowlists, password rules).
    Settings,
    /// Limit namespaces, or the limits of one namespace.
    Limits {
        /// A namespace (e.g. `platform.api`); every namespace's name when absent.
        namespace: Option<String>,
        /// The defaults instead of this organization's effective limits.
        #[arg(long, requires = "namespace")]
        defaults: bool,
    },
}

/// Runs an `org` subcommand.
pub async fn run(ctx: Ctx, cmd: Cmd) -> Result<(), CliError> {
    let c = &ctx.client;
    match cmd {
        Cmd::Show => {
            let org = c.get_organizations_me().await?;
            ctx.out.emit(&org, show)
        }
        Cmd::Features => {
            let org = c.get_organizations_me().await?;
            let features = org.features.unwrap_or_default();
            ctx.out.emit(&features, |features| {
                let mut t = table(["FEATURE", "ENABLED"]);
                for (name, on) in features {
                    t.add_row([name.clone(), flag(Some(*on))]);
                }
                t
            })
        }
        Cmd::Settings => {
            let s = c.get_organizations_authentication_settings().await?;
            ctx.out.emit(&s, |s| {
                let pw = s.password_requirements.clone().unwrap_or_default();
                let num = |v: Option<i32>| v.map_or_else(|| "-".to_owned(), |n| n.to_string());
                record([
                    (
                        "multifactor required",
                        flag(s.multifactor_authentication_required),
                    ),
                    ("domain allowlist enabled", flag(s.domain_allowlist_enabled)),
                    (
                        "domain allowlist",
                        list(s.domain_allowlist.as_deref().unwrap_or(&[])),
                    ),
                    (
                        "ip address allowlist",
                        list(s.ip_address_allowlist.as_deref().unwrap_or(&[])),
                    ),
                    ("universal logout", flag(s.universal_logout)),
                    ("password minimum length", num(pw.minimum_length)),
                    ("password minimum digits", num(pw.minimum_digits)),
                    ("password minimum specials", num(pw.minimum_specials)),
                    ("password expiration days", num(pw.expiration_days)),
                ])
            })
        }
        Cmd::Limits {
            namespace: Some(ns),
            defaults,
        } => {
            let limits = if defaults {
                c.get_organizations_limits_namespace_defaults(&ns).await?
            } else {
                c.get_organizations_limits_namespace(&ns).await?
            };
            ctx.out.emit(&limits.entities, limits_table)
        }
        Cmd::Limits {
            namespace: None, ..
        } => {
            // The listing is untyped in the seed; read `entities[].name/friendlyName` page by page.
            let mut names = Vec::new();
            for page in 1.. {
                let v = c
                    .get_organizations_limits_namespaces(Some(100), Some(page))
                    .await?;
                let entities = v["entities"].as_array().cloned().unwrap_or_default();
                let empty = entities.is_empty();
                names.extend(entities);
                let pages = v["pageCount"].as_i64().unwrap_or(0);
                if empty || i64::from(page) >= pages {
                    break;
                }
            }
            ctx.out.emit(&names, |names| {
                let mut t = table(["NAMESPACE", "DESCRIPTION"]);
                for n in names {
                    t.add_row([text(&n["name"]), text(&n["friendlyName"])]);
                }
                t
            })
        }
    }
}

/// A JSON string field, `-` when absent.
fn text(v: &Value) -> String {
    opt(v.as_str())
}

/// Limits as a table.
fn limits_table(limits: &Vec<Limit>) -> comfy_table::Table {
    let mut t = table(["NAMESPACE", "KEY", "VALUE"]);
    for l in limits {
        t.add_row([
            opt(l.namespace.as_deref()),
            opt(l.key.as_deref()),
            l.value.map_or_else(|| "-".to_owned(), |v| v.to_string()),
        ]);
    }
    t
}

/// The organization as a FIELD/VALUE table.
fn show(o: &Organization) -> comfy_table::Table {
    record([
        ("id", opt(o.id.as_deref())),
        ("name", opt(o.name.as_deref())),
        ("domain", opt(o.domain.as_deref())),
        ("state", opt(o.state.map(|s| s.as_str()))),
        ("default language", opt(o.default_language.as_deref())),
        ("default country", opt(o.default_country_code.as_deref())),
        (
            "third-party org name",
            opt(o.third_party_org_name.as_deref()),
        ),
        (
            "version",
            o.version.map_or_else(|| "-".into(), |v| v.to_string()),
        ),
    ])
}
