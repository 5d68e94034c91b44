//! `/api/v2/fieldconfig`: the field configuration of an entity type (deprecated; any valid
//! token).

use axum::extract::State;
use orgtrust_api::{FieldConfig, FieldConfigEntityType, FieldList, Section};
use orgtrust_core::fieldconfig::field_config;

use crate::error::ApiResult;
use crate::extract::Query;
use crate::state::AppState;

/// `GET /api/v2/fieldconfig?type=person|group|org` (other types: 400 `bad.entity.type`).
pub async fn get(
    State(_state): State<AppState>,
    query: Query,
) -> ApiResult<axum::Json<FieldConfig>> {
    let def = field_config(query.get("type"))?;
    let entity_type = match def.entity_type {
        "group" => FieldConfigEntityType::Group,
        "org" => FieldConfigEntityType::Org,
        _ => FieldConfigEntityType::Person,
    };
    Ok(axum::Json(FieldConfig {
        id: Some(def.entity_type.to_owned()),
        name: Some(def.name.to_owned()),
        entity_type: Some(entity_type),
        state: Some("active".into()),
        sections: Some(
            def.sections
                .iter()
                .map(|s| Section {
                    key: Some(s.key.to_owned()),
                    state: Some("active".into()),
                    instruction_text: None,
                    field_list: Some(
                        s.fields
                            .iter()
                            .map(|f| FieldList {
                                key: Some(f.key.to_owned()),
                                r#type: Some(f.kind.to_owned()),
                                required: Some(f.required),
                                repeatable: Some(f.repeatable),
                                state: Some("active".into()),
                                custom_labels: Some(false),
                                label_keys: Some(vec![f.key.to_owned()]),
                                gdpr: Some(false),
                                instruction_text: None,
                                params: None,
                            })
                            .collect(),
                    ),
                })
                .collect(),
        ),
        version: Some("1".into()),
        schema_version: Some("1".into()),
        self_uri: Some(format!("/api/v2/fieldconfig?type={}", def.entity_type)),
    }))
}
