//! Anyone may bring clearances up to date, e.g. after an epoch bump or to drop lapsed R8 flags.

use cosmwasm_std::{DepsMut, Env, Response};
use rwa_gate::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::clearance::recompute;
use crate::error::ContractError;
use crate::execute::load_asset;
use crate::state::ASSETS;

pub fn one(deps: DepsMut, env: Env, asset_id: String) -> Result<Response, ContractError> {
    let asset = load_asset(deps.storage, &asset_id)?;
    let recomputed = recompute(deps.storage, &deps.querier, env.block.time, &asset)?;
    let clearance = recomputed.clearance;
    Ok(Response::new()
        .add_messages(recomputed.freeze_update)
        .add_attribute("action", "refresh_clearance")
        .add_attribute("asset", asset_id)
        .add_attribute("epoch", clearance.epoch.to_string()))
}

pub fn page(
    deps: DepsMut,
    env: Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<Response, ContractError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize;
    let assets = ASSETS.page(deps.storage, start_after.as_deref(), limit)?;
    let mut freeze_updates = Vec::new();
    for asset in &assets {
        freeze_updates
            .extend(recompute(deps.storage, &deps.querier, env.block.time, asset)?.freeze_update);
    }
    Ok(Response::new()
        .add_messages(freeze_updates)
        .add_attribute("action", "refresh_clearances")
        .add_attribute("refreshed", assets.len().to_string())
        .add_attribute(
            "last",
            assets
                .last()
                .map(|a| a.id.clone())
                .unwrap_or_else(|| "none".into()),
        ))
}
