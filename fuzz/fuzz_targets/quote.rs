//! Any bytes as a config and a cart (split at the first NUL): quoted or refused, never a panic, and
//! every accepted quote keeps the money rules.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::quote(data);
});
