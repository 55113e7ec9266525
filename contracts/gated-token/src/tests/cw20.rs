//! cw20 mechanics of the holder: instantiate, transfer, send, burn, listings, migrate.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::{coins, from_json, Binary, CosmosMsg, Uint128, WasmMsg};
use rwa_gate::cw20::{AllAccountsResponse, Cw20ReceiveMsg, TokenInfoResponse};
use rwa_gate::token::{AssetInfoResponse, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};
use rwa_gate::validate::InvalidInput;

use super::*;
use crate::contract::migrate;
use crate::{CONTRACT_NAME, CONTRACT_VERSION};

fn init_msg(deps: &TestDeps) -> InstantiateMsg {
    InstantiateMsg {
        name: "Bond 2026".into(),
        symbol: "BOND".into(),
        decimals: 6,
        asset: ASSET.into(),
        issuer: addr(deps, "issuer").into_string(),
        terms: None,
    }
}

#[test]
fn instantiate_records_registry_as_sender() {
    let (deps, env) = setup();
    let info: TokenInfoResponse = q(&deps, &env, QueryMsg::TokenInfo {});
    assert_eq!(
        info,
        TokenInfoResponse {
            name: "Bond 2026".into(),
            symbol: "BOND".into(),
            decimals: 6,
            total_supply: Uint128::zero(),
        }
    );
    let asset: AssetInfoResponse = q(&deps, &env, QueryMsg::AssetInfo {});
    assert_eq!(
        asset,
        AssetInfoResponse {
            asset: ASSET.into(),
            registry: addr(&deps, "registry"),
            issuer: addr(&deps, "issuer"),
            minted: Uint128::zero(),
            total_supply: Uint128::zero(),
        }
    );
    let v = cw2::get_contract_version(&deps.storage).unwrap();
    assert_eq!(
        (v.contract.as_str(), v.version.as_str()),
        (CONTRACT_NAME, CONTRACT_VERSION)
    );
}

#[test]
fn instantiate_rejects_bad_input_and_funds() {
    let mut deps = mock_dependencies();
    let registry = addr(&deps, "registry");
    let info = message_info(&registry, &[]);

    let msg = init_msg(&deps);
    let err = instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&registry, &coins(1, "uosmo")),
        msg,
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Payment(_)));

    let mut msg = init_msg(&deps);
    msg.symbol = "B1".into();
    let err = instantiate(deps.as_mut(), mock_env(), info.clone(), msg).unwrap_err();
    assert!(matches!(
        err,
        ContractError::InvalidInput(InvalidInput::TokenSymbol)
    ));

    let mut msg = init_msg(&deps);
    msg.asset = "Bad Asset".into();
    let err = instantiate(deps.as_mut(), mock_env(), info.clone(), msg).unwrap_err();
    assert!(matches!(
        err,
        ContractError::InvalidInput(InvalidInput::Id {
            field: "asset id",
            ..
        })
    ));

    let mut msg = init_msg(&deps);
    msg.issuer = "not-an-address".into();
    let err = instantiate(deps.as_mut(), mock_env(), info, msg).unwrap_err();
    assert!(matches!(err, ContractError::Std(_)));
    // Nothing was stored by any refused attempt.
    assert!(crate::state::TOKEN_ROUTE
        .may_load(&deps.storage)
        .unwrap()
        .is_none());
    use cosmwasm_std::Storage;
    assert_eq!(
        deps.storage
            .range(None, None, cosmwasm_std::Order::Ascending)
            .count(),
        0
    );
}

#[test]
fn transfer_moves_balance_and_reports() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    let bob = addr(&deps, "bob").into_string();
    let res = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Transfer {
            recipient: bob.clone(),
            amount: Uint128::new(30),
        },
    )
    .unwrap();
    assert_eq!(attr(&res, "action"), "transfer");
    assert!(
        res.attributes.iter().all(|a| a.key != "asset"),
        "a transfer reads no route"
    );
    assert_eq!(attr(&res, "from"), addr(&deps, "alice").as_str());
    assert_eq!(attr(&res, "to"), bob);
    assert_eq!(attr(&res, "amount"), "30");
    assert_eq!(balance(&deps, &env, "alice"), 70);
    assert_eq!(balance(&deps, &env, "bob"), 30);
}

#[test]
fn transfer_refuses_zero_overdraft_funds_and_bad_address() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    let bob = addr(&deps, "bob").into_string();
    let transfer = |amount: u128, recipient: &str| ExecuteMsg::Transfer {
        recipient: recipient.to_string(),
        amount: Uint128::new(amount),
    };
    let err = exec(&mut deps, &env, "alice", transfer(0, &bob)).unwrap_err();
    assert!(matches!(err, ContractError::InvalidZeroAmount {}));
    let err = exec(&mut deps, &env, "alice", transfer(101, &bob)).unwrap_err();
    assert!(matches!(err, ContractError::Overflow(_)));
    let err = exec(&mut deps, &env, "alice", transfer(1, "bob")).unwrap_err();
    assert!(matches!(err, ContractError::Std(_)));
    let alice = addr(&deps, "alice");
    let err = execute(
        deps.as_mut(),
        env.clone(),
        message_info(&alice, &coins(5, "uosmo")),
        transfer(1, &bob),
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Payment(_)));
    assert_eq!(balance(&deps, &env, "alice"), 100);
    assert_eq!(balance(&deps, &env, "bob"), 0);
}

#[test]
fn send_dispatches_receive_hook() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    let contract = addr(&deps, "pool").into_string();
    let payload = Binary::from(b"{\"swap\":{}}".to_vec());
    let res = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Send {
            contract: contract.clone(),
            amount: Uint128::new(40),
            msg: payload.clone(),
        },
    )
    .unwrap();
    let expected = Cw20ReceiveMsg {
        sender: addr(&deps, "alice").into_string(),
        amount: Uint128::new(40),
        msg: payload,
    }
    .into_cosmos_msg(contract.clone())
    .unwrap();
    assert_eq!(res.messages.len(), 1);
    assert_eq!(res.messages[0].msg, expected);
    assert_eq!(attr(&res, "action"), "send");
    assert_eq!(attr(&res, "to"), contract);
    assert_eq!(balance(&deps, &env, "pool"), 40);
    assert_eq!(balance(&deps, &env, "alice"), 60);
    // The hook is `{"receive": {...}}` on the receiving contract.
    let CosmosMsg::Wasm(WasmMsg::Execute { msg, .. }) = &res.messages[0].msg else {
        panic!("not a wasm execute");
    };
    #[cosmwasm_schema::cw_serde]
    enum Receiver {
        Receive(Cw20ReceiveMsg),
    }
    let Receiver::Receive(hook) = from_json(msg).unwrap();
    assert_eq!(hook.sender, addr(&deps, "alice").as_str());

    let err = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Send {
            contract,
            amount: Uint128::zero(),
            msg: Binary::default(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::InvalidZeroAmount {}));
}

#[test]
fn burn_lowers_supply_not_minted() {
    let (mut deps, env) = setup_with(&[("alice", 100)]);
    let res = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Burn {
            amount: Uint128::new(25),
        },
    )
    .unwrap();
    assert_eq!(attr(&res, "action"), "burn");
    assert_eq!(attr(&res, "amount"), "25");
    assert_eq!(balance(&deps, &env, "alice"), 75);
    let asset: AssetInfoResponse = q(&deps, &env, QueryMsg::AssetInfo {});
    assert_eq!(asset.total_supply, Uint128::new(75));
    assert_eq!(asset.minted, Uint128::new(100));

    let err = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Burn {
            amount: Uint128::zero(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::InvalidZeroAmount {}));
    let err = exec(
        &mut deps,
        &env,
        "alice",
        ExecuteMsg::Burn {
            amount: Uint128::new(76),
        },
    )
    .unwrap_err();
    assert!(matches!(err, ContractError::Overflow(_)));
}

#[test]
fn all_accounts_paginates() {
    let names = ["a1", "a2", "a3", "a4", "a5"];
    let balances: Vec<(&str, u128)> = names.iter().map(|n| (*n, 1)).collect();
    let (deps, env) = setup_with(&balances);
    let mut all: Vec<String> = names.iter().map(|n| addr(&deps, n).into_string()).collect();
    all.sort();

    let page1: AllAccountsResponse = q(
        &deps,
        &env,
        QueryMsg::AllAccounts {
            start_after: None,
            limit: Some(2),
        },
    );
    assert_eq!(page1.accounts, all[..2]);
    let page2: AllAccountsResponse = q(
        &deps,
        &env,
        QueryMsg::AllAccounts {
            start_after: Some(all[1].clone()),
            limit: Some(100),
        },
    );
    assert_eq!(page2.accounts, all[2..]);
    let default: AllAccountsResponse = q(
        &deps,
        &env,
        QueryMsg::AllAccounts {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(default.accounts, all);
}

#[test]
fn listing_limits_default_10_max_30() {
    let names: Vec<String> = (0..35).map(|i| format!("h{i}")).collect();
    let balances: Vec<(&str, u128)> = names.iter().map(|n| (n.as_str(), 1)).collect();
    // The default clearance caps supply at 800: plenty for 35 units.
    let (deps, env) = setup_with(&balances);
    let page: AllAccountsResponse = q(
        &deps,
        &env,
        QueryMsg::AllAccounts {
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(page.accounts.len(), 10);
    let page: AllAccountsResponse = q(
        &deps,
        &env,
        QueryMsg::AllAccounts {
            start_after: None,
            limit: Some(1_000),
        },
    );
    assert_eq!(page.accounts.len(), 30);
}

#[test]
fn migrate_checks_name_and_version() {
    let (mut deps, env) = setup();
    let res = migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap();
    assert_eq!(attr(&res, "action"), "migrate");

    cw2::set_contract_version(&mut deps.storage, "crates.io:cw20-base", "2.0.0").unwrap();
    let err = migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap_err();
    assert!(matches!(
        err,
        ContractError::WrongContract { ref expected, ref found }
            if expected == CONTRACT_NAME && found == "crates.io:cw20-base"
    ));

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    let err = migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap_err();
    assert!(matches!(
        err,
        ContractError::CannotMigrateDowngrade { ref stored, .. } if stored == "99.0.0"
    ));

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "garbage").unwrap();
    let err = migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap_err();
    assert!(matches!(err, ContractError::SemVer(_)));

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(deps.as_mut(), env, MigrateMsg {}).unwrap();
    let v = cw2::get_contract_version(&deps.storage).unwrap();
    assert_eq!(v.version, CONTRACT_VERSION);
}
