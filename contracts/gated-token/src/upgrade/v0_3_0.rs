//! v0.3.0 → v0.4.0: two records become binary under the same keys. The freeze, a JSON list
//! under `f`, becomes the transfer rules (the freeze and, from now on, the distribution terms);
//! the route, JSON under `r`, becomes the binary route (registry, asset, terms). Tokens of
//! v0.3.0 have no terms: an asset gets them from its next plan update.

use cosmwasm_std::{from_json, DepsMut};
use rwa_gate::records::{LegacyTokenRoute, RouteRecord, TokenRoute};

use crate::error::ContractError;
use crate::state::{TransferRules, LEGACY_TOKEN_FROZEN, TOKEN_ROUTE};

pub fn to_v0_4_0(deps: DepsMut) -> Result<(), ContractError> {
    let frozen = LEGACY_TOKEN_FROZEN
        .may_load(deps.storage)?
        .unwrap_or_default();
    // Absent when free: saving empty rules removes the key, as before.
    TransferRules {
        frozen,
        terms: None,
    }
    .save(deps.storage);
    // A token just split from v0.1.0's single record already has the binary route.
    if let Some(bytes) = deps.storage.get(TOKEN_ROUTE.as_slice()) {
        if RouteRecord::decode(&bytes).is_err() {
            let old: LegacyTokenRoute = from_json(&bytes)?;
            let route = TokenRoute {
                registry: old.registry,
                asset: old.asset,
                terms: None,
            };
            TOKEN_ROUTE.save(deps.storage, &route)?;
        }
    }
    Ok(())
}
