//! Any bytes as an orders file (CSV or JSON lines) for the simulator: a report or an error, never a
//! panic, and every order counted once in the histogram.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::orders(data);
});
