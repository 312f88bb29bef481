//! Shape rules for the core's sources, read as text: no function longer than
//! `MAX_FUNCTION_LINES`, and no import cycle between the top-level modules (`crate::<module>`).
//!
//! The scan is a small lexer (comments, strings, raw strings, char literals and lifetimes) and
//! brace counting, not a Rust parser: enough for code that rustfmt has formatted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A function longer than this is split into named steps.
const MAX_FUNCTION_LINES: usize = 200;

fn core_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, as (path relative to `src/` with `/` separators, text).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(root).unwrap();
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((rel.join("/"), text));
            }
        }
    }
    let root = core_src();
    let mut out = Vec::new();
    walk(&root, &root, &mut out);
    assert!(!out.is_empty(), "no sources under {}", root.display());
    out
}

/// One token of the source: an identifier or keyword, or a single punctuation character.
/// Comments, string and char literals and lifetimes are dropped.
#[derive(Debug, PartialEq)]
enum Tok {
    Word(String),
    Punct(char),
}

/// Tokens with their 1-based line numbers.
fn tokens(src: &str) -> Vec<(usize, Tok)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Advances over chars[i..end], counting the newlines skipped.
    let skip_to = |i: &mut usize, end: usize, line: &mut usize| {
        let end = end.min(chars.len());
        *line += chars[*i..end].iter().filter(|&&c| c == '\n').count();
        *i = end;
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            let end = (i..chars.len())
                .find(|&j| chars[j] == '\n')
                .unwrap_or(chars.len());
            i = end;
        } else if c == '/' && next == Some('*') {
            let end = block_comment_end(&chars, i);
            skip_to(&mut i, end, &mut line);
        } else if c == '"' {
            let end = quoted_end(&chars, i + 1, '"');
            skip_to(&mut i, end, &mut line);
        } else if c == '\'' {
            let end = char_literal_end(&chars, i);
            skip_to(&mut i, end, &mut line);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // Raw and byte strings: r"..", r#".."#, b"..", br#".."#.
            if let Some(end) = prefixed_string_end(&word, &chars, i) {
                skip_to(&mut i, end, &mut line);
            } else {
                out.push((line, Tok::Word(word)));
            }
        } else {
            out.push((line, Tok::Punct(c)));
            i += 1;
        }
    }
    out
}

/// The index just past a (possibly nested) block comment starting at `start`.
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i + 1 < chars.len() {
        if chars[i] == '/' && chars[i + 1] == '*' {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars[i + 1] == '/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    chars.len()
}

/// The index just past the closing `close` of a literal whose body starts at `body`, honouring
/// backslash escapes.
fn quoted_end(chars: &[char], body: usize, close: char) -> usize {
    let mut i = body;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            c if c == close => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// A char literal's end, or just past the quote of a lifetime or label (`'a`, `'static`).
fn char_literal_end(chars: &[char], start: usize) -> usize {
    match (chars.get(start + 1), chars.get(start + 2)) {
        (Some('\\'), _) => quoted_end(chars, start + 1, '\''),
        (Some(_), Some('\'')) => start + 3,
        _ => start + 1,
    }
}

/// When `word` (just read, ending before `at`) prefixes a raw or byte string, the string's end.
fn prefixed_string_end(word: &str, chars: &[char], at: usize) -> Option<usize> {
    match word {
        "b" if chars.get(at) == Some(&'"') => Some(quoted_end(chars, at + 1, '"')),
        "b" if chars.get(at) == Some(&'\'') => Some(quoted_end(chars, at + 1, '\'')),
        "r" | "br" => {
            let hashes = chars[at..].iter().take_while(|&&c| c == '#').count();
            if chars.get(at + hashes) != Some(&'"') {
                return None;
            }
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body = at + hashes + 1;
            let end = (body..chars.len())
                .find(|&j| chars[j..].starts_with(&close))
                .map_or(chars.len(), |j| j + close.len());
            Some(end)
        }
        _ => None,
    }
}

/// A function item and its length in lines, from its `fn` line to its closing brace.
#[derive(Debug)]
struct Function {
    file: String,
    name: String,
    line: usize,
    lines: usize,
}

/// Every function with a body in `src`: free functions, methods, nested functions, functions
/// in test modules and in macro bodies.
fn functions(file: &str, src: &str) -> Vec<Function> {
    let toks = tokens(src);
    let mut out = Vec::new();
    for (k, (line, tok)) in toks.iter().enumerate() {
        if *tok != Tok::Word("fn".into()) {
            continue;
        }
        // `fn(u8) -> u8` is a pointer type, not an item.
        let Some((_, Tok::Word(name))) = toks.get(k + 1) else {
            continue;
        };
        let Some(open) = body_start(&toks, k + 2) else {
            continue;
        };
        let end_line = matching_brace_line(&toks, open);
        out.push(Function {
            file: file.to_owned(),
            name: name.clone(),
            line: *line,
            lines: end_line + 1 - line,
        });
    }
    out
}

/// The index of the `{` opening the body of a function whose signature starts at `from`, or
/// `None` for a declaration without a body (`fn f();` in a trait).
fn body_start(toks: &[(usize, Tok)], from: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (k, (_, tok)) in toks.iter().enumerate().skip(from) {
        match tok {
            Tok::Punct('(' | '[' | '<') => depth += 1,
            Tok::Punct(')' | ']') => depth -= 1,
            // `->` is not a closing angle bracket.
            Tok::Punct('>') if !matches!(toks.get(k - 1), Some((_, Tok::Punct('-')))) => depth -= 1,
            Tok::Punct('{') if depth <= 0 => return Some(k),
            Tok::Punct(';') if depth <= 0 => return None,
            _ => {}
        }
    }
    None
}

/// The line of the `}` matching the `{` at `open`.
fn matching_brace_line(toks: &[(usize, Tok)], open: usize) -> usize {
    let mut depth = 0;
    for (line, tok) in &toks[open..] {
        match tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return *line;
                }
            }
            _ => {}
        }
    }
    toks.last().map_or(0, |(line, _)| *line)
}

fn all_functions() -> Vec<Function> {
    let mut all: Vec<Function> = sources()
        .iter()
        .flat_map(|(file, src)| functions(file, src))
        .collect();
    all.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.file.cmp(&b.file)));
    all
}

#[test]
fn no_core_function_is_longer_than_200_lines() {
    let all = all_functions();
    // Lets `cargo test --test architecture -- --nocapture` show where the rule stands.
    for f in all.iter().take(5) {
        println!("{:>5} lines  {}:{} {}", f.lines, f.file, f.line, f.name);
    }
    let offenders: Vec<String> = all
        .iter()
        .filter(|f| f.lines > MAX_FUNCTION_LINES)
        .map(|f| format!("{}:{} `{}` has {} lines", f.file, f.line, f.name, f.lines))
        .collect();
    assert!(
        offenders.is_empty(),
        "functions longer than {MAX_FUNCTION_LINES} lines (split them into named steps):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_length_scan_measures_what_it_should() {
    let src =
        "fn a() {\n    let s = \"}\";\n    let c = '}';\n    // }\n    let r = r#\"}\"#;\n}\n\
               fn b<'a>(x: &'a str) -> impl Fn(u8) -> u8 {\n    |y| y\n}\n\
               trait T {\n    fn c(&self);\n}\n";
    let found: Vec<(String, usize)> = functions("x.rs", src)
        .into_iter()
        .map(|f| (f.name, f.lines))
        .collect();
    assert_eq!(found, vec![("a".into(), 6), ("b".into(), 3)]);
}

/// The top-level module a source file belongs to: `rules/agent.rs` -> `rules`, `report.rs` ->
/// `report`; the crate root (`lib.rs`) has none.
fn top_module(file: &str) -> Option<&str> {
    let first = file.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib").then_some(name)
}

/// Edges `module -> crate::<other>` between top-level modules, from `use crate::x` and
/// `crate::x::` paths (also inside `use crate::{x, y}` groups).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources();
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|(f, _)| top_module(f).map(str::to_owned))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for (file, src) in &files {
        let Some(from) = top_module(file) else {
            continue;
        };
        for to in crate_paths(&tokens(src)) {
            if to != from && modules.contains(&to) {
                graph.entry(from.to_owned()).or_default().insert(to);
            }
        }
    }
    graph
}

/// The first segment after every `crate::` in the tokens, including each item of a
/// `crate::{a, b::c}` group.
fn crate_paths(toks: &[(usize, Tok)]) -> Vec<String> {
    let mut out = Vec::new();
    for k in 0..toks.len() {
        let is_crate_path = toks[k].1 == Tok::Word("crate".into())
            && toks.get(k + 1).map(|t| &t.1) == Some(&Tok::Punct(':'))
            && toks.get(k + 2).map(|t| &t.1) == Some(&Tok::Punct(':'));
        if !is_crate_path {
            continue;
        }
        match toks.get(k + 3).map(|t| &t.1) {
            Some(Tok::Word(m)) => out.push(m.clone()),
            Some(Tok::Punct('{')) => out.extend(group_heads(toks, k + 3)),
            _ => {}
        }
    }
    out
}

/// The first segment of each path directly inside the `{ .. }` group opening at `open`.
fn group_heads(toks: &[(usize, Tok)], open: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut at_item_start = true;
    for (_, tok) in &toks[open..] {
        match tok {
            Tok::Punct('{') => {
                depth += 1;
                at_item_start = depth == 1;
            }
            Tok::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Tok::Punct(',') if depth == 1 => at_item_start = true,
            Tok::Word(w) if at_item_start && depth == 1 => {
                out.push(w.clone());
                at_item_start = false;
            }
            _ => {}
        }
    }
    out
}

/// One cycle in the graph, as the list of modules along it, if there is any.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unseen,
        OnPath,
        Done,
    }
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(m.to_owned(), Mark::OnPath);
        path.push(m.to_owned());
        for next in graph.get(m).into_iter().flatten() {
            match marks.get(next).copied().unwrap_or(Mark::Unseen) {
                Mark::OnPath => {
                    let start = path.iter().position(|p| p == next).unwrap();
                    let mut cycle = path[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::Unseen => {
                    if let Some(c) = visit(next, graph, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(m.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for m in graph.keys() {
        if marks.get(m).copied().unwrap_or(Mark::Unseen) == Mark::Unseen {
            if let Some(c) = visit(m, graph, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let graph = module_graph();
    for (from, to) in &graph {
        let to: Vec<&str> = to.iter().map(String::as_str).collect();
        println!("{from} -> {}", to.join(", "));
    }
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between top-level modules: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_import_scan_sees_paths_and_groups() {
    let toks = tokens(
        "use crate::report::Code;\nuse crate::{i18n::Text, order};\nfn f() { crate::parse::clip(x) }\n\
         // use crate::render;\nlet s = \"crate::decode\";\n",
    );
    assert_eq!(crate_paths(&toks), vec!["report", "i18n", "order", "parse"]);
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, to)| (m.into(), to.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
