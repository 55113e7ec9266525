//! What the commands share: the deployment file, the connection, the key, sending or simulating
//! a message, progress lines, and how results and failures are printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rwa_gate_client::{ChainConfig, Client, Error, Gas, TxOutcome, Wallet};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::cli::Global;

/// Exit codes.
pub const EXIT_ERROR: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_REFUSED: i32 = 3;
pub const EXIT_DENIED: i32 = 4;

/// The chain id when neither --chain-id nor a deployment file names one.
pub const DEFAULT_CHAIN_ID: &str = "rwa-gate-localnet";
/// Environment variable holding the mnemonic when no --mnemonic-file is given.
pub const MNEMONIC_ENV: &str = "RWA_GATE_MNEMONIC";

/// A command that did not succeed: one sentence for people, an exit code, and what `--json`
/// adds to its object.
#[derive(Debug)]
pub struct Fail {
    pub code: i32,
    pub message: String,
    pub json: Map<String, Value>,
}

impl Fail {
    pub fn new(code: i32, message: impl Into<String>) -> Self {
        Fail {
            code,
            message: message.into(),
            json: Map::new(),
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Fail::new(EXIT_ERROR, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Fail::new(EXIT_USAGE, message)
    }

    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.json.insert(key.to_string(), value);
        self
    }
}

pub type Res<T> = Result<T, Fail>;

/// A client error in one sentence; `doing` says what was attempted ("attest the filing of
/// asset bond").
pub fn client_fail(doing: &str, e: Error) -> Fail {
    match e {
        Error::Contract { message, tx } => {
            let mut text = format!("The contract refused to {doing}: {message}.");
            if let Some(tx) = &tx {
                text.push_str(&format!(
                    " (Transaction {tx} failed on chain; nothing changed.)"
                ));
            } else {
                text.push_str(" Nothing was sent.");
            }
            Fail::new(EXIT_REFUSED, text)
                .with("refused", Value::Bool(true))
                .with("contract_error", Value::String(message))
                .with("tx", tx.map(Value::String).unwrap_or(Value::Null))
        }
        Error::UnknownAccount(address) => Fail::error(format!(
            "Cannot {doing}: account {address} does not exist on chain yet; fund it first."
        )),
        other => Fail::error(format!("Cannot {doing}: {other}.")),
    }
}

/// What `deploy` writes and every other command reads.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Deployment {
    pub chain_id: String,
    pub registry: String,
    /// Code id and checksum (sha256 hex) of each stored artifact, by file name.
    pub codes: BTreeMap<String, Code>,
    pub owner: String,
    pub deployer: String,
    pub height: u64,
    pub deployed_at: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Code {
    pub code_id: u64,
    pub checksum: String,
}

impl Deployment {
    pub fn read(path: &Path) -> Res<Option<Deployment>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Fail::error(format!("Cannot read {}: {e}.", path.display()))),
        };
        serde_json::from_str(&text).map(Some).map_err(|e| {
            Fail::error(format!(
                "{} is not a deployment file of rwa-gate: {e}.",
                path.display()
            ))
        })
    }

    pub fn write(&self, path: &Path) -> Res<()> {
        let text = serde_json::to_string_pretty(self).expect("a deployment serializes");
        std::fs::write(path, text + "\n")
            .map_err(|e| Fail::error(format!("Cannot write {}: {e}.", path.display())))
    }
}

/// The context of one command: flags, the deployment file, and lazily the connection and key.
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
            let mut config = ChainConfig::new(self.global.node.clone(), self.chain_id());
            config.denom = self.global.denom.clone();
            config.gas_price = self.global.gas_price;
            let client = Client::connect(config).map_err(|e| match e {
                Error::Rpc { endpoint, .. } => Fail::error(format!(
                    "No node answers at {endpoint}: start one (scripts/chain.sh start) or pass \
                     --node URL[,URL...]."
                )),
                other => Fail::error(format!("Cannot connect: {other}.")),
            })?;
            self.client = Some(client);
        }
        Ok(self.client.as_ref().expect("connected"))
    }

    /// The signing key: from --mnemonic-file, else the RWA_GATE_MNEMONIC variable. Neither the
    /// mnemonic nor the key is ever printed.
    pub fn wallet(&mut self) -> Res<&Wallet> {
        if self.wallet.is_none() {
            let mnemonic = read_mnemonic(self.global.mnemonic_file.as_deref())?;
            let wallet = Wallet::from_mnemonic(&mnemonic, self.global.account_index, "wasm")
                .map_err(|_| {
                    Fail::usage(format!(
                        "The mnemonic (from {}) is not a valid BIP-39 mnemonic.",
                        mnemonic_source(self.global.mnemonic_file.as_deref())
                    ))
                })?;
            self.wallet = Some(wallet);
        }
        Ok(self.wallet.as_ref().expect("loaded"))
    }

    pub fn address(&mut self) -> Res<String> {
        Ok(self.wallet()?.address().to_string())
    }

    /// Both the client and the key.
    pub fn signer(&mut self) -> Res<(&Client, &Wallet)> {
        self.client()?;
        self.wallet()?;
        Ok((
            self.client.as_ref().expect("connected"),
            self.wallet.as_ref().expect("loaded"),
        ))
    }

    /// Latest block time, seconds since the epoch.
    pub fn now(&mut self) -> Res<u64> {
        self.client()?
            .block_time_seconds()
            .map_err(|e| Fail::error(format!("Cannot read the latest block: {e}.")))
    }

    /// A progress line on stderr (unless --quiet).
    pub fn progress(&self, line: &str) {
        if !self.global.quiet {
            eprintln!("{line}");
        }
    }

    /// Executes `msg` on `contract`, or with --dry-run simulates it. `doing` names the action in
    /// words; `keys` are the contract attributes copied into the result.
    pub fn send<M: Serialize>(
        &mut self,
        doing: &str,
        contract: &str,
        msg: &M,
        keys: &[&str],
    ) -> Res<Sent> {
        let dry_run = self.global.dry_run;
        let quiet = self.global.quiet;
        let (client, wallet) = self.signer()?;
        let any = client
            .execute_msg(wallet, contract, msg, &[])
            .map_err(|e| client_fail(doing, e))?;
        if dry_run {
            // A key shared with other senders (a faucet) may move its sequence between the read
            // and the simulation: read it again, a few times.
            let mut attempt = 0;
            let gas = loop {
                match client.simulate(wallet, std::slice::from_ref(&any)) {
                    Err(Error::Query { log, .. })
                        if attempt < 3 && log.contains("account sequence mismatch") =>
                    {
                        attempt += 1;
                    }
                    other => break other.map_err(|e| client_fail(doing, e))?,
                }
            };
            return Ok(Sent::Simulated { gas });
        }
        let outcome = waiting(quiet, &format!("sending: {doing}"), || {
            client.broadcast(wallet, &[any], Gas::Simulate)
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

/// What [`Ctx::send`] did.
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

    /// The result object of `--json` and the lines for people. `done` is the sentence when
    /// delivered ("Filing attestation 3 of asset bond recorded.").
    pub fn report(&self, action: &str, done: &str) -> (Value, String) {
        match self {
            Sent::Simulated { gas } => (
                json!({"ok": true, "action": action, "dry_run": true, "would_succeed": true,
                       "gas_estimate": gas}),
                format!(
                    "Dry run: the contract would accept this ({action}); gas estimate {gas}. \
                     Nothing was sent."
                ),
            ),
            Sent::Delivered { outcome, attrs } => {
                let mut value = json!({"ok": true, "action": action, "dry_run": false,
                    "tx": outcome.hash, "height": outcome.height,
                    "gas_used": outcome.gas_used, "gas_wanted": outcome.gas_wanted});
                let object = value.as_object_mut().expect("an object");
                for (k, v) in attrs {
                    object.insert(k.clone(), v.clone());
                }
                (
                    value,
                    format!(
                        "{done}\n  tx {}  block {}  gas used {}",
                        outcome.hash, outcome.height, outcome.gas_used
                    ),
                )
            }
        }
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
