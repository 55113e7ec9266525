//! Pauser and policy parameters.

use cosmwasm_std::{DepsMut, MessageInfo, Response};
use rwa_gate::registry::ParamsUpdate;
use rwa_gate::{Params, MAX_ORACLES};

use crate::error::ContractError;
use crate::execute::{assert_owner, bump_epoch};
use crate::state::CONFIG;

const DAY: u64 = 86_400;
pub const MIN_VALIDITY_SECONDS: u64 = DAY;
pub const MAX_VALIDITY_SECONDS: u64 = 5 * 365 * DAY;

/// The most distinct oracles that can ever take part in clearing a flag: every oracle but the
/// one that raised it, which never votes on its own finding.
pub const MAX_FLAG_QUORUM: u32 = MAX_ORACLES - 1;

/// A quorum of zero would let an empty support pass; one that more oracles must reach than can
/// ever take part (the oracle bound; for flags, all but the raiser) could never be met and would
/// silently stop all issuance or leave a flag nobody can clear. Instantiate and every update
/// call this same check.
pub fn validate_params(params: &Params) -> Result<(), ContractError> {
    let a = params.approval_quorum;
    let quorums = [
        ("attestation", params.attestation_quorum, MAX_ORACLES),
        ("flag", params.flag_quorum, MAX_FLAG_QUORUM),
        (
            "cross_border_investment",
            a.cross_border_investment,
            MAX_ORACLES,
        ),
        ("foreign_exchange", a.foreign_exchange, MAX_ORACLES),
        ("data_security", a.data_security, MAX_ORACLES),
    ];
    for (name, quorum, max) in quorums {
        if !(1..=max).contains(&quorum) {
            return Err(ContractError::InvalidQuorum {
                quorum: name.to_string(),
                max,
            });
        }
    }
    let v = params.max_validity;
    for validity in [v.filing, v.screening, v.eligibility, v.approval] {
        if !(MIN_VALIDITY_SECONDS..=MAX_VALIDITY_SECONDS).contains(&validity) {
            return Err(ContractError::InvalidValidity {
                min_seconds: MIN_VALIDITY_SECONDS,
                max_seconds: MAX_VALIDITY_SECONDS,
            });
        }
    }
    Ok(())
}

pub fn validate_code_id(code_id: u64) -> Result<(), ContractError> {
    if code_id == 0 {
        return Err(ContractError::InvalidCodeId {});
    }
    Ok(())
}

pub fn set_pauser(
    deps: DepsMut,
    info: MessageInfo,
    pauser: Option<String>,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let pauser = pauser.map(|p| deps.api.addr_validate(&p)).transpose()?;
    let mut config = CONFIG.load(deps.storage)?;
    config.pauser = pauser.clone();
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "set_pauser")
        .add_attribute(
            "pauser",
            pauser.map(String::from).unwrap_or_else(|| "none".into()),
        ))
}

pub fn update(
    deps: DepsMut,
    info: MessageInfo,
    update: ParamsUpdate,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    let old = config.params;
    let mut params = old;
    if let Some(q) = update.attestation_quorum {
        params.attestation_quorum = q;
    }
    if let Some(q) = update.flag_quorum {
        params.flag_quorum = q;
    }
    if let Some(v) = update.max_validity {
        params.max_validity = v;
    }
    if let Some(q) = update.approval_quorum {
        params.approval_quorum = q;
    }
    validate_params(&params)?;
    if let Some(code_id) = update.token_code_id {
        validate_code_id(code_id)?;
        config.token_code_id = code_id;
    }
    config.params = params;
    CONFIG.save(deps.storage, &config)?;

    let mut response = Response::new()
        .add_attribute("action", "update_params")
        .add_attribute("attestation_quorum", params.attestation_quorum.to_string())
        .add_attribute("flag_quorum", params.flag_quorum.to_string())
        .add_attribute(
            "max_validity_filing",
            params.max_validity.filing.to_string(),
        )
        .add_attribute(
            "max_validity_screening",
            params.max_validity.screening.to_string(),
        )
        .add_attribute(
            "max_validity_eligibility",
            params.max_validity.eligibility.to_string(),
        )
        .add_attribute(
            "max_validity_approval",
            params.max_validity.approval.to_string(),
        )
        .add_attribute("token_code_id", config.token_code_id.to_string());
    let q = params.approval_quorum;
    if q != old.approval_quorum {
        response = response.add_attribute(
            "approval_quorum",
            format!(
                "{},{},{}",
                q.cross_border_investment, q.foreign_exchange, q.data_security
            ),
        );
    }
    // Every clearance records the quorums it was computed under. Flag quorum and validity need
    // no bump: the former is checked when clearing, the latter when posting.
    if params.attestation_quorum != old.attestation_quorum || q != old.approval_quorum {
        let epoch = bump_epoch(deps.storage)?;
        response = response.add_attribute("epoch", epoch.to_string());
    }
    Ok(response)
}
