//! The command line: flags and subcommands (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::human;

fn duration(text: &str) -> Result<u64, String> {
    human::parse_duration(text)
}

fn date(text: &str) -> Result<u64, String> {
    human::parse_date(text)
}

fn amount(text: &str) -> Result<u128, String> {
    human::parse_amount(text)
}

/// The command line of rwa-gate: compliance oracles, issuers, the owner and auditors drive the
/// gate on chain with it.
///
/// The signing key comes from a mnemonic file (--mnemonic-file) or the RWA_GATE_MNEMONIC
/// environment variable, never from the command line, and is never printed. Queries (status,
/// history) need no key.
///
/// Exit codes: 0 done; 1 error (configuration, files, node); 2 bad usage; 3 the contract
/// refused; 4 the gate denies the mint (nothing was sent).
#[derive(Debug, Parser)]
#[command(name = "rwa-gate", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// CometBFT RPC address of the node; several separated by commas (`URL1,URL2,...`): the
    /// first that answers is used and the next takes over when it stops answering. A
    /// transaction whose broadcast got no answer is looked up by hash and resent as the same
    /// signed bytes, never signed again.
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_NODE",
        default_value = "http://127.0.0.1:26757"
    )]
    pub node: String,
    /// Chain id [default: the deployment file's, else rwa-gate-localnet].
    #[arg(long, global = true, env = "RWA_GATE_CHAIN_ID")]
    pub chain_id: Option<String>,
    /// The deployment file: written by `deploy`, read by every other command.
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_DEPLOYMENT",
        default_value = "rwa-gate-deployment.json"
    )]
    pub deployment: PathBuf,
    /// File holding the BIP-39 mnemonic of the signing key (else RWA_GATE_MNEMONIC is read).
    #[arg(long, global = true, env = "RWA_GATE_MNEMONIC_FILE")]
    pub mnemonic_file: Option<PathBuf>,
    /// HD index N of the key (m/44'/118'/0'/0/N).
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_ACCOUNT_INDEX",
        default_value_t = 0
    )]
    pub account_index: u32,
    /// Fee denomination.
    #[arg(long, global = true, default_value = "stake")]
    pub denom: String,
    /// Price of a unit of gas in the fee denomination (0 on the local chain).
    #[arg(long, global = true, default_value_t = 0.0)]
    pub gas_price: f64,
    /// One JSON object on stdout, for machines (progress still goes to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Simulate only: the gas estimate and the gate's answer; nothing is sent.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// No progress lines on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store both contracts (checked against artifacts/checksums.txt; codes already on chain are
    /// found by checksum, not stored again), instantiate the registry, write the deployment file.
    Deploy(Deploy),
    /// A compliance oracle's work: attestations, revocations, flags, the negative list.
    #[command(subcommand)]
    Oracle(Oracle),
    /// An issuer's work: entities, assets, plans, reports, minters, mints.
    #[command(subcommand)]
    Issuer(Issuer),
    /// The owner's work: oracles, issuers, parameters, pauses, ownership.
    #[command(subcommand)]
    Owner(Owner),
    /// An asset's clearance in words: what it relies on and until when, what is missing, which
    /// flags block it and since when, minted against the cap.
    Status(AssetArg),
    /// Pages through an asset's attestations and the flags on it and on its parties.
    History(History),
    /// Recompute an asset's clearance (anyone may; needed after a registry-wide change).
    Refresh(AssetArg),
    /// The address of the configured key.
    Address,
    /// Development helpers for a local chain. Not for production use.
    #[command(subcommand)]
    Dev(Dev),
}

#[derive(Debug, Args)]
pub struct AssetArg {
    /// Asset id.
    pub asset: String,
}

#[derive(Debug, Args)]
pub struct Deploy {
    /// Directory of the optimized artifacts and their checksums.txt.
    #[arg(long, default_value = "artifacts")]
    pub artifacts: PathBuf,
    /// Owner of the registry [default: the deploying key]. Usually a multisig or DAO.
    #[arg(long)]
    pub owner: Option<String>,
    /// May pause issuance.
    #[arg(long)]
    pub pauser: Option<String>,
    /// Wasm admin of the registry contract (e.g. the governance address) [default: none].
    #[arg(long)]
    pub admin: Option<String>,
    /// Distinct oracles needed per attestation kind.
    #[arg(long, default_value_t = 1)]
    pub attestation_quorum: u32,
    /// Flag-scoped oracles other than the raiser needed to clear a flag.
    #[arg(long, default_value_t = 2)]
    pub flag_quorum: u32,
    /// Longest validity of a Filing attestation.
    #[arg(long, value_parser = duration, default_value = "365d")]
    pub filing_validity: u64,
    /// Longest validity of a Screening attestation.
    #[arg(long, value_parser = duration, default_value = "90d")]
    pub screening_validity: u64,
    /// The negative list in force at launch (its sha256 goes on chain).
    #[arg(long)]
    pub negative_list: PathBuf,
    /// Version of that negative list.
    #[arg(long, default_value_t = 1)]
    pub negative_list_version: u64,
    /// Label of the registry contract.
    #[arg(long, default_value = "rwa-gate compliance registry")]
    pub label: String,
    /// Replace an existing deployment file.
    #[arg(long)]
    pub overwrite: bool,
}

/// Evidence: a file whose sha256 goes on chain (the file never leaves the machine), and where
/// to find it.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// Evidence file; only its sha256 goes on chain.
    #[arg(long)]
    pub evidence: PathBuf,
    /// Where the evidence can be found (no spaces; no personal data).
    #[arg(long)]
    pub evidence_uri: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Oracle {
    /// R1: the CSRC filing of the asset's current plan is complete.
    AttestFiling(AttestFiling),
    /// R3-R9: the filing entity and every related party screened clean.
    AttestScreening(AttestScreening),
    /// Revoke one of your attestations.
    Revoke(Revoke),
    /// Raise a flag or vote to clear one.
    #[command(subcommand)]
    Flag(Flag),
    /// Publish a new version of the negative list.
    #[command(subcommand, name = "negative-list")]
    NegativeList(NegativeList),
}

#[derive(Debug, Args)]
pub struct AttestFiling {
    pub asset: String,
    /// The filing's reference (e.g. the CSRC filing number).
    #[arg(long)]
    pub reference: String,
    /// The issuance materials: their sha256 must equal the asset's plan digest.
    #[arg(long)]
    pub materials: PathBuf,
    /// Supply approved by the filing [default: the plan's maximum].
    #[arg(long, value_parser = amount)]
    pub approved_supply: Option<u128>,
    /// How long the attestation holds, from the latest block (e.g. 365d).
    #[arg(long, value_parser = duration)]
    pub valid_for: u64,
    /// Evidence file [default: the materials].
    #[arg(long)]
    pub evidence: Option<PathBuf>,
    #[arg(long)]
    pub evidence_uri: Option<String>,
}

#[derive(Debug, Args)]
pub struct AttestScreening {
    pub asset: String,
    /// Entities covered [default: the asset's filing entity and every related party].
    #[arg(long, value_delimiter = ',')]
    pub subjects: Vec<String>,
    /// Negative-list version screened against [default: the registry's current].
    #[arg(long)]
    pub negative_list_version: Option<u64>,
    /// How far back the screening looked (at least 1096d).
    #[arg(long, value_parser = duration, default_value = "1096d", conflicts_with = "lookback_from")]
    pub lookback: u64,
    /// Start of the look-back window, as a date (instead of --lookback).
    #[arg(long, value_parser = date)]
    pub lookback_from: Option<u64>,
    /// How long the attestation holds, from the latest block (e.g. 90d).
    #[arg(long, value_parser = duration)]
    pub valid_for: u64,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct Revoke {
    /// Attestation id.
    pub id: u64,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reason {
    /// R4: barred from financing on the capital market.
    BarredFromFinancing,
    /// R5: significant ownership dispute (freezes transfers of a flagged asset).
    OwnershipDispute,
    /// R5: transfer prohibited by law (freezes transfers of a flagged asset).
    TransferProhibited,
    /// R6: on the negative list.
    NegativeList,
    /// R7: may endanger national security.
    NationalSecurity,
    /// R8 (entities): a criminal record; needs --offence-date.
    CriminalRecord,
    /// R9 (entities): under investigation.
    UnderInvestigation,
}

#[derive(Debug, Subcommand)]
pub enum Flag {
    /// Raise a flag on an asset or an entity: issuance stops at once.
    Raise(FlagRaise),
    /// Vote to clear a flag raised by another oracle (the owner's vote clears at once).
    VoteClear(FlagVoteClear),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["asset", "entity"])))]
pub struct FlagRaise {
    /// Flag this asset.
    #[arg(long)]
    pub asset: Option<String>,
    /// Flag this entity.
    #[arg(long)]
    pub entity: Option<String>,
    #[arg(long, value_enum)]
    pub reason: Reason,
    /// Date of the offence (criminal-record only), e.g. 2024-03-01.
    #[arg(long, value_parser = date)]
    pub offence_date: Option<u64>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct FlagVoteClear {
    /// Flag id.
    pub id: u64,
    /// The conclusion (e.g. of the investigation); only its sha256 goes on chain.
    #[arg(long)]
    pub conclusion: PathBuf,
    #[arg(long)]
    pub conclusion_uri: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NegativeList {
    /// Publish the negative list in FILE as the next version.
    Publish(NegativeListPublish),
}

#[derive(Debug, Args)]
pub struct NegativeListPublish {
    /// The negative list; only its sha256 goes on chain.
    pub file: PathBuf,
    /// Version [default: the current one plus one].
    #[arg(long)]
    pub version: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    ControllingShareholder,
    UltimateController,
    Other,
}

/// `entity:role`, e.g. `holdco:controlling-shareholder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub entity: String,
    pub role: Role,
}

fn party(text: &str) -> Result<Party, String> {
    let (entity, role) = text.split_once(':').ok_or_else(|| {
        format!(
            "`{text}`: write ENTITY:ROLE with ROLE controlling-shareholder, ultimate-controller \
             or other"
        )
    })?;
    let role = Role::from_str(role, true).map_err(|_| {
        format!("`{role}` is not a role: controlling-shareholder, ultimate-controller or other")
    })?;
    Ok(Party {
        entity: entity.to_string(),
        role,
    })
}

#[derive(Debug, Subcommand)]
pub enum Issuer {
    /// Register an entity (a filing entity or a related party) under your issuer account.
    RegisterEntity(RegisterEntity),
    /// Register an asset and instantiate its gated token.
    RegisterAsset(RegisterAsset),
    /// Change the plan (maximum supply and/or materials): every earlier filing stops counting.
    UpdatePlan(UpdatePlan),
    /// R2: report a significant matter; issuance stops until a newer filing.
    Report(Report),
    /// Name a minter of the asset.
    AddMinter(AddMinter),
    /// Mint through the gated token. Asks check_issuance first: when the gate denies, prints
    /// every reason and sends nothing.
    Mint(Mint),
}

#[derive(Debug, Args)]
pub struct RegisterEntity {
    pub id: String,
}

#[derive(Debug, Args)]
pub struct RegisterAsset {
    pub id: String,
    #[arg(long)]
    pub filing_entity: String,
    /// A related party, ENTITY:ROLE (repeat).
    #[arg(long = "party", value_parser = party)]
    pub parties: Vec<Party>,
    /// Maximum supply of the plan.
    #[arg(long, value_parser = amount)]
    pub max_supply: u128,
    /// The issuance materials: their sha256 is the plan digest.
    #[arg(long)]
    pub materials: PathBuf,
    /// Token name (3-50 characters).
    #[arg(long)]
    pub name: String,
    /// Token symbol (3-12 letters or '-').
    #[arg(long)]
    pub symbol: String,
    #[arg(long, default_value_t = 6)]
    pub decimals: u8,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["max_supply", "materials"])))]
pub struct UpdatePlan {
    pub asset: String,
    /// New maximum supply [default: unchanged].
    #[arg(long, value_parser = amount)]
    pub max_supply: Option<u128>,
    /// New issuance materials [default: unchanged digest].
    #[arg(long)]
    pub materials: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct Report {
    pub asset: String,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct AddMinter {
    pub asset: String,
    /// Address of the minter.
    pub minter: String,
}

#[derive(Debug, Args)]
pub struct Mint {
    pub asset: String,
    /// Whole token units.
    #[arg(long, value_parser = amount)]
    pub amount: u128,
    /// Recipient address [default: the signing key's].
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scope {
    Filing,
    Screening,
    Flags,
}

#[derive(Debug, Subcommand)]
pub enum Owner {
    /// Register an oracle with its scopes.
    AddOracle(AddOracle),
    /// Suspend an oracle: its attestations stop counting (every clearance must be refreshed).
    SuspendOracle(AddressArg),
    /// Approve an issuer.
    ApproveIssuer(AddressArg),
    /// Change quorums, validities or the token code.
    SetParams(SetParams),
    /// Pause issuance of one asset, or of every asset.
    Pause(PauseArgs),
    /// Resume issuance of one asset, or globally.
    Unpause(PauseArgs),
    /// Propose a new owner (step one; the new owner accepts).
    TransferOwnership(AddressArg),
    /// Accept the ownership proposed to the signing key (step two).
    AcceptOwnership,
}

#[derive(Debug, Args)]
pub struct AddressArg {
    pub address: String,
}

#[derive(Debug, Args)]
pub struct AddOracle {
    pub address: String,
    /// Scopes, comma-separated: filing, screening, flags.
    #[arg(long, value_enum, value_delimiter = ',', required = true)]
    pub scopes: Vec<Scope>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("param").required(true).multiple(true)
    .args(["attestation_quorum", "flag_quorum", "filing_validity", "screening_validity", "token_code_id"])))]
pub struct SetParams {
    #[arg(long)]
    pub attestation_quorum: Option<u32>,
    #[arg(long)]
    pub flag_quorum: Option<u32>,
    #[arg(long, value_parser = duration)]
    pub filing_validity: Option<u64>,
    #[arg(long, value_parser = duration)]
    pub screening_validity: Option<u64>,
    #[arg(long)]
    pub token_code_id: Option<u64>,
}

#[derive(Debug, Args)]
pub struct PauseArgs {
    /// Only this asset [default: all issuance].
    #[arg(long)]
    pub asset: Option<String>,
}

#[derive(Debug, Args)]
pub struct History {
    pub asset: String,
    /// Only attestations of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Entries read per query (at most 30).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub page_size: u32,
    /// Stop after this many attestations and this many flags per subject.
    #[arg(long, default_value_t = 1_000)]
    pub max: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Filing,
    Screening,
}

#[derive(Debug, Subcommand)]
pub enum Dev {
    /// Send native coins from the signing key to each address (creates the accounts).
    Fund(Fund),
}

#[derive(Debug, Args)]
pub struct Fund {
    #[arg(required = true)]
    pub addresses: Vec<String>,
    #[arg(long, default_value_t = 1_000_000)]
    pub amount: u128,
}
