//! The cw-multi-test suite of rwa-gate: a builder that deploys the registry (which instantiates
//! the gated token of every asset it registers) so that each test reads like the rule it checks:
//!
//! ```text
//! let mut s = Suite::new().with_oracle("filer", FILING).with_oracle("screener", SCREENING).build();
//! s.attest_filing("filer", BOND).unwrap();
//! ```

use std::collections::BTreeMap;
use std::fmt::Display;

use cosmwasm_std::{coin, Addr, Coin, Empty, StdError, StdResult, Timestamp, Uint128};
use cw_multi_test::{App, AppResponse, Contract, ContractWrapper, Executor};
use rwa_gate::cw20::{BalanceResponse, TokenInfoResponse};
use rwa_gate::registry::{
    ExecuteMsg as RegistryMsg, InstantiateMsg, MintedResponse, NegativeListInit, QueryMsg,
};
use rwa_gate::token::{ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{
    Asset, Attestation, Clearance, Decision, Evidence, Flag, FlagReason, Params, PartyRole,
    RelatedParty, Scopes, Subject,
};

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
    filing: true,
    screening: false,
    flags: false,
    eligibility: false,
    orders: false,
};
pub const SCREENING: Scopes = Scopes {
    filing: false,
    screening: true,
    flags: false,
    eligibility: false,
    orders: false,
};
pub const FLAGS: Scopes = Scopes {
    filing: false,
    screening: false,
    flags: true,
    eligibility: false,
    orders: false,
};
pub const ALL: Scopes = Scopes {
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

pub struct SuiteBuilder {
    oracles: Vec<(String, Scopes)>,
    params: Params,
    with_bond: bool,
    pauser: bool,
}

pub struct Suite {
    pub app: App,
    pub registry: Addr,
    pub owner: Addr,
    pub pauser: Addr,
    pub issuer: Addr,
    pub token_code_id: u64,
    names: BTreeMap<String, Addr>,
}

impl Suite {
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> SuiteBuilder {
        SuiteBuilder {
            oracles: vec![],
            params: Params::default(),
            with_bond: true,
            pauser: true,
        }
    }
}

impl SuiteBuilder {
    pub fn with_oracle(mut self, name: &str, scopes: Scopes) -> Self {
        self.oracles.push((name.to_string(), scopes));
        self
    }

    /// `filer` (Filing), `screener` (Screening) and `watcher` (flags): one oracle per scope.
    pub fn with_standard_oracles(self) -> Self {
        self.with_oracle("filer", FILING)
            .with_oracle("screener", SCREENING)
            .with_oracle("watcher", FLAGS)
    }

    pub fn with_attestation_quorum(mut self, quorum: u32) -> Self {
        self.params.attestation_quorum = quorum;
        self
    }

    pub fn with_flag_quorum(mut self, quorum: u32) -> Self {
        self.params.flag_quorum = quorum;
        self
    }

    pub fn without_bond(mut self) -> Self {
        self.with_bond = false;
        self
    }

    pub fn build(self) -> Suite {
        let mut app = App::default();
        app.update_block(|b| b.time = Timestamp::from_seconds(GENESIS));
        let owner = app.api().addr_make("owner");
        let pauser = app.api().addr_make("pauser");
        let issuer = app.api().addr_make("issuer");
        let registry_code = app.store_code(registry_contract());
        let token_code_id = app.store_code(token_contract());
        let registry = app
            .instantiate_contract(
                registry_code,
                owner.clone(),
                &InstantiateMsg {
                    owner: None,
                    pauser: self.pauser.then(|| pauser.to_string()),
                    token_code_id,
                    params: Some(self.params),
                    negative_list: NegativeListInit {
                        version: 1,
                        digest: digest("negative-list-v1"),
                    },
                },
                &[],
                "compliance-registry",
                Some(owner.to_string()),
            )
            .expect("registry instantiates");
        let mut suite = Suite {
            app,
            registry,
            owner,
            pauser,
            issuer,
            token_code_id,
            names: BTreeMap::new(),
        };
        for (name, scopes) in &self.oracles {
            let addr = suite.addr(name);
            suite
                .exec_owner(RegistryMsg::AddOracle {
                    address: addr.to_string(),
                    scopes: *scopes,
                })
                .expect("oracle added");
        }
        let issuer = suite.issuer.clone();
        suite
            .exec_owner(RegistryMsg::ApproveIssuer {
                address: issuer.to_string(),
            })
            .expect("issuer approved");
        if self.with_bond {
            for e in [ACME, HOLDCO, FOUNDER] {
                suite.register_entity(e).expect("entity registered");
            }
            suite
                .register_asset(
                    BOND,
                    ACME,
                    &[
                        (HOLDCO, PartyRole::ControllingShareholder),
                        (FOUNDER, PartyRole::UltimateController),
                    ],
                )
                .expect("bond registered");
        }
        suite
    }
}

impl Suite {
    // ---- people ----

    /// The address of a named participant ("owner", "issuer", "filer", "alice", ...).
    pub fn addr(&mut self, name: &str) -> Addr {
        match name {
            "owner" => return self.owner.clone(),
            "pauser" => return self.pauser.clone(),
            "issuer" => return self.issuer.clone(),
            "registry" => return self.registry.clone(),
            _ => {}
        }
        if let Some(a) = self.names.get(name) {
            return a.clone();
        }
        let a = self.app.api().addr_make(name);
        self.names.insert(name.to_string(), a.clone());
        a
    }

    /// Gives a participant native coins, so that tests can send funds where none are taken.
    pub fn fund(&mut self, name: &str, amount: u128) {
        let addr = self.addr(name);
        self.app
            .init_modules(|router, _, storage| {
                router
                    .bank
                    .init_balance(storage, &addr, vec![coin(amount, DENOM)])
            })
            .expect("balance set");
    }

    pub fn now(&self) -> Timestamp {
        self.app.block_info().time
    }

    pub fn advance(&mut self, seconds: u64) {
        self.app.update_block(|b| {
            b.time = b.time.plus_seconds(seconds);
            b.height += seconds / 5 + 1;
        });
    }

    // ---- registry execution ----

    pub fn exec(&mut self, sender: &str, msg: RegistryMsg) -> StdResult<AppResponse> {
        self.exec_with_funds(sender, msg, &[])
    }

    pub fn exec_with_funds(
        &mut self,
        sender: &str,
        msg: RegistryMsg,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        let sender = self.addr(sender);
        let registry = self.registry.clone();
        self.app.execute_contract(sender, registry, &msg, funds)
    }

    pub fn exec_owner(&mut self, msg: RegistryMsg) -> StdResult<AppResponse> {
        self.exec("owner", msg)
    }

    pub fn register_entity(&mut self, id: &str) -> StdResult<AppResponse> {
        self.register_entity_as("issuer", id)
    }

    pub fn register_entity_as(&mut self, issuer: &str, id: &str) -> StdResult<AppResponse> {
        self.exec(issuer, RegistryMsg::RegisterEntity { id: id.into() })
    }

    /// The owner approves the named participant as an issuer.
    pub fn approve_issuer(&mut self, name: &str) -> StdResult<AppResponse> {
        let address = self.addr(name).to_string();
        self.exec_owner(RegistryMsg::ApproveIssuer { address })
    }

    pub fn register_asset(
        &mut self,
        id: &str,
        filing_entity: &str,
        parties: &[(&str, PartyRole)],
    ) -> StdResult<AppResponse> {
        self.register_asset_as("issuer", id, filing_entity, parties)
    }

    /// Registers an asset of `issuer` (a participant name) with the standard plan and token.
    pub fn register_asset_as(
        &mut self,
        issuer: &str,
        id: &str,
        filing_entity: &str,
        parties: &[(&str, PartyRole)],
    ) -> StdResult<AppResponse> {
        self.exec(issuer, msgs::register_asset(id, filing_entity, parties))
    }

    /// The issuer replaces the asset's plan: `max_supply`, and the digest made from `seed`.
    pub fn update_plan(
        &mut self,
        asset: &str,
        max_supply: u128,
        seed: &str,
    ) -> StdResult<AppResponse> {
        self.exec("issuer", msgs::update_plan(asset, max_supply, seed))
    }

    /// The seed of the digest of the plan an asset is registered with (see `register_asset`).
    pub fn first_plan_seed(asset: &str) -> String {
        msgs::first_plan_seed(asset)
    }

    /// A Filing attestation for the asset's current plan, valid 30 days.
    pub fn attest_filing(&mut self, oracle: &str, asset: &str) -> StdResult<AppResponse> {
        self.attest_filing_with(oracle, asset, APPROVED_SUPPLY, 30 * DAY)
    }

    pub fn attest_filing_with(
        &mut self,
        oracle: &str,
        asset: &str,
        approved_supply: u128,
        valid_for: u64,
    ) -> StdResult<AppResponse> {
        let plan = self.asset(asset).plan;
        let expires_at = self.now().plus_seconds(valid_for);
        let msg = msgs::attest_filing(oracle, asset, plan, approved_supply, expires_at);
        self.exec(oracle, msg)
    }

    /// A Screening attestation covering the filing entity and every related party, against
    /// the current negative list, with a full three-year look-back, valid 30 days.
    pub fn attest_screening(&mut self, oracle: &str, asset: &str) -> StdResult<AppResponse> {
        let a = self.asset(asset);
        let subjects = a.subjects().map(str::to_string).collect();
        self.attest_screening_with(oracle, asset, subjects, LOOKBACK_SECONDS, 30 * DAY)
    }

    pub fn attest_screening_with(
        &mut self,
        oracle: &str,
        asset: &str,
        subjects: Vec<String>,
        lookback: u64,
        valid_for: u64,
    ) -> StdResult<AppResponse> {
        let version = self.negative_list_version();
        let now = self.now();
        let (from, until) = (now.minus_seconds(lookback), now.plus_seconds(valid_for));
        self.exec(
            oracle,
            msgs::attest_screening(oracle, asset, version, subjects, from, until),
        )
    }

    /// Filing by `filer` and Screening by `screener`: the asset is cleared.
    pub fn clear_for_issuance(&mut self, asset: &str) {
        self.attest_filing("filer", asset).expect("filing posted");
        self.attest_screening("screener", asset)
            .expect("screening posted");
    }

    pub fn raise_flag(
        &mut self,
        oracle: &str,
        subject: Subject,
        reason: FlagReason,
    ) -> StdResult<u64> {
        let res = self.exec(oracle, msgs::raise_flag(subject, reason))?;
        attr(&res, "flag")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| StdError::msg("raise_flag response has no numeric `flag` attribute"))
    }

    pub fn clear_flag(&mut self, sender: &str, id: u64) -> StdResult<AppResponse> {
        self.exec(sender, msgs::clear_flag(id))
    }

    pub fn refresh(&mut self, asset: &str) -> StdResult<AppResponse> {
        self.exec(
            "anyone",
            RegistryMsg::RefreshClearance {
                asset: asset.into(),
            },
        )
    }

    // ---- registry queries ----

    pub fn query<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> StdResult<T> {
        self.app.wrap().query_wasm_smart(&self.registry, msg)
    }

    pub fn asset(&self, id: &str) -> Asset {
        self.query(&QueryMsg::Asset { id: id.into() })
            .expect("asset query")
    }

    /// `sender` replaces the asset's related parties.
    pub fn update_parties(
        &mut self,
        sender: &str,
        asset: &str,
        parties: &[(&str, PartyRole)],
    ) -> StdResult<AppResponse> {
        self.exec(
            sender,
            RegistryMsg::UpdateRelatedParties {
                asset: asset.into(),
                related_parties: parties
                    .iter()
                    .map(|(e, role)| RelatedParty {
                        entity: e.to_string(),
                        role: *role,
                    })
                    .collect(),
            },
        )
    }

    pub fn entity(&self, id: &str) -> rwa_gate::Entity {
        self.query(&QueryMsg::Entity { id: id.into() })
            .expect("entity query")
    }

    /// `entity`'s registering issuer (or the owner, as `sender`) lets `issuer`'s assets use
    /// `limit` of its slots.
    pub fn set_link_allowance(
        &mut self,
        sender: &str,
        entity: &str,
        issuer: &str,
        limit: u32,
    ) -> StdResult<AppResponse> {
        let issuer = self.addr(issuer).to_string();
        self.exec(
            sender,
            RegistryMsg::SetLinkAllowance {
                entity: entity.into(),
                issuer,
                limit,
            },
        )
    }

    pub fn clearance(&self, asset: &str) -> Clearance {
        self.query(&QueryMsg::Clearance {
            asset: asset.into(),
        })
        .expect("clearance query")
    }

    pub fn attestation(&self, id: u64) -> Attestation {
        self.query(&QueryMsg::Attestation { id })
            .expect("attestation query")
    }

    pub fn flag(&self, id: u64) -> Flag {
        self.query(&QueryMsg::Flag { id }).expect("flag query")
    }

    pub fn negative_list_version(&self) -> u64 {
        let list: rwa_gate::NegativeList = self
            .query(&QueryMsg::NegativeList {})
            .expect("negative list query");
        list.version
    }

    /// The registry's verdict, for `minter` when given.
    pub fn check(&mut self, asset: &str, amount: u128, minter: Option<&str>) -> Decision {
        let minter = minter.map(|m| self.addr(m).to_string());
        self.query(&QueryMsg::CheckIssuance {
            asset: asset.into(),
            amount: Uint128::new(amount),
            minter,
        })
        .expect("check_issuance query")
    }

    pub fn minted(&self, asset: &str) -> MintedResponse {
        self.query(&QueryMsg::Minted {
            asset: asset.into(),
        })
        .expect("minted query")
    }

    // ---- token ----

    pub fn token(&self, asset: &str) -> Addr {
        self.asset(asset).token.expect("asset has a token")
    }

    pub fn exec_token(
        &mut self,
        sender: &str,
        asset: &str,
        msg: TokenMsg,
    ) -> StdResult<AppResponse> {
        self.exec_token_with_funds(sender, asset, msg, &[])
    }

    pub fn exec_token_with_funds(
        &mut self,
        sender: &str,
        asset: &str,
        msg: TokenMsg,
        funds: &[Coin],
    ) -> StdResult<AppResponse> {
        let sender = self.addr(sender);
        let token = self.token(asset);
        self.app.execute_contract(sender, token, &msg, funds)
    }

    /// The issuer is the asset's first minter.
    pub fn mint(
        &mut self,
        minter: &str,
        asset: &str,
        to: &str,
        amount: u128,
    ) -> StdResult<AppResponse> {
        let recipient = self.addr(to).to_string();
        self.exec_token(minter, asset, msgs::mint(recipient, amount))
    }

    pub fn transfer(
        &mut self,
        from: &str,
        asset: &str,
        to: &str,
        amount: u128,
    ) -> StdResult<AppResponse> {
        let recipient = self.addr(to).to_string();
        self.exec_token(from, asset, msgs::transfer(recipient, amount))
    }

    pub fn balance(&mut self, asset: &str, who: &str) -> u128 {
        let address = self.addr(who);
        self.balance_of(asset, &address)
    }

    pub fn balance_of(&self, asset: &str, address: &Addr) -> u128 {
        let r: BalanceResponse = self
            .app
            .wrap()
            .query_wasm_smart(
                self.token(asset),
                &TokenQuery::Balance {
                    address: address.to_string(),
                },
            )
            .expect("balance query");
        r.balance.u128()
    }

    /// Deploys a fresh cw20 receiver contract.
    pub fn receiver(&mut self) -> Addr {
        let code = self.app.store_code(receiver::contract());
        let owner = self.owner.clone();
        self.app
            .instantiate_contract(code, owner, &Empty {}, &[], "receiver", None)
            .expect("receiver instantiates")
    }

    pub fn supply(&self, asset: &str) -> u128 {
        let r: TokenInfoResponse = self
            .app
            .wrap()
            .query_wasm_smart(self.token(asset), &TokenQuery::TokenInfo {})
            .expect("token_info query");
        r.total_supply.u128()
    }

    /// Mint and check_issuance must agree: the mint succeeds exactly when the registry's
    /// decision for the same minter and amount allows it, and fails with exactly its reasons.
    pub fn mint_agrees_with_check(&mut self, minter: &str, asset: &str, amount: u128) -> Decision {
        let decision = self.check(asset, amount, Some(minter));
        let res = self.mint(minter, asset, "holder", amount);
        match (&res, decision.allowed) {
            (Ok(_), true) => {}
            (Err(e), false) => assert_eq!(
                last_line(e),
                gated_token::ContractError::IssuanceDenied {
                    reasons: decision.reasons.clone()
                }
                .to_string(),
                "mint error differs from check_issuance"
            ),
            _ => panic!("check_issuance said {decision:?} but mint returned {res:?}"),
        }
        decision
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

/// Asserts that `res` failed with exactly `expected` (compared by its message).
#[track_caller]
pub fn assert_err<T: std::fmt::Debug>(res: StdResult<T>, expected: impl Display) {
    match res {
        Ok(v) => panic!("expected error `{expected}`, got success: {v:?}"),
        Err(e) => assert_eq!(last_line(&e), expected.to_string(), "full error: {e}"),
    }
}

/// Asserts that a mint failed because the issuance was denied for exactly these reasons.
#[track_caller]
pub fn assert_denied<T: std::fmt::Debug>(res: StdResult<T>, reasons: Vec<Denial>) {
    assert_err(res, gated_token::ContractError::IssuanceDenied { reasons });
}

pub fn ucoin(amount: u128) -> Vec<Coin> {
    vec![coin(amount, DENOM)]
}

pub const DENOM: &str = "uosmo";
pub mod backend;
pub mod model;
pub mod msgs;
pub mod scenarios;
pub mod sweep;
