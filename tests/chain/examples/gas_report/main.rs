//! The gas report: `gas_used` of real transactions on the local wasmd chain, the gated token
//! beside cw20-base 2.0.0, same chain, same accounts, same run. Every signer is warmed first
//! (an account's first transaction also stores its public key). Writes
//! `artifacts/gas-report.json`; `scripts/gas.sh` runs it and prints the tables for docs/GAS.md:
//! the operations, and each code's bytes, headroom under wasmd's size limit and store gas.

mod holders;
mod oracles;

use rwa_gate::registry::AttestMsg;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, TokenSpec};
use rwa_gate::{IssuancePlan, PartyRole, RelatedParty, StatementMsg};
use rwa_gate_chain_tests::{artifact, repo_root, Chain};
use rwa_gate_tests::backend::{evidence, Backend, Deployment};
use rwa_gate_tests::{digest, BOND, DAY};
use serde_json::{json, Value};

/// wasmd's default limit on a stored code's size (MaxWasmSize): the headroom is counted to it.
const MAX_WASM_SIZE: usize = 819_200;
/// Assets registered for `mint_10k_assets` (`RWA_GATE_GAS_ASSETS` lowers it for a quick run).
const ASSETS: u64 = 10_000;
/// Attestations posted for `mint_1k_attestations`.
const ATTESTATIONS: u64 = 1_000;
pub(crate) const ASSETS_PER_ENTITY: u64 = 25;
pub(crate) const MESSAGES_PER_TX: usize = 100;

struct Side {
    token: String,
    receiver: String,
}

pub(crate) fn exec(d: &mut Deployment<Chain>, who: &str, contract: &str, msg: Value) -> u64 {
    d.backend
        .execute_json(who, contract, serde_json::to_vec(&msg).unwrap())
        .unwrap_or_else(|e| panic!("{who} {msg}: {e}"))
        .gas_used
        .expect("a chain reports gas")
}

fn pair(gated: u64, baseline: Option<u64>) -> Value {
    match baseline {
        Some(b) => json!({
            "gated": gated,
            "baseline": b,
            "ratio": (gated as f64 / b as f64 * 10_000.0).round() / 10_000.0,
            "delta": gated as i64 - b as i64,
        }),
        None => json!({"gated": gated, "baseline": null, "ratio": null, "delta": null}),
    }
}

/// The gated token and cw20-base, each with a cw20 receiver, on one chain.
struct Setup {
    d: Deployment<Chain>,
    gated: Side,
    baseline: Side,
    base_code: u64,
    issuer: String,
    alice: String,
    bob: String,
}

fn setup() -> Setup {
    let mut d = Deployment::on(Chain::new()).with_standard_oracles().build();
    d.clear_for_issuance(BOND);
    let issuer = d.addr("issuer");
    let base_code = {
        let deployer = d.backend.net.account(1).unwrap();
        d.backend
            .client
            .store_code_once(&deployer, &artifact("cw20_base"))
            .unwrap()
    };
    let base = d.backend.instantiate(
        "owner",
        base_code,
        &json!({"name": "bond token", "symbol": "RWAT", "decimals": 6, "initial_balances": [],
                "mint": {"minter": issuer, "cap": "1000000000"}}),
        "cw20-base",
    );
    let gated = Side {
        token: d.token(BOND),
        receiver: d.backend.deploy_receiver(),
    };
    let baseline = Side {
        token: base,
        receiver: d.backend.deploy_receiver(),
    };
    let [alice, bob] = ["alice", "bob"].map(|n| d.addr(n));
    Setup {
        d,
        gated,
        baseline,
        base_code,
        issuer,
        alice,
        bob,
    }
}

impl Setup {
    /// Warms every signer and every account measured as "existing" on both tokens.
    fn warm(&mut self) {
        let (alice, bob) = (self.alice.clone(), self.bob.clone());
        for side in [&self.gated, &self.baseline] {
            let t = side.token.clone();
            let d = &mut self.d;
            exec(
                d,
                "issuer",
                &t,
                json!({"mint": {"recipient": alice, "amount": "1000"}}),
            );
            exec(
                d,
                "issuer",
                &t,
                json!({"mint": {"recipient": bob, "amount": "1000"}}),
            );
            exec(
                d,
                "alice",
                &t,
                json!({"transfer": {"recipient": bob, "amount": "1"}}),
            );
            exec(
                d,
                "alice",
                &t,
                json!({"send": {"contract": side.receiver, "amount": "1", "msg": "aGk="}}),
            );
            exec(d, "alice", &t, json!({"burn": {"amount": "1"}}));
        }
    }

    /// The same message on both tokens: (key, gated gas, cw20-base gas).
    fn measure(
        &mut self,
        key: &str,
        who: &str,
        msg: &dyn Fn(&Side) -> Value,
    ) -> (String, u64, u64) {
        let g = exec(&mut self.d, who, &self.gated.token, msg(&self.gated));
        let b = exec(&mut self.d, who, &self.baseline.token, msg(&self.baseline));
        println!(
            "{key:<24} gated {g:>9}  cw20-base {b:>9}  delta {:>+7}",
            g as i64 - b as i64
        );
        (key.to_string(), g, b)
    }

    /// The cw20 operations side by side: (key, gated, cw20-base), mint_existing_account second.
    fn operations(&mut self) -> Vec<(String, u64, u64)> {
        let (alice, bob) = (self.alice.clone(), self.bob.clone());
        let fresh = self.d.addr("fresh-holder");
        vec![
            self.measure(
                "mint_new_account",
                "issuer",
                &|_| json!({"mint": {"recipient": fresh, "amount": "100"}}),
            ),
            self.measure(
                "mint_existing_account",
                "issuer",
                &|_| json!({"mint": {"recipient": alice, "amount": "100"}}),
            ),
            self.measure(
                "transfer",
                "alice",
                &|_| json!({"transfer": {"recipient": bob, "amount": "10"}}),
            ),
            self.measure(
                "send",
                "alice",
                &|s| json!({"send": {"contract": s.receiver, "amount": "10", "msg": "aGk="}}),
            ),
            self.measure("burn", "alice", &|_| json!({"burn": {"amount": "10"}})),
        ]
    }

    /// Control: the same cw20-base code instantiated with the gated token's contract metadata
    /// (the registry as wasm admin, a label of the same length). wasmd reads a contract's info
    /// record (creator, admin, label) on every execution, at 3 gas per byte; this isolates that
    /// cost from the contract's own work. Only the creator still differs (the registry's 63
    /// characters against an account's 43). The gas of its warm transfer.
    fn transfer_control(&mut self) -> u64 {
        let gated_label = format!("rwa-gate token {BOND}");
        let d = &mut self.d;
        let control = {
            let deployer = d.backend.net.account(1).unwrap();
            let registry_addr = d.registry.clone();
            let label = format!("{:-<1$}", "cw20-base", gated_label.len());
            let msg = json!({"name": "bond token", "symbol": "RWAT", "decimals": 6,
                             "initial_balances": [],
                             "mint": {"minter": self.issuer, "cap": "1000000000"}});
            d.backend
                .client
                .instantiate(
                    &deployer,
                    self.base_code,
                    &msg,
                    &label,
                    Some(&registry_addr),
                )
                .expect("control instantiated")
                .0
        };
        for msg in [
            json!({"mint": {"recipient": self.alice, "amount": "1000"}}),
            json!({"mint": {"recipient": self.bob, "amount": "1000"}}),
        ] {
            exec(d, "issuer", &control, msg);
        }
        let transfer = json!({"transfer": {"recipient": self.bob, "amount": "1"}});
        exec(d, "alice", &control, transfer.clone());
        exec(d, "alice", &control, transfer)
    }

    /// A mint of 100 to alice on the gated token.
    fn mint_gated(&mut self) -> u64 {
        let msg = json!({"mint": {"recipient": self.alice, "amount": "100"}});
        exec(&mut self.d, "issuer", &self.gated.token, msg)
    }

    /// The first Filing attestation of a freshly registered asset.
    fn first_filing(&mut self) -> u64 {
        self.d
            .register_asset(
                "gas-asset",
                "acme",
                &[(rwa_gate_tests::HOLDCO, PartyRole::ControllingShareholder)],
            )
            .expect("asset registered");
        self.d
            .attest_filing("filer", "gas-asset")
            .expect("filing attested")
            .gas_used
            .unwrap()
    }

    /// 1,000 Filing attestations on `bond` (its own history), in multi-message transactions.
    fn post_attestations(&mut self) {
        let d = &mut self.d;
        let registry = d.registry.clone();
        let plan = d.asset(BOND).plan;
        let now = d.now();
        let filing = |i: u64| {
            RegistryMsg::Attest(AttestMsg {
                asset: BOND.into(),
                statement: StatementMsg::Filing {
                    filing_reference: format!("CSRC-2026-{i:05}"),
                    plan: plan.clone(),
                    approved_supply: 1_000_000u128.into(),
                },
                expires_at: now.plus_seconds(300 * DAY),
                evidence: evidence("filing receipt"),
            })
        };
        let mut posted = 0;
        while posted < ATTESTATIONS {
            let batch: Vec<_> = (posted..(posted + MESSAGES_PER_TX as u64).min(ATTESTATIONS))
                .map(filing)
                .collect();
            posted += batch.len() as u64;
            d.backend.execute_many("filer", &registry, &batch);
        }
        println!("    {posted} attestations posted");
    }

    /// `assets` assets (and their tokens) in the registry, in multi-message transactions.
    fn register_assets(&mut self, assets: u64) {
        let d = &mut self.d;
        let registry = d.registry.clone();
        let entities = assets.div_ceil(ASSETS_PER_ENTITY);
        let ids: Vec<String> = (0..entities).map(|e| format!("e{e:04}")).collect();
        for chunk in ids.chunks(MESSAGES_PER_TX) {
            let msgs: Vec<_> = chunk
                .iter()
                .map(|id| RegistryMsg::RegisterEntity { id: id.clone() })
                .collect();
            d.backend.execute_many("issuer", &registry, &msgs);
        }
        let mut done = 0;
        let mut started = std::time::Instant::now();
        while done < assets {
            let batch: Vec<_> = (done..(done + MESSAGES_PER_TX as u64).min(assets))
                .map(register_asset_msg)
                .collect();
            done += batch.len() as u64;
            d.backend.execute_many("issuer", &registry, &batch);
            if started.elapsed().as_secs() >= 30 || done == assets {
                println!("    {done} of {assets} assets registered");
                started = std::time::Instant::now();
            }
        }
    }

    /// Each code's size, its headroom under wasmd's limit, and the gas of storing it as the
    /// client stores it (`store_code`: a real transaction, so a new code id each run).
    fn codes(&mut self) -> Value {
        let mut codes = serde_json::Map::new();
        let deployer = self.d.backend.net.account(1).unwrap();
        for name in ["compliance_registry", "gated_token", "cw20_base"] {
            let wasm = artifact(name);
            // What the client sends: smaller than the wasm when it compresses the upload.
            let upload = rwa_gate_client::store_code_msg(&deployer, &wasm).unwrap();
            let upload_bytes = upload.value.len();
            let compressed = upload_bytes < wasm.len();
            let (code_id, outcome) = self.d.backend.client.store_code(&deployer, &wasm).unwrap();
            let headroom = MAX_WASM_SIZE as i64 - wasm.len() as i64;
            println!(
                "{name:<24} {:>9} bytes, headroom {headroom:>8} under {MAX_WASM_SIZE}, store {:>9} gas ({} upload of {upload_bytes} bytes, code {code_id})",
                wasm.len(),
                outcome.gas_used,
                if compressed { "compressed" } else { "uncompressed" }
            );
            codes.insert(
                name.into(),
                json!({"wasm_bytes": wasm.len(), "headroom_bytes": headroom,
                       "max_wasm_size": MAX_WASM_SIZE, "upload_bytes": upload_bytes,
                       "upload_compressed": compressed, "store_gas": outcome.gas_used}),
            );
        }
        Value::Object(codes)
    }
}

fn register_asset_msg(i: u64) -> RegistryMsg {
    RegistryMsg::RegisterAsset {
        id: format!("a{i:05}"),
        filing_entity: format!("e{:04}", i / ASSETS_PER_ENTITY),
        related_parties: Vec::<RelatedParty>::new(),
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: 1_000_000u128.into(),
            materials_digest: digest(&format!("plan {i}")),
            terms: None,
        },
        token: TokenSpec {
            name: format!("asset {i}"),
            symbol: "RWAT".into(),
            decimals: 6,
        },
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "-".to_string(),
        v => v.to_string(),
    }
}

/// The codes table of docs/GAS.md (`scripts/gas.sh` puts it between its markers).
fn codes_table(report: &serde_json::Map<String, Value>, assets: u64) -> String {
    let codes = &report["codes"];
    let compressed = codes["compliance_registry"]["upload_compressed"] == json!(true);
    let upload = if compressed {
        "compressed upload"
    } else {
        "uncompressed upload"
    };
    let mut table = format!(
        "Measured by `scripts/gas.sh` ({assets} assets registered), the client's {upload}:\n\n\
         | code | bytes | headroom under {MAX_WASM_SIZE} | store gas ({upload}) |\n|---|---:|---:|---:|\n"
    );
    for name in ["compliance_registry", "gated_token", "cw20_base"] {
        let c = &codes[name];
        table.push_str(&format!(
            "| {name} | {} | {} | {} |\n",
            show(&c["wasm_bytes"]),
            show(&c["headroom_bytes"]),
            show(&c["store_gas"])
        ));
    }
    table
}

/// The operations table of docs/GAS.md.
fn print_operations(report: &serde_json::Map<String, Value>) {
    println!("\n| operation | gated | cw20-base | ratio | delta |\n|---|---:|---:|---:|---:|");
    for key in [
        "mint_new_account",
        "mint_existing_account",
        "transfer",
        "send",
        "burn",
        "attest",
        "mint_10k_assets",
        "mint_1k_attestations",
        "transfer_without_terms",
        "transfer_with_terms",
        "transfer_with_limits",
        "mint_with_terms",
        "attest_eligibility",
        "transfer_10k_holders",
    ]
    .into_iter()
    .chain(oracles::ROWS)
    {
        let r = &report[key];
        println!(
            "| {key} | {} | {} | {} | {} |",
            show(&r["gated"]),
            show(&r["baseline"]),
            show(&r["ratio"]),
            show(&r["delta"])
        );
    }
}

/// The holder side's rows, against cw20-base's transfer and mint of this run.
fn holder_rows(
    s: &mut Setup,
    rows: &[(String, u64, u64)],
    report: &mut serde_json::Map<String, Value>,
) {
    let (mint_base, transfer_base) = (rows[1].2, rows[2].2);
    report.insert(
        "transfer_without_terms".into(),
        pair(rows[2].1, Some(transfer_base)),
    );
    holders::enrol(&mut s.d);
    let now = s.d.now();
    holders::register_termed(&mut s.d, holders::TERMED, holders::termed_terms(now));
    holders::register_termed(&mut s.d, holders::LIMITED, holders::limited_terms(now));
    let measured = [
        (
            "transfer_with_terms",
            holders::transfer(&mut s.d, holders::TERMED),
            Some(transfer_base),
        ),
        (
            "transfer_with_limits",
            holders::transfer(&mut s.d, holders::LIMITED),
            Some(transfer_base),
        ),
        (
            "mint_with_terms",
            holders::mint(&mut s.d, holders::TERMED),
            Some(mint_base),
        ),
        (
            "attest_eligibility",
            holders::attest_eligibility(&mut s.d),
            None,
        ),
    ];
    for (key, g, b) in measured {
        let delta = b.map(|b| format!("cw20-base {b:>9}  delta {:>+7}", g as i64 - b as i64));
        println!("{key:<24} gated {g:>9}  {}", delta.unwrap_or_default());
        report.insert(key.into(), pair(g, b));
    }
}

fn main() {
    let assets: u64 = std::env::var("RWA_GATE_GAS_ASSETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ASSETS)
        .max(oracles::ASSETS_NEEDED);
    let mut s = setup();
    s.warm();
    let mut report = serde_json::Map::new();
    // `RWA_GATE_GAS_ONLY=oracles`: only the oracle rows (and the single eligibility statement
    // they are measured against), for a quick look while working on the oracle path.
    if std::env::var("RWA_GATE_GAS_ONLY").as_deref() == Ok("oracles") {
        holders::enrol(&mut s.d);
        let single = holders::attest_eligibility(&mut s.d);
        report.insert("attest_eligibility".into(), pair(single, None));
        s.register_assets(oracles::ASSETS_NEEDED);
        oracles::rows(&mut s.d, &mut report);
        return;
    }
    let rows = s.operations();
    let mint_existing = rows[1].2;
    for (key, g, b) in &rows {
        report.insert(key.clone(), pair(*g, Some(*b)));
    }
    let c = s.transfer_control();
    let g = rows[2].1;
    println!(
        "{:<24} gated {g:>9}  cw20-base with its metadata {c:>9}  delta {:>+7}",
        "transfer_control",
        g as i64 - c as i64
    );
    report.insert("transfer_same_metadata".into(), pair(g, Some(c)));

    holder_rows(&mut s, &rows, &mut report);

    let attest = s.first_filing();
    println!("{:<24} gated {attest:>9}", "attest");
    report.insert("attest".into(), pair(attest, None));

    s.post_attestations();
    let g = s.mint_gated();
    println!(
        "{:<24} gated {g:>9}  (mint_existing_account {mint_existing})",
        "mint_1k_attestations"
    );
    report.insert("mint_1k_attestations".into(), pair(g, Some(rows[1].2)));

    s.register_assets(assets);
    let g = s.mint_gated();
    let msg = json!({"mint": {"recipient": s.alice, "amount": "100"}});
    let b = exec(&mut s.d, "issuer", &s.baseline.token, msg);
    println!(
        "{:<24} gated {g:>9}  cw20-base {b:>9}  (mint_existing_account {mint_existing})",
        "mint_10k_assets"
    );
    report.insert("mint_10k_assets".into(), pair(g, Some(b)));

    oracles::rows(&mut s.d, &mut report);

    holders::eligible_holders(&mut s.d, assets);
    let g = holders::transfer(&mut s.d, holders::TERMED);
    let small = report["transfer_with_terms"]["gated"].as_u64().unwrap_or(0);
    println!(
        "{:<24} gated {g:>9}  (transfer_with_terms {small})",
        "transfer_10k_holders"
    );
    report.insert("transfer_10k_holders".into(), holders::against(g, small));
    report.insert("holders_eligible".into(), json!(assets + 3));
    report.insert("assets_registered".into(), json!(assets + 2));
    report.insert("attestations_posted".into(), json!(ATTESTATIONS + 3));

    write_report(&mut s, report, assets);
}

/// The code sizes, the chain, the tables, and `artifacts/gas-report.json`.
fn write_report(s: &mut Setup, mut report: serde_json::Map<String, Value>, assets: u64) {
    report.insert("codes".into(), s.codes());
    report.insert(
        "chain".into(),
        json!({"node": "wasmd v0.70.3 (Cosmos SDK 0.54, CometBFT 0.39, wasmvm 3.0.7)",
               "chain_id": s.d.backend.net.config.chain_id, "gas": "gas_used of delivered transactions"}),
    );
    print_operations(&report);
    let codes = codes_table(&report, assets);
    println!("\n{codes}");
    let codes_path = repo_root().join("artifacts/gas-codes.md");
    std::fs::write(&codes_path, codes).unwrap();
    let path = repo_root().join("artifacts/gas-report.json");
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&Value::Object(report)).unwrap(),
    )
    .unwrap();
    println!("report: {}", path.display());
}
