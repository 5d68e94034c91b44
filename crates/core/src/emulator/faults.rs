//! Injected faults: rules that make matching requests fail with a chosen status or answer late,
//! so that clients' retry and error paths can be exercised.

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The longest latency one rule may add (one minute; SDK timeouts are shorter).
pub const MAX_LATENCY_MS: u64 = 60_000;
/// The most rules kept at once.
pub const MAX_RULES: usize = 100;

/// One fault rule, as posted to `/_orgtrust/faults`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRule {
    /// The request path the rule applies to; `*` matches any run of characters
    /// (`/api/v2/users/*`, `*/trustees*`).
    pub path: String,
    /// The HTTP method (any when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The chance (0 to 1) that a matching request is affected (always when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// How many matching requests are affected before the rule retires (unbounded when
    /// absent); counts down as it fires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// The status to answer with (400 to 599), instead of serving the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Milliseconds to wait before answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
}

impl FaultRule {
    /// Refuses a rule that could not fire or would do nothing; `at` names it in the message
    /// (`rules[2]`).
    pub fn validate(&self, at: &str) -> Result<()> {
        if !self.path.starts_with('/') && !self.path.starts_with('*') {
            return Err(Error::invalid_value(
                format!("{at}.path"),
                "a path pattern starts with / or *",
            ));
        }
        if let Some(p) = self.probability {
            if !(0.0..=1.0).contains(&p) {
                return Err(Error::invalid_value(
                    format!("{at}.probability"),
                    "between 0 and 1",
                ));
            }
        }
        if self.count == Some(0) {
            return Err(Error::invalid_value(format!("{at}.count"), "at least 1"));
        }
        if let Some(s) = self.status {
            if !(400..=599).contains(&s) {
                return Err(Error::invalid_value(
                    format!("{at}.status"),
                    "an error status, 400 to 599",
                ));
            }
        }
        if let Some(ms) = self.latency_ms {
            if ms > MAX_LATENCY_MS {
                return Err(Error::invalid_value(
                    format!("{at}.latencyMs"),
                    format!("at most {MAX_LATENCY_MS}"),
                ));
            }
        }
        if self.status.is_none() && self.latency_ms.is_none() {
            return Err(Error::invalid_value(
                at.to_owned(),
                "a rule needs a status or a latencyMs",
            ));
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && glob(&self.path, path)
    }
}

/// `*` matches any run of characters (including `/`); everything else literally.
pub(crate) fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

/// What to do to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// Answer with this status instead of serving.
    pub status: Option<u16>,
    /// Wait this long first.
    pub latency_ms: Option<u64>,
}

/// The rules in force, in the order they were added (the first that fires wins).
#[derive(Debug, Default)]
pub struct FaultSet {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultSet {
    /// Adds rules (all of them, or none when one is invalid); answers the rules in force.
    pub fn add(&self, rules: Vec<FaultRule>) -> Result<Vec<FaultRule>> {
        for (i, r) in rules.iter().enumerate() {
            r.validate(&format!("rules[{i}]"))?;
        }
        let mut held = self.rules.lock();
        if held.len() + rules.len() > MAX_RULES {
            return Err(Error::invalid_value(
                "rules",
                format!("at most {MAX_RULES} rules in force"),
            ));
        }
        held.extend(rules);
        Ok(held.clone())
    }

    /// The rules in force.
    pub fn list(&self) -> Vec<FaultRule> {
        self.rules.lock().clone()
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.rules.lock().clear();
    }

    /// The fault for a request, if a rule fires (counting it down).
    pub fn decide(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.rules.lock();
        let index = rules.iter().position(|r| {
            r.matches(method, path) && r.probability.is_none_or(|p| rand::random::<f64>() < p)
        })?;
        let rule = &mut rules[index];
        let fault = Fault {
            status: rule.status,
            latency_ms: rule.latency_ms,
        };
        if let Some(n) = rule.count.as_mut() {
            *n -= 1;
            if *n == 0 {
                rules.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(path: &str) -> FaultRule {
        FaultRule {
            path: path.into(),
            method: None,
            probability: None,
            count: None,
            status: Some(503),
            latency_ms: None,
        }
    }

    #[test]
    fn globs() {
        assert!(glob("/api/v2/users", "/api/v2/users"));
        assert!(!glob("/api/v2/users", "/api/v2/users/1"));
        assert!(glob("/api/v2/users*", "/api/v2/users/1"));
        assert!(glob("*/trustees*", "/api/v2/orgauthorization/trustees/x"));
        assert!(glob("/api/*/me", "/api/v2/organizations/me"));
        assert!(!glob("/api/*/me", "/api/v2/organizations/mex"));
        assert!(glob("*", "/anything"));
    }

    #[test]
    fn counted_rules_retire_and_methods_filter() {
        let set = FaultSet::default();
        let mut r = rule("/api/v2/users*");
        r.count = Some(2);
        r.method = Some("get".into());
        set.add(vec![r]).expect("valid");
        assert_eq!(set.decide("POST", "/api/v2/users"), None);
        assert!(set.decide("GET", "/api/v2/users").is_some());
        assert!(set.decide("GET", "/api/v2/users/1").is_some());
        assert_eq!(set.decide("GET", "/api/v2/users"), None);
        assert!(set.list().is_empty());
    }

    #[test]
    fn zero_probability_never_fires_and_invalid_rules_add_nothing() {
        let set = FaultSet::default();
        let mut r = rule("/x");
        r.probability = Some(0.0);
        set.add(vec![r]).expect("valid");
        assert_eq!(set.decide("GET", "/x"), None);
        let mut bad = rule("/y");
        bad.status = Some(200);
        assert!(set.add(vec![rule("/z"), bad]).is_err());
        assert_eq!(set.list().len(), 1);
    }
}
