//! The gated token under arbitrary sequences of cw20 messages (structured, or raw bytes decoded
//! as JSON `ExecuteMsg`) while an arbitrary registry view answers its raw queries of `GATE` and
//! `CLEARANCES[asset]` and pushes its freeze with `update_freeze` — including a registry that
//! cannot be read or that holds garbage under those keys. The harness checks after every step
//! that a mint succeeded only when `evaluate` allows it on what the registry holds, that no
//! transfer passed the freeze the token held, and that supply, balances, minted and both
//! allowance indexes agree. The view also holds eligibility statements and the standing of their
//! oracles, and the registry's own messages (`update_terms`, `move_by_order`, `recover`) are
//! sent by anyone, the registry included: under terms, no movement may reach an account the
//! view does not let hold.

#![no_main]

use arbitrary::Arbitrary;
use cosmwasm_std::{from_json, Binary, Timestamp, Uint128};
use libfuzzer_sys::fuzz_target;
use rwa_gate::cw20::Expiration;
use rwa_gate::distribution::EligibilityRecord;
use rwa_gate::policy::ApprovalSupport;
use rwa_gate::policy::Blocker;
use rwa_gate::token::ExecuteMsg;
use rwa_gate::{Approval, Clearance, FlagReason, Gate, Subject, Support};
use rwa_gate::{Eligibility, EligibilityStatus, InvestorClass};
use rwa_gate_fuzz::{terms, RegistryView, TermsSpec, Token, JURISDICTIONS, TOKEN_ASSET};

#[derive(Arbitrary, Debug)]
struct Input {
    view: ViewSpec,
    steps: Vec<Step>,
}

#[derive(Arbitrary, Debug)]
enum Step {
    SetView(ViewSpec),
    AdvanceHours(u16),
    AdvanceBlocks(u16),
    Exec {
        sender: u8,
        funds: bool,
        msg: Msg,
    },
    /// Raw bytes decoded as a JSON `ExecuteMsg`; `@N` stands for actor N's address.
    Json {
        sender: u8,
        bytes: Vec<u8>,
    },
}

#[derive(Arbitrary, Debug)]
enum Amount {
    Small(u16),
    Large(u64),
    Huge(u128),
}

impl Amount {
    fn get(&self) -> Uint128 {
        Uint128::new(match self {
            Amount::Small(v) => *v as u128,
            Amount::Large(v) => *v as u128,
            Amount::Huge(v) => *v,
        })
    }
}

#[derive(Arbitrary, Debug)]
enum Exp {
    Height(u16),
    TimeHours(i16),
    Never,
}

#[derive(Arbitrary, Debug)]
enum Msg {
    Transfer {
        to: u8,
        amount: Amount,
    },
    Burn {
        amount: Amount,
    },
    Send {
        to: u8,
        amount: Amount,
        msg: Vec<u8>,
    },
    IncreaseAllowance {
        spender: u8,
        amount: Amount,
        expires: Option<Exp>,
    },
    DecreaseAllowance {
        spender: u8,
        amount: Amount,
        expires: Option<Exp>,
    },
    TransferFrom {
        owner: u8,
        to: u8,
        amount: Amount,
    },
    SendFrom {
        owner: u8,
        to: u8,
        amount: Amount,
        msg: Vec<u8>,
    },
    BurnFrom {
        owner: u8,
        amount: Amount,
    },
    Mint {
        to: u8,
        amount: Amount,
    },
    MintToInvalid {
        amount: Amount,
    },
    /// Registry-only messages (the registry is actor 6).
    UpdateTerms {
        terms: Option<TermsSpec>,
    },
    MoveByOrder {
        from: u8,
        to: u8,
        amount: Amount,
    },
    Recover {
        lost: u8,
        replacement: u8,
    },
}

/// One eligibility statement the registry holds.
#[derive(Arbitrary, Debug)]
struct HolderSpec {
    account: u8,
    holder: u8,
    /// 0: eligible (mostly), 1: revoked, 2: lost.
    status: u8,
    class: u8,
    jurisdiction: u8,
    expires_hours: i16,
    enrolment: u8,
}

#[derive(Arbitrary, Debug)]
struct SupportSpec {
    count: u8,
    need: u8,
    valid_hours: i16,
    approved: Option<u32>,
}

#[derive(Arbitrary, Debug)]
struct ClearanceSpec {
    epoch: u8,
    retired: bool,
    paused: bool,
    minters: u8,
    other_token: bool,
    plan_max: u32,
    filing: SupportSpec,
    screening: SupportSpec,
    /// R3 approvals the plan names (modulo 3, at most 3), each with its support.
    approvals: Vec<(u8, SupportSpec)>,
    pending_report: Option<u8>,
    blockers: Vec<(u8, Option<i16>)>,
}

#[derive(Arbitrary, Debug)]
struct ViewSpec {
    gate: Option<(bool, u8)>,
    clearance: Option<ClearanceSpec>,
    freezes: Option<Vec<u8>>,
    fault: u8,
    holders: Vec<HolderSpec>,
    /// Bit set of the oracle enrolments (0-7) that still stand.
    standing: u8,
}

fn statement(t: &Token, h: &HolderSpec) -> EligibilityRecord {
    let now = t.env.block.time;
    EligibilityRecord {
        statement: Eligibility {
            account: t.addr(h.account as usize),
            id: 1,
            status: match h.status % 6 {
                4 => EligibilityStatus::Revoked,
                5 => EligibilityStatus::Lost,
                _ => EligibilityStatus::Eligible,
            },
            oracle: t.addr(7),
            enrolment: (h.enrolment % 8) as u64,
            // Never the view's gate epoch: this synthetic view keeps no link between epoch and
            // standing, so the token must read the standing (registry_actions checks the
            // epoch shortcut against a real registry).
            epoch: u64::MAX,
            holder: rwa_gate_fuzz::digest(h.holder as u64 % 4),
            class: InvestorClass::ALL[h.class as usize % 3],
            jurisdiction: JURISDICTIONS[h.jurisdiction as usize % 4].into(),
            issued_at: now,
            expires_at: Timestamp::from_seconds(
                (now.seconds() as i64 + h.expires_hours as i64 * 3_600).max(0) as u64,
            ),
        },
        evidence: rwa_gate::Evidence {
            digest: rwa_gate_fuzz::digest(9),
            uri: None,
        },
        revoked_at: None,
        revocation: None,
    }
}

fn support(s: &SupportSpec, now: Timestamp, base: u64) -> Support {
    let count = (s.count % 4) as u64;
    Support {
        attestations: (0..count).map(|i| base + i).collect(),
        need: (s.need % 4) as u32,
        valid_until: Some(Timestamp::from_seconds(
            (now.seconds() as i64 + s.valid_hours as i64 * 3_600).max(0) as u64,
        )),
        approved_supply: s.approved.map(|a| Uint128::new(a as u128)),
    }
}

fn view(t: &Token, v: &ViewSpec) -> RegistryView {
    let now = t.env.block.time;
    RegistryView {
        gate: v.gate.map(|(paused, epoch)| Gate {
            paused,
            epoch: (epoch % 3) as u64,
        }),
        clearance: v.clearance.as_ref().map(|c| Clearance {
            approvals: vec![],
            asset: TOKEN_ASSET.into(),
            token: if c.other_token {
                t.addr(5)
            } else {
                t.env.contract.address.clone()
            },
            epoch: (c.epoch % 3) as u64,
            retired: c.retired,
            paused: c.paused,
            minters: (0..8)
                .filter(|i| c.minters & (1 << i) != 0)
                .map(|i| t.addr(i))
                .collect(),
            plan_max_supply: Uint128::new(c.plan_max as u128),
            filing: support(&c.filing, now, 1),
            screening: support(&c.screening, now, 10),
            approvals: c
                .approvals
                .iter()
                .take(3)
                .map(|(a, spec)| ApprovalSupport {
                    approval: Approval::ALL[*a as usize % 3],
                    support: support(spec, now, 20 + 10 * u64::from(*a % 3)),
                })
                .collect(),
            pending_report: c.pending_report.map(u64::from),
            blockers: c
                .blockers
                .iter()
                .take(8)
                .enumerate()
                .map(|(i, (r, lapse))| Blocker {
                    flag: i as u64 + 1,
                    subject: Subject::Asset(TOKEN_ASSET.into()),
                    reason: match r % 3 {
                        0 => FlagReason::OwnershipDispute,
                        1 => FlagReason::UnderInvestigation,
                        _ => FlagReason::CriminalRecord {
                            offence_date: Timestamp::from_seconds(0),
                        },
                    },
                    lapses_at: lapse.map(|h| {
                        Timestamp::from_seconds(
                            (now.seconds() as i64 + h as i64 * 3_600).max(0) as u64
                        )
                    }),
                })
                .collect(),
            computed_at: now,
        }),
        freezes: v
            .freezes
            .as_ref()
            .map(|f| f.iter().take(8).map(|x| *x as u64).collect()),
        statements: v.holders.iter().take(8).map(|h| statement(t, h)).collect(),
        standing: (0..8).filter(|i| v.standing & (1 << i) != 0).collect(),
        fault: if v.fault % 8 < 5 { 0 } else { v.fault % 5 },
    }
}

fn exp(t: &Token, e: &Exp) -> Expiration {
    match e {
        Exp::Height(h) => Expiration::AtHeight(
            t.env
                .block
                .height
                .saturating_add(*h as u64)
                .saturating_sub(100),
        ),
        Exp::TimeHours(h) => Expiration::AtTime(Timestamp::from_seconds(
            (t.env.block.time.seconds() as i64 + *h as i64 * 3_600).max(0) as u64,
        )),
        Exp::Never => Expiration::Never {},
    }
}

fn build(t: &Token, m: &Msg) -> ExecuteMsg {
    let a = |i: &u8| t.addr(*i as usize).to_string();
    let bin = |v: &Vec<u8>| Binary::from(v.as_slice());
    match m {
        Msg::Transfer { to, amount } => ExecuteMsg::Transfer {
            recipient: a(to),
            amount: amount.get(),
        },
        Msg::Burn { amount } => ExecuteMsg::Burn {
            amount: amount.get(),
        },
        Msg::Send { to, amount, msg } => ExecuteMsg::Send {
            contract: a(to),
            amount: amount.get(),
            msg: bin(msg),
        },
        Msg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => ExecuteMsg::IncreaseAllowance {
            spender: a(spender),
            amount: amount.get(),
            expires: expires.as_ref().map(|e| exp(t, e)),
        },
        Msg::DecreaseAllowance {
            spender,
            amount,
            expires,
        } => ExecuteMsg::DecreaseAllowance {
            spender: a(spender),
            amount: amount.get(),
            expires: expires.as_ref().map(|e| exp(t, e)),
        },
        Msg::TransferFrom { owner, to, amount } => ExecuteMsg::TransferFrom {
            owner: a(owner),
            recipient: a(to),
            amount: amount.get(),
        },
        Msg::SendFrom {
            owner,
            to,
            amount,
            msg,
        } => ExecuteMsg::SendFrom {
            owner: a(owner),
            contract: a(to),
            amount: amount.get(),
            msg: bin(msg),
        },
        Msg::BurnFrom { owner, amount } => ExecuteMsg::BurnFrom {
            owner: a(owner),
            amount: amount.get(),
        },
        Msg::Mint { to, amount } => ExecuteMsg::Mint {
            recipient: a(to),
            amount: amount.get(),
        },
        Msg::MintToInvalid { amount } => ExecuteMsg::Mint {
            recipient: "Not An Address".into(),
            amount: amount.get(),
        },
        Msg::UpdateTerms { terms: spec } => ExecuteMsg::UpdateTerms {
            terms: spec
                .as_ref()
                .map(|s| Box::new(terms(t.env.block.time, s.clone()))),
        },
        Msg::MoveByOrder { from, to, amount } => ExecuteMsg::MoveByOrder {
            order: rwa_gate_fuzz::digest(5),
            from: a(from),
            to: a(to),
            amount: amount.get(),
        },
        Msg::Recover { lost, replacement } => ExecuteMsg::Recover {
            lost: a(lost),
            replacement: a(replacement),
        },
    }
}

fuzz_target!(|input: Input| {
    let mut t = Token::new(RegistryView::default());
    let v = view(&t, &input.view);
    t.set_view(v);
    for step in input.steps.iter().take(64) {
        match step {
            Step::SetView(spec) => {
                let v = view(&t, spec);
                t.set_view(v);
            }
            Step::AdvanceHours(h) => {
                t.env.block.time = t.env.block.time.plus_seconds(*h as u64 * 3_600);
                t.env.block.height += *h as u64 * 720;
            }
            Step::AdvanceBlocks(b) => {
                t.env.block.height += *b as u64;
                t.env.block.time = t.env.block.time.plus_seconds(*b as u64 * 5);
            }
            Step::Exec { sender, funds, msg } => {
                // The registry's own messages mostly come from the registry (actor 6).
                let registry_only = matches!(
                    msg,
                    Msg::UpdateTerms { .. } | Msg::MoveByOrder { .. } | Msg::Recover { .. }
                );
                let sender = if registry_only && sender % 4 != 0 {
                    t.addr(6)
                } else {
                    t.addr(*sender as usize)
                };
                let m = build(&t, msg);
                let _ = t.exec(&sender, *funds && matches!(msg, Msg::Mint { .. }), m);
            }
            Step::Json { sender, bytes } => {
                let mut text = String::from_utf8_lossy(bytes).into_owned();
                for i in (0..8).rev() {
                    let pat = format!("@{i}");
                    if text.contains(&pat) {
                        text = text.replace(&pat, t.addr(i).as_str());
                    }
                }
                if let Ok(m) = from_json::<ExecuteMsg>(text.as_bytes()) {
                    let sender = t.addr(*sender as usize);
                    let _ = t.exec(&sender, false, m);
                }
            }
        }
    }
});
