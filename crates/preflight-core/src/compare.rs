//! Two runs of the same checks side by side: what a change (a firewall rule, a proxy setting)
//! fixed, what it broke and what still fails.
//!
//! A destination is a tool, a target and a port; its result in a run is its current check (a
//! check tested again later gives way to the later one). The comparison holds no sentence: the
//! renderers (`render::compare`) say it in either language.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::report::{Check, InputKind, Report, Section, Status, Tool};

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
    /// What the destination is for (Azure Backup, Storage, Entra ID, …), as its check says.
    pub section: Section,
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

/// Compares BEFORE with AFTER, in time linear in the two runs' checks.
pub fn compare(before: &Report, after: &Report) -> Comparison {
    let b = Run::of(before);
    let a = Run::of(after);
    let mut changes: Vec<Change> = Vec::with_capacity(b.checks.len().max(a.checks.len()));
    for c in &b.checks {
        let later = a.find(c);
        changes.push(change(
            c,
            Some(c.status),
            later.map(|l| l.status),
            Some(c.code),
            later.map(|l| l.code),
        ));
    }
    for c in a.checks.iter().filter(|c| b.find(c).is_none()) {
        changes.push(change(c, None, Some(c.status), None, Some(c.code)));
    }
    let side = |r: &Report| Side {
        name: r.input.name.clone(),
        host: r.machine.host.clone(),
        run_date: r.machine.run_date_iso.clone(),
        kind: r.input.kind,
        overall: r.overall,
    };
    let (before_side, after_side) = (side(before), side(after));
    let same_machine = before.machine.same_host(&after.machine);
    let notes = notes(&before_side, &after_side, same_machine);
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
/// Borrowed: a target is copied only when it has capitals to lower.
type Key<'a> = (Tool, Cow<'a, str>, Option<u16>);

fn key(c: &Check) -> Key<'_> {
    let target = if c.target.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(c.target.to_ascii_lowercase())
    } else {
        Cow::Borrowed(c.target.as_str())
    };
    (c.tool, target, c.port)
}

/// Each destination's current check, in the run's order, and where each destination is.
struct Run<'a> {
    checks: Vec<&'a Check>,
    slot: HashMap<Key<'a>, usize>,
}

impl<'a> Run<'a> {
    fn of(r: &'a Report) -> Run<'a> {
        let mut run = Run {
            checks: Vec::new(),
            slot: HashMap::new(),
        };
        for c in r.checks.iter().filter(|c| c.code != Code::CHECK_RETESTED) {
            let k = key(c);
            match run.slot.get(&k).and_then(|&i| run.checks.get_mut(i)) {
                // A DNS name asked of several servers: the worst answer speaks for it.
                Some(held) => {
                    if c.status.rank() > held.status.rank() {
                        *held = c;
                    }
                }
                None => {
                    run.slot.insert(k, run.checks.len());
                    run.checks.push(c);
                }
            }
        }
        run
    }

    /// This run's check of the destination `c` tested.
    fn find(&self, c: &Check) -> Option<&'a Check> {
        self.slot
            .get(&key(c))
            .and_then(|&i| self.checks.get(i))
            .copied()
    }
}

fn change(
    c: &Check,
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
        section: c.section,
        before,
        after,
        before_code,
        after_code,
        change: kind,
    }
}

fn notes(before: &Side, after: &Side, same_machine: Option<bool>) -> Vec<Note> {
    let mut out = Vec::new();
    if let (Some(false), Some(b), Some(a)) = (same_machine, &before.host, &after.host) {
        out.push(Note::DifferentHosts {
            before: b.clone(),
            after: a.clone(),
        });
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

/// Of several inputs open together (the page's tabs), the two to compare as BEFORE and AFTER:
/// the earliest and the latest run of the first host that ran the checks twice or more, or the
/// only two inputs with checks when at most one of them names its host. Runs are ordered by
/// their run dates when each has one, else as given. `None` when no two inputs can be runs of
/// one machine (other hosts, or fewer than two inputs with checks).
pub fn pair(reports: &[&Report]) -> Option<(usize, usize)> {
    let runs: Vec<(usize, &Report)> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.checks.is_empty())
        .map(|(i, r)| (i, *r))
        .collect();
    let chosen: Vec<(usize, &Report)> = runs
        .iter()
        .find_map(|(_, r)| {
            let same: Vec<(usize, &Report)> = runs
                .iter()
                .copied()
                .filter(|(_, x)| x.machine.same_host(&r.machine) == Some(true))
                .collect();
            (same.len() >= 2).then_some(same)
        })
        .or_else(|| {
            let named = runs
                .iter()
                .filter(|(_, r)| r.machine.host.is_some())
                .count();
            (runs.len() == 2 && named < 2).then(|| runs.clone())
        })?;
    let dated: Option<Vec<(usize, &str)>> = chosen
        .iter()
        .map(|(i, r)| r.machine.run_date_iso.as_deref().map(|d| (*i, d)))
        .collect();
    match dated {
        // ISO dates compare as text; of equal dates the first opened is the earlier.
        Some(d) => {
            let first = d.iter().min_by(|x, y| x.1.cmp(y.1).then(x.0.cmp(&y.0)))?;
            let last = d.iter().max_by(|x, y| x.1.cmp(y.1).then(x.0.cmp(&y.0)))?;
            (first.0 != last.0).then_some((first.0, last.0))
        }
        None => Some((chosen.first()?.0, chosen.last()?.0)),
    }
}
