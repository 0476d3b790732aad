//! The shape of the crate as docs/architecture.md describes it: no import
//! circle among its files, imports only run down the layers of STYLE.md
//! (`domain` imports nothing of ours but `text`, `rules` only `domain`,
//! `procedure` both, …, `ui` and `cli` on top), `App` (ui/app.rs) imports no
//! screen logic, and no screen handler takes `&mut App`. Imports are read
//! from the source: every `use` tree and every `crate::`/`super::` path,
//! resolved to the file of the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path ("ui::screens::agenda") → source text without comments and
/// without its test module: the files of module `top`, or of the whole
/// crate when `None`.
fn modules(top: Option<&str>) -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (mut files, mut dirs) = match top {
        Some(top) => (vec![root.join(format!("{top}.rs"))], vec![root.join(top)]),
        None => (Vec::new(), vec![root.clone()]),
    };
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ui readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
        .into_iter()
        .map(|path: PathBuf| {
            let rel = path.strip_prefix(&root).expect("under src").with_extension("");
            let name =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>();
            let text = std::fs::read_to_string(&path).expect("readable");
            (name.join("::"), strip(&text))
        })
        .collect()
}

fn strip(text: &str) -> String {
    let code: String =
        text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    match code.find("#[cfg(test)]\nmod tests") {
        Some(i) => code[..i].to_string(),
        None => code,
    }
}

/// `a::{b, c::{d}}` → `a::b`, `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut cur) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            ',' if depth == 0 => parts.push(std::mem::take(&mut cur)),
            '{' => {
                depth += 1;
                cur.push(c)
            }
            '}' => {
                depth -= 1;
                cur.push(c)
            }
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p))
        .map(|e| if e == "self" { prefix.trim_end_matches(':').to_string() } else { format!("{prefix}{e}") })
        .collect()
}

/// Every path a module names, as written.
fn paths(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("use ") {
        // A `use` item starts its line (rustfmt), perhaps after `pub`;
        // "use " inside a string does not.
        let line_start = rest[..i].rfind('\n').map_or(0, |n| n + 1);
        let before = rest[line_start..i].trim();
        let after = &rest[i + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if before.is_empty() || before == "pub" || before.starts_with("pub(") {
            out.extend(expand(&after[..end].replace('\n', " ")));
        }
        rest = &after[end.min(after.len())..];
    }
    for start in ["crate::", "super::"] {
        let mut at = 0;
        while let Some(i) = src[at..].find(start) {
            let from = at + i;
            let len = src[from..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(src.len() - from);
            out.push(src[from..from + len].trim_end_matches(':').to_string());
            at = from + len.max(1);
        }
    }
    out
}

/// The module a path names, among `modules`; re-exports of `ui.rs` count
/// as the module that defines them.
fn resolve(current: &str, path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    let mut base: Vec<&str> = current.split("::").collect();
    match parts.first() {
        Some(&"crate") => {
            parts.remove(0);
            base.clear();
        }
        Some(&"super") => {
            while parts.first() == Some(&"super") {
                parts.remove(0);
                base.pop();
            }
        }
        Some(&"self") => {
            parts.remove(0);
        }
        _ => return None,
    }
    let full: Vec<&str> = base.into_iter().chain(parts).collect();
    if full.len() == 2 && full[0] == "ui" {
        let reexport = match full[1] {
            "App" => Some("ui::app"),
            "Action" => Some("ui::action"),
            "Screen" => Some("ui::screens::kind"),
            "Journal" => Some("ui::journal"),
            "ThemeKind" => Some("ui::theme"),
            _ => None,
        };
        if let Some(m) = reexport {
            return Some(m.to_string());
        }
    }
    (1..=full.len()).rev().map(|i| full[..i].join("::")).find(|m| modules.contains_key(m) && m != "ui")
}

fn graph(top: Option<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules(top);
    modules
        .iter()
        .map(|(name, src)| {
            let targets = paths(src)
                .iter()
                .filter_map(|p| resolve(name, p, &modules))
                .filter(|t| t != name && !name.starts_with(&format!("{t}::")))
                .collect();
            (name.clone(), targets)
        })
        .collect()
}

/// Strongly connected components with more than one module (Tarjan).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        w.on.insert(v);
        let graph = w.graph;
        for t in graph.get(v).into_iter().flatten() {
            let t = t.as_str();
            if !w.index.contains_key(t) {
                visit(w, t);
                let l = w.low[t].min(w.low[v]);
                w.low.insert(v, l);
            } else if w.on.contains(t) {
                let l = w.index[t].min(w.low[v]);
                w.low.insert(v, l);
            }
        }
        if w.low[v] == w.index[v] {
            let mut component = Vec::new();
            while let Some(t) = w.stack.pop() {
                w.on.remove(t);
                component.push(t.to_string());
                if t == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                w.out.push(component);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.out
}

#[test]
fn the_ui_has_no_import_circle() {
    let graph = graph(Some("ui"));
    assert!(graph.len() > 60, "ui modules found: {}", graph.len());
    assert_eq!(circles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn the_crate_has_no_import_circle() {
    let graph = graph(None);
    assert!(graph.len() > 150, "modules found: {}", graph.len());
    assert_eq!(circles(&graph), Vec::<Vec<String>>::new());
}

/// The layers of STYLE.md, low to high; a module may import its own layer
/// and the ones below.
const LAYERS: &[&[&str]] = &[
    &["text", "files"],
    &["domain"],
    &["format", "rules"],
    &["procedure"],
    &["load", "record"],
    &["minutes"],
    &["export"],
    &["config", "schema", "demo"],
    &["ui"],
    &["cli", "main", "lib", "fuzzing"],
];

fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or(module);
    LAYERS.iter().position(|l| l.contains(&top)).unwrap_or_else(|| panic!("`{top}` is on no layer"))
}

/// Every import that runs from a lower layer to a higher one.
fn upward(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for (from, targets) in graph {
        // Tests beside the code may drive it from above.
        if from
            .split("::")
            .any(|part| part == "tests" || part.ends_with("_tests") || part.ends_with("proptest"))
        {
            continue;
        }
        for to in targets {
            if layer(to) > layer(from) {
                out.push(format!("{from} -> {to}"));
            }
        }
    }
    out
}

#[test]
fn imports_run_down_the_layers() {
    assert_eq!(upward(&graph(None)), Vec::<String>::new());
}

#[test]
fn the_layer_check_can_fail() {
    let mut graph = graph(None);
    graph.get_mut("domain::state").expect("domain::state").insert("rules".into());
    assert_eq!(upward(&graph), ["domain::state -> rules"]);
}

#[test]
fn the_circle_check_can_fail() {
    let mut graph = graph(Some("ui"));
    graph.get_mut("ui::app").expect("ui::app").insert("ui::screens::agenda".into());
    let found = circles(&graph);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains(&"ui::app".to_string()) && found[0].contains(&"ui::screens::agenda".to_string())
    );
}

#[test]
fn app_is_data_and_no_screen_handler_takes_the_app_mutably() {
    let graph = graph(Some("ui"));
    let app = &graph["ui::app"];
    let logic: Vec<&String> = app
        .iter()
        .filter(|t| t.starts_with("ui::screens") && !t.ends_with("::state") && !t.ends_with("::kind"))
        .filter(|t| !matches!(t.as_str(), "ui::screens::scoring::entry" | "ui::screens::decision::dialog"))
        .collect();
    assert!(logic.is_empty(), "app.rs imports screen logic: {logic:?}");
    for (name, src) in modules(Some("ui")) {
        if name.starts_with("ui::screens") {
            assert!(!src.contains("&mut App"), "{name} takes &mut App");
        }
    }
}
