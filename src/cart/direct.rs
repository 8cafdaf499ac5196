//! The cart read straight from its JSON text, without building a tree of it first: the path every
//! well-formed cart takes, so a quote does not pay for a tree of its lines (one allocation a line
//! object and a key lookup a field) only to copy them again.
//!
//! It reads lines exactly as [`CartDoc::read`] reads them, and gives up (`None`) at the first thing
//! that reader would report or read differently: a key unknown or given twice, a value of another
//! type, a `null` where a value is required, an exponent in a string. The caller then reads the text
//! the ordinary way, which reports every error with its path. So the two readers always agree
//! (`fuzz/fuzz_targets/cart.rs` checks it), and the direct one holds no messages of its own.
//! Keys other than `lines` are taken as values and read by the ordinary reader's own code.

use std::borrow::Cow;

use super::document::{CartDoc, CartLineDoc};
use crate::document::{Amount, Count, Rate};
use crate::error::JsonPath;
use crate::json::read::{plain_decimal, Object};
use crate::json::{Json, Parser};

/// The cart in `text`, or `None` where the ordinary reader must read it (to report what is wrong,
/// or to read what this one does not).
pub(crate) fn read(text: &str) -> Option<CartDoc> {
    let mut parser = Parser::new(text);
    if !parser.eat(b'{') {
        return None;
    }
    let mut lines = None;
    let mut others: Vec<(Cow<'_, str>, Json<'_>)> = Vec::new();
    if !parser.eat(b'}') {
        loop {
            let key = parser.next_string()?;
            if !parser.eat(b':') {
                return None;
            }
            if key == "lines" {
                if lines.is_some() {
                    return None;
                }
                lines = Some(read_lines(&mut parser)?);
            } else {
                if !CartDoc::KEYS.contains(&&*key) || others.iter().any(|(k, _)| *k == key) {
                    return None;
                }
                // As deep as `parse` counts a member of the top object.
                others.push((key, parser.next_value(1)?));
            }
            if parser.eat(b'}') {
                break;
            }
            if !parser.eat(b',') {
                return None;
            }
        }
    }
    if !parser.at_end() {
        return None;
    }
    let lines = lines?;
    let rest = Json::Object(others);
    let root = JsonPath::root();
    let mut errors = Vec::new();
    let object = Object::open(&rest, &root, CartDoc::KEYS, &mut errors)?;
    let doc = CartDoc::read_fields(&object, lines, &mut errors);
    errors.is_empty().then_some(doc)
}

/// The array of lines that comes next.
fn read_lines(parser: &mut Parser<'_>) -> Option<Vec<CartLineDoc>> {
    array(parser, read_line)
}

/// The array that comes next, each item read by `item` (given its index).
fn array<T>(
    parser: &mut Parser<'_>,
    mut item: impl FnMut(&mut Parser<'_>, usize) -> Option<T>,
) -> Option<Vec<T>> {
    if !parser.eat(b'[') {
        return None;
    }
    let mut out = Vec::new();
    if parser.eat(b']') {
        return Some(out);
    }
    loop {
        out.push(item(parser, out.len())?);
        if parser.eat(b']') {
            return Some(out);
        }
        if !parser.eat(b',') {
            return None;
        }
    }
}

/// Bits of the keys of a line seen so far, in [`CartLineDoc::KEYS`] order.
const SKU: u8 = 1;
const PRICE: u8 = 1 << 1;
const QUANTITY: u8 = 1 << 2;

/// The line object that comes next, at `index` in the cart.
#[cfg_attr(nexttier_speed, optimize(speed))]
fn read_line(parser: &mut Parser<'_>, index: usize) -> Option<CartLineDoc> {
    if !parser.eat(b'{') {
        return None;
    }
    let mut line = CartLineDoc {
        index,
        sku: String::new(),
        price: Amount(String::new()),
        price_is_number: false,
        quantity: Count(String::new()),
        category: None,
        tags: None,
        name: None,
        tax_rate: None,
        gift: None,
    };
    let mut seen = 0u8;
    if !parser.eat(b'}') {
        loop {
            let key = parser.next_string()?;
            if !parser.eat(b':') {
                return None;
            }
            let at = CartLineDoc::KEYS.iter().position(|k| *k == key)?;
            let bit = 1u8 << at;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            match at {
                0 => line.sku = parser.next_string()?.into_owned(),
                1 => {
                    line.price_is_number = parser.peek() != Some(b'"');
                    line.price = Amount(number(parser)?);
                }
                2 => line.quantity = Count(number(parser)?),
                3 => line.category = optional(parser, |p| p.next_string().map(Cow::into_owned))?,
                4 => line.tags = optional(parser, strings)?,
                5 => line.name = optional(parser, |p| p.next_string().map(Cow::into_owned))?,
                6 => line.tax_rate = optional(parser, number)?.map(Rate),
                _ => line.gift = optional(parser, |p| p.next_string().map(Cow::into_owned))?,
            }
            if parser.eat(b'}') {
                break;
            }
            if !parser.eat(b',') {
                return None;
            }
        }
    }
    // The ordinary reader reports a required key that is missing (or `null`).
    (seen & (SKU | PRICE | QUANTITY) == SKU | PRICE | QUANTITY).then_some(line)
}

/// A value that may be `null` (absent, as the ordinary reader counts it): `Some(None)` for `null`,
/// `Some(Some(value))` for a value `read` takes, `None` otherwise.
fn optional<T>(
    parser: &mut Parser<'_>,
    read: impl FnOnce(&mut Parser<'_>) -> Option<T>,
) -> Option<Option<T>> {
    if parser.peek() == Some(b'n') {
        return parser.next_value(1).filter(|v| *v == Json::Null).map(|_| None);
    }
    read(parser).map(Some)
}

/// A number as the ordinary reader keeps it: a string as written (no exponent), a JSON number as
/// the plain decimal it stands for.
#[cfg_attr(nexttier_speed, optimize(speed))]
fn number(parser: &mut Parser<'_>) -> Option<String> {
    if parser.peek() == Some(b'"') {
        let text = parser.next_string()?;
        return (!text.bytes().any(|b| b == b'e' || b == b'E')).then(|| text.into_owned());
    }
    parser.next_number().map(plain_decimal)
}

/// An array of strings.
fn strings(parser: &mut Parser<'_>) -> Option<Vec<String>> {
    array(parser, |p, _| p.next_string().map(Cow::into_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the ordinary reader makes of `text`: the cart, when it reads without an error.
    fn ordinary(text: &str) -> Option<CartDoc> {
        let value = crate::json::parse(text).ok()?;
        let mut errors = Vec::new();
        let doc = CartDoc::read(&value, &mut errors)?;
        errors.is_empty().then_some(doc)
    }

    fn same(text: &str) {
        let direct = read(text).unwrap_or_else(|| panic!("the direct reader gave up on {text}"));
        let ordinary = ordinary(text).unwrap_or_else(|| panic!("the ordinary reader refused {text}"));
        assert_eq!(format!("{direct:?}"), format!("{ordinary:?}"), "{text}");
    }

    #[test]
    fn reads_carts_as_the_ordinary_reader_does() {
        same(r#"{"lines":[]}"#);
        same(r#" {"lines":[{"sku":"tea","price":"38.00","quantity":2,"category":"tea"}]} "#);
        same("\u{feff}{\"lines\":[{\"sku\":\"a\",\"price\":3800,\"quantity\":\"2\"}],\"amounts\":\"minor\"}");
        same(
            r#"{"currency":"CNY","lines":[{"quantity":1.0,"price":3.8e1,"sku":"b\u00e9","tags":["x","y"]}]}"#,
        );
        same(
            r#"{"lines":[{"sku":"a","price":"1","quantity":1,"category":null,"tags":null,"name":"N","tax_rate":"13","gift":null}],
                 "customer":{"id":"c","segments":["member"],"orders":3},"coupons":["SAVE"],"now":"2026-01-01T00:00:00Z",
                 "prices_include_tax":true,"tax_rate":6,"usage":{"p":{"uses":1}},"visitor":"v","variants":{"e":"b"},
                 "gift_choices":{"g":"candle"},"shipping":{"method":"std","country":"CN"}}"#,
        );
    }

    #[test]
    fn gives_up_where_the_ordinary_reader_reports_or_reads_otherwise() {
        for text in [
            r#"{"lines":[{"sku":"a","price":"1","quantity":1,"sku":"b"}]}"#,
            r#"{"lines":[{"sku":"a","price":"1","quantity":1,"colour":"red"}]}"#,
            r#"{"lines":[{"sku":"a","price":"1e2","quantity":1}]}"#,
            r#"{"lines":[{"sku":"a","price":null,"quantity":1}]}"#,
            r#"{"lines":[{"sku":"a","quantity":1}]}"#,
            r#"{"lines":[{"sku":1,"price":"1","quantity":1}]}"#,
            r#"{"lines":[{"sku":"a","price":"1","quantity":1,"tags":[1]}]}"#,
            r#"{"lines":[{"sku":"a","price":"1","quantity":1,"category":nul}]}"#,
            r#"{"lines":[],"lines":[]}"#,
            r#"{"lines":null}"#,
            r#"{"lines":{}}"#,
            r#"{"coupons":["a"]}"#,
            r#"{"lines":[],"coupons":"a"}"#,
            r#"{"lines":[],"colour":1}"#,
            r#"{"lines":[]} x"#,
            r#"{"lines":[{"sku":"a","price":"1","quantity":1},]}"#,
            r#"[]"#,
        ] {
            assert!(read(text).is_none(), "{text}");
        }
    }
}
