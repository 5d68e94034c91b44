//! Searching the audit trail across a trust: the trustor asks what its trustees' users did in it
//! (`POST /api/v2/orgauthorization/trustees/audits`), a trustee asks what its own users did in one
//! trustor (`POST /api/v2/orgauthorization/trustor/audits`).
//!
//! The rules, in one place:
//! - The caller's side of the search is always its acting organization; the other side must be an
//!   organization it has a trust with, in any state (a disabled or expired trust still lets both
//!   sides read its history). An organization without a trust is refused with 400
//!   `invalid.value` naming it, so no event of an unrelated organization can ever be returned.
//! - `trusteeUserIds` is required but may be empty: empty means any user of the named trustees.
//! - `queryPhrase`: every word must occur (whole words, case- and accent-insensitive; a trailing
//!   `*` makes a word a prefix) in the event text: action, entity type, entity name, actor name,
//!   and the properties and values of its changes.
//! - Filters and facets name the fields of [`AuditField`]; dates filter with `gt`, `gte`, `lt`,
//!   `lte`, `between`; strings with `eq`/`equals`/`in` (exact), `matches` (case-insensitive),
//!   `contains` (case-insensitive substring), `ne`/`notEquals`/`notIn`.

use chrono::{DateTime, Duration, Utc};
use orgtrust_api::codes;

use crate::audit::AuditEvent;
use crate::authz::Authorized;
use crate::authz::Authz;
use crate::error::{Error, Result};
use crate::ids::OrgId;
use crate::store::Store;
use std::sync::Arc;

/// `serviceName` of every audit message this server records.
pub const SERVICE_NAME: &str = "orgtrust";
/// `level` of every audit message: all are actions of users or clients.
pub const LEVEL: &str = "USER";
/// `status` of every audit message: only committed writes are recorded.
pub const STATUS: &str = "SUCCESS";

/// The most trustee organizations one trustee audit may name.
pub const MAX_ORGS: usize = 100;
/// The most user ids one audit query may name.
pub const MAX_USERS: usize = 500;
/// The most filters, facets, values per filter and words per phrase of one query.
pub const MAX_FILTERS: usize = 50;
/// See [`MAX_FILTERS`].
pub const MAX_FACETS: usize = 20;
/// See [`MAX_FILTERS`].
pub const MAX_VALUES: usize = 500;
/// See [`MAX_FILTERS`].
pub const MAX_WORDS: usize = 32;
/// The most entries a STRING facet returns (the most frequent values first).
pub const MAX_FACET_ENTRIES: usize = 100;
/// The most entries a DATE facet returns (one per day, in chronological order).
pub const MAX_DATE_FACET_ENTRIES: usize = 1000;

/// Sort order by timestamp (ties broken by the order the events were recorded in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Oldest first.
    Ascending,
    /// Newest first (the default).
    #[default]
    Descending,
}

impl SortOrder {
    /// Parses `sortOrder` (`ascending`/`descending`, also `asc`/`desc`, any case).
    pub fn parse(value: &str) -> Result<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "ascending" | "asc" => Ok(SortOrder::Ascending),
            "descending" | "desc" => Ok(SortOrder::Descending),
            _ => Err(Error::invalid_value(
                "sortOrder",
                format!("Value [{value}] is not valid for field type [sortOrder]. Allowable values are: ascending, descending"),
            )),
        }
    }
}

/// Checks `sortBy`: audits sort by `timestamp` only.
pub fn check_sort_by(value: &str) -> Result<()> {
    if value.trim().eq_ignore_ascii_case("timestamp") {
        Ok(())
    } else {
        Err(Error::invalid_value(
            "sortBy",
            format!(
                "Value [{value}] is not valid for field type [sortBy]. Allowable values are: timestamp"
            ),
        ))
    }
}

/// The value type of a filter or facet (`DATE` or `STRING`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A date-time.
    Date,
    /// A string.
    String,
}

/// A field of an audit message that filters and facets can name. Names are matched
/// case-insensitively; `user.id`-style aliases name the same fields as on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditField {
    /// `action` (`create`, `update`, `delete`, `login`, ...).
    Action,
    /// `entityType` (`entity.type`).
    EntityType,
    /// `entityId` (`entity.id`).
    EntityId,
    /// `entityName` (`entity.name`).
    EntityName,
    /// `userId` (`user.id`): the actor.
    UserId,
    /// `userName` (`user.name`).
    UserName,
    /// `clientId` (`client.id`): the OAuth client used.
    ClientId,
    /// `trusteeOrganizationId` (`homeOrganizationId`, `userHomeOrgId`): the actor's home.
    HomeOrgId,
    /// `status`: always `SUCCESS`.
    Status,
    /// `level`: always `USER`.
    Level,
    /// `serviceName`: always `orgtrust`.
    ServiceName,
    /// `timestamp` (`eventDate`): the only DATE field.
    Timestamp,
}

impl AuditField {
    /// Every field, for messages.
    pub const ALL: [AuditField; 12] = [
        AuditField::Action,
        AuditField::EntityType,
        AuditField::EntityId,
        AuditField::EntityName,
        AuditField::UserId,
        AuditField::UserName,
        AuditField::ClientId,
        AuditField::HomeOrgId,
        AuditField::Status,
        AuditField::Level,
        AuditField::ServiceName,
        AuditField::Timestamp,
    ];

    /// The field named `name`, if there is one.
    pub fn parse(name: &str) -> Option<Self> {
        let key: String = name
            .trim()
            .chars()
            .filter(|c| *c != '.' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "action" => AuditField::Action,
            "entitytype" => AuditField::EntityType,
            "entityid" => AuditField::EntityId,
            "entityname" => AuditField::EntityName,
            "userid" => AuditField::UserId,
            "username" => AuditField::UserName,
            "clientid" => AuditField::ClientId,
            "trusteeorganizationid" | "homeorganizationid" | "userhomeorgid" => {
                AuditField::HomeOrgId
            }
            "status" => AuditField::Status,
            "level" => AuditField::Level,
            "servicename" => AuditField::ServiceName,
            "timestamp" | "eventdate" => AuditField::Timestamp,
            _ => return None,
        })
    }

    /// The field's canonical name.
    pub fn name(self) -> &'static str {
        match self {
            AuditField::Action => "action",
            AuditField::EntityType => "entityType",
            AuditField::EntityId => "entityId",
            AuditField::EntityName => "entityName",
            AuditField::UserId => "userId",
            AuditField::UserName => "userName",
            AuditField::ClientId => "clientId",
            AuditField::HomeOrgId => "trusteeOrganizationId",
            AuditField::Status => "status",
            AuditField::Level => "level",
            AuditField::ServiceName => "serviceName",
            AuditField::Timestamp => "timestamp",
        }
    }

    /// The field's value type.
    pub fn field_type(self) -> FieldType {
        if self == AuditField::Timestamp {
            FieldType::Date
        } else {
            FieldType::String
        }
    }

    /// The value every event has, for fields that are the same on every message.
    pub fn constant(self) -> Option<&'static str> {
        match self {
            AuditField::Status => Some(STATUS),
            AuditField::Level => Some(LEVEL),
            AuditField::ServiceName => Some(SERVICE_NAME),
            _ => None,
        }
    }

    fn known() -> String {
        Self::ALL.map(Self::name).join(", ")
    }
}

/// How a STRING filter compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOp {
    /// The value is one of the values, exactly.
    In,
    /// The value is one of the values, ignoring ASCII case.
    InIgnoreCase,
    /// The value contains one of the values, ignoring ASCII case.
    Contains,
    /// The value is none of the values (events without the field pass).
    NotIn,
}

/// One validated filter on a STRING field (DATE filters are folded into the query's range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFilter {
    /// The field.
    pub field: AuditField,
    /// The comparison.
    pub op: TextOp,
    /// The values (at least one).
    pub values: Vec<String>,
}

impl AuditFilter {
    /// Does a field's constant value (see [`AuditField::constant`]) pass this filter?
    pub fn passes_constant(&self, value: &str) -> bool {
        let any = |test: &dyn Fn(&str) -> bool| self.values.iter().any(|v| test(v));
        match self.op {
            TextOp::In => any(&|v| v == value),
            TextOp::InIgnoreCase => any(&|v| v.eq_ignore_ascii_case(value)),
            TextOp::Contains => any(&|v| value.to_lowercase().contains(&v.to_lowercase())),
            TextOp::NotIn => !any(&|v| v == value),
        }
    }
}

/// A facet to count: the field, and the name to report it under (as the caller wrote it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFacet {
    /// The name as requested.
    pub name: String,
    /// The field.
    pub field: AuditField,
}

/// A filter as the caller wrote it.
#[derive(Debug, Clone, Default)]
pub struct FilterSpec {
    /// The field name.
    pub name: Option<String>,
    /// `DATE` or `STRING` (inferred from the field when absent).
    pub field_type: Option<FieldType>,
    /// The operator.
    pub operator: Option<String>,
    /// The values.
    pub values: Option<Vec<String>>,
}

/// A facet as the caller wrote it.
#[derive(Debug, Clone, Default)]
pub struct FacetSpec {
    /// The field name.
    pub name: Option<String>,
    /// `DATE` or `STRING` (required, and must be the field's type).
    pub field_type: Option<FieldType>,
}

/// The search part of both audit requests, as the caller wrote it.
#[derive(Debug, Clone, Default)]
pub struct AuditSearch {
    /// `startDate` (inclusive).
    pub start_date: Option<DateTime<Utc>>,
    /// `endDate` (inclusive).
    pub end_date: Option<DateTime<Utc>>,
    /// `queryPhrase`.
    pub query_phrase: Option<String>,
    /// `filters`.
    pub filters: Vec<FilterSpec>,
    /// `facets`.
    pub facets: Vec<FacetSpec>,
    /// `sortOrder` (`sortBy` is checked with [`check_sort_by`]).
    pub sort: SortOrder,
    /// Rows to skip (from the page number).
    pub offset: u64,
    /// Page size.
    pub limit: u32,
}

/// What the storage is asked: events of `org_id` by actors of `home_org_ids`, every condition
/// already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    /// Where the events happened (the acting organization of the event).
    pub org_id: OrgId,
    /// The actors' home organizations (at least one).
    pub home_org_ids: Vec<OrgId>,
    /// The actors (empty: any).
    pub actor_ids: Vec<String>,
    /// Earliest timestamp, inclusive.
    pub from: Option<DateTime<Utc>>,
    /// Latest timestamp, inclusive.
    pub to: Option<DateTime<Utc>>,
    /// Words that must all occur in the event text (a trailing `*` marks a prefix).
    pub words: Vec<String>,
    /// STRING filters, all of which must hold.
    pub filters: Vec<AuditFilter>,
    /// Facets to count over the whole result.
    pub facets: Vec<AuditFacet>,
    /// Order by timestamp.
    pub sort: SortOrder,
    /// Rows to skip.
    pub offset: u64,
    /// Rows to return.
    pub limit: u32,
}

/// Counts per value of one facet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCounts {
    /// The facet's name as requested.
    pub name: String,
    /// `(value, count)`: STRING facets most frequent first, DATE facets per day (`yyyy-MM-dd`,
    /// UTC) in chronological order.
    pub entries: Vec<(String, u64)>,
}

/// One page of an audit search.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    /// The events of the page, in the requested order.
    pub events: Vec<AuditEvent>,
    /// How many events match in all.
    pub total: u64,
    /// The requested facets, in request order.
    pub facets: Vec<FacetCounts>,
}

fn parse_date(field: &str, value: &str) -> Result<DateTime<Utc>> {
    orgtrust_api::parse_datetime(value).ok_or_else(|| Error::Invalid {
        code: codes::INVALID_DATE,
        message: format!(
            "{} (at {field}: [{value}])",
            orgtrust_api::datetime::INVALID_DATE_MESSAGE
        ),
        field: Some(field.to_owned()),
    })
}

fn later(a: Option<DateTime<Utc>>, b: DateTime<Utc>) -> Option<DateTime<Utc>> {
    Some(a.map_or(b, |a| a.max(b)))
}

fn earlier(a: Option<DateTime<Utc>>, b: DateTime<Utc>) -> Option<DateTime<Utc>> {
    Some(a.map_or(b, |a| a.min(b)))
}

/// The words of a query phrase: whitespace-separated, those without a letter or digit dropped
/// (they match nothing a tokenizer keeps), a trailing `*` kept as a prefix marker.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(str::to_owned)
        .collect()
}

/// Validates the search part of a request into the conditions of an [`AuditQuery`].
fn validate(
    search: &AuditSearch,
    org_id: OrgId,
    home_org_ids: Vec<OrgId>,
    actor_ids: Vec<String>,
) -> Result<AuditQuery> {
    let mut window = DateWindow {
        from: search.start_date,
        to: search.end_date,
    };
    if let (Some(s), Some(e)) = (window.from, window.to) {
        if e < s {
            return Err(Error::invalid_value(
                "endDate",
                "endDate must not be before startDate.",
            ));
        }
    }
    let words = match &search.query_phrase {
        None => vec![],
        Some(p) => phrase_words(p),
    };
    if words.len() > MAX_WORDS {
        return Err(Error::invalid_value(
            "queryPhrase",
            format!("A query phrase may have at most {MAX_WORDS} words."),
        ));
    }
    if search.filters.len() > MAX_FILTERS {
        return Err(Error::invalid_value(
            "filters",
            format!("At most {MAX_FILTERS} filters are allowed."),
        ));
    }
    let mut filters = Vec::new();
    for (i, f) in search.filters.iter().enumerate() {
        if let Some(filter) = validate_filter(i, f, &mut window)? {
            filters.push(filter);
        }
    }
    let facets = validate_facets(&search.facets)?;
    Ok(AuditQuery {
        org_id,
        home_org_ids,
        actor_ids,
        from: window.from,
        to: window.to,
        words,
        filters,
        facets,
        sort: search.sort,
        offset: search.offset,
        limit: search.limit,
    })
}

/// The time window of a search: the start and end dates, narrowed by each timestamp filter.
struct DateWindow {
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
}

/// Validates filter `i`: a timestamp filter narrows `window` (and answers none), any other is a
/// STRING filter.
fn validate_filter(
    i: usize,
    f: &FilterSpec,
    window: &mut DateWindow,
) -> Result<Option<AuditFilter>> {
    let at = |part: &str| format!("filters[{i}].{part}");
    let name = f
        .name
        .as_deref()
        .ok_or_else(|| Error::invalid_value(at("name"), "A filter needs a name."))?;
    let field = AuditField::parse(name).ok_or_else(|| {
        Error::invalid_value(
            at("name"),
            format!(
                "Value [{name}] is not a field audits can be filtered on. Allowable values are: {}",
                AuditField::known()
            ),
        )
    })?;
    if let Some(t) = f.field_type {
        if t != field.field_type() {
            return Err(Error::invalid_value(
                at("type"),
                format!("Field [{}] is not of type [{t:?}].", field.name()),
            ));
        }
    }
    let operator = f
        .operator
        .as_deref()
        .ok_or_else(|| Error::invalid_value(at("operator"), "A filter needs an operator."))?;
    let values = f.values.clone().unwrap_or_default();
    if values.is_empty() {
        return Err(Error::invalid_value(
            at("values"),
            "A filter needs at least one value.",
        ));
    }
    if values.len() > MAX_VALUES {
        return Err(Error::invalid_value(
            at("values"),
            format!("A filter may have at most {MAX_VALUES} values."),
        ));
    }
    if field == AuditField::Timestamp {
        window.narrow(&at("values"), &at("operator"), operator, &values)?;
        return Ok(None);
    }
    let op = match operator.trim().to_ascii_lowercase().as_str() {
        "eq" | "equals" | "in" => TextOp::In,
        "matches" => TextOp::InIgnoreCase,
        "contains" => TextOp::Contains,
        "ne" | "notequals" | "notin" => TextOp::NotIn,
        _ => {
            return Err(Error::invalid_value(
                at("operator"),
                format!("Value [{operator}] is not a valid operator for a STRING filter. Allowable values are: eq, equals, in, matches, contains, ne, notEquals, notIn"),
            ))
        }
    };
    Ok(Some(AuditFilter { field, op, values }))
}

impl DateWindow {
    /// Narrows the window by a DATE filter (`values_at`, `operator_at`: where its parts are).
    fn narrow(
        &mut self,
        values_at: &str,
        operator_at: &str,
        operator: &str,
        values: &[String],
    ) -> Result<()> {
        let one = |values: &[String]| -> Result<DateTime<Utc>> {
            match values {
                [v] => parse_date(values_at, v),
                _ => Err(Error::invalid_value(
                    values_at,
                    format!("Operator [{operator}] takes exactly one value."),
                )),
            }
        };
        let ms = Duration::milliseconds(1);
        match operator.trim().to_ascii_lowercase().as_str() {
            "gte" | "ge" => self.from = later(self.from, one(values)?),
            "gt" => self.from = later(self.from, one(values)? + ms),
            "lte" | "le" => self.to = earlier(self.to, one(values)?),
            "lt" => self.to = earlier(self.to, one(values)? - ms),
            "between" => match values {
                [a, b] => {
                    self.from = later(self.from, parse_date(values_at, a)?);
                    self.to = earlier(self.to, parse_date(values_at, b)?);
                }
                _ => {
                    return Err(Error::invalid_value(
                        values_at,
                        "Operator [between] takes exactly two values.",
                    ))
                }
            },
            _ => {
                return Err(Error::invalid_value(
                    operator_at,
                    format!("Value [{operator}] is not a valid operator for a DATE filter. Allowable values are: gt, gte, lt, lte, between"),
                ))
            }
        }
        Ok(())
    }
}

/// Validates the facets: each a known field, of the type it is asked as.
fn validate_facets(specs: &[FacetSpec]) -> Result<Vec<AuditFacet>> {
    if specs.len() > MAX_FACETS {
        return Err(Error::invalid_value(
            "facets",
            format!("At most {MAX_FACETS} facets are allowed."),
        ));
    }
    let mut facets = Vec::new();
    for (i, f) in specs.iter().enumerate() {
        let name = f.name.as_deref().ok_or_else(|| {
            Error::invalid_value(format!("facets[{i}].name"), "A facet needs a name.")
        })?;
        let field = AuditField::parse(name).ok_or_else(|| {
            Error::invalid_value(
                format!("facets[{i}].name"),
                format!(
                    "Value [{name}] is not a field audits can be faceted on. Allowable values are: {}",
                    AuditField::known()
                ),
            )
        })?;
        // The `Facet` model requires `type` as it requires `name`.
        let t = f.field_type.ok_or_else(|| {
            Error::invalid_value(
                format!("facets[{i}].type"),
                "A facet needs a type. Allowable values are: DATE, STRING",
            )
        })?;
        if t != field.field_type() {
            return Err(Error::invalid_value(
                format!("facets[{i}].type"),
                format!("Field [{}] is not of type [{t:?}].", field.name()),
            ));
        }
        facets.push(AuditFacet {
            name: name.to_owned(),
            field,
        });
    }
    Ok(facets)
}

/// Trims, drops empty entries and duplicates, keeping the first order.
fn distinct(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == id) {
            out.push(id.to_owned());
        }
    }
    out
}

fn user_ids(ids: Option<&Vec<String>>) -> Result<Vec<String>> {
    let ids = ids.ok_or_else(|| {
        Error::invalid_value(
            "trusteeUserIds",
            "trusteeUserIds is required (an empty list means every user).",
        )
    })?;
    let ids = distinct(ids);
    if ids.len() > MAX_USERS {
        return Err(Error::invalid_value(
            "trusteeUserIds",
            format!("At most {MAX_USERS} user ids are allowed."),
        ));
    }
    Ok(ids)
}

fn no_trust(field: &str, org: &str) -> Error {
    Error::invalid_value(
        field,
        format!("Value [{org}] is not valid for field [{field}]: there is no trust between your organization and organization [{org}]."),
    )
}

/// The audit trail as callers read it: searches over the events their organizations' users
/// caused, and the most recent events of an organization.
pub struct AuditLog {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) authz: Arc<Authz>,
}

impl AuditLog {
    /// The service over `store`.
    pub fn new(store: Arc<dyn Store>, authz: Arc<Authz>) -> Self {
        Self { store, authz }
    }

    /// The most recent audit events of an organization (newest first).
    pub async fn recent_audit_events(
        &self,
        org: &OrgId,
        limit: u32,
    ) -> crate::Result<Vec<AuditEvent>> {
        Ok(self.store.recent_audit_events(org, limit).await?)
    }
}

impl AuditLog {
    /// `POST /api/v2/orgauthorization/trustees/audits`: what users of the named trustee
    /// organizations did in the caller's organization (the trustor). Every named organization
    /// must be a trustee of the caller (a trust in any state).
    pub async fn trustee_audits(
        &self,
        principal: &Authorized,
        trustee_org_ids: Option<&Vec<String>>,
        trustee_user_ids: Option<&Vec<String>>,
        search: &AuditSearch,
    ) -> Result<AuditPage> {
        let orgs = trustee_org_ids.ok_or_else(|| {
            Error::invalid_value(
                "trusteeOrganizationIds",
                "trusteeOrganizationIds is required.",
            )
        })?;
        let orgs = distinct(orgs);
        if orgs.is_empty() {
            return Err(Error::invalid_value(
                "trusteeOrganizationIds",
                "Name at least one trustee organization.",
            ));
        }
        if orgs.len() > MAX_ORGS {
            return Err(Error::invalid_value(
                "trusteeOrganizationIds",
                format!("At most {MAX_ORGS} trustee organizations are allowed."),
            ));
        }
        let users = user_ids(trustee_user_ids)?;
        let trustor = &principal.org_id;
        // The caller's own index holds its trusts in every state (a trust write bumps it).
        let index = self.authz.index(trustor).await?;
        let mut homes = Vec::with_capacity(orgs.len());
        for id in &orgs {
            let trustee = OrgId::new(id.clone());
            if index.trusts().trust(&trustee).is_none() {
                return Err(no_trust("trusteeOrganizationIds", id));
            }
            homes.push(trustee);
        }
        let query = validate(search, trustor.clone(), homes, users)?;
        Ok(self.store.search_audit_events(&query).await?)
    }

    /// `POST /api/v2/orgauthorization/trustor/audits`: what the caller's users (the trustee's)
    /// did in the named trustor organization, which must trust the caller (in any state).
    pub async fn trustor_audits(
        &self,
        principal: &Authorized,
        trustor_org_id: Option<&str>,
        trustee_user_ids: Option<&Vec<String>>,
        search: &AuditSearch,
    ) -> Result<AuditPage> {
        let trustor = trustor_org_id
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                Error::invalid_value(
                    "trustorOrganizationId",
                    "trustorOrganizationId is required.",
                )
            })?;
        let users = user_ids(trustee_user_ids)?;
        let trustee = &principal.org_id;
        let trustor = OrgId::new(trustor);
        if self.store.trust(&trustor, trustee).await?.is_none() {
            return Err(no_trust("trustorOrganizationId", trustor.as_str()));
        }
        let query = validate(search, trustor, vec![trustee.clone()], users)?;
        Ok(self.store.search_audit_events(&query).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search() -> AuditSearch {
        AuditSearch {
            limit: 25,
            ..AuditSearch::default()
        }
    }

    fn run(s: &AuditSearch) -> Result<AuditQuery> {
        validate(s, OrgId::new("t"), vec![OrgId::new("e")], vec![])
    }

    fn filter(name: &str, op: &str, values: &[&str]) -> FilterSpec {
        FilterSpec {
            name: Some(name.into()),
            field_type: None,
            operator: Some(op.into()),
            values: Some(values.iter().map(|v| (*v).to_owned()).collect()),
        }
    }

    fn field_of(e: Error) -> Option<String> {
        match e {
            Error::Invalid { field, .. } => field,
            _ => None,
        }
    }

    #[test]
    fn date_filters_narrow_the_range() {
        let mut s = search();
        s.start_date = orgtrust_api::parse_datetime("2026-01-01T00:00:00Z");
        s.filters = vec![
            filter("timestamp", "gte", &["2026-02-01"]),
            filter("eventDate", "lt", &["2026-03-01T00:00:00Z"]),
            filter("timestamp", "between", &["2025-01-01", "2026-12-31"]),
        ];
        let q = run(&s).expect("valid");
        assert_eq!(q.from, orgtrust_api::parse_datetime("2026-02-01"));
        assert_eq!(
            q.to,
            orgtrust_api::parse_datetime("2026-02-28T23:59:59.999Z")
        );
        assert!(q.filters.is_empty());
    }

    #[test]
    fn string_filters_and_facets_parse() {
        let mut s = search();
        s.filters = vec![
            filter("entity.type", "notEquals", &["token"]),
            filter("ACTION", "in", &["create", "update"]),
        ];
        s.facets = vec![FacetSpec {
            name: Some("action".into()),
            field_type: Some(FieldType::String),
        }];
        let q = run(&s).expect("valid");
        assert_eq!(q.filters[0].field, AuditField::EntityType);
        assert_eq!(q.filters[0].op, TextOp::NotIn);
        assert_eq!(q.filters[1].values, vec!["create", "update"]);
        assert_eq!(q.facets[0].field, AuditField::Action);
    }

    #[test]
    fn unknown_fields_operators_and_bad_dates_are_refused_by_name() {
        let mut s = search();
        s.filters = vec![filter("colour", "eq", &["red"])];
        assert_eq!(
            field_of(run(&s).expect_err("unknown")).as_deref(),
            Some("filters[0].name")
        );
        s.filters = vec![filter("action", "like", &["x"])];
        assert_eq!(
            field_of(run(&s).expect_err("operator")).as_deref(),
            Some("filters[0].operator")
        );
        s.filters = vec![filter("timestamp", "gte", &["yesterday"])];
        match run(&s).expect_err("date") {
            Error::Invalid { code, .. } => assert_eq!(code, codes::INVALID_DATE),
            other => panic!("{other:?}"),
        }
        s.filters = vec![filter("action", "eq", &[])];
        assert_eq!(
            field_of(run(&s).expect_err("values")).as_deref(),
            Some("filters[0].values")
        );
        s.filters = vec![];
        s.facets = vec![FacetSpec {
            name: Some("action".into()),
            field_type: Some(FieldType::Date),
        }];
        assert_eq!(
            field_of(run(&s).expect_err("type")).as_deref(),
            Some("facets[0].type")
        );
    }

    #[test]
    fn phrases_split_into_words() {
        assert_eq!(phrase_words("  Emil  Eur* - "), vec!["Emil", "Eur*"]);
        assert!(phrase_words(" -- ").is_empty());
    }

    #[test]
    fn sort_parameters() {
        assert_eq!(
            SortOrder::parse("ASCENDING").expect("ok"),
            SortOrder::Ascending
        );
        assert!(SortOrder::parse("sideways").is_err());
        assert!(check_sort_by("timestamp").is_ok());
        assert!(check_sort_by("action").is_err());
    }
}
