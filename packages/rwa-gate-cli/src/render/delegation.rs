//! Statements signed offline, relayed, and batches: what `oracle set-signing-key`, `oracle
//! sign`, `relay` and `oracle batch` print.

use rwa_gate_client::delegation::StatementFile;
use serde_json::{json, Value};

use crate::context::Sent;
use crate::human::{format_rfc3339, format_span, format_time};
use crate::render::Output;

pub fn signing_key_set(sent: &Sent, oracle: &str, key: Option<&[u8]>) -> Output {
    let done = match key {
        Some(key) => format!(
            "Signing key {} registered for oracle {oracle}: statements it signs count as the \
             oracle's own; those signed with an earlier key no longer do.",
            hex::encode(key)
        ),
        None => format!(
            "Signing key of oracle {oracle} removed: no signed statement of it counts any more."
        ),
    };
    let (mut value, text) = sent.report("set-signing-key", &done);
    value["oracle"] = json!(oracle);
    value["public_key"] = json!(key.map(hex::encode));
    (value, text)
}

/// A statement signed and written, as `oracle sign` read it.
pub struct SignedView {
    pub file: StatementFile,
    /// Where it was written.
    pub path: String,
    /// Whether the registry said the nonce is unused.
    pub nonce_checked: bool,
    /// This machine's clock.
    pub now: u64,
}

pub fn signed(v: &SignedView) -> Output {
    let (f, s) = (&v.file, &v.file.statement);
    let deadline = s.deadline.seconds();
    let nonce_words = if v.nonce_checked {
        "unused at the registry"
    } else {
        "not checked with the registry"
    };
    let text = format!(
        "Statement signed: {} action(s) of oracle {}, nonce {} ({nonce_words}), for chain {} \
         and registry {}, to be posted by {} (in {}).\n  written to {}; anyone posts it with \
         `rwa-gate relay {}`\n  signing key {}",
        s.actions.len(),
        s.oracle,
        s.nonce,
        f.chain_id,
        f.registry,
        format_time(deadline),
        format_span(deadline.saturating_sub(v.now).max(1)),
        v.path,
        v.path,
        hex::encode(f.public_key.as_slice())
    );
    let value = json!({"ok": true, "action": "sign", "file": v.path, "oracle": s.oracle,
        "nonce": s.nonce, "nonce_checked": v.nonce_checked, "actions": s.actions.len(),
        "deadline": format_rfc3339(deadline), "chain_id": f.chain_id, "registry": f.registry,
        "public_key": hex::encode(f.public_key.as_slice()),
        "signature": hex::encode(s.signature.as_slice())});
    (value, text)
}

/// One recorded action of a batch or a relayed statement, from its `oracle_action` event: its
/// JSON and its line.
fn recorded(attributes: &[(String, String)]) -> (Value, String) {
    let attr = |key: &str| {
        attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let (index, action) = (attr("index").unwrap_or("?"), attr("action").unwrap_or("?"));
    let about = match (attr("asset"), attr("kind"), attr("account")) {
        (Some(asset), Some(kind), _) => format!("{kind} of asset {asset}"),
        (Some(asset), None, _) => format!("asset {asset}"),
        (None, _, Some(account)) => format!("account {account}"),
        _ => String::new(),
    };
    let record = match action {
        "attest" | "revoke" => "attestation",
        _ => "statement",
    };
    let id = attr("id")
        .map(|id| format!(": {record} {id}"))
        .unwrap_or_default();
    let mut value = json!({"index": index.parse::<u64>().ok(), "action": action,
        "id": attr("id").and_then(|id| id.parse::<u64>().ok())});
    for key in ["asset", "kind", "account"] {
        if let Some(v) = attr(key) {
            value[key] = json!(v);
        }
    }
    (value, format!("  {index}. {action} {about}{id}"))
}

/// A batch posted by its oracle, or a statement relayed (`relay`: the oracle and the nonce):
/// each action and the record it made.
pub fn posted(sent: &Sent, action: &str, count: usize, relay: Option<(&str, u64)>) -> Output {
    let records: Vec<(Value, String)> = match sent {
        Sent::Delivered { outcome, .. } => outcome
            .events
            .iter()
            .filter(|e| e.kind == "wasm-oracle_action")
            .map(|e| recorded(&e.attributes))
            .collect(),
        Sent::Simulated { .. } => vec![],
    };
    let what = match relay {
        Some((oracle, nonce)) => {
            format!("Statement of oracle {oracle} (nonce {nonce}) relayed: {count} action(s)")
        }
        None => format!("Batch of {count} action(s)"),
    };
    let lines: Vec<&str> = records.iter().map(|(_, line)| line.as_str()).collect();
    let done = match lines.is_empty() {
        true => format!("{what} recorded."),
        false => format!("{what} recorded:\n{}", lines.join("\n")),
    };
    let (mut value, text) = sent.report(action, &done);
    value["actions"] = json!(count);
    value["records"] = Value::Array(records.into_iter().map(|(v, _)| v).collect());
    if let Some((oracle, nonce)) = relay {
        value["oracle"] = json!(oracle);
        value["nonce"] = json!(nonce);
    }
    (value, text)
}
