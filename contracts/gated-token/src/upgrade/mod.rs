//! What `migrate` does to records written by earlier versions: one file per version step, run
//! in order from the version cw2 recorded up to this one. Every release is a git tag and its
//! storage a fixture (`tests/fixtures/storage-v<version>.json`, checked by
//! `tests/tests/migration.rs`); a change of the storage layout bumps the version and adds its
//! step here.

mod v0_1_0;
mod v0_3_0;

use cosmwasm_std::DepsMut;
use semver::Version;

use crate::error::ContractError;

/// Brings the records of a token stored under `from` up to this version.
pub fn from(mut deps: DepsMut, from: &Version) -> Result<(), ContractError> {
    if *from < Version::new(0, 2, 0) {
        v0_1_0::to_v0_2_0(deps.branch())?;
    }
    if *from < Version::new(0, 4, 0) {
        v0_3_0::to_v0_4_0(deps)?;
    }
    // v0.4.0 → v0.5.0 rewrites nothing: the token stores nothing new. It reads the registry's
    // clearance layout 2 (the plan's R3 approvals), which the registry writes only for assets
    // whose plan names approvals.
    Ok(())
}
