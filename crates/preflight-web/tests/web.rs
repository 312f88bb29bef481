//! In-browser tests of what only the page does: its words, the raw-log arithmetic, the wire format
//! between page and worker, the line index, language choice, state changes, and the rendered
//! report (test ids, statuses, and log text kept as text).
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p preflight-web --target wasm32-unknown-unknown`

use std::rc::Rc;

use js_sys::{Uint32Array, Uint8Array};
use preflight_core::i18n::Lang;
use preflight_core::report::{Lines, Report, Status};
use preflight_core::{analyze, Options};
use preflight_web::ctl::Ctl;
use preflight_web::layout::{self, Highlight, Segment, LINE_PX, MAX_SPACE_PX};
use preflight_web::raw::{RawText, MAX_LINE_BYTES};
use preflight_web::runner::{Analysis, JsonSlot};
use preflight_web::state::{Action, Doc, DocState, Ready, Shared, Shown, State};
use preflight_web::view::doc;
use preflight_web::{browser, protocol, words};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const PROXY_LOG: &[u8] = include_bytes!(
    "../../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-proxy03_202611220004.log"
);
const DNS_LOG: &[u8] = include_bytes!(
    "../../../tests/corpus/connectivity/logs/CheckNWResult_vm-ubuntu-dns12_202611220016.log"
);

fn report_of(bytes: &[u8], name: &str) -> Report {
    analyze(
        bytes,
        &Options {
            name: name.to_owned(),
            lang: Lang::En,
            kind: None,
        },
    )
}

// ---------- words ----------

#[wasm_bindgen_test]
fn every_page_word_exists_in_both_languages() {
    for t in words::ALL {
        assert!(!t.en.trim().is_empty(), "empty English word");
        assert!(
            !t.ja.trim().is_empty(),
            "empty Japanese word for {:?}",
            t.en
        );
    }
}

#[wasm_bindgen_test]
fn sizes_and_counts_read_naturally() {
    assert_eq!(words::bytes(980), "980 B");
    assert_eq!(words::bytes(12_116), "11.8 KB");
    assert_eq!(words::bytes(50 * 1024 * 1024), "50.0 MB");
    assert_eq!(words::group_digits(1_354_425), "1,354,425");
    assert_eq!(words::n_lines(1, Lang::En), "1 line");
    assert_eq!(words::n_lines(299, Lang::Ja), "299 行");
}

// ---------- raw-log arithmetic ----------

#[wasm_bindgen_test]
fn the_window_follows_the_scroll_position() {
    let w = layout::window(300, 0.0, 400.0);
    assert_eq!(w.first, 1);
    assert_eq!(w.offset_px, 0.0);
    // Scrolled to line 201: drawing starts OVERSCAN lines above it.
    let top = layout::PAD_PX + 200.0 * LINE_PX;
    let w = layout::window(10_000, top, 400.0);
    assert_eq!(w.first, 201 - layout::OVERSCAN);
    assert_eq!(w.offset_px, (w.first - 1) as f64 * LINE_PX);
    assert!(w.last >= 201 + layout::visible_count(400.0));
    let end = layout::window(10_000, 1e12, 400.0);
    assert_eq!(end.last, 10_000);
}

#[wasm_bindgen_test]
fn huge_inputs_map_the_scrollbar_proportionally() {
    let n = 2_000_000;
    assert_eq!(layout::space_px(n), MAX_SPACE_PX);
    let mid = layout::window(n, MAX_SPACE_PX / 2.0, 600.0);
    let centre = (mid.first + mid.last) / 2;
    assert!(
        (centre as f64 - n as f64 / 2.0).abs() < n as f64 * 0.01,
        "{centre}"
    );
    let end = layout::window(n, MAX_SPACE_PX, 600.0);
    assert_eq!(end.last, n);
    // Scrolling to a line and reading the window back shows that line.
    for line in [1, 777_777, n - 5] {
        let top = layout::scroll_top_for(line, n, 600.0);
        let w = layout::window(n, top, 600.0);
        assert!(w.first <= line && line <= w.last, "{line} not in {w:?}");
    }
}

#[wasm_bindgen_test]
fn lines_split_into_plain_runs_and_check_blocks() {
    let blocks = [Lines(3, 5), Lines(8, 8), Lines(10, 12)];
    assert_eq!(
        layout::segments(&blocks, 1, 11),
        vec![
            Segment::Plain { first: 1, last: 2 },
            Segment::Check {
                check: 0,
                first: 3,
                last: 5
            },
            Segment::Plain { first: 6, last: 7 },
            Segment::Check {
                check: 1,
                first: 8,
                last: 8
            },
            Segment::Plain { first: 9, last: 9 },
            Segment::Check {
                check: 2,
                first: 10,
                last: 11
            },
        ]
    );
    // A window starting inside a block draws the rest of it as that block.
    assert_eq!(
        layout::segments(&blocks, 4, 4),
        vec![Segment::Check {
            check: 0,
            first: 4,
            last: 4
        }]
    );
    assert!(layout::segments(&blocks, 5, 4).is_empty());
}

#[wasm_bindgen_test]
fn highlights_merge_and_answer_membership() {
    let h = Highlight::new([Lines(10, 12), Lines(1, 1), Lines(13, 20), Lines(30, 30)]);
    assert_eq!(h.ranges(), &[(1, 1), (10, 20), (30, 30)]);
    assert!(h.contains(1) && h.contains(15) && h.contains(30));
    assert!(!h.contains(2) && !h.contains(21) && !h.contains(31));
    assert_eq!(h.first_line(), Some(1));
    assert!(Highlight::new([]).is_empty());
}

#[wasm_bindgen_test]
fn long_lines_are_cut_between_characters() {
    let s = "ああああ".as_bytes(); // 3 bytes each
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    assert_eq!(layout::cut_at_char_boundary(s.len(), 7, at), 6);
    assert_eq!(layout::cut_at_char_boundary(s.len(), 100, at), s.len());
}

#[wasm_bindgen_test]
fn back_quotes_become_code_and_stray_ones_stay() {
    assert_eq!(
        layout::code_spans("run `nc -z` then `curl`."),
        vec![
            (false, "run "),
            (true, "nc -z"),
            (false, " then "),
            (true, "curl"),
            (false, ".")
        ]
    );
    assert_eq!(layout::code_spans("a ` b"), vec![(false, "a ` b")]);
}

// ---------- page ↔ worker ----------

const AGENT_LOG: &[u8] = include_bytes!(
    "../../../tests/corpus/agent-status/15-wireserver-blocked-curl-and-waagent-log.txt"
);

#[wasm_bindgen_test]
fn a_report_survives_the_trip_in_pieces() {
    for (bytes, name) in [(PROXY_LOG, "proxy.log"), (AGENT_LOG, "agent.txt")] {
        let mut report = report_of(bytes, name);
        let original = report.clone();
        let (head, pieces) = protocol::split(&mut report);
        assert_eq!(
            report, original,
            "{name}: split leaves the report as it was"
        );
        let Some(mut back) = protocol::read_head(&head, None) else {
            panic!("{name}: the head does not read back");
        };
        assert!(back.checks.is_empty());
        // The agent's annotated lines travel in pieces too, not in the head.
        assert!(
            back.agent.iter().all(|a| a.annotations.is_empty()),
            "{name}"
        );
        for p in &pieces {
            if let Err(e) = protocol::read_piece(&mut back, p, None) {
                panic!("piece: {e}");
            }
        }
        let expected = original.clone();
        assert_eq!(back, expected, "{name}");
    }
}

#[wasm_bindgen_test]
fn cut_pieces_are_refused_not_misread() {
    let mut report = report_of(AGENT_LOG, "agent.txt");
    let (head, pieces) = protocol::split(&mut report);
    for end in 0..head.len() {
        assert!(
            protocol::read_head(&head[..end], None).is_none(),
            "head cut at {end}"
        );
    }
    let Some(mut back) = protocol::read_head(&head, None) else {
        panic!("the head does not read back");
    };
    for p in &pieces {
        let cut = &p[..p.len() - 1];
        assert!(
            protocol::read_piece(&mut back.clone(), cut, None).is_err(),
            "a piece without its last byte"
        );
        assert!(protocol::read_piece(&mut back, p, None).is_ok());
    }
    assert!(protocol::read_piece(&mut back, &[], None).is_err());
    assert!(protocol::read_piece(&mut back, b"?", None).is_err());
}

#[wasm_bindgen_test]
fn the_downloads_are_what_the_cli_prints() {
    let report = report_of(DNS_LOG, "dns.log");
    let (en, ja) = match protocol::downloads(&report) {
        Ok(v) => v,
        Err(e) => panic!("downloads: {e}"),
    };
    // The CLI writes `render::json::write_report(&report, lang, stdout)`.
    let expected = preflight_core::render::json::to_string(&report, Lang::Ja);
    assert_eq!(String::from_utf8_lossy(&ja), expected);
    let parsed: serde_json::Value = match serde_json::from_slice(&ja) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(parsed["lang"], "ja");
    assert!(
        parsed["findings"][0]["said"].is_object(),
        "typed sentences ride along"
    );
    assert!(String::from_utf8_lossy(&en).contains("\"lang\": \"en\""));
    assert_eq!(report.lang, Lang::En, "the report is left in English");
}

#[wasm_bindgen_test]
fn the_worker_sends_utf8_input_back_as_it_came_with_the_cores_line_spans() {
    let (prepared, _) = protocol::prepare(PROXY_LOG, "proxy.log", None, |_| {}, |p| p);
    assert!(
        matches!(&prepared.text, std::borrow::Cow::Borrowed(t) if t.as_ptr() == PROXY_LOG.as_ptr()),
        "UTF-8 input is not copied"
    );
    let (text, spans) = protocol::line_index(PROXY_LOG);
    assert_eq!(&*prepared.text, &*text);
    assert_eq!(prepared.spans, spans);
}

fn raw_of(bytes: &[u8]) -> RawText {
    let (text, spans) = protocol::line_index(bytes);
    RawText::new(
        Uint8Array::from(&*text),
        &Uint32Array::from(spans.as_slice()),
    )
}

#[wasm_bindgen_test]
fn the_raw_log_numbers_lines_as_the_core_does() {
    let text = preflight_core::decode::decode(PROXY_LOG);
    let raw = raw_of(PROXY_LOG);
    assert_eq!(raw.line_count(), text.line_count());
    for n in [1, 2, 57, 123, 124, text.line_count()] {
        assert_eq!(raw.line(n).text, text.line(n), "line {n}");
    }
    assert_eq!(raw.line(0).text, "");
    assert_eq!(raw.line(text.line_count() + 1).text, "");

    // UTF-16 input: the page shows the decoded text, with the same numbering.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "first\r\nsecond 日本\r\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    let raw = raw_of(&utf16);
    assert_eq!(raw.line(2).text, "second 日本");

    // A very long line is cut, and says how much is hidden.
    let long = format!("{}\nshort", "x".repeat(MAX_LINE_BYTES + 500));
    let raw = raw_of(long.as_bytes());
    assert_eq!(raw.line(1).text.len(), MAX_LINE_BYTES);
    assert_eq!(raw.line(1).hidden_bytes, 500);
    assert_eq!(raw.line(2).text, "short");
}

// ---------- language and state ----------

#[wasm_bindgen_test]
fn the_language_comes_from_the_choice_then_the_browser() {
    let tags = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        browser::choose_lang(&tags(&["ja-JP", "en-US"]), None),
        Lang::Ja
    );
    assert_eq!(
        browser::choose_lang(&tags(&["fr-FR", "ja"]), None),
        Lang::Ja
    );
    assert_eq!(browser::choose_lang(&tags(&["fr-FR"]), None), Lang::En);
    assert_eq!(
        browser::choose_lang(&tags(&["ja-JP"]), Some("en")),
        Lang::En
    );
}

fn blob() -> web_sys::Blob {
    match browser::text_blob("x") {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    }
}

#[wasm_bindgen_test]
fn closing_a_tab_activates_its_neighbour_and_late_results_are_dropped() {
    let mut s = Rc::new(State::default());
    for id in 1..=3 {
        s = yew::Reducible::reduce(
            s,
            Action::Open {
                id,
                name: format!("{id}.log"),
                blob: blob(),
            },
        );
    }
    assert_eq!(s.active, Some(3));
    s = yew::Reducible::reduce(s, Action::Activate(2));
    s = yew::Reducible::reduce(s, Action::Close(2));
    assert_eq!(s.active, Some(3));
    assert_eq!(s.docs.iter().map(|d| d.id).collect::<Vec<_>>(), vec![1, 3]);

    // Run 7 of tab 1 replaced run 6: run 6's failure no longer applies.
    s = yew::Reducible::reduce(
        s,
        Action::Start {
            id: 1,
            ticket: 7,
            kind: None,
            since_ms: 0.0,
        },
    );
    s = yew::Reducible::reduce(
        s,
        Action::Failed {
            id: 1,
            ticket: 6,
            problem: preflight_web::state::Problem::new(words::E_CRASHED, "old"),
        },
    );
    assert!(matches!(
        s.docs.first().map(|d| &d.state),
        Some(DocState::Working { .. })
    ));
}

// ---------- the rendered report ----------

#[derive(Properties, PartialEq)]
struct HostProps {
    ready: Shared<Ready>,
    lang: Lang,
}

#[function_component(Host)]
fn host(p: &HostProps) -> Html {
    let state = use_reducer(State::default);
    let ctl = (*use_memo((), {
        let d = state.dispatcher();
        move |_| Ctl::new(d)
    }))
    .clone();
    let doc = Doc {
        id: 1,
        name: p.ready.analysis.report.input.name.clone(),
        size: p.ready.analysis.report.input.bytes,
        blob: blob(),
        kind: None,
        ticket: 1,
        state: DocState::Ready(p.ready.clone()),
    };
    html! {
        <ContextProvider<Lang> context={p.lang}>
            <div id="panel">{ doc::doc_view(&doc::Props { doc, lang: p.lang, ctl, shown: Shared(Rc::new(Shown::of(std::slice::from_ref(&p.ready), false))), comparison: Shared(Rc::new(None)) }) }</div>
        </ContextProvider<Lang>>
    }
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

async fn render(bytes: &[u8], name: &str, lang: Lang) -> (web_sys::Element, Report) {
    let report = report_of(bytes, name);
    let ready = Ready::new(
        Analysis {
            report: report.clone(),
            raw: raw_of(bytes),
            json: JsonSlot::default(),
            names: Rc::new(preflight_core::redact::Pseudonyms::default()),
            head: Uint8Array::new_with_length(0),
            chunks: js_sys::Array::new(),
        },
        0.0,
    );
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        panic!("no document");
    };
    let Ok(root) = doc.create_element("div") else {
        panic!("no div");
    };
    if let Some(body) = doc.body() {
        let _ = body.append_child(&root);
    }
    yew::Renderer::<Host>::with_root_and_props(
        root.clone(),
        HostProps {
            ready: Shared(Rc::new(ready)),
            lang,
        },
    )
    .render();
    // Both drawing passes.
    for _ in 0..50 {
        sleep(20).await;
        if root
            .query_selector("#results[data-drawn=all]")
            .ok()
            .flatten()
            .is_some()
        {
            break;
        }
    }
    (root, report)
}

fn all(root: &web_sys::Element, sel: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(sel) else {
        panic!("bad selector {sel}");
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn attr(e: &web_sys::Element, name: &str) -> String {
    e.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_report_carries_the_test_ids_and_statuses() {
    let (root, report) = render(PROXY_LOG, "proxy.log", Lang::En).await;
    let verdict = all(&root, "[data-testid=verdict]");
    assert_eq!(verdict.len(), 1);
    assert_eq!(
        verdict.first().map(|v| attr(v, "data-status")),
        Some("failure".to_owned())
    );
    assert_eq!(
        all(&root, "[data-testid=finding]").len(),
        report.findings.len()
    );
    let rows = all(&root, "[data-testid=endpoint-row]");
    assert_eq!(rows.len(), report.endpoints.len());
    for row in &rows {
        assert!(all(row, "[data-testid=endpoint-cell]").len() >= 3);
    }
    let blocks = all(&root, "[data-testid=check-block]");
    assert_eq!(blocks.len(), report.checks.len());
    let statuses: Vec<String> = blocks.iter().map(|b| attr(b, "data-status")).collect();
    assert!(statuses
        .iter()
        .all(|s| ["ok", "warning", "failure", "inconclusive"].contains(&s.as_str())));
    assert_eq!(
        statuses
            .iter()
            .filter(|s| *s == Status::Failure.word())
            .count(),
        report.counts.failure
    );
}

#[wasm_bindgen_test]
async fn log_text_is_shown_as_text_never_as_markup() {
    let hostile = String::from_utf8_lossy(PROXY_LOG)
        .replace("vm-ubuntu-proxy03", "vm<script>window.__pwned=1</script>")
        .replace(
            "http://127.30.0.9:8080",
            "http://x\"><img src=x onerror=alert(1)>:8080",
        );
    let (root, _) = render(hostile.as_bytes(), "hostile.log", Lang::Ja).await;
    assert!(all(&root, "script").is_empty());
    assert!(all(&root, "img").is_empty());
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("vm<script>window.__pwned=1</script>"));
    assert!(text.contains("\"><img src=x onerror=alert(1)>"));
    let pwned = js_sys::Reflect::get(&js_sys::global(), &"__pwned".into()).unwrap_or_default();
    assert!(pwned.is_undefined());
}

#[wasm_bindgen_test]
async fn japanese_shows_japanese_words() {
    let (root, report) = render(DNS_LOG, "dns.log", Lang::Ja).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains(Status::Failure.label().ja));
    for f in &report.findings {
        assert!(
            text.contains(&preflight_core::render::words(f, preflight_core::i18n::Lang::Ja).title),
            "{}",
            preflight_core::render::words(f, preflight_core::i18n::Lang::Ja).title
        );
    }
    assert!(text.contains(words::COPY_MARKDOWN.ja));
}
