//! Replays every committed fuzz input (`fuzz/regressions/`, crashers and interesting seeds) through
//! the fuzz targets' code, so a fixed crash stays fixed without the fuzzer.

use std::fs;
use std::path::Path;

#[test]
fn committed_fuzz_inputs_replay_without_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for target in [
        "config",
        "quote",
        "orders",
        "split_lines",
        "compiled",
        "report",
        "cart",
        "compact",
    ] {
        let Ok(entries) = fs::read_dir(dir.join(target)) else {
            continue;
        };
        for entry in entries {
            let data = fs::read(entry.unwrap().path()).unwrap();
            match target {
                "config" => nexttier::fuzzing::config(&data),
                "orders" => nexttier::fuzzing::orders(&data),
                "split_lines" => nexttier::fuzzing::split_lines(&data),
                "compiled" => nexttier::fuzzing::compiled(&data),
                "report" => nexttier::fuzzing::report(&data),
                "cart" => nexttier::fuzzing::cart(&data),
                "compact" => nexttier::fuzzing::compact(&data),
                _ => nexttier::fuzzing::quote(&data),
            }
            count += 1;
        }
    }
    assert!(count >= 5, "the regression corpus went missing ({count} inputs)");
}
