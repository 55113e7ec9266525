//! Transfer, Send and Burn by the holder.

use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response, Uint128};
use rwa_gate::cw20::Cw20ReceiveMsg;

use super::{debit, move_checked};
use crate::error::ContractError;
use crate::state::Supply;

pub fn transfer(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let rcpt = deps.api.addr_validate(&recipient)?;
    move_checked(deps, &env.block, &info.sender, &rcpt, None, amount)?;
    Ok(Response::new()
        .add_attribute("action", "transfer")
        .add_attribute("from", info.sender)
        .add_attribute("to", rcpt)
        .add_attribute("amount", amount.to_string()))
}

pub fn send(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let rcpt = deps.api.addr_validate(&contract)?;
    move_checked(deps, &env.block, &info.sender, &rcpt, None, amount)?;
    let receive = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount,
        msg,
    }
    .into_cosmos_msg(rcpt.to_string())?;
    Ok(Response::new()
        .add_message(receive)
        .add_attribute("action", "send")
        .add_attribute("from", info.sender)
        .add_attribute("to", rcpt)
        .add_attribute("amount", amount.to_string()))
}

/// Not frozen: a holder may always destroy tokens. Burns lower the supply but not `minted`, so
/// they never free room under the issuance cap.
pub fn burn(deps: DepsMut, info: MessageInfo, amount: Uint128) -> Result<Response, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let mut supply = Supply::load(deps.storage)?;
    debit(deps.storage, &info.sender, amount)?;
    supply.total = supply.total.checked_sub(amount)?;
    supply.save(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "burn")
        .add_attribute("from", info.sender)
        .add_attribute("amount", amount.to_string()))
}
