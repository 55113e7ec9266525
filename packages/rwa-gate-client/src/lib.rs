//! The chain client of rwa-gate, on the cosmrs family of crates.
//!
//! - [`Wallet`]: a secp256k1 key derived from a BIP-39 mnemonic (`m/44'/118'/0'/0/N`).
//! - [`Client`]: talks to one node at a time over CometBFT RPC, and fails over to the next of
//!   its configured nodes when that one stops answering (refused connection or timeout). It
//!   simulates for gas, signs (direct mode) once, broadcasts, waits for inclusion by hash and
//!   returns [`TxOutcome`] (`gas_used`, events) or a typed [`Error`] that carries the
//!   contract's own error text. A broadcast whose fate is unknown is never signed again with
//!   another sequence: the client looks the transaction up by hash and resends the same signed
//!   bytes (docs/DESIGN.md, "Retries without double posting"). Queries (smart and raw) go
//!   through ABCI queries of the SDK's gRPC paths, so no gRPC stack is needed.
//! - [`contracts`]: typed handles on the registry and a gated token, with the message types of
//!   `packages/rwa-gate`.
//!
//! The API is blocking: the client owns a small Tokio runtime, so command-line tools, tests and
//! reports call it like any other library.

pub mod contracts;
mod error;
pub mod localnet;
mod nodes;
mod wallet;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cosmrs::proto::cosmos::auth::v1beta1::{
    BaseAccount, QueryAccountRequest, QueryAccountResponse,
};
use cosmrs::proto::cosmos::base::query::v1beta1::PageRequest;
use cosmrs::proto::cosmos::tx::v1beta1::{SimulateRequest, SimulateResponse};
use cosmrs::proto::cosmwasm::wasm::v1::{
    QueryCodesRequest, QueryCodesResponse, QueryRawContractStateRequest,
    QueryRawContractStateResponse, QuerySmartContractStateRequest, QuerySmartContractStateResponse,
};
use cosmrs::proto::prost::Message;
use cosmrs::rpc::Client as _;
use cosmrs::tx::{self, Fee, Msg, SignDoc, SignerInfo};
use cosmrs::{AccountId, Coin, Denom};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use cosmrs::AccountId as ChainAddress;
pub use cosmrs::Any;
pub use error::{contract_message, Error};
pub use nodes::{Failover, NodeStatus, Stats};
pub use wallet::Wallet;

use nodes::Nodes;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a chain is and how to pay for transactions on it.
#[derive(Clone, Debug)]
pub struct ChainConfig {
    /// CometBFT RPC endpoints of the chain's nodes, in order of preference, e.g.
    /// `["http://127.0.0.1:26757"]`. The client uses one at a time and fails over to the next
    /// when it stops answering.
    pub nodes: Vec<String>,
    pub chain_id: String,
    /// Bech32 prefix of account addresses (`wasm` on wasmd).
    pub prefix: String,
    /// Fee denomination.
    pub denom: String,
    /// Price of one unit of gas in `denom`; 0 on the local chain.
    pub gas_price: f64,
    /// Simulated gas is multiplied by this, then `gas_margin` is added: delivery costs a few
    /// thousand gas more than simulation (signature checks against the stored key, fee).
    pub gas_adjustment: f64,
    pub gas_margin: u64,
    /// How long to wait for a broadcast transaction to be included.
    pub inclusion_timeout: Duration,
    /// How long one RPC request may take before its node counts as not answering (a hung node
    /// accepts connections and answers nothing; a killed one refuses them at once).
    pub request_timeout: Duration,
    /// While a transaction waits for inclusion, its same signed bytes are sent again this often
    /// (a node that took it into its mempool may have died before passing it on).
    pub rebroadcast_interval: Duration,
}

impl ChainConfig {
    /// `rpc` is one RPC address, or several separated by commas (the first is preferred).
    pub fn new(rpc: impl Into<String>, chain_id: impl Into<String>) -> Self {
        let rpc = rpc.into();
        Self::with_nodes(split_nodes(&rpc), chain_id)
    }

    /// A chain served by `nodes`, in order of preference.
    pub fn with_nodes(nodes: Vec<String>, chain_id: impl Into<String>) -> Self {
        ChainConfig {
            nodes,
            chain_id: chain_id.into(),
            prefix: "wasm".into(),
            denom: "stake".into(),
            gas_price: 0.0,
            gas_adjustment: 1.3,
            gas_margin: 20_000,
            inclusion_timeout: Duration::from_secs(30),
            request_timeout: Duration::from_secs(10),
            rebroadcast_interval: Duration::from_secs(4),
        }
    }

    /// The nodes, comma-separated, as [`ChainConfig::new`] reads them.
    pub fn nodes_text(&self) -> String {
        self.nodes.join(",")
    }
}

/// `a,b , c` gives `["a", "b", "c"]`; empty items are dropped.
pub fn split_nodes(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// One event of a delivered transaction, attributes in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub kind: String,
    pub attributes: Vec<(String, String)>,
}

/// A transaction included in a block and executed successfully.
#[derive(Clone, Debug)]
pub struct TxOutcome {
    /// Upper-case hex hash.
    pub hash: String,
    pub height: u64,
    pub gas_wanted: u64,
    pub gas_used: u64,
    pub events: Vec<Event>,
}

impl TxOutcome {
    /// Every attribute `key` of the contract events (`wasm` and `wasm-*`), in order.
    pub fn wasm_attrs<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.events
            .iter()
            .filter(|e| e.kind == "wasm" || e.kind.starts_with("wasm-"))
            .flat_map(|e| e.attributes.iter())
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first contract attribute `key`.
    pub fn wasm_attr<'a>(&'a self, key: &'a str) -> Option<&'a str> {
        self.wasm_attrs(key).next()
    }

    /// The first attribute `key` of the first event of `kind`.
    pub fn event_attr(&self, kind: &str, key: &str) -> Option<&str> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .flat_map(|e| e.attributes.iter())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// How the gas limit of a transaction is chosen.
#[derive(Clone, Copy, Debug)]
pub enum Gas {
    /// Simulate first (a failing simulation is returned as the error, nothing is broadcast).
    Simulate,
    /// Broadcast with this limit, without simulating: a failing message is then delivered and
    /// fails on chain, where its state changes are rolled back.
    Fixed(u64),
}

/// A blocking client of a chain, through one node at a time (see [`ChainConfig::nodes`]).
pub struct Client {
    config: ChainConfig,
    nodes: Nodes,
    /// Per signer, the sequence after its last transaction this client saw included. A node
    /// that lags behind may still report an older one; the higher of the two is signed with.
    sequences: Mutex<BTreeMap<String, u64>>,
    runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("nodes", &self.config.nodes)
            .field("current", &self.nodes.current_url())
            .field("chain_id", &self.config.chain_id)
            .finish()
    }
}

/// A transaction signed once, ready to be sent (and sent again) as these exact bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedTx {
    /// Upper-case hex sha256 of `bytes`: the hash CometBFT knows it by.
    pub hash: String,
    pub bytes: Vec<u8>,
    pub signer: String,
    pub account_number: u64,
    pub sequence: u64,
    pub gas_limit: u64,
}

/// What one broadcast of signed bytes to the nodes came to.
enum Sent {
    /// A node's CheckTx accepted the bytes into its mempool.
    Accepted,
    /// A node's CheckTx refused them: they are in no mempool because of this attempt.
    Refused {
        codespace: String,
        code: u32,
        log: String,
    },
    /// No answer, or one that does not say: they may or may not be in a mempool. `answered`:
    /// a node answered, with something else than a CheckTx result (e.g. "tx already exists in
    /// cache").
    Unknown { why: String, answered: bool },
    /// No node could be reached: this attempt put them nowhere.
    Unreachable(Error),
}

const ABCI_SIMULATE: &str = "/cosmos.tx.v1beta1.Service/Simulate";
const ABCI_ACCOUNT: &str = "/cosmos.auth.v1beta1.Query/Account";
const ABCI_SMART: &str = "/cosmwasm.wasm.v1.Query/SmartContractState";
const ABCI_RAW: &str = "/cosmwasm.wasm.v1.Query/RawContractState";
const ABCI_CODES: &str = "/cosmwasm.wasm.v1.Query/Codes";
/// CheckTx code of the SDK for a wrong account sequence.
const CODE_WRONG_SEQUENCE: u32 = 32;
const SEQUENCE_RETRIES: usize = 3;
/// Simulations repeated while the node's view of the signer's sequence moves.
const SIMULATION_RETRIES: usize = 10;
/// The code listing is paged; this bounds the pages read when looking for a checksum.
const MAX_CODE_PAGES: usize = 100;
/// Transactions per page of `tx_search`, and the most pages read.
const TX_SEARCH_PAGE: u8 = 100;
const MAX_TX_SEARCH_PAGES: u32 = 1_000;

impl Client {
    /// Connects to the first of `config.nodes` that serves `config.chain_id` and is not
    /// catching up; the others are fallbacks. A node serving another chain is an error.
    pub fn connect(config: ChainConfig) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start the I/O runtime: {e}")))?;
        let nodes = Nodes::new(&config)?;
        nodes.select_initial(&runtime, &config.chain_id)?;
        Ok(Client {
            config,
            nodes,
            sequences: Mutex::new(BTreeMap::new()),
            runtime,
        })
    }

    pub fn config(&self) -> &ChainConfig {
        &self.config
    }

    /// The RPC address of the node the client talks to now.
    pub fn current_node(&self) -> &str {
        self.nodes.current_url()
    }

    /// Every switch to another node since the client connected.
    pub fn failovers(&self) -> Vec<Failover> {
        self.nodes.failovers()
    }

    /// Failovers, ambiguous broadcasts, rebroadcasts and new signatures since connecting.
    pub fn stats(&self) -> Stats {
        self.nodes.stats()
    }

    /// `status` of every configured node, in order (an error for one that does not answer).
    pub fn node_statuses(&self) -> Vec<Result<NodeStatus>> {
        (0..self.nodes.list.len())
            .map(|i| self.nodes.status(&self.runtime, i))
            .collect()
    }

    /// The configured fee denomination, parsed.
    fn fee_denom(&self) -> Result<Denom> {
        self.config
            .denom
            .parse()
            .map_err(|e| Error::Config(format!("bad denom {}: {e}", self.config.denom)))
    }

    /// Runs one RPC request on the current node, failing over to the others while they do not
    /// answer. Only for requests that may be repeated harmlessly (everything but a broadcast).
    fn rpc_call<T, F, Fut>(&self, what: &str, f: F) -> Result<T>
    where
        F: Fn(cosmrs::rpc::HttpClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, cosmrs::rpc::Error>>,
    {
        self.nodes.call(&self.runtime, what, f)
    }

    /// An ABCI query of a gRPC path (at `height`, else the latest); the answer's bytes.
    fn abci_query_at(&self, path: &str, request: Vec<u8>, height: Option<u64>) -> Result<Vec<u8>> {
        let height = height
            .map(|h| {
                cosmrs::tendermint::block::Height::try_from(h)
                    .map_err(|e| Error::Config(format!("bad height {h}: {e}")))
            })
            .transpose()?;
        let answer = self.rpc_call(path, |rpc| {
            let request = request.clone();
            async move {
                rpc.abci_query(Some(path.to_string()), request, height, false)
                    .await
            }
        })?;
        if answer.code.is_err() {
            return Err(Error::from_abci(
                answer.codespace.as_str(),
                answer.code.value(),
                &answer.log,
                None,
            ));
        }
        Ok(answer.value)
    }

    fn abci_query(&self, path: &str, request: Vec<u8>) -> Result<Vec<u8>> {
        self.abci_query_at(path, request, None)
    }

    // ---- chain state ----

    /// Height and time (ns since the epoch) of the latest block.
    pub fn latest_block(&self) -> Result<(u64, u64)> {
        let status = self.rpc_call("status", |rpc| async move { rpc.status().await })?;
        let nanos = status.sync_info.latest_block_time.unix_timestamp_nanos();
        let nanos = u64::try_from(nanos)
            .map_err(|_| Error::Decode(format!("block time out of range: {nanos} ns")))?;
        Ok((status.sync_info.latest_block_height.value(), nanos))
    }

    /// Time of the latest block, in seconds since the epoch.
    pub fn block_time_seconds(&self) -> Result<u64> {
        Ok(self.latest_block()?.1 / 1_000_000_000)
    }

    /// Waits until the latest block's time is strictly after `nanos` (ns since the epoch): a
    /// transaction sent then lands in a block later than that instant.
    pub fn wait_for_block_time_after(&self, nanos: u64, timeout: Duration) -> Result<()> {
        let started = Instant::now();
        loop {
            if self.latest_block()?.1 > nanos {
                return Ok(());
            }
            if started.elapsed() > timeout {
                return Err(Error::Timeout(format!(
                    "no block after {nanos} ns since the epoch within {timeout:?}"
                )));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Account number and sequence of `address`; `None` while the chain does not know it.
    pub fn account(&self, address: &AccountId) -> Result<Option<(u64, u64)>> {
        let request = QueryAccountRequest {
            address: address.to_string(),
        }
        .encode_to_vec();
        let bytes = match self.abci_query(ABCI_ACCOUNT, request) {
            Ok(bytes) => bytes,
            Err(Error::Query { code, log, .. }) if code == 22 || log.contains("not found") => {
                return Ok(None)
            }
            Err(e) => return Err(e),
        };
        let answer = QueryAccountResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("account answer: {e}")))?;
        let Some(any) = answer.account else {
            return Ok(None);
        };
        let account = BaseAccount::decode(any.value.as_slice())
            .map_err(|e| Error::Decode(format!("account {address} ({}): {e}", any.type_url)))?;
        Ok(Some((account.account_number, account.sequence)))
    }

    /// Balance of `address` in `denom`.
    pub fn balance(&self, address: &AccountId, denom: &str) -> Result<u128> {
        use cosmrs::proto::cosmos::bank::v1beta1::{QueryBalanceRequest, QueryBalanceResponse};
        let request = QueryBalanceRequest {
            address: address.to_string(),
            denom: denom.to_string(),
        }
        .encode_to_vec();
        let bytes = self.abci_query("/cosmos.bank.v1beta1.Query/Balance", request)?;
        let answer = QueryBalanceResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("balance answer: {e}")))?;
        match answer.balance {
            None => Ok(0),
            Some(coin) => coin
                .amount
                .parse()
                .map_err(|e| Error::Decode(format!("balance {}: {e}", coin.amount))),
        }
    }

    /// Height and app hash (upper-case hex) of the last block the node's application committed,
    /// as the node itself computed it (ABCI `info`).
    pub fn app_info(&self) -> Result<(u64, String)> {
        let info = self.rpc_call("abci_info", |rpc| async move { rpc.abci_info().await })?;
        // CometBFT sends this one base64-encoded, and the RPC library keeps the text's bytes.
        let raw = info.last_block_app_hash.as_bytes();
        let bytes = std::str::from_utf8(raw)
            .ok()
            .and_then(base64_decode)
            .unwrap_or_else(|| raw.to_vec());
        Ok((info.last_block_height.value(), hex::encode_upper(bytes)))
    }

    /// Hash of the block at `height` and the app hash its header carries (the state after
    /// the block before it), both upper-case hex.
    pub fn block_hashes(&self, height: u64) -> Result<(String, String)> {
        let h = cosmrs::tendermint::block::Height::try_from(height)
            .map_err(|e| Error::Config(format!("bad height {height}: {e}")))?;
        let block = self.rpc_call("block", |rpc| async move { rpc.block(h).await })?;
        Ok((
            block.block_id.hash.to_string(),
            hex::encode_upper(block.block.header.app_hash.as_bytes()),
        ))
    }

    // ---- transactions ----

    fn sign(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        gas_limit: u64,
        memo: &str,
        account_number: u64,
        sequence: u64,
    ) -> Result<Vec<u8>> {
        let body = tx::Body::new(msgs.to_vec(), memo, 0u32);
        let fee_amount = (gas_limit as f64 * self.config.gas_price).ceil() as u128;
        let denom = self.fee_denom()?;
        let fee = Fee {
            // A zero-priced chain takes no coins: an empty fee, never a zero coin.
            amount: if fee_amount == 0 {
                vec![]
            } else {
                vec![Coin {
                    denom,
                    amount: fee_amount,
                }]
            },
            gas_limit,
            payer: None,
            granter: None,
        };
        let auth_info =
            SignerInfo::single_direct(Some(wallet.public_key()), sequence).auth_info(fee);
        let chain_id =
            self.config.chain_id.parse().map_err(|e| {
                Error::Config(format!("bad chain id {}: {e}", self.config.chain_id))
            })?;
        let sign_doc = SignDoc::new(&body, &auth_info, &chain_id, account_number)
            .map_err(|e| Error::Sign(e.to_string()))?;
        let raw = sign_doc
            .sign(wallet.signing_key())
            .map_err(|e| Error::Sign(e.to_string()))?;
        raw.to_bytes().map_err(|e| Error::Sign(e.to_string()))
    }

    /// Gas the messages would use, by simulation. A failing message is an error.
    pub fn simulate(&self, wallet: &Wallet, msgs: &[Any]) -> Result<u64> {
        let (account_number, sequence) = self.signer_account(wallet)?;
        self.simulate_at(wallet, msgs, account_number, sequence)
    }

    fn simulate_at(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        account_number: u64,
        sequence: u64,
    ) -> Result<u64> {
        let tx_bytes = self.sign(wallet, msgs, 0, "", account_number, sequence)?;
        #[allow(deprecated)]
        let request = SimulateRequest { tx: None, tx_bytes }.encode_to_vec();
        let bytes = self.abci_query(ABCI_SIMULATE, request)?;
        let answer = SimulateResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("simulate answer: {e}")))?;
        answer
            .gas_info
            .map(|g| g.gas_used)
            .ok_or_else(|| Error::Decode("simulate answered no gas info".into()))
    }

    fn signer_account(&self, wallet: &Wallet) -> Result<(u64, u64)> {
        self.account(wallet.address())?
            .ok_or_else(|| Error::UnknownAccount(wallet.address().to_string()))
    }

    /// The sequence this client last saw consumed by `signer`, plus one.
    fn known_sequence(&self, signer: &str) -> u64 {
        self.sequences
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(signer)
            .copied()
            .unwrap_or(0)
    }

    fn sequence_used(&self, signer: &str, sequence: u64) {
        let mut known = self.sequences.lock().unwrap_or_else(|p| p.into_inner());
        let next = known.entry(signer.to_string()).or_insert(0);
        *next = (*next).max(sequence + 1);
    }

    /// Simulates (for [`Gas::Simulate`]) and signs `msgs` with the signer's next sequence: the
    /// higher of the node's account sequence and the one after this client's last included
    /// transaction of the signer (a lagging node may not know that one yet).
    pub fn sign_tx(&self, wallet: &Wallet, msgs: &[Any], gas: Gas) -> Result<SignedTx> {
        let signer = wallet.address().to_string();
        let (account_number, chain_sequence) = self.signer_account(wallet)?;
        // The simulation runs on the node's pending state (its mempool included), which may be
        // ahead of the committed account (a transaction in the block being committed) or, on a
        // lagging node, behind this client: it is run at the sequence the node asks for, and
        // the gas does not depend on it.
        let mut simulated_at = chain_sequence;
        let gas_limit = match gas {
            Gas::Fixed(limit) => limit,
            Gas::Simulate => {
                let mut attempt = 0;
                loop {
                    match self.simulate_at(wallet, msgs, account_number, simulated_at) {
                        Ok(used) => {
                            break (used as f64 * self.config.gas_adjustment) as u64
                                + self.config.gas_margin
                        }
                        Err(Error::Query { log, .. })
                            if log.contains("account sequence mismatch")
                                && attempt < SIMULATION_RETRIES =>
                        {
                            attempt += 1;
                            if let Some(expected) = expected_sequence(&log) {
                                simulated_at = expected;
                            }
                            std::thread::sleep(nodes::POLL);
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        };
        let sequence = chain_sequence
            .max(simulated_at)
            .max(self.known_sequence(&signer));
        let bytes = self.sign(wallet, msgs, gas_limit, "", account_number, sequence)?;
        Ok(SignedTx {
            hash: hex::encode_upper(sha256(&bytes)),
            bytes,
            signer,
            account_number,
            sequence,
            gas_limit,
        })
    }

    /// Signs, broadcasts and waits for inclusion of `msgs`. Contract failures (in simulation or
    /// on delivery) come back as [`Error::Contract`] with the contract's own message.
    pub fn broadcast(&self, wallet: &Wallet, msgs: &[Any], gas: Gas) -> Result<TxOutcome> {
        self.broadcast_tracked(wallet, msgs, gas, &mut |_| {})
    }

    /// [`Client::broadcast`], telling `on_signed` about every signature it makes before sending
    /// it: one, unless a node refused the first outright for a wrong sequence before anything
    /// else could hold it, in which case the transaction is signed again with the right one.
    ///
    /// Once bytes may have reached a mempool (a node accepted them, or a broadcast got no
    /// answer), they are the only version of the transaction there will ever be: the client
    /// looks them up by hash on the nodes that answer, sends the same bytes again, and never
    /// signs the messages anew. As one sequence can be consumed once, they are included at most
    /// once (docs/DESIGN.md, "Retries without double posting").
    pub fn broadcast_tracked(
        &self,
        wallet: &Wallet,
        msgs: &[Any],
        gas: Gas,
        on_signed: &mut dyn FnMut(&SignedTx),
    ) -> Result<TxOutcome> {
        let mut signed = self.sign_tx(wallet, msgs, gas)?;
        let mut resigns = 0;
        loop {
            on_signed(&signed);
            match self.send_signed(&signed)? {
                Ok(outcome) => return Ok(outcome),
                // Refused outright for a wrong sequence by the only node that ever saw these
                // bytes: sign again with the sequence the chain expects.
                Err(expected) if resigns < SEQUENCE_RETRIES => {
                    resigns += 1;
                    self.nodes
                        .resigned
                        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let gas_limit = signed.gas_limit;
                    let bytes =
                        self.sign(wallet, msgs, gas_limit, "", signed.account_number, expected)?;
                    signed = SignedTx {
                        hash: hex::encode_upper(sha256(&bytes)),
                        bytes,
                        sequence: expected,
                        ..signed
                    };
                }
                Err(expected) => {
                    return Err(Error::Query {
                        codespace: "sdk".into(),
                        code: CODE_WRONG_SEQUENCE,
                        log: format!(
                            "account sequence mismatch: still expected {expected} after \
                             {SEQUENCE_RETRIES} new signatures"
                        ),
                        tx: Some(signed.hash.clone()),
                    })
                }
            }
        }
    }

    /// Sends `signed` and waits for its inclusion: `Ok(Ok(outcome))` when included (a failed
    /// delivery is `Err`), `Ok(Err(expected))` only when the first node to answer refused the
    /// bytes for a wrong sequence (it expects `expected`, above the one signed) and no attempt
    /// can have put them anywhere else, so they can never be included and may be re-signed.
    pub fn send_signed(&self, signed: &SignedTx) -> Result<Result<TxOutcome, u64>> {
        let started = Instant::now();
        // Whether these bytes may sit in some mempool: from then on they must never be signed
        // again, only looked up and resent.
        let mut maybe_sent = false;
        let mut last_sent: Option<Instant> = None;
        let mut last_problem = String::from("not yet sent");
        loop {
            if started.elapsed() > self.config.inclusion_timeout {
                return Err(Error::NotIncluded {
                    hash: signed.hash.clone(),
                    waited: started.elapsed(),
                    last: last_problem,
                });
            }
            let due = match last_sent {
                None => true,
                Some(at) => at.elapsed() >= self.config.rebroadcast_interval,
            };
            if due {
                if last_sent.is_some() {
                    self.nodes
                        .rebroadcasts
                        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                last_sent = Some(Instant::now());
                let (sent, received_before) = self.send_bytes(&signed.bytes);
                // A node that timed out before another answered may hold the bytes: from now
                // on they are never signed again, whatever the answer says.
                if received_before
                    || matches!(
                        sent,
                        Sent::Unknown {
                            answered: false,
                            ..
                        }
                    )
                {
                    self.nodes
                        .ambiguous_broadcasts
                        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    maybe_sent = true;
                }
                match sent {
                    Sent::Accepted => maybe_sent = true,
                    Sent::Unknown { why, .. } => {
                        maybe_sent = true;
                        last_problem = why;
                    }
                    // Nothing was reached and nothing was ever sent: safe to give up.
                    Sent::Unreachable(e) if !maybe_sent => return Err(e),
                    Sent::Unreachable(e) => last_problem = e.to_string(),
                    Sent::Refused {
                        codespace,
                        code,
                        log,
                    } => {
                        if code == CODE_WRONG_SEQUENCE {
                            match expected_sequence(&log) {
                                Some(expected) if expected > signed.sequence && !maybe_sent => {
                                    return Ok(Err(expected));
                                }
                                // A node behind us (it has not seen our previous transaction
                                // yet), or the sequence was consumed, maybe by these very
                                // bytes: keep looking them up.
                                _ => last_problem = log,
                            }
                        } else if !maybe_sent {
                            return Err(Error::from_abci(
                                &codespace,
                                code,
                                &log,
                                Some(signed.hash.clone()),
                            ));
                        } else {
                            last_problem = log;
                        }
                    }
                }
                // Bytes refused everywhere and never possibly sent: nothing to look up yet.
                if !maybe_sent {
                    std::thread::sleep(nodes::POLL);
                    continue;
                }
            }
            match self.find_tx(&signed.hash) {
                Ok(Some(found)) => {
                    self.sequence_used(&signed.signer, signed.sequence);
                    return found.into_outcome().map(Ok);
                }
                Ok(None) => {}
                Err(e) => last_problem = e.to_string(),
            }
            std::thread::sleep(nodes::POLL);
        }
    }

    /// One broadcast of `bytes`, failing over while nodes do not answer; with whether a node
    /// tried before the one that answered may have received them (then, whatever the answer,
    /// they may be in a mempool).
    fn send_bytes(&self, bytes: &[u8]) -> (Sent, bool) {
        match self.nodes.try_each(&self.runtime, |rpc| {
            let bytes = bytes.to_vec();
            async move { rpc.broadcast_tx_sync(bytes).await }
        }) {
            Ok((answer, before)) => {
                let sent = match answer {
                    Ok(checked) if checked.code.is_ok() => Sent::Accepted,
                    Ok(checked) => Sent::Refused {
                        codespace: checked.codespace,
                        code: checked.code.value(),
                        log: checked.log,
                    },
                    // An answer that is not a CheckTx result (e.g. "tx already exists in
                    // cache", or a full mempool): it does not say whether the bytes are in a
                    // mempool.
                    Err((endpoint, e)) => Sent::Unknown {
                        why: format!("{endpoint}: {e}"),
                        answered: true,
                    },
                };
                (sent, before.maybe_received())
            }
            Err(failures) if failures.maybe_received() => (
                Sent::Unknown {
                    why: failures.into_error("broadcast_tx_sync").to_string(),
                    answered: false,
                },
                true,
            ),
            Err(failures) => (
                Sent::Unreachable(failures.into_error("broadcast_tx_sync")),
                false,
            ),
        }
    }

    /// The transaction `hash` (hex) when a node has it in a block; `None` while not found.
    pub fn find_tx(&self, hash: &str) -> Result<Option<FoundTx>> {
        let parsed: cosmrs::tendermint::Hash = hash
            .parse()
            .map_err(|e| Error::Decode(format!("bad transaction hash {hash}: {e}")))?;
        match self.nodes.try_each(
            &self.runtime,
            |rpc| async move { rpc.tx(parsed, false).await },
        ) {
            Ok((Ok(found), _)) => Ok(Some(FoundTx::from_rpc(&found))),
            // The node answered: "not found" (an error status), while the transaction waits.
            Ok((Err(_), _)) => Ok(None),
            Err(failures) => Err(failures.into_error("tx")),
        }
    }

    /// Waits until the transaction `hash` (hex) is in a block; its outcome or its failure.
    pub fn wait_for_tx(&self, hash: &str) -> Result<TxOutcome> {
        let started = Instant::now();
        loop {
            let last = match self.find_tx(hash) {
                Ok(Some(found)) => return found.into_outcome(),
                Ok(None) => "not found".to_string(),
                Err(e) => e.to_string(),
            };
            if started.elapsed() > self.config.inclusion_timeout {
                return Err(Error::NotIncluded {
                    hash: hash.to_string(),
                    waited: started.elapsed(),
                    last,
                });
            }
            std::thread::sleep(nodes::POLL);
        }
    }

    /// Every transaction the node's index returns for `query` (CometBFT query language, e.g.
    /// `message.sender='wasm1…'`), oldest first.
    pub fn search_txs(&self, query: &str) -> Result<Vec<FoundTx>> {
        let parsed: cosmrs::rpc::query::Query = query
            .parse()
            .map_err(|e| Error::Config(format!("bad transaction query {query}: {e}")))?;
        let mut found = Vec::new();
        for page in 1..=MAX_TX_SEARCH_PAGES {
            let answer = self.rpc_call("tx_search", |rpc| {
                let parsed = parsed.clone();
                async move {
                    rpc.tx_search(
                        parsed,
                        false,
                        page,
                        TX_SEARCH_PAGE,
                        cosmrs::rpc::Order::Ascending,
                    )
                    .await
                }
            })?;
            let total = answer.total_count as usize;
            let got = answer.txs.len();
            found.extend(answer.txs.iter().map(FoundTx::from_rpc));
            if got == 0 || found.len() >= total {
                return Ok(found);
            }
        }
        Err(Error::Decode(format!(
            "more than {MAX_TX_SEARCH_PAGES} pages of transactions for {query}"
        )))
    }

    // ---- CosmWasm ----

    /// Executes `msg` (JSON) on `contract`.
    pub fn execute<M: Serialize>(
        &self,
        wallet: &Wallet,
        contract: &str,
        msg: &M,
        funds: &[Coin],
        gas: Gas,
    ) -> Result<TxOutcome> {
        let any = self.execute_msg(wallet, contract, msg, funds)?;
        self.broadcast(wallet, &[any], gas)
    }

    /// A `MsgExecuteContract` as `Any`, for multi-message transactions.
    pub fn execute_msg<M: Serialize>(
        &self,
        wallet: &Wallet,
        contract: &str,
        msg: &M,
        funds: &[Coin],
    ) -> Result<Any> {
        to_any(cosmrs::cosmwasm::MsgExecuteContract {
            sender: wallet.address().clone(),
            contract: parse_address(contract)?,
            msg: to_json(msg)?,
            funds: funds.to_vec(),
        })
    }

    /// Stores `wasm`; the new code id.
    pub fn store_code(&self, wallet: &Wallet, wasm: &[u8]) -> Result<(u64, TxOutcome)> {
        let any = store_code_msg(wallet, wasm)?;
        let outcome = self.broadcast(wallet, &[any], Gas::Simulate)?;
        let code_id = outcome
            .event_attr("store_code", "code_id")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| Error::Decode("store_code emitted no code_id".into()))?;
        Ok((code_id, outcome))
    }

    /// The id of a stored code whose checksum (sha256 of the wasm) is `checksum`.
    pub fn find_code(&self, checksum: &[u8]) -> Result<Option<u64>> {
        let mut key = Vec::new();
        for _ in 0..MAX_CODE_PAGES {
            let request = QueryCodesRequest {
                pagination: Some(PageRequest {
                    key: key.clone(),
                    offset: 0,
                    limit: 100,
                    count_total: false,
                    reverse: false,
                }),
            }
            .encode_to_vec();
            let bytes = self.abci_query(ABCI_CODES, request)?;
            let answer = QueryCodesResponse::decode(bytes.as_slice())
                .map_err(|e| Error::Decode(format!("codes answer: {e}")))?;
            if let Some(info) = answer.code_infos.iter().find(|c| c.data_hash == checksum) {
                return Ok(Some(info.code_id));
            }
            match answer.pagination.map(|p| p.next_key) {
                Some(next) if !next.is_empty() => key = next,
                _ => return Ok(None),
            }
        }
        Err(Error::Decode(format!(
            "more than {MAX_CODE_PAGES} pages of codes: checksum search stopped"
        )))
    }

    /// The code id of `wasm` on chain: found by checksum, or stored now.
    pub fn store_code_once(&self, wallet: &Wallet, wasm: &[u8]) -> Result<u64> {
        let checksum = sha256(wasm);
        if let Some(id) = self.find_code(&checksum)? {
            return Ok(id);
        }
        Ok(self.store_code(wallet, wasm)?.0)
    }

    /// Instantiates `code_id`; the contract's address.
    pub fn instantiate<M: Serialize>(
        &self,
        wallet: &Wallet,
        code_id: u64,
        msg: &M,
        label: &str,
        admin: Option<&str>,
    ) -> Result<(String, TxOutcome)> {
        let any = self.instantiate_msg(wallet, code_id, msg, label, admin)?;
        let outcome = self.broadcast(wallet, &[any], Gas::Simulate)?;
        let address = outcome
            .event_attr("instantiate", "_contract_address")
            .ok_or_else(|| Error::Decode("instantiate emitted no contract address".into()))?
            .to_string();
        Ok((address, outcome))
    }

    /// A `MsgInstantiateContract` as `Any` (to simulate or to batch), as [`Client::instantiate`]
    /// sends it.
    pub fn instantiate_msg<M: Serialize>(
        &self,
        wallet: &Wallet,
        code_id: u64,
        msg: &M,
        label: &str,
        admin: Option<&str>,
    ) -> Result<Any> {
        to_any(cosmrs::cosmwasm::MsgInstantiateContract {
            sender: wallet.address().clone(),
            admin: admin.map(parse_address).transpose()?,
            code_id,
            label: Some(label.to_string()),
            msg: to_json(msg)?,
            funds: vec![],
        })
    }

    /// Migrates `contract` to `code_id` (the sender must be its wasm admin).
    pub fn migrate<M: Serialize>(
        &self,
        wallet: &Wallet,
        contract: &str,
        code_id: u64,
        msg: &M,
    ) -> Result<TxOutcome> {
        let any = to_any(cosmrs::cosmwasm::MsgMigrateContract {
            sender: wallet.address().clone(),
            contract: parse_address(contract)?,
            code_id,
            msg: to_json(msg)?,
        })?;
        self.broadcast(wallet, &[any], Gas::Simulate)
    }

    /// A smart query of `contract`.
    pub fn query<M: Serialize, T: DeserializeOwned>(&self, contract: &str, msg: &M) -> Result<T> {
        self.query_at(contract, msg, None)
    }

    /// A smart query of `contract` in the state after block `height` (else the latest).
    pub fn query_at<M: Serialize, T: DeserializeOwned>(
        &self,
        contract: &str,
        msg: &M,
        height: Option<u64>,
    ) -> Result<T> {
        let request = QuerySmartContractStateRequest {
            address: contract.to_string(),
            query_data: to_json(msg)?,
        }
        .encode_to_vec();
        let bytes = self.abci_query_at(ABCI_SMART, request, height)?;
        let answer = QuerySmartContractStateResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("smart query answer: {e}")))?;
        serde_json::from_slice(&answer.data).map_err(|e| {
            Error::Decode(format!(
                "answer of {contract}: {e}: {}",
                String::from_utf8_lossy(&answer.data)
            ))
        })
    }

    /// The raw value stored under `key` in `contract`; `None` when absent.
    pub fn query_raw(&self, contract: &str, key: &[u8]) -> Result<Option<Vec<u8>>> {
        let request = QueryRawContractStateRequest {
            address: contract.to_string(),
            query_data: key.to_vec(),
        }
        .encode_to_vec();
        let bytes = self.abci_query(ABCI_RAW, request)?;
        let answer = QueryRawContractStateResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("raw query answer: {e}")))?;
        Ok((!answer.data.is_empty()).then_some(answer.data))
    }

    // ---- bank ----

    /// Sends `amount` of the fee denom from `wallet` to each of `recipients`, in one transaction
    /// (creates their accounts on chain).
    pub fn fund(
        &self,
        wallet: &Wallet,
        recipients: &[AccountId],
        amount: u128,
    ) -> Result<TxOutcome> {
        let msgs = recipients
            .iter()
            .map(|to| bank_send_msg(wallet, to, &self.config.denom, amount))
            .collect::<Result<Vec<_>>>()?;
        self.broadcast(wallet, &msgs, Gas::Simulate)
    }
}

/// A transaction as a node's index has it: where it is, and how its delivery went.
#[derive(Clone, Debug)]
pub struct FoundTx {
    /// Upper-case hex hash.
    pub hash: String,
    pub height: u64,
    /// 0 when delivered successfully.
    pub code: u32,
    pub codespace: String,
    pub log: String,
    pub gas_wanted: u64,
    pub gas_used: u64,
    pub events: Vec<Event>,
}

impl FoundTx {
    fn from_rpc(found: &cosmrs::rpc::endpoint::tx::Response) -> Self {
        let result = &found.tx_result;
        FoundTx {
            hash: found.hash.to_string(),
            height: found.height.value(),
            code: result.code.value(),
            codespace: result.codespace.clone(),
            log: result.log.clone(),
            gas_wanted: u64::try_from(result.gas_wanted).unwrap_or(0),
            gas_used: u64::try_from(result.gas_used).unwrap_or(0),
            events: result
                .events
                .iter()
                .map(|e| Event {
                    kind: e.kind.clone(),
                    attributes: e
                        .attributes
                        .iter()
                        .map(|a| {
                            (
                                String::from_utf8_lossy(a.key_bytes()).into_owned(),
                                String::from_utf8_lossy(a.value_bytes()).into_owned(),
                            )
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The signer and sequence the SDK's ante handler recorded (`tx.acc_seq`, `address/N`).
    pub fn account_sequence(&self) -> Option<(String, u64)> {
        self.events
            .iter()
            .filter(|e| e.kind == "tx")
            .flat_map(|e| e.attributes.iter())
            .find(|(k, _)| k == "acc_seq")
            .and_then(|(_, v)| {
                let (address, sequence) = v.rsplit_once('/')?;
                Some((address.to_string(), sequence.parse().ok()?))
            })
    }

    /// The outcome of a successful delivery; the typed failure of a failed one.
    pub fn into_outcome(self) -> Result<TxOutcome> {
        if self.code != 0 {
            return Err(Error::from_abci(
                &self.codespace,
                self.code,
                &self.log,
                Some(self.hash),
            ));
        }
        Ok(TxOutcome {
            hash: self.hash,
            height: self.height,
            gas_wanted: self.gas_wanted,
            gas_used: self.gas_used,
            events: self.events,
        })
    }
}

/// Standard base64 (with padding) to bytes; `None` when `text` is not that.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if text.is_empty() || text.len() / 4 * 4 != text.len() {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 {
        return None;
    }
    for c in body.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The sequence a node expects, from the SDK's refusal `account sequence mismatch, expected 7,
/// got 6: incorrect account sequence`.
fn expected_sequence(log: &str) -> Option<u64> {
    let rest = &log[log.find("expected ")? + "expected ".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A bank `MsgSend` of `amount` `denom` from `wallet` to `to`, as `Any`.
pub fn bank_send_msg(wallet: &Wallet, to: &AccountId, denom: &str, amount: u128) -> Result<Any> {
    let denom: Denom = denom
        .parse()
        .map_err(|e| Error::Config(format!("bad denom {denom}: {e}")))?;
    to_any(cosmrs::bank::MsgSend {
        from_address: wallet.address().clone(),
        to_address: to.clone(),
        amount: vec![Coin { denom, amount }],
    })
}

/// A `MsgStoreCode` of `wasm` as `Any` (to simulate or to batch).
pub fn store_code_msg(wallet: &Wallet, wasm: &[u8]) -> Result<Any> {
    to_any(cosmrs::cosmwasm::MsgStoreCode {
        sender: wallet.address().clone(),
        wasm_byte_code: wasm.to_vec(),
        instantiate_permission: None,
    })
}

/// A message of the SDK as `Any`, ready to sign.
fn to_any<M: Msg>(msg: M) -> Result<Any> {
    msg.into_any().map_err(|e| Error::Encode(e.to_string()))
}

fn to_json<M: Serialize>(msg: &M) -> Result<Vec<u8>> {
    serde_json::to_vec(msg).map_err(|e| Error::Encode(e.to_string()))
}

fn parse_address(address: &str) -> Result<AccountId> {
    address
        .parse()
        .map_err(|e| Error::Config(format!("bad address {address}: {e}")))
}

/// sha256 of `bytes`: the checksum x/wasm gives a stored code.
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_lists_split_on_commas_and_keep_their_order() {
        let config = ChainConfig::new(
            " http://127.0.0.1:26867,http://127.0.0.1:26877 ,,http://127.0.0.1:26887",
            "c",
        );
        assert_eq!(
            config.nodes,
            vec![
                "http://127.0.0.1:26867".to_string(),
                "http://127.0.0.1:26877".to_string(),
                "http://127.0.0.1:26887".to_string(),
            ]
        );
        assert_eq!(
            config.nodes_text(),
            "http://127.0.0.1:26867,http://127.0.0.1:26877,http://127.0.0.1:26887"
        );
        assert_eq!(
            ChainConfig::new("http://127.0.0.1:26757", "c").nodes,
            vec!["http://127.0.0.1:26757".to_string()]
        );
    }

    #[test]
    fn base64_app_hashes_decode_and_other_text_does_not() {
        assert_eq!(
            base64_decode("1zhjvrmGSI3XZ8qQJdP2Kjv5c7JjwKSCEGQRgxFdoOM=").map(hex::encode_upper),
            Some("D73863BEB986488DD767CA9025D3F62A3BF973B263C0A48210641183115DA0E3".into())
        );
        assert_eq!(base64_decode("TWE=").as_deref(), Some(&b"Ma"[..]));
        assert_eq!(base64_decode("not base64!"), None);
        assert_eq!(base64_decode(""), None);
    }

    #[test]
    fn the_expected_sequence_is_read_from_the_sdk_refusal() {
        assert_eq!(
            expected_sequence(
                "account sequence mismatch, expected 17, got 15: incorrect account sequence"
            ),
            Some(17)
        );
        assert_eq!(expected_sequence("insufficient fee"), None);
    }

    #[test]
    fn no_node_is_a_configuration_error() {
        let err = Client::connect(ChainConfig::with_nodes(vec![], "c")).unwrap_err();
        assert_eq!(err, Error::Config("no node address given".into()));
    }

    #[test]
    fn a_refused_connection_on_every_node_names_each_node() {
        // Port 1 on loopback refuses at once: nothing listens there.
        let err = Client::connect(ChainConfig::new(
            "http://127.0.0.1:1,http://127.0.0.1:2",
            "c",
        ))
        .unwrap_err();
        match err {
            Error::Rpc { endpoint, what, .. } => {
                assert_eq!(endpoint, "http://127.0.0.1:1, http://127.0.0.1:2");
                assert_eq!(what, "status");
            }
            other => panic!("expected an RPC error, got {other:?}"),
        }
    }

    #[test]
    fn the_ante_handler_s_account_sequence_is_read_from_the_events() {
        let found = FoundTx {
            hash: "AB".into(),
            height: 5,
            code: 0,
            codespace: String::new(),
            log: String::new(),
            gas_wanted: 1,
            gas_used: 1,
            events: vec![Event {
                kind: "tx".into(),
                attributes: vec![("acc_seq".into(), "wasm1xyz/42".into())],
            }],
        };
        assert_eq!(found.account_sequence(), Some(("wasm1xyz".to_string(), 42)));
    }
}
