use cosmwasm_std::{StdError, Timestamp};
use cw_utils::PaymentError;
use rwa_gate::validate::InvalidInput;
use rwa_gate::Approval;
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

    /// Every wrong-role case: not the owner, pauser, pending owner, issuer, or an active oracle
    /// with the needed scope.
    #[error("unauthorized")]
    Unauthorized {},

    #[error("arithmetic overflow")]
    Overflow {},

    // ---- configuration ----
    /// A quorum outside its range could never be met (or would let an empty support pass).
    #[error("{quorum} quorum must be between 1 and {max}")]
    InvalidQuorum { quorum: String, max: u32 },

    #[error("maximum validity must be between {min_seconds} and {max_seconds} seconds")]
    InvalidValidity { min_seconds: u64, max_seconds: u64 },

    #[error("token code id must not be zero")]
    InvalidCodeId {},

    #[error("negative-list version {version} is the last one its type can hold: no later list could ever be published")]
    NegativeListVersionAtLimit { version: u64 },

    #[error("no ownership transfer is pending")]
    NoPendingOwner {},

    // ---- oracles and issuers ----
    #[error("at most {max} oracles")]
    TooManyOracles { max: u32 },

    #[error("an oracle needs at least one scope")]
    EmptyScopes {},

    #[error("oracle {address} already exists")]
    OracleExists { address: String },

    #[error("oracle {address} not found")]
    OracleNotFound { address: String },

    #[error("oracle {address} is already suspended")]
    OracleAlreadySuspended { address: String },

    #[error("oracle {address} is not suspended")]
    OracleNotSuspended { address: String },

    #[error("issuer {address} is already approved")]
    IssuerAlreadyApproved { address: String },

    #[error("issuer {address} is not approved")]
    IssuerNotApproved { address: String },

    // ---- entities and assets ----
    #[error("entity {id} already exists")]
    EntityExists { id: String },

    #[error("entity {id} not found")]
    EntityNotFound { id: String },

    #[error("asset {id} already exists")]
    AssetExists { id: String },

    #[error("asset {id} not found")]
    AssetNotFound { id: String },

    #[error("asset {id} is retired")]
    AssetRetired { id: String },

    #[error("at most {max} related parties")]
    TooManyRelatedParties { max: usize },

    #[error("entity {id} is listed twice among the filing entity and related parties")]
    DuplicateParty { id: String },

    #[error("entity {id} is already linked to the maximum number of assets")]
    EntityAssetLimit { id: String },

    #[error("entity {id} was registered by another issuer: the filing entity must be your own")]
    NotOwnFilingEntity { id: String },

    #[error("entity {id} was registered by another issuer, whose allowance lets your assets use {limit} of its slots: none is free")]
    LinkNotAllowed { id: String, limit: u32 },

    #[error("entity {id} has {available} slots left to reserve for this issuer")]
    LinkAllowanceTooLarge { id: String, available: u32 },

    #[error("the issuer that registered an entity needs no allowance to link it")]
    SelfAllowance {},

    #[error("plan maximum supply must not be zero")]
    ZeroMaxSupply {},

    #[error(
        "the plan is unchanged: an update must change the maximum supply, the digest or the terms"
    )]
    PlanUnchanged {},

    #[error("the related parties are unchanged")]
    RelatedPartiesUnchanged {},

    #[error("at most {max} minters")]
    TooManyMinters { max: usize },

    #[error("{address} is already a minter")]
    MinterExists { address: String },

    #[error("{address} is not a minter")]
    MinterNotFound { address: String },

    #[error("report {id} not found")]
    ReportNotFound { id: u64 },

    #[error("asset {asset} has no token yet")]
    TokenNotSet { asset: String },

    // ---- attestations ----
    #[error("expiry must lie in the future")]
    ExpiryInPast {},

    #[error("expiry too far: at most {max_seconds} seconds from now")]
    ExpiryTooFar { max_seconds: u64 },

    #[error("the Filing names a plan other than the asset's current plan (version {current_version}): every field must match")]
    PlanMismatch { current_version: u64 },

    #[error("approved supply must not be zero")]
    ZeroApprovedSupply {},

    #[error("negative-list version does not match the current version {current}")]
    NegativeListVersionMismatch { current: u64 },

    #[error("at most {max} screening subjects")]
    TooManySubjects { max: usize },

    #[error("screening subject {id} is listed twice")]
    DuplicateSubject { id: String },

    #[error("screening does not cover entity {entity}")]
    ScreeningMissesSubject { entity: String },

    #[error("screening look-back must cover at least three years")]
    LookbackTooShort {},

    #[error("attestation {id} not found")]
    AttestationNotFound { id: u64 },

    #[error("attestation {id} is already revoked")]
    AlreadyRevoked { id: u64 },

    // ---- flags ----
    #[error("this flag reason applies to entities only")]
    FlagReasonNotForAssets {},

    #[error("offence date lies in the future")]
    OffenceInFuture {},

    #[error("at most {max} active flags per subject")]
    TooManyActiveFlags { max: usize },

    #[error("flag {id} not found")]
    FlagNotFound { id: u64 },

    #[error("flag {id} is not active")]
    FlagNotActive { id: u64 },

    #[error("the oracle that raised a flag cannot vote to clear it")]
    RaiserCannotClear {},

    #[error("this oracle already voted to clear the flag")]
    AlreadyVoted {},

    // ---- negative list, pause ----
    #[error("negative-list version must be the one after the current version {current}")]
    NegativeListVersionNotNext { current: u64 },

    #[error("already paused")]
    AlreadyPaused {},

    #[error("not paused")]
    NotPaused {},

    // ---- reply, migrate ----
    #[error("unknown reply id {id}")]
    UnknownReply { id: u64 },

    #[error("reply payload is not an asset id")]
    InvalidReplyPayload {},

    #[error("token instantiation reported no contract address")]
    MissingContractAddress {},

    #[error("the token of asset {asset} has wasm admin {admin}, not the registry: its admin must hand it over first")]
    NotTokenAdmin { asset: String, admin: String },

    #[error("cannot migrate from contract {found}, expected {expected}")]
    WrongContract { expected: String, found: String },

    #[error("a registry at {stored} migrates with the code of release {release} first, then with this one")]
    MigrateThroughRelease { stored: String, release: String },

    #[error("cannot migrate from version {stored} down to {current}")]
    CannotMigrateDowngrade { stored: String, current: String },

    // ---- holders (distribution terms) ----
    #[error("account {account} belongs to holder {holder}: a statement for another holder is refused (use a recovery)")]
    HolderMismatch { account: String, holder: String },

    #[error("account {account} was recovered to another account and never holds again")]
    AccountLost { account: String },

    #[error("no eligibility statement for account {account}")]
    EligibilityNotFound { account: String },

    #[error("the eligibility of account {account} is already revoked")]
    EligibilityAlreadyRevoked { account: String },

    #[error("account {account} is not eligible now: {reason}")]
    ReplacementNotEligible { account: String, reason: String },

    #[error("the lost account and its replacement must differ")]
    SameAccount {},

    #[error("order {order} is already attested")]
    OrderExists { order: String },

    #[error("order {order} not found")]
    OrderNotFound { order: String },

    #[error("order {order} was already carried out")]
    OrderExecuted { order: String },

    #[error("amount must not be zero")]
    ZeroAmount {},

    #[error("the plan names approval {approval} twice")]
    DuplicateApproval { approval: Approval },

    #[error("a batch needs at least one action")]
    EmptyBatch {},

    #[error("a batch holds at most {max} actions")]
    BatchTooLarge { max: usize },

    #[error("batch refused, nothing recorded: {}", describe_refused(refused))]
    BatchRefused { refused: Vec<RefusedAction> },

    #[error("a signing key is a compressed secp256k1 public key (33 bytes, a point on the curve)")]
    InvalidSigningKey {},

    #[error("oracle {oracle} has no signing key registered")]
    NoSigningKey { oracle: String },

    #[error("oracle {oracle} is not an active oracle: its signed statements are refused")]
    SignerNotActive { oracle: String },

    #[error(
        "the signature does not verify with the oracle's signing key for this chain and registry"
    )]
    InvalidSignature {},

    #[error("nonce {nonce} was already used")]
    NonceUsed { nonce: u64 },

    #[error("the statement's deadline {} has passed", deadline.nanos())]
    StatementExpired { deadline: Timestamp },
}

/// One refused action of a batch: its index in the batch and the error it met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedAction {
    pub index: u32,
    pub reason: String,
}

fn describe_refused(refused: &[RefusedAction]) -> String {
    refused
        .iter()
        .map(|r| format!("action {}: {}", r.index, r.reason))
        .collect::<Vec<_>>()
        .join("; ")
}
