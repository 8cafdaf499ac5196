//! The package's compact encoding of a cart, for the storefront's quote on every cart change: the
//! JavaScript side writes the lines of an ordinary cart (`{ lines: [{ sku, price, quantity,
//! category?, name? }] }`) as text with separators instead of calling `JSON.stringify`, which took
//! most of the boundary's time for a large cart (30 µs of 126 for 200 lines in Node 20; the
//! encoding takes 6).
//!
//! ```text
//! cart  := "C2" count line*        count: the number of lines, in decimal
//! line  := U+0002 flags U+0001 sku U+0001 price U+0001 quantity [U+0001 category] [U+0001 name]
//! flags := "0" | "1" | "2" | "3"   bit 0: a category follows; bit 1: a name follows
//! ```
//!
//! The texts are written as they are. A text holding U+0001 or U+0002 cannot pass for a cart: it
//! adds a field to its line or a line to the cart, and the reader counts both. A quantity is the
//! text JavaScript writes for a safe non-negative integer. The encoding says nothing the JSON text
//! would not: the reader makes the same [`CartDoc`] as [`super::direct::read`] makes of the JSON
//! text `JSON.stringify` writes for that cart, and gives up (`None`) where that reader would (an
//! exponent in a price) or where the text is not what the package writes; the package then sends
//! the JSON text, which reports every error with its path. `fuzz/fuzz_targets/compact.rs` checks
//! the two readers agree.

use super::document::{CartDoc, CartLineDoc};
use crate::document::{Amount, Count};

/// The most digits of a quantity: JavaScript's safe integers (below 2^53) have at most 16.
const MAX_QUANTITY_DIGITS: usize = 16;
/// The most digits of the line count (an array's length is below 2^32).
const MAX_COUNT_DIGITS: usize = 10;

/// The cart in compact `text`, or `None` where the JSON text must be read instead.
pub(crate) fn read(text: &str) -> Option<CartDoc> {
    let mut segments = text.strip_prefix("C2")?.split('\u{2}');
    let count = segments.next().filter(|c| is_integer(c, MAX_COUNT_DIGITS))?;
    let count: usize = count.parse().ok()?;
    let mut lines = Vec::with_capacity(count.min(text.len() / 8));
    for segment in segments {
        if lines.len() == count {
            return None;
        }
        let mut fields = segment.split('\u{1}');
        let flags = match fields.next()? {
            "0" => 0,
            "1" => 1,
            "2" => 2,
            "3" => 3,
            _ => return None,
        };
        let (sku, price, quantity) = (fields.next()?, fields.next()?, fields.next()?);
        let category = if flags & 1 != 0 {
            Some(fields.next()?)
        } else {
            None
        };
        let name = if flags & 2 != 0 {
            Some(fields.next()?)
        } else {
            None
        };
        // As the JSON readers: a price with an exponent is refused there, with its path.
        if fields.next().is_some()
            || price.bytes().any(|b| b == b'e' || b == b'E')
            || !is_integer(quantity, MAX_QUANTITY_DIGITS)
        {
            return None;
        }
        lines.push(CartLineDoc {
            index: lines.len(),
            sku: sku.to_owned(),
            price: Amount(price.to_owned()),
            price_is_number: false,
            quantity: Count(quantity.to_owned()),
            category: category.map(str::to_owned),
            tags: None,
            name: name.map(str::to_owned),
            tax_rate: None,
            gift: None,
        });
    }
    (lines.len() == count).then(|| CartDoc::of_lines(lines))
}

/// Whether `text` is a non-negative integer as JavaScript writes one: 1 to `most` digits, no
/// leading zero.
fn is_integer(text: &str, most: usize) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= most
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes[0] != b'0' || bytes.len() == 1)
}

/// The JSON text `JSON.stringify` writes for the cart compact `text` stands for (test and fuzz
/// support: the direct reader reads it to the same [`CartDoc`]).
pub fn json_of(text: &str) -> Option<String> {
    let doc = read(text)?;
    let mut out = String::from("{\"lines\":[");
    for (i, line) in doc.lines.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"sku\":");
        crate::json::write_string(&mut out, &line.sku);
        out.push_str(",\"price\":");
        crate::json::write_string(&mut out, &line.price.0);
        out.push_str(",\"quantity\":");
        out.push_str(&line.quantity.0);
        for (key, value) in [("category", &line.category), ("name", &line.name)] {
            if let Some(value) = value {
                out.push_str(",\"");
                out.push_str(key);
                out.push_str("\":");
                crate::json::write_string(&mut out, value);
            }
        }
        out.push('}');
    }
    out.push_str("]}");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(compact: &str, json: &str) {
        let read = read(compact).unwrap_or_else(|| panic!("the compact reader gave up on {compact:?}"));
        let direct =
            super::super::direct::read(json).unwrap_or_else(|| panic!("the direct reader gave up on {json}"));
        assert_eq!(format!("{read:?}"), format!("{direct:?}"), "{compact:?}");
        assert_eq!(json_of(compact).as_deref(), Some(json), "{compact:?}");
    }

    #[test]
    fn reads_carts_as_the_json_reader_does() {
        same("C20", r#"{"lines":[]}"#);
        same(
            "C22\u{2}1\u{1}mop\u{1}38.00\u{1}2\u{1}home\u{2}3\u{1}a\u{1}7\u{1}0\u{1}\u{1}Sponge 3x",
            r#"{"lines":[{"sku":"mop","price":"38.00","quantity":2,"category":"home"},{"sku":"a","price":"7","quantity":0,"category":"","name":"Sponge 3x"}]}"#,
        );
        same(
            "C21\u{2}2\u{1}茶-🍵\u{1}1.50\u{1}3\u{1}\"\\\n\u{3}x",
            r#"{"lines":[{"sku":"茶-🍵","price":"1.50","quantity":3,"name":"\"\\\n\u0003x"}]}"#,
        );
    }

    #[test]
    fn gives_up_where_the_json_reader_does_or_on_what_the_package_never_writes() {
        for text in [
            "",
            "C1",
            "C2",
            "C201",
            "C21",
            "C20\u{2}0\u{1}a\u{1}1\u{1}1",
            "C22\u{2}0\u{1}a\u{1}1\u{1}1",
            "C21\u{2}0\u{1}a\u{1}1e2\u{1}1",
            "C21\u{2}0\u{1}a\u{1}1\u{1}01",
            "C21\u{2}0\u{1}a\u{1}1\u{1}-1",
            "C21\u{2}0\u{1}a\u{1}1\u{1}12345678901234567",
            "C21\u{2}0\u{1}a\u{1}1\u{1}1\u{1}home",
            "C21\u{2}1\u{1}a\u{1}1\u{1}1",
            "C21\u{2}4\u{1}a\u{1}1\u{1}1",
            "C21\u{2}0\u{1}a\u{1}1",
            // A sku holding a separator: one field or one line too many.
            "C21\u{2}0\u{1}a\u{1}b\u{1}1\u{1}1",
            "C21\u{2}0\u{1}a\u{2}0\u{1}b\u{1}1\u{1}1",
        ] {
            assert!(read(text).is_none(), "{text:?}");
        }
    }
}
