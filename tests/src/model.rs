//! A small, independent reference model of the issuance rule, for the model-based property
//! tests in `tests/tests/model.rs`.
//!
//! The model is plain Rust state derived from docs/RULES.md, docs/DESIGN.md §3 and the README
//! ("How a decision is made" and the recorded decisions). It does not call `rwa_gate::evaluate`,
//! the registry or the token, and uses none of their types: participants are indices, time is
//! seconds, amounts are `u128`. Every operation predicts whether the contracts accept the
//! message and, if so, applies its effect; the harness checks that the contracts agree.
//!
//! What the model encodes, rule by rule:
//! - A mint of `amount` at `now` is allowed only if issuance is not paused (globally or for the
//!   asset), `amount > 0`, the sender is a minter, the clearance is not stale, a quorum of
//!   distinct trusted oracles hold current, unrevoked, unexpired Filing statements of the current
//!   plan (its digest, posted since the last plan change: every accepted plan update, of any
//!   field, voids earlier filings for good, and an identical plan is refused) made after the last
//!   significant-matter report, a quorum hold current,
//!   unrevoked, unexpired Screening statements against the current negative-list version
//!   (covering every party with a 1,096-day look-back: checked when posted), no flag blocks the
//!   asset or a related entity, and cumulative minted + amount stays within the cap.
//! - An oracle's latest attestation of a kind supersedes its earlier ones; revoking it leaves
//!   the oracle with no statement of that kind.
//! - Registry-wide changes (oracle suspended, removed or narrowed, attestation quorum changed,
//!   new negative-list version) make the clearance stale: it denies until recomputed. Every
//!   change to the asset's own record (attestation, revocation, flag raised or cleared on it or
//!   a related entity, report, plan, minters, asset pause) and every refresh recomputes it.
//! - Trust is judged when the clearance is computed and at mint time: an oracle counts only if
//!   it is trusted now and was trusted at the last recomputation (reactivating an oracle or
//!   widening its scopes adds support only once the clearance is refreshed; fail closed).
//! - Removing an oracle takes its attestations out of all later decisions (docs/DESIGN.md §6):
//!   what a removed oracle attested never counts again, even if the same address is added back.
//! - An R8 flag blocks while `now < offence + 1,096 days`; every other flag until cleared. A
//!   lapsed R8 flag stays active (and clearable) until a new flag on its subject marks it
//!   lapsed; lapsed flags do not count under the 8-active-flags bound.
//! - The cap is min(plan maximum, smallest approved supply of the relied-on filings); the
//!   relied-on filings are the `quorum` latest-expiring qualifying ones (ties: newest first).
//! - R3: each approval the plan names needs a current, unrevoked, unexpired statement of its
//!   kind by a trusted oracle scoped for approvals (quorum 1 each), whatever the plan version or
//!   reports; adding an approval to the plan keeps the filings, dropping one voids them.
//! - Batches and relayed statements ([`Model::all_or_nothing`], [`Model::relay_admits`]): their
//!   actions are judged one after the other as if the oracle had sent each, and when any is
//!   refused nothing is recorded. A relayed statement also needs the oracle active, a key it
//!   registered and still holds (rotated away, removed, or with its enrolment: refused), a
//!   nonce it never used, and a deadline not passed.
//! - Who may hold the tokens once minted (distribution terms, eligibility statements): see
//!   [`holders`]; a mint or transfer also needs the receiver to pass the holder rule, and a
//!   plan change that only narrows the terms keeps the filings.

use std::collections::{BTreeMap, BTreeSet};

pub mod holders;

use holders::{HolderSide, Terms};

pub const DAY: u64 = 86_400;
pub const YEAR: u64 = 365 * DAY;
/// Three years, counted as 1,096 days (R8 lapse, Screening look-back).
pub const THREE_YEARS: u64 = 1_096 * DAY;
/// Default maximum validity of attestations (registry defaults).
pub const MAX_VALIDITY_FILING: u64 = 365 * DAY;
pub const MAX_VALIDITY_SCREENING: u64 = 90 * DAY;
pub const MAX_VALIDITY_APPROVAL: u64 = 365 * DAY;
/// Statement signers: the oracle slots, and the eligibility oracle `kyc`.
pub const KYC_SIGNER: u8 = ORACLE_SLOTS as u8;
/// Bounds of the registry (README, "Bounds").
pub const MAX_ORACLES: usize = 16;
pub const MAX_MINTERS: usize = 8;
pub const MAX_ACTIVE_FLAGS_PER_SUBJECT: usize = 8;
pub const MAX_QUORUM: u32 = 16;

/// Oracle slots the harness uses; slots 0-3 are registered at the start, slot 4 is not.
pub const ORACLE_SLOTS: usize = 5;
/// Holders: 0 is the issuer (first minter), then desk, desk2, alice, bob.
pub const HOLDERS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Filing,
    Screening,
    /// R3 approval 0-2: cross-border investment, foreign exchange, data security.
    Approval(u8),
}

/// What an oracle may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Powers {
    pub filing: bool,
    pub screening: bool,
    pub flags: bool,
    /// The three R3 approvals.
    pub approvals: bool,
}

impl Powers {
    pub const ALL: Powers = Powers {
        filing: true,
        screening: true,
        flags: true,
        approvals: true,
    };
    pub const CLEAN: Powers = Powers {
        filing: true,
        screening: true,
        flags: false,
        approvals: false,
    };

    pub fn allows(&self, kind: Kind) -> bool {
        match kind {
            Kind::Filing => self.filing,
            Kind::Screening => self.screening,
            Kind::Approval(_) => self.approvals,
        }
    }

    pub fn is_empty(&self) -> bool {
        !(self.filing || self.screening || self.flags || self.approvals)
    }

    /// True when `to` lacks a power `self` has.
    pub fn narrowed_by(&self, to: &Powers) -> bool {
        (self.filing && !to.filing)
            || (self.screening && !to.screening)
            || (self.flags && !to.flags)
            || (self.approvals && !to.approvals)
    }
}

/// Who sends a registry message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Owner,
    Pauser,
    Issuer,
    Oracle(u8),
    /// Holds no role at all.
    Stranger,
}

/// What a flag is raised on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subj {
    /// The asset under test.
    Bond,
    /// An asset id that was never registered.
    GhostAsset,
    /// The filing entity.
    Acme,
    /// The controlling shareholder.
    Holdco,
    /// The ultimate controller.
    Founder,
    /// A registered entity linked to no asset.
    Other,
    /// An entity id that was never registered.
    GhostEntity,
}

impl Subj {
    pub fn exists(&self) -> bool {
        !matches!(self, Subj::GhostAsset | Subj::GhostEntity)
    }

    pub fn is_asset(&self) -> bool {
        matches!(self, Subj::Bond | Subj::GhostAsset)
    }

    /// The asset itself or one of its parties.
    pub fn concerns_bond(&self) -> bool {
        matches!(self, Subj::Bond | Subj::Acme | Subj::Holdco | Subj::Founder)
    }
}

/// Flag reasons (R4-R9); R8 carries the offence instant (seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    BarredFromFinancing,
    OwnershipDispute,
    TransferProhibited,
    NegativeList,
    NationalSecurity,
    CriminalRecord { offence: u64 },
    UnderInvestigation,
}

impl Reason {
    pub fn entities_only(&self) -> bool {
        matches!(
            self,
            Reason::CriminalRecord { .. } | Reason::UnderInvestigation
        )
    }

    pub fn freezes(&self) -> bool {
        matches!(self, Reason::OwnershipDispute | Reason::TransferProhibited)
    }

    /// Blocks while the offence lies within the last three years; other reasons always.
    pub fn blocks_at(&self, now: u64) -> bool {
        match self {
            Reason::CriminalRecord { offence } => now < offence.saturating_add(THREE_YEARS),
            _ => true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OracleState {
    pub active: bool,
    pub powers: Powers,
}

#[derive(Clone, Debug)]
pub struct Att {
    /// The id the registry assigns: attestations are numbered 1, 2, ... as accepted.
    pub id: u64,
    pub oracle: u8,
    pub kind: Kind,
    /// Filing: the plan digest it attests (1-3); Screening: the negative-list version.
    pub version: u64,
    /// The number of plan updates accepted before it was posted.
    pub plan_changes: u64,
    pub approved_supply: u128,
    pub expires: u64,
    pub revoked: bool,
    /// Logical time of posting (see [`Model::seq`]).
    pub seq: u64,
    /// How many times its oracle had been removed when it was posted.
    pub generation: u32,
}

#[derive(Clone, Debug)]
pub struct FlagState {
    pub id: u64,
    pub subject: Subj,
    pub reason: Reason,
    pub raiser: u8,
    /// Voters with the removal generation they voted under: a vote cast before its oracle was
    /// removed no longer counts once the oracle is re-added, and it may vote anew.
    pub votes: Vec<(u8, u32)>,
    pub active: bool,
}

/// The reference state.
#[derive(Clone, Debug)]
pub struct Model {
    pub now: u64,
    /// Logical clock: bumped by every accepted message, orders attestations and reports.
    pub seq: u64,
    pub oracles: BTreeMap<u8, OracleState>,
    /// Times each oracle slot has been removed.
    pub removals: [u32; ORACLE_SLOTS],
    /// Oracle trust as of the last recomputation of the asset's clearance.
    pub seen: BTreeMap<u8, OracleState>,
    pub attestations: Vec<Att>,
    /// (oracle, kind) -> id of that oracle's current statement of that kind.
    pub current: BTreeMap<(u8, Kind), u64>,
    pub flags: Vec<FlagState>,
    pub quorum: u32,
    pub flag_quorum: u32,
    pub negative_list: u64,
    /// A registry-wide change happened since the clearance was last computed.
    pub stale: bool,
    /// Logical time of the last significant-matter report.
    pub report: Option<u64>,
    /// The plan's digest (1-3).
    pub plan_version: u64,
    /// Accepted plan updates so far.
    pub plan_changes: u64,
    pub plan_max: u128,
    pub global_paused: bool,
    pub asset_paused: bool,
    pub minters: Vec<u8>,
    pub minted: u128,
    pub balances: [u128; HOLDERS],
    pub holders: HolderSide,
    /// The R3 approvals the plan names, in order.
    pub plan_approvals: Vec<u8>,
    /// The key generation each signer has registered.
    pub keys: BTreeMap<u8, u32>,
    /// Nonces of relayed statements recorded, by signer.
    pub nonces: BTreeSet<(u8, u64)>,
}

impl Model {
    /// The state right after the suite is built: oracles 0-2 with every scope, oracle 3 with
    /// Filing and Screening only, quorum 1, flag quorum 2, negative list 1, plan version 1 with
    /// maximum `plan_max`, the issuer as only minter, no approval required; oracles 0-3 and
    /// `kyc` have registered their key of generation 0.
    pub fn new(now: u64, plan_max: u128) -> Self {
        let mut oracles = BTreeMap::new();
        for (i, powers) in [Powers::ALL, Powers::ALL, Powers::ALL, Powers::CLEAN]
            .into_iter()
            .enumerate()
        {
            oracles.insert(
                i as u8,
                OracleState {
                    active: true,
                    powers,
                },
            );
        }
        Model {
            now,
            seq: 0,
            seen: oracles.clone(),
            oracles,
            removals: [0; ORACLE_SLOTS],
            attestations: vec![],
            current: BTreeMap::new(),
            flags: vec![],
            quorum: 1,
            flag_quorum: 2,
            negative_list: 1,
            stale: false,
            report: None,
            plan_version: 1,
            plan_changes: 0,
            plan_max,
            global_paused: false,
            asset_paused: false,
            minters: vec![0],
            minted: 0,
            balances: [0; HOLDERS],
            holders: HolderSide::default(),
            plan_approvals: vec![],
            keys: [0, 1, 2, 3, KYC_SIGNER]
                .into_iter()
                .map(|s| (s, 0))
                .collect(),
            nonces: BTreeSet::new(),
        }
    }

    // ---------------------------------------------------------------- helpers

    fn accepted(&mut self) {
        self.seq += 1;
    }

    /// The asset's clearance is computed from the records as they stand.
    fn recompute(&mut self) {
        self.stale = false;
        self.seen = self.oracles.clone();
    }

    fn is_owner(who: Who) -> bool {
        who == Who::Owner
    }

    fn active_oracle(&self, who: Who, scoped: impl Fn(&Powers) -> bool) -> bool {
        match who {
            Who::Oracle(o) => self
                .oracles
                .get(&o)
                .is_some_and(|s| s.active && scoped(&s.powers)),
            _ => false,
        }
    }

    fn trusted(state: Option<&OracleState>, kind: Kind) -> bool {
        state.is_some_and(|s| s.active && s.powers.allows(kind))
    }

    /// The oracle's statement of `kind` counts: trusted now and at the last recomputation, and
    /// not made before a removal of the oracle.
    fn counts(&self, att: &Att) -> bool {
        Self::trusted(self.oracles.get(&att.oracle), att.kind)
            && Self::trusted(self.seen.get(&att.oracle), att.kind)
            && att.generation == self.removals[att.oracle as usize]
    }

    /// Current statements of `kind` that qualify at `now`, latest expiry first (ties: newest).
    fn qualifying(&self, kind: Kind) -> Vec<&Att> {
        let mut out: Vec<&Att> = self
            .current
            .iter()
            .filter(|((_, k), _)| *k == kind)
            .filter_map(|(_, id)| self.attestation(*id))
            .filter(|a| !a.revoked && a.expires > self.now && self.counts(a))
            .filter(|a| match kind {
                Kind::Filing => {
                    a.version == self.plan_version
                        && a.plan_changes == self.plan_changes
                        && self.report.is_none_or(|r| a.seq > r)
                }
                Kind::Screening => a.version == self.negative_list,
                Kind::Approval(_) => true,
            })
            .collect();
        out.sort_by(|a, b| b.expires.cmp(&a.expires).then(b.id.cmp(&a.id)));
        out
    }

    pub fn attestation(&self, id: u64) -> Option<&Att> {
        self.attestations.iter().find(|a| a.id == id)
    }

    fn quorum_met(&self, kind: Kind) -> bool {
        self.quorum >= 1 && self.qualifying(kind).len() >= self.quorum as usize
    }

    /// Every approval the plan names stands (quorum 1 each).
    fn approvals_met(&self) -> bool {
        self.plan_approvals
            .iter()
            .all(|a| !self.qualifying(Kind::Approval(*a)).is_empty())
    }

    /// min(plan maximum, smallest approved supply of the relied-on filings); the plan maximum
    /// alone while no Filing quorum stands.
    pub fn cap(&self) -> u128 {
        if !self.quorum_met(Kind::Filing) {
            return self.plan_max;
        }
        let approved = self
            .qualifying(Kind::Filing)
            .into_iter()
            .take(self.quorum as usize)
            .map(|a| a.approved_supply)
            .min()
            .unwrap_or(0);
        approved.min(self.plan_max)
    }

    /// Flags that block the asset now: on the asset or on one of its parties.
    pub fn blocking_flags(&self) -> Vec<u64> {
        self.flags
            .iter()
            .filter(|f| f.active && f.subject.concerns_bond() && f.reason.blocks_at(self.now))
            .map(|f| f.id)
            .collect()
    }

    /// Transfers stop while the asset itself carries an active R5 flag.
    pub fn frozen(&self) -> bool {
        self.flags
            .iter()
            .any(|f| f.active && f.subject == Subj::Bond && f.reason.freezes())
    }

    pub fn supply(&self) -> u128 {
        self.balances.iter().sum()
    }

    /// Future instants at which the decision may change by itself: attestation expiries and
    /// R8 lapses.
    pub fn boundaries(&self) -> Vec<u64> {
        let mut out: Vec<u64> = self
            .attestations
            .iter()
            .map(|a| a.expires)
            .chain(self.flags.iter().filter_map(|f| match f.reason {
                Reason::CriminalRecord { offence } => Some(offence.saturating_add(THREE_YEARS)),
                _ => None,
            }))
            .chain(self.holder_boundaries())
            .filter(|t| *t > self.now)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    // ---------------------------------------------------------------- the issuance rule

    /// The issuance rule: may holder `minter` mint `amount` now?
    pub fn mint_allowed(&self, minter: u8, amount: u128) -> bool {
        !self.global_paused
            && !self.asset_paused
            && amount > 0
            && self.minters.contains(&minter)
            && !self.stale
            && self.quorum_met(Kind::Filing)
            && self.quorum_met(Kind::Screening)
            && self.approvals_met()
            && self.blocking_flags().is_empty()
            && self
                .minted
                .checked_add(amount)
                .is_some_and(|total| total <= self.cap())
    }

    // ---------------------------------------------------------------- token

    pub fn mint(&mut self, minter: u8, to: u8, amount: u128) -> bool {
        if !self.mint_allowed(minter, amount) || !self.may_receive(to, false) {
            return false;
        }
        self.minted += amount;
        self.balances[to as usize] += amount;
        self.accepted();
        true
    }

    pub fn transfer(&mut self, from: u8, to: u8, amount: u128) -> bool {
        if amount == 0
            || self.frozen()
            || self.balances[from as usize] < amount
            || !self.may_receive(to, true)
        {
            return false;
        }
        self.balances[from as usize] -= amount;
        self.balances[to as usize] += amount;
        self.accepted();
        true
    }

    /// Burns are never frozen and never free room under the cap.
    pub fn burn(&mut self, from: u8, amount: u128) -> bool {
        if amount == 0 || self.balances[from as usize] < amount {
            return false;
        }
        self.balances[from as usize] -= amount;
        self.accepted();
        true
    }

    // ---------------------------------------------------------------- attestations

    /// Posts a statement valid for `valid_for` seconds. Returns the new attestation id.
    /// `version` is the plan version (Filing) or negative-list version (Screening) it names;
    /// `complete` is false when a Screening misses a party or looks back less than 1,096 days.
    pub fn attest(
        &mut self,
        oracle: u8,
        kind: Kind,
        version: u64,
        approved_supply: u128,
        valid_for: u64,
        complete: bool,
    ) -> Option<u64> {
        let max_validity = match kind {
            Kind::Filing => MAX_VALIDITY_FILING,
            Kind::Screening => MAX_VALIDITY_SCREENING,
            Kind::Approval(_) => MAX_VALIDITY_APPROVAL,
        };
        let ok = self.active_oracle(Who::Oracle(oracle), |p| p.allows(kind))
            && valid_for > 0
            && valid_for <= max_validity
            && match kind {
                Kind::Filing => version == self.plan_version && approved_supply > 0,
                Kind::Screening => version == self.negative_list && complete,
                // `complete`: its reference is well-formed.
                Kind::Approval(_) => complete,
            };
        if !ok {
            return None;
        }
        let id = self.attestations.len() as u64 + 1;
        self.accepted();
        self.attestations.push(Att {
            id,
            oracle,
            kind,
            version,
            plan_changes: self.plan_changes,
            approved_supply,
            expires: self.now + valid_for,
            revoked: false,
            seq: self.seq,
            generation: self.removals[oracle as usize],
        });
        self.current.insert((oracle, kind), id);
        self.recompute();
        if kind == Kind::Filing {
            self.filed_terms();
        }
        Some(id)
    }

    /// Only the author revokes, once; its older statements do not revive.
    pub fn revoke(&mut self, sender: Who, id: u64) -> bool {
        let Some(att) = self.attestations.iter_mut().find(|a| a.id == id) else {
            return false;
        };
        if sender != Who::Oracle(att.oracle) || att.revoked {
            return false;
        }
        att.revoked = true;
        let key = (att.oracle, att.kind);
        if self.current.get(&key) == Some(&id) {
            self.current.remove(&key);
        }
        self.accepted();
        self.recompute();
        true
    }

    // ---------------------------------------------------------------- flags

    pub fn raise_flag(&mut self, sender: Who, subject: Subj, reason: Reason) -> Option<u64> {
        let Who::Oracle(raiser) = sender else {
            return None;
        };
        // An R8 flag whose offence is over three years old can never block again: a new flag
        // on the subject marks it lapsed, so it no longer counts under the bound (README).
        let now = self.now;
        let live_on_subject = self
            .flags
            .iter()
            .filter(|f| f.active && f.subject == subject && f.reason.blocks_at(now))
            .count();
        let ok = self.active_oracle(sender, |p| p.flags)
            && subject.exists()
            && !(subject.is_asset() && reason.entities_only())
            && !matches!(reason, Reason::CriminalRecord { offence } if offence > now)
            && live_on_subject < MAX_ACTIVE_FLAGS_PER_SUBJECT;
        if !ok {
            return None;
        }
        for f in self
            .flags
            .iter_mut()
            .filter(|f| f.active && f.subject == subject && !f.reason.blocks_at(now))
        {
            f.active = false;
        }
        let id = self.flags.len() as u64 + 1;
        self.flags.push(FlagState {
            id,
            subject,
            reason,
            raiser,
            votes: vec![],
            active: true,
        });
        self.accepted();
        if subject.concerns_bond() {
            self.recompute();
        }
        Some(id)
    }

    /// The owner clears at once; a flag-scoped oracle other than the raiser votes, and the
    /// flag clears once `flag_quorum` votes of currently active flag-scoped oracles stand.
    pub fn clear_flag(&mut self, sender: Who, id: u64) -> bool {
        let Some(index) = self.flags.iter().position(|f| f.id == id) else {
            return false;
        };
        if !self.flags[index].active {
            return false;
        }
        let clears = if Self::is_owner(sender) {
            true
        } else {
            let Who::Oracle(voter) = sender else {
                return false;
            };
            let flag = &self.flags[index];
            if !self.active_oracle(sender, |p| p.flags)
                || flag.raiser == voter
                || flag.votes.contains(&(voter, self.removals[voter as usize]))
            {
                return false;
            }
            let generation = self.removals[voter as usize];
            self.flags[index].votes.push((voter, generation));
            let flag = &self.flags[index];
            let counted = flag
                .votes
                .iter()
                .filter(|(v, _)| *v != flag.raiser)
                .filter(|(v, g)| {
                    *g == self.removals[*v as usize]
                        && self
                            .oracles
                            .get(v)
                            .is_some_and(|o| o.active && o.powers.flags)
                })
                .count();
            counted >= self.flag_quorum as usize
        };
        self.accepted();
        if clears {
            self.flags[index].active = false;
            if self.flags[index].subject.concerns_bond() {
                self.recompute();
            }
        }
        true
    }

    // ---------------------------------------------------------------- oracles and params

    pub fn add_oracle(&mut self, sender: Who, oracle: u8, powers: Powers) -> bool {
        if !Self::is_owner(sender)
            || self.oracles.contains_key(&oracle)
            || powers.is_empty()
            || self.oracles.len() >= MAX_ORACLES
        {
            return false;
        }
        self.oracles.insert(
            oracle,
            OracleState {
                active: true,
                powers,
            },
        );
        self.accepted();
        true
    }

    pub fn update_scopes(&mut self, sender: Who, oracle: u8, powers: Powers) -> bool {
        if !Self::is_owner(sender) || powers.is_empty() {
            return false;
        }
        let Some(state) = self.oracles.get_mut(&oracle) else {
            return false;
        };
        let narrowed = state.powers.narrowed_by(&powers);
        state.powers = powers;
        self.accepted();
        if narrowed {
            self.stale = true;
        }
        true
    }

    pub fn suspend(&mut self, sender: Who, oracle: u8) -> bool {
        match self.oracles.get_mut(&oracle) {
            Some(state) if Self::is_owner(sender) && state.active => {
                state.active = false;
                self.accepted();
                self.stale = true;
                true
            }
            _ => false,
        }
    }

    pub fn reactivate(&mut self, sender: Who, oracle: u8) -> bool {
        match self.oracles.get_mut(&oracle) {
            Some(state) if Self::is_owner(sender) && !state.active => {
                state.active = true;
                self.accepted();
                true
            }
            _ => false,
        }
    }

    pub fn remove(&mut self, sender: Who, oracle: u8) -> bool {
        if !Self::is_owner(sender) || self.oracles.remove(&oracle).is_none() {
            return false;
        }
        self.removals[oracle as usize] += 1;
        // Trust in a key ends with the enrolment.
        self.keys.remove(&oracle);
        self.accepted();
        self.stale = true;
        true
    }

    pub fn update_params(
        &mut self,
        sender: Who,
        quorum: Option<u32>,
        flag_quorum: Option<u32>,
    ) -> bool {
        let valid = |q: Option<u32>| q.is_none_or(|q| (1..=MAX_QUORUM).contains(&q));
        if !Self::is_owner(sender) || !valid(quorum) || !valid(flag_quorum) {
            return false;
        }
        if let Some(q) = flag_quorum {
            self.flag_quorum = q;
        }
        if let Some(q) = quorum {
            if q != self.quorum {
                self.quorum = q;
                self.stale = true;
            }
        }
        self.accepted();
        true
    }

    pub fn publish_negative_list(&mut self, sender: Who, version: u64) -> bool {
        let allowed = Self::is_owner(sender) || self.active_oracle(sender, |p| p.screening);
        if !allowed || self.negative_list.checked_add(1) != Some(version) {
            return false;
        }
        self.negative_list = version;
        self.accepted();
        self.stale = true;
        true
    }

    // ---------------------------------------------------------------- issuer

    /// Any change makes a new plan, except one that only narrows the terms; re-submitting the
    /// plan in force is refused.
    pub fn update_plan(
        &mut self,
        sender: Who,
        version: u64,
        max: u128,
        terms: Option<Terms>,
    ) -> bool {
        let core_changed = version != self.plan_version || max != self.plan_max;
        let unchanged = !core_changed && terms == self.holders.plan_terms;
        if sender != Who::Issuer || max == 0 || unchanged {
            return false;
        }
        let widened = self.change_terms(terms);
        self.plan_version = version;
        if core_changed || widened {
            self.plan_changes += 1;
        }
        self.plan_max = max;
        self.accepted();
        self.recompute();
        true
    }

    /// The plan in force naming `approvals` instead: by the issuer, each approval once, not
    /// the plan in force; dropping one voids the filings, adding one keeps them.
    pub fn set_approvals(&mut self, sender: Who, approvals: Vec<u8>) -> bool {
        let repeated = approvals
            .iter()
            .enumerate()
            .any(|(i, a)| approvals[..i].contains(a));
        if sender != Who::Issuer || repeated || approvals == self.plan_approvals {
            return false;
        }
        if self.plan_approvals.iter().any(|a| !approvals.contains(a)) {
            self.plan_changes += 1;
        }
        self.plan_approvals = approvals;
        self.accepted();
        self.recompute();
        true
    }

    /// R2: by the issuer or an active Filing-scoped oracle.
    pub fn report(&mut self, sender: Who) -> bool {
        if sender != Who::Issuer && !self.active_oracle(sender, |p| p.filing) {
            return false;
        }
        self.accepted();
        self.report = Some(self.seq);
        self.recompute();
        true
    }

    pub fn add_minter(&mut self, sender: Who, holder: u8) -> bool {
        if sender != Who::Issuer
            || self.minters.contains(&holder)
            || self.minters.len() >= MAX_MINTERS
        {
            return false;
        }
        self.minters.push(holder);
        self.accepted();
        self.recompute();
        true
    }

    /// The issuer or the owner (revoking an issuer does not reach into its minters).
    pub fn remove_minter(&mut self, sender: Who, holder: u8) -> bool {
        let authorized = sender == Who::Issuer || Self::is_owner(sender);
        if !authorized || !self.minters.contains(&holder) {
            return false;
        }
        self.minters.retain(|m| *m != holder);
        self.accepted();
        self.recompute();
        true
    }

    // ---------------------------------------------------------------- pause, refresh, time

    /// The owner or the pauser pauses; only the owner unpauses. Pausing what is paused (or
    /// unpausing what is not) is refused.
    pub fn set_paused(&mut self, sender: Who, asset: bool, paused: bool) -> bool {
        let authorized = if paused {
            matches!(sender, Who::Owner | Who::Pauser)
        } else {
            sender == Who::Owner
        };
        let current = if asset {
            self.asset_paused
        } else {
            self.global_paused
        };
        if !authorized || current == paused {
            return false;
        }
        if asset {
            self.asset_paused = paused;
            self.recompute();
        } else {
            self.global_paused = paused;
        }
        self.accepted();
        true
    }

    /// Anyone may refresh the asset's clearance.
    pub fn refresh(&mut self) -> bool {
        self.accepted();
        self.recompute();
        true
    }

    pub fn advance(&mut self, seconds: u64) {
        self.now += seconds;
    }

    // ---------------------------------------------------------------- batches and relays

    /// A batch or a relayed statement's actions: `actions` applies them one after the other to
    /// the model and says whether every one was accepted; when one was not, nothing stays.
    pub fn all_or_nothing(&mut self, actions: impl FnOnce(&mut Model) -> bool) -> bool {
        let before = self.clone();
        let ok = actions(self);
        if !ok {
            *self = before;
        }
        ok
    }

    fn signer_active(&self, signer: u8) -> bool {
        if signer == KYC_SIGNER {
            self.holders.kyc_active
        } else {
            self.oracles.get(&signer).is_some_and(|o| o.active)
        }
    }

    /// An oracle, active or suspended, registers the key of generation `key` (`None`
    /// removes its key).
    pub fn set_key(&mut self, signer: u8, key: Option<u32>) -> bool {
        let registered = signer == KYC_SIGNER || self.oracles.contains_key(&signer);
        if !registered {
            return false;
        }
        match key {
            Some(generation) => self.keys.insert(signer, generation),
            None => self.keys.remove(&signer),
        };
        self.accepted();
        true
    }

    /// Whether a statement of `signer` with `nonce`, good until `deadline` (seconds), signed
    /// with its key of generation `signed_with` (`None`: a key it never registered), may be
    /// relayed now, its actions aside.
    pub fn relay_admits(
        &self,
        signer: u8,
        nonce: u64,
        deadline: u64,
        signed_with: Option<u32>,
    ) -> bool {
        self.now <= deadline
            && self.signer_active(signer)
            && !self.nonces.contains(&(signer, nonce))
            && signed_with.is_some_and(|key| self.keys.get(&signer) == Some(&key))
    }

    /// A relayed statement that was admitted and whose actions were all accepted: its nonce
    /// is spent.
    pub fn spend_nonce(&mut self, signer: u8, nonce: u64) {
        self.nonces.insert((signer, nonce));
    }
}
