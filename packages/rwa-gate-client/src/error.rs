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
    /// A request to a node failed; `detail` says how in plain words (never a dependency's
    /// source location or backtrace: see [`describe_rpc_error`]).
    #[error("node {endpoint} failed {what}: {detail}")]
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
    /// Input refused before anything was sent: a node address, an amount, a gas price.
    #[error("bad {what} `{input}`: {reason}")]
    Invalid {
        what: String,
        input: String,
        reason: String,
    },
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

/// CometBFT's default limit on the body of one RPC request (`rpc.max_body_bytes`).
pub const DEFAULT_RPC_BODY_LIMIT: usize = 1_000_000;

/// A failed RPC request in plain words. The RPC library's own text carries the source location
/// of its error tracer (and a backtrace when `RUST_BACKTRACE` is set); this keeps only what
/// happened, and says what to do about the failures people meet. `body_bytes`: the size of the
/// request sent, when known.
pub fn describe_rpc_error(e: &cosmrs::rpc::Error, body_bytes: Option<usize>) -> String {
    use cosmrs::rpc::error::ErrorDetail;
    match e.detail() {
        ErrorDetail::HttpRequestFailed(failed) => http_refusal(
            failed.status.as_u16(),
            failed.status.canonical_reason().unwrap_or(""),
            body_bytes,
        ),
        ErrorDetail::Response(answer) => {
            let answer = &answer.source;
            match answer.data() {
                Some(data) if !data.is_empty() => {
                    format!(
                        "the node answered with an error: {}: {data}",
                        answer.message()
                    )
                }
                _ => format!("the node answered with an error: {}", answer.message()),
            }
        }
        ErrorDetail::Timeout(t) => format!("no answer within {} ms", t.duration.as_millis()),
        _ => describe_cause(&untraced(&e.to_string())),
    }
}

/// A node's non-200 HTTP status, with what it most likely means for a request of
/// `body_bytes`: CometBFT answers 400 to a request over its body limit.
pub(crate) fn http_refusal(status: u16, reason: &str, body_bytes: Option<usize>) -> String {
    let status_text = format!("HTTP {status} {reason}").trim_end().to_string();
    match (status, body_bytes) {
        (400, Some(bytes)) if bytes > DEFAULT_RPC_BODY_LIMIT => format!(
            "the node refused a request of {} bytes with {status_text}: that is over the \
             {}-byte limit nodes put on a request by default (rpc.max_body_bytes in the node's \
             config.toml). Send it to a node with a higher limit, or send less at once (codes \
             are uploaded gzip-compressed)",
            thousands(bytes),
            thousands(DEFAULT_RPC_BODY_LIMIT)
        ),
        (400, Some(bytes)) => format!(
            "the node refused a request of {} bytes with {status_text}: a node whose request \
             size limit (rpc.max_body_bytes in its config.toml) is below that answers so. Send \
             it to a node with a higher limit, or send less at once",
            thousands(bytes)
        ),
        _ => format!("the node answered {status_text}"),
    }
}

/// The RPC library's text without its tracer's additions: everything from `Location:` or a
/// backtrace on is dropped, and the `Caused by:` lines are joined into one sentence.
pub(crate) fn untraced(text: &str) -> String {
    let mut parts = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with("Location:")
            || line.starts_with("Stack backtrace:")
            || line.starts_with("Backtrace:")
        {
            break;
        }
        if line.is_empty() || line == "Caused by:" {
            continue;
        }
        // eyre numbers the causes when there are several: "0: …", "1: …".
        let cause = match line.split_once(": ") {
            Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
            _ => line,
        };
        parts.push(cause);
    }
    parts.join(": ")
}

/// The causes of a failed connection in a person's words; other text as it is.
pub(crate) fn describe_cause(text: &str) -> String {
    // reqwest names the URL the request went to; the error already says which node.
    let text = match text.find("error sending request for url (") {
        Some(at) => match text[at..].find("): ") {
            Some(end) => format!("{}{}", &text[..at], &text[at + end + 3..]),
            None => text.to_string(),
        },
        None => text.to_string(),
    };
    let text = text.strip_prefix("HTTP error: ").unwrap_or(&text);
    // The connection failures keep hyper's "error trying to connect" first: it is how they
    // are recognised (see `nodes::reach`), and it says what failed.
    if text.contains("Connection refused") {
        "error trying to connect: connection refused (nothing listens at this address: is the \
         node running?)"
            .into()
    } else if text.contains("dns error") || text.contains("failed to lookup address") {
        "error trying to connect: the host name does not resolve".into()
    } else if text.contains("operation timed out") || text.contains("timed out") {
        "no answer in time (the node may be hung or overloaded)".into()
    } else {
        text.to_string()
    }
}

/// `1234567` as `1,234,567`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{canned_node, http_answer, status_error};

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

    #[test]
    fn a_node_s_http_400_says_the_request_was_too_large_and_what_to_do() {
        let url = canned_node(http_answer("400 Bad Request", ""));
        let e = status_error(&url);
        // The library's own text carries its tracer's source location.
        assert!(e.to_string().contains("Location:"), "{e}");
        assert_eq!(
            describe_rpc_error(&e, Some(1_540_321)),
            "the node refused a request of 1,540,321 bytes with HTTP 400 Bad Request: that is \
             over the 1,000,000-byte limit nodes put on a request by default (rpc.max_body_bytes \
             in the node's config.toml). Send it to a node with a higher limit, or send less at \
             once (codes are uploaded gzip-compressed)"
        );
        assert_eq!(
            describe_rpc_error(&e, Some(600_000)),
            "the node refused a request of 600,000 bytes with HTTP 400 Bad Request: a node whose \
             request size limit (rpc.max_body_bytes in its config.toml) is below that answers \
             so. Send it to a node with a higher limit, or send less at once"
        );
        assert_eq!(
            describe_rpc_error(&e, None),
            "the node answered HTTP 400 Bad Request"
        );
    }

    #[test]
    fn other_statuses_and_json_rpc_errors_are_said_plainly() {
        let url = canned_node(http_answer("502 Bad Gateway", ""));
        assert_eq!(
            describe_rpc_error(&status_error(&url), Some(5_000_000)),
            "the node answered HTTP 502 Bad Gateway"
        );
        let url = canned_node(http_answer(
            "200 OK",
            r#"{"jsonrpc":"2.0","id":-1,"error":{"code":-32603,"message":"Internal error","data":"tx too large"}}"#,
        ));
        assert_eq!(
            describe_rpc_error(&status_error(&url), None),
            "the node answered with an error: Internal error: tx too large"
        );
    }

    #[test]
    fn the_tracer_s_location_and_backtrace_never_reach_the_text() {
        let traced = "HTTP error\n\nCaused by:\n    error sending request for url \
                      (http://127.0.0.1:1/): error trying to connect: dns error: failed to \
                      lookup address information\n\nLocation:\n    /root/.cargo/registry/src/\
                      flex-error-0.4.4/src/tracer_impl/eyre.rs:10:9\n\nStack backtrace:\n   0: \
                      std::backtrace::Backtrace::create";
        let plain = untraced(traced);
        assert_eq!(
            plain,
            "HTTP error: error sending request for url (http://127.0.0.1:1/): error trying to \
             connect: dns error: failed to lookup address information"
        );
        assert_eq!(
            describe_cause(&plain),
            "error trying to connect: the host name does not resolve"
        );
        assert_eq!(
            untraced("parse error\n\nCaused by:\n    0: first\n    1: second\n\nLocation:\n  x"),
            "parse error: first: second"
        );
        assert_eq!(
            describe_cause("HTTP error: connection closed before message completed"),
            "connection closed before message completed"
        );
    }

    #[test]
    fn sizes_are_written_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }
}
