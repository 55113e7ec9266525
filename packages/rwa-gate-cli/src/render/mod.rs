//! Rendering: every result as the `--json` object and the text for people. Below the commands
//! (which read the chain and decide), above nothing but the records and `human`.

pub mod agent;
pub mod delegation;
pub mod denial;
pub mod history;
pub mod holders;
pub mod lists;
pub mod records;
pub mod status;
pub mod transaction;

use serde_json::{json, Value};

use crate::context::Sent;

/// What a command prints: the `--json` object and the text for people.
pub type Output = (Value, String);

impl Sent {
    /// The result object of `--json` and the lines for people. `done` is the sentence when
    /// delivered ("Filing attestation 3 of asset bond recorded.").
    pub fn report(&self, action: &str, done: &str) -> Output {
        match self {
            Sent::Simulated { gas } => (
                json!({"ok": true, "action": action, "dry_run": true, "would_succeed": true,
                       "gas_estimate": gas}),
                format!(
                    "Dry run: the contract would accept this ({action}); gas estimate {gas}. \
                     Nothing was sent."
                ),
            ),
            Sent::Delivered { outcome, attrs } => {
                let mut value = json!({"ok": true, "action": action, "dry_run": false,
                    "tx": outcome.hash, "height": outcome.height,
                    "gas_used": outcome.gas_used, "gas_wanted": outcome.gas_wanted});
                if let Some(object) = value.as_object_mut() {
                    for (k, v) in attrs {
                        object.insert(k.clone(), v.clone());
                    }
                }
                (
                    value,
                    format!(
                        "{done}\n  tx {}  block {}  gas used {}",
                        outcome.hash, outcome.height, outcome.gas_used
                    ),
                )
            }
        }
    }
}

/// Adds the fields of `extra` (an object) to `value` (an object).
pub fn merge(value: &mut Value, extra: Value) {
    if let (Some(object), Value::Object(extra)) = (value.as_object_mut(), extra) {
        object.extend(extra);
    }
}
