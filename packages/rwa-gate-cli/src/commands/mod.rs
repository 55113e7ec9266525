//! One module per command, each with its arguments and one entry function, `exec`.

pub mod address;
pub mod check_transfer;
pub mod completions;
pub mod console;
pub mod deploy;
pub mod dev;
pub mod eligibility;
pub mod history;
pub mod issuer;
pub mod list;
pub mod oracle;
pub mod order;
pub mod owner;
pub mod refresh;
pub mod relay;
pub mod status;
pub mod token;
pub mod tx;

mod denials;

use clap::{Args, Subcommand};

use crate::context::Ctx;
use crate::error::Res;
use crate::input;
use crate::render::Output;

// One command line is parsed per process, once: the size of the largest command's arguments
// costs nothing worth an indirection in every match on it.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store both contracts (checked against artifacts/checksums.txt; codes already on chain are
    /// found by checksum, not stored again), instantiate the registry, write the deployment file.
    Deploy(deploy::DeployArgs),
    /// A compliance oracle's work: attestations, revocations, flags, the negative list.
    #[command(subcommand)]
    Oracle(oracle::OracleCommand),
    /// An issuer's work: entities, assets, plans, reports, minters, mints.
    #[command(subcommand)]
    Issuer(issuer::IssuerCommand),
    /// The owner's work: oracles, issuers, parameters, pauses, ownership.
    #[command(subcommand)]
    Owner(owner::OwnerCommand),
    /// An asset's clearance in words: what it relies on and until when, what is missing, which
    /// flags block it and since when, minted against the cap.
    Status(AssetArg),
    /// Pages through an asset's attestations and the flags on it and on its parties.
    History(history::HistoryArgs),
    /// Whether the asset's token would move AMOUNT from one account to another now, with every
    /// reason it would not (exit 4 when it would not). Sends nothing.
    CheckTransfer(check_transfer::CheckTransferArgs),
    /// An account's eligibility statement and how it stands (--history: the earlier ones).
    Eligibility(eligibility::EligibilityArgs),
    /// A court or regulator order by its digest: what it moves, and whether it was carried out.
    Order(order::OrderArgs),
    /// A holder's work with an asset's token: balance, transfer, burn.
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// List the registry's assets, oracles, or the flags on an asset or entity.
    #[command(subcommand)]
    List(list::ListCommand),
    /// Post a statement an oracle signed offline (`rwa-gate oracle sign`); any account may, and
    /// pays the fees. A file for another chain or registry is refused before anything is sent.
    Relay(relay::RelayArgs),
    /// A transaction by its hash: block, success or the refusal, the contracts' events.
    Tx(tx::TxArgs),
    /// Recompute an asset's clearance (anyone may; needed after a registry-wide change).
    Refresh(AssetArg),
    /// The address of the configured key.
    Address,
    /// Development helpers for a local chain. Not for production use.
    #[command(subcommand)]
    Dev(dev::DevCommand),
    /// Print the completion script of a shell (bash, zsh, fish, ...).
    Completions(completions::CompletionsArgs),
    /// Serve the compliance console: a read-only web page on 127.0.0.1 over the deployment.
    Console(console::ConsoleArgs),
}

/// One asset, by id.
#[derive(Debug, Args)]
pub struct AssetArg {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
}

/// Runs `command`.
pub fn exec(ctx: &mut Ctx, command: &Command) -> Res<Output> {
    match command {
        Command::Deploy(args) => deploy::exec(ctx, args),
        Command::Oracle(cmd) => oracle::exec(ctx, cmd),
        Command::Issuer(cmd) => issuer::exec(ctx, cmd),
        Command::Owner(cmd) => owner::exec(ctx, cmd),
        Command::Status(args) => status::exec(ctx, &args.asset),
        Command::History(args) => history::exec(ctx, args),
        Command::CheckTransfer(args) => check_transfer::exec(ctx, args),
        Command::Eligibility(args) => eligibility::exec(ctx, args),
        Command::Order(args) => order::exec(ctx, args),
        Command::Token(cmd) => token::exec(ctx, cmd),
        Command::List(cmd) => list::exec(ctx, cmd),
        Command::Relay(args) => relay::exec(ctx, args),
        Command::Tx(args) => tx::exec(ctx, args),
        Command::Refresh(args) => refresh::exec(ctx, &args.asset),
        Command::Address => address::exec(ctx),
        Command::Dev(cmd) => dev::exec(ctx, cmd),
        Command::Completions(args) => completions::exec(args),
        Command::Console(args) => console::exec(ctx, args),
    }
}
