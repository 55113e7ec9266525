//! The upgrade in the middle of the load (`--upgrade-artifacts`): the new codes are stored
//! while the load runs; at the migration point the senders are held (each finishes the
//! transaction it has in flight), every asset's clearance and issuance decision is read, the
//! registry and then every token are migrated, the same answers are read again, and the load
//! goes on in the new release's dialect.
//!
//! The hold is what makes "equal before and after" exact: with no transaction between the two
//! reads, any difference is the migration's.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use cosmwasm_std::Uint128;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, MigrateMsg, QueryMsg};
use rwa_gate_client::{Client, Gas, TxOutcome};
use serde_json::{json, Value};

use crate::args::{Args, Dialect, Upgrade};
use crate::setup::{read_codes, Deployed};
use crate::worker::{lock, Shared};
use crate::{progress, R};

/// Longest the senders may take to finish their transactions in flight at the hold.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(180);
/// Assets per `MigrateTokens` page (the registry's maximum).
const TOKENS_PER_PAGE: u32 = 30;

/// Every asset's answers at one moment: (asset, clearance, check_issuance), as JSON.
type Answers = Vec<(String, Value, Value)>;

pub struct UpgradeRunner<'a> {
    plan: &'a Upgrade,
    client: &'a Client,
    d: &'a Deployed,
    stored: Option<(u64, u64)>,
    migrated: bool,
    /// What happened, for the report.
    pub record: serde_json::Map<String, Value>,
    /// The first step that failed; the load is stopped then.
    pub error: Option<String>,
}

impl<'a> UpgradeRunner<'a> {
    pub fn new(plan: &'a Upgrade, client: &'a Client, d: &'a Deployed) -> UpgradeRunner<'a> {
        let mut record = serde_json::Map::new();
        record.insert(
            "from_codes".into(),
            json!({"registry": d.registry_code, "token": d.token_code}),
        );
        record.insert(
            "artifacts".into(),
            json!(plan.artifacts.display().to_string()),
        );
        UpgradeRunner {
            plan,
            client,
            d,
            stored: None,
            migrated: false,
            record,
            error: None,
        }
    }

    pub fn finished(&self) -> bool {
        self.migrated || self.error.is_some()
    }

    /// Stores or migrates when the load has reached the point for it.
    pub fn tick(&mut self, args: &Args, shared: &Shared, done: usize, at: f64, started: Instant) {
        if self.finished() {
            return;
        }
        let fraction = done as f64 / args.txs.max(1) as f64;
        let result = if self.stored.is_none() && fraction >= self.plan.store_at {
            self.store(done, at, started)
        } else if self.stored.is_some() && fraction >= self.plan.migrate_at {
            let result = self.migrate_held(args, shared, done, at, started);
            self.migrated = true;
            result
        } else {
            Ok(())
        };
        if let Err(e) = result {
            progress(started, &format!("upgrade: FAILED: {e}"));
            self.error = Some(e);
            shared.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// Stores the new registry and token codes (the client's `store_code`) under load.
    fn store(&mut self, done: usize, at: f64, started: Instant) -> R<()> {
        let (registry_wasm, token_wasm) = read_codes(&self.plan.artifacts)?;
        let mut codes = Vec::new();
        for (name, wasm) in [
            ("compliance_registry", &registry_wasm),
            ("gated_token", &token_wasm),
        ] {
            let (code_id, outcome) = self
                .client
                .store_code(&self.d.deployer, wasm)
                .map_err(|e| format!("storing the new {name}.wasm: {e}"))?;
            progress(
                started,
                &format!(
                    "upgrade: stored the new {name}.wasm ({} bytes) as code {code_id} at height {}, {} gas (after {done} transactions)",
                    wasm.len(),
                    outcome.height,
                    outcome.gas_used
                ),
            );
            codes.push(
                json!({"name": name, "code_id": code_id, "wasm_bytes": wasm.len(),
                "height": outcome.height, "gas_used": outcome.gas_used, "tx": outcome.hash}),
            );
        }
        let id = |i: usize| codes[i]["code_id"].as_u64().unwrap_or(0);
        self.stored = Some((id(0), id(1)));
        self.record.insert(
            "store".into(),
            json!({"at_s": at, "after_txs": done, "codes": codes}),
        );
        Ok(())
    }

    /// Holds the senders, migrates, and releases them whatever happened.
    fn migrate_held(
        &mut self,
        args: &Args,
        shared: &Shared,
        done: usize,
        at: f64,
        started: Instant,
    ) -> R<()> {
        progress(
            started,
            "upgrade: holding the senders (each finishes its transaction in flight)",
        );
        let held = Instant::now();
        let result = shared
            .hold_and_drain(DRAIN_TIMEOUT)
            .and_then(|()| self.migrate(args, shared, done, at, started));
        shared.release();
        let held_s = crate::secs(held.elapsed());
        self.record.insert("held_seconds".into(), json!(held_s));
        progress(
            started,
            &format!("upgrade: the senders go on ({held_s} s held)"),
        );
        result
    }

    fn migrate(
        &mut self,
        args: &Args,
        shared: &Shared,
        done: usize,
        at: f64,
        started: Instant,
    ) -> R<()> {
        let (registry_code, token_code) = self.stored.ok_or("no codes stored")?;
        let before = answers(self.client, self.d)?;
        let version_before = cw2_version(self.client, &self.d.registry)?;
        let registry = self
            .client
            .migrate(
                &self.d.deployer,
                &self.d.registry,
                registry_code,
                &MigrateMsg {},
            )
            .map_err(|e| format!("migrating the registry to code {registry_code}: {e}"))?;
        *lock(&shared.dialect) = Dialect::Current;
        progress(
            started,
            &format!(
                "upgrade: registry migrated {version_before} -> {} (code {registry_code}) at height {}, {} gas (after {done} transactions)",
                registry.event_attr("wasm", "to_version").unwrap_or("?"),
                registry.height,
                registry.gas_used
            ),
        );
        let pages = self.migrate_tokens(token_code)?;
        let heights: Vec<u64> = pages.iter().map(|p| p.height).collect();
        progress(
            started,
            &format!(
                "upgrade: {} tokens migrated to code {token_code} at heights {heights:?}",
                self.d.tokens.len()
            ),
        );
        expect_code(self.client, &self.d.registry, registry_code)?;
        for token in &self.d.tokens {
            expect_code(self.client, token, token_code)?;
        }
        let after = answers(self.client, self.d)?;
        let comparison = compare(&before, &after);
        progress(
            started,
            &format!(
                "upgrade: clearances and decisions before and after: {}",
                comparison["summary"]
            ),
        );
        self.record.insert("migrate".into(), json!({
            "at_s": at, "after_txs": done, "of_txs": args.txs,
            "registry": {"code_id": registry_code, "height": registry.height, "gas_used": registry.gas_used,
                         "tx": registry.hash, "from_version": version_before,
                         "to_version": cw2_version(self.client, &self.d.registry)?},
            "tokens": {"code_id": token_code, "heights": heights,
                       "gas_used": pages.iter().map(|p| p.gas_used).collect::<Vec<_>>()},
        }));
        self.record.insert("clearances".into(), comparison);
        Ok(())
    }

    /// `MigrateTokens` page by page until every token is on `code_id`; the pages' outcomes.
    fn migrate_tokens(&self, code_id: u64) -> R<Vec<TxOutcome>> {
        let mut pages = Vec::new();
        let mut migrated: BTreeSet<String> = BTreeSet::new();
        let mut start_after: Option<String> = None;
        loop {
            let msg = RegistryMsg::MigrateTokens {
                code_id,
                start_after: start_after.clone(),
                limit: Some(TOKENS_PER_PAGE),
            };
            let outcome = self
                .client
                .execute(&self.d.deployer, &self.d.registry, &msg, &[], Gas::Simulate)
                .map_err(|e| format!("migrating the tokens after {start_after:?}: {e}"))?;
            migrated.extend(migrated_contracts(&outcome));
            let last = outcome.wasm_attr("last").unwrap_or("none").to_string();
            let count: u32 = outcome
                .wasm_attr("migrated")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            pages.push(outcome);
            // A short page is the last one: no empty page is sent after it.
            if last == "none" || count < TOKENS_PER_PAGE {
                break;
            }
            start_after = Some(last);
        }
        let missing: Vec<&String> = self
            .d
            .tokens
            .iter()
            .filter(|t| !migrated.contains(*t))
            .collect();
        if !missing.is_empty() {
            return Err(format!("tokens not migrated: {missing:?}"));
        }
        Ok(pages)
    }
}

/// What x/wasm records as `contract`'s code must be `code_id`.
fn expect_code(client: &Client, contract: &str, code_id: u64) -> R<()> {
    let info = client
        .contract_info(contract)
        .map_err(|e| format!("contract info of {contract}: {e}"))?
        .ok_or_else(|| format!("no contract {contract}"))?;
    if info.code_id != code_id {
        return Err(format!(
            "{contract} runs code {}, not the migrated-to code {code_id}",
            info.code_id
        ));
    }
    Ok(())
}

/// The contracts a transaction migrated (wasmd's `migrate` events).
fn migrated_contracts(outcome: &TxOutcome) -> Vec<String> {
    outcome
        .events
        .iter()
        .filter(|e| e.kind == "migrate")
        .flat_map(|e| e.attributes.iter())
        .filter(|(k, _)| k == "_contract_address")
        .map(|(_, v)| v.clone())
        .collect()
}

/// The contract's cw2 version ("name version").
fn cw2_version(client: &Client, contract: &str) -> R<String> {
    let raw = client
        .query_raw(contract, b"contract_info")
        .map_err(|e| format!("cw2 version of {contract}: {e}"))?
        .ok_or_else(|| format!("{contract} has no cw2 version"))?;
    let info: Value = serde_json::from_slice(&raw).map_err(|e| e.to_string())?;
    Ok(format!(
        "{} {}",
        info["contract"].as_str().unwrap_or("?"),
        info["version"].as_str().unwrap_or("?")
    ))
}

/// Every asset's clearance and the decision on minting 1,000 base units by its issuer, as JSON
/// (the shapes may differ between releases; the comparison says which fields did).
fn answers(client: &Client, d: &Deployed) -> R<Answers> {
    let mut out = Vec::new();
    for (j, asset) in d.assets.iter().enumerate() {
        let clearance: Value = client
            .query(
                &d.registry,
                &QueryMsg::Clearance {
                    asset: asset.clone(),
                },
            )
            .map_err(|e| format!("clearance of {asset}: {e}"))?;
        let check = QueryMsg::CheckIssuance {
            asset: asset.clone(),
            amount: Uint128::new(1_000),
            minter: Some(d.issuers[j].address().to_string()),
            recipient: None,
        };
        let decision: Value = client
            .query(&d.registry, &check)
            .map_err(|e| format!("check_issuance of {asset}: {e}"))?;
        out.push((asset.clone(), clearance, decision));
    }
    Ok(out)
}

/// Fields present on one side only, and fields present on both with different values.
fn differences(before: &Value, after: &Value) -> (Vec<String>, Vec<String>) {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        let differ = if before == after {
            vec![]
        } else {
            vec!["(whole answer)".to_string()]
        };
        return (vec![], differ);
    };
    let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    let (mut one_side, mut changed) = (Vec::new(), Vec::new());
    for key in keys {
        match (b.get(key), a.get(key)) {
            (Some(x), Some(y)) if x != y => changed.push(key.clone()),
            (Some(_), Some(_)) => {}
            _ => one_side.push(key.clone()),
        }
    }
    (one_side, changed)
}

/// Before against after, per asset: the fields whose value changed (a failure) and the fields
/// only one release has (listed, not a failure: a new release may add a field).
fn compare(before: &Answers, after: &Answers) -> Value {
    let mut per_asset = Vec::new();
    let mut unequal = 0;
    for ((asset, c0, d0), (_, c1, d1)) in before.iter().zip(after) {
        let (c_side, c_changed) = differences(c0, c1);
        let (d_side, d_changed) = differences(d0, d1);
        if !c_changed.is_empty() || !d_changed.is_empty() {
            unequal += 1;
        }
        per_asset.push(json!({"asset": asset,
            "clearance": {"changed": c_changed, "in_one_release_only": c_side, "before": c0, "after": c1},
            "check_issuance": {"changed": d_changed, "in_one_release_only": d_side, "before": d0, "after": d1}}));
    }
    let allowed_before = before
        .iter()
        .filter(|(_, _, d)| d["allowed"] == json!(true))
        .count();
    let allowed_after = after
        .iter()
        .filter(|(_, _, d)| d["allowed"] == json!(true))
        .count();
    json!({
        "assets": before.len(),
        "equal": before.len() - unequal,
        "unequal": unequal,
        "allowed_before": allowed_before,
        "allowed_after": allowed_after,
        "summary": format!("{} of {} assets equal; issuance allowed for {allowed_before} before, {allowed_after} after",
                           before.len() - unequal, before.len()),
        "per_asset": per_asset,
    })
}

/// Whether the upgrade passed: stored, migrated, every answer equal.
pub fn passed(record: &serde_json::Map<String, Value>, error: &Option<String>) -> bool {
    error.is_none() && record.contains_key("migrate") && record["clearances"]["unequal"] == json!(0)
}
