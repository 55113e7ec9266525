//! Who may hold (the plan's distribution terms under R1), written once against [`Backend`] and
//! run on cw-multi-test (`tests/tests/scenarios.rs`) and on the local chain
//! (`tests/chain/tests/rules.rs`, `chain_…`): the holder rule on every movement, the attacks it
//! must stop, orders and recovery.

use cosmwasm_std::{Binary, Timestamp, Uint128};
use rwa_gate::registry::{ExecuteMsg, Order};
use rwa_gate::token::{ExecuteMsg as TokenMsg, QueryMsg as TokenQuery, TransferRulesResponse};
use rwa_gate::{
    Denial, DistributionTerms, FlagReason, InvestorClass, MovementDecision, OutflowLimit, Subject,
};

use crate::backend::{assert_fails, evidence, Backend, Deployment, Receipt};
use crate::scenarios::SHORTLY;
use crate::{digest, BOND, DAY, ELIGIBILITY, ORDERS};
use rwa_gate::registry::{AttestEligibilityMsg, RevokeEligibilityMsg};

/// The eligibility oracle and the order oracle of these scenarios.
pub const KYC: &str = "kyc";
pub const COURT: &str = "court";

/// Professional and institutional investors, none from `US`.
pub fn professional_terms() -> DistributionTerms {
    DistributionTerms {
        classes: Some(vec![
            InvestorClass::Professional,
            InvestorClass::Institutional,
        ]),
        excluded_jurisdictions: vec!["US".into()],
        ..DistributionTerms::default()
    }
}

/// The holder-side verbs.
impl<B: Backend> Deployment<B> {
    /// `oracle` states that `account` belongs to holder `holder` (a seed of its id), of `class`
    /// in `jurisdiction`, for a day.
    pub fn attest_eligibility(
        &mut self,
        oracle: &str,
        account: &str,
        holder: &str,
        class: InvestorClass,
        jurisdiction: &str,
    ) -> Result<Receipt, String> {
        let expires_at = self.now().plus_seconds(DAY);
        self.attest_eligibility_until(oracle, account, holder, class, jurisdiction, expires_at)
    }

    pub fn attest_eligibility_until(
        &mut self,
        oracle: &str,
        account: &str,
        holder: &str,
        class: InvestorClass,
        jurisdiction: &str,
        expires_at: Timestamp,
    ) -> Result<Receipt, String> {
        let account = self.addr(account);
        self.exec(
            oracle,
            &ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
                account,
                holder: digest(&format!("holder {holder}")),
                class,
                jurisdiction: jurisdiction.into(),
                expires_at,
                evidence: evidence(&format!("kyc {holder}")),
            }),
        )
    }

    /// A professional investor of Hong Kong, holder `holder`.
    pub fn eligible(&mut self, account: &str, holder: &str) {
        self.attest_eligibility(KYC, account, holder, InvestorClass::Professional, "HK")
            .expect("eligibility attested");
    }

    pub fn revoke_eligibility(&mut self, oracle: &str, account: &str) -> Result<Receipt, String> {
        let account = self.addr(account);
        let evidence = evidence(&format!("revoked {account}"));
        self.exec(
            oracle,
            &ExecuteMsg::RevokeEligibility(RevokeEligibilityMsg { account, evidence }),
        )
    }

    /// The issuer puts `terms` on the asset's plan, everything else unchanged.
    pub fn set_terms(
        &mut self,
        asset: &str,
        terms: Option<DistributionTerms>,
    ) -> Result<Receipt, String> {
        let mut plan = self.asset(asset).plan;
        plan.terms = terms.map(Box::new);
        let asset = asset.to_string();
        self.exec("issuer", &ExecuteMsg::UpdatePlan { asset, plan })
    }

    pub fn check_transfer(
        &mut self,
        asset: &str,
        from: &str,
        to: &str,
        amount: u128,
    ) -> MovementDecision {
        let (sender, recipient) = (self.addr(from), self.addr(to));
        let amount = Uint128::new(amount);
        let msg = rwa_gate::registry::QueryMsg::CheckTransfer {
            asset: asset.to_string(),
            sender,
            recipient,
            amount,
        };
        self.query(&msg)
    }

    pub fn holders(&mut self, asset: &str) -> u32 {
        let rules: TransferRulesResponse = self.query_token(asset, &TokenQuery::TransferRules {});
        rules.holders
    }

    pub fn approve(&mut self, owner: &str, asset: &str, spender: &str, amount: u128) {
        let spender = self.addr(spender);
        let msg = TokenMsg::IncreaseAllowance {
            spender,
            amount: Uint128::new(amount),
            expires: None,
        };
        self.exec_token(owner, asset, &msg)
            .expect("allowance given");
    }

    pub fn transfer_from(
        &mut self,
        spender: &str,
        asset: &str,
        owner: &str,
        to: &str,
        amount: u128,
    ) -> Result<Receipt, String> {
        let (owner, recipient) = (self.addr(owner), self.addr(to));
        let amount = Uint128::new(amount);
        let msg = TokenMsg::TransferFrom {
            owner,
            recipient,
            amount,
        };
        self.exec_token(spender, asset, &msg)
    }

    pub fn send(
        &mut self,
        from: &str,
        asset: &str,
        contract: &str,
        amount: u128,
        msg: &[u8],
    ) -> Result<Receipt, String> {
        let msg = TokenMsg::Send {
            contract: contract.to_string(),
            amount: Uint128::new(amount),
            msg: Binary::from(msg),
        };
        self.exec_token(from, asset, &msg)
    }

    /// `oracle` attests order `seed`: move `amount` of `asset` from `from` to `to`.
    pub fn attest_order(
        &mut self,
        oracle: &str,
        asset: &str,
        seed: &str,
        (from, to): (&str, &str),
        amount: u128,
    ) -> Result<Receipt, String> {
        let (from, to) = (self.addr(from), self.addr(to));
        let msg = ExecuteMsg::AttestOrder {
            asset: asset.into(),
            order: evidence(&format!("order {seed}")),
            from,
            to,
            amount: Uint128::new(amount),
        };
        self.exec(oracle, &msg)
    }

    pub fn execute_order(&mut self, sender: &str, seed: &str) -> Result<Receipt, String> {
        let order = evidence(&format!("order {seed}")).digest;
        self.exec(sender, &ExecuteMsg::ExecuteOrder { order })
    }

    pub fn order(&mut self, seed: &str) -> Order {
        let order = evidence(&format!("order {seed}")).digest;
        self.query(&rwa_gate::registry::QueryMsg::Order { order })
    }

    pub fn recover(
        &mut self,
        sender: &str,
        asset: &str,
        lost: &str,
        replacement: &str,
    ) -> Result<Receipt, String> {
        let (lost, replacement) = (self.addr(lost), self.addr(replacement));
        let asset = asset.to_string();
        let msg = ExecuteMsg::RecoverAccount {
            asset,
            lost,
            replacement,
        };
        self.exec(sender, &msg)
    }
}

/// `bond`, cleared for issuance, with `terms` on its plan and the eligibility and order
/// oracles enrolled; `alice` (holder A) is eligible.
fn with_terms<B: Backend>(b: B, terms: DistributionTerms) -> Deployment<B> {
    let mut d = Deployment::on(b)
        .with_standard_oracles()
        .with_oracle(KYC, ELIGIBILITY)
        .with_oracle(COURT, ORDERS)
        .build();
    d.set_terms(BOND, Some(terms)).expect("terms set");
    d.clear_for_issuance(BOND);
    d.eligible("alice", "A");
    d
}

fn not_eligible<B: Backend>(d: &mut Deployment<B>, who: &str) -> Denial {
    Denial::NotEligible {
        account: d.address(who),
    }
}

/// The token's refusal of a movement, with every reason.
pub fn movement_denied(reasons: &[Denial]) -> String {
    gated_token::ContractError::MovementDenied {
        reasons: reasons.to_vec(),
    }
    .to_string()
}

pub fn r1_terms_a_transfer_to_an_ineligible_account_is_refused_with_every_reason<B: Backend>(b: B) {
    let mut d = with_terms(b, professional_terms());
    let no_statement = not_eligible(&mut d, "bob");
    assert_fails(
        d.mint("issuer", BOND, "bob", 10),
        movement_denied(std::slice::from_ref(&no_statement)),
    );
    d.mint("issuer", BOND, "alice", 100).unwrap();
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(&[no_statement]),
    );

    // A retail investor from the US: both reasons, and the pre-flight says the same.
    d.attest_eligibility(KYC, "bob", "B", InvestorClass::Retail, "US")
        .unwrap();
    let bob = d.address("bob");
    let reasons = vec![
        Denial::ClassNotAdmitted {
            account: bob.clone(),
            class: InvestorClass::Retail,
        },
        Denial::JurisdictionExcluded {
            account: bob,
            jurisdiction: "US".into(),
        },
    ];
    let pre_flight = d.check_transfer(BOND, "alice", "bob", 10);
    assert_eq!(pre_flight.reasons, reasons);
    assert!(!pre_flight.allowed);
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(&reasons),
    );

    // Remedy: the oracle finds bob professional, in Hong Kong.
    d.eligible("bob", "B");
    assert!(d.check_transfer(BOND, "alice", "bob", 10).allowed);
    d.transfer("alice", BOND, "bob", 10).unwrap();
    assert_eq!(d.balance(BOND, "bob"), 10);
    // Burns are always allowed.
    d.burn("bob", BOND, 10).unwrap();
}

pub fn r1_terms_eligibility_stops_counting_when_revoked_expired_or_its_oracle_is_suspended<
    B: Backend,
>(
    b: B,
) {
    let mut d = with_terms(b, professional_terms());
    d.mint("issuer", BOND, "alice", 100).unwrap();
    d.eligible("bob", "B");
    d.transfer("alice", BOND, "bob", 10).unwrap();

    d.revoke_eligibility(KYC, "bob").unwrap();
    let revoked = Denial::EligibilityRevoked {
        account: d.address("bob"),
    };
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(&[revoked]),
    );

    d.eligible("bob", "B");
    let kyc = d.addr(KYC);
    d.exec_owner(&ExecuteMsg::SuspendOracle {
        address: kyc.clone(),
    })
    .unwrap();
    let inactive = Denial::EligibilityOracleInactive {
        account: d.address("bob"),
        oracle: d.address(KYC),
    };
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(std::slice::from_ref(&inactive)),
    );
    // A mint, which knows the gate's epoch, sees the suspension as well (once the clearance,
    // stale after the epoch moved, is refreshed).
    d.refresh(BOND).unwrap();
    assert_fails(
        d.mint("issuer", BOND, "bob", 10),
        movement_denied(&[inactive]),
    );
    d.exec_owner(&ExecuteMsg::ReactivateOracle { address: kyc })
        .unwrap();
    d.transfer("alice", BOND, "bob", 10).unwrap();

    // Expiry, a few seconds ahead; the account holds what it received, but receives no more.
    let expires_at = d.now().plus_seconds(SHORTLY);
    d.attest_eligibility_until(
        KYC,
        "bob",
        "B",
        InvestorClass::Professional,
        "HK",
        expires_at,
    )
    .unwrap();
    d.backend.wait_until(expires_at);
    let expired = Denial::EligibilityExpired {
        account: d.address("bob"),
        at: expires_at,
    };
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(&[expired]),
    );
    assert_eq!(d.balance(BOND, "bob"), 20);
}

pub fn r1_terms_allowances_and_contracts_do_not_route_around_the_receiver_check<B: Backend>(b: B) {
    let mut d = with_terms(b, professional_terms());
    d.mint("issuer", BOND, "alice", 100).unwrap();
    d.approve("alice", BOND, "spender", 50);
    let mallory = not_eligible(&mut d, "mallory");
    assert_fails(
        d.transfer_from("spender", BOND, "alice", "mallory", 10),
        movement_denied(std::slice::from_ref(&mallory)),
    );

    // A contract is a holder like any other: it needs its own statement.
    let pool = d.backend.deploy_receiver();
    let pool_reason = Denial::NotEligible {
        account: cosmwasm_std::Addr::unchecked(&pool),
    };
    assert_fails(
        d.send("alice", BOND, &pool, 10, b"hold"),
        movement_denied(&[pool_reason]),
    );
    let pool_holder = digest("holder POOL");
    let expires_at = d.now().plus_seconds(DAY);
    d.exec(
        KYC,
        &ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
            account: pool.clone(),
            holder: pool_holder,
            class: InvestorClass::Institutional,
            jurisdiction: "SG".into(),
            expires_at,
            evidence: evidence("kyc pool"),
        }),
    )
    .unwrap();
    d.send("alice", BOND, &pool, 10, b"hold").unwrap();
    // A pool paying out to an ineligible account: its own transfer is judged, and the send
    // is rolled back whole.
    let forward = format!("forward:{}", d.addr("mallory"));
    assert_fails(
        d.send("alice", BOND, &pool, 10, forward.as_bytes()),
        movement_denied(&[mallory]),
    );
    assert_eq!(d.balance_of(BOND, &pool), 10);
    assert_eq!(d.balance(BOND, "alice"), 90);
}

pub fn r1_terms_limits_count_per_holder_id_not_per_account<B: Backend>(b: B) {
    let terms = DistributionTerms {
        max_holders: Some(2),
        max_balance: Some(Uint128::new(100)),
        max_outflow: Some(OutflowLimit {
            amount: Uint128::new(30),
            period_seconds: DAY,
        }),
        ..professional_terms()
    };
    let mut d = with_terms(b, terms);
    d.eligible("alice-2", "A");
    d.eligible("bob", "B");
    d.eligible("carol", "C");
    d.mint("issuer", BOND, "alice", 60).unwrap();
    // Alice's second account counts with her first: 60 + 50 is over 100.
    let over = Denial::BalanceLimit {
        max: Uint128::new(100),
        balance: Uint128::new(110),
    };
    assert_fails(
        d.mint("issuer", BOND, "alice-2", 50),
        movement_denied(&[over]),
    );
    d.mint("issuer", BOND, "alice-2", 40).unwrap();
    // Between one holder's accounts nothing changes hands: no limit moves, no count changes.
    d.transfer("alice", BOND, "alice-2", 40).unwrap();
    d.transfer("alice", BOND, "alice", 5).unwrap();
    assert_eq!(d.holders(BOND), 1);
    d.mint("issuer", BOND, "bob", 10).unwrap();
    assert_eq!(d.holders(BOND), 2);
    // A third holder is one too many; a zero amount is refused before it could count.
    assert_fails(
        d.transfer("alice", BOND, "carol", 10),
        movement_denied(&[Denial::HolderLimit { max: 2 }]),
    );
    assert_fails(d.transfer("alice", BOND, "carol", 0), "Invalid zero amount");
    // Alice moves out at most 30 per day, over both her accounts.
    d.transfer("alice-2", BOND, "bob", 20).unwrap();
    let receipt = d.transfer("alice", BOND, "bob", 20);
    let res = receipt.unwrap_err();
    assert!(
        res.contains("a holder may move out at most 30 per period, would move 40"),
        "{res}"
    );
    assert_eq!(d.holders(BOND), 2);
}

pub fn r1_terms_a_narrowing_takes_effect_at_once_and_a_widening_waits_for_a_filing<B: Backend>(
    b: B,
) {
    let mut d = with_terms(b, professional_terms());
    d.mint("issuer", BOND, "alice", 100).unwrap();
    d.attest_eligibility(KYC, "bob", "B", InvestorClass::Professional, "SG")
        .unwrap();
    let version = d.asset(BOND).plan_version;

    // Singapore excluded too: in force at once, and the filing still counts.
    let narrower = DistributionTerms {
        excluded_jurisdictions: vec!["SG".into(), "US".into()],
        ..professional_terms()
    };
    d.set_terms(BOND, Some(narrower.clone())).unwrap();
    assert_eq!(d.asset(BOND).plan_version, version);
    let excluded = Denial::JurisdictionExcluded {
        account: d.address("bob"),
        jurisdiction: "SG".into(),
    };
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(std::slice::from_ref(&excluded)),
    );
    d.mint("issuer", BOND, "alice", 1).unwrap();

    // Back to admitting Singapore, and retail investors as well: the filing is void, and the
    // token keeps the narrower terms until a Filing of the new plan.
    let wider = DistributionTerms {
        classes: None,
        ..professional_terms()
    };
    d.set_terms(BOND, Some(wider)).unwrap();
    let asset = d.asset(BOND);
    assert_eq!(asset.plan_version, version + 1);
    assert!(asset.terms_pending);
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(&[excluded]),
    );
    d.attest_filing("filer", BOND).unwrap();
    assert!(!d.asset(BOND).terms_pending);
    d.transfer("alice", BOND, "bob", 10).unwrap();
    assert_eq!(d.balance(BOND, "bob"), 10);

    // Professional investors only (a narrowing), then retail investors only: that admits a
    // class the terms in force do not and drops the other, so until a Filing of it no class at
    // all is admitted (what both terms admit).
    let professional_only = DistributionTerms {
        classes: Some(vec![InvestorClass::Professional]),
        ..professional_terms()
    };
    d.set_terms(BOND, Some(professional_only)).unwrap();
    assert!(!d.asset(BOND).terms_pending);
    let retail = DistributionTerms {
        classes: Some(vec![InvestorClass::Retail]),
        ..professional_terms()
    };
    d.set_terms(BOND, Some(retail)).unwrap();
    assert!(d.asset(BOND).terms_pending);
    let professional = Denial::ClassNotAdmitted {
        account: d.address("bob"),
        class: InvestorClass::Professional,
    };
    assert_fails(
        d.transfer("alice", BOND, "bob", 1),
        movement_denied(std::slice::from_ref(&professional)),
    );
    d.attest_filing("filer", BOND).unwrap();
    assert!(!d.asset(BOND).terms_pending);
    assert_fails(
        d.transfer("alice", BOND, "bob", 1),
        movement_denied(&[professional]),
    );
}

pub fn r1_terms_lockup_holds_transfers_between_holders_until_its_instant<B: Backend>(b: B) {
    let mut d = with_terms(b, professional_terms());
    let until = d.now().plus_seconds(SHORTLY);
    let terms = DistributionTerms {
        lockup_until: Some(until),
        ..professional_terms()
    };
    d.set_terms(BOND, Some(terms)).unwrap();
    d.eligible("bob", "B");
    d.mint("issuer", BOND, "alice", 100).unwrap();
    assert_fails(
        d.transfer("alice", BOND, "bob", 10),
        movement_denied(&[Denial::LockedUp { until }]),
    );
    d.backend.wait_until(until);
    d.transfer("alice", BOND, "bob", 10).unwrap();
}

pub fn orders_move_exactly_the_attested_amount_once_even_from_a_frozen_account<B: Backend>(b: B) {
    let mut d = with_terms(b, professional_terms());
    d.mint("issuer", BOND, "alice", 100).unwrap();
    d.eligible("bob", "B");
    // Only an order-scoped oracle attests orders.
    assert_fails(
        d.attest_order(KYC, BOND, "court-1", ("alice", "bob"), 30),
        "unauthorized",
    );
    d.attest_order(COURT, BOND, "court-1", ("alice", "bob"), 30)
        .unwrap();
    assert_fails(
        d.attest_order(COURT, BOND, "court-1", ("alice", "bob"), 30),
        format!(
            "order {} is already attested",
            evidence("order court-1").digest
        ),
    );
    d.raise_flag(
        "watcher",
        Subject::Asset(BOND.into()),
        FlagReason::OwnershipDispute,
    )
    .unwrap();
    // The holder cannot move a frozen asset: the pre-flight names the freeze.
    let frozen = d.check_transfer(BOND, "alice", "bob", 30);
    assert!(!frozen.allowed);
    assert!(
        matches!(frozen.reasons[..], [Denial::TransfersFrozen { .. }]),
        "{frozen:?}"
    );
    assert_fails(d.execute_order("mallory", "court-1"), "unauthorized");
    d.execute_order("issuer", "court-1").unwrap();
    assert_eq!((d.balance(BOND, "alice"), d.balance(BOND, "bob")), (70, 30));
    assert!(d.order("court-1").executed_at.is_some());
    assert_fails(
        d.execute_order("issuer", "court-1"),
        format!(
            "order {} was already carried out",
            evidence("order court-1").digest
        ),
    );
    // The receiver of an order must still be eligible; refused, the order stays open.
    d.attest_order(COURT, BOND, "court-2", ("alice", "mallory"), 5)
        .unwrap();
    let mallory = not_eligible(&mut d, "mallory");
    assert_fails(
        d.execute_order("issuer", "court-2"),
        movement_denied(&[mallory]),
    );
    assert_eq!(d.order("court-2").executed_at, None);
}

pub fn recovery_moves_the_whole_balance_to_the_same_holder_and_the_lost_account_never_receives<
    B: Backend,
>(
    b: B,
) {
    let mut d = with_terms(b, professional_terms());
    d.mint("issuer", BOND, "alice", 100).unwrap();
    d.approve("alice", BOND, "spender", 40);
    d.eligible("bob", "B");
    d.eligible("alice-new", "A");
    // Into another holder's account: refused.
    let alice_holder = digest("holder A");
    assert_fails(
        d.recover("issuer", BOND, "alice", "bob"),
        format!(
            "account {} belongs to holder {alice_holder}: a statement for another holder is refused (use a recovery)",
            d.addr("bob")
        ),
    );
    assert_fails(
        d.recover("mallory", BOND, "alice", "alice-new"),
        "unauthorized",
    );
    d.recover("issuer", BOND, "alice", "alice-new").unwrap();
    assert_eq!(
        (d.balance(BOND, "alice"), d.balance(BOND, "alice-new")),
        (0, 100)
    );
    assert_fails(
        d.transfer_from("spender", BOND, "alice", "bob", 1),
        "No allowance for this account",
    );
    let lost = Denial::AccountLost {
        account: d.address("alice"),
    };
    assert_fails(
        d.transfer("alice-new", BOND, "alice", 1),
        movement_denied(&[lost]),
    );
    let alice = d.addr("alice");
    assert_fails(
        d.attest_eligibility(KYC, "alice", "A", InvestorClass::Professional, "HK"),
        format!("account {alice} was recovered to another account and never holds again"),
    );
}
