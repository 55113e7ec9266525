//! Gathers the plain data [`judge_movement`] needs, through [`HolderRecords`]: the token reads
//! its own counters and the registry's statements (raw queries); the registry's
//! `check_transfer` reads its own statements and the token's counters (raw queries). One
//! function, so the pre-flight and the movement can never disagree.

use cosmwasm_std::{Addr, StdResult, Storage, Timestamp, Uint128};

use super::{
    judge_movement, CountersAfter, DistributionTerms, EligibilityRecord, EligibilityStatus,
    HolderCounters, Holding, Movement, MovementDecision, MovementRequest,
};
use crate::records::{holder_key, save_holder_count};

/// Where the holder rule's records are, seen from the contract that judges.
pub trait HolderRecords {
    /// The account's current eligibility statement.
    fn statement(&self, account: &Addr) -> StdResult<Option<EligibilityRecord>>;
    /// Whether an oracle enrolment may still vouch for eligibility.
    fn stands(&self, enrolment: u64) -> StdResult<bool>;
    /// The counters of a holder (by [`holder_key`]).
    fn holding(&self, key: &[u8]) -> StdResult<Holding>;
    /// Distinct holders with a counted balance.
    fn holders(&self) -> StdResult<u32>;
}

/// One movement to judge, under `terms`.
pub struct MovementQuery<'a> {
    pub now: Timestamp,
    pub terms: &'a DistributionTerms,
    /// The registry's gate epoch, when the caller has read the gate: while a statement's epoch
    /// equals it, its oracle still stands without a read.
    pub gate_epoch: Option<u64>,
    pub movement: Movement,
    pub from: Option<&'a Addr>,
    pub to: &'a Addr,
    pub amount: Uint128,
}

/// What a movement allowed by the holder rule writes: the counters of the holders it touched.
pub struct CounterWrites {
    receiver_key: Vec<u8>,
    sender_key: Option<Vec<u8>>,
    holders_before: u32,
    after: CountersAfter,
}

impl CounterWrites {
    pub fn save(&self, storage: &mut dyn Storage) {
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
    records: &impl HolderRecords,
    receiver_key: &[u8],
    from: Option<&Addr>,
) -> StdResult<(HolderCounters, Option<Vec<u8>>)> {
    let sender_key = match from {
        None => None,
        Some(from) => {
            let statement = records.statement(from)?;
            Some(holder_key(statement.as_ref().map(|r| &r.statement), from))
        }
    };
    let counters = HolderCounters {
        receiver: records.holding(receiver_key)?,
        sender: match &sender_key {
            Some(key) => Some(records.holding(key)?),
            None => None,
        },
        same_holder: sender_key.as_deref() == Some(receiver_key),
        holders: records.holders()?,
    };
    Ok((counters, sender_key))
}

/// Judges one movement: every reason it may not happen, and the counters to write when it may.
pub fn judge_with(
    records: &impl HolderRecords,
    q: &MovementQuery,
) -> StdResult<(MovementDecision, Option<CounterWrites>)> {
    let record = records.statement(q.to)?;
    let eligibility = record.as_ref().map(|r| &r.statement);
    // The oracle matters only for a statement that still stands by itself.
    let oracle_stands = match eligibility.filter(|e| e.status == EligibilityStatus::Eligible) {
        Some(e) if q.gate_epoch == Some(e.epoch) => true,
        Some(e) => records.stands(e.enrolment)?,
        None => false,
    };
    let (counters, keys) = if q.terms.has_limits() {
        let receiver_key = holder_key(eligibility, q.to);
        let (counters, sender_key) = read_counters(records, &receiver_key, q.from)?;
        (Some(counters), Some((receiver_key, sender_key)))
    } else {
        (None, None)
    };
    let (decision, after) = judge_movement(&MovementRequest {
        now: q.now,
        movement: q.movement,
        amount: q.amount,
        terms: q.terms,
        receiver: q.to,
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
