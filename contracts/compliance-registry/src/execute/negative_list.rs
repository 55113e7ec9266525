//! R6: the negative list in force. A new version voids screenings against older ones.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use rwa_gate::{validate, NegativeList};

use crate::error::ContractError;
use crate::execute::{active_oracle, bump_epoch, is_owner};
use crate::state::{NEGATIVE_LIST, NEGATIVE_LIST_HISTORY};

/// What every negative list must satisfy, the first one (at instantiate) as much as every later
/// one: a digest, and room for a next version, else the list could never be replaced.
pub fn validate_list(version: u64, digest: &str) -> Result<(), ContractError> {
    if version.checked_add(1).is_none() {
        return Err(ContractError::NegativeListVersionAtLimit { version });
    }
    validate::digest("negative list digest", digest)?;
    Ok(())
}

pub fn publish(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    version: u64,
    digest: String,
) -> Result<Response, ContractError> {
    let allowed = is_owner(deps.storage, &info.sender)?
        || active_oracle(deps.storage, &info.sender, |s| s.screening)?.is_some();
    if !allowed {
        return Err(ContractError::Unauthorized {});
    }
    let current = NEGATIVE_LIST.load(deps.storage)?.version;
    // Exactly the next version: a jump to u64::MAX would block every later update for good.
    if current.checked_add(1) != Some(version) {
        return Err(ContractError::NegativeListVersionNotNext { current });
    }
    validate_list(version, &digest)?;
    let list = NegativeList {
        version,
        digest,
        published_by: info.sender.clone(),
        published_at: env.block.time,
    };
    NEGATIVE_LIST.save(deps.storage, &list)?;
    NEGATIVE_LIST_HISTORY.save(deps.storage, version, &list)?;
    // Every screening against the old version stops counting, on every asset at once.
    let epoch = bump_epoch(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "publish_negative_list")
        .add_attribute("version", version.to_string())
        .add_attribute("previous_version", current.to_string())
        .add_attribute("digest", list.digest)
        .add_attribute("published_by", info.sender)
        .add_attribute("epoch", epoch.to_string()))
}
