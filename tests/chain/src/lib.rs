//! The local wasmd chain as a [`Backend`] of the rule suite: the optimized artifacts stored once
//! per chain (found again by checksum), a fresh registry per scenario, one account per named
//! participant per scenario (derived from the fixture mnemonic at an HD index of its own, funded
//! by the faucet), and every transaction really signed, broadcast and included in a block.
//!
//! A message that the contract refuses in simulation is also delivered (with a fixed gas limit)
//! so that the refusal is a failed transaction on chain, rolled back by the chain itself; the
//! delivered error must equal the simulated one.
//!
//! Needs `scripts/chain.sh start` (or `scripts/test.sh`, which starts and stops it) and the
//! artifacts of `scripts/build.sh`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use cosmwasm_std::{Empty, Timestamp};
use rwa_gate::registry::InstantiateMsg;
use rwa_gate_client::localnet::Localnet;
use rwa_gate_client::{Client, Error, Gas, TxOutcome, Wallet};
use rwa_gate_tests::backend::{Backend, Receipt};

/// Gas limit of a refused message delivered on purpose: ample for any refusal.
const DELIVER_GAS: u64 = 3_000_000;
/// Native coins given to each account: fees are zero on the local chain, an account needs only
/// to exist.
const FUNDING: u128 = 1_000_000;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The local chain's settings (tests/fixtures/localnet.env).
pub fn localnet() -> Localnet {
    Localnet::from_fixture(&repo_root().join("tests/fixtures/localnet.env"))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Connects, or stops the test with one line saying what to run first.
pub fn connect(net: &Localnet) -> Client {
    net.connect().unwrap_or_else(|e| panic!("{e}"))
}

/// The optimized artifact `name`.wasm, or one line saying what to run first.
pub fn artifact(name: &str) -> Vec<u8> {
    let path = repo_root().join("artifacts").join(format!("{name}.wasm"));
    std::fs::read(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run scripts/build.sh first (scripts/baseline.sh for cw20_base)",
            path.display()
        )
    })
}

/// HD indices handed out in this process; other processes start elsewhere. Index 0 is the
/// faucet, 1 the deployer of codes.
fn next_index() -> u32 {
    static NEXT: OnceLock<AtomicU32> = OnceLock::new();
    NEXT.get_or_init(|| AtomicU32::new(1_000 + (std::process::id() % 200_000) * 1_000))
        .fetch_add(1, Ordering::SeqCst)
}

/// The faucet signs for one thread at a time (one account, one sequence).
static FAUCET: Mutex<()> = Mutex::new(());

pub fn fund(client: &Client, net: &Localnet, recipients: &[&Wallet]) -> TxOutcome {
    let _turn = FAUCET.lock().unwrap_or_else(|p| p.into_inner());
    let faucet = net.account(0).expect("faucet key");
    let addresses: Vec<_> = recipients.iter().map(|w| w.address().clone()).collect();
    client
        .fund(&faucet, &addresses, FUNDING)
        .unwrap_or_else(|e| panic!("funding {} accounts failed: {e}", addresses.len()))
}

/// Code ids of the artifacts on this chain, stored at most once (found by checksum).
#[derive(Clone, Copy, Debug)]
pub struct Codes {
    pub registry: u64,
    pub token: u64,
    pub receiver: u64,
}

pub fn codes(client: &Client, net: &Localnet) -> Codes {
    static CODES: Mutex<Option<Codes>> = Mutex::new(None);
    let mut codes = CODES.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = *codes {
        return c;
    }
    let deployer = net.account(1).expect("deployer key");
    if client
        .account(deployer.address())
        .expect("account query")
        .is_none()
    {
        fund(client, net, &[&deployer]);
    }
    let store = |name: &str| {
        client
            .store_code_once(&deployer, &artifact(name))
            .unwrap_or_else(|e| panic!("storing {name}.wasm failed: {e}"))
    };
    let c = Codes {
        registry: store("compliance_registry"),
        token: store("gated_token"),
        receiver: store("cw20_receiver"),
    };
    *codes = Some(c);
    c
}

/// Participants most scenarios sign with: funded together in one transaction.
const USUAL_SIGNERS: [&str; 12] = [
    "owner",
    "pauser",
    "issuer",
    "filer",
    "screener",
    "watcher",
    "auditor-1",
    "auditor-2",
    "alice",
    "bob",
    "holder",
    "stranger",
];

/// The local chain as a rule-suite backend.
pub struct Chain {
    pub client: Client,
    pub net: Localnet,
    pub codes: Codes,
    wallets: BTreeMap<String, Wallet>,
    funded: BTreeSet<String>,
    /// Hash of the last refused transaction delivered on chain (for transcripts).
    pub last_refused_tx: Option<String>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    pub fn new() -> Self {
        let net = localnet();
        let client = connect(&net);
        let codes = codes(&client, &net);
        let mut chain = Chain {
            client,
            net,
            codes,
            wallets: BTreeMap::new(),
            funded: BTreeSet::new(),
            last_refused_tx: None,
        };
        for name in USUAL_SIGNERS {
            chain.wallet(name);
        }
        let wallets: Vec<&Wallet> = USUAL_SIGNERS.iter().map(|n| &chain.wallets[*n]).collect();
        fund(&chain.client, &chain.net, &wallets);
        chain.funded = USUAL_SIGNERS.iter().map(|n| n.to_string()).collect();
        chain
    }

    /// The wallet of a named participant, derived on first use.
    pub fn wallet(&mut self, name: &str) -> &Wallet {
        if !self.wallets.contains_key(name) {
            let wallet = self.net.account(next_index()).expect("derived key");
            self.wallets.insert(name.to_string(), wallet);
        }
        &self.wallets[name]
    }

    /// The wallet of a participant about to sign: funded on first use.
    pub fn signer(&mut self, name: &str) -> &Wallet {
        self.wallet(name);
        if !self.funded.contains(name) {
            fund(&self.client, &self.net, &[&self.wallets[name]]);
            self.funded.insert(name.to_string());
        }
        &self.wallets[name]
    }

    /// Instantiates `code` as `sender` (no wasm admin); the contract's address.
    pub fn instantiate<M: serde::Serialize>(
        &mut self,
        sender: &str,
        code: u64,
        msg: &M,
        label: &str,
    ) -> String {
        self.signer(sender);
        let wallet = &self.wallets[sender];
        self.client
            .instantiate(wallet, code, msg, label, None)
            .unwrap_or_else(|e| panic!("instantiating {label} failed: {e}"))
            .0
    }

    /// Executes `msgs` on `contract` in one transaction (all or nothing).
    pub fn execute_many<M: serde::Serialize>(
        &mut self,
        sender: &str,
        contract: &str,
        msgs: &[M],
    ) -> TxOutcome {
        self.signer(sender);
        let wallet = &self.wallets[sender];
        let anys = msgs
            .iter()
            .map(|m| self.client.execute_msg(wallet, contract, m, &[]))
            .collect::<Result<Vec<_>, _>>()
            .expect("messages encode");
        self.client
            .broadcast(wallet, &anys, Gas::Simulate)
            .unwrap_or_else(|e| panic!("{sender}: {} messages to {contract}: {e}", msgs.len()))
    }

    /// Executes; a refusal in simulation is delivered on chain too, and must fail the same way.
    pub fn execute_value(
        &mut self,
        sender: &str,
        contract: &str,
        msg: &serde_json::Value,
    ) -> Result<TxOutcome, String> {
        self.signer(sender);
        let wallet = &self.wallets[sender];
        match self
            .client
            .execute(wallet, contract, msg, &[], Gas::Simulate)
        {
            Ok(outcome) => Ok(outcome),
            Err(Error::Contract { message, tx: None }) => {
                match self
                    .client
                    .execute(wallet, contract, msg, &[], Gas::Fixed(DELIVER_GAS))
                {
                    Err(Error::Contract {
                        message: delivered,
                        tx: Some(hash),
                    }) => {
                        self.last_refused_tx = Some(hash);
                        assert_eq!(
                            delivered, message,
                            "the delivered refusal differs from the simulated one"
                        );
                        Err(delivered)
                    }
                    other => {
                        panic!("simulation refused ({message}) but delivery answered {other:?}")
                    }
                }
            }
            Err(e) => panic!("{sender} -> {contract}: {e}"),
        }
    }
}

fn receipt(outcome: &TxOutcome) -> Receipt {
    Receipt {
        attributes: outcome
            .events
            .iter()
            .filter(|e| e.kind == "wasm")
            .flat_map(|e| e.attributes.iter().cloned())
            .filter(|(k, _)| k != "_contract_address")
            .collect(),
        gas_used: Some(outcome.gas_used),
        tx_hash: Some(outcome.hash.clone()),
    }
}

/// The reason x/wasm gives for refusing a message before any contract runs, without the
/// transport's wrapping (the gRPC status, the message index, the source location and the gas):
/// `rpc error: code = Unknown desc = failed to execute message; message index: 0: can not
/// migrate: unauthorized [/…/x/wasm/keeper/keeper.go:485] with gas used: '31291': unknown
/// request` gives `can not migrate: unauthorized`.
pub fn chain_refusal(log: &str) -> String {
    const INDEX: &str = "message index: ";
    let mut text = log.split(" [").next().unwrap_or(log).trim();
    if let Some(at) = text.find(INDEX) {
        let rest = &text[at + INDEX.len()..];
        text = rest.split_once(": ").map(|(_, r)| r).unwrap_or(rest);
    }
    text.trim().to_string()
}

impl Backend for Chain {
    fn name(&self) -> &'static str {
        "chain"
    }

    fn addr(&mut self, name: &str) -> String {
        self.wallet(name).address().to_string()
    }

    fn now(&mut self) -> Timestamp {
        let (_, nanos) = self.client.latest_block().expect("latest block");
        Timestamp::from_nanos(nanos)
    }

    fn chain_id(&mut self) -> String {
        self.net.config.chain_id.clone()
    }

    fn wait_until(&mut self, t: Timestamp) {
        self.client
            .wait_for_block_time_after(t.nanos(), Duration::from_secs(120))
            .expect("the chain produces blocks");
    }

    fn token_code_id(&self) -> u64 {
        self.codes.token
    }

    fn instantiate_registry(
        &mut self,
        sender: &str,
        msg: &InstantiateMsg,
    ) -> Result<String, String> {
        let code = self.codes.registry;
        self.signer(sender);
        let wallet = &self.wallets[sender];
        let admin = wallet.address().to_string();
        self.client
            .instantiate(wallet, code, msg, "compliance-registry", Some(&admin))
            .map(|(address, _)| address)
            .map_err(|e| e.to_string())
    }

    fn execute_json(
        &mut self,
        sender: &str,
        contract: &str,
        msg: Vec<u8>,
    ) -> Result<Receipt, String> {
        let msg: serde_json::Value = serde_json::from_slice(&msg).map_err(|e| e.to_string())?;
        self.execute_value(sender, contract, &msg)
            .map(|outcome| receipt(&outcome))
    }

    fn query_json(&mut self, contract: &str, msg: Vec<u8>) -> Result<Vec<u8>, String> {
        let msg: serde_json::Value = serde_json::from_slice(&msg).map_err(|e| e.to_string())?;
        let answer: serde_json::Value = self
            .client
            .query(contract, &msg)
            .map_err(|e| e.to_string())?;
        Ok(serde_json::to_vec(&answer).expect("json"))
    }

    /// Unlike `execute_json`, a refusal is the simulation's answer and is not delivered (nothing
    /// is broadcast): the contract's message when its `migrate` refuses, or x/wasm's own reason
    /// (see [`chain_refusal`]) when the chain refuses before the contract runs, e.g. `can not
    /// migrate: unauthorized` for a sender that is not the contract's wasm admin. Failures of
    /// the node or the connection still panic: they are not an answer.
    fn migrate(
        &mut self,
        sender: &str,
        contract: &str,
        code_id: u64,
        msg: Vec<u8>,
    ) -> Result<Receipt, String> {
        let msg: serde_json::Value = serde_json::from_slice(&msg).map_err(|e| e.to_string())?;
        self.signer(sender);
        let wallet = &self.wallets[sender];
        match self.client.migrate(wallet, contract, code_id, &msg) {
            Ok(outcome) => Ok(receipt(&outcome)),
            Err(Error::Contract { message, .. }) => Err(message),
            Err(Error::Query { log, .. }) => Err(chain_refusal(&log)),
            Err(e) => panic!("{sender}: migrate {contract} to code {code_id}: {e}"),
        }
    }

    fn deploy_receiver(&mut self) -> String {
        let code = self.codes.receiver;
        self.instantiate("owner", code, &Empty {}, "cw20-receiver")
    }
}

#[cfg(test)]
mod tests {
    use super::chain_refusal;

    #[test]
    fn chain_refusal_keeps_only_x_wasm_s_reason() {
        assert_eq!(
            chain_refusal(
                "rpc error: code = Unknown desc = failed to execute message; message index: 0: \
                 can not migrate: unauthorized [/root/.cache/rwa-gate/wasmd-v0.70.3.build/x/wasm/\
                 keeper/keeper.go:485] with gas used: '31291': unknown request"
            ),
            "can not migrate: unauthorized"
        );
        assert_eq!(chain_refusal("insufficient fee"), "insufficient fee");
    }
}
