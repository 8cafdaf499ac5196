//! Quotes one cart `N` times, for instruction counts under callgrind: the difference between two
//! counts with different `N` is the instructions of `N` quotes, free of start-up.
//! `cargo run --release --example instructions -- CONFIG CART N`

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [config, cart, n] = args.as_slice() else {
        eprintln!("usage: instructions CONFIG CART N");
        std::process::exit(2);
    };
    let config = std::fs::read_to_string(config).expect("config");
    let cart = std::fs::read_to_string(cart).expect("cart");
    let n: u32 = n.parse().expect("N");
    let engine = nexttier::Engine::from_json(&config).expect("valid config");
    let mut bytes = 0;
    for _ in 0..n {
        bytes += engine.quote_json(&cart, 0).expect("valid cart").to_json().len();
    }
    println!("{bytes}");
}
