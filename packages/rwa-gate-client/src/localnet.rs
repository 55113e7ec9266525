//! The local chain that `scripts/chain.sh` starts: its settings and test accounts, read from
//! `tests/fixtures/localnet.env`. Test fixtures only: those mnemonics are public.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{ChainConfig, Client, Error, Result, Wallet};

/// Default RPC of the local node (`scripts/chain.sh`); `RWA_GATE_NODE` overrides it (one
/// address, or several separated by commas, e.g. `scripts/chain.sh --validators 4 nodes`).
pub const DEFAULT_RPC: &str = "http://127.0.0.1:26757";

/// The local chain's settings and its faucet mnemonic.
#[derive(Clone)]
pub struct Localnet {
    pub config: ChainConfig,
    faucet_mnemonic: String,
}

impl std::fmt::Debug for Localnet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localnet")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Localnet {
    /// Reads the fixture file (`KEY="value"` lines, `#` comments).
    pub fn from_fixture(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
        let mut vars = BTreeMap::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((key, value)) = line.split_once('=') {
                vars.insert(
                    key.trim().to_string(),
                    value.trim().trim_matches('"').to_string(),
                );
            }
        }
        let get = |key: &str| {
            vars.get(key)
                .cloned()
                .ok_or_else(|| Error::Config(format!("{} has no {key}", path.display())))
        };
        let rpc = std::env::var("RWA_GATE_NODE").unwrap_or_else(|_| DEFAULT_RPC.to_string());
        let mut config = ChainConfig::new(rpc, get("RWA_GATE_CHAIN_ID")?);
        config.denom = get("RWA_GATE_DENOM")?;
        Ok(Localnet {
            config,
            faucet_mnemonic: get("RWA_GATE_FAUCET_MNEMONIC")?,
        })
    }

    /// The account at HD index `index` of the faucet mnemonic (index 0 is the funded faucet).
    pub fn account(&self, index: u32) -> Result<Wallet> {
        Wallet::from_mnemonic(&self.faucet_mnemonic, index, &self.config.prefix)
    }

    /// Connects to the local node; one line saying what to run when it is not up.
    pub fn connect(&self) -> Result<Client> {
        Client::connect(self.config.clone()).map_err(|e| match e {
            Error::Rpc { endpoint, .. } => Error::Config(format!(
                "no local chain answers at {endpoint}: run `scripts/chain.sh start` first \
                 (scripts/test.sh and scripts/demo.sh start it themselves)"
            )),
            other => other,
        })
    }
}
