//! The validated cart.

use rust_decimal::Decimal;

pub mod checkout;
pub mod compact;
pub(crate) mod direct;
pub mod document;
pub mod facts;

use crate::config::scope::ItemRef;
use crate::config::{normalize_coupon, Config, MAX_QUANTITY};
use crate::error::{Error, Errors, JsonPath};
use crate::json::read::count_value;
use crate::limits::Limits;
use crate::money::{amount_value, minor_amount_value, Money};
use crate::time::{parse_rfc3339, Millis};
use document::{AmountsDoc, CartDoc};

/// The most lines a cart may have by default ([`Limits`]).
pub const MAX_LINES: usize = Limits::DEFAULT.cart_lines;

/// The most bytes of JSON a cart may have by default (10,000 lines of about 400 bytes): a larger one
/// is refused before it is parsed ([`Limits`]).
pub const MAX_CART_BYTES: usize = Limits::DEFAULT.cart_bytes;

/// One validated cart line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The SKU.
    pub sku: String,
    /// Unit list price, in the currency's minor units.
    pub price: Money,
    /// Units.
    pub quantity: u64,
    /// Category (from the line, else the catalog).
    pub category: Option<String>,
    /// Tags (from the line, else the catalog).
    pub tags: Vec<String>,
    /// Tax rate in percent (from the line, else the cart's, else 0).
    pub tax_rate: Decimal,
    /// For a gift line, the position of its `gift` promotion in the config.
    pub gift: Option<usize>,
}

impl Line {
    /// The attributes scopes match on.
    pub fn item(&self) -> ItemRef<'_> {
        ItemRef {
            sku: &self.sku,
            category: self.category.as_deref(),
            tags: &self.tags,
        }
    }
}

/// A validated cart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cart {
    /// The lines, in cart order.
    pub lines: Vec<Line>,
    /// The customer's segments.
    pub segments: Vec<String>,
    /// Coupon codes, trimmed and lower-cased.
    pub coupons: Vec<String>,
    /// The pricing time, if the cart gives one.
    pub now: Option<Millis>,
    /// The cart's currency code: the config's, or one of its markets'.
    pub currency: Option<&'static str>,
    /// Whether the prices include tax.
    pub prices_include_tax: bool,
    /// The tax rate of lines that give none, in percent.
    pub tax_rate: Decimal,
    /// What the host says of the customer's orders and the promotions' use (usage limits).
    pub facts: facts::Facts,
    /// The variant of each of the config's experiments, in their order.
    pub assigned: Vec<Assigned>,
    /// The shopper's gift picks: (position of the `gift` promotion, SKU).
    pub gift_choices: Vec<(usize, String)>,
    /// The shipping method (the cart's, else the config's first; `None` without methods).
    pub shipping_method: Option<std::sync::Arc<str>>,
    /// The destination country.
    pub country: Option<String>,
}

/// A cart's variant of one experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    /// The experiment's id.
    pub experiment: std::sync::Arc<str>,
    /// The variant's id.
    pub variant: std::sync::Arc<str>,
    /// Its position in the experiment.
    pub index: usize,
    /// How it was chosen.
    pub by: crate::config::experiment::By,
}

/// The variant of each of `experiments` for a `visitor` id and `named` variants (at `path`); an
/// experiment or variant the config does not have is an error at its path.
pub(crate) fn assign(
    experiments: &[crate::config::experiment::Experiment],
    visitor: Option<&str>,
    named: Option<&Vec<(String, String)>>,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<Assigned> {
    use crate::config::experiment::By;
    for (experiment, variant) in named.into_iter().flatten() {
        let known = experiments
            .iter()
            .find(|e| *e.id == **experiment)
            .is_some_and(|e| e.variant(variant).is_some());
        if !known {
            errors.push(Error::invalid(
                &path.key(experiment),
                format!("the config has no experiment `{experiment}` with a variant `{variant}`"),
            ));
        }
    }
    experiments
        .iter()
        .map(|e| {
            let forced = named
                .and_then(|n| n.iter().find(|(id, _)| *id == *e.id))
                .and_then(|(_, v)| e.variant(v));
            let (index, by) = match (forced, visitor) {
                (Some(index), _) => (index, By::Forced),
                (None, Some(visitor)) => (e.assign(visitor), By::Visitor),
                (None, None) => (0, By::Default),
            };
            Assigned {
                experiment: e.id.clone(),
                variant: e.variants[index].id.clone(),
                index,
                by,
            }
        })
        .collect()
}

/// The cart's shipping method (its own, else the config's first; refused when the config has no
/// such method) and destination (refused unless an ISO 3166-1 alpha-2 code).
#[inline(never)]
fn shipping_choice(
    config: &Config,
    shipping: document::CartShippingDoc,
    root: &JsonPath,
    errors: &mut Vec<Error>,
) -> (Option<std::sync::Arc<str>>, Option<String>) {
    let shipping_method = match &shipping.method {
        Some(id) => {
            let found = config.shipping_methods.iter().find(|m| *m.id == **id);
            if found.is_none() {
                let known: Vec<&str> = config.shipping_methods.iter().map(|m| &*m.id).collect();
                errors.push(Error::invalid(
                    &root.key("shipping").key("method"),
                    if known.is_empty() {
                        format!("no shipping method `{id}`: the config has one flat fee and no `shipping.methods`")
                    } else {
                        format!("no shipping method `{id}` (the config has: {})", known.join(", "))
                    },
                ));
            }
            found.map(|m| m.id.clone())
        }
        None => config.shipping_methods.first().map(|m| m.id.clone()),
    };
    if let Some(country) = &shipping.country {
        if !crate::config::shipping::is_country_code(country) {
            errors.push(Error::invalid(
                &root.key("shipping").key("country"),
                format!("`{country}` is not an ISO 3166-1 alpha-2 code such as \"CN\" or \"HK\""),
            ));
        }
    }
    (shipping_method, shipping.country)
}

/// The position of the `gift` promotion `id`.
fn gift_promotion(config: &Config, id: &str) -> Option<usize> {
    config
        .promotions
        .iter()
        .position(|p| *p.id == *id && p.kind == crate::config::Kind::Gift)
}

/// The cart's gift picks: each must name a gift promotion offering a choice and one of its tiers'
/// options (at `path.<id>`).
#[inline(never)]
fn gift_choices(
    config: &Config,
    named: Option<&[(String, String)]>,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<(usize, String)> {
    let mut picks = Vec::new();
    for (id, sku) in named.into_iter().flatten() {
        let offered = gift_promotion(config, id).filter(|&p| {
            config.promotions[p].tiers.iter().any(|t| match &t.reward {
                crate::config::Reward::Gift(gift) => gift.is_choice() && gift.options.contains(sku),
                _ => false,
            })
        });
        match offered {
            Some(p) => picks.push((p, sku.clone())),
            None => errors.push(Error::invalid(
                &path.key(id),
                format!("the config has no gift promotion `{id}` offering `{sku}` as a choice"),
            )),
        }
    }
    picks
}

/// The highest tax rate accepted, in percent.
const MAX_TAX_RATE: i64 = 100;

/// Reads a tax rate in percent: 0 to 100.
pub(crate) fn tax_rate(text: &str, path: &JsonPath) -> Result<Decimal, Error> {
    match crate::money::parse_decimal(text) {
        Ok(rate) if rate >= Decimal::ZERO && rate <= Decimal::from(MAX_TAX_RATE) && rate.scale() <= 4 => {
            Ok(rate)
        }
        Ok(_) => Err(Error::number(
            path,
            format!(
                "`{text}` is not a tax rate: expected a percent from 0 to {MAX_TAX_RATE}, at most 4 decimals"
            ),
        )),
        Err(detail) => Err(Error::number(path, detail)),
    }
}

impl Cart {
    /// Each distinct SKU among the lines `keep` accepts, as (its first line, its units over all its
    /// lines), in the order of first lines. Found by sorting: lines × log lines, never lines².
    pub(crate) fn items(&self, keep: impl Fn(&Line) -> bool) -> Vec<(usize, u64)> {
        let mut by_sku: Vec<usize> = (0..self.lines.len()).filter(|&i| keep(&self.lines[i])).collect();
        crate::sort::sort_by(&mut by_sku, |&a, &b| {
            self.lines[a].sku.cmp(&self.lines[b].sku).then(a.cmp(&b))
        });
        // Units by first line; the lines in their own order then give the order of first lines.
        let mut units: Vec<Option<u64>> = vec![None; self.lines.len()];
        let mut first = 0;
        for (k, &i) in by_sku.iter().enumerate() {
            if k == 0 || self.lines[by_sku[k - 1]].sku != self.lines[i].sku {
                first = i;
            }
            let sum = units[first].unwrap_or(0).saturating_add(self.lines[i].quantity);
            units[first] = Some(sum);
        }
        units
            .into_iter()
            .enumerate()
            .filter_map(|(line, units)| Some((line, units?)))
            .collect()
    }

    /// Parses and validates a cart against a config, reporting every error found.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn from_json(text: &str, config: &Config) -> Result<Cart, Errors> {
        Cart::from_json_within(text, config, &Limits::default())
    }

    /// [`Cart::from_json`] within `limits` (its bytes and lines).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn from_json_within(text: &str, config: &Config, limits: &Limits) -> Result<Cart, Errors> {
        if text.len() > limits.cart_bytes {
            return Err(Error::TooLarge {
                what: "cart",
                limit: limits.cart_bytes,
            }
            .into());
        }
        // A well-formed cart is read straight from the text; anything else the ordinary way, which
        // reports every error with its path.
        if let Some(doc) = direct::read(text) {
            return Cart::from_doc_within(doc, config, limits);
        }
        Cart::from_json_value_within(&crate::json::parse(text)?, config, limits)
    }

    /// Reads a cart in the package's compact encoding ([`compact`]) within `limits`: `None` where
    /// the compact reader gives up, and the cart's JSON text must be read instead (which then gives
    /// the same answer, errors included, as its compact form would have).
    pub fn from_compact_within(text: &str, config: &Config, limits: &Limits) -> Option<Result<Cart, Errors>> {
        if text.len() > limits.cart_bytes {
            // The JSON text is longer still: read it, to be refused as such.
            return None;
        }
        compact::read(text).map(|doc| Cart::from_doc_within(doc, config, limits))
    }

    /// Validates a cart already parsed as JSON, reporting every error found.
    pub fn from_json_value(value: &crate::json::Json<'_>, config: &Config) -> Result<Cart, Errors> {
        Cart::from_json_value_within(value, config, &Limits::default())
    }

    /// [`Cart::from_json_value`] within `limits` (its lines).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn from_json_value_within(
        value: &crate::json::Json<'_>,
        config: &Config,
        limits: &Limits,
    ) -> Result<Cart, Errors> {
        let mut errors = Vec::new();
        let doc = CartDoc::read(value, &mut errors);
        match (doc, errors.is_empty()) {
            (Some(doc), true) => Cart::from_doc_within(doc, config, limits),
            (Some(doc), false) => {
                // Report the value errors of the readable lines with the structural ones.
                if let Err(more) = Cart::from_doc_within(doc, config, limits) {
                    errors.extend(more.all().iter().cloned());
                }
                Err(Errors::new(errors))
            }
            (None, _) => Err(Errors::new(errors)),
        }
    }

    /// Validates a deserialized cart.
    pub fn from_doc(doc: CartDoc, config: &Config) -> Result<Cart, Errors> {
        Cart::from_doc_within(doc, config, &Limits::default())
    }

    /// [`Cart::from_doc`] within `limits` (its lines).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn from_doc_within(doc: CartDoc, config: &Config, limits: &Limits) -> Result<Cart, Errors> {
        let root = JsonPath::root();
        let mut errors = Vec::new();
        let mut currency = None;
        // The experiments are the config's (a market's config has none of its own).
        let experiments = &config.experiments;
        let config = match &doc.currency {
            Some(code) => match config.for_currency(code) {
                Some(market) => {
                    currency = Some(market.currency.code);
                    market
                }
                None => {
                    errors.push(Error::invalid(
                        &root.key("currency"),
                        format!(
                            "the cart is in {code} but the config prices in {} and has no market for {code}; amounts are never compared across currencies",
                            config.currency.code
                        ),
                    ));
                    // Go on checking the lines against the config's own currency.
                    config
                }
            },
            None => config,
        };
        let default_rate = match &doc.tax_rate {
            Some(rate) => tax_rate(&rate.0, &root.key("tax_rate")).unwrap_or_else(|e| {
                errors.push(e);
                Decimal::ZERO
            }),
            None => Decimal::ZERO,
        };
        if doc.lines.len() > limits.cart_lines {
            errors.push(Error::invalid(
                &root.key("lines"),
                format!("a cart has at most {} lines", limits.cart_lines),
            ));
            return Err(Errors::new(errors));
        }
        let mut lines = Vec::with_capacity(doc.lines.len());
        for line in doc.lines {
            // Paths are built only for errors: this loop runs on every quote.
            let path = |key: &str| root.key("lines").index(line.index).key(key);
            let price = match (doc.amounts, line.price_is_number) {
                (None, true) => Err(Error::AmbiguousAmount {
                    path: path("price"),
                    value: line.price.0.clone(),
                }),
                (Some(AmountsDoc::Minor), _) => minor_amount_value(&line.price.0, config.currency)
                    .map_err(|detail| Error::number(&path("price"), detail)),
                _ => amount_value(&line.price.0, config.currency)
                    .map_err(|detail| Error::number(&path("price"), detail)),
            };
            let quantity = count_value(&line.quantity.0, MAX_QUANTITY)
                .map_err(|detail| Error::number(&path("quantity"), detail));
            let rate = match &line.tax_rate {
                Some(rate) => tax_rate(&rate.0, &path("tax_rate")).unwrap_or_else(|e| {
                    errors.push(e);
                    Decimal::ZERO
                }),
                None => default_rate,
            };
            if line.sku.is_empty() {
                errors.push(Error::invalid(&path("sku"), "SKU must not be empty"));
            }
            let gift = line.gift.as_deref().and_then(|id| {
                let found = gift_promotion(config, id);
                if found.is_none() {
                    errors.push(Error::invalid(
                        &path("gift"),
                        format!("the config has no gift promotion `{id}`"),
                    ));
                }
                found
            });
            match (price, quantity) {
                (Ok(price), Ok(quantity)) => {
                    let known = config.catalog_item(&line.sku);
                    let category = line.category.or_else(|| known.and_then(|k| k.category.clone()));
                    let tags = line
                        .tags
                        .or_else(|| known.map(|k| k.tags.clone()))
                        .unwrap_or_default();
                    lines.push(Line {
                        sku: line.sku,
                        price: config.currency.exact(price),
                        quantity,
                        category,
                        tags,
                        tax_rate: rate,
                        gift,
                    });
                }
                (price, quantity) => {
                    errors.extend(price.err());
                    errors.extend(quantity.err());
                }
            }
        }
        let now = match &doc.now {
            Some(text) => match parse_rfc3339(text) {
                Ok(t) => Some(t),
                Err(detail) => {
                    errors.push(Error::invalid(&root.key("now"), detail));
                    None
                }
            },
            None => None,
        };
        let customer = doc.customer.as_ref();
        let facts = facts::Facts {
            orders: customer.map_or(0, |c| c.orders),
            uses: customer.map_or_else(Vec::new, |c| c.uses.clone()),
            total_uses: doc.usage.0,
            spent: doc.usage.1,
            last_order_at: customer.and_then(|c| c.last_order_at),
            lifetime_spend: customer.and_then(|c| c.lifetime_spend),
        };
        // The paths below are built only where there is something to check: this runs on every
        // quote, and a cart usually names no usage, variants or gift choices.
        if facts.names_promotions() {
            facts.check_ids(
                config,
                &root.key("customer").key("uses"),
                &root.key("usage"),
                &mut errors,
            );
        }
        let visitor = doc
            .visitor
            .as_deref()
            .or_else(|| doc.customer.as_ref().and_then(|c| c.id.as_deref()));
        let assigned = assign(
            experiments,
            visitor,
            doc.variants.as_ref(),
            &doc.variants
                .as_ref()
                .map_or_else(JsonPath::root, |_| root.key("variants")),
            &mut errors,
        );
        let gift_choices = gift_choices(
            config,
            doc.gift_choices.as_deref(),
            &doc.gift_choices
                .as_ref()
                .map_or_else(JsonPath::root, |_| root.key("gift_choices")),
            &mut errors,
        );
        let (shipping_method, country) =
            shipping_choice(config, doc.shipping.unwrap_or_default(), &root, &mut errors);
        let segments = doc.customer.and_then(|c| c.segments).unwrap_or_default();
        let coupons = doc
            .coupons
            .unwrap_or_default()
            .iter()
            .map(|c| normalize_coupon(c))
            .collect();
        if errors.is_empty() {
            Ok(Cart {
                lines,
                segments,
                coupons,
                now,
                currency,
                prices_include_tax: doc.prices_include_tax.unwrap_or(false),
                tax_rate: default_rate,
                facts,
                assigned,
                gift_choices,
                shipping_method,
                country,
            })
        } else {
            Err(Errors::new(errors))
        }
    }
}
