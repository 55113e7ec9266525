//! The holder side of an oracle's work: eligibility statements (which accounts may hold) and
//! court or regulator orders.

use std::path::Path;

use clap::{Args, ValueEnum};
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::InvestorClass;
use serde_json::json;

use super::{refuse_longer, EvidenceArgs};
use crate::commands::issuer::base_units;
use crate::context::{file_digest, Ctx};
use crate::error::{Fail, Res};
use crate::human::{self, format_rfc3339, format_span, format_time, format_units, TokenAmount};
use crate::input;
use crate::render::Output;
use rwa_gate::registry::{AttestEligibilityMsg, RevokeEligibilityMsg};

/// An investor class, as the eligibility oracle attests it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Class {
    Retail,
    Professional,
    Institutional,
}

impl From<Class> for InvestorClass {
    fn from(c: Class) -> Self {
        match c {
            Class::Retail => InvestorClass::Retail,
            Class::Professional => InvestorClass::Professional,
            Class::Institutional => InvestorClass::Institutional,
        }
    }
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("expiry").required(true).args(["valid_for", "expires_at"])))]
pub struct AttestEligibility {
    /// The account that may hold.
    pub account: String,
    /// Opaque holder id: lowercase hex sha256 linking the holder's accounts (no personal data).
    #[arg(long, value_parser = input::digest)]
    pub holder: String,
    /// The holder's investor class.
    #[arg(long, value_enum)]
    pub class: Class,
    /// The holder's jurisdiction, ISO 3166-1 alpha-2 (e.g. HK).
    #[arg(long, value_parser = input::jurisdiction)]
    pub jurisdiction: String,
    /// How long the statement holds, from the latest block (e.g. 180d).
    #[arg(long, visible_alias = "expires-in", value_parser = human::parse_duration)]
    pub valid_for: Option<u64>,
    /// Until when the statement holds, as a date (instead of --valid-for).
    #[arg(long, value_parser = human::parse_date)]
    pub expires_at: Option<u64>,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct RevokeEligibility {
    /// The account whose statement stops counting.
    pub account: String,
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

#[derive(Debug, Args)]
pub struct AttestOrder {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// The order: its sha256 (64 hex digits), or a file whose sha256 is taken (the file never
    /// leaves the machine). The digest names the order for good.
    #[arg(long)]
    pub order: String,
    /// Where the order can be found (no spaces; no personal data).
    #[arg(long)]
    pub uri: Option<String>,
    /// The account the order takes the tokens from.
    #[arg(long)]
    pub from: String,
    /// The account the order gives them to (it must be eligible when the order is carried out).
    #[arg(long)]
    pub to: String,
    /// Exactly how much the order moves, in whole token units.
    #[arg(long, value_parser = human::parse_token_amount)]
    pub amount: TokenAmount,
}

/// The expiry of a statement, checked against the registry's maximum for eligibility.
fn eligibility_expiry(ctx: &mut Ctx, a: &AttestEligibility) -> Res<(u64, u64)> {
    let now = ctx.now()?;
    let expires = match (a.valid_for, a.expires_at) {
        (Some(valid_for), _) => now.saturating_add(valid_for),
        (None, Some(at)) if at > now => at,
        (None, Some(at)) => {
            return Err(Fail::usage(format!(
                "--expires-at {} is not after the latest block ({}).",
                format_time(at),
                format_time(now)
            )))
        }
        (None, None) => return Err(Fail::usage("Give --valid-for or --expires-at.")),
    };
    let longest = ctx
        .read("the parameters", |r| r.config())?
        .params
        .max_validity
        .eligibility;
    refuse_longer(expires - now, "an eligibility statement", longest)?;
    Ok((now, expires))
}

pub fn attest_eligibility(ctx: &mut Ctx, a: &AttestEligibility) -> Res<Output> {
    let account = ctx.check_address("the account", &a.account)?;
    let (now, expires) = eligibility_expiry(ctx, a)?;
    let class = InvestorClass::from(a.class);
    let msg = ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
        account: account.clone(),
        holder: a.holder.clone(),
        class,
        jurisdiction: a.jurisdiction.clone(),
        expires_at: Timestamp::from_seconds(expires),
        evidence: a.evidence.record()?,
    });
    let doing = format!("attest the eligibility of {account}");
    let sent = ctx.send_registry(&doing, &msg, &["id", "superseded"])?;
    let superseded = sent
        .attr("superseded")
        .map(|id| format!(" It supersedes statement {id}."))
        .unwrap_or_default();
    let (mut value, text) = sent.report(
        "attest-eligibility",
        &format!(
            "Eligibility statement {} recorded: {account} ({class}, {}) may hold tokens whose \
             terms admit it, until {} ({}).{superseded}",
            sent.attr("id").unwrap_or("?"),
            a.jurisdiction,
            format_time(expires),
            format_span(expires - now)
        ),
    );
    value["account"] = json!(account);
    value["class"] = json!(class.as_str());
    value["jurisdiction"] = json!(a.jurisdiction);
    value["expires_at"] = json!(format_rfc3339(expires));
    Ok((value, text))
}

pub fn revoke_eligibility(ctx: &mut Ctx, a: &RevokeEligibility) -> Res<Output> {
    let account = ctx.check_address("the account", &a.account)?;
    let msg = ExecuteMsg::RevokeEligibility(RevokeEligibilityMsg {
        account: account.clone(),
        evidence: a.evidence.record()?,
    });
    let doing = format!("revoke the eligibility of {account}");
    let sent = ctx.send_registry(&doing, &msg, &["id"])?;
    let (mut value, text) = sent.report(
        "revoke-eligibility",
        &format!(
            "Eligibility statement {} of {account} revoked: no token with distribution terms \
             moves to it any more.",
            sent.attr("id").unwrap_or("?")
        ),
    );
    value["account"] = json!(account);
    Ok((value, text))
}

/// `text` when it is a digest, else the sha256 of the file it names.
fn digest_or_file(text: &str) -> Res<String> {
    if rwa_gate::validate::digest("order", text).is_ok() {
        return Ok(text.to_string());
    }
    let path = Path::new(text);
    if !path.is_file() {
        return Err(Fail::usage(format!(
            "--order `{text}` is neither a sha256 (64 lowercase hex digits) nor a file."
        )));
    }
    file_digest(path)
}

pub fn attest_order(ctx: &mut Ctx, a: &AttestOrder) -> Res<Output> {
    let from = ctx.check_address("the account ordered to give (--from)", &a.from)?;
    let to = ctx.check_address("the account ordered to receive (--to)", &a.to)?;
    let digest = digest_or_file(&a.order)?;
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let (_, token) = ctx.asset_token(&record)?;
    let amount = base_units("--amount", &a.amount, token.decimals)?;
    let msg = ExecuteMsg::AttestOrder {
        asset: a.asset.clone(),
        order: rwa_gate::Evidence {
            digest: digest.clone(),
            uri: a.uri.clone(),
        },
        from: from.clone(),
        to: to.clone(),
        amount: Uint128::new(amount),
    };
    let doing = format!("attest order {digest} on asset {}", a.asset);
    let sent = ctx.send_registry(&doing, &msg, &[])?;
    let (mut value, text) = sent.report(
        "attest-order",
        &format!(
            "Order {digest} recorded: {} {} of asset {} from {from} to {to}; the issuer carries \
             it out once with `rwa-gate issuer execute-order {digest}`.",
            format_units(amount, token.decimals),
            token.symbol,
            a.asset
        ),
    );
    value["order"] = json!(digest);
    value["amount"] = json!(amount.to_string());
    value["decimals"] = json!(token.decimals);
    Ok((value, text))
}
