//! Any bytes as a config and a cart (split at the first NUL). A config the validator accepts is
//! compiled and read back, and must quote byte for byte as the raw one; anything else is read as a
//! compiled payload with its right hash: refused or quoted, never a panic, the money rules kept.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::compiled(data);
});
