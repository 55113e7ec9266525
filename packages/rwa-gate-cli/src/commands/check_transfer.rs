//! `rwa-gate check-transfer ASSET`: asks the asset's token whether a transfer would go through
//! now, with every reason it would not (the judgement the transfer itself runs). Sends nothing.

use clap::Args;
use serde_json::{json, Map, Value};

use crate::commands::issuer::base_units;
use crate::context::Ctx;
use crate::error::{Fail, Res, EXIT_DENIED};
use crate::human::{self, format_units, TokenAmount};
use crate::input;
use crate::render::denial::denials;
use crate::render::{merge, Output};

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

/// A movement of an asset's token as asked: its words (`5 FUND of asset fund from A to B`),
/// the token, and the fields every answer about it carries in JSON.
pub struct Movement {
    pub asset: String,
    pub token: String,
    pub from: String,
    pub to: String,
    pub amount: u128,
    pub decimals: u8,
    pub symbol: String,
}

impl Movement {
    pub fn words(&self) -> String {
        format!(
            "{} {} of asset {} from {} to {}",
            format_units(self.amount, self.decimals),
            self.symbol,
            self.asset,
            self.from,
            self.to
        )
    }

    fn fields(&self, allowed: bool) -> Map<String, Value> {
        let value = json!({"asset": self.asset, "token": self.token, "from": self.from,
            "to": self.to, "amount": self.amount.to_string(), "decimals": self.decimals,
            "symbol": self.symbol, "allowed": allowed, "sent": false});
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// Asks the registry (`check_transfer`, the judgement the token runs) whether `m` would go
/// through now: `Ok` with the JSON fields when it would, else the failure (exit 4) naming every
/// reason; nothing is sent either way.
pub fn judge(ctx: &mut Ctx, m: &Movement) -> Res<Map<String, Value>> {
    let what = m.words();
    let decision = ctx.read(&format!("check_transfer of {what}"), |r| {
        r.check_transfer(&m.asset, &m.from, &m.to, m.amount)
    })?;
    if decision.allowed {
        return Ok(m.fields(true));
    }
    let now = ctx.now()?;
    let (reasons, lines) = denials(&m.asset, &decision.reasons, now, &[]);
    let mut fail = Fail::new(
        EXIT_DENIED,
        format!(
            "The token refuses moving {what}, so nothing was sent. Every reason:\n{}",
            lines.join("\n")
        ),
    )
    .with("reasons", Value::Array(reasons))
    .with("dry_run", json!(ctx.global.dry_run));
    fail.json.extend(m.fields(false));
    Err(fail)
}

pub fn exec(ctx: &mut Ctx, a: &CheckTransferArgs) -> Res<Output> {
    let from = match &a.from {
        Some(from) => ctx.check_address("the sender (--from)", from)?,
        None => ctx.address()?,
    };
    let to = ctx.check_address("the recipient (--to)", &a.to)?;
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let (token, info) = ctx.asset_token(&record)?;
    let movement = Movement {
        amount: base_units("--amount", &a.amount, info.decimals)?,
        asset: a.asset.clone(),
        token,
        from,
        to,
        decimals: info.decimals,
        symbol: info.symbol,
    };
    let fields = judge(ctx, &movement)?;
    let mut value = json!({"ok": true, "reasons": []});
    merge(&mut value, Value::Object(fields));
    Ok((
        value,
        format!("The token allows moving {} now.", movement.words()),
    ))
}
