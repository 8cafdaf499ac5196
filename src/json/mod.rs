//! The JSON wing: a small parser and writer of our own, and the readers that turn parsed values into
//! the document types.
//!
//! Both are small, which keeps the wasm small and the quote fast: no serde code reaches the wasm.

mod parse;
pub(crate) mod read;
mod write;

pub(crate) use parse::Parser;
pub use parse::{parse, syntax_error, Json, MAX_DEPTH};
pub use write::{compact, pretty, push_u64, write_string, ObjectWriter};
