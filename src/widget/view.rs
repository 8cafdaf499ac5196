//! What the widget shows for a cart, worked out from the quote: the bars and their milestones, the
//! message for the nearest milestone, what is unlocked, the savings and the add-on cards. Plain data;
//! `render` turns it into markup.

use std::sync::Arc;

use crate::cart::Cart;
use crate::config::{Config, Kind, Promotion, Reward};
use crate::error::Errors;
use crate::money::{Measure, Money};
use crate::pricing::engine::Engine;
use crate::pricing::evaluate::{gifts_held, tier_available};
use crate::quote::{Detail, Quote, Unlocks};
use crate::suggest::rank::Reason;
use crate::time::Millis;

use super::messages::Words;
use super::options::WidgetOptions;

/// Formats an amount for shoppers (`¥7.00`, `$7.00`, `7,00 €`). In the browser and in Node this is
/// `Intl.NumberFormat` given the exact decimal string; natively, [`PlainMoney`].
pub trait FormatMoney {
    /// The amount as shoppers read it.
    fn format(&self, amount: Money) -> String;
}

/// A formatter without locale data: the currency's common symbol (or its code) and the exact digits.
#[derive(Debug, Clone, Copy)]
pub struct PlainMoney {
    /// The ISO 4217 code.
    pub code: &'static str,
}

impl FormatMoney for PlainMoney {
    fn format(&self, amount: Money) -> String {
        let symbol = match self.code {
            "CNY" | "JPY" => "¥",
            "USD" | "AUD" | "CAD" | "HKD" | "NZD" | "SGD" | "MXN" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "KRW" => "₩",
            "INR" => "₹",
            _ => "",
        };
        let digits = amount.to_string();
        let (sign, digits) = match digits.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", digits.as_str()),
        };
        if symbol.is_empty() {
            format!("{sign}{} {digits}", self.code)
        } else {
            format!("{sign}{symbol}{digits}")
        }
    }
}

/// The overall state of the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// A next milestone is ahead.
    Progress,
    /// Every milestone the shopper can reach is reached.
    Done,
    /// No promotion applies to this shopper.
    Idle,
}

impl State {
    /// The name used in the markup's `data-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Progress => "progress",
            State::Done => "done",
            State::Idle => "idle",
        }
    }
}

/// One progress bar: promotions measuring the same amount (or the same units) share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// Whether it measures money (otherwise units).
    pub money: bool,
    /// The measured value as a plain number (`"92.00"`, `"3"`), for `aria-valuenow`.
    pub value: String,
    /// The last milestone as a plain number, for `aria-valuemax`.
    pub max: String,
    /// How full the bar is, in hundredths of a percent (0 to 10000).
    pub fill: u32,
    /// What a screen reader says for the bar.
    pub value_text: String,
    /// Milestones from the start.
    pub markers: Vec<Marker>,
}

/// A milestone on a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Where, in hundredths of a percent of the bar.
    pub at: u32,
    /// The threshold as shoppers read it.
    pub label: String,
    /// What it unlocks.
    pub rewards: String,
    /// Whether it is reached.
    pub reached: bool,
}

/// An add-on suggestion card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// What "Add" adds: SKU and units, the first one first.
    pub items: Vec<(String, u64)>,
    /// The name shown (`Sponge 3-pack`, `Sponge 3-pack ×2 + Mop`).
    pub name: String,
    /// What it costs, formatted.
    pub price: String,
    /// Image URL of the first item, if the catalog gives one.
    pub image: Option<String>,
    /// What it unlocks, as a sentence (empty for a browse card that unlocks nothing).
    pub unlocks: String,
    /// Why it is offered, in the shopper's words (`None` for reasons shoppers are not told, such
    /// as the merchant's margin).
    pub reason: Option<String>,
    /// The accessible name of its button.
    pub button_label: String,
}

/// The nearest milestone, for the host's analytics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nearest {
    /// The promotions it unlocks, with the tier index.
    pub promotions: Vec<(Arc<str>, usize)>,
    /// What is still needed, as a plain number.
    pub remaining: String,
    /// The threshold, as a plain number.
    pub threshold: String,
    /// "amount" or "quantity".
    pub unit: &'static str,
}

/// Everything the widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The overall state.
    pub state: State,
    /// The message for the nearest milestone.
    pub message: Option<String>,
    /// What is unlocked.
    pub celebration: Option<String>,
    /// The savings so far, as a sentence.
    pub savings: Option<String>,
    /// Discounts plus shipping waived, as a plain number.
    pub saved: String,
    /// The bars.
    pub tracks: Vec<Track>,
    /// The suggestions' title and cards.
    pub suggestions_title: String,
    /// The suggestion cards.
    pub cards: Vec<Card>,
    /// The nearest milestone.
    pub nearest: Option<Nearest>,
    /// The tiers reached: (promotion, tier index).
    pub reached: Vec<(Arc<str>, usize)>,
    /// The "Add" button's text.
    pub add: String,
    /// The bar's accessible name.
    pub bar_label: String,
    /// "Ends in 2 h 13 min": when the soonest-ending promotion shown ends within a week.
    pub countdown: Option<String>,
    /// Milliseconds until the countdown's text changes (the widget renders again then), or −1.
    pub refresh_in: i64,
    /// Whether the countdown is in its last 10 minutes: then the live region says it too.
    pub countdown_urgent: bool,
    /// The gifts the shopper chooses, one per promotion offering a choice.
    pub gift_choices: Vec<GiftChoice>,
}

/// A gift the shopper picks among options: a button each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GiftChoice {
    /// The gift promotion.
    pub promotion: Arc<str>,
    /// "Choose your gift".
    pub title: String,
    /// The options in stock: (SKU, name, whether it is the one given).
    pub options: Vec<(String, String, bool)>,
}

impl View {
    /// What the live region announces: a reached tier's sentence, or the nearest milestone's.
    pub fn announcement(&self, newly_reached: bool) -> String {
        let first = if newly_reached {
            &self.celebration
        } else {
            &self.message
        };
        let text = first
            .as_ref()
            .or(self.message.as_ref())
            .or(self.celebration.as_ref())
            .cloned()
            .unwrap_or_default();
        match (&self.countdown, self.countdown_urgent) {
            (Some(countdown), true) if !text.is_empty() => format!("{text}. {countdown}"),
            _ => text,
        }
    }
}

/// The most ahead a countdown shows: a week.
const COUNTDOWN_FROM_MS: i64 = 7 * 86_400_000;

/// The countdown to the soonest end among the promotions the quote shows progress for, at `now`:
/// its words, the milliseconds until they change, and whether it is in its last 10 minutes.
fn countdown(quote: &Quote, now: Millis, words: &super::messages::Words) -> (Option<String>, i64, bool) {
    let Some(left) = quote
        .progress
        .iter()
        .filter_map(|p| p.ends_at)
        .map(|end| end - now)
        .filter(|left| *left > 0 && *left <= COUNTDOWN_FROM_MS)
        .min()
    else {
        return (None, -1, false);
    };
    let minutes = left / 60_000;
    let (days, hours, mins) = (minutes / 1_440, minutes / 60 % 24, minutes % 60);
    let time = if days > 0 {
        words.fill(
            "time_days",
            &[("days", &days.to_string()), ("hours", &hours.to_string())],
        )
    } else if hours > 0 {
        words.fill(
            "time_hours",
            &[("hours", &hours.to_string()), ("minutes", &mins.to_string())],
        )
    } else if mins > 0 {
        words.fill("time_minutes", &[("minutes", &mins.to_string())])
    } else {
        words.get("time_soon").to_owned()
    };
    // The shown minute changes when `left` crosses the next whole minute (or the end).
    let refresh = match left % 60_000 {
        0 => 60_000,
        part => part,
    };
    (
        Some(words.fill("ends_in", &[("time", &time)])),
        refresh,
        left <= 600_000,
    )
}

/// A value on a bar: money in minor units, or units.
fn plain(quantity: &Measure<Money>) -> (i128, String) {
    match quantity {
        Measure::Amount(m) => (m.minor(), m.to_string()),
        Measure::Units(u) => (*u as i128, u.to_string()),
    }
}

struct Phrases<'a> {
    config: &'a Config,
    words: &'a Words,
    money: &'a dyn FormatMoney,
}

impl<'a> Phrases<'a> {
    fn amount(&self, amount: Money) -> String {
        self.money.format(amount)
    }

    fn decimal(&self, amount: rust_decimal::Decimal) -> String {
        self.amount(self.config.currency.money(amount))
    }

    /// The shipping method a promotion is limited to, as shoppers read it (only when exactly one).
    fn method_of(&self, promotion: &Promotion) -> Option<&'a str> {
        match promotion.shipping_methods.as_slice() {
            [one] => self
                .config
                .shipping_methods
                .iter()
                .find(|m| m.id == *one)
                .map(|m| m.name()),
            _ => None,
        }
    }

    /// What the next tier of the promotion `id` unlocks, as a phrase naming its shipping method.
    fn unlocks_of(&self, id: &str, unlocks: &Unlocks) -> String {
        let method = self.config.promotion(id).and_then(|q| self.method_of(q));
        self.unlocks(unlocks, method)
    }

    /// A shipping phrase, naming the method when the promotion is limited to one ("free Express
    /// shipping").
    fn shipping(&self, key: &str, method: Option<&str>, values: &[(&str, &str)]) -> String {
        match method {
            Some(method) => {
                let mut all = values.to_vec();
                all.push(("method", method));
                self.words.fill(&format!("{key}_by"), &all)
            }
            None => self.words.fill(key, values),
        }
    }

    fn item_name(&self, sku: &str) -> String {
        self.config
            .catalog_item(sku)
            .and_then(|item| item.name.clone())
            .unwrap_or_else(|| sku.to_owned())
    }

    /// What a configured tier gives, as a phrase ("free shipping", "¥10.00 off").
    fn reward(&self, reward: &Reward, applied: Option<Money>, method: Option<&str>) -> String {
        let w = self.words;
        match reward {
            Reward::FreeShipping => self.shipping("free_shipping", method, &[]),
            Reward::ShippingOff { off: Some(off), .. } => {
                let amount = applied.map_or_else(|| self.decimal(*off), |a| self.amount(a));
                self.shipping("shipping_off", method, &[("amount", &amount)])
            }
            Reward::ShippingOff { percent, .. } => self.shipping(
                "shipping_percent_off",
                method,
                &[("percent", &percent.unwrap_or_default().normalize().to_string())],
            ),
            Reward::AmountOff(off) => w.fill("amount_off", &[("amount", &self.decimal(*off))]),
            Reward::AmountOffEach(off) => w.fill("amount_off_each", &[("amount", &self.decimal(*off))]),
            Reward::UnitPrice(price) => w.fill("unit_price", &[("amount", &self.decimal(*price))]),
            Reward::Every { off, .. } => {
                let amount = applied.map_or_else(|| self.decimal(*off), |a| self.amount(a));
                w.fill("amount_off", &[("amount", &amount)])
            }
            Reward::PercentOff {
                percent,
                max_off: None,
            } => w.fill("percent_off", &[("percent", &percent.normalize().to_string())]),
            Reward::PercentOff {
                percent,
                max_off: Some(max),
            } => w.fill(
                "percent_off_max",
                &[
                    ("percent", &percent.normalize().to_string()),
                    ("amount", &self.decimal(*max)),
                ],
            ),
            Reward::Gift(gift) => {
                let price = (!gift.price.is_zero()).then(|| self.decimal(gift.price));
                let sku = (!gift.is_choice()).then(|| gift.options[0].as_str());
                self.gift(sku, gift.quantity, price)
            }
            Reward::BuyGet {
                get,
                price: Some(price),
                ..
            } => self.units_at(*get, &self.decimal(*price)),
            Reward::Bundle { quantity, price } => w.fill(
                "bundle",
                &[
                    ("count", &quantity.to_string()),
                    ("amount", &self.decimal(*price)),
                ],
            ),
            Reward::BuyGet { get, percent, .. } => self.units_off(*get, &percent.normalize().to_string()),
        }
    }

    /// "a free Towel", "Towel ×2 free", "Mug for ¥1.00", "a free gift of your choice" (`sku`: the
    /// gift given, `None` for a choice).
    fn gift(&self, sku: Option<&str>, count: u64, price: Option<String>) -> String {
        let key = match (sku.is_some(), count > 1, price.is_some()) {
            (true, false, false) => "gift",
            (true, true, false) => "gifts",
            (true, false, true) => "gift_at",
            (true, true, true) => "gifts_at",
            (false, false, false) => "gift_choice",
            (false, true, false) => "gifts_choice",
            (false, false, true) => "gift_choice_at",
            (false, true, true) => "gifts_choice_at",
        };
        let name = sku.map(|sku| self.item_name(sku)).unwrap_or_default();
        self.words.fill(
            key,
            &[
                ("name", &name),
                ("count", &count.to_string()),
                ("amount", price.as_deref().unwrap_or("")),
            ],
        )
    }

    /// "1 item free", "2 items at 50% off".
    fn units_off(&self, units: u64, percent: &str) -> String {
        let count = units.to_string();
        let key = match (percent == "100", units == 1) {
            (true, true) => "unit_free",
            (true, false) => "units_free",
            (false, true) => "unit_off",
            (false, false) => "units_off",
        };
        self.words.fill(key, &[("count", &count), ("percent", percent)])
    }

    /// "1 item for ¥1.00", "2 items at ¥1.00 each".
    fn units_at(&self, units: u64, price: &str) -> String {
        let key = if units == 1 { "unit_at" } else { "units_at" };
        self.words
            .fill(key, &[("count", &units.to_string()), ("amount", price)])
    }

    /// What a next tier unlocks, as a phrase.
    fn unlocks(&self, unlocks: &Unlocks, method: Option<&str>) -> String {
        let w = self.words;
        let mut parts = Vec::new();
        if unlocks.free_shipping {
            parts.push(self.shipping("free_shipping", method, &[]));
        }
        if let Some(off) = unlocks.shipping_off {
            parts.push(self.shipping("shipping_off", method, &[("amount", &self.amount(off))]));
        }
        if let Some(percent) = &unlocks.shipping_percent {
            parts.push(self.shipping("shipping_percent_off", method, &[("percent", percent)]));
        }
        if let Some(off) = unlocks.off {
            parts.push(w.fill("amount_off", &[("amount", &self.amount(off))]));
        }
        if let Some(off) = unlocks.off_each {
            parts.push(w.fill("amount_off_each", &[("amount", &self.amount(off))]));
        }
        if let Some(price) = unlocks.unit_price {
            parts.push(w.fill("unit_price", &[("amount", &self.amount(price))]));
        }
        if let (Some(price), Some(units)) = (unlocks.bundle_price, unlocks.units) {
            parts.push(w.fill(
                "bundle",
                &[("count", &units.to_string()), ("amount", &self.amount(price))],
            ));
        }
        if let (Some(price), Some(units)) = (unlocks.price, unlocks.units) {
            parts.push(self.units_at(units, &self.amount(price)));
        }
        match (&unlocks.percent, unlocks.units) {
            (Some(percent), Some(units)) => parts.push(self.units_off(units, percent)),
            (Some(percent), None) => match unlocks.max_off {
                Some(max) => parts.push(w.fill(
                    "percent_off_max",
                    &[("percent", percent), ("amount", &self.amount(max))],
                )),
                None => parts.push(w.fill("percent_off", &[("percent", percent)])),
            },
            _ => {}
        }
        if let Some(gift) = &unlocks.gift {
            let sku = unlocks.gift_choices.is_empty().then_some(gift.as_str());
            let price = unlocks.gift_price.map(|p| self.amount(p));
            parts.push(self.gift(sku, unlocks.gift_quantity.unwrap_or(1), price));
        }
        w.join(&parts)
    }

    fn quantity(&self, quantity: &Measure<Money>) -> String {
        match quantity {
            Measure::Amount(m) => self.amount(*m),
            Measure::Units(u) => u.to_string(),
        }
    }
}

/// The widget's view of a cart: quotes it (and asks for suggestions when a milestone is ahead).
pub fn build(
    engine: &Engine,
    cart: &Cart,
    clock: Millis,
    options: &WidgetOptions,
    money: &dyn FormatMoney,
) -> Result<(View, Quote), Errors> {
    // The cart's own engine: a cart in a market's currency is priced and worded with its config.
    let engine = engine.for_cart(cart);
    let quote = engine.quote_with(cart, clock, Detail::Summary)?;
    let config = engine.config();
    let words = &options.words;
    let phrases = Phrases { config, words, money };

    let reached: Vec<(Arc<str>, usize)> = quote
        .applied
        .iter()
        .map(|a| (a.promotion.clone(), a.tier))
        .collect();
    let (message, nearest) = nearest_message(config, &quote, &phrases);

    // What is unlocked, in the config's order (the quote lists them in the order they applied).
    let mut applied: Vec<_> = quote.applied.iter().collect();
    crate::sort::sort_by_key(&mut applied, |a| {
        config.promotion(&a.promotion).map_or(usize::MAX, |p| p.position)
    });
    let celebration = (!applied.is_empty()).then(|| {
        let rewards: Vec<String> = applied
            .iter()
            .filter_map(|a| {
                let promotion = config.promotion(&a.promotion)?;
                let tier = promotion.tiers.get(a.tier)?;
                Some(phrases.reward(&tier.reward, Some(a.amount), phrases.method_of(promotion)))
            })
            .collect();
        let template = applied
            .iter()
            .filter_map(|a| config.promotion(&a.promotion))
            .find_map(|p| words.pick(p.messages.as_ref().and_then(|m| m.reached.as_ref())))
            .unwrap_or_else(|| words.get("reached"));
        super::messages::fill(template, &[("reward", &words.join(&rewards))])
    });

    let saved_minor: i128 = quote.applied.iter().map(|a| a.amount.minor()).sum();
    let saved = Money::from_minor(saved_minor, config.currency.minor_digits);
    let savings = (saved_minor > 0).then(|| words.fill("savings", &[("amount", &money.format(saved))]));

    let spoken = message.as_deref().or(celebration.as_deref()).unwrap_or("");
    let tracks = tracks(config, &gifts_held(config, cart), &quote, &phrases, spoken);
    let state = if nearest.is_some() {
        State::Progress
    } else if quote.progress.is_empty() && quote.applied.is_empty() {
        State::Idle
    } else {
        State::Done
    };

    let (countdown, refresh_in, countdown_urgent) = countdown(&quote, cart.now.unwrap_or(clock), words);
    let mut cards = Vec::new();
    let mut browsing = false;
    if let (State::Progress, Some(suggest)) = (state, &options.suggest) {
        let found = engine.suggest_after(cart, clock, &quote, suggest)?;
        browsing = found.first().is_some_and(|s| s.browse);
        cards = found.iter().map(|s| card(config, &quote, s, &phrases)).collect();
    }

    let view = View {
        state,
        message,
        celebration,
        savings,
        saved: saved.to_string(),
        tracks,
        suggestions_title: words
            .get(if browsing {
                "suggestions_browse"
            } else {
                "suggestions"
            })
            .to_owned(),
        cards,
        nearest,
        reached,
        add: words.get("add").to_owned(),
        bar_label: words.get("bar_label").to_owned(),
        countdown,
        refresh_in,
        countdown_urgent,
        gift_choices: quote
            .gifts
            .iter()
            .filter(|g| !g.options.is_empty())
            .map(|g| GiftChoice {
                promotion: g.promotion.clone(),
                title: words.get("gift_pick").to_owned(),
                options: g
                    .options
                    .iter()
                    .map(|o| (o.sku.clone(), phrases.item_name(&o.sku), o.sku == g.sku))
                    .collect(),
            })
            .collect(),
    };
    Ok((view, quote))
}

/// A milestone before markers are merged: (value on the bar, threshold label, reward phrase).
type Milestone = (i128, String, String);

/// The bars: progress entries grouped by what they measure, each with its promotions' milestones.
fn tracks(
    config: &Config,
    held: &[(String, u64)],
    quote: &Quote,
    phrases: &Phrases<'_>,
    message: &str,
) -> Vec<Track> {
    // (measured, [(at value, label, reward phrase)])
    let mut groups: Vec<(&Measure<Money>, Vec<Milestone>)> = Vec::new();
    for progress in &quote.progress {
        let Some(promotion) = config.promotion(&progress.promotion) else {
            continue;
        };
        let milestones = milestones(config, held, promotion, progress.next.as_ref(), phrases);
        if milestones.is_empty() {
            continue;
        }
        match groups.iter_mut().find(|(m, _)| *m == &progress.measured) {
            Some((_, all)) => all.extend(milestones),
            None => groups.push((&progress.measured, milestones)),
        }
    }
    groups
        .into_iter()
        .map(|(measured, mut milestones)| {
            crate::sort::sort_by(&mut milestones, |a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
            let (value, value_plain) = plain(measured);
            let max = milestones.last().map_or(0, |m| m.0);
            let mut markers: Vec<Marker> = Vec::new();
            for (at, label, reward) in milestones {
                let position = basis_points(at, max);
                match markers.last_mut() {
                    Some(last) if last.label == label => {
                        last.rewards = phrases.words.join(&[last.rewards.clone(), reward]);
                    }
                    _ => markers.push(Marker {
                        at: position,
                        label,
                        rewards: reward,
                        reached: value >= at,
                    }),
                }
            }
            let money = matches!(measured, Measure::Amount(_));
            // Units written as a whole amount: the crate's own digits, not the formatting of i128
            // (1.5 KB of wasm for these two calls alone).
            let max_units = || Money::from_minor(max, 0).to_string();
            let max_plain = match measured {
                Measure::Amount(_) => Money::from_minor(max, config.currency.minor_digits).to_string(),
                Measure::Units(_) => max_units(),
            };
            let max_label = match measured {
                Measure::Amount(_) => phrases.amount(Money::from_minor(max, config.currency.minor_digits)),
                Measure::Units(_) => max_units(),
            };
            Track {
                money,
                value: value_plain,
                fill: basis_points(value, max),
                value_text: phrases
                    .words
                    .fill(
                        "value_text",
                        &[
                            ("amount", &phrases.quantity(measured)),
                            ("threshold", &max_label),
                            ("message", message),
                        ],
                    )
                    .trim_end()
                    .to_owned(),
                max: max_plain,
                markers,
            }
        })
        .collect()
}

/// `value / max` in hundredths of a percent, within 0..=10000.
fn basis_points(value: i128, max: i128) -> u32 {
    if max <= 0 || value >= max {
        return 10_000;
    }
    (value.max(0) * 10_000 / max) as u32
}

/// A promotion's milestones on its bar: each available tier, or for "every X" the next multiple.
fn milestones(
    config: &Config,
    held: &[(String, u64)],
    promotion: &Promotion,
    next: Option<&crate::quote::Next>,
    phrases: &Phrases<'_>,
) -> Vec<Milestone> {
    // Repeating offers: only the next step is a milestone.
    if matches!(
        promotion.kind,
        Kind::AmountOffEvery | Kind::BuyXGetY | Kind::BundlePrice
    ) {
        return next
            .map(|n| {
                let (at, _) = plain(&n.threshold);
                vec![(
                    at,
                    phrases.quantity(&n.threshold),
                    phrases.unlocks(&n.unlocks, phrases.method_of(promotion)),
                )]
            })
            .unwrap_or_default();
    }
    let digits = config.currency.minor_digits;
    promotion
        .tiers
        .iter()
        .filter(|t| tier_available(config, held, &t.reward))
        .map(|tier| {
            let (at, label) = match tier.threshold {
                Measure::Amount(amount) => {
                    let money = Money::from_decimal(amount, digits);
                    (money.minor(), phrases.amount(money))
                }
                Measure::Units(units) => (units as i128, units.to_string()),
            };
            (
                at,
                label,
                phrases.reward(&tier.reward, None, phrases.method_of(promotion)),
            )
        })
        .collect()
}

/// The message for the nearest milestone: money milestones first (least remaining), then units;
/// every promotion whose next tier is exactly as near is named in it.
fn nearest_message(
    config: &Config,
    quote: &Quote,
    phrases: &Phrases<'_>,
) -> (Option<String>, Option<Nearest>) {
    // A tier whose reaching would not make its promotion apply (another offer of its group stays
    // better) is never promised. One that replaces another offer of its group is, as what it gives.
    let pending: Vec<_> = quote
        .progress
        .iter()
        .filter(|p| p.next.as_ref().is_some_and(|n| n.applies != Some(false)))
        .collect();
    // A promotion whose spend is there and only its condition is missing is one step away: "Add 1
    // more qualifying item for 10% off". One whose spend is missing too waits for its spend.
    let only_condition = pending
        .iter()
        .find(|p| !p.condition.is_empty() && p.next.as_ref().is_some_and(|n| plain(&n.remaining).0 == 0));
    if let (Some(p), Some(next)) = (only_condition, only_condition.and_then(|p| p.next.as_ref())) {
        let gap = &p.condition[0];
        let (count, count_plain) = plain(&gap.remaining);
        let key = match (&gap.remaining, count) {
            (Measure::Amount(_), _) => "progress_condition_amount",
            (Measure::Units(_), 1) => "progress_condition_unit",
            (Measure::Units(_), _) => "progress_condition_units",
        };
        let message = phrases.words.fill(
            key,
            &[
                ("remaining", &phrases.quantity(&gap.remaining)),
                ("reward", &phrases.unlocks_of(&p.promotion, &next.unlocks)),
            ],
        );
        let nearest = Nearest {
            promotions: vec![(p.promotion.clone(), next.tier)],
            remaining: count_plain,
            threshold: plain(&gap.threshold).1,
            unit: gap.unit,
        };
        return (Some(message), Some(nearest));
    }
    let money: Vec<_> = pending.iter().filter(|p| p.unit == "amount").copied().collect();
    let pool = if money.is_empty() { pending } else { money };
    let Some(best) = pool
        .iter()
        .min_by_key(|p| p.next.as_ref().map_or(i128::MAX, |n| plain(&n.remaining).0))
    else {
        return (None, None);
    };
    let Some(best_next) = best.next.as_ref() else {
        return (None, None);
    };
    let together: Vec<_> = pool
        .iter()
        .filter(|p| {
            p.next
                .as_ref()
                .is_some_and(|n| n.remaining == best_next.remaining)
        })
        .collect();
    let rewards: Vec<String> = together
        .iter()
        .filter_map(|p| {
            p.next
                .as_ref()
                .map(|n| phrases.unlocks_of(&p.promotion, &n.unlocks))
        })
        .collect();
    let words = phrases.words;
    let (remaining, remaining_plain) = plain(&best_next.remaining);
    let key = match (&best_next.remaining, remaining) {
        // Nothing in scope yet: "Spend ¥99.00 for free shipping", not "Add ¥99.00 more".
        (Measure::Amount(_), _) if best_next.remaining == best_next.threshold => "start",
        (Measure::Amount(_), _) => "progress",
        (Measure::Units(_), 1) => "progress_unit",
        (Measure::Units(_), _) => "progress_units",
    };
    let template = together
        .iter()
        .filter_map(|p| config.promotion(&p.promotion))
        .find_map(|p| words.pick(p.messages.as_ref().and_then(|m| m.progress.as_ref())))
        .unwrap_or_else(|| words.get(key));
    let message = super::messages::fill(
        template,
        &[
            ("remaining", &phrases.quantity(&best_next.remaining)),
            ("reward", &words.join(&rewards)),
            ("threshold", &phrases.quantity(&best_next.threshold)),
        ],
    );
    let nearest = Nearest {
        promotions: together
            .iter()
            .filter_map(|p| p.next.as_ref().map(|n| (p.promotion.clone(), n.tier)))
            .collect(),
        remaining: remaining_plain,
        threshold: plain(&best_next.threshold).1,
        unit: if best.unit == "amount" {
            "amount"
        } else {
            "quantity"
        },
    };
    (Some(message), Some(nearest))
}

/// A suggestion as a card.
fn card(
    config: &Config,
    quote: &Quote,
    suggestion: &crate::suggest::Suggestion,
    phrases: &Phrases<'_>,
) -> Card {
    let words = phrases.words;
    let names: Vec<String> = suggestion
        .items
        .iter()
        .map(|item| {
            let name = phrases.item_name(&item.sku);
            if item.quantity > 1 {
                format!("{name} ×{}", item.quantity)
            } else {
                name
            }
        })
        .collect();
    let name = names.join(" + ");
    let price = phrases.amount(suggestion.spend);
    let rewards: Vec<String> = suggestion
        .reaches
        .iter()
        .filter_map(|reach| {
            // The quote's next tier has the exact unlocks; a tier further on is read from the config.
            let next = quote
                .progress
                .iter()
                .find(|p| *p.promotion == *reach.promotion)
                .and_then(|p| p.next.as_ref())
                .filter(|n| n.tier == reach.tier);
            match next {
                Some(next) => Some(phrases.unlocks_of(&reach.promotion, &next.unlocks)),
                None => {
                    let promotion = config.promotion(&reach.promotion)?;
                    let tier = promotion.tiers.get(reach.tier)?;
                    Some(phrases.reward(&tier.reward, None, phrases.method_of(promotion)))
                }
            }
        })
        .collect();
    let image = suggestion
        .items
        .first()
        .and_then(|item| config.catalog_item(&item.sku))
        .and_then(|item| item.image.clone());
    let reason = match suggestion.reason {
        Reason::ClosesExactly => Some(words.get("reason_closes_exactly").to_owned()),
        Reason::GoesWithCart => suggestion
            .goes_with
            .as_ref()
            .map(|sku| words.fill("reason_goes_with", &[("name", &phrases.item_name(sku))])),
        Reason::Pinned => Some(words.get("reason_pinned").to_owned()),
        Reason::Popular => Some(words.get("reason_popular").to_owned()),
        Reason::Margin | Reason::ClosesGap | Reason::InScope => None,
    };
    Card {
        items: suggestion
            .items
            .iter()
            .map(|i| (i.sku.clone(), i.quantity))
            .collect(),
        button_label: words.fill("add_label", &[("name", &name)]),
        name,
        price,
        image,
        unlocks: if rewards.is_empty() {
            String::new()
        } else {
            words.fill("unlocks", &[("reward", &words.join(&rewards))])
        },
        reason,
    }
}
