//! The input family: what the input is (encoding, fragment, a sibling script's log) and whether it is complete.
//!
//! `CATALOGUE` holds what each of the family's codes means and what to do about it, in both
//! languages; `Code::spec` reads it from here.
//!
//! Below it, the rules for a full log that stops early or holds fewer checks than the script runs,
//! for a fragment of a log, and for what `mask` hid or made visible.

use crate::code::Code;
use crate::mask::Secret;
use crate::report::{Arg, Lines, Severity};

use super::findings::{Context, Draft};
use super::registry::{
    texts, Entry, Kind, DOC_ARTICLE, DOC_ASR, DOC_KEY_ROTATION, DOC_REQUEST, DOC_UNICODE_SECURITY,
};
use super::say::say;

super::say::sentences! { Input;
    REASON = "Detection: {}.", "検出の根拠: {}。";
    ENDS_SHORT = "The log ends normally but holds {} of the script's {} checks.", "ログは正常に終了していますが、スクリプトの {1} 件のチェックのうち {0} 件しか含まれていません。";
    STOPS_AFTER = "The log stops after {} of the script's {} checks, with no `Complete...` line.", "ログはスクリプトの {1} 件のチェックのうち {0} 件の後で終わっており、`Complete...` 行がありません。";
    NO_TRANSCRIPT_END = "The transcript has no `ScriptStart Completed` line.", "トランスクリプトに `ScriptStart Completed` 行がありません。";
    FRAGMENT_HOLDS = "It holds {} check(s).", "含まれるチェックは {} 件です。";
    LINES_AFFECTED = "{} line(s) affected.", "該当する行は {} 行です。";
    URL_PASSWORD = "A password in a URL (user:password@host) on {} line(s).", "URL 内のパスワード (user:password@host): {} 行。";
    AUTHORIZATION_HEADER = "An Authorization or Proxy-Authorization header on {} line(s).", "Authorization / Proxy-Authorization ヘッダー: {} 行。";
    SAS_SIGNATURE = "A SAS signature (sig=) on {} line(s).", "SAS の署名 (sig=): {} 行。";
    STORAGE_KEY = "A storage account key or shared access signature in a connection string on {} line(s).", "接続文字列内のストレージ アカウント キーまたは Shared Access Signature: {} 行。";
    TOKEN = "A bearer token, JWT or API key on {} line(s).", "ベアラー トークン、JWT または API キー: {} 行。";
    CLIENT_SECRET = "A client secret on {} line(s).", "クライアント シークレット: {} 行。";
    PASSWORD = "A password setting on {} line(s).", "パスワードの設定: {} 行。";
    COMMAND_LINE = "Credentials on a curl command line (-u, -U, --user, --proxy-user) on {} line(s).", "curl のコマンド ラインの資格情報 (-u、-U、--user、--proxy-user): {} 行。";
    INVISIBLE_LINES = "{} line(s) [holds|hold] such characters, shown here as <U+XXXX>.", "{} 行にこのような文字があり、ここでは <U+XXXX> と表示しています。";
    WINDOWS_WHOLE_LOG = "For a complete picture, send the whole AzureBackup_Check_NW_<date>.log from the script's folder.", "全体を判断するには、スクリプトのフォルダーにある AzureBackup_Check_NW_<日時>.log 全体を送付してください。";
    WINDOWS_NOT_RECOGNISED = "Load the Windows script's AzureBackup_Check_NW_<date>.log, or paste `Test-NetConnection <fqdn> -Port 443` or `Invoke-WebRequest https://<fqdn>` with its output.", "Windows 版スクリプトの AzureBackup_Check_NW_<日時>.log を読み込むか、`Test-NetConnection <FQDN> -Port 443` または `Invoke-WebRequest https://<FQDN>` を出力とともに貼り付けてください。";
}

/// `INPUT_CREDENTIALS_MASKED`: which kinds of credentials were masked, and on which lines.
pub fn credentials_masked(found: &[(usize, Secret)]) -> Option<Draft> {
    if found.is_empty() {
        return None;
    }
    let mut d = Draft::new(Code::INPUT_CREDENTIALS_MASKED);
    for kind in Secret::ALL {
        let mut lines: Vec<usize> = found
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|(n, _)| *n)
            .collect();
        lines.dedup();
        if lines.is_empty() {
            continue;
        }
        let n = Arg::Count(lines.len());
        d.detail.push(match kind {
            Secret::UrlPassword => say!(URL_PASSWORD, n),
            Secret::AuthorizationHeader => say!(AUTHORIZATION_HEADER, n),
            Secret::SasSignature => say!(SAS_SIGNATURE, n),
            Secret::StorageKey => say!(STORAGE_KEY, n),
            Secret::Token => say!(TOKEN, n),
            Secret::ClientSecret => say!(CLIENT_SECRET, n),
            Secret::Password => say!(PASSWORD, n),
            Secret::CommandLine => say!(COMMAND_LINE, n),
        });
    }
    d.lines = line_ranges(found.iter().map(|(n, _)| *n));
    Some(d)
}

/// `INPUT_INVISIBLE_CHARACTERS`: lines that held bidi controls or zero-width characters.
pub fn invisible_characters(lines: &[usize]) -> Option<Draft> {
    if lines.is_empty() {
        return None;
    }
    let mut d = Draft::new(Code::INPUT_INVISIBLE_CHARACTERS);
    d.detail = vec![say!(INVISIBLE_LINES, Arg::Count(lines.len()))];
    d.lines = line_ranges(lines.iter().copied());
    Some(d)
}

/// Line numbers in order as ranges of consecutive lines, at most 20 of them.
fn line_ranges(lines: impl Iterator<Item = usize>) -> Vec<Lines> {
    let mut all: Vec<usize> = lines.collect();
    crate::order::by_key(&mut all, |&n| n as u64);
    all.dedup();
    let mut ranges: Vec<Lines> = Vec::new();
    for n in all {
        match ranges.last_mut() {
            Some(r) if r.1 + 1 == n => r.1 = n,
            _ => ranges.push(Lines::one(n)),
        }
    }
    ranges.truncate(20);
    ranges
}

/// Why the input was read as it was, as a finding's detail.
/// The next step for an input not recognised that came from a Windows machine.
pub(crate) fn windows_not_recognised() -> crate::report::Sentence {
    say!(WINDOWS_NOT_RECOGNISED)
}

pub(crate) fn reason(why: &crate::report::Why) -> crate::report::Sentence {
    crate::report::Sentence {
        form: says::REASON,
        args: vec![crate::report::Arg::Reason(why.clone())],
    }
}

/// The catalogue entries of the input family, sorted by code.
pub(crate) const CATALOGUE: &[Entry] = &[
    Entry {
        code: Code::INPUT_BINARY,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "This is a binary file, not a log",
            "テキストのログではなくバイナリ ファイルです",
            "The file holds binary data (an image, an archive or similar), not the text a connectivity check writes.",
            "このファイルには疎通確認スクリプトが出力するテキストではなく、バイナリ データ (画像やアーカイブなど) が含まれています。",
            "Extract the log from the archive, or attach the text file `CheckNWResult_<host>_<date>.log` itself instead of a screenshot.",
            "アーカイブからログを取り出すか、スクリーンショットではなくテキスト ファイル `CheckNWResult_<ホスト名>_<日時>.log` そのものを添付してください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "B.8",
    },
    Entry {
        code: Code::INPUT_CREDENTIALS_MASKED,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The log holds credentials: they are masked here, but rotate them",
            "ログに資格情報が含まれています: ここではマスクしていますが、変更してください",
            "Passwords, keys or tokens were in the text. Every output of this report (and the raw log shown with it) shows **** in their place; the verdicts do not depend on them. The original log still holds them, and whoever it was sent to has them.",
            "テキストにパスワード、キーまたはトークンが含まれていました。このレポートのすべての出力 (一緒に表示する元のログを含む) では **** に置き換えており、判定はこれらの値に依存しません。元のログには値が残っており、ログを受け取った人は値を知っています。",
            "Rotate these credentials (change the proxy password, regenerate the key, revoke the token), because the log has already been shared; send logs with credentials removed from now on.",
            "ログはすでに共有されているため、これらの資格情報を変更してください (プロキシのパスワードの変更、キーの再生成、トークンの失効)。今後は資格情報を取り除いたログを送付してください。",
        ),
        doc_url: DOC_KEY_ROTATION,
        rule: "B.8",
    },
    Entry {
        code: Code::INPUT_DECODE_LOSSY,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "Some bytes could not be decoded",
            "一部のバイトを文字に変換できませんでした",
            "Some lines hold bytes that are not valid in the detected encoding; they are shown with replacement characters (�). Verdicts on those lines may be incomplete.",
            "検出した文字コードとして不正なバイトを含む行があり、置換文字 (�) で表示しています。該当行の判定が不完全な可能性があります。",
            "If the text looks wrong, re-save the log as UTF-8 and load it again.",
            "表示が崩れている場合は、ログを UTF-8 で保存し直して再度読み込んでください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "B.8",
    },
    Entry {
        code: Code::INPUT_EMPTY,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The input is empty",
            "入力が空です",
            "There is no text to analyse.",
            "解析するテキストがありません。",
            "Load the log file written by the script (CheckNWResult_<host>_<date>.log), or paste a `##TRY!!` block.",
            "スクリプトが出力したログ ファイル (CheckNWResult_<ホスト名>_<日時>.log) を読み込むか、`##TRY!!` ブロックを貼り付けてください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "A.1",
    },
    Entry {
        code: Code::INPUT_FRAGMENT,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Only part of a log was given",
            "ログの一部のみが入力されています",
            "This is a fragment (copied blocks or a single command output), not the whole log. Only what is here is judged; the other checks of the script are unknown.",
            "これはログ全体ではなく一部 (コピーされたブロックや単一コマンドの出力) です。含まれている部分だけを判定しており、スクリプトの他のチェック結果は不明です。",
            "For a complete picture, send the whole CheckNWResult_<host>_<date>.log.",
            "全体を判断するには、CheckNWResult_<ホスト名>_<日時>.log 全体を送付してください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "A.1",
    },
    Entry {
        code: Code::INPUT_INVISIBLE_CHARACTERS,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The log holds invisible or direction-changing characters",
            "ログに不可視の文字または表示方向を変える文字が含まれています",
            "Bidi controls and zero-width characters change how a line reads without being seen: a host name can then read as another one. They are shown as <U+XXXX> in every output of this report, never as they are.",
            "双方向制御文字やゼロ幅文字は、目に見えないまま行の読み方を変えます。ホスト名が別の名前に見えることがあります。このレポートのすべての出力で、そのままではなく <U+XXXX> と表示しています。",
            "Compare the names on these lines with what was configured, and run the check again from a clean copy of the script; a name with hidden characters is not the name it reads as.",
            "該当行の名前を設定値と比較し、スクリプトのクリーンなコピーからチェックを再実行してください。隠れた文字を含む名前は、見た目どおりの名前ではありません。",
        ),
        doc_url: DOC_UNICODE_SECURITY,
        rule: "B.8",
    },
    Entry {
        code: Code::INPUT_MARKERS_NORMALISED,
        kind: Kind::Finding,
        severity: Severity::Info,
        texts: texts!(
            "Some marker lines were read leniently",
            "一部のマーカー行を補正して読み取りました",
            "Some `##TRY!!` lines had extra spaces, tabs, full-width spaces or colour codes, as happens when a log is edited or pasted. They were normalised before reading.",
            "一部の `##TRY!!` 行に余分な空白・タブ・全角スペース・色コードが含まれていました (ログの編集や貼り付けで起こります)。補正してから読み取っています。",
            "Nothing to do, unless the log was edited by hand: then prefer the original file.",
            "対応は不要です。ただしログを手で編集した場合は、元のファイルを使用してください。",
        ),
        doc_url: DOC_ARTICLE,
        rule: "B.4",
    },
    Entry {
        code: Code::INPUT_NOT_RECOGNISED,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "This is not a connectivity-check log",
            "疎通確認スクリプトのログではありません",
            "No `##TRY!!` block, no known tool output and no section of the connectivity-check script was found in this text.",
            "このテキストには `##TRY!!` ブロック、既知のコマンド出力、疎通確認スクリプトのセクションのいずれも見つかりませんでした。",
            "Load the log written by Check_Backup_NW_Linux (CheckNWResult_<host>_<date>.log) or paste the output of nslookup, nc -vz or curl -I.",
            "Check_Backup_NW_Linux が出力したログ (CheckNWResult_<ホスト名>_<日時>.log) を読み込むか、nslookup・nc -vz・curl -I の出力を貼り付けてください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "A.1",
    },
    Entry {
        code: Code::LOG_INCOMPLETE,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "The log is incomplete: the script did not finish",
            "ログが不完全です: スクリプトが最後まで実行されていません",
            "The log has no `Complete...` / `[INFO] Script time is` lines, or fewer checks than the script runs. The run was interrupted or the file was cut; checks that never ran are unknown, so the result cannot be OK.",
            "ログに `Complete...` / `[INFO] Script time is` 行がないか、スクリプトが実行するチェックより少ない状態です。実行の中断またはファイルの欠落が考えられ、実行されなかったチェックの結果は不明のため、OK とは判定できません。",
            "Run the script again and let it finish (it can take several minutes when connections time out), then send the whole log.",
            "スクリプトを再実行し最後まで完了させてから (タイムアウトが発生すると数分かかることがあります)、ログ全体を送付してください。",
        ),
        doc_url: DOC_REQUEST,
        rule: "D.15",
    },
    Entry {
        code: Code::SITE_RECOVERY_LOG,
        kind: Kind::Finding,
        severity: Severity::Warning,
        texts: texts!(
            "This is the Site Recovery check's log, not Azure Backup's",
            "Azure Backup ではなく Site Recovery の疎通確認ログです",
            "The log has the `====` separator lines of Check_ASR_NW_Linux (Azure Site Recovery). It tests Site Recovery's endpoints; the verdicts below are read with the same rules, but the scenarios are Site Recovery's.",
            "このログには Check_ASR_NW_Linux (Azure Site Recovery) の `====` 区切り行があります。Site Recovery の宛先を確認するもので、以下の判定は同じ規則で読み取っていますが、影響するのは Site Recovery のシナリオです。",
            "For Azure Backup, run Check_Backup_NW_Linux and load its log.",
            "Azure Backup の確認には Check_Backup_NW_Linux を実行し、そのログを読み込んでください。",
        ),
        doc_url: DOC_ASR,
        rule: "B.9",
    },
];

/// A full log that stops early or holds fewer checks than the script runs.
pub(super) fn incomplete_drafts(ctx: &Context<'_>, drafts: &mut Vec<Draft>) {
    if !ctx.full_log {
        return;
    }
    let checks = ctx.checks;
    let n_blocks = checks.iter().filter(|c| c.marker.is_some()).count();
    if ctx.complete && n_blocks >= crate::rules::SCRIPT_CHECKS.len() {
        return;
    }
    let mut d = Draft::new(Code::LOG_INCOMPLETE);
    let (held, expected) = (
        Arg::Count(n_blocks),
        Arg::Count(crate::rules::SCRIPT_CHECKS.len()),
    );
    d.detail = vec![if ctx.complete {
        say!(ENDS_SHORT, held, expected)
    } else {
        say!(STOPS_AFTER, held, expected)
    }];
    if let Some(last) = checks.last() {
        d.lines.push(last.lines);
    }
    drafts.push(d);
}

/// `INPUT_FRAGMENT`: the input holds some checks, not the script's whole run.
/// On Windows the whole log to ask for is the Windows script's.
pub fn fragment_draft(checks: usize, windows: bool) -> Draft {
    let mut d = Draft::new(Code::INPUT_FRAGMENT);
    // "It holds 0 checks" says nothing a reader needs: the banner already says none ran.
    if checks > 0 {
        d.detail = vec![say!(FRAGMENT_HOLDS, Arg::Count(checks))];
    }
    if windows {
        d.next_step = Some(say!(WINDOWS_WHOLE_LOG));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Machine, ProxyInfo};

    fn drafts_for(full_log: bool, complete: bool) -> Vec<Draft> {
        let (machine, proxy) = (Machine::default(), ProxyInfo::default());
        let ctx = Context {
            checks: &[],
            verdicts: &[],
            machine: &machine,
            proxy: &proxy,
            proxy_lines: None,
            full_log,
            complete,
            end_lines: Vec::new(),
        };
        let mut drafts = Vec::new();
        incomplete_drafts(&ctx, &mut drafts);
        drafts
    }

    #[test]
    fn a_full_log_short_of_the_scripts_checks_is_incomplete_even_when_it_ends_normally() {
        for complete in [false, true] {
            let drafts = drafts_for(true, complete);
            assert_eq!(drafts.len(), 1);
            assert!(drafts.iter().all(|d| d.code == Code::LOG_INCOMPLETE));
        }
    }

    #[test]
    fn a_fragment_is_never_called_incomplete() {
        assert!(drafts_for(false, false).is_empty());
    }
}
