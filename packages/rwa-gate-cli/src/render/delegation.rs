//! Statements signed offline, relayed, and batches: what `oracle set-signing-key`, `oracle
//! sign`, `relay` and `oracle batch` print.

use rwa_gate_client::delegation::StatementFile;
use serde_json::json;

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

/// A batch posted by its oracle, or a statement relayed (`relay`: the oracle and the nonce):
/// the records the actions made.
pub fn posted(sent: &Sent, action: &str, count: usize, relay: Option<(&str, u64)>) -> Output {
    let ids: Vec<String> = match sent {
        Sent::Delivered { outcome, .. } => outcome.wasm_attrs("id").map(String::from).collect(),
        Sent::Simulated { .. } => vec![],
    };
    let what = match relay {
        Some((oracle, nonce)) => {
            format!("Statement of oracle {oracle} (nonce {nonce}) relayed: {count} action(s)")
        }
        None => format!("Batch of {count} action(s)"),
    };
    let records = if ids.is_empty() {
        String::new()
    } else {
        format!("; records {}", ids.join(", "))
    };
    let (mut value, text) = sent.report(action, &format!("{what} recorded{records}."));
    value["actions"] = json!(count);
    value["ids"] = json!(ids);
    if let Some((oracle, nonce)) = relay {
        value["oracle"] = json!(oracle);
        value["nonce"] = json!(nonce);
    }
    (value, text)
}
