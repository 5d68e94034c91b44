//! Audit events: every write through the API stores one in the same transaction as the change.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::ids::{ClientId, OrgId};

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `user`, `client` or `system`.
    pub kind: &'static str,
    /// The user or client id (empty for the system).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The entity an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a> {
    /// The kind of entity (`user`, `OrgTrustee`, `token`, ...).
    pub entity_type: &'a str,
    /// Its id.
    pub id: &'a str,
    /// Its name, when it has one.
    pub name: Option<&'a str>,
}

/// One property change in an event's before/after summary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// The property (top-level field of the entity).
    pub property: String,
    /// Its values before (empty when created).
    pub old_values: Vec<String>,
    /// Its values after (empty when deleted).
    pub new_values: Vec<String>,
}

/// A stored audit event.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// Event id (UUID).
    pub id: String,
    /// When it happened (by the server clock).
    pub timestamp: DateTime<Utc>,
    /// The organization it happened in (the acting organization).
    pub org_id: OrgId,
    /// The actor's home organization (differs from `org_id` for a trustee user).
    pub home_org_id: OrgId,
    /// Who did it.
    pub actor: Actor,
    /// Through which OAuth client.
    pub client_id: Option<ClientId>,
    /// What was done (`create`, `update`, `delete`, `login`, ...).
    pub action: String,
    /// The kind of entity (`user`, `OrgTrustee`, `token`, ...).
    pub entity_type: String,
    /// The entity's id.
    pub entity_id: String,
    /// The entity's name, when it has one.
    pub entity_name: Option<String>,
    /// Before/after summary, one entry per changed property.
    pub changes: Vec<Change>,
    /// The request's correlation id (`ININ-Correlation-Id`).
    pub correlation_id: String,
    /// The caller's address.
    pub remote_ip: Option<String>,
}

/// The before/after summary of two JSON snapshots of an entity: one [`Change`] per top-level
/// property whose value differs. Either side may be absent (creation, deletion).
pub fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| Change {
            property: k.clone(),
            old_values: values(b.get(k)),
            new_values: values(a.get(k)),
        })
        .collect()
}

fn values(v: Option<&Value>) -> Vec<String> {
    match v {
        None | Some(Value::Null) => vec![],
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect(),
        Some(other) => vec![other.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_lists_changed_properties_only() {
        let before = json!({"name": "A", "title": "Analyst", "same": 1});
        let after = json!({"name": "A", "title": "Lead", "same": 1, "roles": ["x", "y"]});
        let changes = diff(Some(&before), Some(&after));
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].property, "roles");
        assert_eq!(changes[0].new_values, vec!["x", "y"]);
        assert_eq!(
            changes[1],
            Change {
                property: "title".into(),
                old_values: vec!["Analyst".into()],
                new_values: vec!["Lead".into()]
            }
        );
        assert!(diff(None, Some(&after))
            .iter()
            .all(|c| c.old_values.is_empty()));
    }
}
