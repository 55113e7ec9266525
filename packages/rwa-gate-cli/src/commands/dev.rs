//! `rwa-gate dev`: helpers for a local chain.

use clap::{Args, Subcommand};
use serde_json::json;

use crate::context::{waiting, Ctx};
use crate::error::{client_fail, Fail, Res};
use crate::render::Output;

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Send native coins from the signing key to each address (creates the accounts).
    Fund(FundArgs),
}

#[derive(Debug, Args)]
pub struct FundArgs {
    /// Addresses to fund.
    #[arg(required = true)]
    pub addresses: Vec<String>,
    /// Base units of the fee denomination sent to each.
    #[arg(long, default_value_t = 1_000_000)]
    pub amount: u128,
}

pub fn exec(ctx: &mut Ctx, cmd: &DevCommand) -> Res<Output> {
    let DevCommand::Fund(a) = cmd;
    let recipients = a
        .addresses
        .iter()
        .map(|s| {
            ctx.check_address("the address", s)?
                .parse::<cosmrs::AccountId>()
                .map_err(|e| Fail::usage(format!("`{s}` is not an address: {e}.")))
        })
        .collect::<Res<Vec<_>>>()?;
    ctx.confirm_spending("fund the accounts")?;
    let quiet = ctx.global.quiet;
    let dry_run = ctx.global.dry_run;
    let denom = ctx.global.denom.clone();
    let (client, wallet) = ctx.signer()?;
    if dry_run {
        return Ok((
            json!({"ok": true, "action": "dev-fund", "dry_run": true}),
            format!(
                "Dry run: would send {} {denom} to each of {} accounts. Nothing was sent.",
                a.amount,
                recipients.len()
            ),
        ));
    }
    let outcome = waiting(
        quiet,
        &format!("funding {} accounts", recipients.len()),
        || client.fund(wallet, &recipients, a.amount),
    )
    .map_err(|e| client_fail("fund the accounts", e))?;
    Ok((
        json!({"ok": true, "action": "dev-fund", "dry_run": false, "tx": outcome.hash,
               "funded": a.addresses, "amount": a.amount.to_string()}),
        format!(
            "Sent {} {denom} to each of {} (tx {}).",
            a.amount,
            a.addresses.join(", "),
            outcome.hash
        ),
    ))
}
