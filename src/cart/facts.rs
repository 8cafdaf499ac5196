//! What the host says of the customer and of the promotions' use — orders placed before, times a
//! promotion was received by this customer and in all — the facts usage limits are checked against.
//! nexttier keeps no count of its own: the host keeps them, and a checkout must give them itself
//! (`checkout.orders`, `checkout.uses`, `checkout.usage`), never take them from the browser.

use crate::config::Config;
use crate::error::{Error, JsonPath};
use crate::json::read::{count_value, Object, Value};

/// The most a count of orders or uses may be.
const MAX_COUNT: u64 = 1 << 53;

/// What the host says of the promotions' use by everyone: (times received, discount given) by id.
pub type UsageFacts = (Vec<(String, u64)>, Vec<(String, rust_decimal::Decimal)>);

/// The facts of one cart or checkout; promotion ids as the host wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facts {
    /// Orders the customer placed before this one.
    pub orders: u64,
    /// Times this customer received each promotion, by id.
    pub uses: Vec<(String, u64)>,
    /// Times each promotion was received by anyone, by id.
    pub total_uses: Vec<(String, u64)>,
    /// Discount each promotion gave in all, by id, in the config's currency (for `usage.budget`).
    pub spent: Vec<(String, rust_decimal::Decimal)>,
    /// When the customer's last order was placed (for `stages`' days since the last order).
    pub last_order_at: Option<crate::time::Millis>,
    /// What the customer spent in all before, in the config's currency (for `stages`).
    pub lifetime_spend: Option<rust_decimal::Decimal>,
}

impl Facts {
    /// Times this customer received `promotion` (0 when the host says nothing).
    pub fn uses_of(&self, promotion: &str) -> u64 {
        self.uses
            .iter()
            .find(|(id, _)| id == promotion)
            .map_or(0, |(_, n)| *n)
    }

    /// Discount `promotion` gave in all (0 when the host says nothing).
    pub fn spent_on(&self, promotion: &str) -> rust_decimal::Decimal {
        self.spent
            .iter()
            .find(|(id, _)| id == promotion)
            .map_or(rust_decimal::Decimal::ZERO, |(_, d)| *d)
    }

    /// Times `promotion` was received in all (0 when the host says nothing).
    pub fn total_uses_of(&self, promotion: &str) -> u64 {
        self.total_uses
            .iter()
            .find(|(id, _)| id == promotion)
            .map_or(0, |(_, n)| *n)
    }

    /// Whether the facts name any promotion (then [`Facts::check_ids`] has something to check).
    pub(crate) fn names_promotions(&self) -> bool {
        !(self.uses.is_empty() && self.total_uses.is_empty() && self.spent.is_empty())
    }

    /// An error for every id that names no promotion of `config`: `uses` at `uses_path.<id>`,
    /// `total_uses` at `usage_path.<id>` (a misspelt id would otherwise lift a limit silently).
    pub(crate) fn check_ids(
        &self,
        config: &Config,
        uses_path: &JsonPath,
        usage_path: &JsonPath,
        errors: &mut Vec<Error>,
    ) {
        // An id with only `spent` (one with `uses` too is checked once, with its uses).
        let spent: Vec<(String, u64)> = self
            .spent
            .iter()
            .filter(|(id, _)| !self.total_uses.iter().any(|(u, _)| u == id))
            .map(|(id, _)| (id.clone(), 0))
            .collect();
        for (ids, path) in [
            (&self.uses, uses_path),
            (&self.total_uses, usage_path),
            (&spent, usage_path),
        ] {
            for (id, _) in ids {
                if config.promotion(id).is_none() {
                    errors.push(Error::invalid(
                        &path.key(id),
                        format!("no promotion `{id}` in the config"),
                    ));
                }
            }
        }
    }
}

/// A count (a JSON number or a string of digits) at `path`.
fn count_at(value: &Value<'_>, path: &JsonPath, errors: &mut Vec<Error>) -> Option<u64> {
    let text = match value {
        Value::Number(n) => crate::json::read::plain_decimal(n),
        Value::String(s) => s.to_string(),
        other => {
            errors.push(crate::json::read::wrong_type(path, "a whole number", other));
            return None;
        }
    };
    count_value(&text, MAX_COUNT)
        .map_err(|detail| errors.push(Error::number(path, detail)))
        .ok()
}

/// What the host says of each promotion's use by everyone:
/// `{ "<promotion id>": { "uses": count, "spent": "amount" } }` at `object.key`, as (uses, spent).
pub(crate) fn read_usage(object: &Object<'_, '_, '_>, key: &str, errors: &mut Vec<Error>) -> UsageFacts {
    let (mut uses, mut spent) = (Vec::new(), Vec::new());
    let Some(Value::Object(members)) = object.get(key) else {
        // Not an object: read_uses says so.
        return (read_uses(object, key, true, errors), spent);
    };
    let path = object.path(key);
    for (id, v) in members.iter() {
        let at = path.key(id);
        let Some(fact) = Object::open(v, &at, &["uses", "spent"], errors) else {
            continue;
        };
        if let Some(n) = fact
            .get("uses")
            .and_then(|u| count_at(u, &at.key("uses"), errors))
        {
            uses.push((id.to_string(), n));
        }
        if let Some(d) = read_spend(&fact, "spent", errors) {
            spent.push((id.to_string(), d));
        }
    }
    (uses, spent)
}

/// `{ "<promotion id>": count }` at `object.key` (the customer's uses), or with `nested`
/// `{ "<promotion id>": { "uses": count } }` (what the host says of each promotion's use by everyone).
pub(crate) fn read_uses(
    object: &Object<'_, '_, '_>,
    key: &str,
    nested: bool,
    errors: &mut Vec<Error>,
) -> Vec<(String, u64)> {
    let Some(value) = object.get(key) else {
        return Vec::new();
    };
    let path = object.path(key);
    let Value::Object(members) = value else {
        errors.push(crate::json::read::wrong_type(
            &path,
            "an object by promotion id",
            value,
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, v) in members.iter() {
        let at = path.key(id);
        let count = if nested {
            Object::open(v, &at, &["uses"], errors).and_then(|fact| {
                fact.get("uses")
                    .and_then(|u| count_at(u, &at.key("uses"), errors))
            })
        } else {
            count_at(v, &at, errors)
        };
        if let Some(count) = count {
            out.push((id.to_string(), count));
        }
    }
    out
}

/// A customer's count of earlier orders at `object.key`.
pub(crate) fn read_orders(object: &Object<'_, '_, '_>, key: &str, errors: &mut Vec<Error>) -> u64 {
    object
        .get(key)
        .and_then(|v| count_at(v, &object.path(key), errors))
        .unwrap_or(0)
}

/// The time of the customer's last order (RFC 3339) at `object.key`.
pub(crate) fn read_last_order(
    object: &Object<'_, '_, '_>,
    key: &str,
    errors: &mut Vec<Error>,
) -> Option<crate::time::Millis> {
    let text = object.string(key, errors)?;
    crate::time::parse_rfc3339(&text)
        .map_err(|detail| errors.push(Error::invalid(&object.path(key), detail)))
        .ok()
}

/// The customer's spend before this order (a non-negative decimal string) at `object.key`.
pub(crate) fn read_spend(
    object: &Object<'_, '_, '_>,
    key: &str,
    errors: &mut Vec<Error>,
) -> Option<rust_decimal::Decimal> {
    let text = object.number(key, "an amount such as \"1200.50\"", errors)?;
    match crate::money::parse_decimal(&text) {
        Ok(d) if !d.is_sign_negative() => Some(d),
        Ok(_) => {
            errors.push(Error::number(&object.path(key), "a spend is never negative"));
            None
        }
        Err(detail) => {
            errors.push(Error::number(&object.path(key), detail));
            None
        }
    }
}
