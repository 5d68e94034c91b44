//! `orgtrust users|groups|roles|divisions list`: the directory of the profile's organization, to
//! find the ids other commands take; and [`Names`], which lets `--role` and `--grant` take a role
//! or division by its exact name instead, resolved in the organization the grant is made in (the
//! profile's).

use clap::Subcommand;
use futures::TryStreamExt;
use orgtrust_api::{AuthzDivision, DomainOrganizationRole, Group, RoleDivisionPair, User};
use orgtrust_client::Client;
use serde::Serialize;

use super::output::{flag, opt, table};
use super::{CliError, Ctx};

/// The directory nouns' subcommand.
#[derive(Debug, Subcommand)]
pub enum ListCmd {
    /// Every one the profile may see, as a table (or the API's JSON with --json).
    List,
}

/// Page size of the directory listings.
const PAGE: Option<i32> = Some(100);

/// `orgtrust users list`.
pub async fn users(ctx: Ctx, ListCmd::List: ListCmd) -> Result<(), CliError> {
    let users: Vec<User> = ctx.client.get_users_stream(PAGE).try_collect().await?;
    ctx.out.emit(&users, |users| {
        let mut t = table(["USER ID", "NAME", "EMAIL", "DIVISION", "STATE"]);
        for u in users {
            t.add_row([
                opt(u.id.as_deref()),
                opt(u.name.as_deref()),
                opt(u.email.as_deref()),
                opt(u.division.as_ref().and_then(|d| d.name.as_deref())),
                wire(&u.state),
            ]);
        }
        t
    })
}

/// `orgtrust groups list`.
pub async fn groups(ctx: Ctx, ListCmd::List: ListCmd) -> Result<(), CliError> {
    let groups: Vec<Group> = ctx.client.get_groups_stream(PAGE).try_collect().await?;
    ctx.out.emit(&groups, |groups| {
        let mut t = table(["GROUP ID", "NAME", "MEMBERS", "STATE"]);
        for g in groups {
            t.add_row([
                opt(g.id.as_deref()),
                opt(g.name.as_deref()),
                g.member_count.map_or_else(|| "-".into(), |n| n.to_string()),
                wire(&g.state),
            ]);
        }
        t
    })
}

/// `orgtrust roles list`.
pub async fn roles(ctx: Ctx, ListCmd::List: ListCmd) -> Result<(), CliError> {
    let roles = all_roles(&ctx.client).await?;
    ctx.out.emit(&roles, |roles| {
        let mut t = table(["ROLE ID", "NAME", "PERMISSIONS"]);
        for r in roles {
            t.add_row([
                opt(r.id.as_deref()),
                opt(r.name.as_deref()),
                super::output::list(r.permissions.as_deref().unwrap_or(&[])),
            ]);
        }
        t
    })
}

/// `orgtrust divisions list`.
pub async fn divisions(ctx: Ctx, ListCmd::List: ListCmd) -> Result<(), CliError> {
    let divisions = all_divisions(&ctx.client).await?;
    ctx.out.emit(&divisions, |divisions| {
        let mut t = table(["DIVISION ID", "NAME", "HOME"]);
        for d in divisions {
            t.add_row([
                opt(d.id.as_deref()),
                opt(d.name.as_deref()),
                flag(d.home_division),
            ]);
        }
        t
    })
}

async fn all_roles(c: &Client) -> Result<Vec<DomainOrganizationRole>, CliError> {
    Ok(c.get_authorization_roles_stream(PAGE, None)
        .try_collect()
        .await?)
}

async fn all_divisions(c: &Client) -> Result<Vec<AuthzDivision>, CliError> {
    Ok(c.get_authorization_divisions_stream(PAGE, None)
        .try_collect()
        .await?)
}

/// An enum field by its wire name (`active`), `-` when absent.
fn wire<T: Serialize>(v: &Option<T>) -> String {
    match v.as_ref().map(serde_json::to_value) {
        Some(Ok(serde_json::Value::String(s))) => s,
        _ => "-".into(),
    }
}

/// Roles and divisions given by id or by exact name, resolved against the profile's
/// organization. A value shaped like an id (a UUID) is taken as given, without a request, so
/// ids keep working for callers who may not list roles or divisions; anything else is looked up
/// (each listing read once): an id of the listing, else exactly one entity with that name.
pub struct Names<'a> {
    client: &'a Client,
    roles: Option<Vec<(String, String)>>,
    divisions: Option<Vec<(String, String)>>,
}

impl<'a> Names<'a> {
    /// Resolves against `client`'s organization.
    pub fn new(client: &'a Client) -> Self {
        Self {
            client,
            roles: None,
            divisions: None,
        }
    }

    /// The id of the role named or identified by `value`.
    pub async fn role(&mut self, value: &str) -> Result<String, CliError> {
        if looks_like_id(value) {
            return Ok(value.to_owned());
        }
        if self.roles.is_none() {
            let all = all_roles(self.client).await?;
            self.roles = Some(all.into_iter().map(|r| (r.id, r.name)).map(pair).collect());
        }
        pick("role", "roles", value, self.roles.as_deref().unwrap_or(&[]))
    }

    /// The id of the division named or identified by `value` (`*`, every division, as is).
    pub async fn division(&mut self, value: &str) -> Result<String, CliError> {
        if value == "*" || looks_like_id(value) {
            return Ok(value.to_owned());
        }
        if self.divisions.is_none() {
            let all = all_divisions(self.client).await?;
            self.divisions = Some(all.into_iter().map(|d| (d.id, d.name)).map(pair).collect());
        }
        pick(
            "division",
            "divisions",
            value,
            self.divisions.as_deref().unwrap_or(&[]),
        )
    }

    /// `--role` values as role ids.
    pub async fn roles(&mut self, values: &[String]) -> Result<Vec<String>, CliError> {
        let mut ids = Vec::with_capacity(values.len());
        for v in values {
            ids.push(self.role(v).await?);
        }
        Ok(ids)
    }

    /// `--grant` values with their role and division as ids.
    pub async fn grants(
        &mut self,
        grants: &[RoleDivisionPair],
    ) -> Result<Vec<RoleDivisionPair>, CliError> {
        let mut out = Vec::with_capacity(grants.len());
        for g in grants {
            out.push(RoleDivisionPair {
                role_id: Some(self.role(g.role_id.as_deref().unwrap_or_default()).await?),
                division_id: Some(
                    self.division(g.division_id.as_deref().unwrap_or_default())
                        .await?,
                ),
            });
        }
        Ok(out)
    }
}

fn pair((id, name): (Option<String>, Option<String>)) -> (String, String) {
    (id.unwrap_or_default(), name.unwrap_or_default())
}

/// Whether `s` is a UUID (8-4-4-4-12 hexadecimal digits), the shape of every Genesys id.
fn looks_like_id(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The id among `known` (id, name) whose id is `value`, else the one whose name is exactly
/// `value`; none or several: a usage error naming the candidates.
fn pick(
    what: &str,
    plural: &str,
    value: &str,
    known: &[(String, String)],
) -> Result<String, CliError> {
    if let Some((id, _)) = known.iter().find(|(id, _)| id == value) {
        return Ok(id.clone());
    }
    let named: Vec<&(String, String)> = known.iter().filter(|(_, n)| n == value).collect();
    match named.as_slice() {
        [(id, _)] => Ok(id.clone()),
        [] => Err(CliError::Usage(format!(
            "no {what} with the id or name {value:?} in this organization (`orgtrust {plural} list` lists them)"
        ))),
        several => Err(CliError::Usage(format!(
            "{} {plural} are named {value:?}; give one by id: {}",
            several.len(),
            several
                .iter()
                .map(|(id, n)| format!("{id} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuids() {
        assert!(looks_like_id("a0000000-0000-4000-8000-000000000022"));
        assert!(!looks_like_id("User Viewer"));
        assert!(!looks_like_id("a0000000-0000-4000-8000-00000000002"));
        assert!(!looks_like_id("g0000000-0000-4000-8000-000000000022"));
    }

    #[test]
    fn names_pick_one_or_say_which() {
        let known = vec![
            ("r1".to_owned(), "Viewer".to_owned()),
            ("r2".to_owned(), "Twin".to_owned()),
            ("r3".to_owned(), "Twin".to_owned()),
        ];
        assert_eq!(
            pick("role", "roles", "Viewer", &known).expect("by name"),
            "r1"
        );
        assert_eq!(pick("role", "roles", "r3", &known).expect("by id"), "r3");
        let Err(CliError::Usage(m)) = pick("role", "roles", "Twin", &known) else {
            panic!("ambiguous")
        };
        assert!(m.contains("r2 (Twin)") && m.contains("r3 (Twin)"), "{m}");
        let Err(CliError::Usage(m)) = pick("role", "roles", "viewer", &known) else {
            panic!("names are exact")
        };
        assert!(m.contains("orgtrust roles list"), "{m}");
    }
}
