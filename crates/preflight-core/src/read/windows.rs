//! The Windows script's PowerShell transcript, whole or in part, and the Windows settings
//! pasted alone (the proxy dump, `netsh winhttp show proxy`, the TLS registry keys).

use crate::code::Code;
use crate::decode::Text;
use crate::parse::command::{self, Command, Purpose};
use crate::parse::linux_log::Block;
use crate::parse::windows_log::{self, Cmdlet, Script, WinResult};
use crate::parse::winsettings::{self, Account, WinSettings};
use crate::report::{Lines, RegionKind, Status, TextRegion, Tool};
use crate::rules::findings::Draft;
use crate::rules::input::says;
use crate::rules::say::say;
use crate::rules::{proxy, tls, windows};
use crate::segment::Segment;

use super::connectivity::{self, How, ProxySettings};
use super::{Input, Part};

/// The whole transcript (one segment), or Windows outputs inside a paste (their lines only).
pub fn read(input: &mut Input<'_, '_>, segments: &[(usize, &Segment)]) -> Part {
    if segments
        .iter()
        .any(|(_, s)| s.kind == crate::report::SegmentKind::WindowsTranscript)
    {
        return transcript(input);
    }
    let lines: Vec<(usize, &str)> = segments
        .iter()
        .flat_map(|(_, s)| (s.lines.0..=s.lines.1).map(|n| (n, input.text.line(n))))
        .collect();
    let settings = winsettings::read(&lines);
    let mut part = Part::default();
    part.overall = settings_verdict(&settings, &mut part.drafts);
    part.sure = part.overall.is_some();
    part
}

fn transcript(input: &mut Input<'_, '_>) -> Part {
    let log = windows_log::parse(input.text);
    let complete = log.machine.complete;
    // A console capture or a copied part holds what it holds; only a whole transcript can
    // have stopped early.
    let whole = log.header_line.is_some();
    let how = How {
        full: false,
        complete,
        finished: complete || !whole,
        expected_checks: 1,
        proxy: proxy_settings(&log.settings),
        machine: log.machine.clone(),
        end_lines: log.complete_line.into_iter().collect(),
        windows: true,
        typed: false,
    };
    let regions = log
        .complete_line
        .map(|n| TextRegion {
            kind: RegionKind::End,
            lines: Lines::one(n),
        })
        .into_iter()
        .collect();
    let mut blocks: Vec<Block> = log.results.into_iter().map(block_of).collect();
    if log.script == Script::Other {
        // A transcript someone started around their own checks: what they typed is read.
        blocks.extend(typed_blocks(input.text, input.typed));
    }
    let checked = !blocks.is_empty();
    let mut part = connectivity::judge(input.text, blocks, how);
    part.regions = regions;
    match log.script {
        Script::Backup => {}
        Script::SiteRecovery => {
            let mut d = Draft::new(Code::TRANSCRIPT_OTHER_SCRIPT);
            d.detail = vec![windows::site_recovery()];
            part.drafts.push(d);
        }
        Script::Other => {
            let mut d = Draft::new(Code::TRANSCRIPT_OTHER_SCRIPT);
            d.detail = vec![windows::other_script()];
            part.drafts.push(d);
        }
    }
    if checked {
        part.drafts.push(Draft::new(Code::WINDOWS_LOG_PRELIMINARY));
    }
    if whole && !complete {
        let mut d = Draft::new(Code::LOG_INCOMPLETE);
        d.detail = vec![say!(NO_TRANSCRIPT_END)];
        part.drafts.push(d);
    }
    let settings = settings_verdict(&log.settings, &mut part.drafts);
    if !checked && settings.is_none() && log.script == Script::Backup {
        // A piece of the script's transcript with no check in it (its completion line).
        part.drafts
            .push(crate::rules::input::fragment_draft(0, true));
    }
    part.overall = match (checked, part.overall, settings) {
        // Settings alone: their verdict is the input's.
        (false, _, s) => s,
        (true, c, s) => c.map(|c| s.map_or(c, |s| c.worst(s))),
    };
    part.sure = checked || settings.is_some() || log.script != Script::Other;
    part
}

/// The proxy the transcript shows for its own checks: the current user's WinInet proxy (Windows
/// PowerShell's `Invoke-WebRequest` uses it), and WinHTTP's.
fn proxy_settings(s: &WinSettings) -> ProxySettings {
    let user = s
        .accounts
        .iter()
        .find(|a| a.account == Account::CurrentUser && a.enabled == Some(true))
        .and_then(|a| a.server.clone());
    ProxySettings {
        section_present: !s.accounts.is_empty() || s.winhttp.is_some(),
        http: s
            .winhttp
            .as_ref()
            .and_then(|w| w.proxy.as_ref().map(|p| p.0.clone())),
        https: user,
        lines: None,
    }
}

/// The verdict the settings give on their own (the worst of the proxy's and the registry's),
/// with their findings; `None` when there are none.
fn settings_verdict(s: &WinSettings, drafts: &mut Vec<Draft>) -> Option<Status> {
    let p = proxy::windows_settings(s, drafts);
    let t = tls::windows_registry(&s.tls, drafts);
    match (p, t) {
        (Some(a), Some(b)) => Some(a.worst(b)),
        (a, b) => a.or(b),
    }
}

/// Connectivity commands typed at a prompt inside a transcript (`typed`: their lines, the
/// prompt already taken off), one block each: the command and its output, up to the next
/// prompt or the transcript's footer (a line of asterisks).
fn typed_blocks(text: &Text<'_>, typed: &[usize]) -> Vec<Block> {
    let footers = text
        .lines()
        .filter(|(_, l)| l.trim_start().starts_with("**********"))
        .map(|(n, _)| n);
    let mut starts: Vec<usize> = typed.iter().copied().chain(footers).collect();
    starts.sort_unstable();
    let mut blocks = Vec::new();
    for (i, &n) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.line_count(), |next| next - 1);
        // `typed` is in line order: a search, not a scan, for each of possibly many prompts.
        let cmd = typed
            .binary_search(&n)
            .is_ok()
            .then(|| command::read(text.line(n)))
            .flatten();
        let Some(Command {
            purpose: Purpose::Connectivity(tool),
            target,
            port,
            ..
        }) = cmd
        else {
            continue;
        };
        let output = (end > n).then_some(Lines(n + 1, end));
        blocks.push(Block::typed(
            tool,
            target,
            port,
            Some(n),
            Lines(n, end),
            output,
            false,
        ));
    }
    blocks
}

/// A transcript result as the block the shared judging reads.
fn block_of(r: WinResult) -> Block {
    let tool = match r.cmdlet {
        Cmdlet::TestNetConnection => Tool::Tnc,
        Cmdlet::InvokeWebRequest => Tool::InvokeWebRequest,
    };
    Block::typed(
        tool,
        r.target,
        r.port,
        Some(r.lines.0),
        r.lines,
        r.output,
        r.at_end_of_input,
    )
}
