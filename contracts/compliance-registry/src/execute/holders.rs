//! Who may hold: eligibility statements of eligibility oracles, and the recovery of a lost
//! account to its holder's new one.

use cosmwasm_std::{
    to_json_binary, Addr, DepsMut, Env, MessageInfo, Response, Storage, Timestamp, WasmMsg,
};
use rwa_gate::distribution::{validate_jurisdiction, EligibilityRecord};
use rwa_gate::registry::AttestEligibilityMsg;
use rwa_gate::validate;
use rwa_gate::{Eligibility, EligibilityStatus, Evidence};

use super::assets::{assert_active, assert_approved_asset_issuer};
use super::attest::validate_expiry;
use super::{load_asset, require_active_oracle};
use crate::error::ContractError;
use crate::state::{CONFIG, ELIGIBILITY, GATE, ORACLES};

pub fn attest_eligibility(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    s: AttestEligibilityMsg,
) -> Result<Response, ContractError> {
    let oracle = require_active_oracle(deps.storage, &info.sender, |s| s.eligibility)?;
    let account = deps.api.addr_validate(&s.account)?;
    validate::digest("holder id", &s.holder)?;
    validate_jurisdiction(&s.jurisdiction)?;
    validate::evidence("eligibility evidence", &s.evidence)?;
    let now = env.block.time;
    let max_seconds = CONFIG.load(deps.storage)?.params.max_validity.eligibility;
    validate_expiry(now, s.expires_at, max_seconds)?;
    let previous = ELIGIBILITY.current(deps.storage, account.as_str())?;
    if let Some(prev) = &previous {
        refuse_other_holder(&prev.statement, &s.holder)?;
    }
    // Ids count each account's statements (its history's order): no registry-wide counter to
    // read and write on every statement.
    let id = previous
        .as_ref()
        .map_or(Some(1), |prev| prev.statement.id.checked_add(1))
        .ok_or(ContractError::Overflow {})?;
    let record = EligibilityRecord {
        statement: Eligibility {
            account: account.clone(),
            id,
            status: EligibilityStatus::Eligible,
            oracle: info.sender.clone(),
            enrolment: oracle.enrolment,
            epoch: GATE.load(deps.storage)?.epoch,
            holder: s.holder,
            class: s.class,
            jurisdiction: s.jurisdiction,
            issued_at: now,
            expires_at: s.expires_at,
        },
        evidence: s.evidence,
        revoked_at: None,
        revocation: None,
    };
    // The superseded statement stays readable in the account's history.
    if let Some(prev) = &previous {
        ELIGIBILITY.archive(deps.storage, prev);
    }
    ELIGIBILITY.save_current(deps.storage, &record);
    let e = &record.statement;
    let mut response = Response::new()
        .add_attribute("action", "attest_eligibility")
        .add_attribute("account", account)
        .add_attribute("id", id.to_string())
        .add_attribute("oracle", info.sender)
        .add_attribute("holder", &e.holder)
        .add_attribute("class", e.class.as_str())
        .add_attribute("jurisdiction", &e.jurisdiction)
        .add_attribute("expires_at", e.expires_at.seconds().to_string())
        .add_attribute("evidence", &record.evidence.digest);
    if let Some(prev) = previous {
        response = response.add_attribute("superseded", prev.statement.id.to_string());
    }
    Ok(response)
}

/// An account belongs to one holder for good, and a lost account never holds again.
fn refuse_other_holder(previous: &Eligibility, holder: &str) -> Result<(), ContractError> {
    if previous.status == EligibilityStatus::Lost {
        return Err(ContractError::AccountLost {
            account: previous.account.to_string(),
        });
    }
    if previous.holder != holder {
        return Err(ContractError::HolderMismatch {
            account: previous.account.to_string(),
            holder: previous.holder.clone(),
        });
    }
    Ok(())
}

/// Only the oracle that made the statement revokes it, even once suspended or removed:
/// revoking only takes eligibility away.
pub fn revoke_eligibility(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    account: String,
    evidence: Evidence,
) -> Result<Response, ContractError> {
    let account = deps.api.addr_validate(&account)?;
    let mut record = ELIGIBILITY
        .current(deps.storage, account.as_str())?
        .ok_or_else(|| ContractError::EligibilityNotFound {
            account: account.to_string(),
        })?;
    if record.statement.oracle != info.sender {
        return Err(ContractError::Unauthorized {});
    }
    match record.statement.status {
        EligibilityStatus::Eligible => {}
        EligibilityStatus::Revoked => {
            return Err(ContractError::EligibilityAlreadyRevoked {
                account: account.to_string(),
            })
        }
        EligibilityStatus::Lost => {
            return Err(ContractError::AccountLost {
                account: account.to_string(),
            })
        }
    }
    validate::evidence("revocation evidence", &evidence)?;
    record.statement.status = EligibilityStatus::Revoked;
    record.revoked_at = Some(env.block.time);
    record.revocation = Some(evidence);
    ELIGIBILITY.save_current(deps.storage, &record);
    Ok(Response::new()
        .add_attribute("action", "revoke_eligibility")
        .add_attribute("account", account)
        .add_attribute("id", record.statement.id.to_string())
        .add_attribute("oracle", info.sender))
}

/// The replacement must stand now: eligible, unexpired, its oracle active and in scope.
fn assert_stands(
    storage: &dyn Storage,
    e: &Eligibility,
    now: Timestamp,
) -> Result<(), ContractError> {
    let refuse = |reason: &str| ContractError::ReplacementNotEligible {
        account: e.account.to_string(),
        reason: reason.to_string(),
    };
    if e.status != EligibilityStatus::Eligible {
        return Err(refuse("its statement is revoked or lost"));
    }
    if now >= e.expires_at {
        return Err(refuse("its statement has expired"));
    }
    let oracle = ORACLES.may_load(storage, e.oracle.as_str())?;
    let stands =
        oracle.is_some_and(|o| o.is_active() && o.scopes.eligibility && o.enrolment == e.enrolment);
    if !stands {
        return Err(refuse(
            "its oracle is no longer an active eligibility oracle",
        ));
    }
    Ok(())
}

/// The issuer moves a lost account's whole balance to the account the eligibility oracle
/// attested for the same holder id. The lost account is marked lost for every asset: no
/// statement can make it eligible again.
pub fn recover_account(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    asset_id: String,
    lost: String,
    replacement: String,
) -> Result<Response, ContractError> {
    let asset = load_asset(deps.storage, &asset_id)?;
    assert_approved_asset_issuer(deps.storage, &asset, &info.sender)?;
    assert_active(&asset)?;
    let token = asset.token.clone().ok_or(ContractError::TokenNotSet {
        asset: asset_id.clone(),
    })?;
    let lost = deps.api.addr_validate(&lost)?;
    let replacement = deps.api.addr_validate(&replacement)?;
    if lost == replacement {
        return Err(ContractError::SameAccount {});
    }
    let not_found = |a: &Addr| ContractError::EligibilityNotFound {
        account: a.to_string(),
    };
    let mut lost_record = ELIGIBILITY
        .current(deps.storage, lost.as_str())?
        .ok_or_else(|| not_found(&lost))?;
    let new_record = ELIGIBILITY
        .current(deps.storage, replacement.as_str())?
        .ok_or_else(|| not_found(&replacement))?;
    let holder = lost_record.statement.holder.clone();
    if new_record.statement.holder != holder {
        return Err(ContractError::HolderMismatch {
            account: replacement.to_string(),
            holder,
        });
    }
    assert_stands(deps.storage, &new_record.statement, env.block.time)?;
    if lost_record.statement.status != EligibilityStatus::Lost {
        lost_record.statement.status = EligibilityStatus::Lost;
        ELIGIBILITY.save_current(deps.storage, &lost_record);
    }
    let recover = WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(&rwa_gate::token::ExecuteMsg::Recover {
            lost: lost.to_string(),
            replacement: replacement.to_string(),
        })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_message(recover)
        .add_attribute("action", "recover_account")
        .add_attribute("asset", asset_id)
        .add_attribute("lost", lost)
        .add_attribute("replacement", replacement)
        .add_attribute("holder", holder))
}
