//! Words that only the page uses: its buttons, headings and messages. Shared words (statuses,
//! sections, scenarios, column names, the words for input kinds, confidence, line ranges and
//! matrix cells) come from `preflight_core::i18n::ui` and the report types, so the page, the CLI
//! and the Markdown say the same thing.
//!
//! Each entry is a `Text { en, ja }` literal: a missing translation does not compile.

use preflight_core::i18n::{Lang, Text};

pub const APP_NAME: Text = Text {
    en: "Backup Preflight",
    ja: "Backup Preflight",
};
pub const TAGLINE: Text = Text {
    en: "Drop an Azure Backup connectivity-check log (Linux or Windows), pasted command output or VM agent status to see what is wrong, why, and what to do next.",
    ja: "Azure Backup の疎通確認ログ (Linux / Windows)、貼り付けたコマンドの出力、VM エージェントの状態をドロップすると、何が問題か、その理由、次に何をすべきかがわかります。",
};
pub const PRIVACY: Text = Text {
    en: "Your log never leaves this browser: it is analysed on this page and sent nowhere. Only your language choice is remembered.",
    ja: "ログはこのブラウザーの外に一切送信されません。解析はこのページの中だけで行われます。記憶するのは表示言語の設定だけです。",
};
pub const REDACT: Text = Text {
    en: "Redact for sharing",
    ja: "共有用に匿名化",
};
pub const E_REDACT: Text = Text {
    en: "This input could not be shown redacted",
    ja: "この入力は匿名化して表示できませんでした",
};
pub const REDACTED: Text = Text {
    en: "Redacted",
    ja: "匿名化",
};
pub const REDACTED_NOTE: Text = Text {
    en: "host names, addresses, user names and resource names are shown as host-1, ip-1, user-1 …",
    ja: "ホスト名・アドレス・ユーザー名・リソース名を host-1、ip-1、user-1 などの仮名で表示しています",
};
pub const PRIVACY_SHORT: Text = Text {
    en: "Runs in your browser · nothing is uploaded",
    ja: "ブラウザー内で解析 · アップロードなし",
};
pub const STEP_DROP: Text = Text {
    en: "Drop the CheckNWResult or AzureBackup_Check_NW log, or paste command output.",
    ja: "CheckNWResult / AzureBackup_Check_NW ログをドロップ、またはコマンドの出力を貼り付けます。",
};
pub const STEP_READ: Text = Text {
    en: "Read the verdict, the cause, and what to do next, per endpoint.",
    ja: "判定・原因・次の対応を宛先ごとに確認します。",
};
pub const STEP_SHARE: Text = Text {
    en: "Copy the summary into the ticket as Markdown, or save the JSON.",
    ja: "結果を Markdown でチケットに貼り付け、または JSON で保存します。",
};
pub const HOW_TO: Text = Text {
    en: "Run the connectivity-check script on the machine, then drop its log here: CheckNWResult_*.log (Linux) or AzureBackup_Check_NW_*.log (Windows). Pasted output of nslookup, nc, curl, Test-NetConnection, Invoke-WebRequest or netsh, and VM agent status, work too.",
    ja: "マシンで疎通確認スクリプトを実行し、出力されたログ (Linux は CheckNWResult_*.log、Windows は AzureBackup_Check_NW_*.log) をここにドロップしてください。nslookup、nc、curl、Test-NetConnection、Invoke-WebRequest、netsh の出力や VM エージェントの状態を貼り付けても解析できます。",
};
pub const DROP_HERE: Text = Text {
    en: "Drop log files anywhere on this page",
    ja: "ログ ファイルをこのページのどこにでもドロップ",
};
pub const DROP_OVERLAY: Text = Text {
    en: "Drop to analyse",
    ja: "ドロップして解析",
};
pub const CHOOSE_FILES: Text = Text {
    en: "Choose files…",
    ja: "ファイルを選択…",
};
pub const PASTE_TEXT: Text = Text {
    en: "Paste text",
    ja: "テキストを貼り付け",
};
pub const PASTE_HINT: Text = Text {
    en: "or press Ctrl+V anywhere",
    ja: "またはページ上で Ctrl+V",
};
pub const PASTE_LABEL: Text = Text {
    en: "Log text or command output",
    ja: "ログ本文またはコマンドの出力",
};
pub const PASTE_PLACEHOLDER: Text = Text {
    en: "Paste a whole log, or the output of one nslookup, nc or curl command…",
    ja: "ログ全体、または nslookup・nc・curl の 1 コマンド分の出力を貼り付けてください…",
};
pub const ANALYSE: Text = Text {
    en: "Analyse",
    ja: "解析",
};
pub const CANCEL: Text = Text {
    en: "Cancel",
    ja: "キャンセル",
};
pub const SAMPLES: Text = Text {
    en: "Try a sample",
    ja: "サンプルで試す",
};
pub const SAMPLE_OK: Text = Text {
    en: "All OK",
    ja: "すべて OK",
};
pub const SAMPLE_PROXY: Text = Text {
    en: "Proxy 407",
    ja: "プロキシ 407",
};
pub const SAMPLE_DNS: Text = Text {
    en: "DNS dead",
    ja: "DNS 不通",
};
pub const SAMPLE_TOOLS: Text = Text {
    en: "Tools missing",
    ja: "ツール不足",
};
pub const SAMPLE_WINDOWS: Text = Text {
    en: "Windows: Storage blocked",
    ja: "Windows: Storage 遮断",
};
pub const SAMPLE_AGENT_READY: Text = Text {
    en: "Agent Ready",
    ja: "エージェント Ready",
};
pub const SAMPLE_AGENT_NOT_READY: Text = Text {
    en: "Agent Not Ready",
    ja: "エージェント Not Ready",
};
pub const SAMPLE_APPLIANCE: Text = Text {
    en: "Appliance (NVA)",
    ja: "アプライアンス (NVA)",
};
pub const AGENT_ANNOTATED: Text = Text {
    en: "What the lines say",
    ja: "各行の意味",
};
pub const NOT_SAME_VM: Text = Text {
    en: "These inputs name different machines: the combined verdict only holds if they are the same VM.",
    ja: "入力が別々のマシン名を示しています。同じ VM の場合にのみ、この総合判定が成り立ちます。",
};
pub const STATUS: Text = Text {
    en: "Status",
    ja: "状態",
};
pub const NO_EVIDENCE: Text = Text {
    en: "Not shown by these inputs",
    ja: "この入力からは不明",
};
pub const OPEN_LOGS: Text = Text {
    en: "Open logs",
    ja: "開いているログ",
};
pub const CLOSE: Text = Text {
    en: "Close",
    ja: "閉じる",
};
pub const LANGUAGE: Text = Text {
    en: "Language",
    ja: "表示言語",
};
/// The switch shows the language it switches to, in that language.
pub const OTHER_LANGUAGE: Text = Text {
    en: "日本語",
    ja: "English",
};
pub const SKIP_TO_RESULTS: Text = Text {
    en: "Skip to the results",
    ja: "結果へ移動",
};

pub const STAGE_QUEUED: Text = Text {
    en: "Waiting…",
    ja: "待機しています…",
};
pub const STAGE_READING: Text = Text {
    en: "Reading the file…",
    ja: "ファイルを読み込んでいます…",
};
pub const STAGE_ANALYSING: Text = Text {
    en: "Analysing…",
    ja: "解析しています…",
};
pub const STAGE_PREPARING: Text = Text {
    en: "Preparing the view…",
    ja: "表示を準備しています…",
};
pub const STAGE_NOTE: Text = Text {
    en: "The page stays usable while this runs.",
    ja: "解析中もページは操作できます。",
};

pub const COPY_MARKDOWN: Text = Text {
    en: "Copy as Markdown",
    ja: "Markdown でコピー",
};
pub const COPIED: Text = Text {
    en: "Copied the Markdown summary to the clipboard.",
    ja: "Markdown 形式の結果をクリップボードにコピーしました。",
};
pub const DOWNLOAD_JSON: Text = Text {
    en: "Download JSON",
    ja: "JSON をダウンロード",
};
pub const PRINT: Text = Text {
    en: "Print",
    ja: "印刷",
};
pub const READ_AS: Text = Text {
    en: "Read as",
    ja: "解釈方法",
};
pub const DETECT_AUTOMATICALLY: Text = Text {
    en: "Detect automatically",
    ja: "自動検出",
};
pub const SIZE: Text = Text {
    en: "Size",
    ja: "サイズ",
};
pub const LINE_ENDINGS: Text = Text {
    en: "Line endings",
    ja: "改行コード",
};
pub const REGION: Text = Text {
    en: "Region",
    ja: "リージョン",
};
pub const PORT: Text = Text {
    en: "port",
    ja: "ポート",
};
pub const ROOT_CAUSES: Text = Text {
    en: "What we found",
    ja: "確認結果",
};
pub const OTHER_NOTES: Text = Text {
    en: "Other notes",
    ja: "補足",
};
pub const NO_ENDPOINTS: Text = Text {
    en: "This input holds no endpoint checks.",
    ja: "この入力には宛先ごとのチェックが含まれていません。",
};
pub const WRAP_LINES: Text = Text {
    en: "Wrap long lines",
    ja: "長い行を折り返す",
};
pub const MATRIX_HINT: Text = Text {
    en: "Select a result to see its lines in the log.",
    ja: "結果を選択すると、ログ内の該当行を表示します。",
};
pub const SHOW_IN_LOG: Text = Text {
    en: "Show in log",
    ja: "ログで表示",
};
pub const RAW_LOG: Text = Text {
    en: "The log",
    ja: "ログ本文",
};
pub const HIGHLIGHTED: Text = Text {
    en: "Highlighted",
    ja: "強調表示中",
};
pub const CLEAR: Text = Text {
    en: "Clear",
    ja: "解除",
};
pub const LARGE_INPUT: Text = Text {
    en: "Large input: only the lines in view are drawn.",
    ja: "大きな入力のため、表示範囲の行だけを描画しています。",
};
pub const LOG_REGION: Text = Text {
    en: "Log text with line numbers",
    ja: "行番号付きのログ本文",
};
pub const LEGEND: Text = Text {
    en: "Each tinted block is one check:",
    ja: "色付きのブロックが 1 件のチェックです:",
};
pub const COPY_FALLBACK_TITLE: Text = Text {
    en: "Copy this Markdown into the ticket",
    ja: "この Markdown をチケットにコピーしてください",
};
pub const COPY_FALLBACK: Text = Text {
    en: "The browser did not allow the page to write to the clipboard. The text below is selected: press Ctrl+C (⌘C on a Mac).",
    ja: "ブラウザーがクリップボードへの書き込みを許可しませんでした。下のテキストは選択済みです。Ctrl+C (Mac では ⌘C) でコピーしてください。",
};
pub const DISMISS: Text = Text {
    en: "Dismiss",
    ja: "閉じる",
};
pub const NOSCRIPT_LOADING: Text = Text {
    en: "Loading…",
    ja: "読み込み中…",
};

// Problems. Every failure the page can meet is shown with one of these.
pub const E_READ: Text = Text {
    en: "Could not read the file",
    ja: "ファイルを読み込めませんでした",
};
pub const E_WORKER: Text = Text {
    en: "This browser could not start the analysis (Web Workers and WebAssembly are needed)",
    ja: "このブラウザーでは解析を開始できませんでした (Web Worker と WebAssembly が必要です)",
};
pub const E_CRASHED: Text = Text {
    en: "The analysis stopped unexpectedly; the file may be too large for this browser's memory",
    ja: "解析が途中で停止しました。ファイルがこのブラウザーのメモリーに対して大きすぎる可能性があります",
};
pub const E_REPLY: Text = Text {
    en: "The analysis returned data this page could not read",
    ja: "解析結果をこのページで読み取れませんでした",
};
pub const E_SAMPLE: Text = Text {
    en: "Could not load the sample",
    ja: "サンプルを読み込めませんでした",
};
pub const E_EMPTY_PASTE: Text = Text {
    en: "There is no text to analyse.",
    ja: "解析するテキストがありません。",
};
pub const E_NOTHING_DROPPED: Text = Text {
    en: "Nothing to analyse was dropped: drop files or text.",
    ja: "解析できるものがドロップされませんでした。ファイルかテキストをドロップしてください。",
};
pub const E_DOWNLOAD: Text = Text {
    en: "Could not prepare the download",
    ja: "ダウンロードを準備できませんでした",
};
pub const E_JSON_NOT_READY: Text = Text {
    en: "The JSON file is still being prepared; try again in a moment.",
    ja: "JSON ファイルを準備中です。少し待ってからもう一度お試しください。",
};
pub const E_PAGE: Text = Text {
    en: "The page could not start",
    ja: "ページを開始できませんでした",
};
pub const RETRY: Text = Text {
    en: "Try again",
    ja: "再試行",
};

/// `N lines` in either language.
pub fn n_lines(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En if n == 1 => "1 line".to_owned(),
        Lang::En => format!("{} lines", group_digits(n)),
        Lang::Ja => format!("{} 行", group_digits(n)),
    }
}

pub fn go_to_line(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Show line {n} in the log"),
        Lang::Ja => format!("ログの {n} 行目を表示"),
    }
}

pub fn more_hidden(n_bytes: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("… {} more on this line, not shown", bytes(n_bytes)),
        Lang::Ja => format!("… この行の残り {} は省略", bytes(n_bytes)),
    }
}

pub fn and_more(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("and {} more", group_digits(n)),
        Lang::Ja => format!("ほか {} 件", group_digits(n)),
    }
}

/// A note that many lines share: how many, and the last of them (the last state wins).
pub fn repeated(count: usize, last_line: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "on {} lines, the last is line {}",
            group_digits(count),
            group_digits(last_line)
        ),
        Lang::Ja => format!(
            "{} 行で出現、最後は {} 行目",
            group_digits(count),
            group_digits(last_line)
        ),
    }
}

pub fn elapsed(seconds: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{seconds} s elapsed"),
        Lang::Ja => format!("経過 {seconds} 秒"),
    }
}

pub fn pasted_name(n: u32) -> String {
    format!("pasted-{n}.txt")
}

/// `12,345` — the same in both languages.
pub fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A byte count for people: `980 B`, `12.1 KB`, `50.0 MB` (powers of 1024, as file managers show).
/// Integer arithmetic only: float formatting would add kilobytes to the page.
pub fn bytes(n: usize) -> String {
    let n = n as u64;
    let units = [(1u64 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];
    for (size, unit) in units {
        if n >= size {
            let tenths = (n * 10 + size / 2) / size;
            return format!("{}.{} {unit}", tenths / 10, tenths % 10);
        }
    }
    format!("{n} B")
}

pub const COMPARE_RUNS: Text = Text {
    en: "Compare the two runs",
    ja: "2 回の実行を比較",
};
pub const SWAP_RUNS: Text = Text {
    en: "Swap before and after",
    ja: "変更前と変更後を入れ替え",
};
pub const CLOSE_COMPARISON: Text = Text {
    en: "Close the comparison",
    ja: "比較を閉じる",
};
pub const COMPARE_COPY_NOTE: Text = Text {
    en: "Copy as Markdown puts this comparison first.",
    ja: "「Markdown でコピー」では、この比較が先頭に入ります。",
};

/// The folded rows of destinations whose result did not change.
pub fn n_unchanged(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 destination unchanged".to_owned(),
        (Lang::En, n) => format!("{} destinations unchanged", group_digits(n)),
        (Lang::Ja, n) => format!("変化のない宛先 {} 件", group_digits(n)),
    }
}

/// What the live region says while a comparison is shown: the comparison's own sentence.
pub fn compare_announce(c: &preflight_core::compare::Comparison, lang: Lang) -> String {
    let title = preflight_core::render::compare::labels(lang).0;
    format!(
        "{title}: {}",
        preflight_core::render::compare::sentence(c).get(lang)
    )
}

/// Rows left out of a long table (the Markdown copy holds them all).
pub fn n_more_rows(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "… and {} more (Copy as Markdown has every row)",
            group_digits(n)
        ),
        Lang::Ja => format!(
            "… ほか {} 件 (「Markdown でコピー」にはすべての行が入ります)",
            group_digits(n)
        ),
    }
}

/// Every fixed word of the page, for the completeness test.
pub const ALL: &[Text] = &[
    APP_NAME,
    TAGLINE,
    PRIVACY,
    PRIVACY_SHORT,
    HOW_TO,
    STEP_DROP,
    STEP_READ,
    STEP_SHARE,
    DROP_HERE,
    DROP_OVERLAY,
    CHOOSE_FILES,
    PASTE_TEXT,
    PASTE_HINT,
    PASTE_LABEL,
    PASTE_PLACEHOLDER,
    ANALYSE,
    CANCEL,
    SAMPLES,
    SAMPLE_OK,
    SAMPLE_PROXY,
    SAMPLE_WINDOWS,
    SAMPLE_AGENT_READY,
    SAMPLE_AGENT_NOT_READY,
    SAMPLE_APPLIANCE,
    AGENT_ANNOTATED,
    NOT_SAME_VM,
    STATUS,
    NO_EVIDENCE,
    SAMPLE_DNS,
    SAMPLE_TOOLS,
    OPEN_LOGS,
    CLOSE,
    LANGUAGE,
    OTHER_LANGUAGE,
    SKIP_TO_RESULTS,
    STAGE_QUEUED,
    STAGE_READING,
    STAGE_ANALYSING,
    STAGE_PREPARING,
    STAGE_NOTE,
    COPY_MARKDOWN,
    COPIED,
    DOWNLOAD_JSON,
    PRINT,
    READ_AS,
    DETECT_AUTOMATICALLY,
    SIZE,
    LINE_ENDINGS,
    REGION,
    PORT,
    ROOT_CAUSES,
    OTHER_NOTES,
    NO_ENDPOINTS,
    MATRIX_HINT,
    SHOW_IN_LOG,
    RAW_LOG,
    HIGHLIGHTED,
    CLEAR,
    LARGE_INPUT,
    LOG_REGION,
    LEGEND,
    COPY_FALLBACK_TITLE,
    COPY_FALLBACK,
    DISMISS,
    NOSCRIPT_LOADING,
    E_READ,
    E_WORKER,
    E_CRASHED,
    E_REPLY,
    E_SAMPLE,
    E_EMPTY_PASTE,
    E_NOTHING_DROPPED,
    E_DOWNLOAD,
    E_JSON_NOT_READY,
    E_PAGE,
    RETRY,
    COMPARE_RUNS,
    SWAP_RUNS,
    CLOSE_COMPARISON,
    COMPARE_COPY_NOTE,
];
