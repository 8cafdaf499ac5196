//! Whether a promotion is open to a cart now: the one place these rules live, used both to price a
//! cart and to say why a promotion was skipped.

use crate::cart::Cart;
use crate::config::Promotion;
use crate::time::Millis;

/// Why a promotion is closed to a cart, in the order the rules are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Closed {
    /// The promotion is not offered in the cart's market.
    Market,
    /// Its schedule has not started.
    NotStarted,
    /// Its schedule has ended (`ends_at` is exclusive).
    Ended,
    /// The customer is in none of its segments.
    Segment,
    /// The cart does not carry its coupon code.
    CouponMissing,
}

impl Closed {
    /// The `reason` a quote's `skipped` entry gives.
    pub(crate) fn reason(self) -> &'static str {
        match self {
            Closed::Market => "market",
            Closed::NotStarted => "not_started",
            Closed::Ended => "ended",
            Closed::Segment => "segment",
            Closed::CouponMissing => "coupon_missing",
        }
    }
}

/// `None` when `promotion` is open to `cart` at `now`, else the first rule that closes it.
pub(crate) fn closed(promotion: &Promotion, cart: &Cart, now: Millis) -> Option<Closed> {
    if !promotion.offered {
        Some(Closed::Market)
    } else if promotion.starts_at.is_some_and(|start| now < start) {
        Some(Closed::NotStarted)
    } else if promotion.ends_at.is_some_and(|end| now >= end) {
        Some(Closed::Ended)
    } else if !promotion.segments.is_empty() && !promotion.segments.iter().any(|s| cart.segments.contains(s))
    {
        Some(Closed::Segment)
    } else if promotion
        .coupon
        .as_ref()
        .is_some_and(|code| !cart.coupons.contains(code))
    {
        Some(Closed::CouponMissing)
    } else {
        None
    }
}
