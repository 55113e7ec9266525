//! `rwa-gate token`: a holder's work with an asset's gated token: balance, transfer, burn.
//! Amounts are in whole token units, decimals allowed.

use clap::{Args, Subcommand};
use cosmwasm_std::Uint128;
use rwa_gate::token::ExecuteMsg as TokenMsg;
use serde_json::json;

use crate::commands::check_transfer::{judge, Movement};
use crate::commands::issuer::base_units;
use crate::context::Ctx;
use crate::error::Res;
use crate::human::{self, format_units, TokenAmount};
use crate::input;
use crate::render::Output;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// The balance of an address (no key needed when ADDRESS is given).
    Balance(BalanceArgs),
    /// Transfer tokens to another address. Asks the registry first (check_transfer, the token's own judgement): when it
    /// refuses (a freezing flag, the plan's distribution terms), prints every reason and sends
    /// nothing (exit 4).
    Transfer(TransferArgs),
    /// Burn tokens of the signing key.
    Burn(BurnArgs),
}

#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Whose balance [default: the signing key's].
    pub address: Option<String>,
}

#[derive(Debug, Args)]
pub struct TransferArgs {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Recipient address.
    #[arg(long)]
    pub to: String,
    /// Amount in whole token units, decimals allowed (e.g. 1.5).
    #[arg(long, value_parser = human::parse_token_amount)]
    pub amount: TokenAmount,
}

#[derive(Debug, Args)]
pub struct BurnArgs {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Amount in whole token units, decimals allowed (e.g. 1.5).
    #[arg(long, value_parser = human::parse_token_amount)]
    pub amount: TokenAmount,
}

pub fn exec(ctx: &mut Ctx, cmd: &TokenCommand) -> Res<Output> {
    match cmd {
        TokenCommand::Balance(a) => balance(ctx, a),
        TokenCommand::Transfer(a) => transfer(ctx, a),
        TokenCommand::Burn(a) => burn(ctx, a),
    }
}

/// The token of `asset`: its address, symbol and decimals.
fn token_of(ctx: &mut Ctx, asset: &str) -> Res<(String, String, u8)> {
    let record = ctx.read(&format!("asset {asset}"), |r| r.asset(asset))?;
    let (token, info) = ctx.asset_token(&record)?;
    Ok((token, info.symbol, info.decimals))
}

fn balance(ctx: &mut Ctx, a: &BalanceArgs) -> Res<Output> {
    let address = match &a.address {
        Some(address) => ctx.check_address("the address", address)?,
        None => ctx.address()?,
    };
    let (token, symbol, decimals) = token_of(ctx, &a.asset)?;
    let what = format!("the balance of {address}");
    let base = ctx.read_token(&token, &what, |t| t.balance(&address))?;
    let units = format_units(base, decimals);
    Ok((
        json!({"ok": true, "asset": a.asset, "token": token, "address": address,
               "balance": base.to_string(), "decimals": decimals, "symbol": symbol,
               "balance_units": units}),
        format!("{address} holds {units} {symbol} of asset {}.", a.asset),
    ))
}

/// Asks the registry first (check_transfer, the token's own judgement): when it refuses, every reason, and nothing is sent.
fn transfer(ctx: &mut Ctx, a: &TransferArgs) -> Res<Output> {
    let to = ctx.check_address("the recipient", &a.to)?;
    let (token, symbol, decimals) = token_of(ctx, &a.asset)?;
    let amount = base_units("--amount", &a.amount, decimals)?;
    let movement = Movement {
        asset: a.asset.clone(),
        token: token.clone(),
        from: ctx.address()?,
        to: to.clone(),
        amount,
        decimals,
        symbol: symbol.clone(),
    };
    judge(ctx, &movement)?;
    let msg = TokenMsg::Transfer {
        recipient: to.clone(),
        amount: Uint128::new(amount),
    };
    let what = format!("{} {symbol} of asset {} to {to}", a.amount.text, a.asset);
    let sent = ctx.send_token(&format!("transfer {what}"), &token, &msg, &[])?;
    let (mut value, text) = sent.report("transfer", &format!("Transferred {what}."));
    value["amount"] = json!(amount.to_string());
    value["recipient"] = json!(to);
    Ok((value, text))
}

fn burn(ctx: &mut Ctx, a: &BurnArgs) -> Res<Output> {
    let (token, symbol, decimals) = token_of(ctx, &a.asset)?;
    let amount = base_units("--amount", &a.amount, decimals)?;
    let msg = TokenMsg::Burn {
        amount: Uint128::new(amount),
    };
    let what = format!("{} {symbol} of asset {}", a.amount.text, a.asset);
    let sent = ctx.send_token(&format!("burn {what}"), &token, &msg, &[])?;
    let (mut value, text) = sent.report("burn", &format!("Burned {what}."));
    value["amount"] = json!(amount.to_string());
    Ok((value, text))
}
