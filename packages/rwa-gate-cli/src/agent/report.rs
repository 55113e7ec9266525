//! What one run of the agent did, and the expiry report: plain data, filled by the commands and
//! shown by `render::agent`.

use crate::agent::decisions::Invalid;
use crate::agent::plan::Plan;

/// A transaction found in flight when the run started, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub hash: String,
    pub actions: usize,
    /// `included` (at `height`), `failed` (on chain: nothing recorded), `dropped` (its sequence
    /// went to another transaction: it can never be included), `resent` (the same bytes sent
    /// again and included), `unknown` (a dry run does not look).
    pub outcome: String,
    pub height: Option<u64>,
    pub note: Option<String>,
}

/// A batch this run sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentBatch {
    pub hash: String,
    pub height: u64,
    pub gas_used: u64,
    pub gas_wanted: u64,
    /// Actions by kind (`eligibility`, `screening`, ...) and operation, in batch order.
    pub actions: Vec<(String, String)>,
}

/// One run of `oracle sync`.
#[derive(Clone, Debug, Default)]
pub struct SyncReport {
    pub file: String,
    pub db: String,
    pub oracle: String,
    pub decisions: usize,
    pub invalid: Vec<Invalid>,
    pub resolved: Vec<Resolved>,
    /// Decisions looked up on chain because the database did not know them (a new database,
    /// or --verify), and how many of them were found already posted.
    pub looked_up: usize,
    pub found_on_chain: usize,
    pub plan: Plan,
    /// The number of batches the plan makes.
    pub batches: usize,
    pub sent: Vec<SentBatch>,
    /// Decisions the registry refused (in simulation: never sent), with its reason.
    pub refused: Vec<(String, String)>,
    pub dry_run: bool,
    pub seconds: f64,
}

/// One record of the oracle that lapses within the window of the expiry report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lapsing {
    pub decision: Option<String>,
    pub kind: String,
    /// The account (eligibility) or the asset.
    pub subject: String,
    /// Attestation id, or the statement's id in the account's history.
    pub record: Option<u64>,
    pub expires_at: u64,
    /// Whether the agent renews it (a validity, not a fixed date).
    pub renewed_by_agent: bool,
    /// For an asset's attestation: whether the asset's clearance relies on it, so that the
    /// asset is blocked when it lapses.
    pub blocks_asset: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ExpiryReport {
    pub oracle: String,
    pub now: u64,
    pub days: u64,
    pub lapsing: Vec<Lapsing>,
    /// Assets whose clearance would fall when these lapse.
    pub blocked_assets: Vec<String>,
}
