//! Structured sequences of registry transactions built with `arbitrary`: senders, ids, digests,
//! timestamps and amounts are drawn from small pools so that most messages are well-formed and
//! the fuzzer reaches deep states (quorums, votes, reports, epochs, retirements), while a share
//! stays malformed (bad ids, bad digests, wrong versions, short look-backs, absurd dates).
//! The holder side too: eligibility statements and revocations, distribution terms on plans,
//! court orders and their execution, account recovery, and mints and transfers sent straight
//! to the tokens, which read the registry as it stands; every movement that reaches an account
//! under terms is checked against the holder rule (the harness's `assert_may_hold`).

#![no_main]

use arbitrary::Arbitrary;
use cosmwasm_std::{Timestamp, Uint128};
use libfuzzer_sys::fuzz_target;
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};
use rwa_gate::registry::{ExecuteMsg, ParamsUpdate, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{
    Evidence, FlagReason, InvestorClass, IssuancePlan, MaxValidity, PartyRole, RelatedParty,
    Scopes, StatementMsg, Subject, LOOKBACK_SECONDS,
};
use rwa_gate_fuzz::{
    digest, terms, Registry, TermsSpec, ASSET_IDS, COURT, DAY, ENTITY_IDS, JURISDICTIONS, KYC,
};

#[derive(Arbitrary, Debug)]
struct Step {
    sender: u8,
    funds: bool,
    /// Seconds to advance before the message, scaled: 0..=255 hours, or days when odd.
    advance: u8,
    action: Action,
}

#[derive(Arbitrary, Debug)]
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

fn scopes(bits: u8) -> Scopes {
    Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: bits & 1 != 0,
        screening: bits & 2 != 0,
        flags: bits & 4 != 0,
        eligibility: bits & 8 != 0,
        orders: bits & 16 != 0,
    }
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
        } => ExecuteMsg::UpdateParams(ParamsUpdate {
            approval_quorum: Default::default(),
            attestation_quorum: attestation_quorum.map(|q| (q % 20) as u32),
            flag_quorum: flag_quorum.map(|q| (q % 20) as u32),
            max_validity: validity.map(|(f, sc)| MaxValidity {
                approval: 365 * 86_400,
                filing: f as u64 * 60,
                screening: sc as u64 * 60,
                eligibility: sc as u64 * 120,
            }),
            token_code_id: token_code_id.map(|c| (c % 4) as u64),
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
        } => ExecuteMsg::UpdatePlan {
            asset: pick(ASSET_IDS, asset).into(),
            plan: IssuancePlan {
                approvals: vec![],
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
        Action::Mint { .. } | Action::Transfer { .. } => unreachable!("token actions"),
    }
}

/// The actor entitled to send a holder-side message.
fn entitled(a: &Action) -> Option<usize> {
    match a {
        Action::AttestEligibility { .. } | Action::RevokeEligibility { .. } => Some(KYC),
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
        let msg = build(&r, step.action);
        r.exec(
            step.sender as usize,
            step.funds && step.sender % 16 == 0,
            msg,
        );
    }
});
