//! Storage keys read across contracts with raw queries. Defined once here so the writer and the
//! reader can never disagree on a key or a layout.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, QuerierWrapper, StdError, StdResult, Storage, Timestamp, Uint128};
use cw_storage_plus::{Item, Map};

use crate::codec::{uint128, CodecError, Reader, Writer};
use crate::types::{FlagReason, Subject};

// Registry side, read by the token.

/// Registry-wide pause and epoch, read by every mint.
pub const GATE: Item<Gate> = Item::new("gate");
/// The clearance of each asset by asset id, read by every mint.
pub const CLEARANCES: Map<&str, Clearance> = Map::new("clearances");
/// Ids of the active freezing flags (R5) of an asset; absent when transfers are free. Kept apart
/// from the clearance so that a transfer reads a few bytes, not the whole record.
pub const FREEZES: Map<&str, Vec<u64>> = Map::new("freezes");

// The records stored under those keys. Kept small: every mint reads the gate and the
// clearance. `rwa_gate::compute_clearance` computes the clearance, `rwa_gate::evaluate` judges it.

/// Registry-wide state that the token reads next to the clearance.
#[cw_serde]
#[derive(Default, Eq)]
pub struct Gate {
    /// Global pause of issuance.
    pub paused: bool,
    /// Bumped by every change that may take support away from every asset at once (an oracle
    /// suspended, removed or narrowed, a quorum raised or lowered, a new negative-list version).
    /// A clearance computed under an older epoch denies issuance until it is refreshed: the
    /// registry never iterates over all assets in one transaction, and it fails closed meanwhile.
    pub epoch: u64,
}

/// Clean attestations of one kind that an asset can rely on.
#[cw_serde]
#[derive(Default)]
pub struct Support {
    /// Ids of the relied-on attestations, one per distinct oracle, latest expiry first. Holds at
    /// most `need` ids; fewer means the quorum is not met.
    pub attestations: Vec<u64>,
    /// The quorum in force when the clearance was computed.
    pub need: u32,
    /// Earliest expiry among the relied-on attestations.
    pub valid_until: Option<Timestamp>,
    /// Filing only: the smallest supply approved by the relied-on filings.
    pub approved_supply: Option<Uint128>,
}

impl Support {
    pub fn quorum_met(&self) -> bool {
        self.need > 0 && self.attestations.len() >= self.need as usize
    }
}

/// An active flag that blocks the asset, as recorded in its clearance.
#[cw_serde]
pub struct Blocker {
    pub flag: u64,
    pub subject: Subject,
    pub reason: FlagReason,
    /// R8 flags stop blocking at this instant.
    pub lapses_at: Option<Timestamp>,
}

impl Blocker {
    pub fn blocks_at(&self, now: Timestamp) -> bool {
        self.lapses_at.is_none_or(|lapse| now < lapse)
    }
}

/// The precomputed compliance record of one asset, kept by the registry and read by the token
/// with a raw storage query.
#[cw_serde]
pub struct Clearance {
    pub asset: String,
    /// The asset's gated token; any other contract asking is refused.
    pub token: Addr,
    /// [`Gate::epoch`] when computed.
    pub epoch: u64,
    pub retired: bool,
    pub paused: bool,
    pub minters: Vec<Addr>,
    pub plan_max_supply: Uint128,
    pub filing: Support,
    pub screening: Support,
    /// The latest significant-matter report when no quorum of Filing attestations postdates it.
    pub pending_report: Option<u64>,
    pub blockers: Vec<Blocker>,
    pub computed_at: Timestamp,
}

// Token side. Split by how often each part changes: a mint reads the route, reads and writes
// the supply, and never touches the cold info; a transfer reads only the (absent) freeze key.

/// cw20 token info and the asset's issuer: set at instantiation, read by queries only.
#[cw_serde]
pub struct TokenInfo {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub issuer: Addr,
}

pub const TOKEN_INFO: Item<TokenInfo> = Item::new("i");

/// Where the token's gate is: read by every mint.
#[cw_serde]
pub struct TokenRoute {
    pub registry: Addr,
    pub asset: String,
}

pub const TOKEN_ROUTE: Item<TokenRoute> = Item::new("r");

/// Ids of the asset's active freezing (R5) flags, pushed into the token by the registry whenever
/// they change; absent while transfers are free, so a transfer pays for one absent key.
pub const TOKEN_FROZEN: Item<Vec<u64>> = Item::new("f");

/// The token's total supply and cumulative minted amount (burns lower the first, never the
/// second): read and written by every mint and burn, read by the registry's `minted` query.
/// Stored under [`TOKEN_SUPPLY_KEY`] as two varints ([`crate::codec`]): a handful of bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Supply {
    pub total: Uint128,
    pub minted: Uint128,
}

pub const TOKEN_SUPPLY_KEY: &[u8] = b"s";

impl Supply {
    pub fn encode(&self) -> Vec<u8> {
        Writer::new()
            .u128(self.total.u128())
            .u128(self.minted.u128())
            .finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let mut r = Reader::new(bytes);
        let supply = Supply {
            total: uint128(&mut r)?,
            minted: uint128(&mut r)?,
        };
        r.end()?;
        Ok(supply)
    }

    pub fn load(storage: &dyn Storage) -> StdResult<Self> {
        match storage.get(TOKEN_SUPPLY_KEY) {
            None => Ok(Supply::default()),
            Some(bytes) => Supply::decode(&bytes).map_err(|e| StdError::msg(e.to_string())),
        }
    }

    pub fn save(&self, storage: &mut dyn Storage) {
        storage.set(TOKEN_SUPPLY_KEY, &self.encode());
    }

    /// The supply of another contract (a token), with a raw query.
    pub fn query(querier: &QuerierWrapper, token: &Addr) -> StdResult<Option<Self>> {
        match querier.query_wasm_raw(token, TOKEN_SUPPLY_KEY)? {
            None => Ok(None),
            Some(bytes) => Supply::decode(&bytes)
                .map(Some)
                .map_err(|e| StdError::msg(e.to_string())),
        }
    }
}

/// The single record of tokens instantiated by v0.1.0 (cw20 info, asset, registry, issuer,
/// supply and minted in one JSON value): kept so that `migrate` can split it, and so that the
/// registry reads the supply of a token not yet migrated.
#[cw_serde]
pub struct LegacyTokenState {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub total_supply: Uint128,
    pub minted: Uint128,
    pub asset: String,
    pub registry: Addr,
    pub issuer: Addr,
}

pub const LEGACY_TOKEN_STATE: Item<LegacyTokenState> = Item::new("token");
