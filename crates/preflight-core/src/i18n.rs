//! The two languages of every user-facing word.
//!
//! A message is a struct literal with one field per language, so a missing translation is a
//! compile error rather than an English fallback at run time.

use std::fmt::{Display, Write};

use serde::{Deserialize, Serialize};

/// A language the report can be read in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Parses `en`, `ja`, and browser tags such as `ja-JP` or `en-US`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ja" | "jp" => Some(Lang::Ja),
            _ => None,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_tag(s).ok_or_else(|| format!("unknown language '{s}' (expected en or ja)"))
    }
}

/// Fixed text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub ja: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }

    // Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
    #[inline(never)]
    pub fn to_buf(self) -> TextBuf {
        TextBuf {
            en: self.en.to_owned(),
            ja: self.ja.to_owned(),
        }
    }
}

/// Text with data in it, in both languages. Serialised as `{"en": "...", "ja": "..."}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextBuf {
    pub en: String,
    pub ja: String,
}

impl TextBuf {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        TextBuf {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ja.is_empty()
    }

    /// Joins two texts with a separator suited to each language.
    // Called from many rules: one out-of-line copy keeps the page's WebAssembly small.
    #[inline(never)]
    pub fn join(mut self, other: &TextBuf) -> TextBuf {
        if other.is_empty() {
            return self;
        }
        // Exactly what is needed: a report of 100 000 checks keeps every summary.
        self.en.reserve_exact(other.en.len() + 1);
        self.ja.reserve_exact(other.ja.len());
        if !self.en.is_empty() {
            self.en.push(' ');
        }
        self.en.push_str(&other.en);
        self.ja.push_str(&other.ja);
        self
    }
}

impl From<Text> for TextBuf {
    fn from(t: Text) -> Self {
        t.to_buf()
    }
}

impl TextBuf {
    /// Both languages' fixed sentences. One out-of-line constructor rather than two
    /// `format!` expansions at each of the many call sites keeps the page's WebAssembly small.
    /// `tr!` sends only sentences without arguments here: a `{}` or `{{` in them would be a
    /// format string read as plain text.
    #[inline(never)]
    pub fn lit(en: &str, ja: &str) -> TextBuf {
        debug_assert!(
            ![en, ja].iter().any(|s| s.contains(['{', '}'])),
            "tr!: format syntax in a sentence without arguments"
        );
        TextBuf {
            en: en.to_owned(),
            ja: ja.to_owned(),
        }
    }

    /// Both languages' sentences from templates whose `{}` holes take `args` in turn and whose
    /// `{0}`, `{1}`, … holes take the argument at that index (a language may order them
    /// differently). Each argument is computed once for both languages, and every call site
    /// shares this one function: far less WebAssembly than two `format!` expansions per site.
    #[inline(never)]
    pub fn fill(en: &str, ja: &str, args: &[&dyn Display]) -> TextBuf {
        TextBuf {
            en: fill(en, args),
            ja: fill(ja, args),
        }
    }
}

/// One language's template filled: what `format!` writes for the same holes and arguments.
fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let (hole, after) = after.split_once('}').unwrap_or(("", after));
        let index = match hole.as_bytes() {
            [d @ b'0'..=b'9'] => usize::from(d - b'0'),
            _ => {
                next += 1;
                next - 1
            }
        };
        if let Some(arg) = args.get(index) {
            let _ = write!(out, "{arg}");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Builds a [`TextBuf`]: two fixed sentences, or two templates and the arguments they share
/// (`with:`, see [`TextBuf::fill`]).
#[macro_export]
macro_rules! tr {
    (en: $en:literal ; ja: $ja:literal ; with: $($arg:expr),+ $(,)?) => {
        $crate::i18n::TextBuf::fill($en, $ja, &[$(&$arg as &dyn ::std::fmt::Display),+])
    };
    (en: $en:literal ; ja: $ja:literal $(;)?) => {
        $crate::i18n::TextBuf::lit($en, $ja)
    };
}

/// Words the renderers and the page share, so that every label exists in both languages.
pub mod ui {
    use super::Text;

    pub const OK: Text = Text { en: "OK", ja: "OK" };
    pub const WARNING: Text = Text {
        en: "Warning",
        ja: "注意",
    };
    pub const FAILURE: Text = Text {
        en: "Failure",
        ja: "失敗",
    };
    pub const INCONCLUSIVE: Text = Text {
        en: "Inconclusive",
        ja: "判定不能",
    };
    pub const INFO: Text = Text {
        en: "Info",
        ja: "情報",
    };
    pub const NOT_RUN: Text = Text {
        en: "Not run",
        ja: "未実行",
    };
    pub const NOT_TESTED: Text = Text {
        en: "Not tested",
        ja: "対象外",
    };

    pub const OVERALL: Text = Text {
        en: "Overall",
        ja: "総合判定",
    };
    pub const HOST: Text = Text {
        en: "Host",
        ja: "ホスト",
    };
    pub const RUN_DATE: Text = Text {
        en: "Run date",
        ja: "実行日時",
    };
    pub const OS: Text = Text { en: "OS", ja: "OS" };
    pub const IP_ADDRESSES: Text = Text {
        en: "IP addresses",
        ja: "IP アドレス",
    };
    pub const PROXY: Text = Text {
        en: "Proxy",
        ja: "プロキシ",
    };
    pub const INPUT: Text = Text {
        en: "Input",
        ja: "入力",
    };
    pub const FORMAT: Text = Text {
        en: "Format",
        ja: "形式",
    };
    pub const ENCODING: Text = Text {
        en: "Encoding",
        ja: "文字コード",
    };
    pub const SCRIPT_TIME: Text = Text {
        en: "Script time",
        ja: "スクリプト実行時間",
    };
    pub const FINDINGS: Text = Text {
        en: "Findings",
        ja: "検出事項",
    };
    pub const ENDPOINTS: Text = Text {
        en: "Endpoints",
        ja: "宛先ごとの結果",
    };
    pub const CHECKS: Text = Text {
        en: "Checks",
        ja: "チェック",
    };
    pub const ENDPOINT: Text = Text {
        en: "Endpoint",
        ja: "宛先",
    };
    pub const DNS: Text = Text {
        en: "DNS",
        ja: "DNS",
    };
    pub const TCP: Text = Text {
        en: "TCP",
        ja: "TCP",
    };
    pub const HTTPS: Text = Text {
        en: "HTTPS",
        ja: "HTTPS",
    };
    pub const NEXT_STEP: Text = Text {
        en: "Next step",
        ja: "次の対応",
    };
    pub const AFFECTS: Text = Text {
        en: "Affects",
        ja: "影響するシナリオ",
    };
    pub const UNAFFECTED: Text = Text {
        en: "Not affected",
        ja: "影響しないシナリオ",
    };
    pub const EVIDENCE: Text = Text {
        en: "Evidence",
        ja: "根拠",
    };
    pub const LINES: Text = Text {
        en: "lines",
        ja: "行",
    };
    pub const LINE: Text = Text {
        en: "line",
        ja: "行",
    };
    pub const DOCS: Text = Text {
        en: "Documentation",
        ja: "ドキュメント",
    };
    pub const NONE: Text = Text {
        en: "none",
        ja: "なし",
    };
    pub const UNKNOWN: Text = Text {
        en: "unknown",
        ja: "不明",
    };
    pub const NOT_SET: Text = Text {
        en: "not set in the script's shell",
        ja: "スクリプト実行シェルでは未設定",
    };
    pub const COUNTS: Text = Text {
        en: "Counts",
        ja: "件数",
    };
    pub const AGENT: Text = Text {
        en: "VM agent",
        ja: "VM エージェント",
    };
    pub const STATE: Text = Text {
        en: "State",
        ja: "状態",
    };
    pub const VERSION: Text = Text {
        en: "Version",
        ja: "バージョン",
    };
    pub const MINIMUM: Text = Text {
        en: "minimum",
        ja: "最小",
    };
    pub const SUPPORTED: Text = Text {
        en: "supported",
        ja: "サポート対象",
    };
    pub const UNSUPPORTED: Text = Text {
        en: "below the minimum",
        ja: "最小バージョン未満",
    };
    pub const BACKUP_EXTENSION: Text = Text {
        en: "Backup extension",
        ja: "Backup 拡張機能",
    };
    pub const NOT_INSTALLED: Text = Text {
        en: "not installed (VM not backed up yet)",
        ja: "未インストール (まだバックアップされていません)",
    };
    pub const NOT_SHOWN: Text = Text {
        en: "not in this text",
        ja: "このテキストには含まれていません",
    };
    pub const APPLIANCE: Text = Text {
        en: "Appliance",
        ja: "アプライアンス",
    };
    pub const NONE_IDENTIFIED: Text = Text {
        en: "none identified",
        ja: "該当なし",
    };
    pub const ASK_PUBLISHER: Text = Text {
        en: "unknown: the image publisher is not in this text",
        ja: "不明: このテキストにはイメージ発行元がありません",
    };
    pub const WIRESERVER: Text = Text {
        en: "WireServer 168.63.129.16",
        ja: "WireServer 168.63.129.16",
    };
    pub const IMDS: Text = Text {
        en: "IMDS 169.254.169.254",
        ja: "IMDS 169.254.169.254",
    };
    pub const REACHABLE: Text = Text {
        en: "reachable",
        ja: "到達可能",
    };
    pub const UNREACHABLE: Text = Text {
        en: "unreachable",
        ja: "到達不可",
    };
    pub const SERVICE: Text = Text {
        en: "Service",
        ja: "サービス",
    };
    pub const RUNNING: Text = Text {
        en: "running",
        ja: "実行中",
    };
    pub const STOPPED: Text = Text {
        en: "stopped",
        ja: "停止",
    };
    pub const IMAGE: Text = Text {
        en: "Image",
        ja: "イメージ",
    };
    pub const FAILED: Text = Text {
        en: "failed",
        ja: "失敗",
    };
    pub const COMBINED: Text = Text {
        en: "Can this VM be backed up, and how",
        ja: "この VM をバックアップできるか、その方法",
    };
    pub const RECOMMENDATION: Text = Text {
        en: "Recommendation",
        ja: "推奨",
    };
    pub const SCENARIO: Text = Text {
        en: "Scenario",
        ja: "シナリオ",
    };
    pub const REASON: Text = Text {
        en: "Why",
        ja: "理由",
    };
    pub const AGENT_TITLE: Text = Text {
        en: "Azure VM agent status",
        ja: "Azure VM エージェントの状態",
    };
}
