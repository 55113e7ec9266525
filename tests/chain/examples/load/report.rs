//! The report of a run: `--report` as JSON, `--table` as the Markdown table of
//! docs/RELIABILITY.md, and the same table on stdout.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::args::Args;
use crate::checks::Checks;
use crate::model::Outcome;
use crate::{progress, secs, upgrade, LoadRun, R};

fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn ms(d: Option<Duration>) -> Value {
    d.map(|d| json!(d.as_millis() as u64))
        .unwrap_or(Value::Null)
}

pub struct Run<'a> {
    pub args: &'a Args,
    pub load: &'a LoadRun,
    pub checks: &'a Checks,
    pub wall_start: u64,
    pub first_height: u64,
    pub started: Instant,
}

/// Figures derived from the intents and the clients.
struct Figures {
    latencies: Vec<Duration>,
    included: usize,
    refused: usize,
    sent: usize,
    failed: BTreeMap<String, usize>,
    by_kind: BTreeMap<&'static str, usize>,
    total: rwa_gate_client::Stats,
    tps: f64,
}

impl Run<'_> {
    fn figures(&self) -> Figures {
        let intents = &self.load.intents;
        let mut latencies: Vec<Duration> = intents
            .iter()
            .filter_map(|i| match i.outcome {
                Outcome::Included { latency, .. } => Some(latency),
                _ => None,
            })
            .collect();
        latencies.sort();
        let mut failed: BTreeMap<String, usize> = BTreeMap::new();
        for i in intents {
            let reason = match &i.outcome {
                Outcome::Included { .. } => continue,
                Outcome::Refused { reason, .. } => format!("refused on chain: {reason}"),
                Outcome::NotSent { reason } => format!("not sent: {reason}"),
                Outcome::Unknown { reason } => format!("not seen included: {reason}"),
            };
            *failed.entry(reason).or_default() += 1;
        }
        let mut by_kind: BTreeMap<&'static str, usize> = BTreeMap::new();
        for i in intents {
            *by_kind.entry(i.effect.kind()).or_default() += 1;
        }
        let total = self
            .load
            .stats
            .iter()
            .fold(rwa_gate_client::Stats::default(), |a, s| {
                rwa_gate_client::Stats {
                    failovers: a.failovers + s.failovers,
                    ambiguous_broadcasts: a.ambiguous_broadcasts + s.ambiguous_broadcasts,
                    rebroadcasts: a.rebroadcasts + s.rebroadcasts,
                    resigned: a.resigned + s.resigned,
                }
            });
        let included = latencies.len();
        Figures {
            tps: included as f64 / self.load.load_seconds.as_secs_f64().max(0.001),
            latencies,
            included,
            refused: intents
                .iter()
                .filter(|i| matches!(i.outcome, Outcome::Refused { .. }))
                .count(),
            sent: intents.iter().filter(|i| !i.signed.is_empty()).count(),
            failed,
            by_kind,
            total,
        }
    }

    fn upgrade_passed(&self) -> bool {
        match &self.load.upgrade {
            Some((record, error)) => upgrade::passed(record, error),
            None => true,
        }
    }

    fn passed(&self) -> bool {
        self.checks.passed() && self.upgrade_passed()
    }

    fn json(&self, f: &Figures) -> Value {
        let (args, checks, load) = (self.args, self.checks, self.load);
        let last_height = checks.final_height;
        let upgrade = load.upgrade.as_ref().map(|(record, error)| {
            let mut record = record.clone();
            record.insert("error".into(), json!(error));
            record.insert("passed".into(), json!(upgrade::passed(&record, error)));
            Value::Object(record)
        });
        json!({
            "mode": format!("{:?}", args.faults).to_lowercase(),
            "label": args.label,
            "started_at_unix": self.wall_start,
            "nodes": args.nodes,
            "validators": args.validators,
            "accounts": {"oracles": args.oracles, "issuers": args.issuers, "holders": args.holders},
            "target_transactions": args.txs,
            "load_seconds": secs(load.load_seconds),
            "total_seconds": secs(self.started.elapsed()),
            "transactions": {
                "intended": load.intents.len(),
                "sent": f.sent,
                "included": f.included,
                "included_and_refused": f.refused,
                "failed_by_reason": f.failed,
                "by_kind": f.by_kind,
                "signed_again_after_a_wrong_sequence": f.total.resigned,
            },
            "tps_sustained": (f.tps * 100.0).round() / 100.0,
            "inclusion_latency_ms": {
                "p50": ms(percentile(&f.latencies, 50.0)),
                "p95": ms(percentile(&f.latencies, 95.0)),
                "max": ms(f.latencies.last().copied()),
            },
            "client": {
                "failovers": f.total.failovers,
                "ambiguous_broadcasts": f.total.ambiguous_broadcasts,
                "rebroadcasts_of_the_same_bytes": f.total.rebroadcasts,
                "per_worker": load.stats.iter().enumerate().map(|(w, s)| json!({
                    "worker": w, "failovers": s.failovers, "ambiguous_broadcasts": s.ambiguous_broadcasts,
                    "rebroadcasts": s.rebroadcasts, "resigned": s.resigned})).collect::<Vec<_>>(),
            },
            "faults": load.faults_log,
            "upgrade": upgrade,
            "blocks": {"first": self.first_height, "last": last_height,
                        "count": last_height.saturating_sub(self.first_height)},
            "per_node": checks.per_node,
            "checks": {
                "lost": checks.lost,
                "included_but_not_reported_by_the_client": checks.unconfirmed,
                "duplicated": checks.duplicated,
                "divergent_nodes": checks.divergent,
                "sequence_mismatches": checks.sequence_mismatches,
                "model_mismatches": checks.model_mismatches,
                "details": checks.details,
                "compared_at_height": checks.compared_height,
                "app_hash_height": checks.app_hash_height,
                "passed": self.passed(),
            },
        })
    }

    /// The load's rows of the table.
    fn load_rows(&self, f: &Figures, row: &mut dyn FnMut(String)) {
        let (args, load) = (self.args, self.load);
        row(format!(
            "| transactions intended / sent / included | {} / {} / {} |",
            load.intents.len(),
            f.sent,
            f.included
        ));
        row(format!(
            "| run | {} validators; {} oracles, {} issuers, {} holders; faults {:?} |",
            args.validators, args.oracles, args.issuers, args.holders, args.faults
        ));
        let by_kind: Vec<String> = f.by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        row(format!("| by kind | {} |", by_kind.join(", ")));
        row(format!(
            "| failed (by reason) | {}{} |",
            f.failed.values().sum::<usize>(),
            f.failed
                .iter()
                .map(|(r, n)| format!("; {n} {r}"))
                .collect::<String>()
        ));
        let faults: Vec<String> = load
            .faults_log
            .iter()
            .map(|f| {
                let node = f["node"]
                    .as_u64()
                    .map(|n| format!(" node {n}"))
                    .unwrap_or_default();
                format!(
                    "{}{node} at {} s (after {} tx)",
                    f["action"].as_str().unwrap_or("?"),
                    f["at_s"],
                    f["after_txs"]
                )
            })
            .collect();
        row(format!(
            "| faults (seconds into the load) | {} |",
            faults.join("; ")
        ));
        row(format!(
            "| sustained rate | {:.2} tx/s over {:.1} s |",
            f.tps,
            load.load_seconds.as_secs_f64()
        ));
        row(format!(
            "| inclusion latency p50 / p95 / max | {} / {} / {} ms |",
            ms(percentile(&f.latencies, 50.0)),
            ms(percentile(&f.latencies, 95.0)),
            ms(f.latencies.last().copied())
        ));
        row(format!(
            "| failovers / ambiguous broadcasts / rebroadcasts / re-signed | {} / {} / {} / {} |",
            f.total.failovers, f.total.ambiguous_broadcasts, f.total.rebroadcasts, f.total.resigned
        ));
    }

    /// The checks' rows of the table.
    fn check_rows(&self, row: &mut dyn FnMut(String)) {
        let checks = self.checks;
        let last_height = checks.final_height;
        row(format!(
            "| blocks | {} (heights {}..{last_height}) |",
            last_height.saturating_sub(self.first_height),
            self.first_height
        ));
        row(format!(
            "| lost / duplicated / divergent nodes | {} / {} / {} |",
            checks.lost, checks.duplicated, checks.divergent
        ));
        row(format!(
            "| sequence / model mismatches; included but not reported by the client | {} / {}; {} |",
            checks.sequence_mismatches, checks.model_mismatches, checks.unconfirmed
        ));
        for n in &checks.per_node {
            row(format!(
                "| {} | height {}, app hash {} at height {} |",
                n["rpc"].as_str().unwrap_or("?"),
                n["height"],
                n["app_hash"].as_str().unwrap_or("?"),
                n["app_hash_height"]
            ));
        }
    }

    /// The upgrade's rows of the table (a run with `--upgrade-artifacts`).
    fn upgrade_rows(&self, row: &mut dyn FnMut(String)) {
        let Some((record, error)) = &self.load.upgrade else {
            return;
        };
        for code in record
            .get("store")
            .and_then(|s| s["codes"].as_array())
            .into_iter()
            .flatten()
        {
            row(format!(
                "| stored {} | code {}, {} bytes, {} gas, height {} |",
                code["name"].as_str().unwrap_or("?"),
                code["code_id"],
                code["wasm_bytes"],
                code["gas_used"],
                code["height"]
            ));
        }
        if let Some(m) = record.get("migrate") {
            row(format!(
                "| registry migrated | {} -> {}, code {}, height {}, {} gas, after {} of {} tx |",
                m["registry"]["from_version"].as_str().unwrap_or("?"),
                m["registry"]["to_version"].as_str().unwrap_or("?"),
                m["registry"]["code_id"],
                m["registry"]["height"],
                m["registry"]["gas_used"],
                m["after_txs"],
                m["of_txs"]
            ));
            row(format!(
                "| tokens migrated | code {}, heights {}, senders held {} s |",
                m["tokens"]["code_id"], m["tokens"]["heights"], record["held_seconds"]
            ));
        }
        if let Some(c) = record.get("clearances") {
            row(format!(
                "| clearance and check_issuance before = after | {} |",
                c["summary"].as_str().unwrap_or("?")
            ));
        }
        if let Some(e) = error {
            row(format!("| upgrade FAILED | {e} |"));
        }
    }

    fn table(&self, f: &Figures) -> String {
        let mut table = String::new();
        let mut row = |line: String| {
            table.push_str(&line);
            table.push('\n');
        };
        row("| figure | value |".into());
        row("|---|---|".into());
        if let Some(label) = &self.args.label {
            row(format!("| measured | {label} |"));
        }
        self.load_rows(f, &mut row);
        self.check_rows(&mut row);
        self.upgrade_rows(&mut row);
        table
    }

    /// Writes the report and the table; whether every check passed.
    pub fn write(&self) -> R<bool> {
        let f = self.figures();
        let report = self.json(&f);
        let path = &self.args.report;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
        let table = self.table(&f);
        println!("\n{table}");
        if let Some(path) = &self.args.table {
            std::fs::write(path, &table).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        progress(
            self.started,
            &format!(
                "load: report written to {} ({})",
                path.display(),
                if self.passed() {
                    "every check passed"
                } else {
                    "CHECKS FAILED"
                }
            ),
        );
        for line in &self.checks.details {
            println!("  - {line}");
        }
        Ok(self.passed())
    }
}
