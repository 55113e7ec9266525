//! The registry is the wasm admin of every token it instantiates, so that power over the tokens
//! follows the registry's ownership: only the current owner can migrate them, through here, and
//! a former owner keeps nothing. Each token's own `migrate` still refuses downgrades and foreign
//! contracts.

use cosmwasm_std::{to_json_binary, DepsMut, Env, MessageInfo, Response, WasmMsg};
use rwa_gate::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::error::ContractError;
use crate::execute::assert_owner;
use crate::execute::params::validate_code_id;
use crate::state::ASSETS;

/// `MigrateTokens`: migrates the tokens of a page of assets (in asset id order, at most
/// `MAX_LIMIT`) to `code_id`. Every token of the page must have the registry as its wasm admin
/// (tokens registered before v0.2.0 have the owner of that time: it hands them over with
/// `MsgUpdateAdmin`); if any token refuses, the whole page is undone.
pub fn migrate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    code_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<Response, ContractError> {
    assert_owner(deps.storage, &info.sender)?;
    validate_code_id(code_id)?;
    let limit = limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize;
    let assets = ASSETS.page(deps.storage, start_after.as_deref(), limit)?;
    let msg = to_json_binary(&rwa_gate::token::MigrateMsg {})?;
    let mut response = Response::new();
    for asset in &assets {
        let token = asset
            .token
            .clone()
            .ok_or_else(|| ContractError::TokenNotSet {
                asset: asset.id.clone(),
            })?;
        let admin = deps.querier.query_wasm_contract_info(&token)?.admin;
        if admin.as_ref() != Some(&env.contract.address) {
            return Err(ContractError::NotTokenAdmin {
                asset: asset.id.clone(),
                admin: admin.map(String::from).unwrap_or_else(|| "none".into()),
            });
        }
        response = response.add_message(WasmMsg::Migrate {
            contract_addr: token.into(),
            new_code_id: code_id,
            msg: msg.clone(),
        });
    }
    Ok(response
        .add_attribute("action", "migrate_tokens")
        .add_attribute("code_id", code_id.to_string())
        .add_attribute("migrated", assets.len().to_string())
        .add_attribute(
            "last",
            assets
                .last()
                .map(|a| a.id.clone())
                .unwrap_or_else(|| "none".into()),
        ))
}
