//! What `migrate` does to records written by earlier versions.
//!
//! v0.1.0 → v0.2.0: assets, attestations, entities and entity links gained fields that read as
//! their v0.1.0 meaning when absent (`#[serde(default)]`: plan version 0, no link allowances), so
//! they need no rewrite. The attestations-by-kind index is new and is filled in here, in one
//! bounded pass; the gate and the clearances, JSON under `gate` and `clearances` in v0.1.0, are
//! rewritten in their compact binary layout (`rwa_gate::keys`), within the same bound.

use cosmwasm_std::{Empty, Order, Storage};
use cw_storage_plus::{Item, Map};
use rwa_gate::keys::{CLEARANCES, GATE};
use rwa_gate::{Clearance, Gate};

use crate::error::ContractError;
use crate::state::{ASSET_ATTESTATIONS, ASSET_KIND_ATTESTATIONS};

/// The most attestations a v0.1.0 registry may hold to be migrated in one transaction (a read
/// and a write each). A larger one is refused, typed, and stays as it is.
pub const MAX_BACKFILL: usize = 5_000;

/// The first version whose records need nothing from here.
const INDEXED_SINCE: semver::Version = semver::Version::new(0, 2, 0);

/// Brings the records of a registry stored under `from` up to this version. Returns how many
/// attestations it indexed.
pub fn from(storage: &mut dyn Storage, from: &semver::Version) -> Result<usize, ContractError> {
    if *from >= INDEXED_SINCE {
        return Ok(0);
    }
    let entries = ASSET_ATTESTATIONS
        .range(storage, None, None, Order::Ascending)
        .take(MAX_BACKFILL.saturating_add(1))
        .collect::<Result<Vec<_>, _>>()?;
    if entries.len() > MAX_BACKFILL {
        return Err(ContractError::MigrationTooLarge { max: MAX_BACKFILL });
    }
    for ((asset, id), tag) in &entries {
        ASSET_KIND_ATTESTATIONS.save(storage, (asset, *tag, *id), &Empty {})?;
    }
    rewrite_gate_and_clearances(storage)?;
    Ok(entries.len())
}

const LEGACY_GATE: Item<Gate> = Item::new("gate");
const LEGACY_CLEARANCES: Map<&str, Clearance> = Map::new("clearances");

/// v0.1.0 kept the gate and every clearance as JSON; rewrite them in the binary layout that a
/// mint reads, and drop the JSON. Bounded like the backfill: one clearance per asset.
fn rewrite_gate_and_clearances(storage: &mut dyn Storage) -> Result<(), ContractError> {
    if let Some(gate) = LEGACY_GATE.may_load(storage)? {
        GATE.save(storage, &gate)?;
        LEGACY_GATE.remove(storage);
    }
    let clearances = LEGACY_CLEARANCES
        .range(storage, None, None, Order::Ascending)
        .take(MAX_BACKFILL.saturating_add(1))
        .collect::<Result<Vec<_>, _>>()?;
    if clearances.len() > MAX_BACKFILL {
        return Err(ContractError::MigrationTooLarge { max: MAX_BACKFILL });
    }
    for (asset, clearance) in &clearances {
        CLEARANCES.save(storage, asset, clearance)?;
        LEGACY_CLEARANCES.remove(storage, asset);
    }
    Ok(())
}
