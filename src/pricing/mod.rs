//! The pricing wing: from a validated config and cart to a quote.
//!
//! - `budget`: the work a quote may do, and `too_complex` past it;
//! - [`engine`]: the entry points (`Engine::quote`, `quote_json`, ...) and the basket;
//! - `eligibility`: whether a promotion is open to a cart now (schedule, segment, coupon, market);
//! - [`evaluate`]: applying promotions in order, and the best-for-customer search over groups;
//! - `progress`: the tier reached and `remaining` to the next, exact both ways, and `explain`;
//! - `report`: the quote written out, with `skipped`;
//! - [`checkout`]: server mode, a cart priced trusting nothing the browser decides;
//! - `units`: the units of a basket with what is left of each, the discounts split unit by unit;
//! - [`allocate`]: splitting an amount across weights so that the shares add up exactly.

pub mod allocate;
pub(crate) mod budget;
pub mod checkout;
mod eligibility;
pub mod engine;
pub mod evaluate;
mod progress;
mod report;
mod units;
