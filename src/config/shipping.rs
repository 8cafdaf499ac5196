//! Shipping methods: each with its fee and, by destination country, other fees. A cart names its
//! method (default: the first) and its destination; shipping promotions may be limited to some
//! methods and some destinations.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::document::ShippingMethodDoc;
use crate::error::{Error, JsonPath};
use crate::money::{parse_amount, Currency, Rounding};

/// The most shipping methods a config may list.
pub const MAX_METHODS: usize = 10;
/// The most destination zones a method may list.
pub const MAX_ZONES: usize = 50;

/// A way to ship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippingMethod {
    /// Its id (`standard`, `express`), as carts and promotions name it.
    pub id: Arc<str>,
    /// What shoppers call it ("Express"), for the widget's words.
    pub label: Option<String>,
    /// Its fee where no zone says otherwise.
    pub fee: Decimal,
    /// Fees by destination.
    pub zones: Vec<Zone>,
}

/// Destinations that share a fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    /// ISO 3166-1 alpha-2 codes (`CN`, `HK`).
    pub countries: Vec<String>,
    /// The fee to them.
    pub fee: Decimal,
}

impl ShippingMethod {
    /// The fee to `country` (the method's own where no zone lists it, or without a country).
    pub fn fee_to(&self, country: Option<&str>) -> Decimal {
        country
            .and_then(|c| self.zones.iter().find(|z| z.countries.iter().any(|x| x == c)))
            .map_or(self.fee, |z| z.fee)
    }

    /// The name shoppers read: its label, else its id.
    pub fn name(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.id)
    }

    /// The method with every fee converted at `rate` (half up to `digits`), for a market.
    pub(crate) fn converted(&self, rate: Decimal, digits: u32) -> ShippingMethod {
        let convert = |fee: Decimal| Rounding::HalfUp.round(fee * rate, digits);
        ShippingMethod {
            fee: convert(self.fee),
            zones: self
                .zones
                .iter()
                .map(|z| Zone {
                    countries: z.countries.clone(),
                    fee: convert(z.fee),
                })
                .collect(),
            ..self.clone()
        }
    }
}

/// Whether `code` is written as an ISO 3166-1 alpha-2 code: two capital letters.
pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|c| c.is_ascii_uppercase())
}

/// Validates the methods written at `path` (`shipping.methods`), their fees in `currency`
/// (`default_fee` where a method gives none).
pub(crate) fn validate_methods(
    docs: &[ShippingMethodDoc],
    default_fee: Decimal,
    currency: Currency,
    path: &JsonPath,
    errors: &mut Vec<Error>,
) -> Vec<ShippingMethod> {
    if docs.is_empty() || docs.len() > MAX_METHODS {
        errors.push(Error::invalid(
            path,
            format!("`methods` lists 1 to {MAX_METHODS} shipping methods (leave it out for one flat fee)"),
        ));
        return Vec::new();
    }
    let mut methods: Vec<ShippingMethod> = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let at = path.index(i);
        let before = errors.len();
        if doc.id.is_empty() {
            errors.push(Error::invalid(&at.key("id"), "a method's id must not be empty"));
        } else if docs[..i].iter().any(|d| d.id == doc.id) {
            errors.push(Error::invalid(
                &at.key("id"),
                format!("duplicate method id `{}`", doc.id),
            ));
        }
        let amount = |text: &str, at: &JsonPath, errors: &mut Vec<Error>| {
            parse_amount(text, currency, at)
                .map_err(|e| errors.push(e))
                .unwrap_or_default()
        };
        let fee = match &doc.fee {
            Some(fee) => amount(&fee.0, &at.key("fee"), errors),
            None => default_fee,
        };
        let zone_docs = doc.zones.as_deref().unwrap_or_default();
        if zone_docs.len() > MAX_ZONES {
            errors.push(Error::invalid(
                &at.key("zones"),
                format!("at most {MAX_ZONES} zones a method"),
            ));
            continue;
        }
        let mut zones: Vec<Zone> = Vec::with_capacity(zone_docs.len());
        let mut seen: Vec<&str> = Vec::new();
        for (z, zone) in zone_docs.iter().enumerate() {
            let zone_path = at.key("zones").index(z);
            if zone.countries.is_empty() {
                errors.push(Error::invalid(
                    &zone_path.key("countries"),
                    "a zone lists at least one country",
                ));
            }
            for (c, country) in zone.countries.iter().enumerate() {
                if !is_country_code(country) {
                    errors.push(Error::invalid(
                        &zone_path.key("countries").index(c),
                        format!("`{country}` is not an ISO 3166-1 alpha-2 code such as \"CN\" or \"HK\""),
                    ));
                } else if seen.contains(&country.as_str()) {
                    errors.push(Error::invalid(
                        &zone_path.key("countries").index(c),
                        format!("`{country}` is in two zones of this method: which fee applies?"),
                    ));
                } else {
                    seen.push(country);
                }
            }
            zones.push(Zone {
                countries: zone.countries.clone(),
                fee: amount(&zone.fee.0, &zone_path.key("fee"), errors),
            });
        }
        if errors.len() == before {
            methods.push(ShippingMethod {
                id: Arc::from(doc.id.as_str()),
                label: doc.label.clone(),
                fee,
                zones,
            });
        }
    }
    methods
}
