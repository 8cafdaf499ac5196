//! JSON Schemas of the vocabulary, generated from the Rust types (native builds only).

use crate::document::{CartDoc, ConfigDoc};
use crate::quote::Quote;

/// Which document a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The merchant config.
    Config,
    /// A cart.
    Cart,
    /// A quote.
    Quote,
}

impl Document {
    /// Parses `config`, `cart` or `quote`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "config" => Some(Document::Config),
            "cart" => Some(Document::Cart),
            "quote" => Some(Document::Quote),
            _ => None,
        }
    }
}

/// The JSON Schema of a document, pretty-printed with a trailing newline.
pub fn schema_json(document: Document) -> String {
    let (mut schema, title) = match document {
        Document::Config => (schemars::schema_for!(ConfigDoc), "nexttier merchant config"),
        Document::Cart => (schemars::schema_for!(CartDoc), "nexttier cart"),
        Document::Quote => (schemars::schema_for!(Quote), "nexttier quote"),
    };
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
