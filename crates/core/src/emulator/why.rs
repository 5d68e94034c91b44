//! "Why was I refused" (emulator mode only): the explanation of a refusal, as the entries the
//! server appends to the 403's (or the cross-organization 401's) `details`.
//!
//! Computed after the fact, from the caller, the refused requirement and the authorization
//! indexes, and only when a request was refused: the permission check itself (the allow path)
//! neither records nor computes anything for it. The format of each entry is documented on
//! [`WhyDetail`] and in the README ("Emulator").

use chrono::{DateTime, SecondsFormat, Utc};

use crate::auth::Authentication;
use crate::authz::cross_org_permissions;
use crate::authz::Authz;
use crate::authz::{OrgIndex, Principal, PrincipalKind};
use crate::clock::Clock;
use crate::cross_org::TrustRefusal;
use crate::error::Result;
use crate::ids::{DivisionId, OrgId, RoleId};
use crate::model::Grant;
use crate::permission::{Denial, DivisionGrant, Requirement};
use crate::secret::TokenDigest;
use crate::store::Store;
use crate::token::TokenSubject;
use std::sync::Arc;

/// `errorCode` of the summary entry (always the first).
pub const SUMMARY: &str = "why.refused";
/// `errorCode` of a grant none of whose role's patterns covers the permission(s) asked.
pub const NOT_COVERED: &str = "why.permission.not.covered";
/// `errorCode` of a grant whose role covers the permission, in other divisions than the one
/// asked.
pub const DIVISION_NOT_GRANTED: &str = "why.division.not.granted";
/// `errorCode` of a grant of a trust that is disabled.
pub const TRUST_DISABLED: &str = "why.trust.disabled";
/// `errorCode` of a grant of a trust whose `dateExpired` has passed.
pub const TRUST_EXPIRED: &str = "why.trust.expired";
/// `errorCode` of a grant of a trust that does not stand for the caller for another reason (the
/// user is inactive, its clone is gone, the token predates the trust).
pub const TRUST_NOT_STANDING: &str = "why.trust.not.standing";
/// `errorCode` of a trustee user's home grant: it does not apply in the trustor, where only the
/// trust's grants (and its clone's) count.
pub const NOT_GRANTED_BY_TRUST: &str = "why.not.granted.by.trust";
/// `errorCode` of a grant that covers the permission but that the token's OAuth scopes take away.
pub const SCOPE_EXCLUDED: &str = "why.scope.excluded";
/// `errorCode` of a grant that covers what was asked (the refusal has another cause, named in
/// the summary).
pub const COVERS: &str = "why.grant.covers";

/// One entry of the explanation, in the four string fields of the Genesys `Detail`.
///
/// - Summary (first entry): `errorCode` [`SUMMARY`]; `fieldName` the requirement (`ANY [p, ..]`,
///   `ALL [p, ..]; missing [p, ..]`, `p in division <id> (<name>)`, or `trust` for a refused
///   cross-organization token); `entityId` the acting organization; `entityName` a sentence: who
///   the caller is, where it acts, through which trust (enabled, expiry), how many grants were
///   considered.
/// - One entry per grant considered: `errorCode` the reason it did not match (the `why.*`
///   constants of this module); `entityId`/`entityName` the role; `fieldName`
///   `via=<user|group <id>|client|clone|trust user|trust group <id>|trust organization|home
///   user|home group <id>>; org=<role's organization>; permissions=[<patterns>];
///   division=<id> (<name>)|*; why=<sentence>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhyDetail {
    /// The reason code (`why.*`).
    pub error_code: &'static str,
    /// The requirement (summary) or the grant's description (grants).
    pub field_name: String,
    /// The acting organization (summary) or the role's id (grants).
    pub entity_id: String,
    /// The explanation (summary) or the role's name (grants).
    pub entity_name: String,
}

/// What the refused request needed.
enum Asked {
    Any(Vec<String>),
    All {
        all: Vec<String>,
        missing: Vec<String>,
    },
    In {
        permission: String,
        division: DivisionId,
    },
    Other,
}

impl Asked {
    fn of(requirement: Option<&Requirement>, denial: Option<&Denial>) -> Self {
        let owned = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        match (denial, requirement) {
            (
                Some(Denial::MissingInDivision {
                    permission,
                    division,
                }),
                _,
            ) => Asked::In {
                permission: permission.clone(),
                division: division.clone(),
            },
            (Some(Denial::MissingAll(missing)), Some(Requirement::All(all))) => Asked::All {
                all: owned(all),
                missing: missing.clone(),
            },
            (Some(Denial::MissingAll(missing)), _) => Asked::All {
                all: missing.clone(),
                missing: missing.clone(),
            },
            (Some(Denial::MissingAny(perms)), _) => Asked::Any(perms.clone()),
            (None, Some(Requirement::Any(p))) => Asked::Any(owned(p)),
            (None, Some(Requirement::All(p))) => Asked::All {
                all: owned(p),
                missing: owned(p),
            },
            _ => Asked::Other,
        }
    }

    /// The permissions a grant would have to cover for the request to pass.
    fn needed(&self) -> Vec<&str> {
        match self {
            Asked::Any(p) => p.iter().map(String::as_str).collect(),
            Asked::All { missing, .. } => missing.iter().map(String::as_str).collect(),
            Asked::In { permission, .. } => vec![permission.as_str()],
            Asked::Other => vec![],
        }
    }

    fn joiner(&self) -> &'static str {
        match self {
            Asked::All { .. } => " and ",
            _ => " or ",
        }
    }
}

/// The trust a cross-organization caller acts through, as it stands now.
struct TrustState {
    trustor: OrgId,
    trustee: OrgId,
    enabled: bool,
    date_expired: Option<DateTime<Utc>>,
    /// Why it does not stand, when it does not.
    refusal: Option<TrustRefusal>,
    /// The token was issued before this trust was created (under a deleted one).
    stale_token: bool,
}

impl TrustState {
    fn grant_reason(&self) -> Option<(&'static str, String)> {
        if self.stale_token {
            return Some((
                TRUST_NOT_STANDING,
                "the token was issued under an earlier trust that was deleted".into(),
            ));
        }
        match self.refusal {
            Some(TrustRefusal::Disabled) => {
                Some((TRUST_DISABLED, "the trust granting it is disabled".into()))
            }
            Some(TrustRefusal::Expired) => Some((
                TRUST_EXPIRED,
                format!(
                    "the trust granting it expired at {}",
                    self.date_expired.map(iso).unwrap_or_default()
                ),
            )),
            Some(r) => Some((TRUST_NOT_STANDING, r.describe().into())),
            None => None,
        }
    }
}

/// One grant looked at.
struct Considered {
    via: String,
    /// The organization of the role.
    org: OrgId,
    grant: Grant,
    /// A trustee's home grant (never applies in the trustor).
    home: bool,
}

fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The emulator's explanations of refusals (`/api/v2/emulator/why`): which grants were
/// considered and why none sufficed.
pub struct Why {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) authz: Arc<Authz>,
    /// Reads the token a refused bearer names.
    pub(crate) auth: Arc<Authentication>,
}

impl Why {
    /// The explanations over `store`.
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        authz: Arc<Authz>,
        auth: Arc<Authentication>,
    ) -> Self {
        Self {
            store,
            clock,
            authz,
            auth,
        }
    }
}

impl Why {
    async fn org_label(&self, org: &OrgId) -> Result<String> {
        Ok(match self.store.organization(org).await? {
            Some(o) => format!("{} [{org}]", o.name),
            None => format!("[{org}]"),
        })
    }

    async fn role_name(&self, org: &OrgId, role: &RoleId) -> Result<String> {
        Ok(self
            .store
            .role(org, role)
            .await?
            .map_or_else(|| "(deleted role)".to_owned(), |r| r.name))
    }

    async fn division_label(&self, org: &OrgId, division: &DivisionGrant) -> Result<String> {
        Ok(match division {
            DivisionGrant::All => "*".to_owned(),
            DivisionGrant::One(d) => match self.store.division(org, d).await? {
                Some(div) => format!("{d} ({})", div.name),
                None => d.to_string(),
            },
        })
    }

    /// The trust of `trustee` in `trustor` as it stands for `user` now.
    async fn trust_state(
        &self,
        trustor: &OrgId,
        trustee: &OrgId,
        user: &crate::ids::UserId,
        clone: Option<&crate::ids::UserId>,
    ) -> Result<Option<TrustState>> {
        let trustor_index = self.authz.index(trustor).await?;
        let trustee_index = self.authz.index(trustee).await?;
        let Some(trust) = trustor_index.trusts().trust(trustee) else {
            return Ok(None);
        };
        let refusal = cross_org_permissions(
            &trustor_index,
            &trustee_index,
            trustee,
            user,
            clone,
            self.clock.now(),
        )
        .err();
        Ok(Some(TrustState {
            trustor: trustor.clone(),
            trustee: trustee.clone(),
            enabled: trust.enabled,
            date_expired: trust.date_expired,
            refusal,
            stale_token: false,
        }))
    }

    async fn trust_sentence(&self, trust: Option<&TrustState>) -> Result<String> {
        let Some(t) = trust else {
            return Ok(" through no trust (the organization does not trust the caller's)".into());
        };
        let expiry = t.date_expired.map_or_else(
            || "never expires".to_owned(),
            |at| format!("expires {}", iso(at)),
        );
        let state = match (t.stale_token, t.refusal) {
            (true, _) => ": the token was issued under an earlier trust that was deleted (sign \
                          in again)"
                .to_owned(),
            (false, Some(r)) => format!(": it does not stand, {}", r.describe()),
            (false, None) => String::new(),
        };
        Ok(format!(
            " through the trust {} gives {} (enabled={}, {expiry}){state}",
            self.org_label(&t.trustor).await?,
            self.org_label(&t.trustee).await?,
            t.enabled
        ))
    }

    /// The grants a caller's permissions come from (and, for a trustee user, its home grants,
    /// which do not apply in the trustor).
    async fn considered(
        &self,
        p: &Principal,
        trust: Option<&TrustState>,
    ) -> Result<Vec<Considered>> {
        let mut out = Vec::new();
        let acting = self.authz.index(&p.org_id).await?;
        match (&p.kind, p.is_cross_org()) {
            (PrincipalKind::Client, _) => {
                for g in acting.client_grants(&p.client_id) {
                    out.push(Considered {
                        via: "client".into(),
                        org: p.org_id.clone(),
                        grant: g.clone(),
                        home: false,
                    });
                }
            }
            (PrincipalKind::User(user), false) => {
                for (group, g) in acting.user_grant_sources(user) {
                    out.push(Considered {
                        via: group.map_or_else(|| "user".into(), |g| format!("group {g}")),
                        org: p.org_id.clone(),
                        grant: g,
                        home: false,
                    });
                }
            }
            (PrincipalKind::User(user), true) => {
                let home = self.authz.index(&p.home_org_id).await?;
                if trust.is_some() {
                    if let Some(entry) = acting.trusts().trust(&p.home_org_id) {
                        for (via, g) in entry.grant_sources(home.groups_of(user), user) {
                            out.push(Considered {
                                via: format!("trust {via}"),
                                org: p.org_id.clone(),
                                grant: g,
                                home: false,
                            });
                        }
                    }
                }
                if let Some(clone) = &p.cloned_user_id {
                    for g in acting.user_grants(clone) {
                        out.push(Considered {
                            via: "clone".into(),
                            org: p.org_id.clone(),
                            grant: g,
                            home: false,
                        });
                    }
                }
                for (group, g) in home.user_grant_sources(user) {
                    out.push(Considered {
                        via: group
                            .map_or_else(|| "home user".into(), |g| format!("home group {g}")),
                        org: p.home_org_id.clone(),
                        grant: g,
                        home: true,
                    });
                }
            }
        }
        Ok(out)
    }

    /// One entry per grant considered, with the reason it did not let the request through.
    async fn grant_details(
        &self,
        p: Option<&Principal>,
        considered: Vec<Considered>,
        asked: &Asked,
        trust: Option<&TrustState>,
    ) -> Result<Vec<WhyDetail>> {
        let needed = asked.needed();
        let mut out = Vec::with_capacity(considered.len());
        for c in considered {
            let index: std::sync::Arc<OrgIndex> = self.authz.index(&c.org).await?;
            let patterns = index.role_permissions(&c.grant.role_id);
            let covered: Vec<&str> = needed
                .iter()
                .copied()
                .filter(|perm| patterns.is_some_and(|ps| ps.iter().any(|pt| pt.matches(perm))))
                .collect();
            let division_asked = match asked {
                Asked::In { division, .. } => Some(division),
                _ => None,
            };
            let in_division = match (&c.grant.division, division_asked) {
                (DivisionGrant::One(d), Some(asked)) => d == asked,
                _ => true,
            };
            let held = |perm: &str| {
                p.is_some_and(|p| match division_asked {
                    Some(d) => p.permissions.has_in(perm, d),
                    None => p.permissions.has(perm),
                })
            };
            let trust_reason = if c.home {
                None
            } else {
                trust.and_then(TrustState::grant_reason)
            };
            let (code, why) = if c.home {
                (
                    NOT_GRANTED_BY_TRUST,
                    "a role of the caller's home organization: in the trustor only the trust's \
                     grants apply"
                        .to_owned(),
                )
            } else if let Some(reason) = trust_reason {
                reason
            } else if needed.is_empty() {
                (
                    COVERS,
                    "the grant stands; the refusal has another cause (see the summary)".to_owned(),
                )
            } else if patterns.is_none() {
                (NOT_COVERED, "the role no longer exists".to_owned())
            } else if covered.is_empty() {
                (
                    NOT_COVERED,
                    format!(
                        "no pattern of the role covers {}",
                        needed.join(asked.joiner())
                    ),
                )
            } else if !in_division {
                (
                    DIVISION_NOT_GRANTED,
                    format!(
                        "the role covers {} but is granted in another division than {}",
                        covered.join(", "),
                        division_asked.map(ToString::to_string).unwrap_or_default()
                    ),
                )
            } else if covered.iter().all(|perm| !held(perm)) {
                (
                    SCOPE_EXCLUDED,
                    format!(
                        "the role covers {} but the token's OAuth scopes exclude it",
                        covered.join(", ")
                    ),
                )
            } else {
                (COVERS, format!("the role covers {}", covered.join(", ")))
            };
            let permissions = patterns
                .map(|ps| ps.iter().map(ToString::to_string).collect::<Vec<_>>())
                .unwrap_or_default()
                .join(", ");
            let division = self.division_label(&c.org, &c.grant.division).await?;
            out.push(WhyDetail {
                error_code: code,
                field_name: format!(
                    "via={}; org={}; permissions=[{permissions}]; division={division}; why={why}",
                    c.via, c.org
                ),
                entity_id: c.grant.role_id.to_string(),
                entity_name: self.role_name(&c.org, &c.grant.role_id).await?,
            });
        }
        Ok(out)
    }

    /// Explains a 403: the summary, then one entry per grant considered. `requirement` is the
    /// operation's when the refusal came from its check; `denial` what the evaluator refused
    /// (absent for refusals that are not about permissions, e.g. the IP allowlist); `message` the
    /// error's message.
    pub async fn explain_refusal(
        &self,
        p: &Principal,
        requirement: Option<&Requirement>,
        denial: Option<&Denial>,
        message: &str,
    ) -> Result<Vec<WhyDetail>> {
        let asked = Asked::of(requirement, denial);
        let trust = match (&p.kind, p.is_cross_org()) {
            (PrincipalKind::User(user), true) => {
                self.trust_state(&p.org_id, &p.home_org_id, user, p.cloned_user_id.as_ref())
                    .await?
            }
            _ => None,
        };
        let considered = if matches!(asked, Asked::Other) {
            Vec::new()
        } else {
            self.considered(p, trust.as_ref()).await?
        };
        let count = considered.len();
        let grants = self
            .grant_details(Some(p), considered, &asked, trust.as_ref())
            .await?;
        let requirement_text = match &asked {
            Asked::Any(perms) => format!("ANY [{}]", perms.join(", ")),
            Asked::All { all, missing } => {
                format!("ALL [{}]; missing [{}]", all.join(", "), missing.join(", "))
            }
            Asked::In {
                permission,
                division,
            } => format!(
                "{permission} in division {}",
                self.division_label(&p.org_id, &DivisionGrant::One(division.clone()))
                    .await?
            ),
            Asked::Other => "none".to_owned(),
        };
        let who = match &p.kind {
            PrincipalKind::User(u) => format!("user {} [{u}]", p.name),
            PrincipalKind::Client => format!("client {} [{}]", p.client_name, p.client_id),
        };
        let home = self.org_label(&p.home_org_id).await?;
        let acting = if p.is_cross_org() {
            format!(
                "acting in {}{}{}",
                self.org_label(&p.org_id).await?,
                self.trust_sentence(trust.as_ref()).await?,
                p.cloned_user_id
                    .as_ref()
                    .map(|c| format!(", as its clone [{c}]"))
                    .unwrap_or_default()
            )
        } else {
            "acting in its own organization, through no trust".to_owned()
        };
        let outcome = if matches!(asked, Asked::Other) {
            format!("refused: {message}")
        } else {
            format!("{count} grant(s) considered, none lets the request through")
        };
        let mut out = vec![WhyDetail {
            error_code: SUMMARY,
            field_name: requirement_text,
            entity_id: p.org_id.to_string(),
            entity_name: format!("{who} of {home}, {acting}; {outcome}"),
        }];
        out.extend(grants);
        Ok(out)
    }

    /// Explains the 401 of a cross-organization token whose trust no longer lets it act: the
    /// summary (which trust, its state) and the trust's grants to the user. Nothing for a token
    /// that is unknown or acts in its own organization (its 401 needs no explanation).
    pub async fn explain_token_refusal(&self, bearer: &str) -> Result<Vec<WhyDetail>> {
        let Ok(record) = self.auth.token_record(&TokenDigest::of(bearer)).await else {
            return Ok(Vec::new());
        };
        let TokenSubject::User(user) = &record.subject else {
            return Ok(Vec::new());
        };
        if record.org_id == record.home_org_id || record.revoked_at.is_some() {
            return Ok(Vec::new());
        }
        let (trustor, trustee) = (&record.org_id, &record.home_org_id);
        let mut trust = self
            .trust_state(trustor, trustee, user, record.cloned_user_id.as_ref())
            .await?;
        let acting = self.authz.index(trustor).await?;
        let mut considered = Vec::new();
        if let (Some(t), Some(entry)) = (trust.as_mut(), acting.trusts().trust(trustee)) {
            t.stale_token = entry.date_created > record.issued_at;
            let home = self.authz.index(trustee).await?;
            for (via, g) in entry.grant_sources(home.groups_of(user), user) {
                considered.push(Considered {
                    via: format!("trust {via}"),
                    org: trustor.clone(),
                    grant: g,
                    home: false,
                });
            }
        }
        let count = considered.len();
        let grants = self
            .grant_details(None, considered, &Asked::Other, trust.as_ref())
            .await?;
        let home_name = self
            .store
            .user(trustee, user)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        let mut out = vec![WhyDetail {
            error_code: SUMMARY,
            field_name: "trust".to_owned(),
            entity_id: trustor.to_string(),
            entity_name: format!(
                "user {home_name} [{user}] of {}, acting in {}{}; {count} grant(s) of \
                 the trust considered",
                self.org_label(trustee).await?,
                self.org_label(trustor).await?,
                self.trust_sentence(trust.as_ref()).await?,
            ),
        }];
        out.extend(grants);
        Ok(out)
    }
}
