//! Model-based property tests: random sequences of oracle, owner, issuer and holder actions, time
//! jumps included, run against the contracts (cw-multi-test) and against the independent
//! reference model of `rwa_gate_tests::model`. After every step:
//!
//! - every message is accepted exactly when the model accepts it; in particular a mint succeeds
//!   exactly when the model's issuance rule allows it (and `check_issuance` agrees);
//! - cumulative minted never exceeds the cap in force, and equals the model's;
//! - a mint never succeeds while an active, unlapsed flag lies on the asset or a related entity
//!   (checked against the registry's own flag records);
//! - the token's supply equals the sum of the balances of every account (paginated
//!   `all_accounts` + `balance`), and every balance equals the model's;
//! - a failed message changes nothing: the raw storage of the registry and of the token is the
//!   same before and after;
//! - the holder side (`rwa_gate_tests::model::holders`): a mint or transfer also needs the
//!   model's holder rule to admit the receiver under the terms in force (eligibility statements
//!   of the `kyc` oracle, their revocation and expiry, its suspension, admitted classes,
//!   excluded jurisdictions, lock-up), and the token enforces exactly the terms the model puts
//!   in force (a narrowing at once, a widening once a Filing quorum stands again).
//!
//! `random_holder_sequences_agree_with_the_model` runs half as many cases of half the length,
//! mostly holder actions, mints and transfers around a cleared bond with terms.
//!
//! Cases and steps default to 256 × 60; `RWA_GATE_PROPTEST_CASES` and `RWA_GATE_PROPTEST_STEPS`
//! raise them. A failure prints the shrunk sequence ready to paste into a regression test below.

use std::cell::Cell;
use std::thread::LocalKey;

use cosmwasm_std::{Timestamp, Uint128};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use rwa_gate::cw20::{AllAccountsResponse, BalanceResponse, TokenInfoResponse};
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};
use rwa_gate::registry::{
    ExecuteMsg, FlagsResponse, MintedResponse, OracleAction, ParamsUpdate, QueryMsg,
    SignedStatement,
};
use rwa_gate::token::TransferRulesResponse;
use rwa_gate::token::{AssetInfoResponse, ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use rwa_gate::{
    Approval, Decision, DistributionTerms, FlagReason, InvestorClass, IssuancePlan, Scopes,
    StatementMsg, Subject,
};
use rwa_gate_tests::model::holders::{Statement, Terms, JURISDICTIONS, MAX_VALIDITY_ELIGIBILITY};
use rwa_gate_tests::model::{
    Kind, Model, Powers, Reason, Subj, Who, DAY, KYC_SIGNER, MAX_VALIDITY_APPROVAL,
    MAX_VALIDITY_FILING, MAX_VALIDITY_SCREENING, THREE_YEARS, YEAR,
};
use rwa_gate_tests::oracles::{OracleKey, Unsigned};
use rwa_gate_tests::{digest, evidence, Receipt, Suite, BOND, ELIGIBILITY, MAX_SUPPLY};

// ------------------------------------------------------------------------------------ actions

/// How a screening departs from a complete one.
#[derive(Clone, Copy, Debug)]
enum Gap {
    Complete,
    /// Leaves out the ultimate controller.
    MissingParty,
    /// Looks back one second less than 1,096 days.
    ShortLookback,
}

/// A flag reason; R8 names how long ago the offence was (negative: in the future).
#[derive(Clone, Copy, Debug)]
enum FlagKind {
    Barred,
    Dispute,
    Prohibited,
    NegativeList,
    NationalSecurity,
    Criminal { ago: i64 },
    Investigation,
}

/// An amount, resolved against the model when the step runs: for a mint `All` is what is left
/// under the cap, for a transfer or burn the sender's balance.
#[derive(Clone, Copy, Debug)]
enum Amount {
    Zero,
    One,
    Fixed(u128),
    Half,
    All,
    AllPlusOne,
    Max,
}

#[derive(Clone, Debug)]
enum Action {
    Noop,
    AttestFiling {
        oracle: u8,
        stale_plan: bool,
        supply: u128,
        valid_for: u64,
    },
    AttestScreening {
        oracle: u8,
        stale_list: bool,
        gap: Gap,
        valid_for: u64,
    },
    /// Revokes the `pick`-th attestation (modulo), by its author or by `other`.
    Revoke {
        pick: u8,
        by_author: bool,
        other: u8,
    },
    RaiseFlag {
        by: Who,
        subject: Subj,
        reason: FlagKind,
    },
    /// Clears (owner) or votes to clear (oracle) the `pick`-th flag (modulo).
    ClearFlag {
        by: Who,
        pick: u8,
    },
    Suspend {
        by: Who,
        oracle: u8,
    },
    Reactivate {
        by: Who,
        oracle: u8,
    },
    Remove {
        by: Who,
        oracle: u8,
    },
    AddOracle {
        by: Who,
        oracle: u8,
        powers: Powers,
    },
    UpdateScopes {
        by: Who,
        oracle: u8,
        powers: Powers,
    },
    UpdateParams {
        by: Who,
        quorum: Option<u32>,
        flag_quorum: Option<u32>,
    },
    /// Publishes the current negative-list version plus `step`.
    PublishList {
        by: Who,
        step: u64,
    },
    UpdatePlan {
        by: Who,
        version: u64,
        max: u128,
    },
    Report {
        by: Who,
    },
    Pause {
        by: Who,
        asset: bool,
    },
    Unpause {
        by: Who,
        asset: bool,
    },
    AddMinter {
        by: Who,
        holder: u8,
    },
    RemoveMinter {
        by: Who,
        holder: u8,
    },
    Refresh {
        all: bool,
    },
    Mint {
        minter: u8,
        to: u8,
        amount: Amount,
    },
    Transfer {
        from: u8,
        to: u8,
        amount: Amount,
    },
    Burn {
        from: u8,
        amount: Amount,
    },
    Advance {
        seconds: u64,
    },
    /// Jumps to the `pick`-th future expiry, R8 lapse or end of lock-up (modulo), plus `delta`
    /// seconds.
    AdvanceTo {
        pick: u8,
        delta: i8,
    },
    /// An eligibility statement about holder `account`: holder id `id`, class and jurisdiction
    /// by index, by `kyc` or else by oracle 0 (not eligibility-scoped).
    AttestEligibility {
        by_kyc: bool,
        account: u8,
        id: u8,
        class: u8,
        jurisdiction: u8,
        valid_for: u64,
    },
    RevokeEligibility {
        by_kyc: bool,
        account: u8,
    },
    /// Suspends (`active: false`) or reactivates the eligibility oracle `kyc`.
    SetKyc {
        by: Who,
        active: bool,
    },
    /// Puts `terms` on the bond's plan, its maximum and digest unchanged.
    SetTerms {
        by: Who,
        terms: Option<TermsPick>,
    },
    /// Oracles at scale: a batch of `items` sent by `by`.
    Batch {
        by: Desk,
        items: Vec<Item>,
    },
    /// `signer` registers its next key, or removes its key.
    SetKey {
        signer: Desk,
        remove: bool,
    },
    /// `items` signed offline by `signer` with `key`, relayed by a stranger; `late`: its
    /// deadline passed a second ago.
    Relay {
        signer: Desk,
        key: KeyPick,
        nonce: u8,
        late: bool,
        items: Vec<Item>,
    },
    /// The `pick`-th statement relayed before (modulo), relayed again.
    Replay {
        pick: u8,
    },
    /// R3 approval `approval` (0-2) of the bond; a bad reference is refused.
    AttestApproval {
        oracle: u8,
        approval: u8,
        valid_for: u64,
        good_reference: bool,
    },
    /// The bond's plan names `approvals` (0-2, a repeat refused), nothing else changed.
    SetApprovals {
        by: Who,
        approvals: Vec<u8>,
    },
}

/// Who sends a batch or signs a statement: an oracle slot, or the eligibility oracle.
#[derive(Clone, Copy, Debug)]
enum Desk {
    Oracle(u8),
    Kyc,
}

/// The key a relayed statement is signed with: the signer's registered one, the one it had
/// before its last rotation, or one it never registered.
#[derive(Clone, Copy, Debug)]
enum KeyPick {
    Current,
    Previous,
    Forged,
}

/// One action of a batch or a relayed statement, by its sender.
#[derive(Clone, Copy, Debug)]
enum Item {
    Filing {
        stale_plan: bool,
        supply: u128,
        valid_for: u64,
    },
    Screening {
        stale_list: bool,
        valid_for: u64,
    },
    Revoke {
        pick: u8,
    },
    Eligibility {
        account: u8,
        id: u8,
        class: u8,
        jurisdiction: u8,
        valid_for: u64,
    },
    RevokeEligibility {
        account: u8,
    },
    Approval {
        approval: u8,
        valid_for: u64,
    },
}

/// Terms as a [`SetTerms`] action picks them: the lock-up ends `lockup` seconds after the
/// case's start.
#[derive(Clone, Copy, Debug)]
struct TermsPick {
    classes: Option<u8>,
    excluded: u8,
    lockup: Option<u64>,
}

use Action::*;
use Amount::*;
use FlagKind::*;
use Gap::*;
use Subj::*;
use Who::*;

// ---------------------------------------------------------------------------------- strategies

/// Slots 0-3 are registered at the start; slot 4 only once added.
fn oracle() -> impl Strategy<Value = u8> {
    prop_oneof![3 => Just(0u8), 3 => Just(1), 3 => Just(2), 2 => Just(3), 1 => Just(4)]
}

fn holder() -> impl Strategy<Value = u8> {
    0u8..5
}

/// The issuer most of the time (the only minter at first), then the desk.
fn minter() -> impl Strategy<Value = u8> {
    prop_oneof![12 => Just(0u8), 4 => Just(1), 1 => Just(2), 1 => Just(3), 1 => Just(4)]
}

fn anyone() -> impl Strategy<Value = Who> {
    prop_oneof![
        Just(Owner),
        Just(Pauser),
        Just(Issuer),
        oracle().prop_map(Oracle),
        Just(Stranger),
    ]
}

/// Mostly `usual`, sometimes anyone at all.
fn mostly(usual: Who) -> impl Strategy<Value = Who> {
    prop_oneof![8 => Just(usual), 1 => anyone()]
}

fn mostly_oracle() -> impl Strategy<Value = Who> {
    prop_oneof![8 => oracle().prop_map(Oracle), 1 => anyone()]
}

fn powers() -> impl Strategy<Value = Powers> {
    let p = |filing, screening, flags| Powers {
        filing,
        screening,
        flags,
        approvals: false,
    };
    prop_oneof![
        3 => Just(Powers::ALL),
        2 => Just(Powers::CLEAN),
        1 => Just(p(true, false, false)),
        1 => Just(p(false, true, false)),
        1 => Just(p(false, false, true)),
        1 => Just(p(false, false, false)),
        1 => Just(Powers { approvals: true, ..Powers::default() }),
    ]
}

fn valid_for(max: u64) -> impl Strategy<Value = u64> {
    prop_oneof![
        1 => Just(0),
        1 => Just(1),
        1 => Just(3_600),
        3 => Just(DAY),
        4 => Just(30 * DAY),
        3 => Just(max),
        1 => Just(max + 1),
    ]
}

fn flag_kind() -> impl Strategy<Value = FlagKind> {
    let ago = prop_oneof![
        Just(THREE_YEARS + DAY),
        Just(THREE_YEARS + 1),
        Just(THREE_YEARS),
        Just(THREE_YEARS - 1),
        Just(THREE_YEARS - DAY),
        Just(2 * YEAR),
        Just(0),
    ]
    .prop_map(|s| s as i64);
    prop_oneof![
        1 => Just(Barred),
        2 => Just(Dispute),
        1 => Just(Prohibited),
        1 => Just(NegativeList),
        1 => Just(NationalSecurity),
        4 => prop_oneof![9 => ago, 1 => Just(-1i64)].prop_map(|ago| Criminal { ago }),
        2 => Just(Investigation),
    ]
}

fn subject() -> impl Strategy<Value = Subj> {
    prop_oneof![
        4 => Just(Bond),
        1 => Just(GhostAsset),
        3 => Just(Acme),
        2 => Just(Holdco),
        3 => Just(Founder),
        2 => Just(Other),
        1 => Just(GhostEntity),
    ]
}

fn amount() -> impl Strategy<Value = Amount> {
    prop_oneof![
        1 => Just(Zero),
        3 => Just(One),
        6 => prop_oneof![Just(100u128), Just(499), Just(500), Just(100_000)].prop_map(Fixed),
        2 => Just(Half),
        1 => Just(All),
        2 => Just(AllPlusOne),
        1 => Just(Max),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let quorum = prop_oneof![
        3 => Just(None),
        1 => Just(Some(0u32)),
        4 => Just(Some(1)),
        2 => (2u32..=3).prop_map(Some),
    ];
    let flag_quorum = prop_oneof![3 => Just(None), 1 => (1u32..=3).prop_map(Some)];
    let seconds = prop_oneof![
        3 => Just(1u64),
        2 => Just(59),
        3 => Just(3_600),
        3 => Just(DAY),
        2 => Just(29 * DAY),
        1 => Just(30 * DAY),
        1 => Just(90 * DAY),
        1 => Just(YEAR),
        1 => Just(THREE_YEARS),
        1 => Just(4 * YEAR),
    ];
    let options: Vec<(u32, BoxedStrategy<Action>)> = vec![
        (
            14,
            (
                oracle(),
                prop::bool::weighted(0.15),
                prop_oneof![Just(0u128), Just(500), Just(1_000), Just(250_000), Just(1_000_000), Just(2_000_000)],
                valid_for(MAX_VALIDITY_FILING),
            )
                .prop_map(|(oracle, stale_plan, supply, valid_for)| AttestFiling {
                    oracle,
                    stale_plan,
                    supply,
                    valid_for,
                })
                .boxed(),
        ),
        (
            12,
            (
                oracle(),
                prop::bool::weighted(0.15),
                prop_oneof![8 => Just(Complete), 1 => Just(MissingParty), 1 => Just(ShortLookback)],
                valid_for(MAX_VALIDITY_SCREENING),
            )
                .prop_map(|(oracle, stale_list, gap, valid_for)| AttestScreening {
                    oracle,
                    stale_list,
                    gap,
                    valid_for,
                })
                .boxed(),
        ),
        (
            3,
            (any::<u8>(), prop::bool::weighted(0.8), oracle())
                .prop_map(|(pick, by_author, other)| Revoke {
                    pick,
                    by_author,
                    other,
                })
                .boxed(),
        ),
        (
            4,
            (mostly_oracle(), subject(), flag_kind())
                .prop_map(|(by, subject, reason)| RaiseFlag {
                    by,
                    subject,
                    reason,
                })
                .boxed(),
        ),
        (
            6,
            (prop_oneof![1 => Just(Owner), 2 => mostly_oracle()], any::<u8>())
                .prop_map(|(by, pick)| ClearFlag { by, pick })
                .boxed(),
        ),
        (
            1,
            (mostly(Owner), oracle())
                .prop_map(|(by, oracle)| Suspend { by, oracle })
                .boxed(),
        ),
        (
            2,
            (mostly(Owner), oracle())
                .prop_map(|(by, oracle)| Reactivate { by, oracle })
                .boxed(),
        ),
        (
            1,
            (mostly(Owner), oracle())
                .prop_map(|(by, oracle)| Remove { by, oracle })
                .boxed(),
        ),
        (
            2,
            (mostly(Owner), oracle(), powers())
                .prop_map(|(by, oracle, powers)| AddOracle { by, oracle, powers })
                .boxed(),
        ),
        (
            1,
            (mostly(Owner), oracle(), powers())
                .prop_map(|(by, oracle, powers)| UpdateScopes { by, oracle, powers })
                .boxed(),
        ),
        (
            2,
            (mostly(Owner), quorum, flag_quorum)
                .prop_map(|(by, quorum, flag_quorum)| UpdateParams {
                    by,
                    quorum,
                    flag_quorum,
                })
                .boxed(),
        ),
        (
            2,
            (
                prop_oneof![2 => Just(Owner), 2 => mostly_oracle()],
                prop_oneof![1 => Just(0u64), 4 => Just(1), 1 => Just(2)],
            )
                .prop_map(|(by, step)| PublishList { by, step })
                .boxed(),
        ),
        (
            2,
            (
                mostly(Issuer),
                1u64..=3,
                prop_oneof![1 => Just(0u128), 2 => Just(1_000), 2 => Just(600_000), 3 => Just(MAX_SUPPLY)],
            )
                .prop_map(|(by, version, max)| UpdatePlan { by, version, max })
                .boxed(),
        ),
        (
            1,
            prop_oneof![Just(Issuer), mostly_oracle()]
                .prop_map(|by| Report { by })
                .boxed(),
        ),
        (
            1,
            (prop_oneof![2 => Just(Owner), 2 => Just(Pauser), 1 => anyone()], any::<bool>())
                .prop_map(|(by, asset)| Pause { by, asset })
                .boxed(),
        ),
        (
            3,
            (mostly(Owner), any::<bool>())
                .prop_map(|(by, asset)| Unpause { by, asset })
                .boxed(),
        ),
        (
            3,
            (mostly(Issuer), holder())
                .prop_map(|(by, holder)| AddMinter { by, holder })
                .boxed(),
        ),
        (
            1,
            (mostly(Issuer), holder())
                .prop_map(|(by, holder)| RemoveMinter { by, holder })
                .boxed(),
        ),
        (5, any::<bool>().prop_map(|all| Refresh { all }).boxed()),
        (
            20,
            (minter(), holder(), amount())
                .prop_map(|(minter, to, amount)| Mint { minter, to, amount })
                .boxed(),
        ),
        (
            5,
            (holder(), holder(), amount())
                .prop_map(|(from, to, amount)| Transfer { from, to, amount })
                .boxed(),
        ),
        (
            2,
            (holder(), amount())
                .prop_map(|(from, amount)| Burn { from, amount })
                .boxed(),
        ),
        (5, seconds.prop_map(|seconds| Advance { seconds }).boxed()),
        (
            3,
            (any::<u8>(), -1i8..=1)
                .prop_map(|(pick, delta)| AdvanceTo { pick, delta })
                .boxed(),
        ),
    ];
    let mut options = options;
    options.extend(holder_actions());
    options.extend(scale_actions());
    Union::new_weighted(options)
}

fn terms_pick() -> impl Strategy<Value = Option<TermsPick>> {
    let classes = prop_oneof![
        2 => Just(None),
        1 => Just(Some(0b111u8)),
        2 => Just(Some(0b110)),
        1 => Just(Some(0b010)),
        1 => Just(Some(0b001)),
    ];
    let excluded = prop_oneof![3 => Just(0u8), 3 => Just(0b100), 1 => 0u8..8];
    let lockup = prop_oneof![3 => Just(None), 1 => Just(Some(DAY)), 1 => Just(Some(30 * DAY))];
    let pick = (classes, excluded, lockup).prop_map(|(classes, excluded, lockup)| TermsPick {
        classes,
        excluded,
        lockup,
    });
    prop_oneof![1 => Just(None), 5 => pick.prop_map(Some)]
}

/// The holder side: eligibility statements, the eligibility oracle's standing, the terms.
fn holder_actions() -> Vec<(u32, BoxedStrategy<Action>)> {
    vec![
        (
            8,
            (
                prop::bool::weighted(0.9),
                holder(),
                0u8..3,
                0u8..3,
                0u8..3,
                valid_for(MAX_VALIDITY_ELIGIBILITY),
            )
                .prop_map(|(by_kyc, account, id, class, jurisdiction, valid_for)| {
                    AttestEligibility {
                        by_kyc,
                        account,
                        id,
                        class,
                        jurisdiction,
                        valid_for,
                    }
                })
                .boxed(),
        ),
        (
            2,
            (prop::bool::weighted(0.9), holder())
                .prop_map(|(by_kyc, account)| RevokeEligibility { by_kyc, account })
                .boxed(),
        ),
        (
            1,
            (mostly(Owner), any::<bool>())
                .prop_map(|(by, active)| SetKyc { by, active })
                .boxed(),
        ),
        (
            4,
            (mostly(Issuer), terms_pick())
                .prop_map(|(by, terms)| SetTerms { by, terms })
                .boxed(),
        ),
    ]
}

/// A statement by `kyc` about a random account, for 30 days.
fn eligible_for_a_month() -> impl Strategy<Value = Action> {
    (holder(), 0u8..3, 0u8..3, 0u8..3).prop_map(|(account, id, class, jurisdiction)| {
        AttestEligibility {
            by_kyc: true,
            account,
            id,
            class,
            jurisdiction,
            valid_for: 30 * DAY,
        }
    })
}

/// `steps` actions, the first two usually a clean Filing and a clean Screening, so that most
/// cases spend their steps around a bond that can mint, the next two usually eligibility
/// statements, so that movements under terms can pass the holder rule too.
fn sequence(steps: usize) -> impl Strategy<Value = Vec<Action>> {
    let filing = (
        0u8..3,
        prop_oneof![1 => Just(1_000u128), 3 => Just(1_000_000)],
        prop_oneof![Just(30 * DAY), Just(MAX_VALIDITY_FILING)],
    )
        .prop_map(|(oracle, supply, valid_for)| AttestFiling {
            oracle,
            stale_plan: false,
            supply,
            valid_for,
        });
    let screening = (
        0u8..4,
        prop_oneof![Just(30 * DAY), Just(MAX_VALIDITY_SCREENING)],
    )
        .prop_map(|(oracle, valid_for)| AttestScreening {
            oracle,
            stale_list: false,
            gap: Complete,
            valid_for,
        });
    let prologue = (
        prop_oneof![1 => Just(Noop), 6 => filing],
        prop_oneof![1 => Just(Noop), 6 => screening],
        prop_oneof![1 => Just(Noop), 3 => eligible_for_a_month()],
        prop_oneof![1 => Just(Noop), 3 => eligible_for_a_month()],
    );
    let rest = steps.saturating_sub(4);
    (prologue, vec(action(), rest..=rest)).prop_map(move |((f, sc, e1, e2), rest)| {
        let mut all = vec![f, sc, e1, e2];
        all.extend(rest);
        all.truncate(steps);
        all
    })
}

/// A clean Filing (or Screening) by oracle 0, valid as long as it may be.
fn clean(kind: Kind) -> Action {
    match kind {
        Kind::Filing => AttestFiling {
            oracle: 0,
            stale_plan: false,
            supply: 1_000_000,
            valid_for: MAX_VALIDITY_FILING,
        },
        Kind::Screening => AttestScreening {
            oracle: 0,
            stale_list: false,
            gap: Complete,
            valid_for: MAX_VALIDITY_SCREENING,
        },
        Kind::Approval(approval) => AttestApproval {
            oracle: 0,
            approval,
            valid_for: 30 * DAY,
            good_reference: true,
        },
    }
}

/// The holder side's mix: statements, terms, the eligibility oracle's standing, mints and
/// transfers judged under the terms, time, and the clean filings that put waiting terms in
/// force.
fn holder_action() -> impl Strategy<Value = Action> {
    let mut options = holder_actions();
    options.extend([
        (
            10,
            (minter(), holder(), amount())
                .prop_map(|(minter, to, amount)| Mint { minter, to, amount })
                .boxed(),
        ),
        (
            10,
            (holder(), holder(), amount())
                .prop_map(|(from, to, amount)| Transfer { from, to, amount })
                .boxed(),
        ),
        (8, Just(clean(Kind::Filing)).boxed()),
        (1, Just(clean(Kind::Screening)).boxed()),
        (2, Just(Refresh { all: false }).boxed()),
        (
            3,
            prop_oneof![Just(3_600u64), Just(DAY), Just(10 * DAY)]
                .prop_map(|seconds| Advance { seconds })
                .boxed(),
        ),
        (
            2,
            (any::<u8>(), -1i8..=1)
                .prop_map(|(pick, delta)| AdvanceTo { pick, delta })
                .boxed(),
        ),
    ]);
    Union::new_weighted(options)
}

/// A bond cleared for issuance (a clean Filing and Screening) with terms on its plan, then
/// `steps` actions of the holder side's mix.
fn holder_sequence(steps: usize) -> impl Strategy<Value = Vec<Action>> {
    let rest = steps.saturating_sub(3);
    (
        terms_pick(),
        vec(eligible_for_a_month(), 2..=2),
        vec(holder_action(), rest..=rest),
    )
        .prop_map(move |(terms, eligible, rest)| {
            let mut all = vec![
                clean(Kind::Filing),
                clean(Kind::Screening),
                SetTerms { by: Issuer, terms },
            ];
            all.extend(eligible);
            all.extend(rest);
            all.truncate(steps);
            all
        })
}

// ------------------------------------------------------------------------------------- harness

const HOLDER_NAMES: [&str; 5] = ["issuer", "desk", "desk2", "alice", "bob"];
const ENTITY_OTHER: &str = "other";
const GHOST: &str = "ghost";

fn name(who: Who) -> String {
    match who {
        Owner => "owner".into(),
        Pauser => "pauser".into(),
        Issuer => "issuer".into(),
        Oracle(i) => format!("oracle-{i}"),
        Stranger => "mallory".into(),
    }
}

fn scopes(p: Powers) -> Scopes {
    Scopes {
        cross_border_investment: p.approvals,
        data_security: p.approvals,
        foreign_exchange: p.approvals,
        filing: p.filing,
        screening: p.screening,
        flags: p.flags,
        eligibility: false,
        orders: false,
    }
}

fn subject_of(s: Subj) -> Subject {
    match s {
        Bond => Subject::Asset(BOND.into()),
        GhostAsset => Subject::Asset(GHOST.into()),
        Acme => Subject::Entity("acme".into()),
        Holdco => Subject::Entity("holdco".into()),
        Founder => Subject::Entity("founder".into()),
        Other => Subject::Entity(ENTITY_OTHER.into()),
        GhostEntity => Subject::Entity(GHOST.into()),
    }
}

/// The eligibility oracle, or oracle 0 (every scope but eligibility).
fn kyc_or_oracle(by_kyc: bool) -> String {
    if by_kyc {
        "kyc".into()
    } else {
        name(Oracle(0))
    }
}

/// The model's terms as the contracts write them.
fn distribution_terms(terms: Option<Terms>) -> Option<DistributionTerms> {
    terms.map(|t| DistributionTerms {
        classes: t.classes.map(|mask| {
            InvestorClass::ALL
                .into_iter()
                .filter(|c| mask & c.bit() != 0)
                .collect()
        }),
        excluded_jurisdictions: JURISDICTIONS
            .iter()
            .enumerate()
            .filter(|(i, _)| t.excluded & (1 << i) != 0)
            .map(|(_, code)| code.to_string())
            .collect(),
        lockup_until: t.lockup_until.map(Timestamp::from_seconds),
        ..DistributionTerms::default()
    })
}

fn plan_digest(version: u64) -> String {
    digest(&format!("{BOND}-plan-v{version}"))
}

// Counts of what a property test exercised, per test thread: the property tests run in parallel.
thread_local! {
    static STEPS: Cell<usize> = const { Cell::new(0) };
    static MINTS_ALLOWED: Cell<usize> = const { Cell::new(0) };
    static MINTS_DENIED: Cell<usize> = const { Cell::new(0) };
    static FAILED_MESSAGES: Cell<usize> = const { Cell::new(0) };
    /// Mints and transfers tried while the token enforces terms, and those the holder rule alone
    /// refused (the receiver).
    static MOVES_UNDER_TERMS: Cell<usize> = const { Cell::new(0) };
    static HOLDER_RULE_REFUSALS: Cell<usize> = const { Cell::new(0) };
    static HOLDER_RULE_PASSES: Cell<usize> = const { Cell::new(0) };
    /// Batches and relayed statements recorded and refused (replays included), and mints
    /// denied while an approval the plan names was missing.
    static BATCHES_RECORDED: Cell<usize> = const { Cell::new(0) };
    static BATCHES_REFUSED: Cell<usize> = const { Cell::new(0) };
    static RELAYS_RECORDED: Cell<usize> = const { Cell::new(0) };
    static RELAYS_REFUSED: Cell<usize> = const { Cell::new(0) };
    static REPLAYS_REFUSED: Cell<usize> = const { Cell::new(0) };
}

fn bump(counter: &'static LocalKey<Cell<usize>>) {
    counter.with(|c| c.set(c.get() + 1));
}

fn count(counter: &'static LocalKey<Cell<usize>>) -> usize {
    counter.with(Cell::get)
}

type Check = Result<(), String>;

struct Harness {
    s: Suite,
    m: Model,
    token: String,
    /// The case's start, in seconds (lock-ups are counted from it).
    start: u64,
    /// The next key generation of each signer (oracle slots, then `kyc`).
    next_key: [u32; 6],
    /// Statements relayed and recorded, for replays.
    relayed: Vec<Relayed>,
}

impl Harness {
    /// Built once per case: oracles 0-2 with every scope, oracle 3 with Filing and Screening,
    /// slot 4 unregistered; the bond with its three parties; an unrelated entity.
    fn new() -> Self {
        let mut s = Suite::new()
            .with_oracle("oracle-0", scopes(Powers::ALL))
            .with_oracle("oracle-1", scopes(Powers::ALL))
            .with_oracle("oracle-2", scopes(Powers::ALL))
            .with_oracle("oracle-3", scopes(Powers::CLEAN))
            .with_oracle("kyc", ELIGIBILITY)
            .build();
        s.register_entity(ENTITY_OTHER).expect("entity registered");
        for signer in [
            Desk::Oracle(0),
            Desk::Oracle(1),
            Desk::Oracle(2),
            Desk::Oracle(3),
            Desk::Kyc,
        ] {
            s.set_signing_key(&desk_name(signer), &key_of(signer, Some(0)))
                .expect("key registered");
        }
        let token = s.token(BOND);
        let start = s.now().seconds();
        let m = Model::new(start, MAX_SUPPLY);
        Harness {
            s,
            m,
            token,
            start,
            next_key: [1; 6],
            relayed: vec![],
        }
    }

    fn holder(&mut self, i: u8) -> String {
        self.s.addr(HOLDER_NAMES[i as usize])
    }

    /// Runs a message the model expects to succeed (`expect`) or fail; a failed message must
    /// leave the raw storage of both contracts untouched.
    fn outcome(
        &mut self,
        expect: bool,
        what: &str,
        run: impl FnOnce(&mut Suite) -> Result<Receipt, String>,
    ) -> Result<Option<Receipt>, String> {
        let registry = self.s.registry.clone();
        let before = (self.s.storage(&registry), self.s.storage(&self.token));
        let res = run(&mut self.s);
        match (res, expect) {
            (Ok(r), true) => Ok(Some(r)),
            (Err(e), false) => {
                bump(&FAILED_MESSAGES);
                let after = (self.s.storage(&registry), self.s.storage(&self.token));
                if before != after {
                    return Err(format!(
                        "{what}: failed ({e}) but changed the contracts' storage"
                    ));
                }
                Ok(None)
            }
            (Ok(r), false) => Err(format!(
                "{what}: the model refuses it but the contracts accepted it: {:?}",
                r.attributes
                    .iter()
                    .map(|(key, value)| format!("{key}={value}"))
                    .collect::<Vec<_>>()
            )),
            (Err(e), true) => Err(format!(
                "{what}: the model accepts it but the contracts refused: {e}"
            )),
        }
    }

    fn registry(
        &mut self,
        who: Who,
        msg: ExecuteMsg,
        expect: bool,
    ) -> Result<Option<Receipt>, String> {
        let what = format!("{msg:?} by {}", name(who));
        let sender = name(who);
        self.outcome(expect, &what, |s| s.exec(&sender, &msg))
    }

    fn token_exec(
        &mut self,
        sender: u8,
        msg: TokenMsg,
        expect: bool,
    ) -> Result<Option<Receipt>, String> {
        let what = format!("{msg:?} by {}", HOLDER_NAMES[sender as usize]);
        let sender = HOLDER_NAMES[sender as usize];
        self.outcome(expect, &what, |s| s.exec_token(sender, BOND, &msg))
    }

    fn check_id(res: &Option<Receipt>, key: &str, expected: Option<u64>) -> Check {
        let got = res
            .as_ref()
            .and_then(|r| r.attr(key))
            .and_then(|v| v.parse().ok());
        if got != expected {
            return Err(format!(
                "`{key}` is {got:?}, the model expected {expected:?}"
            ));
        }
        Ok(())
    }

    fn step(&mut self, action: &Action) -> Check {
        bump(&STEPS);
        match *action {
            Noop => {}
            AttestFiling {
                oracle,
                stale_plan,
                supply,
                valid_for,
            } => {
                let version = if stale_plan {
                    self.m.plan_version % 3 + 1
                } else {
                    self.m.plan_version
                };
                let id = self
                    .m
                    .attest(oracle, Kind::Filing, version, supply, valid_for, true);
                let expires_at = self.s.now().plus_seconds(valid_for);
                // The plan in force, but with the digest of `version`: a stale version names
                // another plan and is refused.
                let plan = IssuancePlan {
                    materials_digest: plan_digest(version),
                    ..self.s.asset(BOND).plan
                };
                let msg = ExecuteMsg::Attest(AttestMsg {
                    asset: BOND.into(),
                    statement: StatementMsg::Filing {
                        filing_reference: "CSRC-2026-0042".into(),
                        plan,
                        approved_supply: Uint128::new(supply),
                    },
                    expires_at,
                    evidence: evidence("filing"),
                });
                let res = self.registry(Oracle(oracle), msg, id.is_some())?;
                Self::check_id(&res, "id", id)?;
            }
            AttestScreening {
                oracle,
                stale_list,
                gap,
                valid_for,
            } => {
                let version = self.m.negative_list + u64::from(stale_list);
                let id = self.m.attest(
                    oracle,
                    Kind::Screening,
                    version,
                    0,
                    valid_for,
                    matches!(gap, Complete),
                );
                let mut subjects = vec!["acme".to_string(), "holdco".into(), "founder".into()];
                if matches!(gap, MissingParty) {
                    subjects.pop();
                }
                let lookback = match gap {
                    ShortLookback => THREE_YEARS - 1,
                    _ => THREE_YEARS,
                };
                let now = self.s.now();
                let msg = ExecuteMsg::Attest(AttestMsg {
                    asset: BOND.into(),
                    statement: StatementMsg::Screening {
                        negative_list_version: version,
                        subjects,
                        lookback_from: now.minus_seconds(lookback),
                    },
                    expires_at: now.plus_seconds(valid_for),
                    evidence: evidence("screening"),
                });
                let res = self.registry(Oracle(oracle), msg, id.is_some())?;
                Self::check_id(&res, "id", id)?;
            }
            Revoke {
                pick,
                by_author,
                other,
            } => {
                let (id, author) = match self.m.attestations.len() {
                    0 => (999, other),
                    n => {
                        let a = &self.m.attestations[pick as usize % n];
                        (a.id, a.oracle)
                    }
                };
                let by = Oracle(if by_author { author } else { other });
                let expect = self.m.revoke(by, id);
                let msg = ExecuteMsg::Revoke(RevokeMsg {
                    id,
                    evidence: evidence("revocation"),
                });
                self.registry(by, msg, expect)?;
            }
            RaiseFlag {
                by,
                subject,
                reason,
            } => {
                let now = self.m.now;
                let (model_reason, reason) = match reason {
                    Barred => (Reason::BarredFromFinancing, FlagReason::BarredFromFinancing),
                    Dispute => (Reason::OwnershipDispute, FlagReason::OwnershipDispute),
                    Prohibited => (Reason::TransferProhibited, FlagReason::TransferProhibited),
                    NegativeList => (Reason::NegativeList, FlagReason::NegativeList),
                    NationalSecurity => (Reason::NationalSecurity, FlagReason::NationalSecurity),
                    Investigation => (Reason::UnderInvestigation, FlagReason::UnderInvestigation),
                    Criminal { ago } => {
                        let offence = now.saturating_add_signed(-ago);
                        (
                            Reason::CriminalRecord { offence },
                            FlagReason::CriminalRecord {
                                offence_date: Timestamp::from_seconds(offence),
                            },
                        )
                    }
                };
                let id = self.m.raise_flag(by, subject, model_reason);
                let msg = ExecuteMsg::RaiseFlag {
                    subject: subject_of(subject),
                    reason,
                    evidence: evidence("adverse finding"),
                };
                let res = self.registry(by, msg, id.is_some())?;
                Self::check_id(&res, "flag", id)?;
            }
            ClearFlag { by, pick } => {
                let id = match self.m.flags.len() {
                    0 => 999,
                    n => self.m.flags[pick as usize % n].id,
                };
                let expect = self.m.clear_flag(by, id);
                let msg = ExecuteMsg::ClearFlag {
                    id,
                    conclusion: evidence("conclusion"),
                };
                self.registry(by, msg, expect)?;
            }
            Suspend { by, oracle } => {
                let expect = self.m.suspend(by, oracle);
                let address = self.s.addr(&name(Oracle(oracle))).to_string();
                self.registry(by, ExecuteMsg::SuspendOracle { address }, expect)?;
            }
            Reactivate { by, oracle } => {
                let expect = self.m.reactivate(by, oracle);
                let address = self.s.addr(&name(Oracle(oracle))).to_string();
                self.registry(by, ExecuteMsg::ReactivateOracle { address }, expect)?;
            }
            Remove { by, oracle } => {
                let expect = self.m.remove(by, oracle);
                let address = self.s.addr(&name(Oracle(oracle))).to_string();
                self.registry(by, ExecuteMsg::RemoveOracle { address }, expect)?;
            }
            AddOracle { by, oracle, powers } => {
                let expect = self.m.add_oracle(by, oracle, powers);
                let address = self.s.addr(&name(Oracle(oracle))).to_string();
                let msg = ExecuteMsg::AddOracle {
                    address,
                    scopes: scopes(powers),
                };
                self.registry(by, msg, expect)?;
            }
            UpdateScopes { by, oracle, powers } => {
                let expect = self.m.update_scopes(by, oracle, powers);
                let address = self.s.addr(&name(Oracle(oracle))).to_string();
                let msg = ExecuteMsg::UpdateOracleScopes {
                    address,
                    scopes: scopes(powers),
                };
                self.registry(by, msg, expect)?;
            }
            UpdateParams {
                by,
                quorum,
                flag_quorum,
            } => {
                let expect = self.m.update_params(by, quorum, flag_quorum);
                let msg = ExecuteMsg::UpdateParams(ParamsUpdate {
                    approval_quorum: Default::default(),
                    attestation_quorum: quorum,
                    flag_quorum,
                    max_validity: None,
                    token_code_id: None,
                });
                self.registry(by, msg, expect)?;
            }
            PublishList { by, step } => {
                let version = self.m.negative_list + step;
                let expect = self.m.publish_negative_list(by, version);
                let msg = ExecuteMsg::PublishNegativeList {
                    version,
                    digest: digest(&format!("negative-list-v{version}")),
                };
                self.registry(by, msg, expect)?;
            }
            UpdatePlan { by, version, max } => {
                let terms = self.m.holders.plan_terms;
                let expect = self.m.update_plan(by, version, max, terms);
                let msg = ExecuteMsg::UpdatePlan {
                    asset: BOND.into(),
                    plan: IssuancePlan {
                        approvals: approval_list(&self.m.plan_approvals),
                        max_supply: Uint128::new(max),
                        materials_digest: plan_digest(version),
                        terms: distribution_terms(terms).map(Box::new),
                    },
                };
                self.registry(by, msg, expect)?;
            }
            Report { by } => {
                let expect = self.m.report(by);
                let msg = ExecuteMsg::ReportSignificantMatter {
                    asset: BOND.into(),
                    evidence: evidence("significant matter"),
                };
                self.registry(by, msg, expect)?;
            }
            Pause { by, asset } => {
                let expect = self.m.set_paused(by, asset, true);
                let asset = asset.then(|| BOND.to_string());
                self.registry(by, ExecuteMsg::Pause { asset }, expect)?;
            }
            Unpause { by, asset } => {
                let expect = self.m.set_paused(by, asset, false);
                let asset = asset.then(|| BOND.to_string());
                self.registry(by, ExecuteMsg::Unpause { asset }, expect)?;
            }
            AddMinter { by, holder } => {
                let expect = self.m.add_minter(by, holder);
                let minter = self.holder(holder).to_string();
                let msg = ExecuteMsg::AddMinter {
                    asset: BOND.into(),
                    minter,
                };
                self.registry(by, msg, expect)?;
            }
            RemoveMinter { by, holder } => {
                let expect = self.m.remove_minter(by, holder);
                let minter = self.holder(holder).to_string();
                let msg = ExecuteMsg::RemoveMinter {
                    asset: BOND.into(),
                    minter,
                };
                self.registry(by, msg, expect)?;
            }
            Refresh { all } => {
                let expect = self.m.refresh();
                let msg = if all {
                    ExecuteMsg::RefreshClearances {
                        start_after: None,
                        limit: None,
                    }
                } else {
                    ExecuteMsg::RefreshClearance { asset: BOND.into() }
                };
                self.registry(Stranger, msg, expect)?;
            }
            Mint { minter, to, amount } => self.mint(minter, to, amount)?,
            Transfer { from, to, amount } => {
                let amount = self.resolve(amount, self.m.balances[from as usize]);
                let plain = amount > 0 && self.m.balances[from as usize] >= amount;
                self.count_holder_rule(plain && !self.m.frozen(), to, true);
                let expect = self.m.transfer(from, to, amount);
                let recipient = self.holder(to).to_string();
                let msg = TokenMsg::Transfer {
                    recipient,
                    amount: Uint128::new(amount),
                };
                self.token_exec(from, msg, expect)?;
            }
            Burn { from, amount } => {
                let amount = self.resolve(amount, self.m.balances[from as usize]);
                let expect = self.m.burn(from, amount);
                let msg = TokenMsg::Burn {
                    amount: Uint128::new(amount),
                };
                self.token_exec(from, msg, expect)?;
            }
            Advance { seconds } => self.advance(seconds),
            AdvanceTo { pick, delta } => {
                let boundaries = self.m.boundaries();
                if !boundaries.is_empty() {
                    let target = boundaries[pick as usize % boundaries.len()]
                        .saturating_add_signed(i64::from(delta));
                    self.advance(target.saturating_sub(self.m.now));
                }
            }
            AttestEligibility { .. }
            | RevokeEligibility { .. }
            | SetKyc { .. }
            | SetTerms { .. } => self.holder_step(action)?,
            Batch { .. }
            | SetKey { .. }
            | Relay { .. }
            | Replay { .. }
            | AttestApproval { .. }
            | SetApprovals { .. } => self.scale_step(action)?,
        }
        self.invariants()
    }

    /// The holder side's actions.
    fn holder_step(&mut self, action: &Action) -> Check {
        let kyc = self.s.addr("kyc").to_string();
        let (sender, msg, expect) = match *action {
            AttestEligibility {
                by_kyc,
                account,
                id,
                class,
                jurisdiction,
                valid_for,
            } => {
                let statement = Statement {
                    holder: id,
                    class,
                    jurisdiction,
                    expires: self.m.now + valid_for,
                    revoked: false,
                };
                let expect = self.m.attest_eligibility(by_kyc, account, statement);
                let msg = ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
                    account: self.holder(account),
                    holder: digest(&format!("holder {id}")),
                    class: InvestorClass::ALL[class as usize],
                    jurisdiction: JURISDICTIONS[jurisdiction as usize].into(),
                    expires_at: self.s.now().plus_seconds(valid_for),
                    evidence: evidence("kyc"),
                });
                (kyc_or_oracle(by_kyc), msg, expect)
            }
            RevokeEligibility { by_kyc, account } => {
                let expect = self.m.revoke_eligibility(by_kyc, account);
                let msg = ExecuteMsg::RevokeEligibility(RevokeEligibilityMsg {
                    account: self.holder(account),
                    evidence: evidence("kyc revoked"),
                });
                (kyc_or_oracle(by_kyc), msg, expect)
            }
            SetKyc { by, active } => {
                let expect = self.m.set_kyc_active(by, active);
                let msg = if active {
                    ExecuteMsg::ReactivateOracle { address: kyc }
                } else {
                    ExecuteMsg::SuspendOracle { address: kyc }
                };
                (name(by), msg, expect)
            }
            SetTerms { by, terms } => {
                let terms = terms.map(|t| Terms {
                    classes: t.classes,
                    excluded: t.excluded,
                    lockup_until: t.lockup.map(|d| self.start + d),
                });
                let (version, max) = (self.m.plan_version, self.m.plan_max);
                let expect = self.m.update_plan(by, version, max, terms);
                let plan = IssuancePlan {
                    terms: distribution_terms(terms).map(Box::new),
                    ..self.s.asset(BOND).plan
                };
                let msg = ExecuteMsg::UpdatePlan {
                    asset: BOND.into(),
                    plan,
                };
                (name(by), msg, expect)
            }
            _ => unreachable!("not a holder action"),
        };
        let what = format!("{msg:?} by {sender}");
        self.outcome(expect, &what, |s| s.exec(&sender, &msg))?;
        Ok(())
    }

    fn resolve(&self, amount: Amount, all: u128) -> u128 {
        match amount {
            Zero => 0,
            One => 1,
            Fixed(n) => n,
            Half => all / 2,
            All => all,
            AllPlusOne => all.saturating_add(1),
            Max => u128::MAX,
        }
    }

    fn advance(&mut self, seconds: u64) {
        self.s.advance(seconds);
        self.m.advance(seconds);
    }

    /// The registry's `check_issuance` agrees with the model's rule.
    fn check_agrees(&mut self, minter: u8, amount: u128) -> Check {
        let expect = self.m.mint_allowed(minter, amount);
        let minter_addr = self.holder(minter);
        let decision: Decision = self
            .s
            .try_query(&QueryMsg::CheckIssuance {
                asset: BOND.into(),
                amount: Uint128::new(amount),
                minter: Some(minter_addr.to_string()),
                recipient: None,
            })
            .map_err(|e| format!("check_issuance: {e}"))?;
        if decision.allowed != expect {
            return Err(format!(
                "check_issuance of {amount} by {} says {decision:?}, the model says allowed={expect}",
                HOLDER_NAMES[minter as usize]
            ));
        }
        Ok(())
    }

    fn mint(&mut self, minter: u8, to: u8, amount: Amount) -> Check {
        let cap = self.m.cap();
        let amount = self.resolve(amount, cap.saturating_sub(self.m.minted));
        // The issuance rule, then the holder rule on the receiver.
        let issuance = self.m.mint_allowed(minter, amount);
        self.count_holder_rule(issuance, to, false);
        let expect = issuance && self.m.may_receive(to, false);
        self.check_agrees(minter, amount)?;
        let recipient = self.holder(to).to_string();
        let msg = TokenMsg::Mint {
            recipient,
            amount: Uint128::new(amount),
        };
        let res = self.token_exec(minter, msg, expect)?;
        assert_eq!(self.m.mint(minter, to, amount), expect);
        if res.is_none() {
            bump(&MINTS_DENIED);
            return Ok(());
        }
        bump(&MINTS_ALLOWED);
        // Cumulative minted within the cap in force, as the registry computes it.
        let minted: MintedResponse = self
            .s
            .try_query(&QueryMsg::Minted { asset: BOND.into() })
            .map_err(|e| format!("minted: {e}"))?;
        if minted.minted.u128() > minted.cap.u128() || minted.minted.u128() > cap {
            return Err(format!(
                "minted {} above the cap (registry {}, model {cap})",
                minted.minted, minted.cap
            ));
        }
        // A flagged asset never mints: no active, unlapsed flag on the asset or its parties,
        // from the registry's own flag records.
        let now = self.s.now().seconds();
        for subject in [Bond, Acme, Holdco, Founder] {
            let flags: FlagsResponse = self
                .s
                .try_query(&QueryMsg::Flags {
                    subject: subject_of(subject),
                    active_only: Some(true),
                    start_after: None,
                    limit: Some(30),
                })
                .map_err(|e| format!("flags: {e}"))?;
            for flag in flags.flags {
                let blocks = match flag.reason {
                    FlagReason::CriminalRecord { offence_date } => {
                        now < offence_date.seconds() + THREE_YEARS
                    }
                    _ => true,
                };
                if blocks {
                    return Err(format!("minted while flag {} blocks: {flag:?}", flag.id));
                }
            }
        }
        Ok(())
    }

    /// Counts a movement under terms, and whether the holder rule alone refuses it.
    fn count_holder_rule(&self, otherwise_allowed: bool, to: u8, transfer: bool) {
        if self.m.holders.enforced.is_some() {
            bump(&MOVES_UNDER_TERMS);
            match (otherwise_allowed, self.m.may_receive(to, transfer)) {
                (true, false) => bump(&HOLDER_RULE_REFUSALS),
                (true, true) => bump(&HOLDER_RULE_PASSES),
                (false, _) => {}
            }
        }
    }

    /// The token enforces the terms the model puts in force.
    fn terms_agree(&mut self) -> Check {
        let rules: TransferRulesResponse = self
            .s
            .query_contract(&self.token, &TokenQuery::TransferRules {})
            .map_err(|e| format!("transfer_rules: {e}"))?;
        let expected = distribution_terms(self.m.holders.enforced);
        if rules.terms != expected {
            return Err(format!(
                "the token enforces {:?}, the model {expected:?}",
                rules.terms
            ));
        }
        Ok(())
    }

    /// Supply, balances and cumulative minted agree with each other and with the model, and the
    /// registry's decision on the issuer minting one unit, or all that is left under the cap,
    /// agrees with the model's rule in the state reached.
    fn invariants(&mut self) -> Check {
        self.terms_agree()?;
        self.check_agrees(0, 1)?;
        let left = self.m.cap().saturating_sub(self.m.minted);
        if left > 1 {
            self.check_agrees(0, left)?;
        }
        let info: TokenInfoResponse = self
            .s
            .query_contract(&self.token, &TokenQuery::TokenInfo {})
            .map_err(|e| format!("token_info: {e}"))?;
        let asset: AssetInfoResponse = self
            .s
            .query_contract(&self.token, &TokenQuery::AssetInfo {})
            .map_err(|e| format!("asset_info: {e}"))?;
        let mut accounts = Vec::new();
        let mut start_after = None;
        loop {
            let page: AllAccountsResponse = self
                .s
                .query_contract(
                    &self.token,
                    &TokenQuery::AllAccounts {
                        start_after: start_after.clone(),
                        limit: Some(2),
                    },
                )
                .map_err(|e| format!("all_accounts: {e}"))?;
            if page.accounts.is_empty() {
                break;
            }
            start_after = page.accounts.last().cloned();
            accounts.extend(page.accounts);
        }
        let mut sum = 0u128;
        for address in &accounts {
            let b: BalanceResponse = self
                .s
                .query_contract(
                    &self.token,
                    &TokenQuery::Balance {
                        address: address.clone(),
                    },
                )
                .map_err(|e| format!("balance: {e}"))?;
            sum += b.balance.u128();
        }
        if sum != info.total_supply.u128() {
            return Err(format!(
                "supply {} but the balances of {accounts:?} sum to {sum}",
                info.total_supply
            ));
        }
        if info.total_supply.u128() != self.m.supply() || asset.minted.u128() != self.m.minted {
            return Err(format!(
                "supply {} / minted {}, the model has {} / {}",
                info.total_supply,
                asset.minted,
                self.m.supply(),
                self.m.minted
            ));
        }
        for (i, name) in HOLDER_NAMES.iter().enumerate() {
            let address = self.s.addr(name).to_string();
            let b: BalanceResponse = self
                .s
                .query_contract(&self.token, &TokenQuery::Balance { address })
                .map_err(|e| format!("balance: {e}"))?;
            if b.balance.u128() != self.m.balances[i] {
                return Err(format!(
                    "{name} holds {}, the model says {}",
                    b.balance, self.m.balances[i]
                ));
            }
        }
        Ok(())
    }
}

// ------------------------------------------------------------------------- oracles at scale

fn desk() -> impl Strategy<Value = Desk> {
    prop_oneof![3 => oracle().prop_map(Desk::Oracle), 1 => Just(Desk::Kyc)]
}

/// What an oracle slot batches: attestations, revocations, approvals.
fn oracle_item() -> impl Strategy<Value = Item> {
    prop_oneof![
        3 => (
            prop::bool::weighted(0.1),
            prop_oneof![Just(0u128), Just(1_000), Just(1_000_000)],
            valid_for(MAX_VALIDITY_FILING),
        )
            .prop_map(|(stale_plan, supply, valid_for)| Item::Filing {
                stale_plan,
                supply,
                valid_for,
            }),
        3 => (prop::bool::weighted(0.1), valid_for(MAX_VALIDITY_SCREENING))
            .prop_map(|(stale_list, valid_for)| Item::Screening {
                stale_list,
                valid_for,
            }),
        2 => any::<u8>().prop_map(|pick| Item::Revoke { pick }),
        3 => (0u8..3, valid_for(MAX_VALIDITY_APPROVAL))
            .prop_map(|(approval, valid_for)| Item::Approval { approval, valid_for }),
    ]
}

/// What the eligibility oracle batches: statements and revocations.
fn kyc_item() -> impl Strategy<Value = Item> {
    prop_oneof![
        4 => (holder(), 0u8..3, 0u8..3, 0u8..3, valid_for(MAX_VALIDITY_ELIGIBILITY)).prop_map(
            |(account, id, class, jurisdiction, valid_for)| Item::Eligibility {
                account,
                id,
                class,
                jurisdiction,
                valid_for,
            }
        ),
        1 => holder().prop_map(|account| Item::RevokeEligibility { account }),
    ]
}

/// A sender and its items: mostly of its own kind, sometimes mixed (then an action of the
/// other kind is refused, and with it the whole batch), sometimes none.
fn desk_items() -> impl Strategy<Value = (Desk, Vec<Item>)> {
    prop_oneof![
        4 => (oracle(), vec(oracle_item(), 1..=4)).prop_map(|(o, items)| (Desk::Oracle(o), items)),
        3 => vec(kyc_item(), 1..=4).prop_map(|items| (Desk::Kyc, items)),
        2 => (desk(), vec(prop_oneof![oracle_item(), kyc_item()], 0..=4)),
    ]
}

fn scale_actions() -> Vec<(u32, BoxedStrategy<Action>)> {
    let key = prop_oneof![8 => Just(KeyPick::Current), 1 => Just(KeyPick::Previous), 1 => Just(KeyPick::Forged)];
    vec![
        (
            6,
            desk_items()
                .prop_map(|(by, items)| Batch { by, items })
                .boxed(),
        ),
        (
            6,
            (desk_items(), key, 0u8..6, prop::bool::weighted(0.1))
                .prop_map(|((signer, items), key, nonce, late)| Relay {
                    signer,
                    key,
                    nonce,
                    late,
                    items,
                })
                .boxed(),
        ),
        (1, any::<u8>().prop_map(|pick| Replay { pick }).boxed()),
        (
            2,
            (desk(), prop::bool::weighted(0.2))
                .prop_map(|(signer, remove)| SetKey { signer, remove })
                .boxed(),
        ),
        (
            4,
            (
                oracle(),
                0u8..3,
                valid_for(MAX_VALIDITY_APPROVAL),
                prop::bool::weighted(0.9),
            )
                .prop_map(
                    |(oracle, approval, valid_for, good_reference)| AttestApproval {
                        oracle,
                        approval,
                        valid_for,
                        good_reference,
                    },
                )
                .boxed(),
        ),
        (
            2,
            // In the order the registry stores them (see
            // `r3_a_plan_names_its_approvals_in_any_order` in tests/oracles.rs).
            (mostly(Issuer), vec(0u8..3, 0..=3))
                .prop_map(|(by, mut approvals)| {
                    approvals.sort_unstable();
                    SetApprovals { by, approvals }
                })
                .boxed(),
        ),
    ]
}

fn desk_name(d: Desk) -> String {
    match d {
        Desk::Oracle(i) => name(Oracle(i)),
        Desk::Kyc => "kyc".into(),
    }
}

fn signer_of(d: Desk) -> u8 {
    match d {
        Desk::Oracle(i) => i,
        Desk::Kyc => KYC_SIGNER,
    }
}

/// The signer's key of generation `generation`; `None`: a key it never registered.
fn key_of(d: Desk, generation: Option<u32>) -> OracleKey {
    match generation {
        Some(g) => OracleKey::from_seed(&format!("{} key {g}", desk_name(d))),
        None => OracleKey::from_seed("forger"),
    }
}

fn approval_list(picks: &[u8]) -> Vec<Approval> {
    picks.iter().map(|a| Approval::ALL[*a as usize]).collect()
}

/// A statement relayed and recorded, as the model knows it.
struct Relayed {
    statement: SignedStatement,
    signer: u8,
    deadline: u64,
    signed_with: Option<u32>,
}

impl Harness {
    /// Oracles at scale: batches, keys, relayed statements and their replays, R3 approvals.
    fn scale_step(&mut self, action: &Action) -> Check {
        match action {
            Batch { by, items } => {
                let (after, expect, actions) = self.judge_items(*by, items);
                let msg = ExecuteMsg::Batch { actions };
                let sender = desk_name(*by);
                let what = format!("{msg:?} by {sender}");
                self.outcome(expect, &what, |s| s.exec(&sender, &msg))?;
                if expect {
                    bump(&BATCHES_RECORDED);
                    self.m = after;
                } else {
                    bump(&BATCHES_REFUSED);
                }
            }
            SetKey { signer, remove } => {
                let i = signer_of(*signer) as usize;
                let generation = (!remove).then_some(self.next_key[i]);
                self.next_key[i] += 1;
                let expect = self.m.set_key(signer_of(*signer), generation);
                let public_key = generation.map(|g| key_of(*signer, Some(g)).public_key());
                let msg = ExecuteMsg::SetSigningKey { public_key };
                let sender = desk_name(*signer);
                let what = format!("{msg:?} by {sender}");
                self.outcome(expect, &what, |s| s.exec(&sender, &msg))?;
            }
            Relay {
                signer,
                key,
                nonce,
                late,
                items,
            } => self.relay_step(*signer, *key, u64::from(*nonce), *late, items)?,
            Replay { pick } => self.replay_step(*pick)?,
            AttestApproval { .. } => self.approval_step(action)?,
            SetApprovals { by, approvals } => {
                let expect = self.m.set_approvals(*by, approvals.clone());
                let plan = IssuancePlan {
                    approvals: approval_list(approvals),
                    ..self.s.asset(BOND).plan
                };
                let msg = ExecuteMsg::UpdatePlan {
                    asset: BOND.into(),
                    plan,
                };
                self.registry(*by, msg, expect)?;
            }
            _ => unreachable!("not an action of oracles at scale"),
        }
        Ok(())
    }

    fn approval_step(&mut self, action: &Action) -> Check {
        let AttestApproval {
            oracle,
            approval,
            valid_for,
            good_reference,
        } = *action
        else {
            unreachable!("an approval");
        };
        let kind = Kind::Approval(approval);
        let id = self.m.attest(oracle, kind, 0, 0, valid_for, good_reference);
        let mut msg = self.approval_action(approval, valid_for);
        if let (false, OracleAction::Attest(AttestMsg { statement, .. })) =
            (good_reference, &mut msg)
        {
            *statement = StatementMsg::Approval {
                approval: Approval::ALL[approval as usize],
                reference: String::new(),
            };
        }
        let OracleAction::Attest(AttestMsg {
            asset,
            statement,
            expires_at,
            evidence,
        }) = msg
        else {
            unreachable!("an attestation");
        };
        let msg = ExecuteMsg::Attest(AttestMsg {
            asset,
            statement,
            expires_at,
            evidence,
        });
        let res = self.registry(Oracle(oracle), msg, id.is_some())?;
        Self::check_id(&res, "id", id)
    }

    fn relay_step(
        &mut self,
        signer: Desk,
        key: KeyPick,
        nonce: u64,
        late: bool,
        items: &[Item],
    ) -> Check {
        let who = signer_of(signer);
        let registered = self.m.keys.get(&who).copied();
        let signed_with = match key {
            KeyPick::Current => Some(registered.unwrap_or(0)),
            KeyPick::Previous => registered.and_then(|g| g.checked_sub(1)),
            KeyPick::Forged => None,
        };
        let deadline = if late {
            self.m.now - 1
        } else {
            self.m.now + 3_600
        };
        let admits = self.m.relay_admits(who, nonce, deadline, signed_with);
        let (after, items_ok, actions) = self.judge_items(signer, items);
        let oracle = self.s.addr(&desk_name(signer));
        let unsigned = Unsigned {
            oracle: &oracle,
            nonce,
            deadline: Timestamp::from_seconds(deadline),
            actions: &actions,
        };
        let chain_id = self.s.block_info().chain_id;
        let registry = self.s.registry.clone();
        let statement = key_of(signer, signed_with).sign(&unsigned, &chain_id, &registry);
        let expect = admits && items_ok;
        let what = format!("relay of {statement:?}");
        let relayed = statement.clone();
        self.outcome(expect, &what, |s| s.relay(&name(Stranger), relayed))?;
        bump(if expect {
            &RELAYS_RECORDED
        } else {
            &RELAYS_REFUSED
        });
        if expect {
            self.m = after;
            self.m.spend_nonce(who, nonce);
            self.relayed.push(Relayed {
                statement,
                signer: who,
                deadline,
                signed_with,
            });
        }
        Ok(())
    }

    /// A recorded statement relayed again: its nonce is spent, so the model refuses it.
    fn replay_step(&mut self, pick: u8) -> Check {
        if self.relayed.is_empty() {
            return Ok(());
        }
        let r = &self.relayed[pick as usize % self.relayed.len()];
        let expect = self
            .m
            .relay_admits(r.signer, r.statement.nonce, r.deadline, r.signed_with);
        let statement = r.statement.clone();
        let what = format!("replay of {statement:?}");
        self.outcome(expect, &what, |s| s.relay(&name(Stranger), statement))?;
        if !expect {
            bump(&REPLAYS_REFUSED);
        }
        Ok(())
    }

    /// The model after `items` by `by`, one after the other, whether every one was accepted
    /// (none for no item: an empty batch is refused), and the items as actions.
    fn judge_items(&mut self, by: Desk, items: &[Item]) -> (Model, bool, Vec<OracleAction>) {
        let mut m = self.m.clone();
        let mut ok = !items.is_empty();
        let mut actions = Vec::new();
        for item in items {
            let (accepted, action) = self.judge_item(&mut m, by, *item);
            ok &= accepted;
            actions.push(action);
        }
        (m, ok, actions)
    }

    fn judge_item(&mut self, m: &mut Model, by: Desk, item: Item) -> (bool, OracleAction) {
        let oracle = match by {
            Desk::Oracle(o) => Some(o),
            Desk::Kyc => None,
        };
        let by_kyc = oracle.is_none();
        match item {
            Item::Filing {
                stale_plan,
                supply,
                valid_for,
            } => {
                let version = if stale_plan {
                    m.plan_version % 3 + 1
                } else {
                    m.plan_version
                };
                let ok = oracle.is_some_and(|o| {
                    m.attest(o, Kind::Filing, version, supply, valid_for, true)
                        .is_some()
                });
                (ok, self.filing_action(version, supply, valid_for))
            }
            Item::Screening {
                stale_list,
                valid_for,
            } => {
                let version = m.negative_list + u64::from(stale_list);
                let ok = oracle.is_some_and(|o| {
                    m.attest(o, Kind::Screening, version, 0, valid_for, true)
                        .is_some()
                });
                (ok, self.screening_action(version, valid_for))
            }
            Item::Revoke { pick } => {
                let id = match m.attestations.len() {
                    0 => 999,
                    n => m.attestations[pick as usize % n].id,
                };
                let ok = oracle.is_some_and(|o| m.revoke(Oracle(o), id));
                let evidence = evidence("revocation");
                (ok, OracleAction::Revoke(RevokeMsg { id, evidence }))
            }
            Item::Approval {
                approval,
                valid_for,
            } => {
                let kind = Kind::Approval(approval);
                let ok = oracle.is_some_and(|o| m.attest(o, kind, 0, 0, valid_for, true).is_some());
                (ok, self.approval_action(approval, valid_for))
            }
            Item::Eligibility { .. } | Item::RevokeEligibility { .. } => {
                self.judge_eligibility(m, by_kyc, item)
            }
        }
    }

    fn judge_eligibility(
        &mut self,
        m: &mut Model,
        by_kyc: bool,
        item: Item,
    ) -> (bool, OracleAction) {
        match item {
            Item::Eligibility {
                account,
                id,
                class,
                jurisdiction,
                valid_for,
            } => {
                let statement = Statement {
                    holder: id,
                    class,
                    jurisdiction,
                    expires: m.now + valid_for,
                    revoked: false,
                };
                let ok = m.attest_eligibility(by_kyc, account, statement);
                let action = OracleAction::AttestEligibility(AttestEligibilityMsg {
                    account: self.holder(account),
                    holder: digest(&format!("holder {id}")),
                    class: InvestorClass::ALL[class as usize],
                    jurisdiction: JURISDICTIONS[jurisdiction as usize].into(),
                    expires_at: self.s.now().plus_seconds(valid_for),
                    evidence: evidence("kyc"),
                });
                (ok, action)
            }
            Item::RevokeEligibility { account } => {
                let ok = m.revoke_eligibility(by_kyc, account);
                let action = OracleAction::RevokeEligibility(RevokeEligibilityMsg {
                    account: self.holder(account),
                    evidence: evidence("kyc revoked"),
                });
                (ok, action)
            }
            _ => unreachable!("an eligibility item"),
        }
    }

    /// A Filing of the plan in force, with the digest of plan version `version`.
    fn filing_action(&mut self, version: u64, supply: u128, valid_for: u64) -> OracleAction {
        let plan = IssuancePlan {
            materials_digest: plan_digest(version),
            ..self.s.asset(BOND).plan
        };
        OracleAction::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Filing {
                filing_reference: "CSRC-2026-0042".into(),
                plan,
                approved_supply: Uint128::new(supply),
            },
            expires_at: self.s.now().plus_seconds(valid_for),
            evidence: evidence("filing"),
        })
    }

    /// A complete Screening against negative-list version `version`.
    fn screening_action(&mut self, version: u64, valid_for: u64) -> OracleAction {
        let now = self.s.now();
        OracleAction::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Screening {
                negative_list_version: version,
                subjects: vec!["acme".into(), "holdco".into(), "founder".into()],
                lookback_from: now.minus_seconds(THREE_YEARS),
            },
            expires_at: now.plus_seconds(valid_for),
            evidence: evidence("screening"),
        })
    }

    fn approval_action(&mut self, approval: u8, valid_for: u64) -> OracleAction {
        let approval = Approval::ALL[approval as usize];
        OracleAction::Attest(AttestMsg {
            asset: BOND.into(),
            statement: StatementMsg::Approval {
                approval,
                reference: format!("{approval}-2026-001"),
            },
            expires_at: self.s.now().plus_seconds(valid_for),
            evidence: evidence("approval"),
        })
    }
}

/// Replays a sequence on a fresh suite and model; the error names the failing step.
fn run(actions: &[Action]) -> Check {
    let mut h = Harness::new();
    for (i, action) in actions.iter().enumerate() {
        h.step(action)
            .map_err(|e| format!("step {i} ({action:?}): {e}"))?;
    }
    Ok(())
}

#[track_caller]
fn replay(actions: Vec<Action>) {
    if let Err(e) = run(&actions) {
        panic!("{e}");
    }
}

/// What a failure is about, with step numbers, ids and amounts left out: a shorter sequence is
/// kept only if it fails the same way.
fn failure_kind(error: &str) -> String {
    let (step, what) = error.split_once("): ").unwrap_or(("", error));
    let variant = step
        .split_once('(')
        .map(|(_, a)| a.split([' ', '{']).next().unwrap_or_default())
        .unwrap_or_default();
    let what: String = what.chars().filter(|c| !c.is_ascii_digit()).collect();
    format!("{variant}: {what}")
}

/// Greedy delta debugging: drops every step whose removal keeps the same failure, until no
/// single step can go. Deterministic, and far tighter than shrinking a fixed-length sequence.
fn minimize(mut actions: Vec<Action>, error: &str) -> (Vec<Action>, String) {
    let kind = failure_kind(error);
    let mut last = error.to_string();
    actions.retain(|a| !matches!(a, Noop));
    loop {
        let mut shrunk = false;
        let mut i = actions.len();
        while i > 0 {
            i -= 1;
            let mut candidate = actions.clone();
            candidate.remove(i);
            if let Err(e) = run(&candidate) {
                if failure_kind(&e) == kind {
                    actions = candidate;
                    last = e;
                    shrunk = true;
                }
            }
        }
        if !shrunk {
            return (actions, last);
        }
    }
}

fn env_or(key: &str, default: u32) -> u32 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn random_sequences_agree_with_the_model() {
    let cases = env_or("RWA_GATE_PROPTEST_CASES", 256);
    let steps = env_or("RWA_GATE_PROPTEST_STEPS", 60) as usize;
    run_random("model", cases, steps, sequence(steps));
}

/// The holder side in depth: sequences around a cleared bond with terms, where statements,
/// revocations, expiries, the eligibility oracle's suspension, changes of terms (narrowing at
/// once, widening after a filing), lock-ups, mints and transfers interleave.
#[test]
fn random_holder_sequences_agree_with_the_model() {
    let cases = env_or("RWA_GATE_PROPTEST_CASES", 256) / 2;
    let steps = env_or("RWA_GATE_PROPTEST_STEPS", 60) as usize / 2;
    run_random("holders", cases, steps, holder_sequence(steps));
}

/// Runs `cases` random sequences of `steps` actions; a failure is minimized and printed ready
/// to paste into a regression test.
fn run_random(label: &str, cases: u32, steps: usize, strategy: impl Strategy<Value = Vec<Action>>) {
    let mut runner = TestRunner::new(Config {
        cases,
        // Shrunk counterexamples become the named regression tests below; `minimize` shrinks
        // (proptest's own shrinking cannot drop steps from a fixed-length sequence).
        failure_persistence: None,
        max_shrink_iters: 0,
        ..Config::default()
    });
    let result = runner.run(&strategy, |actions| {
        run(&actions).map_err(TestCaseError::fail)
    });
    eprintln!(
        "{label}: {cases} cases x {steps} steps: {} steps run, {} mints allowed, {} denied, {} messages refused, {} mints and transfers under terms, {} refused by the holder rule alone, {} passed it; batches {} recorded, {} refused; relayed statements {} recorded, {} refused, {} replays refused",
        count(&STEPS),
        count(&MINTS_ALLOWED),
        count(&MINTS_DENIED),
        count(&FAILED_MESSAGES),
        count(&MOVES_UNDER_TERMS),
        count(&HOLDER_RULE_REFUSALS),
        count(&HOLDER_RULE_PASSES),
        count(&BATCHES_RECORDED),
        count(&BATCHES_REFUSED),
        count(&RELAYS_RECORDED),
        count(&RELAYS_REFUSED),
        count(&REPLAYS_REFUSED),
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, actions)) => {
            let (actions, reason_now) = minimize(actions, reason.message());
            let listing: String = actions
                .iter()
                .map(|a| format!("        {a:?},\n"))
                .collect();
            panic!(
                "{reason}\nshrunk to {} steps, failing with: {reason_now}\n    vec![\n{listing}    ]",
                actions.len()
            );
        }
        Err(e) => panic!("{e}"),
    }
}

// ----------------------------------------------------------------------- regression sequences

/// Sanity: a cleared bond mints up to its cap and not one unit more.
#[test]
fn cleared_bond_mints_up_to_the_cap() {
    replay(vec![
        AttestFiling {
            oracle: 0,
            stale_plan: false,
            supply: 1_000,
            valid_for: DAY,
        },
        AttestScreening {
            oracle: 1,
            stale_list: false,
            gap: Complete,
            valid_for: DAY,
        },
        Mint {
            minter: 0,
            to: 3,
            amount: Half,
        },
        Mint {
            minter: 0,
            to: 3,
            amount: AllPlusOne,
        },
        Mint {
            minter: 0,
            to: 4,
            amount: All,
        },
        Mint {
            minter: 0,
            to: 4,
            amount: One,
        },
        Burn {
            from: 3,
            amount: All,
        },
        Mint {
            minter: 0,
            to: 4,
            amount: One,
        },
    ]);
}

/// Contract bug (found by the property test, shrunk): removing an oracle must take its
/// attestations out of every later decision (docs/DESIGN.md §6). The registry keeps
/// the removed oracle's current statements, so adding the same address back — with any scopes —
/// revives the Filing it posted before its removal at the next recomputation (here the
/// `AddMinter`), and the mint relies on it (`filings: [1]`).
#[test]
fn readding_a_removed_oracle_does_not_revive_its_old_attestations() {
    replay(vec![
        AttestFiling {
            oracle: 1,
            stale_plan: false,
            supply: 1_000_000,
            valid_for: 31_536_000,
        },
        AttestScreening {
            oracle: 3,
            stale_list: false,
            gap: Complete,
            valid_for: 2_592_000,
        },
        Remove {
            by: Owner,
            oracle: 1,
        },
        AttestFiling {
            oracle: 2,
            stale_plan: false,
            supply: 1_000,
            valid_for: 86_400,
        },
        AddOracle {
            by: Owner,
            oracle: 1,
            powers: Powers {
                filing: true,
                screening: true,
                flags: true,
                approvals: false,
            },
        },
        AddMinter {
            by: Issuer,
            holder: 1,
        },
        Mint {
            minter: 0,
            to: 3,
            amount: All,
        },
    ]);
}

/// Model bug (found by the property test, shrunk): the model predated the rule that a new flag on
/// a subject marks its lapsed R8 flags `lapsed` (README, "Bounds"). Flag 2 — an offence exactly
/// 1,096 days old, so lapsed from the start — leaves the active list when flag 3 is raised on
/// the same entity, and a vote to clear it is refused.
#[test]
fn a_new_flag_retires_lapsed_r8_flags_of_its_subject() {
    replay(vec![
        RaiseFlag {
            by: Oracle(2),
            subject: Bond,
            reason: NationalSecurity,
        },
        RaiseFlag {
            by: Oracle(1),
            subject: Acme,
            reason: Criminal {
                ago: THREE_YEARS as i64,
            },
        },
        RaiseFlag {
            by: Oracle(1),
            subject: Acme,
            reason: NegativeList,
        },
        ClearFlag {
            by: Oracle(2),
            pick: 169,
        },
    ]);
}
