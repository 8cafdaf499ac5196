//! The validated merchant config: every amount exact in the currency, every rule checked, every
//! error found reported with its JSON path.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::document::{
    Amount, BasisDoc, CatalogItemDoc, ConfigDoc, Count, Integer, KindDoc, MessagesDoc, PromotionDoc,
    RoundingDoc, ScopeDoc, TaxDoc, TierDoc,
};
use crate::error::{Error, Errors, JsonPath};
use crate::money::{parse_amount, parse_percent, Currency, Rounding};
use crate::scope::Scope;
use crate::time::{parse_rfc3339, Millis};

/// A validated merchant config.
#[derive(Debug, Clone)]
pub struct Config {
    /// The currency of every amount.
    pub currency: Currency,
    /// Rounding of percentage-derived amounts.
    pub rounding: Rounding,
    /// The shipping fee, waived by a reached `free_shipping` promotion.
    pub shipping_fee: Decimal,
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
    /// A fixed amount off, stepped by tiers.
    AmountOff,
    /// A fixed amount off for every full step of spend.
    AmountOffEvery,
    /// A percentage off.
    PercentOff,
    /// A free catalog item.
    Gift,
    /// Buy N, get M at a percent off.
    BuyXGetY,
}

impl Kind {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::FreeShipping => "free_shipping",
            Kind::AmountOff => "amount_off",
            Kind::AmountOffEvery => "amount_off_every",
            Kind::PercentOff => "percent_off",
            Kind::Gift => "gift",
            Kind::BuyXGetY => "buy_x_get_y",
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

/// A tier's threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// In-scope spend of at least this amount.
    Subtotal(Decimal),
    /// At least this many in-scope units.
    Quantity(u64),
}

/// What reaching a tier gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reward {
    /// The shipping fee is waived.
    FreeShipping,
    /// This amount off the in-scope lines.
    AmountOff(Decimal),
    /// This percentage off the in-scope lines.
    PercentOff(Decimal),
    /// This catalog SKU at no charge.
    Gift(String),
    /// `off` for every full `every` of in-scope spend, at most `max_off`.
    Every {
        /// The step of spend.
        every: Decimal,
        /// The amount per step.
        off: Decimal,
        /// The cap on the total.
        max_off: Option<Decimal>,
    },
    /// For every `buy` units, `get` units (the cheapest) at `percent` off.
    BuyGet {
        /// Units bought per application.
        buy: u64,
        /// Units discounted per application.
        get: u64,
        /// The percentage off those units (100 = free).
        percent: Decimal,
    },
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
    pub threshold: Threshold,
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
    /// False in a market that neither converts nor lists this promotion: never eligible there.
    pub offered: bool,
    /// `buy_x_get_y`: whether an item can be in both `scope` and `get_scope` (no `get_scope`, the
    /// scope's representative item, or a catalog item).
    pub scopes_overlap: bool,
}

/// A validated catalog item.
#[derive(Debug, Clone)]
pub struct CatalogItem {
    /// Unique SKU.
    pub sku: String,
    /// Shopper-facing name.
    pub name: Option<String>,
    /// Unit list price.
    pub price: Decimal,
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
}

impl CatalogItem {
    /// The attributes scopes match on.
    pub fn item(&self) -> crate::scope::ItemRef<'_> {
        crate::scope::ItemRef {
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

/// The most units a single quantity may have.
pub const MAX_QUANTITY: u64 = 1_000_000;

/// Reads a whole number within `0..=max`.
pub(crate) fn parse_count(count: &Count, max: u64, path: &JsonPath) -> Result<u64, Error> {
    count_value(&count.0, max).map_err(|detail| Error::number(path, detail))
}

/// [`parse_count`] without a path: the error is its detail.
pub(crate) fn count_value(text: &str, max: u64) -> Result<u64, String> {
    if text.starts_with('-') && text.len() > 1 {
        return Err(format!(
            "`{text}` is negative: expected a whole number, 0 or more"
        ));
    }
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}` is not a whole number"));
    }
    match text.parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("`{text}` is too large (at most {max})")),
    }
}

fn parse_integer(value: &Integer, path: &JsonPath) -> Result<i64, Error> {
    let text = value.0.as_str();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::number(
            path,
            format!("`{text}` is not a whole number of at most 9 digits"),
        ));
    }
    text.parse::<i64>()
        .map_err(|_| Error::number(path, format!("`{text}` is not a whole number")))
}

impl Config {
    /// Parses and validates a config from JSON text, reporting every error found.
    pub fn from_json(text: &str) -> Result<Config, Errors> {
        let value = crate::json::parse(text)?;
        Config::from_json_value(&value)
    }

    /// Validates a config already parsed as JSON, reporting every error found.
    pub(crate) fn from_json_value(value: &crate::json::Json<'_>) -> Result<Config, Errors> {
        let mut errors = Vec::new();
        let config = ConfigDoc::read(value, &mut errors).and_then(|doc| validate(doc, &mut errors));
        match config {
            Some(config) if errors.is_empty() => Ok(config),
            _ => Err(Errors::new(errors)),
        }
    }
}

/// Checks every rule, collecting errors; returns the config when the structure allowed building it.
fn validate(doc: ConfigDoc, errors: &mut Vec<Error>) -> Option<Config> {
    let root = JsonPath::root();
    let currency = match Currency::from_code(&doc.currency) {
        Some(c) => c,
        None => {
            errors.push(Error::UnknownCurrency {
                path: root.key("currency"),
                code: doc.currency.clone(),
            });
            // Go on checking everything else; amounts are read with the widest minor unit.
            Currency::UNKNOWN
        }
    };
    let rounding = match doc.rounding {
        None | Some(RoundingDoc::HalfUp) => Rounding::HalfUp,
        Some(RoundingDoc::HalfEven) => Rounding::HalfEven,
        Some(RoundingDoc::Down) => Rounding::Down,
    };
    let shipping_fee = match &doc.shipping {
        Some(shipping) => {
            let path = root.key("shipping").key("fee");
            parse_amount(&shipping.fee.0, currency, &path).unwrap_or_else(|e| {
                errors.push(e);
                Decimal::ZERO
            })
        }
        None => Decimal::ZERO,
    };

    let mut catalog = Vec::new();
    let mut catalog_index: Vec<(String, usize)> = Vec::new();
    for item in doc.catalog {
        let path = root.key("catalog").index(item.index);
        if let Some(item) = validate_item(item, currency, &path, errors) {
            let at = catalog_index.binary_search_by(|(s, _)| s.as_str().cmp(&item.sku));
            if at.is_ok() {
                errors.push(Error::invalid(
                    &path.key("sku"),
                    format!("duplicate SKU `{}` in the catalog", item.sku),
                ));
                continue;
            }
            catalog_index.insert(at.unwrap_or_else(|i| i), (item.sku.clone(), catalog.len()));
            catalog.push(item);
        }
    }
    let partial = Config {
        currency,
        rounding,
        shipping_fee,
        promotions: Vec::new(),
        catalog,
        catalog_index,
        catalog_priced: true,
        markets: Vec::new(),
    };

    let mut promotions = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for promotion in doc.promotions {
        let i = promotion.index;
        let path = root.key("promotions").index(i);
        let at = ids.binary_search(&promotion.id);
        if let Err(at) = at {
            ids.insert(at, promotion.id.clone());
        }
        if at.is_ok() {
            errors.push(Error::invalid(
                &path.key("id"),
                format!("duplicate promotion id `{}`", promotion.id),
            ));
        }
        if let Some(p) = validate_promotion(promotion, i, &partial, &path, errors) {
            promotions.push(p);
        }
    }
    let mut config = Config {
        promotions,
        ..partial
    };
    if let Some(markets) = doc.markets {
        config.markets = crate::market::derive(&config, markets, &root.key("markets"), errors)
            .into_iter()
            .map(Arc::new)
            .collect();
    }
    Some(config)
}

fn validate_item(
    item: CatalogItemDoc,
    currency: Currency,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Option<CatalogItem> {
    let mut ok = true;
    let mut check = |result: Result<u64, Error>| match result {
        Ok(n) => Some(n),
        Err(e) => {
            errors.push(e);
            ok = false;
            None
        }
    };
    let stock = item
        .stock
        .as_ref()
        .and_then(|s| check(parse_count(s, u64::from(u32::MAX), &path.key("stock"))));
    let max_per_order = item
        .max_per_order
        .as_ref()
        .and_then(|m| check(parse_count(m, MAX_QUANTITY, &path.key("max_per_order"))));
    if item.sku.is_empty() {
        errors.push(Error::invalid(&path.key("sku"), "SKU must not be empty"));
        ok = false;
    }
    let price = parse_amount(&item.price.0, currency, &path.key("price")).unwrap_or_else(|e| {
        errors.push(e);
        ok = false;
        Decimal::ZERO
    });
    let weight = match &item.weight {
        Some(w) => parse_integer(w, &path.key("weight")).unwrap_or_else(|e| {
            errors.push(e);
            ok = false;
            0
        }),
        None => 0,
    };
    ok.then(|| CatalogItem {
        sku: item.sku,
        name: item.name,
        price,
        category: item.category,
        tags: item.tags.unwrap_or_default(),
        stock,
        max_per_order,
        image: item.image,
        url: item.url,
        weight,
    })
}

fn validate_promotion(
    doc: PromotionDoc,
    position: usize,
    config: &Config,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Option<Promotion> {
    let before = errors.len();
    if doc.id.is_empty() {
        errors.push(Error::invalid(&path.key("id"), "id must not be empty"));
    }
    let kind = match doc.kind {
        KindDoc::FreeShipping => Kind::FreeShipping,
        KindDoc::AmountOff => Kind::AmountOff,
        KindDoc::AmountOffEvery => Kind::AmountOffEvery,
        KindDoc::PercentOff => Kind::PercentOff,
        KindDoc::Gift => Kind::Gift,
        KindDoc::BuyXGetY => Kind::BuyXGetY,
    };
    let tiers = validate_tiers(kind, &doc.tiers, config, &path.key("tiers"), errors);
    let scope = match doc.scope {
        Some(scope) => validate_scope(scope, &path.key("scope"), errors),
        None => Scope::everything(),
    };
    let get_scope = doc
        .get_scope
        .map(|scope| validate_scope(scope, &path.key("get_scope"), errors));
    let limit = doc.limit.as_ref().and_then(|limit| {
        parse_count(limit, MAX_QUANTITY, &path.key("limit"))
            .map_err(|e| errors.push(e))
            .ok()
    });
    if kind != Kind::BuyXGetY {
        for (key, present) in [("get_scope", get_scope.is_some()), ("limit", doc.limit.is_some())] {
            if present {
                errors.push(Error::invalid(
                    &path.key(key),
                    format!("`{key}` belongs to buy_x_get_y promotions only"),
                ));
            }
        }
    }
    if limit == Some(0) {
        errors.push(Error::number(&path.key("limit"), "`limit` must be at least 1"));
    }
    let mut time = |key: &str, value: &Option<String>| -> Option<Millis> {
        let text = value.as_ref()?;
        parse_rfc3339(text)
            .map_err(|detail| errors.push(Error::invalid(&path.key(key), detail)))
            .ok()
    };
    let starts_at = time("starts_at", &doc.starts_at);
    let ends_at = time("ends_at", &doc.ends_at);
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        if end <= start {
            errors.push(Error::invalid(
                &path.key("ends_at"),
                "ends_at must be after starts_at",
            ));
        }
    }
    let segments = doc.segments.unwrap_or_default();
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            errors.push(Error::invalid(
                &path.key("segments").index(i),
                "segment must not be empty",
            ));
        }
    }
    if let Some(coupon) = &doc.coupon {
        if coupon.trim().is_empty() {
            errors.push(Error::invalid(
                &path.key("coupon"),
                "coupon code must not be empty",
            ));
        }
    }
    if let Some(group) = &doc.group {
        if group.is_empty() {
            errors.push(Error::invalid(&path.key("group"), "group must not be empty"));
        }
    }
    let priority = match &doc.priority {
        Some(p) => parse_integer(p, &path.key("priority")).unwrap_or_else(|e| {
            errors.push(e);
            0
        }),
        None => 0,
    };
    if errors.len() > before {
        return None;
    }
    let scopes_overlap = get_scope.as_ref().is_none_or(|get| {
        let probe = scope.probe();
        get.contains(probe.item())
            || config
                .catalog
                .iter()
                .any(|c| get.contains(c.item()) && scope.contains(c.item()))
    });
    Some(Promotion {
        id: doc.id.into(),
        kind,
        tiers,
        scope,
        basis: match doc.basis {
            None | Some(BasisDoc::Original) => Basis::Original,
            Some(BasisDoc::Discounted) => Basis::Discounted,
        },
        starts_at,
        ends_at,
        segments,
        coupon: doc.coupon.map(|c| c.trim().to_lowercase()),
        group: doc.group,
        priority,
        label: doc.label,
        messages: doc.messages,
        position,
        tax: doc.tax.map(|t| match t {
            TaxDoc::Included => TaxMode::Included,
            TaxDoc::Excluded => TaxMode::Excluded,
        }),
        get_scope,
        limit,
        offered: true,
        scopes_overlap,
    })
}

/// The keys a tier of each kind may carry besides its threshold.
fn reward_keys(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::FreeShipping => &[],
        Kind::AmountOff => &["off"],
        Kind::PercentOff => &["percent"],
        Kind::Gift => &["gift"],
        Kind::AmountOffEvery => &["every", "off", "max_off"],
        Kind::BuyXGetY => &["buy", "get", "percent"],
    }
}

pub(crate) fn validate_tiers(
    kind: Kind,
    docs: &[TierDoc],
    config: &Config,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<Tier> {
    let currency = config.currency;
    if docs.is_empty() {
        errors.push(Error::invalid(path, "a promotion needs at least one tier"));
        return Vec::new();
    }
    if kind == Kind::BuyXGetY && docs.len() != 1 {
        errors.push(Error::invalid(
            path,
            "a buy_x_get_y promotion has exactly one tier { \"buy\", \"get\", \"percent\" }",
        ));
        return Vec::new();
    }
    if kind == Kind::AmountOffEvery && docs.len() != 1 {
        errors.push(Error::invalid(
            path,
            "an amount_off_every promotion has exactly one tier { \"every\", \"off\", \"max_off\"? }",
        ));
        return Vec::new();
    }
    let mut tiers: Vec<Tier> = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let tier_path = path.index(i);
        let present: [(&str, bool); 7] = [
            ("off", doc.off.is_some()),
            ("percent", doc.percent.is_some()),
            ("gift", doc.gift.is_some()),
            ("every", doc.every.is_some()),
            ("max_off", doc.max_off.is_some()),
            ("buy", doc.buy.is_some()),
            ("get", doc.get.is_some()),
        ];
        let allowed = reward_keys(kind);
        let mut ok = true;
        for (key, is_present) in present {
            if is_present && !allowed.contains(&key) {
                errors.push(Error::invalid(
                    &tier_path.key(key),
                    format!(
                        "`{key}` does not belong in a tier of a {} promotion",
                        kind.as_str()
                    ),
                ));
                ok = false;
            }
        }
        let amount = |key: &str, value: &Option<Amount>, positive: bool, errors: &mut Vec<Error>| {
            tier_amount(key, value, positive, currency, &tier_path, errors)
        };
        let threshold = if kind == Kind::AmountOffEvery || kind == Kind::BuyXGetY {
            for key in ["min_subtotal", "min_quantity"] {
                let is_present = if key == "min_subtotal" {
                    doc.min_subtotal.is_some()
                } else {
                    doc.min_quantity.is_some()
                };
                if is_present {
                    errors.push(Error::invalid(
                        &tier_path.key(key),
                        if kind == Kind::BuyXGetY {
                            "a buy_x_get_y tier is reached at `buy` + `get` units; it takes no minimum"
                        } else {
                            "an amount_off_every tier is reached at its first `every`; it takes no minimum"
                        },
                    ));
                    ok = false;
                }
            }
            None
        } else {
            match (&doc.min_subtotal, &doc.min_quantity) {
                (Some(_), Some(_)) => {
                    errors.push(Error::invalid(
                        &tier_path.key("min_quantity"),
                        "a tier has either `min_subtotal` or `min_quantity`, not both",
                    ));
                    ok = false;
                    None
                }
                (None, None) => {
                    errors.push(Error::MissingKey {
                        path: tier_path.clone(),
                        key: "min_subtotal".into(),
                    });
                    ok = false;
                    None
                }
                (Some(_), None) => {
                    amount("min_subtotal", &doc.min_subtotal, false, errors).map(Threshold::Subtotal)
                }
                (None, Some(q)) => match parse_count(q, MAX_QUANTITY, &tier_path.key("min_quantity")) {
                    Ok(n) => Some(Threshold::Quantity(n)),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
            }
        };
        let reward = match kind {
            Kind::FreeShipping => Some(Reward::FreeShipping),
            Kind::AmountOff => match &doc.off {
                Some(_) => amount("off", &doc.off, true, errors).map(Reward::AmountOff),
                None => missing(&tier_path, "off", errors),
            },
            Kind::PercentOff => match &doc.percent {
                Some(p) => match parse_percent(&p.0, &tier_path.key("percent")) {
                    Ok(v) => Some(Reward::PercentOff(v)),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
                None => missing(&tier_path, "percent", errors),
            },
            Kind::Gift => match &doc.gift {
                Some(sku) => {
                    if config.catalog_item(sku).is_none() {
                        errors.push(Error::invalid(
                            &tier_path.key("gift"),
                            format!("gift SKU `{sku}` is not in the catalog"),
                        ));
                        None
                    } else {
                        Some(Reward::Gift(sku.clone()))
                    }
                }
                None => missing(&tier_path, "gift", errors),
            },
            Kind::BuyXGetY => {
                let units = |key: &str, value: &Option<Count>, errors: &mut Vec<Error>| match value {
                    Some(v) => match parse_count(v, MAX_QUANTITY, &tier_path.key(key)) {
                        Ok(0) => {
                            errors.push(Error::number(
                                &tier_path.key(key),
                                format!("`{key}` must be at least 1"),
                            ));
                            None
                        }
                        Ok(n) => Some(n),
                        Err(e) => {
                            errors.push(e);
                            None
                        }
                    },
                    None => missing(&tier_path, key, errors),
                };
                let buy = units("buy", &doc.buy, errors);
                let get = units("get", &doc.get, errors);
                let percent = match &doc.percent {
                    Some(p) => parse_percent(&p.0, &tier_path.key("percent"))
                        .map_err(|e| errors.push(e))
                        .ok(),
                    None => missing(&tier_path, "percent", errors),
                };
                match (buy, get, percent) {
                    (Some(buy), Some(get), Some(percent)) => Some(Reward::BuyGet { buy, get, percent }),
                    _ => None,
                }
            }
            Kind::AmountOffEvery => {
                let every = match &doc.every {
                    Some(_) => amount("every", &doc.every, true, errors),
                    None => missing(&tier_path, "every", errors),
                };
                let off = match &doc.off {
                    Some(_) => amount("off", &doc.off, true, errors),
                    None => missing(&tier_path, "off", errors),
                };
                let max_off = amount("max_off", &doc.max_off, true, errors);
                match (every, off) {
                    (Some(every), Some(off)) => {
                        if let Some(max) = max_off {
                            if max < off {
                                errors.push(Error::invalid(
                                    &tier_path.key("max_off"),
                                    "`max_off` must be at least `off`",
                                ));
                            }
                        }
                        if off > every {
                            errors.push(Error::invalid(
                                &tier_path.key("off"),
                                "`off` must not exceed `every`: a step would take off more than it costs",
                            ));
                        }
                        Some(Reward::Every { every, off, max_off })
                    }
                    _ => None,
                }
            }
        };
        if !ok {
            continue;
        }
        let threshold = match (kind, threshold, &reward) {
            (Kind::AmountOffEvery, _, Some(Reward::Every { every, .. })) => Threshold::Subtotal(*every),
            (Kind::BuyXGetY, _, Some(Reward::BuyGet { buy, get, .. })) => Threshold::Quantity(buy + get),
            (_, Some(t), Some(_)) => t,
            _ => continue,
        };
        let Some(reward) = reward else { continue };
        if let Some(previous) = tiers.last() {
            let ordered = match (previous.threshold, threshold) {
                (Threshold::Subtotal(a), Threshold::Subtotal(b)) => Some(a < b),
                (Threshold::Quantity(a), Threshold::Quantity(b)) => Some(a < b),
                _ => None,
            };
            match ordered {
                None => {
                    errors.push(Error::invalid(
                        &tier_path,
                        "all tiers of a promotion measure the same thing: `min_subtotal` or `min_quantity`",
                    ));
                    continue;
                }
                Some(false) => {
                    let key = if matches!(threshold, Threshold::Subtotal(_)) {
                        "min_subtotal"
                    } else {
                        "min_quantity"
                    };
                    errors.push(Error::invalid(
                        &tier_path.key(key),
                        format!(
                            "tiers must be in strictly ascending order: this threshold is not above tier {}'s",
                            i - 1
                        ),
                    ));
                    continue;
                }
                Some(true) => {}
            }
            let shrinking = match (&previous.reward, &reward) {
                (Reward::AmountOff(a), Reward::AmountOff(b)) => b < a,
                (Reward::PercentOff(a), Reward::PercentOff(b)) => b < a,
                _ => false,
            };
            if shrinking {
                let key = if kind == Kind::AmountOff { "off" } else { "percent" };
                errors.push(Error::invalid(
                    &tier_path.key(key),
                    format!("a higher tier must not give less than tier {}", i - 1),
                ));
                continue;
            }
        }
        tiers.push(Tier { threshold, reward });
    }
    tiers
}

fn tier_amount(
    key: &str,
    value: &Option<Amount>,
    positive: bool,
    currency: Currency,
    tier_path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Option<Decimal> {
    let text = value.as_ref()?;
    let key_path = tier_path.key(key);
    match parse_amount(&text.0, currency, &key_path) {
        Ok(v) if positive && v.is_zero() => {
            errors.push(Error::number(&key_path, format!("`{key}` must be more than 0")));
            None
        }
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

fn missing<T>(path: &JsonPath, key: &str, errors: &mut Vec<Error>) -> Option<T> {
    errors.push(Error::MissingKey {
        path: path.clone(),
        key: key.into(),
    });
    None
}

fn validate_scope(doc: ScopeDoc, path: &JsonPath, errors: &mut Vec<Error>) -> Scope {
    let mut list = |key: &str, base: &JsonPath, values: Option<Vec<String>>| -> Vec<String> {
        let values = values.unwrap_or_default();
        for (i, v) in values.iter().enumerate() {
            if v.is_empty() {
                errors.push(Error::invalid(&base.key(key).index(i), "must not be empty"));
            }
        }
        values
    };
    let explicit_empty = [&doc.categories, &doc.skus, &doc.tags]
        .iter()
        .any(|v| v.as_ref().is_some_and(Vec::is_empty));
    let categories = list("categories", path, doc.categories);
    let skus = list("skus", path, doc.skus);
    let tags = list("tags", path, doc.tags);
    let exclude = doc.exclude.unwrap_or_default();
    let exclude_path = path.key("exclude");
    let ex_categories = list("categories", &exclude_path, exclude.categories);
    let ex_skus = list("skus", &exclude_path, exclude.skus);
    let ex_tags = list("tags", &exclude_path, exclude.tags);
    let includes_nothing = categories.is_empty() && skus.is_empty() && tags.is_empty();
    if explicit_empty
        || (includes_nothing && ex_categories.is_empty() && ex_skus.is_empty() && ex_tags.is_empty())
    {
        errors.push(Error::invalid(
            path,
            "the scope names nothing: list categories, skus or tags (or leave `scope` out for the whole cart)",
        ));
    }
    Scope::new(categories, skus, tags, ex_categories, ex_skus, ex_tags)
}
