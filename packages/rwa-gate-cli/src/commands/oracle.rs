//! `rwa-gate oracle`: a compliance oracle's work: attestations, revocations, flags, the
//! negative list; eligibility statements and orders (in `holders`).

mod actions;
mod attest;
mod batch;
mod expiring;
mod holders;
mod sign;
mod signing_key;
mod sync;

pub use holders::Class;

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{
    AttestationKind, FlagReason, IssuancePlan, StatementMsg, Subject, LOOKBACK_SECONDS,
};
use serde_json::json;

use crate::commands::issuer::base_units;
use crate::context::{evidence, file_digest, shown, Ctx};
use crate::error::{Fail, Res};
use crate::human::{
    self, format_date, format_rfc3339, format_span, format_time, format_units, TokenAmount,
};
use crate::input;
use crate::render::Output;
use rwa_gate::registry::{AttestMsg, RevokeMsg};

#[derive(Debug, Subcommand)]
pub enum OracleCommand {
    /// R1: the CSRC filing of the asset's current plan is complete.
    AttestFiling(AttestFiling),
    /// R3-R9: the filing entity and every related party screened clean.
    AttestScreening(AttestScreening),
    /// R3: another authority's approval, filing or security review of the asset is complete
    /// (--kind cross-border-investment, foreign-exchange or data-security).
    Attest(attest::AttestApproval),
    /// Revoke one of your attestations.
    Revoke(Revoke),
    /// Raise a flag or vote to clear one.
    #[command(subcommand)]
    Flag(FlagCommand),
    /// Publish a new version of the negative list.
    #[command(subcommand, name = "negative-list")]
    NegativeList(NegativeListCommand),
    /// Eligibility oracle: ACCOUNT may hold tokens whose distribution terms admit its class and
    /// jurisdiction (replaces its earlier statement).
    AttestEligibility(holders::AttestEligibility),
    /// Eligibility oracle: ACCOUNT's statement stops counting at once.
    RevokeEligibility(holders::RevokeEligibility),
    /// Order oracle: a court or regulator order to move exactly AMOUNT of the asset, once.
    AttestOrder(holders::AttestOrder),
    /// Register the key whose offline signatures count as your statements (it may be kept
    /// apart from this account); replaces the earlier one at once.
    SetSigningKey(signing_key::SetSigningKey),
    /// Sign a statement offline (no node needed) into a file that anyone posts with `rwa-gate
    /// relay FILE`: one ACTION, or the list of --actions FILE.
    Sign(Box<sign::Sign>),
    /// Post the actions of a JSON file in one transaction, all or nothing (at most 100).
    Batch(batch::Batch),
    /// The oracle agent: make the chain match DECISIONS (JSON lines or CSV): post what is
    /// missing in batches, renew what lapses soon, revoke what was withdrawn, never post a
    /// decision twice (progress in a SQLite database; --dry-run says what and why).
    Sync(Box<sync::SyncArgs>),
    /// Every attestation and eligibility statement of the oracle that lapses within --days,
    /// and which assets it would block.
    Expiring(Box<expiring::ExpiringArgs>),
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

impl EvidenceArgs {
    pub fn record(&self) -> Res<rwa_gate::Evidence> {
        evidence(&self.evidence, self.evidence_uri.as_deref())
    }
}

#[derive(Debug, Args)]
pub struct AttestFiling {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// The filing's reference (e.g. the CSRC filing number).
    #[arg(long)]
    pub reference: String,
    /// The issuance materials: their sha256 must equal the asset's plan digest.
    #[arg(long)]
    pub materials: PathBuf,
    /// The plan's maximum supply the filing covers, in whole token units: with the materials,
    /// it names the exact plan attested, and a plan changed since is refused.
    #[arg(long, value_parser = human::parse_token_amount)]
    pub max_supply: TokenAmount,
    /// Supply approved by the filing, in whole token units [default: the plan's maximum].
    #[arg(long, value_parser = human::parse_token_amount)]
    pub approved_supply: Option<TokenAmount>,
    /// How long the attestation holds, from the latest block (e.g. 365d).
    #[arg(long, value_parser = human::parse_duration)]
    pub valid_for: u64,
    /// Evidence file [default: the materials].
    #[arg(long)]
    pub evidence: Option<PathBuf>,
    /// Where the evidence can be found (no spaces; no personal data).
    #[arg(long)]
    pub evidence_uri: Option<String>,
}

#[derive(Debug, Args)]
pub struct AttestScreening {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Entities covered [default: the asset's filing entity and every related party].
    #[arg(long, value_delimiter = ',', value_parser = input::entity_id)]
    pub subjects: Vec<String>,
    /// Negative-list version screened against [default: the registry's current].
    #[arg(long)]
    pub negative_list_version: Option<u64>,
    /// How far back the screening looked (at least 1096d).
    #[arg(long, value_parser = human::parse_duration, default_value = "1096d", conflicts_with = "lookback_from")]
    pub lookback: u64,
    /// Start of the look-back window, as a date (instead of --lookback).
    #[arg(long, value_parser = human::parse_date)]
    pub lookback_from: Option<u64>,
    /// How long the attestation holds, from the latest block (e.g. 90d).
    #[arg(long, value_parser = human::parse_duration)]
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
pub enum FlagCommand {
    /// Raise a flag on an asset or an entity: issuance stops at once.
    Raise(FlagRaise),
    /// Vote to clear a flag raised by another oracle (the owner's vote clears at once).
    VoteClear(FlagVoteClear),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["asset", "entity"])))]
pub struct FlagRaise {
    /// Flag this asset.
    #[arg(long, value_parser = input::asset_id)]
    pub asset: Option<String>,
    /// Flag this entity.
    #[arg(long, value_parser = input::entity_id)]
    pub entity: Option<String>,
    /// Why (the rule it breaks).
    #[arg(long, value_enum)]
    pub reason: Reason,
    /// Date of the offence (criminal-record only), e.g. 2024-03-01.
    #[arg(long, value_parser = human::parse_date)]
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
    /// Where the conclusion can be found (no spaces; no personal data).
    #[arg(long)]
    pub conclusion_uri: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NegativeListCommand {
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

pub fn exec(ctx: &mut Ctx, cmd: &OracleCommand) -> Res<Output> {
    match cmd {
        OracleCommand::AttestFiling(a) => attest_filing(ctx, a),
        OracleCommand::AttestScreening(a) => attest_screening(ctx, a),
        OracleCommand::Attest(a) => attest::exec(ctx, a),
        OracleCommand::Revoke(a) => revoke(ctx, a),
        OracleCommand::Flag(FlagCommand::Raise(a)) => flag_raise(ctx, a),
        OracleCommand::Flag(FlagCommand::VoteClear(a)) => flag_vote_clear(ctx, a),
        OracleCommand::NegativeList(NegativeListCommand::Publish(a)) => {
            negative_list_publish(ctx, a)
        }
        OracleCommand::AttestEligibility(a) => holders::attest_eligibility(ctx, a),
        OracleCommand::RevokeEligibility(a) => holders::revoke_eligibility(ctx, a),
        OracleCommand::AttestOrder(a) => holders::attest_order(ctx, a),
        OracleCommand::SetSigningKey(a) => signing_key::exec(ctx, a),
        OracleCommand::Sign(a) => sign::exec(ctx, a),
        OracleCommand::Batch(a) => batch::exec(ctx, a),
        OracleCommand::Sync(a) => sync::exec(ctx, a),
        OracleCommand::Expiring(a) => expiring::exec(ctx, a),
    }
}

fn attest_filing(ctx: &mut Ctx, a: &AttestFiling) -> Res<Output> {
    let plan_digest = file_digest(&a.materials)?;
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    if record.plan.materials_digest != plan_digest {
        return Err(Fail::usage(format!(
            "The materials {} (sha256 {plan_digest}) are not the current plan of asset {} \
             (plan version {}, digest {}): attest the materials of the current plan.",
            shown(&a.materials),
            a.asset,
            record.plan_version,
            record.plan.materials_digest
        )));
    }
    let (_, token) = ctx.asset_token(&record)?;
    let max_supply = base_units("--max-supply", &a.max_supply, token.decimals)?;
    if record.plan.max_supply.u128() != max_supply {
        return Err(Fail::usage(format!(
            "The plan of asset {} (version {}) has a maximum supply of {} {}, not {} {}: a \
             filing attests one exact plan, review the current one.",
            a.asset,
            record.plan_version,
            format_units(record.plan.max_supply.u128(), token.decimals),
            token.symbol,
            format_units(max_supply, token.decimals),
            token.symbol
        )));
    }
    let approved = match &a.approved_supply {
        Some(amount) => base_units("--approved-supply", amount, token.decimals)?,
        None => record.plan.max_supply.u128(),
    };
    check_validity(ctx, AttestationKind::Filing, a.valid_for)?;
    let expires = ctx.now()?.saturating_add(a.valid_for);
    let evidence_file = a.evidence.as_deref().unwrap_or(&a.materials);
    let msg = ExecuteMsg::Attest(AttestMsg {
        asset: a.asset.clone(),
        statement: StatementMsg::Filing {
            filing_reference: a.reference.clone(),
            plan: IssuancePlan {
                approvals: record.plan.approvals.clone(),
                max_supply: Uint128::new(max_supply),
                materials_digest: plan_digest.clone(),
                // The filing attests the whole plan in force, its distribution terms included.
                terms: record.plan.terms.clone(),
            },
            approved_supply: Uint128::new(approved),
        },
        expires_at: Timestamp::from_seconds(expires),
        evidence: evidence(evidence_file, a.evidence_uri.as_deref())?,
    });
    let doing = format!("attest the filing of asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &["id", "superseded"])?;
    let (mut value, text) = sent.report(
        "attest-filing",
        &format!(
            "Filing attestation {} of asset {} recorded: reference {}, plan digest {plan_digest}, \
             approved supply {} {}, valid until {} ({}).",
            sent.attr("id").unwrap_or("?"),
            a.asset,
            a.reference,
            format_units(approved, token.decimals),
            token.symbol,
            format_time(expires),
            format_span(a.valid_for)
        ),
    );
    value["plan_digest"] = json!(plan_digest);
    value["expires_at"] = json!(format_rfc3339(expires));
    Ok((value, text))
}

fn attest_screening(ctx: &mut Ctx, a: &AttestScreening) -> Res<Output> {
    let subjects = if a.subjects.is_empty() {
        let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
        record.subjects().map(str::to_string).collect()
    } else {
        a.subjects.clone()
    };
    let version = match a.negative_list_version {
        Some(v) => v,
        None => {
            ctx.read("the negative list", |r| r.negative_list())?
                .version
        }
    };
    check_validity(ctx, AttestationKind::Screening, a.valid_for)?;
    let now = ctx.now()?;
    let lookback_from = a.lookback_from.unwrap_or(now.saturating_sub(a.lookback));
    if now.saturating_sub(lookback_from) < LOOKBACK_SECONDS {
        return Err(Fail::usage(format!(
            "The screening must look back at least {} (R3-R9), to {} or earlier; it looks back \
             {} (to {}).",
            format_span(LOOKBACK_SECONDS),
            format_date(now.saturating_sub(LOOKBACK_SECONDS)),
            format_span(now.saturating_sub(lookback_from).max(1)),
            format_date(lookback_from)
        )));
    }
    let expires = now.saturating_add(a.valid_for);
    let msg = ExecuteMsg::Attest(AttestMsg {
        asset: a.asset.clone(),
        statement: StatementMsg::Screening {
            negative_list_version: version,
            subjects: subjects.clone(),
            lookback_from: Timestamp::from_seconds(lookback_from),
        },
        expires_at: Timestamp::from_seconds(expires),
        evidence: a.evidence.record()?,
    });
    let doing = format!("attest the screening of asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &["id", "superseded"])?;
    let (mut value, text) = sent.report(
        "attest-screening",
        &format!(
            "Screening attestation {} of asset {} recorded: {} screened clean against negative \
             list version {version} since {}, valid until {} ({}).",
            sent.attr("id").unwrap_or("?"),
            a.asset,
            subjects.join(", "),
            format_date(lookback_from),
            format_time(expires),
            format_span(a.valid_for)
        ),
    );
    value["subjects"] = json!(subjects);
    value["expires_at"] = json!(format_rfc3339(expires));
    Ok((value, text))
}

/// A validity longer than the registry's maximum for `kind` is refused here, in days, rather
/// than by the contract in seconds.
fn check_validity(ctx: &mut Ctx, kind: AttestationKind, valid_for: u64) -> Res<()> {
    let max = ctx
        .read("the parameters", |r| r.config())?
        .params
        .max_validity;
    let longest = max.of(kind);
    refuse_longer(
        valid_for,
        &format!("a {} attestation", kind.as_str()),
        longest,
    )
}

/// Refuses (exit 2) a validity longer than `longest`, in days; `what` names the record ("a
/// filing attestation").
fn refuse_longer(valid_for: u64, what: &str, longest: u64) -> Res<()> {
    if valid_for > longest {
        return Err(Fail::usage(format!(
            "--valid-for {} is longer than the registry allows for {what}: at most {}.",
            format_span(valid_for),
            format_span(longest)
        )));
    }
    Ok(())
}

fn revoke(ctx: &mut Ctx, a: &Revoke) -> Res<Output> {
    let msg = ExecuteMsg::Revoke(RevokeMsg {
        id: a.id,
        evidence: a.evidence.record()?,
    });
    let doing = format!("revoke attestation {}", a.id);
    let sent = ctx.send_registry(&doing, &msg, &["asset", "kind"])?;
    Ok(sent.report(
        "revoke",
        &format!(
            "Attestation {} ({} of asset {}) revoked.",
            a.id,
            sent.attr("kind").unwrap_or("?"),
            sent.attr("asset").unwrap_or("?")
        ),
    ))
}

fn flag_reason(a: &FlagRaise) -> Res<FlagReason> {
    if a.offence_date.is_some() && a.reason != Reason::CriminalRecord {
        return Err(Fail::usage(
            "--offence-date goes only with --reason criminal-record.",
        ));
    }
    Ok(match a.reason {
        Reason::BarredFromFinancing => FlagReason::BarredFromFinancing,
        Reason::OwnershipDispute => FlagReason::OwnershipDispute,
        Reason::TransferProhibited => FlagReason::TransferProhibited,
        Reason::NegativeList => FlagReason::NegativeList,
        Reason::NationalSecurity => FlagReason::NationalSecurity,
        Reason::CriminalRecord => FlagReason::CriminalRecord {
            offence_date: Timestamp::from_seconds(a.offence_date.ok_or_else(|| {
                Fail::usage("--reason criminal-record needs --offence-date YYYY-MM-DD.")
            })?),
        },
        Reason::UnderInvestigation => FlagReason::UnderInvestigation,
    })
}

fn flag_raise(ctx: &mut Ctx, a: &FlagRaise) -> Res<Output> {
    let subject = match (&a.asset, &a.entity) {
        (Some(asset), None) => Subject::Asset(asset.clone()),
        (None, Some(entity)) => Subject::Entity(entity.clone()),
        _ => return Err(Fail::usage("Give exactly one of --asset and --entity.")),
    };
    let reason = flag_reason(a)?;
    let msg = ExecuteMsg::RaiseFlag {
        subject: subject.clone(),
        reason: reason.clone(),
        evidence: a.evidence.record()?,
    };
    let doing = format!("raise a {reason} flag on {subject}");
    let sent = ctx.send_registry(&doing, &msg, &["flag", "assets_recomputed"])?;
    let mut done = format!(
        "Flag {} raised: {reason} on {subject}; issuance of every asset it concerns stops now \
         ({} clearances recomputed).",
        sent.attr("flag").unwrap_or("?"),
        sent.attr("assets_recomputed").unwrap_or("?")
    );
    if let Some(lapse) = reason.lapses_at() {
        done.push_str(&format!(
            " It lapses by itself on {} (three years after the offence).",
            format_time(lapse.seconds())
        ));
    }
    let (mut value, text) = sent.report("flag-raise", &done);
    if let Some(flag) = sent.attr("flag").and_then(|f| f.parse::<u64>().ok()) {
        value["flag"] = json!(flag);
    }
    value["rule"] = json!(reason.rule());
    value["reason"] = json!(reason.as_str());
    Ok((value, text))
}

fn flag_vote_clear(ctx: &mut Ctx, a: &FlagVoteClear) -> Res<Output> {
    let msg = ExecuteMsg::ClearFlag {
        id: a.id,
        conclusion: evidence(&a.conclusion, a.conclusion_uri.as_deref())?,
    };
    let doing = format!("clear flag {}", a.id);
    let sent = ctx.send_registry(&doing, &msg, &["action", "votes", "need"])?;
    let cleared = sent.attr("action") == Some("clear_flag");
    let done = if cleared {
        format!("Flag {} cleared: it no longer blocks issuance.", a.id)
    } else {
        format!(
            "Vote to clear flag {} recorded: {} of {} votes; the flag still blocks.",
            a.id,
            sent.attr("votes").unwrap_or("?"),
            sent.attr("need").unwrap_or("?")
        )
    };
    let (mut value, text) = sent.report("flag-vote-clear", &done);
    if sent.delivered() {
        value["flag"] = json!(a.id);
        value["cleared"] = json!(cleared);
    }
    Ok((value, text))
}

fn negative_list_publish(ctx: &mut Ctx, a: &NegativeListPublish) -> Res<Output> {
    let digest = file_digest(&a.file)?;
    let version = match a.version {
        Some(v) => v,
        None => {
            ctx.read("the negative list", |r| r.negative_list())?
                .version
                + 1
        }
    };
    let msg = ExecuteMsg::PublishNegativeList {
        version,
        digest: digest.clone(),
    };
    let doing = format!("publish negative list version {version}");
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    let (mut value, text) = sent.report(
        "negative-list-publish",
        &format!(
            "Negative list version {version} published (sha256 {digest}); screenings \
             against older versions no longer count."
        ),
    );
    value["version"] = json!(version);
    value["digest"] = json!(digest);
    Ok((value, text))
}
