//! Approval of issuers, who may register entities and assets.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::execute::assert_owner;
use crate::state::ISSUERS;

pub fn approve(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    if ISSUERS.has(deps.storage, &address) {
        return Err(ContractError::IssuerAlreadyApproved {
            address: address.into(),
        });
    }
    ISSUERS.save(deps.storage, &address, &env.block.time)?;
    Ok(Response::new()
        .add_attribute("action", "approve_issuer")
        .add_attribute("issuer", address))
}

/// The issuer keeps the restricting powers over its assets (report, remove minter, retire).
pub fn revoke(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    if !ISSUERS.has(deps.storage, &address) {
        return Err(ContractError::IssuerNotApproved {
            address: address.into(),
        });
    }
    ISSUERS.remove(deps.storage, &address);
    Ok(Response::new()
        .add_attribute("action", "revoke_issuer")
        .add_attribute("issuer", address))
}
