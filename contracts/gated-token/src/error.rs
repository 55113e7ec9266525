use cosmwasm_std::{OverflowError, StdError};
use cw_utils::PaymentError;
use rwa_gate::policy::{describe, Denial};
use rwa_gate::validate::InvalidInput;
use thiserror::Error;

#[derive(Error, Debug)]
pub enum ContractError {
    #[error(transparent)]
    Std(#[from] StdError),

    #[error(transparent)]
    Payment(#[from] PaymentError),

    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),

    #[error(transparent)]
    InvalidTerms(#[from] rwa_gate::distribution::TermsError),

    #[error("invalid version: {0}")]
    SemVer(#[from] semver::Error),

    /// Insufficient balance, allowance or supply surfaces here, as in cw20-base.
    #[error(transparent)]
    Overflow(#[from] OverflowError),

    // ---- cw20 ----
    #[error("Invalid zero amount")]
    InvalidZeroAmount {},

    #[error("Cannot set to own account")]
    CannotSetOwnAccount {},

    #[error("Invalid expiration value")]
    InvalidExpiration {},

    #[error("Allowance is expired")]
    Expired {},

    #[error("No allowance for this account")]
    NoAllowance {},

    // ---- gate ----
    /// `update_freeze` from anyone but the token's registry.
    #[error("unauthorized")]
    Unauthorized {},

    #[error("more freezing flags than an asset can carry")]
    TooManyFlags {},

    /// The registry's gate record could not be read: fail closed.
    #[error("the compliance registry cannot be read")]
    RegistryUnreadable {},

    #[error("issuance denied: {}", describe(.reasons))]
    IssuanceDenied { reasons: Vec<Denial> },

    /// The holder rule (the plan's distribution terms) refuses the movement.
    #[error("movement denied: {}", describe(.reasons))]
    MovementDenied { reasons: Vec<Denial> },

    #[error("transfers of asset {asset} are frozen by flags {flags:?}")]
    TransfersFrozen { asset: String, flags: Vec<u64> },

    // ---- migrate ----
    #[error("cannot migrate from contract {found}, expected {expected}")]
    WrongContract { expected: String, found: String },

    /// A v0.1.0 token migrates after its registry, never before (see docs/DESIGN.md §7).
    #[error("the registry must be migrated before its tokens")]
    RegistryNotMigrated {},

    #[error("cannot migrate from version {stored} down to {current}")]
    CannotMigrateDowngrade { stored: String, current: String },
}
