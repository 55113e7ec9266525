//! Messages of the gated token: the cw20 JSON interface, plus the asset it belongs to.
//!
//! Input types refuse unknown fields (`deny_unknown_fields`; cosmwasm-schema 3 no longer adds
//! it): a misspelled optional field must fail, not silently become `None`.

use cosmwasm_schema::{cw_serde, QueryResponses};
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use cosmwasm_std::{Addr, Binary, Uint128};

#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceResponse,
    BalanceResponse, Expiration, MinterResponse, TokenInfoResponse,
};
#[cfg_attr(target_arch = "wasm32", allow(unused_imports))]
use crate::distribution::DistributionTerms;

/// Sent by the registry when it registers an asset; the sender becomes the token's registry.
#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct InstantiateMsg {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub asset: String,
    pub issuer: String,
    /// The plan's distribution terms at registration.
    #[serde(default)]
    pub terms: Option<DistributionTerms>,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum ExecuteMsg {
    Transfer {
        recipient: String,
        amount: Uint128,
    },
    Burn {
        amount: Uint128,
    },
    Send {
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    IncreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    DecreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    SendFrom {
        owner: String,
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    BurnFrom {
        owner: String,
        amount: Uint128,
    },
    /// cw20 shape; allowed only when the sender is a minter of the asset and the registry's
    /// clearance permits this amount now.
    Mint {
        recipient: String,
        amount: Uint128,
    },
    /// Registry only: the ids of the asset's active freezing (R5) flags, sent whenever they
    /// change; an empty list lifts the freeze. Keeps a transfer to one read of the token's own.
    UpdateFreeze {
        flags: Vec<u64>,
    },
    /// Registry only: the distribution terms in force, sent whenever they change. Boxed: every
    /// message is moved a few times on every call, so the enum is kept as small as its cw20
    /// variants (a larger one measurably costs every transfer).
    UpdateTerms {
        terms: Option<Box<DistributionTerms>>,
    },
    /// Registry only: carries out an attested order, even from a frozen account.
    MoveByOrder {
        order: String,
        from: String,
        to: String,
        amount: Uint128,
    },
    /// Registry only: moves a lost account's whole balance to its holder's replacement account
    /// and drops the allowances it gave.
    Recover {
        lost: String,
        replacement: String,
    },
}

#[cw_serde]
#[derive(QueryResponses)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub enum QueryMsg {
    #[returns(BalanceResponse)]
    Balance { address: String },
    #[returns(TokenInfoResponse)]
    TokenInfo {},
    /// `minter` is the asset's issuer; the minters themselves are kept by the registry.
    #[returns(MinterResponse)]
    Minter {},
    #[returns(AllowanceResponse)]
    Allowance { owner: String, spender: String },
    #[returns(AllAllowancesResponse)]
    AllAllowances {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AllSpenderAllowancesResponse)]
    AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AllAccountsResponse)]
    AllAccounts {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    #[returns(AssetInfoResponse)]
    AssetInfo {},
    #[returns(TransferRulesResponse)]
    TransferRules {},
}

#[cw_serde]
pub struct TransferRulesResponse {
    /// Ids of the asset's active freezing (R5) flags.
    pub frozen: Vec<u64>,
    /// The distribution terms in force.
    pub terms: Option<DistributionTerms>,
    /// Distinct holder ids with a counted balance (kept while the terms have limits).
    pub holders: u32,
}

#[cw_serde]
pub struct AssetInfoResponse {
    pub asset: String,
    pub registry: Addr,
    pub issuer: Addr,
    /// Cumulative minted; burns do not reduce it.
    pub minted: Uint128,
    pub total_supply: Uint128,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct MigrateMsg {}
