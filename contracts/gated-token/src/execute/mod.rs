//! Execute handlers, one per message, and the few helpers they share.

pub mod allowances;
pub mod freeze;
pub mod mint;
pub mod transfer;

use cosmwasm_std::{Addr, BlockInfo, Deps, DepsMut, Storage, Uint128};

use crate::error::ContractError;
use crate::state::{BALANCES, TOKEN_FROZEN, TOKEN_ROUTE};

/// Refuses while the asset carries freezing flags: one read of the token's own freeze key,
/// absent while transfers are free (the registry pushes every change of it).
pub(crate) fn ensure_unfrozen(deps: Deps) -> Result<(), ContractError> {
    match TOKEN_FROZEN.may_load(deps.storage)? {
        Some(flags) if !flags.is_empty() => Err(ContractError::TransfersFrozen {
            asset: TOKEN_ROUTE.load(deps.storage)?.asset,
            flags,
        }),
        _ => Ok(()),
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
) -> Result<(), ContractError> {
    ensure_unfrozen(deps.as_ref())?;
    if let Some((spender, block)) = spender {
        allowances::deduct_allowance(deps.storage, from, spender, block, amount)?;
    }
    debit(deps.storage, from, amount)?;
    credit(deps.storage, to, amount)?;
    Ok(())
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
