//! The permission model: permission strings, granted patterns with wildcards, division scopes,
//! and the evaluator that answers "may this subject do P (in division D)?" from memory.
//!
//! A permission is `domain:entity:action`. A role may hold patterns in which any segment is `*`;
//! the lone `*` means every permission except those of the `internal` domain. No wildcard in the
//! domain segment ever reaches `internal`: only a pattern that names `internal` literally does.

use std::collections::{BTreeSet, HashMap};

use crate::ids::DivisionId;

/// The domain that no wildcard reaches.
pub const INTERNAL_DOMAIN: &str = "internal";

/// One segment of a granted pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Any,
    Literal(Box<str>),
}

impl Segment {
    fn parse(s: &str) -> Self {
        if s == "*" {
            Segment::Any
        } else {
            Segment::Literal(s.into())
        }
    }

    fn matches(&self, s: &str) -> bool {
        match self {
            Segment::Any => true,
            Segment::Literal(l) => &**l == s,
        }
    }
}

/// A permission as a role holds it: exact (`directory:user:view`) or with wildcards.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// `*`: every permission outside the `internal` domain.
    Everything,
    /// `domain:entity:action`, any segment possibly `*`.
    Segments([Segment; 3]),
}

/// Why a permission string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PermissionSyntaxError {
    /// Not three colon-separated, non-empty segments.
    #[error("permission [{0}] is not of the form domain:entity:action")]
    Shape(String),
}

impl Pattern {
    /// Parses a granted permission (`*`, or three segments each of which may be `*`).
    pub fn parse(s: &str) -> Result<Self, PermissionSyntaxError> {
        let s = s.trim();
        if s == "*" {
            return Ok(Pattern::Everything);
        }
        let mut parts = s.split(':');
        let (Some(d), Some(e), Some(a), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(PermissionSyntaxError::Shape(s.to_owned()));
        };
        let valid = |p: &str| {
            !p.is_empty()
                && (p == "*"
                    || p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        };
        if !(valid(d) && valid(e) && valid(a)) {
            return Err(PermissionSyntaxError::Shape(s.to_owned()));
        }
        Ok(Pattern::Segments([
            Segment::parse(d),
            Segment::parse(e),
            Segment::parse(a),
        ]))
    }

    /// True when the pattern has no wildcard (it names exactly one permission).
    pub fn is_exact(&self) -> bool {
        matches!(self, Pattern::Segments(s) if s.iter().all(|s| matches!(s, Segment::Literal(_))))
    }

    /// Does this pattern grant `permission` (an exact `domain:entity:action`)?
    pub fn matches(&self, permission: &str) -> bool {
        let mut parts = permission.split(':');
        let (Some(d), Some(e), Some(a)) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        match self {
            Pattern::Everything => d != INTERNAL_DOMAIN,
            Pattern::Segments([pd, pe, pa]) => {
                if d == INTERNAL_DOMAIN && *pd == Segment::Any {
                    return false;
                }
                pd.matches(d) && pe.matches(e) && pa.matches(a)
            }
        }
    }
}

impl std::fmt::Display for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pattern::Everything => f.write_str("*"),
            Pattern::Segments(segs) => {
                for (i, s) in segs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(":")?;
                    }
                    match s {
                        Segment::Any => f.write_str("*")?,
                        Segment::Literal(l) => f.write_str(l)?,
                    }
                }
                Ok(())
            }
        }
    }
}

/// What an operation requires, exactly as the reference lists it (`x-inin-requires-permissions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Any valid token.
    None,
    /// At least one of these.
    Any(&'static [&'static str]),
    /// Every one of these.
    All(&'static [&'static str]),
}

impl Requirement {
    /// The permissions named, whatever the kind.
    pub fn permissions(&self) -> &'static [&'static str] {
        match self {
            Requirement::None => &[],
            Requirement::Any(p) | Requirement::All(p) => p,
        }
    }
}

/// Where a grant applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DivisionGrant {
    /// Every division of the organization, present and future.
    All,
    /// One division.
    One(DivisionId),
}

impl DivisionGrant {
    /// The storage form: `*` for all divisions, else the division id.
    pub fn as_key(&self) -> &str {
        match self {
            DivisionGrant::All => "*",
            DivisionGrant::One(d) => d.as_str(),
        }
    }

    /// Reads the storage form back.
    pub fn from_key(key: &str) -> Self {
        if key == "*" {
            DivisionGrant::All
        } else {
            DivisionGrant::One(DivisionId::new(key))
        }
    }
}

/// The divisions in which a permission is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every division.
    All,
    /// These divisions only.
    Divisions(BTreeSet<DivisionId>),
}

impl Scope {
    fn add(&mut self, grant: &DivisionGrant) {
        match (&mut *self, grant) {
            (Scope::All, _) => {}
            (_, DivisionGrant::All) => *self = Scope::All,
            (Scope::Divisions(set), DivisionGrant::One(d)) => {
                set.insert(d.clone());
            }
        }
    }

    fn union(&mut self, other: &Scope) {
        match other {
            Scope::All => *self = Scope::All,
            Scope::Divisions(ds) => {
                for d in ds {
                    self.add(&DivisionGrant::One(d.clone()));
                }
            }
        }
    }

    /// Does the scope include `division`?
    pub fn covers(&self, division: &DivisionId) -> bool {
        match self {
            Scope::All => true,
            Scope::Divisions(set) => set.contains(division),
        }
    }
}

/// A refusal, with what was missing; the server turns it into the Genesys 403.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denial {
    /// An ANY requirement of which nothing is held (`missing.any.permissions`).
    MissingAny(Vec<String>),
    /// An ALL requirement with these missing (`missing.permissions`).
    MissingAll(Vec<String>),
    /// The permission is held, but not in this division (`missing.division.permission`).
    MissingInDivision {
        /// The permission checked.
        permission: String,
        /// The division of the entity.
        division: DivisionId,
    },
}

/// Everything one subject holds in one organization, compiled for O(1) checks: exact permissions
/// in a hash map, wildcard patterns (few in practice) in a short list.
#[derive(Debug, Clone, Default)]
pub struct EffectivePermissions {
    exact: HashMap<Box<str>, Scope>,
    patterns: Vec<(Pattern, Scope)>,
}

impl EffectivePermissions {
    /// Nothing at all.
    pub fn none() -> Self {
        Self::default()
    }

    /// Adds every permission of a role, in the division(s) of the grant.
    pub fn grant<'a>(
        &mut self,
        role_permissions: impl IntoIterator<Item = &'a Pattern>,
        division: &DivisionGrant,
    ) {
        for pattern in role_permissions {
            if pattern.is_exact() {
                self.exact
                    .entry(pattern.to_string().into_boxed_str())
                    .or_insert_with(|| Scope::Divisions(BTreeSet::new()))
                    .add(division);
            } else if let Some((_, scope)) = self.patterns.iter_mut().find(|(p, _)| p == pattern) {
                scope.add(division);
            } else {
                let mut scope = Scope::Divisions(BTreeSet::new());
                scope.add(division);
                self.patterns.push((pattern.clone(), scope));
            }
        }
    }

    /// Keeps only what `allowed` says yes to (used to intersect with OAuth scopes).
    pub fn retain(&mut self, allowed: impl Fn(&str) -> bool) {
        self.exact.retain(|p, _| allowed(p));
        self.patterns.retain(|(p, _)| allowed(&p.to_string()));
    }

    /// Is `permission` held in at least one division?
    pub fn has(&self, permission: &str) -> bool {
        self.exact.contains_key(permission)
            || self.patterns.iter().any(|(p, _)| p.matches(permission))
    }

    /// The divisions in which `permission` is held, if any.
    pub fn scope(&self, permission: &str) -> Option<Scope> {
        let mut result: Option<Scope> = self.exact.get(permission).cloned();
        for (p, scope) in &self.patterns {
            if p.matches(permission) {
                match &mut result {
                    Some(r) => r.union(scope),
                    None => result = Some(scope.clone()),
                }
            }
        }
        result
    }

    /// Is `permission` held in `division`?
    pub fn has_in(&self, permission: &str, division: &DivisionId) -> bool {
        if let Some(s) = self.exact.get(permission) {
            if s.covers(division) {
                return true;
            }
        }
        self.patterns
            .iter()
            .any(|(p, s)| s.covers(division) && p.matches(permission))
    }

    /// Is `permission` held wherever `grant` applies (in its division, or in every division)?
    pub fn has_for(&self, permission: &str, grant: &DivisionGrant) -> bool {
        match grant {
            DivisionGrant::One(d) => self.has_in(permission, d),
            DivisionGrant::All => self.scope(permission) == Some(Scope::All),
        }
    }

    /// Checks an operation's requirement (organization-wide: held in any division).
    pub fn check(&self, requirement: &Requirement) -> Result<(), Denial> {
        match requirement {
            Requirement::None => Ok(()),
            Requirement::Any(perms) => {
                if perms.iter().any(|p| self.has(p)) {
                    Ok(())
                } else {
                    Err(Denial::MissingAny(
                        perms.iter().map(|p| (*p).to_owned()).collect(),
                    ))
                }
            }
            Requirement::All(perms) => {
                let missing: Vec<String> = perms
                    .iter()
                    .filter(|p| !self.has(p))
                    .map(|p| (*p).to_owned())
                    .collect();
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(Denial::MissingAll(missing))
                }
            }
        }
    }

    /// Checks one permission on an entity of `division`.
    pub fn check_in(&self, permission: &str, division: &DivisionId) -> Result<(), Denial> {
        if self.has_in(permission, division) {
            Ok(())
        } else if self.has(permission) {
            Err(Denial::MissingInDivision {
                permission: permission.to_owned(),
                division: division.clone(),
            })
        } else {
            Err(Denial::MissingAny(vec![permission.to_owned()]))
        }
    }

    /// Every exact permission of `catalogue` held (in any division), sorted: what
    /// `UserAuthorization.permissions` and `Trustor.authorization.permissions` show.
    pub fn listed<'a>(&self, catalogue: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut out: Vec<String> = catalogue
            .into_iter()
            .filter(|p| self.has(p))
            .map(str::to_owned)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pats(list: &[&str]) -> Vec<Pattern> {
        list.iter()
            .map(|p| Pattern::parse(p).expect("valid"))
            .collect()
    }

    fn holding(list: &[&str], div: DivisionGrant) -> EffectivePermissions {
        let mut e = EffectivePermissions::none();
        e.grant(&pats(list), &div);
        e
    }

    #[test]
    fn lone_star_grants_everything_but_internal() {
        let e = holding(&["*"], DivisionGrant::All);
        assert!(e.has("directory:user:view"));
        assert!(e.has("authorization:orgTrustee:add"));
        assert!(!e.has("internal:organization:add"));
    }

    #[test]
    fn wildcard_domain_never_reaches_internal() {
        let e = holding(&["*:*:*", "*:organization:add"], DivisionGrant::All);
        assert!(e.has("directory:user:view"));
        assert!(!e.has("internal:organization:add"));
        let e = holding(&["internal:*:*"], DivisionGrant::All);
        assert!(e.has("internal:organization:add"));
        assert!(!e.has("directory:user:view"));
    }

    #[test]
    fn segment_wildcards() {
        let e = holding(&["directory:*:view"], DivisionGrant::All);
        assert!(e.has("directory:user:view"));
        assert!(e.has("directory:group:view"));
        assert!(!e.has("directory:user:edit"));
        assert!(!e.has("authorization:user:view"));
    }

    #[test]
    fn any_versus_all() {
        let e = holding(&["authorization:orgTrustee:add"], DivisionGrant::All);
        let any = Requirement::Any(&[
            "authorization:orgTrustee:add",
            "authorization:orgTrusteeUser:add",
        ]);
        let all = Requirement::All(&[
            "authorization:orgTrustee:add",
            "authorization:orgTrusteeUser:add",
        ]);
        assert_eq!(e.check(&any), Ok(()));
        assert_eq!(
            e.check(&all),
            Err(Denial::MissingAll(vec![
                "authorization:orgTrusteeUser:add".into()
            ]))
        );
        let none = EffectivePermissions::none();
        assert!(matches!(none.check(&any), Err(Denial::MissingAny(p)) if p.len() == 2));
        assert_eq!(none.check(&Requirement::None), Ok(()));
    }

    #[test]
    fn division_scoping() {
        let emea = DivisionId::new("emea");
        let home = DivisionId::new("home");
        let e = holding(&["directory:user:view"], DivisionGrant::One(emea.clone()));
        assert!(e.has_in("directory:user:view", &emea));
        assert!(!e.has_in("directory:user:view", &home));
        assert!(matches!(
            e.check_in("directory:user:view", &home),
            Err(Denial::MissingInDivision { .. })
        ));
        assert!(matches!(
            e.check_in("directory:user:edit", &home),
            Err(Denial::MissingAny(_))
        ));
        assert_eq!(
            e.scope("directory:user:view"),
            Some(Scope::Divisions([emea].into()))
        );
        let mut both = e.clone();
        both.grant(&pats(&["directory:*:view"]), &DivisionGrant::All);
        assert_eq!(both.scope("directory:user:view"), Some(Scope::All));
    }

    #[test]
    fn malformed_permissions_are_refused() {
        for bad in [
            "",
            "a:b",
            "a:b:c:d",
            "a::c",
            "a:b c:d",
            "directory:user:view ",
        ] {
            let trimmed_ok = bad == "directory:user:view ";
            assert_eq!(Pattern::parse(bad).is_ok(), trimmed_ok, "{bad:?}");
        }
    }
}
