//! Arbitrary bytes as JSON `ExecuteMsg`s of the compliance registry, one transaction per line.
//!
//! Line format (text, so seeds and the dictionary stay readable):
//! - `+<seconds>`: advance the block time;
//! - `<sender><json>`: execute `<json>` from the sender named by one letter: `o` owner, `p`
//!   pauser, `i` issuer, `f` filer (Filing oracle), `s` screener (Screening oracle), `w` / `v`
//!   watchers (flag oracles), `a` allround oracle (all scopes), `x` stranger, `j` a second
//!   issuer, `h` alice, `k` kyc (eligibility oracle), `c` court (order oracle), `b` bob, `y`
//!   alice2 (alice's second account); an upper-case letter attaches 1uosmo of funds;
//! - anything else: the whole line from a stranger.
//!
//! In the JSON, `@owner`, `@issuer`, `@filer`, ... (every name of `REGISTRY_ACTORS`) stand for
//! that actor's address, and `@now+N` / `@now-N` for the block time plus/minus N seconds in
//! nanoseconds, so that seeds can carry valid addresses and timestamps.
//!
//! Every line runs on the registry instantiated by `Registry::new` (bond registered and
//! cleared); the harness rolls back failed transactions and checks its invariants after each.

#![no_main]

use cosmwasm_std::from_json;
use libfuzzer_sys::fuzz_target;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate_fuzz::{Registry, REGISTRY_ACTORS};

const SENDERS: &[u8] = b"opifswvaxjhkcby";

fn substitute(r: &Registry, line: &str) -> String {
    let mut out = line.to_string();
    // Longest names first, so `@watcher2` is not read as `@watcher` + "2".
    let mut names: Vec<(usize, &str)> = REGISTRY_ACTORS.iter().copied().enumerate().collect();
    names.sort_by_key(|(_, n)| std::cmp::Reverse(n.len()));
    for (i, name) in names {
        let pat = format!("@{name}");
        if out.contains(&pat) {
            out = out.replace(&pat, r.addr(i).as_str());
        }
    }
    while let Some(pos) = out.find("@now") {
        let rest = &out[pos + 4..];
        let (sign, digits_at) = match rest.as_bytes().first() {
            Some(b'+') => (1i128, 1),
            Some(b'-') => (-1i128, 1),
            _ => (0, 0),
        };
        let digits: String = rest[digits_at..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .take(12)
            .collect();
        let offset: i128 = digits.parse().unwrap_or(0);
        let nanos = (r.now().nanos() as i128 + sign * offset * 1_000_000_000).max(0);
        let end = pos + 4 + digits_at.min(rest.len()) * usize::from(sign != 0) + digits.len();
        out.replace_range(pos..end, &nanos.to_string());
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let mut r = Registry::new();
    for line in data.split(|b| *b == b'\n').take(64) {
        let Some((&first, rest)) = line.split_first() else {
            continue;
        };
        if first == b'+' {
            let secs = std::str::from_utf8(rest)
                .ok()
                .and_then(|s| s.trim().parse::<u64>().ok())
                .unwrap_or(0)
                .min(10 * 365 * 86_400);
            r.advance(secs);
            continue;
        }
        let (sender, funds, body) = match SENDERS
            .iter()
            .position(|c| *c == first.to_ascii_lowercase())
        {
            Some(i) => (i, first.is_ascii_uppercase(), rest),
            None => (8, false, line),
        };
        let msg: Option<ExecuteMsg> = match std::str::from_utf8(body) {
            Ok(text) => from_json(substitute(&r, text).as_bytes()).ok(),
            Err(_) => from_json(body).ok(),
        };
        if let Some(msg) = msg {
            r.exec(sender_index(sender), funds, msg);
        }
    }
});

/// Letters map onto `REGISTRY_ACTORS` in order.
fn sender_index(i: usize) -> usize {
    i
}
