//! The holder rule on every movement: the shared gathering reads the token's own counters and
//! the registry's statements (two raw queries), and the token applies what it allows. Also the
//! registry-only movements: orders, recoveries, and the terms they run under.

use cosmwasm_std::{Addr, Deps, DepsMut, MessageInfo, Response, StdResult, Timestamp, Uint128};
use rwa_gate::distribution::{
    judge_with, CounterWrites, EligibilityRecord, HolderRecords, Holding, Movement, MovementQuery,
};
use rwa_gate::records::{
    load_holder_count, query_eligibility, query_eligibility_standing, TermsInForce, TransferRules,
};
use rwa_gate::{DistributionTerms, MAX_LIMIT};

use super::move_judged;
use crate::error::ContractError;
use crate::state::{ALLOWANCES, ALLOWANCES_SPENDER, BALANCES, TOKEN_ROUTE};

/// The holder records as the token sees them: its own counters, and the registry's statements
/// and standings by raw query.
struct TokenView<'a> {
    deps: Deps<'a>,
    registry: &'a Addr,
}

impl HolderRecords for TokenView<'_> {
    fn statement(&self, account: &Addr) -> StdResult<Option<EligibilityRecord>> {
        query_eligibility(&self.deps.querier, self.registry, account)
    }

    fn stands(&self, enrolment: u64) -> StdResult<bool> {
        query_eligibility_standing(&self.deps.querier, self.registry, enrolment)
    }

    fn holding(&self, key: &[u8]) -> StdResult<Holding> {
        Holding::load(self.deps.storage, key)
    }

    fn holders(&self) -> StdResult<u32> {
        load_holder_count(self.deps.storage)
    }
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

/// Judges the movement with the shared gathering (`rwa_gate::distribution::judge_with`) and
/// refuses with every reason, or returns what the movement writes.
pub(crate) fn enforce(
    deps: Deps,
    now: Timestamp,
    rules: Rules,
    movement: Movement,
    from: Option<&Addr>,
    to: &Addr,
    amount: Uint128,
) -> Result<Option<CounterWrites>, ContractError> {
    let view = TokenView {
        deps,
        registry: rules.registry,
    };
    let query = MovementQuery {
        now,
        terms: rules.terms,
        gate_epoch: rules.gate_epoch,
        movement,
        from,
        to,
        amount,
    };
    let (decision, writes) = judge_with(&view, &query)?;
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
    // Not `validate`d: the registry checked the plan's terms, and what it puts in force while a
    // widening waits for its filing may admit no class at all (the classes both terms admit).
    let mut route = TOKEN_ROUTE.load(deps.storage)?;
    route.terms = terms.clone().map(Box::new);
    TOKEN_ROUTE.save(deps.storage, &route)?;
    let mut rules = TransferRules::load(deps.storage)?;
    rules.terms = terms.map(|terms| {
        Box::new(TermsInForce {
            registry: info.sender,
            terms,
        })
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
    move_judged(deps, now, &rules, Movement::Order, from, to, amount)
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
