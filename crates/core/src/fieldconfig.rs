//! Field configuration (`GET /api/v2/fieldconfig?type=person|group|org`): which profile fields
//! each entity type has, in sections, as the directory stores them. Read-only data.

/// One field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    /// Field key.
    pub key: &'static str,
    /// Field type (`text`, `email`, `phone`, `url`, ...).
    pub kind: &'static str,
    /// Whether it is required.
    pub required: bool,
    /// Whether it may repeat.
    pub repeatable: bool,
}

/// A section of fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionDef {
    /// Section key.
    pub key: &'static str,
    /// Its fields.
    pub fields: &'static [FieldDef],
}

/// The configuration of one entity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldConfigDef {
    /// `person`, `group` or `org`.
    pub entity_type: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Sections.
    pub sections: &'static [SectionDef],
}

const fn f(key: &'static str, kind: &'static str, required: bool, repeatable: bool) -> FieldDef {
    FieldDef {
        key,
        kind,
        required,
        repeatable,
    }
}

/// The entity types and the profile fields the directory stores for each.
pub const FIELD_CONFIGS: &[FieldConfigDef] = &[
    FieldConfigDef {
        entity_type: "person",
        name: "Person",
        sections: &[
            SectionDef {
                key: "general",
                fields: &[
                    f("name", "text", true, false),
                    f("title", "text", false, false),
                    f("department", "text", false, false),
                ],
            },
            SectionDef {
                key: "contactInfo",
                fields: &[f("email_main", "email", true, false)],
            },
        ],
    },
    FieldConfigDef {
        entity_type: "group",
        name: "Group",
        sections: &[SectionDef {
            key: "general",
            fields: &[
                f("name", "text", true, false),
                f("description", "text", false, false),
            ],
        }],
    },
    FieldConfigDef {
        entity_type: "org",
        name: "Organization",
        sections: &[SectionDef {
            key: "general",
            fields: &[
                f("name", "text", true, false),
                f("domain", "text", false, false),
                f("defaultLanguage", "text", true, false),
                f("defaultCountryCode", "text", true, false),
                f("supportURI", "url", false, false),
                f("thirdPartyURI", "url", false, false),
            ],
        }],
    },
];

/// The configuration of `entity_type`, or a 400 `bad.entity.type`.
pub fn field_config(entity_type: Option<&str>) -> crate::Result<&'static FieldConfigDef> {
    let t = entity_type.unwrap_or("");
    FIELD_CONFIGS
        .iter()
        .find(|c| c.entity_type == t)
        .ok_or_else(|| {
            crate::Error::bad_request(
                orgtrust_api::codes::BAD_ENTITY_TYPE,
                format!(
                    "The entity type [{t}] is invalid. Allowable values are: person, group, org"
                ),
            )
        })
}
