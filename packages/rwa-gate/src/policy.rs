//! The issuance rule as a pure function of plain data.
//!
//! The registry precomputes, per asset, a [`Clearance`]: which attestations support it, until
//! when, and which flags block it. [`evaluate`] judges that record at a given block time for a
//! given amount. The registry's `check_issuance` query and the token's `mint` both call
//! [`evaluate`]: there is no second copy of the rule.

use std::fmt;

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Timestamp, Uint128};

use crate::distribution::InvestorClass;
pub use crate::records::{ApprovalSupport, Blocker, Clearance, Gate, Support};
use crate::types::{
    Approval, Asset, AssetStatus, Attestation, AttestationKind, Flag, FlagReason, FlagStatus,
    Oracle, Report, Statement, Subject,
};

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
    /// R3: an approval the plan names lacks its quorum of statements.
    ApprovalQuorumNotMet {
        approval: Approval,
        have: u32,
        need: u32,
    },
    /// R3, R10.
    ApprovalExpired {
        approval: Approval,
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
    // The holder rule (distribution terms of the plan), judged on every movement of a token.
    /// No eligibility statement for the receiving account.
    NotEligible {
        account: Addr,
    },
    EligibilityExpired {
        account: Addr,
        at: Timestamp,
    },
    EligibilityRevoked {
        account: Addr,
    },
    /// The account was recovered to another one: it never receives again.
    AccountLost {
        account: Addr,
    },
    /// The statement's oracle is suspended, removed, re-enrolled or no longer scoped for it.
    EligibilityOracleInactive {
        account: Addr,
        oracle: Addr,
    },
    ClassNotAdmitted {
        account: Addr,
        class: InvestorClass,
    },
    JurisdictionExcluded {
        account: Addr,
        jurisdiction: String,
    },
    LockedUp {
        until: Timestamp,
    },
    HolderLimit {
        max: u32,
    },
    BalanceLimit {
        max: Uint128,
        balance: Uint128,
    },
    OutflowLimit {
        max: Uint128,
        moved: Uint128,
        window_start: Timestamp,
    },
    /// A per-holder counter would overflow.
    LimitOverflow,
    /// R5: the asset's transfers are frozen by these flags.
    TransfersFrozen {
        flags: Vec<u64>,
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
            Denial::ApprovalQuorumNotMet {
                approval,
                have,
                need,
            } => write!(f, "R3: {have} of {need} {approval} attestations"),
            Denial::ApprovalExpired { approval, at } => {
                write!(f, "R3: {approval} attestation expired at {}", at.seconds())
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
            _ => self.fmt_holder(f),
        }
    }
}

impl Denial {
    /// The holder rule's reasons (R1, the plan's distribution terms).
    fn fmt_holder(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denial::NotEligible { account } => {
                write!(f, "R1 terms: {account} has no eligibility statement")
            }
            Denial::EligibilityExpired { account, at } => write!(
                f,
                "R1 terms: eligibility of {account} expired at {}",
                at.seconds()
            ),
            Denial::EligibilityRevoked { account } => {
                write!(f, "R1 terms: eligibility of {account} is revoked")
            }
            Denial::AccountLost { account } => {
                write!(f, "R1 terms: {account} was recovered and never receives again")
            }
            Denial::EligibilityOracleInactive { account, oracle } => write!(
                f,
                "R1 terms: eligibility of {account} rests on {oracle}, no longer an active eligibility oracle"
            ),
            Denial::ClassNotAdmitted { account, class } => {
                write!(f, "R1 terms: class {class} of {account} is not admitted")
            }
            Denial::JurisdictionExcluded {
                account,
                jurisdiction,
            } => write!(
                f,
                "R1 terms: jurisdiction {jurisdiction} of {account} is excluded"
            ),
            Denial::LockedUp { until } => write!(
                f,
                "R1 terms: transfers between holders locked up until {}",
                until.seconds()
            ),
            Denial::HolderLimit { max } => write!(f, "R1 terms: at most {max} holders"),
            Denial::BalanceLimit { max, balance } => write!(
                f,
                "R1 terms: a holder may hold at most {max}, would hold {balance}"
            ),
            Denial::OutflowLimit {
                max,
                moved,
                window_start,
            } => write!(
                f,
                "R1 terms: a holder may move out at most {max} per period, would move {moved} since {}",
                window_start.seconds()
            ),
            Denial::LimitOverflow => f.write_str("R1 terms: a holder counter would overflow"),
            Denial::TransfersFrozen { flags } => {
                write!(f, "R5: transfers frozen by flags {}", join_ids(flags))
            }
            _ => Ok(()),
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
    /// R3 approval attestations relied on (left out of the JSON when the plan names none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<u64>,
}

/// The issuance rule, steps 1–5 of the README's "How a decision is made" (docs/DESIGN.md, §3;
/// docs/RULES.md). Adverse beats clean, any doubt denies, and every reason that applies is
/// listed.
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
            approvals: vec![],
        };
    };
    deny_by_status(gate, c, req, &mut reasons);
    deny_by_support(c, req.now, &mut reasons);
    // 4. Adverse beats clean.
    for b in c.blockers.iter().filter(|b| b.blocks_at(req.now)) {
        reasons.push(Denial::Flagged {
            flag: b.flag,
            subject: b.subject.clone(),
            reason: b.reason.clone(),
        });
    }
    let cap = deny_beyond_cap(c, req, &mut reasons);
    Decision {
        allowed: reasons.is_empty(),
        reasons,
        cap,
        filings: c.filing.attestations.clone(),
        screenings: c.screening.attestations.clone(),
        approvals: c
            .approvals
            .iter()
            .flat_map(|a| a.support.attestations.iter().copied())
            .collect(),
    }
}

/// Step 1: pause, status, sender, token and the clearance's epoch.
fn deny_by_status(gate: &Gate, c: &Clearance, req: &IssuanceRequest, reasons: &mut Vec<Denial>) {
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
}

/// Steps 2 and 3: the Filing quorum, unexpired and newer than the last significant-matter
/// report; the Screening quorum, unexpired; the quorum of each R3 approval the plan names,
/// unexpired.
fn deny_by_support(c: &Clearance, now: Timestamp, reasons: &mut Vec<Denial>) {
    if !c.filing.quorum_met() {
        reasons.push(Denial::FilingQuorumNotMet {
            have: c.filing.attestations.len() as u32,
            need: c.filing.need,
        });
    } else if let Some(at) = c.filing.valid_until.filter(|at| now >= *at) {
        reasons.push(Denial::FilingExpired { at });
    }
    if let Some(report) = c.pending_report {
        reasons.push(Denial::SignificantMatterPending { report });
    }
    if !c.screening.quorum_met() {
        reasons.push(Denial::ScreeningQuorumNotMet {
            have: c.screening.attestations.len() as u32,
            need: c.screening.need,
        });
    } else if let Some(at) = c.screening.valid_until.filter(|at| now >= *at) {
        reasons.push(Denial::ScreeningExpired { at });
    }
    for ApprovalSupport { approval, support } in &c.approvals {
        if !support.quorum_met() {
            reasons.push(Denial::ApprovalQuorumNotMet {
                approval: *approval,
                have: support.attestations.len() as u32,
                need: support.need,
            });
        } else if let Some(at) = support.valid_until.filter(|at| now >= *at) {
            reasons.push(Denial::ApprovalExpired {
                approval: *approval,
                at,
            });
        }
    }
}

/// Step 5: the cap, cumulative (burns do not free room); an overflow counts as exceeding it.
/// Returns the cap.
fn deny_beyond_cap(c: &Clearance, req: &IssuanceRequest, reasons: &mut Vec<Denial>) -> Uint128 {
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
    cap
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

/// One oracle's current statement of one kind on the asset, with that oracle's record as it
/// stands now: trust is judged when the clearance is computed.
#[derive(Clone, Debug, PartialEq)]
pub struct OracleStatement {
    pub oracle: Oracle,
    pub attestation: Attestation,
}

/// Everything an asset's clearance depends on, as plain data. The registry gathers it from its
/// records; [`compute_clearance`] decides.
#[derive(Clone, Debug, PartialEq)]
pub struct ClearanceInputs {
    pub asset: Asset,
    /// [`Gate::epoch`] now.
    pub epoch: u64,
    /// Distinct oracles needed for Filing and Screening.
    pub attestation_quorum: u32,
    /// Distinct oracles needed for each R3 approval.
    pub approval_quorum: crate::ApprovalQuorum,
    /// The negative-list version in force. Only a Screening statement needs it: the registry
    /// gathers it only then, and `None` lets no Screening count (fail closed).
    pub negative_list_version: Option<u64>,
    /// The asset's latest significant-matter report (`asset.last_report`), if any.
    pub report: Option<Report>,
    /// The current statement of each oracle and kind on the asset (at most
    /// `2 × MAX_ORACLES`); see [`may_support`] for which are worth gathering.
    pub statements: Vec<OracleStatement>,
    /// The active flags on the asset and on each of its [`flag_subjects`], grouped by subject in
    /// that order.
    pub flags: Vec<Flag>,
    pub now: Timestamp,
}

/// What the registry stores for the asset: the clearance the token reads at every mint, and
/// the ids of the active freezing (R5) flags on the asset itself, which transfers read.
#[derive(Clone, Debug, PartialEq)]
pub struct ComputedClearance {
    pub clearance: Clearance,
    pub freezes: Vec<u64>,
}

/// Inputs that cannot make a clearance: the registry reports them as its own errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClearanceError {
    /// The asset's token is not recorded yet.
    TokenNotSet { asset: String },
    /// `asset.last_report` names a report that is not among the inputs.
    ReportMissing { id: u64 },
}

/// True when a statement of `kind` by `oracle` could support an asset now: the oracle is active
/// and scoped for the kind. Lets the registry skip reading statements that cannot count;
/// [`compute_clearance`] checks it again.
pub fn may_support(oracle: &Oracle, kind: AttestationKind) -> bool {
    oracle.is_active() && oracle.scopes.allows(kind)
}

/// The subjects whose flags block an asset: the asset itself, its filing entity and every
/// related party, in that order.
pub fn flag_subjects(asset: &Asset) -> impl Iterator<Item = Subject> + '_ {
    std::iter::once(Subject::Asset(asset.id.clone()))
        .chain(asset.subjects().map(|e| Subject::Entity(e.to_string())))
}

/// Computes an asset's clearance from plain inputs (the issuance rule, steps 1–4, see
/// docs/DESIGN.md §3; step 5's cap is judged by [`evaluate`] from the plan maximum and the
/// approved supply kept here). Pure: the same inputs always give the same record.
///
/// - A statement counts only if its oracle may support it now ([`may_support`]), it was made
///   after the oracle's latest (re-)addition, it is unrevoked and it is about this asset.
/// - A Filing counts only for the exact plan it attested (the same plan version, and the same
///   digest), and only if it postdates the last significant-matter report.
/// - A Screening counts only against the negative-list version in force and only if it covers
///   the filing entity and every related party as they stand now.
/// - Every active flag on the asset or one of its subjects blocks (R8 until it lapses); an
///   active R5 flag on the asset itself also freezes transfers.
///
/// Expiries and lapses are kept as instants, so [`evaluate`] judges them at mint time.
pub fn compute_clearance(inputs: &ClearanceInputs) -> Result<ComputedClearance, ClearanceError> {
    let asset = &inputs.asset;
    let token = asset
        .token
        .clone()
        .ok_or_else(|| ClearanceError::TokenNotSet {
            asset: asset.id.clone(),
        })?;
    // A report only suspends issuance until filings newer than it are posted.
    let report_cutoff = match asset.last_report {
        Some(id) => Some(
            inputs
                .report
                .as_ref()
                .filter(|r| r.id == id)
                .ok_or(ClearanceError::ReportMissing { id })?
                .attestations_before,
        ),
        None => None,
    };
    let mut candidates = candidates(inputs, report_cutoff);
    let mut support_of = |kind: AttestationKind, need: u32| {
        let of_kind = std::mem::take(&mut candidates[usize::from(kind.tag())]);
        select_support(of_kind, need, inputs.now)
    };
    let filing = support_of(AttestationKind::Filing, inputs.attestation_quorum);
    let screening = support_of(AttestationKind::Screening, inputs.attestation_quorum);
    let approvals = asset
        .plan
        .approvals
        .iter()
        .map(|&approval| ApprovalSupport {
            approval,
            support: support_of(approval.kind(), inputs.approval_quorum.of(approval)),
        })
        .collect();
    let pending_report = if filing.quorum_met() {
        None
    } else {
        asset.last_report
    };
    let (blockers, freezes) = adverse_findings(inputs);
    Ok(ComputedClearance {
        clearance: Clearance {
            asset: asset.id.clone(),
            token,
            epoch: inputs.epoch,
            retired: asset.status == AssetStatus::Retired,
            paused: asset.paused,
            minters: asset.minters.clone(),
            plan_max_supply: asset.plan.max_supply,
            filing,
            screening,
            approvals,
            pending_report,
            blockers,
            computed_at: inputs.now,
        },
        freezes,
    })
}

/// The statements that may support the asset, as candidates by kind (indexed by
/// [`AttestationKind::tag`]): by an oracle that may support them now and trusted since,
/// unrevoked, about this asset; a Filing of the exact plan in force and newer than the last
/// report (`report_cutoff`); a Screening against the list in force covering every current
/// subject; an R3 approval as it is.
fn candidates(inputs: &ClearanceInputs, report_cutoff: Option<u64>) -> [Vec<Candidate>; 5] {
    let asset = &inputs.asset;
    let mut by_kind: [Vec<Candidate>; 5] = Default::default();
    for OracleStatement {
        oracle,
        attestation: att,
    } in &inputs.statements
    {
        let trusted = may_support(oracle, att.kind())
            && att.oracle == oracle.address
            && att.id > oracle.trusted_after
            && att.revoked_at.is_none()
            && att.asset == asset.id;
        if !trusted {
            continue;
        }
        let (counts, approved_supply) = match &att.statement {
            Statement::Filing {
                plan_digest,
                approved_supply,
                ..
            } => {
                let this_plan = att.plan_version == asset.plan_version
                    && *plan_digest == asset.plan.materials_digest;
                let after_report = report_cutoff.is_none_or(|cutoff| att.id > cutoff);
                (this_plan && after_report, Some(*approved_supply))
            }
            Statement::Screening {
                negative_list_version,
                subjects,
                ..
            } => {
                let current_list = Some(*negative_list_version) == inputs.negative_list_version;
                let this_set = att.parties_version == asset.parties_version;
                let covers = asset.subjects().all(|e| subjects.iter().any(|s| s == e));
                (current_list && this_set && covers, None)
            }
            Statement::Approval { .. } => (true, None),
        };
        if counts {
            by_kind[usize::from(att.kind().tag())].push(Candidate {
                id: att.id,
                oracle: att.oracle.clone(),
                expires_at: att.expires_at,
                approved_supply,
            });
        }
    }
    by_kind
}

/// Adverse findings on the asset itself, its filing entity and every related party: the
/// blockers in force now (each flag once), and the active R5 flags on the asset that freeze
/// its transfers.
fn adverse_findings(inputs: &ClearanceInputs) -> (Vec<Blocker>, Vec<u64>) {
    let mut blockers = Vec::new();
    let mut freezes = Vec::new();
    for subject in flag_subjects(&inputs.asset) {
        for flag in inputs
            .flags
            .iter()
            .filter(|f| f.subject == subject && f.status == FlagStatus::Active)
        {
            if blockers.iter().any(|b: &Blocker| b.flag == flag.id) || freezes.contains(&flag.id) {
                continue;
            }
            let blocker = Blocker {
                flag: flag.id,
                subject: flag.subject.clone(),
                lapses_at: flag.reason.lapses_at(),
                reason: flag.reason.clone(),
            };
            if matches!(subject, Subject::Asset(_)) && blocker.reason.freezes_transfers() {
                freezes.push(flag.id);
            }
            if blocker.blocks_at(inputs.now) {
                blockers.push(blocker);
            }
        }
    }
    (blockers, freezes)
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
            approvals: vec![],
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
                approvals: vec![],
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

#[cfg(test)]
mod clearance_tests {
    use super::*;
    use crate::types::{
        Evidence, IssuancePlan, OracleStatus, PartyRole, RelatedParty, Scopes, LOOKBACK_SECONDS,
    };

    const NOW: u64 = 1_800_000_000;
    const PLAN: &str = "plan-v1";

    fn addr(s: &str) -> Addr {
        Addr::unchecked(s)
    }

    fn at(seconds: u64) -> Timestamp {
        Timestamp::from_seconds(seconds)
    }

    fn evidence() -> Evidence {
        Evidence {
            digest: "00".repeat(32),
            uri: None,
        }
    }

    fn asset() -> Asset {
        Asset {
            id: "bond".into(),
            issuer: addr("issuer"),
            filing_entity: "acme".into(),
            related_parties: vec![
                RelatedParty {
                    entity: "holdco".into(),
                    role: PartyRole::ControllingShareholder,
                },
                RelatedParty {
                    entity: "founder".into(),
                    role: PartyRole::UltimateController,
                },
            ],
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(1_000),
                materials_digest: PLAN.into(),
                terms: None,
            },
            plan_version: 4,
            parties_version: 0,
            token: Some(addr("token")),
            status: AssetStatus::Active,
            paused: false,
            minters: vec![addr("issuer")],
            last_report: None,
            registered_at: at(NOW - 100),
            terms_pending: false,
        }
    }

    fn oracle(name: &str, scopes: Scopes) -> Oracle {
        Oracle {
            signing_key: None,
            address: addr(name),
            scopes,
            status: OracleStatus::Active,
            added_at: at(NOW - 1_000),
            trusted_after: 0,
            enrolment: 1,
        }
    }

    const FILING: Scopes = Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: true,
        screening: false,
        flags: false,
        eligibility: false,
        orders: false,
    };
    const SCREENING: Scopes = Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: false,
        screening: true,
        flags: false,
        eligibility: false,
        orders: false,
    };

    fn filing(id: u64, by: &str, digest: &str, supply: u128) -> OracleStatement {
        OracleStatement {
            oracle: oracle(by, FILING),
            attestation: Attestation {
                id,
                asset: "bond".into(),
                oracle: addr(by),
                statement: Statement::Filing {
                    filing_reference: "CSRC-1".into(),
                    plan_digest: digest.into(),
                    approved_supply: Uint128::new(supply),
                },
                issued_at: at(NOW - 10),
                expires_at: at(NOW + 1_000),
                evidence: evidence(),
                plan_version: 4,
                parties_version: 0,
                revoked_at: None,
                revocation: None,
            },
        }
    }

    fn screening(id: u64, by: &str, version: u64, subjects: &[&str]) -> OracleStatement {
        OracleStatement {
            oracle: oracle(by, SCREENING),
            attestation: Attestation {
                id,
                asset: "bond".into(),
                oracle: addr(by),
                statement: Statement::Screening {
                    negative_list_version: version,
                    subjects: subjects.iter().map(|s| s.to_string()).collect(),
                    lookback_from: at(NOW - LOOKBACK_SECONDS),
                },
                issued_at: at(NOW - 10),
                expires_at: at(NOW + 500),
                evidence: evidence(),
                plan_version: 4,
                parties_version: 0,
                revoked_at: None,
                revocation: None,
            },
        }
    }

    fn flag(id: u64, subject: Subject, reason: FlagReason) -> Flag {
        Flag {
            id,
            subject,
            reason,
            evidence: evidence(),
            raised_by: addr("watcher"),
            raised_at: at(NOW - 5),
            status: FlagStatus::Active,
            clear_votes: vec![],
            cleared_at: None,
            cleared_by: None,
            conclusion: None,
        }
    }

    const ALL_PARTIES: &[&str] = &["acme", "holdco", "founder"];

    fn inputs() -> ClearanceInputs {
        ClearanceInputs {
            approval_quorum: Default::default(),
            asset: asset(),
            epoch: 3,
            attestation_quorum: 1,
            negative_list_version: Some(2),
            report: None,
            statements: vec![
                filing(1, "filer", PLAN, 800),
                screening(2, "screener", 2, ALL_PARTIES),
            ],
            flags: vec![],
            now: at(NOW),
        }
    }

    fn compute(inputs: &ClearanceInputs) -> ComputedClearance {
        compute_clearance(inputs).expect("clearance computes")
    }

    fn approval(id: u64, by: &str, approval: Approval, expires: u64) -> OracleStatement {
        let scopes = Scopes::from_bits(1 << (approval.kind().tag() + 3));
        let mut s = filing(id, by, PLAN, 0);
        s.oracle = oracle(by, scopes);
        s.attestation.statement = Statement::Approval {
            approval,
            reference: "ref".into(),
        };
        s.attestation.expires_at = at(expires);
        s
    }

    fn approved_supports(c: &Clearance) -> Vec<(Approval, Vec<u64>, u32)> {
        c.approvals
            .iter()
            .map(|a| (a.approval, a.support.attestations.clone(), a.support.need))
            .collect()
    }

    #[test]
    fn only_the_approvals_the_plan_names_count_each_under_its_own_quorum() {
        let mut i = inputs();
        i.asset.plan.approvals = vec![Approval::DataSecurity, Approval::ForeignExchange];
        i.approval_quorum.foreign_exchange = 2;
        i.statements.extend([
            approval(3, "cac", Approval::DataSecurity, NOW + 300),
            approval(4, "safe-1", Approval::ForeignExchange, NOW + 300),
            approval(5, "ndrc", Approval::CrossBorderInvestment, NOW + 300),
        ]);
        let c = compute(&i).clearance;
        assert_eq!(
            approved_supports(&c),
            vec![
                (Approval::DataSecurity, vec![3], 1),
                (Approval::ForeignExchange, vec![4], 2),
            ]
        );
        let decision = evaluate(
            &Gate {
                paused: false,
                epoch: 3,
            },
            Some(&c),
            &any_mint(),
        );
        assert_eq!(
            decision.reasons,
            vec![Denial::ApprovalQuorumNotMet {
                approval: Approval::ForeignExchange,
                have: 1,
                need: 2,
            }]
        );
        i.statements
            .push(approval(6, "safe-2", Approval::ForeignExchange, NOW + 200));
        let c = compute(&i).clearance;
        let decision = evaluate(
            &Gate {
                paused: false,
                epoch: 3,
            },
            Some(&c),
            &any_mint(),
        );
        assert!(decision.allowed);
        assert_eq!(decision.approvals, vec![3, 4, 6]);
    }

    #[test]
    fn an_approval_by_an_oracle_not_scoped_for_it_or_expired_does_not_count() {
        let mut i = inputs();
        i.asset.plan.approvals = vec![Approval::CrossBorderInvestment];
        let mut unscoped = approval(3, "ndrc", Approval::CrossBorderInvestment, NOW + 300);
        unscoped.oracle.scopes = SCREENING;
        i.statements.push(unscoped);
        i.statements
            .push(approval(4, "late", Approval::CrossBorderInvestment, NOW));
        let c = compute(&i).clearance;
        assert_eq!(
            approved_supports(&c),
            vec![(Approval::CrossBorderInvestment, vec![], 1)]
        );
        // Valid when computed, expired when judged: the instant is kept.
        i.statements.push(approval(
            5,
            "ndrc-2",
            Approval::CrossBorderInvestment,
            NOW + 60,
        ));
        let c = compute(&i).clearance;
        let mut later = any_mint();
        later.now = at(NOW + 60);
        let decision = evaluate(
            &Gate {
                paused: false,
                epoch: 3,
            },
            Some(&c),
            &later,
        );
        assert!(decision.reasons.contains(&Denial::ApprovalExpired {
            approval: Approval::CrossBorderInvestment,
            at: at(NOW + 60),
        }));
    }

    #[test]
    fn a_clearance_keeps_its_v0_4_bytes_without_approvals_and_round_trips_with_them() {
        let mut i = inputs();
        let plain = compute(&i).clearance;
        let bytes = plain.encode();
        assert_eq!(bytes[0], 1, "layout 1: what a v0.4.0 token reads");
        assert_eq!(Clearance::decode("bond", &bytes), Ok(plain));
        i.asset.plan.approvals = Approval::ALL.to_vec();
        i.statements
            .push(approval(3, "cac", Approval::DataSecurity, NOW + 300));
        let with = compute(&i).clearance;
        let bytes = with.encode();
        assert_eq!(bytes[0], 2);
        assert_eq!(Clearance::decode("bond", &bytes), Ok(with));
    }

    fn any_mint() -> IssuanceRequest<'static> {
        IssuanceRequest {
            now: at(NOW),
            amount: Uint128::new(1),
            minted: Uint128::zero(),
            minter: None,
            token: None,
        }
    }

    #[test]
    fn clean_inputs_give_a_clearance_that_evaluate_allows() {
        let out = compute(&inputs());
        let c = &out.clearance;
        assert_eq!(
            *c,
            Clearance {
                approvals: vec![],
                asset: "bond".into(),
                token: addr("token"),
                epoch: 3,
                retired: false,
                paused: false,
                minters: vec![addr("issuer")],
                plan_max_supply: Uint128::new(1_000),
                filing: Support {
                    attestations: vec![1],
                    need: 1,
                    valid_until: Some(at(NOW + 1_000)),
                    approved_supply: Some(Uint128::new(800)),
                },
                screening: Support {
                    attestations: vec![2],
                    need: 1,
                    valid_until: Some(at(NOW + 500)),
                    approved_supply: None,
                },
                pending_report: None,
                blockers: vec![],
                computed_at: at(NOW),
            }
        );
        assert!(out.freezes.is_empty());
        let gate = Gate {
            paused: false,
            epoch: 3,
        };
        let minter = addr("issuer");
        let d = evaluate(
            &gate,
            Some(c),
            &IssuanceRequest {
                now: at(NOW),
                amount: Uint128::new(800),
                minted: Uint128::zero(),
                minter: Some(&minter),
                token: None,
            },
        );
        assert!(d.allowed, "{d:?}");
    }

    #[test]
    fn asset_status_pause_and_minters_are_copied() {
        let mut i = inputs();
        i.asset.status = AssetStatus::Retired;
        i.asset.paused = true;
        i.asset.minters = vec![addr("a"), addr("b")];
        let c = compute(&i).clearance;
        assert!(c.retired && c.paused);
        assert_eq!(c.minters, vec![addr("a"), addr("b")]);
    }

    #[test]
    fn statements_of_untrusted_oracles_do_not_count() {
        type Spoil = Box<dyn Fn(&mut OracleStatement)>;
        let cases: Vec<(&str, Spoil)> = vec![
            (
                "suspended",
                Box::new(|s| s.oracle.status = OracleStatus::Suspended),
            ),
            ("out of scope", Box::new(|s| s.oracle.scopes = SCREENING)),
            (
                "made before the oracle was re-added",
                Box::new(|s| s.oracle.trusted_after = s.attestation.id),
            ),
            (
                "revoked",
                Box::new(|s| s.attestation.revoked_at = Some(at(NOW - 1))),
            ),
            (
                "about another asset",
                Box::new(|s| s.attestation.asset = "note".into()),
            ),
            (
                "by another oracle",
                Box::new(|s| s.attestation.oracle = addr("someone")),
            ),
            ("expired", Box::new(|s| s.attestation.expires_at = at(NOW))),
        ];
        for (what, spoil) in cases {
            let mut i = inputs();
            spoil(&mut i.statements[0]);
            let c = compute(&i).clearance;
            assert_eq!(c.filing.attestations, Vec::<u64>::new(), "{what}");
            assert!(!c.filing.quorum_met(), "{what}");
            assert_eq!(c.screening.attestations, vec![2], "{what}");
        }
    }

    #[test]
    fn a_filing_counts_only_for_the_plan_it_attested() {
        // Another digest.
        let mut i = inputs();
        i.asset.plan.materials_digest = "plan-v2".into();
        i.asset.plan_version = 5;
        assert!(!compute(&i).clearance.filing.quorum_met());
        let mut fresh = filing(3, "filer2", "plan-v2", 500);
        fresh.attestation.plan_version = 5;
        i.statements.push(fresh);
        assert_eq!(compute(&i).clearance.filing.attestations, vec![3]);

        // The same digest under a later version (the maximum supply changed, or the plan went
        // to another digest and back): the filing attested another plan.
        let mut i = inputs();
        i.asset.plan_version = 6;
        assert!(!compute(&i).clearance.filing.quorum_met());
        // A filing recorded with a later version than the asset's: not this plan either.
        let mut i = inputs();
        i.statements[0].attestation.plan_version = 5;
        assert!(!compute(&i).clearance.filing.quorum_met());
    }

    #[test]
    fn a_report_voids_filings_not_newer_than_it() {
        let mut i = inputs();
        i.asset.last_report = Some(7);
        i.report = Some(Report {
            id: 7,
            asset: "bond".into(),
            reported_by: addr("issuer"),
            reported_at: at(NOW - 1),
            evidence: evidence(),
            attestations_before: 1,
        });
        let c = compute(&i).clearance;
        assert!(!c.filing.quorum_met());
        assert_eq!(c.pending_report, Some(7));
        i.statements.push(filing(3, "filer2", PLAN, 900));
        let c = compute(&i).clearance;
        assert_eq!(c.filing.attestations, vec![3]);
        assert_eq!(c.pending_report, None);
    }

    #[test]
    fn missing_token_or_report_is_an_error_not_a_clearance() {
        let mut i = inputs();
        i.asset.token = None;
        assert_eq!(
            compute_clearance(&i),
            Err(ClearanceError::TokenNotSet {
                asset: "bond".into()
            })
        );
        let mut i = inputs();
        i.asset.last_report = Some(4);
        assert_eq!(
            compute_clearance(&i),
            Err(ClearanceError::ReportMissing { id: 4 })
        );
    }

    #[test]
    fn a_screening_counts_against_the_current_list_covering_every_current_party() {
        let mut i = inputs();
        i.negative_list_version = Some(3);
        assert!(!compute(&i).clearance.screening.quorum_met());
        // Gathered without the list in force: no screening counts (fail closed).
        let mut i = inputs();
        assert!(compute(&i).clearance.screening.quorum_met());
        i.negative_list_version = None;
        assert!(!compute(&i).clearance.screening.quorum_met());

        let mut i = inputs();
        i.statements[1] = screening(2, "screener", 2, &["acme", "holdco"]);
        assert!(!compute(&i).clearance.screening.quorum_met());

        // A party added after the screening: the screening no longer covers the asset.
        let mut i = inputs();
        i.asset.related_parties.push(RelatedParty {
            entity: "newco".into(),
            role: PartyRole::Other,
        });
        assert!(!compute(&i).clearance.screening.quorum_met());
        // A party removed: the screening still covers every remaining one.
        let mut i = inputs();
        i.asset.related_parties.pop();
        assert_eq!(compute(&i).clearance.screening.attestations, vec![2]);
    }

    #[test]
    fn quorum_needs_distinct_oracles() {
        let mut i = inputs();
        i.attestation_quorum = 2;
        i.statements.push(filing(3, "filer", PLAN, 900));
        let c = compute(&i).clearance;
        assert_eq!(c.filing.attestations.len(), 1);
        assert!(!c.filing.quorum_met());
        i.statements.push(filing(4, "filer2", PLAN, 700));
        let c = compute(&i).clearance;
        assert!(c.filing.quorum_met());
        assert_eq!(c.filing.approved_supply, Some(Uint128::new(700)));
    }

    #[test]
    fn flags_on_the_asset_and_its_parties_block_in_subject_order() {
        let mut i = inputs();
        let two_years_ago = at(NOW - 2 * 365 * 86_400);
        let four_years_ago = at(NOW - 4 * 365 * 86_400);
        i.flags = vec![
            flag(
                5,
                Subject::Entity("founder".into()),
                FlagReason::CriminalRecord {
                    offence_date: two_years_ago,
                },
            ),
            flag(
                6,
                Subject::Entity("founder".into()),
                FlagReason::CriminalRecord {
                    offence_date: four_years_ago,
                },
            ),
            flag(
                7,
                Subject::Entity("stranger".into()),
                FlagReason::NegativeList,
            ),
            flag(
                8,
                Subject::Asset("bond".into()),
                FlagReason::OwnershipDispute,
            ),
            flag(
                9,
                Subject::Entity("acme".into()),
                FlagReason::TransferProhibited,
            ),
            Flag {
                status: FlagStatus::Cleared,
                ..flag(10, Subject::Asset("bond".into()), FlagReason::NegativeList)
            },
        ];
        let out = compute(&i);
        let ids: Vec<u64> = out.clearance.blockers.iter().map(|b| b.flag).collect();
        // The asset first, then the filing entity, then the parties; the lapsed R8 flag, the
        // cleared flag and the flag on an unrelated entity do not block.
        assert_eq!(ids, vec![8, 9, 5]);
        assert_eq!(
            out.clearance.blockers[2].lapses_at,
            Some(at(two_years_ago.seconds() + LOOKBACK_SECONDS))
        );
        // Only an R5 flag on the asset itself freezes transfers.
        assert_eq!(out.freezes, vec![8]);
    }

    #[test]
    fn a_flag_on_a_party_stops_blocking_once_the_party_is_gone() {
        let mut i = inputs();
        i.flags = vec![flag(
            5,
            Subject::Entity("holdco".into()),
            FlagReason::UnderInvestigation,
        )];
        assert_eq!(compute(&i).clearance.blockers.len(), 1);
        i.asset.related_parties.retain(|p| p.entity != "holdco");
        assert!(compute(&i).clearance.blockers.is_empty());
    }

    #[test]
    fn the_same_inputs_give_the_same_clearance() {
        assert_eq!(compute(&inputs()), compute(&inputs()));
    }
}
