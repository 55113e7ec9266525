//! VM gas of the gated token against cw20-base 2.0.0, both optimized wasm in cosmwasm-vm:
//! `scripts/gas.sh` builds `artifacts/cw20_base.wasm` and runs this. Writes
//! `artifacts/gas-report.json` and prints a Markdown table.
//!
//! The figures are CosmWasm (VM) gas of the contract's own call, measured with
//! `Instance::get_gas_left` before and after; no SDK gas (what users pay) is measured: the chain
//! app does not build here (docs/GAS.md). `RWA_GATE_GAS_ASSETS` sets the number of registered
//! assets of the `mint_10k_assets` case (default 10,000).

use std::time::Instant;

use cosmwasm_std::Uint128;
use rwa_gate::keys::{CLEARANCES, FREEZES, GATE};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{FlagReason, Subject};
use rwa_gate_vm_tests::scenario::*;
use rwa_gate_vm_tests::{artifact, artifact_path, Vm, VM};
use serde_json::{json, Value};

/// wasmd: VM gas per SDK gas, and the costs of a KV read (DESIGN.md).
const GAS_MULTIPLIER: u64 = 140_000;
const READ_FLAT: u64 = 1_000;
const READ_PER_BYTE: u64 = 3;
/// wasmd stores a contract's keys under 0x03 || its 32-byte address.
const CONTRACT_PREFIX: u64 = 33;

struct Token {
    vm: Vm,
    token: String,
    minter: String,
}

/// cw20-base 2.0.0 with the issuer as minter, in a VM of its own.
fn baseline() -> Token {
    let mut vm = Vm::new();
    let code = vm.store_code("cw20_base.wasm");
    let minter = vm.addr("issuer");
    let token = vm
        .instantiate(
            code,
            &minter,
            &json!({
                "name": "Baseline token", "symbol": "BASE", "decimals": 6,
                "initial_balances": [], "mint": {"minter": minter, "cap": null}, "marketing": null
            }),
        )
        .expect("cw20-base instantiates")
        .address
        .unwrap();
    Token { vm, token, minter }
}

fn exec(t: &mut Token, sender: &str, msg: &TokenMsg) -> u64 {
    let token = t.token.clone();
    t.vm.execute(&token, sender, msg)
        .unwrap_or_else(|e| panic!("{msg:?} failed: {e}"))
        .gas
}

fn mint(to: &str, amount: u128) -> TokenMsg {
    TokenMsg::Mint {
        recipient: to.to_string(),
        amount: Uint128::new(amount),
    }
}

fn transfer(to: &str, amount: u128) -> TokenMsg {
    TokenMsg::Transfer {
        recipient: to.to_string(),
        amount: Uint128::new(amount),
    }
}

fn send(to: &str, amount: u128) -> TokenMsg {
    TokenMsg::Send {
        contract: to.to_string(),
        amount: Uint128::new(amount),
        msg: br#"{"swap":{}}"#.into(),
    }
}

/// The cw20 operations, in the same order with the same accounts on either token.
fn cw20_ops(t: &mut Token) -> [u64; 4] {
    let (alice, bob, dex) = (t.vm.addr("alice"), t.vm.addr("bob"), t.vm.addr("dex"));
    let minter = t.minter.clone();
    let mint_new = exec(t, &minter, &mint(&alice, 1_000));
    let mint_existing = exec(t, &minter, &mint(&alice, 1_000));
    exec(t, &minter, &mint(&bob, 1)); // bob and dex hold tokens: moves between existing accounts
    exec(t, &minter, &mint(&dex, 1));
    let transfer = exec(t, &alice, &transfer(&bob, 10));
    let send = exec(t, &alice, &send(&dex, 10));
    [mint_new, mint_existing, transfer, send]
}

fn gated() -> (Deployment, Token) {
    let mut d = Deployment::new();
    d.clear_bond();
    let vm = std::mem::take(&mut d.vm);
    let token = Token {
        vm,
        token: d.token.clone(),
        minter: d.issuer.clone(),
    };
    (d, token)
}

fn ratio(gated: u64, baseline: Option<u64>) -> Value {
    match baseline {
        Some(b) => json!({
            "gated": gated, "baseline": b,
            "ratio": ((gated as f64 / b as f64) * 1000.0).round() / 1000.0,
            "delta": gated as i64 - b as i64,
        }),
        None => json!({"gated": gated, "baseline": null, "ratio": null, "delta": null}),
    }
}

fn size(name: &str) -> u64 {
    std::fs::metadata(artifact_path(name))
        .unwrap_or_else(|_| {
            artifact(name);
            unreachable!()
        })
        .len()
}

fn main() {
    let started = Instant::now();
    let assets: usize = std::env::var("RWA_GATE_GAS_ASSETS")
        .ok()
        .map(|v| v.parse().expect("RWA_GATE_GAS_ASSETS is a number"))
        .unwrap_or(10_000);

    // cw20 operations on both tokens.
    let mut base = baseline();
    let base_ops = cw20_ops(&mut base);
    let (d, mut gated_token) = gated();
    let gated_ops = cw20_ops(&mut gated_token);

    // One Filing attestation (a fresh deployment: the asset's first).
    let mut d2 = Deployment::new();
    let attest = d2.attest_filing(BOND, MAX_SUPPLY).unwrap().gas;

    // The bytes the gate reads: GATE and CLEARANCES at mint, FREEZES at transfer.
    let registry = d2.vm.storage(&d2.registry);
    d2.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    let gate_key = GATE.as_slice().to_vec();
    let clearance_key = CLEARANCES.key(BOND).to_vec();
    let freezes_key = FREEZES.key(BOND).to_vec();
    let gate_len = registry.read(&gate_key).map_or(0, |v| v.len());
    let clearance_len = registry.read(&clearance_key).map_or(0, |v| v.len());
    let freezes_absent = registry.read(&freezes_key).map_or(0, |v| v.len());
    let flag = d2
        .raise_flag(Subject::Asset(BOND.into()), FlagReason::OwnershipDispute)
        .unwrap();
    let freezes_one = registry.read(&freezes_key).map_or(0, |v| v.len());
    d2.clear_flag(flag).unwrap();
    drop(d);

    // A mint with 1,000 attestations posted on the asset.
    let mut d3 = Deployment::new();
    d3.clear_bond();
    let t = Instant::now();
    for _ in 1..1_000 {
        d3.attest_filing(BOND, MAX_SUPPLY).unwrap();
    }
    let holder = d3.vm.addr("holder");
    d3.issue(&holder, 1).unwrap();
    let mint_1k_attestations = d3.issue(&holder, 1).unwrap().gas;
    eprintln!("1,000 attestations posted in {:.1?}", t.elapsed());

    // A mint with `assets` registered assets (bond and assets - 1 others, 32 per entity).
    let mut d4 = Deployment::new();
    d4.clear_bond();
    let t = Instant::now();
    for i in 0..assets.saturating_sub(1) {
        if i.is_multiple_of(32) {
            d4.register_entity(&format!("entity-{}", i / 32)).unwrap();
        }
        d4.register_asset(&format!("asset-{i}"), &format!("entity-{}", i / 32), &[])
            .unwrap();
    }
    let holder = d4.vm.addr("holder");
    d4.issue(&holder, 1).unwrap();
    let mint_many_assets = d4.issue(&holder, 1).unwrap().gas;
    eprintln!("{} assets registered in {:.1?}", assets, t.elapsed());
    let registry_keys = d4.vm.storage(&d4.registry).len();

    let mut ops = serde_json::Map::new();
    let names = [
        "mint_new_account",
        "mint_existing_account",
        "transfer",
        "send",
    ];
    for (i, name) in names.iter().enumerate() {
        ops.insert(name.to_string(), ratio(gated_ops[i], Some(base_ops[i])));
    }
    ops.insert("attest".into(), ratio(attest, None));
    ops.insert(
        "mint_10k_assets".into(),
        ratio(mint_many_assets, Some(base_ops[1])),
    );
    ops.insert(
        "mint_1k_attestations".into(),
        ratio(mint_1k_attestations, Some(base_ops[1])),
    );

    // The estimate of the gate's SDK gas (wasmd defaults; not measured).
    let read = |key: usize, value: usize| {
        READ_FLAT + READ_PER_BYTE * (CONTRACT_PREFIX + key as u64 + value as u64)
    };
    let mint_reads = read(gate_key.len(), gate_len) + read(clearance_key.len(), clearance_len);
    let transfer_read = read(freezes_key.len(), freezes_absent);
    let vm_sdk = |op: usize| (gated_ops[op] as f64 - base_ops[op] as f64) / GAS_MULTIPLIER as f64;

    let report = json!({
        "unit": "cosmwasm-vm gas (not SDK gas; chain unavailable)",
        "vm": VM,
        "operations": Value::Object(ops.clone()),
        "mint_10k_assets_registered": assets,
        "mint_10k_assets_registry_keys": registry_keys,
        "wasm_bytes": {
            "compliance_registry": size("compliance_registry.wasm"),
            "gated_token": size("gated_token.wasm"),
            "cw20_base": size("cw20_base.wasm"),
        },
        "gate_reads_bytes": {
            "gate": {"key": gate_key.len(), "value": gate_len},
            "clearance": {"key": clearance_key.len(), "value": clearance_len},
            "freezes_absent": {"key": freezes_key.len(), "value": freezes_absent},
            "freezes_one_flag": {"key": freezes_key.len(), "value": freezes_one},
        },
        "sdk_gas_estimate": {
            "note": "estimate from wasmd defaults, not measured: reads 1,000 + 3/byte of \
                     key (with wasmd's 33-byte contract prefix) and value; VM gas / 140,000",
            "mint_gate_reads": mint_reads,
            "mint_vm_delta": vm_sdk(1),
            "mint_total_delta": mint_reads as f64 + vm_sdk(1),
            "transfer_freezes_read": transfer_read,
            "transfer_vm_delta": vm_sdk(2),
            "transfer_total_delta": transfer_read as f64 + vm_sdk(2),
        },
    });
    // The keys the issue asked for sit at the top level as well.
    let mut top = report.as_object().unwrap().clone();
    for (k, v) in ops {
        top.insert(k, v);
    }
    let out = artifact_path("gas-report.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&Value::Object(top.clone())).unwrap() + "\n",
    )
    .expect("write artifacts/gas-report.json");

    println!("| operation | gated token (VM gas) | cw20-base 2.0.0 (VM gas) | ratio | delta |");
    println!("|---|---:|---:|---:|---:|");
    for name in [
        "mint_new_account",
        "mint_existing_account",
        "transfer",
        "send",
        "attest",
        "mint_10k_assets",
        "mint_1k_attestations",
    ] {
        let v = &top[name];
        let fmt = |x: &Value| match x.as_i64() {
            Some(n) => group(n),
            None => x.as_f64().map_or("—".to_string(), |f| format!("{f:.2}")),
        };
        println!(
            "| {name} | {} | {} | {} | {} |",
            fmt(&v["gated"]),
            fmt(&v["baseline"]),
            fmt(&v["ratio"]),
            fmt(&v["delta"])
        );
    }
    println!();
    println!(
        "wasm bytes: compliance_registry {}, gated_token {}, cw20_base {}",
        size("compliance_registry.wasm"),
        size("gated_token.wasm"),
        size("cw20_base.wasm")
    );
    println!(
        "gate reads: GATE {}+{} B, CLEARANCES(bond) {}+{} B at mint; FREEZES(bond) {}+{} B \
         at transfer ({} B with one flag) (key+value, without wasmd's 33-byte prefix)",
        gate_key.len(),
        gate_len,
        clearance_key.len(),
        clearance_len,
        freezes_key.len(),
        freezes_absent,
        freezes_one
    );
    println!(
        "SDK gas estimate (not measured): mint +{:.0} (reads {mint_reads} + VM {:.0}), \
         transfer +{:.0} (read {transfer_read} + VM {:.0})",
        mint_reads as f64 + vm_sdk(1),
        vm_sdk(1),
        transfer_read as f64 + vm_sdk(2),
        vm_sdk(2)
    );
    println!(
        "{} registered assets for mint_10k_assets; wrote {}; {VM}; {:.1?}",
        assets,
        out.canonicalize().unwrap_or(out.clone()).display(),
        started.elapsed()
    );
}

fn group(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}
