//! One verdict for several inputs of the same VM ("can this VM be backed up, and how"), from
//! `preflight_core::combine`, shown above the tabs when two or more reports are open.

use preflight_core::compare::{compare, pair, Comparison};
use preflight_core::i18n::{ui, Lang};
use preflight_core::render::markdown;
use preflight_core::report::{Combined, Report};
use preflight_core::rules::combine::combine;
use yew::prelude::*;

use super::{icon, status_badge, status_class};
use crate::state::{Ready, Shared};
use crate::view::cls;
use crate::words;

/// The combined verdict of the finished reports and the reports themselves (in tab order): the
/// reports are shared with their tabs, not copied.
pub struct Together {
    pub combined: Combined,
    pub readies: Vec<Shared<Ready>>,
    /// Two runs of one machine among them (BEFORE, AFTER: indexes into `readies`), which the
    /// card offers to compare.
    pub pair: Option<(usize, usize)>,
}

impl Together {
    /// What Copy as Markdown gives with several inputs open: the CLI's Markdown for several files.
    pub fn markdown(&self, lang: Lang) -> String {
        markdown::render_combined(&self.combined, &self.reports(), lang)
    }

    fn reports(&self) -> Vec<&Report> {
        self.readies.iter().map(|r| &r.analysis.report).collect()
    }

    /// The pair's comparison, AFTER against BEFORE, or the other way round when `swapped`.
    pub fn compare(&self, swapped: bool) -> Option<Comparison> {
        let (b, a) = self.pair?;
        let (b, a) = if swapped { (a, b) } else { (b, a) };
        let report = |i: usize| self.readies.get(i).map(|r| &r.analysis.report);
        Some(compare(report(b)?, report(a)?))
    }
}

/// The combined verdict, when two or more reports are finished.
pub fn together(readies: &[Shared<Ready>]) -> Option<Together> {
    (readies.len() >= 2).then(|| {
        let reports: Vec<&Report> = readies.iter().map(|r| &r.analysis.report).collect();
        Together {
            combined: combine(&reports),
            pair: pair(&reports),
            readies: readies.to_vec(),
        }
    })
}

/// Drawn as a plain function by the app, which keeps the verdict between renders. With two runs
/// of one machine open, it offers the comparison (`comparing`: shown now; `on_compare` flips it).
pub fn combined(
    t: &Together,
    lang: Lang,
    comparing: bool,
    on_compare: Callback<MouseEvent>,
) -> Html {
    let c = &t.combined;
    html! {
        <section class={cls(&["combined", "card", status_class(c.overall)])} data-testid="combined"
                 data-status={c.overall.word()} aria-labelledby="combined-title">
            <h2 id="combined-title" class="combined-title">
                { status_badge(c.overall, lang) }
                <span>{ ui::COMBINED.get(lang) }</span>
            </h2>
            <p class="combined-summary">{ c.summary.get(lang).to_owned() }</p>
            if c.same_vm == Some(false) {
                <p class="combined-warning" role="note" data-testid="combined-warning">
                    <span class="icon" aria-hidden="true">{ "▲" }</span>
                    { words::NOT_SAME_VM.get(lang) }
                    if !c.hosts.is_empty() { { format!(" ({})", c.hosts.join(", ")) } }
                </p>
            }
            <table class="combined-scenarios">
                <thead>
                    <tr>
                        <th scope="col">{ ui::SCENARIO.get(lang) }</th>
                        <th scope="col">{ words::STATUS.get(lang) }</th>
                        <th scope="col">{ ui::REASON.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for c.scenarios.iter().map(|s| html! {
                        <tr data-testid="scenario-row"
                            data-status={s.status.map(|x| x.word()).unwrap_or("none")}>
                            <th scope="row">{ s.scenario.label().get(lang) }</th>
                            <td>
                                if let Some(st) = s.status { { status_badge(st, lang) } }
                                else { <span class="muted">{ words::NO_EVIDENCE.get(lang) }</span> }
                            </td>
                            <td>{ s.reason.get(lang).to_owned() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="combined-rec">
                <strong>{ ui::RECOMMENDATION.get(lang) }{ ": " }</strong>
                { c.recommendation.get(lang).to_owned() }
            </p>
            if t.pair.is_some() {
                <div class="actions no-print">
                    <button type="button" class="btn" onclick={on_compare} id="compare-open" data-testid="compare-open"
                            aria-expanded={if comparing { "true" } else { "false" }} aria-controls="compare">
                        { icon("compare") }{ words::COMPARE_RUNS.get(lang) }</button>
                </div>
            }
        </section>
    }
}
