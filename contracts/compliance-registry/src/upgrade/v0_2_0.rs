//! The step from v0.2.0 to v0.3.0. The layout is unchanged; what changes is what two stored
//! values mean:
//! - R8 lapse instants. v0.2.0 counted an offence's three years from the whole second it fell
//!   in, so a stored clearance could let an R8 flag lapse up to a second early. Each blocker
//!   carries its reason and offence date: its lapse is recomputed to the nanosecond.
//! - The Filing message names the whole plan (`StatementMsg`); recorded Filings keep their plan
//!   digest and version, so their records need nothing.
//!
//! Before v0.2.0 was tagged, several commits stored other layouts under the same version
//! (JSON records under the v0.1.0 namespaces). Such a registry is refused here, typed and
//! unchanged, rather than migrated into a gate that cannot read its own records.

use cosmwasm_std::{Order, StdError, Storage};
use rwa_gate::records::CLEARANCES;
use rwa_gate::Asset;

use super::v0_1_0::{
    LEGACY_ASSETS, LEGACY_ASSET_ATTESTATIONS, LEGACY_ATTESTATIONS, LEGACY_CLEARANCES,
    LEGACY_CURRENT_STATEMENTS, LEGACY_GATE, LEGACY_LAST_ATTESTATION_ID, LEGACY_ORACLES,
};
use super::MAX_BACKFILL;
use crate::error::ContractError;
use crate::state::ASSETS;

/// Refuses a registry that holds any record of a layout older than the released v0.2.0.
pub fn refuse_unreleased_layout(storage: &dyn Storage) -> Result<(), ContractError> {
    let first = Order::Ascending;
    let found = [
        (
            "attestations",
            LEGACY_ATTESTATIONS
                .keys_raw(storage, None, None, first)
                .next(),
        ),
        (
            "asset_attestations",
            LEGACY_ASSET_ATTESTATIONS
                .keys_raw(storage, None, None, first)
                .next(),
        ),
        (
            "current_statements",
            LEGACY_CURRENT_STATEMENTS
                .keys_raw(storage, None, None, first)
                .next(),
        ),
        (
            "oracles",
            LEGACY_ORACLES.keys_raw(storage, None, None, first).next(),
        ),
        (
            "assets",
            LEGACY_ASSETS.keys_raw(storage, None, None, first).next(),
        ),
        (
            "clearances",
            LEGACY_CLEARANCES
                .keys_raw(storage, None, None, first)
                .next(),
        ),
        ("gate", storage.get(LEGACY_GATE.as_slice())),
        (
            "last_attestation_id",
            storage.get(LEGACY_LAST_ATTESTATION_ID.as_slice()),
        ),
    ];
    match found.into_iter().find(|(_, record)| record.is_some()) {
        Some((namespace, _)) => Err(ContractError::UnreleasedLayout {
            found: namespace.to_string(),
        }),
        None => Ok(()),
    }
}

/// Recomputes the lapse of every R8 blocker of every clearance; returns how many clearances
/// changed. Bounded: at most `MAX_BACKFILL` assets.
pub fn to_v0_3_0(storage: &mut dyn Storage) -> Result<usize, ContractError> {
    let assets: Vec<Asset> = ASSETS.page(storage, None, MAX_BACKFILL.saturating_add(1))?;
    if assets.len() > MAX_BACKFILL {
        return Err(ContractError::MigrationTooLarge { max: MAX_BACKFILL });
    }
    let mut changed = 0usize;
    for asset in &assets {
        let Some(mut clearance) = CLEARANCES.may_load(storage, &asset.id)? else {
            continue;
        };
        let mut any = false;
        for blocker in &mut clearance.blockers {
            let exact = blocker.reason.lapses_at();
            if blocker.lapses_at != exact {
                blocker.lapses_at = exact;
                any = true;
            }
        }
        if any {
            CLEARANCES.save(storage, &asset.id, &clearance)?;
            changed = changed
                .checked_add(1)
                .ok_or_else(|| StdError::msg("clearance count overflow"))?;
        }
    }
    Ok(changed)
}
