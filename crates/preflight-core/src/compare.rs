//! Two runs of the same checks side by side: what a change (a firewall rule, a proxy setting)
//! fixed, what it broke and what still fails.
//!
//! A destination is a tool, a target and a port; its result in a run is its current check (a
//! check tested again later gives way to the later one). The comparison holds no sentence: the
//! renderers (`render::compare`) say it in either language.

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::report::{InputKind, Report, Status, Tool};

pub const COMPARE_SCHEMA: &str = "preflight-compare/1";

/// BEFORE and AFTER, and every destination's change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub schema: String,
    /// Both runs name the same host; `None` when either does not name one.
    pub same_machine: Option<bool>,
    pub before: Side,
    pub after: Side,
    pub changes: Vec<Change>,
    /// What makes the comparison doubtful: other hosts, other kinds of input, AFTER older.
    pub notes: Vec<Note>,
}

/// One run, as the comparison names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Side {
    pub name: String,
    pub host: Option<String>,
    /// The run's date (`YYYY-MM-DD HH:MM:SS`), when the input holds it.
    pub run_date: Option<String>,
    pub kind: InputKind,
    pub overall: Status,
}

/// One destination's result in both runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub tool: Tool,
    pub target: String,
    pub port: Option<u16>,
    pub before: Option<Status>,
    pub after: Option<Status>,
    /// The finding code of each run's check (why it failed, or that it passed).
    pub before_code: Option<Code>,
    pub after_code: Option<Code>,
    pub change: ChangeKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Failed before, answers now (OK or a warning).
    Fixed,
    /// Answered before, fails now.
    Broken,
    /// Failed before and fails now.
    StillFailing,
    /// Neither run failed, or nothing can be concluded from either.
    Unchanged,
    OnlyBefore,
    OnlyAfter,
}

impl ChangeKind {
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Fixed => "fixed",
            ChangeKind::Broken => "broken",
            ChangeKind::StillFailing => "still_failing",
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::OnlyBefore => "only_before",
            ChangeKind::OnlyAfter => "only_after",
        }
    }

    /// Something still fails or newly fails (the CLI's exit status 1).
    pub fn fails(self) -> bool {
        matches!(self, ChangeKind::Broken | ChangeKind::StillFailing)
    }
}

/// Why a comparison may not compare like with like.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "note")]
pub enum Note {
    DifferentHosts { before: String, after: String },
    DifferentKinds { before: InputKind, after: InputKind },
    AfterIsOlder { before: String, after: String },
}

/// Compares BEFORE with AFTER.
pub fn compare(before: &Report, after: &Report) -> Comparison {
    let b = current(before);
    let a = current(after);
    let mut changes: Vec<Change> = Vec::new();
    for (key, c) in &b {
        let later = a.iter().find(|(k, _)| k == key).map(|(_, c)| *c);
        changes.push(change(
            c,
            Some(c.status),
            later.map(|l| l.status),
            Some(c.code),
            later.map(|l| l.code),
        ));
    }
    for (key, c) in &a {
        if !b.iter().any(|(k, _)| k == key) {
            changes.push(change(c, None, Some(c.status), None, Some(c.code)));
        }
    }
    let side = |r: &Report| Side {
        name: r.input.name.clone(),
        host: r.machine.host.clone(),
        run_date: r.machine.run_date_iso.clone(),
        kind: r.input.kind,
        overall: r.overall,
    };
    let (before_side, after_side) = (side(before), side(after));
    let same_machine = match (&before_side.host, &after_side.host) {
        (Some(x), Some(y)) => Some(x.eq_ignore_ascii_case(y)),
        _ => None,
    };
    let notes = notes(&before_side, &after_side);
    Comparison {
        schema: COMPARE_SCHEMA.to_owned(),
        same_machine,
        before: before_side,
        after: after_side,
        changes,
        notes,
    }
}

/// A destination's identity across runs.
type Key = (Tool, String, Option<u16>);

/// Each destination's current check, in the run's order.
fn current(r: &Report) -> Vec<(Key, &crate::report::Check)> {
    let mut out: Vec<(Key, &crate::report::Check)> = Vec::new();
    for c in r.checks.iter().filter(|c| c.code != Code::CHECK_RETESTED) {
        let key = (c.tool, c.target.to_ascii_lowercase(), c.port);
        match out.iter_mut().find(|(k, _)| *k == key) {
            // A DNS name asked of several servers: the worst answer speaks for it.
            Some(slot) if c.status.rank() > slot.1.status.rank() => slot.1 = c,
            Some(_) => {}
            None => out.push((key, c)),
        }
    }
    out
}

fn change(
    c: &crate::report::Check,
    before: Option<Status>,
    after: Option<Status>,
    before_code: Option<Code>,
    after_code: Option<Code>,
) -> Change {
    let failed = |s: Status| s == Status::Failure;
    let answers = |s: Status| matches!(s, Status::Ok | Status::Warning);
    let kind = match (before, after) {
        (Some(_), None) => ChangeKind::OnlyBefore,
        (None, _) => ChangeKind::OnlyAfter,
        (Some(b), Some(a)) if failed(b) && failed(a) => ChangeKind::StillFailing,
        (Some(b), Some(a)) if failed(b) && answers(a) => ChangeKind::Fixed,
        (Some(b), Some(a)) if answers(b) && failed(a) => ChangeKind::Broken,
        _ => ChangeKind::Unchanged,
    };
    Change {
        tool: c.tool,
        target: c.target.clone(),
        port: c.port,
        before,
        after,
        before_code,
        after_code,
        change: kind,
    }
}

fn notes(before: &Side, after: &Side) -> Vec<Note> {
    let mut out = Vec::new();
    if let (Some(b), Some(a)) = (&before.host, &after.host) {
        if !b.eq_ignore_ascii_case(a) {
            out.push(Note::DifferentHosts {
                before: b.clone(),
                after: a.clone(),
            });
        }
    }
    if before.kind != after.kind {
        out.push(Note::DifferentKinds {
            before: before.kind,
            after: after.kind,
        });
    }
    // ISO dates compare as text.
    if let (Some(b), Some(a)) = (&before.run_date, &after.run_date) {
        if a < b {
            out.push(Note::AfterIsOlder {
                before: b.clone(),
                after: a.clone(),
            });
        }
    }
    out
}

impl Comparison {
    /// Something still fails, or a change broke it (the CLI exits 1).
    pub fn anything_fails(&self) -> bool {
        self.changes.iter().any(|c| {
            c.change.fails()
                || (c.change == ChangeKind::OnlyAfter && c.after == Some(Status::Failure))
        })
    }

    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.change == kind).count()
    }
}
