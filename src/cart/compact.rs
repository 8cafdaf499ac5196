//! The package's compact encoding of a cart, for the storefront's quote on every cart change: the
//! JavaScript side writes an ordinary cart (its lines, and the `amounts`, `currency` and `coupons`
//! the platform adapters give) as text with separators instead of calling `JSON.stringify`, which
//! took most of the boundary's time for a large cart (30 µs of 126 for 200 lines in Node 20; the
//! encoding takes 6).
//!
//! ```text
//! cart    := "C2" count S1 amounts S1 currency S1 coupons line*
//! amounts := "" (absent) | the text given ("minor", "major")
//! currency:= "" (absent) | "=" text
//! coupons := "" (absent) | list
//! line    := S2 flags S1 sku S1 price S1 quantity [S1 category] [S1 name] [S1 tags]
//! flags   := decimal 0–15: 1 a category follows, 2 a name, 4 tags, 8 the price is a JSON number
//! list    := count (S3 text)*        S1, S2, S3: U+0001, U+0002, U+0003; counts in decimal
//! ```
//!
//! Texts are written as they are. One holding a separator cannot pass for a cart: it adds a field
//! to its line, a line to the cart or an item to its list, and the reader counts all three. A
//! quantity, a count and a price given as a number are the text JavaScript writes for them. The
//! encoding says nothing the JSON text would not: the reader makes the same [`CartDoc`] as the
//! direct JSON reader (`cart::direct`) makes of the JSON text `JSON.stringify` writes for that cart,
//! and gives up (`None`) where that reader would or where the text is not what the package writes;
//! the package then sends the JSON text, which reports every error with its path.
//! `fuzz/fuzz_targets/compact.rs` checks the two readers agree.

use super::document::{AmountsDoc, CartDoc, CartLineDoc};
use crate::document::{Amount, Count};
use crate::json::read::plain_decimal;

/// The most digits of a quantity: JavaScript's safe integers (below 2^53) have at most 16.
const MAX_QUANTITY_DIGITS: usize = 16;
/// The most digits of a count (an array's length is below 2^32).
const MAX_COUNT_DIGITS: usize = 10;

const CATEGORY: u8 = 1;
const NAME: u8 = 2;
const TAGS: u8 = 4;
const NUMBER_PRICE: u8 = 8;

/// The cart in compact `text`, or `None` where the JSON text must be read instead.
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn read(text: &str) -> Option<CartDoc> {
    let mut segments = pieces(text.strip_prefix("C2")?, 2);
    let mut header = pieces(segments.next()?, 1);
    let count = count(header.next()?)?;
    let amounts = match header.next()? {
        "" => None,
        "minor" => Some(AmountsDoc::Minor),
        "major" => Some(AmountsDoc::Major),
        _ => return None,
    };
    let currency = match header.next()? {
        "" => None,
        given => Some(given.strip_prefix('=')?.to_owned()),
    };
    let coupons = match header.next()? {
        "" => None,
        given => Some(list(given)?),
    };
    if header.next().is_some() {
        return None;
    }
    let mut lines = Vec::with_capacity(count.min(text.len() / 8));
    for segment in segments {
        if lines.len() == count {
            return None;
        }
        let mut fields = pieces(segment, 1);
        let flags = match fields.next()?.parse::<u8>() {
            Ok(flags) if flags < 16 => flags,
            _ => return None,
        };
        let (sku, price, quantity) = (fields.next()?, fields.next()?, fields.next()?);
        let mut next_if = |flag: u8| {
            if flags & flag != 0 {
                fields.next().map(Some)
            } else {
                Some(None)
            }
        };
        let category = next_if(CATEGORY)?;
        let name = next_if(NAME)?;
        let tags = match next_if(TAGS)? {
            Some(tags) => Some(list(tags)?),
            None => None,
        };
        if fields.next().is_some() || !is_integer(quantity, MAX_QUANTITY_DIGITS) {
            return None;
        }
        let price_is_number = flags & NUMBER_PRICE != 0;
        // As the JSON readers: a price string with an exponent is refused there, with its path; a
        // number is kept as the plain decimal it stands for.
        let price = if price_is_number {
            if crate::json::Parser::new(price).next_number() != Some(price) {
                return None;
            }
            plain_decimal(price)
        } else if price.bytes().any(|b| b == b'e' || b == b'E') {
            return None;
        } else {
            price.to_owned()
        };
        lines.push(CartLineDoc {
            index: lines.len(),
            sku: sku.to_owned(),
            price: Amount(price),
            price_is_number,
            quantity: Count(quantity.to_owned()),
            category: category.map(str::to_owned),
            tags,
            name: name.map(str::to_owned),
            tax_rate: None,
            gift: None,
        });
    }
    if lines.len() != count {
        return None;
    }
    let mut doc = CartDoc::of_lines(lines);
    doc.amounts = amounts;
    doc.currency = currency;
    doc.coupons = coupons;
    Some(doc)
}

/// `text` split at every `separator` as `str::split` splits it, by a byte scan (the separators are
/// ASCII control characters: a byte of theirs is never inside a character).
fn pieces(text: &str, separator: u8) -> Pieces<'_> {
    Pieces {
        rest: Some(text),
        separator,
    }
}

/// The iterator of [`pieces`].
struct Pieces<'a> {
    rest: Option<&'a str>,
    separator: u8,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    #[cfg_attr(nexttier_speed, optimize(speed))]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == self.separator) {
            Some(at) => {
                self.rest = rest.get(at + 1..);
                rest.get(..at)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// A count as JavaScript writes an array's length.
fn count(text: &str) -> Option<usize> {
    if is_integer(text, MAX_COUNT_DIGITS) {
        text.parse().ok()
    } else {
        None
    }
}

/// A list: its count, then each text behind U+0003; `None` unless there are exactly that many.
fn list(text: &str) -> Option<Vec<String>> {
    let mut items = pieces(text, 3);
    let count = count(items.next()?)?;
    let list: Vec<String> = items.map(str::to_owned).collect();
    (list.len() == count).then_some(list)
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
pub(crate) fn json_of(text: &str) -> Option<String> {
    use crate::json::{write_string, ObjectWriter};
    let doc = read(text)?;
    // A price given as a number, as the compact text wrote it (JavaScript writes the same in both).
    let numbers: Vec<Option<&str>> = pieces(text, 2)
        .skip(1)
        .map(|segment| pieces(segment, 1).nth(2))
        .collect();
    let mut out = String::new();
    let mut cart = ObjectWriter::new(&mut out);
    if let Some(amounts) = &doc.amounts {
        let name = match amounts {
            AmountsDoc::Minor => "minor",
            AmountsDoc::Major => "major",
        };
        cart.string("amounts", name);
    }
    if let Some(currency) = &doc.currency {
        cart.string("currency", currency);
    }
    if let Some(coupons) = &doc.coupons {
        cart.array("coupons", coupons, |out, coupon| write_string(out, coupon));
    }
    cart.array("lines", &doc.lines, |out, line| {
        let mut l = ObjectWriter::new(out);
        l.string("sku", &line.sku);
        match numbers.get(line.index).copied().flatten() {
            Some(number) if line.price_is_number => l.raw("price", number),
            _ => l.string("price", &line.price.0),
        }
        l.raw("quantity", &line.quantity.0);
        if let Some(category) = &line.category {
            l.string("category", category);
        }
        if let Some(name) = &line.name {
            l.string("name", name);
        }
        if let Some(tags) = &line.tags {
            l.array("tags", tags, |out, tag| write_string(out, tag));
        }
        l.end();
    });
    cart.end();
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
        same("C20\u{1}\u{1}\u{1}", r#"{"lines":[]}"#);
        same(
            "C22\u{1}\u{1}\u{1}\u{2}1\u{1}mop\u{1}38.00\u{1}2\u{1}home\u{2}3\u{1}a\u{1}7\u{1}0\u{1}\u{1}Sponge 3x",
            r#"{"lines":[{"sku":"mop","price":"38.00","quantity":2,"category":"home"},{"sku":"a","price":"7","quantity":0,"category":"","name":"Sponge 3x"}]}"#,
        );
        same(
            "C21\u{1}\u{1}\u{1}\u{2}2\u{1}茶-🍵\u{1}1.50\u{1}3\u{1}\"\\\n\u{3}x",
            r#"{"lines":[{"sku":"茶-🍵","price":"1.50","quantity":3,"name":"\"\\\n\u0003x"}]}"#,
        );
        // A platform adapter's cart: minor units as numbers, the currency, coupons and tags.
        same(
            "C22\u{1}minor\u{1}=CNY\u{1}2\u{3}SAVE\u{3}\u{2}14\u{1}mop\u{1}3800\u{1}1\u{1}Mop\u{1}2\u{3}a\u{3}b c\u{2}8\u{1}x\u{1}1e+21\u{1}1",
            r#"{"amounts":"minor","currency":"CNY","coupons":["SAVE",""],"lines":[{"sku":"mop","price":3800,"quantity":1,"name":"Mop","tags":["a","b c"]},{"sku":"x","price":1e+21,"quantity":1}]}"#,
        );
        same(
            "C20\u{1}major\u{1}=\u{1}0",
            r#"{"amounts":"major","currency":"","coupons":[],"lines":[]}"#,
        );
    }

    #[test]
    fn gives_up_where_the_json_reader_does_or_on_what_the_package_never_writes() {
        for text in [
            "",
            "C1",
            "C2",
            "C20",
            "C20\u{1}\u{1}",
            "C20\u{1}\u{1}\u{1}\u{1}",
            "C201\u{1}\u{1}\u{1}",
            "C21\u{1}\u{1}\u{1}",
            "C20\u{1}cents\u{1}\u{1}",
            "C20\u{1}\u{1}CNY\u{1}",
            "C20\u{1}\u{1}\u{1}2\u{3}a",
            "C20\u{1}\u{1}\u{1}1\u{3}a\u{3}b",
            "C20\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1\u{1}1",
            "C22\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1e2\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}8\u{1}a\u{1}1.\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}8\u{1}a\u{1} 1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}8\u{1}a\u{1}NaN\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1\u{1}01",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1\u{1}-1",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1\u{1}12345678901234567",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1\u{1}1\u{1}home",
            "C21\u{1}\u{1}\u{1}\u{2}1\u{1}a\u{1}1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}16\u{1}a\u{1}1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}x\u{1}a\u{1}1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}4\u{1}a\u{1}1\u{1}1\u{1}2\u{3}x",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}1",
            // A text holding a separator: one field, line or list item too many.
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{1}b\u{1}1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}0\u{1}a\u{2}0\u{1}b\u{1}1\u{1}1",
            "C21\u{1}\u{1}\u{1}\u{2}4\u{1}a\u{1}1\u{1}1\u{1}1\u{3}x\u{3}y",
        ] {
            assert!(read(text).is_none(), "{text:?}");
        }
    }
}
