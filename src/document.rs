//! The JSON vocabulary as merchants and carts write it, and what its two documents share: numbers
//! kept as the text they were written with.
//!
//! The document types (`config::document`, `cart::document`) mirror the JSON exactly (unknown keys
//! are refused) and are the single source of the JSON Schema (`nexttier schema`) and the TypeScript
//! types. Numbers are checked and converted in [`crate::config`] and [`crate::cart`], never through
//! a float.

use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

use crate::error::Error;
use crate::json::read::Object;

macro_rules! numeric_text {
    ($(#[$doc:meta])* $name:ident, $schema:tt) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(pub String);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        #[cfg(not(target_arch = "wasm32"))]
        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

numeric_text!(
    /// A money amount: a decimal string such as "99" or "7.50" (a JSON number is accepted when it is
    /// exact in the currency's minor units). Never negative; at most the currency's minor digits.
    Amount,
    {
        "description": "A money amount as a decimal string (\"99\", \"7.50\"); JSON numbers are accepted when exact in the currency's minor units.",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]{1,15}(\\.[0-9]+)?$" },
            { "type": "number", "minimum": 0 }
        ]
    }
);

numeric_text!(
    /// A percentage above 0 and at most 100, e.g. "10" or "12.5".
    Percent,
    {
        "description": "A percentage above 0 and at most 100, e.g. \"10\" or \"12.5\".",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,4})?$" },
            { "type": "number", "exclusiveMinimum": 0, "maximum": 100 }
        ]
    }
);

numeric_text!(
    /// A positive decimal with up to 10 decimal places: an exchange rate (units of the market's
    /// currency per unit of the config's) or a tax rate in percent.
    Rate,
    {
        "description": "A decimal number as a string (\"0.1389\", \"13\"); JSON numbers are accepted.",
        "anyOf": [
            { "type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,10})?$" },
            { "type": "number", "minimum": 0 }
        ]
    }
);

numeric_text!(
    /// A whole number of units, 0 or more.
    Count,
    {
        "description": "A whole number, 0 or more (a JSON number such as 2 or 2.0, or its digits as a string).",
        "anyOf": [
            { "type": "integer", "minimum": 0 },
            { "type": "string", "pattern": "^[0-9]+$" }
        ]
    }
);

numeric_text!(
    /// A whole number that may be negative (priorities, weights).
    Integer,
    {
        "description": "A whole number, may be negative (a JSON number, or its digits as a string).",
        "anyOf": [
            { "type": "integer" },
            { "type": "string", "pattern": "^-?[0-9]+$" }
        ]
    }
);

// Reading. Each document type lists its keys once; `schema::tests` checks the lists against the
// generated JSON Schema so the two cannot drift apart.

pub(crate) fn amount(object: &Object<'_, '_, '_>, key: &str, errors: &mut Vec<Error>) -> Option<Amount> {
    object
        .number(key, "an amount such as \"7.50\"", errors)
        .map(Amount)
}

pub(crate) fn count(object: &Object<'_, '_, '_>, key: &str, errors: &mut Vec<Error>) -> Option<Count> {
    object.number(key, "a whole number", errors).map(Count)
}

pub(crate) fn integer(object: &Object<'_, '_, '_>, key: &str, errors: &mut Vec<Error>) -> Option<Integer> {
    object.number(key, "a whole number", errors).map(Integer)
}
