//! The compliance registry of rwa-gate: oracles, entities, assets, attestations, flags and the
//! precomputed clearance of every asset that the gated token reads at mint time.

pub mod clearance;
pub mod contract;
pub mod error;
pub mod execute;
pub mod query;
pub mod records;
pub mod state;
pub mod upgrade;

pub use crate::error::{ContractError, RefusedAction};

/// cw2 name; `migrate` refuses any other.
pub const CONTRACT_NAME: &str = "crates.io:compliance-registry";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Reply id of the gated-token instantiation dispatched by `RegisterAsset`.
pub const REPLY_TOKEN_INSTANTIATED: u64 = 1;

#[cfg(test)]
mod tests;
