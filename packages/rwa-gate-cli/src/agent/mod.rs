//! The oracle agent's pure parts (`rwa-gate oracle sync` and `oracle expiring` wire them to
//! the chain): the decisions file, the agent's SQLite memory, and the plan that turns decisions,
//! memory and the chain's facts into actions with reasons.

pub mod decisions;
pub mod plan;
pub mod report;
pub mod store;
