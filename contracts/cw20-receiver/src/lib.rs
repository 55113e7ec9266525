//! A cw20 receiver for tests on both backends: it records every `Cw20ReceiveMsg` it is sent, in
//! order, and refuses one whose `msg` is the bytes `fail` — so a test can prove that a refused
//! `send` is rolled back as a whole; one whose `msg` is `forward:ADDRESS` passes the tokens on
//! to ADDRESS with a transfer of its own (a pool or escrow paying out), which the token judges
//! like any other. Not for production use.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult,
};
use cw_storage_plus::Item;
use rwa_gate::cw20::Cw20ReceiveMsg;

/// Every message received, oldest first (a test contract: a handful of entries).
pub const RECEIVED: Item<Vec<Cw20ReceiveMsg>> = Item::new("received");

#[cw_serde]
pub enum ExecuteMsg {
    Receive(Cw20ReceiveMsg),
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(Vec<Cw20ReceiveMsg>)]
    Received {},
}

#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] cosmwasm_std::StdError),
    #[error("receiver refuses")]
    Refused {},
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn instantiate(_: DepsMut, _: Env, _: MessageInfo, _: Empty) -> StdResult<Response> {
    Ok(Response::new())
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn execute(
    deps: DepsMut,
    _: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    let ExecuteMsg::Receive(received) = msg;
    if received.msg.as_slice() == b"fail" {
        return Err(ContractError::Refused {});
    }
    let forward = received
        .msg
        .as_slice()
        .strip_prefix(b"forward:")
        .map(|to| String::from_utf8_lossy(to).into_owned());
    let mut all = RECEIVED.may_load(deps.storage)?.unwrap_or_default();
    let amount = received.amount;
    all.push(received);
    RECEIVED.save(deps.storage, &all)?;
    let mut response = Response::new().add_attribute("action", "receive");
    if let Some(recipient) = forward {
        // The token that called is the one whose tokens were received.
        response = response.add_message(cosmwasm_std::WasmMsg::Execute {
            contract_addr: info.sender.to_string(),
            msg: to_json_binary(&rwa_gate::token::ExecuteMsg::Transfer { recipient, amount })?,
            funds: vec![],
        });
    }
    Ok(response)
}

#[cfg_attr(not(feature = "library"), cosmwasm_std::entry_point)]
pub fn query(deps: Deps, _: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Received {} => {
            to_json_binary(&RECEIVED.may_load(deps.storage)?.unwrap_or_default())
        }
    }
}
