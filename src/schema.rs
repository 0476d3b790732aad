//! JSON Schemas of the input formats, generated from the domain types.

use crate::cli::SchemaKind;
use crate::domain::{Dossier, SessionDefinition};

/// The schema of one format as pretty-printed JSON.
pub fn schema_json(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Session => schemars::schema_for!(SessionDefinition),
        SchemaKind::Dossier => schemars::schema_for!(Dossier),
    };
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
