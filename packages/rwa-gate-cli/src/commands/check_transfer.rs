//! `rwa-gate check-transfer ASSET`: asks the asset's token whether a transfer would go through
//! now, with every reason it would not (the judgement the transfer itself runs). Sends nothing.

use clap::Args;
use serde_json::{json, Value};

use crate::commands::issuer::base_units;
use crate::context::Ctx;
use crate::error::{Fail, Res, EXIT_DENIED};
use crate::human::{self, format_units, TokenAmount};
use crate::input;
use crate::render::denial::denials;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct CheckTransferArgs {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// The sender [default: the signing key's address].
    #[arg(long)]
    pub from: Option<String>,
    /// The recipient.
    #[arg(long)]
    pub to: String,
    /// Amount in whole token units, decimals allowed (e.g. 1.5).
    #[arg(long, value_parser = human::parse_token_amount)]
    pub amount: TokenAmount,
}

pub fn exec(ctx: &mut Ctx, a: &CheckTransferArgs) -> Res<Output> {
    let from = match &a.from {
        Some(from) => ctx.check_address("the sender (--from)", from)?,
        None => ctx.address()?,
    };
    let to = ctx.check_address("the recipient (--to)", &a.to)?;
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let (token, info) = ctx.asset_token(&record)?;
    let amount = base_units("--amount", &a.amount, info.decimals)?;
    let what = format!(
        "{} {} of asset {} from {from} to {to}",
        format_units(amount, info.decimals),
        info.symbol,
        a.asset
    );
    let decision = ctx.read_token(&token, &format!("check_transfer of {what}"), |t| {
        t.check_transfer(&from, &to, amount)
    })?;
    let now = ctx.now()?;
    let (reasons, lines) = denials(&a.asset, &decision.reasons, now, &[]);
    let fields = json!({"asset": a.asset, "token": token, "from": from, "to": to,
        "amount": amount.to_string(), "decimals": info.decimals, "symbol": info.symbol,
        "allowed": decision.allowed, "sent": false});
    if decision.allowed {
        let mut value = json!({"ok": true, "reasons": []});
        crate::render::merge(&mut value, fields);
        return Ok((value, format!("The token allows moving {what} now.")));
    }
    let mut fail = Fail::new(
        EXIT_DENIED,
        format!(
            "The token refuses moving {what}. Every reason:\n{}",
            lines.join("\n")
        ),
    )
    .with("reasons", Value::Array(reasons));
    if let Value::Object(fields) = fields {
        fail.json.extend(fields);
    }
    Err(fail)
}
