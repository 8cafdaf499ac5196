//! Building a [`Config`] from its document: every rule checked, every error collected.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::document::{
    BasisDoc, CatalogItemDoc, ConfigDoc, KindDoc, PromotionDoc, RoundingDoc, ScopeDoc, TaxDoc,
};
use super::scope::Scope;
use super::tiers::validate_tiers;
use super::*;
use crate::document::{Amount, Integer};
use crate::error::{Error, Errors, JsonPath};
use crate::money::{parse_amount, Currency, Rounding};
use crate::time::{parse_rfc3339, Millis};

impl Config {
    /// Parses and validates a config from JSON text, reporting every error found.
    pub fn from_json(text: &str) -> Result<Config, Errors> {
        Config::from_json_within(text, &crate::limits::Limits::default())
    }

    /// [`Config::from_json`] within `limits` (its bytes).
    pub fn from_json_within(text: &str, limits: &crate::limits::Limits) -> Result<Config, Errors> {
        limits.check_config(text)?;
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
    // The whole document, for the configs of the experiments' variants.
    let whole = doc.experiments.is_some().then(|| doc.clone());
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
    let shipping_methods = match doc.shipping.as_ref().and_then(|s| s.methods.as_ref()) {
        Some(methods) => super::shipping::validate_methods(
            methods,
            shipping_fee,
            currency,
            &root.key("shipping").key("methods"),
            errors,
        ),
        None => Vec::new(),
    };
    let shipping_fee = shipping_methods.first().map_or(shipping_fee, |m| m.fee);

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
        shipping_methods,
        promotions: Vec::new(),
        catalog,
        catalog_index,
        catalog_priced: true,
        markets: Vec::new(),
        experiments: Vec::new(),
        variants: Vec::new(),
        stages: super::stages::validate_stages(
            doc.stages.clone().unwrap_or_default(),
            currency,
            &root.key("stages"),
            errors,
        ),
        suggest: match &doc.suggest {
            Some(settings) => {
                suggest::SuggestSettings::default().with(settings, &root.key("suggest"), errors)
            }
            None => suggest::SuggestSettings::default(),
        },
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
        config.markets = super::market::derive(&config, markets, &root.key("markets"), errors)
            .into_iter()
            .map(Arc::new)
            .collect();
    }
    if let Some(whole) = whole {
        let docs = whole.experiments.as_deref().unwrap_or_default();
        let path = root.key("experiments");
        (config.experiments, config.variants) =
            super::experiment::derive(&whole, docs, &config, &path, errors, validate);
    }
    Some(config)
}

fn validate_item(
    item: CatalogItemDoc,
    currency: Currency,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Option<CatalogItem> {
    let before = errors.len();
    let mut count = |value: &Option<Count>, key: &str, max: u64| -> Option<u64> {
        parse_count(value.as_ref()?, max, &path.key(key))
            .map_err(|e| errors.push(e))
            .ok()
    };
    let stock = count(&item.stock, "stock", u64::from(u32::MAX));
    let max_per_order = count(&item.max_per_order, "max_per_order", MAX_QUANTITY);
    let popularity = count(&item.popularity, "popularity", u64::from(u32::MAX)).unwrap_or(0);
    let pack = count(&item.pack, "pack", MAX_QUANTITY);
    let max_per_suggestion = count(&item.max_per_suggestion, "max_per_suggestion", MAX_QUANTITY);
    let min_per_order = count(&item.min_per_order, "min_per_order", MAX_QUANTITY);
    let case_pack = count(&item.case_pack, "case_pack", MAX_QUANTITY);
    for (value, key) in [(min_per_order, "min_per_order"), (case_pack, "case_pack")] {
        if value == Some(0) {
            errors.push(Error::number(
                &path.key(key),
                format!("`0` is too small: `{key}` is at least 1 (leave it out for no rule)"),
            ));
        }
    }
    if let (Some(min), Some(max)) = (min_per_order, max_per_order) {
        if min > max {
            errors.push(Error::invalid(
                &path.key("min_per_order"),
                format!("{min} is above `max_per_order` ({max}): no order could have it"),
            ));
        }
    }
    if pack == Some(0) {
        errors.push(Error::number(
            &path.key("pack"),
            "`0` is too small: a pack has at least 1 unit",
        ));
    }
    if item.sku.is_empty() {
        errors.push(Error::invalid(&path.key("sku"), "SKU must not be empty"));
    }
    let mut amount = |value: &Amount, key: &str| -> Money {
        let amount = parse_amount(&value.0, currency, &path.key(key)).unwrap_or_else(|e| {
            errors.push(e);
            Decimal::ZERO
        });
        currency.exact(amount)
    };
    let price = amount(&item.price, "price");
    let cost = item.cost.as_ref().map(|c| amount(c, "cost"));
    let goes_with = item
        .goes_with
        .map(|scope| validate_scope(scope, &path.key("goes_with"), "leave `goes_with` out", errors));
    let weight = match &item.weight {
        Some(w) => parse_integer(w, &path.key("weight")).unwrap_or_else(|e| {
            errors.push(e);
            0
        }),
        None => 0,
    };
    (errors.len() == before).then(|| CatalogItem {
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
        cost,
        popularity,
        goes_with,
        pinned: item.pinned.unwrap_or(false),
        never_suggest: item.never_suggest.unwrap_or(false),
        pack: pack.unwrap_or(1),
        max_per_suggestion,
        min_per_order,
        case_pack,
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
        KindDoc::ShippingOff => Kind::ShippingOff,
        KindDoc::AmountOff => Kind::AmountOff,
        KindDoc::AmountOffEach => Kind::AmountOffEach,
        KindDoc::AmountOffEvery => Kind::AmountOffEvery,
        KindDoc::PercentOff => Kind::PercentOff,
        KindDoc::Gift => Kind::Gift,
        KindDoc::BuyXGetY => Kind::BuyXGetY,
        KindDoc::BundlePrice => Kind::BundlePrice,
        KindDoc::PriceBreak => Kind::PriceBreak,
    };
    let tiers = validate_tiers(kind, &doc.tiers, config, &path.key("tiers"), errors);
    let scope = match doc.scope {
        Some(scope) => validate_scope(scope, &path.key("scope"), WHOLE_CART, errors),
        None => Scope::everything(),
    };
    let get_scope = doc
        .get_scope
        .map(|scope| validate_scope(scope, &path.key("get_scope"), WHOLE_CART, errors));
    let condition = doc.condition.as_ref().and_then(|c| {
        let at = path.key("condition");
        let scope = c
            .scope
            .clone()
            .map(|scope| validate_scope(scope, &at.key("scope"), WHOLE_CART, errors));
        let units = c.min_quantity.as_ref().and_then(|q| {
            parse_count(q, MAX_QUANTITY, &at.key("min_quantity"))
                .map_err(|e| errors.push(e))
                .ok()
        });
        let amount = c.min_subtotal.as_ref().and_then(|a| {
            parse_amount(&a.0, config.currency, &at.key("min_subtotal"))
                .map_err(|e| errors.push(e))
                .ok()
        });
        if c.min_quantity.is_none() && c.min_subtotal.is_none() {
            errors.push(Error::invalid(
                &at,
                "a condition needs `min_quantity` or `min_subtotal` (or both)",
            ));
            return None;
        }
        Some(Arc::new(Condition { scope, units, amount }))
    });
    let limit = doc.limit.as_ref().and_then(|limit| {
        parse_count(limit, MAX_QUANTITY, &path.key("limit"))
            .map_err(|e| errors.push(e))
            .ok()
    });
    if kind != Kind::BuyXGetY {
        for (key, present) in [
            ("get_scope", get_scope.is_some()),
            ("discount", doc.discount.is_some()),
        ] {
            if present {
                errors.push(Error::invalid(
                    &path.key(key),
                    format!("`{key}` belongs to buy_x_get_y promotions only"),
                ));
            }
        }
    }
    if !matches!(kind, Kind::BuyXGetY | Kind::BundlePrice) && doc.limit.is_some() {
        errors.push(Error::invalid(
            &path.key("limit"),
            "`limit` belongs to buy_x_get_y and bundle_price promotions only",
        ));
    }
    if limit == Some(0) {
        errors.push(Error::number(&path.key("limit"), "`limit` must be at least 1"));
    }
    let max_units = doc.max_units.as_ref().and_then(|n| {
        let path = path.key("max_units");
        match parse_count(n, MAX_QUANTITY, &path) {
            Ok(0) => {
                errors.push(Error::number(&path, "`max_units` must be at least 1"));
                None
            }
            Ok(n) if matches!(kind, Kind::PercentOff | Kind::AmountOffEach) => Some(n),
            Ok(_) => {
                errors.push(Error::invalid(
                    &path,
                    "`max_units` belongs to percent_off and amount_off_each promotions only",
                ));
                None
            }
            Err(e) => {
                errors.push(e);
                None
            }
        }
    });
    let usage = doc.usage.as_ref().map_or_else(Usage::default, |usage| {
        let path = path.key("usage");
        let mut at_least_one = |key: &str, count: &Option<crate::document::Count>| {
            let n = count.as_ref().and_then(|c| {
                parse_count(c, u64::MAX >> 1, &path.key(key))
                    .map_err(|e| errors.push(e))
                    .ok()
            });
            if n == Some(0) {
                errors.push(Error::number(
                    &path.key(key),
                    format!("`{key}` must be at least 1"),
                ));
            }
            n
        };
        let per_customer = at_least_one("per_customer", &usage.per_customer);
        let total = at_least_one("total", &usage.total);
        let first_order = usage.first_order.unwrap_or(false);
        let budget = usage.budget.as_ref().and_then(|amount| {
            let at = path.key("budget");
            match parse_amount(&amount.0, config.currency, &at) {
                Ok(b) if b > Decimal::ZERO => Some(b),
                Ok(_) => {
                    errors.push(Error::number(&at, "a budget is more than 0"));
                    None
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        });
        if !first_order && per_customer.is_none() && total.is_none() && usage.budget.is_none() {
            errors.push(Error::invalid(
                &path,
                "usage limits nothing: give `first_order`, `per_customer`, `total` or `budget` (or leave `usage` out)",
            ));
        }
        Usage {
            first_order,
            per_customer,
            total,
            budget,
        }
    });
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
    let schedule = doc
        .schedule
        .as_ref()
        .and_then(|s| super::schedule::Schedule::from_doc(s, &path.key("schedule"), errors))
        .map(Arc::new);
    let shipping_methods: Vec<Arc<str>> = match &doc.shipping_methods {
        None => Vec::new(),
        Some(ids) => {
            if ids.is_empty() {
                errors.push(Error::invalid(
                    &path.key("shipping_methods"),
                    "shipping_methods must name at least one method (leave the key out for every method)",
                ));
            }
            ids.iter()
                .enumerate()
                .filter_map(|(i, id)| {
                    let found = config.shipping_methods.iter().find(|m| *m.id == **id);
                    if found.is_none() {
                        errors.push(Error::invalid(
                            &path.key("shipping_methods").index(i),
                            format!("no shipping method `{id}` in `shipping.methods`"),
                        ));
                    }
                    found.map(|m| m.id.clone())
                })
                .collect()
        }
    };
    let countries: Vec<String> = match &doc.countries {
        None => Vec::new(),
        Some(codes) => {
            if codes.is_empty() {
                errors.push(Error::invalid(
                    &path.key("countries"),
                    "countries must name at least one country (leave the key out for every destination)",
                ));
            }
            for (i, code) in codes.iter().enumerate() {
                if !super::shipping::is_country_code(code) {
                    errors.push(Error::invalid(
                        &path.key("countries").index(i),
                        format!("`{code}` is not an ISO 3166-1 alpha-2 code such as \"CN\" or \"HK\""),
                    ));
                }
            }
            codes.clone()
        }
    };
    if doc.segments.as_ref().is_some_and(Vec::is_empty) {
        // An empty list would read as "everyone": refused, like an empty scope.
        errors.push(Error::invalid(
            &path.key("segments"),
            "segments must name at least one segment (leave the key out to offer the promotion to everyone)",
        ));
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
        if normalize_coupon(coupon).is_empty() {
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
        schedule,
        shipping_methods,
        countries,
        condition,
        segments,
        coupon: doc.coupon.as_deref().map(normalize_coupon),
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
        discount_dearest: doc.discount == Some(super::document::TargetDoc::Dearest),
        max_units,
        stop: doc.stop.unwrap_or(false),
        usage,
        class: doc.class.map_or(Class::of_kind(kind), |c| Class::ALL[c as usize]),
        combines_with: doc.combines_with.as_ref().map_or(Class::EVERY, |classes| {
            classes
                .iter()
                .fold(0, |set, c| set | Class::ALL[*c as usize].bit())
        }),
        offered: true,
        held_out: None,
        scopes_overlap,
    })
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

/// What leaving a promotion's scope out means.
const WHOLE_CART: &str = "leave `scope` out for the whole cart";

/// A scope read at `path`; `absent` says what leaving it out means, for the error of a scope that
/// names nothing.
fn validate_scope(doc: ScopeDoc, path: &JsonPath, absent: &str, errors: &mut Vec<Error>) -> Scope {
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
            format!("the scope names nothing: list categories, skus or tags (or {absent})"),
        ));
    }
    Scope::new(categories, skus, tags, ex_categories, ex_skus, ex_tags)
}
