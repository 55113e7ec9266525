//! The holder rule on every movement: gathers the plain data [`judge_movement`] needs (the
//! token's own counters, two raw queries of the registry), and applies what it allows. Also the
//! registry-only movements: orders, recoveries, and the terms they run under.

use cosmwasm_std::{Addr, Deps, DepsMut, MessageInfo, Response, Storage, Timestamp, Uint128};
use rwa_gate::distribution::{
    judge_movement, CountersAfter, HolderCounters, Holding, Movement, MovementDecision,
    MovementRequest,
};
use rwa_gate::records::{
    holder_key, load_holder_count, query_eligibility, query_eligibility_standing,
    save_holder_count, TermsInForce, TransferRules,
};
use rwa_gate::{DistributionTerms, EligibilityStatus, MAX_LIMIT};

use super::{credit, debit};
use crate::error::ContractError;
use crate::state::{ALLOWANCES, ALLOWANCES_SPENDER, BALANCES, TOKEN_ROUTE};

/// What a movement allowed by the holder rule writes: the counters of the holders it touched.
pub(crate) struct CounterWrites {
    receiver_key: Vec<u8>,
    sender_key: Option<Vec<u8>>,
    holders_before: u32,
    after: CountersAfter,
}

impl CounterWrites {
    pub(crate) fn save(&self, storage: &mut dyn Storage) {
        self.after.receiver.save(storage, &self.receiver_key);
        if let (Some(key), Some(sender)) = (&self.sender_key, self.after.sender) {
            sender.save(storage, key);
        }
        if self.after.holders != self.holders_before {
            save_holder_count(storage, self.after.holders);
        }
    }
}

/// The counters of the holders a movement touches; read only when the terms have limits.
fn read_counters(
    deps: Deps,
    registry: &Addr,
    receiver_key: &[u8],
    from: Option<&Addr>,
) -> Result<(HolderCounters, Option<Vec<u8>>), ContractError> {
    let sender_key = match from {
        None => None,
        Some(from) => {
            let statement = query_eligibility(&deps.querier, registry, from)?;
            Some(holder_key(statement.as_ref().map(|r| &r.statement), from))
        }
    };
    let same_holder = sender_key.as_deref() == Some(receiver_key);
    let counters = HolderCounters {
        receiver: Holding::load(deps.storage, receiver_key)?,
        sender: match &sender_key {
            Some(key) => Some(Holding::load(deps.storage, key)?),
            None => None,
        },
        same_holder,
        holders: load_holder_count(deps.storage)?,
    };
    Ok((counters, sender_key))
}

/// Judges one movement under `rules`: every reason it may not happen, and the counters to
/// write when it may. The transfer, the mint and the `check_transfer` query all come here.
pub(crate) fn judge(
    deps: Deps,
    now: Timestamp,
    rules: Rules,
    movement: Movement,
    from: Option<&Addr>,
    to: &Addr,
    amount: Uint128,
) -> Result<(MovementDecision, Option<CounterWrites>), ContractError> {
    let Rules {
        registry,
        terms,
        gate_epoch,
    } = rules;
    let record = query_eligibility(&deps.querier, registry, to)?;
    let eligibility = record.as_ref().map(|r| &r.statement);
    // The oracle matters only for a statement that still stands by itself; an unchanged gate
    // epoch (known to a mint) vouches for it without a read.
    let oracle_stands = match eligibility.filter(|e| e.status == EligibilityStatus::Eligible) {
        Some(e) if gate_epoch == Some(e.epoch) => true,
        Some(e) => query_eligibility_standing(&deps.querier, registry, e.enrolment)?,
        None => false,
    };
    let (counters, keys) = if terms.has_limits() {
        let receiver_key = holder_key(eligibility, to);
        let (counters, sender_key) = read_counters(deps, registry, &receiver_key, from)?;
        (Some(counters), Some((receiver_key, sender_key)))
    } else {
        (None, None)
    };
    let (decision, after) = judge_movement(&MovementRequest {
        now,
        movement,
        amount,
        terms,
        receiver: to,
        eligibility,
        oracle_stands,
        counters,
    });
    let writes = match (keys, after, counters) {
        (Some((receiver_key, sender_key)), Some(after), Some(before)) => Some(CounterWrites {
            receiver_key,
            sender_key,
            holders_before: before.holders,
            after,
        }),
        _ => None,
    };
    Ok((decision, writes))
}

/// The terms a movement is judged under, where the statements are, and the registry's gate
/// epoch when the caller has read the gate (a mint).
#[derive(Clone, Copy)]
pub(crate) struct Rules<'a> {
    pub registry: &'a Addr,
    pub terms: &'a DistributionTerms,
    pub gate_epoch: Option<u64>,
}

impl<'a> Rules<'a> {
    pub(crate) fn of(t: &'a TermsInForce) -> Self {
        Rules {
            registry: &t.registry,
            terms: &t.terms,
            gate_epoch: None,
        }
    }
}

/// Refuses with every reason, or returns what the movement writes.
pub(crate) fn enforce(
    deps: Deps,
    now: Timestamp,
    rules: Rules,
    movement: Movement,
    from: Option<&Addr>,
    to: &Addr,
    amount: Uint128,
) -> Result<Option<CounterWrites>, ContractError> {
    let (decision, writes) = judge(deps, now, rules, movement, from, to, amount)?;
    if decision.allowed {
        Ok(writes)
    } else {
        Err(ContractError::MovementDenied {
            reasons: decision.reasons,
        })
    }
}

fn assert_registry(deps: Deps, info: &MessageInfo) -> Result<String, ContractError> {
    let route = TOKEN_ROUTE.load(deps.storage)?;
    if info.sender != route.registry {
        return Err(ContractError::Unauthorized {});
    }
    Ok(route.asset)
}

/// Registry only: the distribution terms in force (`None` lifts them).
pub fn update_terms(
    deps: DepsMut,
    info: MessageInfo,
    terms: Option<DistributionTerms>,
) -> Result<Response, ContractError> {
    let asset = assert_registry(deps.as_ref(), &info)?;
    let mut route = TOKEN_ROUTE.load(deps.storage)?;
    route.terms.clone_from(&terms);
    TOKEN_ROUTE.save(deps.storage, &route)?;
    let mut rules = TransferRules::load(deps.storage)?;
    rules.terms = terms.map(|terms| TermsInForce {
        registry: info.sender,
        terms,
    });
    rules.save(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "update_terms")
        .add_attribute("asset", asset)
        .add_attribute("terms", rules.terms.is_some().to_string()))
}

/// Moves `amount` from `from` to `to` for the registry, which has checked the order or the
/// recovery: no freeze and no allowance apply, the receiver must stand under the terms.
fn move_for_registry(
    deps: DepsMut,
    now: Timestamp,
    from: &Addr,
    to: &Addr,
    amount: Uint128,
) -> Result<(), ContractError> {
    let rules = TransferRules::load(deps.storage)?;
    let writes = match &rules.terms {
        Some(t) => enforce(
            deps.as_ref(),
            now,
            Rules::of(t),
            Movement::Order,
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

/// Registry only: carries out a court or regulator order the registry has checked and marked
/// carried out (so it never runs twice).
pub fn move_by_order(
    deps: DepsMut,
    now: Timestamp,
    info: MessageInfo,
    order: String,
    from: String,
    to: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let asset = assert_registry(deps.as_ref(), &info)?;
    if amount.is_zero() {
        return Err(ContractError::InvalidZeroAmount {});
    }
    let from = deps.api.addr_validate(&from)?;
    let to = deps.api.addr_validate(&to)?;
    move_for_registry(deps, now, &from, &to, amount)?;
    Ok(Response::new()
        .add_attribute("action", "move_by_order")
        .add_attribute("asset", asset)
        .add_attribute("order", order)
        .add_attribute("from", from)
        .add_attribute("to", to)
        .add_attribute("amount", amount))
}

/// Registry only: the whole balance of a lost account goes to its holder's replacement, and
/// the allowances it gave are dropped (at most a page of them; any beyond have nothing left to
/// spend, and the account never receives again).
pub fn recover(
    deps: DepsMut,
    now: Timestamp,
    info: MessageInfo,
    lost: String,
    replacement: String,
) -> Result<Response, ContractError> {
    let asset = assert_registry(deps.as_ref(), &info)?;
    let lost = deps.api.addr_validate(&lost)?;
    let replacement = deps.api.addr_validate(&replacement)?;
    let balance = BALANCES.may_load(deps.storage, &lost)?.unwrap_or_default();
    let storage = deps.storage;
    let spenders = ALLOWANCES
        .prefix(&lost)
        .keys(storage, None, None, cosmwasm_std::Order::Ascending)
        .take(MAX_LIMIT as usize * 4)
        .collect::<Result<Vec<_>, _>>()?;
    for spender in &spenders {
        ALLOWANCES.remove(storage, (&lost, spender));
        ALLOWANCES_SPENDER.remove(storage, (spender, &lost));
    }
    let deps = DepsMut {
        storage,
        api: deps.api,
        querier: deps.querier,
    };
    if !balance.is_zero() {
        move_for_registry(deps, now, &lost, &replacement, balance)?;
    }
    Ok(Response::new()
        .add_attribute("action", "recover")
        .add_attribute("asset", asset)
        .add_attribute("lost", lost)
        .add_attribute("replacement", replacement)
        .add_attribute("amount", balance)
        .add_attribute("allowances_dropped", spenders.len().to_string()))
}
