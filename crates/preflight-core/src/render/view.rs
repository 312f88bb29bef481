//! What every viewer of a report decides the same way: the words for the report's values, which
//! findings are causes and which are notes, the lines behind a finding or a matrix cell, how
//! endpoints and agent notes are grouped. The terminal and Markdown renderers and the page all
//! call these, so they never disagree.

use crate::i18n::{ui, Lang, Text};
use crate::report::{
    AgentState, Annotation, Arg, Cell, Confidence, Counts, Endpoint, Finding, InputInfo, InputKind,
    InputShape, Layer, Lines, Machine, ProxyInfo, Region, Report, Section, Severity, Status,
};

impl Status {
    /// Every status, in the order counts and legends list them.
    pub const ALL: [Status; 4] = [
        Status::Ok,
        Status::Warning,
        Status::Failure,
        Status::Inconclusive,
    ];
}

impl Counts {
    /// The count of each status, in [`Status::ALL`] order.
    pub fn by_status(&self) -> [(Status, usize); 4] {
        Status::ALL.map(|s| {
            let n = match s {
                Status::Ok => self.ok,
                Status::Warning => self.warning,
                Status::Failure => self.failure,
                Status::Inconclusive => self.inconclusive,
            };
            (s, n)
        })
    }
}

impl AgentState {
    /// The status the agent's state stands for: Ready is what a backup needs, Not Ready stops
    /// it, and an unknown state decides nothing.
    pub fn status(self) -> Status {
        match self {
            AgentState::Ready => Status::Ok,
            AgentState::NotReady => Status::Failure,
            AgentState::Unknown => Status::Inconclusive,
        }
    }
}

impl Confidence {
    pub fn label(self) -> Text {
        match self {
            Confidence::High => Text {
                en: "high confidence",
                ja: "確度 高",
            },
            Confidence::Medium => Text {
                en: "medium confidence",
                ja: "確度 中",
            },
            Confidence::Low => Text {
                en: "low confidence",
                ja: "確度 低",
            },
        }
    }
}

impl InputKind {
    /// The kinds a caller can force, in the order a chooser lists them.
    pub const FORCEABLE: [InputKind; 3] = [
        InputKind::LinuxConnectivityLog,
        InputKind::WindowsConnectivityLog,
        InputKind::AgentStatus,
    ];

    /// The kind whose [`InputKind::word`] this is.
    pub fn from_word(word: &str) -> Option<InputKind> {
        [
            InputKind::LinuxConnectivityLog,
            InputKind::WindowsConnectivityLog,
            InputKind::AgentStatus,
            InputKind::Unknown,
        ]
        .into_iter()
        .find(|k| k.word() == word)
    }

    pub fn label(self) -> Text {
        match self {
            InputKind::LinuxConnectivityLog => Text {
                en: "Linux connectivity-check log",
                ja: "Linux 版 疎通確認ログ",
            },
            InputKind::WindowsConnectivityLog => Text {
                en: "Windows connectivity-check log",
                ja: "Windows 版 疎通確認ログ",
            },
            InputKind::AgentStatus => Text {
                en: "VM agent status",
                ja: "VM エージェントの状態",
            },
            InputKind::Unknown => Text {
                en: "not recognised",
                ja: "認識できない形式",
            },
        }
    }

    /// Only the Linux script writes an environment section (OS, proxy variables, addresses), so
    /// only its log can say what the proxy is.
    pub fn has_environment(self) -> bool {
        self == InputKind::LinuxConnectivityLog
    }
}

impl InputShape {
    pub fn label(self) -> Text {
        match self {
            InputShape::FullLog => Text {
                en: "whole log",
                ja: "ログ全体",
            },
            InputShape::Fragment => Text {
                en: "part of a log",
                ja: "ログの一部",
            },
            InputShape::SingleOutput => Text {
                en: "output of one command",
                ja: "単一コマンドの出力",
            },
            InputShape::SiteRecoveryLog => Text {
                en: "Site Recovery script log",
                ja: "Site Recovery 用スクリプトのログ",
            },
            InputShape::WindowsTranscript => Text {
                en: "PowerShell transcript",
                ja: "PowerShell トランスクリプト",
            },
            InputShape::AgentStatus => Text {
                en: "VM agent status",
                ja: "VM エージェントの状態",
            },
            InputShape::Commands => Text {
                en: "commands typed in a terminal",
                ja: "ターミナルで入力したコマンド",
            },
            InputShape::Unrecognised => Text {
                en: "unrecognised content",
                ja: "認識できない内容",
            },
        }
    }
}

const FORCED: Text = Text {
    en: "chosen by you",
    ja: "手動で指定",
};

impl InputInfo {
    /// How sure the reading is: a kind the caller forced is the caller's choice, not a guess.
    pub fn certainty(&self) -> Text {
        if self.overridden {
            FORCED
        } else {
            self.confidence.label()
        }
    }

    /// The line endings (`lf`, `crlf`, `cr`, `mixed`) for people.
    pub fn line_endings_label(&self) -> Text {
        match self.line_endings.as_str() {
            "lf" => Text {
                en: "LF (Linux)",
                ja: "LF (Linux)",
            },
            "crlf" => Text {
                en: "CRLF (Windows)",
                ja: "CRLF (Windows)",
            },
            "cr" => Text { en: "CR", ja: "CR" },
            "mixed" => Text {
                en: "mixed",
                ja: "混在",
            },
            _ => Text {
                en: "none",
                ja: "なし",
            },
        }
    }
}

impl Lines {
    /// `line 12` / `lines 12–20` in either language.
    pub fn label(&self, lang: Lang) -> String {
        let (a, b) = (self.first(), self.last());
        match (lang, a == b) {
            (Lang::En, true) => format!("line {a}"),
            (Lang::En, false) => format!("lines {a}–{b}"),
            (Lang::Ja, true) => format!("{a} 行目"),
            (Lang::Ja, false) => format!("{a}–{b} 行目"),
        }
    }
}

impl Layer {
    /// The column's name in data (`dns`, `tcp`, `https`), as in the report's JSON.
    pub fn word(self) -> &'static str {
        match self {
            Layer::Dns => "dns",
            Layer::Tcp => "tcp",
            Layer::Https => "https",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Layer::Dns => ui::DNS,
            Layer::Tcp => ui::TCP,
            Layer::Https => ui::HTTPS,
        }
    }
}

impl Region {
    /// The region's name in `lang` (English when no Japanese name is known).
    pub fn name_in(&self, lang: Lang) -> &str {
        match (lang, &self.name_ja) {
            (Lang::Ja, Some(ja)) => ja,
            _ => &self.name,
        }
    }
}

const NOT_IN_INPUT: Text = Text {
    en: "Not in input",
    ja: "入力に無し",
};

impl Cell {
    /// A symbol that carries the cell's state without colour.
    pub fn icon(&self) -> &'static str {
        match self {
            Cell::Checked { status, .. } => status.icon(),
            Cell::NotRun { .. } => "…",
            Cell::NotTested => "–",
            Cell::NotInInput => "·",
        }
    }

    pub fn label(&self) -> Text {
        match self {
            Cell::Checked { status, .. } => status.label(),
            Cell::NotRun { .. } => ui::NOT_RUN,
            Cell::NotTested => ui::NOT_TESTED,
            Cell::NotInInput => NOT_IN_INPUT,
        }
    }

    /// The cell's state as the report's JSON names it (`checked`, `not-run`, …).
    pub fn word(&self) -> &'static str {
        match self {
            Cell::Checked { .. } => "checked",
            Cell::NotRun { .. } => "not-run",
            Cell::NotTested => "not-tested",
            Cell::NotInInput => "not-in-input",
        }
    }

    /// The port the check was about; viewers show it in the TCP column, where a target has one
    /// cell per port.
    pub fn port(&self) -> Option<u16> {
        match self {
            Cell::Checked { port, .. } | Cell::NotRun { port } => *port,
            Cell::NotTested | Cell::NotInInput => None,
        }
    }
}

impl Endpoint {
    /// The TCP column: one cell per port, or one "not in input" cell when no port was checked,
    /// so the column is never empty.
    pub fn tcp_cells(&self) -> &[Cell] {
        const NONE: &[Cell] = &[Cell::NotInInput];
        if self.tcp.is_empty() {
            NONE
        } else {
            &self.tcp
        }
    }
}

impl Machine {
    /// The run date to show: the readable form when the logged date could be read, else the
    /// date exactly as logged.
    pub fn run_date(&self) -> Option<&str> {
        self.run_date_iso.as_deref().or(self.run_date.as_deref())
    }
}

/// Where the proxy a report names comes from: the environment section wins, then curl's own
/// output; else the section says none is set, or there is no section to say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProxySource<'a> {
    /// `https_proxy`, else `http_proxy`, as echoed in the environment section.
    Environment(&'a str),
    /// Only curl's output shows a proxy; the host:port it names, when it names one.
    Curl(Option<&'a str>),
    NotSet,
    Unknown,
}

impl ProxyInfo {
    pub fn source(&self) -> ProxySource<'_> {
        if let Some(v) = self.https_proxy.as_deref().or(self.http_proxy.as_deref()) {
            ProxySource::Environment(v)
        } else if self.seen_in_curl {
            ProxySource::Curl(self.from_curl.as_deref().filter(|s| !s.is_empty()))
        } else if self.section_present {
            ProxySource::NotSet
        } else {
            ProxySource::Unknown
        }
    }
}

impl Finding {
    /// A root cause (or a confirmed success) rather than an informational note.
    pub fn is_cause(&self) -> bool {
        self.severity != Severity::Info
    }
}

impl Report {
    /// The findings that explain the verdict, most severe first (the report's order).
    pub fn causes(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_cause())
    }

    /// The informational findings, in the report's order.
    pub fn notes(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.is_cause())
    }

    /// The line ranges of the checks with these indices.
    pub fn check_lines(&self, checks: &[usize]) -> Vec<Lines> {
        checks
            .iter()
            .filter_map(|&i| self.checks.get(i))
            .map(|c| c.lines)
            .collect()
    }

    /// The lines a finding rests on: its own, or else those of its checks.
    pub fn finding_lines(&self, f: &Finding) -> Vec<Lines> {
        if f.lines.is_empty() {
            self.check_lines(&f.checks)
        } else {
            f.lines.clone()
        }
    }

    /// The endpoints by service, in the report's order (the script's order of sections).
    pub fn endpoint_groups(&self) -> Vec<(Section, &[Endpoint])> {
        let mut groups = Vec::new();
        let mut rest: &[Endpoint] = &self.endpoints;
        while let Some(first) = rest.first() {
            let n = rest
                .iter()
                .position(|e| e.section != first.section)
                .unwrap_or(rest.len());
            let (group, tail) = rest.split_at(n);
            groups.push((first.section, group));
            rest = tail;
        }
        groups
    }
}

/// Up to this many annotated agent lines are listed one by one. Beyond it, the lines that share a
/// note become one entry: a 300 MB waagent.log annotates a million lines, which nobody reads one
/// by one and no viewer can draw at once.
pub const NOTES_LISTED: usize = 200;

/// Annotated lines that say the same thing (same status, same note), in order of first line.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteGroup<'a> {
    pub first: &'a Annotation,
    pub count: usize,
    pub last_line: usize,
}

/// One entry per annotation when there are few, else one entry per distinct note.
pub fn note_groups(notes: &[Annotation]) -> Vec<NoteGroup<'_>> {
    if notes.len() <= NOTES_LISTED {
        return notes
            .iter()
            .map(|a| NoteGroup {
                first: a,
                count: 1,
                last_line: a.line,
            })
            .collect();
    }
    // Equal notes are brought together by a hash of the note (through the one sort routine, not
    // a map: the page's download is what this costs), then each run of equal notes becomes a
    // group; a rare hash collision between two notes only splits a group.
    let key = |a: &Annotation| {
        // FNV-1a over the status, the note's form and its words (what notes differ by).
        let words = a.note.args.iter().filter_map(|arg| match arg {
            Arg::Word(w) | Arg::Quote(w) => Some(w.as_bytes()),
            _ => None,
        });
        let form = [
            a.status as u8,
            a.note.form.family as u8,
            a.note.form.n as u8,
        ];
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in form.iter().chain(words.flatten()) {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let mut order: Vec<&Annotation> = notes.iter().collect();
    crate::order::by_key(&mut order, |a| key(a));
    let mut groups: Vec<NoteGroup<'_>> = Vec::new();
    for a in order {
        match groups.last_mut() {
            Some(g) if g.first.status == a.status && g.first.note == a.note => {
                g.count += 1;
                g.last_line = g.last_line.max(a.line);
                if a.line < g.first.line {
                    g.first = a;
                }
            }
            _ => groups.push(NoteGroup {
                first: a,
                count: 1,
                last_line: a.line,
            }),
        }
    }
    crate::order::by_key(&mut groups, |g| g.first.line as u64);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze, Options};

    const DNS_LOG: &[u8] = include_bytes!(
        "../../../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log"
    );
    const PROXY_LOG: &[u8] = include_bytes!(
        "../../../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log"
    );

    fn report(bytes: &[u8]) -> Report {
        analyze(bytes, &Options::default())
    }

    #[test]
    fn agent_ready_is_ok_not_ready_is_a_failure_and_unknown_is_inconclusive() {
        assert_eq!(AgentState::Ready.status(), Status::Ok);
        assert_eq!(AgentState::NotReady.status(), Status::Failure);
        assert_eq!(AgentState::Unknown.status(), Status::Inconclusive);
    }

    #[test]
    fn the_agent_panel_state_row_uses_the_state_status() {
        for state in [AgentState::Ready, AgentState::NotReady, AgentState::Unknown] {
            let agent = crate::report::AgentReport {
                state,
                state_line: None,
                state_source: None,
                status_message: None,
                version: None,
                package_version: None,
                minimum_version: None,
                version_supported: None,
                os_family: None,
                os: None,
                computer_name: None,
                appliance: None,
                image: None,
                plan: None,
                extension: None,
                handlers: Vec::new(),
                wireserver: None,
                imds: None,
                service: None,
                forms: Vec::new(),
                annotations: Vec::new(),
            };
            let rows = super::super::agent_rows(&agent, Lang::En);
            assert_eq!(
                rows.first().and_then(|row| row.status),
                Some(state.status())
            );
        }
    }

    #[test]
    fn confidence_is_worded_in_both_languages() {
        assert_eq!(Confidence::High.label().en, "high confidence");
        assert_eq!(Confidence::Medium.label().ja, "確度 中");
        assert_eq!(Confidence::Low.label().get(Lang::En), "low confidence");
    }

    #[test]
    fn a_forced_kind_reads_as_the_users_choice_not_as_a_confidence() {
        let mut r = report(DNS_LOG);
        assert_eq!(r.input.certainty(), r.input.confidence.label());
        r.input.overridden = true;
        assert_eq!(r.input.certainty().en, "chosen by you");
        assert_eq!(r.input.certainty().ja, "手動で指定");
    }

    #[test]
    fn every_kind_is_read_back_from_its_word_and_only_forceable_kinds_are_offered() {
        for k in [
            InputKind::LinuxConnectivityLog,
            InputKind::WindowsConnectivityLog,
            InputKind::AgentStatus,
            InputKind::Unknown,
        ] {
            assert_eq!(InputKind::from_word(k.word()), Some(k));
            assert!(!k.label().ja.is_empty());
        }
        assert_eq!(InputKind::from_word(""), None);
        assert!(!InputKind::FORCEABLE.contains(&InputKind::Unknown));
    }

    #[test]
    fn only_the_linux_log_has_an_environment_section() {
        assert!(InputKind::LinuxConnectivityLog.has_environment());
        assert!(!InputKind::WindowsConnectivityLog.has_environment());
        assert!(!InputKind::AgentStatus.has_environment());
    }

    #[test]
    fn line_endings_are_named_for_people_and_no_ending_is_none() {
        let mut r = report(DNS_LOG);
        r.input.line_endings = "crlf".into();
        assert_eq!(r.input.line_endings_label().en, "CRLF (Windows)");
        r.input.line_endings = "mixed".into();
        assert_eq!(r.input.line_endings_label().ja, "混在");
        r.input.line_endings = String::new();
        assert_eq!(r.input.line_endings_label().en, "none");
    }

    #[test]
    fn a_line_range_reads_line_n_or_lines_n_to_m_in_both_languages() {
        assert_eq!(Lines::one(12).label(Lang::En), "line 12");
        assert_eq!(Lines(5, 9).label(Lang::En), "lines 5–9");
        assert_eq!(Lines::one(5).label(Lang::Ja), "5 行目");
        assert_eq!(Lines(5, 9).label(Lang::Ja), "5–9 行目");
    }

    #[test]
    fn causes_are_the_findings_that_are_not_info_in_the_reports_order() {
        let r = report(DNS_LOG);
        let causes: Vec<&Finding> = r.causes().collect();
        let notes: Vec<&Finding> = r.notes().collect();
        assert!(!causes.is_empty());
        assert_eq!(causes.len() + notes.len(), r.findings.len());
        assert!(causes.iter().all(|f| f.severity != Severity::Info));
        assert!(notes.iter().all(|f| f.severity == Severity::Info));
        // The report already lists the most severe first: viewers keep its order.
        let ranks: Vec<u8> = causes.iter().map(|f| f.severity.rank()).collect();
        assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
        let in_report: Vec<&Finding> = r.findings.iter().filter(|f| f.is_cause()).collect();
        assert_eq!(causes, in_report);
    }

    #[test]
    fn a_finding_without_lines_of_its_own_rests_on_its_checks_lines() {
        let r = report(DNS_LOG);
        let Some(f) = r.findings.iter().find(|f| !f.checks.is_empty()) else {
            panic!("a finding with checks");
        };
        assert_eq!(r.finding_lines(f), f.lines);
        let mut bare = f.clone();
        bare.lines.clear();
        let expected: Vec<Lines> = bare.checks.iter().map(|&i| r.checks[i].lines).collect();
        assert_eq!(r.finding_lines(&bare), expected);
        assert_eq!(r.check_lines(&[usize::MAX]), Vec::<Lines>::new());
    }

    #[test]
    fn endpoints_are_grouped_by_service_in_the_reports_order() {
        let r = report(PROXY_LOG);
        let groups = r.endpoint_groups();
        let flat: Vec<&Endpoint> = groups.iter().flat_map(|(_, g)| g.iter()).collect();
        assert_eq!(flat, r.endpoints.iter().collect::<Vec<_>>());
        let sections: Vec<Section> = groups.iter().map(|(s, _)| *s).collect();
        let mut in_order = sections.clone();
        in_order.sort();
        in_order.dedup();
        assert_eq!(
            sections, in_order,
            "one group per service, in the script's order"
        );
        assert!(groups
            .iter()
            .all(|(s, g)| !g.is_empty() && g.iter().all(|e| e.section == *s)));
    }

    #[test]
    fn an_endpoint_without_a_tcp_check_shows_one_not_in_input_cell() {
        let r = report(PROXY_LOG);
        let Some(e) = r.endpoints.first() else {
            panic!("an endpoint");
        };
        let mut e = e.clone();
        e.tcp.clear();
        assert_eq!(e.tcp_cells(), &[Cell::NotInInput]);
        e.tcp.push(Cell::NotTested);
        assert_eq!(e.tcp_cells(), &[Cell::NotTested]);
    }

    #[test]
    fn cells_name_their_state_as_the_report_json_does() {
        let cells = [
            Cell::Checked {
                status: Status::Failure,
                checks: vec![0],
                port: Some(443),
            },
            Cell::NotRun { port: Some(3260) },
            Cell::NotTested,
            Cell::NotInInput,
        ];
        for c in &cells {
            let json = serde_json::to_value(c).unwrap();
            assert_eq!(json["state"], c.word());
        }
        assert_eq!(cells[0].icon(), Status::Failure.icon());
        assert_eq!(cells[0].label(), Status::Failure.label());
        assert_eq!(cells[1].label(), ui::NOT_RUN);
        assert_eq!(cells[3].label().en, "Not in input");
        assert_eq!(cells[1].port(), Some(3260));
        assert_eq!(cells[2].port(), None);
    }

    #[test]
    fn the_text_table_shows_an_absent_cell_as_a_bare_dot() {
        assert_eq!(super::super::cell_word(&Cell::NotInInput, Lang::En).1, "·");
        assert_eq!(
            super::super::cell_word(&Cell::NotRun { port: None }, Lang::Ja).1,
            "… 未実行"
        );
    }

    #[test]
    fn layers_are_named_as_in_the_json_and_labelled_for_people() {
        for (l, w) in [
            (Layer::Dns, "dns"),
            (Layer::Tcp, "tcp"),
            (Layer::Https, "https"),
        ] {
            assert_eq!(l.word(), w);
            assert_eq!(serde_json::to_value(l).unwrap(), w);
            assert_eq!(l.label().en, w.to_ascii_uppercase());
        }
    }

    #[test]
    fn a_region_without_a_japanese_name_is_named_in_english() {
        let mut region = Region {
            code: "jpe".into(),
            name: "Japan East".into(),
            name_ja: Some("東日本".into()),
        };
        assert_eq!(region.name_in(Lang::Ja), "東日本");
        assert_eq!(region.name_in(Lang::En), "Japan East");
        region.name_ja = None;
        assert_eq!(region.name_in(Lang::Ja), "Japan East");
    }

    #[test]
    fn the_run_date_is_the_readable_form_when_there_is_one() {
        let mut m = Machine {
            run_date: Some("Sat Nov 22 00:04:01 JST 2026".into()),
            ..Machine::default()
        };
        assert_eq!(m.run_date(), Some("Sat Nov 22 00:04:01 JST 2026"));
        m.run_date_iso = Some("2026-11-22 00:04:01".into());
        assert_eq!(m.run_date(), Some("2026-11-22 00:04:01"));
    }

    #[test]
    fn the_proxy_variable_wins_over_curl_and_a_missing_section_is_unknown() {
        let mut p = ProxyInfo {
            http_proxy: Some("http://a:1".into()),
            https_proxy: Some("http://b:2".into()),
            section_present: true,
            seen_in_curl: true,
            from_curl: Some("c:3".into()),
        };
        assert_eq!(p.source(), ProxySource::Environment("http://b:2"));
        p.https_proxy = None;
        assert_eq!(p.source(), ProxySource::Environment("http://a:1"));
        p.http_proxy = None;
        assert_eq!(p.source(), ProxySource::Curl(Some("c:3")));
        p.from_curl = Some(String::new());
        assert_eq!(p.source(), ProxySource::Curl(None));
        p.seen_in_curl = false;
        assert_eq!(p.source(), ProxySource::NotSet);
        p.section_present = false;
        assert_eq!(p.source(), ProxySource::Unknown);
    }

    #[test]
    fn counts_are_listed_ok_warning_failure_inconclusive() {
        let c = Counts {
            ok: 1,
            warning: 2,
            failure: 3,
            inconclusive: 4,
        };
        assert_eq!(
            c.by_status(),
            [
                (Status::Ok, 1),
                (Status::Warning, 2),
                (Status::Failure, 3),
                (Status::Inconclusive, 4)
            ]
        );
    }

    /// A note saying `word` (a version, say): notes with other words are other notes.
    fn note(line: usize, status: Status, word: &str) -> Annotation {
        Annotation {
            line,
            status,
            note: crate::report::Sentence {
                form: crate::rules::agent::says::NOTE_VERSION,
                args: vec![crate::report::Arg::Word(word.to_owned())],
            },
        }
    }

    #[test]
    fn few_annotated_agent_lines_are_listed_one_by_one() {
        let few: Vec<Annotation> = (1..=NOTES_LISTED)
            .map(|n| note(n, Status::Inconclusive, "transient 410"))
            .collect();
        let groups = note_groups(&few);
        assert_eq!(groups.len(), few.len());
        assert!(groups.iter().all(|g| g.count == 1));
    }

    #[test]
    fn many_annotated_agent_lines_become_one_group_per_note() {
        let mut many = vec![note(1, Status::Ok, "agent version 2.2.53.1")];
        for n in 2..=1_000 {
            many.push(if n % 2 == 0 {
                note(n, Status::Inconclusive, "transient 410")
            } else {
                note(n, Status::Warning, "goal state error")
            });
        }
        many.push(note(1_001, Status::Failure, "agent Not Ready"));
        let summary: Vec<(usize, usize, usize)> = note_groups(&many)
            .iter()
            .map(|g| (g.first.line, g.count, g.last_line))
            .collect();
        assert_eq!(
            summary,
            vec![(1, 1, 1), (2, 500, 1_000), (3, 499, 999), (1_001, 1, 1_001)],
            "in order of first line, each with its count and last line"
        );
    }
}
