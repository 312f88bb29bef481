//! Shell errors that replace a tool's output: the command is not installed.
//!
//! bash prints `<script>: line 43: nslookup: command not found` (or `行 43: …: コマンドが見つかりません`
//! under a Japanese locale); dash prints `sh: 1: nc: not found` (field guide §C.4).

/// A missing command, with the line it was reported on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub command: String,
    pub line: usize,
}

/// The last `echo $?` among `lines` with its answer: the echo's index in `lines`, the exit
/// status and the status's line number.
pub fn echo_status(lines: &[(usize, &str)]) -> Option<(usize, u16, usize)> {
    let at = lines
        .iter()
        .rposition(|(_, l)| matches!(l.trim(), "echo $?" | "echo \"$?\""))?;
    let (n, answer) = lines
        .get(at + 1..)?
        .iter()
        .find(|(_, l)| !l.trim().is_empty())?;
    Some((at, answer.trim().parse().ok()?, *n))
}

/// What `cmd && echo OK || echo FAIL` echoes: the text after success and after failure (quotes
/// taken off), read from the command line.
pub fn echo_words(command: &str) -> (Option<&str>, Option<&str>) {
    let mut ok = None;
    let mut failed = None;
    let mut rest = command;
    while let Some(i) = rest.find("&&").into_iter().chain(rest.find("||")).min() {
        let on_success = rest.get(i..i + 2) == Some("&&");
        rest = rest.get(i + 2..).unwrap_or("");
        let end = ["&&", "||", ";"]
            .iter()
            .filter_map(|s| rest.find(s))
            .min()
            .unwrap_or(rest.len());
        let part = rest.get(..end).unwrap_or("").trim();
        if let Some(said) = part.strip_prefix("echo ") {
            let said = said.trim().trim_matches(['"', '\'', '\\']).trim();
            if !said.is_empty() && !said.contains('$') {
                if on_success {
                    ok = Some(said);
                } else {
                    failed = Some(said);
                }
            }
        }
    }
    (ok, failed)
}

/// Looks for "command not found" for any command in `lines`.
pub fn find_missing<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Option<Missing> {
    for (n, line) in lines {
        if let Some(cmd) = missing_command(line) {
            return Some(Missing {
                command: cmd.to_owned(),
                line: n,
            });
        }
    }
    None
}

fn missing_command(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let rest = if let Some(r) = line.strip_suffix(": command not found") {
        r
    } else if let Some(r) = line.strip_suffix(": コマンドが見つかりません") {
        r
    } else {
        line.strip_suffix(": not found")?
    };
    // The command is the last `: `-separated field: `./x.sh: line 43: nslookup`.
    let cmd = rest.rsplit(": ").next()?.trim();
    if cmd.is_empty() || cmd.contains(' ') {
        return None;
    }
    Some(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_english_and_japanese_and_dash_forms() {
        for (l, cmd) in [
            (
                "./Check_Backup_NW_Linux_ver1.4.sh: line 43: nslookup: command not found",
                "nslookup",
            ),
            (
                "./Check_Backup_NW_Linux_ver1.4.sh: 行 22: nc: コマンドが見つかりません",
                "nc",
            ),
            ("sh: 1: curl: not found", "curl"),
            ("-bash: nc: command not found", "nc"),
        ] {
            assert_eq!(
                find_missing([(1, l)]).map(|m| m.command),
                Some(cmd.to_owned()),
                "{l}"
            );
        }
    }

    #[test]
    fn an_ordinary_error_is_not_a_missing_command() {
        assert_eq!(
            find_missing([(1, "** server can't find x: NXDOMAIN")]),
            None
        );
    }
}
