//! The oracle agent's output: the summary of a sync (and with --dry-run what it would post and
//! why), its progress bar, and the expiry report.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::Instant;

use serde_json::{json, Value};

use crate::agent::plan::{Hold, Op, Reason, Step};
use crate::agent::report::{ExpiryReport, Lapsing, SentBatch, SyncReport};
use crate::human::{format_date, format_rfc3339, format_span, format_time};
use crate::render::Output;

/// Why an action is posted, in words.
pub fn reason_words(reason: &Reason) -> String {
    match reason {
        Reason::New => "not on chain yet".into(),
        Reason::Retry(note) => format!("not recorded before ({note})"),
        Reason::Changed => "the decision changed since it was posted".into(),
        Reason::Renew(at) => format!("lapses on {} (within the renewal window)", format_time(*at)),
        Reason::ListMoved { from, to } => {
            format!("the negative list moved from version {from} to {to}")
        }
        Reason::Reinstated => "revoked before, no longer withdrawn".into(),
        Reason::Withdrawn => "withdrawn".into(),
    }
}

/// Why a decision is left alone, in words.
pub fn hold_words(hold: &Hold) -> String {
    match hold {
        Hold::Standing(Some(at)) => format!("posted, holds until {}", format_time(*at)),
        Hold::Standing(None) => "posted".into(),
        Hold::InFlight(tx) => format!("in transaction {tx}, not settled"),
        Hold::Revoked => "withdrawn and revoked".into(),
        Hold::NeverPosted => "withdrawn before it was posted: nothing to revoke".into(),
        Hold::Lapsed(at) => format!("its expiry {} has passed", format_time(*at)),
        Hold::TooLong { max } => format!(
            "its expiry is further than the registry allows (at most {} from now)",
            format_span(*max)
        ),
        Hold::UnknownAsset(asset) => format!("the registry has no asset {asset}"),
    }
}

fn hold_key(hold: &Hold) -> &'static str {
    match hold {
        Hold::Standing(_) => "standing",
        Hold::InFlight(_) => "in_flight",
        Hold::Revoked => "revoked",
        Hold::NeverPosted => "never_posted",
        Hold::Lapsed(_) => "lapsed",
        Hold::TooLong { .. } => "too_long",
        Hold::UnknownAsset(_) => "unknown_asset",
    }
}

fn verb(step: &Step) -> &'static str {
    match (step.op, &step.reason) {
        (Op::Revoke, _) => "revoke",
        (_, Reason::Renew(_) | Reason::ListMoved { .. }) => "renew",
        _ => "post",
    }
}

fn step_json(step: &Step) -> Value {
    json!({"decision": step.decision, "kind": step.kind, "target": step.target,
           "op": verb(step), "reason": reason_words(&step.reason)})
}

/// Counts by `key` of the steps and held decisions.
fn counts<'a>(keys: impl Iterator<Item = String> + 'a) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for k in keys {
        *out.entry(k).or_insert(0) += 1;
    }
    out
}

/// Gas per action, by kind, over the batches sent (a batch's gas shared evenly).
pub fn gas_by_kind(sent: &[SentBatch]) -> BTreeMap<String, (usize, u64)> {
    let mut out: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    for b in sent {
        let share = b.gas_used / b.actions.len().max(1) as u64;
        for (kind, _) in &b.actions {
            let e = out.entry(kind.clone()).or_insert((0, 0));
            e.0 += 1;
            e.1 += share;
        }
    }
    out
}

/// The summary of one sync (with --dry-run: what it would post, and why).
pub fn sync_report(r: &SyncReport) -> Output {
    let done = counts(
        r.plan
            .steps
            .iter()
            .map(|s| format!("{} {}", verb(s), s.kind)),
    );
    let held = counts(r.plan.held.iter().map(|(_, h)| hold_key(h).to_string()));
    let gas_used: u64 = r.sent.iter().map(|b| b.gas_used).sum();
    let gas: BTreeMap<String, Value> = gas_by_kind(&r.sent)
        .into_iter()
        .map(|(k, (n, g))| {
            (
                k,
                json!({"actions": n, "gas_per_action": g / n.max(1) as u64}),
            )
        })
        .collect();
    let value = json!({
        "ok": true, "action": "oracle-sync", "dry_run": r.dry_run, "file": r.file, "db": r.db,
        "oracle": r.oracle, "decisions": r.decisions,
        "invalid": r.invalid.iter().map(|i| json!({"line": i.line, "id": i.id, "reason": i.reason})).collect::<Vec<_>>(),
        "settled": r.resolved.iter().map(|x| json!({"tx": x.hash, "actions": x.actions, "outcome": x.outcome, "height": x.height, "note": x.note})).collect::<Vec<_>>(),
        "looked_up": r.looked_up, "found_on_chain": r.found_on_chain,
        "planned": done, "held": held, "batches": r.batches,
        "steps": if r.dry_run { Value::Array(r.plan.steps.iter().map(step_json).collect()) } else { Value::Null },
        "transactions": r.sent.iter().map(|b| json!({"tx": b.hash, "height": b.height, "actions": b.actions.len(), "gas_used": b.gas_used})).collect::<Vec<_>>(),
        "refused": r.refused.iter().map(|(d, why)| json!({"decision": d, "reason": why})).collect::<Vec<_>>(),
        "gas_used": gas_used, "gas_by_kind": gas, "seconds": (r.seconds * 10.0).round() / 10.0,
    });
    (value, sync_text(r, &done, &held))
}

fn sync_text(
    r: &SyncReport,
    done: &BTreeMap<String, usize>,
    held: &BTreeMap<String, usize>,
) -> String {
    let mut out = vec![format!(
        "{} decisions in {} (database {})",
        r.decisions, r.file, r.db
    )];
    for i in &r.invalid {
        out.push(format!("  line {}: not a decision: {}", i.line, i.reason));
    }
    for x in &r.resolved {
        let at = x
            .height
            .map(|h| format!(" at height {h}"))
            .unwrap_or_default();
        let note = x
            .note
            .as_deref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default();
        out.push(format!(
            "  in flight before: tx {} ({} actions) {}{at}{note}",
            x.hash, x.actions, x.outcome
        ));
    }
    if r.looked_up > 0 {
        out.push(format!(
            "  looked up on chain first: {} decisions, {} already there",
            r.looked_up, r.found_on_chain
        ));
    }
    if r.dry_run {
        out.extend(dry_run_lines(r));
        return out.join("\n");
    }
    let plan: Vec<String> = done.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let kept: Vec<String> = held
        .iter()
        .map(|(k, n)| format!("{} {n}", k.replace('_', " ")))
        .collect();
    out.push(format!(
        "Sync: {} in {} transactions; left alone: {}.",
        if plan.is_empty() {
            "nothing to post".to_string()
        } else {
            plan.join(", ")
        },
        r.sent.len(),
        if kept.is_empty() {
            "none".to_string()
        } else {
            kept.join(", ")
        }
    ));
    for (d, why) in &r.refused {
        out.push(format!("  refused {d}: {why}"));
    }
    if !r.sent.is_empty() {
        let gas: u64 = r.sent.iter().map(|b| b.gas_used).sum();
        let per: Vec<String> = gas_by_kind(&r.sent)
            .iter()
            .map(|(k, (n, g))| format!("{k} {} a decision", g / (*n).max(1) as u64))
            .collect();
        out.push(format!(
            "  gas used {gas} ({}); {:.1} s",
            per.join(", "),
            r.seconds
        ));
    }
    out.join("\n")
}

/// What a dry run would post and why, and what it leaves alone.
fn dry_run_lines(r: &SyncReport) -> Vec<String> {
    let mut out = vec![format!(
        "Dry run: would send {} actions in {} batches; nothing was sent.",
        r.plan.steps.len(),
        r.batches
    )];
    for s in &r.plan.steps {
        out.push(format!(
            "  {} {} {} ({}): {}",
            verb(s),
            s.kind,
            s.decision,
            s.target,
            reason_words(&s.reason)
        ));
    }
    for (d, hold) in &r.plan.held {
        out.push(format!("  leave {d}: {}", hold_words(hold)));
    }
    out
}

/// A progress bar on stderr: redrawn in place on a terminal, a line per batch otherwise.
pub struct Progress {
    total: usize,
    done: usize,
    txs: usize,
    shown: bool,
    terminal: bool,
    started: Instant,
}

impl Progress {
    pub fn new(total: usize, shown: bool, terminal: bool) -> Progress {
        Progress {
            total,
            done: 0,
            txs: 0,
            shown,
            terminal,
            started: Instant::now(),
        }
    }

    pub fn advance(&mut self, actions: usize, sent: &SentBatch) {
        self.done += actions;
        self.txs += 1;
        if !self.shown {
            return;
        }
        let width = 30;
        let filled = (self.done * width / self.total.max(1)).min(width);
        let line = format!(
            "[{}{}] {}/{} actions, {} tx, {:.0} s (last: height {}, gas {})",
            "#".repeat(filled),
            ".".repeat(width - filled),
            self.done,
            self.total,
            self.txs,
            self.started.elapsed().as_secs_f64(),
            sent.height,
            sent.gas_used
        );
        let mut err = std::io::stderr();
        let _ = if self.terminal {
            write!(err, "\r{line}")
        } else {
            writeln!(err, "{line}")
        };
        let _ = err.flush();
    }

    pub fn done(&self) {
        if self.shown && self.terminal && self.txs > 0 {
            eprintln!();
        }
    }
}

/// The expiry report.
pub fn expiry_report(r: &ExpiryReport) -> Output {
    let items: Vec<Value> = r.lapsing.iter().map(lapsing_json).collect();
    let value = json!({"ok": true, "action": "oracle-expiring", "oracle": r.oracle,
        "days": r.days, "now": format_rfc3339(r.now), "lapsing": items,
        "blocked_assets": r.blocked_assets});
    let mut out = vec![format!(
        "{} records of oracle {} lapse within {} days (by {}):",
        r.lapsing.len(),
        r.oracle,
        r.days,
        format_date(r.now + r.days * 86_400)
    )];
    for l in &r.lapsing {
        out.push(lapsing_line(l, r.now));
    }
    if r.blocked_assets.is_empty() {
        out.push("No asset's clearance relies on them.".into());
    } else {
        out.push(format!(
            "Would block: {} (their clearance relies on these).",
            r.blocked_assets.join(", ")
        ));
    }
    (value, out.join("\n"))
}

fn lapsing_json(l: &Lapsing) -> Value {
    json!({"decision": l.decision, "kind": l.kind, "subject": l.subject, "record": l.record,
           "expires_at": format_rfc3339(l.expires_at), "renewed_by_agent": l.renewed_by_agent,
           "blocks_asset": l.blocks_asset})
}

fn lapsing_line(l: &Lapsing, now: u64) -> String {
    let when = if l.expires_at > now {
        format!("in {}", format_span(l.expires_at - now))
    } else {
        "LAPSED".to_string()
    };
    format!(
        "  {} {} {} #{}  {} ({when}){}{}",
        format_date(l.expires_at),
        l.kind,
        l.subject,
        l.record
            .map(|r| r.to_string())
            .unwrap_or_else(|| "?".into()),
        l.decision.as_deref().unwrap_or("-"),
        if l.renewed_by_agent {
            ", renewed by the agent"
        } else {
            ""
        },
        if l.blocks_asset {
            ", BLOCKS the asset"
        } else {
            ""
        }
    )
}
