//! What a Windows web error message says, in any of the languages Windows and .NET print it in
//! (Windows field guide §5 and §5.1): `Invoke-WebRequest` / `Invoke-RestMethod` error records
//! of Windows PowerShell (`WebException`) and PowerShell 7 (`HttpRequestException`), and the
//! Winsock texts both pass on.
//!
//! Language-independent keys are read first (`(407)`, PowerShell 7's `status code … 404`, an
//! error body), then each family's wordings. The wordings are lower-cased ASCII-wise, so a
//! table entry is lower case; each is the part of the message translators keep (the guide's
//! punctuation differs between .NET versions, so no entry holds any).

/// The family of a web error message. A parser's description, not a verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebError {
    /// The name did not resolve (`The remote name could not be resolved`, `No such host is known`).
    NameNotResolved,
    /// No connection to the server or the proxy (`Unable to connect to the remote server`).
    ConnectFailed,
    /// The connection was refused (Winsock 10061).
    Refused,
    /// The request timed out (`The operation has timed out`, PowerShell 7's `HttpClient.Timeout`).
    TimedOut,
    /// The server's certificate is not trusted (TLS inspection, a private CA).
    Untrusted,
    /// No TLS session (`Could not create SSL/TLS secure channel`, PowerShell 7's
    /// `The SSL connection could not be established`).
    SecureChannel,
    /// The connection was reset while sending (`An unexpected error occurred on a send`).
    SendFailed,
    /// `The underlying connection was closed` for another reason.
    Closed,
    /// An HTTP status in the message (`(404)`, `(407)`, PowerShell 7's `status code … 404`).
    Status(u16),
    /// A successful answer Windows PowerShell could not parse without Internet Explorer.
    IeEngine,
    /// The server's own error document (Azure XML or JSON, an HTML page).
    Body,
    /// Anything else.
    Other,
}

/// Each family's wordings, lower case, in the order they are tried: the specific TLS causes
/// before the generic "connection closed", which every one of them starts with.
const FAMILIES: &[(WebError, &[&str])] = &[
    (
        WebError::NameNotResolved,
        &[
            "remote name could not be resolved",
            "no such host is known",
            "name or service not known",
            "リモート名を解決できません",
            "そのようなホストは不明です",
            "remotename konnte nicht aufgel",
            "der angegebene host ist unbekannt",
            "nom distant n",
            "no se puede resolver el nombre remoto",
            "el host especificado es desconocido",
            "nome remoto não pôde ser resolvido",
            "este host não é conhecido",
            "未能解析此远程名称",
            "不知道这样的主机",
            "無法解析遠端名稱",
            "원격 이름을 확인할 수 없습니다",
        ],
    ),
    (
        WebError::Refused,
        &[
            "actively refused",
            "拒否されたため",
            "die verbindung verweigerte",
            "expressément refusée",
            "denegó expresamente",
            "recusou ativamente",
            "积极拒绝",
            "目標電腦拒絕連線",
            "연결을 거부했으므로",
        ],
    ),
    (
        WebError::ConnectFailed,
        &[
            "unable to connect to the remote server",
            "リモート サーバーに接続できません",
            "keine verbindung mit dem remoteserver",
            "impossible de se connecter au serveur distant",
            "no es posible conectar con el servidor remoto",
            "conectar-se ao servidor remoto",
            "无法连接到远程服务器",
            "無法連接至遠端伺服器",
            "원격 서버에 연결할 수 없습니다",
        ],
    ),
    (
        WebError::Untrusted,
        &[
            "trust relationship",
            "remote certificate is invalid",
            "信頼関係",
            "vertrauensstellung",
            "relation de confiance",
            "relación de confianza",
            "relação de confiança",
            "信任关系",
            "信任關係",
            "트러스트 관계",
        ],
    ),
    (
        WebError::SecureChannel,
        &[
            "could not create ssl/tls secure channel",
            "ssl connection could not be established",
            "チャネルを作成できませんでした",
            "kein geschützter ssl/tls-kanal",
            "impossible de créer un canal sécurisé",
            "no se puede crear un canal seguro",
            "criar um canal seguro",
            "未能创建 ssl/tls 安全通道",
            "無法建立 ssl/tls",
            "보안 채널을 만들 수 없습니다",
        ],
    ),
    (
        WebError::TimedOut,
        &[
            "timed out",
            "タイムアウト",
            "timeout",
            "délai de l",
            "tiempo de espera",
            "tempo limite",
            "超时",
            "逾時",
            "시간을 초과",
        ],
    ),
    (
        WebError::SendFailed,
        &[
            "unexpected error occurred on a send",
            "送信時に",
            "unerwarteter fehler beim senden",
            "erreur inattendue",
            "error inesperado de envío",
            "erro inesperado em um envio",
            "发送时发生",
            "傳送時發生",
            "보내기에서 예기치 않은 오류",
        ],
    ),
    (
        WebError::Closed,
        &[
            "underlying connection was closed",
            "基になる接続が閉じられました",
            "zugrunde liegende verbindung wurde geschlossen",
            "connexion sous-jacente a été fermée",
            "se ha terminado la conexión",
            "conexão subjacente estava fechada",
            "基础连接已经关闭",
            "基礎連接已關閉",
            "기본 연결이 닫혔습니다",
        ],
    ),
    // The product's name is never translated.
    (WebError::IeEngine, &["internet explorer"]),
];

/// Reads one error message (the text after `Invoke-WebRequest :` or inside
/// `PS>TerminatingError(…): "…"`, possibly several lines joined).
pub fn read(message: &str) -> WebError {
    let lower = message.to_ascii_lowercase();
    // A cmdlet never words its errors as curl does: `curl: (56) …` inside the record means the
    // text was spliced, and no family can be read from it.
    if lower.contains("curl: (") {
        return WebError::Other;
    }
    if let Some(code) = status(&lower) {
        return WebError::Status(code);
    }
    if let Some((family, _)) = FAMILIES
        .iter()
        .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
    {
        return *family;
    }
    if is_body(message, &lower) {
        return WebError::Body;
    }
    WebError::Other
}

/// `(404)` anywhere (every language keeps it), or PowerShell 7's
/// `Response status code does not indicate success: 404 (Not Found).` (`lower`: the message,
/// lower-cased).
fn status(lower: &str) -> Option<u16> {
    let b = lower.as_bytes();
    let in_parens = b.windows(5).find_map(|w| match w {
        [b'(', d @ .., b')'] if d.iter().all(u8::is_ascii_digit) => digits(d),
        _ => None,
    });
    if in_parens.is_some() {
        return in_parens;
    }
    let at = lower.find("does not indicate success")?;
    let rest = lower.get(at..)?.split_once(':')?.1.trim_start();
    digits(rest.as_bytes().get(..3)?)
}

fn digits(d: &[u8]) -> Option<u16> {
    let code: u16 = std::str::from_utf8(d).ok()?.parse().ok()?;
    (100..600).contains(&code).then_some(code)
}

/// The server's own error document: Azure Storage's XML codes (tags stripped by Windows
/// PowerShell, so `AuthenticationFailedServer failed…`), a JSON `error` object, an HTML page.
fn is_body(message: &str, lower: &str) -> bool {
    const CODES: &[&str] = &[
        "InvalidQueryParameterValue",
        "AuthenticationFailed",
        "ResourceNotFound",
        "InvalidUri",
        "AuthorizationFailure",
        "UnsupportedHttpVerb",
    ];
    let t = message.trim_start_matches(['"', ' ']);
    CODES.iter().any(|c| t.starts_with(c))
        || lower.contains("<error>")
        || lower.contains("<?xml")
        || lower.contains("\"error\"")
        || lower.contains("requestid:")
        || lower.contains("<html")
        || lower.contains("<!doctype html")
}

/// An HTML page that reads as a proxy's or a filter's, not the server's (a 403 "blocked" page).
pub fn is_proxy_page(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    (lower.contains("<html") || lower.contains("<!doctype"))
        && [
            "proxy",
            "squid",
            "zscaler",
            "blocked",
            "fortiguard",
            "bluecoat",
            "filter",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// What an `Invoke-WebRequest` / `Invoke-RestMethod` output says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebResult {
    /// A response with this status (the script's `StatusCode: 200` result line or the
    /// response object's `StatusCode : 200`).
    Answered { status: String, line: usize },
    /// An error record: its message (continuation lines joined) and what it says.
    Error {
        message: String,
        says: WebError,
        line: usize,
    },
}

/// The cmdlets and their aliases in Windows PowerShell (`curl` and `wget` are
/// `Invoke-WebRequest` there).
const WEB_CMDLETS: &[&str] = &[
    "invoke-webrequest",
    "invoke-restmethod",
    "iwr",
    "irm",
    "curl",
    "wget",
];

/// The first result among `lines`: an answer, or an error record. The script's
/// `Result of Invoke-webRequest  / StatusCode: / StatusDescription:` with no status after a
/// failure is never an answer.
pub fn web_result(lines: &[(usize, &str)]) -> Option<WebResult> {
    for (i, &(n, raw)) in lines.iter().enumerate() {
        let t = raw.trim();
        if let Some(status) = status_field(t) {
            return Some(WebResult::Answered { status, line: n });
        }
        if let Some(first) = error_message(t) {
            let width = raw.trim_end().chars().count();
            let rest = lines.get(i + 1..).unwrap_or(&[]);
            let message = script_view(rest).unwrap_or_else(|| join_message(first, width, rest));
            return Some(WebResult::Error {
                says: read(&message),
                message,
                line: n,
            });
        }
    }
    None
}

/// `StatusCode: 200` / `StatusCode        : 200` with a number; `None` when empty.
fn status_field(t: &str) -> Option<String> {
    let rest = t.split_once("StatusCode")?.1.trim_start();
    let value = rest.strip_prefix(':')?.trim_start();
    let code: String = value.chars().take_while(char::is_ascii_digit).collect();
    // `200/ StatusDescription: OK`, `200` at the end or before spaces: digits glued to other
    // text are a damaged line (a spliced `200/curl: (56) …` is no answer).
    let ends = value.get(code.len()..).is_some_and(|r| {
        r.trim().is_empty()
            || r.starts_with([' ', '\t'])
            || r.strip_prefix('/')
                .is_some_and(|d| d.trim_start().starts_with("StatusDescription"))
    });
    (code.len() == 3 && ends).then_some(code)
}

/// The message of an error record's first line: `PS>TerminatingError(Invoke-WebRequest): "…"`,
/// `Invoke-WebRequest : …` (Windows PowerShell), `Invoke-WebRequest: …` (PowerShell 7).
fn error_message(t: &str) -> Option<&str> {
    // `PS>` may already be gone: the unwrapping reads it as a prompt.
    let bare = t.strip_prefix("PS>").unwrap_or(t);
    if let Some(rest) = bare.strip_prefix("TerminatingError(") {
        let (cmdlet, msg) = rest.split_once("):")?;
        return is_web_cmdlet(cmdlet).then(|| msg.trim().trim_matches('"'));
    }
    let (cmdlet, msg) = t.split_once(':')?;
    // Only PowerShell 7 writes `Invoke-WebRequest: …`, and it has no `curl` alias: Linux
    // curl's own `curl: (7) …` is not a cmdlet's error.
    let spaced = cmdlet.ends_with(' ');
    let cmdlet = cmdlet.trim_end();
    let named = spaced || cmdlet.len() > 4;
    (named && is_web_cmdlet(cmdlet) && !msg.trim().is_empty()).then(|| msg.trim())
}

/// PowerShell 7's error view for a script: `Invoke-WebRequest: C:\x.ps1:12` (the script's
/// place, not the message), then `Line |`, the source line, its `~~~` underline, and the
/// message on `     | …` lines, wrapped at the console's width.
fn script_view(rest: &[(usize, &str)]) -> Option<String> {
    if rest.first()?.1.trim() != "Line |" {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut underlined = false;
    for &(_, raw) in rest.iter().skip(1).take(30) {
        let Some((_, body)) = raw.split_once('|') else {
            break;
        };
        let body = body.trim();
        if underlined {
            parts.push(body);
        } else {
            underlined = body.starts_with('~');
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Whether a line opens a web cmdlet's error record (any of the forms `error_message` reads).
pub fn opens_error_record(t: &str) -> bool {
    error_message(t.trim()).is_some()
}

fn is_web_cmdlet(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    WEB_CMDLETS.contains(&w.as_str())
}

/// The lines that carry on an error record's message, up to its location line (`At line:1`,
/// `発生場所`, `In Zeile:1`, …) or its `+ …` lines. A line that filled an 80- or 120-column
/// console mid-word is joined without a space: the console broke it, not the message.
fn join_message(first: &str, mut width: usize, rest: &[(usize, &str)]) -> String {
    let mut message = first.to_owned();
    for &(_, raw) in rest.iter().take(20) {
        let t = raw.trim();
        if t.is_empty() || t.starts_with('+') || is_location(t) || error_message(t).is_some() {
            break;
        }
        let broken = matches!(width, 80 | 120)
            && message.ends_with(|c: char| c.is_alphanumeric())
            && t.starts_with(|c: char| c.is_alphanumeric());
        if !broken {
            message.push(' ');
        }
        message.push_str(t);
        width = raw.trim_end().chars().count();
    }
    message
}

/// An error record's location line, in every language seen (field guide §5.1).
fn is_location(t: &str) -> bool {
    const STARTS: &[&str] = &[
        "At ",
        "発生場所",
        "In Zeile",
        "In C:",
        "Au caractère",
        "En línea",
        "No linha",
        "所在位置",
        "位於",
        "위치 줄",
        "Line |",
    ];
    STARTS.iter().any(|s| t.starts_with(s)) && t.contains(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(family: WebError, messages: &[&str]) {
        for m in messages {
            assert_eq!(read(m), family, "{m}");
        }
    }

    #[test]
    fn unresolved_names_in_every_language() {
        all(
            WebError::NameNotResolved,
            &[
                "The remote name could not be resolved: 'pod01-manag1.jpe.backup.windowsazure.com'",
                "リモート名を解決できませんでした。: 'login.microsoft.com'",
                "Der Remotename konnte nicht aufgelöst werden: 'x.example'",
                "Le nom distant n'a pas pu être résolu: 'x.example'",
                "Le nom distant n’a pas pu être résolu: 'x.example'",
                "No se puede resolver el nombre remoto: 'x.example'",
                "O nome remoto não pôde ser resolvido: 'x.example'",
                "未能解析此远程名称: 'x.example'",
                "無法解析遠端名稱: 'x.example'",
                "원격 이름을 확인할 수 없습니다.: 'x.example'",
                "No such host is known. (x.example:443)",
                "そのようなホストは不明です。 (server:80)",
                "Der angegebene Host ist unbekannt.",
                "El host especificado es desconocido.",
                "Este host não é conhecido.",
                "不知道这样的主机。",
            ],
        );
    }

    #[test]
    fn connect_failures_and_refusals_in_every_language() {
        all(
            WebError::ConnectFailed,
            &[
                "Unable to connect to the remote server",
                "リモート サーバーに接続できません。",
                "Es konnte keine Verbindung mit dem Remoteserver hergestellt werden.",
                "Impossible de se connecter au serveur distant",
                "No es posible conectar con el servidor remoto",
                "Impossível conectar-se ao servidor remoto",
                "Não é possível conectar-se ao servidor remoto",
                "无法连接到远程服务器",
                "無法連接至遠端伺服器",
                "원격 서버에 연결할 수 없습니다.",
            ],
        );
        all(
            WebError::Refused,
            &[
                "No connection could be made because the target machine actively refused it. (x.example:443)",
                "対象のコンピューターによって拒否されたため、接続できませんでした。",
                "Es konnte keine Verbindung hergestellt werden, da der Zielcomputer die Verbindung verweigerte",
                "Aucune connexion n’a pu être établie car l’ordinateur cible l’a expressément refusée.",
                "No se puede establecer una conexión ya que el equipo de destino denegó expresamente dicha conexión.",
                "Nenhuma conexão pôde ser feita porque a máquina de destino as recusou ativamente.",
                "由于目标计算机积极拒绝，无法连接。",
                "無法連線，因為目標電腦拒絕連線。",
                "대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다.",
            ],
        );
    }

    #[test]
    fn timeouts_in_every_language() {
        all(
            WebError::TimedOut,
            &[
                "The operation has timed out.",
                "The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
                "操作はタイムアウトしました",
                "Timeout für Vorgang überschritten.",
                "Le délai de l'opération a expiré.",
                "Se excedió el tiempo de espera de la operación",
                "O tempo limite da operação foi atingido",
                "操作超时",
                "作業已逾時。",
                "작업 시간을 초과했습니다.",
                "The underlying connection was closed: The operation has timed out.",
            ],
        );
    }

    #[test]
    fn tls_failures_in_every_language() {
        all(
            WebError::Untrusted,
            &[
                "The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.",
                "基になる接続が閉じられました: SSL/TLS のセキュリティで保護されているチャネルに対する信頼関係を確立できませんでした。",
                "Die zugrunde liegende Verbindung wurde geschlossen: Für den geschützten SSL/TLS-Kanal konnte keine Vertrauensstellung hergestellt werden.",
                "La connexion sous-jacente a été fermée : Impossible d’établir une relation de confiance pour le canal sécurisé SSL/TLS.",
                "Se ha terminado la conexión: no se puede establecer una relación de confianza para el canal seguro SSL/TLS",
                "A conexão subjacente estava fechada: Não foi possível estabelecer relação de confiança para o canal seguro de SSL/TLS",
                "基础连接已经关闭: 未能为 SSL/TLS 安全通道建立信任关系",
                "基礎連接已關閉: 無法為 SSL/TLS 安全通道建立信任關係",
                "기본 연결이 닫혔습니다. SSL/TLS 보안 채널에 대한 트러스트 관계를 설정할 수 없습니다.",
            ],
        );
        all(
            WebError::SecureChannel,
            &[
                "The request was aborted: Could not create SSL/TLS secure channel.",
                "The SSL connection could not be established, see inner exception.",
                "要求は中止されました: SSL/TLS のセキュリティで保護されているチャネルを作成できませんでした。",
                "Die Anfrage wurde abgebrochen: Es konnte kein geschützter SSL/TLS-Kanal erstellt werden.",
                "La demande a été abandonnée : Impossible de créer un canal sécurisé SSL/TLS.",
                "Anulada la solicitud: No se puede crear un canal seguro SSL/TLS.",
                "A solicitação foi anulada: Não foi possível criar um canal seguro para SSL/TLS.",
                "请求被中止: 未能创建 SSL/TLS 安全通道",
                "要求已經中止: 無法建立 SSL/TLS 的安全通道。",
                "요청이 중단되었습니다. SSL/TLS 보안 채널을 만들 수 없습니다.",
            ],
        );
        all(
            WebError::SendFailed,
            &[
                "The underlying connection was closed: An unexpected error occurred on a send.",
                "基になる接続が閉じられました: 送信時に予期しないエラーが発生しました。",
                "Die zugrunde liegende Verbindung wurde geschlossen: Unerwarteter Fehler beim Senden..",
                "La connexion sous-jacente a été fermée : Une erreur inattendue s'est produite lors de l'envoi",
                "Se ha terminado la conexión: Error inesperado de envío.",
                "A conexão subjacente estava fechada: Erro inesperado em um envio.",
                "基础连接已经关闭: 发送时发生错误",
                "基礎連接已關閉: 傳送時發生未預期的錯誤。",
                "기본 연결이 닫혔습니다. 보내기에서 예기치 않은 오류가 발생했습니다.",
            ],
        );
        assert_eq!(
            read("The underlying connection was closed: The connection was closed unexpectedly."),
            WebError::Closed
        );
    }

    #[test]
    fn a_status_in_any_language_and_in_powershell_7() {
        for (m, code) in [
            ("The remote server returned an error: (404) Not Found.", 404),
            ("リモート サーバーがエラーを返しました: (404) 見つかりません", 404),
            ("Der Remoteserver hat einen Fehler zurückgegeben: (407) Proxyauthentifizierung erforderlich.", 407),
            ("원격 서버에서 (400) 잘못된 요청 오류를 반환했습니다.", 400),
            ("遠端伺服器傳回一個錯誤: (403) 禁止。", 403),
            ("Response status code does not indicate success: 407 (Proxy Authentication Required).", 407),
            ("Response status code does not indicate success: 404 (Not Found).", 404),
        ] {
            assert_eq!(read(m), WebError::Status(code), "{m}");
        }
    }

    #[test]
    fn a_server_body_and_the_ie_engine_mean_an_answer() {
        all(
            WebError::Body,
            &[
                "InvalidQueryParameterValueValue for one of the query parameters specified in the request URI is invalid. RequestId:5d7e Time:2023-11-04T06:52:30Z comp",
                "AuthenticationFailedServer failed to authenticate the request.",
                "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The access token is missing.\"}}",
                "<!DOCTYPE html><html><head><title>Service Unavailable</title></head></html>",
            ],
        );
        assert_eq!(
            read("The response content cannot be parsed because the Internet Explorer engine is not available, or Internet Explorer's first-launch configuration is not complete."),
            WebError::IeEngine
        );
        assert!(is_proxy_page(
            "<html><body>Access blocked by the proxy</body></html>"
        ));
        assert!(!is_proxy_page(
            "<html><body>Service Unavailable</body></html>"
        ));
    }

    #[test]
    fn an_unknown_message_is_other_and_a_port_in_parentheses_is_no_status() {
        assert_eq!(read("Something else went wrong."), WebError::Other);
        assert_eq!(read("(x.example:443) failed"), WebError::Other);
    }

    #[test]
    fn an_error_record_is_read_with_its_wrapped_message() {
        let lines = [
            (1, "irm : The underlying connection was closed: Could not establish trust relationship for the SSL/TLS"),
            (2, "secure channel."),
            (3, "At line:1 char:2"),
            (4, "+  irm https://massgrave.dev/ias | iex"),
        ];
        let Some(WebResult::Error {
            message,
            says,
            line,
        }) = web_result(&lines)
        else {
            panic!("no error record");
        };
        assert_eq!(line, 1);
        assert_eq!(says, WebError::Untrusted);
        assert!(message.ends_with("SSL/TLS secure channel."), "{message}");
    }

    #[test]
    fn the_script_result_line_answers_only_with_a_status() {
        let answered = web_result(&[(
            4,
            "Result of Invoke-webRequest  / StatusCode: 200/ StatusDescription: OK",
        )]);
        assert_eq!(
            answered,
            Some(WebResult::Answered {
                status: "200".into(),
                line: 4
            })
        );
        assert_eq!(
            web_result(&[(
                4,
                "Result of Invoke-webRequest  / StatusCode: / StatusDescription:"
            )]),
            None
        );
        let terminating = web_result(&[
            (2, "PS>TerminatingError(Invoke-WebRequest): \"Unable to connect to the remote server\""),
            (9, "Result of Invoke-webRequest  / StatusCode: / StatusDescription:"),
        ]);
        assert!(matches!(
            terminating,
            Some(WebResult::Error {
                says: WebError::ConnectFailed,
                line: 2,
                ..
            })
        ));
    }

    #[test]
    fn powershell_7_and_localised_records_are_read() {
        for (line, family) in [
            (
                "Invoke-WebRequest: No such host is known. (x.example:443)",
                WebError::NameNotResolved,
            ),
            (
                "Invoke-RestMethod : リモート名を解決できませんでした。: 'x.example'",
                WebError::NameNotResolved,
            ),
            (
                "iwr : Der Remoteserver hat einen Fehler zurückgegeben: (404) Nicht gefunden.",
                WebError::Status(404),
            ),
            ("StatusCode        : 200", WebError::Other),
        ] {
            match web_result(&[(1, line)]) {
                Some(WebResult::Error { says, .. }) => assert_eq!(says, family, "{line}"),
                Some(WebResult::Answered { status, .. }) => assert_eq!(status, "200"),
                None => panic!("{line}"),
            }
        }
        assert_eq!(web_result(&[(1, "curl: (7) Failed to connect")]), None);
    }
}
