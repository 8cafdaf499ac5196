//! The compiled config: a validated [`Config`] written out by `nexttier compile` (or `compile()` in
//! the package), which a storefront reads back without the validator and its messages.
//!
//! The form is JSON, so it can be published, embedded in a page or passed as an object:
//! `{"nexttier_compiled":1,"by":"nexttier 0.9.0","hash":"…","config":[…]}`. `config` holds the
//! validated values by position (no keys, amounts as exact decimal strings, units as numbers; a
//! trailing `null` or `false` left out, so an item that says little is short) and
//! `hash` is a 64-bit FNV-1a fingerprint of those values, independent of spacing and escapes: a
//! compiled config that was edited by hand is refused rather than trusted. The reader checks every
//! rule the engine relies on to stay exact and bounded (tiers in order, positive steps, percentages
//! at most 100), so no input makes it panic; it reports faults by position, with one code,
//! `compiled_invalid`, because a compiled config is written by nexttier, not by hand.
//!
//! [`FORMAT`] changes whenever the layout does: a storefront refuses another format and says to
//! compile again.

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::document::MessagesDoc;
use super::schedule::{Schedule, TimeZone, MAX_EXCEPT};
use super::scope::Scope;
use super::suggest::{SuggestSettings, Weights};
use super::*;
use crate::error::{Error, Errors, JsonPath};
use crate::json::Json;
use crate::limits::Limits;
use crate::money::{parse_decimal, Currency, Measure, Money, Rounding};
use crate::string_map::StringMap;

/// The layout's version, written as `nexttier_compiled`.
pub const FORMAT: u64 = 1;

/// The key that marks a compiled config (its first key as written).
pub const MARK: &str = "nexttier_compiled";

/// Whether JSON text is a compiled config rather than a raw one (by its first key, as
/// `nexttier compile` and `JSON.stringify` of the compiled object both write it).
pub fn is_compiled(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let Some(rest) = rest.strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    rest.strip_prefix('"')
        .and_then(|r| r.strip_prefix(MARK))
        .is_some_and(|r| r.starts_with('"'))
}

impl Config {
    /// The compiled form of this config: JSON text that [`Config::from_compiled_within`] reads back
    /// into an equal config.
    pub fn to_compiled(&self) -> String {
        let payload = config_value(self, true);
        let mut out = String::new();
        out.push_str("{\"");
        out.push_str(MARK);
        out.push_str("\":");
        out.push_str(&FORMAT.to_string());
        out.push_str(",\"by\":\"nexttier ");
        out.push_str(crate::VERSION);
        out.push_str("\",\"hash\":\"");
        out.push_str(&hex(fingerprint(&payload)));
        out.push_str("\",\"config\":");
        out.push_str(&crate::json::compact(&payload));
        out.push('}');
        out
    }

    /// Reads a compiled config within `limits` (its bytes), checking its format, its fingerprint and
    /// every rule the engine relies on.
    pub fn from_compiled_within(text: &str, limits: &Limits) -> Result<Config, Errors> {
        limits.check_config(text)?;
        let value = crate::json::parse(text)?;
        read_compiled(&value).map_err(Errors::from)
    }
}

fn read_compiled(value: &Json<'_>) -> Result<Config, Error> {
    read_compiled_boxed(value).map_err(|fault| *fault)
}

fn read_compiled_boxed(value: &Json<'_>) -> Result<Config, Fault> {
    let root = JsonPath::root();
    let members = match value {
        Json::Object(members) if members.iter().any(|(key, _)| key == MARK) => members,
        _ => {
            return Err(fault(
                &root,
                "not a compiled config: compile it with `nexttier compile` or `compile()`, or give it to an engine that validates raw configs",
            ))
        }
    };
    let (mut format, mut hash, mut payload) = (None, None, None);
    for (key, value) in members {
        match (&**key, value) {
            (MARK, Json::Number(n)) => format = Some(&**n),
            ("by", Json::String(_)) => {}
            ("hash", Json::String(h)) => hash = Some(&**h),
            ("config", v @ Json::Array(_)) => payload = Some(v),
            _ => return Err(fault(&root.key(key), "not a key of a compiled config")),
        }
    }
    if format != Some(FORMAT.to_string().as_str()) {
        return Err(fault(
            &root.key(MARK),
            "compiled by another version of nexttier: compile the config again with this one",
        ));
    }
    let (Some(hash), Some(payload)) = (hash, payload) else {
        return Err(fault(&root, "`hash` or `config` is missing"));
    };
    if hash != hex(fingerprint(payload)) {
        return Err(fault(
            &root.key("hash"),
            "the compiled config was changed after compiling: compile it again from its source",
        ));
    }
    read_config(payload, root.key("config"), true)
}

/// A compiled config around `payload` (JSON text of the `config` array) with its right hash, or
/// `None` when the payload is not JSON: for the fuzz target and the tests of the reader's checks.
#[doc(hidden)]
pub fn seal(payload: &str) -> Option<String> {
    let value = crate::json::parse(payload).ok()?;
    Some(format!(
        "{{\"{MARK}\":{FORMAT},\"hash\":\"{}\",\"config\":{payload}}}",
        hex(fingerprint(&value))
    ))
}

/// The reader's error: boxed, so that every `?` moves a pointer, not an [`Error`].
type Fault = Box<Error>;

#[cold]
#[inline(never)]
fn fault(path: &JsonPath, detail: &'static str) -> Fault {
    Box::new(Error::Compiled {
        path: path.clone(),
        detail,
    })
}

/// What the reader says of a value that is not what `nexttier compile` writes in its place.
const UNEXPECTED: &str = "not what `nexttier compile` writes here";

// ---- the fingerprint -------------------------------------------------------------------------

/// FNV-1a (64 bits) over the values, each tagged with its type and length: the same for any
/// spacing or escaping of the same values.
fn fingerprint(value: &Json<'_>) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    feed(value, &mut hash);
    hash
}

fn feed(value: &Json<'_>, hash: &mut u64) {
    let mut bytes = |bytes: &[u8]| {
        for b in bytes {
            *hash ^= u64::from(*b);
            *hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    match value {
        Json::Null => bytes(b"n"),
        Json::Bool(b) => bytes(if *b { b"t" } else { b"f" }),
        Json::Number(n) => {
            bytes(b"#");
            bytes(&(n.len() as u64).to_le_bytes());
            bytes(n.as_bytes());
        }
        Json::String(s) => {
            bytes(b"s");
            bytes(&(s.len() as u64).to_le_bytes());
            bytes(s.as_bytes());
        }
        Json::Array(items) => {
            bytes(b"[");
            bytes(&(items.len() as u64).to_le_bytes());
            for item in items {
                feed(item, hash);
            }
        }
        Json::Object(members) => {
            bytes(b"{");
            bytes(&(members.len() as u64).to_le_bytes());
            for (key, item) in members {
                feed(&Json::String(Cow::Borrowed(key)), hash);
                feed(item, hash);
            }
        }
    }
}

fn hex(hash: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..16)
        .map(|i| char::from(DIGITS[((hash >> (60 - 4 * i)) & 0xf) as usize]))
        .collect()
}

// ---- writing ---------------------------------------------------------------------------------

/// An array of the payload, its trailing `null`s and `false`s left out (read back as absent).
fn trimmed(mut items: Vec<Json<'static>>) -> Json<'static> {
    while matches!(items.last(), Some(Json::Null | Json::Bool(false))) {
        items.pop();
    }
    Json::Array(items)
}

fn string(text: &str) -> Json<'static> {
    Json::String(Cow::Owned(text.to_owned()))
}

fn number(n: impl ToString) -> Json<'static> {
    Json::Number(Cow::Owned(n.to_string()))
}

fn decimal(d: Decimal) -> Json<'static> {
    Json::String(Cow::Owned(d.to_string()))
}

fn option<T>(value: Option<T>, write: impl FnOnce(T) -> Json<'static>) -> Json<'static> {
    value.map_or(Json::Null, write)
}

/// A list, or null when it is empty.
fn list<T>(items: &[T], write: impl Fn(&T) -> Json<'static>) -> Json<'static> {
    if items.is_empty() {
        Json::Null
    } else {
        Json::Array(items.iter().map(write).collect())
    }
}

fn strings(list: &[String]) -> Json<'static> {
    Json::Array(list.iter().map(|s| string(s)).collect())
}

/// A config by position.
fn config_value(config: &Config, with_markets: bool) -> Json<'static> {
    let weights = config.suggest.weights;
    let suggest = [
        config.suggest.max_units,
        config.suggest.far,
        weights.gap,
        weights.margin,
        weights.popularity,
        weights.fit,
        weights.pinned,
    ];
    trimmed(vec![
        string(config.currency.code),
        number_or(rounding_index(config.rounding), 0),
        decimal(config.shipping_fee),
        Json::Array(config.promotions.iter().map(promotion_value).collect()),
        Json::Array(config.catalog.iter().map(item_value).collect()),
        Json::Bool(config.catalog_priced),
        Json::Array(if with_markets {
            config.markets.iter().map(|m| config_value(m, false)).collect()
        } else {
            Vec::new()
        }),
        Json::Array(suggest.iter().map(number).collect()),
        list(&config.stages, stage_value),
        list(&config.experiments, experiment_value),
        list(&config.variants, |v| variant_value(v)),
        list(&config.shipping_methods, method_value),
    ])
}

/// A shipping method as `[id, label, fee, [[fee, [countries]]…]]`.
fn method_value(m: &super::shipping::ShippingMethod) -> Json<'static> {
    trimmed(vec![
        string(&m.id),
        option(m.label.as_deref(), string),
        decimal(m.fee),
        Json::Array(
            m.zones
                .iter()
                .map(|z| Json::Array(vec![decimal(z.fee), strings(&z.countries)]))
                .collect(),
        ),
    ])
}

/// A combination of variants as `[promotions, [each market's promotions]]`: all that differs from
/// its base config (the rest is the base's, as the validator builds it).
fn variant_value(config: &Config) -> Json<'static> {
    let promotions = |c: &Config| Json::Array(c.promotions.iter().map(promotion_value).collect());
    Json::Array(vec![
        promotions(config),
        Json::Array(config.markets.iter().map(|m| promotions(m)).collect()),
    ])
}

/// An experiment as `[id, [[variant id, weight]…]]`.
fn experiment_value(experiment: &super::experiment::Experiment) -> Json<'static> {
    let variants = experiment
        .variants
        .iter()
        .map(|v| Json::Array(vec![string(&v.id), number(v.weight)]))
        .collect();
    Json::Array(vec![string(&experiment.id), Json::Array(variants)])
}

/// A stage as `[segment, min_orders, max_orders, min_days, max_days, min_spend, max_spend]`.
fn stage_value(stage: &super::stages::Stage) -> Json<'static> {
    trimmed(vec![
        string(&stage.segment),
        option(stage.orders.0, number),
        option(stage.orders.1, number),
        option(stage.days_since_last_order.0, number),
        option(stage.days_since_last_order.1, number),
        option(stage.lifetime_spend.0, decimal),
        option(stage.lifetime_spend.1, decimal),
    ])
}

const ROUNDINGS: [Rounding; 4] = [Rounding::HalfUp, Rounding::HalfEven, Rounding::Down, Rounding::Up];

fn rounding_index(rounding: Rounding) -> usize {
    ROUNDINGS.iter().position(|r| *r == rounding).unwrap_or(0)
}

/// A scope's six lists, trailing empty ones left out (`[]`: the whole cart).
fn scope_value(scope: &Scope) -> Json<'static> {
    let mut lists: Vec<Json<'static>> = scope.lists().iter().map(|list| strings(list)).collect();
    while matches!(lists.last(), Some(Json::Array(items)) if items.is_empty()) {
        lists.pop();
    }
    Json::Array(lists)
}

/// A number, or `null` (left out when trailing) for its usual value.
fn number_or<T: PartialEq + ToString>(n: T, usual: T) -> Json<'static> {
    if n == usual {
        Json::Null
    } else {
        number(n)
    }
}

fn promotion_value(p: &Promotion) -> Json<'static> {
    let messages = p.messages.as_ref().map(|m| {
        let map = |map: &Option<StringMap>| {
            option(map.as_ref(), |map| {
                Json::Array(map.iter().flat_map(|(k, v)| [string(k), string(v)]).collect())
            })
        };
        Json::Array(vec![map(&m.progress), map(&m.reached)])
    });
    trimmed(vec![
        string(&p.id),
        number(Kind::ALL.iter().position(|k| *k == p.kind).unwrap_or(0)),
        Json::Array(p.tiers.iter().map(tier_value).collect()),
        scope_value(&p.scope),
        Json::Bool(p.basis == Basis::Discounted),
        option(p.starts_at, number),
        option(p.ends_at, number),
        strings(&p.segments),
        option(p.coupon.as_deref(), string),
        option(p.group.as_deref(), string),
        number_or(p.priority, 0),
        option(p.label.as_deref(), string),
        messages.unwrap_or(Json::Null),
        option(p.tax, |t| Json::Bool(t == TaxMode::Included)),
        option(p.get_scope.as_ref(), scope_value),
        option(p.limit, number),
        Json::Bool(p.discount_dearest),
        option(p.max_units, number),
        Json::Bool(p.stop),
        Json::Bool(p.usage.first_order),
        option(p.usage.per_customer, number),
        option(p.usage.total, number),
        Json::Bool(p.offered),
        Json::Bool(p.scopes_overlap),
        number_or(p.class as u8, Class::of_kind(p.kind) as u8),
        number_or(p.combines_with, Class::EVERY),
        option(p.usage.budget, decimal),
        option(p.held_out, number),
        option(p.schedule.as_deref(), schedule_value),
        list(&p.shipping_methods, |m| string(m)),
        list(&p.countries, |c| string(c)),
        option(p.condition.as_deref(), |c| {
            trimmed(vec![
                option(c.scope.as_ref(), scope_value),
                option(c.units, number),
                option(c.amount, decimal),
            ])
        }),
    ])
}

/// A schedule as `[zone name, [zone as numbers], days bits, from, until, [excepted days]]`.
fn schedule_value(s: &Schedule) -> Json<'static> {
    trimmed(vec![
        string(&s.zone.name),
        Json::Array(s.zone.to_numbers().into_iter().map(number).collect()),
        number(s.days),
        option(s.hours.map(|h| h.0), number),
        option(s.hours.map(|h| h.1), number),
        Json::Array(s.except.iter().map(number).collect()),
    ])
}

/// A tier as `[threshold, reward…]`: the threshold a string for an amount, a number for units; the
/// reward's fields in the order of its kind's variant.
fn tier_value(tier: &Tier) -> Json<'static> {
    let mut out = vec![match tier.threshold {
        Measure::Amount(a) => decimal(a),
        Measure::Units(n) => number(n),
    }];
    match &tier.reward {
        Reward::FreeShipping => {}
        Reward::ShippingOff { off, percent } => {
            out.extend([option(*off, decimal), option(*percent, decimal)])
        }
        Reward::AmountOff(off) | Reward::AmountOffEach(off) | Reward::UnitPrice(off) => {
            out.push(decimal(*off))
        }
        Reward::PercentOff { percent, max_off } => out.extend([decimal(*percent), option(*max_off, decimal)]),
        // The first option, then what differs from one free unit: the units, the price, the other options.
        Reward::Gift(gift) => out.extend([
            string(&gift.options[0]),
            if gift.quantity == 1 {
                Json::Null
            } else {
                number(gift.quantity)
            },
            if gift.price.is_zero() {
                Json::Null
            } else {
                decimal(gift.price)
            },
            if gift.is_choice() {
                strings(&gift.options[1..])
            } else {
                Json::Null
            },
        ]),
        Reward::Every { every, off, max_off } => {
            out.extend([decimal(*every), decimal(*off), option(*max_off, decimal)])
        }
        Reward::Bundle { quantity, price } => out.extend([number(quantity), decimal(*price)]),
        Reward::BuyGet {
            buy,
            get,
            percent,
            price,
        } => out.extend([
            number(buy),
            number(get),
            decimal(*percent),
            option(*price, decimal),
        ]),
    }
    trimmed(out)
}

fn item_value(item: &CatalogItem) -> Json<'static> {
    trimmed(vec![
        string(&item.sku),
        option(item.name.as_deref(), string),
        string(&item.price.to_string()),
        option(item.category.as_deref(), string),
        strings(&item.tags),
        option(item.stock, number),
        option(item.max_per_order, number),
        option(item.image.as_deref(), string),
        option(item.url.as_deref(), string),
        number_or(item.weight, 0),
        option(item.cost, |c| string(&c.to_string())),
        number_or(item.popularity, 0),
        option(item.goes_with.as_ref(), scope_value),
        Json::Bool(item.pinned),
        Json::Bool(item.never_suggest),
        number_or(item.pack, 1),
        option(item.max_per_suggestion, number),
        option(item.min_per_order, number),
        option(item.case_pack, number),
    ])
}

// ---- reading ---------------------------------------------------------------------------------

/// The items of one array of the payload, read in order.
struct Items<'v, 'a> {
    items: &'v [Json<'a>],
    next: usize,
    path: JsonPath,
}

impl<'v, 'a> Items<'v, 'a> {
    fn open(value: &'v Json<'a>, path: JsonPath) -> Result<Self, Fault> {
        match value {
            Json::Array(items) => Ok(Items { items, next: 0, path }),
            _ => Err(fault(&path, UNEXPECTED)),
        }
    }

    /// The fault of the value at `at` (paths are only built for a fault: reading builds none).
    #[inline(never)]
    #[cold]
    fn fault_at(&self, at: usize, detail: &'static str) -> Fault {
        fault(&self.path.index(at), detail)
    }

    /// The next value, or `None` for `null` or a value left out at the end, and its position.
    #[inline(never)]
    fn value(&mut self) -> (Option<&'v Json<'a>>, usize) {
        let at = self.next;
        self.next += 1;
        (self.items.get(at).filter(|v| !matches!(v, Json::Null)), at)
    }

    #[inline(never)]
    fn end(&self) -> Result<(), Fault> {
        if self.next >= self.items.len() {
            Ok(())
        } else {
            Err(self.fault_at(self.next, "one value too many"))
        }
    }

    /// `read` of the next value, required: absent is a fault.
    fn required<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<Option<T>, Fault>) -> Result<T, Fault> {
        let at = self.next;
        read(self)?.ok_or_else(|| self.fault_at(at, UNEXPECTED))
    }

    #[inline(never)]
    fn opt_string(&mut self) -> Result<Option<String>, Fault> {
        match self.value() {
            (None, _) => Ok(None),
            (Some(Json::String(s)), _) => Ok(Some(s.to_string())),
            (Some(_), at) => Err(self.fault_at(at, UNEXPECTED)),
        }
    }

    #[inline(never)]
    fn string(&mut self) -> Result<String, Fault> {
        self.required(Self::opt_string)
    }

    /// A non-negative decimal written as a string, scale included ("10.00" stays 10.00): no
    /// exponent, at most 28 decimals.
    #[inline(never)]
    fn opt_decimal(&mut self) -> Result<Option<Decimal>, Fault> {
        let at = self.next;
        let Some(text) = self.opt_string()? else {
            return Ok(None);
        };
        let scale = text.split_once('.').map_or(0, |(_, digits)| digits.len());
        match parse_decimal(&text) {
            Ok(mut d) if d >= Decimal::ZERO && !text.contains(['e', 'E']) && scale <= 28 => {
                d.rescale(scale as u32);
                Ok(Some(d))
            }
            _ => Err(self.fault_at(at, UNEXPECTED)),
        }
    }

    #[inline(never)]
    fn decimal(&mut self) -> Result<Decimal, Fault> {
        self.required(Self::opt_decimal)
    }

    #[inline(never)]
    fn opt_money(&mut self) -> Result<Option<Money>, Fault> {
        Ok(self.opt_decimal()?.map(|d| Money::from_decimal(d, d.scale())))
    }

    /// A whole number within `min..=max`.
    #[inline(never)]
    fn opt_integer(&mut self, min: i64, max: i64) -> Result<Option<i64>, Fault> {
        match self.value() {
            (None, _) => Ok(None),
            (Some(Json::Number(n)), at) => match n.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(self.fault_at(at, UNEXPECTED)),
            },
            (Some(_), at) => Err(self.fault_at(at, UNEXPECTED)),
        }
    }

    /// A count within `min..=max`.
    #[inline(never)]
    fn opt_count(&mut self, min: u64, max: u64) -> Result<Option<u64>, Fault> {
        let max = i64::try_from(max).unwrap_or(i64::MAX);
        let min = i64::try_from(min).unwrap_or(i64::MAX);
        Ok(self.opt_integer(min, max)?.map(|n| n.unsigned_abs()))
    }

    #[inline(never)]
    fn count(&mut self, min: u64, max: u64) -> Result<u64, Fault> {
        self.required(|r| r.opt_count(min, max))
    }

    /// A boolean; `null` or left out: false.
    #[inline(never)]
    fn boolean(&mut self) -> Result<bool, Fault> {
        match self.value() {
            (None, _) => Ok(false),
            (Some(Json::Bool(b)), _) => Ok(*b),
            (Some(_), at) => Err(self.fault_at(at, UNEXPECTED)),
        }
    }

    #[inline(never)]
    fn opt_list(&mut self) -> Result<Option<Items<'v, 'a>>, Fault> {
        match self.value() {
            (None, _) => Ok(None),
            (Some(value @ Json::Array(_)), at) => Items::open(value, self.path.index(at)).map(Some),
            (Some(_), at) => Err(self.fault_at(at, UNEXPECTED)),
        }
    }

    /// A list; `null` or left out: an empty one.
    #[inline(never)]
    fn list(&mut self) -> Result<Items<'v, 'a>, Fault> {
        let at = self.next;
        match self.opt_list()? {
            Some(list) => Ok(list),
            None => Ok(Items {
                items: &[],
                next: 0,
                path: self.path.index(at),
            }),
        }
    }

    #[inline(never)]
    fn strings(&mut self) -> Result<Vec<String>, Fault> {
        let mut list = self.list()?;
        (0..list.items.len()).map(|_| list.string()).collect()
    }

    #[inline(never)]
    fn opt_scope(&mut self) -> Result<Option<Scope>, Fault> {
        let Some(mut list) = self.opt_list()? else {
            return Ok(None);
        };
        let mut next = || list.strings();
        let scope = Scope::new(next()?, next()?, next()?, next()?, next()?, next()?);
        list.end()?;
        Ok(Some(scope))
    }

    /// Reads every remaining value of this array with `read`.
    fn each<T>(&mut self, mut read: impl FnMut(Items<'v, 'a>) -> Result<T, Fault>) -> Result<Vec<T>, Fault> {
        let mut out = Vec::with_capacity(self.items.len());
        while self.next < self.items.len() {
            out.push(read(self.list()?)?);
        }
        Ok(out)
    }
}

const MAX_COUNT: u64 = i64::MAX as u64;

fn read_config(value: &Json<'_>, path: JsonPath, with_markets: bool) -> Result<Config, Fault> {
    let mut r = Items::open(value, path)?;
    let currency = Currency::from_code(&r.string()?).ok_or_else(|| r.fault_at(0, UNEXPECTED))?;
    let rounding = ROUNDINGS[r.opt_count(0, 3)?.unwrap_or(0) as usize];
    let shipping_fee = r.decimal()?;
    let promotions = r.list()?;
    let mut catalog_list = r.list()?;
    let catalog = catalog_list.each(read_item)?;
    let mut catalog_index: Vec<(String, usize)> = Vec::with_capacity(catalog.len());
    for (i, item) in catalog.iter().enumerate() {
        match catalog_index.binary_search_by(|(s, _)| s.as_str().cmp(&item.sku)) {
            Ok(_) => return Err(catalog_list.fault_at(i, "a SKU twice")),
            Err(at) => catalog_index.insert(at, (item.sku.clone(), i)),
        }
    }
    let catalog_priced = r.boolean()?;
    let mut market_list = r.list()?;
    if !with_markets && !market_list.items.is_empty() {
        return Err(fault(&market_list.path, UNEXPECTED));
    }
    let mut markets = Vec::new();
    while market_list.next < market_list.items.len() {
        let (value, at) = market_list.value();
        let value = value.ok_or_else(|| market_list.fault_at(at, UNEXPECTED))?;
        markets.push(Arc::new(read_config(value, market_list.path.index(at), false)?));
    }
    let mut s = r.list()?;
    let (max_units, far) = (s.count(1, MAX_QUANTITY)?, s.count(0, 100)?);
    let mut weight = || s.count(0, Weights::MAX);
    let weights = Weights {
        gap: weight()?,
        margin: weight()?,
        popularity: weight()?,
        fit: weight()?,
        pinned: weight()?,
    };
    s.end()?;
    let mut stage_list = r.list()?;
    let stages = stage_list.each(|mut st| {
        let stage = super::stages::Stage {
            segment: st.string()?,
            orders: (st.opt_count(0, MAX_COUNT)?, st.opt_count(0, MAX_COUNT)?),
            days_since_last_order: (st.opt_count(0, MAX_COUNT)?, st.opt_count(0, MAX_COUNT)?),
            lifetime_spend: (st.opt_decimal()?, st.opt_decimal()?),
        };
        st.end()?;
        Ok(stage)
    })?;
    let promotions = read_promotions(promotions)?;
    let mut config = Config {
        currency,
        rounding,
        shipping_fee,
        shipping_methods: Vec::new(),
        promotions,
        catalog,
        catalog_index,
        catalog_priced,
        markets,
        suggest: SuggestSettings {
            max_units,
            far,
            weights,
        },
        stages,
        experiments: Vec::new(),
        variants: Vec::new(),
    };
    read_experiments(&mut r, &mut config, with_markets)?;
    config.shipping_methods = read_methods(&mut r)?;
    if let Some(first) = config.shipping_methods.first() {
        if first.fee != config.shipping_fee {
            return Err(fault(
                &r.path.index(2),
                "the shipping fee is not the first method's",
            ));
        }
    }
    r.end()?;
    Ok(config)
}

/// The shipping methods (at most [`MAX_METHODS`], ids distinct, countries in one zone each).
#[inline(never)]
fn read_methods(r: &mut Items<'_, '_>) -> Result<Vec<super::shipping::ShippingMethod>, Fault> {
    use super::shipping::{is_country_code, ShippingMethod, Zone, MAX_METHODS, MAX_ZONES};
    let at = r.next;
    let mut list = r.list()?;
    if list.items.len() > MAX_METHODS {
        return Err(r.fault_at(at, UNEXPECTED));
    }
    let methods = list.each(|mut m| {
        let id: Arc<str> = Arc::from(m.string()?);
        let label = m.opt_string()?;
        let fee = m.decimal()?;
        let zones_at = m.next;
        let mut zone_list = m.list()?;
        if zone_list.items.len() > MAX_ZONES {
            return Err(m.fault_at(zones_at, UNEXPECTED));
        }
        let zones = zone_list.each(|mut z| {
            let fee = z.decimal()?;
            let countries_at = z.next;
            let countries = z.strings()?;
            if countries.is_empty() || !countries.iter().all(|c| is_country_code(c)) {
                return Err(z.fault_at(countries_at, UNEXPECTED));
            }
            z.end()?;
            Ok(Zone { countries, fee })
        })?;
        let mut seen: Vec<&str> = zones
            .iter()
            .flat_map(|z| z.countries.iter().map(String::as_str))
            .collect();
        let count = seen.len();
        crate::sort::sort_by(&mut seen, Ord::cmp);
        seen.dedup();
        if seen.len() != count {
            return Err(m.fault_at(zones_at, "a country in two zones"));
        }
        m.end()?;
        Ok(ShippingMethod {
            id,
            label,
            fee,
            zones,
        })
    })?;
    for (i, m) in methods.iter().enumerate() {
        if methods[..i].iter().any(|o| o.id == m.id) {
            return Err(list.fault_at(i, "a method id twice"));
        }
    }
    Ok(methods)
}

/// `config` with other promotions and markets (no experiments): a combination of variants.
fn with_promotions(config: &Config, promotions: Vec<Promotion>, markets: Vec<Arc<Config>>) -> Config {
    Config {
        currency: config.currency,
        rounding: config.rounding,
        shipping_fee: config.shipping_fee,
        shipping_methods: config.shipping_methods.clone(),
        promotions,
        catalog: config.catalog.clone(),
        catalog_index: config.catalog_index.clone(),
        catalog_priced: config.catalog_priced,
        markets,
        suggest: config.suggest,
        stages: config.stages.clone(),
        experiments: Vec::new(),
        variants: Vec::new(),
    }
}

/// A list of promotions, each knowing its position.
#[inline(never)]
fn read_promotions(mut list: Items<'_, '_>) -> Result<Vec<Promotion>, Fault> {
    let mut position = 0;
    list.each(|p| {
        position += 1;
        read_promotion(p, position - 1)
    })
}

/// Reads the experiments and the promotions of each combination of their variants into `config`
/// (only a top-level config has them: `allowed`; a market has none).
#[inline(never)]
fn read_experiments(r: &mut Items<'_, '_>, config: &mut Config, allowed: bool) -> Result<(), Fault> {
    use super::experiment::{Experiment, Variant, MAX_COMBINATIONS, MAX_VARIANTS, MAX_WEIGHT};
    let mut list = r.list()?;
    let mut variant_list = r.list()?;
    let has_any = !(list.items.is_empty() && variant_list.items.is_empty());
    if has_any && !allowed {
        return Err(fault(&list.path, UNEXPECTED));
    }
    let mut combinations = 1usize;
    let experiments = list.each(|mut e| {
        let id: Arc<str> = e.string()?.into();
        let mut variants = e.list()?;
        let n = variants.items.len();
        if !(2..=MAX_VARIANTS).contains(&n) {
            return Err(fault(&variants.path, UNEXPECTED));
        }
        combinations = combinations.saturating_mul(n);
        let variants = variants.each(|mut v| {
            let variant = Variant {
                id: v.string()?.into(),
                weight: v.count(1, MAX_WEIGHT)? as u32,
            };
            v.end()?;
            Ok(variant)
        })?;
        e.end()?;
        Ok(Experiment { id, variants })
    })?;
    let expected = if experiments.is_empty() { 0 } else { combinations };
    if combinations > MAX_COMBINATIONS || variant_list.items.len() != expected {
        return Err(fault(&variant_list.path, UNEXPECTED));
    }
    // Each combination: the base with its own promotions, and each market's.
    let variants = variant_list.each(|mut v| {
        let promotions = read_promotions(v.list()?)?;
        let mut market_list = v.list()?;
        if market_list.items.len() != config.markets.len() {
            return Err(fault(&market_list.path, UNEXPECTED));
        }
        let mut markets = Vec::with_capacity(config.markets.len());
        for market in &config.markets {
            markets.push(Arc::new(with_promotions(
                market,
                read_promotions(market_list.list()?)?,
                Vec::new(),
            )));
        }
        v.end()?;
        Ok(Arc::new(with_promotions(config, promotions, markets)))
    })?;
    config.experiments = experiments;
    config.variants = variants;
    Ok(())
}

#[inline(never)]
fn read_promotion(mut r: Items<'_, '_>, position: usize) -> Result<Promotion, Fault> {
    let id: Arc<str> = r.string()?.into();
    let kind = Kind::ALL[r.count(0, Kind::ALL.len() as u64 - 1)? as usize];
    let mut tier_list = r.list()?;
    if tier_list.items.is_empty()
        || (tier_list.items.len() > 1
            && matches!(kind, Kind::AmountOffEvery | Kind::BuyXGetY | Kind::BundlePrice))
    {
        return Err(fault(&tier_list.path, UNEXPECTED));
    }
    let mut tiers: Vec<Tier> = Vec::with_capacity(tier_list.items.len());
    while tier_list.next < tier_list.items.len() {
        let at = tier_list.next;
        let tier = read_tier(tier_list.list()?, kind)?;
        // Strictly ascending, all amounts or all units.
        if let Some(last) = tiers.last() {
            let ascending = match (last.threshold, tier.threshold) {
                (Measure::Amount(a), Measure::Amount(b)) => a < b,
                (Measure::Units(a), Measure::Units(b)) => a < b,
                _ => false,
            };
            if !ascending {
                return Err(tier_list.fault_at(at, "tiers out of order"));
            }
        }
        tiers.push(tier);
    }
    let scope = r.opt_scope()?.unwrap_or_default();
    let basis = if r.boolean()? {
        Basis::Discounted
    } else {
        Basis::Original
    };
    let starts_at = r.opt_integer(i64::MIN, i64::MAX)?;
    let ends_at = r.opt_integer(i64::MIN, i64::MAX)?;
    let segments = r.strings()?;
    let coupon = r.opt_string()?;
    let group = r.opt_string()?;
    let priority = r.opt_integer(i64::MIN, i64::MAX)?.unwrap_or(0);
    let label = r.opt_string()?;
    let messages = match r.opt_list()? {
        None => None,
        Some(mut m) => {
            let mut map = || -> Result<Option<StringMap>, Fault> {
                let Some(mut pairs) = m.opt_list()? else {
                    return Ok(None);
                };
                let mut out = Vec::new();
                while pairs.next < pairs.items.len() {
                    out.push((pairs.string()?, pairs.string()?));
                }
                Ok(Some(StringMap::from_pairs(out)))
            };
            let messages = MessagesDoc {
                progress: map()?,
                reached: map()?,
            };
            m.end()?;
            Some(messages)
        }
    };
    let tax = match r.value() {
        (None, _) => None,
        (Some(Json::Bool(b)), _) => Some(if *b { TaxMode::Included } else { TaxMode::Excluded }),
        (Some(_), at) => return Err(r.fault_at(at, UNEXPECTED)),
    };
    let promotion = Promotion {
        id,
        kind,
        tiers,
        scope,
        basis,
        starts_at,
        ends_at,
        schedule: None,
        shipping_methods: Vec::new(),
        countries: Vec::new(),
        condition: None,
        segments,
        coupon,
        group,
        priority,
        label,
        messages,
        position,
        tax,
        get_scope: r.opt_scope()?,
        limit: r.opt_count(1, MAX_COUNT)?,
        discount_dearest: r.boolean()?,
        max_units: r.opt_count(1, MAX_COUNT)?,
        stop: r.boolean()?,
        usage: Usage {
            first_order: r.boolean()?,
            per_customer: r.opt_count(0, MAX_COUNT)?,
            total: r.opt_count(0, MAX_COUNT)?,
            budget: None,
        },
        offered: r.boolean()?,
        held_out: None,
        scopes_overlap: r.boolean()?,
        class: Class::ALL[r.opt_count(0, 2)?.unwrap_or(Class::of_kind(kind) as u64) as usize],
        combines_with: r
            .opt_count(0, u64::from(Class::EVERY))?
            .unwrap_or(u64::from(Class::EVERY)) as u8,
    };
    let mut promotion = promotion;
    promotion.usage.budget = r.opt_decimal()?;
    promotion.held_out = r.opt_count(0, 15)?.map(|e| e as usize);
    promotion.schedule = r.opt_list()?.map(read_schedule).transpose()?.map(Arc::new);
    promotion.shipping_methods = r.strings()?.into_iter().map(Arc::from).collect();
    let at = r.next;
    promotion.countries = r.strings()?;
    if !promotion
        .countries
        .iter()
        .all(|c| super::shipping::is_country_code(c))
    {
        return Err(r.fault_at(at, UNEXPECTED));
    }
    promotion.condition = read_condition(&mut r)?;
    r.end()?;
    Ok(promotion)
}

/// A promotion's condition, `[scope, units, spend]` (one of the last two at least), or `None`.
#[inline(never)]
fn read_condition(r: &mut Items<'_, '_>) -> Result<Option<Arc<Condition>>, Fault> {
    let at = r.next;
    let Some(mut c) = r.opt_list()? else {
        return Ok(None);
    };
    let condition = Condition {
        scope: c.opt_scope()?,
        units: c.opt_count(0, MAX_QUANTITY)?,
        amount: c.opt_decimal()?,
    };
    c.end()?;
    if condition.units.is_none() && condition.amount.is_none() {
        return Err(r.fault_at(at, UNEXPECTED));
    }
    Ok(Some(Arc::new(condition)))
}

#[inline(never)]
fn read_schedule(mut r: Items<'_, '_>) -> Result<Schedule, Fault> {
    let (name, at) = (r.string()?, r.next);
    let mut list = r.list()?;
    let count = list.items.len();
    if count != 1 && count != 10 {
        return Err(r.fault_at(at, UNEXPECTED));
    }
    let numbers = (0..count)
        .map(|_| {
            list.opt_integer(-604_800, 604_800)?
                .ok_or_else(|| r.fault_at(at, UNEXPECTED))
        })
        .collect::<Result<Vec<i64>, Fault>>()?;
    let zone = TimeZone::from_numbers(&name, &numbers).ok_or_else(|| r.fault_at(at, UNEXPECTED))?;
    let days = r.count(1, u64::from(Schedule::EVERY_DAY))? as u8;
    let at = r.next;
    // `until` 0 is midnight ending a window that began the day before ("20:00" to "00:00").
    let hours = match (r.opt_count(0, 1439)?, r.opt_count(0, 1440)?) {
        (None, None) => None,
        (Some(from), Some(until)) if from != until % 1440 => Some((from as u32, until as u32)),
        _ => return Err(r.fault_at(at, UNEXPECTED)),
    };
    let mut list = r.list()?;
    let count = list.items.len();
    if count > MAX_EXCEPT {
        return Err(r.fault_at(r.next - 1, UNEXPECTED));
    }
    // Dates of years 0000 to 9999, as `YYYY-MM-DD` allows: days −719,528 to 2,932,896.
    let mut except = Vec::with_capacity(count);
    for _ in 0..count {
        let at = list.next;
        match list.opt_integer(-800_000, 3_000_000)? {
            Some(day) if except.last().is_none_or(|&last| last < day) => except.push(day),
            _ => return Err(list.fault_at(at, UNEXPECTED)),
        }
    }
    r.end()?;
    Ok(Schedule {
        zone,
        days,
        hours,
        except,
    })
}

#[inline(never)]
fn read_tier(mut r: Items<'_, '_>, kind: Kind) -> Result<Tier, Fault> {
    let threshold = match r.value() {
        (Some(Json::String(_)), _) => {
            r.next -= 1;
            Measure::Amount(r.decimal()?)
        }
        (Some(Json::Number(_)), _) => {
            r.next -= 1;
            Measure::Units(r.count(0, MAX_QUANTITY)?)
        }
        (_, at) => return Err(r.fault_at(at, UNEXPECTED)),
    };
    // A percentage, at most 100.
    let percent = |r: &mut Items<'_, '_>| {
        let at = r.next;
        match r.decimal()? {
            d if d <= Decimal::ONE_HUNDRED => Ok(d),
            _ => Err(r.fault_at(at, UNEXPECTED)),
        }
    };
    let reward = match kind {
        Kind::FreeShipping => Reward::FreeShipping,
        Kind::ShippingOff => {
            let (off, at) = (r.opt_decimal()?, r.next);
            let percent = r.opt_decimal()?;
            // Exactly one of the two; a percentage at most 100.
            if off.is_some() == percent.is_some() || percent.is_some_and(|p| p > Decimal::ONE_HUNDRED) {
                return Err(r.fault_at(at, UNEXPECTED));
            }
            Reward::ShippingOff { off, percent }
        }
        Kind::AmountOff => Reward::AmountOff(r.decimal()?),
        Kind::AmountOffEach => Reward::AmountOffEach(r.decimal()?),
        Kind::PriceBreak => Reward::UnitPrice(r.decimal()?),
        Kind::PercentOff => Reward::PercentOff {
            percent: percent(&mut r)?,
            max_off: r.opt_decimal()?,
        },
        Kind::Gift => {
            let first = r.string()?;
            let quantity = r.opt_count(1, Gift::MAX_QUANTITY)?.unwrap_or(1);
            let price = r.opt_decimal()?.unwrap_or_default();
            let at = r.next;
            let mut options = vec![first];
            options.extend(r.strings()?);
            if options.len() > Gift::MAX_OPTIONS {
                return Err(r.fault_at(at, UNEXPECTED));
            }
            Reward::Gift(Gift {
                options,
                quantity,
                price,
            })
        }
        Kind::AmountOffEvery => {
            let at = r.next;
            let every = r.decimal()?;
            if every.is_zero() {
                return Err(r.fault_at(at, UNEXPECTED));
            }
            Reward::Every {
                every,
                off: r.decimal()?,
                max_off: r.opt_decimal()?,
            }
        }
        Kind::BundlePrice => Reward::Bundle {
            quantity: r.count(1, MAX_QUANTITY)?,
            price: r.decimal()?,
        },
        Kind::BuyXGetY => Reward::BuyGet {
            buy: r.count(1, MAX_QUANTITY)?,
            get: r.count(1, MAX_QUANTITY)?,
            percent: percent(&mut r)?,
            price: r.opt_decimal()?,
        },
    };
    r.end()?;
    Ok(Tier { threshold, reward })
}

#[inline(never)]
fn read_item(mut r: Items<'_, '_>) -> Result<CatalogItem, Fault> {
    let item = CatalogItem {
        sku: r.string()?,
        name: r.opt_string()?,
        price: r.required(Items::opt_money)?,
        category: r.opt_string()?,
        tags: r.strings()?,
        stock: r.opt_count(0, MAX_COUNT)?,
        max_per_order: r.opt_count(0, MAX_COUNT)?,
        image: r.opt_string()?,
        url: r.opt_string()?,
        weight: r.opt_integer(i64::MIN, i64::MAX)?.unwrap_or(0),
        cost: r.opt_money()?,
        popularity: r.opt_count(0, MAX_COUNT)?.unwrap_or(0),
        goes_with: r.opt_scope()?,
        pinned: r.boolean()?,
        never_suggest: r.boolean()?,
        pack: r.opt_count(1, MAX_QUANTITY)?.unwrap_or(1),
        max_per_suggestion: r.opt_count(1, MAX_COUNT)?,
        min_per_order: r.opt_count(1, MAX_COUNT)?,
        case_pack: r.opt_count(1, MAX_COUNT)?,
    };
    r.end()?;
    Ok(item)
}
