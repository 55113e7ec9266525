//! The oracle rows: one attestation of each kind against a batch of them, and the same
//! statement posted directly and relayed (signed offline by the oracle's registered key).

use cosmwasm_std::Timestamp;
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg};
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, OracleAction};
use rwa_gate::{InvestorClass, Scopes, StatementMsg, LOOKBACK_SECONDS};
use rwa_gate_chain_tests::Chain;
use rwa_gate_tests::backend::{evidence, Deployment};
use rwa_gate_tests::oracles::{OracleKey, Unsigned};
use rwa_gate_tests::{digest, DAY};
use serde_json::{json, Value};

/// The oracle whose work is measured: screenings and eligibility statements.
const DESK: &str = "desk";
const DESK_SCOPES: Scopes = Scopes {
    filing: false,
    screening: true,
    flags: false,
    eligibility: true,
    orders: false,
    cross_border_investment: false,
    foreign_exchange: false,
    data_security: false,
};
pub const SCREENINGS_PER_BATCH: u64 = 50;
pub const ELIGIBILITY_PER_BATCH: u64 = 100;
/// The assets screened: registered by `register_assets` (`a00000` …), one subject each.
pub const ASSETS_NEEDED: u64 = 2 * SCREENINGS_PER_BATCH + 3;

fn asset(i: u64) -> String {
    format!("a{i:05}")
}

fn screening(d: &mut Deployment<Chain>, i: u64) -> OracleAction {
    let now = d.now();
    OracleAction::Attest(AttestMsg {
        asset: asset(i),
        statement: StatementMsg::Screening {
            negative_list_version: d.negative_list_version(),
            subjects: vec![format!("e{:04}", i / super::ASSETS_PER_ENTITY)],
            lookback_from: Timestamp::from_nanos(now.nanos() - LOOKBACK_SECONDS * 1_000_000_000),
        },
        expires_at: now.plus_seconds(30 * DAY),
        evidence: evidence(&format!("screening {i}")),
    })
}

fn eligibility(d: &mut Deployment<Chain>, i: u64) -> OracleAction {
    OracleAction::AttestEligibility(AttestEligibilityMsg {
        account: super::holders::holder_address(d, &format!("{i:05} desk's holder")),
        holder: digest(&format!("desk holder {i}")),
        class: InvestorClass::Professional,
        jurisdiction: "HK".into(),
        expires_at: d.now().plus_seconds(300 * DAY),
        evidence: evidence(&format!("kyc {i}")),
    })
}

fn gas(d: &mut Deployment<Chain>, who: &str, msg: &RegistryMsg) -> u64 {
    d.exec(who, msg)
        .unwrap_or_else(|e| panic!("{who}: {e}"))
        .gas_used
        .expect("a chain reports gas")
}

/// The single action as its own message (what an oracle sent before batches).
fn direct(action: OracleAction) -> RegistryMsg {
    RegistryMsg::from(action)
}

fn relay(d: &mut Deployment<Chain>, key: &OracleKey, nonce: u64, actions: &[OracleAction]) -> u64 {
    let oracle = d.addr(DESK);
    let registry = d.registry.clone();
    let chain_id = d.backend.net.config.chain_id.clone();
    let deadline = d.now().plus_seconds(3_600);
    let unsigned = Unsigned {
        oracle: &oracle,
        nonce,
        deadline,
        actions,
    };
    let statement = key.sign(&unsigned, &chain_id, &registry);
    gas(d, "alice", &RegistryMsg::Relay { statement })
}

/// A batch row: the whole transaction, its items, and the gas per item against one alone.
fn batch_row(whole: u64, items: u64, single: u64) -> Value {
    let per_item = whole / items;
    json!({"gated": whole, "baseline": single, "items": items, "per_item": per_item,
           "ratio": (per_item as f64 / single as f64 * 10_000.0).round() / 10_000.0,
           "delta": null})
}

/// Measures every oracle row into `report`. Needs `ASSETS_NEEDED` registered assets.
pub fn rows(d: &mut Deployment<Chain>, report: &mut serde_json::Map<String, Value>) {
    let address = d.addr(DESK);
    d.exec_owner(&RegistryMsg::AddOracle {
        address,
        scopes: DESK_SCOPES,
    })
    .expect("desk added");
    let key = OracleKey::from_seed("desk offline key");
    // The desk's first transaction (it also stores the account's public key).
    d.set_signing_key(DESK, &key).expect("key registered");

    let single = screening(d, 0);
    let attest_screening = gas(d, DESK, &direct(single));
    let actions: Vec<_> = (1..=SCREENINGS_PER_BATCH)
        .map(|i| screening(d, i))
        .collect();
    let batch = gas(d, DESK, &RegistryMsg::Batch { actions });
    report.insert(
        "attest_screening".into(),
        json!({"gated": attest_screening}),
    );
    report.insert(
        "batch_50_screenings".into(),
        batch_row(batch, SCREENINGS_PER_BATCH, attest_screening),
    );

    // Against the single statement of the holder rows: an account that had none, like these.
    let attest_eligibility = report["attest_eligibility"]["gated"].as_u64().unwrap_or(0);
    let actions: Vec<_> = (1..=ELIGIBILITY_PER_BATCH)
        .map(|i| eligibility(d, i))
        .collect();
    let batch = gas(d, DESK, &RegistryMsg::Batch { actions });
    report.insert(
        "batch_100_eligibility".into(),
        batch_row(batch, ELIGIBILITY_PER_BATCH, attest_eligibility),
    );

    // The same statement (a screening of a fresh asset, ids of one length) both ways.
    let first = SCREENINGS_PER_BATCH + 1;
    let statement = direct(screening(d, first));
    let direct_gas = gas(d, DESK, &statement);
    let actions = [screening(d, first + 1)];
    let relayed = relay(d, &key, 1, &actions);
    report.insert("attest_direct".into(), json!({"gated": direct_gas}));
    report.insert(
        "attest_relayed".into(),
        json!({"gated": relayed, "baseline": direct_gas,
               "delta": relayed as i64 - direct_gas as i64}),
    );
    let actions: Vec<_> = (first + 2..first + 2 + SCREENINGS_PER_BATCH)
        .map(|i| screening(d, i))
        .collect();
    let relayed_batch = relay(d, &key, 2, &actions);
    report.insert(
        "relayed_batch_50_screenings".into(),
        json!({"gated": relayed_batch, "items": SCREENINGS_PER_BATCH,
               "per_item_over_direct_batch":
                   (relayed_batch as i64 - report["batch_50_screenings"]["gated"].as_i64().unwrap_or(0))
                       / SCREENINGS_PER_BATCH as i64}),
    );
    for key in ROWS {
        println!("{key:<28} {}", report[key]);
    }
}

/// The rows this module writes, in the order of docs/GAS.md.
pub const ROWS: [&str; 6] = [
    "attest_screening",
    "batch_50_screenings",
    "batch_100_eligibility",
    "attest_direct",
    "attest_relayed",
    "relayed_batch_50_screenings",
];
