//! nexttier: a promotion and free-shipping calculator.
//!
//! It prices a cart under every promotion a merchant configured, with exact decimal money, and tells
//! how much more in-scope spend reaches each next tier. This crate is the plain-Rust core and the
//! command line; the WebAssembly bindings are the crates under `wasm/` (see ARCHITECTURE.md).
//!
//! ```
//! let config = r#"{ "currency": "CNY", "shipping": { "fee": "10" },
//!   "promotions": [ { "id": "free-ship", "kind": "free_shipping", "tiers": [ { "min_subtotal": "99" } ] } ] }"#;
//! let engine = nexttier::Engine::from_json(config).unwrap();
//! let quote = engine
//!     .quote_json(r#"{ "lines": [ { "sku": "mop", "price": "92", "quantity": 1 } ] }"#, 0)
//!     .unwrap();
//! assert_eq!(quote.total, "102.00");
//! assert_eq!(serde_json::to_value(&quote.progress[0].next).unwrap()["remaining"], "7.00");
//! ```
// The wasm is built for size (opt-level "z"), except the functions every quote runs through: the
// JSON reader and writer, reading a cart, decimals and money (+2.1 KB gzip, quotes 14–20 % faster),
// and the pricing path itself — the evaluation and its split of each discount, the basket, the best
// combination, progress and the compact forms (+1.2 KB, 5–14 % faster; docs/performance.md,
// "Seventh round"). Such a function is compiled for speed and, having no size attribute, inlines
// what the size build's threshold keeps out of line. The wasm build sets `nexttier_speed`
// (`wasm_rustflags` in scripts/toolchain.sh; the attribute is unstable and the build already enables
// unstable options); natively it is unset and everything is at opt-level 3 anyway.
#![cfg_attr(nexttier_speed, feature(optimize_attribute))]

pub mod cart;
pub mod config;
mod digits;
pub mod document;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod json;
pub mod limits;

pub mod money;
pub mod pricing;
pub mod quote;
pub mod results;

pub mod simulate;
mod sort;
pub mod string_map;
pub mod suggest;
pub mod time;
pub mod widget;

#[cfg(not(target_arch = "wasm32"))]
pub mod schema;

pub use cart::Cart;
pub use config::Config;
pub use pricing::engine::Engine;
// The modules at their former paths, for code written against them.
pub use error::{Error, Errors, JsonPath};
pub use limits::Limits;
pub use pricing::{allocate, engine};
pub use quote::{Detail, Quote};

/// The crate's version, which the npm package and its `version()` export share.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
