//! The cw20 wire types the gated token speaks, so wallets, explorers and DEXes work unchanged.
//! No cosmwasm-std-3 release of the `cw20` crate exists; these mirror its JSON exactly.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{to_json_binary, Binary, CosmosMsg, StdResult, Uint128, WasmMsg};
pub use cw_utils::Expiration;

/// Sent to a contract receiving tokens through `send` / `send_from`.
#[cw_serde]
pub struct Cw20ReceiveMsg {
    pub sender: String,
    pub amount: Uint128,
    pub msg: Binary,
}

impl Cw20ReceiveMsg {
    /// Wraps this message as `{"receive": {...}}` for the receiving contract.
    pub fn into_cosmos_msg(self, contract_addr: impl Into<String>) -> StdResult<CosmosMsg> {
        #[cw_serde]
        enum ReceiverExecuteMsg {
            Receive(Cw20ReceiveMsg),
        }
        Ok(WasmMsg::Execute {
            contract_addr: contract_addr.into(),
            msg: to_json_binary(&ReceiverExecuteMsg::Receive(self))?,
            funds: vec![],
        }
        .into())
    }
}

#[cw_serde]
pub struct BalanceResponse {
    pub balance: Uint128,
}

#[cw_serde]
pub struct TokenInfoResponse {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub total_supply: Uint128,
}

#[cw_serde]
pub struct MinterResponse {
    pub minter: String,
    pub cap: Option<Uint128>,
}

#[cw_serde]
#[derive(Default)]
pub struct AllowanceResponse {
    pub allowance: Uint128,
    pub expires: Expiration,
}

#[cw_serde]
pub struct AllowanceInfo {
    pub spender: String,
    pub allowance: Uint128,
    pub expires: Expiration,
}

#[cw_serde]
#[derive(Default)]
pub struct AllAllowancesResponse {
    pub allowances: Vec<AllowanceInfo>,
}

#[cw_serde]
pub struct SpenderAllowanceInfo {
    pub owner: String,
    pub allowance: Uint128,
    pub expires: Expiration,
}

#[cw_serde]
#[derive(Default)]
pub struct AllSpenderAllowancesResponse {
    pub allowances: Vec<SpenderAllowanceInfo>,
}

#[cw_serde]
#[derive(Default)]
pub struct AllAccountsResponse {
    pub accounts: Vec<String>,
}
