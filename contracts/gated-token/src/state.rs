//! Every storage key of the token, in one place. Balance and allowance keys are cw20-base's.

use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::Map;
use rwa_gate::cw20::AllowanceResponse;

/// The token's records, split by how often they change (cold info, the route to its gate, the
/// hot supply counters, the transfer rules pushed by the registry: freeze and distribution
/// terms; and, while the terms have limits, a counter per holder id). Defined in the shared crate because
/// the registry reads the supply with a raw query.
pub use rwa_gate::records::{
    LegacyTokenState, Supply, TokenInfo, TokenRoute, TransferRules, HOLDER_COUNT_KEY,
    HOLDING_PREFIX, LEGACY_TOKEN_FROZEN, LEGACY_TOKEN_STATE, TOKEN_INFO, TOKEN_ROUTE,
    TRANSFER_RULES_KEY,
};

pub const BALANCES: Map<&Addr, Uint128> = Map::new("balance");
/// (owner, spender) → allowance.
pub const ALLOWANCES: Map<(&Addr, &Addr), AllowanceResponse> = Map::new("allowance");
/// (spender, owner) → allowance: the same records, indexed for `AllSpenderAllowances`.
pub const ALLOWANCES_SPENDER: Map<(&Addr, &Addr), AllowanceResponse> =
    Map::new("allowance_spender");
