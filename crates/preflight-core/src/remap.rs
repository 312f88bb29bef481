//! Line numbers back to the input: readers number the unwrapped text's lines; every line
//! number in the report must point at the input as the person gave it.

use crate::report::{Lines, Report};
use crate::unwrap::Unwrapped;

/// Rewrites every line number in `report` from the unwrapped text's to the input's.
pub fn lines(report: &mut Report, u: &Unwrapped) {
    let one = |n: &mut usize| *n = u.original(*n);
    let range = |l: &mut Lines| {
        l.0 = u.original(l.0);
        l.1 = u.original(l.1);
    };
    for c in &mut report.checks {
        range(&mut c.lines);
        c.marker.iter_mut().for_each(one);
        c.evidence.iter_mut().for_each(|e| one(&mut e.line));
    }
    for f in &mut report.findings {
        f.lines.iter_mut().for_each(range);
        f.evidence.iter_mut().for_each(|e| one(&mut e.line));
    }
    report.machine.host_line.iter_mut().for_each(one);
    report.regions.iter_mut().for_each(|r| range(&mut r.lines));
    report
        .input
        .segments
        .iter_mut()
        .for_each(|s| range(&mut s.lines));
    if let Some(a) = &mut report.agent {
        a.state_line.iter_mut().for_each(one);
        if let Some(e) = &mut a.extension {
            one(&mut e.line);
        }
        for r in [&mut a.wireserver, &mut a.imds].into_iter().flatten() {
            one(&mut r.line);
        }
        if let Some(s) = &mut a.service {
            one(&mut s.line);
        }
        a.annotations.iter_mut().for_each(|x| one(&mut x.line));
    }
}
