//! The freeze of transfers (R5), pushed by the registry.

use cosmwasm_std::{DepsMut, MessageInfo, Response};

use crate::error::ContractError;
use crate::state::TOKEN_ROUTE;
use rwa_gate::records::TransferRules;

/// Only the token's registry may set it: it sends the ids of the asset's active freezing flags
/// whenever they change (an empty list lifts the freeze).
pub fn update_freeze(
    deps: DepsMut,
    info: MessageInfo,
    flags: Vec<u64>,
) -> Result<Response, ContractError> {
    let route = TOKEN_ROUTE.load(deps.storage)?;
    if info.sender != route.registry {
        return Err(ContractError::Unauthorized {});
    }
    if flags.len() > rwa_gate::MAX_ACTIVE_FLAGS_PER_SUBJECT {
        return Err(ContractError::TooManyFlags {});
    }
    let mut rules = TransferRules::load(deps.storage)?;
    rules.frozen = flags.clone();
    rules.save(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "update_freeze")
        .add_attribute("asset", route.asset)
        .add_attribute("flags", rwa_gate::policy::join_ids(&flags)))
}
