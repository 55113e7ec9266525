//! The issuance rule as a pure function of plain data.
//!
//! The registry precomputes, per asset, a [`Clearance`]: which attestations support it, until
//! when, and which flags block it. [`evaluate`] judges that record at a given block time for a
//! given amount. The registry's `check_issuance` query and the token's `mint` both call
//! [`evaluate`]: there is no second copy of the rule.

use std::fmt;

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Timestamp, Uint128};

use crate::types::{FlagReason, Subject};

/// Registry-wide state that the token reads next to the clearance.
#[cw_serde]
#[derive(Default, Eq)]
pub struct Gate {
    /// Global pause of issuance.
    pub paused: bool,
    /// Bumped by every change that may take support away from every asset at once (an oracle
    /// suspended, removed or narrowed, a quorum raised or lowered, a new negative-list version).
    /// A clearance computed under an older epoch denies issuance until it is refreshed: the
    /// registry never iterates over all assets in one transaction, and it fails closed meanwhile.
    pub epoch: u64,
}

/// Clean attestations of one kind that an asset can rely on.
#[cw_serde]
#[derive(Default)]
pub struct Support {
    /// Ids of the relied-on attestations, one per distinct oracle, latest expiry first. Holds at
    /// most `need` ids; fewer means the quorum is not met.
    pub attestations: Vec<u64>,
    /// The quorum in force when the clearance was computed.
    pub need: u32,
    /// Earliest expiry among the relied-on attestations.
    pub valid_until: Option<Timestamp>,
    /// Filing only: the smallest supply approved by the relied-on filings.
    pub approved_supply: Option<Uint128>,
}

impl Support {
    pub fn quorum_met(&self) -> bool {
        self.need > 0 && self.attestations.len() >= self.need as usize
    }
}

/// An active flag that blocks the asset, as recorded in its clearance.
#[cw_serde]
pub struct Blocker {
    pub flag: u64,
    pub subject: Subject,
    pub reason: FlagReason,
    /// R8 flags stop blocking at this instant.
    pub lapses_at: Option<Timestamp>,
}

impl Blocker {
    pub fn blocks_at(&self, now: Timestamp) -> bool {
        self.lapses_at.is_none_or(|lapse| now < lapse)
    }
}

/// The precomputed compliance record of one asset, kept by the registry and read by the token
/// with a raw storage query.
#[cw_serde]
pub struct Clearance {
    pub asset: String,
    /// The asset's gated token; any other contract asking is refused.
    pub token: Addr,
    /// [`Gate::epoch`] when computed.
    pub epoch: u64,
    pub retired: bool,
    pub paused: bool,
    pub minters: Vec<Addr>,
    pub plan_max_supply: Uint128,
    pub filing: Support,
    pub screening: Support,
    /// The latest significant-matter report when no quorum of Filing attestations postdates it.
    pub pending_report: Option<u64>,
    pub blockers: Vec<Blocker>,
    pub computed_at: Timestamp,
}

/// One issuance attempt.
#[derive(Clone, Debug, PartialEq)]
pub struct IssuanceRequest<'a> {
    pub now: Timestamp,
    pub amount: Uint128,
    /// Cumulative amount minted so far (burns do not reduce it).
    pub minted: Uint128,
    /// The sender of the mint. `None` when only the asset's record is asked about.
    pub minter: Option<&'a Addr>,
    /// The token asking. `None` when only the asset's record is asked about.
    pub token: Option<&'a Addr>,
}

/// Why an issuance is denied. Every denial that applies is reported at once.
#[cw_serde]
pub enum Denial {
    /// The registry has no clearance for this asset.
    UnknownAsset,
    IssuancePaused,
    AssetPaused,
    AssetRetired,
    ZeroAmount,
    NotMinter {
        address: Addr,
    },
    WrongToken {
        token: Addr,
    },
    /// A registry-wide change happened after the clearance was computed; refresh it.
    ClearanceStale {
        epoch: u64,
        current: u64,
    },
    /// R1.
    FilingQuorumNotMet {
        have: u32,
        need: u32,
    },
    /// R1, R10.
    FilingExpired {
        at: Timestamp,
    },
    /// R2.
    SignificantMatterPending {
        report: u64,
    },
    /// R3–R9.
    ScreeningQuorumNotMet {
        have: u32,
        need: u32,
    },
    /// R3–R9, R10.
    ScreeningExpired {
        at: Timestamp,
    },
    /// R4–R9.
    Flagged {
        flag: u64,
        subject: Subject,
        reason: FlagReason,
    },
    /// R1: cumulative minted would exceed min(plan maximum, approved supply).
    CapExceeded {
        cap: Uint128,
        minted: Uint128,
        requested: Uint128,
    },
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denial::UnknownAsset => f.write_str("no clearance recorded for this asset"),
            Denial::IssuancePaused => f.write_str("issuance is paused"),
            Denial::AssetPaused => f.write_str("issuance of this asset is paused"),
            Denial::AssetRetired => f.write_str("asset is retired"),
            Denial::ZeroAmount => f.write_str("amount is zero"),
            Denial::NotMinter { address } => write!(f, "{address} is not a minter of this asset"),
            Denial::WrongToken { token } => write!(f, "the asset's token is {token}"),
            Denial::ClearanceStale { epoch, current } => write!(
                f,
                "clearance computed at epoch {epoch}, registry is at epoch {current}: refresh it"
            ),
            Denial::FilingQuorumNotMet { have, need } => {
                write!(f, "R1: {have} of {need} Filing attestations")
            }
            Denial::FilingExpired { at } => {
                write!(f, "R1: Filing attestation expired at {}", at.seconds())
            }
            Denial::SignificantMatterPending { report } => write!(
                f,
                "R2: significant matter {report} reported, no newer Filing attestation"
            ),
            Denial::ScreeningQuorumNotMet { have, need } => {
                write!(f, "R3-R9: {have} of {need} Screening attestations")
            }
            Denial::ScreeningExpired { at } => {
                write!(
                    f,
                    "R3-R9: Screening attestation expired at {}",
                    at.seconds()
                )
            }
            Denial::Flagged {
                flag,
                subject,
                reason,
            } => write!(f, "{reason} flag {flag} on {subject}"),
            Denial::CapExceeded {
                cap,
                minted,
                requested,
            } => write!(f, "R1: cap {cap}, minted {minted}, requested {requested}"),
        }
    }
}

/// Renders a list of denials on one line, for error messages.
pub fn describe(reasons: &[Denial]) -> String {
    reasons
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Attestation or flag ids as one event attribute value: "1,2,3".
pub fn join_ids(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}

/// The verdict on one issuance attempt.
#[cw_serde]
pub struct Decision {
    pub allowed: bool,
    pub reasons: Vec<Denial>,
    /// min(plan maximum, approved supply of the relied-on filings).
    pub cap: Uint128,
    /// Filing attestations relied on.
    pub filings: Vec<u64>,
    /// Screening attestations relied on.
    pub screenings: Vec<u64>,
}

/// The issuance rule (DESIGN.md). Adverse beats clean, any doubt denies, and every reason that
/// applies is listed.
pub fn evaluate(gate: &Gate, clearance: Option<&Clearance>, req: &IssuanceRequest) -> Decision {
    let mut reasons = Vec::new();
    if gate.paused {
        reasons.push(Denial::IssuancePaused);
    }
    if req.amount.is_zero() {
        reasons.push(Denial::ZeroAmount);
    }
    let Some(c) = clearance else {
        reasons.push(Denial::UnknownAsset);
        return Decision {
            allowed: false,
            reasons,
            cap: Uint128::zero(),
            filings: vec![],
            screenings: vec![],
        };
    };

    // 1. Pause, status, sender.
    if c.paused {
        reasons.push(Denial::AssetPaused);
    }
    if c.retired {
        reasons.push(Denial::AssetRetired);
    }
    if let Some(minter) = req.minter {
        if !c.minters.contains(minter) {
            reasons.push(Denial::NotMinter {
                address: minter.clone(),
            });
        }
    }
    if let Some(token) = req.token {
        if token != c.token {
            reasons.push(Denial::WrongToken {
                token: c.token.clone(),
            });
        }
    }
    if c.epoch != gate.epoch {
        reasons.push(Denial::ClearanceStale {
            epoch: c.epoch,
            current: gate.epoch,
        });
    }

    // 2. Filing quorum, unexpired, newer than the last significant-matter report.
    if !c.filing.quorum_met() {
        reasons.push(Denial::FilingQuorumNotMet {
            have: c.filing.attestations.len() as u32,
            need: c.filing.need,
        });
    } else if let Some(at) = c.filing.valid_until.filter(|at| req.now >= *at) {
        reasons.push(Denial::FilingExpired { at });
    }
    if let Some(report) = c.pending_report {
        reasons.push(Denial::SignificantMatterPending { report });
    }

    // 3. Screening quorum, unexpired.
    if !c.screening.quorum_met() {
        reasons.push(Denial::ScreeningQuorumNotMet {
            have: c.screening.attestations.len() as u32,
            need: c.screening.need,
        });
    } else if let Some(at) = c.screening.valid_until.filter(|at| req.now >= *at) {
        reasons.push(Denial::ScreeningExpired { at });
    }

    // 4. Adverse beats clean.
    for b in c.blockers.iter().filter(|b| b.blocks_at(req.now)) {
        reasons.push(Denial::Flagged {
            flag: b.flag,
            subject: b.subject.clone(),
            reason: b.reason.clone(),
        });
    }

    // 5. Cap: cumulative, burns do not free room; overflow counts as exceeding.
    let cap = match c.filing.approved_supply {
        Some(approved) if c.filing.quorum_met() => approved.min(c.plan_max_supply),
        _ => c.plan_max_supply,
    };
    let within_cap = req
        .minted
        .checked_add(req.amount)
        .map(|total| total <= cap)
        .unwrap_or(false);
    if !within_cap {
        reasons.push(Denial::CapExceeded {
            cap,
            minted: req.minted,
            requested: req.amount,
        });
    }

    Decision {
        allowed: reasons.is_empty(),
        reasons,
        cap,
        filings: c.filing.attestations.clone(),
        screenings: c.screening.attestations.clone(),
    }
}

/// A qualifying clean attestation offered to [`select_support`]: unrevoked, by a currently
/// active oracle scoped for its kind, and otherwise valid for the asset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub id: u64,
    pub oracle: Addr,
    pub expires_at: Timestamp,
    pub approved_supply: Option<Uint128>,
}

/// Picks the attestations an asset relies on: one per distinct oracle (its latest-expiring
/// candidate), then the `need` latest-expiring of those, so the support lasts as long as any
/// quorum could. Candidates already expired at `now` are dropped.
pub fn select_support(mut candidates: Vec<Candidate>, need: u32, now: Timestamp) -> Support {
    candidates.retain(|c| c.expires_at > now);
    // Latest expiry first; ties go to the newer attestation, so the choice is deterministic.
    candidates.sort_by(|a, b| b.expires_at.cmp(&a.expires_at).then(b.id.cmp(&a.id)));
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in candidates {
        if chosen.len() >= need as usize {
            break;
        }
        if chosen.iter().all(|x| x.oracle != c.oracle) {
            chosen.push(c);
        }
    }
    let met = need > 0 && chosen.len() >= need as usize;
    Support {
        valid_until: if met {
            chosen.iter().map(|c| c.expires_at).min()
        } else {
            None
        },
        approved_supply: if met {
            chosen.iter().filter_map(|c| c.approved_supply).min()
        } else {
            None
        },
        attestations: chosen.into_iter().map(|c| c.id).collect(),
        need,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> Addr {
        Addr::unchecked(s)
    }

    const NOW: u64 = 1_800_000_000;

    fn clean() -> Clearance {
        Clearance {
            asset: "a1".into(),
            token: addr("token"),
            epoch: 0,
            retired: false,
            paused: false,
            minters: vec![addr("minter")],
            plan_max_supply: Uint128::new(1_000),
            filing: Support {
                attestations: vec![1],
                need: 1,
                valid_until: Some(Timestamp::from_seconds(NOW + 100)),
                approved_supply: Some(Uint128::new(800)),
            },
            screening: Support {
                attestations: vec![2],
                need: 1,
                valid_until: Some(Timestamp::from_seconds(NOW + 50)),
                approved_supply: None,
            },
            pending_report: None,
            blockers: vec![],
            computed_at: Timestamp::from_seconds(NOW - 10),
        }
    }

    fn req<'a>(
        amount: u128,
        minted: u128,
        minter: &'a Addr,
        token: &'a Addr,
    ) -> IssuanceRequest<'a> {
        IssuanceRequest {
            now: Timestamp::from_seconds(NOW),
            amount: Uint128::new(amount),
            minted: Uint128::new(minted),
            minter: Some(minter),
            token: Some(token),
        }
    }

    #[test]
    fn clean_record_allows_and_names_relied_on_attestations() {
        let (m, t) = (addr("minter"), addr("token"));
        let d = evaluate(&Gate::default(), Some(&clean()), &req(10, 0, &m, &t));
        assert_eq!(
            d,
            Decision {
                allowed: true,
                reasons: vec![],
                cap: Uint128::new(800),
                filings: vec![1],
                screenings: vec![2],
            }
        );
    }

    #[test]
    fn cap_is_min_of_plan_and_approved_supply_and_cumulative() {
        let (m, t) = (addr("minter"), addr("token"));
        let c = clean();
        assert!(evaluate(&Gate::default(), Some(&c), &req(300, 500, &m, &t)).allowed);
        let d = evaluate(&Gate::default(), Some(&c), &req(301, 500, &m, &t));
        assert_eq!(
            d.reasons,
            vec![Denial::CapExceeded {
                cap: Uint128::new(800),
                minted: Uint128::new(500),
                requested: Uint128::new(301)
            }]
        );
        let mut c = clean();
        c.filing.approved_supply = Some(Uint128::new(5_000));
        assert_eq!(
            evaluate(&Gate::default(), Some(&c), &req(1, 0, &m, &t)).cap,
            Uint128::new(1_000)
        );
    }

    #[test]
    fn overflowing_amount_is_denied_not_panicking() {
        let (m, t) = (addr("minter"), addr("token"));
        let d = evaluate(&Gate::default(), Some(&clean()), &req(u128::MAX, 1, &m, &t));
        assert!(!d.allowed);
        assert!(matches!(d.reasons[..], [Denial::CapExceeded { .. }]));
    }

    #[test]
    fn every_reason_is_listed_at_once() {
        let (m, t) = (addr("stranger"), addr("other-token"));
        let mut c = clean();
        c.paused = true;
        c.retired = true;
        c.epoch = 1;
        c.filing = Support {
            need: 2,
            attestations: vec![1],
            ..Support::default()
        };
        c.screening.valid_until = Some(Timestamp::from_seconds(NOW));
        c.pending_report = Some(4);
        c.blockers = vec![Blocker {
            flag: 9,
            subject: Subject::Asset("a1".into()),
            reason: FlagReason::OwnershipDispute,
            lapses_at: None,
        }];
        let gate = Gate {
            paused: true,
            epoch: 2,
        };
        let d = evaluate(&gate, Some(&c), &req(0, 0, &m, &t));
        assert_eq!(
            d.reasons,
            vec![
                Denial::IssuancePaused,
                Denial::ZeroAmount,
                Denial::AssetPaused,
                Denial::AssetRetired,
                Denial::NotMinter {
                    address: addr("stranger")
                },
                Denial::WrongToken {
                    token: addr("token")
                },
                Denial::ClearanceStale {
                    epoch: 1,
                    current: 2
                },
                Denial::FilingQuorumNotMet { have: 1, need: 2 },
                Denial::SignificantMatterPending { report: 4 },
                Denial::ScreeningExpired {
                    at: Timestamp::from_seconds(NOW)
                },
                Denial::Flagged {
                    flag: 9,
                    subject: Subject::Asset("a1".into()),
                    reason: FlagReason::OwnershipDispute
                },
            ]
        );
        assert!(!d.allowed);
    }

    #[test]
    fn expiry_is_exclusive_at_the_instant() {
        let (m, t) = (addr("minter"), addr("token"));
        let mut r = req(1, 0, &m, &t);
        r.now = Timestamp::from_seconds(NOW + 49);
        assert!(evaluate(&Gate::default(), Some(&clean()), &r).allowed);
        r.now = Timestamp::from_seconds(NOW + 50);
        assert_eq!(
            evaluate(&Gate::default(), Some(&clean()), &r).reasons,
            vec![Denial::ScreeningExpired {
                at: Timestamp::from_seconds(NOW + 50)
            }]
        );
        r.now = Timestamp::from_seconds(NOW + 100);
        assert_eq!(
            evaluate(&Gate::default(), Some(&clean()), &r).reasons,
            vec![
                Denial::FilingExpired {
                    at: Timestamp::from_seconds(NOW + 100)
                },
                Denial::ScreeningExpired {
                    at: Timestamp::from_seconds(NOW + 50)
                },
            ]
        );
    }

    #[test]
    fn criminal_record_blocks_within_three_years_only() {
        let (m, t) = (addr("minter"), addr("token"));
        let day = 86_400;
        let flag = |offence: u64| {
            let reason = FlagReason::CriminalRecord {
                offence_date: Timestamp::from_seconds(offence),
            };
            Blocker {
                flag: 1,
                subject: Subject::Entity("e".into()),
                lapses_at: reason.lapses_at(),
                reason,
            }
        };
        let mut c = clean();
        c.blockers = vec![flag(NOW - 2 * 365 * day)];
        assert!(!evaluate(&Gate::default(), Some(&c), &req(1, 0, &m, &t)).allowed);
        // Three calendar years and a day: at most 1,096 days whatever the leap years.
        c.blockers = vec![flag(NOW - 1_096 * day)];
        assert!(evaluate(&Gate::default(), Some(&c), &req(1, 0, &m, &t)).allowed);
        c.blockers = vec![flag(NOW - 1_095 * day)];
        assert!(!evaluate(&Gate::default(), Some(&c), &req(1, 0, &m, &t)).allowed);
    }

    #[test]
    fn unknown_asset_fails_closed() {
        let (m, t) = (addr("minter"), addr("token"));
        let d = evaluate(&Gate::default(), None, &req(1, 0, &m, &t));
        assert_eq!(d.reasons, vec![Denial::UnknownAsset]);
        assert!(!d.allowed);
    }

    #[test]
    fn zero_quorum_never_counts_as_met() {
        let s = Support {
            need: 0,
            ..Support::default()
        };
        assert!(!s.quorum_met());
    }

    fn cand(id: u64, oracle: &str, expires: u64, supply: Option<u128>) -> Candidate {
        Candidate {
            id,
            oracle: addr(oracle),
            expires_at: Timestamp::from_seconds(expires),
            approved_supply: supply.map(Uint128::new),
        }
    }

    #[test]
    fn selection_counts_each_oracle_once() {
        let now = Timestamp::from_seconds(NOW);
        let s = select_support(
            vec![
                cand(1, "o1", NOW + 10, Some(5)),
                cand(2, "o1", NOW + 20, Some(7)),
            ],
            2,
            now,
        );
        assert_eq!(s.attestations, vec![2]);
        assert!(!s.quorum_met());
        assert_eq!(s.valid_until, None);
        assert_eq!(s.approved_supply, None);
    }

    #[test]
    fn selection_takes_latest_expiring_quorum_and_smallest_supply() {
        let now = Timestamp::from_seconds(NOW);
        let s = select_support(
            vec![
                cand(1, "o1", NOW + 10, Some(5)),
                cand(2, "o2", NOW + 30, Some(9)),
                cand(3, "o3", NOW + 20, Some(7)),
                cand(4, "o4", NOW, Some(100)),
            ],
            2,
            now,
        );
        assert_eq!(s.attestations, vec![2, 3]);
        assert_eq!(s.valid_until, Some(Timestamp::from_seconds(NOW + 20)));
        assert_eq!(s.approved_supply, Some(Uint128::new(7)));
        assert!(s.quorum_met());
    }
}
