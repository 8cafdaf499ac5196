//! Exact money: ISO 4217 currencies, decimal amounts read from text, rounding and formatting.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, JsonPath};

/// An ISO 4217 currency with the number of its minor-unit digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// The three-letter code, e.g. `CNY`.
    pub code: &'static str,
    /// Digits after the decimal point: 0 for JPY, 2 for CNY, 3 for KWD.
    pub minor_digits: u32,
}

/// The currencies nexttier knows, with their ISO 4217 minor units.
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EGP", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("MAD", 2),
    ("MXN", 2),
    ("MYR", 2),
    ("NGN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PEN", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RUB", 2),
    ("SAR", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("THB", 2),
    ("TND", 3),
    ("TRY", 2),
    ("TWD", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("VND", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("ZAR", 2),
];

impl Currency {
    /// Stands in for an unknown code while the rest of a config is checked; never priced with.
    pub(crate) const UNKNOWN: Currency = Currency {
        code: "XXX",
        minor_digits: 3,
    };

    /// Looks up an ISO 4217 code (upper case, as the standard writes it).
    pub fn from_code(code: &str) -> Option<Currency> {
        CURRENCIES
            .binary_search_by(|(c, _)| (*c).cmp(code))
            .ok()
            .map(|i| Currency {
                code: CURRENCIES[i].0,
                minor_digits: CURRENCIES[i].1,
            })
    }

    /// Every known currency, sorted by code.
    pub fn all() -> impl Iterator<Item = Currency> {
        CURRENCIES.iter().map(|(code, minor_digits)| Currency {
            code,
            minor_digits: *minor_digits,
        })
    }

    /// The smallest amount of this currency (0.01 for CNY, 1 for JPY).
    pub fn minor_unit(&self) -> Decimal {
        Decimal::new(1, self.minor_digits)
    }

    /// The amount as [`Money`] of this currency (already exact in minor units; anything finer is cut).
    pub fn money(&self, amount: Decimal) -> Money {
        Money::from_decimal(amount, self.minor_digits)
    }

    /// A non-negative amount already exact in this currency's minor units (every price read through
    /// [`parse_amount`] is) as [`Money`], with no rounding step.
    pub(crate) fn exact(&self, amount: Decimal) -> Money {
        Money::from_minor(to_minor(amount, self.minor_digits) as i128, self.minor_digits)
    }

    /// The amount as a string with exactly the currency's minor digits: `7.00`, `557`, `1.250`.
    /// (Amounts are already exact in minor units; anything finer is cut, never rounded up.)
    pub fn format(&self, amount: Decimal) -> String {
        let mut rounded = amount.round_dp_with_strategy(self.minor_digits, RoundingStrategy::ToZero);
        rounded.rescale(self.minor_digits);
        format_minor(rounded.mantissa(), self.minor_digits)
    }
}

/// Writes whole minor units as a decimal string with `digits` decimals (`700, 2` → `7.00`).
pub(crate) fn format_minor(minor: i128, digits: u32) -> String {
    let mut buffer = [0u8; 48];
    digits_of(minor, digits, &mut buffer).to_owned()
}

/// The text of `minor` minor units with `digits` decimals, written at the end of `buffer`.
#[cfg_attr(nexttier_speed, optimize(speed))]
fn digits_of(minor: i128, digits: u32, buffer: &mut [u8; 48]) -> &str {
    let mut value = minor.unsigned_abs();
    let mut at = buffer.len();
    let mut written = 0;
    loop {
        at -= 1;
        // Amounts stay far below 2^64 minor units, where division is cheap.
        let digit = match u64::try_from(value) {
            Ok(small) => {
                value = u128::from(small / 10);
                small % 10
            }
            Err(_) => {
                let d = (value % 10) as u64;
                value /= 10;
                d
            }
        };
        buffer[at] = b'0' + digit as u8;
        written += 1;
        if written == digits {
            at -= 1;
            buffer[at] = b'.';
        }
        if (value == 0 && written > digits) || at < 2 {
            break;
        }
    }
    if minor < 0 {
        at -= 1;
        buffer[at] = b'-';
    }
    // Only ASCII digits, '.' and '-' were written.
    std::str::from_utf8(&buffer[at..]).unwrap_or("0")
}

/// Converts an amount already rounded to `digits` decimals into whole minor units.
pub(crate) fn to_minor(amount: Decimal, digits: u32) -> u128 {
    let mut value = amount;
    value.rescale(digits);
    u128::try_from(value.mantissa()).unwrap_or(0)
}

/// Converts whole minor units back into an amount with `digits` decimals.
pub(crate) fn from_minor(minor: u128, digits: u32) -> Decimal {
    Decimal::from_i128_with_scale(i128::try_from(minor).unwrap_or(i128::MAX), digits)
}

/// An exact amount: whole minor units of a currency, written with exactly its minor digits
/// (`7.00` in CNY, `557` in JPY, `1.250` in KWD). Copy, no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    /// The whole minor units as the two halves of an `i128` (high first, so the derived order is
    /// the amount's): 8-byte aligned, where an `i128` would make `Money` and everything holding it
    /// 16-byte aligned, which sends their allocations through the wasm allocator's slower
    /// `memalign`.
    high: i64,
    low: u64,
    digits: u32,
}

impl Money {
    /// An amount of `minor` minor units with `digits` decimals.
    pub fn from_minor(minor: i128, digits: u32) -> Self {
        Money {
            high: (minor >> 64) as i64,
            low: minor as u64,
            digits,
        }
    }

    /// An amount from a decimal already exact in `digits` decimals (anything finer is cut).
    pub fn from_decimal(amount: Decimal, digits: u32) -> Self {
        let mut rounded = amount.round_dp_with_strategy(digits, RoundingStrategy::ToZero);
        rounded.rescale(digits);
        Money::from_minor(rounded.mantissa(), digits)
    }

    /// Whole minor units.
    pub fn minor(&self) -> i128 {
        (i128::from(self.high) << 64) | i128::from(self.low)
    }

    /// The amount as a decimal.
    pub fn to_decimal(&self) -> Decimal {
        Decimal::from_i128_with_scale(self.minor(), self.digits)
    }

    /// Appends the amount's digits to `out` without allocating.
    #[cfg_attr(nexttier_speed, optimize(speed))]
    pub fn write_to(&self, out: &mut String) {
        let mut buffer = [0u8; 48];
        out.push_str(digits_of(self.minor(), self.digits, &mut buffer));
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buffer = [0u8; 48];
        f.write_str(digits_of(self.minor(), self.digits, &mut buffer))
    }
}

impl PartialEq<&str> for Money {
    fn eq(&self, other: &&str) -> bool {
        let mut buffer = [0u8; 48];
        digits_of(self.minor(), self.digits, &mut buffer) == *other
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buffer = [0u8; 48];
        serializer.serialize_str(digits_of(self.minor(), self.digits, &mut buffer))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact amount as a decimal string with exactly the currency's minor digits: \"7.00\", \"557\", \"1.250\".",
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

/// An amount or a count of units: what a tier's threshold asks for, what a cart measured against it,
/// and how far the next tier is. The one "money or units" type from the config to the quote; `A` is
/// the form of the amount: a `Decimal` while pricing, [`Money`] in the quote (a string in JSON, where
/// units are a number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Measure<A = Decimal> {
    /// An amount in the currency (in-scope spend).
    Amount(A),
    /// A number of in-scope units.
    Units(u64),
}

// The quote's form keeps the name the JSON Schema and the TypeScript types have always given it.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Measure<Money> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quantity".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut amount = generator.subschema_for::<Money>();
        amount.insert("description".into(), "An amount in the currency.".into());
        schemars::json_schema!({
            "description": "An amount (a string) or a count of units (a number), depending on what a promotion measures.",
            "anyOf": [
                amount,
                { "description": "A number of units.", "type": "integer", "format": "uint64", "minimum": 0 }
            ]
        })
    }
}

/// How an amount computed from a percentage is rounded to the minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// Half away from zero: 0.125 → 0.13 (the default).
    #[default]
    HalfUp,
    /// Half to even (banker's rounding): 0.125 → 0.12.
    HalfEven,
    /// Towards zero: 0.129 → 0.12, never in the merchant's disfavour by more than a minor unit.
    Down,
    /// Away from zero: 0.121 → 0.13 (markets' converted thresholds; not a config `rounding`).
    Up,
}

impl Rounding {
    /// Rounds `amount` to `digits` decimals with this rule.
    pub fn round(self, amount: Decimal, digits: u32) -> Decimal {
        let strategy = match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Down => RoundingStrategy::ToZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
        };
        amount.round_dp_with_strategy(digits, strategy)
    }

    /// `percent` % of `minor` minor units, rounded to a whole minor unit with this rule, in integer
    /// arithmetic (once, on the whole amount).
    pub fn percent_of(self, minor: u128, percent: Decimal) -> u128 {
        // percent = mantissa / 10^scale, so the exact result is minor × mantissa / (100 × 10^scale).
        let mantissa = u128::try_from(percent.mantissa()).unwrap_or(0);
        let numerator = minor.saturating_mul(mantissa);
        let denominator = 100 * 10u128.pow(percent.scale());
        self.divide(numerator, denominator)
    }

    /// `numerator / denominator` rounded with this rule.
    pub fn divide(self, numerator: u128, denominator: u128) -> u128 {
        let (quotient, remainder) = (numerator / denominator, numerator % denominator);
        let up = match self {
            Rounding::Down => false,
            Rounding::Up => remainder > 0,
            Rounding::HalfUp => 2 * remainder >= denominator,
            Rounding::HalfEven => {
                2 * remainder > denominator || (2 * remainder == denominator && quotient % 2 == 1)
            }
        };
        quotient + u128::from(up)
    }
}

/// The largest number of integer digits an amount may have (below 10^15). Together with the limits
/// on quantities and lines this keeps every sum far inside `Decimal`'s range, so nothing overflows.
pub const MAX_INTEGER_DIGITS: usize = 15;

/// The most fractional digits any number may be written with before its field's own limit applies.
const MAX_FRACTION_DIGITS: usize = 12;

/// Parses a decimal number written as in JSON (`-12.50`, `99`, `1e2`) without ever using a float.
///
/// `detail` errors describe the problem; the caller adds the path.
#[cfg_attr(nexttier_speed, optimize(speed))]
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let invalid = || {
        format!(
            "invalid number `{}`: expected a decimal such as \"99\" or \"7.50\"",
            clip(text)
        )
    };
    let bytes = text.as_bytes();
    let mut pos = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        pos += 1;
    }
    let int_start = pos;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        pos += 1;
    }
    let int_digits = &text[int_start..pos];
    if int_digits.is_empty() {
        return Err(invalid());
    }
    let mut frac_digits = "";
    if pos < bytes.len() && bytes[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        frac_digits = &text[start..pos];
        if frac_digits.is_empty() {
            return Err(invalid());
        }
    }
    let mut exponent: i64 = 0;
    if pos < bytes.len() && (bytes[pos] == b'e' || bytes[pos] == b'E') {
        pos += 1;
        let exp_negative = match bytes.get(pos) {
            Some(b'-') => {
                pos += 1;
                true
            }
            Some(b'+') => {
                pos += 1;
                false
            }
            _ => false,
        };
        let start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        let digits = &text[start..pos];
        if digits.is_empty() || digits.len() > 4 {
            return Err(invalid());
        }
        exponent = digits.parse::<i64>().map_err(|_| invalid())?;
        if exp_negative {
            exponent = -exponent;
        }
    }
    if pos != bytes.len() {
        return Err(invalid());
    }
    // Significant digits: the integer part without its leading zeros, then the fraction without
    // its trailing zeros, less the fraction's leading zeros when there is no integer part.
    // Counted and accumulated in place: no string is built (this runs for every price of a cart).
    let int_trimmed = &int_digits[zeros_at_start(int_digits.as_bytes())..];
    let frac_trimmed = &frac_digits[..frac_digits.len() - zeros_at_end(frac_digits.as_bytes())];
    let leading = if int_trimmed.is_empty() {
        zeros_at_start(frac_trimmed.as_bytes())
    } else {
        0
    };
    let significant = (int_trimmed.len() + frac_trimmed.len() - leading) as i64;
    if significant == 0 {
        return Ok(Decimal::ZERO);
    }
    let mut scale = frac_trimmed.len() as i64 - exponent;
    // A negative scale means trailing zeros to append.
    let mut zeros = 0;
    if scale < 0 {
        if significant - scale > MAX_INTEGER_DIGITS as i64 {
            return Err(too_large(text));
        }
        zeros = -scale;
        scale = 0;
    }
    let integer_digits = significant + zeros - scale;
    if integer_digits > MAX_INTEGER_DIGITS as i64 {
        return Err(too_large(text));
    }
    if scale > MAX_FRACTION_DIGITS as i64 {
        return Err(format!(
            "number `{}` has more than {MAX_FRACTION_DIGITS} decimals",
            clip(text)
        ));
    }
    // At most 27 significant digits here: the mantissa fits an i128 with room to spare. Up to 19
    // digits it is accumulated in a u64 (an i128 multiplication is a call in the wasm).
    let mut mantissa: i128 = if int_trimmed.len() + frac_trimmed.len() <= 19 {
        let mut small: u64 = 0;
        for part in [int_trimmed, frac_trimmed] {
            for &b in part.as_bytes() {
                small = small * 10 + u64::from(b - b'0');
            }
        }
        i128::from(small)
    } else {
        let mut large: i128 = 0;
        for part in [int_trimmed, frac_trimmed] {
            for &b in part.as_bytes() {
                large = large * 10 + i128::from(b - b'0');
            }
        }
        large
    };
    for _ in 0..zeros {
        mantissa *= 10;
    }
    let mut value = Decimal::from_i128_with_scale(mantissa, scale as u32);
    if negative {
        value.set_sign_negative(true);
    }
    Ok(value.normalize())
}

/// How many `'0'`s `bytes` starts with (an index loop: `trim_start_matches` goes through the char
/// pattern machinery, a chain of calls in the wasm, for every price of a cart).
#[inline(always)]
fn zeros_at_start(bytes: &[u8]) -> usize {
    let mut n = 0;
    while n < bytes.len() && bytes[n] == b'0' {
        n += 1;
    }
    n
}

/// How many `'0'`s `bytes` ends with.
#[inline(always)]
fn zeros_at_end(bytes: &[u8]) -> usize {
    let mut n = 0;
    while n < bytes.len() && bytes[bytes.len() - 1 - n] == b'0' {
        n += 1;
    }
    n
}

fn too_large(text: &str) -> String {
    format!(
        "number `{}` is too large: at most {MAX_INTEGER_DIGITS} integer digits are supported",
        clip(text)
    )
}

/// Keeps error messages short when the input is huge.
fn clip(text: &str) -> String {
    if text.len() <= 40 {
        text.to_owned()
    } else {
        let mut end = 40;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &text[..end])
    }
}

/// Parses a non-negative money amount that must be exact in `currency`'s minor units.
pub fn parse_amount(text: &str, currency: Currency, path: &JsonPath) -> Result<Decimal, Error> {
    amount_value(text, currency).map_err(|detail| Error::number(path, detail))
}

/// [`parse_amount`] without a path: the error is its detail, for callers that build the path only
/// when something is wrong (a cart's lines, on every quote).
#[cfg_attr(nexttier_speed, optimize(speed))]
pub(crate) fn amount_value(text: &str, currency: Currency) -> Result<Decimal, String> {
    let value = parse_decimal(text)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!("amount `{text}` is negative"));
    }
    if value.scale() > currency.minor_digits {
        return Err(format!(
            "amount `{text}` has more decimals than {} allows ({})",
            currency.code, currency.minor_digits
        ));
    }
    let mut value = value.abs();
    value.rescale(currency.minor_digits);
    Ok(value)
}

/// Parses a price given in whole minor units of `currency` (`"3800"` → 38.00 CNY, `"557"` → 557 JPY).
pub(crate) fn minor_amount_value(text: &str, currency: Currency) -> Result<Decimal, String> {
    let value = parse_decimal(text)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!("amount `{text}` is negative"));
    }
    if value.normalize().scale() > 0 {
        return Err(format!(
            "amount `{text}` is not a whole number of minor units (the cart says \"amounts\": \"minor\")"
        ));
    }
    let mut value = value.abs().trunc();
    value
        .set_scale(currency.minor_digits)
        .map_err(|_| format!("amount `{text}` is too large"))?;
    Ok(value)
}

/// Parses a percentage: above 0, at most 100, at most 4 decimals.
pub fn parse_percent(text: &str, path: &JsonPath) -> Result<Decimal, Error> {
    let value = parse_decimal(text).map_err(|detail| Error::number(path, detail))?;
    if value <= Decimal::ZERO || value > Decimal::ONE_HUNDRED {
        return Err(Error::number(
            path,
            format!("percent `{text}` must be above 0 and at most 100"),
        ));
    }
    if value.scale() > 4 {
        return Err(Error::number(
            path,
            format!("percent `{text}` has more than 4 decimals"),
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny() -> Currency {
        Currency::from_code("CNY").unwrap()
    }

    #[test]
    fn table_is_sorted_and_has_the_required_minor_units() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CURRENCIES.len() >= 30);
        for (code, digits) in [
            ("JPY", 0),
            ("KRW", 0),
            ("KWD", 3),
            ("BHD", 3),
            ("OMR", 3),
            ("USD", 2),
        ] {
            assert_eq!(Currency::from_code(code).unwrap().minor_digits, digits, "{code}");
        }
        assert_eq!(Currency::from_code("XXX"), None);
        assert_eq!(Currency::from_code("cny"), None);
    }

    #[test]
    fn parses_json_number_text_exactly() {
        assert_eq!(parse_decimal("7.5").unwrap().to_string(), "7.5");
        assert_eq!(parse_decimal("99.00").unwrap().to_string(), "99");
        assert_eq!(parse_decimal("1e2").unwrap().to_string(), "100");
        assert_eq!(parse_decimal("1.5E-1").unwrap().to_string(), "0.15");
        assert_eq!(parse_decimal("0.1").unwrap().to_string(), "0.1");
        assert_eq!(parse_decimal("-0").unwrap(), Decimal::ZERO);
        assert_eq!(parse_decimal("000123.4500").unwrap().to_string(), "123.45");
        for bad in [
            "", "-", "+1", ".5", "5.", "1e", "1e+", "1,5", " 1", "NaN", "1e99999", "0x10",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn refuses_absurd_amounts_instead_of_overflowing() {
        let forty = "1234567890123456789012345678901234567890";
        assert!(parse_decimal(forty).unwrap_err().contains("too large"));
        assert!(parse_decimal("1e15").is_err());
        assert!(parse_decimal("999999999999999").is_ok());
        assert!(parse_decimal("1e-13").is_err());
        // Refused for its decimals, never rounded to fit (rust_decimal would read 800000000000000).
        assert!(parse_decimal("800000000000000.00000000000095")
            .unwrap_err()
            .contains("more than 12 decimals"));
        assert_eq!(
            parse_decimal("800000000000000.000000000000").unwrap().to_string(),
            "800000000000000"
        );
    }

    #[test]
    fn amounts_respect_the_currency_minor_units() {
        let path = JsonPath::root().key("price");
        assert_eq!(cny().format(parse_amount("7", cny(), &path).unwrap()), "7.00");
        assert_eq!(cny().format(parse_amount("7.500", cny(), &path).unwrap()), "7.50");
        assert!(parse_amount("7.001", cny(), &path).is_err());
        assert!(parse_amount("-1", cny(), &path).is_err());
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(jpy.format(parse_amount("557", jpy, &path).unwrap()), "557");
        assert!(parse_amount("557.5", jpy, &path).is_err());
        let kwd = Currency::from_code("KWD").unwrap();
        assert_eq!(kwd.format(parse_amount("1.25", kwd, &path).unwrap()), "1.250");
    }

    #[test]
    fn formats_minor_units() {
        assert_eq!(format_minor(700, 2), "7.00");
        assert_eq!(format_minor(5, 2), "0.05");
        assert_eq!(format_minor(0, 2), "0.00");
        assert_eq!(format_minor(0, 0), "0");
        assert_eq!(format_minor(557, 0), "557");
        assert_eq!(format_minor(1250, 3), "1.250");
        assert_eq!(format_minor(-1, 2), "-0.01");
        assert_eq!(
            format_minor(99_999_999_999_999_999_999, 2),
            "999999999999999999.99"
        );
    }

    #[test]
    fn rounding_rules() {
        let x = Decimal::new(125, 3); // 0.125
        assert_eq!(Rounding::HalfUp.round(x, 2).to_string(), "0.13");
        assert_eq!(Rounding::HalfEven.round(x, 2).to_string(), "0.12");
        assert_eq!(Rounding::Down.round(Decimal::new(129, 3), 2).to_string(), "0.12");
    }

    #[test]
    fn percent_bounds() {
        let path = JsonPath::root();
        assert!(parse_percent("0", &path).is_err());
        assert!(parse_percent("100.01", &path).is_err());
        assert_eq!(parse_percent("12.5", &path).unwrap().to_string(), "12.5");
    }
}
