//! The command-line contract: output, exit status 0 / 1 (bad input) / 2 (bad usage), no panics.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn nexttier(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nexttier"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nexttier");
    if let Some(text) = stdin {
        // A command that stops early (bad usage) may close its input first: that is not a failure.
        let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const SEED: &str = "tests/vectors/configs/seed.json";
const CART_92: &str = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 1, "category": "home" },
  { "sku": "detergent", "price": "18", "quantity": 3, "category": "cleaning" } ] }"#;

#[test]
fn quote_prints_the_quote_as_json() {
    let out = nexttier(&["quote", "--config", SEED, "--cart", "-"], Some(CART_92));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let quote: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(quote["total"], "102.00");
    assert_eq!(quote["progress"][0]["next"]["remaining"], "7.00");
    assert_eq!(text(&out.stdout).lines().count(), 1, "compact by default");
    let pretty = nexttier(
        &["quote", "--config", SEED, "--cart", "-", "--pretty"],
        Some(CART_92),
    );
    assert!(text(&pretty.stdout).lines().count() > 20);
    let a: serde_json::Value = serde_json::from_slice(&pretty.stdout).unwrap();
    assert_eq!(a, quote);
}

#[test]
fn quote_summary_leaves_out_the_detail() {
    for pretty in [false, true] {
        let mut args = vec!["quote", "--config", SEED, "--cart", "-", "--summary"];
        if pretty {
            args.push("--pretty");
        }
        let out = nexttier(&args, Some(CART_92));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(summary["total"], "102.00");
        assert_eq!(summary["progress"][0]["next"]["remaining"], "7.00");
        assert!(summary.get("lines").is_none() && summary.get("skipped").is_none());
        assert!(summary["progress"][0].get("explain").is_none());
        assert_eq!(text(&out.stdout).lines().count() > 1, pretty);
    }
}

#[test]
fn suggest_prints_the_suggestions() {
    let out = nexttier(
        &["suggest", "--config", SEED, "--cart", "-", "--limit", "1"],
        Some(CART_92),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let top = &value["suggestions"][0];
    assert_eq!(
        top["items"],
        serde_json::json!([{ "sku": "sponge", "quantity": 1 }])
    );
    assert_eq!(top["overspend"], "0.00");
    assert_eq!(value["suggestions"].as_array().unwrap().len(), 1);
    let bad = nexttier(
        &["suggest", "--config", SEED, "--cart", "-", "--rank", "cheap"],
        Some(CART_92),
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn check_summarises_a_good_config() {
    let out = nexttier(&["check", SEED], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "tests/vectors/configs/seed.json: ok — CNY, 2 promotions (free_shipping, amount_off), 3 catalog items\n"
    );
}

#[test]
fn check_reports_every_error_with_its_path_and_exits_1() {
    let bad = r#"{ "currency": "CNY", "promotions": [
        { "id": "a", "kind": "amount_off", "tiers": [ { "min_subtotal": "150", "off": "30" }, { "min_subtotal": "99", "off": "10" } ] },
        { "id": "a", "kind": "percent_off", "tiers": [ { "min_subtotal": "10", "percent": "101" } ] } ] }"#;
    let out = nexttier(&["check", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("promotions[0].tiers[1].min_subtotal"), "{err}");
    assert!(err.contains("promotions[1].id"), "{err}");
    assert!(err.contains("promotions[1].tiers[0].percent"), "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"));
    let json = nexttier(&["check", "-", "--json"], Some(bad));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["errors"].as_array().unwrap().len(), 3);
}

#[test]
fn malformed_json_names_line_and_column() {
    let out = nexttier(&["check", "-"], Some("{\n  \"currency\": \"CNY\",\n  oops\n}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("line 3, column 3"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_cart_exits_1_with_the_path() {
    let out = nexttier(
        &["quote", "--config", SEED, "--cart", "-"],
        Some(r#"{"lines":[{"sku":"a","price":"-3","quantity":1}]}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("lines[0].price"));
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["quote", "--config", SEED],
        &["quote", "--cart"],
        &["quote", "--config", SEED, "--cart", "x", "--bogus"],
        &["check"],
        &["schema", "nope"],
    ] {
        let out = nexttier(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("Usage"), "{args:?}");
    }
}

#[test]
fn unreadable_file_exits_1() {
    let out = nexttier(&["check", "does/not/exist.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read does/not/exist.json"));
}

#[test]
fn committed_schema_is_current() {
    let out = nexttier(&["schema"], None);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pkg-config/nexttier.schema.json"
    ))
    .unwrap();
    assert_eq!(
        text(&out.stdout),
        committed,
        "pkg-config/nexttier.schema.json is stale: run `cargo run -- schema > pkg-config/nexttier.schema.json`"
    );
    for which in ["cart", "quote"] {
        let out = nexttier(&["schema", which], None);
        let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(schema["type"], "object", "{which}");
        let file = format!("{}/pkg-config/{which}.schema.json", env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            text(&out.stdout),
            std::fs::read_to_string(&file).unwrap(),
            "{file} is stale: run `cargo run -- schema {which} > {file}`"
        );
    }
}

#[test]
fn version_matches_the_crate() {
    let out = nexttier(&["--version"], None);
    assert_eq!(
        text(&out.stdout),
        format!("nexttier {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// The JSON text without the layout `--pretty` adds (the texts compared here hold no spaces).
fn unindented(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
        .replace("\": ", "\":")
}

#[test]
fn pretty_is_the_same_json_in_the_same_order_for_every_command() {
    for args in [
        vec!["quote", "--config", SEED, "--cart", "-"],
        vec!["quote", "--config", SEED, "--cart", "-", "--summary"],
        vec!["suggest", "--config", SEED, "--cart", "-"],
    ] {
        let compact = nexttier(&args, Some(CART_92));
        let pretty = nexttier(&[args.as_slice(), &["--pretty"]].concat(), Some(CART_92));
        assert_eq!(
            compact.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&compact.stderr)
        );
        assert!(text(&pretty.stdout).lines().count() > 10, "{args:?}");
        assert_eq!(
            unindented(&text(&pretty.stdout)),
            text(&compact.stdout).trim_end(),
            "{args:?}"
        );
    }
}

#[test]
fn error_lines_escape_control_characters_one_error_a_line() {
    // A key with a newline and an escape sequence must not forge an "ok" line or move the cursor.
    let config = "{ \"currency\": \"CNY\", \"promotions\": [], \"x\\nconfig.json: ok\\u001b[2K\": 1 }";
    let out = nexttier(&["check", "-"], Some(config));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("x\\nconfig.json: ok\\u{1b}[2K"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'));
}

#[test]
fn a_repeated_option_is_refused_unless_it_repeats() {
    let out = nexttier(
        &["quote", "--config", SEED, "--config", "other.json", "--cart", "-"],
        Some(CART_92),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--config is given more than once"),
        "{}",
        text(&out.stderr)
    );
    // --exclude adds a SKU each time.
    let out = nexttier(
        &[
            "suggest",
            "--config",
            SEED,
            "--cart",
            "-",
            "--exclude",
            "sponge",
            "--exclude",
            "detergent",
        ],
        Some(CART_92),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let skus: Vec<&str> = value["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["sku"].as_str().unwrap())
        })
        .collect();
    assert!(
        !skus.is_empty() && !skus.contains(&"sponge") && !skus.contains(&"detergent"),
        "{skus:?}"
    );
}

#[test]
fn suggest_takes_the_merchant_settings_as_flags() {
    // Cart 92 is 7 short: two sponges would be 7 over; with --max-units 1 no item comes twice, and
    // with --far 5 (7 is 7 % of 99) the cart is far: one unit each, the sponge still closing.
    let out = nexttier(
        &[
            "suggest",
            "--config",
            SEED,
            "--cart",
            "-",
            "--max-units",
            "1",
            "--far",
            "5",
            "--rank",
            "score",
        ],
        Some(CART_92),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let suggestions = value["suggestions"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    assert!(suggestions
        .iter()
        .all(|s| s["items"].as_array().unwrap().iter().all(|i| i["quantity"] == 1)));
    assert!(suggestions
        .iter()
        .all(|s| s["reason"].is_string() && s["score"]["total"].is_i64()));
}

#[test]
fn suggest_options_from_flags_are_read_like_the_package_options() {
    for (flag, value, said) in [
        ("--max-items", "0", "--max-items: `0` is too small"),
        ("--max-items", "4", "--max-items: `4` is too large"),
        ("--limit", "x", "--limit: `x` is not a whole number"),
        ("--rank", "cheapest", "--rank:"),
        ("--max-units", "0", "--max-units: `0` is too small"),
        ("--far", "101", "--far: `101` is too large"),
    ] {
        let out = nexttier(
            &["suggest", "--config", SEED, "--cart", "-", flag, value],
            Some(CART_92),
        );
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        assert!(
            text(&out.stderr).contains(said),
            "{flag} {value}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn a_byte_order_mark_before_json_is_accepted() {
    let out = nexttier(
        &["quote", "--config", SEED, "--cart", "-"],
        Some(&format!("\u{feff}{CART_92}")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\"total\":\"102.00\""));
}

#[test]
fn simulate_reads_mac_line_ends_and_refuses_an_empty_file() {
    let csv =
        "order_id,sku,category,price,quantity\n1,mop,home,38,1\n1,sponge,cleaning,7,2\n2,mop,home,38,3\n";
    let orders = |file: &str| {
        let out = nexttier(
            &["simulate", "--config", SEED, "--orders", "-", "--json"],
            Some(file),
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["orders"].clone()
    };
    assert_eq!(orders(csv), 2);
    assert_eq!(
        orders(&csv.replace('\n', "\r")),
        2,
        "CR-only line ends (Excel's CSV for Mac)"
    );
    let out = nexttier(
        &["simulate", "--config", SEED, "--orders", "-"],
        Some("order_id,sku,category,price,quantity\r"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a header and no rows"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn sample_orders_stops_at_a_closed_pipe_and_refuses_absurd_counts() {
    let out = nexttier(&["sample-orders", "--orders", "18446744073709551615"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--orders is at most 10000000"),
        "{}",
        text(&out.stderr)
    );
    // As `nexttier sample-orders --orders 10000000 | head -1`: the reader leaves after one line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_nexttier"))
        .args(["sample-orders", "--orders", "10000000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    assert_eq!(&first, b"order_id,sku,cat");
    drop(child.stdout.take());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("sample-orders kept writing to a closed pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn an_endless_cart_is_refused_after_its_limit_not_read_whole() {
    let out = nexttier(&["quote", "--config", SEED, "--cart", "/dev/zero"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "/dev/zero: error[too_large] (document): the cart is larger than the 4194304 bytes it may have"
    );
}

#[test]
fn limit_flags_raise_or_lower_what_is_taken() {
    // 12,000 one-fen lines: over the default 10,000 lines, taken with --max-cart-lines.
    let line = r#"{"sku":"a","price":"0.01","quantity":1},"#;
    let cart = format!(
        r#"{{"lines":[{}{}]}}"#,
        line.repeat(11_999),
        &line[..line.len() - 1]
    );
    let refused = nexttier(
        &["quote", "--config", SEED, "--cart", "-", "--summary"],
        Some(&cart),
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("error[invalid] lines: a cart has at most 10000 lines"));
    let taken = nexttier(
        &[
            "quote",
            "--config",
            SEED,
            "--cart",
            "-",
            "--summary",
            "--max-cart-lines",
            "12000",
        ],
        Some(&cart),
    );
    assert_eq!(taken.status.code(), Some(0), "{}", text(&taken.stderr));
    let quote: serde_json::Value = serde_json::from_slice(&taken.stdout).unwrap();
    assert_eq!(quote["subtotal"], "120.00");
    // Lower: a cart over 100 bytes is refused before it is parsed.
    let small = nexttier(
        &[
            "quote",
            "--config",
            SEED,
            "--cart",
            "-",
            "--max-cart-bytes",
            "100",
        ],
        Some(CART_92),
    );
    assert_eq!(small.status.code(), Some(1));
    assert!(
        text(&small.stderr).contains("error[too_large] (document): the cart is larger than the 100 bytes")
    );
    let config = nexttier(&["check", SEED, "--max-config-bytes", "10"], None);
    assert!(
        text(&config.stderr).contains("error[too_large]"),
        "{}",
        text(&config.stderr)
    );
    // A work budget too small for even the seed cart: too_complex, exit 1.
    let work = nexttier(
        &["quote", "--config", SEED, "--cart", "-", "--max-work-steps", "10"],
        Some(CART_92),
    );
    assert_eq!(work.status.code(), Some(1));
    assert!(
        text(&work.stderr).contains("error[too_complex]"),
        "{}",
        text(&work.stderr)
    );
    // A bad limit is bad usage, said as its flag.
    for (flag, value, says) in [
        ("--max-cart-lines", "0", "--max-cart-lines: `0` is too small"),
        ("--max-cart-bytes", "1e12", "--max-cart-bytes:"),
        ("--max-config-bytes", "-1", "--max-config-bytes:"),
    ] {
        let out = nexttier(
            &["quote", "--config", SEED, "--cart", "-", flag, value],
            Some(CART_92),
        );
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        assert!(
            text(&out.stderr).contains(says),
            "{flag} {value}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn checkout_usage_facts_come_from_flags() {
    let dir = std::env::temp_dir().join(format!("nexttier-cli-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.json");
    std::fs::write(
        &config,
        r#"{ "currency": "CNY", "promotions": [
          { "id": "welcome", "kind": "amount_off", "usage": { "first_order": true, "per_customer": 1 }, "tiers": [ { "min_subtotal": "0", "off": "10" } ] },
          { "id": "flash", "kind": "amount_off", "usage": { "total": 1000 }, "tiers": [ { "min_subtotal": "0", "off": "5" } ] } ],
          "catalog": [ { "sku": "mop", "price": "38" } ] }"#,
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let cart = r#"{ "lines": [ { "sku": "mop", "price": "38", "quantity": 1 } ] }"#;
    let total = |extra: &[&str]| {
        let mut args = vec![
            "quote",
            "--config",
            config,
            "--cart",
            "-",
            "--summary",
            "--checkout",
        ];
        args.extend_from_slice(extra);
        let out = nexttier(&args, Some(cart));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let quote: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        quote["total"].as_str().unwrap().to_owned()
    };
    assert_eq!(total(&[]), "23.00");
    // 38 − 10 − 5 = 23; without welcome 33, without flash 28.
    assert_eq!(total(&["--orders", "2"]), "33.00");
    assert_eq!(total(&["--uses", "welcome=1"]), "33.00");
    assert_eq!(total(&["--total-uses", "flash=1000"]), "28.00");
    assert_eq!(
        total(&["--total-uses", "flash=999", "--uses", "welcome=0"]),
        "23.00"
    );
    // Malformed: usage error (2); a fact for no promotion: input error (1), said with its path.
    let out = nexttier(
        &[
            "quote",
            "--config",
            config,
            "--cart",
            "-",
            "--checkout",
            "--uses",
            "welcome",
        ],
        Some(cart),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--uses takes PROMOTION=COUNT"));
    let out = nexttier(
        &[
            "quote",
            "--config",
            config,
            "--cart",
            "-",
            "--checkout",
            "--uses",
            "welcom=1",
        ],
        Some(cart),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("checkout.uses.welcom"),
        "{}",
        text(&out.stderr)
    );
    // Facts are for --checkout: a plain quote takes them from the cart.
    let out = nexttier(
        &["quote", "--config", config, "--cart", "-", "--orders", "2"],
        Some(cart),
    );
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn compile_prints_a_compiled_config_that_quote_reads() {
    let out = nexttier(&["compile", SEED], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let compiled = text(&out.stdout);
    assert!(compiled.starts_with("{\"nexttier_compiled\":1,") && compiled.ends_with("}\n"));
    // quote and check take the compiled form like the raw one.
    let dir = std::env::temp_dir().join(format!("nexttier-cli-compiled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("seed.compiled.json");
    std::fs::write(&file, &compiled).unwrap();
    let path = file.to_str().unwrap();
    let quote = nexttier(&["quote", "--config", path, "--cart", "-"], Some(CART_92));
    let raw = nexttier(&["quote", "--config", SEED, "--cart", "-"], Some(CART_92));
    assert_eq!(quote.stdout, raw.stdout);
    assert_eq!(nexttier(&["check", path], None).status.code(), Some(0));
    // --public: the coupon codes replaced first, as publish does.
    let members = nexttier(&["compile", "--public", "www/configs/members.json"], None);
    assert_eq!(members.status.code(), Some(0), "{}", text(&members.stderr));
    let public = text(&members.stdout);
    assert!(
        !public.contains("welcome10") && public.contains("accepted:"),
        "{public}"
    );
    // A bad config: exit 1 with the path; no FILE: exit 2.
    let bad = nexttier(&["compile", "-"], Some(r#"{"currency":"XXX"}"#));
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("currency"));
    assert_eq!(nexttier(&["compile"], None).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_checkout_takes_the_variant_from_the_server_never_from_the_cart() {
    // The cart asks for from-89 and claims visitor v-1001 (control); the server knows v-1005.
    let cart = r#"{ "visitor": "v-1001", "variants": { "free-ship-threshold": "from-89" },
        "lines": [ { "sku": "mop", "price": "1", "quantity": 1 } ] }"#;
    let config = "tests/vectors/configs/experiments.json";
    let variants = |args: &[&str]| {
        let out = nexttier(
            &[&["quote", "--config", config, "--cart", "-", "--summary"], args].concat(),
            Some(cart),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let quote: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        quote["experiments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{}={} by {}",
                    e["experiment"].as_str().unwrap(),
                    e["variant"].as_str().unwrap(),
                    e["by"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    // The storefront's quote follows the cart.
    assert_eq!(
        variants(&[]),
        ["free-ship-threshold=from-89 by forced", "top-tier=150 by visitor"]
    );
    // A checkout ignores both: no id from the server is the control.
    assert_eq!(
        variants(&["--checkout"]),
        [
            "free-ship-threshold=control by default",
            "top-tier=150 by default"
        ]
    );
    assert_eq!(
        variants(&["--checkout", "--visitor", "v-1005"]),
        [
            "free-ship-threshold=from-89 by visitor",
            "top-tier=169 by visitor"
        ]
    );
    assert_eq!(
        variants(&["--checkout", "--visitor", "v-1005", "--variant", "top-tier=150"]),
        ["free-ship-threshold=from-89 by visitor", "top-tier=150 by forced"]
    );
    let out = nexttier(
        &[
            "quote",
            "--config",
            config,
            "--cart",
            "-",
            "--checkout",
            "--variant",
            "top-tier=999",
        ],
        Some(cart),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("checkout.variants.top-tier"),
        "{}",
        text(&out.stderr)
    );
    let out = nexttier(
        &["quote", "--config", config, "--cart", "-", "--visitor", "x"],
        Some(cart),
    );
    assert_eq!(out.status.code(), Some(2), "--visitor is for --checkout");
}

#[test]
fn a_checkout_refuses_the_catalogs_order_rules_and_leaves_stock_to_the_host() {
    let config = "tests/vectors/order-rules-notices.json";
    let vector: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(config).unwrap()).unwrap();
    let config_text = vector["config"].to_string();
    let dir = std::env::temp_dir().join(format!("nexttier-order-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config_path = dir.join("config.json");
    std::fs::write(&config_path, config_text).unwrap();
    let quote = |cart: &str, checkout: bool| {
        let mut args = vec![
            "quote",
            "--config",
            config_path.to_str().unwrap(),
            "--cart",
            "-",
            "--summary",
        ];
        if checkout {
            args.push("--checkout");
        }
        nexttier(&args, Some(cart))
    };
    // Four detergents: below the minimum of 6 and not whole cases; the storefront is told, the checkout refuses.
    let four = r#"{"lines":[{"sku":"detergent","price":"10","quantity":4}]}"#;
    let out = quote(four, false);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains(r#""code":"below_minimum""#));
    let out = quote(four, true);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("lines[0].quantity: `detergent`: at least 6 an order (4 in the cart)"),
        "{stderr}"
    );
    assert!(stderr.contains("sold in cases of 6"), "{stderr}");
    // Three sponges with 2 in stock: flagged, and a checkout still prices it (the host's inventory decides).
    let out = quote(r#"{"lines":[{"sku":"sponge","price":"7","quantity":3}]}"#, true);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(r#""code":"above_stock""#));
    std::fs::remove_dir_all(&dir).ok();
}
