use std::path::PathBuf;

use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{Api, Uint128};
use rwa_gate::{Approval, Evidence, InvestorClass, IssuancePlan, StatementMsg};
use serde_json::{json, Value};

use super::*;
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};

/// The fixed key of the vector (a test key: never use it for anything else).
const SECRET: &str = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
/// The vector, shared with the TypeScript client's test (clients/ts).
const VECTOR: &str = "tests/fixtures/signed-statement-vector.json";

fn vector_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(VECTOR)
}

fn evidence(byte: &str, uri: Option<&str>) -> Evidence {
    Evidence {
        digest: byte.repeat(32),
        uri: uri.map(str::to_string),
    }
}

/// One action of each kind, with optional fields both present and absent, so that the other
/// clients reproduce every rule of the JSON (field order, `null`s, fields left out).
fn actions() -> Vec<OracleAction> {
    vec![
        OracleAction::Attest(AttestMsg {
            asset: "bond-2026".into(),
            statement: StatementMsg::Approval {
                approval: Approval::CrossBorderInvestment,
                // Quotes, a backslash, control characters and non-ASCII letters: every rule of
                // the JSON strings' escaping (control characters as upper-case \u00XX).
                reference: "NDRC-2026-0042 \"«β»\"\t\u{1f}\\ \u{7f}".into(),
            },
            expires_at: Timestamp::from_seconds(1_800_000_000),
            evidence: evidence("ab", Some("https://oracle.example/e/1")),
        }),
        OracleAction::Attest(AttestMsg {
            asset: "bond-2026".into(),
            statement: StatementMsg::Filing {
                filing_reference: "CSRC-2026-7".into(),
                plan: IssuancePlan {
                    max_supply: Uint128::new(1_000_000_000),
                    materials_digest: "cd".repeat(32),
                    terms: None,
                    approvals: vec![Approval::ForeignExchange, Approval::DataSecurity],
                },
                approved_supply: Uint128::new(900_000_000),
            },
            expires_at: Timestamp::from_seconds(1_790_000_000),
            evidence: evidence("cd", None),
        }),
        OracleAction::Attest(AttestMsg {
            asset: "bond-2026".into(),
            statement: StatementMsg::Screening {
                negative_list_version: 3,
                subjects: vec!["acme".into(), "holdco".into()],
                lookback_from: Timestamp::from_seconds(1_600_000_000),
            },
            expires_at: Timestamp::from_seconds(1_770_000_000),
            evidence: evidence("ef", None),
        }),
        OracleAction::AttestEligibility(AttestEligibilityMsg {
            account: "wasm1holder".into(),
            holder: "12".repeat(32),
            class: InvestorClass::Professional,
            jurisdiction: "HK".into(),
            expires_at: Timestamp::from_seconds(1_780_000_000),
            evidence: evidence("34", None),
        }),
        OracleAction::Revoke(RevokeMsg {
            id: 17,
            evidence: evidence("56", Some("ipfs://bafy")),
        }),
        OracleAction::RevokeEligibility(RevokeEligibilityMsg {
            account: "wasm1lost".into(),
            evidence: evidence("78", None),
        }),
    ]
}

fn key() -> Wallet {
    Wallet::from_secret(&hex::decode(SECRET).unwrap(), "wasm").unwrap()
}

fn unsigned_of(actions: &[OracleAction]) -> Unsigned<'_> {
    Unsigned {
        chain_id: "rwa-gate-localnet",
        registry: "wasm14hj2tavq8fpesdwxxcu44rty3hh90vhujrvcmstl4zr3txmfvw9s0phg4d",
        oracle: "wasm1oracle",
        nonce: 1_733_000_000_000_001,
        deadline: Timestamp::from_seconds(1_764_600_000),
        actions,
    }
}

fn vector_json(u: &Unsigned, signed: &SignedStatement, key: &Wallet) -> Value {
    json!({
        "about": "A statement signed offline by rwa-gate-client (packages/rwa-gate-client/src/delegation/tests.rs); the TypeScript client signs the same document to the same bytes. A test key: never use it for anything else.",
        "secret_key": SECRET,
        "public_key": hex::encode(key.public_key_bytes()),
        "chain_id": u.chain_id,
        "registry": u.registry,
        "oracle": u.oracle,
        "nonce": u.nonce,
        "deadline": u.deadline,
        "actions": u.actions,
        "sign_bytes": String::from_utf8(u.sign_bytes().unwrap()).unwrap(),
        "digest": hex::encode(u.digest().unwrap()),
        "signature": hex::encode(signed.signature.as_slice()),
    })
}

#[test]
fn a_signed_statement_verifies_as_the_registry_checks_it() {
    let actions = actions();
    let u = unsigned_of(&actions);
    let key = key();
    let signed = u.sign(&key).unwrap();
    assert_eq!(signed.signature.len(), 64);
    let digest = u.digest().unwrap();
    let api = MockApi::default();
    let pk = key.public_key_bytes();
    assert_eq!(pk.len(), 33);
    assert!(api
        .secp256k1_verify(&digest, signed.signature.as_slice(), &pk)
        .unwrap());
    assert!(verify(&signed, u.chain_id, u.registry, &pk).unwrap());
    // Bound to the chain, the registry, the nonce and the actions.
    assert!(!verify(&signed, "rwa-gate-other", u.registry, &pk).unwrap());
    assert!(!verify(&signed, u.chain_id, "wasm1otherregistry", &pk).unwrap());
    let mut replayed = signed.clone();
    replayed.nonce += 1;
    assert!(!verify(&replayed, u.chain_id, u.registry, &pk).unwrap());
    let mut truncated = signed.clone();
    truncated.actions.pop();
    assert!(!verify(&truncated, u.chain_id, u.registry, &pk).unwrap());
    let other = Wallet::from_secret(&[7u8; 32], "wasm").unwrap();
    assert!(!verify(&signed, u.chain_id, u.registry, &other.public_key_bytes()).unwrap());
}

#[test]
fn signatures_are_deterministic_and_low_s() {
    // The order of the curve, halved: a low S is at most this.
    const HALF_ORDER: &str = "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0";
    let key = key();
    for nonce in 0..32u64 {
        let actions = actions();
        let u = Unsigned {
            nonce,
            ..unsigned_of(&actions)
        };
        let a = u.sign(&key).unwrap();
        assert_eq!(a, u.sign(&key).unwrap());
        let s = hex::encode(&a.signature.as_slice()[32..]);
        assert!(s.as_str() <= HALF_ORDER, "nonce {nonce}: high S {s}");
    }
}

/// The fixed vector: the same key and document always give these bytes. Written anew with
/// RWA_GATE_WRITE_VECTOR=1 (only when the sign bytes change on purpose).
#[test]
fn the_fixed_vector_signs_to_the_same_bytes() {
    let actions = actions();
    let u = unsigned_of(&actions);
    let key = key();
    let signed = u.sign(&key).unwrap();
    let fresh = vector_json(&u, &signed, &key);
    let path = vector_path();
    if std::env::var_os("RWA_GATE_WRITE_VECTOR").is_some() {
        let text = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(stored, fresh);
    // What the file holds reads back as the statement.
    let actions: Vec<OracleAction> = serde_json::from_value(stored["actions"].clone()).unwrap();
    assert_eq!(actions, u.actions);
}

#[test]
fn a_mnemonic_key_signs_too_and_clock_nonces_stay_exact_in_javascript() {
    let wallet = Wallet::from_mnemonic(
        "melody candy tennis desert bar dog love caution crop shield hood trouble hockey \
         nominee surface hazard bid novel mixed garbage ordinary mobile toss mechanic",
        0,
        "wasm",
    )
    .unwrap();
    assert_eq!(
        wallet.public_key_bytes(),
        wallet.public_key().to_bytes(),
        "the statement key is the account's key"
    );
    let actions = actions();
    let u = unsigned_of(&actions);
    let signed = u.sign(&wallet).unwrap();
    assert!(verify(&signed, u.chain_id, u.registry, &wallet.public_key_bytes()).unwrap());
    let (a, b) = (clock_nonce(), clock_nonce());
    assert!(a <= MAX_SAFE_NONCE && b >= a && a > 1_700_000_000_000_000);
}

#[test]
fn the_relay_file_reads_back() {
    let actions = actions();
    let u = unsigned_of(&actions);
    let key = key();
    let file = StatementFile {
        chain_id: u.chain_id.into(),
        registry: u.registry.into(),
        public_key: Binary::from(key.public_key_bytes()),
        statement: u.sign(&key).unwrap(),
    };
    let text = serde_json::to_string(&file).unwrap();
    assert_eq!(serde_json::from_str::<StatementFile>(&text).unwrap(), file);
    let bad = text.replacen("\"chain_id\"", "\"chain\"", 1);
    assert!(serde_json::from_str::<StatementFile>(&bad).is_err());
}
