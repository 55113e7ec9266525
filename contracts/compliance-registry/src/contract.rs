//! Entry points and dispatch only; the handlers live in `execute`, `query` and `clearance`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response};
use rwa_gate::registry::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use rwa_gate::{Gate, NegativeList};

use crate::error::ContractError;
use crate::execute::{
    assets, attest, batch, delegation, flags, holders, issuers, links, negative_list, oracles,
    orders, ownership, params, pause, refresh, tokens,
};
use crate::state::{
    Config, Ownership, CONFIG, GATE, NEGATIVE_LIST, NEGATIVE_LIST_HISTORY, ORACLE_COUNT, OWNERSHIP,
};
use crate::{query, upgrade};
use crate::{CONTRACT_NAME, CONTRACT_VERSION};
use rwa_gate::registry::{RevokeEligibilityMsg, RevokeMsg};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    // Validate everything before the first write.
    let owner = match msg.owner {
        Some(owner) => deps.api.addr_validate(&owner)?,
        None => info.sender.clone(),
    };
    let pauser = msg.pauser.map(|p| deps.api.addr_validate(&p)).transpose()?;
    let params = msg.params.unwrap_or_default();
    params::validate_params(&params)?;
    params::validate_code_id(msg.token_code_id)?;
    negative_list::validate_list(msg.negative_list.version, &msg.negative_list.digest)?;

    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    CONFIG.save(
        deps.storage,
        &Config {
            pauser: pauser.clone(),
            token_code_id: msg.token_code_id,
            params,
        },
    )?;
    OWNERSHIP.save(
        deps.storage,
        &Ownership {
            owner: Some(owner.clone()),
            pending: None,
        },
    )?;
    GATE.save(
        deps.storage,
        &Gate {
            paused: false,
            epoch: 0,
        },
    )?;
    ORACLE_COUNT.save(deps.storage, &0)?;
    let list = NegativeList {
        version: msg.negative_list.version,
        digest: msg.negative_list.digest,
        published_by: info.sender,
        published_at: env.block.time,
    };
    NEGATIVE_LIST.save(deps.storage, &list)?;
    NEGATIVE_LIST_HISTORY.save(deps.storage, list.version, &list)?;

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute(
            "pauser",
            pauser.map(String::from).unwrap_or_else(|| "none".into()),
        )
        .add_attribute("token_code_id", msg.token_code_id.to_string())
        .add_attribute("negative_list_version", list.version.to_string()))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    // Nothing here takes payment: refuse funds before anything else.
    cw_utils::nonpayable(&info)?;
    match msg {
        ExecuteMsg::ProposeOwner { new_owner } => ownership::propose(deps, info, new_owner),
        ExecuteMsg::AcceptOwnership {} => ownership::accept(deps, info),
        ExecuteMsg::CancelOwnershipTransfer {} => ownership::cancel(deps, info),
        ExecuteMsg::RenounceOwnership {} => ownership::renounce(deps, info),
        ExecuteMsg::SetPauser { pauser } => params::set_pauser(deps, info, pauser),
        ExecuteMsg::UpdateParams(update) => params::update(deps, info, update),
        ExecuteMsg::AddOracle { address, scopes } => oracles::add(deps, env, info, address, scopes),
        ExecuteMsg::UpdateOracleScopes { address, scopes } => {
            oracles::update_scopes(deps, info, address, scopes)
        }
        ExecuteMsg::SuspendOracle { address } => oracles::suspend(deps, info, address),
        ExecuteMsg::ReactivateOracle { address } => oracles::reactivate(deps, info, address),
        ExecuteMsg::RemoveOracle { address } => oracles::remove(deps, info, address),
        ExecuteMsg::ApproveIssuer { address } => issuers::approve(deps, env, info, address),
        ExecuteMsg::RevokeIssuer { address } => issuers::revoke(deps, info, address),
        ExecuteMsg::MigrateTokens {
            code_id,
            start_after,
            limit,
        } => tokens::migrate(deps, env, info, code_id, start_after, limit),
        ExecuteMsg::Pause { asset } => pause::pause(deps, env, info, asset),
        ExecuteMsg::Unpause { asset } => pause::unpause(deps, env, info, asset),
        ExecuteMsg::RegisterEntity { id } => assets::register_entity(deps, env, info, id),
        ExecuteMsg::RegisterAsset {
            id,
            filing_entity,
            related_parties,
            plan,
            token,
        } => assets::register_asset(
            deps,
            env,
            info,
            assets::NewAsset {
                id,
                filing_entity,
                related_parties,
                plan,
                token,
            },
        ),
        ExecuteMsg::UpdatePlan { asset, plan } => assets::update_plan(deps, env, info, asset, plan),
        ExecuteMsg::ReportSignificantMatter { asset, evidence } => {
            assets::report_significant_matter(deps, env, info, asset, evidence)
        }
        ExecuteMsg::AddMinter { asset, minter } => {
            assets::add_minter(deps, env, info, asset, minter)
        }
        ExecuteMsg::RemoveMinter { asset, minter } => {
            assets::remove_minter(deps, env, info, asset, minter)
        }
        ExecuteMsg::UpdateRelatedParties {
            asset,
            related_parties,
        } => assets::update_related_parties(deps, env, info, asset, related_parties),
        ExecuteMsg::RetireAsset { asset } => assets::retire(deps, env, info, asset),
        ExecuteMsg::SetLinkAllowance {
            entity,
            issuer,
            limit,
        } => links::set_allowance(deps, info, entity, issuer, limit),
        ExecuteMsg::Attest(statement) => attest::attest(deps, env, info, statement),
        ExecuteMsg::Revoke(RevokeMsg { id, evidence }) => {
            attest::revoke(deps, env, info, id, evidence)
        }
        ExecuteMsg::Batch { actions } => batch::batch(deps, env, info, actions),
        ExecuteMsg::SetSigningKey { public_key } => {
            delegation::set_signing_key(deps, info, public_key)
        }
        ExecuteMsg::Relay { statement } => delegation::relay(deps, env, info, statement),
        ExecuteMsg::RaiseFlag {
            subject,
            reason,
            evidence,
        } => flags::raise(deps, env, info, subject, reason, evidence),
        ExecuteMsg::ClearFlag { id, conclusion } => flags::clear(deps, env, info, id, conclusion),
        ExecuteMsg::PublishNegativeList { version, digest } => {
            negative_list::publish(deps, env, info, version, digest)
        }
        ExecuteMsg::AttestEligibility(statement) => {
            holders::attest_eligibility(deps, env, info, statement)
        }
        ExecuteMsg::RevokeEligibility(RevokeEligibilityMsg { account, evidence }) => {
            holders::revoke_eligibility(deps, env, info, account, evidence)
        }
        ExecuteMsg::RecoverAccount {
            asset,
            lost,
            replacement,
        } => holders::recover_account(deps, env, info, asset, lost, replacement),
        ExecuteMsg::AttestOrder {
            asset,
            order,
            from,
            to,
            amount,
        } => orders::attest_order(
            deps,
            env,
            info,
            orders::OrderStatement {
                asset,
                order,
                from,
                to,
                amount,
            },
        ),
        ExecuteMsg::ExecuteOrder { order } => orders::execute_order(deps, env, info, order),
        ExecuteMsg::RefreshClearance { asset } => refresh::one(deps, env, asset),
        ExecuteMsg::RefreshClearances { start_after, limit } => {
            refresh::page(deps, env, start_after, limit)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    assets::token_instantiated(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    // The 3-argument form: the 4-argument one needs `cosmwasm_2_2`, which wasmvm 2.1 rejects.
    let stored = cw2::get_contract_version(deps.storage)?;
    if stored.contract != CONTRACT_NAME {
        return Err(ContractError::WrongContract {
            expected: CONTRACT_NAME.to_string(),
            found: stored.contract,
        });
    }
    let stored_version: semver::Version = stored.version.parse()?;
    let current_version: semver::Version = CONTRACT_VERSION.parse()?;
    if stored_version > current_version {
        return Err(ContractError::CannotMigrateDowngrade {
            stored: stored.version,
            current: CONTRACT_VERSION.to_string(),
        });
    }
    upgrade::from(&stored_version)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", stored.version)
        .add_attribute("to_version", CONTRACT_VERSION))
}
