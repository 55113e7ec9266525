//! Code and contract management: store a code (compressed) or find it by checksum,
//! instantiate, execute and migrate contracts, fund accounts.

use cosmrs::proto::cosmos::base::query::v1beta1::PageRequest;
use cosmrs::proto::cosmwasm::wasm::v1::{QueryCodesRequest, QueryCodesResponse};
use cosmrs::proto::prost::Message;
use cosmrs::{AccountId, Any, Coin};
use serde::Serialize;

use crate::msgs::{parse_address, to_any, to_json};
use crate::{bank_send_msg, sha256, store_code_msg, Client, Error, Gas, Result, TxOutcome, Wallet};

const ABCI_CODES: &str = "/cosmwasm.wasm.v1.Query/Codes";
/// The code listing is paged; this bounds the pages read when looking for a checksum.
const MAX_CODE_PAGES: usize = 100;

impl Client {
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

    /// Stores `wasm`, sent gzip-compressed (see [`store_code_msg`]); the new code id.
    pub fn store_code(&self, wallet: &Wallet, wasm: &[u8]) -> Result<(u64, TxOutcome)> {
        let any = store_code_msg(wallet, wasm)?;
        let outcome = self.broadcast(wallet, &[any], Gas::Simulate)?;
        let code_id = outcome
            .event_attr("store_code", "code_id")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| Error::Decode("store_code emitted no code_id".into()))?;
        Ok((code_id, outcome))
    }

    /// The id of a stored code whose checksum is `checksum`: the sha256 of the uncompressed
    /// wasm, which x/wasm records whether the code was uploaded compressed or not.
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

    /// The code id of `wasm` (uncompressed) on chain: found by checksum, or stored now.
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
