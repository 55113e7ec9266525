//! The holder rule on plain data: every reason, its boundaries, and the counters it returns.

use super::*;

const NOW: u64 = 1_800_000_000_000_000_000;

fn at(nanos: u64) -> Timestamp {
    Timestamp::from_nanos(nanos)
}

fn statement() -> Eligibility {
    Eligibility {
        account: Addr::unchecked("bob"),
        id: 1,
        status: EligibilityStatus::Eligible,
        oracle: Addr::unchecked("kyc"),
        enrolment: 4,
        epoch: 0,
        holder: "ab".repeat(32),
        class: InvestorClass::Professional,
        jurisdiction: "HK".into(),
        issued_at: at(NOW - 1),
        expires_at: at(NOW + 86_400 * NANOS_PER_SECOND),
    }
}

fn terms() -> DistributionTerms {
    DistributionTerms {
        classes: Some(vec![InvestorClass::Professional]),
        excluded_jurisdictions: vec!["US".into()],
        ..DistributionTerms::default()
    }
}

struct Case {
    movement: Movement,
    amount: u128,
    terms: DistributionTerms,
    eligibility: Option<Eligibility>,
    oracle_stands: bool,
    counters: Option<HolderCounters>,
    now: u64,
}

impl Case {
    fn transfer() -> Self {
        Case {
            movement: Movement::Transfer,
            amount: 10,
            terms: terms(),
            eligibility: Some(statement()),
            oracle_stands: true,
            counters: None,
            now: NOW,
        }
    }

    fn judge(&self) -> (MovementDecision, Option<CountersAfter>) {
        let receiver = Addr::unchecked("bob");
        judge_movement(&MovementRequest {
            now: at(self.now),
            movement: self.movement,
            amount: Uint128::new(self.amount),
            terms: &self.terms,
            receiver: &receiver,
            eligibility: self.eligibility.as_ref(),
            oracle_stands: self.oracle_stands,
            counters: self.counters,
        })
    }

    fn reasons(&self) -> Vec<Denial> {
        self.judge().0.reasons
    }
}

fn bob() -> Addr {
    Addr::unchecked("bob")
}

#[test]
fn an_eligible_receiver_under_the_terms_passes() {
    let (decision, after) = Case::transfer().judge();
    assert_eq!(
        decision,
        MovementDecision {
            allowed: true,
            reasons: vec![]
        }
    );
    assert_eq!(after, None);
}

#[test]
fn a_receiver_without_a_statement_is_not_eligible() {
    let case = Case {
        eligibility: None,
        oracle_stands: false,
        ..Case::transfer()
    };
    assert_eq!(case.reasons(), [Denial::NotEligible { account: bob() }]);
}

#[test]
fn eligibility_expires_at_its_instant_to_the_nanosecond() {
    let mut case = Case::transfer();
    case.eligibility.as_mut().unwrap().expires_at = at(NOW + 1);
    assert!(
        case.reasons().is_empty(),
        "one nanosecond before its expiry"
    );
    case.now = NOW + 1;
    assert_eq!(
        case.reasons(),
        [Denial::EligibilityExpired {
            account: bob(),
            at: at(NOW + 1)
        }]
    );
}

#[test]
fn revoked_and_lost_statements_never_count() {
    let mut case = Case::transfer();
    case.eligibility.as_mut().unwrap().status = EligibilityStatus::Revoked;
    assert_eq!(
        case.reasons(),
        [Denial::EligibilityRevoked { account: bob() }]
    );
    case.eligibility.as_mut().unwrap().status = EligibilityStatus::Lost;
    assert_eq!(case.reasons(), [Denial::AccountLost { account: bob() }]);
}

/// The registry keeps the standing of an enrolment exactly while it may vouch (tested there);
/// here: a statement whose oracle no longer stands counts for nothing.
#[test]
fn a_statement_whose_oracle_no_longer_stands_does_not_count() {
    let case = Case {
        oracle_stands: false,
        ..Case::transfer()
    };
    assert_eq!(
        case.reasons(),
        [Denial::EligibilityOracleInactive {
            account: bob(),
            oracle: Addr::unchecked("kyc"),
        }]
    );
}

#[test]
fn class_and_jurisdiction_are_judged_and_every_reason_is_listed() {
    let mut case = Case::transfer();
    let e = case.eligibility.as_mut().unwrap();
    e.class = InvestorClass::Retail;
    e.jurisdiction = "US".into();
    e.expires_at = at(NOW);
    case.oracle_stands = false;
    case.amount = 0;
    case.terms.lockup_until = Some(at(NOW + 1));
    assert_eq!(
        case.reasons(),
        [
            Denial::ZeroAmount,
            Denial::LockedUp { until: at(NOW + 1) },
            Denial::EligibilityExpired {
                account: bob(),
                at: at(NOW)
            },
            Denial::EligibilityOracleInactive {
                account: bob(),
                oracle: Addr::unchecked("kyc")
            },
            Denial::ClassNotAdmitted {
                account: bob(),
                class: InvestorClass::Retail
            },
            Denial::JurisdictionExcluded {
                account: bob(),
                jurisdiction: "US".into()
            },
        ]
    );
}

#[test]
fn lockup_holds_transfers_until_its_instant_but_not_mints_or_orders() {
    let mut case = Case::transfer();
    case.terms.lockup_until = Some(at(NOW + 1));
    assert_eq!(case.reasons(), [Denial::LockedUp { until: at(NOW + 1) }]);
    case.now = NOW + 1;
    assert!(case.reasons().is_empty());
    case.now = NOW;
    for movement in [Movement::Mint, Movement::Order] {
        case.movement = movement;
        assert!(case.reasons().is_empty(), "{movement:?}");
    }
}

fn holding(balance: u128) -> Holding {
    Holding {
        balance: Uint128::new(balance),
        ..Holding::default()
    }
}

fn limited(counters: HolderCounters) -> Case {
    let mut case = Case::transfer();
    case.terms.max_holders = Some(2);
    case.terms.max_balance = Some(Uint128::new(100));
    case.counters = Some(counters);
    case
}

#[test]
fn the_balance_limit_counts_per_holder_after_the_movement() {
    let counters = HolderCounters {
        receiver: holding(90),
        sender: Some(holding(50)),
        same_holder: false,
        holders: 2,
    };
    let (decision, after) = limited(counters).judge();
    assert!(decision.allowed, "{decision:?}");
    let after = after.unwrap();
    assert_eq!(after.receiver.balance, Uint128::new(100));
    assert_eq!(after.sender.unwrap().balance, Uint128::new(40));
    assert_eq!(after.holders, 2);

    let over = limited(HolderCounters {
        receiver: holding(91),
        ..counters
    });
    assert_eq!(
        over.reasons(),
        [Denial::BalanceLimit {
            max: Uint128::new(100),
            balance: Uint128::new(101)
        }]
    );
}

#[test]
fn a_new_holder_beyond_the_maximum_is_refused_and_a_leaving_one_frees_its_place() {
    let counters = HolderCounters {
        receiver: holding(0),
        sender: Some(holding(50)),
        same_holder: false,
        holders: 2,
    };
    assert_eq!(
        limited(counters).reasons(),
        [Denial::HolderLimit { max: 2 }]
    );
    // The sender leaves with its whole balance: one holder out, one in.
    let (decision, after) = limited(HolderCounters {
        sender: Some(holding(10)),
        ..counters
    })
    .judge();
    assert!(decision.allowed, "{decision:?}");
    assert_eq!(after.unwrap().holders, 2);
}

#[test]
fn moving_between_accounts_of_one_holder_changes_no_counter() {
    let counters = HolderCounters {
        receiver: holding(100),
        sender: Some(holding(100)),
        same_holder: true,
        holders: 2,
    };
    let (decision, after) = limited(counters).judge();
    assert!(decision.allowed, "{decision:?}");
    let after = after.unwrap();
    assert_eq!(after.receiver, holding(100));
    assert_eq!(after.holders, 2);
}

#[test]
fn the_outflow_window_opens_with_the_first_movement_and_resets_after_its_period() {
    let mut case = Case::transfer();
    case.terms.max_outflow = Some(OutflowLimit {
        amount: Uint128::new(15),
        period_seconds: 10,
    });
    let opened = Holding {
        balance: Uint128::new(100),
        window_start: at(NOW - 10 * NANOS_PER_SECOND + 1),
        moved_out: Uint128::new(10),
    };
    case.counters = Some(HolderCounters {
        receiver: holding(0),
        sender: Some(opened),
        same_holder: false,
        holders: 1,
    });
    assert_eq!(
        case.reasons(),
        [Denial::OutflowLimit {
            max: Uint128::new(15),
            moved: Uint128::new(20),
            window_start: opened.window_start
        }]
    );
    // One nanosecond later the period is over: a new window opens with this movement.
    case.now = NOW + 1;
    let (decision, after) = case.judge();
    assert!(decision.allowed, "{decision:?}");
    let sender = after.unwrap().sender.unwrap();
    assert_eq!(sender.window_start, at(NOW + 1));
    assert_eq!(sender.moved_out, Uint128::new(10));
    // Mints and orders are not trading: they never count.
    case.now = NOW;
    case.movement = Movement::Order;
    assert!(case.reasons().is_empty());
}

#[test]
fn counters_never_overflow_into_a_panic() {
    let case = limited(HolderCounters {
        receiver: Holding {
            balance: Uint128::MAX,
            ..Holding::default()
        },
        sender: None,
        same_holder: false,
        holders: 1,
    });
    assert!(case.reasons().contains(&Denial::LimitOverflow));
}

#[test]
fn terms_are_validated() {
    let bad = |t: DistributionTerms| t.validate().unwrap_err();
    assert_eq!(
        bad(DistributionTerms {
            classes: Some(vec![]),
            ..terms()
        }),
        TermsError::Classes
    );
    assert_eq!(
        bad(DistributionTerms {
            classes: Some(vec![InvestorClass::Retail, InvestorClass::Retail]),
            ..terms()
        }),
        TermsError::Classes
    );
    assert_eq!(
        bad(DistributionTerms {
            excluded_jurisdictions: vec!["usa".into()],
            ..terms()
        }),
        TermsError::Jurisdiction("usa".into())
    );
    assert_eq!(
        bad(DistributionTerms {
            excluded_jurisdictions: vec!["US".into(), "US".into()],
            ..terms()
        }),
        TermsError::Jurisdictions
    );
    assert_eq!(
        bad(DistributionTerms {
            max_holders: Some(0),
            ..terms()
        }),
        TermsError::ZeroLimit
    );
    assert_eq!(terms().validate(), Ok(()));
}

#[test]
fn a_change_that_admits_more_is_told_from_one_that_only_narrows() {
    let base = DistributionTerms {
        lockup_until: Some(at(NOW)),
        max_balance: Some(Uint128::new(100)),
        ..terms()
    };
    let narrower = [
        DistributionTerms {
            excluded_jurisdictions: vec!["US".into(), "CN".into()],
            ..base.clone()
        },
        DistributionTerms {
            lockup_until: Some(at(NOW + 1)),
            ..base.clone()
        },
        DistributionTerms {
            max_balance: Some(Uint128::new(99)),
            max_holders: Some(5),
            ..base.clone()
        },
    ];
    for new in &narrower {
        assert!(!admits_more(Some(&base), Some(new)), "{new:?}");
    }
    let wider = [
        DistributionTerms {
            classes: Some(vec![InvestorClass::Professional, InvestorClass::Retail]),
            ..base.clone()
        },
        DistributionTerms {
            excluded_jurisdictions: vec![],
            ..base.clone()
        },
        DistributionTerms {
            lockup_until: Some(at(NOW - 1)),
            ..base.clone()
        },
        DistributionTerms {
            max_balance: Some(Uint128::new(101)),
            ..base.clone()
        },
    ];
    for new in &wider {
        assert!(admits_more(Some(&base), Some(new)), "{new:?}");
        // What goes in force meanwhile admits no more than before.
        let meet = narrowest(Some(&base), Some(new));
        assert!(!admits_more(Some(&base), meet.as_ref()), "{new:?}");
    }
    assert!(
        admits_more(Some(&base), None),
        "dropping the terms admits anyone"
    );
    assert!(
        !admits_more(None, Some(&base)),
        "terms on a free asset only narrow"
    );
}
