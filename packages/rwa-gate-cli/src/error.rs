//! How a command fails: one sentence for people, an exit code that matches `--help`, and what
//! `--json` adds to its object.

use rwa_gate_client::Error;
use serde_json::{Map, Value};

/// Exit codes (listed in `rwa-gate --help`).
pub const EXIT_ERROR: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_REFUSED: i32 = 3;
pub const EXIT_DENIED: i32 = 4;

/// A command that did not succeed.
#[derive(Debug)]
pub struct Fail {
    pub code: i32,
    pub message: String,
    pub json: Map<String, Value>,
}

impl Fail {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Fail {
            code,
            message: message.into(),
            json: Map::new(),
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Fail::new(EXIT_ERROR, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Fail::new(EXIT_USAGE, message)
    }

    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.json.insert(key.to_string(), value);
        self
    }
}

pub type Res<T> = Result<T, Fail>;

/// A client error in one sentence; `doing` says what was attempted ("attest the filing of
/// asset bond").
pub fn client_fail(doing: &str, e: Error) -> Fail {
    match e {
        Error::Contract { message, tx } => {
            let mut text = format!("The contract refused to {doing}: {message}.");
            if let Some(tx) = &tx {
                text.push_str(&format!(
                    " (Transaction {tx} failed on chain; nothing changed.)"
                ));
            } else {
                text.push_str(" Nothing was sent.");
            }
            Fail::new(EXIT_REFUSED, text)
                .with("refused", Value::Bool(true))
                .with("contract_error", Value::String(message))
                .with("tx", tx.map(Value::String).unwrap_or(Value::Null))
        }
        Error::UnknownAccount(address) => Fail::error(format!(
            "Cannot {doing}: account {address} does not exist on chain yet; fund it first."
        )),
        other => Fail::error(format!("Cannot {doing}: {other}.")),
    }
}

/// Whether the chain answered that the contract queried does not exist.
pub fn is_missing_contract(e: &Error) -> bool {
    e.to_string().contains("no such contract")
}
