//! The tool family: a check whose command did not give a usable result (missing, mistyped, unsupported, cut short, unreadable).
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules that report them: missing commands (D.12), unknown or unreadable
//! output, nc's own errors, a cut-short last block (D.15), and one finding per missing command.

use crate::code::Code;
use crate::i18n::{Lang, TextBuf};
use crate::parse::shell::Missing;
use crate::report::{Arg, Sentence, Severity, Status};

use super::check::Judged;
use super::findings::{claim, is_claimed, Context, Draft};
use super::registry::{texts, Entry, Kind, DOC_ARTICLE, DOC_PE, DOC_REQUEST};
use super::say::{render_one, say};

super::say::sentences! { Tool;
    NOT_INSTALLED_NOT_RUN = "`{}` is not installed: the check did not run", "`{}` がインストールされていないため、チェックは実行されていません";
    NOT_INTERPRETED = "not a command Preflight interprets", "Preflight が解釈しないコマンドです";
    MISSING_PORT = "mistyped command (`missing port number`); nothing was tested", "コマンドの入力誤りです (`missing port number`)。何も確認されていません";
    FULLWIDTH_SPACE = "mistyped command: a full-width space (U+3000) is in it; nothing was tested", "コマンドに全角スペース (U+3000) が含まれる入力誤りです。何も確認されていません";
    BUSYBOX_NC = "BusyBox nc has no -v/-z: the check did not run", "BusyBox の nc は -v/-z に未対応のため、チェックは実行されていません";
    CUT_SHORT = "the output stops before a result (the log was cut short)", "結果が出る前に出力が途切れています (ログの途中終了)";
    NOT_INSTALLED = "`{}` is not installed", "`{}` がインストールされていません";
    HTTPS_UNTESTED = "HTTPS was never tested: without curl, nothing in this log says whether the endpoints answer over HTTPS.", "HTTPS はまったく確認されていません。curl がないため、エンドポイントが HTTPS で応答するかはこのログからは分かりません。";
    TCP_UNTESTED = "TCP ports were never tested, including 3260 for file recovery.", "TCP ポート (ファイルの回復に必要な 3260 を含む) は確認されていません。";
    DNS_UNTESTED = "DNS was not tested directly; nc and curl still resolve names through the system resolver.", "DNS は直接確認されていません。nc と curl は OS のリゾルバーで名前解決を行います。";
    INSTALL_NSLOOKUP = "Install nslookup and re-run the script: RHEL/CentOS/Alma/Rocky/Oracle `sudo dnf install bind-utils` (`yum` on 7); Debian/Ubuntu `sudo apt install bind9-dnsutils` (`dnsutils` on older releases); SUSE `sudo zypper install bind-utils`; Alpine `apk add bind-tools`.", "nslookup をインストールしてスクリプトを再実行してください: RHEL/CentOS/Alma/Rocky/Oracle は `sudo dnf install bind-utils` (7 は `yum`)、Debian/Ubuntu は `sudo apt install bind9-dnsutils` (古いリリースは `dnsutils`)、SUSE は `sudo zypper install bind-utils`、Alpine は `apk add bind-tools`。";
    INSTALL_NC = "Install nc and re-run the script: RHEL/CentOS/Alma/Rocky/Oracle `sudo dnf install nmap-ncat` (the script's `install nmap` may not provide `nc`); Debian/Ubuntu `sudo apt install netcat-openbsd` (`nmap` does not provide `nc` there); SUSE `sudo zypper install netcat-openbsd`; Alpine `apk add netcat-openbsd`.", "nc をインストールしてスクリプトを再実行してください: RHEL/CentOS/Alma/Rocky/Oracle は `sudo dnf install nmap-ncat` (スクリプトの `install nmap` では `nc` が入らない場合があります)、Debian/Ubuntu は `sudo apt install netcat-openbsd` (`nmap` では `nc` は入りません)、SUSE は `sudo zypper install netcat-openbsd`、Alpine は `apk add netcat-openbsd`。";
    INSTALL_CURL = "Install curl and re-run the script: RHEL family `sudo dnf install curl`; Debian/Ubuntu `sudo apt install curl`; SUSE `sudo zypper install curl`; Alpine `apk add curl`.", "curl をインストールしてスクリプトを再実行してください: RHEL 系は `sudo dnf install curl`、Debian/Ubuntu は `sudo apt install curl`、SUSE は `sudo zypper install curl`、Alpine は `apk add curl`。";
    INSTALL_OTHER = "Install `{}` and re-run the script.", "`{}` をインストールしてスクリプトを再実行してください。";
    TYPED_RERUN = "Run the command again and paste its whole output, from the command line to the next prompt.", "コマンドを再度実行し、コマンド行から次のプロンプトまでの出力全体を貼り付けてください。";
}

/// The catalogue entries of the tool family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::CHECK_TRUNCATED,
        kind: Kind::Check,
        severity: Severity::Warning,
        texts: texts!(
            "The check was cut short before it printed a result",
            "チェックが結果を出力する前に途切れています",
            "The output of this check stops before any result line: the run was interrupted or the text was cut when it was copied. Nothing can be concluded from it, and it is not counted as a timeout.",
            "このチェックの出力は結果行が出る前に終わっています。スクリプトの中断、またはコピー時の欠落が考えられます。ここから判断はできず、タイムアウトとしても扱いません。",
            "Re-run the script to the end (until `Complete...`) and send the whole log.",
            "スクリプトを最後 (`Complete...` の出力) まで実行し、ログ全体を送付してください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "D.15",
    },
    Entry {
        code: Code::NC_UNSUPPORTED,
        kind: Kind::Check,
        severity: Severity::Warning,
        texts: texts!(
            "This nc cannot run the check (BusyBox)",
            "この nc ではチェックを実行できません (BusyBox)",
            "The installed nc is BusyBox's, which has no -v / -z options: the check did not run, so TCP connectivity is unknown.",
            "インストールされている nc は BusyBox 版で、-v / -z オプションがありません。チェックは実行されておらず、TCP の疎通は不明です。",
            "Install a full netcat (Debian/Ubuntu: `sudo apt install netcat-openbsd`; RHEL family: `sudo dnf install nmap-ncat`; Alpine: `apk add netcat-openbsd`) and re-run the script.",
            "フル機能の netcat をインストールしてください (Debian/Ubuntu: `sudo apt install netcat-openbsd`、RHEL 系: `sudo dnf install nmap-ncat`、Alpine: `apk add netcat-openbsd`)。その後スクリプトを再実行してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.13",
    },
    Entry {
        code: Code::NC_USAGE_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        texts: texts!(
            "The nc command was mistyped, nothing was tested",
            "nc コマンドの入力誤りのため、何も確認されていません",
            "nc rejected its arguments (`missing port number`, or a host name holding a full-width space). This usually comes from copying `nc -vz <ip>　443` with a full-width space (U+3000) from a web page. It says nothing about the network.",
            "nc が引数を受け付けませんでした (`missing port number`、または全角スペースを含むホスト名)。Web ページから全角スペース (U+3000) を含む `nc -vz <IP>　443` をコピーした場合によく起こります。ネットワークについては何も示していません。",
            "Retype the command with ordinary (ASCII) spaces, e.g. `nc -vz 10.12.0.15 443`, and run it again.",
            "半角スペースでコマンドを入力し直して再実行してください (例: `nc -vz 10.12.0.15 443`)。",
        ),
        doc_url: DOC_PE,
        rule: "D.14",
    },
    Entry {
        code: Code::OUTPUT_UNRECOGNISED,
        kind: Kind::Check,
        severity: Severity::Warning,
        texts: texts!(
            "The output of this check could not be read",
            "このチェックの出力を読み取れませんでした",
            "The block holds text that matches none of the known outputs of nslookup, nc, curl or the Windows cmdlets: no verdict.",
            "このブロックの内容は nslookup・nc・curl・Windows のコマンドレットの既知の出力のいずれにも一致しないため、判定していません。",
            "Read the raw lines yourself, and send the log to the Preflight maintainers if it is real tool output.",
            "元の行を直接確認してください。実際のコマンド出力であれば、ログを Preflight の開発者に送付してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.1",
    },
    Entry {
        code: Code::TOOL_MISSING,
        kind: Kind::Check,
        severity: Severity::Warning,
        texts: texts!(
            "A command the script needs is not installed",
            "スクリプトが使用するコマンドがインストールされていません",
            "The shell reported `command not found`: the check did not run, so its result is unknown (not a failure).",
            "シェルが `command not found` を報告しました。チェックは実行されておらず、結果は不明です (失敗ではありません)。",
            "Install the missing command and re-run the script.",
            "不足しているコマンドをインストールし、スクリプトを再実行してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.12",
    },
];

/// The command was not found: nothing was tested (rule D.12).
pub(super) fn missing(m: Missing) -> Judged {
    let mut j = Judged::new(
        Code::TOOL_MISSING,
        Status::Inconclusive,
        say!(NOT_INSTALLED_NOT_RUN, Arg::Word(m.command.clone())),
        vec![m.line],
    );
    j.facts.missing_tool = Some(m.command);
    j
}

/// A block whose command Preflight does not read.
pub(super) fn unknown_command() -> Judged {
    unrecognised(say!(NOT_INTERPRETED), Vec::new())
}

/// The tool's output ends before any result line.
// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
pub(super) fn truncated(summary: impl Into<Sentence>, lines: Vec<usize>) -> Judged {
    let mut j = Judged::new(Code::CHECK_TRUNCATED, Status::Inconclusive, summary, lines);
    j.facts.undecided = true;
    j
}

/// The output is not the tool's in any form Preflight knows.
// Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
#[inline(never)]
pub(super) fn unrecognised(summary: impl Into<Sentence>, lines: Vec<usize>) -> Judged {
    let mut j = Judged::new(
        Code::OUTPUT_UNRECOGNISED,
        Status::Inconclusive,
        summary,
        lines,
    );
    j.facts.undecided = true;
    j
}

/// nc stopped at its own command line: nothing was tested.
pub(super) fn nc_usage_error(fullwidth_space: bool, lines: Vec<usize>) -> Judged {
    Judged::new(
        Code::NC_USAGE_ERROR,
        Status::Failure,
        if fullwidth_space {
            say!(FULLWIDTH_SPACE)
        } else {
            say!(MISSING_PORT)
        },
        lines,
    )
}

/// BusyBox nc has neither `-v` nor `-z`, so it tested nothing.
pub(super) fn nc_unsupported(lines: Vec<usize>) -> Judged {
    Judged::new(
        Code::NC_UNSUPPORTED,
        Status::Inconclusive,
        say!(BUSYBOX_NC),
        lines,
    )
}

/// A usage error whose typed command (the marker line) holds a full-width space: that space is
/// the mistake, even when nc's own message does not show it.
pub(super) fn typed_with_fullwidth_space(j: &mut Judged) {
    if j.code == Code::NC_USAGE_ERROR {
        j.summary = vec![say!(FULLWIDTH_SPACE)];
    }
}

/// Commands a person typed have no script to re-run: a cut-short output asks for the command
/// again.
pub(crate) fn typed_steps(drafts: &mut [Draft]) {
    for d in drafts
        .iter_mut()
        .filter(|d| d.code == Code::CHECK_TRUNCATED)
    {
        d.next_step = Some(say!(TYPED_RERUN));
    }
}

/// D.15: the last block of a cut-short log without a decisive line was cut, not answered.
pub(super) fn cut_short(j: &mut Judged) {
    j.code = Code::CHECK_TRUNCATED;
    j.status = Status::Inconclusive;
    j.summary = vec![say!(CUT_SHORT)];
}

/// The command gave no result about the endpoint (missing, mistyped, unsupported, cut short or
/// unreadable), so no later rule changes its verdict.
pub(super) fn tested_nothing(c: Code) -> bool {
    matches!(
        c,
        Code::TOOL_MISSING
            | Code::NC_UNSUPPORTED
            | Code::NC_USAGE_ERROR
            | Code::CHECK_TRUNCATED
            | Code::OUTPUT_UNRECOGNISED
    )
}

/// Missing tools: one finding per missing command, with install hints (rule D.12).
pub(super) fn missing_drafts(ctx: &Context<'_>, claimed: &mut [bool], drafts: &mut Vec<Draft>) {
    let mut missing: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, c) in ctx.checks.iter().enumerate() {
        if c.code != Code::TOOL_MISSING || is_claimed(claimed, i) {
            continue;
        }
        let name = ctx
            .verdicts
            .get(i)
            .and_then(|f| f.missing_tool.clone())
            .unwrap_or_else(|| c.tool.word().to_owned());
        match missing.iter_mut().find(|m| m.0 == name) {
            Some(m) => m.1.push(i),
            None => missing.push((name, vec![i])),
        }
        claim(claimed, &[i]);
    }
    for (name, idx) in missing {
        let mut d = Draft::new(Code::TOOL_MISSING);
        d.checks = idx;
        d.title = Some(say!(NOT_INSTALLED, Arg::Word(name.clone())));
        d.next_step = Some(install_step(&name));
        d.detail = match name.as_str() {
            "curl" => vec![say!(HTTPS_UNTESTED)],
            "nc" => vec![say!(TCP_UNTESTED)],
            "nslookup" => vec![say!(DNS_UNTESTED)],
            _ => Vec::new(),
        };
        drafts.push(d);
    }
}

/// Install hints per distribution family (rule D.12).
fn install_step(cmd: &str) -> Sentence {
    match cmd {
        "nslookup" => say!(INSTALL_NSLOOKUP),
        "nc" | "ncat" | "netcat" => say!(INSTALL_NC),
        "curl" => say!(INSTALL_CURL),
        other => say!(INSTALL_OTHER, Arg::Word(other.to_owned())),
    }
}

/// The install hint in words.
pub fn install_hint(cmd: &str) -> TextBuf {
    let s = install_step(cmd);
    TextBuf::new(render_one(&s, Lang::En), render_one(&s, Lang::Ja))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tested_nothing_is_exactly_the_tool_family() {
        for c in Code::ALL {
            assert_eq!(
                tested_nothing(*c),
                c.family() == crate::code::Family::Tool,
                "{c}"
            );
        }
    }

    #[test]
    fn a_cut_short_block_becomes_truncated() {
        let mut j = unknown_command();
        assert_eq!(j.code, Code::OUTPUT_UNRECOGNISED);
        cut_short(&mut j);
        assert_eq!(
            (j.code, j.status),
            (Code::CHECK_TRUNCATED, Status::Inconclusive)
        );
    }

    #[test]
    fn a_full_width_space_in_the_typed_command_explains_only_a_usage_error() {
        let mut j = nc_usage_error(false, vec![2]);
        typed_with_fullwidth_space(&mut j);
        assert!(crate::rules::say::render(&j.summary, crate::i18n::Lang::En).contains("U+3000"));
        let mut j = nc_unsupported(vec![2]);
        typed_with_fullwidth_space(&mut j);
        assert!(!crate::rules::say::render(&j.summary, crate::i18n::Lang::En).contains("U+3000"));
    }

    #[test]
    fn install_hints_name_the_package_per_distribution() {
        assert!(install_hint("ncat").en.contains("nmap-ncat"));
        assert!(install_hint("nslookup").en.contains("bind-utils"));
        assert!(install_hint("dig").en.contains("`dig`"));
    }
}
