//! Any bytes through the whole pipeline and every renderer: nothing may panic, and every line
//! range must lie inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use preflight_core::i18n::Lang;
use preflight_core::{analyze, analyze_many, render, Options};

fuzz_target!(|data: &[u8]| {
    let r = analyze(data, &Options::default());
    for c in &r.checks {
        assert!(c.lines.first() >= 1 && c.lines.first() <= c.lines.last() && c.lines.last() <= r.input.lines);
    }
    for f in &r.findings {
        for l in &f.lines {
            assert!(l.first() >= 1 && l.last() <= r.input.lines.max(1));
        }
    }
    for lang in Lang::ALL {
        let _ = render::text::render(&r, lang, render::text::Style { color: true });
        let _ = render::markdown::render(&r, lang);
    }
    // Split the input in two to exercise the combined verdict as well.
    let (a, b) = data.split_at(data.len() / 2);
    let bundle = analyze_many(&[(a, "a".to_owned()), (b, "b".to_owned())], &Options::default());
    let _ = render::markdown::render_bundle(&bundle, Lang::Ja);
});
