//! Every storage item and key of the registry, in one place.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Empty, Timestamp};
use cw_storage_plus::{Item, Map};
use rwa_gate::registry::Order;
use rwa_gate::{Asset, Entity, Flag, LinkAllowance, NegativeList, Oracle, Params, Report};

use crate::records::{AttestationRecords, ByName, EligibilityStatements, Nonces, StatementSets};

/// Shared with the token, which reads them with raw queries: defined once in `rwa_gate::records`.
pub use rwa_gate::records::{CLEARANCES, FREEZES, GATE};

#[cw_serde]
pub struct Config {
    /// May pause issuance; only the owner unpauses.
    pub pauser: Option<Addr>,
    pub token_code_id: u64,
    pub params: Params,
}

/// Two-step ownership (cw-ownable has no std-3 release).
#[cw_serde]
pub struct Ownership {
    /// `None` once renounced: owner-only actions are then impossible for good.
    pub owner: Option<Addr>,
    pub pending: Option<Addr>,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const OWNERSHIP: Item<Ownership> = Item::new("ownership");

/// The negative list in force, and every version ever published (the `negative_lists` query):
/// what the version named by a Screening attestation stood for.
pub const NEGATIVE_LIST: Item<NegativeList> = Item::new("negative_list");
pub const NEGATIVE_LIST_HISTORY: Map<u64, NegativeList> = Map::new("negative_lists");

/// At most `MAX_ORACLES` records, so iterating them is bounded. Binary, by address: read by
/// every attestation and flag vote.
pub const ORACLES: ByName<Oracle> = ByName::new(0x06);
pub const ORACLE_COUNT: Item<u32> = Item::new("oracle_count");

/// Approved issuers, with the time of approval (the `issuer` query's `approved_at`).
pub const ISSUERS: Map<&Addr, Timestamp> = Map::new("issuers");

pub const ENTITIES: Map<&str, Entity> = Map::new("entities");
/// Every asset, in a binary record: read by every attestation and flag of the asset.
pub const ASSETS: ByName<Asset> = ByName::new(0x05);

/// One link of an entity to a live asset.
#[cw_serde]
#[derive(Default)]
pub struct EntityLink {
    /// The link uses the allowance the entity's registering issuer gave the asset's issuer;
    /// otherwise it is one of the registering issuer's own slots. Omitted when false, so a
    /// v0.1.0 link (`{}`) reads as an own slot.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_allowance: bool,
}

/// (entity, asset): every live asset an entity is linked to, as filing entity or related party.
/// At most `MAX_ASSETS_PER_ENTITY` per entity.
pub const ENTITY_ASSETS: Map<(&str, &str), EntityLink> = Map::new("entity_assets");
/// (entity, issuer) -> how many of the entity's slots `issuer`'s assets may use as a related
/// party, set by the entity's registering issuer (or the owner).
pub const LINK_ALLOWANCES: Map<(&str, &Addr), LinkAllowance> = Map::new("link_allowances");

// The attestation path is written by every post: its keys are one byte or a short name, and
// its records binary (`records.rs`), because every key and value byte written costs 30 gas.

/// Every attestation ever posted, by id, in a binary record. Ids start at 1; the next is one
/// above the highest key (`last_id`).
pub const ATTESTATIONS: AttestationRecords = AttestationRecords { prefix: 0x03 };
/// (asset, kind tag, attestation id): the history of an asset by kind, oldest first. A listing
/// filtered by kind reads a page of entries; an unfiltered one merges the two kinds' pages.
pub const ASSET_KIND_ATTESTATIONS: Map<(&str, u8, u64), Empty> = Map::new("k");
/// asset -> the current statement of each oracle enrolment and kind: a newer statement
/// supersedes the older ones, so the clearance looks at one per oracle and kind.
pub const STATEMENTS: StatementSets = StatementSets { prefix: 0x04 };

pub const LAST_FLAG_ID: Item<u64> = Item::new("last_flag_id");
/// Counts oracle additions, so a re-added oracle is a new enrolment.
pub const LAST_ENROLMENT: Item<u64> = Item::new("last_enrolment");
pub const FLAGS: Map<u64, Flag> = Map::new("flags");
/// (subject tag, subject id, flag id): every flag ever raised on a subject.
pub const SUBJECT_FLAGS: Map<(u8, &str, u64), Empty> = Map::new("subject_flags");
/// (subject tag, subject id) -> ids of its active flags, at most `MAX_ACTIVE_FLAGS_PER_SUBJECT`.
pub const ACTIVE_FLAGS: Map<(u8, &str), Vec<u64>> = Map::new("active_flags");

pub const LAST_REPORT_ID: Item<u64> = Item::new("last_report_id");
pub const REPORTS: Map<u64, Report> = Map::new("reports");

// The holder side (distribution terms).

/// Each account's current eligibility statement (binary, under the key tokens read with a raw
/// query on every movement under terms) and its superseded ones.
pub const ELIGIBILITY: EligibilityStatements = EligibilityStatements;
/// The standing of each eligibility oracle's enrolment (`rwa_gate::records`,
/// `ELIGIBILITY_STANDING_PREFIX`) is kept by `ORACLES.store` and `ORACLES.delete`.
/// Court and regulator orders, by digest: a digest is attested once and carried out once.
pub const ORDERS: Map<&str, Order> = Map::new("orders");

// Delegated statements.

/// Every nonce of every oracle's relayed statements. (Each oracle's signing key is in its
/// record, `ORACLES`.)
pub const NONCES: Nonces = Nonces { prefix: 0x0b };
