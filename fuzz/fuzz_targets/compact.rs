//! Any bytes as a cart in the package's compact encoding: what the compact reader reads, the JSON
//! text `JSON.stringify` would write for the same cart reads to the same cart.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::compact(data);
});
