//! Unit tests. The registry is imitated at the only levels the token sees it: raw reads of the
//! shared keys (`GATE`, `CLEARANCES`) answered by the mock querier, and `update_freeze` sent
//! from its address.

mod allowances;
mod cw20;
mod gate;

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{
    from_json, Addr, Binary, ContractResult, Env, OwnedDeps, SystemError, SystemResult, Timestamp,
    Uint128, WasmQuery,
};
use rwa_gate::records::{GateRecord, CLEARANCES, GATE};
use rwa_gate::token::{ExecuteMsg, InstantiateMsg, QueryMsg};
use rwa_gate::{Clearance, Gate, Support};
use serde::de::DeserializeOwned;

use crate::contract::{execute, instantiate, query};
use crate::error::ContractError;

pub type TestDeps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

pub const ASSET: &str = "bond-2026";
pub const PLAN_MAX: u128 = 1_000;
pub const APPROVED: u128 = 800;

pub fn addr(deps: &TestDeps, name: &str) -> Addr {
    deps.api.addr_make(name)
}

/// What the registry's storage holds for this asset.
#[derive(Clone)]
pub struct RegistryView {
    pub gate: Option<Gate>,
    pub clearance: Option<Clearance>,
}

/// A clearance that permits minting by `minter` through the token at `env.contract.address`.
pub fn clean_clearance(deps: &TestDeps, env: &Env) -> Clearance {
    let now = env.block.time.seconds();
    Clearance {
        approvals: vec![],
        asset: ASSET.into(),
        token: env.contract.address.clone(),
        epoch: 0,
        retired: false,
        paused: false,
        minters: vec![addr(deps, "minter")],
        plan_max_supply: Uint128::new(PLAN_MAX),
        filing: Support {
            attestations: vec![11],
            need: 1,
            valid_until: Some(Timestamp::from_seconds(now + 1_000)),
            approved_supply: Some(Uint128::new(APPROVED)),
        },
        screening: Support {
            attestations: vec![12],
            need: 1,
            valid_until: Some(Timestamp::from_seconds(now + 500)),
            approved_supply: None,
        },
        pending_report: None,
        blockers: vec![],
        computed_at: Timestamp::from_seconds(now - 10),
    }
}

/// Answers raw queries of the registry contract from `view`; absent keys read as empty, as
/// wasmd does. Any other wasm query fails.
pub fn set_registry(deps: &mut TestDeps, view: RegistryView) {
    let registry = addr(deps, "registry").into_string();
    let gate_key = GATE.key().to_vec();
    let clearance_key = CLEARANCES.key(ASSET);
    deps.querier.update_wasm(move |q| match q {
        WasmQuery::Raw { contract_addr, key } if *contract_addr == registry => {
            let k = key.as_slice();
            let value = if k == gate_key.as_slice() {
                view.gate.as_ref().map(|v| GateRecord::encode(v).into())
            } else if k == clearance_key.as_slice() {
                view.clearance.as_ref().map(|v| v.encode().into())
            } else {
                None
            };
            SystemResult::Ok(ContractResult::Ok(value.unwrap_or_default()))
        }
        WasmQuery::Raw { contract_addr, .. } | WasmQuery::Smart { contract_addr, .. } => {
            SystemResult::Err(SystemError::NoSuchContract {
                addr: contract_addr.clone(),
            })
        }
        _ => SystemResult::Err(SystemError::Unknown {}),
    });
}

/// A token instantiated by the registry, with a clean clearance and no freeze.
pub fn setup() -> (TestDeps, Env) {
    let mut deps = mock_dependencies();
    let env = mock_env();
    let registry = addr(&deps, "registry");
    let issuer = addr(&deps, "issuer");
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&registry, &[]),
        InstantiateMsg {
            name: "Bond 2026".into(),
            symbol: "BOND".into(),
            decimals: 6,
            asset: ASSET.into(),
            issuer: issuer.into_string(),
            terms: None,
        },
    )
    .unwrap();
    let view = RegistryView {
        gate: Some(Gate::default()),
        clearance: Some(clean_clearance(&deps, &env)),
    };
    set_registry(&mut deps, view);
    (deps, env)
}

/// `setup` plus balances minted by the minter.
pub fn setup_with(balances: &[(&str, u128)]) -> (TestDeps, Env) {
    let (mut deps, env) = setup();
    for (name, amount) in balances {
        let recipient = addr(&deps, name).into_string();
        exec(
            &mut deps,
            &env,
            "minter",
            ExecuteMsg::Mint {
                recipient,
                amount: Uint128::new(*amount),
            },
        )
        .unwrap();
    }
    (deps, env)
}

/// The registry pushes the asset's freezing flags (an empty list lifts the freeze).
pub fn freeze(deps: &mut TestDeps, env: &Env, flags: &[u64]) {
    exec(
        deps,
        env,
        "registry",
        ExecuteMsg::UpdateFreeze {
            flags: flags.to_vec(),
        },
    )
    .unwrap();
}

pub fn exec(
    deps: &mut TestDeps,
    env: &Env,
    sender: &str,
    msg: ExecuteMsg,
) -> Result<cosmwasm_std::Response, ContractError> {
    let sender = addr(deps, sender);
    execute(deps.as_mut(), env.clone(), message_info(&sender, &[]), msg)
}

pub fn q<T: DeserializeOwned>(deps: &TestDeps, env: &Env, msg: QueryMsg) -> T {
    let bin: Binary = query(deps.as_ref(), env.clone(), msg).unwrap();
    from_json(bin).unwrap()
}

pub fn balance(deps: &TestDeps, env: &Env, name: &str) -> u128 {
    let address = addr(deps, name).into_string();
    let r: rwa_gate::cw20::BalanceResponse = q(deps, env, QueryMsg::Balance { address });
    r.balance.u128()
}

pub fn attr<'a>(res: &'a cosmwasm_std::Response, key: &str) -> &'a str {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
        .unwrap_or_else(|| panic!("no attribute {key}"))
}
