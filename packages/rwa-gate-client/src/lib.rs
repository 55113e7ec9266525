//! The chain client of rwa-gate, on the cosmrs family of crates.
//!
//! - [`Wallet`]: a secp256k1 key derived from a BIP-39 mnemonic (`m/44'/118'/0'/0/N`).
//! - [`Client`]: talks to one node over CometBFT RPC. It simulates for gas, signs (direct mode),
//!   broadcasts, waits for inclusion by hash and returns [`TxOutcome`] (`gas_used`, events) or a
//!   typed [`Error`] that carries the contract's own error text. Queries (smart and raw) go
//!   through ABCI queries of the SDK's gRPC paths, so no gRPC stack is needed.
//! - [`contracts`]: typed handles on the registry and a gated token, with the message types of
//!   `packages/rwa-gate`.
//!
//! The API is blocking: the client owns a small Tokio runtime, so command-line tools, tests and
//! reports call it like any other library.

pub mod contracts;
mod error;
pub mod localnet;
mod wallet;

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
use cosmrs::rpc::client::CompatMode;
use cosmrs::rpc::{Client as _, HttpClient, Url};
use cosmrs::tx::{self, Fee, Msg, SignDoc, SignerInfo};
use cosmrs::{AccountId, Any, Coin, Denom};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use error::{contract_message, Error};
pub use wallet::Wallet;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a chain is and how to pay for transactions on it.
#[derive(Clone, Debug)]
pub struct ChainConfig {
    /// CometBFT RPC endpoint, e.g. `http://127.0.0.1:26757`.
    pub rpc: String,
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
}

impl ChainConfig {
    pub fn new(rpc: impl Into<String>, chain_id: impl Into<String>) -> Self {
        ChainConfig {
            rpc: rpc.into(),
            chain_id: chain_id.into(),
            prefix: "wasm".into(),
            denom: "stake".into(),
            gas_price: 0.0,
            gas_adjustment: 1.3,
            gas_margin: 20_000,
            inclusion_timeout: Duration::from_secs(30),
        }
    }
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

/// A blocking client of one node.
pub struct Client {
    config: ChainConfig,
    rpc: HttpClient,
    runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("rpc", &self.config.rpc)
            .field("chain_id", &self.config.chain_id)
            .finish()
    }
}

const ABCI_SIMULATE: &str = "/cosmos.tx.v1beta1.Service/Simulate";
const ABCI_ACCOUNT: &str = "/cosmos.auth.v1beta1.Query/Account";
const ABCI_SMART: &str = "/cosmwasm.wasm.v1.Query/SmartContractState";
const ABCI_RAW: &str = "/cosmwasm.wasm.v1.Query/RawContractState";
const ABCI_CODES: &str = "/cosmwasm.wasm.v1.Query/Codes";
/// CheckTx code of the SDK for a wrong account sequence: the transaction never entered the
/// mempool, so signing it again with the right sequence cannot post it twice.
const CODE_WRONG_SEQUENCE: u32 = 32;
const SEQUENCE_RETRIES: usize = 3;
/// The code listing is paged; this bounds the pages read when looking for a checksum.
const MAX_CODE_PAGES: usize = 100;

impl Client {
    /// Connects to `config.rpc` and checks that the node serves `config.chain_id`.
    pub fn connect(config: ChainConfig) -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start the I/O runtime: {e}")))?;
        let url: Url = config
            .rpc
            .parse()
            .map_err(|e| Error::Config(format!("bad RPC address {}: {e}", config.rpc)))?;
        // CometBFT 0.39 is not recognised by version string; its answers parse as 0.38's.
        let rpc = HttpClient::builder(
            url.try_into()
                .map_err(|e| Error::Config(format!("bad RPC address {}: {e}", config.rpc)))?,
        )
        .compat_mode(CompatMode::V0_38)
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| {
            Error::Config(format!(
                "cannot build an RPC client for {}: {e}",
                config.rpc
            ))
        })?;
        let client = Client {
            config,
            rpc,
            runtime,
        };
        let status = client.rpc_call("status", client.rpc.status())?;
        let network = status.node_info.network.to_string();
        if network != client.config.chain_id {
            return Err(Error::Config(format!(
                "the node at {} serves chain {network}, not {}",
                client.config.rpc, client.config.chain_id
            )));
        }
        Ok(client)
    }

    pub fn config(&self) -> &ChainConfig {
        &self.config
    }

    /// The configured fee denomination, parsed.
    fn fee_denom(&self) -> Result<Denom> {
        self.config
            .denom
            .parse()
            .map_err(|e| Error::Config(format!("bad denom {}: {e}", self.config.denom)))
    }

    fn rpc_call<T>(
        &self,
        what: &str,
        fut: impl std::future::Future<Output = Result<T, cosmrs::rpc::Error>>,
    ) -> Result<T> {
        self.runtime.block_on(fut).map_err(|e| Error::Rpc {
            endpoint: self.config.rpc.clone(),
            what: what.to_string(),
            detail: e.to_string(),
        })
    }

    /// An ABCI query of a gRPC path; the answer's bytes.
    fn abci_query(&self, path: &str, request: Vec<u8>) -> Result<Vec<u8>> {
        let answer = self.rpc_call(
            path,
            self.rpc
                .abci_query(Some(path.to_string()), request, None, false),
        )?;
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

    // ---- chain state ----

    /// Height and time (ns since the epoch) of the latest block.
    pub fn latest_block(&self) -> Result<(u64, u64)> {
        let status = self.rpc_call("status", self.rpc.status())?;
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

    /// Signs, broadcasts and waits for inclusion of `msgs`. Contract failures (in simulation or
    /// on delivery) come back as [`Error::Contract`] with the contract's own message.
    pub fn broadcast(&self, wallet: &Wallet, msgs: &[Any], gas: Gas) -> Result<TxOutcome> {
        let mut attempt = 0;
        loop {
            let (account_number, sequence) = self.signer_account(wallet)?;
            let gas_limit = match gas {
                Gas::Fixed(limit) => limit,
                Gas::Simulate => {
                    let used = self.simulate_at(wallet, msgs, account_number, sequence)?;
                    (used as f64 * self.config.gas_adjustment) as u64 + self.config.gas_margin
                }
            };
            let tx_bytes = self.sign(wallet, msgs, gas_limit, "", account_number, sequence)?;
            let checked =
                self.rpc_call("broadcast_tx_sync", self.rpc.broadcast_tx_sync(tx_bytes))?;
            if checked.code.is_err() {
                if checked.code.value() == CODE_WRONG_SEQUENCE && attempt < SEQUENCE_RETRIES {
                    attempt += 1;
                    continue;
                }
                return Err(Error::from_abci(
                    &checked.codespace,
                    checked.code.value(),
                    &checked.log,
                    Some(checked.hash.to_string()),
                ));
            }
            return self.wait_for_tx(&checked.hash.to_string());
        }
    }

    /// Waits until the transaction `hash` (hex) is in a block; its outcome or its failure.
    pub fn wait_for_tx(&self, hash: &str) -> Result<TxOutcome> {
        let parsed: cosmrs::tendermint::Hash = hash
            .parse()
            .map_err(|e| Error::Decode(format!("bad transaction hash {hash}: {e}")))?;
        let started = Instant::now();
        loop {
            match self.runtime.block_on(self.rpc.tx(parsed, false)) {
                Ok(found) => {
                    let result = found.tx_result;
                    if result.code.is_err() {
                        return Err(Error::from_abci(
                            &result.codespace,
                            result.code.value(),
                            &result.log,
                            Some(hash.to_string()),
                        ));
                    }
                    let events = result
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
                        .collect();
                    return Ok(TxOutcome {
                        hash: hash.to_string(),
                        height: found.height.value(),
                        gas_wanted: u64::try_from(result.gas_wanted).unwrap_or(0),
                        gas_used: u64::try_from(result.gas_used).unwrap_or(0),
                        events,
                    });
                }
                Err(e) => {
                    // "not found" while the transaction waits for its block; anything else is
                    // a failure of the node or the connection, retried until the deadline.
                    if started.elapsed() > self.config.inclusion_timeout {
                        return Err(Error::NotIncluded {
                            hash: hash.to_string(),
                            waited: started.elapsed(),
                            last: e.to_string(),
                        });
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        }
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
        let request = QuerySmartContractStateRequest {
            address: contract.to_string(),
            query_data: to_json(msg)?,
        }
        .encode_to_vec();
        let bytes = self.abci_query(ABCI_SMART, request)?;
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
        let denom = self.fee_denom()?;
        let msgs = recipients
            .iter()
            .map(|to| {
                to_any(cosmrs::bank::MsgSend {
                    from_address: wallet.address().clone(),
                    to_address: to.clone(),
                    amount: vec![Coin {
                        denom: denom.clone(),
                        amount,
                    }],
                })
            })
            .collect::<Result<Vec<_>>>()?;
        self.broadcast(wallet, &msgs, Gas::Simulate)
    }
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
