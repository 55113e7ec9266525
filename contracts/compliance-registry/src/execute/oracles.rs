//! The oracle register. Any change that can take support away bumps the epoch.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage};
use rwa_gate::{Oracle, OracleStatus, Scopes, MAX_ORACLES};

use crate::error::ContractError;
use crate::execute::{assert_owner, bump_epoch, next_id};
use crate::state::{ATTESTATIONS, LAST_ENROLMENT, ORACLES, ORACLE_COUNT};

fn load_oracle(storage: &dyn Storage, address: &Addr) -> Result<Oracle, ContractError> {
    ORACLES
        .may_load(storage, address.as_str())?
        .ok_or_else(|| ContractError::OracleNotFound {
            address: address.to_string(),
        })
}

fn scopes_attr(scopes: &Scopes) -> String {
    let names = [
        (scopes.filing, "filing"),
        (scopes.screening, "screening"),
        (scopes.flags, "flags"),
    ];
    names
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(",")
}

pub fn add(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    address: String,
    scopes: Scopes,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    if scopes.is_empty() {
        return Err(ContractError::EmptyScopes {});
    }
    if ORACLES.has(deps.storage, address.as_str()) {
        return Err(ContractError::OracleExists {
            address: address.into(),
        });
    }
    // The bound keeps every recompute, which iterates the oracles, bounded.
    let count = ORACLE_COUNT.may_load(deps.storage)?.unwrap_or(0);
    if count >= MAX_ORACLES {
        return Err(ContractError::TooManyOracles { max: MAX_ORACLES });
    }
    let count = count.checked_add(1).ok_or(ContractError::Overflow {})?;
    let trusted_after = ATTESTATIONS.last_id(deps.storage)?;
    let enrolment = next_id(deps.storage, &LAST_ENROLMENT)?;
    ORACLES.store(
        deps.storage,
        &Oracle {
            address: address.clone(),
            scopes,
            status: OracleStatus::Active,
            added_at: env.block.time,
            trusted_after,
            enrolment,
            // A re-added oracle registers its key again: trust in a key ends with the enrolment.
            signing_key: None,
        },
    )?;
    LAST_ENROLMENT.save(deps.storage, &enrolment)?;
    ORACLE_COUNT.save(deps.storage, &count)?;
    Ok(Response::new()
        .add_attribute("action", "add_oracle")
        .add_attribute("oracle", address)
        .add_attribute("scopes", scopes_attr(&scopes)))
}

pub fn update_scopes(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
    scopes: Scopes,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    if scopes.is_empty() {
        return Err(ContractError::EmptyScopes {});
    }
    let mut oracle = load_oracle(deps.storage, &address)?;
    let narrowed = oracle.scopes.narrows_to(&scopes);
    oracle.scopes = scopes;
    ORACLES.store(deps.storage, &oracle)?;
    let mut response = Response::new()
        .add_attribute("action", "update_oracle_scopes")
        .add_attribute("oracle", address)
        .add_attribute("scopes", scopes_attr(&scopes));
    // Widening adds no support to any existing clearance; narrowing may take it away anywhere.
    if narrowed {
        let epoch = bump_epoch(deps.storage)?;
        response = response.add_attribute("epoch", epoch.to_string());
    }
    Ok(response)
}

pub fn suspend(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    let mut oracle = load_oracle(deps.storage, &address)?;
    if oracle.status == OracleStatus::Suspended {
        return Err(ContractError::OracleAlreadySuspended {
            address: address.into(),
        });
    }
    oracle.status = OracleStatus::Suspended;
    ORACLES.store(deps.storage, &oracle)?;
    let epoch = bump_epoch(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "suspend_oracle")
        .add_attribute("oracle", address)
        .add_attribute("epoch", epoch.to_string()))
}

pub fn reactivate(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    let mut oracle = load_oracle(deps.storage, &address)?;
    if oracle.status != OracleStatus::Suspended {
        return Err(ContractError::OracleNotSuspended {
            address: address.into(),
        });
    }
    oracle.status = OracleStatus::Active;
    ORACLES.store(deps.storage, &oracle)?;
    // No bump: reactivation only adds support, which counts once a clearance is refreshed.
    Ok(Response::new()
        .add_attribute("action", "reactivate_oracle")
        .add_attribute("oracle", address))
}

pub fn remove(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let address = deps.api.addr_validate(&address)?;
    let oracle = load_oracle(deps.storage, &address)?;
    let count = ORACLE_COUNT
        .may_load(deps.storage)?
        .unwrap_or(0)
        .checked_sub(1)
        .ok_or(ContractError::Overflow {})?;
    ORACLES.delete(deps.storage, &oracle);
    ORACLE_COUNT.save(deps.storage, &count)?;
    let epoch = bump_epoch(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "remove_oracle")
        .add_attribute("oracle", address)
        .add_attribute("removed", "true")
        .add_attribute("epoch", epoch.to_string()))
}
