//! Court and regulator orders: attested by an order oracle, carried out once by the issuer.

use cosmwasm_std::{to_json_binary, DepsMut, Env, MessageInfo, Response, Uint128, WasmMsg};
use rwa_gate::registry::Order;
use rwa_gate::{validate, Evidence};

use super::assets::assert_approved_asset_issuer;
use super::{load_asset, require_active_oracle};
use crate::error::ContractError;
use crate::state::ORDERS;

/// What an order oracle states: the order and exactly what it moves.
pub struct OrderStatement {
    pub asset: String,
    pub order: Evidence,
    pub from: String,
    pub to: String,
    pub amount: Uint128,
}

pub fn attest_order(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    s: OrderStatement,
) -> Result<Response, ContractError> {
    require_active_oracle(deps.storage, &info.sender, |scopes| scopes.orders)?;
    validate::evidence("order", &s.order)?;
    let asset = load_asset(deps.storage, &s.asset)?;
    if asset.token.is_none() {
        return Err(ContractError::TokenNotSet { asset: s.asset });
    }
    let from = deps.api.addr_validate(&s.from)?;
    let to = deps.api.addr_validate(&s.to)?;
    if from == to {
        return Err(ContractError::SameAccount {});
    }
    if s.amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    // A digest names one order for good: attested once, so it can never be carried out twice.
    if ORDERS.has(deps.storage, &s.order.digest) {
        return Err(ContractError::OrderExists {
            order: s.order.digest,
        });
    }
    let order = Order {
        order: s.order,
        asset: s.asset,
        from,
        to,
        amount: s.amount,
        attested_by: info.sender,
        attested_at: env.block.time,
        executed_at: None,
    };
    ORDERS.save(deps.storage, &order.order.digest, &order)?;
    Ok(Response::new()
        .add_attribute("action", "attest_order")
        .add_attribute("order", &order.order.digest)
        .add_attribute("asset", &order.asset)
        .add_attribute("from", &order.from)
        .add_attribute("to", &order.to)
        .add_attribute("amount", order.amount)
        .add_attribute("oracle", &order.attested_by))
}

/// The issuer carries out the order on its token: exactly the attested amount, from and to the
/// attested accounts, once. The token still requires the receiver to be eligible.
pub fn execute_order(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    digest: String,
) -> Result<Response, ContractError> {
    let mut order =
        ORDERS
            .may_load(deps.storage, &digest)?
            .ok_or_else(|| ContractError::OrderNotFound {
                order: digest.clone(),
            })?;
    let asset = load_asset(deps.storage, &order.asset)?;
    assert_approved_asset_issuer(deps.storage, &asset, &info.sender)?;
    if order.executed_at.is_some() {
        return Err(ContractError::OrderExecuted { order: digest });
    }
    let token = asset.token.ok_or(ContractError::TokenNotSet {
        asset: asset.id.clone(),
    })?;
    order.executed_at = Some(env.block.time);
    ORDERS.save(deps.storage, &digest, &order)?;
    let transfer = WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(&rwa_gate::token::ExecuteMsg::MoveByOrder {
            order: digest.clone(),
            from: order.from.to_string(),
            to: order.to.to_string(),
            amount: order.amount,
        })?,
        funds: vec![],
    };
    Ok(Response::new()
        .add_message(transfer)
        .add_attribute("action", "execute_order")
        .add_attribute("order", digest)
        .add_attribute("asset", asset.id)
        .add_attribute("from", order.from)
        .add_attribute("to", order.to)
        .add_attribute("amount", order.amount))
}
