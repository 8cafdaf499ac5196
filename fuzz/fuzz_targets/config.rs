//! Any bytes as a config: refused with errors or accepted, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::config(data);
});
