//! What `migrate` does to records written by earlier versions: one file per version step, run
//! in order from the version cw2 recorded up to this one.
//!
//! Every release is a git tag (`v0.1.0`, `v0.2.0`, ...) and its storage is kept as a fixture
//! (`tests/fixtures/storage-v<version>.json`); `tests/tests/migration.rs` migrates the fixtures
//! of the releases this code migrates from to the current version and checks every record and
//! query, and fails when the code still carries a released version but writes another layout.
//! A change of the storage layout therefore bumps the contract's version and adds its step here.
//!
//! This code migrates from the two releases before it (v0.3.0 and v0.4.0). An older registry
//! migrates with the code of the v0.4.0 release first, which carries the steps from v0.1.0 and
//! v0.2.0: keeping them here would cost the code size the registry has the least of.

use semver::Version;

use crate::error::ContractError;

/// The oldest version this code migrates from.
pub const OLDEST_MIGRATABLE: Version = Version::new(0, 3, 0);
/// The release whose code migrates anything older.
pub const MIGRATE_OLDER_THROUGH: &str = "0.4.0";

/// Brings the records of a registry stored under `from` up to this version, one step after
/// the other; refuses, typed and before any write, a version older than [`OLDEST_MIGRATABLE`].
pub fn from(from: &Version) -> Result<(), ContractError> {
    if *from < OLDEST_MIGRATABLE {
        return Err(ContractError::MigrateThroughRelease {
            stored: from.to_string(),
            release: MIGRATE_OLDER_THROUGH.to_string(),
        });
    }
    // v0.3.0 → v0.4.0 rewrites nothing, by design: the asset record's layout 2 only appends
    // the plan's distribution terms, and layout 1 reads as a plan without terms until the
    // asset's next change writes layout 2; oracle records gain two scope bits that a v0.3.0
    // record never sets; the configuration reads the default eligibility validity (one year)
    // until the owner sets it. The new records (eligibility statements, orders) start empty.
    //
    // v0.4.0 → v0.5.0 rewrites nothing either: the asset record's layout 3 appends the plan's
    // R3 approvals (layouts 1 and 2 read as a plan naming none) and the clearance's layout 2 is
    // written only for a plan that names some; the oracle record's scope byte gains three bits a
    // v0.4.0 record never sets; the configuration reads the default approval quorum (1 each) and
    // validity (one year). Signing keys and nonces start empty.
    Ok(())
}
