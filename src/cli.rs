//! The command line's commands (native builds only).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use nexttier::json::ObjectWriter;
use nexttier::schema::{schema_json, Document};
use nexttier::{Engine, Errors};

const USAGE: &str = "\
nexttier — promotion and free-shipping calculator

Usage:
  nexttier quote --config FILE --cart FILE [--summary] [--pretty]
                 [--checkout [--now TIME] [--segment S]... [--coupon CODE]...
                             [--prices-include-tax] [--tax-rate PERCENT]
                             [--orders N] [--uses ID=N]... [--total-uses ID=N]...
                             [--visitor ID] [--variant EXPERIMENT=VARIANT]...]
                                                        price a cart, print the quote as JSON
                                                        (--summary: without lines, skipped, explain;
                                                        --checkout: trust nothing from the cart but
                                                        SKUs and quantities; --orders, --uses and
                                                        --total-uses are the usage facts; --visitor
                                                        and --variant choose experiments' variants)
  nexttier suggest --config FILE --cart FILE [--limit N] [--max-items K] [--promotion ID]
                   [--tier N] [--exclude SKU]... [--rank score|overspend|net]
                   [--max-units N] [--far PERCENT] [--pretty]
                                                        add-on suggestions, best first, as JSON
  nexttier check FILE [--json]                          validate a merchant config
  nexttier publish FILE                                 the config a storefront may download: coupon
                                                        codes replaced by accepted:<promotion id>
  nexttier compile FILE [--public]                      the compiled config: validated and written for
                                                        the storefront's lean reader (--public: coupon
                                                        codes replaced first, as publish does)
  nexttier schema [config|cart|quote]                   print a JSON Schema (default: config)
  nexttier simulate --config FILE --orders FILE [--compare FILE] [--nudge-zone 0.3]
                    [--top-up 0.5] [--now TIME] [--suggestions] [--json]
                                                        run the config over historical orders (CSV
                                                        or JSON lines): tiers reached, nudge zones,
                                                        costs, projections, histogram (--suggestions:
                                                        and what the widget's add-ons would have done)
  nexttier sample-orders [--orders N] [--seed S]        realistic sample orders as CSV
  nexttier report --config FILE --events FILE --orders FILE [--experiment ID] [--now TIME] [--json]
                                                        an experiment's results per variant against
                                                        the control: order value, items, discount,
                                                        margin, conversion, with 95 % intervals
  nexttier sample-experiment --config FILE --events FILE --orders FILE [--shoppers N] [--seed S]
                    [--conversion PERMILLE] [--lift VARIANT=PERMILLE]... [--experiment ID]
                                                        synthetic shoppers' events and orders, with
                                                        a planted lift per variant (for trying report)
  nexttier --version | --help

quote, suggest, check, publish, compile and simulate also take --max-cart-bytes N, --max-cart-lines N,
--max-config-bytes N and --max-work-steps N (defaults 4194304, 10000, 16777216 and 10000000): larger
input is refused (too_large), and so is a quote that would take more work (too_complex).

FILE may be - for standard input. Exit status: 0 success, 1 bad input, 2 bad usage.
";

/// Why the command stopped.
enum Failure {
    /// Wrong arguments: exit 2.
    Usage(String),
    /// Bad input files: exit 1.
    Input(Errors, String),
    /// A file could not be read: exit 1.
    Io(String),
}

/// `text` for one line of the error stream: control characters (a key or a file name from the input
/// may hold a newline that would forge another line) and line separators escaped as `\n`, `\u{1b}`.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Runs the command line with the process arguments.
pub(crate) fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("nexttier: {}\n\n{USAGE}", one_line(&message));
            ExitCode::from(2)
        }
        Err(Failure::Input(errors, file)) => {
            for error in errors.all() {
                eprintln!(
                    "{}: error[{}] {}",
                    one_line(&file),
                    error.code(),
                    one_line(&error.to_string())
                );
            }
            ExitCode::from(1)
        }
        Err(Failure::Io(message)) => {
            eprintln!("nexttier: {}", one_line(&message));
            ExitCode::from(1)
        }
    }
}

/// Parsed `--flag value` options and positional arguments.
struct Options {
    flags: Vec<(String, Option<String>)>,
    positional: Vec<String>,
}

/// The options that may be given more than once (each adds a value).
const REPEATABLE: &[&str] = &[
    "exclude",
    "segment",
    "coupon",
    "uses",
    "total-uses",
    "variant",
    "lift",
];

impl Options {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Options, Failure> {
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--") {
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (name, None),
                };
                if flags.iter().any(|(n, _): &(String, Option<String>)| n == name)
                    && !REPEATABLE.contains(&name)
                {
                    // Which one was meant? Refused rather than taking the last silently.
                    return Err(Failure::Usage(format!("--{name} is given more than once")));
                }
                if with_value.contains(&name) {
                    let value = match inline {
                        Some(v) => v,
                        None => iter
                            .next()
                            .cloned()
                            .ok_or_else(|| Failure::Usage(format!("--{name} needs a value")))?,
                    };
                    flags.push((name.to_owned(), Some(value)));
                } else if switches.contains(&name) && inline.is_none() {
                    flags.push((name.to_owned(), None));
                } else {
                    return Err(Failure::Usage(format!("unknown option --{name}")));
                }
            } else {
                positional.push(arg.clone());
            }
        }
        Ok(Options { flags, positional })
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn switch(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    fn required(&self, name: &str) -> Result<&str, Failure> {
        self.value(name)
            .ok_or_else(|| Failure::Usage(format!("--{name} FILE is required")))
    }
}

/// The longest line of an orders file: a longer one is refused rather than read into memory whole.
const MAX_ORDER_LINE: usize = 1 << 20;

/// Reads the next line of `input` into `line` (its end left out), ended by `\n`, `\r\n` or a lone
/// `\r`; false at the end of the input. A line longer than [`MAX_ORDER_LINE`] is an error.
fn next_line(input: &mut dyn BufRead, line: &mut Vec<u8>) -> std::io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        match buffer.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(end) => {
                let cr = buffer[end] == b'\r';
                line.extend_from_slice(&buffer[..end]);
                input.consume(end + 1);
                if cr && input.fill_buf()?.first() == Some(&b'\n') {
                    input.consume(1);
                }
                return Ok(true);
            }
            None => {
                let length = buffer.len();
                line.extend_from_slice(buffer);
                input.consume(length);
            }
        }
        if line.len() > MAX_ORDER_LINE {
            return Err(std::io::Error::other(format!(
                "a line is longer than {MAX_ORDER_LINE} bytes"
            )));
        }
    }
}

/// Reads a JSON document of at most `limit` bytes (`what` names it in the error): a longer input
/// (`--cart /dev/zero`) is refused after `limit` + 1 bytes, never read whole.
fn read_file(path: &str, what: &'static str, limit: usize) -> Result<String, Failure> {
    let io = |e: std::io::Error| Failure::Io(format!("cannot read {path}: {e}"));
    let source: Box<dyn std::io::Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(io)?)
    };
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(source, limit as u64 + 1), &mut bytes).map_err(io)?;
    if bytes.len() > limit {
        let error = nexttier::Error::TooLarge { what, limit };
        return Err(Failure::Input(error.into(), path.to_owned()));
    }
    String::from_utf8(bytes).map_err(|_| Failure::Io(format!("cannot read {path}: not UTF-8 text")))
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Io(format!("cannot write output: {e}")))
}

/// Prints JSON text the crate wrote, compact or indented (`--pretty`: keys in the order written, the
/// layout of `serde_json::to_string_pretty`). Every JSON the command line prints goes through here.
fn print_json(json: &str, pretty: bool) -> Result<(), Failure> {
    let mut text = if pretty {
        // Our own output always parses; were it not to, the compact text is still right.
        nexttier::json::parse(json).map_or_else(|_| json.to_owned(), |value| nexttier::json::pretty(&value))
    } else {
        json.to_owned()
    };
    text.push('\n');
    print(&text)
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("a command is required".into()));
    };
    let rest = &args[1..];
    match command.as_str() {
        "--help" | "-h" | "help" => print(USAGE),
        "--version" | "-V" => print(&format!("nexttier {}\n", nexttier::VERSION)),
        "quote" => {
            let options = Options::parse(
                rest,
                &with_limits(&[
                    "config",
                    "cart",
                    "now",
                    "segment",
                    "coupon",
                    "tax-rate",
                    "orders",
                    "uses",
                    "total-uses",
                    "visitor",
                    "variant",
                ]),
                &["pretty", "summary", "checkout", "prices-include-tax"],
            )?;
            if let Some(extra) = options.positional.first() {
                return Err(Failure::Usage(format!("unexpected argument {extra}")));
            }
            let checkout_only = [
                "now",
                "segment",
                "coupon",
                "tax-rate",
                "prices-include-tax",
                "orders",
                "uses",
                "total-uses",
                "visitor",
                "variant",
            ];
            if !options.switch("checkout") {
                if let Some(flag) = checkout_only.iter().find(|f| options.switch(f)) {
                    return Err(Failure::Usage(format!("--{flag} is for --checkout")));
                }
            }
            let quote_options = quote_options(&options)?;
            let limits = limits(&options)?;
            let config_path = options.required("config")?;
            let cart_path = options.required("cart")?;
            let engine = load_engine(config_path, limits)?;
            let cart = read_file(cart_path, "cart", limits.cart_bytes)?;
            let clock = nexttier::engine::system_now();
            let quote = match &quote_options.checkout {
                Some(checkout) => engine.quote_checkout_json(&cart, checkout, clock, quote_options.detail),
                None => engine.quote_json_with(&cart, clock, quote_options.detail),
            }
            .map_err(|e| Failure::Input(e, cart_path.to_owned()))?;
            print_json(&quote.to_json(), options.switch("pretty"))
        }
        "suggest" => {
            let options = Options::parse(
                rest,
                &with_limits(&[
                    "config",
                    "cart",
                    "limit",
                    "max-items",
                    "promotion",
                    "tier",
                    "exclude",
                    "rank",
                    "max-units",
                    "far",
                ]),
                &["pretty"],
            )?;
            if let Some(extra) = options.positional.first() {
                return Err(Failure::Usage(format!("unexpected argument {extra}")));
            }
            // The flags become the options object the package takes, read by the same reader.
            let mut json = String::new();
            let mut object = ObjectWriter::new(&mut json);
            for (flag, key) in [
                ("limit", "limit"),
                ("max-items", "max_items"),
                ("promotion", "promotion"),
                ("tier", "tier"),
                ("rank", "rank"),
                ("max-units", "max_units"),
                ("far", "far"),
            ] {
                if let Some(value) = options.value(flag) {
                    object.string(key, value);
                }
            }
            let excluded: Vec<&str> = options
                .flags
                .iter()
                .filter(|(n, _)| n == "exclude")
                .filter_map(|(_, v)| v.as_deref())
                .collect();
            object.array("exclude", &excluded, |out, sku| {
                nexttier::json::write_string(out, sku)
            });
            object.end();
            let suggest = nexttier::suggest::SuggestOptions::from_json(&json).map_err(|e| flag_error(&e))?;
            let limits = limits(&options)?;
            let engine = load_engine(options.required("config")?, limits)?;
            let cart_path = options.required("cart")?;
            let cart = read_file(cart_path, "cart", limits.cart_bytes)?;
            let found = engine
                .suggest_json(&cart, nexttier::engine::system_now(), &suggest)
                .map_err(|e| Failure::Input(e, cart_path.to_owned()))?;
            print_json(&nexttier::suggest::to_json(&found), options.switch("pretty"))
        }
        "publish" => {
            let options = Options::parse(rest, &with_limits(&[]), &[])?;
            let [path] = options.positional.as_slice() else {
                return Err(Failure::Usage("publish takes exactly one FILE".into()));
            };
            let limits = limits(&options)?;
            let text = read_file(path, "config", limits.config_bytes)?;
            let public = nexttier::config::public::public_config_within(&text, &limits)
                .map_err(|e| Failure::Input(e, path.clone()))?;
            print(&(public + "\n"))
        }
        "compile" => {
            let options = Options::parse(rest, &with_limits(&[]), &["public"])?;
            let [path] = options.positional.as_slice() else {
                return Err(Failure::Usage("compile takes exactly one FILE".into()));
            };
            let limits = limits(&options)?;
            let mut text = read_file(path, "config", limits.config_bytes)?;
            if options.switch("public") {
                text = nexttier::config::public::public_config_within(&text, &limits)
                    .map_err(|e| Failure::Input(e, path.clone()))?;
            }
            let engine =
                Engine::from_json_within(&text, limits).map_err(|e| Failure::Input(e, path.clone()))?;
            print(&(engine.config().to_compiled() + "\n"))
        }
        "check" => {
            let options = Options::parse(rest, &with_limits(&[]), &["json"])?;
            let [path] = options.positional.as_slice() else {
                return Err(Failure::Usage("check takes exactly one FILE".into()));
            };
            let limits = limits(&options)?;
            let text = read_file(path, "config", limits.config_bytes)?;
            match Engine::from_json_within(&text, limits) {
                Ok(engine) => {
                    let config = engine.config();
                    let kinds: Vec<&str> = config.promotions.iter().map(|p| p.kind.as_str()).collect();
                    if options.switch("json") {
                        let mut summary = String::new();
                        let mut object = ObjectWriter::new(&mut summary);
                        object.number("catalog", config.catalog.len() as u64);
                        object.string("currency", config.currency.code);
                        object.raw("ok", "true");
                        object.number("promotions", config.promotions.len() as u64);
                        object.end();
                        print_json(&summary, false)
                    } else {
                        // Each kind once with its count when there are many (a line, not a page).
                        let listed = if kinds.len() <= 8 {
                            kinds.join(", ")
                        } else {
                            let mut counted: Vec<(&str, usize)> = Vec::new();
                            for kind in &kinds {
                                match counted.iter_mut().find(|(k, _)| k == kind) {
                                    Some((_, n)) => *n += 1,
                                    None => counted.push((kind, 1)),
                                }
                            }
                            counted
                                .iter()
                                .map(|(k, n)| format!("{k} × {n}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        print(&format!(
                            "{path}: ok — {}, {} promotion{} ({}), {} catalog item{}\n",
                            config.currency.code,
                            kinds.len(),
                            if kinds.len() == 1 { "" } else { "s" },
                            listed,
                            config.catalog.len(),
                            if config.catalog.len() == 1 { "" } else { "s" },
                        ))
                    }
                }
                Err(errors) => {
                    if options.switch("json") {
                        print_json(&errors.to_json(), false)?;
                        Err(Failure::Input(errors, path.clone()))
                    } else {
                        Err(Failure::Input(errors, path.clone()))
                    }
                }
            }
        }
        "schema" => {
            let options = Options::parse(rest, &[], &[])?;
            let which = match options.positional.as_slice() {
                [] => Document::Config,
                [name] => Document::from_name(name).ok_or_else(|| {
                    Failure::Usage(format!("unknown schema {name}: expected config, cart or quote"))
                })?,
                _ => return Err(Failure::Usage("schema takes at most one name".into())),
            };
            print(&schema_json(which))
        }
        "simulate" => simulate(rest),
        "report" => report(rest),
        "sample-experiment" => sample_experiment(rest),
        "sample-orders" => {
            let options = Options::parse(rest, &["orders", "seed"], &[])?;
            let number = |name: &str, default: u64| -> Result<u64, Failure> {
                options.value(name).map_or(Ok(default), |v| {
                    v.parse()
                        .map_err(|_| Failure::Usage(format!("--{name} takes a whole number")))
                })
            };
            let (orders, seed) = (number("orders", 10_000)?, number("seed", 1)?);
            let most = nexttier::simulate::sample::MAX_SAMPLE_ORDERS;
            if orders > most {
                return Err(Failure::Usage(format!("--orders is at most {most}")));
            }
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut failed = None;
            nexttier::simulate::sample::sample_orders(orders, seed, |line| {
                if let Err(e) = writeln!(out, "{line}") {
                    failed = Some(e);
                }
                failed.is_none()
            });
            match failed.map_or_else(|| out.flush(), Err) {
                Ok(()) => Ok(()),
                // The reader has all it wanted (`| head`): stop, as a success.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Failure::Io(format!("cannot write output: {e}"))),
            }
        }
        other => Err(Failure::Usage(format!("unknown command {other}"))),
    }
}

/// The quote's flags as the options object the package takes, read by the same reader: `--summary`,
/// and for `--checkout` what the host vouches for (`--now`, `--segment`, `--coupon`, tax).
fn quote_options(options: &Options) -> Result<nexttier::quote::QuoteOptions, Failure> {
    let values = |name: &str| -> Vec<&str> {
        options
            .flags
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    };
    let mut json = String::new();
    let mut object = ObjectWriter::new(&mut json);
    object.string(
        "detail",
        if options.switch("summary") {
            "summary"
        } else {
            "full"
        },
    );
    if options.switch("checkout") {
        let mut checkout = String::new();
        let mut host = ObjectWriter::new(&mut checkout);
        if let Some(now) = options.value("now") {
            host.string("now", now);
        }
        host.array("segments", &values("segment"), |out, s| {
            nexttier::json::write_string(out, s)
        });
        host.array("coupons", &values("coupon"), |out, c| {
            nexttier::json::write_string(out, c)
        });
        if options.switch("prices-include-tax") {
            host.raw("prices_include_tax", "true");
        }
        if let Some(rate) = options.value("tax-rate") {
            host.string("tax_rate", rate);
        }
        if let Some(orders) = options.value("orders") {
            host.string("orders", orders);
        }
        // `--uses welcome=1`: the customer's uses; `--total-uses flash=999`: everyone's.
        for (flag, key, nested) in [("uses", "uses", false), ("total-uses", "usage", true)] {
            let given = values(flag);
            if given.is_empty() {
                continue;
            }
            let mut map = String::from("{");
            for (i, value) in given.iter().enumerate() {
                let Some((id, count)) = value.rsplit_once('=') else {
                    return Err(Failure::Usage(format!(
                        "--{flag} takes PROMOTION=COUNT, not {value}"
                    )));
                };
                if i > 0 {
                    map.push(',');
                }
                nexttier::json::write_string(&mut map, id);
                map.push(':');
                if nested {
                    map.push_str("{\"uses\":");
                }
                nexttier::json::write_string(&mut map, count);
                if nested {
                    map.push('}');
                }
            }
            map.push('}');
            host.raw(key, &map);
        }
        if let Some(visitor) = options.value("visitor") {
            host.string("visitor", visitor);
        }
        // `--variant top-tier=169`: the variant the server's records name.
        let variants: Vec<String> = options
            .flags
            .iter()
            .filter(|(n, _)| n == "variant")
            .filter_map(|(_, v)| v.clone())
            .collect();
        if !variants.is_empty() {
            let mut map = String::from("{");
            for (i, value) in variants.iter().enumerate() {
                let Some((experiment, variant)) = value.split_once('=') else {
                    return Err(Failure::Usage(format!(
                        "--variant takes EXPERIMENT=VARIANT, not {value}"
                    )));
                };
                if i > 0 {
                    map.push(',');
                }
                nexttier::json::write_string(&mut map, experiment);
                map.push(':');
                nexttier::json::write_string(&mut map, variant);
            }
            map.push('}');
            host.raw("variants", &map);
        }
        host.end();
        object.raw("checkout", &checkout);
    }
    object.end();
    nexttier::quote::QuoteOptions::from_json(&json).map_err(|e| flag_error(&e))
}

/// An error of an options object built from flags, said as the flag it came from: the last key of
/// its path (`checkout.segments[0]` is `--segment`, `max_items` is `--max-items`).
fn flag_error(errors: &Errors) -> Failure {
    let error = errors.first();
    let key = error.path().as_str().rsplit('.').next().unwrap_or_default();
    let key = key.split('[').next().unwrap_or_default();
    let flag = match key {
        "segments" => "segment".to_owned(),
        "cart_bytes" | "cart_lines" | "config_bytes" | "work_steps" => {
            format!("max-{}", key.replace('_', "-"))
        }
        "coupons" => "coupon".to_owned(),
        other => other.replace('_', "-"),
    };
    let detail = error.to_string();
    let detail = detail.split_once(": ").map_or(detail.as_str(), |(_, d)| d);
    Failure::Usage(format!("--{flag}: {detail}"))
}

fn load_engine(path: &str, limits: nexttier::Limits) -> Result<Engine, Failure> {
    let text = read_file(path, "config", limits.config_bytes)?;
    Engine::from_json_within(&text, limits).map_err(|e| Failure::Input(e, path.to_owned()))
}

/// The flags that set input limits, each a key of [`nexttier::Limits`].
const LIMIT_FLAGS: [(&str, &str); 4] = [
    ("max-cart-bytes", "cart_bytes"),
    ("max-cart-lines", "cart_lines"),
    ("max-config-bytes", "config_bytes"),
    ("max-work-steps", "work_steps"),
];

/// A command's flags with a value, and the limit flags.
fn with_limits<'a>(flags: &[&'a str]) -> Vec<&'a str> {
    let mut all = flags.to_vec();
    all.extend(LIMIT_FLAGS.iter().map(|(flag, _)| *flag));
    all
}

/// The limits the flags set, read by the same reader as the package's `limits` option.
fn limits(options: &Options) -> Result<nexttier::Limits, Failure> {
    let mut json = String::new();
    let mut object = ObjectWriter::new(&mut json);
    for (flag, key) in LIMIT_FLAGS {
        if let Some(value) = options.value(flag) {
            object.string(key, value);
        }
    }
    object.end();
    nexttier::Limits::from_json(&json).map_err(|e| flag_error(&e))
}

/// `nexttier simulate`: one pass over the orders, streamed, for one config or two side by side.
/// Feeds a file (or standard input for `-`) to `push` in pieces of 64 KiB.
fn feed_file(path: &str, mut push: impl FnMut(&str) -> Result<u64, Errors>) -> Result<(), Failure> {
    use std::io::Read;
    let mut input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?)
    };
    let mut buffer = vec![0u8; 1 << 16];
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = input
            .read(&mut buffer)
            .map_err(|e| Failure::Io(format!("cannot read {path}: {e}")))?;
        if n == 0 {
            break;
        }
        carry.extend_from_slice(&buffer[..n]);
        // Hand on whole UTF-8 characters; the rest waits for the next read.
        let valid = match std::str::from_utf8(&carry) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(Failure::Io(format!("{path} is not UTF-8 text"))),
        };
        let text = std::str::from_utf8(&carry[..valid]).unwrap_or_default();
        push(text).map_err(|e| Failure::Input(e, path.to_owned()))?;
        carry.drain(..valid);
    }
    if !carry.is_empty() {
        return Err(Failure::Io(format!("{path} is not UTF-8 text")));
    }
    Ok(())
}

/// `nexttier report`: an experiment's results from the widget's events and the shop's orders.
fn report(rest: &[String]) -> Result<(), Failure> {
    let options = Options::parse(
        rest,
        &with_limits(&["config", "events", "orders", "experiment", "now"]),
        &["json"],
    )?;
    if let Some(extra) = options.positional.first() {
        return Err(Failure::Usage(format!("unexpected argument {extra}")));
    }
    let config = options.required("config")?;
    let events = options.required("events")?;
    let orders = options.required("orders")?;
    if events == "-" && orders == "-" {
        return Err(Failure::Usage(
            "only one of --events and --orders can be standard input".into(),
        ));
    }
    let now = match options.value("now") {
        Some(now) => nexttier::time::parse_rfc3339(now).map_err(|d| Failure::Usage(format!("--now: {d}")))?,
        None => nexttier::engine::system_now(),
    };
    let engine = load_engine(config, limits(&options)?)?;
    let mut results = nexttier::results::Results::new(engine, options.value("experiment"), now)
        .map_err(|e| Failure::Input(e, config.to_owned()))?;
    feed_file(events, |piece| results.push_events(piece))?;
    feed_file(orders, |piece| results.push_orders(piece))?;
    let report = results
        .finish()
        .map_err(|e| Failure::Input(e, orders.to_owned()))?;
    if options.switch("json") {
        print_json(&report.to_json(), false)
    } else {
        print!("{}", report.to_text());
        Ok(())
    }
}

/// `nexttier sample-experiment`: synthetic shoppers' events and orders with planted lifts.
fn sample_experiment(rest: &[String]) -> Result<(), Failure> {
    use std::io::Write as _;
    let options = Options::parse(
        rest,
        &[
            "config",
            "shoppers",
            "seed",
            "conversion",
            "lift",
            "experiment",
            "events",
            "orders",
        ],
        &[],
    )?;
    if let Some(extra) = options.positional.first() {
        return Err(Failure::Usage(format!("unexpected argument {extra}")));
    }
    let number = |name: &str, default: u64| -> Result<u64, Failure> {
        options.value(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| Failure::Usage(format!("--{name} takes a whole number")))
        })
    };
    let config = options.required("config")?;
    let engine = load_engine(config, limits(&options)?)?;
    let experiments = &engine.config().experiments;
    let experiment = match options.value("experiment") {
        Some(id) => experiments
            .iter()
            .position(|e| &*e.id == id)
            .ok_or_else(|| Failure::Usage(format!("--experiment: the config has no experiment {id}")))?,
        None => 0,
    };
    let mut lifts = Vec::new();
    for value in options
        .flags
        .iter()
        .filter(|(n, _)| n == "lift")
        .filter_map(|(_, v)| v.as_deref())
    {
        let parsed = value.split_once('=').and_then(|(variant, permille)| {
            let at = experiments.get(experiment)?.variant(variant)?;
            Some((at, permille.parse::<u64>().ok().filter(|p| *p <= 1000)?))
        });
        lifts.push(parsed.ok_or_else(|| {
            Failure::Usage(format!(
                "--lift takes VARIANT=PERMILLE (a variant of the experiment, 0 to 1000), not {value}"
            ))
        })?);
    }
    let plan = nexttier::results::synthetic::Plan {
        shoppers: number("shoppers", 10_000)?,
        seed: number("seed", 1)?,
        conversion: number("conversion", 300)?,
        lifts,
    };
    let create = |flag: &str| -> Result<std::io::BufWriter<std::fs::File>, Failure> {
        let path = options.required(flag)?;
        std::fs::File::create(path)
            .map(std::io::BufWriter::new)
            .map_err(|e| Failure::Io(format!("cannot write {path}: {e}")))
    };
    let (mut events, mut orders) = (create("events")?, create("orders")?);
    let mut failed = None;
    nexttier::results::synthetic::generate(
        &engine,
        experiment,
        &plan,
        |line| {
            if let Err(e) = writeln!(events, "{line}") {
                failed = Some(e);
            }
            true
        },
        |line| writeln!(orders, "{line}").is_ok(),
    )
    .map_err(|e| Failure::Input(e, config.to_owned()))?;
    match failed.map_or_else(|| events.flush().and_then(|()| orders.flush()), Err) {
        Ok(()) => Ok(()),
        Err(e) => Err(Failure::Io(format!("cannot write output: {e}"))),
    }
}

fn simulate(rest: &[String]) -> Result<(), Failure> {
    use nexttier::simulate::{OrderReader, SimulateOptions, Simulation};

    let options = Options::parse(
        rest,
        &with_limits(&["config", "orders", "compare", "nudge-zone", "top-up", "now"]),
        &["json", "suggestions"],
    )?;
    if let Some(extra) = options.positional.first() {
        return Err(Failure::Usage(format!("unexpected argument {extra}")));
    }
    let config = options.required("config")?;
    let orders_path = options.required("orders")?;
    let mut settings = SimulateOptions {
        suggestions: options.switch("suggestions"),
        ..SimulateOptions::default()
    };
    for (flag, slot) in [
        ("nudge-zone", &mut settings.nudge_zone),
        ("top-up", &mut settings.top_up),
    ] {
        if let Some(text) = options.value(flag) {
            *slot = SimulateOptions::parse_share(text, flag)
                .map_err(|e| Failure::Input(e, format!("--{flag}")))?;
        }
    }
    if let Some(now) = options.value("now") {
        settings.now =
            Some(nexttier::time::parse_rfc3339(now).map_err(|d| Failure::Usage(format!("--now: {d}")))?);
    }
    let limits = limits(&options)?;
    let first = load_engine(config, limits)?;
    let second = options
        .value("compare")
        .map(|path| load_engine(path, limits))
        .transpose()?;
    if let Some(other) = &second {
        if other.config().currency != first.config().currency {
            return Err(Failure::Usage(
                "the two configs price in different currencies".into(),
            ));
        }
    }
    let clock = nexttier::engine::system_now();
    let mut runs = vec![Simulation::new(&first, settings.clone(), clock)];
    if let Some(other) = &second {
        runs.push(Simulation::new(other, settings.clone(), clock));
    }
    let input: Box<dyn BufRead> = if orders_path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(orders_path)
            .map_err(|e| Failure::Io(format!("cannot read {orders_path}: {e}")))?;
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let mut reader = OrderReader::new(first.config().currency);
    let fail = |e: Errors| Failure::Input(e, orders_path.to_owned());
    let feed = |runs: &mut Vec<Simulation<'_>>, order: nexttier::simulate::Order| -> Result<(), Failure> {
        for run in runs.iter_mut() {
            run.add(&order).map_err(fail)?;
        }
        Ok(())
    };
    let mut input = input;
    let mut line = Vec::new();
    let mut number = 0usize;
    while next_line(&mut input, &mut line)
        .map_err(|e| Failure::Io(format!("cannot read {orders_path}: {e}")))?
    {
        number += 1;
        let text = std::str::from_utf8(&line).map_err(|_| {
            fail(Errors::from(nexttier::Error::invalid(
                &nexttier::JsonPath::root().key(&format!("line {number}")),
                "not UTF-8 text",
            )))
        })?;
        if let Some(order) = reader.push_line(text).map_err(|e| fail(e.into()))? {
            feed(&mut runs, order)?;
        }
    }
    if let Some(order) = reader.finish().map_err(|e| fail(e.into()))? {
        feed(&mut runs, order)?;
    }
    let reports: Vec<_> = runs.into_iter().map(Simulation::report).collect();
    let names: Vec<&str> = std::iter::once(config).chain(options.value("compare")).collect();
    let mut text = String::new();
    if options.switch("json") {
        if reports.len() == 1 {
            return print_json(&reports[0].to_json(), false);
        }
        let runs: Vec<_> = reports.iter().zip(&names).collect();
        let mut json = String::new();
        let mut object = ObjectWriter::new(&mut json);
        object.array("compare", &runs, |out, (report, name)| {
            let mut run = ObjectWriter::new(out);
            run.string("config", name);
            run.raw("report", &report.to_json());
            run.end();
        });
        object.end();
        return print_json(&json, false);
    }
    for (report, name) in reports.iter().zip(&names) {
        if reports.len() > 1 {
            text.push_str(&format!("== {name}\n"));
        }
        text.push_str(&report.to_text());
        text.push('\n');
    }
    print(&text)
}
