//! The test harness of rwa-gate: one [`Deployment`] of the registry (which instantiates the
//! gated token of every asset it registers), written once over a [`Backend`] — cw-multi-test
//! ([`MultiTest`]) or the local chain (`tests/chain`) — with a builder, so that each test reads
//! like the rule it checks:
//!
//! ```text
//! let mut s = Suite::new().with_oracle("filer", FILING).with_oracle("screener", SCREENING).build();
//! s.attest_filing("filer", BOND).unwrap();
//! ```
//!
//! [`Suite`] is the deployment on cw-multi-test; what only cw-multi-test can do (jumps in time,
//! funds, raw storage, code ids) is in [`multitest`], beside it. The constants, digests and
//! contract wrappers below are shared by both backends.

use cosmwasm_std::{coin, Coin, Empty, StdError};
use cw_multi_test::{AppResponse, Contract, ContractWrapper};
use rwa_gate::{Evidence, Scopes};

pub use rwa_gate::Denial;

pub const DAY: u64 = 86_400;
pub const YEAR: u64 = 365 * DAY;
/// 7 February 2026, the day the CSRC guidance took effect.
pub const GENESIS: u64 = 1_770_422_400;

/// The default asset: a bond whose filing entity is `acme`, controlled by `holdco` and
/// ultimately by `founder`.
pub const BOND: &str = "bond";
pub const ACME: &str = "acme";
pub const HOLDCO: &str = "holdco";
pub const FOUNDER: &str = "founder";
pub const MAX_SUPPLY: u128 = 1_000_000;
pub const APPROVED_SUPPLY: u128 = 1_000_000;

pub const FILING: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: true,
    screening: false,
    flags: false,
    eligibility: false,
    orders: false,
};
pub const SCREENING: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: false,
    screening: true,
    flags: false,
    eligibility: false,
    orders: false,
};
pub const FLAGS: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: false,
    screening: false,
    flags: true,
    eligibility: false,
    orders: false,
};
pub const ELIGIBILITY: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: false,
    screening: false,
    flags: false,
    eligibility: true,
    orders: false,
};
pub const ORDERS: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: false,
    screening: false,
    flags: false,
    eligibility: false,
    orders: true,
};
/// The three R3 approvals (cross-border investment, foreign exchange, data security).
pub const APPROVALS: Scopes = Scopes {
    filing: false,
    screening: false,
    flags: false,
    eligibility: false,
    orders: false,
    cross_border_investment: true,
    foreign_exchange: true,
    data_security: true,
};
pub const ALL: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: true,
    screening: true,
    flags: true,
    eligibility: false,
    orders: false,
};

/// A lowercase hex digest made from a seed, for evidence and plan digests.
pub fn digest(seed: &str) -> String {
    let mut out = String::with_capacity(64);
    let bytes = seed.as_bytes();
    for i in 0..32 {
        let b = bytes.get(i % bytes.len().max(1)).copied().unwrap_or(0) ^ (i as u8 * 7);
        out.push_str(&format!("{b:02x}"));
    }
    out
}

pub fn evidence(seed: &str) -> Evidence {
    Evidence {
        digest: digest(seed),
        uri: Some(format!("ipfs://evidence/{}", seed.replace(' ', "-"))),
    }
}

pub fn registry_contract() -> Box<dyn Contract<Empty>> {
    use compliance_registry::contract as c;
    Box::new(
        ContractWrapper::new(c::execute, c::instantiate, c::query)
            .with_reply(c::reply)
            .with_migrate(c::migrate),
    )
}

pub fn token_contract() -> Box<dyn Contract<Empty>> {
    use gated_token::contract as c;
    Box::new(ContractWrapper::new(c::execute, c::instantiate, c::query).with_migrate(c::migrate))
}

/// The cw20 receiver of the workspace (`contracts/cw20-receiver`): it records what it received,
/// or fails on demand (`"fail"` as message). The chain suite deploys the same code as wasm.
pub mod receiver {
    use super::*;
    pub use cw20_receiver::{ExecuteMsg, QueryMsg, RECEIVED};

    pub fn contract() -> Box<dyn Contract<Empty>> {
        use cw20_receiver as c;
        Box::new(ContractWrapper::new(c::execute, c::instantiate, c::query))
    }
}

/// The value of the first wasm attribute named `key` in a response.
pub fn attr(res: &AppResponse, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}

/// The contract's own error message: the last line of what the chain reports.
pub fn last_line(err: &StdError) -> String {
    let text = err.to_string();
    let last = text.rsplit('\n').next().unwrap_or_default().trim();
    // A single-line error keeps StdError's own "kind: Other, error: " prefix.
    match last.split_once(", error: ") {
        Some((kind, rest)) if kind.starts_with("kind: ") => rest.to_string(),
        _ => last.to_string(),
    }
}

pub fn ucoin(amount: u128) -> Vec<Coin> {
    vec![coin(amount, DENOM)]
}

pub const DENOM: &str = "uosmo";
pub mod backend;
pub mod holders;
pub mod model;
pub mod msgs;
pub mod multitest;
pub mod oracles;
pub mod scenarios;
pub mod sweep;

pub use backend::{
    assert_fails, assert_refused, first_plan_seed, not_admin, Backend, Deployment,
    DeploymentBuilder, MultiTest, Receipt,
};
pub use multitest::Suite;
