//! The command line: the global options and the commands (clap). Each command's own arguments
//! live beside it in `commands/`.

use clap::Parser;

use crate::commands::Command;
use crate::global::Global;

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
