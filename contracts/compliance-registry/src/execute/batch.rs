//! Many oracle actions in one transaction: the sender's own batch, all or nothing. The same
//! runner carries out the actions of a signed statement (`delegation`).

use cosmwasm_std::{Addr, DepsMut, Env, Event, MessageInfo, Response};
use rwa_gate::registry::{OracleAction, MAX_BATCH};

use crate::error::{ContractError, RefusedAction};
use crate::execute::{attest, holders};

/// One action, by `info.sender`: exactly what the message of the same name does.
pub fn perform(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    action: OracleAction,
) -> Result<Response, ContractError> {
    match action {
        OracleAction::Attest {
            asset,
            statement,
            expires_at,
            evidence,
        } => attest::attest(deps, env, info, asset, statement, expires_at, evidence),
        OracleAction::Revoke { id, evidence } => attest::revoke(deps, env, info, id, evidence),
        OracleAction::AttestEligibility {
            account,
            holder,
            class,
            jurisdiction,
            expires_at,
            evidence,
        } => holders::attest_eligibility(
            deps,
            env,
            info,
            holders::EligibilityStatement {
                account,
                holder,
                class,
                jurisdiction,
                expires_at,
                evidence,
            },
        ),
        OracleAction::RevokeEligibility { account, evidence } => {
            holders::revoke_eligibility(deps, env, info, account, evidence)
        }
    }
}

pub fn batch(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    actions: Vec<OracleAction>,
) -> Result<Response, ContractError> {
    let response = perform_all(deps, &env, &info.sender, actions)?;
    Ok(response.add_attribute("action", "batch"))
}

/// Carries out `actions` in order as `oracle`, each seeing what the ones before it recorded.
/// Every action is tried, so that the error names every refused one; when any is refused the
/// whole transaction fails and nothing is recorded. Each action's attributes become an event of
/// its own, with its index.
pub fn perform_all(
    mut deps: DepsMut,
    env: &Env,
    oracle: &Addr,
    actions: Vec<OracleAction>,
) -> Result<Response, ContractError> {
    if actions.is_empty() {
        return Err(ContractError::EmptyBatch {});
    }
    if actions.len() > MAX_BATCH {
        return Err(ContractError::BatchTooLarge { max: MAX_BATCH });
    }
    let count = actions.len();
    let info = MessageInfo {
        sender: oracle.clone(),
        funds: vec![],
    };
    let mut response = Response::new();
    let mut refused = Vec::new();
    for (index, action) in actions.into_iter().enumerate() {
        match perform(deps.branch(), env.clone(), info.clone(), action) {
            Ok(done) => {
                let event = Event::new("oracle_action")
                    .add_attribute("index", index.to_string())
                    .add_attributes(done.attributes);
                response = response.add_submessages(done.messages).add_event(event);
            }
            Err(error) => refused.push(RefusedAction {
                index: index as u32,
                reason: error.to_string(),
            }),
        }
    }
    if !refused.is_empty() {
        return Err(ContractError::BatchRefused { refused });
    }
    Ok(response
        .add_attribute("oracle", oracle)
        .add_attribute("actions", count.to_string()))
}
