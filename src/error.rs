//! Errors: every refusal names the JSON path of the bad field and carries a stable code.

use std::fmt;

/// A JSON path such as `promotions[1].tiers[0].min_subtotal`; the empty path is the document itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JsonPath(String);

impl JsonPath {
    /// The document root.
    pub fn root() -> Self {
        JsonPath(String::new())
    }

    /// The path of `key` inside this object.
    pub fn key(&self, key: &str) -> Self {
        if self.0.is_empty() {
            JsonPath(key.to_owned())
        } else {
            let mut path = String::with_capacity(self.0.len() + 1 + key.len());
            path.push_str(&self.0);
            path.push('.');
            path.push_str(key);
            JsonPath(path)
        }
    }

    /// The path of element `index` inside this array.
    pub fn index(&self, index: usize) -> Self {
        let mut path = String::with_capacity(self.0.len() + 8);
        path.push_str(&self.0);
        path.push('[');
        crate::digits::push_u64(&mut path, index as u64);
        path.push(']');
        JsonPath(path)
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("(document)")
        } else {
            f.write_str(&self.0)
        }
    }
}

/// The document itself, for errors about the whole of it.
static ROOT: JsonPath = JsonPath(String::new());

/// One reason an input was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The text is not JSON at all.
    #[error("malformed JSON at line {line}, column {column}: {detail}")]
    Syntax {
        /// Where the document is (empty for the root).
        path: JsonPath,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What the parser saw.
        detail: String,
    },
    /// An object has a key the format does not define.
    #[error("{path}: unknown key `{key}`{hint}")]
    UnknownKey {
        /// The path of the unknown key.
        path: JsonPath,
        /// The key itself.
        key: String,
        /// The allowed keys, as ", expected one of ...", or empty.
        hint: String,
    },
    /// A required key is absent.
    #[error("{path}: missing required key `{key}`")]
    MissingKey {
        /// The path of the object that lacks the key.
        path: JsonPath,
        /// The missing key.
        key: String,
    },
    /// A value has the wrong JSON type or an unknown enumerated value.
    #[error("{path}: {detail}")]
    WrongType {
        /// The path of the value.
        path: JsonPath,
        /// What was found and what was expected.
        detail: String,
    },
    /// An amount, percent or quantity is not a valid number for its field.
    #[error("{path}: {detail}")]
    InvalidNumber {
        /// The path of the value.
        path: JsonPath,
        /// What is wrong with it.
        detail: String,
    },
    /// A currency code is not in the ISO 4217 table.
    #[error("{path}: unknown currency `{code}` (expected an ISO 4217 code such as CNY, USD, JPY)")]
    UnknownCurrency {
        /// The path of the code.
        path: JsonPath,
        /// The code given.
        code: String,
    },
    /// A value is well-formed but breaks a rule of the format (ordering, references, uniqueness).
    #[error("{path}: {detail}")]
    Invalid {
        /// The path of the value.
        path: JsonPath,
        /// The rule and how the value breaks it.
        detail: String,
    },
    /// A cart price written as a JSON number, in a cart that does not say whether its prices are in
    /// whole units or minor units (`3800`: 38.00 or 3,800.00?): refused rather than guessed.
    #[error("{path}: the price {value} is a JSON number and the cart does not say its unit: write \"38.00\", or give the cart \"amounts\": \"minor\" (3800 is 38.00) or \"major\"")]
    AmbiguousAmount {
        /// The path of the price.
        path: JsonPath,
        /// The number as written.
        value: String,
    },
    /// A computation would leave the supported range of amounts.
    #[error("{path}: amounts too large to compute exactly")]
    Overflow {
        /// The input part that made the amounts too large.
        path: JsonPath,
    },
    /// A document is larger than nexttier reads: refused before anything is built from it.
    #[error("(document): the {what} is larger than the {limit} bytes it may have")]
    TooLarge {
        /// What the document is: "cart", "config".
        what: &'static str,
        /// The most bytes it may have.
        limit: usize,
    },
    /// A compiled config (`nexttier compile`) that this version does not read: another format, an
    /// edit after compiling, or a value out of place.
    #[error("{path}: {detail}")]
    Compiled {
        /// Where in the compiled config.
        path: JsonPath,
        /// What is wrong.
        detail: &'static str,
    },
    /// Pricing a cart would take more work than the budget allows (a large group searched over a
    /// large cart, many promotions measured after discounts): refused rather than left running.
    #[error("{path}: pricing this cart takes more than the {steps} steps of work a quote may do (about lines × promotions per evaluation; {detail})")]
    TooComplex {
        /// The promotion whose search ran out, or the root.
        path: JsonPath,
        /// The budget, in steps.
        steps: u64,
        /// Which search, and what to do.
        detail: String,
    },
}

impl Error {
    /// A stable, machine-readable code for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Syntax { .. } => "syntax",
            Error::UnknownKey { .. } => "unknown_key",
            Error::MissingKey { .. } => "missing_key",
            Error::WrongType { .. } => "wrong_type",
            Error::InvalidNumber { .. } => "invalid_number",
            Error::UnknownCurrency { .. } => "unknown_currency",
            Error::Invalid { .. } => "invalid",
            Error::AmbiguousAmount { .. } => "ambiguous_amount",
            Error::Overflow { .. } => "overflow",
            Error::TooLarge { .. } => "too_large",
            Error::TooComplex { .. } => "too_complex",
            Error::Compiled { .. } => "compiled_invalid",
        }
    }

    /// The JSON path of the offending value.
    pub fn path(&self) -> &JsonPath {
        match self {
            Error::Syntax { path, .. }
            | Error::UnknownKey { path, .. }
            | Error::MissingKey { path, .. }
            | Error::WrongType { path, .. }
            | Error::InvalidNumber { path, .. }
            | Error::UnknownCurrency { path, .. }
            | Error::Invalid { path, .. }
            | Error::AmbiguousAmount { path, .. }
            | Error::Overflow { path }
            | Error::TooComplex { path, .. }
            | Error::Compiled { path, .. } => path,
            Error::TooLarge { .. } => &ROOT,
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(path: &JsonPath, detail: impl Into<String>) -> Self {
        Error::Invalid {
            path: path.clone(),
            detail: detail.into(),
        }
    }

    /// Shorthand for [`Error::InvalidNumber`].
    pub fn number(path: &JsonPath, detail: impl Into<String>) -> Self {
        Error::InvalidNumber {
            path: path.clone(),
            detail: detail.into(),
        }
    }
}

/// All the errors found in one input, in document order; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(Vec<Error>);

impl Errors {
    /// Wraps a non-empty list (an empty one becomes a single generic error rather than a panic).
    pub fn new(mut errors: Vec<Error>) -> Self {
        if errors.is_empty() {
            errors.push(Error::invalid(&JsonPath::root(), "invalid input"));
        }
        Errors(errors)
    }

    /// The first error.
    pub fn first(&self) -> &Error {
        &self.0[0]
    }

    /// Every error.
    pub fn all(&self) -> &[Error] {
        &self.0
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}
