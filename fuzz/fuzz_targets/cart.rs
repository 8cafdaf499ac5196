//! Any bytes as a cart, read both ways: the direct reader reads exactly the carts the ordinary
//! reader reads without an error, and the same carts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::cart(data);
});
