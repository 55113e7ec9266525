//! Pause of issuance, globally or per asset. The pauser can only stop; the owner restarts.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::execute::{assert_owner, is_owner, load_asset, save_asset};
use crate::state::{CONFIG, GATE};

pub fn pause(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset: Option<String>,
) -> Result<Response, ContractError> {
    let is_pauser = CONFIG.load(deps.storage)?.pauser.as_ref() == Some(&info.sender);
    if !is_pauser && !is_owner(deps.storage, &info.sender)? {
        return Err(ContractError::Unauthorized {});
    }
    let response = Response::new()
        .add_attribute("action", "pause")
        .add_attribute("by", info.sender);
    set_paused(deps, env, asset, true, response)
}

pub fn unpause(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset: Option<String>,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let response = Response::new()
        .add_attribute("action", "unpause")
        .add_attribute("by", info.sender);
    set_paused(deps, env, asset, false, response)
}

fn set_paused(
    deps: DepsMut,
    env: Env,
    asset: Option<String>,
    paused: bool,
    response: Response,
) -> Result<Response, ContractError> {
    let state_error = if paused {
        ContractError::AlreadyPaused {}
    } else {
        ContractError::NotPaused {}
    };
    match asset {
        None => {
            let mut gate = GATE.load(deps.storage)?;
            if gate.paused == paused {
                return Err(state_error);
            }
            // The token reads the gate at every mint: no clearance needs recomputing.
            gate.paused = paused;
            GATE.save(deps.storage, &gate)?;
            Ok(response.add_attribute("scope", "global"))
        }
        Some(asset_id) => {
            let mut asset = load_asset(deps.storage, &asset_id)?;
            if asset.paused == paused {
                return Err(state_error);
            }
            asset.paused = paused;
            let freeze_update = save_asset(deps.storage, &deps.querier, env.block.time, &asset)?;
            Ok(response
                .add_messages(freeze_update)
                .add_attribute("scope", "asset")
                .add_attribute("asset", asset_id))
        }
    }
}
