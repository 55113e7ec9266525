//! Storage keys read across contracts with raw queries. Defined once here so the writer and the
//! reader can never disagree on a key or a layout.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::{Item, Map};

use crate::policy::{Clearance, Gate};

// Registry side, read by the token.

/// Registry-wide pause and epoch, read by every mint.
pub const GATE: Item<Gate> = Item::new("gate");
/// The clearance of each asset by asset id, read by every mint.
pub const CLEARANCES: Map<&str, Clearance> = Map::new("clearances");
/// Ids of the active freezing flags (R5) of an asset; absent when transfers are free. Kept apart
/// from the clearance so that a transfer reads a few bytes, not the whole record.
pub const FREEZES: Map<&str, Vec<u64>> = Map::new("freezes");

// Token side, read by the registry.

/// The token's own record: cw20 token info plus the asset it belongs to and the cumulative
/// minted amount. One key, so a mint reads and writes it once.
#[cw_serde]
pub struct TokenState {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub total_supply: Uint128,
    /// Cumulative amount ever minted; burns do not reduce it.
    pub minted: Uint128,
    pub asset: String,
    pub registry: Addr,
    pub issuer: Addr,
}

pub const TOKEN_STATE: Item<TokenState> = Item::new("token");
