//! The domain vocabulary shared by both contracts and their clients.
//!
//! Input types refuse unknown fields (`deny_unknown_fields`; cosmwasm-schema 3 no longer adds
//! it): a misspelled optional field must fail, not silently become `None`.

use std::fmt;

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Timestamp, Uint128};

/// Three years, counted as 3 × 365 days plus one leap day, so that the window never comes out
/// shorter than three calendar years (R8 look-back, Screening look-back).
pub const LOOKBACK_SECONDS: u64 = 1_096 * 86_400;
/// The same look-back in the block time's own unit: every time rule compares nanoseconds, so
/// that no window comes out even a fraction of a second short.
pub const LOOKBACK_NANOS: u64 = LOOKBACK_SECONDS * NANOS_PER_SECOND;
pub const NANOS_PER_SECOND: u64 = 1_000_000_000;

/// Bounds that keep every execute path bounded (docs/DESIGN.md, "Bounds").
pub const MAX_ORACLES: u32 = 16;
pub const MAX_RELATED_PARTIES: usize = 16;
pub const MAX_MINTERS: usize = 8;
/// An entity may be linked to at most this many live assets: raising a flag on it recomputes the
/// clearance of every linked asset in the same transaction. The slots belong to the issuer that
/// registered the entity; it may reserve some of them for another issuer's assets
/// ([`LinkAllowance`]), and no other issuer can take any without such an allowance.
pub const MAX_ASSETS_PER_ENTITY: u32 = 32;
/// Active (uncleared) flags per subject; history is unbounded and paginated.
pub const MAX_ACTIVE_FLAGS_PER_SUBJECT: usize = 8;
pub const MAX_SCREENING_SUBJECTS: usize = MAX_RELATED_PARTIES + 1;

pub const DEFAULT_LIMIT: u32 = 10;
pub const MAX_LIMIT: u32 = 30;

/// R3: the approval, filing or security-review procedure of one of the other authorities the
/// Guidance names beside the CSRC. A plan names the ones its asset needs; each is attested by
/// oracles scoped for it, under its own quorum.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum Approval {
    /// The cross-border (outbound) investment authorities' approval or filing.
    CrossBorderInvestment,
    /// The foreign-exchange authority's registration.
    ForeignExchange,
    /// The network and data security review.
    DataSecurity,
}

impl Approval {
    pub const ALL: [Approval; 3] = [
        Approval::CrossBorderInvestment,
        Approval::ForeignExchange,
        Approval::DataSecurity,
    ];

    pub fn kind(&self) -> AttestationKind {
        match self {
            Approval::CrossBorderInvestment => AttestationKind::CrossBorderInvestment,
            Approval::ForeignExchange => AttestationKind::ForeignExchange,
            Approval::DataSecurity => AttestationKind::DataSecurity,
        }
    }

    pub fn as_str(&self) -> &'static str {
        self.kind().as_str()
    }

    /// One bit per approval, in the order of [`Approval::ALL`]: the plan's storage form.
    pub fn bit(&self) -> u8 {
        1 << (self.kind().tag() - 2)
    }
}

impl fmt::Display for Approval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of clean statement an oracle makes about an asset.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum AttestationKind {
    /// R1: the CSRC filing of this asset is complete.
    Filing,
    /// R3–R9: the asset and every related party are screened clean.
    Screening,
    /// R3: the cross-border investment authorities approved or accepted the filing.
    CrossBorderInvestment,
    /// R3: the foreign-exchange registration is complete.
    ForeignExchange,
    /// R3: the network and data security review is passed.
    DataSecurity,
}

impl AttestationKind {
    pub const ALL: [AttestationKind; 5] = [
        AttestationKind::Filing,
        AttestationKind::Screening,
        AttestationKind::CrossBorderInvestment,
        AttestationKind::ForeignExchange,
        AttestationKind::DataSecurity,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            AttestationKind::Filing => "filing",
            AttestationKind::Screening => "screening",
            AttestationKind::CrossBorderInvestment => "cross_border_investment",
            AttestationKind::ForeignExchange => "foreign_exchange",
            AttestationKind::DataSecurity => "data_security",
        }
    }

    /// Compact storage tag.
    pub fn tag(&self) -> u8 {
        match self {
            AttestationKind::Filing => 0,
            AttestationKind::Screening => 1,
            AttestationKind::CrossBorderInvestment => 2,
            AttestationKind::ForeignExchange => 3,
            AttestationKind::DataSecurity => 4,
        }
    }

    /// The inverse of [`AttestationKind::tag`].
    pub fn from_tag(tag: u8) -> Option<Self> {
        Self::ALL.get(usize::from(tag)).copied()
    }

    /// The R3 approval this kind attests, if it is one.
    pub fn approval(&self) -> Option<Approval> {
        match self {
            AttestationKind::CrossBorderInvestment => Some(Approval::CrossBorderInvestment),
            AttestationKind::ForeignExchange => Some(Approval::ForeignExchange),
            AttestationKind::DataSecurity => Some(Approval::DataSecurity),
            AttestationKind::Filing | AttestationKind::Screening => None,
        }
    }
}

impl fmt::Display for AttestationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an oracle is trusted to say.
#[cw_serde]
#[derive(Copy, Default, Eq)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct Scopes {
    pub filing: bool,
    pub screening: bool,
    /// May raise adverse flags and vote to clear flags raised by others.
    pub flags: bool,
    /// May attest and revoke which accounts may hold (the plan's distribution terms). Left out
    /// of the JSON when false, like `orders`, so that a v0.3.0 registry reads what a current
    /// client sends it during an upgrade.
    #[serde(default, skip_serializing_if = "is_false")]
    pub eligibility: bool,
    /// May attest court and regulator orders that move a holder's tokens.
    #[serde(default, skip_serializing_if = "is_false")]
    pub orders: bool,
    /// R3: may attest the cross-border investment authorities' approval (since v0.5.0; left
    /// out of the JSON when false, like the other later scopes).
    #[serde(default, skip_serializing_if = "is_false")]
    pub cross_border_investment: bool,
    /// R3: may attest the foreign-exchange registration.
    #[serde(default, skip_serializing_if = "is_false")]
    pub foreign_exchange: bool,
    /// R3: may attest the network and data security review.
    #[serde(default, skip_serializing_if = "is_false")]
    pub data_security: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

impl Scopes {
    pub fn allows(&self, kind: AttestationKind) -> bool {
        match kind {
            AttestationKind::Filing => self.filing,
            AttestationKind::Screening => self.screening,
            AttestationKind::CrossBorderInvestment => self.cross_border_investment,
            AttestationKind::ForeignExchange => self.foreign_exchange,
            AttestationKind::DataSecurity => self.data_security,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bits() == 0
    }

    /// True when `other` takes away any power `self` has.
    pub fn narrows_to(&self, other: &Scopes) -> bool {
        self.bits() & !other.bits() != 0
    }

    /// One bit per power, in the order of the fields: the oracle record's storage form.
    pub fn bits(&self) -> u8 {
        u8::from(self.filing)
            | u8::from(self.screening) << 1
            | u8::from(self.flags) << 2
            | u8::from(self.eligibility) << 3
            | u8::from(self.orders) << 4
            | u8::from(self.cross_border_investment) << 5
            | u8::from(self.foreign_exchange) << 6
            | u8::from(self.data_security) << 7
    }

    /// The inverse of [`Scopes::bits`]: every bit of the byte is a power.
    pub fn from_bits(bits: u8) -> Self {
        Scopes {
            filing: bits & 1 != 0,
            screening: bits & 1 << 1 != 0,
            flags: bits & 1 << 2 != 0,
            eligibility: bits & 1 << 3 != 0,
            orders: bits & 1 << 4 != 0,
            cross_border_investment: bits & 1 << 5 != 0,
            foreign_exchange: bits & 1 << 6 != 0,
            data_security: bits & 1 << 7 != 0,
        }
    }
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum OracleStatus {
    Active,
    Suspended,
}

#[cw_serde]
pub struct Oracle {
    pub address: Addr,
    pub scopes: Scopes,
    pub status: OracleStatus,
    pub added_at: Timestamp,
    /// The last attestation id when the oracle was (re-)added: what it attested before never
    /// counts, so removing an oracle takes its attestations out for good.
    pub trusted_after: u64,
    /// Distinct for every addition of an oracle: votes cast under an earlier enrolment of the
    /// same address (before a removal) no longer count.
    pub enrolment: u64,
    /// The compressed secp256k1 key whose signatures count as the oracle's own statements
    /// (`SetSigningKey`, since v0.5.0). Kept in the oracle's record, which every statement reads
    /// anyway, and gone with it when the oracle is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_key: Option<cosmwasm_std::Binary>,
}

impl Oracle {
    pub fn is_active(&self) -> bool {
        self.status == OracleStatus::Active
    }
}

/// A digest of off-chain evidence (lowercase hex SHA-256) and where to find it. No personal data
/// goes on chain (R3).
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct Evidence {
    pub digest: String,
    pub uri: Option<String>,
}

/// The token issuance plan filed with the CSRC (R1): the maximum supply and the digest of the
/// full overseas issuance materials. A Filing attests one exact plan: the asset's
/// [`Asset::plan_version`] when it was posted.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct IssuancePlan {
    pub max_supply: Uint128,
    /// Digest of the full set of overseas issuance materials.
    pub materials_digest: String,
    /// To whom and how the tokens may be held once minted; `None`: to anyone. Boxed: plans
    /// travel inside the registry's messages and asset records, moved on every call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Box<crate::distribution::DistributionTerms>>,
    /// R3: the other authorities' approvals this asset needs, each once (since v0.5.0; left out
    /// of the JSON when none). Issuance waits until each is attested and unexpired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
}

impl IssuancePlan {
    /// The plan as the registry keeps it: its approvals are a set, in the order of
    /// [`Approval::ALL`], whatever order the issuer or a Filing named them in.
    pub fn normalized(mut self) -> Self {
        self.approvals.sort();
        self
    }
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum PartyRole {
    ControllingShareholder,
    UltimateController,
    Other,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct RelatedParty {
    pub entity: String,
    pub role: PartyRole,
}

#[cw_serde]
pub struct Entity {
    pub id: String,
    pub registered_by: Addr,
    pub registered_at: Timestamp,
    /// Number of live assets linked to this entity (as filing entity or related party), at most
    /// [`MAX_ASSETS_PER_ENTITY`].
    pub assets: u32,
    /// Slots reserved for other issuers' assets by link allowances: the sum over allowances of
    /// max(limit, used). The registering issuer's own links never exceed
    /// `MAX_ASSETS_PER_ENTITY - reserved`. Absent (0) in records written before v0.2.0.
    #[serde(default)]
    pub reserved: u32,
    /// The part of `assets` linked by other issuers' assets under an allowance. Absent (0) in
    /// records written before v0.2.0 (links made then count as the registering issuer's own).
    #[serde(default)]
    pub linked_by_others: u32,
}

impl Entity {
    /// Live links of the registering issuer's own assets (and links made before v0.2.0).
    pub fn own_links(&self) -> u32 {
        self.assets.saturating_sub(self.linked_by_others)
    }
}

/// How many live assets of one issuer may name an entity registered by another issuer as a
/// related party: set by the entity's registering issuer (or the owner); each reserves one of
/// the entity's [`MAX_ASSETS_PER_ENTITY`] slots.
#[cw_serde]
#[derive(Copy, Default, Eq)]
pub struct LinkAllowance {
    pub limit: u32,
    /// Live links made under this allowance. May exceed `limit` after the limit was lowered:
    /// those links stay until their assets drop the party or retire.
    pub used: u32,
}

impl LinkAllowance {
    /// Slots of the entity this allowance keeps from its registering issuer.
    pub fn reserves(&self) -> u32 {
        self.limit.max(self.used)
    }
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum AssetStatus {
    Active,
    /// Retired for good: no further issuance. Holders keep their tokens.
    Retired,
}

#[cw_serde]
pub struct Asset {
    pub id: String,
    pub issuer: Addr,
    pub filing_entity: String,
    pub related_parties: Vec<RelatedParty>,
    pub plan: IssuancePlan,
    /// Version of `plan`: 0 at registration, one more with every accepted `UpdatePlan` (any
    /// change of any field), never smaller. A Filing counts only for the version it attested,
    /// so a plan changed and changed back does not revive earlier filings. Records written
    /// before v0.2.0 have none and read as 0.
    #[serde(default)]
    pub plan_version: u64,
    /// Version of `related_parties`: 0 at registration, one more with every accepted
    /// `UpdateRelatedParties`. A Screening counts only for the version it was posted under, so
    /// after any change of parties (a removal included) an oracle must screen the new set before
    /// issuance resumes: the issuer's word alone never lifts a block. Records written before
    /// v0.2.0 have none and read as 0.
    #[serde(default)]
    pub parties_version: u64,
    /// Set in the same transaction as registration, once the token is instantiated.
    pub token: Option<Addr>,
    pub status: AssetStatus,
    pub paused: bool,
    pub minters: Vec<Addr>,
    /// The latest significant-matter report (R2), if any.
    pub last_report: Option<u64>,
    pub registered_at: Timestamp,
    /// The plan's terms admit more than its token enforces: the widening waits for a Filing of
    /// the plan (the token meanwhile enforces what both the old and the new terms admit).
    #[serde(default)]
    pub terms_pending: bool,
}

impl Asset {
    /// The filing entity followed by every related party.
    pub fn subjects(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.filing_entity.as_str())
            .chain(self.related_parties.iter().map(|p| p.entity.as_str()))
    }
}

/// What an attestation states, as the registry records it.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum Statement {
    /// R1: the CSRC filing is complete for the plan with this digest; the registry records the
    /// exact plan it named by its version in [`Attestation::plan_version`].
    Filing {
        filing_reference: String,
        /// The `materials_digest` of the plan the Filing named.
        plan_digest: String,
        /// Supply approved by the filing; minting beyond it is refused.
        approved_supply: Uint128,
    },
    /// R3–R9: screened clean against every prohibited circumstance.
    Screening {
        /// Must equal the registry's current negative-list version.
        negative_list_version: u64,
        /// Entity ids covered: must include the filing entity and every related party.
        subjects: Vec<String>,
        /// Start of the look-back window: at least three years before the attestation.
        lookback_from: Timestamp,
    },
    /// R3: the authority's approval, filing or security review is complete for this asset.
    Approval {
        approval: Approval,
        /// The authority's reference of the approval, filing or review.
        reference: String,
    },
}

/// What an oracle states when it posts an attestation. A Filing names the exact plan it
/// attests, every field of it: if the issuer changes the plan while the Filing is in flight,
/// the Filing no longer matches and is refused, so it can never count for a plan the oracle did
/// not review. The registry records it as a [`Statement`] bound to the plan's version.
// A message, deserialized once per transaction and never kept in a collection: the size of its
// Filing variant (the whole plan, terms included) costs nothing a box would save.
#[allow(clippy::large_enum_variant)]
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum StatementMsg {
    /// R1: the CSRC filing is complete for exactly this plan.
    Filing {
        filing_reference: String,
        /// Must equal the asset's current plan, field for field.
        plan: IssuancePlan,
        /// Supply approved by the filing; minting beyond it is refused.
        approved_supply: Uint128,
    },
    /// R3–R9: screened clean against every prohibited circumstance.
    Screening {
        /// Must equal the registry's current negative-list version.
        negative_list_version: u64,
        /// Entity ids covered: must include the filing entity and every related party.
        subjects: Vec<String>,
        /// Start of the look-back window: at least three years before the attestation.
        lookback_from: Timestamp,
    },
    /// R3: the authority's approval, filing or security review is complete for this asset.
    Approval {
        approval: Approval,
        /// The authority's reference of the approval, filing or review.
        reference: String,
    },
}

impl StatementMsg {
    pub fn kind(&self) -> AttestationKind {
        match self {
            StatementMsg::Filing { .. } => AttestationKind::Filing,
            StatementMsg::Screening { .. } => AttestationKind::Screening,
            StatementMsg::Approval { approval, .. } => approval.kind(),
        }
    }

    /// The statement as the registry records it: a Filing keeps the digest of the plan it
    /// named (the record also keeps the plan's version).
    pub fn into_statement(self) -> Statement {
        match self {
            StatementMsg::Filing {
                filing_reference,
                plan,
                approved_supply,
            } => Statement::Filing {
                filing_reference,
                plan_digest: plan.materials_digest,
                approved_supply,
            },
            StatementMsg::Screening {
                negative_list_version,
                subjects,
                lookback_from,
            } => Statement::Screening {
                negative_list_version,
                subjects,
                lookback_from,
            },
            StatementMsg::Approval {
                approval,
                reference,
            } => Statement::Approval {
                approval,
                reference,
            },
        }
    }
}

impl Statement {
    pub fn kind(&self) -> AttestationKind {
        match self {
            Statement::Filing { .. } => AttestationKind::Filing,
            Statement::Screening { .. } => AttestationKind::Screening,
            Statement::Approval { approval, .. } => approval.kind(),
        }
    }
}

#[cw_serde]
pub struct Attestation {
    pub id: u64,
    pub asset: String,
    pub oracle: Addr,
    pub statement: Statement,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
    pub evidence: Evidence,
    /// The asset's [`Asset::plan_version`] when the attestation was posted, set by the registry.
    /// A Filing attests exactly that plan and counts only while it is the asset's current plan.
    /// Records written before v0.2.0 have none and read as 0.
    #[serde(default)]
    pub plan_version: u64,
    /// The asset's [`Asset::parties_version`] when the attestation was posted, set by the
    /// registry. A Screening counts only while it is the asset's current set of parties. Records
    /// written before v0.2.0 have none and read as 0.
    #[serde(default)]
    pub parties_version: u64,
    /// Set when revoked; attestations are never deleted.
    pub revoked_at: Option<Timestamp>,
    pub revocation: Option<Evidence>,
}

impl Attestation {
    pub fn kind(&self) -> AttestationKind {
        self.statement.kind()
    }
}

/// An adverse finding: the prohibited circumstances of R4–R9.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum FlagReason {
    /// R4: barred by the state from financing on the capital market.
    BarredFromFinancing,
    /// R5: significant ownership dispute. Freezes transfers of a flagged asset.
    OwnershipDispute,
    /// R5: transfer prohibited by law. Freezes transfers of a flagged asset.
    TransferProhibited,
    /// R6: touches the negative list that prohibits securitization.
    NegativeList,
    /// R7: may endanger national security.
    NationalSecurity,
    /// R8 (entities only): corruption, bribery, embezzlement, misappropriation or disruption of
    /// the market economy order. Blocks while the offence lies within the last three years.
    CriminalRecord { offence_date: Timestamp },
    /// R9 (entities only): under investigation, no conclusion yet. Blocks until cleared.
    UnderInvestigation,
}

impl FlagReason {
    pub fn rule(&self) -> &'static str {
        match self {
            FlagReason::BarredFromFinancing => "R4",
            FlagReason::OwnershipDispute | FlagReason::TransferProhibited => "R5",
            FlagReason::NegativeList => "R6",
            FlagReason::NationalSecurity => "R7",
            FlagReason::CriminalRecord { .. } => "R8",
            FlagReason::UnderInvestigation => "R9",
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            FlagReason::BarredFromFinancing => "barred_from_financing",
            FlagReason::OwnershipDispute => "ownership_dispute",
            FlagReason::TransferProhibited => "transfer_prohibited",
            FlagReason::NegativeList => "negative_list",
            FlagReason::NationalSecurity => "national_security",
            FlagReason::CriminalRecord { .. } => "criminal_record",
            FlagReason::UnderInvestigation => "under_investigation",
        }
    }

    /// R5 flags on an asset stop its transfers as well as its issuance.
    pub fn freezes_transfers(&self) -> bool {
        matches!(
            self,
            FlagReason::OwnershipDispute | FlagReason::TransferProhibited
        )
    }

    /// R8 and R9 concern the entity, its controlling shareholder or its ultimate controller.
    pub fn entities_only(&self) -> bool {
        matches!(
            self,
            FlagReason::CriminalRecord { .. } | FlagReason::UnderInvestigation
        )
    }

    /// The instant after which the flag stops blocking by itself (R8 only). `None` when the
    /// flag blocks until cleared. Counted in nanoseconds from the offence itself, so the flag
    /// never lapses early; saturates (blocks for good) instead of overflowing on absurd dates.
    pub fn lapses_at(&self) -> Option<Timestamp> {
        match self {
            FlagReason::CriminalRecord { offence_date } => Some(Timestamp::from_nanos(
                offence_date.nanos().saturating_add(LOOKBACK_NANOS),
            )),
            _ => None,
        }
    }
}

impl fmt::Display for FlagReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.rule(), self.as_str())
    }
}

/// What a flag is raised on.
#[cw_serde]
#[derive(Eq, PartialOrd, Ord, Hash)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum Subject {
    Asset(String),
    Entity(String),
}

impl Subject {
    /// Compact storage tag.
    pub fn tag(&self) -> u8 {
        match self {
            Subject::Asset(_) => 0,
            Subject::Entity(_) => 1,
        }
    }

    pub fn subject_id(&self) -> &str {
        match self {
            Subject::Asset(id) | Subject::Entity(id) => id,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Asset(id) => write!(f, "asset {id}"),
            Subject::Entity(id) => write!(f, "entity {id}"),
        }
    }
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum FlagStatus {
    Active,
    Cleared,
    /// An R8 flag whose offence is now more than three years old: it can never block again.
    Lapsed,
}

#[cw_serde]
pub struct ClearVote {
    pub oracle: Addr,
    /// The voter's [`Oracle::enrolment`] when it voted.
    pub enrolment: u64,
    pub conclusion: Evidence,
    pub at: Timestamp,
}

#[cw_serde]
pub struct Flag {
    pub id: u64,
    pub subject: Subject,
    pub reason: FlagReason,
    pub evidence: Evidence,
    pub raised_by: Addr,
    pub raised_at: Timestamp,
    pub status: FlagStatus,
    /// Votes of oracles other than the raiser to clear the flag.
    pub clear_votes: Vec<ClearVote>,
    pub cleared_at: Option<Timestamp>,
    /// The owner, or the oracle whose vote completed the quorum.
    pub cleared_by: Option<Addr>,
    pub conclusion: Option<Evidence>,
}

/// A significant-matter report (R2): issuance stays suspended until a Filing attestation newer
/// than it is posted.
#[cw_serde]
pub struct Report {
    pub id: u64,
    pub asset: String,
    pub reported_by: Addr,
    pub reported_at: Timestamp,
    pub evidence: Evidence,
    /// Filing attestations with an id above this one postdate the report.
    pub attestations_before: u64,
}

#[cw_serde]
pub struct NegativeList {
    pub version: u64,
    pub digest: String,
    pub published_by: Addr,
    pub published_at: Timestamp,
}

/// Maximum validity, in seconds, of each attestation kind.
#[cw_serde]
#[derive(Copy, Eq)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MaxValidity {
    pub filing: u64,
    pub screening: u64,
    /// Of eligibility statements (absent in configurations before v0.4.0: one year). Left out
    /// of the JSON at its default, so that a v0.3.0 registry reads what a current client sends.
    #[serde(
        default = "default_eligibility_validity",
        skip_serializing_if = "is_default_eligibility_validity"
    )]
    pub eligibility: u64,
    /// Of R3 approval statements (absent before v0.5.0: one year; left out at its default).
    #[serde(
        default = "default_approval_validity",
        skip_serializing_if = "is_default_approval_validity"
    )]
    pub approval: u64,
}

fn default_approval_validity() -> u64 {
    365 * 86_400
}

fn is_default_approval_validity(v: &u64) -> bool {
    *v == default_approval_validity()
}

fn default_eligibility_validity() -> u64 {
    365 * 86_400
}

fn is_default_eligibility_validity(v: &u64) -> bool {
    *v == default_eligibility_validity()
}

impl MaxValidity {
    pub fn of(&self, kind: AttestationKind) -> u64 {
        match kind {
            AttestationKind::Filing => self.filing,
            AttestationKind::Screening => self.screening,
            AttestationKind::CrossBorderInvestment
            | AttestationKind::ForeignExchange
            | AttestationKind::DataSecurity => self.approval,
        }
    }
}

/// Distinct active oracles needed for each R3 approval (default 1 each).
#[cw_serde]
#[derive(Copy, Eq)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct ApprovalQuorum {
    pub cross_border_investment: u32,
    pub foreign_exchange: u32,
    pub data_security: u32,
}

impl Default for ApprovalQuorum {
    fn default() -> Self {
        ApprovalQuorum {
            cross_border_investment: 1,
            foreign_exchange: 1,
            data_security: 1,
        }
    }
}

impl ApprovalQuorum {
    pub fn of(&self, approval: Approval) -> u32 {
        match approval {
            Approval::CrossBorderInvestment => self.cross_border_investment,
            Approval::ForeignExchange => self.foreign_exchange,
            Approval::DataSecurity => self.data_security,
        }
    }

    fn is_default(&self) -> bool {
        *self == ApprovalQuorum::default()
    }
}

/// Policy parameters, set by the owner.
#[cw_serde]
#[derive(Copy, Eq)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct Params {
    /// Distinct active oracles whose clean attestations are needed, per kind (default 1).
    pub attestation_quorum: u32,
    /// Distinct active oracles, other than the raiser, needed to clear a flag (default 2).
    pub flag_quorum: u32,
    pub max_validity: MaxValidity,
    /// Per R3 approval (absent before v0.5.0: 1 each; left out of the JSON at its default).
    #[serde(default, skip_serializing_if = "ApprovalQuorum::is_default")]
    pub approval_quorum: ApprovalQuorum,
}

impl Params {
    /// Distinct active oracles needed for a statement of `kind` to support an asset.
    pub fn quorum(&self, kind: AttestationKind) -> u32 {
        match kind.approval() {
            Some(approval) => self.approval_quorum.of(approval),
            None => self.attestation_quorum,
        }
    }
}

impl Default for Params {
    fn default() -> Self {
        Params {
            attestation_quorum: 1,
            flag_quorum: 2,
            max_validity: MaxValidity {
                filing: 365 * 86_400,
                screening: 90 * 86_400,
                eligibility: default_eligibility_validity(),
                approval: default_approval_validity(),
            },
            approval_quorum: ApprovalQuorum::default(),
        }
    }
}
