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
    /// One line of a commands file (`gremium apply`).
    Commands,
    /// A member's ballot (`gremium import-ballots`).
    Ballot,
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
        SchemaKind::Commands => commands_schema(),
        SchemaKind::Ballot => schemars::schema_for!(crate::export::ballot::BallotFile).to_value(),
    }
}

/// A command line: the command (tagged by `command`), plus the line's own
/// optional `actor` and `at`. The header line is described in the
/// schema's description.
fn commands_schema() -> Value {
    let mut schema = schemars::schema_for!(crate::procedure::Command).to_value();
    let line_fields = |variant: &mut Value| {
        if let Some(props) = variant.get_mut("properties").and_then(Value::as_object_mut) {
            props.insert(
                "actor".into(),
                json!({"description": "Who gives the command (default chair).", "enum": ["chair", "secretary"]}),
            );
            props.insert(
                "at".into(),
                json!({"description": "When it is recorded (RFC 3339 with offset); default now.", "type": "string", "format": "date-time"}),
            );
        }
        if let Some(required) = variant.get_mut("required").and_then(Value::as_array_mut) {
            required.retain(|r| r != "at");
        }
    };
    if let Some(variants) = schema.get_mut("oneOf").and_then(Value::as_array_mut) {
        variants.iter_mut().for_each(line_fields);
    }
    if let Some(o) = schema.as_object_mut() {
        o.insert("title".into(), json!("gremium.commands/1 line"));
        o.insert(
            "description".into(),
            json!(
                "One line of a gremium.commands/1 file (JSON Lines). The first line of the file is {\"format\": \"gremium.commands/1\"}. Besides its fields, every command may carry `actor` (\"chair\" or \"secretary\", default chair) and `at` (RFC 3339 with offset: when it is recorded; for attendance also when it happened)."
            ),
        );
    }
    schema
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
    fn published_commands_schema_matches_the_code() {
        assert_in_sync(SchemaKind::Commands, "commands.schema.json", "commands");
    }

    #[test]
    fn published_ballot_schema_matches_the_code() {
        assert_in_sync(SchemaKind::Ballot, "ballot.schema.json", "ballot");
    }

    #[test]
    fn every_command_line_may_carry_actor_and_at() {
        let v = schema_value(SchemaKind::Commands);
        let variants = v["oneOf"].as_array().expect("oneOf");
        assert_eq!(variants.len(), 29, "one per command");
        for variant in variants {
            assert_eq!(variant["properties"]["actor"]["enum"], json!(["chair", "secretary"]), "{variant}");
            assert!(!variant["required"].as_array().is_some_and(|r| r.contains(&json!("at"))), "{variant}");
        }
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
