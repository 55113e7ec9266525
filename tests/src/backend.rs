//! One rule suite, two backends.
//!
//! [`Backend`] is the small deployment interface a rule scenario needs: named participants, the
//! block time, JSON execute/query of contracts and a direct (x/wasm) migration of a contract.
//! [`MultiTest`] implements it on cw-multi-test (fast, every change); `tests/chain` implements it
//! on the local wasmd chain with the optimized artifacts. [`Deployment`] deploys the registry,
//! oracles, issuer and the `bond` asset on either, and gives the scenarios of
//! [`crate::scenarios`] the verbs they are written in.

use std::collections::BTreeMap;

use cosmwasm_std::{Addr, Empty, StdError, Timestamp, Uint128};
use cw_multi_test::{App, AppResponse, Executor};
use rwa_gate::cw20::{BalanceResponse, TokenInfoResponse};
use rwa_gate::registry::{
    ExecuteMsg as RegistryMsg, InstantiateMsg, MigrateMsg as RegistryMigrateMsg, MintedResponse,
    NegativeListInit, QueryMsg,
};
use rwa_gate::token::{
    ExecuteMsg as TokenMsg, MigrateMsg as TokenMigrateMsg, QueryMsg as TokenQuery,
};
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{
    Asset, Attestation, Clearance, Decision, Entity, Evidence, Flag, FlagReason, Params, PartyRole,
    Scopes, Subject,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::msgs;

use crate::{
    digest, last_line, receiver, registry_contract, token_contract, ACME, BOND, FILING, FLAGS,
    FOUNDER, GENESIS, HOLDCO, SCREENING,
};

/// What a successful execution left: the contract attributes, and on a chain the gas and hash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Receipt {
    pub attributes: Vec<(String, String)>,
    pub gas_used: Option<u64>,
    pub tx_hash: Option<String>,
}

impl Receipt {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The deployment interface of the rule suite. Errors are the contract's own message.
pub trait Backend {
    /// Short name in test output ("multi-test", "chain").
    fn name(&self) -> &'static str;
    /// The address of a named participant; the same name always gives the same address.
    fn addr(&mut self, name: &str) -> String;
    /// The time of the block the next transaction lands in (at the earliest).
    fn now(&mut self) -> Timestamp;
    /// Lets time pass until a block later than `t` exists. A chain waits; multi-test jumps.
    fn wait_until(&mut self, t: Timestamp);
    /// The chain id the contracts see in `env.block.chain_id` (what a signed statement names).
    fn chain_id(&mut self) -> String;
    fn token_code_id(&self) -> u64;
    fn instantiate_registry(
        &mut self,
        sender: &str,
        msg: &InstantiateMsg,
    ) -> Result<String, String>;
    fn execute_json(
        &mut self,
        sender: &str,
        contract: &str,
        msg: Vec<u8>,
    ) -> Result<Receipt, String>;
    fn query_json(&mut self, contract: &str, msg: Vec<u8>) -> Result<Vec<u8>, String>;
    /// Migrates `contract` to `code_id` as `sender`, directly (x/wasm's `MsgMigrateContract`), not
    /// through any contract. Errors: the contract's own message when its `migrate` refuses, and
    /// the backend's own text when the chain refuses before the contract runs (the sender is not
    /// the contract's wasm admin): that text differs between backends (see [`not_admin`]).
    fn migrate(
        &mut self,
        sender: &str,
        contract: &str,
        code_id: u64,
        msg: Vec<u8>,
    ) -> Result<Receipt, String>;
    /// Deploys a fresh cw20 receiver (it fails a `receive` whose message is `"fail"`).
    fn deploy_receiver(&mut self) -> String;
}

fn to_json<T: Serialize>(msg: &T) -> Vec<u8> {
    serde_json::to_vec(msg).expect("messages serialize")
}

// ---------------------------------------------------------------------------------------------
// cw-multi-test

/// cw-multi-test with the registry, token and receiver codes stored; block time starts at
/// 7 February 2026, the day the guidance took effect.
pub struct MultiTest {
    pub app: App,
    registry_code: u64,
    token_code: u64,
    receiver_code: u64,
    names: BTreeMap<String, Addr>,
}

impl Default for MultiTest {
    fn default() -> Self {
        Self::new()
    }
}

impl MultiTest {
    pub fn new() -> Self {
        let mut app = App::default();
        app.update_block(|b| b.time = Timestamp::from_seconds(GENESIS));
        let registry_code = app.store_code(registry_contract());
        let token_code = app.store_code(token_contract());
        let receiver_code = app.store_code(receiver::contract());
        MultiTest {
            app,
            registry_code,
            token_code,
            receiver_code,
            names: BTreeMap::new(),
        }
    }

    fn address(&mut self, name: &str) -> Addr {
        if let Some(a) = self.names.get(name) {
            return a.clone();
        }
        let a = self.app.api().addr_make(name);
        self.names.insert(name.to_string(), a.clone());
        a
    }
}

pub(crate) fn wasm_attributes(res: &AppResponse) -> Vec<(String, String)> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect()
}

pub(crate) fn message(e: StdError) -> String {
    last_line(&e)
}

impl Backend for MultiTest {
    fn name(&self) -> &'static str {
        "multi-test"
    }

    fn addr(&mut self, name: &str) -> String {
        self.address(name).to_string()
    }

    fn now(&mut self) -> Timestamp {
        self.app.block_info().time
    }

    fn chain_id(&mut self) -> String {
        self.app.block_info().chain_id
    }

    fn wait_until(&mut self, t: Timestamp) {
        self.app.update_block(|b| {
            if b.time <= t {
                let seconds = t.seconds() - b.time.seconds() + 1;
                b.time = Timestamp::from_seconds(t.seconds() + 1);
                b.height += seconds / 5 + 1;
            }
        });
    }

    fn token_code_id(&self) -> u64 {
        self.token_code
    }

    fn instantiate_registry(
        &mut self,
        sender: &str,
        msg: &InstantiateMsg,
    ) -> Result<String, String> {
        let sender = self.address(sender);
        let code = self.registry_code;
        self.app
            .instantiate_contract(
                code,
                sender.clone(),
                msg,
                &[],
                "compliance-registry",
                Some(sender.to_string()),
            )
            .map(|a| a.to_string())
            .map_err(message)
    }

    fn execute_json(
        &mut self,
        sender: &str,
        contract: &str,
        msg: Vec<u8>,
    ) -> Result<Receipt, String> {
        let sender = self.address(sender);
        let msg: serde_json::Value = serde_json::from_slice(&msg).map_err(|e| e.to_string())?;
        self.app
            .execute_contract(sender, Addr::unchecked(contract), &msg, &[])
            .map(|res| Receipt {
                attributes: wasm_attributes(&res),
                ..Receipt::default()
            })
            .map_err(message)
    }

    fn query_json(&mut self, contract: &str, msg: Vec<u8>) -> Result<Vec<u8>, String> {
        let msg: serde_json::Value = serde_json::from_slice(&msg).map_err(|e| e.to_string())?;
        let answer: serde_json::Value = self
            .app
            .wrap()
            .query_wasm_smart(contract, &msg)
            .map_err(message)?;
        Ok(to_json(&answer))
    }

    fn migrate(
        &mut self,
        sender: &str,
        contract: &str,
        code_id: u64,
        msg: Vec<u8>,
    ) -> Result<Receipt, String> {
        let sender = self.address(sender);
        let msg: serde_json::Value = serde_json::from_slice(&msg).map_err(|e| e.to_string())?;
        self.app
            .migrate_contract(sender, Addr::unchecked(contract), &msg, code_id)
            .map(|res| Receipt {
                attributes: wasm_attributes(&res),
                ..Receipt::default()
            })
            .map_err(message)
    }

    fn deploy_receiver(&mut self) -> String {
        let owner = self.address("owner");
        let code = self.receiver_code;
        self.app
            .instantiate_contract(code, owner, &Empty {}, &[], "receiver", None)
            .expect("receiver instantiates")
            .to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// The deployment, written once

/// Builds a [`Deployment`] on a backend: `Deployment::on(MultiTest::new()).with_standard_oracles().build()`.
pub struct DeploymentBuilder<B: Backend> {
    backend: B,
    oracles: Vec<(String, Scopes)>,
    params: Params,
    with_bond: bool,
}

/// The registry, its oracles, an approved issuer and (unless left out) the asset `bond` with
/// its gated token, on some backend; the verbs the rule scenarios are written in.
pub struct Deployment<B: Backend> {
    pub backend: B,
    pub registry: String,
}

impl<B: Backend> Deployment<B> {
    #[allow(clippy::new_ret_no_self)]
    pub fn on(backend: B) -> DeploymentBuilder<B> {
        DeploymentBuilder {
            backend,
            oracles: vec![],
            params: Params::default(),
            with_bond: true,
        }
    }
}

impl<B: Backend> DeploymentBuilder<B> {
    pub fn with_oracle(mut self, name: &str, scopes: Scopes) -> Self {
        self.oracles.push((name.to_string(), scopes));
        self
    }

    /// `filer` (Filing), `screener` (Screening) and `watcher` (flags).
    pub fn with_standard_oracles(self) -> Self {
        self.with_oracle("filer", FILING)
            .with_oracle("screener", SCREENING)
            .with_oracle("watcher", FLAGS)
    }

    /// `auditor-1` and `auditor-2`, flag-scoped: with `watcher` they can clear by quorum.
    pub fn with_auditors(self) -> Self {
        self.with_oracle("auditor-1", FLAGS)
            .with_oracle("auditor-2", FLAGS)
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

    pub fn build(self) -> Deployment<B> {
        let mut backend = self.backend;
        let pauser = backend.addr("pauser");
        let token_code_id = backend.token_code_id();
        let registry = backend
            .instantiate_registry(
                "owner",
                &InstantiateMsg {
                    owner: None,
                    pauser: Some(pauser),
                    token_code_id,
                    params: Some(self.params),
                    negative_list: NegativeListInit {
                        version: 1,
                        digest: digest("negative-list-v1"),
                    },
                },
            )
            .expect("registry instantiates");
        let mut gate = Deployment { backend, registry };
        for (name, scopes) in &self.oracles {
            let address = gate.addr(name);
            gate.exec(
                "owner",
                &RegistryMsg::AddOracle {
                    address,
                    scopes: *scopes,
                },
            )
            .expect("oracle added");
        }
        let issuer = gate.addr("issuer");
        gate.exec("owner", &RegistryMsg::ApproveIssuer { address: issuer })
            .expect("issuer approved");
        if self.with_bond {
            for e in [ACME, HOLDCO, FOUNDER] {
                gate.register_entity(e).expect("entity registered");
            }
            gate.register_asset(
                BOND,
                ACME,
                &[
                    (HOLDCO, PartyRole::ControllingShareholder),
                    (FOUNDER, PartyRole::UltimateController),
                ],
            )
            .expect("bond registered");
        }
        gate
    }
}

pub fn evidence(seed: &str) -> Evidence {
    crate::evidence(seed)
}

/// The seed of the digest an asset registers its plan with.
pub fn first_plan_seed(asset: &str) -> String {
    msgs::first_plan_seed(asset)
}

/// What a backend answers to a direct migration of a contract by someone who is not its wasm
/// admin `admin`: not a contract error, so each backend words it its own way (cw-multi-test
/// names the admin; x/wasm on the chain says `can not migrate: unauthorized`).
pub fn not_admin(backend: &str, admin: &str) -> String {
    match backend {
        "multi-test" => format!(
            "Only admin can migrate contract: {:?}",
            Some(Addr::unchecked(admin))
        ),
        "chain" => CHAIN_NOT_ADMIN.to_string(),
        other => panic!("no wording known for backend {other}"),
    }
}

/// x/wasm's refusal of a migration by anyone but the contract's admin (wasmd v0.70.3).
pub const CHAIN_NOT_ADMIN: &str = "can not migrate: unauthorized";

impl<B: Backend> Deployment<B> {
    pub fn addr(&mut self, name: &str) -> String {
        self.backend.addr(name)
    }

    /// [`Self::addr`], typed: for comparing with the addresses the contracts answer with.
    pub fn address(&mut self, name: &str) -> Addr {
        Addr::unchecked(self.addr(name))
    }

    pub fn now(&mut self) -> Timestamp {
        self.backend.now()
    }

    /// The code id the registry instantiates tokens with.
    pub fn token_code_id(&self) -> u64 {
        self.backend.token_code_id()
    }

    // ---- registry ----

    pub fn exec(&mut self, sender: &str, msg: &RegistryMsg) -> Result<Receipt, String> {
        let registry = self.registry.clone();
        self.backend.execute_json(sender, &registry, to_json(msg))
    }

    pub fn exec_owner(&mut self, msg: &RegistryMsg) -> Result<Receipt, String> {
        self.exec("owner", msg)
    }

    pub fn query<T: DeserializeOwned>(&mut self, msg: &QueryMsg) -> T {
        self.try_query(msg)
            .unwrap_or_else(|e| panic!("registry query {msg:?} failed: {e}"))
    }

    /// A registry query whose refusal is an answer too (the contract's message).
    pub fn try_query<T: DeserializeOwned>(&mut self, msg: &QueryMsg) -> Result<T, String> {
        let registry = self.registry.clone();
        self.query_contract(&registry, msg)
    }

    /// A smart query of any contract (a token, a receiver): the answer, or the refusal.
    pub fn query_contract<T: DeserializeOwned>(
        &mut self,
        contract: &str,
        msg: &impl Serialize,
    ) -> Result<T, String> {
        let bytes = self.backend.query_json(contract, to_json(msg))?;
        Ok(serde_json::from_slice(&bytes).expect("contract answer parses"))
    }

    /// The owner approves `name` as an issuer.
    pub fn approve_issuer(&mut self, name: &str) -> Result<Receipt, String> {
        let address = self.addr(name);
        self.exec("owner", &RegistryMsg::ApproveIssuer { address })
    }

    pub fn register_entity(&mut self, id: &str) -> Result<Receipt, String> {
        self.register_entity_as("issuer", id)
    }

    pub fn register_entity_as(&mut self, issuer: &str, id: &str) -> Result<Receipt, String> {
        self.exec(issuer, &RegistryMsg::RegisterEntity { id: id.into() })
    }

    pub fn register_asset(
        &mut self,
        id: &str,
        filing_entity: &str,
        parties: &[(&str, PartyRole)],
    ) -> Result<Receipt, String> {
        self.register_asset_as("issuer", id, filing_entity, parties)
    }

    /// `issuer` registers the asset `id` with the plan (`MAX_SUPPLY`, [`first_plan_seed`]).
    pub fn register_asset_as(
        &mut self,
        issuer: &str,
        id: &str,
        filing_entity: &str,
        parties: &[(&str, PartyRole)],
    ) -> Result<Receipt, String> {
        self.exec(issuer, &msgs::register_asset(id, filing_entity, parties))
    }

    /// The issuer replaces the asset's plan: `max_supply`, and the digest made from `seed`.
    pub fn update_plan(
        &mut self,
        asset: &str,
        max_supply: u128,
        seed: &str,
    ) -> Result<Receipt, String> {
        self.exec("issuer", &msgs::update_plan(asset, max_supply, seed))
    }

    /// `sender` replaces the asset's related parties with `parties`.
    pub fn update_parties(
        &mut self,
        sender: &str,
        asset: &str,
        parties: &[(&str, PartyRole)],
    ) -> Result<Receipt, String> {
        self.exec(
            sender,
            &RegistryMsg::UpdateRelatedParties {
                asset: asset.into(),
                related_parties: msgs::related_parties(parties),
            },
        )
    }

    /// `entity`'s registering issuer (or the owner, as `sender`) lets `issuer`'s assets use
    /// `limit` of its slots.
    pub fn set_link_allowance(
        &mut self,
        sender: &str,
        entity: &str,
        issuer: &str,
        limit: u32,
    ) -> Result<Receipt, String> {
        let issuer = self.addr(issuer);
        self.exec(
            sender,
            &RegistryMsg::SetLinkAllowance {
                entity: entity.into(),
                issuer,
                limit,
            },
        )
    }

    /// `sender` migrates the registry to `code_id` directly (x/wasm), as its wasm admin must.
    pub fn migrate_registry(&mut self, sender: &str, code_id: u64) -> Result<Receipt, String> {
        let registry = self.registry.clone();
        self.backend
            .migrate(sender, &registry, code_id, to_json(&RegistryMigrateMsg {}))
    }

    /// `sender` migrates every token (one page) to `code_id` through the registry, their wasm
    /// admin.
    pub fn migrate_tokens(&mut self, sender: &str, code_id: u64) -> Result<Receipt, String> {
        self.exec(
            sender,
            &RegistryMsg::MigrateTokens {
                code_id,
                start_after: None,
                limit: None,
            },
        )
    }

    /// `sender` migrates the asset's token to `code_id` directly, bypassing the registry.
    pub fn migrate_token_directly(
        &mut self,
        sender: &str,
        asset: &str,
        code_id: u64,
    ) -> Result<Receipt, String> {
        let token = self.token(asset);
        self.backend
            .migrate(sender, &token, code_id, to_json(&TokenMigrateMsg {}))
    }

    /// A Filing attestation of the asset's current plan, approving `MAX_SUPPLY`, valid 30 days.
    pub fn attest_filing(&mut self, oracle: &str, asset: &str) -> Result<Receipt, String> {
        self.attest_filing_with(oracle, asset, crate::APPROVED_SUPPLY, 30 * crate::DAY)
    }

    pub fn attest_filing_with(
        &mut self,
        oracle: &str,
        asset: &str,
        approved_supply: u128,
        valid_for: u64,
    ) -> Result<Receipt, String> {
        let plan = self.asset(asset).plan;
        let expires_at = self.now().plus_seconds(valid_for);
        let msg = msgs::attest_filing(oracle, asset, plan, approved_supply, expires_at);
        self.exec(oracle, &msg)
    }

    /// A Screening of the filing entity and every related party against the current negative
    /// list, three years back, valid 30 days.
    pub fn attest_screening(&mut self, oracle: &str, asset: &str) -> Result<Receipt, String> {
        let subjects = self.asset(asset).subjects().map(str::to_string).collect();
        self.attest_screening_with(oracle, asset, subjects, LOOKBACK_SECONDS, 30 * crate::DAY)
    }

    pub fn attest_screening_with(
        &mut self,
        oracle: &str,
        asset: &str,
        subjects: Vec<String>,
        lookback: u64,
        valid_for: u64,
    ) -> Result<Receipt, String> {
        let version = self.negative_list_version();
        let now = self.now();
        let (from, until) = (now.minus_seconds(lookback), now.plus_seconds(valid_for));
        self.exec(
            oracle,
            &msgs::attest_screening(oracle, asset, version, subjects, from, until),
        )
    }

    /// Filing by `filer` and Screening by `screener`.
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
    ) -> Result<u64, String> {
        let receipt = self.exec(oracle, &msgs::raise_flag(subject, reason))?;
        Ok(receipt
            .attr("flag")
            .and_then(|v| v.parse().ok())
            .expect("raise_flag records a numeric `flag`"))
    }

    pub fn clear_flag(&mut self, sender: &str, id: u64) -> Result<Receipt, String> {
        self.exec(sender, &msgs::clear_flag(id))
    }

    pub fn refresh(&mut self, asset: &str) -> Result<Receipt, String> {
        self.exec(
            "anyone",
            &RegistryMsg::RefreshClearance {
                asset: asset.into(),
            },
        )
    }

    pub fn asset(&mut self, id: &str) -> Asset {
        self.query(&QueryMsg::Asset { id: id.into() })
    }

    pub fn entity(&mut self, id: &str) -> Entity {
        self.query(&QueryMsg::Entity { id: id.into() })
    }

    pub fn clearance(&mut self, asset: &str) -> Clearance {
        self.query(&QueryMsg::Clearance {
            asset: asset.into(),
        })
    }

    pub fn attestation(&mut self, id: u64) -> Attestation {
        self.query(&QueryMsg::Attestation { id })
    }

    pub fn flag(&mut self, id: u64) -> Flag {
        self.query(&QueryMsg::Flag { id })
    }

    pub fn negative_list_version(&mut self) -> u64 {
        let list: rwa_gate::NegativeList = self.query(&QueryMsg::NegativeList {});
        list.version
    }

    pub fn check(&mut self, asset: &str, amount: u128, minter: Option<&str>) -> Decision {
        let minter = minter.map(|m| self.addr(m));
        self.query(&QueryMsg::CheckIssuance {
            asset: asset.into(),
            amount: Uint128::new(amount),
            minter,
            recipient: None,
        })
    }

    pub fn minted(&mut self, asset: &str) -> MintedResponse {
        self.query(&QueryMsg::Minted {
            asset: asset.into(),
        })
    }

    // ---- token ----

    pub fn token(&mut self, asset: &str) -> String {
        self.asset(asset)
            .token
            .expect("asset has a token")
            .to_string()
    }

    pub fn exec_token(
        &mut self,
        sender: &str,
        asset: &str,
        msg: &TokenMsg,
    ) -> Result<Receipt, String> {
        let token = self.token(asset);
        self.backend.execute_json(sender, &token, to_json(msg))
    }

    pub fn query_token<T: DeserializeOwned>(&mut self, asset: &str, msg: &TokenQuery) -> T {
        self.try_query_token(asset, msg)
            .unwrap_or_else(|e| panic!("token query {msg:?} failed: {e}"))
    }

    pub fn try_query_token<T: DeserializeOwned>(
        &mut self,
        asset: &str,
        msg: &TokenQuery,
    ) -> Result<T, String> {
        let token = self.token(asset);
        self.query_contract(&token, msg)
    }

    pub fn mint(
        &mut self,
        minter: &str,
        asset: &str,
        to: &str,
        amount: u128,
    ) -> Result<Receipt, String> {
        let recipient = self.addr(to);
        self.exec_token(minter, asset, &msgs::mint(recipient, amount))
    }

    pub fn transfer(
        &mut self,
        from: &str,
        asset: &str,
        to: &str,
        amount: u128,
    ) -> Result<Receipt, String> {
        let recipient = self.addr(to);
        self.exec_token(from, asset, &msgs::transfer(recipient, amount))
    }

    pub fn burn(&mut self, holder: &str, asset: &str, amount: u128) -> Result<Receipt, String> {
        self.exec_token(
            holder,
            asset,
            &TokenMsg::Burn {
                amount: Uint128::new(amount),
            },
        )
    }

    pub fn balance(&mut self, asset: &str, who: &str) -> u128 {
        let address = self.addr(who);
        self.balance_of(asset, &address)
    }

    /// The balance of an address that is not a named participant (a contract).
    pub fn balance_of(&mut self, asset: &str, address: &str) -> u128 {
        let address = address.to_string();
        let r: BalanceResponse = self.query_token(asset, &TokenQuery::Balance { address });
        r.balance.u128()
    }

    /// Deploys a fresh cw20 receiver (it fails a `receive` whose message is `"fail"`).
    pub fn receiver(&mut self) -> String {
        self.backend.deploy_receiver()
    }

    pub fn supply(&mut self, asset: &str) -> u128 {
        let r: TokenInfoResponse = self.query_token(asset, &TokenQuery::TokenInfo {});
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
                *e,
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

/// Asserts that `res` failed with exactly `expected` (the contract's message).
#[track_caller]
pub fn assert_fails<T: std::fmt::Debug>(res: Result<T, String>, expected: impl std::fmt::Display) {
    match res {
        Ok(v) => panic!("expected error `{expected}`, got success: {v:?}"),
        Err(e) => assert_eq!(e, expected.to_string()),
    }
}

/// Asserts that a mint was refused for exactly these reasons, in this order.
#[track_caller]
pub fn assert_refused<T: std::fmt::Debug>(res: Result<T, String>, reasons: Vec<rwa_gate::Denial>) {
    assert_fails(res, gated_token::ContractError::IssuanceDenied { reasons });
}
