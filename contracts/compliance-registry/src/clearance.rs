//! The one place where an asset's clearance is computed from the records.

use cosmwasm_std::{Order, Storage, Timestamp};
use rwa_gate::policy::Blocker;
use rwa_gate::{
    select_support, Asset, AssetStatus, AttestationKind, Candidate, Clearance, Statement, Subject,
    MAX_ORACLES,
};

use crate::error::ContractError;
use crate::state::{
    ACTIVE_FLAGS, ATTESTATIONS, CLEARANCES, CONFIG, CURRENT_STATEMENTS, FLAGS, FREEZES, GATE,
    NEGATIVE_LIST, ORACLES, REPORTS,
};

/// Recomputes and stores the clearance of `asset` (and its freeze record) at `now`.
///
/// Bounded: at most `MAX_ORACLES` oracles per kind, and `MAX_ACTIVE_FLAGS_PER_SUBJECT` flags on
/// each of at most `MAX_RELATED_PARTIES + 2` subjects. Time-dependent parts (expiries, R8
/// lapses) are stored as instants, so `evaluate` judges them at mint time.
pub fn recompute(
    storage: &mut dyn Storage,
    now: Timestamp,
    asset: &Asset,
) -> Result<Clearance, ContractError> {
    let token = asset
        .token
        .clone()
        .ok_or_else(|| ContractError::TokenNotSet {
            asset: asset.id.clone(),
        })?;
    let gate = GATE.load(storage)?;
    let params = CONFIG.load(storage)?.params;
    let negative_list_version = NEGATIVE_LIST.load(storage)?.version;
    // A report only suspends issuance until filings newer than it are posted.
    let report_cutoff = match asset.last_report {
        Some(id) => Some(
            REPORTS
                .may_load(storage, id)?
                .ok_or(ContractError::ReportNotFound { id })?
                .attestations_before,
        ),
        None => None,
    };

    // Trust is judged now: only currently active oracles with the scope count.
    let oracles = ORACLES
        .range(storage, None, None, Order::Ascending)
        .take(MAX_ORACLES as usize)
        .collect::<Result<Vec<_>, _>>()?;

    let mut filings = Vec::new();
    let mut screenings = Vec::new();
    for (address, oracle) in oracles.iter().filter(|(_, o)| o.is_active()) {
        for kind in [AttestationKind::Filing, AttestationKind::Screening] {
            if !oracle.scopes.allows(kind) {
                continue;
            }
            let Some(id) =
                CURRENT_STATEMENTS.may_load(storage, (asset.id.as_str(), kind.tag(), address))?
            else {
                continue;
            };
            let Some(att) = ATTESTATIONS.may_load(storage, id)? else {
                continue;
            };
            if att.revoked_at.is_some() || att.id <= oracle.trusted_after {
                continue;
            }
            match &att.statement {
                Statement::Filing {
                    plan_digest,
                    approved_supply,
                    ..
                } => {
                    let current_plan = *plan_digest == asset.plan.materials_digest;
                    let after_report = report_cutoff.is_none_or(|cutoff| att.id > cutoff);
                    if current_plan && after_report {
                        filings.push(Candidate {
                            id: att.id,
                            oracle: att.oracle.clone(),
                            expires_at: att.expires_at,
                            approved_supply: Some(*approved_supply),
                        });
                    }
                }
                Statement::Screening {
                    negative_list_version: version,
                    ..
                } => {
                    if *version == negative_list_version {
                        screenings.push(Candidate {
                            id: att.id,
                            oracle: att.oracle.clone(),
                            expires_at: att.expires_at,
                            approved_supply: None,
                        });
                    }
                }
            }
        }
    }
    let filing = select_support(filings, params.attestation_quorum, now);
    let screening = select_support(screenings, params.attestation_quorum, now);
    let pending_report = if filing.quorum_met() {
        None
    } else {
        asset.last_report
    };

    // Adverse findings on the asset itself, its filing entity and every related party.
    let subjects = std::iter::once(Subject::Asset(asset.id.clone()))
        .chain(asset.subjects().map(|e| Subject::Entity(e.to_string())));
    let mut blockers = Vec::new();
    let mut freezes = Vec::new();
    for subject in subjects {
        let active = ACTIVE_FLAGS
            .may_load(storage, (subject.tag(), subject.subject_id()))?
            .unwrap_or_default();
        for id in active {
            let flag = FLAGS
                .may_load(storage, id)?
                .ok_or(ContractError::FlagNotFound { id })?;
            let blocker = Blocker {
                flag: id,
                subject: flag.subject,
                lapses_at: flag.reason.lapses_at(),
                reason: flag.reason,
            };
            if matches!(subject, Subject::Asset(_)) && blocker.reason.freezes_transfers() {
                freezes.push(id);
            }
            if blocker.blocks_at(now) {
                blockers.push(blocker);
            }
        }
    }
    if freezes.is_empty() {
        FREEZES.remove(storage, &asset.id);
    } else {
        FREEZES.save(storage, &asset.id, &freezes)?;
    }

    let clearance = Clearance {
        asset: asset.id.clone(),
        token,
        epoch: gate.epoch,
        retired: asset.status == AssetStatus::Retired,
        paused: asset.paused,
        minters: asset.minters.clone(),
        plan_max_supply: asset.plan.max_supply,
        filing,
        screening,
        pending_report,
        blockers,
        computed_at: now,
    };
    CLEARANCES.save(storage, &asset.id, &clearance)?;
    Ok(clearance)
}
