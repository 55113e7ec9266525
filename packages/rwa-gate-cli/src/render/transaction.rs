//! `tx`: one transaction as the chain's index has it.

use rwa_gate_client::FoundTx;
use serde_json::{json, Map, Value};

use crate::render::Output;

pub struct TransactionView {
    pub found: FoundTx,
    /// Why it failed on chain (the contract's own words when a contract refused).
    pub refusal: Option<String>,
}

pub fn transaction(v: &TransactionView) -> Output {
    let f = &v.found;
    let events: Vec<Value> = f
        .events
        .iter()
        .filter(|e| e.kind == "wasm" || e.kind.starts_with("wasm-"))
        .map(|e| {
            let attributes: Map<String, Value> = e
                .attributes
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            json!({"type": e.kind, "attributes": attributes})
        })
        .collect();
    let value = json!({"ok": true, "hash": f.hash, "height": f.height, "succeeded": f.code == 0,
        "code": f.code, "codespace": f.codespace, "error": v.refusal, "gas_used": f.gas_used,
        "gas_wanted": f.gas_wanted, "events": events});
    let mut text = vec![format!(
        "Transaction {} in block {}: {}  (gas used {} of {})",
        f.hash,
        f.height,
        match &v.refusal {
            None => "succeeded".to_string(),
            Some(why) => format!("FAILED ({} code {}): {why}", f.codespace, f.code),
        },
        f.gas_used,
        f.gas_wanted
    )];
    for e in f
        .events
        .iter()
        .filter(|e| e.kind == "wasm" || e.kind.starts_with("wasm-"))
    {
        let pairs: Vec<String> = e
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        text.push(format!("  {}  {}", e.kind, pairs.join(" ")));
    }
    (value, text.join("\n"))
}
