//! What `migrate` does to records written by earlier versions: one file per version step, run
//! in order from the version cw2 recorded up to this one.
//!
//! Every release is a git tag (`v0.1.0`, `v0.2.0`, ...) and its storage is kept as a fixture
//! (`tests/fixtures/storage-v<version>.json`); `tests/tests/migration.rs` migrates every fixture
//! to the current version and checks every record and query, and fails when the code still
//! carries a released version but writes another layout. A change of the storage layout
//! therefore bumps the contract's version and adds its step here.

mod v0_1_0;
mod v0_2_0;

#[cfg(test)]
pub(crate) use v0_1_0::{
    LEGACY_ASSET_ATTESTATIONS, LEGACY_ATTESTATIONS, LEGACY_CURRENT_STATEMENTS,
    LEGACY_LAST_ATTESTATION_ID,
};

use cosmwasm_std::{Order, Storage};
use cw_storage_plus::{KeyDeserialize, Map, PrimaryKey};
use semver::Version;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ContractError;

/// The most records of one kind a migration step rewrites in one transaction (a read and a
/// write each). A larger registry is refused, typed, and stays as it is.
pub const MAX_BACKFILL: usize = 5_000;

/// What the steps did, for the migrate response.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Upgraded {
    /// v0.1.0 attestations rewritten in their binary record.
    pub attestations_indexed: usize,
    /// Clearances whose R8 lapse instants were recomputed to the nanosecond.
    pub clearances_recomputed: usize,
}

/// Brings the records of a registry stored under `from` up to this version, one step after
/// the other.
pub fn from(storage: &mut dyn Storage, from: &Version) -> Result<Upgraded, ContractError> {
    let mut done = Upgraded::default();
    if *from < Version::new(0, 2, 0) {
        done.attestations_indexed = v0_1_0::to_v0_2_0(storage)?;
    } else if *from < Version::new(0, 3, 0) {
        // A v0.1.0 registry was just rewritten by the code of this very version; only a
        // registry that claims 0.2.0 can hold the records of an unreleased 0.2.0 layout.
        v0_2_0::refuse_unreleased_layout(storage)?;
    }
    if *from < Version::new(0, 3, 0) {
        done.clearances_recomputed = v0_2_0::to_v0_3_0(storage)?;
    }
    // v0.3.0 → v0.4.0 rewrites nothing, by design: the asset record's layout 2 only appends
    // the plan's distribution terms, and layout 1 reads as a plan without terms until the
    // asset's next change writes layout 2; oracle records gain two scope bits that a v0.3.0
    // record never sets; the configuration reads the default eligibility validity (one year)
    // until the owner sets it. The new records (eligibility statements, orders) start empty.
    Ok(done)
}

/// Every entry of a map, or `MigrationTooLarge` (and nothing read further) when it holds more
/// than `MAX_BACKFILL`: each pass of a migration is bounded alike.
fn within_bound<'a, K, T>(
    map: &Map<K, T>,
    storage: &dyn Storage,
) -> Result<Vec<(K::Output, T)>, ContractError>
where
    K: PrimaryKey<'a> + KeyDeserialize,
    K::Output: 'static,
    T: Serialize + DeserializeOwned,
{
    let entries = map
        .range(storage, None, None, Order::Ascending)
        .take(MAX_BACKFILL.saturating_add(1))
        .collect::<Result<Vec<_>, _>>()?;
    if entries.len() > MAX_BACKFILL {
        return Err(ContractError::MigrationTooLarge { max: MAX_BACKFILL });
    }
    Ok(entries)
}
