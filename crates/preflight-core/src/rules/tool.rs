//! The tool family: a check whose command did not give a usable result (missing, mistyped, unsupported, cut short, unreadable).
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.

use crate::code::Code;
use crate::report::Severity;

use super::registry::{t, Kind, Spec, DOC_ARTICLE, DOC_PE, DOC_REQUEST};

/// The catalogue entries of the tool family, sorted by code.
pub(crate) const CATALOGUE: &[Spec] = &[
    Spec {
        code: Code::CHECK_TRUNCATED,
        kind: Kind::Check,
        severity: Severity::Warning,
        title: t(
            "The check was cut short before it printed a result",
            "チェックが結果を出力する前に途切れています",
        ),
        explain: t(
            "The output of this check stops before any result line: the run was interrupted or the text was cut when it was copied. Nothing can be concluded from it, and it is not counted as a timeout.",
            "このチェックの出力は結果行が出る前に終わっています。スクリプトの中断、またはコピー時の欠落が考えられます。ここから判断はできず、タイムアウトとしても扱いません。",
        ),
        next_step: t(
            "Re-run the script to the end (until `Complete...`) and send the whole log.",
            "スクリプトを最後 (`Complete...` の出力) まで実行し、ログ全体を送付してください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "D.15",
    },
    Spec {
        code: Code::NC_UNSUPPORTED,
        kind: Kind::Check,
        severity: Severity::Warning,
        title: t(
            "This nc cannot run the check (BusyBox)",
            "この nc ではチェックを実行できません (BusyBox)",
        ),
        explain: t(
            "The installed nc is BusyBox's, which has no -v / -z options: the check did not run, so TCP connectivity is unknown.",
            "インストールされている nc は BusyBox 版で、-v / -z オプションがありません。チェックは実行されておらず、TCP の疎通は不明です。",
        ),
        next_step: t(
            "Install a full netcat (Debian/Ubuntu: `sudo apt install netcat-openbsd`; RHEL family: `sudo dnf install nmap-ncat`; Alpine: `apk add netcat-openbsd`) and re-run the script.",
            "フル機能の netcat をインストールしてください (Debian/Ubuntu: `sudo apt install netcat-openbsd`、RHEL 系: `sudo dnf install nmap-ncat`、Alpine: `apk add netcat-openbsd`)。その後スクリプトを再実行してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.13",
    },
    Spec {
        code: Code::NC_USAGE_ERROR,
        kind: Kind::Check,
        severity: Severity::Failure,
        title: t(
            "The nc command was mistyped, nothing was tested",
            "nc コマンドの入力誤りのため、何も確認されていません",
        ),
        explain: t(
            "nc rejected its arguments (`missing port number`, or a host name holding a full-width space). This usually comes from copying `nc -vz <ip>　443` with a full-width space (U+3000) from a web page. It says nothing about the network.",
            "nc が引数を受け付けませんでした (`missing port number`、または全角スペースを含むホスト名)。Web ページから全角スペース (U+3000) を含む `nc -vz <IP>　443` をコピーした場合によく起こります。ネットワークについては何も示していません。",
        ),
        next_step: t(
            "Retype the command with ordinary (ASCII) spaces, e.g. `nc -vz 10.12.0.15 443`, and run it again.",
            "半角スペースでコマンドを入力し直して再実行してください (例: `nc -vz 10.12.0.15 443`)。",
        ),
        doc_url: DOC_PE,
        rule: "D.14",
    },
    Spec {
        code: Code::OUTPUT_UNRECOGNISED,
        kind: Kind::Check,
        severity: Severity::Warning,
        title: t(
            "The output of this check could not be read",
            "このチェックの出力を読み取れませんでした",
        ),
        explain: t(
            "The block holds text that matches none of the known outputs of nslookup, nc or curl, so no verdict is given.",
            "このブロックの内容は nslookup・nc・curl の既知の出力のいずれにも一致しないため、判定していません。",
        ),
        next_step: t(
            "Read the raw lines yourself, and send the log to the Preflight maintainers if it is real tool output.",
            "元の行を直接確認してください。実際のコマンド出力であれば、ログを Preflight の開発者に送付してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.1",
    },
    Spec {
        code: Code::TOOL_MISSING,
        kind: Kind::Check,
        severity: Severity::Warning,
        title: t(
            "A command the script needs is not installed",
            "スクリプトが使用するコマンドがインストールされていません",
        ),
        explain: t(
            "The shell reported `command not found`: the check did not run, so its result is unknown (not a failure).",
            "シェルが `command not found` を報告しました。チェックは実行されておらず、結果は不明です (失敗ではありません)。",
        ),
        next_step: t(
            "Install the missing command and re-run the script.",
            "不足しているコマンドをインストールし、スクリプトを再実行してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "D.12",
    },
];
