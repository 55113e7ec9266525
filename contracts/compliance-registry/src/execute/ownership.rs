//! Two-step ownership transfer.

use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::error::ContractError;
use crate::execute::assert_owner;
use crate::state::OWNERSHIP;

pub fn propose(
    deps: DepsMut,
    info: MessageInfo,
    new_owner: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let new_owner = deps.api.addr_validate(&new_owner)?;
    let mut ownership = OWNERSHIP.load(deps.storage)?;
    ownership.pending = Some(new_owner.clone());
    OWNERSHIP.save(deps.storage, &ownership)?;
    Ok(Response::new()
        .add_attribute("action", "propose_owner")
        .add_attribute("owner", info.sender)
        .add_attribute("pending_owner", new_owner))
}

pub fn accept(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let mut ownership = OWNERSHIP.load(deps.storage)?;
    if ownership.pending.as_ref() != Some(&info.sender) {
        return Err(ContractError::Unauthorized {});
    }
    let previous = ownership.owner.replace(info.sender.clone());
    ownership.pending = None;
    OWNERSHIP.save(deps.storage, &ownership)?;
    Ok(Response::new()
        .add_attribute("action", "accept_ownership")
        .add_attribute(
            "previous_owner",
            previous.map(String::from).unwrap_or_else(|| "none".into()),
        )
        .add_attribute("owner", info.sender))
}

pub fn cancel(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let mut ownership = OWNERSHIP.load(deps.storage)?;
    let pending = ownership
        .pending
        .take()
        .ok_or(ContractError::NoPendingOwner {})?;
    OWNERSHIP.save(deps.storage, &ownership)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_ownership_transfer")
        .add_attribute("owner", info.sender)
        .add_attribute("cancelled_pending_owner", pending))
}

pub fn renounce(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let mut ownership = OWNERSHIP.load(deps.storage)?;
    ownership.owner = None;
    ownership.pending = None;
    OWNERSHIP.save(deps.storage, &ownership)?;
    Ok(Response::new()
        .add_attribute("action", "renounce_ownership")
        .add_attribute("previous_owner", info.sender))
}
