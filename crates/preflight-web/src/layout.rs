//! Arithmetic of the raw-log view: which lines to draw, where, and how they group into check
//! blocks. Pure functions over line numbers (1-based, inclusive, as in the report), so they are
//! tested without a DOM.

use preflight_core::report::Lines;

/// Height of one log line in CSS pixels; `styles.css` sets the same `--line` value. Every line
/// has this height (no wrapping), which makes line `n` sit at a known offset.
pub const LINE_PX: f64 = 20.0;

/// Above this many lines only the lines in view are drawn, so the DOM stays small.
pub const VIRTUAL_ABOVE: usize = 4000;

/// Browsers cap element heights (around 33 million pixels in Chromium); beyond this the scroll
/// position maps proportionally onto the lines instead of one line per `LINE_PX`.
pub const MAX_SPACE_PX: f64 = 8_000_000.0;

/// Lines drawn above and below the visible ones, so fast scrolling shows no gaps.
pub const OVERSCAN: usize = 40;

/// Vertical padding inside the scroll box, above the first line (matches `.log-lines` padding).
pub const PAD_PX: f64 = 8.0;

/// The lines to draw and where the first of them goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub first: usize,
    pub last: usize,
    /// Offset of line `first` from the top of the scrolled space, in pixels.
    pub offset_px: f64,
}

/// Height of the scrolled space for `lines` lines.
pub fn space_px(lines: usize) -> f64 {
    (lines as f64 * LINE_PX).min(MAX_SPACE_PX)
}

fn scaled(lines: usize) -> bool {
    lines as f64 * LINE_PX > MAX_SPACE_PX
}

/// How many lines fit in a viewport of `viewport_px`.
pub fn visible_count(viewport_px: f64) -> usize {
    ((viewport_px.max(0.0) / LINE_PX).ceil() as usize).max(1)
}

/// The window of lines to draw for a scroll position.
pub fn window(lines: usize, scroll_top: f64, viewport_px: f64) -> Window {
    if lines == 0 {
        return Window {
            first: 1,
            last: 0,
            offset_px: 0.0,
        };
    }
    let scroll_top = (scroll_top - PAD_PX).max(0.0);
    let count = visible_count(viewport_px);
    let (top_line, top_px) = if scaled(lines) {
        let scrollable = (MAX_SPACE_PX - viewport_px).max(1.0);
        let ratio = (scroll_top / scrollable).clamp(0.0, 1.0);
        let span = lines.saturating_sub(count);
        let top = 1 + (ratio * span as f64).round() as usize;
        (top, scroll_top)
    } else {
        // Clamped before adding one: a scroll position past the end must not overflow.
        let top = ((scroll_top / LINE_PX).floor() as usize).min(lines - 1) + 1;
        (top, (top - 1) as f64 * LINE_PX)
    };
    let first = top_line.saturating_sub(OVERSCAN).max(1);
    let last = (top_line + count + OVERSCAN).min(lines);
    let offset_px = (top_px - (top_line - first) as f64 * LINE_PX).max(0.0);
    Window {
        first,
        last,
        offset_px,
    }
}

/// The scroll position that shows `line` about a third of the way down the viewport.
pub fn scroll_top_for(line: usize, lines: usize, viewport_px: f64) -> f64 {
    let line = line.clamp(1, lines.max(1));
    let lead = visible_count(viewport_px) / 3;
    let top_line = line.saturating_sub(lead).max(1);
    if scaled(lines) {
        let span = lines.saturating_sub(visible_count(viewport_px)).max(1);
        let ratio = ((top_line - 1) as f64 / span as f64).clamp(0.0, 1.0);
        ratio * (MAX_SPACE_PX - viewport_px).max(1.0) + PAD_PX
    } else {
        (top_line - 1) as f64 * LINE_PX + PAD_PX
    }
}

/// A run of lines drawn together: outside any check, or inside check number `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    Plain {
        first: usize,
        last: usize,
    },
    Check {
        check: usize,
        first: usize,
        last: usize,
    },
}

/// Splits `first..=last` into plain runs and check blocks. `blocks` are the checks' line ranges
/// in log order (the report lists checks in log order; overlapping ranges are clipped so every
/// line is drawn once).
pub fn segments(blocks: &[Lines], first: usize, last: usize) -> Vec<Segment> {
    let mut out = Vec::new();
    if first > last {
        return out;
    }
    let mut at = first;
    // The first block that ends at or after `first`.
    let start = blocks.partition_point(|b| b.last() < first);
    for (i, b) in blocks.iter().enumerate().skip(start) {
        if at > last {
            break;
        }
        let (a, z) = (b.first().max(at), b.last().min(last));
        if b.first() > last {
            break;
        }
        if a > z {
            continue;
        }
        if a > at {
            out.push(Segment::Plain {
                first: at,
                last: a - 1,
            });
        }
        out.push(Segment::Check {
            check: i,
            first: a,
            last: z,
        });
        at = z + 1;
    }
    if at <= last {
        out.push(Segment::Plain { first: at, last });
    }
    out
}

/// A set of highlighted lines: sorted, merged ranges with a fast membership test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    ranges: Vec<(usize, usize)>,
}

impl Highlight {
    pub fn new(ranges: impl IntoIterator<Item = Lines>) -> Self {
        let mut v: Vec<(usize, usize)> = ranges
            .into_iter()
            .map(|l| (l.first().min(l.last()), l.first().max(l.last())))
            .collect();
        preflight_core::order::by_key(&mut v, |&(a, b)| preflight_core::order::pair(a, b));
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(v.len());
        for (a, b) in v {
            match merged.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        Highlight { ranges: merged }
    }

    pub fn contains(&self, line: usize) -> bool {
        let i = self.ranges.partition_point(|r| r.1 < line);
        self.ranges.get(i).is_some_and(|r| r.0 <= line)
    }

    pub fn first_line(&self) -> Option<usize> {
        self.ranges.first().map(|r| r.0)
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }
}

/// Where to cut a UTF-8 byte string of `len` bytes so that at most `max` bytes are shown and no
/// character is split: `byte_at(i)` reads byte `i`.
pub fn cut_at_char_boundary(len: usize, max: usize, byte_at: impl Fn(usize) -> u8) -> usize {
    if len <= max {
        return len;
    }
    let mut cut = max;
    // Continuation bytes are 0b10xx_xxxx; a character starts at any other byte.
    while cut > 0 && byte_at(cut) & 0xC0 == 0x80 {
        cut -= 1;
    }
    cut
}

/// Splits catalogue text on back-quotes: `(is_code, text)` pieces. An unmatched back-quote stays
/// literal text.
pub fn code_spans(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('`') {
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('`') {
            Some(close) => {
                if open > 0 {
                    out.push((false, rest.get(..open).unwrap_or("")));
                }
                out.push((true, after.get(..close).unwrap_or("")));
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}
