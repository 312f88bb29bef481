//! `preflight analyze --format jsonl DIR_OR_FILES...`: one report per input file, one JSON line
//! each, for support teams with a folder of cases. Each file is its own case (no combined
//! verdict); folders are walked recursively; the files are analysed on every core and the lines
//! are written in the files' order as soon as each is ready, so a long run streams.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::Context as _;
use preflight_core::code::Code;
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use preflight_core::report::Status;
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

/// One finished file: its place, its JSON line (or why it could not be read), its exit code,
/// and for the summary its overall verdict and top finding code (`None`: it could not be read).
struct Done {
    index: usize,
    line: Vec<u8>,
    exit: u8,
    overall: Option<Status>,
    top: Option<Code>,
}

/// Analyses `paths` on every core and writes one JSON line per file to `out`, in order, then the
/// summary (files by overall verdict, top finding codes) to standard error. Returns the exit
/// status: 1 when any file shows a failure, 3 when none was recognised, 2 when a file could not
/// be read (its line says why), else 0.
pub fn run(paths: &[PathBuf], lang: Lang, redact: bool, out: &mut dyn Write) -> anyhow::Result<u8> {
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(paths.len().max(1));
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Done>();
    let progress = std::io::stderr().is_terminal();
    let mut codes: Vec<u8> = Vec::with_capacity(paths.len());
    let mut tally = Tally::default();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..workers {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(index) else { break };
                let done = one(index, path, lang, redact);
                if tx.send(done).is_err() {
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
                tally.add(&d);
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
    eprint!("{}", tally.summary(lang));
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

/// One file's JSON line, exit code, verdict and top finding; a file that cannot be read is a
/// line that says so.
fn one(index: usize, path: &Path, lang: Lang, redact: bool) -> Done {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let line = serde_json::json!({
                "schema": "preflight-error/1",
                "file": name,
                "error": e.to_string(),
            });
            return Done {
                index,
                line: line.to_string().into_bytes(),
                exit: 2,
                overall: None,
                top: None,
            };
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
    Done {
        index,
        line: one_line(&pretty),
        exit: u8::try_from(report.exit_code()).unwrap_or(2),
        overall: Some(report.overall),
        // Findings are ordered most severe first.
        top: report.findings.first().map(|f| f.code),
    }
}

/// Top finding codes named in the summary.
const TOP_CODES: usize = 10;

/// What the run found, for the summary on standard error.
#[derive(Default)]
struct Tally {
    files: usize,
    unreadable: usize,
    /// Files per overall verdict, in `Status::rank` order.
    overall: [usize; 4],
    /// Files per top finding code (each report's first, most severe finding), in first-seen order.
    top: Vec<(Code, usize)>,
}

impl Tally {
    fn add(&mut self, d: &Done) {
        self.files += 1;
        match d.overall {
            Some(s) => {
                if let Some(n) = self.overall.get_mut(usize::from(s.rank())) {
                    *n += 1;
                }
            }
            None => self.unreadable += 1,
        }
        if let Some(code) = d.top {
            match self.top.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => *n += 1,
                None => self.top.push((code, 1)),
            }
        }
    }

    /// Two lines: the files by overall verdict (worst first), then the top finding codes by how
    /// many files they lead (most first).
    fn summary(&self, lang: Lang) -> String {
        let (files, unreadable, top, none) = match lang {
            Lang::En if self.files == 1 => {
                ("file", "could not be read", "Top finding codes", "none")
            }
            Lang::En => ("files", "could not be read", "Top finding codes", "none"),
            Lang::Ja => ("ファイル", "読み取れず", "主な検出コード", "なし"),
        };
        if self.files == 0 {
            return format!("0 {files}\n");
        }
        let statuses = [
            Status::Failure,
            Status::Warning,
            Status::Inconclusive,
            Status::Ok,
        ];
        let mut parts: Vec<String> = statuses
            .iter()
            .filter_map(|s| {
                let n = *self.overall.get(usize::from(s.rank()))?;
                (n > 0).then(|| format!("{} {} {n}", s.icon(), s.label().get(lang)))
            })
            .collect();
        if self.unreadable > 0 {
            parts.push(format!("{unreadable} {}", self.unreadable));
        }
        let mut codes = self.top.clone();
        codes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_str().cmp(b.0.as_str())));
        // A long run leads with dozens of codes: the ten most common, and how many more.
        let more = codes.len().saturating_sub(TOP_CODES);
        let mut codes: Vec<String> = codes
            .iter()
            .take(TOP_CODES)
            .map(|(c, n)| format!("{} {n}", c.as_str()))
            .collect();
        if more > 0 {
            codes.push(match lang {
                Lang::En => format!("{more} more"),
                Lang::Ja => format!("ほか {more} 種類"),
            });
        }
        format!(
            "{} {files}: {}\n{top}: {}\n",
            self.files,
            parts.join(" · "),
            if codes.is_empty() {
                none.to_owned()
            } else {
                codes.join(" · ")
            }
        )
    }
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

    fn done(overall: Option<Status>, top: Option<Code>) -> Done {
        Done {
            index: 0,
            line: Vec::new(),
            exit: 0,
            overall,
            top,
        }
    }

    #[test]
    fn the_summary_counts_verdicts_worst_first_and_codes_most_first() {
        let mut t = Tally::default();
        t.add(&done(Some(Status::Ok), None));
        t.add(&done(
            Some(Status::Failure),
            Some(Code::PROXY_AUTH_REQUIRED),
        ));
        t.add(&done(Some(Status::Failure), Some(Code::TCP_TIMEOUT)));
        t.add(&done(Some(Status::Failure), Some(Code::TCP_TIMEOUT)));
        t.add(&done(None, None));
        assert_eq!(
            t.summary(Lang::En),
            "5 files: ✖ Failure 3 · ✔ OK 1 · could not be read 1\nTop finding codes: TCP_TIMEOUT 2 · PROXY_AUTH_REQUIRED 1\n"
        );
        assert!(t.summary(Lang::Ja).starts_with("5 ファイル: ✖ 失敗 3"));
        assert_eq!(Tally::default().summary(Lang::En), "0 files\n");
        let mut quiet = Tally::default();
        quiet.add(&done(Some(Status::Ok), None));
        assert_eq!(
            quiet.summary(Lang::En),
            "1 file: ✔ OK 1\nTop finding codes: none\n"
        );
    }
}
