//! A config and a cart (split at the first NUL): splitting the cart's lines into one-unit lines
//! in place never changes the total or any promotion's amount.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::split_lines(data);
});
