//! The plan: the decisions × what the agent knows of each (its database, checked against the
//! chain beforehand) × the chain's facts now → the actions to post, each with its reason, and
//! the decisions left alone, each with why; then the actions cut into batches. Pure.

use std::collections::HashMap;

use cosmwasm_std::Timestamp;
use rwa_gate::registry::OracleAction;
use rwa_gate::{Evidence, StatementMsg};

use crate::agent::decisions::{Body, Decision, Expiry, ListVersion, Lookback, Subjects};
use crate::agent::store::{Row, Sending, State};
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};

/// What the chain says now, read before planning.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Latest block time, seconds.
    pub now: u64,
    /// The negative-list version in force.
    pub list_version: u64,
    /// The registry's longest validity of an eligibility statement, a screening and an R3
    /// approval, seconds.
    pub max_eligibility: u64,
    pub max_screening: u64,
    pub max_approval: u64,
    /// The filing entity and related parties of each asset a screening of `all current`
    /// subjects is about (an asset missing here is unknown to the registry).
    pub subjects: HashMap<String, Vec<String>>,
}

/// Why an action is posted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Not on chain yet.
    New,
    /// Sent before and not recorded (`note`: why).
    Retry(String),
    /// What it states changed since it was posted.
    Changed,
    /// It lapses at this instant, within the renewal window.
    Renew(u64),
    /// A screening of the current negative list, and the list moved.
    ListMoved { from: u64, to: u64 },
    /// It was revoked and is no longer withdrawn.
    Reinstated,
    /// Withdrawn: revoke what was posted.
    Withdrawn,
}

/// Why a decision is left alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Posted and current; lapses at this instant.
    Standing(Option<u64>),
    /// In a transaction whose fate is not known yet.
    InFlight(String),
    Revoked,
    /// Withdrawn before it was ever posted.
    NeverPosted,
    /// Its fixed expiry has passed: nothing can be posted for it.
    Lapsed(u64),
    /// Its expiry is further than the registry allows (`max` seconds from now).
    TooLong {
        max: u64,
    },
    /// A screening of an asset the registry does not know.
    UnknownAsset(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Attest,
    Revoke,
}

/// One action to post.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub decision: String,
    pub kind: &'static str,
    pub target: String,
    pub op: Op,
    pub reason: Reason,
    pub action: OracleAction,
    /// As recorded with its transaction.
    pub sending: Sending,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
    pub held: Vec<(String, Hold)>,
}

/// The plan for `decisions`; `rows` is what the agent knows, `renew_within` the window (seconds)
/// in which a decision with a validity is posted again before it lapses.
pub fn plan(
    decisions: &[Decision],
    rows: &HashMap<String, Row>,
    facts: &Facts,
    renew_within: u64,
) -> Plan {
    let mut out = Plan::default();
    for d in decisions {
        let row = rows.get(&d.id);
        let outcome = match row {
            Some(r) if r.state == State::InFlight => {
                Err(Hold::InFlight(r.tx.clone().unwrap_or_default()))
            }
            _ if d.withdrawn => revocation(d, row),
            _ => why_post(d, row, facts, renew_within).and_then(|reason| {
                let prior = row.map(|r| r.state).unwrap_or(State::Pending);
                attestation(d, facts).map(|(action, sending)| (reason, action, sending, prior))
            }),
        };
        match outcome {
            Ok((reason, action, mut sending, prior)) => {
                sending.prior = prior.as_str().to_string();
                out.steps.push(Step {
                    decision: d.id.clone(),
                    kind: d.kind(),
                    target: d.target(),
                    op: if reason == Reason::Withdrawn {
                        Op::Revoke
                    } else {
                        Op::Attest
                    },
                    reason,
                    action,
                    sending,
                });
            }
            Err(hold) => out.held.push((d.id.clone(), hold)),
        }
    }
    out
}

type Planned = (Reason, OracleAction, Sending, State);

/// Whether a standing decision must be posted, and why.
fn why_post(d: &Decision, row: Option<&Row>, facts: &Facts, within: u64) -> Result<Reason, Hold> {
    let Some(row) = row else {
        return Ok(Reason::New);
    };
    match row.state {
        State::Pending | State::Refused => Ok(match &row.note {
            Some(note) => Reason::Retry(note.clone()),
            None => Reason::New,
        }),
        State::Revoked => Ok(Reason::Reinstated),
        State::InFlight => Err(Hold::InFlight(row.tx.clone().unwrap_or_default())),
        State::Posted => {
            if row.fingerprint.as_deref() != Some(d.fingerprint().as_str()) {
                return Ok(Reason::Changed);
            }
            if let (Body::Screening { list, .. }, Some(posted)) = (&d.body, row.list_version) {
                if *list == ListVersion::Current && posted < facts.list_version {
                    return Ok(Reason::ListMoved {
                        from: posted,
                        to: facts.list_version,
                    });
                }
            }
            match (d.expiry, row.expires_at) {
                (Expiry::Validity(_), Some(at)) if at <= facts.now.saturating_add(within) => {
                    Ok(Reason::Renew(at))
                }
                _ => Err(Hold::Standing(row.expires_at)),
            }
        }
    }
}

/// The revocation of a withdrawn decision, when something of it stands.
fn revocation(d: &Decision, row: Option<&Row>) -> Result<Planned, Hold> {
    let row = row.ok_or(Hold::NeverPosted)?;
    match row.state {
        State::Revoked => return Err(Hold::Revoked),
        State::Posted => {}
        _ => return Err(Hold::NeverPosted),
    }
    let evidence = Evidence {
        digest: d
            .withdrawal_evidence
            .clone()
            .unwrap_or_else(|| d.evidence.digest.clone()),
        uri: d.evidence.uri.clone(),
    };
    let action = match (&d.body, row.record) {
        (Body::Eligibility { account, .. }, _) => {
            OracleAction::RevokeEligibility(RevokeEligibilityMsg {
                account: account.clone(),
                evidence,
            })
        }
        (_, Some(id)) => OracleAction::Revoke(RevokeMsg { id, evidence }),
        // Posted, but its attestation id was never learnt: nothing can name it.
        (_, None) => return Err(Hold::NeverPosted),
    };
    let sending = sending(d, "revoke", row.list_version, row.expires_at);
    Ok((Reason::Withdrawn, action, sending, State::Posted))
}

/// The attestation of `d` as it would be posted now.
fn attestation(d: &Decision, facts: &Facts) -> Result<(OracleAction, Sending), Hold> {
    let expires_at = match d.expiry {
        Expiry::At(at) if at <= facts.now => return Err(Hold::Lapsed(at)),
        Expiry::At(at) => at,
        Expiry::Validity(span) => facts.now.saturating_add(span),
    };
    let longest = match &d.body {
        Body::Eligibility { .. } => facts.max_eligibility,
        Body::Screening { .. } => facts.max_screening,
        Body::Approval { .. } => facts.max_approval,
    };
    if expires_at > facts.now.saturating_add(longest) {
        return Err(Hold::TooLong { max: longest });
    }
    let at = Timestamp::from_seconds(expires_at);
    let evidence = d.evidence.clone();
    let (action, list) = match &d.body {
        Body::Eligibility {
            account,
            holder,
            class,
            jurisdiction,
        } => (
            OracleAction::AttestEligibility(AttestEligibilityMsg {
                account: account.clone(),
                holder: holder.clone(),
                class: *class,
                jurisdiction: jurisdiction.clone(),
                expires_at: at,
                evidence,
            }),
            None,
        ),
        Body::Screening { asset, .. } => {
            let (statement, version) = screening(d, asset, facts)?;
            (attest(asset, statement, at, evidence), Some(version))
        }
        Body::Approval {
            asset,
            approval,
            reference,
        } => {
            let statement = StatementMsg::Approval {
                approval: *approval,
                reference: reference.clone(),
            };
            (attest(asset, statement, at, evidence), None)
        }
    };
    Ok((action, sending(d, "attest", list, Some(expires_at))))
}

fn attest(asset: &str, statement: StatementMsg, at: Timestamp, evidence: Evidence) -> OracleAction {
    OracleAction::Attest(AttestMsg {
        asset: asset.to_string(),
        statement,
        expires_at: at,
        evidence,
    })
}

/// A screening's statement now, and the list version it names.
fn screening(d: &Decision, asset: &str, facts: &Facts) -> Result<(StatementMsg, u64), Hold> {
    let Body::Screening {
        list,
        subjects,
        lookback,
        ..
    } = &d.body
    else {
        return Err(Hold::UnknownAsset(asset.to_string()));
    };
    let version = match list {
        ListVersion::Current => facts.list_version,
        ListVersion::Version(v) => *v,
    };
    let subjects = match subjects {
        Subjects::Listed(list) => list.clone(),
        Subjects::AllCurrent => facts
            .subjects
            .get(asset)
            .cloned()
            .ok_or_else(|| Hold::UnknownAsset(asset.to_string()))?,
    };
    let lookback_from = match lookback {
        Lookback::Span(span) => facts.now.saturating_sub(*span),
        Lookback::From(at) => *at,
    };
    let statement = StatementMsg::Screening {
        negative_list_version: version,
        subjects,
        lookback_from: Timestamp::from_seconds(lookback_from),
    };
    Ok((statement, version))
}

fn sending(d: &Decision, op: &str, list: Option<u64>, expires_at: Option<u64>) -> Sending {
    Sending {
        decision: d.id.clone(),
        op: op.to_string(),
        kind: d.kind().to_string(),
        fingerprint: d.fingerprint(),
        list_version: list,
        expires_at,
        prior: String::new(),
    }
}

/// The steps cut into batches: eligibility statements (and their revocations) up to `max`
/// actions a batch, attestations of assets (and theirs) up to `max_assets`, in plan order.
pub fn batches(steps: &[Step], max: usize, max_assets: usize) -> Vec<Vec<Step>> {
    let (holders, assets): (Vec<&Step>, Vec<&Step>) =
        steps.iter().partition(|s| s.kind == "eligibility");
    let mut out = Vec::new();
    for (group, size) in [(holders, max.max(1)), (assets, max_assets.max(1))] {
        for chunk in group.chunks(size) {
            out.push(chunk.iter().map(|s| (*s).clone()).collect());
        }
    }
    out
}

#[cfg(test)]
mod tests;
