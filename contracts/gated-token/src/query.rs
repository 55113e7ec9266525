//! Queries: the cw20 set plus `AssetInfo`. Listings are paginated (default 10, max 30).

use cosmwasm_std::{to_json_binary, Binary, Deps, Env, Order, StdResult, Uint128};
use cw_storage_plus::Bound;
use rwa_gate::cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo,
    BalanceResponse, MinterResponse, SpenderAllowanceInfo, TokenInfoResponse,
};
use rwa_gate::keys::{CLEARANCES, GATE};
use rwa_gate::token::AssetInfoResponse;
use rwa_gate::{evaluate, IssuanceRequest, DEFAULT_LIMIT, MAX_LIMIT};

use crate::state::{TokenState, ALLOWANCES, ALLOWANCES_SPENDER, BALANCES, TOKEN_STATE};

fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

pub fn balance(deps: Deps, address: String) -> StdResult<Binary> {
    let address = deps.api.addr_validate(&address)?;
    let balance = BALANCES
        .may_load(deps.storage, &address)?
        .unwrap_or_default();
    to_json_binary(&BalanceResponse { balance })
}

pub fn token_info(deps: Deps) -> StdResult<Binary> {
    let s = TOKEN_STATE.load(deps.storage)?;
    to_json_binary(&TokenInfoResponse {
        name: s.name,
        symbol: s.symbol,
        decimals: s.decimals,
        total_supply: s.total_supply,
    })
}

/// `minter` is the asset's issuer (the minters themselves are kept by the registry); `cap` is
/// the registry's current cap, `None` when the registry cannot be read.
pub fn minter(deps: Deps, env: Env) -> StdResult<Binary> {
    let s = TOKEN_STATE.load(deps.storage)?;
    let cap = registry_cap(deps, &env, &s);
    to_json_binary(&MinterResponse {
        minter: s.issuer.into_string(),
        cap,
    })
}

/// The cap as `evaluate` computes it, so it can never differ from what a mint is judged by.
fn registry_cap(deps: Deps, env: &Env, s: &TokenState) -> Option<Uint128> {
    let gate = GATE.query(&deps.querier, s.registry.clone()).ok()?;
    let clearance = CLEARANCES
        .query(&deps.querier, s.registry.clone(), &s.asset)
        .ok()?;
    let decision = evaluate(
        &gate,
        clearance.as_ref(),
        &IssuanceRequest {
            now: env.block.time,
            amount: Uint128::zero(),
            minted: s.minted,
            minter: None,
            token: None,
        },
    );
    Some(decision.cap)
}

pub fn allowance(deps: Deps, owner: String, spender: String) -> StdResult<Binary> {
    let owner = deps.api.addr_validate(&owner)?;
    let spender = deps.api.addr_validate(&spender)?;
    let allowance = ALLOWANCES
        .may_load(deps.storage, (&owner, &spender))?
        .unwrap_or_default();
    to_json_binary(&allowance)
}

/// Expired allowances are listed too, as in cw20-base: the owner may want to see them.
pub fn all_allowances(
    deps: Deps,
    owner: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<Binary> {
    let owner = deps.api.addr_validate(&owner)?;
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let allowances = ALLOWANCES
        .prefix(&owner)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            item.map(|(spender, a)| AllowanceInfo {
                spender: spender.into_string(),
                allowance: a.allowance,
                expires: a.expires,
            })
        })
        .collect::<StdResult<_>>()?;
    to_json_binary(&AllAllowancesResponse { allowances })
}

pub fn all_spender_allowances(
    deps: Deps,
    spender: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<Binary> {
    let spender = deps.api.addr_validate(&spender)?;
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let allowances = ALLOWANCES_SPENDER
        .prefix(&spender)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            item.map(|(owner, a)| SpenderAllowanceInfo {
                owner: owner.into_string(),
                allowance: a.allowance,
                expires: a.expires,
            })
        })
        .collect::<StdResult<_>>()?;
    to_json_binary(&AllSpenderAllowancesResponse { allowances })
}

pub fn all_accounts(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<Binary> {
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let accounts = BALANCES
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| item.map(|a| a.into_string()))
        .collect::<StdResult<_>>()?;
    to_json_binary(&AllAccountsResponse { accounts })
}

pub fn asset_info(deps: Deps) -> StdResult<Binary> {
    let s = TOKEN_STATE.load(deps.storage)?;
    to_json_binary(&AssetInfoResponse {
        asset: s.asset,
        registry: s.registry,
        issuer: s.issuer,
        minted: s.minted,
        total_supply: s.total_supply,
    })
}
