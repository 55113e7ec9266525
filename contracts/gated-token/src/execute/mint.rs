//! Mint, gated by the registry's clearance of the asset.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};
use rwa_gate::keys::{CLEARANCES, GATE};
use rwa_gate::policy::join_ids;
use rwa_gate::{evaluate, IssuanceRequest};

use super::credit;
use crate::error::ContractError;
use crate::state::TOKEN_STATE;

/// `evaluate` is the single judge (zero amount, minter, token, cap included), so the token
/// refuses exactly when the registry's `check_issuance` denies.
pub fn mint(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let rcpt = deps.api.addr_validate(&recipient)?;
    let mut state = TOKEN_STATE.load(deps.storage)?;
    // Two raw reads of the registry's storage: no second contract instance. Any failure to
    // read denies (fail closed); an absent clearance is judged by `evaluate` (UnknownAsset).
    let gate = GATE
        .query(&deps.querier, state.registry.clone())
        .map_err(|_| ContractError::RegistryUnreadable {})?;
    let clearance = CLEARANCES
        .query(&deps.querier, state.registry.clone(), &state.asset)
        .map_err(|_| ContractError::RegistryUnreadable {})?;
    let decision = evaluate(
        &gate,
        clearance.as_ref(),
        &IssuanceRequest {
            now: env.block.time,
            amount,
            minted: state.minted,
            minter: Some(&info.sender),
            token: Some(&env.contract.address),
        },
    );
    if !decision.allowed {
        return Err(ContractError::IssuanceDenied {
            reasons: decision.reasons,
        });
    }

    credit(deps.storage, &rcpt, amount)?;
    state.total_supply = state.total_supply.checked_add(amount)?;
    state.minted = state.minted.checked_add(amount)?;
    TOKEN_STATE.save(deps.storage, &state)?;

    // The receipt names the attestations this mint relied on.
    Ok(Response::new()
        .add_attribute("action", "mint")
        .add_attribute("asset", state.asset)
        .add_attribute("to", rcpt)
        .add_attribute("amount", amount.to_string())
        .add_attribute("minted", state.minted.to_string())
        .add_attribute("filings", join_ids(&decision.filings))
        .add_attribute("screenings", join_ids(&decision.screenings)))
}
