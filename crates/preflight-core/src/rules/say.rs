//! Sentences: what the rules say about a finding or a check, declared by each family next to
//! its rules, stored in the report as a [`Form`] and typed arguments, and put into words only when
//! a renderer asks, in the language it asks for.
//!
//! A family file declares its sentences once, both languages side by side:
//!
//! ```ignore
//! sentences! { Dns;
//!     RESOLVED_TO = "resolved to {}", "{} に名前解決できました";
//! }
//! ```
//!
//! and a rule says one with `say!(RESOLVED_TO, Arg::Addresses(list))`. In a template `{}` takes
//! the next argument and `{1}` a given one (Japanese often names them in another order).

use crate::code::{Family, Form};
use crate::i18n::Lang;
use crate::report::{Arg, Sentence};

/// One declared sentence: its name and its two templates in one string, separated by U+001F
/// (one pointer per sentence instead of three, in the page's download).
pub struct Words(pub &'static str);

impl Words {
    fn part(&self, i: usize) -> &'static str {
        self.0.split('\u{1f}').nth(i).unwrap_or_default()
    }
    pub fn name(&self) -> &'static str {
        self.part(0)
    }
    pub fn en(&self) -> &'static str {
        self.part(1)
    }
    pub fn ja(&self) -> &'static str {
        self.part(2)
    }
}

/// Declares a family's sentences: the `SENTENCES` table and, in `says`, one [`Form`] constant
/// per sentence.
macro_rules! sentences {
    ($family:ident; $($name:ident = $en:literal, $ja:literal;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        enum SentenceId { $($name),* }

        /// This family's sentences, in the order of their `Form`s.
        pub(crate) const SENTENCES: &[crate::rules::say::Words] = &[
            $(crate::rules::say::Words(concat!(stringify!($name), "\u{1f}", $en, "\u{1f}", $ja))),*
        ];

        /// The family's sentences by name, for `say!`.
        #[allow(dead_code)]
        pub(crate) mod says {
            $(pub(crate) const $name: crate::code::Form = crate::code::Form {
                family: crate::code::Family::$family,
                n: super::SentenceId::$name as u16,
            };)*
        }
    };
}
pub(crate) use sentences;

/// One of the current family's sentences with its arguments: `say!(NAME, arg, ...)`.
macro_rules! say {
    ($name:ident $(, $arg:expr)* $(,)?) => {
        crate::report::Sentence { form: says::$name, args: vec![$($arg),*] }
    };
}
pub(crate) use say;

/// A family's sentences.
fn table(family: Family) -> &'static [Words] {
    use super::*;
    match family {
        Family::Agent => agent::SENTENCES,
        Family::Dns => dns::SENTENCES,
        Family::Http => http::SENTENCES,
        Family::Input => input::SENTENCES,
        Family::Overall => overall::SENTENCES,
        Family::Proxy => proxy::SENTENCES,
        Family::Tcp => tcp::SENTENCES,
        Family::Tls => tls::SENTENCES,
        Family::Tool => tool::SENTENCES,
        Family::Windows => windows::SENTENCES,
    }
}

/// The declared sentence behind a form.
pub fn words(form: Form) -> Option<&'static Words> {
    table(form.family).get(usize::from(form.n))
}

/// The form's name, as JSON shows it: `dns.RESOLVED_TO`.
pub fn name(form: Form) -> String {
    let name = words(form).map_or("?", |w| w.name());
    format!("{}.{name}", form.family.name())
}

/// Sentences in `lang`, one after another (English puts a space between them, Japanese none).
pub fn render(sentences: &[Sentence], lang: Lang) -> String {
    let mut out = String::new();
    for s in sentences {
        append(&mut out, s, lang);
    }
    out
}

/// One sentence in `lang`.
pub fn render_one(sentence: &Sentence, lang: Lang) -> String {
    let mut out = String::new();
    append(&mut out, sentence, lang);
    out
}

/// Adds a sentence after `out`'s text, as `TextBuf::join` does.
pub fn append(out: &mut String, sentence: &Sentence, lang: Lang) {
    let start = out.len();
    if lang == Lang::En && !out.is_empty() {
        out.push(' ');
    }
    let before = out.len();
    if let Some(w) = words(sentence.form) {
        let template = if lang == Lang::Ja { w.ja() } else { w.en() };
        fill(out, template, &sentence.args, lang);
    }
    // Nothing said: no separator either.
    if out.len() == before {
        out.truncate(start);
    }
}

/// Writes `template` with its `{}` / `{N}` holes filled from `args`. English words agree with
/// the count or list before them: `check(s)` and `[fails|fail]` read `check` and `fails` after a
/// count of one, `checks` and `fail` after any other.
fn fill(out: &mut String, template: &str, args: &[Arg], lang: Lang) {
    let mut next = 0;
    let mut rest = template;
    // Words before any count agree with the first count or list the sentence gives
    // (`Blocked port(s): {}`).
    let mut count = args.iter().find_map(counted);
    while let Some(open) = rest.find('{') {
        let (text, hole) = rest.split_at(open);
        words_after(out, text, count, lang);
        let Some(close) = hole.find('}') else {
            out.push_str(hole);
            return;
        };
        let index = hole.get(1..close).unwrap_or("");
        let i = if index.is_empty() {
            next += 1;
            next - 1
        } else {
            index.parse().unwrap_or(usize::MAX)
        };
        if let Some(a) = args.get(i) {
            count = counted(a).or(count);
            arg(out, a, lang);
        }
        rest = hole.get(close + 1..).unwrap_or("");
    }
    words_after(out, rest, count, lang);
}

/// How many things an argument counts: a count, or a list's length.
fn counted(a: &Arg) -> Option<usize> {
    match a {
        Arg::Count(n) => Some(*n),
        Arg::Hosts(v) | Arg::Addresses(v) => Some(v.len()),
        Arg::Ports(v) => Some(v.len()),
        _ => None,
    }
}

/// A template's text between holes, its English plurals agreeing with the last count.
fn words_after(out: &mut String, text: &str, count: Option<usize>, lang: Lang) {
    if lang != Lang::En {
        out.push_str(text);
        return;
    }
    let one = count == Some(1);
    let mut rest = text;
    loop {
        let plural = rest.find("(s)");
        let choice = rest.find('[');
        match (plural, choice) {
            (Some(p), c) if c.is_none_or(|c| p < c) => {
                out.push_str(rest.get(..p).unwrap_or(""));
                if !one {
                    out.push('s');
                }
                rest = rest.get(p + 3..).unwrap_or("");
            }
            (_, Some(c)) => {
                out.push_str(rest.get(..c).unwrap_or(""));
                let inner = rest.get(c + 1..).unwrap_or("");
                let Some((options, after)) = inner.split_once(']') else {
                    out.push_str(rest.get(c..).unwrap_or(""));
                    return;
                };
                let (singular, plural) = options.split_once('|').unwrap_or((options, options));
                out.push_str(if one { singular } else { plural });
                rest = after;
            }
            _ => break,
        }
    }
    out.push_str(rest);
}

/// One argument in words.
fn arg(out: &mut String, a: &Arg, lang: Lang) {
    use std::fmt::Write;
    match a {
        Arg::Hosts(v) => out.push_str(&super::target_list(v)),
        Arg::Addresses(v) => out.push_str(&v.join(", ")),
        Arg::Ports(v) => {
            for (i, p) in v.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{p}");
            }
        }
        Arg::Count(n) => {
            let _ = write!(out, "{n}");
        }
        Arg::Seconds(n) => {
            let _ = write!(out, "{n}");
        }
        Arg::Proxy(s) | Arg::Word(s) | Arg::Quote(s) => out.push_str(s),
        Arg::Reason(why) => out.push_str(why.text().get(lang)),
        Arg::Title(code) => {
            let title = code.spec().title;
            match lang {
                // Inside an English sentence the title is lowercase: "…: name not found".
                Lang::En => out.push_str(&lower_first(title.en)),
                Lang::Ja => out.push_str(title.ja),
            }
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_take_arguments_in_order_or_by_number() {
        let mut out = String::new();
        fill(
            &mut out,
            "{1} 件中 {0} 件",
            &[Arg::Count(3), Arg::Count(5)],
            Lang::Ja,
        );
        assert_eq!(out, "5 件中 3 件");
        let mut out = String::new();
        fill(
            &mut out,
            "{} of {} on {}",
            &[Arg::Count(3), Arg::Count(5), Arg::Ports(vec![443, 3260])],
            Lang::En,
        );
        assert_eq!(out, "3 of 5 on 443, 3260");
    }

    #[test]
    fn english_words_agree_with_the_count_before_them() {
        let mut out = String::new();
        for n in [0, 1, 2, 7] {
            fill(
                &mut out,
                "{} HTTPS check(s) [fails|fail] this way; ",
                &[Arg::Count(n)],
                Lang::En,
            );
        }
        assert_eq!(
            out,
            "0 HTTPS checks fail this way; 1 HTTPS check fails this way; 2 HTTPS checks fail this way; 7 HTTPS checks fail this way; "
        );
        let mut ja = String::new();
        fill(&mut ja, "[a|b] {} 件(s)", &[Arg::Count(1)], Lang::Ja);
        assert_eq!(ja, "[a|b] 1 件(s)", "Japanese text is left as written");
    }

    #[test]
    fn sentences_join_like_two_language_text() {
        let seen = |n| Sentence {
            form: super::super::overall::says::SEEN_IN,
            args: vec![Arg::Count(n), Arg::Hosts(vec!["a.example".into()])],
        };
        // A form no family declares (a report from another build) says nothing, not garbage.
        let unknown = Sentence {
            form: Form {
                family: Family::Dns,
                n: u16::MAX,
            },
            args: Vec::new(),
        };
        let all = [seen(1), unknown, seen(2)];
        assert_eq!(
            render(&all, Lang::En),
            "Seen in 1 check: a.example. Seen in 2 checks: a.example."
        );
        assert_eq!(
            render(&all, Lang::Ja),
            "該当するチェック 1 件: a.example。該当するチェック 2 件: a.example。"
        );
    }

    #[test]
    fn every_family_names_its_sentences_once() {
        for &family in Family::ALL {
            let t = table(family);
            for (i, w) in t.iter().enumerate() {
                assert!(
                    !t.iter().skip(i + 1).any(|x| x.name() == w.name()),
                    "{}: {} twice",
                    family.name(),
                    w.name()
                );
                assert_eq!(w.0.split('\u{1f}').count(), 3, "{}", w.name());
                assert!(!w.en().is_empty() && !w.ja().is_empty(), "{}", w.name());
            }
        }
    }
}
