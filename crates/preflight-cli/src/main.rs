//! `preflight`: reads files (or standard input), calls `preflight_core::analyze`, prints a rendering.
//!
//! Exit status (a contract): 0 overall ok, warning or inconclusive; 1 a failure was found;
//! 2 usage or I/O error; 3 the input is not something Preflight recognises. A broken pipe exits 0.

mod batch;

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use preflight_core::code::Code;
use preflight_core::i18n::Lang;
use preflight_core::redact::Pseudonyms;
use preflight_core::render::text::Style;
use preflight_core::report::InputKind;
use preflight_core::rules::registry;
use preflight_core::{analyze_text, combine, decode, Options};

#[derive(Parser)]
#[command(
    name = "preflight",
    version,
    about = "Reads Azure Backup connectivity-check logs and says what is wrong, why, and what to do"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse connectivity-check logs or pasted tool output (`-` reads standard input).
    Analyze {
        /// Files to analyse; `-` (or nothing) reads standard input.
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the report.
        #[arg(long, short, default_value = "en")]
        lang: Lang,
        /// Disable colours (also when NO_COLOR is set or the output is not a terminal).
        #[arg(long)]
        no_color: bool,
        /// Force the input kind instead of detecting it.
        #[arg(long, value_enum, default_value_t = KindArg::Auto)]
        kind: KindArg,
        /// Name to show for standard input.
        #[arg(long)]
        name: Option<String>,
        /// Replace host names, addresses, user names and the customer's Azure resource names with
        /// stable pseudonyms (host-1, ip-1, user-1, ...) for sharing; verdicts are unchanged.
        #[arg(long)]
        redact: bool,
    },
    /// Compare two runs of the checks (before and after a change): what was fixed, what broke,
    /// what still fails. Exits 1 while anything still fails or broke.
    Compare {
        /// The earlier run's log or paste.
        before: PathBuf,
        /// The later run's log or paste.
        after: PathBuf,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Language of the comparison.
        #[arg(long, short, default_value = "en")]
        lang: Lang,
    },
    /// Explain a finding code (or list them all).
    Explain {
        /// The code, e.g. PROXY_AUTH_REQUIRED.
        code: Option<String>,
        /// List every code with its title.
        #[arg(long)]
        list: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
    /// One JSON report per line and per file, each file its own case; folders are walked
    /// recursively and the files analysed on every core (`analyze` only).
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Auto,
    LinuxLog,
    WindowsLog,
    AgentStatus,
}

// A report of a large log is hundreds of thousands of small strings; mimalloc allocates and
// frees them at a fraction of the system allocator's cost (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the pinned libmimalloc-sys's `mimalloc.h` (v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Give freed memory back at once rather than after 10 ms: the parser's scratch space of a
    // 100 MB log is then reused for the report instead of adding to the peak (BENCHMARKS.md).
    // SAFETY: a plain FFI call that changes an allocator setting; no pointer is involved.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("preflight: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Explain { code, list } => explain(code, list),
        Command::Compare {
            before,
            after,
            format,
            lang,
        } => compare(&before, &after, format, lang),
        Command::Analyze {
            files,
            format,
            lang,
            no_color,
            kind,
            name,
            redact,
        } => {
            let kind = match kind {
                KindArg::Auto => None,
                KindArg::LinuxLog => Some(InputKind::LinuxConnectivityLog),
                KindArg::WindowsLog => Some(InputKind::WindowsConnectivityLog),
                KindArg::AgentStatus => Some(InputKind::AgentStatus),
            };
            if format == Format::Jsonl {
                anyhow::ensure!(
                    !files.is_empty() && files.iter().all(|f| f.as_os_str() != "-"),
                    "--format jsonl reads files and folders, not standard input"
                );
                let paths = batch::files(&files)?;
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                let code = batch::run(&paths, lang, redact, &mut out)?;
                out.flush()?;
                return Ok(code);
            }
            let inputs: Vec<PathBuf> = if files.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                files
            };
            let mut loaded: Vec<(Vec<u8>, String)> = Vec::new();
            for path in &inputs {
                if path.as_os_str() == "-" {
                    let mut buf = Vec::new();
                    std::io::stdin()
                        .lock()
                        .read_to_end(&mut buf)
                        .context("cannot read standard input")?;
                    loaded.push((buf, name.clone().unwrap_or_else(|| "<stdin>".to_owned())));
                } else {
                    let bytes = std::fs::read(path)
                        .with_context(|| format!("cannot read '{}'", path.display()))?;
                    let display = path
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.display().to_string());
                    loaded.push((bytes, display));
                }
            }
            let color = !no_color
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal();
            let style = Style { color };
            let opts = Options {
                name: String::new(),
                lang,
                kind,
            };
            // Buffered: a report of a 100 MB log is written in large pieces, not line by line,
            // and JSON is streamed instead of being built as one string first.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            // With `--redact`, one table for all inputs: a name has one pseudonym in all of them.
            let mut pseudonyms = Pseudonyms::default();
            let mut reports = Vec::with_capacity(loaded.len());
            for (bytes, display) in &loaded {
                let opts = Options {
                    name: display.clone(),
                    ..opts.clone()
                };
                let analysis = analyze_text(bytes, &opts, decode::default_decoder());
                if redact {
                    pseudonyms.learn(&analysis.report, &analysis.text.content);
                }
                reports.push(analysis.report);
            }
            let code = if reports.len() == 1 {
                let mut report = reports.remove(0);
                if redact {
                    report.redact(&pseudonyms);
                }
                match format {
                    Format::Json | Format::Jsonl => {
                        // An I/O error stays one, so a closed pipe still exits quietly.
                        preflight_core::render::json::write_report(&report, lang, &mut out)?;
                    }
                    Format::Text => write!(
                        out,
                        "{}",
                        preflight_core::render::text::render(&report, lang, style)
                    )?,
                    Format::Markdown => write!(
                        out,
                        "{}",
                        preflight_core::render::markdown::render(&report, lang)
                    )?,
                }
                exit_code(&[&report])
            } else {
                // Several files are taken as inputs about the same VM: add the combined verdict.
                let mut bundle = combine(reports);
                if redact {
                    bundle.redact(&pseudonyms);
                }
                match format {
                    Format::Json | Format::Jsonl => {
                        preflight_core::render::json::write_bundle(&bundle, lang, &mut out)?;
                    }
                    Format::Text => write!(
                        out,
                        "{}",
                        preflight_core::render::text::render_bundle(&bundle, lang, style)
                    )?,
                    Format::Markdown => write!(
                        out,
                        "{}",
                        preflight_core::render::markdown::render_bundle(&bundle, lang)
                    )?,
                }
                exit_code(&bundle.reports.iter().collect::<Vec<_>>())
            };
            out.flush()?;
            Ok(code)
        }
    }
}

/// `preflight compare BEFORE AFTER`: both analysed as files are, then compared.
fn compare(before: &PathBuf, after: &PathBuf, format: Format, lang: Lang) -> anyhow::Result<u8> {
    let read = |path: &PathBuf| -> anyhow::Result<preflight_core::report::Report> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read '{}'", path.display()))?;
        let name = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let opts = Options {
            name,
            lang,
            kind: None,
        };
        Ok(analyze_text(&bytes, &opts, decode::default_decoder()).report)
    };
    let c = preflight_core::compare::compare(&read(before)?, &read(after)?);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json | Format::Jsonl => {
            serde_json::to_writer_pretty(&mut out, &c)?;
            writeln!(out)?;
        }
        Format::Text => write!(out, "{}", preflight_core::render::compare::text(&c, lang))?,
        Format::Markdown => write!(
            out,
            "{}",
            preflight_core::render::compare::markdown(&c, lang)
        )?,
    }
    out.flush()?;
    Ok(u8::from(c.anything_fails()))
}

/// The worst of the reports' exit codes: a failure (1) outranks not recognised (3) only when
/// something was recognised; a run where nothing was recognised exits 3.
fn exit_code(reports: &[&preflight_core::report::Report]) -> u8 {
    let codes: Vec<i32> = reports.iter().map(|r| r.exit_code()).collect();
    if codes.contains(&1) {
        1
    } else if !codes.is_empty() && codes.iter().all(|&c| c == 3) {
        3
    } else {
        0
    }
}

fn explain(code: Option<String>, list: bool) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    if list || code.is_none() {
        for &c in Code::ALL {
            let s = c.spec();
            writeln!(
                out,
                "{:<28} {:<8} {}",
                c.as_str(),
                s.severity.word(),
                s.title.en
            )?;
        }
        return Ok(0);
    }
    let code: Code = code
        .unwrap_or_default()
        .parse()
        .map_err(anyhow::Error::msg)?;
    write!(out, "{}", registry::explain(code))?;
    Ok(0)
}
