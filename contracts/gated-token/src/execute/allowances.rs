//! Allowances and the spender's TransferFrom, SendFrom and BurnFrom, with cw20-base semantics.
//! Both allowance maps are written together on every path so they never disagree.

use cosmwasm_std::{
    Addr, Binary, BlockInfo, DepsMut, Env, MessageInfo, Response, Storage, Uint128,
};
use rwa_gate::cw20::{AllowanceResponse, Cw20ReceiveMsg, Expiration};

use super::{debit, move_checked};
use crate::error::ContractError;
use crate::state::{Supply, ALLOWANCES, ALLOWANCES_SPENDER};

fn save_allowance(
    storage: &mut dyn Storage,
    owner: &Addr,
    spender: &Addr,
    allowance: &AllowanceResponse,
) -> Result<(), ContractError> {
    ALLOWANCES.save(storage, (owner, spender), allowance)?;
    ALLOWANCES_SPENDER.save(storage, (spender, owner), allowance)?;
    Ok(())
}

/// Zero amounts are accepted, as in cw20-base: they update the expiration only.
pub fn increase_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    let spender_addr = deps.api.addr_validate(&spender)?;
    if spender_addr == info.sender {
        return Err(ContractError::CannotSetOwnAccount {});
    }
    let key = (&info.sender, &spender_addr);
    let mut allowance = ALLOWANCES.may_load(deps.storage, key)?.unwrap_or_default();
    if let Some(exp) = expires {
        if exp.is_expired(&env.block) {
            return Err(ContractError::InvalidExpiration {});
        }
        allowance.expires = exp;
    }
    allowance.allowance = allowance.allowance.checked_add(amount)?;
    save_allowance(deps.storage, &info.sender, &spender_addr, &allowance)?;
    Ok(Response::new()
        .add_attribute("action", "increase_allowance")
        .add_attribute("owner", info.sender)
        .add_attribute("spender", spender_addr)
        .add_attribute("amount", amount.to_string()))
}

/// Decreasing to zero or below removes the allowance from both maps.
pub fn decrease_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    let spender_addr = deps.api.addr_validate(&spender)?;
    if spender_addr == info.sender {
        return Err(ContractError::CannotSetOwnAccount {});
    }
    let key = (&info.sender, &spender_addr);
    let mut allowance = ALLOWANCES
        .may_load(deps.storage, key)?
        .ok_or(ContractError::NoAllowance {})?;
    if amount < allowance.allowance {
        allowance.allowance = allowance.allowance.checked_sub(amount)?;
        if let Some(exp) = expires {
            if exp.is_expired(&env.block) {
                return Err(ContractError::InvalidExpiration {});
            }
            allowance.expires = exp;
        }
        save_allowance(deps.storage, &info.sender, &spender_addr, &allowance)?;
    } else {
        ALLOWANCES.remove(deps.storage, key);
        ALLOWANCES_SPENDER.remove(deps.storage, (&spender_addr, &info.sender));
    }
    Ok(Response::new()
        .add_attribute("action", "decrease_allowance")
        .add_attribute("owner", info.sender)
        .add_attribute("spender", spender_addr)
        .add_attribute("amount", amount.to_string()))
}

/// Spends `amount` of the allowance `owner` gave `spender`. A spent-out allowance stays at zero,
/// as in cw20-base.
pub(crate) fn deduct_allowance(
    storage: &mut dyn Storage,
    owner: &Addr,
    spender: &Addr,
    block: &BlockInfo,
    amount: Uint128,
) -> Result<(), ContractError> {
    let mut allowance = ALLOWANCES
        .may_load(storage, (owner, spender))?
        .ok_or(ContractError::NoAllowance {})?;
    if allowance.expires.is_expired(block) {
        return Err(ContractError::Expired {});
    }
    allowance.allowance = allowance.allowance.checked_sub(amount)?;
    save_allowance(storage, owner, spender, &allowance)
}

pub fn transfer_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let owner_addr = deps.api.addr_validate(&owner)?;
    let rcpt = deps.api.addr_validate(&recipient)?;
    move_checked(
        deps,
        &env.block,
        &owner_addr,
        &rcpt,
        Some(&info.sender),
        amount,
    )?;
    Ok(Response::new()
        .add_attribute("action", "transfer_from")
        .add_attribute("from", owner_addr)
        .add_attribute("to", rcpt)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount.to_string()))
}

pub fn send_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let owner_addr = deps.api.addr_validate(&owner)?;
    let rcpt = deps.api.addr_validate(&contract)?;
    move_checked(
        deps,
        &env.block,
        &owner_addr,
        &rcpt,
        Some(&info.sender),
        amount,
    )?;
    // The receiver is told the spender sent, as cw20-base does.
    let receive = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount,
        msg,
    }
    .into_cosmos_msg(rcpt.to_string())?;
    Ok(Response::new()
        .add_message(receive)
        .add_attribute("action", "send_from")
        .add_attribute("from", owner_addr)
        .add_attribute("to", rcpt)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount.to_string()))
}

/// Not frozen, like `burn`; lowers the supply but not `minted`.
pub fn burn_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let owner_addr = deps.api.addr_validate(&owner)?;
    let mut supply = Supply::load(deps.storage)?;
    deduct_allowance(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    debit(deps.storage, &owner_addr, amount)?;
    supply.total = supply.total.checked_sub(amount)?;
    supply.save(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "burn_from")
        .add_attribute("from", owner_addr)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount.to_string()))
}
