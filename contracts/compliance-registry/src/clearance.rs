//! The one path by which an asset's clearance is brought up to date: gather the inputs from the
//! records, let `rwa_gate::compute_clearance` decide, store what it returns. Every change of an
//! asset, attestation, flag or report that affects the asset ends here.

use cosmwasm_std::{to_json_binary, CosmosMsg, Order, QuerierWrapper, Storage, Timestamp, WasmMsg};
use rwa_gate::keys::TOKEN_ROUTE;
use rwa_gate::{
    compute_clearance, flag_subjects, may_support, Asset, AttestationKind, Clearance,
    ClearanceError, ClearanceInputs, OracleStatement, MAX_ORACLES,
};

use crate::error::ContractError;
use crate::state::{
    ACTIVE_FLAGS, ATTESTATIONS, CLEARANCES, CONFIG, CURRENT_STATEMENTS, FLAGS, FREEZES, GATE,
    NEGATIVE_LIST, ORACLES, REPORTS,
};

/// What a recomputation produced: the clearance, and the message that tells the asset's token
/// its new freeze when the freezing flags changed. Every caller adds that message to its
/// response: the token's transfers read only the freeze the registry pushed.
#[must_use]
pub struct Recomputed {
    pub clearance: Clearance,
    pub freeze_update: Option<CosmosMsg>,
}

/// Recomputes and stores the clearance of `asset` (and its freeze record) at `now`.
pub fn recompute(
    storage: &mut dyn Storage,
    querier: &QuerierWrapper,
    now: Timestamp,
    asset: &Asset,
) -> Result<Recomputed, ContractError> {
    let inputs = gather(storage, now, asset)?;
    let computed = compute_clearance(&inputs).map_err(|e| match e {
        ClearanceError::TokenNotSet { asset } => ContractError::TokenNotSet { asset },
        ClearanceError::ReportMissing { id } => ContractError::ReportNotFound { id },
    })?;
    let before = FREEZES.may_load(storage, &asset.id)?.unwrap_or_default();
    let freeze_update = if before == computed.freezes {
        None
    } else {
        if computed.freezes.is_empty() {
            FREEZES.remove(storage, &asset.id);
        } else {
            FREEZES.save(storage, &asset.id, &computed.freezes)?;
        }
        // A message to exactly this asset's token: fan-out one. A token still in v0.1.0's
        // layout (no route key, however and whenever it gets migrated) reads the record above on
        // every transfer and would refuse the message, and with it the flag: it is sent nothing.
        let token = &computed.clearance.token;
        if querier
            .query_wasm_raw(token, TOKEN_ROUTE.as_slice())?
            .is_some()
        {
            Some(
                WasmMsg::Execute {
                    contract_addr: computed.clearance.token.to_string(),
                    msg: to_json_binary(&rwa_gate::token::ExecuteMsg::UpdateFreeze {
                        flags: computed.freezes.clone(),
                    })?,
                    funds: vec![],
                }
                .into(),
            )
        } else {
            None
        }
    };
    CLEARANCES.save(storage, &asset.id, &computed.clearance)?;
    Ok(Recomputed {
        clearance: computed.clearance,
        freeze_update,
    })
}

/// Reads everything the clearance depends on. Bounded: at most `MAX_ORACLES` oracles with two
/// statements each, and `MAX_ACTIVE_FLAGS_PER_SUBJECT` flags on each of at most
/// `MAX_RELATED_PARTIES + 2` subjects.
fn gather(
    storage: &dyn Storage,
    now: Timestamp,
    asset: &Asset,
) -> Result<ClearanceInputs, ContractError> {
    let report = match asset.last_report {
        Some(id) => Some(
            REPORTS
                .may_load(storage, id)?
                .ok_or(ContractError::ReportNotFound { id })?,
        ),
        None => None,
    };
    let oracles = ORACLES
        .range(storage, None, None, Order::Ascending)
        .take(MAX_ORACLES as usize)
        .collect::<Result<Vec<_>, _>>()?;
    let mut statements = Vec::new();
    for (address, oracle) in oracles {
        for kind in [AttestationKind::Filing, AttestationKind::Screening] {
            // Statements that cannot count are not worth a read.
            if !may_support(&oracle, kind) {
                continue;
            }
            let key = (asset.id.as_str(), kind.tag(), &address);
            let Some(id) = CURRENT_STATEMENTS.may_load(storage, key)? else {
                continue;
            };
            let Some(attestation) = ATTESTATIONS.may_load(storage, id)? else {
                continue;
            };
            statements.push(OracleStatement {
                oracle: oracle.clone(),
                attestation,
            });
        }
    }
    let mut flags = Vec::new();
    for subject in flag_subjects(asset) {
        let active = ACTIVE_FLAGS
            .may_load(storage, (subject.tag(), subject.subject_id()))?
            .unwrap_or_default();
        for id in active {
            flags.push(
                FLAGS
                    .may_load(storage, id)?
                    .ok_or(ContractError::FlagNotFound { id })?,
            );
        }
    }
    Ok(ClearanceInputs {
        asset: asset.clone(),
        epoch: GATE.load(storage)?.epoch,
        attestation_quorum: CONFIG.load(storage)?.params.attestation_quorum,
        negative_list_version: NEGATIVE_LIST.load(storage)?.version,
        report,
        statements,
        flags,
        now,
    })
}
