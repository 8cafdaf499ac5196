//! The engine: a validated config, ready to quote carts. Its entry points are here; the other jobs
//! of a quote are in the sibling modules (`evaluate`, `progress`, `report`).

use super::eligibility::closed;
use crate::cart::Cart;
use std::sync::Arc;

use super::budget::Budget;
use super::evaluate::{application_order, best_outcome, gifts_held, Basket, Outcome};
use crate::config::Config;
use crate::error::{Error, Errors, JsonPath};
use crate::limits::Limits;
use crate::money::MAX_INTEGER_DIGITS;
use crate::quote::{Detail, Quote};
use crate::time::Millis;

/// A validated config, ready to quote carts.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(super) config: Arc<Config>,
    /// One engine per market, for carts in its currency (sharing the market configs the config holds).
    pub(super) markets: Vec<Engine>,
    /// One engine per combination of the experiments' variants (each with its markets).
    pub(super) variants: Vec<Engine>,
    /// How much input it takes.
    pub(super) limits: Limits,
}

/// A cart priced under the config: the pieces suggestions and progress reuse.
#[derive(Debug, Clone)]
pub(crate) struct Priced {
    pub(crate) basket: Basket,
    pub(crate) order: Vec<usize>,
    pub(crate) outcome: Outcome,
}

impl Engine {
    /// An engine for a validated config.
    pub fn new(config: Config) -> Self {
        Engine::shared(Arc::new(config))
    }

    fn shared(config: Arc<Config>) -> Self {
        let markets = config.markets.iter().cloned().map(Engine::shared).collect();
        let variants = config.variants.iter().cloned().map(Engine::shared).collect();
        Engine {
            config,
            markets,
            variants,
            limits: Limits::default(),
        }
    }

    /// This engine taking input within `limits` (carts' bytes and lines; a config's bytes are
    /// checked when it is read: [`Engine::from_json_within`]).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        for market in &mut self.markets {
            market.limits = limits;
        }
        self.variants = self.variants.into_iter().map(|v| v.with_limits(limits)).collect();
        self
    }

    /// The limits it takes input within.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Parses and validates a cart for this engine, within its limits.
    pub fn cart_from_json(&self, text: &str) -> Result<Cart, Errors> {
        Cart::from_json_within(text, &self.config, &self.limits)
    }

    /// Reads a cart in the package's compact encoding (`nexttier::cart::compact`) for this engine's
    /// config; `None` where its JSON text must be read instead.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn cart_from_compact(&self, text: &str) -> Option<Result<Cart, Errors>> {
        Cart::from_compact_within(text, &self.config, &self.limits)
    }

    /// Parses and validates a config within `limits` (its bytes), for an engine that keeps them. A
    /// compiled config (`nexttier compile`) is read as such.
    pub fn from_json_within(text: &str, limits: Limits) -> Result<Self, Errors> {
        if crate::config::compiled::is_compiled(text) {
            return Engine::from_compiled_within(text, limits);
        }
        Config::from_json_within(text, &limits).map(|config| Engine::new(config).with_limits(limits))
    }

    /// Reads a compiled config (`nexttier compile`) within `limits`: no validator, only the checks
    /// the engine relies on (the storefront's module has only this reader).
    pub fn from_compiled_within(text: &str, limits: Limits) -> Result<Self, Errors> {
        Config::from_compiled_within(text, &limits).map(|config| Engine::new(config).with_limits(limits))
    }

    /// The engine for a cart: its variant's (when the config has experiments), for its currency
    /// (this one, or its market's).
    pub fn for_cart(&self, cart: &Cart) -> &Engine {
        let combination = crate::config::experiment::combination(
            &self.config.experiments,
            cart.assigned.iter().map(|a| a.index),
        );
        let engine = self.variants.get(combination).unwrap_or(self);
        match cart.currency {
            Some(code) if code != engine.config.currency.code => engine
                .markets
                .iter()
                .find(|m| m.config.currency.code == code)
                .unwrap_or(engine),
            _ => engine,
        }
    }

    /// Parses and validates a config, reporting every error (a compiled config is read as such).
    pub fn from_json(text: &str) -> Result<Self, Errors> {
        Engine::from_json_within(text, Limits::default())
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Quotes a cart given as JSON; `clock` is the current time, used when the cart has no `now`.
    pub fn quote_json(&self, cart: &str, clock: Millis) -> Result<Quote, Errors> {
        self.quote_json_with(cart, clock, Detail::Full)
    }

    /// Quotes a cart given as JSON, saying as much as `detail` asks.
    pub fn quote_json_with(&self, cart: &str, clock: Millis, detail: Detail) -> Result<Quote, Errors> {
        let cart = self.cart_from_json(cart)?;
        self.quote_with(&cart, clock, detail)
    }

    /// Quotes a validated cart; `clock` is used when the cart has no `now`.
    pub fn quote(&self, cart: &Cart, clock: Millis) -> Result<Quote, Errors> {
        self.quote_with(cart, clock, Detail::Full)
    }

    /// Quotes a validated cart, saying as much as `detail` asks. A summary has the full quote's
    /// figures; it only leaves out (and never computes) the lines, `skipped` and `explain`.
    ///
    /// Refused with `too_complex` when it would take more work than `limits.work_steps`
    /// (`super::budget`).
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn quote_with(&self, cart: &Cart, clock: Millis, detail: Detail) -> Result<Quote, Errors> {
        let budget = Budget::start(self.limits.work_steps);
        let engine = self.for_cart(cart);
        let priced = engine.price(cart, clock)?;
        let quote = engine.render(cart, &priced, cart.now.unwrap_or(clock), detail);
        match budget.spent_at() {
            None => Ok(quote),
            Some(at) => Err(self.too_complex(at).into()),
        }
    }

    /// The `too_complex` error for a budget spent on promotion `at` (or on no promotion in
    /// particular).
    pub(crate) fn too_complex(&self, at: Option<usize>) -> Error {
        let steps = self.limits.work_steps;
        match at.map(|p| (p, &self.config.promotions[p])) {
            Some((p, promotion)) => Error::TooComplex {
                path: JsonPath::root().key("promotions").index(p),
                steps,
                detail: match &promotion.group {
                    Some(group) => format!(
                        "searching group `{group}` (of `{}`) for the best member; fewer members or a smaller cart, or a larger `work_steps` limit",
                        promotion.id
                    ),
                    None => format!(
                        "measuring `{}`, and what it still needs; fewer promotions measured after discounts or a smaller cart, or a larger `work_steps` limit",
                        promotion.id
                    ),
                },
            },
            None => Error::TooComplex {
                path: JsonPath::root(),
                steps,
                detail: "a smaller cart or fewer promotions, or a larger `work_steps` limit".into(),
            },
        }
    }

    /// The promotions the customer can receive now: schedule, segment and coupon allow them.
    pub(crate) fn eligible(&self, cart: &Cart, clock: Millis) -> Vec<usize> {
        let now = cart.now.unwrap_or(clock);
        self.config
            .promotions
            .iter()
            .enumerate()
            .filter(|(_, p)| closed(p, cart, &self.config.stages, now).is_none())
            .map(|(i, _)| i)
            .collect()
    }

    /// Builds the basket of a cart.
    pub(crate) fn basket(&self, cart: &Cart) -> Result<Basket, Errors> {
        let mut basket = Basket::new(&self.config, cart.lines.len() + 1);
        basket.gross = cart.prices_include_tax;
        basket.default_rate = cart.tax_rate;
        basket.gifts_held = gifts_held(&self.config, cart);
        basket.gift_choices = cart.gift_choices.clone();
        basket.shipping_fee = self
            .config
            .fee_for(cart.shipping_method.as_deref(), cart.country.as_deref());
        // The first line of each category and tags seen (at most `KINDS`, so this stays linear):
        // a later line like it takes its scope bits for every scope that names no SKU.
        const KINDS: usize = 16;
        let mut kinds: Vec<(usize, &crate::cart::Line)> = Vec::new();
        for (at, line) in cart.lines.iter().enumerate() {
            let like = kinds
                .iter()
                .find(|(_, l)| l.category == line.category && l.tags == line.tags)
                .map(|&(at, _)| at);
            basket.push_like(
                &self.config,
                line.item(),
                line.price,
                line.quantity,
                line.tax_rate,
                like,
            );
            match line.gift {
                Some(p) => basket.mark_gift(p, &line.sku),
                None if like.is_none() && kinds.len() < KINDS => kinds.push((at, line)),
                None => {}
            }
        }
        let limit = 10u128.pow(MAX_INTEGER_DIGITS as u32 + self.config.currency.minor_digits);
        if basket.subtotal_minor() >= limit {
            return Err(Error::Overflow {
                path: JsonPath::root().key("lines"),
            }
            .into());
        }
        Ok(basket)
    }

    /// Prices a cart.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub(crate) fn price(&self, cart: &Cart, clock: Millis) -> Result<Priced, Errors> {
        let basket = self.basket(cart)?;
        let order = application_order(&self.config, &self.eligible(cart, clock));
        let outcome = best_outcome(&self.config, &basket, &order);
        Ok(Priced {
            basket,
            order,
            outcome,
        })
    }
}

/// The current time from the system clock (native builds; the wasm bindings pass the browser's).
#[cfg(not(target_arch = "wasm32"))]
pub fn system_now() -> Millis {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(_) => 0,
    }
}
