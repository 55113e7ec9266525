//! The gated token of rwa-gate: a cw20-compatible token of one asset whose `Mint` succeeds only
//! while the compliance registry's clearance of the asset permits it, and whose transfers stop
//! while the asset carries a freezing flag. The registry is read with raw storage queries only.

pub mod contract;
pub mod error;
pub mod execute;
pub mod query;
pub mod state;
mod upgrade;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;

/// cw2 name; `migrate` refuses any other.
pub const CONTRACT_NAME: &str = "crates.io:gated-token";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");
