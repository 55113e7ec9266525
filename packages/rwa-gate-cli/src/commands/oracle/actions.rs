//! An oracle's actions built without a node, for `oracle sign` (what the direct commands read
//! from the chain is given on the line instead), and a file of actions for `oracle sign
//! --actions` and `oracle batch`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::{
    AttestEligibilityMsg, AttestMsg, OracleAction, RevokeEligibilityMsg, RevokeMsg, MAX_BATCH,
};
use rwa_gate::{
    Approval, AttestationKind, DistributionTerms, InvestorClass, IssuancePlan, StatementMsg,
    LOOKBACK_SECONDS,
};

use super::holders::{AttestEligibility, RevokeEligibility};
use super::{EvidenceArgs, Revoke};
use crate::commands::issuer::base_units;
use crate::context::{file_digest, shown};
use crate::error::{Fail, Res};
use crate::human::{self, format_span, format_time, TokenAmount};
use crate::input;

/// One action to sign.
#[derive(Debug, Subcommand)]
pub enum SignAction {
    /// An attestation of any kind about an asset (--kind).
    Attest(Box<SignAttest>),
    /// Revoke one of the oracle's attestations.
    Revoke(Revoke),
    /// ACCOUNT may hold tokens whose terms admit its class and jurisdiction.
    AttestEligibility(AttestEligibility),
    /// ACCOUNT's eligibility statement stops counting.
    RevokeEligibility(RevokeEligibility),
}

/// The kind of a signed attestation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// R1: the CSRC filing of the plan (--reference, --materials, --max-supply).
    Filing,
    /// R3-R9: the screening (--subjects, --negative-list-version).
    Screening,
    /// R3: the cross-border investment authorities' approval (--reference).
    CrossBorderInvestment,
    /// R3: the foreign-exchange registration (--reference).
    ForeignExchange,
    /// R3: the network and data security review (--reference).
    DataSecurity,
}

impl From<Kind> for AttestationKind {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Filing => AttestationKind::Filing,
            Kind::Screening => AttestationKind::Screening,
            Kind::CrossBorderInvestment => AttestationKind::CrossBorderInvestment,
            Kind::ForeignExchange => AttestationKind::ForeignExchange,
            Kind::DataSecurity => AttestationKind::DataSecurity,
        }
    }
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("expiry").required(true).args(["valid_for", "expires_at"])))]
pub struct SignAttest {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// The kind of attestation.
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// Filing and R3 approvals: the authority's reference.
    #[arg(long)]
    pub reference: Option<String>,
    /// Filing: the issuance materials of the plan (their sha256 is its digest).
    #[arg(long)]
    pub materials: Option<PathBuf>,
    /// Filing: the plan's maximum supply, in whole token units.
    #[arg(long, value_parser = human::parse_token_amount)]
    pub max_supply: Option<TokenAmount>,
    /// Filing: the supply approved, in whole token units [default: the maximum].
    #[arg(long, value_parser = human::parse_token_amount)]
    pub approved_supply: Option<TokenAmount>,
    /// Filing: the token's decimals.
    #[arg(long, default_value_t = 6)]
    pub decimals: u8,
    /// Filing: the plan's R3 approvals (repeat), as the plan names them.
    #[arg(long = "approval", value_parser = input::approval)]
    pub approvals: Vec<Approval>,
    /// Filing: the plan's distribution terms, a JSON file as `rwa-gate status --json` shows
    /// them under "terms" [default: none].
    #[arg(long)]
    pub terms_file: Option<PathBuf>,
    /// Screening: the entities covered (the filing entity and every related party).
    #[arg(long, value_delimiter = ',', value_parser = input::entity_id)]
    pub subjects: Vec<String>,
    /// Screening: the negative-list version screened against.
    #[arg(long)]
    pub negative_list_version: Option<u64>,
    /// Screening: how far back it looked (at least 1096d).
    #[arg(long, value_parser = human::parse_duration, default_value = "1096d")]
    pub lookback: u64,
    /// How long the attestation holds, from now (this machine's clock).
    #[arg(long, value_parser = human::parse_duration)]
    pub valid_for: Option<u64>,
    /// Until when the attestation holds, as a date (instead of --valid-for).
    #[arg(long, value_parser = human::parse_date)]
    pub expires_at: Option<u64>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

/// A flag that `kind` needs, or a usage error naming it.
fn needed<'a, T>(value: &'a Option<T>, flag: &str, kind: Kind) -> Res<&'a T> {
    value.as_ref().ok_or_else(|| {
        Fail::usage(format!(
            "--kind {} needs {flag}.",
            kind.to_possible_value()
                .map_or(String::new(), |v| v.get_name().to_string())
        ))
    })
}

/// `--expires-at`, or `--valid-for` after `now`.
fn expiry(valid_for: Option<u64>, expires_at: Option<u64>, now: u64) -> Res<u64> {
    match (valid_for, expires_at) {
        (Some(valid_for), _) => Ok(now.saturating_add(valid_for)),
        (None, Some(at)) if at > now => Ok(at),
        (None, Some(at)) => Err(Fail::usage(format!(
            "--expires-at {} is not after now ({}).",
            format_time(at),
            format_time(now)
        ))),
        (None, None) => Err(Fail::usage("Give --valid-for or --expires-at.")),
    }
}

fn filing(a: &SignAttest) -> Res<StatementMsg> {
    let reference = needed(&a.reference, "--reference", a.kind)?;
    let materials = needed(&a.materials, "--materials FILE", a.kind)?;
    let max = needed(&a.max_supply, "--max-supply", a.kind)?;
    let max_supply = base_units("--max-supply", max, a.decimals)?;
    let approved = match &a.approved_supply {
        Some(amount) => base_units("--approved-supply", amount, a.decimals)?,
        None => max_supply,
    };
    let terms = match &a.terms_file {
        Some(path) => Some(Box::new(read_json::<DistributionTerms>(path, "terms")?)),
        None => None,
    };
    Ok(StatementMsg::Filing {
        filing_reference: reference.clone(),
        plan: IssuancePlan {
            max_supply: Uint128::new(max_supply),
            materials_digest: file_digest(materials)?,
            terms,
            approvals: a.approvals.clone(),
        },
        approved_supply: Uint128::new(approved),
    })
}

fn screening(a: &SignAttest, now: u64) -> Res<StatementMsg> {
    if a.subjects.is_empty() {
        return Err(Fail::usage(
            "--kind screening needs --subjects (the filing entity and every related party).",
        ));
    }
    if a.lookback < LOOKBACK_SECONDS {
        return Err(Fail::usage(format!(
            "The screening must look back at least {} (R3-R9); --lookback is {}.",
            format_span(LOOKBACK_SECONDS),
            format_span(a.lookback)
        )));
    }
    Ok(StatementMsg::Screening {
        negative_list_version: *needed(
            &a.negative_list_version,
            "--negative-list-version",
            a.kind,
        )?,
        subjects: a.subjects.clone(),
        lookback_from: Timestamp::from_seconds(now.saturating_sub(a.lookback)),
    })
}

fn attest(a: &SignAttest, now: u64) -> Res<OracleAction> {
    let kind = AttestationKind::from(a.kind);
    let statement = match kind.approval() {
        Some(approval) => StatementMsg::Approval {
            approval,
            reference: needed(&a.reference, "--reference", a.kind)?.clone(),
        },
        None if kind == AttestationKind::Filing => filing(a)?,
        None => screening(a, now)?,
    };
    Ok(OracleAction::Attest(AttestMsg {
        asset: a.asset.clone(),
        statement,
        expires_at: Timestamp::from_seconds(expiry(a.valid_for, a.expires_at, now)?),
        evidence: a.evidence.record()?,
    }))
}

/// The action, with times counted from `now` (this machine's clock: no node is asked).
pub fn build(action: &SignAction, now: u64) -> Res<OracleAction> {
    let account = |text: &str| {
        input::address("the account", text)
            .map_err(|e| Fail::usage(format!("{}.", crate::context::capitalized(&e))))
    };
    Ok(match action {
        SignAction::Attest(a) => attest(a, now)?,
        SignAction::Revoke(a) => OracleAction::Revoke(RevokeMsg {
            id: a.id,
            evidence: a.evidence.record()?,
        }),
        SignAction::AttestEligibility(a) => OracleAction::AttestEligibility(AttestEligibilityMsg {
            account: account(&a.account)?,
            holder: a.holder.clone(),
            class: InvestorClass::from(a.class),
            jurisdiction: a.jurisdiction.clone(),
            expires_at: Timestamp::from_seconds(expiry(a.valid_for, a.expires_at, now)?),
            evidence: a.evidence.record()?,
        }),
        SignAction::RevokeEligibility(a) => OracleAction::RevokeEligibility(RevokeEligibilityMsg {
            account: account(&a.account)?,
            evidence: a.evidence.record()?,
        }),
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path, what: &str) -> Res<T> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fail::usage(format!("Cannot read {}: {e}.", shown(path))))?;
    serde_json::from_str(&text).map_err(|e| {
        Fail::usage(format!(
            "{} does not hold the {what} as the registry takes them: {e}.",
            shown(path)
        ))
    })
}

/// The actions of `path`: a JSON list of actions as the registry takes them (`[{"attest":
/// {...}}, {"revoke_eligibility": {...}}]`), or an object with that list as `actions`; from 1
/// to `MAX_BATCH` of them.
pub fn read_actions(path: &Path) -> Res<Vec<OracleAction>> {
    let mut value: serde_json::Value = read_json(path, "actions")?;
    if let Some(list) = value.get_mut("actions") {
        value = list.take();
    }
    let actions: Vec<OracleAction> = serde_json::from_value(value).map_err(|e| {
        Fail::usage(format!(
            "{} does not hold a list of actions as the registry takes them ([{{\"attest\": \
             {{...}}}}, {{\"revoke_eligibility\": {{...}}}}, ...]): {e}.",
            shown(path)
        ))
    })?;
    if actions.is_empty() || actions.len() > MAX_BATCH {
        return Err(Fail::usage(format!(
            "{} holds {} actions: a batch or a statement carries 1 to {MAX_BATCH}.",
            shown(path),
            actions.len()
        )));
    }
    Ok(actions)
}
