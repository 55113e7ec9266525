//! Execute handlers, one per message, grouped by feature; shared guards live here.

pub mod assets;
pub mod attest;
pub mod batch;
pub mod delegation;
pub mod flags;
pub mod holders;
pub mod issuers;
pub mod links;
pub mod negative_list;
pub mod oracles;
pub mod orders;
pub mod ownership;
pub mod params;
pub mod pause;
pub mod refresh;
pub mod tokens;

use cosmwasm_std::{Addr, CosmosMsg, QuerierWrapper, Storage, Timestamp};
use cw_storage_plus::Item;
use rwa_gate::{Asset, Oracle, Scopes};

use crate::clearance::recompute;
use crate::error::ContractError;
use crate::state::{ASSETS, GATE, ORACLES, OWNERSHIP};

/// True when `sender` is the current owner (never once ownership is renounced).
pub fn is_owner(storage: &dyn Storage, sender: &Addr) -> Result<bool, ContractError> {
    Ok(OWNERSHIP.load(storage)?.owner.as_ref() == Some(sender))
}

pub fn assert_owner(storage: &dyn Storage, sender: &Addr) -> Result<(), ContractError> {
    if is_owner(storage, sender)? {
        Ok(())
    } else {
        Err(ContractError::Unauthorized {})
    }
}

/// The sender's oracle record, if it is active and `scoped` accepts its scopes. Suspended,
/// removed and out-of-scope oracles are all simply unauthorized.
pub fn active_oracle(
    storage: &dyn Storage,
    sender: &Addr,
    scoped: impl Fn(&Scopes) -> bool,
) -> Result<Option<Oracle>, ContractError> {
    Ok(ORACLES
        .may_load(storage, sender.as_str())?
        .filter(|o| o.is_active() && scoped(&o.scopes)))
}

pub fn require_active_oracle(
    storage: &dyn Storage,
    sender: &Addr,
    scoped: impl Fn(&Scopes) -> bool,
) -> Result<Oracle, ContractError> {
    active_oracle(storage, sender, scoped)?.ok_or(ContractError::Unauthorized {})
}

/// Saves a changed asset and recomputes its clearance: every change of an asset goes through
/// here, so the record the token reads can never lag behind it.
pub fn save_asset(
    storage: &mut dyn Storage,
    querier: &QuerierWrapper,
    now: Timestamp,
    asset: &Asset,
) -> Result<Option<CosmosMsg>, ContractError> {
    ASSETS.save(storage, asset)?;
    Ok(recompute(storage, querier, now, asset)?.freeze_update)
}

pub fn load_asset(storage: &dyn Storage, id: &str) -> Result<Asset, ContractError> {
    ASSETS
        .may_load(storage, id)?
        .ok_or_else(|| ContractError::AssetNotFound { id: id.to_string() })
}

/// Takes support away from every asset at once without iterating over them: clearances
/// computed under an older epoch deny issuance until refreshed (fail closed).
pub fn bump_epoch(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let mut gate = GATE.load(storage)?;
    gate.epoch = gate
        .epoch
        .checked_add(1)
        .ok_or(ContractError::Overflow {})?;
    GATE.save(storage, &gate)?;
    Ok(gate.epoch)
}

/// Reads the last id of a sequence and returns the next one (ids start at 1); the caller saves
/// it once every check has passed.
pub fn next_id(storage: &dyn Storage, last: &Item<u64>) -> Result<u64, ContractError> {
    last.may_load(storage)?
        .unwrap_or(0)
        .checked_add(1)
        .ok_or(ContractError::Overflow {})
}
