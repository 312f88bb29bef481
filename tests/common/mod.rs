//! What several test files build the same way.

/// `text` as `az vm run-command invoke` prints a script's output: the JSON with the output in
/// `value[0].message` inside the `[stdout]` / `[stderr]` frame. With `command`, the typed
/// `az` line that ran it comes first.
pub fn run_command_json(command: Option<&str>, text: &str) -> String {
    let message = format!("Enable succeeded: \n[stdout]\n{text}\n[stderr]\n");
    let json = serde_json::json!({ "value": [{
        "code": "ProvisioningState/succeeded",
        "displayStatus": "Provisioning succeeded",
        "level": "Info",
        "message": message,
        "time": null,
    }]});
    let json = serde_json::to_string_pretty(&json).unwrap_or_default();
    match command {
        Some(c) => format!(
            "$ az vm run-command invoke -g rg -n vm --command-id RunShellScript --scripts \"{}\"\n{json}\n",
            c.replace('"', "\\\"")
        ),
        None => json,
    }
}
