//! Oracles at scale: batches (all or nothing, every refusal named), statements signed offline
//! and relayed by anyone (bound to one chain, one registry, one nonce, a deadline and the
//! oracle's current key), and the R3 approvals as attestation kinds of their own.

use compliance_registry::{ContractError as RegistryError, RefusedAction};
use cosmwasm_std::{Binary, Timestamp};
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeEligibilityMsg, RevokeMsg};
use rwa_gate::registry::{
    ExecuteMsg, NonceResponse, OracleAction, QueryMsg, SignedStatement, SigningKeyResponse,
    MAX_BATCH,
};
use rwa_gate::{Approval, ApprovalQuorum, Denial, InvestorClass, Params, Scopes};
use rwa_gate_tests::oracles::{OracleKey, Unsigned};
use rwa_gate_tests::*;

const EVERYTHING: Scopes = Scopes {
    filing: true,
    screening: true,
    flags: false,
    eligibility: true,
    orders: false,
    cross_border_investment: true,
    foreign_exchange: true,
    data_security: true,
};

fn suite() -> Suite {
    Suite::new()
        .with_standard_oracles()
        .with_oracle("desk", EVERYTHING)
        .build()
}

fn filing_action(s: &mut Suite, asset: &str) -> OracleAction {
    let plan = s.asset(asset).plan;
    let expires_at = s.now().plus_seconds(30 * DAY);
    let msg = rwa_gate_tests::msgs::attest_filing("desk", asset, plan, APPROVED_SUPPLY, expires_at);
    OracleAction::of(msg).expect("an attestation")
}

fn screening_action(s: &mut Suite, asset: &str) -> OracleAction {
    let version = s.negative_list_version();
    let subjects = s.asset(asset).subjects().map(str::to_string).collect();
    let now = s.now();
    let msg = rwa_gate_tests::msgs::attest_screening(
        "desk",
        asset,
        version,
        subjects,
        now.minus_seconds(rwa_gate::LOOKBACK_SECONDS),
        now.plus_seconds(30 * DAY),
    );
    OracleAction::of(msg).expect("an attestation")
}

fn eligibility_action(s: &mut Suite, account: &str, jurisdiction: &str) -> OracleAction {
    OracleAction::AttestEligibility(AttestEligibilityMsg {
        account: s.addr(account),
        holder: digest(&format!("holder {account}")),
        class: InvestorClass::Professional,
        jurisdiction: jurisdiction.to_string(),
        expires_at: s.now().plus_seconds(30 * DAY),
        evidence: evidence(&format!("kyc {account}")),
    })
}

fn refused(index: u32, error: impl ToString) -> RefusedAction {
    RefusedAction {
        index,
        reason: error.to_string(),
    }
}

// ---------------------------------------------------------------- batches

#[test]
fn a_batch_records_actions_of_every_kind_at_once() {
    let mut s = suite();
    let actions = vec![
        filing_action(&mut s, BOND),
        screening_action(&mut s, BOND),
        eligibility_action(&mut s, "alice", "HK"),
        eligibility_action(&mut s, "bob", "SG"),
    ];
    let receipt = s.batch("desk", actions).unwrap();
    assert_eq!(receipt.attr("actions"), Some("4"));
    assert!(s.check(BOND, 10, Some("issuer")).allowed);
    let clearance = s.clearance(BOND);
    assert_eq!(clearance.filing.attestations, vec![1]);
    assert_eq!(clearance.screening.attestations, vec![2]);
    let alice = s.addr("alice");
    let record: rwa_gate::distribution::EligibilityRecord =
        s.query(&QueryMsg::Eligibility { account: alice });
    assert_eq!(record.statement.oracle, s.address("desk"));
}

#[test]
fn a_refused_action_leaves_nothing_recorded_and_every_refusal_is_named() {
    let mut s = suite();
    let before = s.storage(&s.registry);
    let mut unknown = filing_action(&mut s, BOND);
    if let OracleAction::Attest(AttestMsg { asset, .. }) = &mut unknown {
        *asset = "nope".to_string();
    }
    let actions = vec![
        screening_action(&mut s, BOND),
        unknown,
        eligibility_action(&mut s, "alice", "hk"),
        OracleAction::Revoke(RevokeMsg {
            id: 99,
            evidence: evidence("gone"),
        }),
    ];
    assert_fails(
        s.batch("desk", actions),
        RegistryError::BatchRefused {
            refused: vec![
                refused(1, RegistryError::AssetNotFound { id: "nope".into() }),
                refused(
                    2,
                    "invalid terms: jurisdiction \"hk\" is not an ISO 3166-1 alpha-2 code (two capitals)",
                ),
                refused(3, RegistryError::AttestationNotFound { id: 99 }),
            ],
        },
    );
    assert_eq!(s.storage(&s.registry), before);
}

#[test]
fn a_batch_is_bounded_and_not_empty() {
    let mut s = suite();
    assert_fails(s.batch("desk", vec![]), RegistryError::EmptyBatch {});
    let action = eligibility_action(&mut s, "alice", "HK");
    assert_fails(
        s.batch("desk", vec![action; MAX_BATCH + 1]),
        RegistryError::BatchTooLarge { max: MAX_BATCH },
    );
}

#[test]
fn every_action_of_a_batch_is_judged_as_its_sender_sent_it() {
    let mut s = suite();
    // The screener may screen but not file: the Filing alone is refused, and with it the batch.
    let actions = vec![screening_action(&mut s, BOND), filing_action(&mut s, BOND)];
    assert_fails(
        s.batch("screener", actions),
        RegistryError::BatchRefused {
            refused: vec![refused(1, RegistryError::Unauthorized {})],
        },
    );
    // Revoking another oracle's attestation is refused inside a batch as outside it.
    s.attest_filing("filer", BOND).unwrap();
    let revoke = OracleAction::Revoke(RevokeMsg {
        id: 1,
        evidence: evidence("mine"),
    });
    assert_fails(
        s.batch("desk", vec![revoke.clone()]),
        RegistryError::BatchRefused {
            refused: vec![refused(0, RegistryError::Unauthorized {})],
        },
    );
    s.batch("filer", vec![revoke]).unwrap();
    assert!(s.attestation(1).revoked_at.is_some());
}

#[test]
fn later_actions_of_a_batch_see_the_earlier_ones() {
    let mut s = suite();
    let attest = eligibility_action(&mut s, "alice", "HK");
    let alice = s.addr("alice");
    let revoke = OracleAction::RevokeEligibility(RevokeEligibilityMsg {
        account: alice.clone(),
        evidence: evidence("withdrawn"),
    });
    s.batch("desk", vec![attest, revoke]).unwrap();
    let record: rwa_gate::distribution::EligibilityRecord =
        s.query(&QueryMsg::Eligibility { account: alice });
    assert!(record.revoked_at.is_some());
}

#[test]
fn a_batch_refuses_funds() {
    let mut s = suite();
    s.fund("desk", 10);
    let action = eligibility_action(&mut s, "alice", "HK");
    assert_fails(
        s.exec_with_funds(
            "desk",
            &ExecuteMsg::Batch {
                actions: vec![action],
            },
            &ucoin(1),
        ),
        RegistryError::Payment(cw_utils::PaymentError::NonPayable {}),
    );
}

// ---------------------------------------------------------------- signed statements

struct Signed {
    s: Suite,
    key: OracleKey,
    chain_id: String,
}

impl Signed {
    fn new() -> Self {
        let mut s = suite();
        let key = OracleKey::from_seed("desk offline key");
        s.set_signing_key("desk", &key).unwrap();
        let chain_id = s.block_info().chain_id;
        Signed { s, key, chain_id }
    }

    fn sign(&mut self, nonce: u64, actions: &[OracleAction]) -> SignedStatement {
        let deadline = self.s.now().plus_seconds(3_600);
        self.sign_until(nonce, deadline, actions)
    }

    fn sign_until(
        &mut self,
        nonce: u64,
        deadline: Timestamp,
        actions: &[OracleAction],
    ) -> SignedStatement {
        let oracle = self.s.addr("desk");
        let registry = self.s.registry.clone();
        let unsigned = Unsigned {
            oracle: &oracle,
            nonce,
            deadline,
            actions,
        };
        self.key.sign(&unsigned, &self.chain_id, &registry)
    }
}

#[test]
fn a_relayed_statement_counts_as_the_oracles_own() {
    let mut t = Signed::new();
    let actions = [
        filing_action(&mut t.s, BOND),
        screening_action(&mut t.s, BOND),
    ];
    let statement = t.sign(7, &actions);
    let receipt = t.s.relay("anyone", statement).unwrap();
    assert_eq!(receipt.attr("actions"), Some("2"));
    assert_eq!(t.s.attestation(1).oracle, t.s.address("desk"));
    assert!(t.s.check(BOND, 10, Some("issuer")).allowed);
    let oracle = t.s.addr("desk");
    let nonce: NonceResponse = t.s.query(&QueryMsg::Nonce { oracle, nonce: 7 });
    assert!(nonce.used);
}

#[test]
fn a_statement_signed_for_another_chain_or_registry_does_not_verify() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let oracle = t.s.addr("desk");
    let deadline = t.s.now().plus_seconds(60);
    let unsigned = Unsigned {
        oracle: &oracle,
        nonce: 1,
        deadline,
        actions: &actions,
    };
    let registry = t.s.registry.clone();
    let other_chain = t.key.sign(&unsigned, "another-chain-1", &registry);
    assert_fails(
        t.s.relay("anyone", other_chain),
        RegistryError::InvalidSignature {},
    );
    let other_registry = t.key.sign(&unsigned, &t.chain_id, &t.s.addr("elsewhere"));
    assert_fails(
        t.s.relay("anyone", other_registry),
        RegistryError::InvalidSignature {},
    );
    let here = t.key.sign(&unsigned, &t.chain_id, &registry);
    t.s.relay("anyone", here).unwrap();
}

#[test]
fn a_used_nonce_is_refused() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let statement = t.sign(42, &actions);
    t.s.relay("anyone", statement.clone()).unwrap();
    let before = t.s.storage(&t.s.registry);
    assert_fails(
        t.s.relay("someone else", statement),
        RegistryError::NonceUsed { nonce: 42 },
    );
    // The same actions under another nonce are a new statement.
    let again = t.sign(43, &actions);
    assert_eq!(t.s.storage(&t.s.registry), before);
    t.s.relay("anyone", again).unwrap();
}

#[test]
fn a_statement_is_good_until_its_deadline_to_the_nanosecond() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let deadline = t.s.now().plus_seconds(60);
    let late = t.sign_until(1, deadline, &actions);
    let on_time = t.sign_until(2, deadline, &actions);
    t.s.advance(60);
    t.s.relay("anyone", on_time).unwrap();
    t.s.app_mut()
        .update_block(|b| b.time = b.time.plus_nanos(1));
    assert_fails(
        t.s.relay("anyone", late),
        RegistryError::StatementExpired { deadline },
    );
}

#[test]
fn a_key_rotated_away_no_longer_signs_for_the_oracle() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let old = t.sign(1, &actions);
    let rotated = OracleKey::from_seed("desk new key");
    t.s.set_signing_key("desk", &rotated).unwrap();
    assert_fails(t.s.relay("anyone", old), RegistryError::InvalidSignature {});
    t.key = rotated;
    let fresh = t.sign(2, &actions);
    t.s.relay("anyone", fresh).unwrap();
    let oracle = t.s.addr("desk");
    let key: SigningKeyResponse = t.s.query(&QueryMsg::SigningKey { oracle });
    assert_eq!(key.public_key, Some(t.key.public_key()));
}

#[test]
fn a_suspended_or_removed_oracles_statement_is_refused() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let statement = t.sign(1, &actions);
    let desk = t.s.addr("desk");
    t.s.exec_owner(&ExecuteMsg::SuspendOracle {
        address: desk.clone(),
    })
    .unwrap();
    let refusal = RegistryError::SignerNotActive {
        oracle: desk.clone(),
    };
    assert_fails(t.s.relay("anyone", statement.clone()), &refusal);
    t.s.exec_owner(&ExecuteMsg::RemoveOracle {
        address: desk.clone(),
    })
    .unwrap();
    assert_fails(t.s.relay("anyone", statement), refusal);
    // Re-added, it registers a key again: trust in the old one ended with the enrolment.
    t.s.exec_owner(&ExecuteMsg::AddOracle {
        address: desk.clone(),
        scopes: EVERYTHING,
    })
    .unwrap();
    let key: SigningKeyResponse = t.s.query(&QueryMsg::SigningKey {
        oracle: desk.clone(),
    });
    assert_eq!(key.public_key, None);
    let statement = t.sign(2, &actions);
    assert_fails(
        t.s.relay("anyone", statement),
        RegistryError::NoSigningKey { oracle: desk },
    );
}

#[test]
fn a_forged_tampered_or_truncated_signature_is_refused() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let statement = t.sign(1, &actions);
    let before = t.s.storage(&t.s.registry);
    let mut tampered = statement.clone();
    tampered.actions = vec![eligibility_action(&mut t.s, "mallory", "HK")];
    assert_fails(
        t.s.relay("anyone", tampered),
        RegistryError::InvalidSignature {},
    );
    let mut truncated = statement.clone();
    truncated.signature = Binary::from(&statement.signature[..63]);
    assert_fails(
        t.s.relay("anyone", truncated),
        RegistryError::InvalidSignature {},
    );
    let forger = OracleKey::from_seed("not the desk");
    let oracle = t.s.addr("desk");
    let registry = t.s.registry.clone();
    let unsigned = Unsigned {
        oracle: &oracle,
        nonce: 1,
        deadline: statement.deadline,
        actions: &actions,
    };
    let forged = forger.sign(&unsigned, &t.chain_id, &registry);
    assert_fails(
        t.s.relay("anyone", forged),
        RegistryError::InvalidSignature {},
    );
    let mut other_nonce = statement;
    other_nonce.nonce = 2;
    assert_fails(
        t.s.relay("anyone", other_nonce),
        RegistryError::InvalidSignature {},
    );
    assert_eq!(t.s.storage(&t.s.registry), before);
}

#[test]
fn revocations_can_be_relayed_too() {
    let mut t = Signed::new();
    let actions = [filing_action(&mut t.s, BOND)];
    let statement = t.sign(1, &actions);
    t.s.relay("anyone", statement).unwrap();
    let revoke = [OracleAction::Revoke(RevokeMsg {
        id: 1,
        evidence: evidence("withdrawn"),
    })];
    let statement = t.sign(2, &revoke);
    t.s.relay("anyone", statement).unwrap();
    assert!(t.s.attestation(1).revoked_at.is_some());
}

#[test]
fn a_refused_action_of_a_relayed_statement_spends_no_nonce() {
    let mut t = Signed::new();
    let actions = [eligibility_action(&mut t.s, "alice", "hk")];
    let statement = t.sign(5, &actions);
    assert!(t.s.relay("anyone", statement).is_err());
    let oracle = t.s.addr("desk");
    let nonce: NonceResponse = t.s.query(&QueryMsg::Nonce { oracle, nonce: 5 });
    assert!(!nonce.used);
}

#[test]
fn only_an_oracle_registers_a_key_and_only_a_point_on_the_curve() {
    let mut t = Signed::new();
    let key = OracleKey::from_seed("stranger");
    assert_fails(
        t.s.set_signing_key("stranger", &key),
        RegistryError::Unauthorized {},
    );
    let desk = "desk";
    // Too short, uncompressed, an x beyond the field's modulus, and 65 bytes.
    let beyond_the_field = [&[2u8][..], &[0xff; 32]].concat();
    for bad in [
        vec![2u8; 32],
        vec![4u8; 33],
        beyond_the_field,
        vec![4u8; 65],
    ] {
        let msg = ExecuteMsg::SetSigningKey {
            public_key: Some(Binary::from(bad)),
        };
        assert_fails(t.s.exec(desk, &msg), RegistryError::InvalidSigningKey {});
    }
    t.s.exec(desk, &ExecuteMsg::SetSigningKey { public_key: None })
        .unwrap();
    let actions = [eligibility_action(&mut t.s, "alice", "HK")];
    let statement = t.sign(1, &actions);
    let oracle = t.s.addr(desk);
    assert_fails(
        t.s.relay("anyone", statement),
        RegistryError::NoSigningKey { oracle },
    );
}

// ---------------------------------------------------------------- R3: the other approvals

fn approvals_suite() -> Suite {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("approvals", APPROVALS)
        .build();
    s.clear_for_issuance(BOND);
    s
}

#[test]
fn r3_each_approval_the_plan_names_is_required_and_named_when_missing() {
    let mut s = approvals_suite();
    s.require_approvals(BOND, &Approval::ALL).unwrap();
    let missing = |approval| Denial::ApprovalQuorumNotMet {
        approval,
        have: 0,
        need: 1,
    };
    assert_refused(
        s.mint("issuer", BOND, "alice", 10),
        Approval::ALL.into_iter().map(missing).collect(),
    );
    s.attest_approval("approvals", BOND, Approval::CrossBorderInvestment)
        .unwrap();
    s.attest_approval("approvals", BOND, Approval::DataSecurity)
        .unwrap();
    assert_eq!(
        s.check(BOND, 10, Some("issuer")).reasons,
        vec![missing(Approval::ForeignExchange)]
    );
    s.attest_approval("approvals", BOND, Approval::ForeignExchange)
        .unwrap();
    let decision = s.mint_agrees_with_check("issuer", BOND, 10);
    assert!(decision.allowed);
    // In the plan's order: cross-border investment (3), foreign exchange (5), data security (4).
    assert_eq!(decision.approvals, vec![3, 5, 4]);
}

#[test]
fn r3_an_approval_lapses_at_its_expiry() {
    let mut s = approvals_suite();
    s.require_approvals(BOND, &[Approval::ForeignExchange])
        .unwrap();
    let action = s.approval_action(BOND, Approval::ForeignExchange, 10 * DAY);
    s.batch("approvals", vec![action]).unwrap();
    let at = s.attestation(3).expires_at;
    s.advance(10 * DAY);
    assert_eq!(
        s.check(BOND, 10, Some("issuer")).reasons,
        vec![Denial::ApprovalExpired {
            approval: Approval::ForeignExchange,
            at,
        }]
    );
}

#[test]
fn r3_an_approval_needs_an_oracle_scoped_for_it_and_its_own_quorum() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("approvals", APPROVALS)
        .with_oracle("second", APPROVALS)
        .build();
    s.clear_for_issuance(BOND);
    s.require_approvals(BOND, &[Approval::DataSecurity])
        .unwrap();
    assert_fails(
        s.attest_approval("screener", BOND, Approval::DataSecurity),
        RegistryError::BatchRefused {
            refused: vec![refused(0, RegistryError::Unauthorized {})],
        },
    );
    let params = Params {
        approval_quorum: ApprovalQuorum {
            data_security: 2,
            ..ApprovalQuorum::default()
        },
        ..Params::default()
    };
    s.exec_owner(&ExecuteMsg::UpdateParams(
        rwa_gate::registry::ParamsUpdate {
            attestation_quorum: None,
            flag_quorum: None,
            max_validity: None,
            token_code_id: None,
            approval_quorum: Some(params.approval_quorum),
        },
    ))
    .unwrap();
    s.refresh(BOND).unwrap();
    s.attest_approval("approvals", BOND, Approval::DataSecurity)
        .unwrap();
    assert_eq!(
        s.check(BOND, 10, Some("issuer")).reasons,
        vec![Denial::ApprovalQuorumNotMet {
            approval: Approval::DataSecurity,
            have: 1,
            need: 2,
        }]
    );
    s.attest_approval("second", BOND, Approval::DataSecurity)
        .unwrap();
    assert!(s.check(BOND, 10, Some("issuer")).allowed);
}

#[test]
fn r3_adding_an_approval_takes_effect_at_once_and_dropping_one_needs_a_new_filing() {
    let mut s = approvals_suite();
    s.require_approvals(BOND, &[Approval::ForeignExchange])
        .unwrap();
    assert_eq!(
        s.asset(BOND).plan_version,
        0,
        "a narrowing keeps the filing"
    );
    s.attest_approval("approvals", BOND, Approval::ForeignExchange)
        .unwrap();
    assert!(s.check(BOND, 10, Some("issuer")).allowed);
    s.require_approvals(BOND, &[]).unwrap();
    assert_eq!(s.asset(BOND).plan_version, 1);
    assert_eq!(
        s.check(BOND, 10, Some("issuer")).reasons,
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }]
    );
}

#[test]
fn r3_a_plan_names_each_approval_once() {
    let mut s = approvals_suite();
    assert_fails(
        s.require_approvals(BOND, &[Approval::DataSecurity, Approval::DataSecurity]),
        RegistryError::DuplicateApproval {
            approval: Approval::DataSecurity,
        },
    );
}

/// The issuer may name a plan's approvals in any order: the plan it registered is the plan a
/// Filing names, and the same plan sent again is refused as unchanged.
///
/// Fails on 34d09dc: the registry stores the approvals as a bit set and reads them back in
/// `Approval::ALL` order, so a Filing of the plan as the issuer sent it is refused
/// (`PlanMismatch`), and the same plan sent again is accepted as a change.
#[test]
fn r3_a_plan_names_its_approvals_in_any_order() {
    let mut s = approvals_suite();
    let order = [Approval::DataSecurity, Approval::CrossBorderInvestment];
    s.require_approvals(BOND, &order).unwrap();
    let mut sent = s.asset(BOND).plan;
    sent.approvals = order.to_vec();
    let filing = rwa_gate_tests::msgs::attest_filing(
        "filer",
        BOND,
        sent.clone(),
        APPROVED_SUPPLY,
        s.now().plus_seconds(DAY),
    );
    let same_plan = ExecuteMsg::UpdatePlan {
        asset: BOND.into(),
        plan: sent,
    };
    assert_fails(
        s.exec("issuer", &same_plan),
        RegistryError::PlanUnchanged {},
    );
    s.exec("filer", &filing).unwrap();
}
