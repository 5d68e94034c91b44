//! The one rule every string obeys where it enters (a request's path, query, JSON body or form,
//! a fixture, a snapshot): no U+0000. PostgreSQL's `text` cannot hold it and SQLite can, so
//! without the rule the engines would disagree and a snapshot could not move between them. A
//! string with a NUL is refused with 400 `invalid.value` naming the field; an id with one names
//! nothing and is simply not found (the server's edge answers 404 for a path holding one).

use serde_json::Value;

/// Says what is wrong with a field holding a NUL, for people.
pub fn nul_message(field: &str) -> String {
    format!("Value at [{field}] contains a NUL character (U+0000), which is not allowed.")
}

/// Could this JSON text hold a NUL? (Only as the escape `\u0000`: a raw NUL is not JSON.) A
/// cheap scan that lets every document without one skip [`nul_in_json`].
pub fn json_may_hold_nul(text: &[u8]) -> bool {
    text.windows(6)
        .any(|w| w[0] == b'\\' && (w[1] == b'u' || w[1] == b'U') && &w[2..] == b"0000")
}

/// The path (`organizations[0].users[2].name`, `$` for the document itself) of the first string
/// or object key holding a NUL in `value`, if any.
pub fn nul_in_json(value: &Value) -> Option<String> {
    fn walk(value: &Value, path: &mut String) -> bool {
        match value {
            Value::String(s) => s.contains('\0'),
            Value::Array(items) => items.iter().enumerate().any(|(i, item)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(item, path);
                if !found {
                    path.truncate(len);
                }
                found
            }),
            Value::Object(map) => map.iter().any(|(key, item)| {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&key.replace('\0', "\\u0000"));
                let found = key.contains('\0') || walk(item, path);
                if !found {
                    path.truncate(len);
                }
                found
            }),
            _ => false,
        }
    }
    let mut path = String::new();
    walk(value, &mut path).then(|| {
        if path.is_empty() {
            "$".to_owned()
        } else {
            path
        }
    })
}

/// The JSON path of the first NUL in the document `text` (scanned cheaply first), if any.
pub fn nul_in_json_text(text: &[u8]) -> Option<String> {
    if !json_may_hold_nul(text) {
        return None;
    }
    // A document with invalid UTF-8 only in strings a typed parse ignores (unknown fields) is
    // still accepted by that parse: read it lossily, so its NUL is found all the same.
    // The first value only, as a typed parse reads it (whatever follows is refused there).
    let first = |text: &[u8]| {
        serde_json::Deserializer::from_slice(text)
            .into_iter::<Value>()
            .next()
            .and_then(|v| v.ok())
    };
    first(text)
        .or_else(|| first(String::from_utf8_lossy(text).as_bytes()))
        .and_then(|v| nul_in_json(&v))
}

/// The name of the first `(name, value)` pair (a form, a query string) with a NUL in either.
pub fn nul_in_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    pairs
        .into_iter()
        .find(|(k, v)| k.contains('\0') || v.contains('\0'))
        .map(|(k, _)| k.replace('\0', "\\u0000"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_path_of_a_nul() {
        assert_eq!(nul_in_json(&json!({"a": [1, {"b": "x"}]})), None);
        assert_eq!(
            nul_in_json(&json!({"a": [1, {"b": "x\u{0}y"}]})).as_deref(),
            Some("a[1].b")
        );
        assert_eq!(
            nul_in_json(&json!({"ok": "x", "k\u{0}": 1})).as_deref(),
            Some("k\\u0000")
        );
        assert_eq!(nul_in_json(&json!("\u{0}")).as_deref(), Some("$"));
        assert_eq!(
            nul_in_json(&json!([["a"], ["\u{0}"]])).as_deref(),
            Some("[1][0]")
        );
    }

    #[test]
    fn scans_text_cheaply_and_exactly() {
        assert!(!json_may_hold_nul(br#"{"a":"b"}"#));
        assert!(json_may_hold_nul(br#"{"a":"\u0000"}"#));
        // An escaped backslash followed by "u0000" is no NUL: the scan says maybe, the walk no.
        assert_eq!(nul_in_json_text(br#"{"a":"\\u0000"}"#), None);
        assert_eq!(
            nul_in_json_text(br#"{"a":"x\u0000"}"#).as_deref(),
            Some("a")
        );
        // Invalid UTF-8 elsewhere (in a field a typed parse ignores) hides no NUL.
        assert_eq!(
            nul_in_json_text(b"{\"a\":\"x\\u0000\",\"b\":\"\xaa\"}").as_deref(),
            Some("a")
        );
    }

    #[test]
    fn fixtures_and_snapshots_refuse_a_nul_naming_its_path() {
        let demo = include_str!("../../../fixtures/demo.json");
        assert!(crate::fixture::parse("demo", demo).is_ok());
        let broken = demo.replacen("\"Acme Corp\"", "\"Acme\\u0000Corp\"", 1);
        let e = crate::fixture::parse("demo", &broken).expect_err("refused");
        assert_eq!(e.path, "organizations[0].name", "{e}");
        assert!(e.message.contains("NUL"), "{e}");
    }

    #[test]
    fn names_the_pair() {
        assert_eq!(
            nul_in_pairs([("a", "b"), ("c", "d\0")]).as_deref(),
            Some("c")
        );
        assert_eq!(nul_in_pairs([("a", "b")]), None);
    }
}
