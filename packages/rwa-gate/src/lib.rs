//! Shared crate of rwa-gate: the message types of both contracts, the domain vocabulary, the
//! records read across contracts with raw queries (`records`), and the pure issuance policy
//! that both the registry's `check_issuance` and the token's `mint` run.

pub mod codec;
pub mod cw20;
pub mod delegation;
pub mod distribution;
pub mod policy;
pub mod records;
pub mod registry;
pub mod token;
pub mod types;
pub mod validate;

pub use distribution::{
    judge_movement, DistributionTerms, Eligibility, EligibilityStatus, InvestorClass, Movement,
    MovementDecision, OutflowLimit,
};
pub use policy::{
    compute_clearance, evaluate, flag_subjects, may_support, select_support, Blocker, Candidate,
    Clearance, ClearanceError, ClearanceInputs, ComputedClearance, Decision, Denial, Gate,
    IssuanceRequest, OracleStatement, Support,
};
pub use types::*;
