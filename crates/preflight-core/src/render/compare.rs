//! A comparison of two runs in words: one sentence that says what the change did, the notes that
//! make it doubtful, and the table of destinations (text and Markdown; JSON is the serde form).

use crate::compare::{Change, ChangeKind, Comparison, Note, Side};
use crate::i18n::{Lang, TextBuf};
use crate::report::{Section, Status};
use crate::tr;

/// Destinations the lead sentence names when many newly fail.
const NAMED: usize = 3;

/// The lead sentence, for example "After the change: 7 of 8 failures fixed; login.windows.net
/// (Microsoft Entra ID) still fails (The proxy requires authentication (407))."
pub fn sentence(c: &Comparison) -> TextBuf {
    if c.changes.is_empty() {
        return tr!(en: "Neither input holds a check to compare."; ja: "どちらの入力にも比較できるチェックがありません。");
    }
    let fixed = c.count(ChangeKind::Fixed);
    let still: Vec<&Change> = c
        .changes
        .iter()
        .filter(|x| x.change == ChangeKind::StillFailing)
        .collect();
    let broken: Vec<&str> = c
        .changes
        .iter()
        .filter(|x| x.change == ChangeKind::Broken)
        .map(|x| x.target.as_str())
        .collect();
    let failed_before = fixed + still.len();
    let mut parts: Vec<TextBuf> = Vec::new();
    parts.push(match (failed_before, fixed) {
        (0, _) => tr!(en: "nothing that both runs tested failed before"; ja: "両方の実行で確認した宛先に、変更前の失敗はありません"),
        (1, 1) => tr!(en: "the failure is fixed"; ja: "失敗は解消しました"),
        (1, _) => tr!(en: "the failure is not fixed"; ja: "失敗は解消していません"),
        (2, 2) => tr!(en: "both failures fixed"; ja: "2 件の失敗がどちらも解消しました"),
        (n, f) if n == f => tr!(en: "all {} failures fixed"; ja: "{} 件の失敗がすべて解消しました"; with: n),
        (n, f) => tr!(en: "{} of {} failures fixed"; ja: "{1} 件中 {0} 件の失敗が解消しました"; with: f, n),
    });
    if let Some(first) = still.first() {
        let why = first
            .after_code
            .map(|code| code.spec().title)
            .unwrap_or(crate::i18n::ui::FAILURE);
        // "login.windows.net (Microsoft Entra ID)": the name a reader knows the endpoint by, too.
        let target = match first.section {
            Section::Other => TextBuf {
                en: first.target.clone(),
                ja: first.target.clone(),
            },
            s => {
                tr!(en: "{} ({})"; ja: "{0} ({2})"; with: first.target, s.label().en, s.label().ja)
            }
        };
        parts.push(match still.len() {
            1 => tr!(en: "{} still fails ({})"; ja: "{2} は引き続き失敗しています ({3})";
                with: target.en, why.en, target.ja, why.ja),
            n => tr!(en: "{} and {} more still fail ({})"; ja: "{3} ほか {1} 件は引き続き失敗しています ({4})";
                with: target.en, n - 1, why.en, target.ja, why.ja),
        });
    }
    match (broken.len(), broken.first()) {
        (0, _) | (_, None) => {}
        (1, Some(one)) => parts.push(tr!(en: "{} fails now and did not before"; ja: "{} は変更前は失敗していませんでしたが、現在は失敗しています"; with: one)),
        // The first few by name (the table lists them all): a sentence, not a list.
        (n, Some(_)) => {
            let named = broken.get(..n.min(NAMED)).unwrap_or_default().join(", ");
            parts.push(match n.saturating_sub(NAMED) {
                0 => tr!(en: "{} destinations fail now and did not before: {}"; ja: "変更前は失敗していなかった {} 件の宛先が現在は失敗しています: {}";
                    with: n, named),
                rest => tr!(en: "{} destinations fail now and did not before: {} and {} more"; ja: "変更前は失敗していなかった {} 件の宛先が現在は失敗しています: {} ほか {} 件";
                    with: n, named, rest),
            });
        }
    }
    let en: Vec<String> = parts.iter().map(|p| p.en.clone()).collect();
    let ja: Vec<String> = parts.iter().map(|p| p.ja.clone()).collect();
    tr!(en: "After the change: {}."; ja: "変更後: {1}。"; with: en.join("; "), ja.join("。"))
}

/// A note in words.
pub fn note(n: &Note) -> TextBuf {
    match n {
        Note::DifferentHosts { before, after } => tr!(
            en: "The two runs name different hosts ({} before, {} after): they may not be the same machine.";
            ja: "2 つの実行のホスト名が異なります (変更前 {}、変更後 {})。同じマシンではない可能性があります。";
            with: before, after),
        Note::DifferentKinds { before, after } => tr!(
            en: "The two inputs are of different kinds ({} before, {} after): only the destinations both tested are compared.";
            ja: "2 つの入力の種類が異なります (変更前 {}、変更後 {})。両方で確認した宛先だけを比較しています。";
            with: before.word(), after.word()),
        Note::AfterIsOlder { before, after } => tr!(
            en: "AFTER ran before BEFORE ({} and {}): the files may be the wrong way round.";
            ja: "変更後の実行日時が変更前より古くなっています ({1} と {0})。ファイルの順序が逆の可能性があります。";
            with: after, before),
    }
}

/// A change in a table cell: a mark and a word, so it is never carried by colour alone.
pub fn change_label(k: ChangeKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ChangeKind::Fixed, Lang::En) => "✔ fixed",
        (ChangeKind::Fixed, Lang::Ja) => "✔ 解消",
        (ChangeKind::Broken, Lang::En) => "✖ broken",
        (ChangeKind::Broken, Lang::Ja) => "✖ 新たに失敗",
        (ChangeKind::StillFailing, Lang::En) => "✖ still failing",
        (ChangeKind::StillFailing, Lang::Ja) => "✖ 失敗のまま",
        (ChangeKind::Unchanged, Lang::En) => "· unchanged",
        (ChangeKind::Unchanged, Lang::Ja) => "· 変化なし",
        (ChangeKind::OnlyBefore, Lang::En) => "← only before",
        (ChangeKind::OnlyBefore, Lang::Ja) => "← 変更前のみ",
        (ChangeKind::OnlyAfter, Lang::En) => "→ only after",
        (ChangeKind::OnlyAfter, Lang::Ja) => "→ 変更後のみ",
    }
}

fn status_cell(s: Option<Status>, lang: Lang) -> String {
    match s {
        Some(s) => format!("{} {}", s.icon(), s.label().get(lang)),
        None => "–".to_owned(),
    }
}

/// One run in a line: host, run date and overall verdict.
pub fn side_line(s: &Side, lang: Lang) -> String {
    let unknown = crate::i18n::ui::UNKNOWN.get(lang);
    format!(
        "{} · {} · {} {}",
        s.host.as_deref().unwrap_or(unknown),
        s.run_date.as_deref().unwrap_or(unknown),
        s.overall.icon(),
        s.overall.label().get(lang)
    )
}

/// The changes in the table's order: what still fails or broke first, then what was fixed, then
/// what only one run tested, then the rest, each in the runs' order.
pub fn ordered(c: &Comparison) -> Vec<&Change> {
    let rank = |k: ChangeKind| match k {
        ChangeKind::StillFailing | ChangeKind::Broken => 0,
        ChangeKind::Fixed => 1,
        ChangeKind::OnlyBefore | ChangeKind::OnlyAfter => 2,
        ChangeKind::Unchanged => 3,
    };
    let mut changes: Vec<&Change> = c.changes.iter().collect();
    crate::order::by_key(&mut changes, |x| rank(x.change));
    changes
}

/// Rows of the table: change, tool, target, port, before, after.
fn rows(c: &Comparison, lang: Lang) -> Vec<[String; 6]> {
    ordered(c)
        .into_iter()
        .map(|x| {
            [
                change_label(x.change, lang).to_owned(),
                x.tool.word().to_owned(),
                x.target.clone(),
                x.port.map_or_else(|| "–".to_owned(), |p| p.to_string()),
                status_cell(x.before, lang),
                status_cell(x.after, lang),
            ]
        })
        .collect()
}

/// The table's column names.
pub fn headers(lang: Lang) -> [&'static str; 6] {
    match lang {
        Lang::En => ["Change", "Tool", "Target", "Port", "Before", "After"],
        Lang::Ja => ["変化", "ツール", "宛先", "ポート", "変更前", "変更後"],
    }
}

/// The comparison's title and the names of its two sides.
pub fn labels(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::En => ("Preflight comparison", "Before", "After"),
        Lang::Ja => ("Preflight 比較", "変更前", "変更後"),
    }
}

/// Plain text, columns padded to their widest cell.
pub fn text(c: &Comparison, lang: Lang) -> String {
    let (title, before, after) = labels(lang);
    let mut out = format!(
        "{title} — {} → {}\n{before}: {}\n{after}: {}\n\n{}\n",
        c.before.name,
        c.after.name,
        side_line(&c.before, lang),
        side_line(&c.after, lang),
        sentence(c).get(lang)
    );
    for n in &c.notes {
        out.push_str(&format!("▲ {}\n", note(n).get(lang)));
    }
    let mut table: Vec<[String; 6]> = vec![headers(lang).map(str::to_owned)];
    table.extend(rows(c, lang));
    let widths: Vec<usize> = (0..6)
        .map(|i| {
            table
                .iter()
                .map(|r| {
                    r.get(i)
                        .map_or(0, |s| crate::render::text::display_width(s))
                })
                .max()
                .unwrap_or(0)
        })
        .collect();
    out.push('\n');
    for r in &table {
        let mut line = String::new();
        for (cell, w) in r.iter().zip(&widths) {
            line.push_str(cell);
            let pad = w.saturating_sub(crate::render::text::display_width(cell)) + 2;
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Markdown for a ticket: a heading, the sentence, the notes and the table.
pub fn markdown(c: &Comparison, lang: Lang) -> String {
    let (title, before, after) = labels(lang);
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = format!(
        "### {title}\n\n- **{before}:** {}\n- **{after}:** {}\n\n**{}**\n\n",
        cell(&side_line(&c.before, lang)),
        cell(&side_line(&c.after, lang)),
        sentence(c).get(lang)
    );
    for n in &c.notes {
        out.push_str(&format!("> ▲ {}\n\n", note(n).get(lang)));
    }
    let h = headers(lang);
    out.push_str(&format!("| {} |\n|{}\n", h.join(" | "), "---|".repeat(6)));
    for r in rows(c, lang) {
        let cells: Vec<String> = r.iter().map(|s| cell(s)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}
