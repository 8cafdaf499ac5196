//! Historical orders, read one order at a time: CSV with a header naming `order_id`, `sku`,
//! `category`, `price`, `quantity` (and optionally `cost`), or JSON lines with those keys. The rows
//! of an order are consecutive, as exports write them; an order id that comes back later is an error.
//!
//! Optional customer columns (keys) say who ordered, so segment offers and coupon campaigns can be
//! judged on real orders: `segments` and `coupons` (`;` between several), `customer_orders` (orders
//! before this one), `last_order_at` (RFC 3339), `lifetime_spend` and `visitor` (the id experiments
//! assign variants by, as the storefront passed it). They are read from an order's first row, as is
//! `placed_at` (RFC 3339): when the order was placed, so scheduled and recurring promotions are
//! judged at each order's own time; and `shipping_method` and `country`: how and where it shipped.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::error::{Error, JsonPath};
use crate::json::Json;
use crate::money::{parse_amount, Currency, Money};

/// One order line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLine {
    /// The SKU.
    pub sku: String,
    /// The category, if given.
    pub category: Option<String>,
    /// Unit price, in the currency's minor units.
    pub price: Money,
    /// Units.
    pub quantity: u64,
    /// Unit cost, when the file has a `cost` column.
    pub cost: Option<Decimal>,
}

/// Who placed an order, as the file's customer columns say (all empty without them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrderCustomer {
    /// The customer's segments.
    pub segments: Vec<String>,
    /// Coupon codes the order carried.
    pub coupons: Vec<String>,
    /// Orders the customer placed before this one.
    pub orders: u64,
    /// When the customer's previous order was placed.
    pub last_order_at: Option<crate::time::Millis>,
    /// What the customer spent before this order.
    pub lifetime_spend: Option<Decimal>,
    /// The id experiments assign the order's variant by.
    pub visitor: Option<String>,
    /// When the order was placed (schedules are read at this time).
    pub placed_at: Option<crate::time::Millis>,
    /// The shipping method it shipped by (an id of the config's `shipping.methods`).
    pub shipping_method: Option<String>,
    /// Where it shipped (ISO 3166-1 alpha-2).
    pub country: Option<String>,
}

/// One order: its id, lines and customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// The order's id.
    pub id: String,
    /// Its lines.
    pub lines: Vec<OrderLine>,
    /// Who placed it (from its first row).
    pub customer: OrderCustomer,
}

/// The customer columns of one row, as written.
#[derive(Debug, Clone, Default)]
struct CustomerFields {
    segments: Option<String>,
    coupons: Option<String>,
    orders: Option<String>,
    last_order_at: Option<String>,
    lifetime_spend: Option<String>,
    visitor: Option<String>,
    placed_at: Option<String>,
    shipping_method: Option<String>,
    country: Option<String>,
}

/// The optional customer columns, by name.
const CUSTOMER_COLUMNS: [&str; 9] = [
    "segments",
    "coupons",
    "customer_orders",
    "last_order_at",
    "lifetime_spend",
    "visitor",
    "placed_at",
    "shipping_method",
    "country",
];

/// The columns of a CSV file.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// How many fields the header has: a row may not have more.
    width: usize,
    order_id: usize,
    sku: usize,
    category: Option<usize>,
    price: usize,
    quantity: usize,
    cost: Option<usize>,
    /// [`CUSTOMER_COLUMNS`], where the header has them.
    customer: [Option<u32>; 9],
}

/// The format, found from the first non-empty line.
#[derive(Debug, Clone, Copy)]
enum Format {
    Csv(Columns),
    JsonLines,
}

/// Reads orders from lines of text, one order at a time, in constant memory (but for the set of
/// order ids seen, 8 bytes an order).
pub struct OrderReader {
    currency: Currency,
    format: Option<Format>,
    line_number: usize,
    current: Option<Order>,
    seen: HashSet<u64>,
    /// Whether any row had a cost.
    pub has_cost: bool,
    /// Whether any order had a customer column filled.
    pub has_customers: bool,
}

/// An error at a line of the orders file.
fn at_line(line: usize, detail: impl Into<String>) -> Error {
    Error::invalid(&JsonPath::root().key(&format!("line {line}")), detail)
}

impl OrderReader {
    /// A reader for orders priced in `currency`.
    pub fn new(currency: Currency) -> Self {
        OrderReader {
            currency,
            format: None,
            line_number: 0,
            current: None,
            seen: HashSet::new(),
            has_cost: false,
            has_customers: false,
        }
    }

    /// Reads one line of the file; returns the order it completes, if any.
    pub fn push_line(&mut self, text: &str) -> Result<Option<Order>, Error> {
        self.line_number += 1;
        let text = text.trim_end_matches(['\r', '\n']);
        let text = if self.line_number == 1 {
            text.trim_start_matches('\u{feff}')
        } else {
            text
        };
        if text.trim().is_empty() {
            return Ok(None);
        }
        let format = match self.format {
            Some(format) => format,
            None => {
                let format = if text.trim_start().starts_with('{') {
                    Format::JsonLines
                } else {
                    Format::Csv(self.header(text)?)
                };
                self.format = Some(format);
                if let Format::Csv(_) = format {
                    return Ok(None);
                }
                format
            }
        };
        let (id, line, fields) = match format {
            Format::Csv(columns) => self.csv_row(text, columns)?,
            Format::JsonLines => self.json_row(text)?,
        };
        if self.current.as_ref().is_some_and(|o| o.id == id) {
            if let Some(order) = &mut self.current {
                order.lines.push(line);
            }
            return Ok(None);
        }
        if !self.seen.insert(hash(&id)) {
            return Err(at_line(
                self.line_number,
                format!("order `{id}` appeared earlier: the rows of an order must be consecutive"),
            ));
        }
        let customer = self.customer(&fields)?;
        Ok(self.current.replace(Order {
            id,
            lines: vec![line],
            customer,
        }))
    }

    /// The last order, at the end of the file; an error when the file held no order at all (empty,
    /// or a header with no rows), which would otherwise report on nothing.
    pub fn finish(&mut self) -> Result<Option<Order>, Error> {
        if self.current.is_none() && self.seen.is_empty() {
            let what = match self.format {
                Some(Format::Csv(_)) => "the file has a header and no rows: no orders to simulate",
                _ => "the file has no orders",
            };
            return Err(at_line(self.line_number.max(1), what));
        }
        Ok(self.current.take())
    }

    fn header(&self, text: &str) -> Result<Columns, Error> {
        let names: Vec<String> = split_csv(text)
            .map_err(|e| at_line(self.line_number, e))?
            .into_iter()
            .map(|n| n.trim().to_ascii_lowercase())
            .collect();
        for (i, name) in names.iter().enumerate() {
            if !name.is_empty() && names[..i].contains(name) {
                return Err(at_line(
                    self.line_number,
                    format!("the header names `{name}` twice: which one holds the data?"),
                ));
            }
        }
        let find = |name: &str| names.iter().position(|n| n == name);
        let required = |name: &str| {
            find(name).ok_or_else(|| {
                at_line(
                    self.line_number,
                    format!("the header has no `{name}` column (expected order_id, sku, category, price, quantity, and optionally cost and the customer columns segments, coupons, customer_orders, last_order_at, lifetime_spend, visitor, placed_at, shipping_method, country)"),
                )
            })
        };
        Ok(Columns {
            width: names.len(),
            order_id: required("order_id")?,
            sku: required("sku")?,
            category: find("category"),
            price: required("price")?,
            quantity: required("quantity")?,
            cost: find("cost"),
            customer: CUSTOMER_COLUMNS.map(|name| find(name).and_then(|i| u32::try_from(i).ok())),
        })
    }

    /// An order's customer from its first row's customer fields.
    fn customer(&mut self, fields: &CustomerFields) -> Result<OrderCustomer, Error> {
        let line = self.line_number;
        let path = JsonPath::root().key(&format!("line {line}"));
        let list = |text: &Option<String>| -> Vec<String> {
            text.as_deref()
                .map(|t| {
                    t.split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let customer = OrderCustomer {
            segments: list(&fields.segments),
            coupons: list(&fields.coupons),
            orders: match &fields.orders {
                Some(n) => crate::config::parse_count(
                    &crate::document::Count(n.clone()),
                    1 << 53,
                    &path.key("customer_orders"),
                )?,
                None => 0,
            },
            last_order_at: fields
                .last_order_at
                .as_deref()
                .map(|t| {
                    crate::time::parse_rfc3339(t)
                        .map_err(|detail| Error::invalid(&path.key("last_order_at"), detail))
                })
                .transpose()?,
            lifetime_spend: fields
                .lifetime_spend
                .as_deref()
                .map(|t| parse_amount(t, self.currency, &path.key("lifetime_spend")))
                .transpose()?,
            visitor: fields.visitor.clone(),
            placed_at: fields
                .placed_at
                .as_deref()
                .map(|t| {
                    crate::time::parse_rfc3339(t)
                        .map_err(|detail| Error::invalid(&path.key("placed_at"), detail))
                })
                .transpose()?,
            shipping_method: fields.shipping_method.clone(),
            country: match &fields.country {
                Some(c) if !crate::config::shipping::is_country_code(c) => {
                    return Err(Error::invalid(
                        &path.key("country"),
                        format!("`{c}` is not an ISO 3166-1 alpha-2 code such as \"CN\" or \"HK\""),
                    ))
                }
                other => other.clone(),
            },
        };
        self.has_customers |= OrderCustomer {
            placed_at: None,
            shipping_method: None,
            country: None,
            ..customer.clone()
        } != OrderCustomer::default();
        Ok(customer)
    }

    fn csv_row(
        &mut self,
        text: &str,
        columns: Columns,
    ) -> Result<(String, OrderLine, CustomerFields), Error> {
        let line = self.line_number;
        let fields = split_csv(text).map_err(|e| at_line(line, e))?;
        if fields.len() > columns.width {
            return Err(at_line(
                line,
                format!(
                    "the row has {} fields and the header {}: a field too many (an unquoted comma?)",
                    fields.len(),
                    columns.width
                ),
            ));
        }
        let field = |i: usize, name: &str| {
            fields
                .get(i)
                .map(|f| f.trim().to_owned())
                .ok_or_else(|| at_line(line, format!("no `{name}` field")))
        };
        let optional = |i: Option<usize>| {
            i.and_then(|i| fields.get(i))
                .map(|f| f.trim().to_owned())
                .filter(|f| !f.is_empty())
        };
        let id = field(columns.order_id, "order_id")?;
        let sku = field(columns.sku, "sku")?;
        let price = field(columns.price, "price")?;
        let quantity = field(columns.quantity, "quantity")?;
        let cost = optional(columns.cost);
        let [segments, coupons, orders, last_order_at, lifetime_spend, visitor, placed_at, shipping_method, country] =
            columns.customer.map(|i| optional(i.map(|i| i as usize)));
        let fields = CustomerFields {
            segments,
            coupons,
            orders,
            last_order_at,
            lifetime_spend,
            visitor,
            placed_at,
            shipping_method,
            country,
        };
        let (id, line) = self.row(
            id,
            sku,
            optional(columns.category),
            &price,
            &quantity,
            cost.as_deref(),
        )?;
        Ok((id, line, fields))
    }

    fn json_row(&mut self, text: &str) -> Result<(String, OrderLine, CustomerFields), Error> {
        let line = self.line_number;
        let value = crate::json::parse(text).map_err(|e| at_line(line, e.to_string()))?;
        let Json::Object(members) = &value else {
            return Err(at_line(line, "expected an object per line"));
        };
        let get = |key: &str| -> Option<String> {
            members.iter().find(|(k, _)| k == key).and_then(|(_, v)| match v {
                Json::String(s) => Some(s.to_string()),
                Json::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let need = |key: &str| get(key).ok_or_else(|| at_line(line, format!("no `{key}`")));
        let (id, sku, price, quantity) = (need("order_id")?, need("sku")?, need("price")?, need("quantity")?);
        let cost = get("cost");
        // A list as an array of strings or as text with `;` between its items.
        let list = |key: &str| -> Option<String> {
            match members.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
                Some(Json::Array(items)) => Some(
                    items
                        .iter()
                        .filter_map(|i| match i {
                            Json::String(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                _ => get(key),
            }
        };
        let fields = CustomerFields {
            segments: list("segments"),
            coupons: list("coupons"),
            orders: get("customer_orders"),
            last_order_at: get("last_order_at"),
            lifetime_spend: get("lifetime_spend"),
            visitor: get("visitor"),
            placed_at: get("placed_at"),
            shipping_method: get("shipping_method"),
            country: get("country"),
        };
        let (id, line) = self.row(id, sku, get("category"), &price, &quantity, cost.as_deref())?;
        Ok((id, line, fields))
    }

    fn row(
        &mut self,
        id: String,
        sku: String,
        category: Option<String>,
        price: &str,
        quantity: &str,
        cost: Option<&str>,
    ) -> Result<(String, OrderLine), Error> {
        let line = self.line_number;
        let path = JsonPath::root().key(&format!("line {line}"));
        if id.is_empty() || sku.is_empty() {
            return Err(at_line(line, "order_id and sku must not be empty"));
        }
        let price = self
            .currency
            .exact(parse_amount(price, self.currency, &path.key("price"))?);
        let quantity = crate::config::parse_count(
            &crate::document::Count(quantity.to_owned()),
            crate::config::MAX_QUANTITY,
            &path.key("quantity"),
        )?;
        let cost = cost
            .map(|c| parse_amount(c, self.currency, &path.key("cost")))
            .transpose()?;
        self.has_cost |= cost.is_some();
        Ok((
            id,
            OrderLine {
                sku,
                category,
                price,
                quantity,
                cost,
            },
        ))
    }
}

/// A 64-bit FNV-1a hash of an order id (a collision only makes a later order look repeated, which
/// 64 bits make vanishingly unlikely).
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The lines of a text, ended by `\n`, `\r\n` or a lone `\r` (spreadsheets' "CSV (Macintosh)"); an
/// empty text has none.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text).filter(|t| !t.is_empty());
    std::iter::from_fn(move || {
        let text = rest?;
        match text.find(['\n', '\r']) {
            Some(end) => {
                let after = if text[end..].starts_with("\r\n") {
                    end + 2
                } else {
                    end + 1
                };
                rest = Some(&text[after..]).filter(|r| !r.is_empty());
                Some(&text[..end])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// Splits a CSV row: commas, double-quoted fields with `""` for a quote.
fn split_csv(text: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut started = true;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (false, '"') if started => quoted = true,
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, ',') => {
                fields.push(std::mem::take(&mut field));
                started = true;
                continue;
            }
            (_, c) => field.push(c),
        }
        started = false;
    }
    if quoted {
        return Err("a quoted field is not closed (fields may not span lines)".into());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Order>, Error> {
        let mut reader = OrderReader::new(Currency::from_code("CNY").unwrap());
        let mut out = Vec::new();
        for line in lines(text) {
            out.extend(reader.push_line(line)?);
        }
        out.extend(reader.finish()?);
        Ok(out)
    }

    #[test]
    fn every_line_end_reads_the_same() {
        let lf = "order_id,sku,price,quantity\n1,mop,38,1\n1,sponge,7,2\n2,mop,38,3\n";
        let expected = read(lf).unwrap();
        assert_eq!(expected.len(), 2);
        for text in [
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
            lf.trim_end().replace('\n', "\r"),
        ] {
            assert_eq!(read(&text).unwrap(), expected, "{text:?}");
        }
        assert_eq!(lines("a\r\rb\r\n").collect::<Vec<_>>(), ["a", "", "b"]);
        assert_eq!(lines("").count(), 0);
    }

    #[test]
    fn what_would_be_guessed_is_refused() {
        let error = read("order_id,sku,price,quantity,price\n1,a,7,1,8\n").unwrap_err();
        assert!(error.to_string().contains("names `price` twice"), "{error}");
        let error = read("order_id,sku,price,quantity\n1,a,7,1\n2,b,7,1,9\n").unwrap_err();
        assert_eq!(error.path().as_str(), "line 3");
        assert!(error.to_string().contains("5 fields and the header 4"), "{error}");
        let error = read("order_id,sku,price,quantity\n").unwrap_err();
        assert!(error.to_string().contains("a header and no rows"), "{error}");
        let error = read("").unwrap_err();
        assert!(error.to_string().contains("no orders"), "{error}");
        // Fewer fields than the header is fine when the missing ones are optional.
        assert_eq!(
            read("order_id,sku,price,quantity,cost\n1,a,7,1\n").unwrap().len(),
            1
        );
    }

    #[test]
    fn csv_and_json_lines_give_the_same_orders() {
        let csv = "order_id,sku,category,price,quantity\n1,mop,home,38,1\n1,\"sponge, 3-pack\",cleaning,7,2\n2,mop,home,38,3\n";
        let jsonl = "{\"order_id\":\"1\",\"sku\":\"mop\",\"category\":\"home\",\"price\":\"38\",\"quantity\":1}\n{\"order_id\":\"1\",\"sku\":\"sponge, 3-pack\",\"category\":\"cleaning\",\"price\":\"7\",\"quantity\":2}\n{\"order_id\":2,\"sku\":\"mop\",\"category\":\"home\",\"price\":38,\"quantity\":3}\n";
        let a = read(csv).unwrap();
        assert_eq!(a, read(jsonl).unwrap());
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].lines[1].sku, "sponge, 3-pack");
        assert_eq!(a[1].lines[0].quantity, 3);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let error = read("order_id,sku,price,quantity\n1,a,7.001,1\n").unwrap_err();
        assert_eq!(error.path().as_str(), "line 2.price");
        let error = read("order_id,sku,price,quantity\n1,a,7,1\n2,a,7,1\n1,b,7,1\n").unwrap_err();
        assert!(error.to_string().contains("consecutive"), "{error}");
        assert!(read("sku,price\n").unwrap_err().to_string().contains("order_id"));
    }
}
