//! Queries: the cw20 set plus `AssetInfo`. Listings are paginated (default 10, max 30).

use cosmwasm_std::{to_json_binary, Binary, Deps, Env, Order, StdResult, Uint128};
use cw_storage_plus::Bound;
use rwa_gate::cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo,
    BalanceResponse, MinterResponse, SpenderAllowanceInfo, TokenInfoResponse,
};
use rwa_gate::records::{load_holder_count, TransferRules, CLEARANCES, GATE};
use rwa_gate::token::{AssetInfoResponse, TransferRulesResponse};
use rwa_gate::{evaluate, IssuanceRequest, DEFAULT_LIMIT, MAX_LIMIT};

use crate::state::{
    Supply, TokenRoute, ALLOWANCES, ALLOWANCES_SPENDER, BALANCES, TOKEN_INFO, TOKEN_ROUTE,
};

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
    let info = TOKEN_INFO.load(deps.storage)?;
    to_json_binary(&TokenInfoResponse {
        name: info.name,
        symbol: info.symbol,
        decimals: info.decimals,
        total_supply: Supply::load(deps.storage)?.total,
    })
}

/// `minter` is the asset's issuer (the minters themselves are kept by the registry); `cap` is
/// the registry's current cap, `None` when the registry cannot be read.
pub fn minter(deps: Deps, env: Env) -> StdResult<Binary> {
    let route = TOKEN_ROUTE.load(deps.storage)?;
    let minted = Supply::load(deps.storage)?.minted;
    let cap = registry_cap(deps, &env, &route, minted);
    to_json_binary(&MinterResponse {
        minter: TOKEN_INFO.load(deps.storage)?.issuer.into_string(),
        cap,
    })
}

/// The cap as `evaluate` computes it, so it can never differ from what a mint is judged by.
fn registry_cap(deps: Deps, env: &Env, route: &TokenRoute, minted: Uint128) -> Option<Uint128> {
    let gate = GATE.query(&deps.querier, route.registry.clone()).ok()?;
    let clearance = CLEARANCES
        .query(&deps.querier, route.registry.clone(), &route.asset)
        .ok()?;
    let decision = evaluate(
        &gate,
        clearance.as_ref(),
        &IssuanceRequest {
            now: env.block.time,
            amount: Uint128::zero(),
            minted,
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
    let route = TOKEN_ROUTE.load(deps.storage)?;
    let supply = Supply::load(deps.storage)?;
    to_json_binary(&AssetInfoResponse {
        asset: route.asset,
        registry: route.registry,
        issuer: TOKEN_INFO.load(deps.storage)?.issuer,
        minted: supply.minted,
        total_supply: supply.total,
    })
}

pub fn transfer_rules(deps: Deps) -> StdResult<Binary> {
    let rules = TransferRules::load(deps.storage)?;
    to_json_binary(&TransferRulesResponse {
        frozen: rules.frozen,
        terms: rules.terms.map(|t| t.terms),
        holders: load_holder_count(deps.storage)?,
    })
}
