//! Bad inputs to batches of oracle actions: empty, oversize, and batches whose refused actions
//! are each named by index, with nothing recorded. Every hostile Attest, Revoke,
//! AttestEligibility and RevokeEligibility of the other features is sent again as the one action
//! of a batch: refused with the same error, at index 0.

use compliance_registry::{ContractError as RegistryError, RefusedAction};
use rwa_gate::distribution::TermsError;
use rwa_gate::registry::{ExecuteMsg as R, OracleAction, MAX_BATCH};

use super::case::{case, Case};
use super::messages::{action, oracle_action};
use super::{attestations, holders, message, Fixture, Msg, FILER_FILING};
use crate::{digest, evidence};
use rwa_gate::registry::{AttestEligibilityMsg, RevokeEligibilityMsg, RevokeMsg};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let mut c = shape_cases(fx);
    c.extend(refusal_cases(fx));
    c.extend(batched(attestations::cases(fx)));
    c.extend(batched(holders::cases(fx)));
    c
}

/// A batch refused for the actions at `refused` (index, error).
pub fn batch_refused(refused: Vec<(u32, String)>) -> RegistryError {
    RegistryError::BatchRefused {
        refused: refused
            .into_iter()
            .map(|(index, reason)| RefusedAction { index, reason })
            .collect(),
    }
}

fn batch(actions: Vec<OracleAction>) -> Msg {
    R::Batch { actions }.into()
}

/// `watcher`'s eligibility statement for `next`, as the matrix sends it.
fn eligibility(fx: &mut Fixture) -> OracleAction {
    action(message(fx, "attest_eligibility"))
}

/// Empty and oversize batches: refused before any action is looked at.
fn shape_cases(fx: &mut Fixture) -> Vec<Case> {
    let good = eligibility(fx);
    vec![
        case(
            "batch: no action",
            "watcher",
            batch(vec![]),
            RegistryError::EmptyBatch {},
        ),
        case(
            format!("batch: {} actions", MAX_BATCH + 1),
            "watcher",
            batch(vec![good.clone(); MAX_BATCH + 1]),
            RegistryError::BatchTooLarge { max: MAX_BATCH },
        ),
        // Far beyond the bound: refused as cheaply, whatever the actions hold.
        case(
            "batch: 1,000 actions",
            "watcher",
            batch(vec![good; 1_000]),
            RegistryError::BatchTooLarge { max: MAX_BATCH },
        ),
    ]
}

/// Batches with good and refused actions: every refused one is named, in order, and the good
/// ones before and after it are not recorded either.
fn refusal_cases(fx: &mut Fixture) -> Vec<Case> {
    let good = eligibility(fx);
    let holder = fx.addr_str("holder");
    let ghost = fx.addr_str("ghost");
    let mut bad_jurisdiction = good.clone();
    if let OracleAction::AttestEligibility(AttestEligibilityMsg { jurisdiction, .. }) =
        &mut bad_jurisdiction
    {
        *jurisdiction = "hk".into();
    }
    let revoke_eligibility = |account: &str| {
        OracleAction::RevokeEligibility(RevokeEligibilityMsg {
            account: account.into(),
            evidence: evidence("withdrawn"),
        })
    };
    let revoke_filing = OracleAction::Revoke(RevokeMsg {
        id: FILER_FILING,
        evidence: evidence("withdrawn"),
    });
    // `holder` belongs to holder `H`: a statement naming another holder id is refused.
    let mut other_holder = good.clone();
    if let OracleAction::AttestEligibility(AttestEligibilityMsg {
        account,
        holder: id,
        ..
    }) = &mut other_holder
    {
        account.clone_from(&holder);
        *id = digest("holder N");
    }
    let terms = |code: &str| RegistryError::from(TermsError::Jurisdiction(code.into())).to_string();
    let unauthorized = RegistryError::Unauthorized {}.to_string();
    vec![
        case(
            "batch: good, refused, good, refused",
            "watcher",
            batch(vec![
                good.clone(),
                bad_jurisdiction.clone(),
                revoke_eligibility(&holder),
                revoke_eligibility(&ghost),
            ]),
            batch_refused(vec![
                (1, terms("hk")),
                (
                    3,
                    RegistryError::EligibilityNotFound {
                        account: ghost.clone(),
                    }
                    .to_string(),
                ),
            ]),
        ),
        case(
            "batch: the last of 100 actions refused",
            "watcher",
            batch([vec![good.clone(); MAX_BATCH - 1], vec![bad_jurisdiction]].concat()),
            batch_refused(vec![(MAX_BATCH as u32 - 1, terms("hk"))]),
        ),
        case(
            "batch: an account of another holder",
            "watcher",
            batch(vec![good.clone(), other_holder]),
            batch_refused(vec![(
                1,
                RegistryError::HolderMismatch {
                    account: holder.clone(),
                    holder: holders::holder_id(),
                }
                .to_string(),
            )]),
        ),
        // Later actions see the earlier ones: the second revocation finds the first's.
        case(
            "batch: the same revocation twice",
            "watcher",
            batch(vec![
                revoke_eligibility(&holder),
                revoke_eligibility(&holder),
            ]),
            batch_refused(vec![(
                1,
                RegistryError::EligibilityAlreadyRevoked {
                    account: holder.clone(),
                }
                .to_string(),
            )]),
        ),
        case(
            "batch: the same attestation revoked twice",
            "filer",
            batch(vec![revoke_filing.clone(), revoke_filing.clone()]),
            batch_refused(vec![(
                1,
                RegistryError::AlreadyRevoked { id: FILER_FILING }.to_string(),
            )]),
        ),
        // Judged as its sender: the filer may not make eligibility statements, nor the
        // watcher revoke the filer's attestation.
        case(
            "batch: an action of another scope",
            "filer",
            batch(vec![revoke_filing.clone(), good.clone()]),
            batch_refused(vec![(1, unauthorized.clone())]),
        ),
        case(
            "batch: another oracle's attestation",
            "watcher",
            batch(vec![good, revoke_filing]),
            batch_refused(vec![(1, unauthorized)]),
        ),
    ]
}

/// Each case that sends one oracle action, sent again as the one action of a batch: the same
/// refusal, named at index 0.
pub fn batched(cases: Vec<Case>) -> Vec<Case> {
    cases
        .into_iter()
        .filter_map(|c| {
            let Msg::Registry(msg) = &c.msg else {
                return None;
            };
            let action = oracle_action(msg.clone())?;
            let expected = batch_refused(vec![(0, c.expected.clone())]).to_string();
            Some(Case {
                what: format!("batch of one: {}", c.what),
                msg: batch(vec![action]),
                expected,
                ..c
            })
        })
        .collect()
}
