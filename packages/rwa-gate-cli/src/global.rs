//! The options every command takes (`global = true`), gathered in one struct.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::fees::{self, Coin, GasLimit, GasPrice};

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// CometBFT RPC address of the node; several separated by commas (`URL1,URL2,...`): the
    /// first that answers is used and the next takes over when it stops answering. A
    /// transaction whose broadcast got no answer is looked up by hash and resent as the same
    /// signed bytes, never signed again.
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_NODE",
        default_value = "http://127.0.0.1:26757"
    )]
    pub node: String,
    /// Chain id [default: the deployment file's, else rwa-gate-localnet].
    #[arg(long, global = true, env = "RWA_GATE_CHAIN_ID")]
    pub chain_id: Option<String>,
    /// The deployment file: written by `deploy`, read by every other command.
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_DEPLOYMENT",
        default_value = "rwa-gate-deployment.json"
    )]
    pub deployment: PathBuf,
    /// File holding the BIP-39 mnemonic of the signing key (else RWA_GATE_MNEMONIC is read).
    #[arg(long, global = true, env = "RWA_GATE_MNEMONIC_FILE")]
    pub mnemonic_file: Option<PathBuf>,
    /// HD index N of the key (m/44'/118'/0'/0/N).
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_ACCOUNT_INDEX",
        default_value_t = 0
    )]
    pub account_index: u32,
    /// Fee denomination (when --gas-prices names none).
    #[arg(long, global = true, env = "RWA_GATE_DENOM", default_value = "stake")]
    pub denom: String,
    /// Price of a unit of gas, e.g. 0.025ustake or 0.025 (in --denom); 0 on the local chain.
    #[arg(long, global = true, alias = "gas-price", env = "RWA_GATE_GAS_PRICES", default_value = "0", value_parser = fees::parse_gas_price)]
    pub gas_prices: GasPrice,
    /// Gas limit of each transaction: `auto` (simulate, times --gas-adjustment) or a number.
    #[arg(long, global = true, default_value = "auto", value_parser = fees::parse_gas)]
    pub gas: GasLimit,
    /// Simulated gas is multiplied by this to make the limit.
    #[arg(
        long,
        global = true,
        env = "RWA_GATE_GAS_ADJUSTMENT",
        default_value_t = 1.3
    )]
    pub gas_adjustment: f64,
    /// The whole fee of each transaction, e.g. 5000ustake (needs a numeric --gas; instead of
    /// --gas-prices).
    #[arg(long, global = true, value_parser = fees::parse_coin, conflicts_with = "gas_prices")]
    pub fees: Option<Coin>,
    /// Answer yes to every confirmation (pausing all issuance; spending on a chain that is not
    /// local).
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
    /// One JSON object on stdout, for machines (progress still goes to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Output format: text or json (`-o json` is --json).
    #[arg(long, short = 'o', global = true, value_enum, default_value = "text")]
    pub output: OutputFormat,
    /// Simulate only: the gas estimate and the gate's answer; nothing is sent.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// No progress lines on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Profile of the configuration file to use (a `[profile.NAME]` table).
    #[arg(long, global = true, env = "RWA_GATE_PROFILE")]
    pub profile: Option<String>,
    /// Configuration file [default: ./rwa-gate.toml, else $XDG_CONFIG_HOME/rwa-gate/config.toml].
    #[arg(long, global = true, env = "RWA_GATE_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Sentences for people.
    Text,
    /// One JSON object, for machines.
    Json,
}

impl Global {
    /// Whether the output is JSON (`--json` or `-o json`).
    pub fn json(&self) -> bool {
        self.json || self.output == OutputFormat::Json
    }
}
