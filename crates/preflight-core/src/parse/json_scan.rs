//! A tolerant JSON scanner: it walks pretty-printed or minified JSON and yields every scalar with
//! its path and line, and keeps going through truncation and text around the document.
//!
//! Users paste `az vm get-instance-view` output with the command line above it, cut in the
//! middle, or with a trailing space on every line (field guide §G.2); a strict parser would reject
//! all of those. Paths are lower-cased keys and array indices: `instanceview.vmagent.statuses.0.code`.

/// One scalar value and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub path: String,
    /// The value as text: strings unescaped, `null` as `null`, numbers and booleans verbatim.
    pub value: String,
    pub line: usize,
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

/// Scans `text` (1-based line numbers) from the first `{` or `[` and returns every scalar.
pub fn scan(text: &str) -> Vec<Item> {
    let bytes = text.as_bytes();
    let mut items = Vec::new();
    let Some(start) = bytes.iter().position(|&b| b == b'{' || b == b'[') else {
        return items;
    };
    let mut line = 1 + bytes
        .get(..start)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0);
    let mut stack: Vec<Frame> = Vec::new();
    // A fragment pasted from inside a document (`"vmAgent": {`) keeps its key as the root.
    let before = std::str::from_utf8(bytes.get(..start).unwrap_or(&[])).unwrap_or("");
    if let Some(key) = before
        .trim_end()
        .strip_suffix(':')
        .map(str::trim_end)
        .and_then(|k| k.strip_suffix('"'))
        .and_then(|k| k.rsplit('"').next())
    {
        if !key.is_empty() && !key.contains(char::is_whitespace) {
            stack.push(Frame::Object {
                key: Some(key.to_ascii_lowercase()),
            });
        }
    }
    let mut i = start;
    // The key of the current object member waiting for its value.
    let mut expecting_value = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'{' => {
                stack.push(Frame::Object { key: None });
                expecting_value = false;
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                expecting_value = false;
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                expecting_value = false;
                i += 1;
                if stack.len() == 1
                    && matches!(stack.first(), Some(Frame::Object { key: Some(_) }))
                    && !before_has_brace(bytes, i)
                {
                    stack.clear();
                }
                if stack.is_empty() {
                    // A second document may follow (two pastes in one file).
                    match bytes
                        .get(i..)
                        .and_then(|r| r.iter().position(|&c| c == b'{' || c == b'['))
                    {
                        Some(off) => {
                            line += bytes
                                .get(i..i + off)
                                .map(|r| r.iter().filter(|&&c| c == b'\n').count())
                                .unwrap_or(0);
                            i += off;
                        }
                        None => break,
                    }
                }
            }
            b',' => {
                expecting_value = false;
                if let Some(Frame::Array { index }) = stack.last_mut() {
                    *index += 1;
                }
                i += 1;
            }
            b':' => {
                expecting_value = true;
                i += 1;
            }
            b'"' => {
                let (s, next, newlines) = read_string(bytes, i + 1);
                let at = line;
                line += newlines;
                i = next;
                match stack.last_mut() {
                    Some(Frame::Object { key }) if !expecting_value => {
                        *key = Some(s.to_ascii_lowercase());
                    }
                    Some(_) => {
                        items.push(Item {
                            path: path_of(&stack),
                            value: s,
                            line: at,
                        });
                        expecting_value = false;
                    }
                    None => {}
                }
            }
            b' ' | b'\t' | b'\r' => i += 1,
            _ => {
                // A bare literal: number, true, false, null.
                let end = bytes
                    .get(i..)
                    .and_then(|r| {
                        r.iter().position(|c| {
                            matches!(c, b',' | b'}' | b']' | b'\n' | b'\r' | b' ' | b'\t')
                        })
                    })
                    .map(|p| i + p)
                    .unwrap_or(bytes.len());
                let lit = std::str::from_utf8(bytes.get(i..end).unwrap_or(&[]))
                    .unwrap_or("")
                    .to_owned();
                if !stack.is_empty() && !lit.is_empty() {
                    items.push(Item {
                        path: path_of(&stack),
                        value: lit,
                        line,
                    });
                }
                expecting_value = false;
                i = end.max(i + 1);
            }
        }
    }
    items
}

/// True when a `{` or `[` follows at `i` (the fragment's root object goes on).
fn before_has_brace(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i..)
        .and_then(|r| r.iter().find(|c| !c.is_ascii_whitespace()))
        .is_some_and(|c| *c == b',')
}

fn path_of(stack: &[Frame]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(stack.len());
    for f in stack {
        match f {
            Frame::Object { key } => parts.push(key.clone().unwrap_or_default()),
            Frame::Array { index } => parts.push(index.to_string()),
        }
    }
    parts.join(".")
}

/// Reads a JSON string body starting after the opening quote; returns (value, index after the
/// closing quote, newlines crossed). Stops at a newline when the string is not closed (truncation).
fn read_string(bytes: &[u8], mut i: usize) -> (String, usize, usize) {
    let mut out: Vec<u8> = Vec::new();
    // Strings never span lines in JSON; an unclosed one ends at the line break (truncation).
    let newlines = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return (String::from_utf8_lossy(&out).into_owned(), i + 1, newlines),
            b'\n' => return (String::from_utf8_lossy(&out).into_owned(), i, newlines),
            b'\\' => {
                let esc = bytes.get(i + 1).copied().unwrap_or(b'\\');
                match esc {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'u' => {
                        let hex = bytes
                            .get(i + 2..i + 6)
                            .and_then(|h| std::str::from_utf8(h).ok())
                            .and_then(|h| u32::from_str_radix(h, 16).ok());
                        if let Some(c) = hex.and_then(char::from_u32) {
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                            i += 4;
                        }
                    }
                    other => out.push(other),
                }
                i += 2;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), i, newlines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_lines_of_a_pretty_document() {
        let t = "az vm get-instance-view ... \n{ \n  \"AgentStatus\": [ \n    { \n      \"code\": \"ProvisioningState/succeeded\", \n      \"displayStatus\": \"Ready\" \n    } \n  ] \n} \n";
        let items = scan(t);
        assert_eq!(
            items[0],
            Item {
                path: "agentstatus.0.code".into(),
                value: "ProvisioningState/succeeded".into(),
                line: 5
            }
        );
        assert_eq!(items[1].path, "agentstatus.0.displaystatus");
        assert_eq!(items[1].line, 6);
    }

    #[test]
    fn truncated_and_minified_json_still_yields_items() {
        let items = scan("{\"vmAgent\":{\"vmAgentVersion\":\"2.7.41491.1083\",\"statuses\":[{\"displayStatus\":\"Not Rea");
        assert_eq!(items[0].path, "vmagent.vmagentversion");
        assert_eq!(items[1].value, "Not Rea");
    }

    #[test]
    fn a_fragment_keeps_its_key() {
        let items = scan("  \"vmAgent\": {\n    \"vmAgentVersion\": \"2.7.41491.1083\",\n    \"statuses\": [\n      {\n        \"displayStatus\": \"Ready\"");
        assert_eq!(items[0].path, "vmagent.vmagentversion");
        assert_eq!(items[1].path, "vmagent.statuses.0.displaystatus");
    }

    #[test]
    fn literals_and_nulls() {
        let items = scan("{\"osName\": null, \"n\": 3, \"a\": [true, \"x\"]}");
        assert_eq!(
            items
                .iter()
                .map(|i| (i.path.as_str(), i.value.as_str()))
                .collect::<Vec<_>>(),
            vec![
                ("osname", "null"),
                ("n", "3"),
                ("a.0", "true"),
                ("a.1", "x")
            ]
        );
    }
}
