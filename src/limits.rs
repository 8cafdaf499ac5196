//! How much input the engine takes. Past these, a document is refused with `too_large` (or, for
//! lines, `invalid` at `lines`) before anything big is built, so memory stays a small multiple of
//! what is accepted. The defaults suit a storefront; a server may raise or lower them, up to
//! [`Limits::CEILING`].

use crate::error::{Error, Errors, JsonPath};

/// Input limits, in bytes of JSON text and lines of a cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes of a cart's JSON (default 4 MiB).
    pub cart_bytes: usize,
    /// The most lines of a cart (default 10,000).
    pub cart_lines: usize,
    /// The most bytes of a config's JSON (default 16 MiB).
    pub config_bytes: usize,
    /// The most work a quote (or a suggestion search) may do, in steps of about one line under one
    /// promotion (default 10,000,000: about 70 ms natively); past it, `too_complex`.
    pub work_steps: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

impl Limits {
    /// The defaults: 4 MiB and 10,000 lines a cart, 16 MiB a config.
    pub const DEFAULT: Limits = Limits {
        cart_bytes: 4 << 20,
        cart_lines: 10_000,
        config_bytes: 16 << 20,
        work_steps: 10_000_000,
    };

    /// The most each limit may be raised to.
    pub const CEILING: Limits = Limits {
        cart_bytes: 256 << 20,
        cart_lines: 1_000_000,
        config_bytes: 256 << 20,
        work_steps: 1_000_000_000_000,
    };

    /// The keys of the limits object.
    pub const KEYS: &'static [&'static str] = &["cart_bytes", "cart_lines", "config_bytes", "work_steps"];

    /// `too_large` when a config's text (raw or compiled) has more bytes than it may.
    pub fn check_config(&self, text: &str) -> Result<(), Error> {
        if text.len() > self.config_bytes {
            return Err(Error::TooLarge {
                what: "config",
                limit: self.config_bytes,
            });
        }
        Ok(())
    }

    /// Reads `{"cart_bytes": N, "cart_lines": N, "config_bytes": N}` over the defaults (every key
    /// optional; each from 1 to its ceiling).
    pub fn from_json(text: &str) -> Result<Limits, Errors> {
        crate::json::read::document(text, |value, path, errors| {
            let mut limits = Limits::default();
            limits.read(value, path, errors);
            limits
        })
    }

    /// Reads the limits object at `path` over the current values, recording every error.
    pub(crate) fn read(&mut self, value: &crate::json::Json<'_>, path: &JsonPath, errors: &mut Vec<Error>) {
        let Some(object) = crate::json::read::Object::open(value, path, Self::KEYS, errors) else {
            return;
        };
        // Each limit is a count from 1 to its ceiling; 0 is refused, never read as "no limit".
        let limit = |key: &str, most: u64, errors: &mut Vec<Error>| match object.count(key, most, errors) {
            Some(0) => {
                errors.push(Error::number(
                    &object.path(key),
                    format!("`0` is too small: {key} is from 1 to {most}"),
                ));
                None
            }
            n => n,
        };
        let ceiling = Limits::CEILING;
        for (key, slot, most) in [
            ("cart_bytes", &mut self.cart_bytes, ceiling.cart_bytes),
            ("cart_lines", &mut self.cart_lines, ceiling.cart_lines),
            ("config_bytes", &mut self.config_bytes, ceiling.config_bytes),
        ] {
            if let Some(n) = limit(key, most as u64, errors) {
                *slot = n as usize;
            }
        }
        if let Some(n) = limit("work_steps", ceiling.work_steps, errors) {
            self.work_steps = n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_over_the_defaults_within_their_ceilings() {
        let limits = Limits::from_json(r#"{"cart_lines": 50000}"#).unwrap();
        assert_eq!(
            limits,
            Limits {
                cart_lines: 50_000,
                ..Limits::default()
            }
        );
        let errors = Limits::from_json(r#"{"cart_bytes": 0, "config_bytes": 1e12, "lines": 1}"#).unwrap_err();
        let paths: Vec<&str> = errors.all().iter().map(|e| e.path().as_str()).collect();
        assert_eq!(paths, ["lines", "cart_bytes", "config_bytes"]);
    }
}
