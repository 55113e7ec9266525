//! Messages of the compliance registry.
//!
//! Input types refuse unknown fields (`deny_unknown_fields`; cosmwasm-schema 3 no longer adds
//! it): a misspelled optional field must fail, not silently become `None`.

use cosmwasm_schema::{cw_serde, QueryResponses};
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use cosmwasm_std::{Addr, Binary, Timestamp, Uint128};

#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::distribution::{EligibilityRecord, InvestorClass, MovementDecision};
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::policy::{Clearance, Decision, Gate};
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::types::{
    ApprovalQuorum, Asset, Attestation, AttestationKind, Entity, Evidence, Flag, FlagReason,
    IssuancePlan, MaxValidity, NegativeList, Oracle, Params, RelatedParty, Report, Scopes,
    StatementMsg, Subject,
};

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    /// Defaults to the sender. Usually a multisig or DAO.
    pub owner: Option<String>,
    /// May pause issuance (globally or per asset); only the owner unpauses.
    pub pauser: Option<String>,
    /// Code id of the gated token, instantiated for every registered asset.
    pub token_code_id: u64,
    /// Defaults: quorum 1 for clean attestations, 2 to clear a flag; validity 365 days for
    /// Filing, 90 days for Screening.
    pub params: Option<Params>,
    /// The negative list (R6) in force at launch: version and digest of its text.
    pub negative_list: NegativeListInit,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct NegativeListInit {
    pub version: u64,
    pub digest: String,
}

/// Token metadata of a newly registered asset.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct TokenSpec {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct ParamsUpdate {
    pub attestation_quorum: Option<u32>,
    pub flag_quorum: Option<u32>,
    pub max_validity: Option<MaxValidity>,
    pub token_code_id: Option<u64>,
    /// Left out of the JSON when absent, so that a v0.4.0 registry reads what a current client
    /// sends it during an upgrade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_quorum: Option<ApprovalQuorum>,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    // ---- owner ----
    /// Step one of the ownership transfer.
    ProposeOwner {
        new_owner: String,
    },
    /// Step two, by the proposed owner.
    AcceptOwnership {},
    CancelOwnershipTransfer {},
    /// Leaves the registry without an owner for good: parameters and oracles freeze.
    RenounceOwnership {},
    SetPauser {
        pauser: Option<String>,
    },
    UpdateParams(ParamsUpdate),
    AddOracle {
        address: String,
        scopes: Scopes,
    },
    UpdateOracleScopes {
        address: String,
        scopes: Scopes,
    },
    SuspendOracle {
        address: String,
    },
    ReactivateOracle {
        address: String,
    },
    RemoveOracle {
        address: String,
    },
    ApproveIssuer {
        address: String,
    },
    RevokeIssuer {
        address: String,
    },
    /// Migrates the gated tokens of a page of assets (asset id order, at most 30) to `code_id`.
    /// The registry is every token's wasm admin, so this is the only way to migrate a token, and
    /// it follows the registry's ownership.
    MigrateTokens {
        code_id: u64,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Owner or pauser. `asset: None` pauses all issuance.
    Pause {
        asset: Option<String>,
    },
    /// Owner only.
    Unpause {
        asset: Option<String>,
    },

    // ---- issuer ----
    RegisterEntity {
        id: String,
    },
    /// Registers the asset and instantiates its gated token.
    RegisterAsset {
        id: String,
        filing_entity: String,
        related_parties: Vec<RelatedParty>,
        plan: IssuancePlan,
        token: TokenSpec,
    },
    /// Any change (maximum supply or digest) makes a new plan version and voids every earlier
    /// Filing attestation for good; an identical plan is refused.
    UpdatePlan {
        asset: String,
        plan: IssuancePlan,
    },
    /// R2. By the asset's issuer or a Filing-scoped oracle.
    ReportSignificantMatter {
        asset: String,
        evidence: Evidence,
    },
    AddMinter {
        asset: String,
        minter: String,
    },
    RemoveMinter {
        asset: String,
        minter: String,
    },
    /// By the asset's (approved) issuer or the owner: replaces the related parties (R3, R8, R9:
    /// a controlling shareholder or ultimate controller changed). Screenings that do not cover
    /// the new set stop counting at once; flags on a new party block at once; flags on a removed
    /// party no longer block this asset.
    UpdateRelatedParties {
        asset: String,
        related_parties: Vec<RelatedParty>,
    },
    /// By the issuer or the owner; irreversible.
    RetireAsset {
        asset: String,
    },
    /// By the issuer that registered `entity`, or the owner: lets up to `limit` live assets of
    /// `issuer` name the entity as a related party, reserving that many of the entity's slots
    /// (`MAX_ASSETS_PER_ENTITY`). 0 withdraws the allowance; links in use stay until their
    /// assets drop the party or retire.
    SetLinkAllowance {
        entity: String,
        issuer: String,
        limit: u32,
    },
    /// Carries out an attested order on the asset's token, even from a frozen account; the
    /// receiver must still be eligible under the terms. Once only.
    ExecuteOrder {
        /// The order's digest.
        order: String,
    },
    /// Moves the whole balance of a lost account to a replacement account that the eligibility
    /// oracle attested for the same holder id; the lost account never receives again.
    RecoverAccount {
        asset: String,
        lost: String,
        replacement: String,
    },

    // ---- oracle ----
    Attest(AttestMsg),
    /// Revokes one of the sender's own attestations.
    Revoke(RevokeMsg),
    RaiseFlag {
        subject: Subject,
        reason: FlagReason,
        evidence: Evidence,
    },
    /// By the owner: clears at once. By a flag-scoped oracle other than the raiser: a vote; the
    /// flag clears when `flag_quorum` such oracles agree. `conclusion` is the evidence (for R9,
    /// the conclusion of the investigation).
    ClearFlag {
        id: u64,
        conclusion: Evidence,
    },
    /// Screening-scoped oracles or the owner. The version must increase; screenings against
    /// older versions stop counting.
    PublishNegativeList {
        version: u64,
        digest: String,
    },
    /// Eligibility oracle: `account` may hold the tokens whose distribution terms admit its
    /// investor class and jurisdiction, until `expires_at`. Replaces the account's earlier
    /// statement; an account always belongs to the same holder id (a new holder id for it is
    /// refused: moving a holder's tokens to a new account is a recovery).
    AttestEligibility(AttestEligibilityMsg),
    /// Eligibility oracle: the account's statement stops counting at once.
    RevokeEligibility(RevokeEligibilityMsg),
    /// Order oracle: a court or regulator order (its digest and where to find it) to move
    /// exactly `amount` of `asset` from `from` to `to`, once.
    AttestOrder {
        asset: String,
        order: Evidence,
        from: String,
        to: String,
        amount: Uint128,
    },

    /// Up to [`MAX_BATCH`] actions of the sender in one transaction, all or nothing: when any is
    /// refused, none is recorded and the error names every refused action and why.
    Batch {
        actions: Vec<OracleAction>,
    },
    /// By an oracle: the secp256k1 public key (33 bytes, compressed) whose signatures the
    /// registry accepts as the oracle's own statements ([`ExecuteMsg::Relay`]). Replaces the
    /// earlier key at once (statements signed with it are refused from then on); `None` removes
    /// it.
    SetSigningKey {
        public_key: Option<Binary>,
    },

    // ---- anyone ----
    /// Posts actions an oracle signed offline (see [`crate::delegation`]), as if the oracle had
    /// sent them in a [`ExecuteMsg::Batch`]: any account may relay them.
    Relay {
        statement: SignedStatement,
    },
    /// Recomputes one asset's clearance from the records (idempotent).
    RefreshClearance {
        asset: String,
    },
    /// Recomputes a page of clearances, in asset id order.
    RefreshClearances {
        start_after: Option<String>,
        limit: Option<u32>,
    },
}

/// The most actions in one batch or one signed statement: a batch of 100 eligibility statements
/// stays well within a block's gas.
pub const MAX_BATCH: usize = 100;

/// One thing an oracle says, in a [`ExecuteMsg::Batch`] or a [`SignedStatement`]: the message
/// of the same name (the same JSON, one definition), judged by the same rules.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum OracleAction {
    Attest(AttestMsg),
    Revoke(RevokeMsg),
    AttestEligibility(AttestEligibilityMsg),
    RevokeEligibility(RevokeEligibilityMsg),
}

// For clients and tests: the contracts never convert, and leave these out of their code.
#[cfg(not(target_arch = "wasm32"))]
impl OracleAction {
    /// The action of the same name as `msg`, if it is one an oracle may batch or sign.
    pub fn of(msg: ExecuteMsg) -> Option<OracleAction> {
        match msg {
            ExecuteMsg::Attest(m) => Some(OracleAction::Attest(m)),
            ExecuteMsg::Revoke(m) => Some(OracleAction::Revoke(m)),
            ExecuteMsg::AttestEligibility(m) => Some(OracleAction::AttestEligibility(m)),
            ExecuteMsg::RevokeEligibility(m) => Some(OracleAction::RevokeEligibility(m)),
            _ => None,
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<OracleAction> for ExecuteMsg {
    /// The single message of the same name.
    fn from(action: OracleAction) -> Self {
        match action {
            OracleAction::Attest(m) => ExecuteMsg::Attest(m),
            OracleAction::Revoke(m) => ExecuteMsg::Revoke(m),
            OracleAction::AttestEligibility(m) => ExecuteMsg::AttestEligibility(m),
            OracleAction::RevokeEligibility(m) => ExecuteMsg::RevokeEligibility(m),
        }
    }
}

/// An oracle's clean statement about an asset (`attest`).
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct AttestMsg {
    pub asset: String,
    pub statement: StatementMsg,
    pub expires_at: Timestamp,
    pub evidence: Evidence,
}

/// Revokes one of the sender's own attestations (`revoke`).
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct RevokeMsg {
    pub id: u64,
    pub evidence: Evidence,
}

/// Who may hold (`attest_eligibility`).
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct AttestEligibilityMsg {
    pub account: String,
    /// Opaque holder id (lowercase hex SHA-256) linking one holder's accounts.
    pub holder: String,
    pub class: InvestorClass,
    /// ISO 3166-1 alpha-2.
    pub jurisdiction: String,
    pub expires_at: Timestamp,
    pub evidence: Evidence,
}

/// The account's eligibility stops counting at once (`revoke_eligibility`).
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct RevokeEligibilityMsg {
    pub account: String,
    pub evidence: Evidence,
}

/// Actions signed offline by an oracle's registered key. The signature covers the chain id,
/// the registry's address, the oracle, the nonce, the deadline and the actions
/// ([`crate::delegation::sign_bytes`]): a statement is good on one chain, at one registry, once,
/// until its deadline.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct SignedStatement {
    pub oracle: String,
    /// Chosen by the oracle, used once: a used nonce is refused.
    pub nonce: u64,
    /// The statement is refused in a block later than this.
    pub deadline: Timestamp,
    pub actions: Vec<OracleAction>,
    /// 64 bytes, `r ‖ s`, over the SHA-256 of the sign bytes.
    pub signature: Binary,
}

#[cw_serde]
#[derive(QueryResponses)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(OwnershipResponse)]
    Ownership {},
    #[returns(Gate)]
    Gate {},
    /// The negative list in force.
    #[returns(NegativeList)]
    NegativeList {},
    /// Every negative-list version ever published, oldest first: what a Screening attestation's
    /// `negative_list_version` stood for.
    #[returns(NegativeListsResponse)]
    NegativeLists {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(Oracle)]
    Oracle { address: String },
    #[returns(OraclesResponse)]
    Oracles {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(IssuerResponse)]
    Issuer { address: String },
    #[returns(Entity)]
    Entity { id: String },
    /// What `issuer`'s assets may use of `entity`'s slots (zero when no allowance is set).
    #[returns(LinkAllowanceResponse)]
    LinkAllowance { entity: String, issuer: String },
    /// The allowances set on `entity`, in issuer address order.
    #[returns(LinkAllowancesResponse)]
    LinkAllowances {
        entity: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(Asset)]
    Asset { id: String },
    #[returns(AssetsResponse)]
    Assets {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(Attestation)]
    Attestation { id: u64 },
    /// Attestations of an asset, oldest first.
    #[returns(AttestationsResponse)]
    Attestations {
        asset: String,
        kind: Option<AttestationKind>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(Flag)]
    Flag { id: u64 },
    /// Every flag ever raised on a subject, active and cleared, oldest first.
    #[returns(FlagsResponse)]
    Flags {
        subject: Subject,
        active_only: Option<bool>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(Report)]
    Report { id: u64 },
    #[returns(Clearance)]
    Clearance { asset: String },
    /// The decision the token's mint would take now, with every reason that denies it. With
    /// `minter`, also whether that address may mint.
    #[returns(Decision)]
    CheckIssuance {
        asset: String,
        amount: Uint128,
        minter: Option<String>,
        /// With a recipient, also whether it may hold under the plan's distribution terms (the
        /// holder rule the mint runs after the issuance rule). Left out of the JSON when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        recipient: Option<String>,
    },
    #[returns(MintedResponse)]
    Minted { asset: String },
    /// The account's current eligibility statement.
    #[returns(EligibilityRecord)]
    Eligibility { account: String },
    /// The account's earlier statements, superseded by a later one, oldest first.
    #[returns(EligibilityHistoryResponse)]
    EligibilityHistory {
        account: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(Order)]
    Order { order: String },
    /// Whether `sender` may move `amount` of the asset's token to `recipient` now, with every
    /// reason it may not (a freeze included): the judgement the token runs on the transfer.
    #[returns(MovementDecision)]
    CheckTransfer {
        asset: String,
        sender: String,
        recipient: String,
        amount: Uint128,
    },
    /// The oracle's registered signing key, if any.
    #[returns(SigningKeyResponse)]
    SigningKey { oracle: String },
    /// Whether the oracle's signed statement with this nonce was posted.
    #[returns(NonceResponse)]
    Nonce { oracle: String, nonce: u64 },
}

#[cw_serde]
pub struct SigningKeyResponse {
    pub oracle: Addr,
    pub public_key: Option<Binary>,
}

#[cw_serde]
pub struct NonceResponse {
    pub oracle: Addr,
    pub nonce: u64,
    pub used: bool,
}

#[cw_serde]
pub struct EligibilityHistoryResponse {
    pub records: Vec<EligibilityRecord>,
}

/// A court or regulator order as the registry records it.
#[cw_serde]
pub struct Order {
    pub order: Evidence,
    pub asset: String,
    pub from: Addr,
    pub to: Addr,
    pub amount: Uint128,
    pub attested_by: Addr,
    pub attested_at: Timestamp,
    /// Set when the issuer carried it out: an order is never carried out twice.
    pub executed_at: Option<Timestamp>,
}

#[cw_serde]
pub struct ConfigResponse {
    pub pauser: Option<Addr>,
    pub token_code_id: u64,
    pub params: Params,
    pub oracle_count: u32,
}

#[cw_serde]
pub struct OwnershipResponse {
    pub owner: Option<Addr>,
    pub pending_owner: Option<Addr>,
}

#[cw_serde]
pub struct OraclesResponse {
    pub oracles: Vec<Oracle>,
}

#[cw_serde]
pub struct IssuerResponse {
    pub address: Addr,
    pub approved: bool,
    /// When the owner approved it; `None` when it is not approved.
    pub approved_at: Option<Timestamp>,
}

#[cw_serde]
pub struct NegativeListsResponse {
    pub lists: Vec<NegativeList>,
}

#[cw_serde]
pub struct LinkAllowanceResponse {
    pub entity: String,
    pub issuer: Addr,
    pub limit: u32,
    pub used: u32,
}

#[cw_serde]
pub struct LinkAllowancesResponse {
    pub allowances: Vec<LinkAllowanceResponse>,
}

#[cw_serde]
pub struct AssetsResponse {
    pub assets: Vec<Asset>,
}

#[cw_serde]
pub struct AttestationsResponse {
    pub attestations: Vec<Attestation>,
}

#[cw_serde]
pub struct FlagsResponse {
    pub flags: Vec<Flag>,
}

#[cw_serde]
pub struct MintedResponse {
    pub asset: String,
    pub token: Addr,
    /// Cumulative minted, from the token's own record.
    pub minted: Uint128,
    pub total_supply: Uint128,
    /// min(plan maximum, approved supply of the relied-on filings).
    pub cap: Uint128,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}
