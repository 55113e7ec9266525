//! v0.3.0 → v0.4.0: the freeze, a JSON list under `f`, becomes the binary transfer rules under
//! the same key (the freeze and, from now on, the distribution terms). Tokens of v0.3.0 have no
//! terms: an asset gets them from its next plan update.

use cosmwasm_std::DepsMut;

use crate::error::ContractError;
use crate::state::{TransferRules, LEGACY_TOKEN_FROZEN};

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
    Ok(())
}
