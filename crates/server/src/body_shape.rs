//! Refuses a JSON array where the body's type expects an object. serde's derived `Deserialize`
//! accepts a struct written as a sequence of its fields (`[null, null]` for
//! `EmbeddedIntegration`), which Genesys answers with 400; schemathesis found orgtrust answering
//! 200. The check walks the body against the type's JSON schema (the `schemars` derive of the wire
//! types) before serde sees it.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use schemars::gen::SchemaSettings;
use schemars::schema::{InstanceType, RootSchema, Schema, SchemaObject, SingleOrVec};
use schemars::JsonSchema;
use serde_json::Value;

/// The schema of `T`, generated once per type.
fn root_schema<T: JsonSchema + 'static>() -> Arc<RootSchema> {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, Arc<RootSchema>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(TypeId::of::<T>())
        .or_insert_with(|| {
            let mut settings = SchemaSettings::draft07();
            settings.option_add_null_type = false;
            Arc::new(settings.into_generator().into_root_schema_for::<T>())
        })
        .clone()
}

/// The path (`field.sub[2]`) of the first array in `value` where `T` expects an object.
pub fn array_for_object<T: JsonSchema + 'static>(value: &Value) -> Option<String> {
    let root = root_schema::<T>();
    walk(&root.schema, &root, value, String::new())
}

fn expects_object(schema: &SchemaObject) -> bool {
    match &schema.instance_type {
        Some(SingleOrVec::Single(t)) => **t == InstanceType::Object,
        Some(SingleOrVec::Vec(types)) => {
            types.contains(&InstanceType::Object) && !types.contains(&InstanceType::Array)
        }
        None => schema.object.is_some(),
    }
}

fn walk(schema: &SchemaObject, root: &RootSchema, value: &Value, path: String) -> Option<String> {
    if let Some(reference) = &schema.reference {
        let name = reference.trim_start_matches("#/definitions/");
        return match root.definitions.get(name) {
            Some(Schema::Object(target)) => walk(target, root, value, path),
            _ => None,
        };
    }
    if let Some(all_of) = schema.subschemas.as_ref().and_then(|s| s.all_of.as_ref()) {
        for sub in all_of {
            if let Schema::Object(sub) = sub {
                if let Some(found) = walk(sub, root, value, path.clone()) {
                    return Some(found);
                }
            }
        }
    }
    match value {
        Value::Array(_) if expects_object(schema) => Some(if path.is_empty() {
            "body".to_owned()
        } else {
            path
        }),
        Value::Array(items) => {
            let item_schema = match schema.array.as_ref().and_then(|a| a.items.as_ref()) {
                Some(SingleOrVec::Single(s)) => s,
                _ => return None,
            };
            let Schema::Object(item_schema) = item_schema.as_ref() else {
                return None;
            };
            items
                .iter()
                .enumerate()
                .find_map(|(i, item)| walk(item_schema, root, item, format!("{path}[{i}]")))
        }
        Value::Object(map) => {
            let properties = &schema.object.as_ref()?.properties;
            map.iter()
                .find_map(|(key, item)| match properties.get(key) {
                    Some(Schema::Object(property)) => {
                        let sub = if path.is_empty() {
                            key.clone()
                        } else {
                            format!("{path}.{key}")
                        };
                        walk(property, root, item, sub)
                    }
                    _ => None,
                })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::array_for_object;
    use orgtrust_api::{EmbeddedIntegration, RoleDivisionGrants, TrustCreate};
    use serde_json::json;

    #[test]
    fn an_array_where_an_object_belongs_is_found_with_its_path() {
        let bad = json!([null, null]);
        assert_eq!(
            array_for_object::<EmbeddedIntegration>(&bad).as_deref(),
            Some("body")
        );
        let nested = json!({"grants": [["role", "division"]]});
        assert_eq!(
            array_for_object::<RoleDivisionGrants>(&nested).as_deref(),
            Some("grants[0]")
        );
        let deep =
            json!({"pairingId": "p", "users": [{"id": "u", "roleIds": ["r"]}], "groups": [[]]});
        assert_eq!(
            array_for_object::<TrustCreate>(&deep).as_deref(),
            Some("groups[0]")
        );
    }

    #[test]
    fn well_shaped_bodies_pass() {
        assert_eq!(
            array_for_object::<EmbeddedIntegration>(&json!({"enableWhitelist": true})),
            None
        );
        assert_eq!(array_for_object::<Vec<String>>(&json!(["a", "b"])), None);
        assert_eq!(
            array_for_object::<RoleDivisionGrants>(&json!({"grants": [{"roleId": "r"}]})),
            None
        );
        assert_eq!(array_for_object::<serde_json::Value>(&json!([1])), None);
    }
}
