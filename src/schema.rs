//! JSON Schemas of the input formats and of the results document,
//! generated from the types that read and write them.
//!
//! The dossier schema accepts both kinds of dossier file: its root is an
//! `anyOf` of a single dossier (`$defs/Dossier`) and a collection
//! (`$defs/DossierCollection`); the loader picks one by the `format` field.

use serde_json::{Map, Value, json};

use crate::domain::{DossierCollection, SessionDefinition};

/// The formats with a schema (`gremium schema KIND`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    Session,
    Dossier,
    Results,
}

/// The schema of one format as pretty-printed JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    serde_json::to_string_pretty(&schema_value(kind)).unwrap_or_default()
}

/// The schema of one format as a JSON value.
pub fn schema_value(kind: SchemaKind) -> Value {
    match kind {
        SchemaKind::Session => schemars::schema_for!(SessionDefinition).to_value(),
        SchemaKind::Dossier => dossier_file_schema(),
        SchemaKind::Results => schemars::schema_for!(crate::export::Results).to_value(),
    }
}

fn dossier_file_schema() -> Value {
    let mut collection = schemars::schema_for!(DossierCollection).to_value();
    let mut defs = match collection.as_object_mut().and_then(|o| o.remove("$defs")) {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let schema_uri = collection.as_object_mut().and_then(|o| o.remove("$schema")).unwrap_or(Value::Null);
    defs.insert("DossierCollection".into(), collection);
    json!({
        "$schema": schema_uri,
        "$id": "https://gremium.invalid/schema/dossier-1.json",
        "title": "gremium dossier file",
        "description": "A file holding one dossier (`format`: `gremium.dossier/1`) or a collection of dossiers (`format`: `gremium.dossiers/1`, with `dossiers`). Fields not listed here are reported as warnings.",
        "anyOf": [
            { "$ref": "#/$defs/Dossier" },
            { "$ref": "#/$defs/DossierCollection" }
        ],
        "$defs": defs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_in_sync(kind: SchemaKind, file: &str, arg: &str) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema").join(file);
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk.trim_end() == schema_json(kind).trim_end(),
            "docs/schema/{file} differs from the schema generated from the domain types; \
             regenerate it with `cargo run -- schema {arg} > docs/schema/{file}`"
        );
    }

    #[test]
    fn published_session_schema_matches_the_code() {
        assert_in_sync(SchemaKind::Session, "session.schema.json", "session");
    }

    #[test]
    fn published_dossier_schema_matches_the_code() {
        assert_in_sync(SchemaKind::Dossier, "dossier.schema.json", "dossier");
    }

    #[test]
    fn published_results_schema_matches_the_code() {
        assert_in_sync(SchemaKind::Results, "results.schema.json", "results");
    }

    #[test]
    fn dossier_schema_defines_both_kinds_of_file() {
        let v = schema_value(SchemaKind::Dossier);
        assert!(v["$defs"]["Dossier"]["properties"]["funding"].is_object());
        assert_eq!(
            v["$defs"]["DossierCollection"]["properties"]["dossiers"]["items"]["$ref"],
            "#/$defs/Dossier"
        );
    }
}
