//! The one path by which an asset's clearance is brought up to date: gather the inputs from the
//! records, let `rwa_gate::compute_clearance` decide, store what it returns. Every change of an
//! asset, attestation, flag or report that affects the asset ends here.

use cosmwasm_std::{to_json_binary, CosmosMsg, QuerierWrapper, Storage, Timestamp, WasmMsg};
use rwa_gate::records::TOKEN_ROUTE;
use rwa_gate::{
    compute_clearance, flag_subjects, may_support, Asset, Attestation, AttestationKind, Clearance,
    ClearanceError, ClearanceInputs, Flag, Oracle, OracleStatement,
};

use crate::error::ContractError;
use crate::records::StatementSet;
use crate::state::{
    Config, ACTIVE_FLAGS, ATTESTATIONS, CLEARANCES, CONFIG, FLAGS, FREEZES, GATE, NEGATIVE_LIST,
    ORACLES, REPORTS, STATEMENTS,
};

/// Records the caller already holds, so that the recomputation does not read them again: every
/// read costs at least 1,000 gas, and an attestation would otherwise read back what it wrote.
#[derive(Default)]
pub struct Held<'a> {
    pub config: Option<&'a Config>,
    /// The asset's statement set as the caller just saved it.
    pub statements: Option<&'a StatementSet>,
    /// An attestation just posted, with its oracle's record.
    pub attestation: Option<(&'a Oracle, &'a Attestation)>,
    /// The caller changed no flag. Freezes follow from flags alone (never from time), so they
    /// cannot have changed and the stored ones need no read.
    pub flags_unchanged: bool,
}

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
    recompute_with(storage, querier, now, asset, Held::default())
}

/// [`recompute`], reading only what the caller does not hold.
pub fn recompute_with(
    storage: &mut dyn Storage,
    querier: &QuerierWrapper,
    now: Timestamp,
    asset: &Asset,
    held: Held,
) -> Result<Recomputed, ContractError> {
    let inputs = gather(storage, now, asset, &held)?;
    let computed = compute_clearance(&inputs).map_err(|e| match e {
        ClearanceError::TokenNotSet { asset } => ContractError::TokenNotSet { asset },
        ClearanceError::ReportMissing { id } => ContractError::ReportNotFound { id },
    })?;
    let unchanged = held.flags_unchanged
        || FREEZES.may_load(storage, &asset.id)?.unwrap_or_default() == computed.freezes;
    let freeze_update = if unchanged {
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

/// Reads everything the clearance depends on, and saves the asset's statement set when entries
/// of oracles since removed or re-added are dropped from it. Bounded: at most two statements
/// per oracle enrolment that attested on the asset, and `MAX_ACTIVE_FLAGS_PER_SUBJECT` flags on each of at most
/// `MAX_RELATED_PARTIES + 2` subjects.
fn gather(
    storage: &mut dyn Storage,
    now: Timestamp,
    asset: &Asset,
    held: &Held,
) -> Result<ClearanceInputs, ContractError> {
    let report = match asset.last_report {
        Some(id) => Some(
            REPORTS
                .may_load(storage, id)?
                .ok_or(ContractError::ReportNotFound { id })?,
        ),
        None => None,
    };
    let (statements, pruned) = counted_statements(storage, asset, held)?;
    // The one write of the gathering: the set without the entries that can never count again.
    if let Some(live) = pruned {
        STATEMENTS.save(storage, &asset.id, &live);
    }
    let flags = active_flags(storage, asset)?;
    // A Filing-only clearance does not need the list: one read less for most attestations.
    let negative_list_version = if statements
        .iter()
        .any(|s| s.attestation.kind() == AttestationKind::Screening)
    {
        Some(NEGATIVE_LIST.load(storage)?.version)
    } else {
        None
    };
    let params = match held.config {
        Some(config) => config.params,
        None => CONFIG.load(storage)?.params,
    };
    Ok(ClearanceInputs {
        asset: asset.clone(),
        epoch: GATE.load(storage)?.epoch,
        attestation_quorum: params.attestation_quorum,
        approval_quorum: params.approval_quorum,
        negative_list_version,
        report,
        statements,
        flags,
        now,
    })
}

/// The asset's current statements that may count now, with their oracles; and, when some
/// entries can never count again (their oracle removed, or re-added since), the set without
/// them for the caller to save. Reads only.
fn counted_statements(
    storage: &dyn Storage,
    asset: &Asset,
    held: &Held,
) -> Result<(Vec<OracleStatement>, Option<StatementSet>), ContractError> {
    let loaded;
    let set = match held.statements {
        Some(set) => set,
        None => {
            loaded = STATEMENTS.load(storage, &asset.id)?;
            &loaded
        }
    };
    let mut statements = Vec::with_capacity(set.0.len());
    let mut live = StatementSet::default();
    for entry in &set.0 {
        let attestation = match held.attestation {
            Some((_, a)) if a.id == entry.id => a.clone(),
            _ => ATTESTATIONS
                .may_load(storage, entry.id)?
                .ok_or(ContractError::AttestationNotFound { id: entry.id })?,
        };
        let oracle = match held.attestation {
            Some((o, _)) if o.address == attestation.oracle => Some(o.clone()),
            _ => ORACLES.may_load(storage, attestation.oracle.as_str())?,
        };
        // Removed, or re-added since: that enrolment's statements never count again.
        let Some(oracle) = oracle.filter(|o| o.enrolment == entry.enrolment) else {
            continue;
        };
        live.0.push(*entry);
        // Statements that cannot count now (suspended, out of scope) stay current: they count
        // again once the oracle is reactivated or rescoped.
        if may_support(&oracle, entry.kind) {
            statements.push(OracleStatement {
                oracle,
                attestation,
            });
        }
    }
    let pruned = (live.0.len() != set.0.len()).then_some(live);
    Ok((statements, pruned))
}

/// The active flags on the asset, its filing entity and every related party, in that order.
fn active_flags(storage: &dyn Storage, asset: &Asset) -> Result<Vec<Flag>, ContractError> {
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
    Ok(flags)
}
