//! `preflight analyze --format jsonl DIR_OR_FILES...`: one report per input file, one JSON line
//! each, for support teams with a folder of cases. Each file is its own case (no combined
//! verdict); folders are walked recursively; the files are analysed on every core and the lines
//! are written in the files' order as soon as each is ready, so a long run streams.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::Context as _;
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use preflight_core::{analyze_text, decode, Options};

/// Every file under `inputs` (a file itself, or a folder walked recursively), in a stable
/// order: the inputs as given, each folder's entries sorted by name.
pub fn files(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in inputs {
        walk(p, &mut out)?;
    }
    Ok(out)
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let meta = std::fs::metadata(p).with_context(|| format!("cannot read '{}'", p.display()))?;
    if !meta.is_dir() {
        out.push(p.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
        .with_context(|| format!("cannot read folder '{}'", p.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        walk(&e, out)?;
    }
    Ok(())
}

/// One finished file: its place, its JSON line (or why it could not be read), its exit code.
struct Done {
    index: usize,
    line: Vec<u8>,
    exit: u8,
}

/// Analyses `paths` on every core and writes one JSON line per file to `out`, in order.
/// Returns the exit status: 1 when any file shows a failure, 3 when none was recognised,
/// 2 when a file could not be read (its line says why), else 0.
pub fn run(paths: &[PathBuf], lang: Lang, redact: bool, out: &mut dyn Write) -> anyhow::Result<u8> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(paths.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Done>();
    let progress = std::io::stderr().is_terminal();
    let mut codes: Vec<u8> = Vec::with_capacity(paths.len());
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(index) else { break };
                let (line, exit) = one(path, lang, redact);
                if tx.send(Done { index, line, exit }).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Lines finished out of order wait here until the ones before them are written.
        let mut waiting: Vec<Option<Done>> = (0..paths.len()).map(|_| None).collect();
        let mut written = 0;
        for done in rx {
            let i = done.index;
            if let Some(slot) = waiting.get_mut(i) {
                *slot = Some(done);
            }
            while let Some(d) = waiting.get_mut(written).and_then(Option::take) {
                out.write_all(&d.line)?;
                out.write_all(b"\n")?;
                codes.push(d.exit);
                written += 1;
                if progress {
                    eprint!("\r{written}/{} files", paths.len());
                }
            }
            out.flush()?;
        }
        if progress {
            eprintln!();
        }
        Ok(())
    })?;
    Ok(if codes.contains(&1) {
        1
    } else if codes.contains(&2) {
        2
    } else if !codes.is_empty() && codes.iter().all(|&c| c == 3) {
        3
    } else {
        0
    })
}

/// One file's JSON line and exit code; a file that cannot be read is a line that says so.
fn one(path: &Path, lang: Lang, redact: bool) -> (Vec<u8>, u8) {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let line = serde_json::json!({
                "schema": "preflight-error/1",
                "file": name,
                "error": e.to_string(),
            });
            return (line.to_string().into_bytes(), 2);
        }
    };
    let opts = Options {
        name,
        lang,
        kind: None,
    };
    let analysis = analyze_text(&bytes, &opts, decode::default_decoder());
    let mut report = analysis.report;
    if redact {
        let mut p = Pseudonyms::default();
        p.learn(&report, &analysis.text.content);
        report.redact(&p);
    }
    let mut pretty = Vec::new();
    // Writing into a vector does not fail.
    let _ = preflight_core::render::json::write_report(&report, lang, &mut pretty);
    let exit = u8::try_from(report.exit_code()).unwrap_or(2);
    (one_line(&pretty), exit)
}

/// The pretty JSON on one line: a JSON string holds no raw line break, so dropping each line
/// break and the indentation after it leaves the same document.
fn one_line(pretty: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pretty.len());
    for line in pretty.split(|&b| b == b'\n') {
        let start = line.iter().position(|&b| b != b' ').unwrap_or(line.len());
        out.extend_from_slice(line.get(start..).unwrap_or(&[]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_keeps_the_document() {
        let pretty = b"{\n  \"a\": \"x  y\",\n  \"b\": [\n    1,\n    2\n  ]\n}\n";
        assert_eq!(one_line(pretty), b"{\"a\": \"x  y\",\"b\": [1,2]}".to_vec());
    }
}
