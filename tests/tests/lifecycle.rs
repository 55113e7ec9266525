//! The issuance lifecycle beyond single rules: trust changes, quorums, caps, pauses, freezes,
//! and the agreement of the token's mint with the registry's check_issuance.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{to_json_binary, Binary, Uint128};
use rwa_gate::cw20::{AllowanceResponse, Cw20ReceiveMsg, Expiration};
use rwa_gate::registry::{ExecuteMsg, ParamsUpdate};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{FlagReason, PartyRole, Subject};
use rwa_gate_tests::*;

fn cleared_suite() -> Suite {
    let mut s = Suite::new().with_standard_oracles().build();
    s.clear_for_issuance(BOND);
    s
}

#[test]
fn clean_mint_emits_a_receipt_naming_the_attestations_relied_on() {
    let mut s = Suite::new().with_standard_oracles().build();
    let filing = s
        .attest_filing("filer", BOND)
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let screening = s
        .attest_screening("screener", BOND)
        .unwrap()
        .attr("id")
        .unwrap()
        .to_string();
    let res = s.mint("issuer", BOND, "holder", 250).unwrap();
    assert_eq!(res.attr("action"), Some("mint"));
    assert_eq!(res.attr("asset"), Some(BOND));
    assert_eq!(res.attr("amount"), Some("250"));
    assert_eq!(res.attr("to"), Some(s.addr("holder").as_str()));
    assert_eq!(res.attr("filings"), Some(filing.as_str()));
    assert_eq!(res.attr("screenings"), Some(screening.as_str()));
    assert_eq!(res.attr("minted"), Some("250"));
    let m = s.minted(BOND);
    assert_eq!(
        (m.minted, m.total_supply, m.cap),
        (
            Uint128::new(250),
            Uint128::new(250),
            Uint128::new(APPROVED_SUPPLY)
        )
    );
}

#[test]
fn suspending_an_oracle_takes_its_attestations_out() {
    let mut s = cleared_suite();
    let filer = s.addr("filer").to_string();
    s.exec_owner(&ExecuteMsg::SuspendOracle {
        address: filer.clone(),
    })
    .unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::ClearanceStale {
            epoch: 0,
            current: 1,
        }],
    );
    s.refresh(BOND).unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    // A suspended oracle cannot post either.
    assert_fails(
        s.attest_filing("filer", BOND),
        RegistryError::Unauthorized {},
    );
    // Reactivated, its attestation counts again once the clearance is recomputed.
    s.exec_owner(&ExecuteMsg::ReactivateOracle { address: filer })
        .unwrap();
    s.refresh(BOND).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn removing_an_oracle_takes_its_attestations_out() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("filer-2", FILING)
        .build();
    s.clear_for_issuance(BOND);
    let filer = s.addr("filer").to_string();
    s.exec_owner(&ExecuteMsg::RemoveOracle { address: filer })
        .unwrap();
    s.exec(
        "anyone",
        &ExecuteMsg::RefreshClearances {
            start_after: None,
            limit: None,
        },
    )
    .unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::FilingQuorumNotMet { have: 0, need: 1 }],
    );
    assert_fails(
        s.attest_filing("filer", BOND),
        RegistryError::Unauthorized {},
    );
    s.attest_filing("filer-2", BOND).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn quorum_of_two_is_not_met_by_one_oracle() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("filer-2", FILING)
        .with_oracle("screener-2", SCREENING)
        .with_attestation_quorum(2)
        .build();
    s.clear_for_issuance(BOND);
    // The same oracle attesting twice still counts once.
    s.attest_filing("filer", BOND).unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![
            Denial::FilingQuorumNotMet { have: 1, need: 2 },
            Denial::ScreeningQuorumNotMet { have: 1, need: 2 },
        ],
    );
    s.attest_filing("filer-2", BOND).unwrap();
    s.attest_screening("screener-2", BOND).unwrap();
    let res = s.mint("issuer", BOND, "holder", 1).unwrap();
    assert_eq!(res.attr("filings").unwrap().split(',').count(), 2);
}

#[test]
fn raising_the_quorum_fails_closed_until_refreshed() {
    let mut s = cleared_suite();
    s.exec_owner(&ExecuteMsg::UpdateParams(ParamsUpdate {
        approval_quorum: Default::default(),
        attestation_quorum: Some(2),
        flag_quorum: None,
        max_validity: None,
        token_code_id: None,
    }))
    .unwrap();
    assert!(!s.check(BOND, 1, Some("issuer")).allowed);
    s.refresh(BOND).unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![
            Denial::FilingQuorumNotMet { have: 1, need: 2 },
            Denial::ScreeningQuorumNotMet { have: 1, need: 2 },
        ],
    );
}

#[test]
fn the_raiser_alone_cannot_clear_a_flag() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor", FLAGS)
        .build();
    s.clear_for_issuance(BOND);
    let flag = s
        .raise_flag(
            "watcher",
            Subject::Asset(BOND.into()),
            FlagReason::NegativeList,
        )
        .unwrap();
    assert_fails(
        s.clear_flag("watcher", flag),
        RegistryError::RaiserCannotClear {},
    );
    // One other oracle is not the quorum of two.
    s.clear_flag("auditor", flag).unwrap();
    assert_fails(
        s.clear_flag("auditor", flag),
        RegistryError::AlreadyVoted {},
    );
    assert_eq!(s.flag(flag).status, rwa_gate::FlagStatus::Active);
    assert!(!s.check(BOND, 1, Some("issuer")).allowed);
    // Oracles without the flag scope have no vote.
    assert_fails(s.clear_flag("filer", flag), RegistryError::Unauthorized {});
}

#[test]
fn cap_reached_exactly_then_exceeded_by_one() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "holder", MAX_SUPPLY - 1).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
    assert_eq!(s.minted(BOND).minted, Uint128::new(MAX_SUPPLY));
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::CapExceeded {
            cap: Uint128::new(MAX_SUPPLY),
            minted: Uint128::new(MAX_SUPPLY),
            requested: Uint128::new(1),
        }],
    );
    assert_refused(
        s.mint("issuer", BOND, "holder", u128::MAX),
        vec![Denial::CapExceeded {
            cap: Uint128::new(MAX_SUPPLY),
            minted: Uint128::new(MAX_SUPPLY),
            requested: Uint128::MAX,
        }],
    );
}

#[test]
fn global_pause_stops_every_asset_and_only_the_owner_unpauses() {
    let mut s = cleared_suite();
    s.exec("pauser", &ExecuteMsg::Pause { asset: None })
        .unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::IssuancePaused],
    );
    assert_fails(
        s.exec("pauser", &ExecuteMsg::Unpause { asset: None }),
        RegistryError::Unauthorized {},
    );
    assert_fails(
        s.exec_owner(&ExecuteMsg::Pause { asset: None }),
        RegistryError::AlreadyPaused {},
    );
    s.exec_owner(&ExecuteMsg::Unpause { asset: None }).unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn per_asset_pause_stops_that_asset_only() {
    let mut s = cleared_suite();
    s.register_asset("note", HOLDCO, &[(FOUNDER, PartyRole::UltimateController)])
        .unwrap();
    s.clear_for_issuance("note");
    s.exec(
        "pauser",
        &ExecuteMsg::Pause {
            asset: Some(BOND.into()),
        },
    )
    .unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::AssetPaused],
    );
    s.mint("issuer", "note", "holder", 1).unwrap();
    s.exec_owner(&ExecuteMsg::Unpause {
        asset: Some(BOND.into()),
    })
    .unwrap();
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn a_flag_on_an_entity_blocks_every_asset_it_is_related_to() {
    let mut s = cleared_suite();
    s.register_asset("note", HOLDCO, &[]).unwrap();
    s.register_entity("other").unwrap();
    s.register_asset("unrelated", "other", &[]).unwrap();
    s.clear_for_issuance("note");
    s.clear_for_issuance("unrelated");
    let flag = s
        .raise_flag(
            "watcher",
            Subject::Entity(HOLDCO.into()),
            FlagReason::UnderInvestigation,
        )
        .unwrap();
    for a in [BOND, "note"] {
        assert_refused(
            s.mint("issuer", a, "holder", 1),
            vec![Denial::Flagged {
                flag,
                subject: Subject::Entity(HOLDCO.into()),
                reason: FlagReason::UnderInvestigation,
            }],
        );
    }
    s.mint("issuer", "unrelated", "holder", 1).unwrap();
}

#[test]
fn frozen_asset_refuses_every_form_of_transfer_but_allows_burns() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "alice", 100).unwrap();
    let bob = s.addr("bob").to_string();
    let alice = s.addr("alice").to_string();
    s.exec_token(
        "alice",
        BOND,
        &TokenMsg::IncreaseAllowance {
            spender: bob.clone(),
            amount: Uint128::new(50),
            expires: None,
        },
    )
    .unwrap();
    let receiver = s.receiver();
    let flag = s
        .raise_flag(
            "watcher",
            Subject::Asset(BOND.into()),
            FlagReason::TransferProhibited,
        )
        .unwrap();
    let frozen = gated_token::ContractError::TransfersFrozen {
        asset: BOND.into(),
        flags: vec![flag],
    };
    let attempts = vec![
        (
            "alice",
            TokenMsg::Transfer {
                recipient: bob.clone(),
                amount: Uint128::new(1),
            },
        ),
        (
            "alice",
            TokenMsg::Send {
                contract: receiver.to_string(),
                amount: Uint128::new(1),
                msg: Binary::default(),
            },
        ),
        (
            "bob",
            TokenMsg::TransferFrom {
                owner: alice.clone(),
                recipient: bob.clone(),
                amount: Uint128::new(1),
            },
        ),
        (
            "bob",
            TokenMsg::SendFrom {
                owner: alice.clone(),
                contract: receiver.to_string(),
                amount: Uint128::new(1),
                msg: Binary::default(),
            },
        ),
    ];
    for (sender, msg) in attempts {
        assert_fails(s.exec_token(sender, BOND, &msg), &frozen);
    }
    assert_eq!(s.balance(BOND, "alice"), 100);
    s.exec_token(
        "alice",
        BOND,
        &TokenMsg::Burn {
            amount: Uint128::new(5),
        },
    )
    .unwrap();
    s.exec_token(
        "bob",
        BOND,
        &TokenMsg::BurnFrom {
            owner: alice,
            amount: Uint128::new(5),
        },
    )
    .unwrap();
    assert_eq!(s.balance(BOND, "alice"), 90);
    assert_eq!(s.supply(BOND), 90);
}

#[test]
fn significant_matter_then_fresh_filing() {
    let mut s = cleared_suite();
    s.exec(
        "issuer",
        &ExecuteMsg::ReportSignificantMatter {
            asset: BOND.into(),
            evidence: evidence("restructuring"),
        },
    )
    .unwrap();
    assert!(!s.check(BOND, 1, Some("issuer")).allowed);
    // A filing by the same oracle made before the report does not count; a new one does.
    s.attest_filing("filer", BOND).unwrap();
    assert!(s.check(BOND, 1, Some("issuer")).allowed);
    s.mint("issuer", BOND, "holder", 1).unwrap();
}

#[test]
fn only_minters_of_the_asset_may_mint() {
    let mut s = cleared_suite();
    let desk = s.addr("desk").to_string();
    let desk_addr = s.address("desk");
    assert_refused(
        s.mint("desk", BOND, "holder", 1),
        vec![Denial::NotMinter { address: desk_addr }],
    );
    assert_fails(
        s.exec(
            "stranger",
            &ExecuteMsg::AddMinter {
                asset: BOND.into(),
                minter: desk.clone(),
            },
        ),
        RegistryError::Unauthorized {},
    );
    s.exec(
        "issuer",
        &ExecuteMsg::AddMinter {
            asset: BOND.into(),
            minter: desk.clone(),
        },
    )
    .unwrap();
    s.mint("desk", BOND, "holder", 1).unwrap();
    s.exec(
        "issuer",
        &ExecuteMsg::RemoveMinter {
            asset: BOND.into(),
            minter: desk,
        },
    )
    .unwrap();
    assert!(s.mint("desk", BOND, "holder", 1).is_err());
}

#[test]
fn retired_asset_mints_no_more() {
    let mut s = cleared_suite();
    s.exec("issuer", &ExecuteMsg::RetireAsset { asset: BOND.into() })
        .unwrap();
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::AssetRetired],
    );
    assert_fails(
        s.attest_filing("filer", BOND),
        RegistryError::AssetRetired { id: BOND.into() },
    );
}

/// The same fixtures through both paths: the token refuses exactly when check_issuance denies,
/// with exactly its reasons.
#[test]
fn mint_refuses_exactly_when_check_issuance_denies() {
    type Step = fn(&mut Suite);
    let fixtures: Vec<(&str, Step)> = vec![
        ("nothing attested", |_| {}),
        ("filing only", |s| {
            s.attest_filing("filer", BOND).unwrap();
        }),
        ("cleared", |s| s.clear_for_issuance(BOND)),
        ("cleared then disputed", |s| {
            s.clear_for_issuance(BOND);
            s.raise_flag(
                "watcher",
                Subject::Asset(BOND.into()),
                FlagReason::OwnershipDispute,
            )
            .unwrap();
        }),
        ("cleared then paused", |s| {
            s.clear_for_issuance(BOND);
            s.exec_owner(&ExecuteMsg::Pause { asset: None }).unwrap();
        }),
        ("cleared then expired", |s| {
            s.clear_for_issuance(BOND);
            s.advance(31 * DAY);
        }),
        ("cleared then reported", |s| {
            s.clear_for_issuance(BOND);
            s.exec(
                "issuer",
                &ExecuteMsg::ReportSignificantMatter {
                    asset: BOND.into(),
                    evidence: evidence("matter"),
                },
            )
            .unwrap();
        }),
        ("cleared then oracle suspended", |s| {
            s.clear_for_issuance(BOND);
            let filer = s.addr("filer").to_string();
            s.exec_owner(&ExecuteMsg::SuspendOracle { address: filer })
                .unwrap();
        }),
        ("cleared, founder investigated", |s| {
            s.clear_for_issuance(BOND);
            s.raise_flag(
                "watcher",
                Subject::Entity(FOUNDER.into()),
                FlagReason::UnderInvestigation,
            )
            .unwrap();
        }),
    ];
    let mut allowed = 0;
    for (name, setup) in fixtures {
        for (minter, amount) in [
            ("issuer", 1),
            ("issuer", 0),
            ("stranger", 1),
            ("issuer", MAX_SUPPLY + 1),
        ] {
            let mut s = Suite::new().with_standard_oracles().build();
            setup(&mut s);
            let d = s.mint_agrees_with_check(minter, BOND, amount);
            if d.allowed {
                allowed += 1;
            }
            assert_eq!(d.allowed, d.reasons.is_empty(), "{name}");
        }
    }
    // Only the cleared fixture with the issuer minting a valid amount passes.
    assert_eq!(allowed, 1);
}

#[test]
fn send_delivers_the_exact_cw20_receive_message() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "alice", 100).unwrap();
    let receiver = s.receiver();
    let payload = to_json_binary(&"deposit").unwrap();
    s.exec_token(
        "alice",
        BOND,
        &TokenMsg::Send {
            contract: receiver.to_string(),
            amount: Uint128::new(40),
            msg: payload.clone(),
        },
    )
    .unwrap();
    let received: Vec<Cw20ReceiveMsg> = s
        .query_contract(&receiver, &receiver::QueryMsg::Received {})
        .unwrap();
    assert_eq!(
        received,
        vec![Cw20ReceiveMsg {
            sender: s.addr("alice").to_string(),
            amount: Uint128::new(40),
            msg: payload,
        }]
    );
    // A receiver that fails rolls the whole send back.
    let res = s.exec_token(
        "alice",
        BOND,
        &TokenMsg::Send {
            contract: receiver.to_string(),
            amount: Uint128::new(10),
            msg: Binary::from(b"fail"),
        },
    );
    assert!(res.is_err());
    assert_eq!(s.balance(BOND, "alice"), 60);
    assert_eq!(s.balance_of(BOND, &receiver), 40);
}

#[test]
fn allowances_follow_cw20_semantics() {
    let mut s = cleared_suite();
    s.mint("issuer", BOND, "alice", 100).unwrap();
    let (alice, bob) = (s.addr("alice").to_string(), s.addr("bob").to_string());
    let expires = Expiration::AtHeight(s.block_info().height + 10);
    s.exec_token(
        "alice",
        BOND,
        &TokenMsg::IncreaseAllowance {
            spender: bob.clone(),
            amount: Uint128::new(30),
            expires: Some(expires),
        },
    )
    .unwrap();
    let allowance: AllowanceResponse = s.query_token(
        BOND,
        &rwa_gate::token::QueryMsg::Allowance {
            owner: alice.clone(),
            spender: bob.clone(),
        },
    );
    assert_eq!(
        allowance,
        AllowanceResponse {
            allowance: Uint128::new(30),
            expires
        }
    );
    s.exec_token(
        "bob",
        BOND,
        &TokenMsg::TransferFrom {
            owner: alice.clone(),
            recipient: bob.clone(),
            amount: Uint128::new(20),
        },
    )
    .unwrap();
    assert!(s
        .exec_token(
            "bob",
            BOND,
            &TokenMsg::TransferFrom {
                owner: alice.clone(),
                recipient: bob.clone(),
                amount: Uint128::new(11),
            },
        )
        .is_err());
    s.advance(3_600);
    assert_fails(
        s.exec_token(
            "bob",
            BOND,
            &TokenMsg::TransferFrom {
                owner: alice,
                recipient: bob,
                amount: Uint128::new(1),
            },
        ),
        gated_token::ContractError::Expired {},
    );
    assert_eq!((s.balance(BOND, "alice"), s.balance(BOND, "bob")), (80, 20));
}

#[test]
fn a_failed_mint_changes_nothing() {
    let mut s = Suite::new().with_standard_oracles().build();
    let token = s.token(BOND);
    let before_token = s.storage(&token);
    let before_registry = s.storage(&s.registry);
    assert!(s.mint("issuer", BOND, "holder", 1).is_err());
    assert_eq!(s.storage(&token), before_token);
    assert_eq!(s.storage(&s.registry), before_registry);
    // The same for a failed burn of tokens the sender does not have.
    assert!(s.burn("stranger", BOND, 1).is_err());
    assert_eq!(s.storage(&token), before_token);
}

#[test]
fn retiring_an_asset_frees_its_entity_slots() {
    let mut s = Suite::new().with_standard_oracles().build();
    // `bond` already links `acme`; fill its remaining slots.
    let limit = rwa_gate::types::MAX_ASSETS_PER_ENTITY;
    for i in 1..limit {
        s.register_asset(&format!("series-{i}"), ACME, &[]).unwrap();
    }
    assert_fails(
        s.register_asset("one-too-many", ACME, &[]),
        RegistryError::EntityAssetLimit { id: ACME.into() },
    );
    s.exec(
        "issuer",
        &ExecuteMsg::RetireAsset {
            asset: "series-1".into(),
        },
    )
    .unwrap();
    s.register_asset("one-too-many", ACME, &[]).unwrap();
    // A flag on the entity still reaches every live asset linked to it.
    let res = s
        .exec(
            "watcher",
            &ExecuteMsg::RaiseFlag {
                subject: Subject::Entity(ACME.into()),
                reason: FlagReason::NationalSecurity,
                evidence: evidence("finding"),
            },
        )
        .unwrap();
    assert_eq!(
        res.attr("assets_recomputed").map(String::from),
        Some(limit.to_string())
    );
}

#[test]
fn a_removed_oracles_vote_does_not_come_back_with_it() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor-1", FLAGS)
        .with_oracle("auditor-2", FLAGS)
        .build();
    let flag = s
        .raise_flag(
            "watcher",
            Subject::Asset(BOND.into()),
            FlagReason::NegativeList,
        )
        .unwrap();
    s.clear_flag("auditor-1", flag).unwrap();
    let auditor = s.addr("auditor-1").to_string();
    s.exec_owner(&ExecuteMsg::RemoveOracle {
        address: auditor.clone(),
    })
    .unwrap();
    s.exec_owner(&ExecuteMsg::AddOracle {
        address: auditor,
        scopes: FLAGS,
    })
    .unwrap();
    // The old vote stays in the history but does not count: auditor-2 alone is not a quorum.
    s.clear_flag("auditor-2", flag).unwrap();
    assert_eq!(s.flag(flag).status, rwa_gate::FlagStatus::Active);
    assert_eq!(s.flag(flag).clear_votes.len(), 2);
    // Re-enrolled, auditor-1 may vote anew, and that vote completes the quorum.
    s.clear_flag("auditor-1", flag).unwrap();
    assert_eq!(s.flag(flag).status, rwa_gate::FlagStatus::Cleared);
}

#[test]
fn the_owner_removes_a_revoked_issuers_minting_power() {
    let mut s = cleared_suite();
    let issuer = s.addr("issuer");
    s.exec_owner(&ExecuteMsg::RevokeIssuer {
        address: issuer.clone(),
    })
    .unwrap();
    // Revocation stops new registrations; the owner takes the issuer off its asset's minters.
    s.exec_owner(&ExecuteMsg::RemoveMinter {
        asset: BOND.into(),
        minter: issuer,
    })
    .unwrap();
    let issuer_addr = s.address("issuer");
    assert_refused(
        s.mint("issuer", BOND, "holder", 1),
        vec![Denial::NotMinter {
            address: issuer_addr,
        }],
    );
}

#[test]
fn negative_list_versions_go_one_at_a_time() {
    let mut s = Suite::new().with_standard_oracles().build();
    let publish = |version| ExecuteMsg::PublishNegativeList {
        version,
        digest: digest("list"),
    };
    // A jump (to u64::MAX, say) would block every later update for good.
    assert_fails(
        s.exec("screener", &publish(u64::MAX)),
        RegistryError::NegativeListVersionNotNext { current: 1 },
    );
    s.exec("screener", &publish(2)).unwrap();
    assert_eq!(s.negative_list_version(), 2);
}

#[test]
fn a_suspended_oracles_vote_does_not_complete_a_quorum() {
    let mut s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor-1", FLAGS)
        .with_oracle("auditor-2", FLAGS)
        .build();
    let flag = s
        .raise_flag(
            "watcher",
            Subject::Asset(BOND.into()),
            FlagReason::NegativeList,
        )
        .unwrap();
    s.clear_flag("auditor-1", flag).unwrap();
    let auditor = s.addr("auditor-1").to_string();
    s.exec_owner(&ExecuteMsg::SuspendOracle { address: auditor })
        .unwrap();
    s.clear_flag("auditor-2", flag).unwrap();
    assert_eq!(s.flag(flag).status, rwa_gate::FlagStatus::Active);
}
