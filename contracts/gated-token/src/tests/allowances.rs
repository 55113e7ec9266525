//! Allowances and the spender's paths, with cw20-base semantics.

use cosmwasm_std::{Binary, Uint128};
use rwa_gate::cw20::{
    AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo, AllowanceResponse,
    Cw20ReceiveMsg, Expiration, SpenderAllowanceInfo,
};
use rwa_gate::token::{AssetInfoResponse, ExecuteMsg, QueryMsg};

use super::*;
use crate::state::{ALLOWANCES, ALLOWANCES_SPENDER};

fn increase(
    deps: &mut TestDeps,
    env: &Env,
    owner: &str,
    spender: &str,
    amount: u128,
    expires: Option<Expiration>,
) -> Result<cosmwasm_std::Response, ContractError> {
    let spender = addr(deps, spender).into_string();
    exec(
        deps,
        env,
        owner,
        ExecuteMsg::IncreaseAllowance {
            spender,
            amount: Uint128::new(amount),
            expires,
        },
    )
}

fn decrease(
    deps: &mut TestDeps,
    env: &Env,
    owner: &str,
    spender: &str,
    amount: u128,
    expires: Option<Expiration>,
) -> Result<cosmwasm_std::Response, ContractError> {
    let spender = addr(deps, spender).into_string();
    exec(
        deps,
        env,
        owner,
        ExecuteMsg::DecreaseAllowance {
            spender,
            amount: Uint128::new(amount),
            expires,
        },
    )
}

fn allowance(deps: &TestDeps, env: &Env, owner: &str, spender: &str) -> AllowanceResponse {
    let owner = addr(deps, owner).into_string();
    let spender = addr(deps, spender).into_string();
    q(deps, env, QueryMsg::Allowance { owner, spender })
}

/// Both maps hold the same record, or neither holds one.
fn assert_maps_agree(deps: &TestDeps, owner: &str, spender: &str) {
    let (o, s) = (addr(deps, owner), addr(deps, spender));
    let a = ALLOWANCES.may_load(&deps.storage, (&o, &s)).unwrap();
    let b = ALLOWANCES_SPENDER
        .may_load(&deps.storage, (&s, &o))
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn increase_and_decrease_keep_both_maps() {
    let (mut deps, env) = setup();
    let exp = Expiration::AtHeight(env.block.height + 100);
    let res = increase(&mut deps, &env, "alice", "bob", 50, Some(exp)).unwrap();
    assert_eq!(attr(&res, "action"), "increase_allowance");
    assert_eq!(attr(&res, "owner"), addr(&deps, "alice").as_str());
    assert_eq!(attr(&res, "spender"), addr(&deps, "bob").as_str());
    assert_eq!(
        allowance(&deps, &env, "alice", "bob"),
        AllowanceResponse {
            allowance: Uint128::new(50),
            expires: exp
        }
    );
    assert_maps_agree(&deps, "alice", "bob");

    // Increase without expiry keeps the old one.
    increase(&mut deps, &env, "alice", "bob", 10, None).unwrap();
    assert_eq!(
        allowance(&deps, &env, "alice", "bob"),
        AllowanceResponse {
            allowance: Uint128::new(60),
            expires: exp
        }
    );

    let exp2 = Expiration::AtTime(env.block.time.plus_seconds(60));
    decrease(&mut deps, &env, "alice", "bob", 20, Some(exp2)).unwrap();
    assert_eq!(
        allowance(&deps, &env, "alice", "bob"),
        AllowanceResponse {
            allowance: Uint128::new(40),
            expires: exp2
        }
    );
    assert_maps_agree(&deps, "alice", "bob");

    // Below zero removes the allowance from both maps.
    decrease(&mut deps, &env, "alice", "bob", 1_000, None).unwrap();
    assert_eq!(
        allowance(&deps, &env, "alice", "bob"),
        AllowanceResponse::default()
    );
    let (o, s) = (addr(&deps, "alice"), addr(&deps, "bob"));
    assert!(!ALLOWANCES.has(&deps.storage, (&o, &s)));
    assert!(!ALLOWANCES_SPENDER.has(&deps.storage, (&s, &o)));
}

#[test]
fn allowance_refusals() {
    let (mut deps, env) = setup();
    let err = increase(&mut deps, &env, "alice", "alice", 5, None).unwrap_err();
    assert!(matches!(err, ContractError::CannotSetOwnAccount {}));
    let err = decrease(&mut deps, &env, "alice", "alice", 5, None).unwrap_err();
    assert!(matches!(err, ContractError::CannotSetOwnAccount {}));

    let past = Expiration::AtHeight(env.block.height);
    let err = increase(&mut deps, &env, "alice", "bob", 5, Some(past)).unwrap_err();
    assert!(matches!(err, ContractError::InvalidExpiration {}));
    let past = Expiration::AtTime(env.block.time);
    let err = increase(&mut deps, &env, "alice", "bob", 5, Some(past)).unwrap_err();
    assert!(matches!(err, ContractError::InvalidExpiration {}));
    assert_eq!(
        allowance(&deps, &env, "alice", "bob"),
        AllowanceResponse::default()
    );

    let err = decrease(&mut deps, &env, "alice", "bob", 5, None).unwrap_err();
    assert!(matches!(err, ContractError::NoAllowance {}));

    increase(&mut deps, &env, "alice", "bob", 10, None).unwrap();
    let err = decrease(&mut deps, &env, "alice", "bob", 5, Some(past)).unwrap_err();
    assert!(matches!(err, ContractError::InvalidExpiration {}));
    assert_eq!(allowance(&deps, &env, "alice", "bob").allowance.u128(), 10);

    let err = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::IncreaseAllowance {
            spender: "bob".into(),
            amount: Uint128::new(1),
            expires: None,
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Std(_)));
}

#[test]
fn transfer_from_spends_allowance() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    let owner = addr(&deps, "alice").into_string();
    let carol = addr(&deps, "carol").into_string();
    let msg = |amount: u128| ExecuteMsg::TransferFrom {
        owner: owner.clone(),
        recipient: carol.clone(),
        amount: Uint128::new(amount),
    };

    let err = exec(&mut deps, &env, "bob", msg(10)).unwrap_err();
    assert!(matches!(err, ContractError::NoAllowance {}));

    increase(&mut deps, &env, "alice", "bob", 30, None).unwrap();
    let err = exec(&mut deps, &env, "bob", msg(0)).unwrap_err();
    assert!(matches!(err, ContractError::InvalidZeroAmount {}));
    let err = exec(&mut deps, &env, "bob", msg(31)).unwrap_err();
    assert!(matches!(err, ContractError::Overflow(_)));

    let res = exec(&mut deps, &env, "bob", msg(20)).unwrap();
    assert_eq!(attr(&res, "action"), "transfer_from");
    assert!(
        res.attributes.iter().all(|a| a.key != "asset"),
        "a transfer reads no route"
    );
    assert_eq!(attr(&res, "from"), owner);
    assert_eq!(attr(&res, "to"), carol);
    assert_eq!(attr(&res, "by"), addr(&deps, "bob").as_str());
    assert_eq!(attr(&res, "amount"), "20");
    assert_eq!(balance(&deps, &env, "alice"), 80);
    assert_eq!(balance(&deps, &env, "carol"), 20);
    assert_eq!(allowance(&deps, &env, "alice", "bob").allowance.u128(), 10);
    assert_maps_agree(&deps, "alice", "bob");

    // Allowance larger than the balance: the balance is the limit.
    increase(&mut deps, &env, "alice", "bob", 1_000, None).unwrap();
    let err = exec(&mut deps, &env, "bob", msg(81)).unwrap_err();
    assert!(matches!(err, ContractError::Overflow(_)));
    assert_eq!(balance(&deps, &env, "alice"), 80);
}

#[test]
fn expired_allowance_is_refused() {
    let (mut deps, mut env) = setup_with(&[("alice", 100)]);
    increase(
        &mut deps,
        &env,
        "alice",
        "bob",
        50,
        Some(Expiration::AtHeight(env.block.height + 1)),
    )
    .unwrap();
    env.block.height += 1;
    let owner = addr(&deps, "alice").into_string();
    let carol = addr(&deps, "carol").into_string();
    let err = exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::TransferFrom {
            owner: owner.clone(),
            recipient: carol,
            amount: Uint128::new(1),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Expired {}));
    let err = exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::BurnFrom {
            owner,
            amount: Uint128::new(1),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Expired {}));
    assert_eq!(balance(&deps, &env, "alice"), 100);
}

#[test]
fn send_from_tells_receiver_the_spender() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    increase(&mut deps, &env, "alice", "bob", 50, None).unwrap();
    let owner = addr(&deps, "alice").into_string();
    let pool = addr(&deps, "pool").into_string();
    let payload = Binary::from(b"{}".to_vec());
    let res = exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::SendFrom {
            owner: owner.clone(),
            contract: pool.clone(),
            amount: Uint128::new(40),
            msg: payload.clone(),
        },
    )
    .unwrap();
    let expected = Cw20ReceiveMsg {
        sender: addr(&deps, "bob").into_string(),
        amount: Uint128::new(40),
        msg: payload,
    }
    .into_cosmos_msg(pool.clone())
    .unwrap();
    assert_eq!(res.messages.len(), 1);
    assert_eq!(res.messages[0].msg, expected);
    assert_eq!(attr(&res, "action"), "send_from");
    assert_eq!(attr(&res, "from"), owner);
    assert_eq!(attr(&res, "to"), pool);
    assert_eq!(attr(&res, "by"), addr(&deps, "bob").as_str());
    assert_eq!(balance(&deps, &env, "pool"), 40);
    assert_eq!(allowance(&deps, &env, "alice", "bob").allowance.u128(), 10);

    let err = exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::SendFrom {
            owner,
            contract: pool,
            amount: Uint128::new(11),
            msg: Binary::default(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Overflow(_)));
}

#[test]
fn burn_from_lowers_supply_not_minted() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    increase(&mut deps, &env, "alice", "bob", 50, None).unwrap();
    let owner = addr(&deps, "alice").into_string();
    let res = exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::BurnFrom {
            owner: owner.clone(),
            amount: Uint128::new(30),
        },
    )
    .unwrap();
    assert_eq!(attr(&res, "action"), "burn_from");
    assert_eq!(attr(&res, "from"), owner);
    assert_eq!(attr(&res, "by"), addr(&deps, "bob").as_str());
    assert_eq!(balance(&deps, &env, "alice"), 70);
    let info: AssetInfoResponse = q(&deps, &env, QueryMsg::AssetInfo {});
    assert_eq!(info.total_supply, Uint128::new(70));
    assert_eq!(info.minted, Uint128::new(100));
    assert_eq!(allowance(&deps, &env, "alice", "bob").allowance.u128(), 20);

    let err = exec(
        &mut deps,
        &env,
        "bob",
        ExecuteMsg::BurnFrom {
            owner,
            amount: Uint128::zero(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::InvalidZeroAmount {}));
}

#[test]
fn allowance_listings_paginate() {
    let (mut deps, env) = setup();
    let spenders = ["s1", "s2", "s3"];
    for (i, s) in spenders.iter().enumerate() {
        increase(&mut deps, &env, "alice", s, 10 + i as u128, None).unwrap();
    }
    // A second owner for the same spender, for the spender-side listing.
    increase(&mut deps, &env, "dave", "s1", 7, None).unwrap();

    let mut expected: Vec<AllowanceInfo> = spenders
        .iter()
        .enumerate()
        .map(|(i, s)| AllowanceInfo {
            spender: addr(&deps, s).into_string(),
            allowance: Uint128::new(10 + i as u128),
            expires: Expiration::Never {},
        })
        .collect();
    expected.sort_by(|a, b| a.spender.cmp(&b.spender));

    let owner = addr(&deps, "alice").into_string();
    let page1: AllAllowancesResponse = q(
        &deps,
        &env,
        QueryMsg::AllAllowances {
            owner: owner.clone(),
            start_after: None,
            limit: Some(2),
        },
    );
    assert_eq!(page1.allowances, expected[..2]);
    let page2: AllAllowancesResponse = q(
        &deps,
        &env,
        QueryMsg::AllAllowances {
            owner,
            start_after: Some(expected[1].spender.clone()),
            limit: None,
        },
    );
    assert_eq!(page2.allowances, expected[2..]);

    let mut by_spender = [
        SpenderAllowanceInfo {
            owner: addr(&deps, "alice").into_string(),
            allowance: Uint128::new(10),
            expires: Expiration::Never {},
        },
        SpenderAllowanceInfo {
            owner: addr(&deps, "dave").into_string(),
            allowance: Uint128::new(7),
            expires: Expiration::Never {},
        },
    ];
    by_spender.sort_by(|a, b| a.owner.cmp(&b.owner));
    let spender = addr(&deps, "s1").into_string();
    let page1: AllSpenderAllowancesResponse = q(
        &deps,
        &env,
        QueryMsg::AllSpenderAllowances {
            spender: spender.clone(),
            start_after: None,
            limit: Some(1),
        },
    );
    assert_eq!(page1.allowances, by_spender[..1]);
    let page2: AllSpenderAllowancesResponse = q(
        &deps,
        &env,
        QueryMsg::AllSpenderAllowances {
            spender,
            start_after: Some(by_spender[0].owner.clone()),
            limit: Some(10),
        },
    );
    assert_eq!(page2.allowances, by_spender[1..]);
}
