//! The VM agent panel (state, version, extension, appliance, connectivity rows, exactly as
//! `agent_rows` gives them to every renderer) and the agent text's annotated lines.

use preflight_core::i18n::{ui, Lang};
use preflight_core::render::agent_rows;
use preflight_core::render::view::note_groups;
use yew::prelude::*;

use super::{status_badge, status_class};
use crate::state::{Ready, Shared};
use crate::view::cls;
use crate::words;

/// Drawn as a plain function inside the report view, which re-renders it with its own props.
pub struct Props {
    pub ready: Shared<Ready>,
    pub lang: Lang,
}

pub fn agent_panel(p: &Props) -> Html {
    let lang = p.lang;
    let Some(agent) = &p.ready.analysis.report.agent else {
        return Html::default();
    };
    // The state's icon: the word is always shown next to it, so colour never carries it alone.
    let state = agent.state.status();
    let raw = &p.ready.analysis.raw;
    html! {
        <section class="agent-panel card" data-testid="agent-panel" data-state={agent.state.word()}
                 aria-labelledby="agent-title">
            <h2 id="agent-title" class="agent-title">
                { ui::AGENT_TITLE.get(lang) }
                <span class={cls(&["badge", "agent-state", status_class(state)])} data-testid="agent-state">
                    <span class="icon" aria-hidden="true">{ state.icon() }</span>
                    <span class="word">{ agent.state.label().get(lang) }</span>
                </span>
            </h2>
            <table class="agent-rows">
                <tbody>
                    { for agent_rows(agent, lang).into_iter().map(|row| html! {
                        <tr class={cls(&["agent-row", row.status.map_or("", status_class)])} data-testid="agent-row">
                            <th scope="row">{ row.label }</th>
                            <td class="agent-row-status">
                                if let Some(s) = row.status { { status_badge(s, lang) } }
                            </td>
                            <td class="agent-row-value">{ row.value }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !agent.annotations.is_empty() {
                <h3 class="agent-sub">{ words::AGENT_ANNOTATED.get(lang) }</h3>
                // The line and the note are text nodes: nothing from the input becomes markup.
                <ol class="agent-notes" data-testid="agent-notes">
                    { for note_groups(&agent.annotations).into_iter().map(|g| {
                        let a = g.first;
                        // The line's indentation (JSON nesting) would only push it out of view here.
                        let line = raw.line(a.line);
                        html! {
                            <li class={cls(&["agent-note", status_class(a.status)])}
                                data-line={a.line.to_string()} data-status={a.status.word()}
                                data-count={g.count.to_string()}>
                                <span class="agent-note-no">{ a.line }</span>
                                <span class="icon" aria-hidden="true">{ a.status.icon() }</span>
                                <code class="agent-note-line">{ line.text.trim_start().to_owned() }</code>
                                <span class="agent-note-text">
                                    { preflight_core::render::note(a, lang) }
                                    if g.count > 1 {
                                        <span class="agent-note-count">{ " · " }{ words::repeated(g.count, g.last_line, lang) }</span>
                                    }
                                </span>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
