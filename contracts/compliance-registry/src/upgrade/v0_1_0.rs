//! The step from v0.1.0 to v0.2.0.
//!
//! Assets, entities and entity links gained fields that read as their v0.1.0
//! meaning when absent (`#[serde(default)]`: plan version 0, no link allowances), so they need no
//! rewrite. The attestation path is rewritten in one bounded pass: each JSON attestation in its
//! binary record, the history by asset as the history by asset and kind, the current statements
//! by (asset, kind, oracle) as one statement set per asset, the last id dropped (the records' keys tell it). The
//! gate and the clearances, JSON under `gate` and `clearances` in v0.1.0, are rewritten in their
//! compact binary layout (`rwa_gate::records`), within the same bound.

use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Empty, StdError, Storage};
use cw_storage_plus::{Item, Map};
use rwa_gate::records::{CLEARANCES, GATE};
use rwa_gate::{AttestationKind, Clearance, Gate};

use super::within_bound;
use crate::error::ContractError;
use crate::records::{CurrentStatement, StatementSet};
use crate::state::{ASSETS, ASSET_KIND_ATTESTATIONS, ATTESTATIONS, ORACLES, STATEMENTS};

pub(crate) const LEGACY_LAST_ATTESTATION_ID: Item<u64> = Item::new("last_attestation_id");
pub(crate) const LEGACY_ATTESTATIONS: Map<u64, rwa_gate::Attestation> = Map::new("attestations");
pub(crate) const LEGACY_ASSET_ATTESTATIONS: Map<(&str, u64), u8> = Map::new("asset_attestations");
pub(crate) const LEGACY_CURRENT_STATEMENTS: Map<(&str, u8, &Addr), u64> =
    Map::new("current_statements");

/// Rewrites the records of a v0.1.0 registry in the v0.2.0 layout. Returns how many
/// attestations it indexed.
pub fn to_v0_2_0(storage: &mut dyn Storage) -> Result<usize, ContractError> {
    let entries = within_bound(&LEGACY_ASSET_ATTESTATIONS, storage)?;
    for ((asset, id), tag) in &entries {
        let attestation = LEGACY_ATTESTATIONS
            .may_load(storage, *id)?
            .ok_or(ContractError::AttestationNotFound { id: *id })?;
        ATTESTATIONS.save(storage, &attestation)?;
        LEGACY_ATTESTATIONS.remove(storage, *id);
        ASSET_KIND_ATTESTATIONS.save(storage, (asset, *tag, *id), &Empty {})?;
        LEGACY_ASSET_ATTESTATIONS.remove(storage, (asset, *id));
    }
    // The ids are now the keys of the records: the counter has nothing left to say.
    LEGACY_LAST_ATTESTATION_ID.remove(storage);
    rewrite_oracles(storage)?;
    rewrite_current_statements(storage)?;
    rewrite_assets(storage)?;
    rewrite_gate_and_clearances(storage)?;
    Ok(entries.len())
}

/// v0.1.0 kept one entry per (asset, kind, oracle address); now each asset has one set naming
/// oracles by enrolment. An entry of an oracle removed since could never count again and is
/// dropped. Bounded like the backfill: at most one entry per attestation.
fn rewrite_current_statements(storage: &mut dyn Storage) -> Result<(), ContractError> {
    let entries = within_bound(&LEGACY_CURRENT_STATEMENTS, storage)?;
    let mut sets: BTreeMap<&str, StatementSet> = BTreeMap::new();
    for ((asset, tag, oracle), id) in &entries {
        let kind = AttestationKind::from_tag(*tag)
            .ok_or_else(|| StdError::msg(format!("unknown attestation kind tag {tag}")))?;
        if let Some(record) = ORACLES.may_load(storage, oracle.as_str())? {
            let set = sets.entry(asset.as_str()).or_default();
            let _ = set.post(CurrentStatement {
                kind,
                enrolment: record.enrolment,
                id: *id,
            });
        }
    }
    for (asset, set) in &sets {
        STATEMENTS.save(storage, asset, set);
    }
    for ((asset, tag, oracle), _) in &entries {
        LEGACY_CURRENT_STATEMENTS.remove(storage, (asset, *tag, oracle));
    }
    Ok(())
}

pub(crate) const LEGACY_ORACLES: Map<&Addr, rwa_gate::Oracle> = Map::new("oracles");

/// v0.1.0 kept every oracle as JSON; rewrite each in its binary record. At most `MAX_ORACLES`.
fn rewrite_oracles(storage: &mut dyn Storage) -> Result<(), ContractError> {
    let oracles = within_bound(&LEGACY_ORACLES, storage)?;
    for (address, oracle) in &oracles {
        ORACLES.store(storage, oracle)?;
        LEGACY_ORACLES.remove(storage, address);
    }
    Ok(())
}

pub(crate) const LEGACY_ASSETS: Map<&str, rwa_gate::Asset> = Map::new("assets");

/// v0.1.0 kept every asset as JSON; rewrite each in its binary record. Bounded like the
/// clearances: one per asset.
fn rewrite_assets(storage: &mut dyn Storage) -> Result<(), ContractError> {
    let assets = within_bound(&LEGACY_ASSETS, storage)?;
    for (id, asset) in &assets {
        ASSETS.save(storage, asset)?;
        LEGACY_ASSETS.remove(storage, id);
    }
    Ok(())
}

pub(crate) const LEGACY_GATE: Item<Gate> = Item::new("gate");
pub(crate) const LEGACY_CLEARANCES: Map<&str, Clearance> = Map::new("clearances");

/// v0.1.0 kept the gate and every clearance as JSON; rewrite them in the binary layout that a
/// mint reads, and drop the JSON. Bounded like the backfill: one clearance per asset.
fn rewrite_gate_and_clearances(storage: &mut dyn Storage) -> Result<(), ContractError> {
    if let Some(gate) = LEGACY_GATE.may_load(storage)? {
        GATE.save(storage, &gate)?;
        LEGACY_GATE.remove(storage);
    }
    let clearances = within_bound(&LEGACY_CLEARANCES, storage)?;
    for (asset, clearance) in &clearances {
        CLEARANCES.save(storage, asset, clearance)?;
        LEGACY_CLEARANCES.remove(storage, asset);
    }
    Ok(())
}
