//! Bytes to text: encoding detection, decoding and the 1-based line index.
//!
//! Never fails: undecodable bytes become U+FFFD and the report says so. Lines are counted on LF
//! (a bare CR inside a curl progress-meter line does not start a new line, field guide §B.4);
//! only input with no LF at all is split on CR.

use std::borrow::Cow;

/// The Japanese legacy encodings a log can arrive in (field guide §B.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    ShiftJis,
    EucJp,
}

impl Legacy {
    pub fn label(self) -> &'static str {
        match self {
            Legacy::ShiftJis => "shift_jis",
            Legacy::EucJp => "euc-jp",
        }
    }
}

/// Strict decoding of the legacy encodings: `None` when the bytes are not valid in `enc`.
///
/// The tables behind it are large (encoding_rs links every CJK table), so a caller that already
/// has a decoder (a browser's `TextDecoder`) can supply its own and build the core without them.
pub trait LegacyDecoder {
    fn decode(&self, enc: Legacy, bytes: &[u8]) -> Option<String>;
}

/// No legacy tables: Shift_JIS and EUC-JP input is read as lossy UTF-8, and the report says so.
pub struct NoLegacy;

impl LegacyDecoder for NoLegacy {
    fn decode(&self, _: Legacy, _: &[u8]) -> Option<String> {
        None
    }
}

/// The decoder built into the core (feature `legacy-encodings`, on by default).
#[cfg(feature = "legacy-encodings")]
pub struct BuiltIn;

#[cfg(feature = "legacy-encodings")]
impl LegacyDecoder for BuiltIn {
    fn decode(&self, enc: Legacy, bytes: &[u8]) -> Option<String> {
        let e = match enc {
            Legacy::ShiftJis => encoding_rs::SHIFT_JIS,
            Legacy::EucJp => encoding_rs::EUC_JP,
        };
        e.decode_without_bom_handling_and_without_replacement(bytes)
            .map(|c| c.into_owned())
    }
}

/// The best decoder this build has.
pub fn default_decoder() -> &'static dyn LegacyDecoder {
    #[cfg(feature = "legacy-encodings")]
    {
        &BuiltIn
    }
    #[cfg(not(feature = "legacy-encodings"))]
    {
        &NoLegacy
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    Le,
    Be,
}

/// UTF-16 by hand: the standard library does it, no table needed. Returns the text and whether
/// any unit was invalid (replaced by U+FFFD).
fn decode_utf16(bytes: &[u8], order: Utf16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|p| {
        let (a, b) = (
            p.first().copied().unwrap_or(0),
            p.get(1).copied().unwrap_or(0),
        );
        match order {
            Utf16::Le => u16::from_le_bytes([a, b]),
            Utf16::Be => u16::from_be_bytes([a, b]),
        }
    });
    let mut bad = bytes.len() % 2 != 0;
    let mut out = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                bad = true;
                out.push('\u{FFFD}');
            }
        }
    }
    (out, bad)
}

/// Decoded input with its line index.
pub struct Text<'a> {
    pub content: Cow<'a, str>,
    /// Where each line starts in `content`, plus one entry past the last line's terminator (a
    /// missing final terminator counts as one byte past the end). One offset per line rather
    /// than a (start, end) pair: the index of a 100 MB log is then a fifth of the input, not
    /// two fifths.
    starts: Starts,
    /// Lines are separated by CR alone (classic Mac); otherwise by LF, with CRLF's CR dropped.
    cr_separated: bool,
    pub encoding: String,
    /// Lines whose bytes were not valid in the detected encoding.
    pub lossy_lines: Vec<usize>,
    pub line_endings: &'static str,
    /// A recognised binary format (`png`, `zip`, ...), or `binary` for NUL-laden data.
    pub binary: Option<&'static str>,
}

/// Line start offsets: 32-bit for any input under 4 GiB (every input the page sees, and all but
/// absurd files natively), which halves the index of a large log.
enum Starts {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Starts {
    fn with_capacity(capacity: usize, content_len: usize) -> Starts {
        // The last entry may be one past the end, hence the strict comparison.
        if content_len < u32::MAX as usize {
            Starts::Narrow(Vec::with_capacity(capacity))
        } else {
            Starts::Wide(Vec::with_capacity(capacity))
        }
    }

    fn push(&mut self, offset: usize) {
        match self {
            // `with_capacity` chose this variant only when every offset fits.
            Starts::Narrow(v) => v.push(u32::try_from(offset).unwrap_or(u32::MAX)),
            Starts::Wide(v) => v.push(offset),
        }
    }

    fn last(&self) -> Option<usize> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    fn len(&self) -> usize {
        match self {
            Starts::Narrow(v) => v.len(),
            Starts::Wide(v) => v.len(),
        }
    }

    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Starts::Narrow(v) => v.get(i).map(|&s| s as usize),
            Starts::Wide(v) => v.get(i).copied(),
        }
    }
}

impl<'a> Text<'a> {
    pub fn line_count(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// The text of line `n` (1-based); empty for a line that does not exist.
    pub fn line(&self, n: usize) -> &str {
        let Some(i) = n.checked_sub(1) else {
            return "";
        };
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(start), Some(next)) => self.span(start, next),
            _ => "",
        }
    }

    /// Lines `first..=last` as one slice of the text, terminators included: for searches that
    /// need not stop at each line (a word never spans a line break).
    pub fn region(&self, first: usize, last: usize) -> &str {
        let (Some(start), Some(end)) = (
            first.checked_sub(1).and_then(|i| self.starts.get(i)),
            self.starts.get(last.min(self.line_count())),
        ) else {
            return "";
        };
        let end = end.min(self.content.len());
        self.content.get(start..end.max(start)).unwrap_or("")
    }

    /// The line (1-based) that byte `offset` of the content belongs to.
    pub fn line_at(&self, offset: usize) -> usize {
        // The first line whose start is past the offset, minus one; `starts` is sorted.
        let (mut lo, mut hi) = (0, self.starts.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.starts.get(mid).is_some_and(|s| s <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.clamp(1, self.line_count().max(1))
    }

    /// The offset just past line `n`'s terminator (where line `n + 1` starts).
    pub fn line_end(&self, n: usize) -> usize {
        self.starts.get(n).unwrap_or(self.content.len())
    }

    /// The same text with its lines replaced by `content` (as many lines, LF-terminated):
    /// encoding, endings and undecodable lines stay those of the input.
    pub fn with_content(&self, content: String) -> Text<'static> {
        let (starts, cr_separated, _) = index_lines(&content);
        Text {
            content: Cow::Owned(content),
            starts,
            cr_separated,
            encoding: self.encoding.clone(),
            lossy_lines: self.lossy_lines.clone(),
            line_endings: self.line_endings,
            binary: self.binary,
        }
    }

    /// Iterates `(line number, text)` from 1.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        (0..self.line_count()).map(move |i| (i + 1, self.line(i + 1)))
    }

    /// The line from `start` to the terminator just before `next`, without the terminator.
    fn span(&self, start: usize, next: usize) -> &str {
        let bytes = self.content.as_bytes();
        let mut end = next.saturating_sub(1).min(bytes.len()).max(start);
        // CRLF: the CR belongs to the terminator, but only before a real LF (an unterminated
        // last line keeps its bytes as they are).
        if !self.cr_separated
            && end < bytes.len()
            && end > start
            && bytes.get(end - 1) == Some(&b'\r')
        {
            end -= 1;
        }
        self.content.get(start..end).unwrap_or("")
    }
}

/// A text made by the core itself (an unwrapped paste): already UTF-8, lines on `\n`.
pub fn decode_owned(content: String) -> Text<'static> {
    let content: Cow<'static, str> = Cow::Owned(content);
    let (starts, cr_separated, line_endings) = index_lines(&content);
    Text {
        starts,
        content,
        cr_separated,
        encoding: "utf-8".to_owned(),
        lossy_lines: Vec::new(),
        line_endings,
        binary: None,
    }
}

/// Decodes `bytes`, detecting the encoding from a BOM, UTF-16 NUL patterns, UTF-8 validity and
/// Japanese legacy encodings, in that order.
pub fn decode(bytes: &[u8]) -> Text<'_> {
    decode_with(bytes, default_decoder())
}

/// [`decode`] with a caller-supplied decoder for the legacy encodings.
pub fn decode_with<'a>(bytes: &'a [u8], legacy: &dyn LegacyDecoder) -> Text<'a> {
    let binary = sniff_binary(bytes);
    let utf16 = |body: &[u8], order: Utf16, name: &str| -> (Cow<'a, str>, String, Vec<usize>) {
        let (text, bad) = decode_utf16(body, order);
        let lossy = if bad {
            lossy_line_numbers(&text)
        } else {
            Vec::new()
        };
        (Cow::Owned(text), name.to_owned(), lossy)
    };
    let (content, encoding, lossy_lines): (Cow<'_, str>, String, Vec<usize>) =
        if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            let text = String::from_utf8_lossy(body);
            let lossy = if matches!(text, Cow::Owned(_)) {
                lossy_line_numbers(&text)
            } else {
                Vec::new()
            };
            (text, "utf-8 (BOM)".to_owned(), lossy)
        } else if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
            utf16(body, Utf16::Le, "utf-16le (BOM)")
        } else if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
            utf16(body, Utf16::Be, "utf-16be (BOM)")
        } else if let Some(order) = utf16_without_bom(bytes) {
            let name = if order == Utf16::Le {
                "utf-16le"
            } else {
                "utf-16be"
            };
            utf16(bytes, order, name)
        } else if let Ok(s) = std::str::from_utf8(bytes) {
            (Cow::Borrowed(s), "utf-8".to_owned(), Vec::new())
        } else {
            decode_legacy(bytes, legacy)
        };
    let (starts, cr_separated, line_endings) = index_lines(&content);
    Text {
        starts,
        content,
        cr_separated,
        encoding,
        lossy_lines,
        line_endings,
        binary,
    }
}

fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "png"),
        (b"PK\x03\x04", "zip"),
        (b"PK\x05\x06", "zip"),
        (b"\x1f\x8b", "gzip"),
        (b"%PDF-", "pdf"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF8", "gif"),
        (b"BM", "bmp"),
        (b"\x7fELF", "elf"),
        (b"MZ", "exe"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"Rar!", "rar"),
        (b"\xd0\xcf\x11\xe0", "ole"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            // "BM" and "MZ" are also plausible text starts; demand binary bytes nearby.
            if (*name == "bmp" || *name == "exe") && !has_control_bytes(bytes) {
                continue;
            }
            return Some(name);
        }
    }
    None
}

fn has_control_bytes(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(512)).unwrap_or(bytes);
    head.iter()
        .any(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c)))
}

/// UTF-16 written without a BOM shows as NUL bytes at every other position in ASCII-heavy text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Utf16> {
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    if sample.len() < 4 || sample.len() % 2 != 0 && sample.len() == bytes.len() && bytes.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_nul += 1;
            } else {
                odd_nul += 1;
            }
        }
    }
    // Mostly-ASCII UTF-16LE has a NUL in every odd byte; leave room for CJK characters.
    if odd_nul * 10 >= pairs * 4 && even_nul * 20 <= pairs {
        Some(Utf16::Le)
    } else if even_nul * 10 >= pairs * 4 && odd_nul * 20 <= pairs {
        Some(Utf16::Be)
    } else {
        None
    }
}

/// Not UTF-8: either a whole file in Shift_JIS / EUC-JP (re-saved on Windows, or an EUC locale),
/// or a UTF-8 log with a few lines from a non-UTF-8 locale (`date`, bash errors; field guide §B.8).
fn decode_legacy(
    bytes: &[u8],
    legacy: &dyn LegacyDecoder,
) -> (Cow<'static, str>, String, Vec<usize>) {
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let mut utf8_non_ascii = 0usize;
    let mut invalid = 0usize;
    for l in &lines {
        match std::str::from_utf8(l) {
            Ok(s) if !s.is_ascii() => utf8_non_ascii += 1,
            Ok(_) => {}
            Err(_) => invalid += 1,
        }
    }
    if utf8_non_ascii > 0 && utf8_non_ascii >= invalid {
        return decode_mixed(&lines, legacy);
    }
    let mut best: Option<(Legacy, String, i64)> = None;
    for enc in [Legacy::ShiftJis, Legacy::EucJp] {
        if let Some(text) = legacy.decode(enc, bytes) {
            let score = japanese_score(&text);
            if best.as_ref().is_none_or(|b| score > b.2) {
                best = Some((enc, text, score));
            }
        }
    }
    match best {
        Some((enc, text, _)) => (Cow::Owned(text), enc.label().to_owned(), Vec::new()),
        None => {
            // Nothing decodes cleanly: keep UTF-8 with replacement characters and say where.
            let text = String::from_utf8_lossy(bytes).into_owned();
            let lossy = lossy_line_numbers(&text);
            (
                Cow::Owned(text),
                "utf-8 (invalid bytes replaced)".to_owned(),
                lossy,
            )
        }
    }
}

fn decode_mixed(
    lines: &[&[u8]],
    legacy: &dyn LegacyDecoder,
) -> (Cow<'static, str>, String, Vec<usize>) {
    let mut out = String::new();
    let mut other: Option<&'static str> = None;
    let mut lossy = Vec::new();
    let mut converted = 0usize;
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Ok(s) = std::str::from_utf8(l) {
            out.push_str(s);
            continue;
        }
        // The script's own Japanese is UTF-8 even when a command on the same line wrote EUC-JP
        // (`## 実行日次は<EUC-JP date>です。`). Decode each run of non-ASCII bytes on its own, as
        // whichever encoding reads most like Japanese (a few EUC-JP pairs are also valid UTF-8).
        let mut line_lossy = false;
        let mut line_converted = false;
        let mut pos = 0;
        while pos < l.len() {
            let ascii_end = l
                .get(pos..)
                .map(|r| r.iter().take_while(|&&b| b < 0x80).count())
                .unwrap_or(0)
                + pos;
            if ascii_end > pos {
                out.push_str(
                    std::str::from_utf8(l.get(pos..ascii_end).unwrap_or(&[])).unwrap_or(""),
                );
                pos = ascii_end;
                continue;
            }
            let run_end = l
                .get(pos..)
                .map(|r| r.iter().take_while(|&&b| b >= 0x80).count())
                .unwrap_or(0)
                + pos;
            let run = l.get(pos..run_end).unwrap_or(&[]);
            let mut best: Option<(String, i64, Option<&'static str>)> = None;
            if let Ok(u) = std::str::from_utf8(run) {
                best = Some((u.to_owned(), japanese_score(u), None));
            }
            for enc in [Legacy::EucJp, Legacy::ShiftJis] {
                if let Some(t) = legacy.decode(enc, run) {
                    let sc = japanese_score(&t);
                    if best.as_ref().is_none_or(|b| sc > b.1) {
                        best = Some((t, sc, Some(enc.label())));
                    }
                }
            }
            match best {
                Some((t, _, enc)) => {
                    out.push_str(&t);
                    if let Some(e) = enc {
                        other.get_or_insert(e);
                        line_converted = true;
                    }
                }
                None => {
                    out.push_str(&String::from_utf8_lossy(run));
                    line_lossy = true;
                }
            }
            pos = run_end;
        }
        if line_converted {
            converted += 1;
        }
        if line_lossy {
            lossy.push(i + 1);
        }
    }
    let name = match other {
        Some(enc) => format!("utf-8 + {enc} ({converted} lines)"),
        None => "utf-8 (invalid bytes replaced)".to_owned(),
    };
    (Cow::Owned(out), name, lossy)
}

/// Higher for text that reads like Japanese: kana and common kanji count, half-width katakana
/// (what Shift_JIS makes of EUC-JP bytes) and rare symbols count against.
fn japanese_score(s: &str) -> i64 {
    let mut score = 0i64;
    for c in s.chars() {
        let c = c as u32;
        score += match c {
            0x3040..=0x30FF => 3,  // hiragana, katakana
            0x4E00..=0x9FFF => 2,  // CJK ideographs
            0x3000..=0x303F => 1,  // CJK punctuation
            0xFF61..=0xFF9F => -3, // half-width katakana
            0xE000..=0xF8FF => -5, // private use
            _ => 0,
        };
    }
    score
}

fn lossy_line_numbers(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.contains('\u{FFFD}') {
            out.push(i + 1);
            if out.len() >= 1000 {
                break;
            }
        }
    }
    out
}

/// Line starts (one per line plus the end entry), whether CR alone separates lines, and the line-ending
/// style.
fn index_lines(content: &str) -> (Starts, bool, &'static str) {
    let bytes = content.as_bytes();
    let has_lf = memchr_lf(bytes);
    let cr_separated = !has_lf && memchr::memchr(b'\r', bytes).is_some();
    let sep = if cr_separated { b'\r' } else { b'\n' };
    // Counting first sizes the index exactly instead of letting it double past what it needs.
    let count = memchr::memchr_iter(sep, bytes).count();
    let mut starts = Starts::with_capacity(count + 2, bytes.len());
    starts.push(0);
    let (mut lf, mut crlf) = (0usize, 0usize);
    let mut line_start = 0;
    for nl in memchr::memchr_iter(sep, bytes) {
        if !cr_separated {
            if nl > line_start && bytes.get(nl - 1) == Some(&b'\r') {
                crlf += 1;
            } else {
                lf += 1;
            }
        }
        line_start = nl + 1;
        starts.push(line_start);
    }
    // An unterminated last line ends at the end of the input (an empty input has no line).
    if starts.last().is_some_and(|s| s < bytes.len()) {
        starts.push(bytes.len() + 1);
    }
    if cr_separated {
        return (starts, true, "cr");
    }
    let endings = match (lf, crlf) {
        (0, 0) => "none",
        (_, 0) => "lf",
        (0, _) => "crlf",
        _ => "mixed",
    };
    (starts, false, endings)
}

fn memchr_lf(bytes: &[u8]) -> bool {
    memchr::memchr(b'\n', bytes).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, SHIFT_JIS};

    #[test]
    fn utf8_lines_count_lf_and_keep_bare_cr_inside() {
        let t = decode(b"a\r\nb\rc\nd");
        assert_eq!(t.line_count(), 3);
        assert_eq!(t.line(1), "a");
        assert_eq!(t.line(2), "b\rc");
        assert_eq!(t.line(3), "d");
        assert_eq!(t.encoding, "utf-8");
        assert_eq!(t.line_endings, "mixed");
    }

    #[test]
    fn cr_only_input_is_split_on_cr() {
        let t = decode(b"a\rb\r");
        assert_eq!(t.line_count(), 2);
        assert_eq!(t.line(2), "b");
        assert_eq!(t.line_endings, "cr");
    }

    #[test]
    fn utf16le_with_bom_is_decoded() {
        let mut b = vec![0xFF, 0xFE];
        for u in "##TRY!! nc\n日本".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let t = decode(&b);
        assert_eq!(t.encoding, "utf-16le (BOM)");
        assert_eq!(t.line(1), "##TRY!! nc");
        assert_eq!(t.line(2), "日本");
    }

    #[test]
    fn utf16le_without_bom_is_detected() {
        let mut b = Vec::new();
        for u in "Ncat: Connected to 20.191.166.134:443.\n".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let t = decode(&b);
        assert_eq!(t.encoding, "utf-16le");
        assert_eq!(t.line(1), "Ncat: Connected to 20.191.166.134:443.");
    }

    #[test]
    fn shift_jis_and_euc_jp_are_told_apart() {
        let s = "## 実行しているマシンのホスト名はvm01です。\n";
        let (sj, _, _) = SHIFT_JIS.encode(s);
        let (eu, _, _) = EUC_JP.encode(s);
        let t = decode(&sj);
        assert_eq!(t.encoding, "shift_jis");
        assert_eq!(t.line(1), s.trim_end());
        let t = decode(&eu);
        assert_eq!(t.encoding, "euc-jp");
        assert_eq!(t.line(1), s.trim_end());
    }

    #[test]
    fn a_utf8_log_with_one_euc_jp_line_keeps_both() {
        let mut b = "#### 環境情報確認 ####\n## 実行日次は".as_bytes().to_vec();
        let (eu, _, _) = EUC_JP.encode("2026年 11月 22日 日曜日 00:04:54 UTC");
        b.extend_from_slice(&eu);
        b.extend_from_slice("です。\n".as_bytes());
        let t = decode(&b);
        assert!(t.encoding.starts_with("utf-8 + euc-jp"), "{}", t.encoding);
        assert!(t.line(2).contains("2026年 11月 22日"));
    }

    #[test]
    fn png_is_recognised_as_binary() {
        let t = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        assert_eq!(t.binary, Some("png"));
    }

    #[test]
    fn missing_line_is_empty_not_a_panic() {
        let t = decode(b"");
        assert_eq!(t.line_count(), 0);
        assert_eq!(t.line(0), "");
        assert_eq!(t.line(5), "");
    }
}
