//! `rwa-gate oracle attest ASSET --kind KIND --reference REF`: R3, another authority's
//! approval, filing or security review of the asset is complete.

use clap::Args;
use cosmwasm_std::Timestamp;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{Approval, StatementMsg};
use serde_json::json;

use super::{check_validity, EvidenceArgs};
use crate::context::Ctx;
use crate::error::{Fail, Res};
use crate::human::{self, format_rfc3339, format_span, format_time};
use crate::input;
use crate::render::records::approval_words;
use crate::render::Output;
use rwa_gate::registry::AttestMsg;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("expiry").required(true).args(["valid_for", "expires_at"])))]
pub struct AttestApproval {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// The approval: cross-border-investment, foreign-exchange or data-security.
    #[arg(long, value_parser = input::approval)]
    pub kind: Approval,
    /// The authority's reference of the approval, filing or review.
    #[arg(long)]
    pub reference: String,
    /// How long the attestation holds, from the latest block (e.g. 365d).
    #[arg(long, value_parser = human::parse_duration)]
    pub valid_for: Option<u64>,
    /// Until when the attestation holds, as a date (instead of --valid-for).
    #[arg(long, value_parser = human::parse_date)]
    pub expires_at: Option<u64>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

impl AttestApproval {
    /// The expiry: `--expires-at`, or `--valid-for` after `now`; refused when not after `now`.
    pub fn expiry(&self, now: u64) -> Res<u64> {
        match (self.valid_for, self.expires_at) {
            (Some(valid_for), _) => Ok(now.saturating_add(valid_for)),
            (None, Some(at)) if at > now => Ok(at),
            (None, Some(at)) => Err(Fail::usage(format!(
                "--expires-at {} is not after {} (now).",
                format_time(at),
                format_time(now)
            ))),
            (None, None) => Err(Fail::usage("Give --valid-for or --expires-at.")),
        }
    }

    pub fn statement(&self) -> StatementMsg {
        StatementMsg::Approval {
            approval: self.kind,
            reference: self.reference.clone(),
        }
    }
}

pub fn exec(ctx: &mut Ctx, a: &AttestApproval) -> Res<Output> {
    let now = ctx.now()?;
    let expires = a.expiry(now)?;
    check_validity(ctx, a.kind.kind(), expires - now)?;
    let msg = ExecuteMsg::Attest(AttestMsg {
        asset: a.asset.clone(),
        statement: a.statement(),
        expires_at: Timestamp::from_seconds(expires),
        evidence: a.evidence.record()?,
    });
    let words = approval_words(a.kind);
    let doing = format!("attest the {words} approval of asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &["id", "superseded"])?;
    let (mut value, text) = sent.report(
        "attest",
        &format!(
            "R3 {words} attestation {} of asset {} recorded: reference {}, valid until {} ({}).",
            sent.attr("id").unwrap_or("?"),
            a.asset,
            a.reference,
            format_time(expires),
            format_span(expires - now)
        ),
    );
    value["kind"] = json!(a.kind.as_str());
    value["reference"] = json!(a.reference);
    value["expires_at"] = json!(format_rfc3339(expires));
    Ok((value, text))
}
