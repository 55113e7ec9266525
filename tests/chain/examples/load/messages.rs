//! The attestations the load sends, in the dialect of the registry that receives them.
//!
//! Only the Filing statement differs between the releases the driver meets: release v0.2.0
//! names the plan by its digest (`plan_digest`), the current contracts want the whole plan
//! (`plan: {max_supply, materials_digest}`, this checkout's `StatementMsg`). The v0.2.0 form is written out here as JSON, so that it stays
//! what that release accepts whatever this checkout's types become.

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, InstantiateMsg, NegativeListInit};
use rwa_gate::{AttestationKind, Evidence, IssuancePlan, Params, StatementMsg};
use serde_json::{json, Value};

use crate::args::Dialect;
use crate::{hex_digest, MAX_SUPPLY};
use rwa_gate::registry::AttestMsg;

/// One attestation of the load: what, on which asset, until when.
pub struct AttestSpec<'a> {
    pub asset: &'a str,
    pub kind: AttestationKind,
    /// Evidence digest: distinct per transaction, so each one is found again by it.
    pub digest: &'a str,
    pub expires_at: Timestamp,
    pub lookback_from: Timestamp,
}

/// The materials digest of the plan each load asset is registered with.
pub fn plan_digest(asset: &str) -> String {
    hex_digest(&format!("plan of {asset}"))
}

fn filing_reference(asset: &str) -> String {
    format!("CSRC-LOAD-{asset}")
}

/// The entity a load asset's screening covers (its filing entity).
fn screened_subject(asset: &str) -> String {
    asset.replace("asset-", "issuer-")
}

/// The `attest` message for `spec`, as the registry of `dialect` reads it.
pub fn attest(dialect: Dialect, spec: &AttestSpec) -> Value {
    match dialect {
        Dialect::V0_2 => attest_v0_2(spec),
        // Plain data: serialising it cannot fail.
        Dialect::Current => serde_json::to_value(attest_current(spec)).unwrap_or(Value::Null),
    }
}

fn attest_current(spec: &AttestSpec) -> RegistryMsg {
    let statement = match spec.kind {
        AttestationKind::Filing => StatementMsg::Filing {
            filing_reference: filing_reference(spec.asset),
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: plan_digest(spec.asset),
                terms: None,
            },
            approved_supply: Uint128::new(MAX_SUPPLY),
        },
        AttestationKind::Screening => StatementMsg::Screening {
            negative_list_version: 1,
            subjects: vec![screened_subject(spec.asset)],
            lookback_from: spec.lookback_from,
        },
        other => panic!("the load attests filings and screenings, not {other}"),
    };
    RegistryMsg::Attest(AttestMsg {
        asset: spec.asset.to_string(),
        statement,
        expires_at: spec.expires_at,
        evidence: Evidence {
            digest: spec.digest.to_string(),
            uri: None,
        },
    })
}

/// Release v0.2.0's `attest`: timestamps and amounts as decimal strings, as cw_serde writes them.
fn attest_v0_2(spec: &AttestSpec) -> Value {
    let statement = match spec.kind {
        AttestationKind::Filing => json!({"filing": {
            "filing_reference": filing_reference(spec.asset),
            "plan_digest": plan_digest(spec.asset),
            "approved_supply": MAX_SUPPLY.to_string(),
        }}),
        AttestationKind::Screening => json!({"screening": {
            "negative_list_version": 1,
            "subjects": [screened_subject(spec.asset)],
            "lookback_from": spec.lookback_from.nanos().to_string(),
        }}),
        other => panic!("the load attests filings and screenings, not {other}"),
    };
    json!({"attest": {
        "asset": spec.asset,
        "statement": statement,
        "expires_at": spec.expires_at.nanos().to_string(),
        "evidence": {"digest": spec.digest, "uri": null},
    }})
}

/// The registry's `instantiate` for the load: flags cleared by one other oracle, negative list
/// version 1, default validity.
pub fn instantiate(dialect: Dialect, token_code_id: u64) -> Value {
    let list_digest = hex_digest("negative list v1");
    match dialect {
        Dialect::V0_2 => json!({
            "owner": null,
            "pauser": null,
            "token_code_id": token_code_id,
            "params": {
                "attestation_quorum": 1,
                "flag_quorum": 1,
                "max_validity": {"filing": 365 * 86_400, "screening": 90 * 86_400},
            },
            "negative_list": {"version": 1, "digest": list_digest},
        }),
        Dialect::Current => serde_json::to_value(InstantiateMsg {
            owner: None,
            pauser: None,
            token_code_id,
            params: Some(Params {
                flag_quorum: 1,
                ..Params::default()
            }),
            negative_list: NegativeListInit {
                version: 1,
                digest: list_digest,
            },
        })
        .unwrap_or(Value::Null),
    }
}
