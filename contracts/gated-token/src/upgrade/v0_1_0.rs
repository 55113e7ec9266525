//! The step from v0.1.0 to v0.2.0: the one JSON record of a v0.1.0 token split in three.

use cosmwasm_std::DepsMut;
use rwa_gate::records::{FREEZES, GATE};

use crate::error::ContractError;
use crate::state::{
    Supply, TokenInfo, TokenRoute, LEGACY_TOKEN_FROZEN, LEGACY_TOKEN_STATE, TOKEN_INFO, TOKEN_ROUTE,
};

/// Tokens of v0.1.0 kept everything in one JSON record that every mint rewrote. Split it into
/// the cold info, the route and the hot supply, and take over the freeze that the registry used
/// to be asked for on every transfer. A token without the old record has nothing to split.
pub fn to_v0_2_0(deps: DepsMut) -> Result<(), ContractError> {
    let Some(old) = LEGACY_TOKEN_STATE.may_load(deps.storage)? else {
        return Ok(());
    };
    // The registry first: until it is migrated it keeps no binary gate, and it would never tell
    // this token of a freeze (a v0.1.0 registry sends nothing). Refuse, changing nothing.
    if GATE.query(&deps.querier, old.registry.clone()).is_err() {
        return Err(ContractError::RegistryNotMigrated {});
    }
    TOKEN_INFO.save(
        deps.storage,
        &TokenInfo {
            name: old.name,
            symbol: old.symbol,
            decimals: old.decimals,
            issuer: old.issuer,
        },
    )?;
    Supply {
        total: old.total_supply,
        minted: old.minted,
    }
    .save(deps.storage);
    // The registry still holds the freeze of this asset: copy it (fail closed if unreadable).
    let frozen = FREEZES
        .query(&deps.querier, old.registry.clone(), &old.asset)
        .map_err(|_| ContractError::RegistryUnreadable {})?;
    if let Some(flags) = frozen.filter(|f| !f.is_empty()) {
        LEGACY_TOKEN_FROZEN.save(deps.storage, &flags)?;
    }
    TOKEN_ROUTE.save(
        deps.storage,
        &TokenRoute {
            registry: old.registry,
            asset: old.asset,
            terms: None,
        },
    )?;
    LEGACY_TOKEN_STATE.remove(deps.storage);
    Ok(())
}
