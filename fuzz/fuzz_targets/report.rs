//! Any bytes as an events file and an orders file (split at the first NUL) for an experiment's
//! report: a report or an error, never a panic, and the same report whatever the pieces.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    nexttier::fuzzing::report(data);
});
