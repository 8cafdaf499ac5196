//! The `nexttier` command line: quote carts, check configs, print the JSON Schema.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command line is native only; a wasm build of the binary does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
