//! The messages behind the harness's verbs, written once: [`crate::backend::Deployment`] builds
//! every registry and token message of its verbs through these functions, on either backend, and
//! the sweeps and scenarios that need a verb's message itself take it from here.

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{FlagReason, IssuancePlan, PartyRole, RelatedParty, StatementMsg, Subject};

use crate::{digest, evidence, MAX_SUPPLY};
use rwa_gate::registry::AttestMsg;

/// The seed of the digest of the plan an asset is registered with.
pub fn first_plan_seed(asset: &str) -> String {
    format!("{asset}-plan-v1")
}

pub fn related_parties(parties: &[(&str, PartyRole)]) -> Vec<RelatedParty> {
    parties
        .iter()
        .map(|(e, role)| RelatedParty {
            entity: e.to_string(),
            role: *role,
        })
        .collect()
}

/// Registers asset `id` with the standard plan (`MAX_SUPPLY`, [`first_plan_seed`]) and token.
pub fn register_asset(id: &str, filing_entity: &str, parties: &[(&str, PartyRole)]) -> RegistryMsg {
    RegistryMsg::RegisterAsset {
        id: id.into(),
        filing_entity: filing_entity.into(),
        related_parties: related_parties(parties),
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(MAX_SUPPLY),
            materials_digest: digest(&first_plan_seed(id)),
            terms: None,
        },
        token: TokenSpec {
            name: format!("{id} token"),
            symbol: "RWAT".into(),
            decimals: 6,
        },
    }
}

/// Replaces the asset's plan: `max_supply`, and the digest made from `seed`.
pub fn update_plan(asset: &str, max_supply: u128, seed: &str) -> RegistryMsg {
    RegistryMsg::UpdatePlan {
        asset: asset.into(),
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(max_supply),
            materials_digest: digest(seed),
            terms: None,
        },
    }
}

/// `oracle`'s Filing of `plan` (which it names whole), approving `approved_supply`.
pub fn attest_filing(
    oracle: &str,
    asset: &str,
    plan: IssuancePlan,
    approved_supply: u128,
    expires_at: Timestamp,
) -> RegistryMsg {
    RegistryMsg::Attest(AttestMsg {
        asset: asset.into(),
        statement: StatementMsg::Filing {
            filing_reference: format!("CSRC-2026-{asset}"),
            plan,
            approved_supply: Uint128::new(approved_supply),
        },
        expires_at,
        evidence: evidence(&format!("filing-{asset}-{oracle}")),
    })
}

/// `oracle`'s Screening of `subjects` against negative list `version`, from `lookback_from`.
pub fn attest_screening(
    oracle: &str,
    asset: &str,
    version: u64,
    subjects: Vec<String>,
    lookback_from: Timestamp,
    expires_at: Timestamp,
) -> RegistryMsg {
    RegistryMsg::Attest(AttestMsg {
        asset: asset.into(),
        statement: StatementMsg::Screening {
            negative_list_version: version,
            subjects,
            lookback_from,
        },
        expires_at,
        evidence: evidence(&format!("screening-{asset}-{oracle}")),
    })
}

pub fn raise_flag(subject: Subject, reason: FlagReason) -> RegistryMsg {
    RegistryMsg::RaiseFlag {
        subject,
        reason,
        evidence: evidence("adverse finding"),
    }
}

pub fn clear_flag(id: u64) -> RegistryMsg {
    RegistryMsg::ClearFlag {
        id,
        conclusion: evidence("investigation concluded"),
    }
}

pub fn mint(recipient: String, amount: u128) -> TokenMsg {
    TokenMsg::Mint {
        recipient,
        amount: Uint128::new(amount),
    }
}

pub fn transfer(recipient: String, amount: u128) -> TokenMsg {
    TokenMsg::Transfer {
        recipient,
        amount: Uint128::new(amount),
    }
}
