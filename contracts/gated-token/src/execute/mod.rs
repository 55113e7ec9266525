//! Execute handlers, one per message, and the few helpers they share.

pub mod allowances;
pub mod freeze;
pub mod holders;
pub mod mint;
pub mod transfer;

use cosmwasm_std::{Addr, BlockInfo, DepsMut, Storage, Timestamp, Uint128};
use rwa_gate::records::TransferRules;
use rwa_gate::Movement;

use crate::error::ContractError;
use crate::state::{BALANCES, TOKEN_ROUTE};

/// Refuses while the asset carries freezing flags (R5).
fn ensure_unfrozen(storage: &dyn Storage, rules: &TransferRules) -> Result<(), ContractError> {
    if rules.frozen.is_empty() {
        return Ok(());
    }
    Err(ContractError::TransfersFrozen {
        asset: TOKEN_ROUTE.load(storage)?.asset,
        flags: rules.frozen.clone(),
    })
}

/// The shared body of Transfer, Send, TransferFrom and SendFrom, in their one order: refuse a
/// frozen asset, spend the spender's allowance (the `_from` forms), judge the movement under
/// the distribution terms, then move the tokens. One read of the token's rules, absent while
/// the asset has neither freeze nor terms.
pub(crate) fn move_checked(
    deps: DepsMut,
    block: &BlockInfo,
    from: &Addr,
    to: &Addr,
    spender: Option<&Addr>,
    amount: Uint128,
) -> Result<(), ContractError> {
    let rules = TransferRules::load(deps.storage)?;
    ensure_unfrozen(deps.storage, &rules)?;
    if let Some(spender) = spender {
        allowances::deduct_allowance(deps.storage, from, spender, block, amount)?;
    }
    move_judged(
        deps,
        block.time,
        &rules,
        Movement::Transfer,
        from,
        to,
        amount,
    )
}

/// Judges a movement between holders under the rules' terms (none: nothing to judge), then
/// moves the tokens and saves the holder counters it changed.
pub(crate) fn move_judged(
    deps: DepsMut,
    now: Timestamp,
    rules: &TransferRules,
    movement: Movement,
    from: &Addr,
    to: &Addr,
    amount: Uint128,
) -> Result<(), ContractError> {
    let writes = match &rules.terms {
        Some(t) => holders::enforce(
            deps.as_ref(),
            now,
            holders::Rules::of(t),
            movement,
            Some(from),
            to,
            amount,
        )?,
        None => None,
    };
    debit(deps.storage, from, amount)?;
    credit(deps.storage, to, amount)?;
    if let Some(writes) = writes {
        writes.save(deps.storage);
    }
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
