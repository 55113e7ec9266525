//! Who may hold a token once minted: the distribution terms of the filed plan, the eligibility
//! statements of oracles, the per-holder counters, and the pure rule that judges a movement.
//!
//! The token runs [`judge_movement`] on every mint, transfer, send, transfer_from, send_from
//! and ordered transfer; its `check_transfer` query runs the same function, so the pre-flight
//! answer and the execution can never disagree.

use std::fmt;

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Timestamp, Uint128};

use crate::policy::Denial;
use crate::types::{Evidence, NANOS_PER_SECOND};

/// Bounds of the terms, so that every check of them is bounded.
pub const MAX_EXCLUDED_JURISDICTIONS: usize = 64;

/// The investor classes an eligibility oracle may attest.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord, Hash)]
pub enum InvestorClass {
    Retail,
    Professional,
    Institutional,
}

impl InvestorClass {
    pub const ALL: [InvestorClass; 3] = [
        InvestorClass::Retail,
        InvestorClass::Professional,
        InvestorClass::Institutional,
    ];

    /// One bit of a class set.
    pub fn bit(&self) -> u8 {
        match self {
            InvestorClass::Retail => 1,
            InvestorClass::Professional => 2,
            InvestorClass::Institutional => 4,
        }
    }

    pub fn from_bit(bit: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.bit() == bit)
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            InvestorClass::Retail => "retail",
            InvestorClass::Professional => "professional",
            InvestorClass::Institutional => "institutional",
        }
    }
}

impl fmt::Display for InvestorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// At most `amount` may leave one holder within a window of `period_seconds`, opened by its
/// first movement out (T-REX's time-transfer limit).
#[cw_serde]
#[derive(Copy, Eq)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct OutflowLimit {
    pub amount: Uint128,
    pub period_seconds: u64,
}

/// The distribution terms of the plan: to whom, where and how the tokens may be held. Each
/// part is optional; an asset whose plan has no terms lets its token move to anyone.
#[cw_serde]
#[derive(Default, Eq)]
#[serde(deny_unknown_fields)]
#[schemaifier(mute_warnings)]
pub struct DistributionTerms {
    /// Investor classes admitted; `None` admits every class (an eligibility statement is still
    /// needed). Never empty in a plan.
    #[serde(default)]
    pub classes: Option<Vec<InvestorClass>>,
    /// ISO 3166-1 alpha-2 codes whose holders are refused.
    #[serde(default)]
    pub excluded_jurisdictions: Vec<String>,
    /// No transfer between holders before this instant (mints, orders and burns are not held).
    #[serde(default)]
    pub lockup_until: Option<Timestamp>,
    /// Most distinct holder ids with a balance.
    #[serde(default)]
    pub max_holders: Option<u32>,
    /// Most one holder id may hold, over all its accounts.
    #[serde(default)]
    pub max_balance: Option<Uint128>,
    #[serde(default)]
    pub max_outflow: Option<OutflowLimit>,
}

/// Why a set of terms is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermsError {
    #[error("invalid terms: the admitted classes must be a non-empty list without repeats")]
    Classes,
    #[error("invalid terms: jurisdiction {0:?} is not an ISO 3166-1 alpha-2 code (two capitals)")]
    Jurisdiction(String),
    #[error("invalid terms: at most {MAX_EXCLUDED_JURISDICTIONS} distinct excluded jurisdictions")]
    Jurisdictions,
    #[error("invalid terms: limits must be above zero")]
    ZeroLimit,
}

/// ISO 3166-1 alpha-2: two capital letters.
pub fn validate_jurisdiction(code: &str) -> Result<(), TermsError> {
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(TermsError::Jurisdiction(code.to_string()))
    }
}

impl DistributionTerms {
    pub fn validate(&self) -> Result<(), TermsError> {
        if let Some(classes) = &self.classes {
            let mask = class_mask(classes);
            if classes.is_empty() || mask.count_ones() as usize != classes.len() {
                return Err(TermsError::Classes);
            }
        }
        if self.excluded_jurisdictions.len() > MAX_EXCLUDED_JURISDICTIONS {
            return Err(TermsError::Jurisdictions);
        }
        for (i, code) in self.excluded_jurisdictions.iter().enumerate() {
            validate_jurisdiction(code)?;
            if self.excluded_jurisdictions[..i].contains(code) {
                return Err(TermsError::Jurisdictions);
            }
        }
        let zero_outflow = self
            .max_outflow
            .is_some_and(|o| o.amount.is_zero() || o.period_seconds == 0);
        if self.max_holders == Some(0) || self.max_balance == Some(Uint128::zero()) || zero_outflow
        {
            return Err(TermsError::ZeroLimit);
        }
        Ok(())
    }

    /// Any per-holder limit: the token then keeps a counter per holder id.
    pub fn has_limits(&self) -> bool {
        self.max_holders.is_some() || self.max_balance.is_some() || self.max_outflow.is_some()
    }

    pub fn admits_class(&self, class: InvestorClass) -> bool {
        self.classes.as_ref().is_none_or(|c| c.contains(&class))
    }
}

/// The set of classes as one byte.
pub fn class_mask(classes: &[InvestorClass]) -> u8 {
    classes.iter().fold(0, |mask, c| mask | c.bit())
}

fn min_opt<T: Ord + Copy>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// What both sets of terms admit: the narrower of each part (no terms admits anyone). Used to
/// put the narrowing part of a plan change in force at once while its widening part waits for
/// a filing.
pub fn narrowest(
    a: Option<&DistributionTerms>,
    b: Option<&DistributionTerms>,
) -> Option<DistributionTerms> {
    let (a, b) = match (a, b) {
        (None, None) => return None,
        (Some(t), None) | (None, Some(t)) => return Some(t.clone()),
        (Some(a), Some(b)) => (a, b),
    };
    let classes = match (&a.classes, &b.classes) {
        (Some(x), Some(y)) => Some(x.iter().filter(|c| y.contains(c)).copied().collect()),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    let mut excluded = a.excluded_jurisdictions.clone();
    for code in &b.excluded_jurisdictions {
        if !excluded.contains(code) {
            excluded.push(code.clone());
        }
    }
    excluded.sort();
    let outflow = match (a.max_outflow, b.max_outflow) {
        (Some(x), Some(y)) => Some(OutflowLimit {
            amount: x.amount.min(y.amount),
            period_seconds: x.period_seconds.max(y.period_seconds),
        }),
        (x, y) => x.or(y),
    };
    Some(DistributionTerms {
        classes,
        excluded_jurisdictions: excluded,
        lockup_until: a.lockup_until.max(b.lockup_until),
        max_holders: min_opt(a.max_holders, b.max_holders),
        max_balance: min_opt(a.max_balance, b.max_balance),
        max_outflow: outflow,
    })
}

/// True when `new` admits anything `old` does not: such a change voids the filing, like any
/// change of the plan; a change that only narrows takes effect without one.
pub fn admits_more(old: Option<&DistributionTerms>, new: Option<&DistributionTerms>) -> bool {
    let normal = |t: Option<DistributionTerms>| {
        t.map(|mut t| {
            t.excluded_jurisdictions.sort();
            t.classes = t.classes.map(|c| {
                InvestorClass::ALL
                    .into_iter()
                    .filter(|k| c.contains(k))
                    .collect()
            });
            t
        })
    };
    normal(narrowest(old, new)) != normal(new.cloned())
}

/// Whether an eligibility statement still stands.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum EligibilityStatus {
    Eligible,
    Revoked,
    /// Recovered to another account of the same holder: it can never receive again.
    Lost,
}

/// An account's current eligibility statement, as the registry keeps it and the token reads
/// it (one raw query per movement). No personal data: the holder is an opaque digest.
#[cw_serde]
pub struct Eligibility {
    pub account: Addr,
    /// Id of the statement in the account's history.
    pub id: u64,
    pub status: EligibilityStatus,
    pub oracle: Addr,
    /// The oracle's enrolment when it attested: a removed and re-added oracle's old statements
    /// do not count.
    pub enrolment: u64,
    /// The registry's gate epoch when attested. Every loss of an oracle's standing (suspension,
    /// removal, narrowed scopes) bumps the epoch, so while it is unchanged the oracle still
    /// stands: a mint, which reads the gate anyway, then needs no read of the standing.
    pub epoch: u64,
    /// Opaque holder id (lowercase hex SHA-256) linking the accounts of one holder.
    pub holder: String,
    pub class: InvestorClass,
    pub jurisdiction: String,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
}

/// One entry of an account's eligibility history: the statement and its evidence, kept for
/// auditors; revocations and recoveries update it.
#[cw_serde]
pub struct EligibilityRecord {
    pub statement: Eligibility,
    pub evidence: Evidence,
    pub revoked_at: Option<Timestamp>,
    pub revocation: Option<Evidence>,
}

/// What the token keeps per holder id while the terms limit holders: the holder's balance over
/// all its accounts, and its outflow window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    pub balance: Uint128,
    pub window_start: Timestamp,
    pub moved_out: Uint128,
}

/// What kind of movement is judged: lock-up and outflow apply to transfers between holders only.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Movement {
    Mint,
    Transfer,
    /// Ordered by a court or regulator and executed by the issuer.
    Order,
}

/// Plain data for [`judge_movement`]; the token gathers it with its own reads and two raw
/// queries of the registry (the receiver's statement and its oracle).
pub struct MovementRequest<'a> {
    pub now: Timestamp,
    pub movement: Movement,
    pub amount: Uint128,
    pub terms: &'a DistributionTerms,
    pub receiver: &'a Addr,
    pub eligibility: Option<&'a Eligibility>,
    /// The statement's oracle enrolment is still active and eligibility-scoped (a removed,
    /// suspended, re-enrolled or narrowed oracle's statements stop counting at once).
    pub oracle_stands: bool,
    /// Present when the terms have limits.
    pub counters: Option<HolderCounters>,
}

/// The per-holder counters a movement touches, read only when the terms have limits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HolderCounters {
    /// The receiving holder before the movement.
    pub receiver: Holding,
    /// The sending holder before the movement; `None` for a mint.
    pub sender: Option<Holding>,
    /// Sender and receiver are accounts of the same holder.
    pub same_holder: bool,
    /// Distinct holders with a balance before the movement.
    pub holders: u32,
}

/// A holder's counters after a movement, and the count of holders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountersAfter {
    pub receiver: Holding,
    pub sender: Option<Holding>,
    pub holders: u32,
}

/// Every reason the receiver may not receive under the terms, in the words of `check_issuance`.
/// Allocates nothing when the receiver passes: it runs on every transfer.
fn receiver_reasons(req: &MovementRequest, reasons: &mut Vec<Denial>) {
    let account = || req.receiver.clone();
    let Some(e) = req.eligibility else {
        reasons.push(Denial::NotEligible { account: account() });
        return;
    };
    match e.status {
        EligibilityStatus::Lost => return reasons.push(Denial::AccountLost { account: account() }),
        EligibilityStatus::Revoked => {
            return reasons.push(Denial::EligibilityRevoked { account: account() })
        }
        EligibilityStatus::Eligible => {}
    }
    if req.now >= e.expires_at {
        reasons.push(Denial::EligibilityExpired {
            account: account(),
            at: e.expires_at,
        });
    }
    if !req.oracle_stands {
        reasons.push(Denial::EligibilityOracleInactive {
            account: account(),
            oracle: e.oracle.clone(),
        });
    }
    if !req.terms.admits_class(e.class) {
        reasons.push(Denial::ClassNotAdmitted {
            account: account(),
            class: e.class,
        });
    }
    if req.terms.excluded_jurisdictions.contains(&e.jurisdiction) {
        reasons.push(Denial::JurisdictionExcluded {
            account: account(),
            jurisdiction: e.jurisdiction.clone(),
        });
    }
}

/// The outflow window of `holding` at `now`: a window older than the period starts afresh.
fn outflow_window(holding: Holding, limit: OutflowLimit, now: Timestamp) -> Holding {
    let period = limit.period_seconds.saturating_mul(NANOS_PER_SECOND);
    if now.nanos() >= holding.window_start.nanos().saturating_add(period) {
        Holding {
            window_start: now,
            moved_out: Uint128::zero(),
            ..holding
        }
    } else {
        holding
    }
}

/// Applies the movement to the counters and lists what the limits refuse. Overflow is a reason,
/// never a panic.
fn apply_limits(
    req: &MovementRequest,
    c: HolderCounters,
    reasons: &mut Vec<Denial>,
) -> CountersAfter {
    let terms = req.terms;
    let mut after = CountersAfter {
        receiver: c.receiver,
        sender: c.sender,
        holders: c.holders,
    };
    if c.same_holder {
        // Between accounts of one holder nothing changes hands: no limit moves.
        return after;
    }
    let overflow = |reasons: &mut Vec<Denial>| reasons.push(Denial::LimitOverflow);
    match c.receiver.balance.checked_add(req.amount) {
        Ok(balance) => after.receiver.balance = balance,
        Err(_) => overflow(reasons),
    }
    if let Some(max) = terms.max_balance {
        if after.receiver.balance > max {
            reasons.push(Denial::BalanceLimit {
                max,
                balance: after.receiver.balance,
            });
        }
    }
    if let Some(sender) = c.sender {
        let mut s = sender;
        // Balances that predate the counters are not in them: the count never goes below zero.
        s.balance = s.balance.saturating_sub(req.amount);
        if let (Some(limit), Movement::Transfer) = (terms.max_outflow, req.movement) {
            s = outflow_window(s, limit, req.now);
            match s.moved_out.checked_add(req.amount) {
                Ok(moved) => s.moved_out = moved,
                Err(_) => overflow(reasons),
            }
            if s.moved_out > limit.amount {
                reasons.push(Denial::OutflowLimit {
                    max: limit.amount,
                    moved: s.moved_out,
                    window_start: s.window_start,
                });
            }
        }
        if !sender.balance.is_zero() && s.balance.is_zero() {
            after.holders = after.holders.saturating_sub(1);
        }
        after.sender = Some(s);
    }
    if c.receiver.balance.is_zero() && !after.receiver.balance.is_zero() {
        after.holders = after.holders.saturating_add(1);
        if let Some(max) = terms.max_holders.filter(|max| after.holders > *max) {
            reasons.push(Denial::HolderLimit { max });
        }
    }
    after
}

/// The verdict on one movement under distribution terms.
#[cw_serde]
pub struct MovementDecision {
    pub allowed: bool,
    pub reasons: Vec<Denial>,
}

/// The holder rule: the receiver is eligible under the terms, lock-up holds for transfers
/// between holders, and the limits hold after the movement. Lists every reason that applies;
/// returns the counters to store when allowed.
pub fn judge_movement(req: &MovementRequest) -> (MovementDecision, Option<CountersAfter>) {
    let mut reasons = Vec::new();
    if req.amount.is_zero() {
        reasons.push(Denial::ZeroAmount);
    }
    if let (Some(until), Movement::Transfer) = (req.terms.lockup_until, req.movement) {
        if req.now < until {
            reasons.push(Denial::LockedUp { until });
        }
    }
    receiver_reasons(req, &mut reasons);
    let after = req.counters.map(|c| apply_limits(req, c, &mut reasons));
    let decision = MovementDecision {
        allowed: reasons.is_empty(),
        reasons,
    };
    (decision, after)
}

mod gather;
pub use gather::{judge_with, CounterWrites, HolderRecords, MovementQuery};

#[cfg(test)]
mod tests;
