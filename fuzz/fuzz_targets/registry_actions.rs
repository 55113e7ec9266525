//! Structured sequences of registry transactions built with `arbitrary`: senders, ids, digests,
//! timestamps and amounts are drawn from small pools so that most messages are well-formed and
//! the fuzzer reaches deep states (quorums, votes, reports, epochs, retirements), while a share
//! stays malformed (bad ids, bad digests, wrong versions, short look-backs, absurd dates).
//! The holder side too: eligibility statements and revocations, distribution terms on plans,
//! court orders and their execution, account recovery, and mints and transfers sent straight
//! to the tokens, which read the registry as it stands; every movement that reaches an account
//! under terms is checked against the holder rule (the harness's `assert_may_hold`).
//! Oracles at scale too: batches of any of the oracle actions (sometimes over the bound),
//! signing keys (sometimes malformed), statements signed offline with one of a few keys and
//! relayed by anyone, sometimes for another chain or registry, late, with a used nonce or a
//! spoiled signature, and relayed again later; every relay is checked against the invariant of
//! delegation (the harness's `Registry::relay`). R3 approvals: plans naming them (sometimes
//! twice), approval statements, approval quorums.

#![no_main]

use arbitrary::Arbitrary;
use cosmwasm_std::{Binary, Timestamp, Uint128};
use libfuzzer_sys::fuzz_target;
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};
use rwa_gate::registry::{
    ExecuteMsg, OracleAction, ParamsUpdate, SignedStatement, TokenSpec, MAX_BATCH,
};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{
    Approval, ApprovalQuorum, Evidence, FlagReason, InvestorClass, IssuancePlan, MaxValidity,
    PartyRole, RelatedParty, Scopes, StatementMsg, Subject, LOOKBACK_SECONDS,
};
use rwa_gate_fuzz::{
    digest, mangle, public_key, sign, terms, Registry, SignFor, TermsSpec, ASSET_IDS, COURT, DAY,
    ENTITY_IDS, JURISDICTIONS, KYC,
};

/// The all-round oracle of the harness (filing, screening, flags and the R3 approvals), which
/// signs offline with key 1.
const ALLROUND: usize = 7;

#[derive(Arbitrary, Debug)]
struct Step {
    sender: u8,
    funds: bool,
    /// Seconds to advance before the message, scaled: 0..=255 hours, or days when odd.
    advance: u8,
    action: Action,
}

#[derive(Arbitrary, Clone, Debug)]
enum Action {
    ProposeOwner(u8),
    AcceptOwnership,
    CancelOwnershipTransfer,
    RenounceOwnership,
    SetPauser(Option<u8>),
    UpdateParams {
        attestation_quorum: Option<u8>,
        flag_quorum: Option<u8>,
        validity: Option<(u32, u32)>,
        token_code_id: Option<u8>,
        approval_quorum: Option<(u8, u8, u8)>,
    },
    AddOracle(u8, u8),
    UpdateOracleScopes(u8, u8),
    SuspendOracle(u8),
    ReactivateOracle(u8),
    RemoveOracle(u8),
    ApproveIssuer(u8),
    RevokeIssuer(u8),
    Pause(Option<u8>),
    Unpause(Option<u8>),
    RegisterEntity(u8),
    RegisterAsset {
        id: u8,
        filing_entity: u8,
        parties: Vec<(u8, u8)>,
        max_supply: u32,
        digest: u8,
        symbol_ok: bool,
    },
    UpdatePlan {
        asset: u8,
        max_supply: u32,
        digest: u8,
        terms: Option<TermsSpec>,
        /// R3 approvals the plan names (modulo 3: a repeat is refused).
        approvals: Vec<u8>,
    },
    /// The plan in force with other terms only (narrowing takes effect at once, widening
    /// waits for a Filing).
    UpdateTerms {
        asset: u8,
        terms: Option<TermsSpec>,
    },
    ReportSignificantMatter {
        asset: u8,
        evidence: u8,
    },
    AddMinter(u8, u8),
    RemoveMinter(u8, u8),
    RetireAsset(u8),
    AttestFiling {
        asset: u8,
        /// 0: a foreign digest; otherwise the asset's current plan digest.
        current_plan: u8,
        approved_supply: u32,
        valid_hours: u16,
        evidence: u8,
    },
    AttestScreening {
        asset: u8,
        version_delta: u8,
        /// None: exactly the asset's subjects; Some: drawn from the entity pool.
        subjects: Option<Vec<u8>>,
        /// Days of look-back beyond (positive) or short of (negative) three years.
        lookback_extra_days: i16,
        valid_hours: u16,
        evidence: u8,
    },
    Revoke {
        id: u8,
        evidence: u8,
    },
    RaiseFlag {
        on_entity: bool,
        subject: u8,
        reason: u8,
        offence_days_ago: u16,
        evidence: u8,
    },
    ClearFlag {
        id: u8,
        evidence: u8,
    },
    PublishNegativeList {
        version_delta: i8,
        digest: u8,
    },
    RefreshClearance(u8),
    RefreshClearances {
        start_after: Option<u8>,
        limit: Option<u8>,
    },
    AttestEligibility {
        account: u8,
        holder: u8,
        class: u8,
        jurisdiction: u8,
        valid_hours: u16,
        evidence: u8,
    },
    RevokeEligibility {
        account: u8,
        evidence: u8,
    },
    AttestOrder {
        asset: u8,
        order: u8,
        from: u8,
        to: u8,
        amount: u16,
    },
    ExecuteOrder(u8),
    RecoverAccount {
        asset: u8,
        lost: u8,
        replacement: u8,
    },
    AttestApproval {
        asset: u8,
        approval: u8,
        /// 0: an empty reference; 1: one with a space; otherwise a good one.
        reference: u8,
        valid_hours: u16,
        evidence: u8,
    },
    /// The oracle actions among `actions` (the others are dropped), all or nothing; `oversize`
    /// repeats them past the bound.
    Batch {
        actions: Vec<Action>,
        oversize: bool,
    },
    /// `None` removes the key; `malformed` (when 0 modulo 4) sends bytes that are no key.
    SetSigningKey {
        key: Option<u8>,
        malformed: u8,
    },
    /// A statement in the name of actor `oracle`, signed with key `key`, relayed by the sender.
    Relay {
        oracle: u8,
        key: u8,
        nonce: u8,
        /// Hours from now; negative: already past.
        deadline_hours: i8,
        /// 0: signed for another chain; 1: for another registry; otherwise for this one.
        signed_for: u8,
        /// The signature spoiled (`rwa_gate_fuzz::mangle`) when below 5.
        mangle: u8,
        actions: Vec<Action>,
    },
    /// One of the statements relayed before, relayed again.
    Replay(u8),
    /// Straight to the asset's token (not a registry message): a mint by the sender.
    Mint {
        asset: u8,
        to: u8,
        amount: u16,
    },
    /// Straight to the asset's token: a transfer by the sender.
    Transfer {
        asset: u8,
        to: u8,
        amount: u16,
    },
}

fn pick<'a>(pool: &[&'a str], i: u8) -> &'a str {
    pool[i as usize % pool.len()]
}

fn ev(seed: u8) -> Evidence {
    match seed % 8 {
        0 => Evidence {
            digest: "not-a-digest".into(),
            uri: None,
        },
        1 => Evidence {
            digest: digest(seed as u64),
            uri: Some("has space".into()),
        },
        _ => Evidence {
            digest: digest(1_000 + seed as u64),
            uri: Some(format!("ipfs://e/{seed}")),
        },
    }
}

fn dg(seed: u8) -> String {
    if seed == 0 {
        "ABC".into()
    } else {
        digest(seed as u64)
    }
}

/// Every bit is a power: filing, screening, flags, eligibility, orders, then the three R3
/// approvals.
fn scopes(bits: u8) -> Scopes {
    Scopes::from_bits(bits)
}

fn approvals(picks: Vec<u8>) -> Vec<Approval> {
    picks
        .into_iter()
        .take(4)
        .map(|a| Approval::ALL[a as usize % 3])
        .collect()
}

fn reason(r: u8, offence: Timestamp) -> FlagReason {
    match r % 7 {
        0 => FlagReason::BarredFromFinancing,
        1 => FlagReason::OwnershipDispute,
        2 => FlagReason::TransferProhibited,
        3 => FlagReason::NegativeList,
        4 => FlagReason::NationalSecurity,
        5 => FlagReason::CriminalRecord {
            offence_date: offence,
        },
        _ => FlagReason::UnderInvestigation,
    }
}

fn build(r: &Registry, a: Action) -> ExecuteMsg {
    use compliance_registry::state::{ASSETS, NEGATIVE_LIST};
    let s = &r.deps.storage;
    let now = r.now();
    let addr = |i: u8| r.addr(i as usize).to_string();
    match a {
        Action::ProposeOwner(i) => ExecuteMsg::ProposeOwner { new_owner: addr(i) },
        Action::AcceptOwnership => ExecuteMsg::AcceptOwnership {},
        Action::CancelOwnershipTransfer => ExecuteMsg::CancelOwnershipTransfer {},
        Action::RenounceOwnership => ExecuteMsg::RenounceOwnership {},
        Action::SetPauser(p) => ExecuteMsg::SetPauser {
            pauser: p.map(addr),
        },
        Action::UpdateParams {
            attestation_quorum,
            flag_quorum,
            validity,
            token_code_id,
            approval_quorum,
        } => ExecuteMsg::UpdateParams(ParamsUpdate {
            attestation_quorum: attestation_quorum.map(|q| (q % 20) as u32),
            flag_quorum: flag_quorum.map(|q| (q % 20) as u32),
            max_validity: validity.map(|(f, sc)| MaxValidity {
                filing: f as u64 * 60,
                screening: sc as u64 * 60,
                eligibility: sc as u64 * 120,
                approval: f as u64 * 120,
            }),
            token_code_id: token_code_id.map(|c| (c % 4) as u64),
            approval_quorum: approval_quorum.map(|(c, f, d)| ApprovalQuorum {
                cross_border_investment: (c % 20) as u32,
                foreign_exchange: (f % 20) as u32,
                data_security: (d % 20) as u32,
            }),
        }),
        Action::AddOracle(i, b) => ExecuteMsg::AddOracle {
            address: if i == 255 { "bad".into() } else { addr(i) },
            scopes: scopes(b),
        },
        Action::UpdateOracleScopes(i, b) => ExecuteMsg::UpdateOracleScopes {
            address: addr(i),
            scopes: scopes(b),
        },
        Action::SuspendOracle(i) => ExecuteMsg::SuspendOracle { address: addr(i) },
        Action::ReactivateOracle(i) => ExecuteMsg::ReactivateOracle { address: addr(i) },
        Action::RemoveOracle(i) => ExecuteMsg::RemoveOracle { address: addr(i) },
        Action::ApproveIssuer(i) => ExecuteMsg::ApproveIssuer { address: addr(i) },
        Action::RevokeIssuer(i) => ExecuteMsg::RevokeIssuer { address: addr(i) },
        Action::Pause(a) => ExecuteMsg::Pause {
            asset: a.map(|a| pick(ASSET_IDS, a).to_string()),
        },
        Action::Unpause(a) => ExecuteMsg::Unpause {
            asset: a.map(|a| pick(ASSET_IDS, a).to_string()),
        },
        Action::RegisterEntity(e) => ExecuteMsg::RegisterEntity {
            id: pick(ENTITY_IDS, e).into(),
        },
        Action::RegisterAsset {
            id,
            filing_entity,
            parties,
            max_supply,
            digest: d,
            symbol_ok,
        } => ExecuteMsg::RegisterAsset {
            id: pick(ASSET_IDS, id).into(),
            filing_entity: pick(ENTITY_IDS, filing_entity).into(),
            related_parties: parties
                .into_iter()
                .take(20)
                .map(|(e, role)| RelatedParty {
                    entity: pick(ENTITY_IDS, e).into(),
                    role: match role % 3 {
                        0 => PartyRole::ControllingShareholder,
                        1 => PartyRole::UltimateController,
                        _ => PartyRole::Other,
                    },
                })
                .collect(),
            plan: IssuancePlan {
                approvals: vec![],
                max_supply: Uint128::new(max_supply as u128),
                materials_digest: dg(d),
                terms: None,
            },
            token: TokenSpec {
                name: "Asset token".into(),
                symbol: if symbol_ok {
                    "RWAT".into()
                } else {
                    "R1".into()
                },
                decimals: 6,
            },
        },
        Action::UpdatePlan {
            asset,
            max_supply,
            digest: d,
            terms: t,
            approvals: a,
        } => ExecuteMsg::UpdatePlan {
            asset: pick(ASSET_IDS, asset).into(),
            plan: IssuancePlan {
                approvals: approvals(a),
                max_supply: Uint128::new(max_supply as u128),
                materials_digest: dg(d),
                terms: t.map(|t| Box::new(terms(now, t))),
            },
        },
        Action::UpdateTerms { asset, terms: t } => {
            let id = pick(ASSET_IDS, asset);
            let plan = ASSETS.may_load(s, id).ok().flatten().map(|a| a.plan);
            ExecuteMsg::UpdatePlan {
                asset: id.into(),
                plan: IssuancePlan {
                    terms: t.map(|t| Box::new(terms(now, t))),
                    ..plan.unwrap_or_else(|| IssuancePlan {
                        approvals: vec![],
                        max_supply: Uint128::new(1_000_000),
                        materials_digest: digest(100),
                        terms: None,
                    })
                },
            }
        }
        Action::ReportSignificantMatter { asset, evidence } => {
            ExecuteMsg::ReportSignificantMatter {
                asset: pick(ASSET_IDS, asset).into(),
                evidence: ev(evidence),
            }
        }
        Action::AddMinter(a, m) => ExecuteMsg::AddMinter {
            asset: pick(ASSET_IDS, a).into(),
            minter: addr(m),
        },
        Action::RemoveMinter(a, m) => ExecuteMsg::RemoveMinter {
            asset: pick(ASSET_IDS, a).into(),
            minter: addr(m),
        },
        Action::RetireAsset(a) => ExecuteMsg::RetireAsset {
            asset: pick(ASSET_IDS, a).into(),
        },
        Action::AttestFiling {
            asset,
            current_plan,
            approved_supply,
            valid_hours,
            evidence,
        } => {
            let id = pick(ASSET_IDS, asset);
            // Mostly the plan in force; sometimes another digest, or the digest in force with
            // another maximum supply (a plan changed while the Filing was in flight).
            let plan = match ASSETS.may_load(s, id).ok().flatten() {
                Some(a) if current_plan % 4 == 1 => IssuancePlan {
                    max_supply: a.plan.max_supply.saturating_add(Uint128::one()),
                    ..a.plan
                },
                Some(a) if current_plan % 4 != 0 => a.plan,
                _ => IssuancePlan {
                    approvals: vec![],
                    max_supply: Uint128::new(1_000_000),
                    materials_digest: digest(99),
                    terms: None,
                },
            };
            ExecuteMsg::Attest(AttestMsg {
                asset: id.into(),
                statement: StatementMsg::Filing {
                    filing_reference: "CSRC-2026-0042".into(),
                    plan,
                    approved_supply: Uint128::new(approved_supply as u128),
                },
                expires_at: now.plus_seconds(valid_hours as u64 * 3_600),
                evidence: ev(evidence),
            })
        }
        Action::AttestScreening {
            asset,
            version_delta,
            subjects,
            lookback_extra_days,
            valid_hours,
            evidence,
        } => {
            let id = pick(ASSET_IDS, asset);
            let version = NEGATIVE_LIST.load(s).map(|l| l.version).unwrap_or(1);
            let subjects = match subjects {
                Some(list) => list
                    .into_iter()
                    .take(20)
                    .map(|e| pick(ENTITY_IDS, e).to_string())
                    .collect(),
                None => ASSETS
                    .may_load(s, id)
                    .ok()
                    .flatten()
                    .map(|a| a.subjects().map(str::to_string).collect())
                    .unwrap_or_default(),
            };
            let lookback =
                (LOOKBACK_SECONDS as i64 + lookback_extra_days as i64 * DAY as i64).max(0) as u64;
            ExecuteMsg::Attest(AttestMsg {
                asset: id.into(),
                statement: StatementMsg::Screening {
                    negative_list_version: version.saturating_add((version_delta % 4 / 3) as u64),
                    subjects,
                    lookback_from: Timestamp::from_seconds(now.seconds().saturating_sub(lookback)),
                },
                expires_at: now.plus_seconds(valid_hours as u64 * 3_600),
                evidence: ev(evidence),
            })
        }
        Action::Revoke { id, evidence } => ExecuteMsg::Revoke(RevokeMsg {
            id: id as u64 % 24,
            evidence: ev(evidence),
        }),
        Action::RaiseFlag {
            on_entity,
            subject,
            reason: rs,
            offence_days_ago,
            evidence,
        } => ExecuteMsg::RaiseFlag {
            subject: if on_entity {
                Subject::Entity(pick(ENTITY_IDS, subject).into())
            } else {
                Subject::Asset(pick(ASSET_IDS, subject).into())
            },
            reason: reason(
                rs,
                Timestamp::from_seconds(
                    (now.seconds() as i64 - offence_days_ago as i64 * DAY as i64 + 2 * DAY as i64)
                        .max(0) as u64,
                ),
            ),
            evidence: ev(evidence),
        },
        Action::ClearFlag { id, evidence } => ExecuteMsg::ClearFlag {
            id: id as u64 % 24,
            conclusion: ev(evidence),
        },
        Action::PublishNegativeList {
            version_delta,
            digest: d,
        } => {
            let version = NEGATIVE_LIST.load(s).map(|l| l.version).unwrap_or(1);
            ExecuteMsg::PublishNegativeList {
                version: version.saturating_add_signed(version_delta as i64 % 3),
                digest: dg(d),
            }
        }
        Action::RefreshClearance(a) => ExecuteMsg::RefreshClearance {
            asset: pick(ASSET_IDS, a).into(),
        },
        Action::RefreshClearances { start_after, limit } => ExecuteMsg::RefreshClearances {
            start_after: start_after.map(|a| pick(ASSET_IDS, a).to_string()),
            limit: limit.map(u32::from),
        },
        Action::AttestEligibility {
            account,
            holder,
            class,
            jurisdiction,
            valid_hours,
            evidence,
        } => ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
            account: addr(account),
            holder: dg(holder % 4),
            class: InvestorClass::ALL[class as usize % 3],
            jurisdiction: pick(JURISDICTIONS, jurisdiction).into(),
            expires_at: now.plus_seconds(valid_hours as u64 * 3_600),
            evidence: ev(evidence),
        }),
        Action::RevokeEligibility { account, evidence } => {
            ExecuteMsg::RevokeEligibility(RevokeEligibilityMsg {
                account: addr(account),
                evidence: ev(evidence),
            })
        }
        Action::AttestOrder {
            asset,
            order,
            from,
            to,
            amount,
        } => ExecuteMsg::AttestOrder {
            asset: pick(ASSET_IDS, asset).into(),
            order: ev(order % 16),
            from: addr(from),
            to: addr(to),
            amount: Uint128::new(amount as u128),
        },
        Action::ExecuteOrder(order) => ExecuteMsg::ExecuteOrder {
            order: ev(order % 16).digest,
        },
        Action::RecoverAccount {
            asset,
            lost,
            replacement,
        } => ExecuteMsg::RecoverAccount {
            asset: pick(ASSET_IDS, asset).into(),
            lost: addr(lost),
            replacement: addr(replacement),
        },
        Action::AttestApproval {
            asset,
            approval,
            reference,
            valid_hours,
            evidence,
        } => ExecuteMsg::Attest(AttestMsg {
            asset: pick(ASSET_IDS, asset).into(),
            statement: StatementMsg::Approval {
                approval: Approval::ALL[approval as usize % 3],
                reference: match reference {
                    0 => String::new(),
                    1 => "NDRC 2026".into(),
                    n => format!("REF-{n}"),
                },
            },
            expires_at: now.plus_seconds(valid_hours as u64 * 3_600),
            evidence: ev(evidence),
        }),
        Action::Batch { actions, oversize } => ExecuteMsg::Batch {
            actions: oracle_actions(r, actions, oversize),
        },
        Action::SetSigningKey { key, malformed } => ExecuteMsg::SetSigningKey {
            public_key: key.map(|k| match malformed % 16 {
                0 => Binary::from(vec![2; 33]),
                4 => Binary::from([&[2u8][..], &[0xff; 32][..]].concat()),
                8 => Binary::from(public_key(k).as_slice()[..32].to_vec()),
                _ => public_key(k),
            }),
        },
        Action::Mint { .. }
        | Action::Transfer { .. }
        | Action::Relay { .. }
        | Action::Replay(_) => unreachable!("not built here"),
    }
}

/// The oracle actions among `actions`, built as their messages would be; `oversize` repeats
/// them past [`MAX_BATCH`].
fn oracle_actions(r: &Registry, actions: Vec<Action>, oversize: bool) -> Vec<OracleAction> {
    let mut out: Vec<OracleAction> = actions
        .into_iter()
        .take(MAX_BATCH)
        .filter(is_oracle_action)
        .filter_map(|a| oracle_action(build(r, a)))
        .collect();
    if oversize && !out.is_empty() {
        let first = out[0].clone();
        out.resize(MAX_BATCH + 1, first);
    }
    out
}

fn is_oracle_action(a: &Action) -> bool {
    matches!(
        a,
        Action::AttestFiling { .. }
            | Action::AttestScreening { .. }
            | Action::AttestApproval { .. }
            | Action::Revoke { .. }
            | Action::AttestEligibility { .. }
            | Action::RevokeEligibility { .. }
    )
}

fn oracle_action(msg: ExecuteMsg) -> Option<OracleAction> {
    OracleAction::of(msg)
}

/// The statement of a [`Action::Relay`], signed as it says.
fn signed_statement(r: &Registry, a: Action) -> Option<SignedStatement> {
    let Action::Relay {
        oracle,
        key,
        nonce,
        deadline_hours,
        signed_for,
        mangle: how,
        actions,
    } = a
    else {
        return None;
    };
    // Mostly the oracle that holds the key its actions need, signing with its registered key 1.
    let oracle = match (oracle % 4, actions.first()) {
        (0, _) => oracle as usize,
        (_, Some(Action::AttestEligibility { .. } | Action::RevokeEligibility { .. })) => KYC,
        _ => ALLROUND,
    };
    let key = if key % 4 == 0 { key / 4 } else { 1 };
    let hours = deadline_hours as i64 * 3_600;
    let deadline = Timestamp::from_seconds(r.now().seconds().saturating_add_signed(hours));
    let statement = SignedStatement {
        oracle: r.addr(oracle).to_string(),
        nonce: (nonce % 8) as u64,
        deadline,
        actions: oracle_actions(r, actions, false),
        signature: Binary::default(),
    };
    let elsewhere = r.deps.api.addr_make("another registry").to_string();
    let here = r.env.contract.address.to_string();
    let to = SignFor {
        chain_id: if signed_for == 0 {
            "another-chain-1"
        } else {
            &r.env.block.chain_id
        },
        registry: if signed_for == 1 { &elsewhere } else { &here },
    };
    let signed = sign(key, statement, &to);
    Some(SignedStatement {
        signature: mangle(&signed.signature, how % 16),
        ..signed
    })
}

/// The actor entitled to send a holder-side message, an approval or a batch (the eligibility
/// oracle for a batch that starts with an eligibility action, `allround` otherwise).
fn entitled(a: &Action) -> Option<usize> {
    match a {
        Action::AttestEligibility { .. } | Action::RevokeEligibility { .. } => Some(KYC),
        Action::Batch { actions, .. } => match actions.first() {
            Some(Action::AttestEligibility { .. } | Action::RevokeEligibility { .. }) => Some(KYC),
            _ => Some(ALLROUND),
        },
        Action::AttestApproval { .. } | Action::SetSigningKey { .. } => Some(ALLROUND),
        Action::AttestOrder { .. } => Some(COURT),
        Action::ExecuteOrder(_)
        | Action::RecoverAccount { .. }
        | Action::UpdateTerms { .. }
        | Action::Mint { .. } => Some(2),
        _ => None,
    }
}

/// A token action, or `None` for a registry message.
fn token_action(r: &Registry, a: &Action) -> Option<(&'static str, TokenMsg)> {
    let addr = |i: u8| r.addr(i as usize).to_string();
    match *a {
        Action::Mint { asset, to, amount } => Some((
            pick(ASSET_IDS, asset),
            TokenMsg::Mint {
                recipient: addr(to),
                amount: Uint128::new(amount as u128),
            },
        )),
        Action::Transfer { asset, to, amount } => Some((
            pick(ASSET_IDS, asset),
            TokenMsg::Transfer {
                recipient: addr(to),
                amount: Uint128::new(amount as u128),
            },
        )),
        _ => None,
    }
}

fuzz_target!(|steps: Vec<Step>| {
    let mut r = Registry::new();
    let mut relayed: Vec<SignedStatement> = Vec::new();
    for step in steps.into_iter().take(48) {
        let secs = if step.advance % 2 == 1 {
            (step.advance as u64 / 2) * DAY
        } else {
            (step.advance as u64 / 2) * 3_600
        };
        r.advance(secs);
        // The holder side's messages mostly come from the actor entitled to send them (three
        // times in four), so that the search spends its time past the sender check.
        let sender = match entitled(&step.action) {
            Some(actor) if step.sender % 4 != 0 => actor as u8,
            _ => step.sender,
        };
        let step = Step { sender, ..step };
        if let Some((asset, msg)) = token_action(&r, &step.action) {
            r.exec_token(step.sender as usize, asset, msg);
            continue;
        }
        if let Action::Replay(i) = step.action {
            if !relayed.is_empty() {
                let statement = relayed[i as usize % relayed.len()].clone();
                r.relay(step.sender as usize, statement);
            }
            continue;
        }
        if let Some(statement) = signed_statement(&r, step.action.clone()) {
            r.relay(step.sender as usize, statement.clone());
            relayed.push(statement);
            continue;
        }
        let msg = build(&r, step.action);
        r.exec(
            step.sender as usize,
            step.funds && step.sender % 16 == 0,
            msg,
        );
    }
});
