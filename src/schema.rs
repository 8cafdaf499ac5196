//! JSON Schemas of the vocabulary, generated from the Rust types (native builds only).

use crate::cart::document::CartDoc;
use crate::config::document::ConfigDoc;
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
        // The quote is written, not read: keys it leaves out when empty are not required.
        Document::Quote => (
            schemars::generate::SchemaSettings::default()
                .for_serialize()
                .into_generator()
                .into_root_schema_for::<Quote>(),
            "nexttier quote",
        ),
    };
    schema.insert("title".into(), title.into());
    if document == Document::Cart {
        schema.insert("allOf".into(), cart_price_rules());
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// What the cart's `amounts` says of its prices, which no Rust type carries: without `amounts` a
/// price is a decimal string (a JSON number is ambiguous); with `"minor"` it is a whole number.
fn cart_price_rules() -> serde_json::Value {
    let price = |rule: serde_json::Value| serde_json::json!({ "properties": { "lines": { "items": { "properties": { "price": rule } } } } });
    serde_json::json!([
        {
            "if": { "not": { "required": ["amounts"] } },
            "then": price(serde_json::json!({ "type": "string" }))
        },
        {
            "if": { "required": ["amounts"], "properties": { "amounts": { "const": "minor" } } },
            "then": price(serde_json::json!({ "anyOf": [
                { "type": "string", "pattern": "^[0-9]{1,15}(\\.0+)?$" },
                { "type": "integer", "minimum": 0 }
            ] }))
        }
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::document::{CartLineDoc, CustomerDoc};
    use crate::config::document::{CatalogItemDoc, ExcludeDoc, PromotionDoc, ScopeDoc, TierDoc};

    fn property_names(schema: &serde_json::Value, definition: Option<&str>) -> Vec<String> {
        let object = match definition {
            Some(name) => &schema["$defs"][name],
            None => schema,
        };
        let mut names: Vec<String> = object["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{definition:?} has no properties"))
            .keys()
            .cloned()
            .collect();
        names.sort();
        names
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        keys.sort();
        keys
    }

    /// The readers' key lists and the schemas generated from the types must name the same keys.
    #[test]
    fn readers_and_schemas_agree_on_every_key() {
        let config: serde_json::Value = serde_json::from_str(&schema_json(Document::Config)).unwrap();
        let cart: serde_json::Value = serde_json::from_str(&schema_json(Document::Cart)).unwrap();
        assert_eq!(property_names(&config, None), sorted(ConfigDoc::KEYS));
        assert_eq!(
            property_names(&config, Some("Promotion")),
            sorted(PromotionDoc::KEYS)
        );
        assert_eq!(property_names(&config, Some("Tier")), sorted(TierDoc::KEYS));
        assert_eq!(property_names(&config, Some("Scope")), sorted(ScopeDoc::KEYS));
        assert_eq!(property_names(&config, Some("Exclude")), sorted(ExcludeDoc::KEYS));
        assert_eq!(
            property_names(&config, Some("CatalogItem")),
            sorted(CatalogItemDoc::KEYS)
        );
        assert_eq!(property_names(&cart, None), sorted(CartDoc::KEYS));
        assert_eq!(property_names(&cart, Some("CartLine")), sorted(CartLineDoc::KEYS));
        assert_eq!(property_names(&cart, Some("Customer")), sorted(CustomerDoc::KEYS));
    }
}
