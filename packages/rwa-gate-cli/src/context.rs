//! What the commands share: the options, the deployment file, and lazily the connection and
//! the key; reading the contracts through their typed handles; sending or simulating a message;
//! progress lines; the files whose digests go on chain.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rwa_gate::cw20::TokenInfoResponse;
use rwa_gate::registry::ExecuteMsg as RegistryMsg;
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate_client::contracts::{Registry, Token};
use rwa_gate_client::{split_nodes, Any, ChainConfig, Client, Error, Gas, TxOutcome, Wallet};
use serde_json::{Map, Value};

use crate::deployment::Deployment;
use crate::error::{client_fail, is_missing_contract, Fail, Res};
use crate::fees::{price_for_fee, GasLimit};
use crate::global::Global;
use crate::input;

/// The chain id when neither --chain-id nor a deployment file names one.
pub const DEFAULT_CHAIN_ID: &str = "rwa-gate-localnet";
/// Environment variable holding the mnemonic when no --mnemonic-file is given.
pub const MNEMONIC_ENV: &str = "RWA_GATE_MNEMONIC";

/// The context of one command: options, the deployment file, and lazily the connection and key.
pub struct Ctx {
    pub global: Global,
    pub deployment: Option<Deployment>,
    client: Option<Client>,
    wallet: Option<Wallet>,
}

impl Ctx {
    pub fn new(global: Global) -> Res<Self> {
        let deployment = Deployment::read(&global.deployment)?;
        if let (Some(d), Some(id)) = (&deployment, &global.chain_id) {
            if &d.chain_id != id {
                return Err(Fail::usage(format!(
                    "The deployment file {} is for chain {}, not {id}.",
                    global.deployment.display(),
                    d.chain_id
                )));
            }
        }
        Ok(Ctx {
            global,
            deployment,
            client: None,
            wallet: None,
        })
    }

    pub fn chain_id(&self) -> String {
        self.global
            .chain_id
            .clone()
            .or_else(|| self.deployment.as_ref().map(|d| d.chain_id.clone()))
            .unwrap_or_else(|| DEFAULT_CHAIN_ID.to_string())
    }

    pub fn deployment(&self) -> Res<&Deployment> {
        self.deployment.as_ref().ok_or_else(|| {
            Fail::usage(format!(
                "No deployment file at {}: run `rwa-gate deploy` first, or pass --deployment \
                 FILE.",
                self.global.deployment.display()
            ))
        })
    }

    pub fn registry_address(&self) -> Res<String> {
        Ok(self.deployment()?.registry.clone())
    }

    pub fn client(&mut self) -> Res<&Client> {
        if self.client.is_none() {
            if self.global.fees.is_some() && self.global.gas == GasLimit::Auto {
                return Err(Fail::usage(
                    "--fees needs a gas limit: pass --gas N as well (the fee is for that limit).",
                ));
            }
            let config = self.chain_config();
            let client = Client::connect(config).map_err(|e| match e {
                Error::Rpc { endpoint, .. } => Fail::error(format!(
                    "No node answers at {endpoint}: start one (scripts/chain.sh start) or pass \
                     --node URL[,URL...]."
                )),
                other => Fail::error(format!("Cannot connect: {other}.")),
            })?;
            self.client = Some(client);
        }
        self.client
            .as_ref()
            .ok_or_else(|| Fail::error("Not connected."))
    }

    /// Where the chain is and how to pay: the nodes, the fee denomination, price and
    /// adjustment. A `--fees` amount is paid through the price that makes it the fee of the
    /// transaction's gas limit (`--gas`, which it needs).
    fn chain_config(&self) -> ChainConfig {
        let g = &self.global;
        let mut config = ChainConfig::new(g.node.clone(), self.chain_id());
        config.denom = g
            .gas_prices
            .denom
            .clone()
            .unwrap_or_else(|| g.denom.clone());
        config.gas_price = g.gas_prices.amount;
        config.gas_adjustment = g.gas_adjustment;
        if let (Some(fees), GasLimit::Fixed(limit)) = (&g.fees, g.gas) {
            config.denom = fees.denom.clone();
            config.gas_price = price_for_fee(fees.amount, limit);
        }
        config
    }

    /// Whether every node is on this machine (a local chain: nothing of value is spent).
    pub fn is_local(&self) -> bool {
        split_nodes(&self.global.node).iter().all(|url| {
            let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
            let host = rest.rsplit_once(':').map(|(h, _)| h).unwrap_or(rest);
            matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "0.0.0.0")
        })
    }

    /// Asks `question` on the terminal unless --yes; without a terminal, refuses (exit 2) and
    /// says to pass --yes. A "no" cancels (exit 1): nothing was sent.
    pub fn confirm(&self, question: &str) -> Res<()> {
        if self.global.yes {
            return Ok(());
        }
        if !std::io::stdin().is_terminal() {
            return Err(Fail::usage(format!(
                "{question} Pass --yes to confirm (there is no terminal to ask on)."
            )));
        }
        eprint!("{question} [y/N] ");
        let mut answer = String::new();
        std::io::stdin()
            .read_line(&mut answer)
            .map_err(|e| Fail::error(format!("Cannot read the answer: {e}.")))?;
        if matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
            Ok(())
        } else {
            Err(Fail::error("Cancelled: nothing was sent."))
        }
    }

    /// On a chain that is not local, a transaction spends fees: asks first (unless --yes).
    pub fn confirm_spending(&self, doing: &str) -> Res<()> {
        if self.is_local() || self.global.dry_run {
            return Ok(());
        }
        self.confirm(&format!(
            "Send a transaction to {doing} on chain {} at {} (it spends fees)?",
            self.chain_id(),
            self.global.node
        ))
    }

    /// An address argument of this chain, checked before anything is sent (exit 2 when not).
    pub fn check_address(&self, what: &str, text: &str) -> Res<String> {
        input::address(what, text).map_err(|e| Fail::usage(format!("{}.", capitalized(&e))))
    }

    /// The gas limit option as the client takes it.
    fn gas(&self) -> Gas {
        match self.global.gas {
            GasLimit::Auto => Gas::Simulate,
            GasLimit::Fixed(limit) => Gas::Fixed(limit),
        }
    }

    /// The signing key: from --mnemonic-file, else the RWA_GATE_MNEMONIC variable. Neither the
    /// mnemonic nor the key is ever printed.
    pub fn wallet(&mut self) -> Res<&Wallet> {
        if self.wallet.is_none() {
            let mnemonic = read_mnemonic(self.global.mnemonic_file.as_deref())?;
            let index = self.global.account_index;
            let wallet =
                Wallet::from_mnemonic(&mnemonic, index, input::ADDRESS_PREFIX).map_err(|_| {
                    Fail::usage(format!(
                        "The mnemonic (from {}) is not a valid BIP-39 mnemonic.",
                        mnemonic_source(self.global.mnemonic_file.as_deref())
                    ))
                })?;
            self.wallet = Some(wallet);
        }
        self.wallet
            .as_ref()
            .ok_or_else(|| Fail::error("No key loaded."))
    }

    pub fn address(&mut self) -> Res<String> {
        Ok(self.wallet()?.address().to_string())
    }

    /// Both the client and the key.
    pub fn signer(&mut self) -> Res<(&Client, &Wallet)> {
        self.client()?;
        self.wallet()?;
        match (&self.client, &self.wallet) {
            (Some(client), Some(wallet)) => Ok((client, wallet)),
            _ => Err(Fail::error("Not connected.")),
        }
    }

    /// Latest block time, seconds since the epoch.
    pub fn now(&mut self) -> Res<u64> {
        self.client()?
            .block_time_seconds()
            .map_err(|e| Fail::error(format!("Cannot read the latest block: {e}.")))
    }

    /// Reads the registry through its typed handle; `what` names the read in errors ("asset
    /// bond"). A registry the chain does not know is named as a stale deployment file.
    pub fn read<T>(
        &mut self,
        what: &str,
        read: impl FnOnce(&Registry) -> rwa_gate_client::Result<T>,
    ) -> Res<T> {
        let address = self.registry_address()?;
        let result = read(&Registry::new(self.client()?, address));
        result.map_err(|e| {
            if is_missing_contract(&e) {
                self.stale_deployment()
            } else {
                client_fail(&format!("read {what}"), e)
            }
        })
    }

    /// Reads the token at `address` through its typed handle.
    pub fn read_token<T>(
        &mut self,
        address: &str,
        what: &str,
        read: impl FnOnce(&Token) -> rwa_gate_client::Result<T>,
    ) -> Res<T> {
        let result = read(&Token::new(self.client()?, address));
        result.map_err(|e| client_fail(&format!("read {what}"), e))
    }

    /// The token of `asset` and its metadata (name, symbol, decimals, supply).
    pub fn asset_token(&mut self, asset: &rwa_gate::Asset) -> Res<(String, TokenInfoResponse)> {
        let token = asset
            .token
            .as_ref()
            .map(|t| t.to_string())
            .ok_or_else(|| Fail::error(format!("Asset {} has no token recorded.", asset.id)))?;
        let info = self.read_token(&token, &format!("the token of asset {}", asset.id), |t| {
            t.info()
        })?;
        Ok((token, info))
    }

    /// The deployment file names a registry the chain does not have: the chain was made anew
    /// after `deploy` (or the file belongs to another chain).
    fn stale_deployment(&self) -> Fail {
        let (path, registry) = (
            self.global.deployment.display(),
            self.deployment
                .as_ref()
                .map(|d| d.registry.as_str())
                .unwrap_or("?"),
        );
        Fail::error(format!(
            "The deployment file {path} is stale: its registry {registry} does not exist on \
             chain {} at {} (the chain was reset after that deploy). Run `rwa-gate deploy \
             --overwrite` to deploy again, or pass the deployment file of this chain.",
            self.chain_id(),
            self.global.node
        ))
        .with("stale_deployment", Value::Bool(true))
    }

    /// A progress line on stderr (unless --quiet).
    pub fn progress(&self, line: &str) {
        if !self.global.quiet {
            eprintln!("{line}");
        }
    }

    /// Executes `msg` on the registry, or with --dry-run simulates it. `doing` names the action
    /// in words; `keys` are the contract attributes copied into the result.
    pub fn send_registry(&mut self, doing: &str, msg: &RegistryMsg, keys: &[&str]) -> Res<Sent> {
        let address = self.registry_address()?;
        let (client, wallet) = self.signer()?;
        let any = Registry::new(client, address)
            .execute_msg(wallet, msg)
            .map_err(|e| client_fail(doing, e))?;
        self.send_any(doing, any, keys).map_err(|fail| {
            if fail.message.contains("no such contract") {
                self.stale_deployment()
            } else {
                fail
            }
        })
    }

    /// Executes `msg` on the token at `token`, or with --dry-run simulates it.
    pub fn send_token(
        &mut self,
        doing: &str,
        token: &str,
        msg: &TokenMsg,
        keys: &[&str],
    ) -> Res<Sent> {
        let (client, wallet) = self.signer()?;
        let any = Token::new(client, token)
            .execute_msg(wallet, msg)
            .map_err(|e| client_fail(doing, e))?;
        self.send_any(doing, any, keys)
    }

    fn send_any(&mut self, doing: &str, any: Any, keys: &[&str]) -> Res<Sent> {
        let dry_run = self.global.dry_run;
        let quiet = self.global.quiet;
        let gas = self.gas();
        self.confirm_spending(doing)?;
        let (client, wallet) = self.signer()?;
        if dry_run {
            let gas = simulate(client, wallet, &any).map_err(|e| client_fail(doing, e))?;
            return Ok(Sent::Simulated { gas });
        }
        let outcome = waiting(quiet, &format!("sending: {doing}"), || {
            client.broadcast(wallet, &[any], gas)
        })
        .map_err(|e| client_fail(doing, e))?;
        let mut attrs = Map::new();
        for key in keys {
            if let Some(v) = outcome.wasm_attr(key) {
                attrs.insert((*key).to_string(), Value::String(v.to_string()));
            }
        }
        self.progress(&format!(
            "included in block {} (tx {})",
            outcome.height, outcome.hash
        ));
        Ok(Sent::Delivered { outcome, attrs })
    }
}

/// Gas of `any` by simulation. A key shared with other senders (a faucet) may move its sequence
/// between the read and the simulation: it is read again, a few times.
fn simulate(client: &Client, wallet: &Wallet, any: &Any) -> rwa_gate_client::Result<u64> {
    let mut attempt = 0;
    loop {
        match client.simulate(wallet, std::slice::from_ref(any)) {
            Err(Error::Query { log, .. })
                if attempt < 3 && log.contains("account sequence mismatch") =>
            {
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// What [`Ctx::send_registry`] and [`Ctx::send_token`] did.
pub enum Sent {
    Simulated {
        gas: u64,
    },
    Delivered {
        outcome: TxOutcome,
        attrs: Map<String, Value>,
    },
}

impl Sent {
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Sent::Delivered { attrs, .. } => attrs.get(key).and_then(Value::as_str),
            Sent::Simulated { .. } => None,
        }
    }

    pub fn delivered(&self) -> bool {
        matches!(self, Sent::Delivered { .. })
    }
}

/// Runs `f`, printing a line when it starts and every 5 s while it lasts (unless `quiet`).
pub fn waiting<T>(quiet: bool, what: &str, f: impl FnOnce() -> T) -> T {
    if quiet {
        return f();
    }
    eprintln!("{what} ...");
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let started = Instant::now();
            let mut next = 5;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let waited = started.elapsed().as_secs();
                if waited >= next && !done.load(Ordering::Relaxed) {
                    eprintln!("  ... still waiting ({waited} s): {what}");
                    next += 5;
                }
            }
        });
        let result = f();
        done.store(true, Ordering::Relaxed);
        result
    })
}

fn mnemonic_source(file: Option<&Path>) -> String {
    match file {
        Some(path) => path.display().to_string(),
        None => format!("${MNEMONIC_ENV}"),
    }
}

/// The mnemonic from `file`, else from the environment. Errors never contain it.
pub fn read_mnemonic(file: Option<&Path>) -> Res<String> {
    let text = match file {
        Some(path) => {
            warn_if_readable_by_others(path);
            std::fs::read_to_string(path).map_err(|e| {
                Fail::usage(format!(
                    "Cannot read the mnemonic file {}: {e}.",
                    path.display()
                ))
            })?
        }
        None => std::env::var(MNEMONIC_ENV).map_err(|_| {
            Fail::usage(format!(
                "This command signs: give the key with --mnemonic-file FILE or the {MNEMONIC_ENV} \
                 environment variable (never on the command line)."
            ))
        })?,
    };
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return Err(Fail::usage(format!(
            "The mnemonic from {} is empty.",
            mnemonic_source(file)
        )));
    }
    Ok(words)
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: the mnemonic file {} can be read by other users (chmod 600 it)",
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

/// sha256 of a file, lowercase hex: the digest that goes on chain while the file stays here.
pub fn file_digest(path: &Path) -> Res<String> {
    let bytes = std::fs::read(path)
        .map_err(|e| Fail::usage(format!("Cannot read {}: {e}.", path.display())))?;
    Ok(hex::encode(rwa_gate_client::sha256(&bytes)))
}

/// An evidence record from a file and an optional URI.
pub fn evidence(path: &Path, uri: Option<&str>) -> Res<rwa_gate::Evidence> {
    Ok(rwa_gate::Evidence {
        digest: file_digest(path)?,
        uri: uri.map(str::to_string),
    })
}

/// Resolves `path` against the current directory, for messages.
pub fn shown(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| PathBuf::from(path))
        .display()
        .to_string()
}

/// `text` with its first letter in upper case, to open a sentence.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
