//! Queries: chain state (blocks, accounts, balances), contract state (smart, raw, at a height,
//! a contract's and a code's info) and transactions (by hash, by search). Every one may be
//! repeated harmlessly, so each fails over between nodes.

use std::time::{Duration, Instant};

use cosmrs::proto::cosmos::auth::v1beta1::{
    BaseAccount, QueryAccountRequest, QueryAccountResponse,
};
use cosmrs::proto::cosmos::bank::v1beta1::{QueryBalanceRequest, QueryBalanceResponse};
use cosmrs::proto::cosmwasm::wasm::v1::{
    CodeInfoResponse, QueryCodeRequest, QueryContractInfoRequest, QueryContractInfoResponse,
    QueryRawContractStateRequest, QueryRawContractStateResponse, QuerySmartContractStateRequest,
    QuerySmartContractStateResponse,
};
use cosmrs::proto::prost::Message;
use cosmrs::rpc::Client as _;
use cosmrs::AccountId;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::msgs::{parse_address, to_json};
use crate::nodes::POLL;
use crate::{Client, Error, Event, Result, TxOutcome};

const ABCI_ACCOUNT: &str = "/cosmos.auth.v1beta1.Query/Account";
const ABCI_BALANCE: &str = "/cosmos.bank.v1beta1.Query/Balance";
const ABCI_SMART: &str = "/cosmwasm.wasm.v1.Query/SmartContractState";
const ABCI_RAW: &str = "/cosmwasm.wasm.v1.Query/RawContractState";
const ABCI_CONTRACT_INFO: &str = "/cosmwasm.wasm.v1.Query/ContractInfo";
const ABCI_CODE_INFO: &str = "/cosmwasm.wasm.v1.Query/CodeInfo";
/// Transactions per page of `tx_search`, and the most pages read.
const TX_SEARCH_PAGE: u8 = 100;
const MAX_TX_SEARCH_PAGES: u32 = 1_000;

/// What x/wasm records of an instantiated contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractInfo {
    pub address: String,
    pub code_id: u64,
    pub creator: String,
    /// The wasm admin, who may migrate it; `None` when nobody may.
    pub admin: Option<String>,
    pub label: String,
}

/// What x/wasm records of a stored code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    pub code_id: u64,
    pub creator: String,
    /// sha256 of the wasm as stored (uncompressed, even when uploaded compressed).
    pub checksum: Vec<u8>,
}

impl Client {
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
        let request = QueryBalanceRequest {
            address: address.to_string(),
            denom: denom.to_string(),
        }
        .encode_to_vec();
        let bytes = self.abci_query(ABCI_BALANCE, request)?;
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

    /// The contract at `address` as x/wasm records it; `None` when there is none (a deployment
    /// file from a chain that was reset names such contracts).
    pub fn contract_info(&self, address: &str) -> Result<Option<ContractInfo>> {
        // A malformed address is said here, in our words, rather than by the node's decoder.
        parse_address(address)?;
        let request = QueryContractInfoRequest {
            address: address.to_string(),
        }
        .encode_to_vec();
        let bytes = match self.abci_query(ABCI_CONTRACT_INFO, request) {
            Ok(bytes) => bytes,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        let answer = QueryContractInfoResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("contract info answer: {e}")))?;
        Ok(answer.contract_info.map(|info| ContractInfo {
            address: answer.address,
            code_id: info.code_id,
            creator: info.creator,
            admin: (!info.admin.is_empty()).then_some(info.admin),
            label: info.label,
        }))
    }

    /// The code `code_id` as x/wasm records it, without its bytes; `None` when no such code
    /// was stored.
    pub fn code_info(&self, code_id: u64) -> Result<Option<CodeInfo>> {
        // QueryCodeInfoRequest has QueryCodeRequest's one field (1: code_id), and the answer
        // CodeInfoResponse's first three: the proto crate predates the CodeInfo query.
        let request = QueryCodeRequest { code_id }.encode_to_vec();
        let bytes = match self.abci_query(ABCI_CODE_INFO, request) {
            Ok(bytes) => bytes,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e),
        };
        let answer = CodeInfoResponse::decode(bytes.as_slice())
            .map_err(|e| Error::Decode(format!("code info answer: {e}")))?;
        Ok((answer.code_id != 0).then_some(CodeInfo {
            code_id: answer.code_id,
            creator: answer.creator,
            checksum: answer.data_hash,
        }))
    }

    /// Whether a code `code_id` is stored on the chain.
    pub fn code_exists(&self, code_id: u64) -> Result<bool> {
        Ok(self.code_info(code_id)?.is_some())
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
            std::thread::sleep(POLL);
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

    /// Height, time and number of transactions of the blocks `min..=max` (at most 20 per call,
    /// the node's page), oldest first: an indexer skips the empty ones without reading them.
    pub fn block_metas(&self, min: u64, max: u64) -> Result<Vec<BlockMeta>> {
        let (lo, hi) = (height(min)?, height(max)?);
        let answer = self.rpc_call(
            "blockchain",
            |rpc| async move { rpc.blockchain(lo, hi).await },
        )?;
        let mut metas: Vec<BlockMeta> = answer
            .block_metas
            .iter()
            .map(|m| BlockMeta {
                height: m.header.height.value(),
                time_ns: block_time_ns(&m.header.time),
                num_txs: u64::try_from(m.num_txs).unwrap_or(0),
            })
            .collect();
        metas.sort_by_key(|m| m.height);
        Ok(metas)
    }

    /// Every transaction of the block at `height` with its hash, result code and events, and
    /// the block's time: what an index of the contracts' events reads, block by block.
    pub fn block_events(&self, at: u64) -> Result<BlockEvents> {
        let h = height(at)?;
        let block = self.rpc_call("block", |rpc| async move { rpc.block(h).await })?;
        let results = self.rpc_call(
            "block_results",
            |rpc| async move { rpc.block_results(h).await },
        )?;
        let outcomes = results.txs_results.unwrap_or_default();
        let txs = block
            .block
            .data
            .iter()
            .zip(outcomes.iter())
            .map(|(bytes, outcome)| BlockTx {
                hash: hex::encode_upper(crate::sha256(bytes)),
                code: outcome.code.value(),
                events: events_from_abci(&outcome.events),
            })
            .collect();
        Ok(BlockEvents {
            height: at,
            time_ns: block_time_ns(&block.block.header.time),
            txs,
        })
    }
}

fn height(h: u64) -> Result<cosmrs::tendermint::block::Height> {
    cosmrs::tendermint::block::Height::try_from(h)
        .map_err(|e| Error::Config(format!("bad height {h}: {e}")))
}

fn block_time_ns(time: &cosmrs::tendermint::Time) -> u64 {
    u64::try_from(time.unix_timestamp_nanos()).unwrap_or(0)
}

/// ABCI events as the client's [`Event`]s, attributes in order.
fn events_from_abci(events: &[cosmrs::tendermint::abci::Event]) -> Vec<Event> {
    events
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
        .collect()
}

/// A block as `blockchain` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockMeta {
    pub height: u64,
    /// Block time, ns since the epoch.
    pub time_ns: u64,
    pub num_txs: u64,
}

/// The transactions of one block, with their events.
#[derive(Clone, Debug)]
pub struct BlockEvents {
    pub height: u64,
    /// Block time, ns since the epoch.
    pub time_ns: u64,
    pub txs: Vec<BlockTx>,
}

/// One transaction of a block: its hash (upper-case hex), result code (0: delivered) and events.
#[derive(Clone, Debug)]
pub struct BlockTx {
    pub hash: String,
    pub code: u32,
    pub events: Vec<Event>,
}

/// x/wasm's answer for an address or a code id it does not know.
fn is_not_found(e: &Error) -> bool {
    matches!(e, Error::Query { log, .. } | Error::Contract { message: log, .. }
        if log.contains("not found") || log.contains("no such"))
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
            events: events_from_abci(&result.events),
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

#[cfg(test)]
mod tests {
    use super::*;

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
