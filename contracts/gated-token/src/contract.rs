//! Entry points and dispatch only; handlers live in `execute/` and `query.rs`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use rwa_gate::token::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use rwa_gate::validate;

use crate::error::ContractError;
use crate::execute::{allowances, mint, transfer};
use crate::execute::{freeze, holders};
use crate::query;
use crate::state::{Supply, TokenInfo, TokenRoute, TOKEN_INFO, TOKEN_ROUTE};
use crate::{CONTRACT_NAME, CONTRACT_VERSION};
use rwa_gate::records::{TermsInForce, TransferRules};
use rwa_gate::DistributionTerms;

/// Sent by the registry when it registers an asset: the sender becomes the token's registry.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    validate::token_info(&msg.name, &msg.symbol, msg.decimals)?;
    validate::id("asset id", &msg.asset)?;
    let issuer = deps.api.addr_validate(&msg.issuer)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    TOKEN_INFO.save(
        deps.storage,
        &TokenInfo {
            name: msg.name,
            symbol: msg.symbol,
            decimals: msg.decimals,
            issuer: issuer.clone(),
        },
    )?;
    if let Some(terms) = &msg.terms {
        terms.validate()?;
    }
    let route = TokenRoute {
        registry: info.sender,
        asset: msg.asset,
        terms: msg.terms.map(Box::new),
    };
    TOKEN_ROUTE.save(deps.storage, &route)?;
    Supply::default().save(deps.storage);
    if let Some(terms) = &route.terms {
        TransferRules {
            frozen: vec![],
            terms: Some(Box::new(TermsInForce {
                registry: route.registry.clone(),
                terms: DistributionTerms::clone(terms),
            })),
        }
        .save(deps.storage);
    }
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("asset", route.asset)
        .add_attribute("registry", route.registry)
        .add_attribute("issuer", issuer))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    // No message of this token takes funds: refuse them all here, once.
    cw_utils::nonpayable(&info)?;
    match msg {
        ExecuteMsg::Transfer { recipient, amount } => {
            transfer::transfer(deps, env, info, recipient, amount)
        }
        ExecuteMsg::Burn { amount } => transfer::burn(deps, info, amount),
        ExecuteMsg::Send {
            contract,
            amount,
            msg,
        } => transfer::send(deps, env, info, contract, amount, msg),
        ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => allowances::increase_allowance(deps, env, info, spender, amount, expires),
        ExecuteMsg::DecreaseAllowance {
            spender,
            amount,
            expires,
        } => allowances::decrease_allowance(deps, env, info, spender, amount, expires),
        ExecuteMsg::TransferFrom {
            owner,
            recipient,
            amount,
        } => allowances::transfer_from(deps, env, info, owner, recipient, amount),
        ExecuteMsg::SendFrom {
            owner,
            contract,
            amount,
            msg,
        } => allowances::send_from(deps, env, info, owner, contract, amount, msg),
        ExecuteMsg::BurnFrom { owner, amount } => {
            allowances::burn_from(deps, env, info, owner, amount)
        }
        ExecuteMsg::Mint { recipient, amount } => mint::mint(deps, env, info, recipient, amount),
        ExecuteMsg::UpdateFreeze { flags } => freeze::update_freeze(deps, info, flags),
        ExecuteMsg::UpdateTerms { terms } => holders::update_terms(deps, info, terms.map(|t| *t)),
        ExecuteMsg::MoveByOrder {
            order,
            from,
            to,
            amount,
        } => holders::move_by_order(deps, env.block.time, info, order, from, to, amount),
        ExecuteMsg::Recover { lost, replacement } => {
            holders::recover(deps, env.block.time, info, lost, replacement)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Balance { address } => query::balance(deps, address),
        QueryMsg::TokenInfo {} => query::token_info(deps),
        QueryMsg::Minter {} => query::minter(deps, env),
        QueryMsg::Allowance { owner, spender } => query::allowance(deps, owner, spender),
        QueryMsg::AllAllowances {
            owner,
            start_after,
            limit,
        } => query::all_allowances(deps, owner, start_after, limit),
        QueryMsg::AllSpenderAllowances {
            spender,
            start_after,
            limit,
        } => query::all_spender_allowances(deps, spender, start_after, limit),
        QueryMsg::AllAccounts { start_after, limit } => {
            query::all_accounts(deps, start_after, limit)
        }
        QueryMsg::AssetInfo {} => query::asset_info(deps),
        QueryMsg::TransferRules {} => query::transfer_rules(deps),
    }
}

/// The 3-argument form: the 4-argument one needs `cosmwasm_2_2`, which wasmvm 2.1 chains reject.
#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(mut deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let stored = cw2::get_contract_version(deps.storage)?;
    if stored.contract != CONTRACT_NAME {
        return Err(ContractError::WrongContract {
            expected: CONTRACT_NAME.to_string(),
            found: stored.contract,
        });
    }
    let from: semver::Version = stored.version.parse()?;
    let to: semver::Version = CONTRACT_VERSION.parse()?;
    if from > to {
        return Err(ContractError::CannotMigrateDowngrade {
            stored: stored.version,
            current: CONTRACT_VERSION.to_string(),
        });
    }
    crate::upgrade::from(deps.branch(), &from)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", stored.version)
        .add_attribute("to_version", CONTRACT_VERSION))
}
