//! Adverse findings: raised by one authorized oracle (block fast), cleared by the owner or a
//! quorum of other oracles (unblock carefully). History is never deleted.

use cosmwasm_std::{
    Addr, CosmosMsg, DepsMut, Empty, Env, MessageInfo, Order, QuerierWrapper, Response, Storage,
    Timestamp,
};
use rwa_gate::{
    validate, ClearVote, Evidence, Flag, FlagReason, FlagStatus, Subject,
    MAX_ACTIVE_FLAGS_PER_SUBJECT, MAX_ASSETS_PER_ENTITY,
};

use rwa_gate::policy::join_ids;

use crate::clearance::recompute;
use crate::error::ContractError;
use crate::execute::{is_owner, load_asset, next_id, require_active_oracle};
use crate::state::{
    ACTIVE_FLAGS, CONFIG, ENTITIES, ENTITY_ASSETS, FLAGS, LAST_FLAG_ID, ORACLES, SUBJECT_FLAGS,
};

/// Recomputes every asset a subject affects: the asset itself, or every asset linked to the
/// entity (at most `MAX_ASSETS_PER_ENTITY`, so bounded). Returns how many were recomputed, and
/// the freeze updates for their tokens.
fn recompute_affected(
    storage: &mut dyn Storage,
    querier: &QuerierWrapper,
    now: Timestamp,
    subject: &Subject,
) -> Result<(usize, Vec<CosmosMsg>), ContractError> {
    let asset_ids = match subject {
        Subject::Asset(id) => vec![id.clone()],
        Subject::Entity(id) => ENTITY_ASSETS
            .prefix(id)
            .keys(storage, None, None, Order::Ascending)
            .take(MAX_ASSETS_PER_ENTITY as usize)
            .collect::<Result<Vec<_>, _>>()?,
    };
    let mut freeze_updates = Vec::new();
    for asset_id in &asset_ids {
        let asset = load_asset(storage, asset_id)?;
        freeze_updates.extend(recompute(storage, querier, now, &asset)?.freeze_update);
    }
    Ok((asset_ids.len(), freeze_updates))
}

fn assert_subject_exists(storage: &dyn Storage, subject: &Subject) -> Result<(), ContractError> {
    match subject {
        Subject::Asset(id) => {
            load_asset(storage, id)?;
        }
        Subject::Entity(id) => {
            if !ENTITIES.has(storage, id) {
                return Err(ContractError::EntityNotFound { id: id.clone() });
            }
        }
    }
    Ok(())
}

pub fn raise(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    subject: Subject,
    reason: FlagReason,
    evidence: Evidence,
) -> Result<Response, ContractError> {
    require_active_oracle(deps.storage, &info.sender, |s| s.flags)?;
    assert_subject_exists(deps.storage, &subject)?;
    let now = env.block.time;
    if matches!(subject, Subject::Asset(_)) && reason.entities_only() {
        return Err(ContractError::FlagReasonNotForAssets {});
    }
    if let FlagReason::CriminalRecord { offence_date } = &reason {
        if *offence_date > now {
            return Err(ContractError::OffenceInFuture {});
        }
    }
    validate::evidence("flag evidence", &evidence)?;
    let active_key = (subject.tag(), subject.subject_id());
    let mut active = ACTIVE_FLAGS
        .may_load(deps.storage, active_key)?
        .unwrap_or_default();
    // Lapsed R8 flags can never block again: retire them from the bounded active list so that
    // old records never crowd out a new finding.
    let lapsed = retire_lapsed(deps.storage, now, &mut active)?;
    // Bounds the work of every recompute that reads this subject.
    if active.len() >= MAX_ACTIVE_FLAGS_PER_SUBJECT {
        return Err(ContractError::TooManyActiveFlags {
            max: MAX_ACTIVE_FLAGS_PER_SUBJECT,
        });
    }
    let id = next_id(deps.storage, &LAST_FLAG_ID)?;

    let flag = Flag {
        id,
        subject: subject.clone(),
        reason,
        evidence,
        raised_by: info.sender.clone(),
        raised_at: now,
        status: FlagStatus::Active,
        clear_votes: vec![],
        cleared_at: None,
        cleared_by: None,
        conclusion: None,
    };
    FLAGS.save(deps.storage, id, &flag)?;
    LAST_FLAG_ID.save(deps.storage, &id)?;
    SUBJECT_FLAGS.save(deps.storage, (active_key.0, active_key.1, id), &Empty {})?;
    active.push(id);
    ACTIVE_FLAGS.save(deps.storage, active_key, &active)?;
    let (recomputed, freeze_updates) =
        recompute_affected(deps.storage, &deps.querier, now, &subject)?;

    Ok(Response::new()
        .add_messages(freeze_updates)
        .add_attribute("action", "raise_flag")
        .add_attribute("flag", id.to_string())
        .add_attribute(subject_kind(&subject), subject.subject_id())
        .add_attribute("rule", flag.reason.rule())
        .add_attribute("reason", flag.reason.as_str())
        .add_attribute("oracle", info.sender)
        .add_attribute("evidence", flag.evidence.digest)
        .add_attribute("lapsed", join_ids(&lapsed))
        .add_attribute("assets_recomputed", recomputed.to_string()))
}

/// Marks the lapsed flags of `active` as `Lapsed` and removes them from it (at most
/// `MAX_ACTIVE_FLAGS_PER_SUBJECT` reads). Returns their ids.
fn retire_lapsed(
    storage: &mut dyn Storage,
    now: Timestamp,
    active: &mut Vec<u64>,
) -> Result<Vec<u64>, ContractError> {
    let mut lapsed = Vec::new();
    for id in active.iter().copied() {
        let mut flag = FLAGS.load(storage, id)?;
        if flag.reason.lapses_at().is_some_and(|at| now >= at) {
            flag.status = FlagStatus::Lapsed;
            FLAGS.save(storage, id, &flag)?;
            lapsed.push(id);
        }
    }
    active.retain(|id| !lapsed.contains(id));
    Ok(lapsed)
}

fn subject_kind(subject: &Subject) -> &'static str {
    match subject {
        Subject::Asset(_) => "asset",
        Subject::Entity(_) => "entity",
    }
}

/// Votes that still count: by a currently active flags-scoped oracle other than the raiser,
/// cast under its current enrolment (a removed oracle's votes do not come back with it).
fn counted_votes(storage: &dyn Storage, flag: &Flag) -> Result<u32, ContractError> {
    let mut count: u32 = 0;
    for vote in &flag.clear_votes {
        if vote.oracle == flag.raised_by {
            continue;
        }
        let counts = ORACLES
            .may_load(storage, vote.oracle.as_str())?
            .is_some_and(|o| o.is_active() && o.scopes.flags && o.enrolment == vote.enrolment);
        if counts {
            count = count.checked_add(1).ok_or(ContractError::Overflow {})?;
        }
    }
    Ok(count)
}

pub fn clear(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    conclusion: Evidence,
) -> Result<Response, ContractError> {
    let mut flag = FLAGS
        .may_load(deps.storage, id)?
        .ok_or(ContractError::FlagNotFound { id })?;
    if flag.status != FlagStatus::Active {
        return Err(ContractError::FlagNotActive { id });
    }
    validate::evidence("conclusion evidence", &conclusion)?;
    let now = env.block.time;

    let by_owner = is_owner(deps.storage, &info.sender)?;
    if !by_owner {
        let oracle = require_active_oracle(deps.storage, &info.sender, |s| s.flags)?;
        if flag.raised_by == info.sender {
            return Err(ContractError::RaiserCannotClear {});
        }
        // A vote cast before the oracle was removed and re-added stays in the history but no
        // longer counts, so the oracle may vote anew.
        if flag
            .clear_votes
            .iter()
            .any(|v| v.oracle == info.sender && v.enrolment == oracle.enrolment)
        {
            return Err(ContractError::AlreadyVoted {});
        }
        flag.clear_votes.push(ClearVote {
            oracle: info.sender.clone(),
            enrolment: oracle.enrolment,
            conclusion: conclusion.clone(),
            at: now,
        });
        let votes = counted_votes(deps.storage, &flag)?;
        let need = CONFIG.load(deps.storage)?.params.flag_quorum;
        if votes < need {
            FLAGS.save(deps.storage, id, &flag)?;
            return Ok(Response::new()
                .add_attribute("action", "vote_clear_flag")
                .add_attribute("flag", id.to_string())
                .add_attribute(subject_kind(&flag.subject), flag.subject.subject_id())
                .add_attribute("oracle", info.sender)
                .add_attribute("votes", votes.to_string())
                .add_attribute("need", need.to_string()));
        }
    }

    let (recomputed, freeze_updates) = clear_now(
        deps.storage,
        &deps.querier,
        now,
        &mut flag,
        info.sender.clone(),
        conclusion,
    )?;
    Ok(Response::new()
        .add_messages(freeze_updates)
        .add_attribute("action", "clear_flag")
        .add_attribute("flag", id.to_string())
        .add_attribute(subject_kind(&flag.subject), flag.subject.subject_id())
        .add_attribute("cleared_by", info.sender)
        .add_attribute("by_owner", by_owner.to_string())
        .add_attribute("assets_recomputed", recomputed.to_string()))
}

fn clear_now(
    storage: &mut dyn Storage,
    querier: &QuerierWrapper,
    now: Timestamp,
    flag: &mut Flag,
    cleared_by: Addr,
    conclusion: Evidence,
) -> Result<(usize, Vec<CosmosMsg>), ContractError> {
    flag.status = FlagStatus::Cleared;
    flag.cleared_at = Some(now);
    flag.cleared_by = Some(cleared_by);
    flag.conclusion = Some(conclusion);
    FLAGS.save(storage, flag.id, flag)?;
    let active_key = (flag.subject.tag(), flag.subject.subject_id());
    let mut active = ACTIVE_FLAGS
        .may_load(storage, active_key)?
        .unwrap_or_default();
    active.retain(|f| *f != flag.id);
    if active.is_empty() {
        ACTIVE_FLAGS.remove(storage, active_key);
    } else {
        ACTIVE_FLAGS.save(storage, active_key, &active)?;
    }
    recompute_affected(storage, querier, now, &flag.subject)
}
