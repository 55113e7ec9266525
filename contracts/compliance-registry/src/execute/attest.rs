//! Clean statements of oracles: posting and revoking attestations.

use std::collections::BTreeSet;

use cosmwasm_std::{CosmosMsg, DepsMut, Empty, Env, MessageInfo, Response, Storage, Timestamp};
use rwa_gate::registry::AttestMsg;
use rwa_gate::validate::{self, MAX_REFERENCE_LEN};
use rwa_gate::{
    Asset, Attestation, AttestationKind, Clearance, Evidence, StatementMsg, LOOKBACK_NANOS,
    MAX_SCREENING_SUBJECTS, NANOS_PER_SECOND,
};

use crate::clearance::{recompute_with, Held};
use crate::error::ContractError;
use crate::execute::assets::terms_message;
use crate::execute::{load_asset, require_active_oracle};
use crate::records::CurrentStatement;
use crate::state::{
    ASSETS, ASSET_KIND_ATTESTATIONS, ATTESTATIONS, CONFIG, NEGATIVE_LIST, STATEMENTS,
};

fn validate_statement(
    storage: &dyn Storage,
    now: Timestamp,
    asset: &Asset,
    statement: &StatementMsg,
) -> Result<(), ContractError> {
    match statement {
        StatementMsg::Filing {
            filing_reference,
            plan,
            approved_supply,
        } => {
            validate::text("filing reference", filing_reference, MAX_REFERENCE_LEN)?;
            // R1: the filing must be of the exact plan the issuer registered, as it stands now;
            // a plan changed while the Filing was in flight is not the plan it reviewed.
            // The approvals are a set, compared in the order the registry keeps them (a copy of
            // the plan only when the Filing named them in another order).
            let same_plan = if plan.approvals == asset.plan.approvals {
                *plan == asset.plan
            } else {
                plan.clone().normalized() == asset.plan
            };
            if !same_plan {
                return Err(ContractError::PlanMismatch {
                    current_version: asset.plan_version,
                });
            }
            if approved_supply.is_zero() {
                return Err(ContractError::ZeroApprovedSupply {});
            }
        }
        StatementMsg::Screening {
            negative_list_version,
            subjects,
            lookback_from,
        } => {
            let current = NEGATIVE_LIST.load(storage)?.version;
            if *negative_list_version != current {
                return Err(ContractError::NegativeListVersionMismatch { current });
            }
            if subjects.len() > MAX_SCREENING_SUBJECTS {
                return Err(ContractError::TooManySubjects {
                    max: MAX_SCREENING_SUBJECTS,
                });
            }
            let mut covered = BTreeSet::new();
            for subject in subjects {
                validate::id("screening subject", subject)?;
                if !covered.insert(subject.as_str()) {
                    return Err(ContractError::DuplicateSubject {
                        id: subject.clone(),
                    });
                }
            }
            if let Some(missing) = asset.subjects().find(|e| !covered.contains(e)) {
                return Err(ContractError::ScreeningMissesSubject {
                    entity: missing.to_string(),
                });
            }
            // Before three years of chain time have passed no window can qualify: fail closed.
            // Nanoseconds: a window short by a fraction of a second is still short.
            let latest_start = now
                .nanos()
                .checked_sub(LOOKBACK_NANOS)
                .ok_or(ContractError::LookbackTooShort {})?;
            if lookback_from.nanos() > latest_start {
                return Err(ContractError::LookbackTooShort {});
            }
        }
        StatementMsg::Approval { reference, .. } => {
            validate::text("approval reference", reference, MAX_REFERENCE_LEN)?;
        }
    }
    Ok(())
}

/// An expiry after now and at most `max_seconds` from now, compared in nanoseconds: whole
/// seconds would let an expiry run up to a second past the maximum.
pub(crate) fn validate_expiry(
    now: Timestamp,
    expires_at: Timestamp,
    max_seconds: u64,
) -> Result<(), ContractError> {
    if expires_at <= now {
        return Err(ContractError::ExpiryInPast {});
    }
    let max_nanos = max_seconds
        .checked_mul(NANOS_PER_SECOND)
        .ok_or(ContractError::Overflow {})?;
    if expires_at.nanos().saturating_sub(now.nanos()) > max_nanos {
        return Err(ContractError::ExpiryTooFar { max_seconds });
    }
    Ok(())
}

/// Where the id of the next attestation comes from. A single attestation finds it from the
/// highest record (a range read of about 650 gas); a batch remembers it from one attestation to
/// the next.
#[derive(Default)]
pub struct Numbering {
    next: Option<u64>,
}

impl Numbering {
    fn take(&mut self, storage: &dyn Storage) -> Result<u64, ContractError> {
        let id = match self.next {
            Some(id) => id,
            None => ATTESTATIONS
                .last_id(storage)?
                .checked_add(1)
                .ok_or(ContractError::Overflow {})?,
        };
        self.next = Some(id.checked_add(1).ok_or(ContractError::Overflow {})?);
        Ok(id)
    }
}

pub fn attest(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: AttestMsg,
) -> Result<Response, ContractError> {
    attest_numbered(deps, env, info, msg, &mut Numbering::default())
}

pub fn attest_numbered(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: AttestMsg,
    numbering: &mut Numbering,
) -> Result<Response, ContractError> {
    let AttestMsg {
        asset: asset_id,
        statement,
        expires_at,
        evidence,
    } = msg;
    let kind = statement.kind();
    let oracle = require_active_oracle(deps.storage, &info.sender, |s| s.allows(kind))?;
    let asset = load_asset(deps.storage, &asset_id)?;
    if asset.status == rwa_gate::AssetStatus::Retired {
        return Err(ContractError::AssetRetired { id: asset_id });
    }
    let now = env.block.time;
    let config = CONFIG.load(deps.storage)?;
    validate_expiry(now, expires_at, config.params.max_validity.of(kind))?;
    validate::evidence("attestation evidence", &evidence)?;
    validate_statement(deps.storage, now, &asset, &statement)?;

    let id = numbering.take(deps.storage)?;
    let attestation = Attestation {
        id,
        asset: asset_id.clone(),
        oracle: info.sender.clone(),
        statement: statement.into_statement(),
        issued_at: now,
        expires_at,
        evidence,
        // The Filing named the plan in force, field for field (validate_statement): bind it to it.
        plan_version: asset.plan_version,
        parties_version: asset.parties_version,
        revoked_at: None,
        revocation: None,
    };
    ATTESTATIONS.save(deps.storage, &attestation)?;
    ASSET_KIND_ATTESTATIONS.save(deps.storage, (&asset_id, kind.tag(), id), &Empty {})?;
    // An oracle's latest statement of a kind on an asset replaces its earlier ones.
    let mut statements = STATEMENTS.load(deps.storage, &asset_id)?;
    let superseded = statements.post(CurrentStatement {
        kind,
        enrolment: oracle.enrolment,
        id,
    });
    STATEMENTS.save(deps.storage, &asset_id, &statements);
    let held = Held {
        config: Some(&config),
        statements: Some(&statements),
        attestation: Some((&oracle, &attestation)),
        flags_unchanged: true,
    };
    let recomputed = recompute_with(deps.storage, &deps.querier, now, &asset, held)?;
    let terms_update = filed_terms(deps.storage, asset, kind, &recomputed.clearance)?;

    let mut response = Response::new()
        .add_messages(recomputed.freeze_update)
        .add_messages(terms_update)
        .add_attribute("action", "attest")
        .add_attribute("asset", asset_id)
        .add_attribute("kind", kind.as_str())
        .add_attribute("id", id.to_string())
        .add_attribute("oracle", info.sender)
        .add_attribute("expires_at", expires_at.seconds().to_string())
        .add_attribute("plan_version", attestation.plan_version.to_string())
        .add_attribute("evidence", attestation.evidence.digest);
    if let Some(previous) = superseded {
        response = response.add_attribute("superseded", previous.to_string());
    }
    Ok(response)
}

/// Once a quorum of Filings attests the plan in force, terms that waited for it (they admit
/// more than the token enforced) take effect on the token.
fn filed_terms(
    storage: &mut dyn Storage,
    mut asset: Asset,
    kind: AttestationKind,
    clearance: &Clearance,
) -> Result<Option<CosmosMsg>, ContractError> {
    if !(asset.terms_pending && kind == AttestationKind::Filing && clearance.filing.quorum_met()) {
        return Ok(None);
    }
    let token = asset.token.clone().ok_or(ContractError::TokenNotSet {
        asset: asset.id.clone(),
    })?;
    asset.terms_pending = false;
    ASSETS.save(storage, &asset)?;
    terms_message(&token, asset.plan.terms).map(Some)
}

pub fn revoke(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    evidence: Evidence,
) -> Result<Response, ContractError> {
    let mut attestation = ATTESTATIONS
        .may_load(deps.storage, id)?
        .ok_or(ContractError::AttestationNotFound { id })?;
    // Even a suspended or removed oracle may revoke: revoking only removes support.
    if attestation.oracle != info.sender {
        return Err(ContractError::Unauthorized {});
    }
    if attestation.revoked_at.is_some() {
        return Err(ContractError::AlreadyRevoked { id });
    }
    validate::evidence("revocation evidence", &evidence)?;
    let asset = load_asset(deps.storage, &attestation.asset)?;
    let now = env.block.time;
    attestation.revoked_at = Some(now);
    attestation.revocation = Some(evidence);
    ATTESTATIONS.save(deps.storage, &attestation)?;
    // An older statement of the same oracle does not revive.
    let mut statements = STATEMENTS.load(deps.storage, &asset.id)?;
    if statements.revoke(id) {
        STATEMENTS.save(deps.storage, &asset.id, &statements);
    }
    let held = Held {
        statements: Some(&statements),
        flags_unchanged: true,
        ..Held::default()
    };
    let freeze_update =
        recompute_with(deps.storage, &deps.querier, now, &asset, held)?.freeze_update;
    Ok(Response::new()
        .add_messages(freeze_update)
        .add_attribute("action", "revoke")
        .add_attribute("asset", attestation.asset.clone())
        .add_attribute("kind", attestation.kind().as_str())
        .add_attribute("id", id.to_string())
        .add_attribute("oracle", info.sender))
}
