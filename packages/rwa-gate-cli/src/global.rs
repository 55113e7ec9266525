//! The options every command takes (`global = true`), gathered in one struct.

use std::path::PathBuf;

use clap::Args;

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
    /// Fee denomination.
    #[arg(long, global = true, default_value = "stake")]
    pub denom: String,
    /// Price of a unit of gas in the fee denomination (0 on the local chain).
    #[arg(long, global = true, default_value_t = 0.0)]
    pub gas_price: f64,
    /// One JSON object on stdout, for machines (progress still goes to stderr).
    #[arg(long, global = true)]
    pub json: bool,
    /// Simulate only: the gas estimate and the gate's answer; nothing is sent.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// No progress lines on stderr.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}
