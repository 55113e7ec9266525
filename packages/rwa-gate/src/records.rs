//! The records read across the contract boundary with raw queries (the registry's gate,
//! clearances and freezes; the token's info, route, freeze and supply), with their keys and
//! binary layouts. Defined once here so the writer and the reader can never disagree on a key
//! or a layout.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, QuerierWrapper, StdError, StdResult, Storage, Timestamp, Uint128};
use cw_storage_plus::{Item, Map};

use crate::codec::{prefixed_key, uint128, CodecError, Reader, Writer};
use crate::types::{Approval, FlagReason, Subject};

mod holders;
pub use holders::*;

// Registry side, read by the token.

/// Registry-wide pause and epoch, read by every mint: two bytes under a one-byte key.
pub const GATE: GateRecord = GateRecord;
/// The clearance of each asset, read by every mint: a compact binary record (about a fifth of
/// its JSON) under a one-byte prefix and the asset id.
pub const CLEARANCES: ClearanceRecords = ClearanceRecords;
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
    /// R3: the support of each approval the plan names, in the plan's order. Empty (and left
    /// out of the JSON) when the plan names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<ApprovalSupport>,
    /// The latest significant-matter report when no quorum of Filing attestations postdates it.
    pub pending_report: Option<u64>,
    pub blockers: Vec<Blocker>,
    pub computed_at: Timestamp,
}

/// The support of one R3 approval that the asset's plan names.
#[cw_serde]
pub struct ApprovalSupport {
    pub approval: Approval,
    pub support: Support,
}

// The binary records of the registry. Their keys start with bytes no `Item` name (ASCII) and
// no `Map` namespace (a 0x00 length prefix) starts with.
const GATE_KEY: &[u8] = &[0x01];
const CLEARANCE_PREFIX: u8 = 0x02;
/// Layout version of the clearance record: a reader refuses any other (fail closed). Layout 2
/// (v0.5.0) appends the R3 approvals and is written only when the plan names some, so the
/// clearance of every other asset keeps the bytes a v0.4.0 token reads.
const CLEARANCE_LAYOUT: u8 = 1;
const CLEARANCE_LAYOUT_APPROVALS: u8 = 2;

/// Where [`Gate`] lives, and how it is read and written.
pub struct GateRecord;

impl GateRecord {
    pub fn key(&self) -> &'static [u8] {
        GATE_KEY
    }

    pub fn encode(gate: &Gate) -> Vec<u8> {
        Writer::new().bool(gate.paused).u64(gate.epoch).finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Gate, CodecError> {
        let mut r = Reader::new(bytes);
        let gate = Gate {
            paused: r.bool()?,
            epoch: r.u64()?,
        };
        r.end()?;
        Ok(gate)
    }

    pub fn load(&self, storage: &dyn Storage) -> StdResult<Gate> {
        let bytes = storage
            .get(GATE_KEY)
            .ok_or_else(|| StdError::msg("gate record not found"))?;
        Self::decode(&bytes).map_err(CodecError::into_std)
    }

    pub fn save(&self, storage: &mut dyn Storage, gate: &Gate) -> StdResult<()> {
        storage.set(GATE_KEY, &Self::encode(gate));
        Ok(())
    }

    /// The gate of `registry`, with one raw query; an absent record is an error.
    pub fn query(&self, querier: &QuerierWrapper, registry: Addr) -> StdResult<Gate> {
        let bytes = querier
            .query_wasm_raw(registry, GATE_KEY)?
            .ok_or_else(|| StdError::msg("gate record not found"))?;
        Self::decode(&bytes).map_err(CodecError::into_std)
    }
}

/// Where each asset's [`Clearance`] lives, and how it is read and written.
pub struct ClearanceRecords;

impl ClearanceRecords {
    pub fn key(&self, asset: &str) -> Vec<u8> {
        prefixed_key(CLEARANCE_PREFIX, asset.as_bytes())
    }

    pub fn may_load(&self, storage: &dyn Storage, asset: &str) -> StdResult<Option<Clearance>> {
        match storage.get(&self.key(asset)) {
            None => Ok(None),
            Some(bytes) => Clearance::decode(asset, &bytes)
                .map(Some)
                .map_err(CodecError::into_std),
        }
    }

    pub fn load(&self, storage: &dyn Storage, asset: &str) -> StdResult<Clearance> {
        self.may_load(storage, asset)?
            .ok_or_else(|| StdError::msg(format!("no clearance of asset {asset}")))
    }

    pub fn has(&self, storage: &dyn Storage, asset: &str) -> bool {
        storage.get(&self.key(asset)).is_some()
    }

    pub fn save(&self, storage: &mut dyn Storage, asset: &str, c: &Clearance) -> StdResult<()> {
        storage.set(&self.key(asset), &c.encode());
        Ok(())
    }

    /// The clearance of `asset` at `registry`, with one raw query.
    pub fn query(
        &self,
        querier: &QuerierWrapper,
        registry: Addr,
        asset: &str,
    ) -> StdResult<Option<Clearance>> {
        match querier.query_wasm_raw(registry, self.key(asset))? {
            None => Ok(None),
            Some(bytes) => Clearance::decode(asset, &bytes)
                .map(Some)
                .map_err(CodecError::into_std),
        }
    }
}

fn write_support(w: &mut Writer, s: &Support, filing: bool) {
    w.u64(s.attestations.len() as u64);
    for id in &s.attestations {
        w.u64(*id);
    }
    w.u64(u64::from(s.need))
        .opt_u64(s.valid_until.map(|t| t.nanos()));
    if filing {
        match s.approved_supply {
            None => w.bool(false),
            Some(v) => w.bool(true).u128(v.u128()),
        };
    }
}

fn read_support(r: &mut Reader, filing: bool) -> Result<Support, CodecError> {
    let count = r.u64()?;
    if count > crate::MAX_ORACLES as u64 {
        return Err(CodecError("too many attestations"));
    }
    let attestations = (0..count).map(|_| r.u64()).collect::<Result<_, _>>()?;
    let need = r.u32()?;
    let valid_until = r.opt_u64()?.map(Timestamp::from_nanos);
    let approved_supply = if filing && r.bool()? {
        Some(uint128(r)?)
    } else {
        None
    };
    Ok(Support {
        attestations,
        need,
        valid_until,
        approved_supply,
    })
}

impl Clearance {
    /// The binary layout: addresses and ids as they are, numbers as varints, blockers (present
    /// only while an asset is blocked) with their subject and reason as JSON.
    pub fn encode(&self) -> Vec<u8> {
        let layout = if self.approvals.is_empty() {
            CLEARANCE_LAYOUT
        } else {
            CLEARANCE_LAYOUT_APPROVALS
        };
        let mut w = Writer::new();
        w.u64(u64::from(layout))
            .str(self.token.as_str())
            .u64(self.epoch)
            .bool(self.retired)
            .bool(self.paused);
        w.u64(self.minters.len() as u64);
        for m in &self.minters {
            w.str(m.as_str());
        }
        w.u128(self.plan_max_supply.u128());
        write_support(&mut w, &self.filing, true);
        write_support(&mut w, &self.screening, false);
        w.opt_u64(self.pending_report);
        w.u64(self.blockers.len() as u64);
        for b in &self.blockers {
            // Serializing these plain enums cannot fail; an empty value would fail the decode.
            let subject = cosmwasm_std::to_json_vec(&b.subject).unwrap_or_default();
            let reason = cosmwasm_std::to_json_vec(&b.reason).unwrap_or_default();
            w.u64(b.flag)
                .bytes(&subject)
                .bytes(&reason)
                .opt_u64(b.lapses_at.map(|t| t.nanos()));
        }
        w.u64(self.computed_at.nanos());
        if !self.approvals.is_empty() {
            w.u64(self.approvals.len() as u64);
            for a in &self.approvals {
                w.u64(u64::from(a.approval.kind().tag()));
                write_support(&mut w, &a.support, false);
            }
        }
        w.finish()
    }

    fn read_approvals(r: &mut Reader) -> Result<Vec<ApprovalSupport>, CodecError> {
        let count = r.u64()?;
        if count > Approval::ALL.len() as u64 {
            return Err(CodecError("too many approvals"));
        }
        (0..count)
            .map(|_| {
                let approval = u8::try_from(r.u64()?)
                    .ok()
                    .and_then(crate::AttestationKind::from_tag)
                    .and_then(|k| k.approval())
                    .ok_or(CodecError("unknown approval"))?;
                let support = read_support(r, false)?;
                Ok(ApprovalSupport { approval, support })
            })
            .collect()
    }

    pub fn decode(asset: &str, bytes: &[u8]) -> Result<Self, CodecError> {
        let mut r = Reader::new(bytes);
        let layout = r.u64()?;
        if layout != u64::from(CLEARANCE_LAYOUT) && layout != u64::from(CLEARANCE_LAYOUT_APPROVALS)
        {
            return Err(CodecError("unknown clearance layout"));
        }
        let token = Addr::unchecked(r.str()?);
        let epoch = r.u64()?;
        let retired = r.bool()?;
        let paused = r.bool()?;
        let minter_count = r.u64()?;
        if minter_count > crate::MAX_MINTERS as u64 + 1 {
            return Err(CodecError("too many minters"));
        }
        let minters = (0..minter_count)
            .map(|_| r.str().map(Addr::unchecked))
            .collect::<Result<_, _>>()?;
        let plan_max_supply = uint128(&mut r)?;
        let filing = read_support(&mut r, true)?;
        let screening = read_support(&mut r, false)?;
        let pending_report = r.opt_u64()?;
        let blocker_count = r.u64()?;
        if blocker_count > 1024 {
            return Err(CodecError("too many blockers"));
        }
        let blockers = (0..blocker_count)
            .map(|_| {
                let flag = r.u64()?;
                let subject = cosmwasm_std::from_json(r.bytes()?)
                    .map_err(|_| CodecError("blocker subject"))?;
                let reason = cosmwasm_std::from_json(r.bytes()?)
                    .map_err(|_| CodecError("blocker reason"))?;
                let lapses_at = r.opt_u64()?.map(Timestamp::from_nanos);
                Ok(Blocker {
                    flag,
                    subject,
                    reason,
                    lapses_at,
                })
            })
            .collect::<Result<_, CodecError>>()?;
        let computed_at = Timestamp::from_nanos(r.u64()?);
        let approvals = if layout == u64::from(CLEARANCE_LAYOUT_APPROVALS) {
            Self::read_approvals(&mut r)?
        } else {
            Vec::new()
        };
        r.end()?;
        Ok(Clearance {
            asset: asset.to_string(),
            token,
            epoch,
            retired,
            paused,
            minters,
            plan_max_supply,
            filing,
            screening,
            approvals,
            pending_report,
            blockers,
            computed_at,
        })
    }
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

/// Where the token's gate is, and the distribution terms in force: read by every mint.
#[cw_serde]
pub struct TokenRoute {
    pub registry: Addr,
    pub asset: String,
    /// The distribution terms in force (also in the transfer rules): a mint judges its receiver
    /// without a read of its own. Boxed: the route is read and moved on every mint.
    pub terms: Option<Box<crate::distribution::DistributionTerms>>,
}

/// The route as tokens before v0.4.0 kept it, in JSON under the same key: read once by the
/// token's migration.
#[cw_serde]
pub struct LegacyTokenRoute {
    pub registry: Addr,
    pub asset: String,
}

/// Layout version of the route record: a reader refuses any other (fail closed).
const ROUTE_LAYOUT: u64 = 1;

/// Where [`TokenRoute`] lives (`r`), binary since v0.4.0: about a third of its JSON, read by
/// every mint.
pub struct RouteRecord;

pub const TOKEN_ROUTE: RouteRecord = RouteRecord;

impl RouteRecord {
    pub fn as_slice(&self) -> &'static [u8] {
        b"r"
    }

    pub fn encode(route: &TokenRoute) -> Vec<u8> {
        let mut w = Writer::new();
        w.u64(ROUTE_LAYOUT)
            .str(route.registry.as_str())
            .str(&route.asset);
        match &route.terms {
            None => w.bool(false),
            Some(t) => {
                w.bool(true);
                write_terms(&mut w, t);
                &mut w
            }
        };
        w.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<TokenRoute, CodecError> {
        let mut r = Reader::new(bytes);
        if r.u64()? != ROUTE_LAYOUT {
            return Err(CodecError("unknown route layout"));
        }
        let registry = Addr::unchecked(r.str()?);
        let asset = r.str()?.to_string();
        let terms = if r.bool()? {
            Some(Box::new(read_terms(&mut r)?))
        } else {
            None
        };
        r.end()?;
        Ok(TokenRoute {
            registry,
            asset,
            terms,
        })
    }

    pub fn may_load(&self, storage: &dyn Storage) -> StdResult<Option<TokenRoute>> {
        match storage.get(self.as_slice()) {
            None => Ok(None),
            Some(bytes) => Self::decode(&bytes).map(Some).map_err(CodecError::into_std),
        }
    }

    pub fn load(&self, storage: &dyn Storage) -> StdResult<TokenRoute> {
        self.may_load(storage)?
            .ok_or_else(|| StdError::msg("token route not found"))
    }

    pub fn save(&self, storage: &mut dyn Storage, route: &TokenRoute) -> StdResult<()> {
        storage.set(self.as_slice(), &Self::encode(route));
        Ok(())
    }
}

/// Ids of the asset's active freezing (R5) flags as tokens before v0.4.0 kept them, under the
/// key of [`TransferRules`] now: read once by the token's migration.
pub const LEGACY_TOKEN_FROZEN: Item<Vec<u64>> = Item::new("f");

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
