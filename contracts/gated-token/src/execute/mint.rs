//! Mint, gated by the registry's clearance of the asset.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};
use rwa_gate::policy::join_ids;
use rwa_gate::records::{CLEARANCES, GATE};
use rwa_gate::{evaluate, IssuanceRequest, Movement};

use super::{credit, holders};
use crate::error::ContractError;
use crate::state::{Supply, TOKEN_ROUTE};

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
    let route = TOKEN_ROUTE.load(deps.storage)?;
    let mut supply = Supply::load(deps.storage)?;
    // Two raw reads of the registry's storage: no second contract instance. Any failure to
    // read denies (fail closed); an absent clearance is judged by `evaluate` (UnknownAsset).
    let gate = GATE
        .query(&deps.querier, route.registry.clone())
        .map_err(|_| ContractError::RegistryUnreadable {})?;
    let clearance = CLEARANCES
        .query(&deps.querier, route.registry.clone(), &route.asset)
        .map_err(|_| ContractError::RegistryUnreadable {})?;
    let decision = evaluate(
        &gate,
        clearance.as_ref(),
        &IssuanceRequest {
            now: env.block.time,
            amount,
            minted: supply.minted,
            minter: Some(&info.sender),
            token: Some(&env.contract.address),
        },
    );
    if !decision.allowed {
        return Err(ContractError::IssuanceDenied {
            reasons: decision.reasons,
        });
    }

    // Who may hold: the receiver must stand under the plan's distribution terms.
    let writes = match &route.terms {
        Some(terms) => holders::enforce(
            deps.as_ref(),
            env.block.time,
            holders::Rules {
                registry: &route.registry,
                terms,
                gate_epoch: Some(gate.epoch),
            },
            Movement::Mint,
            None,
            &rcpt,
            amount,
        )?,
        None => None,
    };
    credit(deps.storage, &rcpt, amount)?;
    if let Some(writes) = writes {
        writes.save(deps.storage);
    }
    supply.total = supply.total.checked_add(amount)?;
    supply.minted = supply.minted.checked_add(amount)?;
    supply.save(deps.storage);

    // The receipt names the attestations this mint relied on.
    Ok(Response::new()
        .add_attribute("action", "mint")
        .add_attribute("asset", route.asset)
        .add_attribute("to", rcpt)
        .add_attribute("amount", amount.to_string())
        .add_attribute("minted", supply.minted.to_string())
        .add_attribute("filings", join_ids(&decision.filings))
        .add_attribute("screenings", join_ids(&decision.screenings)))
}
