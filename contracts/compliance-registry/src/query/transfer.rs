//! The pre-flight of a movement: `check_transfer` runs the token's own judgement
//! (`rwa_gate::distribution::judge_with`), reading the statements here and the token's rules
//! and counters with raw queries.

use cosmwasm_std::{Addr, Deps, Env, StdResult, Uint128};
use rwa_gate::distribution::{
    judge_with, EligibilityRecord, HolderRecords, Holding, Movement, MovementQuery,
};
use rwa_gate::records::{
    decode_holder_count, eligibility_standing_key, TransferRules, HOLDER_COUNT_KEY,
};
use rwa_gate::{Denial, DistributionTerms, MovementDecision};

use crate::error::ContractError;
use crate::execute::load_asset;
use crate::state::{ASSETS, ELIGIBILITY, GATE};

/// The holder records as the registry sees them: its own statements and standings, and the
/// token's counters by raw query.
struct RegistryView<'a> {
    deps: Deps<'a>,
    token: &'a Addr,
}

impl HolderRecords for RegistryView<'_> {
    fn statement(&self, account: &Addr) -> StdResult<Option<EligibilityRecord>> {
        ELIGIBILITY.current(self.deps.storage, account.as_str())
    }

    fn stands(&self, enrolment: u64) -> StdResult<bool> {
        Ok(self
            .deps
            .storage
            .get(&eligibility_standing_key(enrolment))
            .is_some())
    }

    fn holding(&self, key: &[u8]) -> StdResult<Holding> {
        match self.deps.querier.query_wasm_raw(self.token, key)? {
            None => Ok(Holding::default()),
            Some(bytes) => Holding::decode(&bytes).map_err(|e| e.into_std()),
        }
    }

    fn holders(&self) -> StdResult<u32> {
        match self
            .deps
            .querier
            .query_wasm_raw(self.token, HOLDER_COUNT_KEY)?
        {
            None => Ok(0),
            Some(bytes) => decode_holder_count(&bytes).map_err(|e| e.into_std()),
        }
    }
}

/// The token's judgement of one movement of `token` under `terms`, read from here (the gate's
/// epoch is at hand, so a statement made under it needs no read of its oracle's standing).
fn judge(
    deps: Deps,
    env: &Env,
    token: &Addr,
    terms: &DistributionTerms,
    (movement, from, to): (Movement, Option<&Addr>, &Addr),
    amount: Uint128,
) -> Result<MovementDecision, ContractError> {
    let view = RegistryView { deps, token };
    let query = MovementQuery {
        now: env.block.time,
        terms,
        gate_epoch: Some(GATE.load(deps.storage)?.epoch),
        movement,
        from,
        to,
        amount,
    };
    Ok(judge_with(&view, &query)?.0)
}

/// The holder rule's reasons against a mint of `amount` to `recipient` (none when the asset's
/// token has no terms), as the token's mint judges them after the issuance rule.
pub fn mint_holder_reasons(
    deps: Deps,
    env: Env,
    asset: &str,
    recipient: &Addr,
    amount: Uint128,
) -> Result<Vec<Denial>, ContractError> {
    let Some(token) = ASSETS.may_load(deps.storage, asset)?.and_then(|a| a.token) else {
        return Ok(vec![]);
    };
    let Some(t) = TransferRules::query(&deps.querier, &token)?.terms else {
        return Ok(vec![]);
    };
    let reasons = judge(
        deps,
        &env,
        &token,
        &t.terms,
        (Movement::Mint, None, recipient),
        amount,
    )?
    .reasons;
    // The issuance rule already names a zero amount.
    Ok(reasons
        .into_iter()
        .filter(|r| *r != Denial::ZeroAmount)
        .collect())
}

pub fn check_transfer(
    deps: Deps,
    env: Env,
    asset: String,
    sender: String,
    recipient: String,
    amount: Uint128,
) -> Result<MovementDecision, ContractError> {
    let asset = load_asset(deps.storage, &asset)?;
    let token = asset
        .token
        .ok_or(ContractError::TokenNotSet { asset: asset.id })?;
    let sender = deps.api.addr_validate(&sender)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    let rules = TransferRules::query(&deps.querier, &token)?;
    let mut decision = match &rules.terms {
        Some(t) => judge(
            deps,
            &env,
            &token,
            &t.terms,
            (Movement::Transfer, Some(&sender), &recipient),
            amount,
        )?,
        None => MovementDecision {
            allowed: true,
            reasons: if amount.is_zero() {
                vec![Denial::ZeroAmount]
            } else {
                vec![]
            },
        },
    };
    // A freeze refuses before any holder check; the pre-flight names it first.
    if !rules.frozen.is_empty() {
        decision.reasons.insert(
            0,
            Denial::TransfersFrozen {
                flags: rules.frozen,
            },
        );
    }
    decision.allowed = decision.reasons.is_empty();
    Ok(decision)
}
