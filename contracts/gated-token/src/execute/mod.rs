//! Execute handlers, one per message, and the few helpers they share.

pub mod allowances;
pub mod mint;
pub mod transfer;

use cosmwasm_std::{Addr, BlockInfo, Deps, DepsMut, Storage, Uint128};
use rwa_gate::keys::FREEZES;

use crate::error::ContractError;
use crate::state::{TokenState, BALANCES, TOKEN_STATE};

/// Loads the token's record and refuses when the registry lists freezing flags on the asset.
/// One storage read and one raw query of the registry: the whole cost of the gate on a transfer.
pub(crate) fn load_unfrozen(deps: Deps) -> Result<TokenState, ContractError> {
    let state = TOKEN_STATE.load(deps.storage)?;
    // A failed read fails closed: a freeze that cannot be ruled out is not ignored.
    let flags = FREEZES
        .query(&deps.querier, state.registry.clone(), &state.asset)
        .map_err(|_| ContractError::RegistryUnreadable {})?;
    match flags {
        Some(flags) if !flags.is_empty() => Err(ContractError::TransfersFrozen {
            asset: state.asset,
            flags,
        }),
        _ => Ok(state),
    }
}

/// The shared body of Transfer, Send, TransferFrom and SendFrom, in their one order: refuse a
/// frozen asset, spend the spender's allowance (the `_from` forms), then move the tokens.
pub(crate) fn move_unfrozen(
    deps: DepsMut,
    from: &Addr,
    to: &Addr,
    spender: Option<(&Addr, &BlockInfo)>,
    amount: Uint128,
) -> Result<TokenState, ContractError> {
    let state = load_unfrozen(deps.as_ref())?;
    if let Some((spender, block)) = spender {
        allowances::deduct_allowance(deps.storage, from, spender, block, amount)?;
    }
    debit(deps.storage, from, amount)?;
    credit(deps.storage, to, amount)?;
    Ok(state)
}

/// Debits `owner`; insufficient balance is an overflow error, as in cw20-base.
pub(crate) fn debit(
    storage: &mut dyn Storage,
    owner: &Addr,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    BALANCES.update(storage, owner, |balance| -> Result<_, ContractError> {
        Ok(balance.unwrap_or_default().checked_sub(amount)?)
    })
}

pub(crate) fn credit(
    storage: &mut dyn Storage,
    owner: &Addr,
    amount: Uint128,
) -> Result<Uint128, ContractError> {
    BALANCES.update(storage, owner, |balance| -> Result<_, ContractError> {
        Ok(balance.unwrap_or_default().checked_add(amount)?)
    })
}
