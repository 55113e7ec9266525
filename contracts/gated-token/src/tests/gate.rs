//! The paths that read the registry: gated mint, frozen transfers, the Minter query.

use cosmwasm_std::{Binary, Uint128};
use rwa_gate::cw20::MinterResponse;
use rwa_gate::policy::Blocker;
use rwa_gate::token::{AssetInfoResponse, ExecuteMsg, QueryMsg};
use rwa_gate::{Denial, FlagReason, Gate, Subject};

use super::*;

fn mint(
    deps: &mut TestDeps,
    env: &Env,
    sender: &str,
    to: &str,
    amount: u128,
) -> Result<cosmwasm_std::Response, ContractError> {
    let recipient = addr(deps, to).into_string();
    exec(
        deps,
        env,
        sender,
        ExecuteMsg::Mint {
            recipient,
            amount: Uint128::new(amount),
        },
    )
}

fn denial(err: ContractError) -> Vec<Denial> {
    match err {
        ContractError::IssuanceDenied { reasons } => reasons,
        other => panic!("expected IssuanceDenied, got {other:?}"),
    }
}

fn with_view(deps: &mut TestDeps, env: &Env, edit: impl FnOnce(&mut RegistryView)) {
    let mut view = RegistryView {
        gate: Some(Gate::default()),
        clearance: Some(clean_clearance(deps, env)),
    };
    edit(&mut view);
    set_registry(deps, view);
}

#[test]
fn mint_emits_receipt_naming_attestations() {
    let (mut deps, env) = setup();
    with_view(&mut deps, &env, |v| {
        let c = v.clearance.as_mut().unwrap();
        c.filing.attestations = vec![3, 5];
        c.filing.need = 2;
    });
    let res = mint(&mut deps, &env, "minter", "alice", 300).unwrap();
    let attrs: Vec<(&str, &str)> = res
        .attributes
        .iter()
        .map(|a| (a.key.as_str(), a.value.as_str()))
        .collect();
    let alice = addr(&deps, "alice");
    assert_eq!(
        attrs,
        vec![
            ("action", "mint"),
            ("asset", ASSET),
            ("to", alice.as_str()),
            ("amount", "300"),
            ("minted", "300"),
            ("filings", "3,5"),
            ("screenings", "12"),
        ]
    );
    mint(&mut deps, &env, "minter", "alice", 200).unwrap();
    assert_eq!(balance(&deps, &env, "alice"), 500);
    let info: AssetInfoResponse = q(&deps, &env, QueryMsg::AssetInfo {});
    assert_eq!(info.minted, Uint128::new(500));
    assert_eq!(info.total_supply, Uint128::new(500));
}

#[test]
fn mint_by_stranger_or_of_zero_is_denied_by_evaluate() {
    let (mut deps, env) = setup();
    let err = mint(&mut deps, &env, "stranger", "alice", 10).unwrap_err();
    assert_eq!(
        denial(err),
        vec![Denial::NotMinter {
            address: addr(&deps, "stranger")
        }]
    );
    let err = mint(&mut deps, &env, "minter", "alice", 0).unwrap_err();
    assert_eq!(denial(err), vec![Denial::ZeroAmount]);
    assert_eq!(balance(&deps, &env, "alice"), 0);
}

#[test]
fn cap_is_cumulative_and_burns_do_not_free_room() {
    let (mut deps, env) = setup();
    mint(&mut deps, &env, "minter", "alice", APPROVED).unwrap();
    exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Burn {
            amount: Uint128::new(100),
        },
    )
    .unwrap();
    let err = mint(&mut deps, &env, "minter", "alice", 1).unwrap_err();
    assert_eq!(
        denial(err),
        vec![Denial::CapExceeded {
            cap: Uint128::new(APPROVED),
            minted: Uint128::new(APPROVED),
            requested: Uint128::new(1),
        }]
    );
    let err = mint(&mut deps, &env, "minter", "alice", u128::MAX).unwrap_err();
    assert!(matches!(denial(err)[..], [Denial::CapExceeded { .. }]));
}

#[test]
fn every_reason_is_reported_and_rendered() {
    let (mut deps, mut env) = setup();
    with_view(&mut deps, &env, |v| {
        v.gate = Some(Gate {
            paused: true,
            epoch: 1,
        });
        let c = v.clearance.as_mut().unwrap();
        c.pending_report = Some(4);
        c.blockers = vec![Blocker {
            flag: 9,
            subject: Subject::Asset(ASSET.into()),
            reason: FlagReason::OwnershipDispute,
            lapses_at: None,
        }];
    });
    // Past the screening's expiry (now + 500) but not the filing's (now + 1000).
    let expiry = Timestamp::from_seconds(env.block.time.seconds() + 500);
    env.block.time = env.block.time.plus_seconds(600);
    let err = mint(&mut deps, &env, "minter", "alice", 10).unwrap_err();
    let text = err.to_string();
    let reasons = denial(err);
    assert_eq!(
        reasons,
        vec![
            Denial::IssuancePaused,
            Denial::ClearanceStale {
                epoch: 0,
                current: 1
            },
            Denial::SignificantMatterPending { report: 4 },
            Denial::ScreeningExpired { at: expiry },
            Denial::Flagged {
                flag: 9,
                subject: Subject::Asset(ASSET.into()),
                reason: FlagReason::OwnershipDispute,
            },
        ]
    );
    assert_eq!(
        text,
        format!("issuance denied: {}", rwa_gate::policy::describe(&reasons))
    );
}

#[test]
fn token_other_than_the_clearance_names_is_denied() {
    let (mut deps, env) = setup();
    let other = addr(&deps, "other-token");
    with_view(&mut deps, &env, |v| {
        v.clearance.as_mut().unwrap().token = other.clone();
    });
    let err = mint(&mut deps, &env, "minter", "alice", 10).unwrap_err();
    assert_eq!(denial(err), vec![Denial::WrongToken { token: other }]);
}

#[test]
fn missing_records_fail_closed() {
    let (mut deps, env) = setup();
    with_view(&mut deps, &env, |v| v.clearance = None);
    let err = mint(&mut deps, &env, "minter", "alice", 10).unwrap_err();
    assert_eq!(denial(err), vec![Denial::UnknownAsset]);

    with_view(&mut deps, &env, |v| v.gate = None);
    let err = mint(&mut deps, &env, "minter", "alice", 10).unwrap_err();
    assert!(matches!(err, ContractError::RegistryUnreadable {}));
    assert_eq!(balance(&deps, &env, "alice"), 0);
}

#[test]
fn mint_rejects_bad_recipient_and_funds() {
    let (mut deps, env) = setup();
    let err = exec(
        &mut deps,
        &env,
        "minter",
        ExecuteMsg::Mint {
            recipient: "alice".into(),
            amount: Uint128::new(1),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Std(_)));
    let minter = addr(&deps, "minter");
    let recipient = addr(&deps, "alice").into_string();
    let err = crate::contract::execute(
        deps.as_mut(),
        env.clone(),
        cosmwasm_std::testing::message_info(&minter, &cosmwasm_std::coins(1, "uosmo")),
        ExecuteMsg::Mint {
            recipient,
            amount: Uint128::new(1),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Payment(_)));
}

#[test]
fn freezing_flags_stop_transfers_only() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    let bob_addr = addr(&deps, "bob").into_string();
    exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::IncreaseAllowance {
            spender: bob_addr,
            amount: Uint128::new(50),
            expires: None,
        },
    )
    .unwrap();
    freeze(&mut deps, &env, &[7, 8]);
    let bob = addr(&deps, "bob").into_string();

    let alice = addr(&deps, "alice").into_string();
    let carol = addr(&deps, "carol").into_string();
    let frozen = [
        ExecuteMsg::Transfer {
            recipient: carol.clone(),
            amount: Uint128::new(1),
        },
        ExecuteMsg::Send {
            contract: carol.clone(),
            amount: Uint128::new(1),
            msg: Binary::default(),
        },
    ];
    for msg in frozen {
        let err = exec(&mut deps, &env, "alice", msg).unwrap_err();
        assert!(
            matches!(err, ContractError::TransfersFrozen { ref asset, ref flags }
                if asset == ASSET && flags == &vec![7, 8]),
            "{err:?}"
        );
    }
    let frozen_from = [
        ExecuteMsg::TransferFrom {
            owner: alice.clone(),
            recipient: carol.clone(),
            amount: Uint128::new(1),
        },
        ExecuteMsg::SendFrom {
            owner: alice.clone(),
            contract: carol.clone(),
            amount: Uint128::new(1),
            msg: Binary::default(),
        },
    ];
    for msg in frozen_from {
        let err = exec(&mut deps, &env, "bob", msg).unwrap_err();
        assert!(
            matches!(err, ContractError::TransfersFrozen { ref asset, ref flags }
                if asset == ASSET && flags == &vec![7, 8]),
            "{err:?}"
        );
    }
    assert_eq!(balance(&deps, &env, "alice"), 100);

    // Burns and allowance changes go on.
    exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Burn {
            amount: Uint128::new(5),
        },
    )
    .unwrap();
    exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::BurnFrom {
            owner: alice,
            amount: Uint128::new(5),
        },
    )
    .unwrap();
    exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::DecreaseAllowance {
            spender: bob,
            amount: Uint128::new(10),
            expires: None,
        },
    )
    .unwrap();
    assert_eq!(balance(&deps, &env, "alice"), 90);

    // The registry lifts it with an empty list.
    freeze(&mut deps, &env, &[]);
    exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Transfer {
            recipient: carol,
            amount: Uint128::new(1),
        },
    )
    .unwrap();
    assert_eq!(balance(&deps, &env, "carol"), 1);
}

#[test]
fn transfers_read_nothing_of_the_registry() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    // Every wasm query fails: a transfer does not ask the registry, the freeze is the token's.
    deps.querier
        .update_wasm(|_| cosmwasm_std::SystemResult::Err(cosmwasm_std::SystemError::Unknown {}));
    let carol = addr(&deps, "carol").into_string();
    exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Transfer {
            recipient: carol,
            amount: Uint128::new(1),
        },
    )
    .unwrap();
    assert_eq!(balance(&deps, &env, "carol"), 1);
}

#[test]
fn only_the_registry_sets_the_freeze_and_within_the_flag_bound() {
    let (mut deps, env) = setup();
    for sender in ["issuer", "minter", "alice"] {
        let err = exec(
            &mut deps,
            &env,
            sender,
            ExecuteMsg::UpdateFreeze { flags: vec![1] },
        )
        .unwrap_err();
        assert!(matches!(err, ContractError::Unauthorized {}), "{err:?}");
    }
    let too_many = (1..=rwa_gate::MAX_ACTIVE_FLAGS_PER_SUBJECT as u64 + 1).collect();
    let err = exec(
        &mut deps,
        &env,
        "registry",
        ExecuteMsg::UpdateFreeze { flags: too_many },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::TooManyFlags {}), "{err:?}");
    assert_eq!(
        crate::state::TransferRules::load(&deps.storage)
            .unwrap()
            .frozen,
        Vec::<u64>::new()
    );
    let res = exec(
        &mut deps,
        &env,
        "registry",
        ExecuteMsg::UpdateFreeze { flags: vec![4] },
    )
    .unwrap();
    assert_eq!(attr(&res, "flags"), "4");
    assert_eq!(
        crate::state::TransferRules::load(&deps.storage)
            .unwrap()
            .frozen,
        vec![4]
    );
}

#[test]
fn minter_query_reports_issuer_and_cap() {
    let (mut deps, env) = setup();
    let r: MinterResponse = q(&deps, &env, QueryMsg::Minter {});
    assert_eq!(
        r,
        MinterResponse {
            minter: addr(&deps, "issuer").into_string(),
            cap: Some(Uint128::new(APPROVED)),
        }
    );
    with_view(&mut deps, &env, |v| v.clearance = None);
    let r: MinterResponse = q(&deps, &env, QueryMsg::Minter {});
    assert_eq!(r.cap, Some(Uint128::zero()));
    with_view(&mut deps, &env, |v| v.gate = None);
    let r: MinterResponse = q(&deps, &env, QueryMsg::Minter {});
    assert_eq!(r.cap, None);
}

/// A v0.1.0 token migrates after its registry, never before: until the registry is migrated it
/// keeps no binary gate and would never push a freeze, so the token refuses and stays as it was.
#[test]
fn a_legacy_token_migrates_only_after_its_registry() {
    use crate::state::{LegacyTokenState, TransferRules, LEGACY_TOKEN_STATE, TOKEN_ROUTE};
    use cosmwasm_std::{Order, Storage};

    let mut deps = cosmwasm_std::testing::mock_dependencies();
    let env = cosmwasm_std::testing::mock_env();
    let registry = addr(&deps, "registry");
    let issuer = addr(&deps, "issuer");
    cw2::set_contract_version(&mut deps.storage, crate::CONTRACT_NAME, "0.1.0").unwrap();
    LEGACY_TOKEN_STATE
        .save(
            &mut deps.storage,
            &LegacyTokenState {
                name: "Bond 2026".into(),
                symbol: "BOND".into(),
                decimals: 6,
                total_supply: Uint128::new(70),
                minted: Uint128::new(100),
                asset: ASSET.into(),
                registry: registry.clone(),
                issuer,
            },
        )
        .unwrap();
    let dump = |s: &dyn Storage| s.range(None, None, Order::Ascending).collect::<Vec<_>>();
    let before = dump(&deps.storage);

    // The registry is still v0.1.0: no binary gate.
    set_registry(
        &mut deps,
        RegistryView {
            gate: None,
            clearance: None,
        },
    );
    let err = crate::contract::migrate(deps.as_mut(), env.clone(), rwa_gate::token::MigrateMsg {})
        .unwrap_err();
    assert!(
        matches!(err, ContractError::RegistryNotMigrated {}),
        "{err:?}"
    );
    assert_eq!(dump(&deps.storage), before);

    // Once it is, the record is split (the registry holds no freeze of this asset here).
    set_registry(
        &mut deps,
        RegistryView {
            gate: Some(Gate::default()),
            clearance: None,
        },
    );
    crate::contract::migrate(deps.as_mut(), env, rwa_gate::token::MigrateMsg {}).unwrap();
    assert_eq!(TOKEN_ROUTE.load(&deps.storage).unwrap().asset, ASSET);
    let supply = crate::state::Supply::load(&deps.storage).unwrap();
    assert_eq!((supply.total.u128(), supply.minted.u128()), (70, 100));
    assert_eq!(
        TransferRules::load(&deps.storage).unwrap(),
        TransferRules::default()
    );
    assert_eq!(deps.storage.get(crate::state::TRANSFER_RULES_KEY), None);
    assert!(LEGACY_TOKEN_STATE
        .may_load(&deps.storage)
        .unwrap()
        .is_none());
}
