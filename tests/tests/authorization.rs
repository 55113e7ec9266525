//! Who may send what: every execute message from a sender without the role gets Unauthorized,
//! and every message refuses funds (none of them takes any).

use compliance_registry::{ContractError as RegistryError, RefusedAction};
use cosmwasm_std::{Binary, Uint128};
use cw_utils::PaymentError;
use rwa_gate::registry::{AttestMsg, RevokeMsg};
use rwa_gate::registry::{ExecuteMsg, OracleAction, ParamsUpdate, SignedStatement, TokenSpec};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{FlagReason, IssuancePlan, Scopes, StatementMsg, Subject};
use rwa_gate_tests::oracles::{OracleKey, Unsigned};
use rwa_gate_tests::*;

fn suite() -> Suite {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor", FLAGS)
        .build();
    s.clear_for_issuance(BOND);
    for who in ["stranger", "owner", "issuer", "filer", "alice"] {
        s.fund(who, 1_000);
    }
    s
}

/// Every registry execute message, each with the senders that must be refused.
fn registry_messages(s: &mut Suite) -> Vec<(ExecuteMsg, Vec<&'static str>)> {
    let some = s.addr("someone").to_string();
    let filer = s.addr("filer").to_string();
    let issuer = s.addr("issuer");
    let plan = s.asset(BOND).plan;
    let expires_at = s.now().plus_seconds(DAY);
    vec![
        (
            ExecuteMsg::ProposeOwner {
                new_owner: some.clone(),
            },
            vec!["stranger", "issuer", "filer", "pauser"],
        ),
        (ExecuteMsg::AcceptOwnership {}, vec!["stranger", "owner"]),
        (
            ExecuteMsg::CancelOwnershipTransfer {},
            vec!["stranger", "issuer"],
        ),
        (
            ExecuteMsg::RenounceOwnership {},
            vec!["stranger", "pauser", "issuer"],
        ),
        (
            ExecuteMsg::SetPauser { pauser: None },
            vec!["stranger", "pauser"],
        ),
        (
            ExecuteMsg::UpdateParams(ParamsUpdate {
                approval_quorum: Default::default(),
                attestation_quorum: Some(1),
                flag_quorum: None,
                max_validity: None,
                token_code_id: None,
            }),
            vec!["stranger", "pauser", "issuer", "filer"],
        ),
        (
            ExecuteMsg::AddOracle {
                address: some.clone(),
                scopes: FILING,
            },
            vec!["stranger", "filer", "issuer"],
        ),
        (
            ExecuteMsg::UpdateOracleScopes {
                address: filer.clone(),
                scopes: Scopes {
                    cross_border_investment: false,
                    data_security: false,
                    foreign_exchange: false,
                    filing: true,
                    screening: true,
                    flags: false,
                    eligibility: false,
                    orders: false,
                },
            },
            vec!["stranger", "filer"],
        ),
        (
            ExecuteMsg::SuspendOracle {
                address: filer.clone(),
            },
            vec!["stranger", "filer", "pauser"],
        ),
        (
            ExecuteMsg::ReactivateOracle {
                address: filer.clone(),
            },
            vec!["stranger", "filer"],
        ),
        (
            ExecuteMsg::RemoveOracle {
                address: filer.clone(),
            },
            vec!["stranger", "filer"],
        ),
        (
            ExecuteMsg::ApproveIssuer {
                address: some.clone(),
            },
            vec!["stranger", "issuer"],
        ),
        (
            ExecuteMsg::RevokeIssuer {
                address: issuer.clone(),
            },
            vec!["stranger", "issuer"],
        ),
        (
            ExecuteMsg::Pause { asset: None },
            vec!["stranger", "issuer", "filer"],
        ),
        (
            ExecuteMsg::Unpause { asset: None },
            vec!["stranger", "pauser", "issuer"],
        ),
        (
            ExecuteMsg::RegisterEntity { id: "newco".into() },
            vec!["stranger", "filer", "owner"],
        ),
        (
            ExecuteMsg::RegisterAsset {
                id: "fund".into(),
                filing_entity: ACME.into(),
                related_parties: vec![],
                plan: IssuancePlan {
                    approvals: vec![],
                    max_supply: Uint128::new(10),
                    materials_digest: digest("fund"),
                    terms: None,
                },
                token: TokenSpec {
                    name: "Fund token".into(),
                    symbol: "FUND".into(),
                    decimals: 6,
                },
            },
            vec!["stranger", "filer", "owner"],
        ),
        (
            ExecuteMsg::UpdatePlan {
                asset: BOND.into(),
                plan: IssuancePlan {
                    approvals: vec![],
                    max_supply: Uint128::new(10),
                    materials_digest: digest("v9"),
                    terms: None,
                },
            },
            vec!["stranger", "filer", "owner"],
        ),
        (
            ExecuteMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("m"),
            },
            vec!["stranger", "screener", "watcher", "owner"],
        ),
        (
            ExecuteMsg::AddMinter {
                asset: BOND.into(),
                minter: some.clone(),
            },
            vec!["stranger", "filer", "owner"],
        ),
        (
            ExecuteMsg::RemoveMinter {
                asset: BOND.into(),
                minter: issuer,
            },
            vec!["stranger", "filer", "pauser"],
        ),
        (
            ExecuteMsg::RetireAsset { asset: BOND.into() },
            vec!["stranger", "filer", "pauser"],
        ),
        (
            ExecuteMsg::Attest(AttestMsg {
                asset: BOND.into(),
                statement: StatementMsg::Filing {
                    filing_reference: "CSRC-1".into(),
                    plan,
                    approved_supply: Uint128::new(10),
                },
                expires_at,
                evidence: evidence("f"),
            }),
            vec!["stranger", "screener", "watcher", "issuer", "owner"],
        ),
        (
            ExecuteMsg::Revoke(RevokeMsg {
                id: 1,
                evidence: evidence("r"),
            }),
            vec!["stranger", "screener", "issuer", "owner"],
        ),
        (
            ExecuteMsg::RaiseFlag {
                subject: Subject::Asset(BOND.into()),
                reason: FlagReason::NegativeList,
                evidence: evidence("x"),
            },
            vec!["stranger", "filer", "screener", "issuer", "owner"],
        ),
        (
            ExecuteMsg::PublishNegativeList {
                version: 9,
                digest: digest("nl9"),
            },
            vec!["stranger", "filer", "watcher", "issuer"],
        ),
        (
            ExecuteMsg::SetSigningKey {
                public_key: Some(OracleKey::from_seed("auth key").public_key()),
            },
            vec!["stranger", "issuer", "owner", "pauser"],
        ),
    ]
}

/// The oracle messages of [`registry_messages`] as the actions of one batch, with the senders
/// that may take none of them.
fn oracle_actions(s: &mut Suite) -> (Vec<OracleAction>, Vec<&'static str>) {
    let actions = registry_messages(s)
        .into_iter()
        .filter_map(|(msg, _)| match msg {
            ExecuteMsg::Attest(AttestMsg {
                asset,
                statement,
                expires_at,
                evidence,
            }) => Some(OracleAction::Attest(AttestMsg {
                asset,
                statement,
                expires_at,
                evidence,
            })),
            ExecuteMsg::Revoke(RevokeMsg { id, evidence }) => {
                Some(OracleAction::Revoke(RevokeMsg { id, evidence }))
            }
            _ => None,
        })
        .collect();
    (actions, vec!["stranger", "screener", "issuer", "owner"])
}

/// A batch is judged action by action as if its sender had sent each: a sender without the
/// role gets every action named as unauthorized, and nothing is recorded.
#[test]
fn a_batch_names_every_action_its_sender_may_not_take() {
    let mut s = suite();
    let (actions, senders) = oracle_actions(&mut s);
    assert_eq!(actions.len(), 2, "an attestation and a revocation");
    let expected = RegistryError::BatchRefused {
        refused: (0..2)
            .map(|index| RefusedAction {
                index,
                reason: RegistryError::Unauthorized {}.to_string(),
            })
            .collect(),
    };
    for sender in senders {
        let before = s.storage(&s.registry);
        let msg = ExecuteMsg::Batch {
            actions: actions.clone(),
        };
        assert_fails(s.exec(sender, &msg), &expected);
        assert_eq!(s.storage(&s.registry), before, "{sender}");
    }
}

/// Anyone relays, but only what the oracle signed with its registered key: a statement in the
/// name of an oracle without a key is refused whoever relays it.
#[test]
fn relaying_needs_the_oracles_key_not_a_role() {
    let mut s = suite();
    let key = OracleKey::from_seed("filer key");
    let (actions, _) = oracle_actions(&mut s);
    let filer = s.addr("filer");
    let deadline = s.now().plus_seconds(DAY);
    let unsigned = Unsigned {
        oracle: &filer,
        nonce: 1,
        deadline,
        actions: &actions[..1],
    };
    let chain_id = s.block_info().chain_id;
    let registry = s.registry.clone();
    let statement = key.sign(&unsigned, &chain_id, &registry);
    for relayer in ["stranger", "issuer", "owner", "filer"] {
        assert_fails(
            s.relay(relayer, statement.clone()),
            RegistryError::NoSigningKey {
                oracle: filer.clone(),
            },
        );
    }
    s.set_signing_key("filer", &key).unwrap();
    s.relay("stranger", statement).unwrap();
    // The bond's Filing and Screening are 1 and 2: the relayed Filing is the filer's own.
    assert_eq!(s.attestation(3).oracle, s.address("filer"));
}

#[test]
fn every_registry_message_refuses_senders_without_the_role() {
    let mut s = suite();
    let messages = registry_messages(&mut s);
    // Ownership acceptance is only unauthorized once a transfer is pending.
    let someone = s.addr("someone").to_string();
    s.exec_owner(&ExecuteMsg::ProposeOwner { new_owner: someone })
        .unwrap();
    for (msg, senders) in messages {
        for sender in senders {
            let before = s.storage(&s.registry);
            assert_fails(s.exec(sender, &msg), RegistryError::Unauthorized {});
            assert_eq!(s.storage(&s.registry), before, "{sender}: {msg:?}");
        }
    }
}

#[test]
fn clearing_a_flag_is_for_the_owner_and_other_flag_oracles() {
    let mut s = suite();
    let flag = s
        .raise_flag(
            "watcher",
            Subject::Asset(BOND.into()),
            FlagReason::NegativeList,
        )
        .unwrap();
    for sender in ["stranger", "issuer", "filer", "pauser"] {
        assert_fails(s.clear_flag(sender, flag), RegistryError::Unauthorized {});
    }
    assert_fails(
        s.clear_flag("watcher", flag),
        RegistryError::RaiserCannotClear {},
    );
    s.clear_flag("auditor", flag).unwrap();
    s.clear_flag("owner", flag).unwrap();
}

#[test]
fn every_registry_message_refuses_funds() {
    let mut s = suite();
    let mut messages: Vec<ExecuteMsg> = registry_messages(&mut s)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    messages.push(ExecuteMsg::ClearFlag {
        id: 1,
        conclusion: evidence("c"),
    });
    messages.push(ExecuteMsg::RefreshClearance { asset: BOND.into() });
    messages.push(ExecuteMsg::RefreshClearances {
        start_after: None,
        limit: None,
    });
    let (actions, _) = oracle_actions(&mut s);
    messages.push(ExecuteMsg::Batch {
        actions: actions.clone(),
    });
    // Refused for its funds before its signature is even looked at.
    messages.push(ExecuteMsg::Relay {
        statement: SignedStatement {
            oracle: s.addr("filer"),
            nonce: 1,
            deadline: s.now().plus_seconds(DAY),
            actions,
            signature: Binary::from(vec![0u8; 64]),
        },
    });
    for msg in messages {
        for sender in ["owner", "issuer", "filer", "stranger"] {
            assert_fails(
                s.exec_with_funds(sender, &msg, &ucoin(1)),
                RegistryError::Payment(PaymentError::NonPayable {}),
            );
        }
    }
}

#[test]
fn every_token_message_refuses_funds() {
    let mut s = suite();
    s.mint("issuer", BOND, "alice", 100).unwrap();
    let (alice, bob) = (s.addr("alice").to_string(), s.addr("bob").to_string());
    let amount = Uint128::new(1);
    let messages = vec![
        TokenMsg::Transfer {
            recipient: bob.clone(),
            amount,
        },
        TokenMsg::Burn { amount },
        TokenMsg::Send {
            contract: bob.clone(),
            amount,
            msg: Binary::default(),
        },
        TokenMsg::IncreaseAllowance {
            spender: bob.clone(),
            amount,
            expires: None,
        },
        TokenMsg::DecreaseAllowance {
            spender: bob.clone(),
            amount,
            expires: None,
        },
        TokenMsg::TransferFrom {
            owner: alice.clone(),
            recipient: bob.clone(),
            amount,
        },
        TokenMsg::SendFrom {
            owner: alice.clone(),
            contract: bob.clone(),
            amount,
            msg: Binary::default(),
        },
        TokenMsg::BurnFrom {
            owner: alice.clone(),
            amount,
        },
        TokenMsg::Mint {
            recipient: bob,
            amount,
        },
    ];
    for msg in messages {
        for sender in ["alice", "issuer"] {
            assert_fails(
                s.exec_token_with_funds(sender, BOND, &msg, &ucoin(1)),
                gated_token::ContractError::Payment(PaymentError::NonPayable {}),
            );
        }
    }
    assert_eq!(s.balance(BOND, "alice"), 100);
}

#[test]
fn only_the_proposed_owner_accepts_and_renouncing_freezes_governance() {
    let mut s = suite();
    let next = s.addr("next-owner").to_string();
    s.exec_owner(&ExecuteMsg::ProposeOwner { new_owner: next })
        .unwrap();
    assert_fails(
        s.exec("stranger", &ExecuteMsg::AcceptOwnership {}),
        RegistryError::Unauthorized {},
    );
    s.exec("next-owner", &ExecuteMsg::AcceptOwnership {})
        .unwrap();
    assert_fails(
        s.exec_owner(&ExecuteMsg::Pause { asset: None }),
        RegistryError::Unauthorized {},
    );
    s.exec("next-owner", &ExecuteMsg::RenounceOwnership {})
        .unwrap();
    assert_fails(
        s.exec("next-owner", &ExecuteMsg::Pause { asset: None }),
        RegistryError::Unauthorized {},
    );
}
