//! The config wing: the validated merchant config. Every amount exact in the currency, every rule
//! checked, every error found reported with its JSON path.
//!
//! This file holds the types; [`validate`] builds them from the document types, [`tiers`] checks a
//! promotion's tiers, [`market`] derives a config per market currency, [`scope`] says which items a
//! promotion covers.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::document::Count;
use crate::error::{Error, JsonPath};
use crate::money::{Currency, Measure, Money, Rounding};
use crate::time::Millis;
use document::MessagesDoc;
use scope::Scope;

pub mod compiled;
pub mod document;
pub mod experiment;
pub mod market;
pub mod public;
pub mod schedule;
pub mod scope;
pub mod shipping;
pub mod stages;
pub mod suggest;
mod tiers;
mod validate;

/// A validated merchant config.
#[derive(Debug, Clone)]
pub struct Config {
    /// The currency of every amount.
    pub currency: Currency,
    /// Rounding of percentage-derived amounts.
    pub rounding: Rounding,
    /// The shipping fee, waived by a reached `free_shipping` promotion (with methods: the first
    /// method's own fee).
    pub shipping_fee: Decimal,
    /// The shipping methods; empty: one flat `shipping_fee`.
    pub shipping_methods: Vec<shipping::ShippingMethod>,
    /// Promotions in config order.
    pub promotions: Vec<Promotion>,
    /// The catalog, in config order.
    pub catalog: Vec<CatalogItem>,
    /// (SKU, position in `catalog`), sorted by SKU: looked up by binary search.
    pub(crate) catalog_index: Vec<(String, usize)>,
    /// Whether catalog prices are in this config's currency (false in a market without a rate:
    /// no add-ons are suggested there).
    pub catalog_priced: bool,
    /// The config as it applies to carts in each market's currency (see [`crate::market`]).
    pub markets: Vec<Arc<Config>>,
    /// How add-on suggestions are chosen.
    pub suggest: suggest::SuggestSettings,
    /// Journey stages: segments derived from the customer's facts.
    pub stages: Vec<stages::Stage>,
    /// A/B experiments (in a variant's or a market's config: none; carts are assigned by the top
    /// config's).
    pub experiments: Vec<experiment::Experiment>,
    /// The config of each combination of the experiments' variants
    /// ([`experiment::combination`]); empty without experiments.
    pub variants: Vec<Arc<Config>>,
}

impl Config {
    /// Looks an item up by SKU.
    pub fn catalog_item(&self, sku: &str) -> Option<&CatalogItem> {
        self.catalog_index
            .binary_search_by(|(s, _)| s.as_str().cmp(sku))
            .ok()
            .map(|at| &self.catalog[self.catalog_index[at].1])
    }

    /// Looks a promotion up by id.
    pub fn promotion(&self, id: &str) -> Option<&Promotion> {
        self.promotions.iter().find(|p| &*p.id == id)
    }

    /// The config for carts in `code`: this one, or its market's; `None` when there is no market.
    pub fn for_currency(&self, code: &str) -> Option<&Config> {
        if code == self.currency.code {
            return Some(self);
        }
        self.markets
            .iter()
            .find(|m| m.currency.code == code)
            .map(|m| &**m)
    }
}

/// What a promotion does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Waives the shipping fee.
    FreeShipping,
    /// An amount or a percentage off the shipping fee.
    ShippingOff,
    /// A fixed amount off, stepped by tiers.
    AmountOff,
    /// A fixed amount off each in-scope unit.
    AmountOffEach,
    /// A fixed amount off for every full step of spend.
    AmountOffEvery,
    /// A percentage off.
    PercentOff,
    /// A free catalog item.
    Gift,
    /// Buy N, get M at a percent off.
    BuyXGetY,
    /// N units for a fixed price.
    BundlePrice,
    /// Each in-scope unit at most a price, by quantity (volume pricing).
    PriceBreak,
}

/// A promotion's usage limits (all absent: unlimited).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    /// Only on a customer's first order.
    pub first_order: bool,
    /// The most times one customer may receive it.
    pub per_customer: Option<u64>,
    /// The most times it may be received in all.
    pub total: Option<u64>,
    /// The most discount it may give in all, in the config's currency.
    pub budget: Option<Decimal>,
}

impl Kind {
    /// Every kind, in the order of the docs (a new kind goes at the end: the compiled form numbers
    /// kinds by their place here).
    pub const ALL: [Kind; 10] = [
        Kind::FreeShipping,
        Kind::AmountOff,
        Kind::AmountOffEach,
        Kind::AmountOffEvery,
        Kind::PercentOff,
        Kind::Gift,
        Kind::BuyXGetY,
        Kind::BundlePrice,
        Kind::ShippingOff,
        Kind::PriceBreak,
    ];

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::FreeShipping => "free_shipping",
            Kind::ShippingOff => "shipping_off",
            Kind::AmountOff => "amount_off",
            Kind::AmountOffEach => "amount_off_each",
            Kind::AmountOffEvery => "amount_off_every",
            Kind::PercentOff => "percent_off",
            Kind::Gift => "gift",
            Kind::BuyXGetY => "buy_x_get_y",
            Kind::BundlePrice => "bundle_price",
            Kind::PriceBreak => "price_break",
        }
    }
}

/// A promotion's combination class (as Shopify's discount classes): what it discounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Discounts items: `amount_off_each`, `buy_x_get_y`, `bundle_price`, `gift` by default.
    Product,
    /// Discounts the order's subtotal: `amount_off`, `amount_off_every`, `percent_off` by default.
    Order,
    /// Discounts shipping: `free_shipping`.
    Shipping,
}

impl Class {
    /// Every class, in the order of the docs.
    pub const ALL: [Class; 3] = [Class::Product, Class::Order, Class::Shipping];

    /// The set of every class, as [`Promotion::combines_with`] holds it.
    pub const EVERY: u8 = 0b111;

    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Product => "product",
            Class::Order => "order",
            Class::Shipping => "shipping",
        }
    }

    /// This class in a set of classes.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The class of a kind when the promotion does not say.
    pub fn of_kind(kind: Kind) -> Class {
        match kind {
            Kind::FreeShipping | Kind::ShippingOff => Class::Shipping,
            Kind::AmountOff | Kind::AmountOffEvery | Kind::PercentOff => Class::Order,
            Kind::AmountOffEach | Kind::Gift | Kind::BuyXGetY | Kind::BundlePrice | Kind::PriceBreak => {
                Class::Product
            }
        }
    }
}

/// What a threshold is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The in-scope subtotal at list price.
    Original,
    /// The in-scope subtotal after earlier promotions' discounts.
    Discounted,
}

/// What reaching a tier gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reward {
    /// The shipping fee is waived.
    FreeShipping,
    /// This amount (at most the fee), or this percentage, off the shipping fee.
    ShippingOff {
        /// An amount off.
        off: Option<Decimal>,
        /// A percentage off (when `off` is `None`).
        percent: Option<Decimal>,
    },
    /// This amount off the in-scope lines.
    AmountOff(Decimal),
    /// This amount off each in-scope unit (at most what the unit has left).
    AmountOffEach(Decimal),
    /// Each in-scope unit at most this price (a cheaper one keeps its own).
    UnitPrice(Decimal),
    /// This percentage off the in-scope lines, at most `max_off`.
    PercentOff {
        /// The percentage.
        percent: Decimal,
        /// The cap on the amount off ("50 %, at most 30").
        max_off: Option<Decimal>,
    },
    /// Gift units from the catalog, free or at a reduced price.
    Gift(Gift),
    /// `off` for every full `every` of in-scope spend, at most `max_off`.
    Every {
        /// The step of spend.
        every: Decimal,
        /// The amount per step.
        off: Decimal,
        /// The cap on the total.
        max_off: Option<Decimal>,
    },
    /// Every `quantity` units (the dearest first) for `price` together.
    Bundle {
        /// Units per bundle.
        quantity: u64,
        /// What a bundle costs.
        price: Decimal,
    },
    /// For every `buy` units, `get` units (the cheapest) at `percent` off.
    BuyGet {
        /// Units bought per application.
        buy: u64,
        /// Units discounted per application.
        get: u64,
        /// The percentage off those units (100 = free); 0 when `price` is given.
        percent: Decimal,
        /// Instead of a percentage, the price each discounted unit costs (a cheaper one keeps its own).
        price: Option<Decimal>,
    },
}

/// What a gift tier gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gift {
    /// The catalog SKUs to choose from (one for a fixed gift), in the merchant's order.
    pub options: Vec<String>,
    /// Units given.
    pub quantity: u64,
    /// What each unit costs (0: free).
    pub price: Decimal,
}

impl Gift {
    /// The most options a tier may offer.
    pub const MAX_OPTIONS: usize = 10;
    /// The most units a tier may give.
    pub const MAX_QUANTITY: u64 = 100;

    /// Whether the shopper chooses (more than one option).
    pub fn is_choice(&self) -> bool {
        self.options.len() > 1
    }
}

/// A promotion's further condition: in its scope, at least `units` units and `amount` of spend at
/// list price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The lines it counts; `None`: the promotion's scope.
    pub scope: Option<Scope>,
    /// The fewest units.
    pub units: Option<u64>,
    /// The least spend.
    pub amount: Option<Decimal>,
}

/// Whether a threshold counts tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxMode {
    /// Measured with tax.
    Included,
    /// Measured without tax.
    Excluded,
}

/// One tier: a threshold and its reward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    /// When the tier is reached.
    pub threshold: Measure,
    /// What it gives.
    pub reward: Reward,
}

/// A validated promotion.
#[derive(Debug, Clone)]
pub struct Promotion {
    /// Unique id (shared, so quotes can name it without copying).
    pub id: Arc<str>,
    /// What it does.
    pub kind: Kind,
    /// Tiers in strictly ascending order of threshold.
    pub tiers: Vec<Tier>,
    /// The lines it covers.
    pub scope: Scope,
    /// What thresholds are measured on.
    pub basis: Basis,
    /// Applies from this time on.
    pub starts_at: Option<Millis>,
    /// Applies until just before this time.
    pub ends_at: Option<Millis>,
    /// Applies only inside its recurring windows.
    pub schedule: Option<Arc<schedule::Schedule>>,
    /// Applies only to carts shipping by one of these methods; empty: any.
    pub shipping_methods: Vec<Arc<str>>,
    /// Applies only to carts shipping to one of these countries; empty: any.
    pub countries: Vec<String>,
    /// A further condition on its own scope.
    pub condition: Option<Arc<Condition>>,
    /// Applies only to customers in one of these segments; empty means everyone.
    pub segments: Vec<String>,
    /// Applies only with this coupon (compared case-insensitively).
    pub coupon: Option<String>,
    /// Exclusive group: at most one member applies.
    pub group: Option<String>,
    /// Order of application, lower first.
    pub priority: i64,
    /// The shopper-facing name.
    pub label: Option<String>,
    /// Widget message templates.
    pub messages: Option<MessagesDoc>,
    /// Position in the config's list.
    pub position: usize,
    /// Whether thresholds count tax; `None`: as the cart's prices are given.
    pub tax: Option<TaxMode>,
    /// `buy_x_get_y`: the units that may be discounted; `None`: the same as `scope`.
    pub get_scope: Option<Scope>,
    /// `buy_x_get_y`: the most applications per cart.
    pub limit: Option<u64>,
    /// `buy_x_get_y`: the dearest units get the discount (else the cheapest).
    pub discount_dearest: bool,
    /// `percent_off`, `amount_off_each`: the most units discounted, the dearest first.
    pub max_units: Option<u64>,
    /// Once it applies, no promotion after it in the order of application applies.
    pub stop: bool,
    /// Usage limits, compared with the host's facts.
    pub usage: Usage,
    /// Its combination class.
    pub class: Class,
    /// The classes it combines with ([`Class::bit`]s; [`Class::EVERY`] when it does not say).
    pub combines_with: u8,
    /// False in a market that neither converts nor lists this promotion: never eligible there.
    pub offered: bool,
    /// In an experiment's holdout variant, that experiment (its position): never eligible there.
    pub held_out: Option<usize>,
    /// `buy_x_get_y`: whether an item can be in both `scope` and `get_scope` (no `get_scope`, the
    /// scope's representative item, or a catalog item).
    pub scopes_overlap: bool,
}

impl Config {
    /// The shipping fee of a cart shipping by `method` to `country` (the flat fee without methods;
    /// an unknown method: the first's).
    pub fn fee_for(&self, method: Option<&str>, country: Option<&str>) -> Decimal {
        let chosen = method
            .and_then(|id| self.shipping_methods.iter().find(|m| *m.id == *id))
            .or(self.shipping_methods.first());
        chosen.map_or(self.shipping_fee, |m| m.fee_to(country))
    }
}

impl Promotion {
    /// Whether this and `other` may apply together: each combines with the other's class.
    pub fn combines(&self, other: &Promotion) -> bool {
        self.combines_with & other.class.bit() != 0 && other.combines_with & self.class.bit() != 0
    }
}

/// A validated catalog item.
#[derive(Debug, Clone)]
pub struct CatalogItem {
    /// Unique SKU.
    pub sku: String,
    /// Shopper-facing name.
    pub name: Option<String>,
    /// Unit list price, in the currency's minor units.
    pub price: Money,
    /// Category.
    pub category: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Units in stock; `None` when not tracked.
    pub stock: Option<u64>,
    /// Most units per order.
    pub max_per_order: Option<u64>,
    /// Image URL.
    pub image: Option<String>,
    /// Product page URL.
    pub url: Option<String>,
    /// Merchant preference, higher first.
    pub weight: i64,
    /// Unit cost, in the currency's minor units; `None` when not given.
    pub cost: Option<Money>,
    /// How well it sells (higher first).
    pub popularity: u64,
    /// The items that go with this one.
    pub goes_with: Option<Scope>,
    /// Pushed by the merchant.
    pub pinned: bool,
    /// Never suggested.
    pub never_suggest: bool,
    /// Units per pack (1 when sold singly).
    pub pack: u64,
    /// The most units one suggestion adds.
    pub max_per_suggestion: Option<u64>,
    /// The fewest units one order may have.
    pub min_per_order: Option<u64>,
    /// Sold only in cases of this many units.
    pub case_pack: Option<u64>,
}

impl CatalogItem {
    /// The attributes scopes match on.
    pub fn item(&self) -> crate::config::scope::ItemRef<'_> {
        crate::config::scope::ItemRef {
            sku: &self.sku,
            category: self.category.as_deref(),
            tags: &self.tags,
        }
    }

    /// Whether at least one unit can be promised.
    pub fn in_stock(&self) -> bool {
        self.stock != Some(0)
    }
}

/// The one normalisation of coupon codes, in the config and in carts: ASCII spaces around the code
/// trimmed and ASCII letters in lower case; every other character is kept as it is. (Unicode case
/// folding would let `\u{212A}ISS`, with a Kelvin sign, match `KISS`: a server counting single-use
/// codes by their bytes would see a new code.)
pub fn normalize_coupon(code: &str) -> String {
    code.trim_matches(|c: char| c.is_ascii_whitespace())
        .to_ascii_lowercase()
}

/// The most bytes of JSON a config may have by default (a catalog of about 50,000 items): a larger
/// one is refused before it is parsed ([`crate::limits::Limits`]).
pub const MAX_CONFIG_BYTES: usize = crate::limits::Limits::DEFAULT.config_bytes;

/// The most units a single quantity may have.
pub const MAX_QUANTITY: u64 = 1_000_000;

/// Reads a whole number within `0..=max`.
pub(crate) fn parse_count(count: &Count, max: u64, path: &JsonPath) -> Result<u64, Error> {
    crate::json::read::count_value(&count.0, max).map_err(|detail| Error::number(path, detail))
}
