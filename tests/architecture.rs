//! The shape ARCHITECTURE.md describes, held by a test: the core crate's modules import each other
//! without loops, and the core depends on no JS binding crate.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// What `lib.rs` re-exports at the crate root, by the module that defines it.
const ROOT_EXPORTS: &[(&str, &str)] = &[
    ("Cart", "cart"),
    ("Config", "config"),
    ("Engine", "pricing::engine"),
    ("Error", "error"),
    ("Errors", "error"),
    ("JsonPath", "error"),
    ("Limits", "limits"),
    ("Detail", "quote"),
    ("Quote", "quote"),
    ("VERSION", ""),
];

/// Every module of `src/` (`config::market`, `json`, ...) with its source, `lib.rs` and the
/// command line (which may use anything) left out.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(base).unwrap().with_extension("");
                let mut parts: Vec<String> = relative
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod") {
                    parts.pop();
                }
                let name = parts.join("::");
                if !matches!(name.as_str(), "lib" | "main" | "cli") {
                    out.insert(name, fs::read_to_string(&path).unwrap());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new("src"), Path::new("src"), &mut out);
    out
}

/// The code of a file without comments, string literals and its unit tests (which may use anything).
fn code(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The modules `module`'s code names through `crate::`, `super::` and `self::` paths.
fn imports(module: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let own: Vec<&str> = if module.is_empty() {
        vec![]
    } else {
        module.split("::").collect()
    };
    let resolve = |path: &[&str]| -> String {
        for end in (1..=path.len()).rev() {
            let candidate = path[..end].join("::");
            if known.contains(&candidate) {
                return candidate;
            }
        }
        match path
            .first()
            .and_then(|name| ROOT_EXPORTS.iter().find(|(n, _)| n == name))
        {
            Some((_, defined_in)) => (*defined_in).to_owned(),
            None => String::new(),
        }
    };
    let mut out = BTreeSet::new();
    let bytes = code.as_bytes();
    let path_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b':';
    for head in ["crate::", "super::", "self::"] {
        for (start, _) in code.match_indices(head) {
            if start > 0 && path_byte(bytes[start - 1]) {
                continue; // inside a longer path, counted from its head
            }
            let mut end = start;
            while end < bytes.len() && path_byte(bytes[end]) {
                end += 1;
            }
            let segments: Vec<&str> = code[start..end].split("::").filter(|s| !s.is_empty()).collect();
            let (base, rest): (Vec<&str>, &[&str]) = match segments[0] {
                "crate" => (vec![], &segments[1..]),
                "self" => (own.clone(), &segments[1..]),
                _ => {
                    let mut base = own.clone();
                    let mut rest = &segments[..];
                    while rest.first() == Some(&"super") {
                        base.pop();
                        rest = &rest[1..];
                    }
                    (base, rest)
                }
            };
            let mut names: Vec<Vec<&str>> = Vec::new();
            if rest.is_empty() && bytes.get(end) == Some(&b'{') {
                // `crate::{Cart, Engine}`: each name in the group.
                let group = &code[end + 1..end + code[end..].find('}').unwrap_or(0)];
                for name in group.split(',') {
                    let name = name.trim();
                    if !name.is_empty() {
                        names.push(name.split("::").collect());
                    }
                }
            } else {
                names.push(rest.to_vec());
            }
            for name in names {
                let path: Vec<&str> = base.iter().copied().chain(name).collect();
                let target = resolve(&path);
                if target != module && !target.is_empty() {
                    out.insert(target);
                }
            }
        }
    }
    out
}

/// The groups of modules that import each other in a loop (Tarjan's strongly connected components).
fn loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(state: &mut State<'g>, v: &'g str) {
        let n = state.index.len();
        state.index.insert(v, n);
        state.low.insert(v, n);
        state.stack.push(v);
        for w in state.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !state.index.contains_key(w) {
                visit(state, w);
                let low = state.low[v].min(state.low[w]);
                state.low.insert(v, low);
            } else if state.stack.contains(&w) {
                let low = state.low[v].min(state.index[w]);
                state.low.insert(v, low);
            }
        }
        if state.low[v] == state.index[v] {
            let mut component = Vec::new();
            while let Some(w) = state.stack.pop() {
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(name, source)| (name.clone(), imports(name, &code(source), &known)))
        .collect()
}

#[test]
fn the_core_modules_import_each_other_without_loops() {
    let graph = graph();
    // The reader sees the edges it is meant to see (a test that cannot fail is no test).
    for (from, to) in [
        ("pricing::engine", "pricing::evaluate"),
        ("pricing::engine", "cart"),
        ("json::parse", "error"),
        ("config::market", "config::tiers"),
    ] {
        assert!(
            graph[from].contains(to),
            "{from} -> {to} not seen: {:?}",
            graph[from]
        );
    }
    assert_eq!(loops(&graph), Vec::<Vec<String>>::new(), "import loops");
}

#[test]
fn the_loop_finder_finds_a_loop() {
    let mut graph = graph();
    // error.rs writing its own JSON was such a loop: error -> json::parse -> error.
    graph.get_mut("error").unwrap().insert("json::parse".to_owned());
    assert_eq!(
        loops(&graph),
        vec![vec!["error".to_owned(), "json::parse".to_owned()]]
    );
}

#[test]
fn the_wings_depend_one_way() {
    // json and error sit below config and cart, which sit below pricing; nothing below imports above.
    let graph = graph();
    let wing = |name: &str| name.split("::").next().unwrap_or_default().to_owned();
    let rank = |w: &str| match w {
        "error" | "time" | "sort" | "string_map" | "digits" => 0,
        "json" | "money" | "limits" => 1,
        "document" | "config" | "cart" | "quote" => 2,
        "pricing" => 3,
        _ => 4,
    };
    for (from, targets) in &graph {
        for to in targets {
            if wing(from) != wing(to) {
                assert!(
                    rank(&wing(from)) >= rank(&wing(to)),
                    "`{from}` imports `{to}`, a layer above it (ARCHITECTURE.md)"
                );
            }
        }
    }
}

#[test]
fn the_core_crate_depends_on_no_js_binding() {
    let manifest = fs::read_to_string("Cargo.toml").unwrap();
    for line in manifest.lines() {
        for binding in ["wasm-bindgen", "js-sys", "web-sys", "serde-wasm-bindgen"] {
            assert!(
                !line.trim_start().starts_with(binding),
                "the core crate depends on {binding}: {line}"
            );
        }
    }
}
