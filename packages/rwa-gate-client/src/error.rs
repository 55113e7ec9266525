use std::time::Duration;

/// Everything that can go wrong talking to a chain, each with what a person needs to act on it.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    #[error("configuration: {0}")]
    Config(String),
    #[error("key: {0}")]
    Key(String),
    #[error("signing: {0}")]
    Sign(String),
    #[error("encoding: {0}")]
    Encode(String),
    #[error("unexpected answer: {0}")]
    Decode(String),
    #[error("node {endpoint} did not answer {what}: {detail}")]
    Rpc {
        endpoint: String,
        what: String,
        detail: String,
    },
    #[error("account {0} does not exist on chain (fund it first)")]
    UnknownAccount(String),
    /// The contract refused: `message` is the contract's own error text. `tx` is the hash of
    /// the transaction when it was delivered (and failed on chain), `None` when simulation
    /// refused it and nothing was sent.
    #[error("{message}")]
    Contract { message: String, tx: Option<String> },
    /// The chain refused the transaction for another reason (fees, signature, sequence...).
    #[error("chain refused ({codespace} code {code}): {log}")]
    Query {
        codespace: String,
        code: u32,
        log: String,
        tx: Option<String>,
    },
    /// It may still be included: look it up by `hash` before sending the messages again (a new
    /// transaction of the same messages could post them twice).
    #[error(
        "transaction {hash} not included after {waited:?} ({last}); it may still be: look it up \
         by this hash before sending the same messages again"
    )]
    NotIncluded {
        hash: String,
        waited: Duration,
        last: String,
    },
    #[error("timed out: {0}")]
    Timeout(String),
}

impl Error {
    /// Classifies a non-zero ABCI answer: contract failures (codespace `wasm`) keep only the
    /// contract's own message.
    pub(crate) fn from_abci(codespace: &str, code: u32, log: &str, tx: Option<String>) -> Self {
        // Delivered: codespace `wasm`. Simulated: the SDK wraps the same log as an "unknown
        // request" (codespace `sdk`, code 6); the x/wasm marker tells them apart.
        if let Some(message) = contract_message(log) {
            return Error::Contract { message, tx };
        }
        Error::Query {
            codespace: codespace.to_string(),
            code,
            log: log.to_string(),
            tx,
        }
    }

    /// The contract's message, when the contract refused.
    pub fn contract_error(&self) -> Option<&str> {
        match self {
            Error::Contract { message, .. } => Some(message),
            _ => None,
        }
    }
}

/// The contract's own message inside x/wasm's log, e.g.
/// `failed to execute message; message index: 0: issuance denied: ...: execute wasm contract
/// failed` gives `issuance denied: ...`.
pub fn contract_message(log: &str) -> Option<String> {
    const SUFFIXES: [&str; 4] = [
        ": execute wasm contract failed",
        ": instantiate wasm contract failed",
        ": migrate wasm contract failed",
        ": query wasm contract failed",
    ];
    const PREFIX: &str = "failed to execute message; message index: ";
    let mut text = log.trim();
    // Drop "rpc error: ... desc = " (simulation) and "failed to execute message; message
    // index: N: ".
    if let Some(at) = text.find(PREFIX) {
        let rest = &text[at + PREFIX.len()..];
        text = rest.split_once(": ").map(|(_, r)| r).unwrap_or(rest);
    }
    let end = SUFFIXES.iter().filter_map(|s| text.rfind(s)).min()?;
    let mut message = &text[..end];
    // A query error wraps the message as `Generic error: Querier contract error: ...` or
    // `... contract error: <message>`; keep what the contract said.
    for wrapper in ["Error parsing into type ", "Generic error: "] {
        if let Some(rest) = message.strip_prefix(wrapper) {
            message = rest;
        }
    }
    Some(message.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_message_keeps_only_what_the_contract_said() {
        assert_eq!(
            contract_message(
                "failed to execute message; message index: 0: issuance denied: R1: 0 of 1 \
                 Filing attestations: execute wasm contract failed"
            )
            .as_deref(),
            Some("issuance denied: R1: 0 of 1 Filing attestations")
        );
        assert_eq!(
            contract_message(
                "rpc error: code = Unknown desc = failed to execute message; message index: 0: \
                 issuance denied: R1: 0 of 1 Filing attestations: execute wasm contract failed \
                 [/build/x/wasm/keeper/keeper.go:452] with gas used: '100242': unknown request"
            )
            .as_deref(),
            Some("issuance denied: R1: 0 of 1 Filing attestations")
        );
        assert_eq!(contract_message("out of gas in location: wasm"), None);
    }

    #[test]
    fn wasm_failures_are_contract_errors_and_others_are_not() {
        let e = Error::from_abci(
            "wasm",
            5,
            "failed to execute message; message index: 0: unauthorized: execute wasm contract failed",
            Some("AB".into()),
        );
        assert_eq!(
            e,
            Error::Contract {
                message: "unauthorized".into(),
                tx: Some("AB".into())
            }
        );
        assert_eq!(e.to_string(), "unauthorized");
        let e = Error::from_abci("sdk", 13, "insufficient fee", None);
        assert_eq!(e.contract_error(), None);
        assert_eq!(
            e.to_string(),
            "chain refused (sdk code 13): insufficient fee"
        );
    }
}
