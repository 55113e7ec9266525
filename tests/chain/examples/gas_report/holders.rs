//! The holder side's rows: transfers and mints on assets whose plans carry distribution terms,
//! one eligibility attestation, and a transfer once 10,000 holders are eligible.

use cosmrs::AccountId;
use rwa_gate::registry::ExecuteMsg as RegistryMsg;
use rwa_gate::{DistributionTerms, InvestorClass, OutflowLimit};
use rwa_gate_chain_tests::Chain;
use rwa_gate_tests::backend::{evidence, Deployment};
use rwa_gate_tests::holders::{professional_terms, KYC};
use rwa_gate_tests::{digest, ACME, DAY, ELIGIBILITY, HOLDCO};
use serde_json::{json, Value};

use super::{exec, MESSAGES_PER_TX};
use rwa_gate::registry::AttestEligibilityMsg;

/// Terms with classes, excluded jurisdictions and a lock-up already over.
pub const TERMED: &str = "termed";
/// The same, with every per-holder limit on (holders, balance, outflow per period).
pub const LIMITED: &str = "limited";

pub fn termed_terms(now: cosmwasm_std::Timestamp) -> DistributionTerms {
    DistributionTerms {
        lockup_until: Some(now),
        ..professional_terms()
    }
}

pub fn limited_terms(now: cosmwasm_std::Timestamp) -> DistributionTerms {
    DistributionTerms {
        max_holders: Some(100_000),
        max_balance: Some(1_000_000_000u128.into()),
        max_outflow: Some(OutflowLimit {
            amount: 1_000_000_000u128.into(),
            period_seconds: DAY,
        }),
        ..termed_terms(now)
    }
}

/// Registers `asset` with `terms`, clears it for issuance, and warms alice's and bob's
/// accounts on its token (each already eligible).
pub fn register_termed(d: &mut Deployment<Chain>, asset: &str, terms: DistributionTerms) {
    d.register_asset(
        asset,
        ACME,
        &[(HOLDCO, rwa_gate::PartyRole::ControllingShareholder)],
    )
    .expect("asset registered");
    d.set_terms(asset, Some(terms)).expect("terms set");
    d.clear_for_issuance(asset);
    let token = d.token(asset);
    let (alice, bob) = (d.addr("alice"), d.addr("bob"));
    exec(
        d,
        "issuer",
        &token,
        json!({"mint": {"recipient": alice, "amount": "1000"}}),
    );
    exec(
        d,
        "issuer",
        &token,
        json!({"mint": {"recipient": bob, "amount": "1000"}}),
    );
    exec(
        d,
        "alice",
        &token,
        json!({"transfer": {"recipient": bob, "amount": "1"}}),
    );
}

/// Enrols the eligibility oracle and states alice and bob eligible (one holder each).
pub fn enrol(d: &mut Deployment<Chain>) {
    let kyc = d.addr(KYC);
    d.exec_owner(&RegistryMsg::AddOracle {
        address: kyc,
        scopes: ELIGIBILITY,
    })
    .expect("eligibility oracle added");
    d.eligible("alice", "A");
    d.eligible("bob", "B");
}

/// One eligibility statement of an account that had none.
pub fn attest_eligibility(d: &mut Deployment<Chain>) -> u64 {
    d.attest_eligibility(KYC, "gas-holder", "G", InvestorClass::Professional, "HK")
        .expect("eligibility attested")
        .gas_used
        .expect("a chain reports gas")
}

/// The address made from `seed` (its first 20 bytes tell addresses apart), an account that
/// never signs (no key needed to be eligible).
pub fn holder_address(d: &mut Deployment<Chain>, seed: &str) -> String {
    let prefix = d.addr("alice");
    let prefix = prefix.split('1').next().unwrap_or("wasm").to_string();
    let bytes = digest(seed);
    let raw: Vec<u8> = (0..20)
        .map(|j| u8::from_str_radix(&bytes[2 * j..2 * j + 2], 16).unwrap())
        .collect();
    AccountId::new(&prefix, &raw).unwrap().to_string()
}

/// Addresses of `count` holders that never sign.
fn holder_addresses(d: &mut Deployment<Chain>, count: u64) -> Vec<String> {
    (0..count)
        .map(|i| holder_address(d, &format!("holder account {i}")))
        .collect()
}

/// `count` more eligible holders, each its own holder id, in multi-message transactions.
pub fn eligible_holders(d: &mut Deployment<Chain>, count: u64) {
    let registry = d.registry.clone();
    let expires_at = d.now().plus_seconds(300 * DAY);
    let accounts = holder_addresses(d, count);
    let mut started = std::time::Instant::now();
    for (n, chunk) in accounts.chunks(MESSAGES_PER_TX).enumerate() {
        let msgs: Vec<_> = chunk
            .iter()
            .enumerate()
            .map(|(i, account)| {
                RegistryMsg::AttestEligibility(AttestEligibilityMsg {
                    account: account.clone(),
                    holder: digest(&format!("many holder {n} {i}")),
                    class: InvestorClass::Professional,
                    jurisdiction: "HK".into(),
                    expires_at,
                    evidence: evidence("kyc file"),
                })
            })
            .collect();
        d.backend.execute_many(KYC, &registry, &msgs);
        let done = (n + 1) * MESSAGES_PER_TX;
        if started.elapsed().as_secs() >= 30 || done as u64 >= count {
            println!(
                "    {} of {count} holders eligible",
                done.min(count as usize)
            );
            started = std::time::Instant::now();
        }
    }
}

/// A transfer of 10 from alice to bob on `asset`'s token.
pub fn transfer(d: &mut Deployment<Chain>, asset: &str) -> u64 {
    let token = d.token(asset);
    let bob = d.addr("bob");
    exec(
        d,
        "alice",
        &token,
        json!({"transfer": {"recipient": bob, "amount": "10"}}),
    )
}

/// A mint of 100 to alice on `asset`'s token.
pub fn mint(d: &mut Deployment<Chain>, asset: &str) -> u64 {
    let token = d.token(asset);
    let alice = d.addr("alice");
    exec(
        d,
        "issuer",
        &token,
        json!({"mint": {"recipient": alice, "amount": "100"}}),
    )
}

/// `{gated, baseline}` where the baseline is another gated figure (the small case).
pub fn against(gated: u64, small: u64) -> Value {
    json!({"gated": gated, "baseline": small,
           "ratio": (gated as f64 / small as f64 * 10_000.0).round() / 10_000.0,
           "delta": gated as i64 - small as i64})
}
