//! Quotes one cart `N` times, for instruction counts under callgrind: the difference between two
//! counts with different `N` is the instructions of `N` quotes, free of start-up.
//! `cargo run --release --example instructions -- CONFIG CART N [summary]`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (config, cart, n, detail) = match args.as_slice() {
        [config, cart, n] => (config, cart, n, nexttier::Detail::Full),
        [config, cart, n, summary] if summary == "summary" => (config, cart, n, nexttier::Detail::Summary),
        _ => {
            eprintln!("usage: instructions CONFIG CART N [summary]");
            std::process::exit(2);
        }
    };
    let config = std::fs::read_to_string(config).expect("config");
    let cart = std::fs::read_to_string(cart).expect("cart");
    let n: u32 = n.parse().expect("N");
    let engine = nexttier::Engine::from_json(&config).expect("valid config");
    let mut bytes = 0;
    for _ in 0..n {
        bytes += engine
            .quote_json_with(&cart, 0, detail)
            .expect("valid cart")
            .to_json()
            .len();
    }
    println!("{bytes}");
}
