//! The holder side of the reference model: who may hold the bond once minted (issue 19), in a
//! bounded form: the plan's distribution terms (admitted classes, excluded jurisdictions,
//! lock-up; no per-holder limits), and the eligibility statements of one eligibility oracle
//! (`kyc`, enrolled at the start) about the model's accounts.
//!
//! What the model encodes (docs/RULES.md, "who may hold"):
//! - Without terms in force, anyone may receive. With terms, a mint or transfer reaches an
//!   account only if its statement is neither revoked nor expired, the oracle that made it is
//!   active, its class is admitted and its jurisdiction not excluded; a transfer (not a mint)
//!   is also refused before the lock-up ends.
//! - A statement replaces the account's earlier one; an account keeps its holder id for good
//!   (even once revoked). Only the oracle that made a statement revokes it, even suspended,
//!   and only once.
//! - A change of terms that only narrows takes effect at once and keeps the filings; one that
//!   admits more voids them like any plan change, and the token enforces what both the terms in
//!   force and the new ones admit until a Filing completes the quorum again.

use super::{Model, Who, DAY, HOLDERS};

/// Default maximum validity of eligibility statements (registry defaults).
pub const MAX_VALIDITY_ELIGIBILITY: u64 = 365 * DAY;
/// The jurisdictions of the model, by index (bit `1 << i` in an exclusion mask).
pub const JURISDICTIONS: [&str; 3] = ["HK", "SG", "US"];
/// The investor classes, by index: retail, professional, institutional (bit `1 << i`).
pub const CLASSES: usize = 3;

/// Distribution terms in the model's terms: sets as bit masks, time in seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Terms {
    /// Admitted classes; `None` admits every class.
    pub classes: Option<u8>,
    /// Excluded jurisdictions.
    pub excluded: u8,
    pub lockup_until: Option<u64>,
}

/// What both admit: the narrower of each part (no terms admit anyone).
pub fn narrowest(a: Option<Terms>, b: Option<Terms>) -> Option<Terms> {
    let (a, b) = match (a, b) {
        (None, None) => return None,
        (Some(t), None) | (None, Some(t)) => return Some(t),
        (Some(a), Some(b)) => (a, b),
    };
    let classes = match (a.classes, b.classes) {
        (Some(x), Some(y)) => Some(x & y),
        (x, y) => x.or(y),
    };
    Some(Terms {
        classes,
        excluded: a.excluded | b.excluded,
        lockup_until: a.lockup_until.max(b.lockup_until),
    })
}

/// `new` admits something `old` does not.
pub fn admits_more(old: Option<Terms>, new: Option<Terms>) -> bool {
    narrowest(old, new) != new
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statement {
    /// The holder id (its seed).
    pub holder: u8,
    /// Index of the investor class.
    pub class: u8,
    /// Index into [`JURISDICTIONS`].
    pub jurisdiction: u8,
    pub expires: u64,
    pub revoked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolderSide {
    /// The eligibility oracle `kyc` is active (not suspended).
    pub kyc_active: bool,
    /// The current statement of each account.
    pub statements: [Option<Statement>; HOLDERS],
    /// The terms of the plan.
    pub plan_terms: Option<Terms>,
    /// The terms the token enforces.
    pub enforced: Option<Terms>,
    /// The plan's terms admit more than the token enforces, until a Filing quorum.
    pub pending: bool,
}

impl Default for HolderSide {
    fn default() -> Self {
        HolderSide {
            kyc_active: true,
            statements: [None; HOLDERS],
            plan_terms: None,
            enforced: None,
            pending: false,
        }
    }
}

impl Model {
    /// Whether account `to` may receive now under the terms in force: by a transfer between
    /// holders (`transfer`) or a mint.
    pub fn may_receive(&self, to: u8, transfer: bool) -> bool {
        let h = &self.holders;
        let Some(t) = h.enforced else {
            return true;
        };
        if transfer && t.lockup_until.is_some_and(|until| self.now < until) {
            return false;
        }
        h.statements[to as usize].is_some_and(|s| {
            !s.revoked
                && self.now < s.expires
                && h.kyc_active
                && t.classes.is_none_or(|c| c & (1 << s.class) != 0)
                && t.excluded & (1 << s.jurisdiction) == 0
        })
    }

    /// `kyc` (or another sender, refused) states that `account` belongs to holder `holder`.
    pub fn attest_eligibility(&mut self, by_kyc: bool, account: u8, s: Statement) -> bool {
        let previous = self.holders.statements[account as usize];
        let ok = by_kyc
            && self.holders.kyc_active
            && s.expires > self.now
            && s.expires - self.now <= MAX_VALIDITY_ELIGIBILITY
            && previous.is_none_or(|p| p.holder == s.holder);
        if !ok {
            return false;
        }
        self.holders.statements[account as usize] = Some(s);
        self.accepted();
        true
    }

    pub fn revoke_eligibility(&mut self, by_kyc: bool, account: u8) -> bool {
        match &mut self.holders.statements[account as usize] {
            Some(s) if by_kyc && !s.revoked => {
                s.revoked = true;
                self.accepted();
                true
            }
            _ => false,
        }
    }

    /// The owner suspends (a registry-wide change: the clearance goes stale) or reactivates
    /// the eligibility oracle.
    pub fn set_kyc_active(&mut self, sender: Who, active: bool) -> bool {
        if sender != Who::Owner || self.holders.kyc_active == active {
            return false;
        }
        self.holders.kyc_active = active;
        self.accepted();
        if !active {
            self.stale = true;
        }
        true
    }

    /// The terms side of an accepted plan change: whether it voids the filings, and what the
    /// token enforces from now on.
    pub(super) fn change_terms(&mut self, new: Option<Terms>) -> bool {
        let h = &mut self.holders;
        let voids = admits_more(h.plan_terms, new);
        h.pending = admits_more(h.enforced, new);
        h.enforced = if h.pending {
            narrowest(h.enforced, new)
        } else {
            new
        };
        h.plan_terms = new;
        voids
    }

    /// After an accepted Filing: terms waiting for a filing take effect once the quorum stands.
    pub(super) fn filed_terms(&mut self) {
        if self.holders.pending && self.quorum_met(super::Kind::Filing) {
            self.holders.pending = false;
            self.holders.enforced = self.holders.plan_terms;
        }
    }

    /// Statement expiries and the end of the lock-up in force, for the time jumps.
    pub(super) fn holder_boundaries(&self) -> impl Iterator<Item = u64> + '_ {
        let h = &self.holders;
        h.statements
            .iter()
            .flatten()
            .map(|s| s.expires)
            .chain(h.enforced.and_then(|t| t.lockup_until))
    }
}
