//! Shared harness of the fuzz targets.
//!
//! Both contracts run through their real entry points on `cosmwasm_std::testing` mocks, with two
//! differences from plain `mock_dependencies` that keep every crash a real one:
//!
//! - storage is a cloneable map, so a failed execution is rolled back as the chain rolls back a
//!   failed transaction (the mock storage keeps partial writes, which no chain would);
//! - the registry's token-instantiation submessage and its `reply` are played as wasmd plays
//!   them: the token's own `instantiate` runs, and any failure reverts the whole transaction.
//!
//! After every step the harness checks invariants of the stored state; any violated invariant
//! panics, and libFuzzer records the input.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier};
use cosmwasm_std::{
    coin, from_json, Addr, Binary, ContractResult, CosmosMsg, Empty, Env, Event, Order, OwnedDeps,
    Record, Reply, Response, Storage, SubMsgResponse, SubMsgResult, SystemError, SystemResult,
    Timestamp, Uint128, WasmMsg, WasmQuery,
};
use rwa_gate::delegation::SignDoc;
use rwa_gate::records::{GateRecord, Supply, TransferRules, CLEARANCES, GATE};
use rwa_gate::registry::{
    ExecuteMsg, InstantiateMsg, NegativeListInit, NonceResponse, QueryMsg, SignedStatement,
    SigningKeyResponse,
};
use rwa_gate::{
    evaluate, Clearance, FlagStatus, Gate, IssuanceRequest, Params, Scopes, Subject,
    MAX_ACTIVE_FLAGS_PER_SUBJECT, MAX_ASSETS_PER_ENTITY, MAX_MINTERS, MAX_ORACLES,
};

pub use rwa_gate;
use rwa_gate::registry::AttestMsg;

/// 7 February 2026, as in the cw-multi-test suite: README examples' timestamps fit it.
pub const GENESIS: u64 = 1_770_422_400;
pub const DAY: u64 = 86_400;

// ---------------------------------------------------------------------------------------------
// Storage that can be snapshotted.

#[derive(Clone, Default, Debug)]
pub struct SnapStorage(pub BTreeMap<Vec<u8>, Vec<u8>>);

impl Storage for SnapStorage {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.0.get(key).cloned()
    }

    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        use std::ops::Bound;
        let lo = start.map_or(Bound::Unbounded, |s| Bound::Included(s.to_vec()));
        let hi = end.map_or(Bound::Unbounded, |e| Bound::Excluded(e.to_vec()));
        if let (Some(s), Some(e)) = (start, end) {
            if s >= e {
                return Box::new(std::iter::empty());
            }
        }
        let it = self.0.range((lo, hi)).map(|(k, v)| (k.clone(), v.clone()));
        match order {
            Order::Ascending => Box::new(it.collect::<Vec<_>>().into_iter()),
            Order::Descending => Box::new(it.rev().collect::<Vec<_>>().into_iter()),
        }
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.0.insert(key.to_vec(), value.to_vec());
    }

    fn remove(&mut self, key: &[u8]) {
        self.0.remove(key);
    }
}

pub type Deps = OwnedDeps<SnapStorage, MockApi, MockQuerier<Empty>>;

pub fn new_deps() -> Deps {
    OwnedDeps {
        storage: SnapStorage::default(),
        api: MockApi::default(),
        querier: MockQuerier::new(&[]),
        custom_query_type: std::marker::PhantomData,
    }
}

/// `RWA_FUZZ_TRACE=1` prints every transaction and its outcome (for reading a crash input).
pub fn trace_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("RWA_FUZZ_TRACE").is_some())
}

/// A valid lowercase hex SHA-256-shaped digest made from a seed.
pub fn digest(seed: u64) -> String {
    format!("{:064x}", seed)
}

// ---------------------------------------------------------------------------------------------
// Distribution terms, for both harnesses.

/// Distribution terms drawn from small pools, a share of them invalid.
#[derive(arbitrary::Arbitrary, Clone, Debug)]
pub struct TermsSpec {
    /// Bit set of classes; `None` admits all. An empty set or a repeat is invalid.
    pub classes: Option<u8>,
    pub repeat_class: bool,
    pub excluded: Vec<u8>,
    pub lockup_hours: Option<u16>,
    pub max_holders: Option<u8>,
    pub max_balance: Option<u16>,
    pub outflow: Option<(u16, u16)>,
}

pub const JURISDICTIONS: &[&str] = &["HK", "SG", "US", "CN", "usa", ""];

pub fn terms(now: Timestamp, t: TermsSpec) -> rwa_gate::DistributionTerms {
    let mut classes: Option<Vec<rwa_gate::InvestorClass>> = t.classes.map(|bits| {
        rwa_gate::InvestorClass::ALL
            .into_iter()
            .filter(|c| bits & c.bit() != 0)
            .collect()
    });
    if let (Some(c), true) = (&mut classes, t.repeat_class) {
        if let Some(first) = c.first().copied() {
            c.push(first);
        }
    }
    rwa_gate::DistributionTerms {
        classes,
        excluded_jurisdictions: t
            .excluded
            .into_iter()
            .take(4)
            .map(|j| JURISDICTIONS[j as usize % JURISDICTIONS.len()].to_string())
            .collect(),
        lockup_until: t.lockup_hours.map(|h| now.plus_seconds(h as u64 * 3_600)),
        max_holders: t.max_holders.map(u32::from),
        max_balance: t.max_balance.map(|b| Uint128::new(b as u128)),
        max_outflow: t.outflow.map(|(amount, hours)| rwa_gate::OutflowLimit {
            amount: Uint128::new(amount as u128),
            period_seconds: hours as u64 * 3_600,
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Registry harness.

/// Everyone who may send a registry message, by name. Index = position.
pub const REGISTRY_ACTORS: &[&str] = &[
    "owner", "pauser", "issuer", "filer", "screener", "watcher", "watcher2", "allround",
    "stranger", "issuer2", "alice", "kyc", "court", "bob", "alice2",
];
/// The eligibility oracle and the order oracle of the registry harness (actor indices).
pub const KYC: usize = 11;
pub const COURT: usize = 12;

pub const ASSET_IDS: &[&str] = &["bond", "note", "fund", "Bad/Id"];
pub const ENTITY_IDS: &[&str] = &["acme", "holdco", "founder", "bank", "other", "BAD ID"];

/// The tokens' storage as the registry reads it with raw queries (supply for `check_issuance`
/// and `minted`, the route, the terms in force for a plan change).
type TokenStates = Rc<RefCell<BTreeMap<String, SnapStorage>>>;
/// The registry's storage as its tokens read it (gate, clearance, eligibility statements and
/// the standing of their oracles), as of the transaction in progress.
type RegistryStore = Rc<RefCell<SnapStorage>>;

pub struct Registry {
    pub deps: Deps,
    pub env: Env,
    pub addrs: Vec<Addr>,
    tokens: TokenStates,
    registry_store: RegistryStore,
    token_deps: BTreeMap<String, Deps>,
    next_token: u64,
    last_epoch: u64,
    pub executed: u64,
    pub succeeded: u64,
}

impl Registry {
    /// Instantiated registry with standard oracles (filer, screener, watcher, watcher2,
    /// allround), an approved issuer, three entities and the asset `bond` with its token,
    /// cleared for issuance.
    pub fn new() -> Self {
        let mut deps = new_deps();
        let mut env = mock_env();
        env.block.time = Timestamp::from_seconds(GENESIS);
        env.contract.address = deps.api.addr_make("registry");
        let addrs = REGISTRY_ACTORS
            .iter()
            .map(|n| deps.api.addr_make(n))
            .collect::<Vec<_>>();
        let tokens: TokenStates = Rc::default();
        let t = tokens.clone();
        deps.querier.update_wasm(move |q| match q {
            WasmQuery::Raw { contract_addr, key } => match t.borrow().get(contract_addr) {
                Some(storage) => SystemResult::Ok(ContractResult::Ok(Binary::from(
                    storage.get(key.as_slice()).unwrap_or_default(),
                ))),
                None => SystemResult::Err(SystemError::NoSuchContract {
                    addr: contract_addr.clone(),
                }),
            },
            _ => SystemResult::Err(SystemError::Unknown {}),
        });
        compliance_registry::contract::instantiate(
            deps.as_mut(),
            env.clone(),
            message_info(&addrs[0], &[]),
            InstantiateMsg {
                owner: None,
                pauser: Some(addrs[1].to_string()),
                token_code_id: 2,
                params: Some(Params::default()),
                negative_list: NegativeListInit {
                    version: 1,
                    digest: digest(1),
                },
            },
        )
        .expect("registry instantiates");
        let mut r = Registry {
            deps,
            env,
            addrs,
            tokens,
            registry_store: RegistryStore::default(),
            token_deps: BTreeMap::new(),
            next_token: 0,
            last_epoch: 0,
            executed: 0,
            succeeded: 0,
        };
        let s = |f, sc, fl| Scopes {
            cross_border_investment: false,
            data_security: false,
            foreign_exchange: false,
            filing: f,
            screening: sc,
            flags: fl,
            ..Scopes::default()
        };
        for (i, scopes) in [
            (3, s(true, false, false)),
            (4, s(false, true, false)),
            (5, s(false, false, true)),
            (6, s(false, false, true)),
            // `allround` also attests the three R3 approvals.
            (
                7,
                Scopes {
                    cross_border_investment: true,
                    foreign_exchange: true,
                    data_security: true,
                    ..s(true, true, true)
                },
            ),
            (
                KYC,
                Scopes {
                    eligibility: true,
                    ..Scopes::default()
                },
            ),
            (
                COURT,
                Scopes {
                    orders: true,
                    ..Scopes::default()
                },
            ),
        ] {
            let address = r.addrs[i].to_string();
            r.must(0, ExecuteMsg::AddOracle { address, scopes });
        }
        let issuer = r.addrs[2].to_string();
        r.must(0, ExecuteMsg::ApproveIssuer { address: issuer });
        for e in ["acme", "holdco", "founder"] {
            r.must(2, ExecuteMsg::RegisterEntity { id: e.into() });
        }
        r.must(
            2,
            ExecuteMsg::RegisterAsset {
                id: "bond".into(),
                filing_entity: "acme".into(),
                related_parties: vec![
                    rwa_gate::RelatedParty {
                        entity: "holdco".into(),
                        role: rwa_gate::PartyRole::ControllingShareholder,
                    },
                    rwa_gate::RelatedParty {
                        entity: "founder".into(),
                        role: rwa_gate::PartyRole::UltimateController,
                    },
                ],
                plan: rwa_gate::IssuancePlan {
                    approvals: vec![],
                    max_supply: Uint128::new(1_000_000),
                    materials_digest: digest(100),
                    terms: None,
                },
                token: rwa_gate::registry::TokenSpec {
                    name: "Bond token".into(),
                    symbol: "BOND".into(),
                    decimals: 6,
                },
            },
        );
        let now = r.env.block.time;
        r.must(
            3,
            ExecuteMsg::Attest(AttestMsg {
                asset: "bond".into(),
                statement: rwa_gate::StatementMsg::Filing {
                    filing_reference: "CSRC-2026-0042".into(),
                    plan: rwa_gate::IssuancePlan {
                        approvals: vec![],
                        max_supply: Uint128::new(1_000_000),
                        materials_digest: digest(100),
                        terms: None,
                    },
                    approved_supply: Uint128::new(1_000_000),
                },
                expires_at: now.plus_seconds(30 * DAY),
                evidence: rwa_gate::Evidence {
                    digest: digest(7),
                    uri: None,
                },
            }),
        );
        r.must(
            4,
            ExecuteMsg::Attest(AttestMsg {
                asset: "bond".into(),
                statement: rwa_gate::StatementMsg::Screening {
                    negative_list_version: 1,
                    subjects: vec!["acme".into(), "holdco".into(), "founder".into()],
                    lookback_from: now.minus_seconds(rwa_gate::LOOKBACK_SECONDS),
                },
                expires_at: now.plus_seconds(30 * DAY),
                evidence: rwa_gate::Evidence {
                    digest: digest(8),
                    uri: None,
                },
            }),
        );
        // `allround` and `kyc` sign offline with key 1: relayed statements verify from the
        // first step.
        for i in [7, KYC] {
            let public_key = Some(public_key(1));
            r.must(i, ExecuteMsg::SetSigningKey { public_key });
        }
        assert!(r.check("bond").allowed, "setup leaves bond cleared");
        r
    }

    pub fn addr(&self, i: usize) -> Addr {
        self.addrs[i % self.addrs.len()].clone()
    }

    pub fn now(&self) -> Timestamp {
        self.env.block.time
    }

    pub fn advance(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds / 5 + 1;
    }

    fn must(&mut self, sender: usize, msg: ExecuteMsg) {
        let dbg = format!("{msg:?}");
        assert!(self.exec(sender, false, msg), "setup step failed: {dbg}");
    }

    /// Runs one transaction: the execute, then its submessages and reply as wasmd would. A
    /// failure anywhere reverts every write of the transaction. Returns whether it committed.
    pub fn exec(&mut self, sender: usize, funds: bool, msg: ExecuteMsg) -> bool {
        let sender = self.addr(sender);
        let funds = if funds {
            vec![coin(1, "uosmo")]
        } else {
            vec![]
        };
        self.exec_addr(&sender, &funds, msg)
    }

    pub fn exec_addr(
        &mut self,
        sender: &Addr,
        funds: &[cosmwasm_std::Coin],
        msg: ExecuteMsg,
    ) -> bool {
        self.executed += 1;
        let snapshot = self.deps.storage.clone();
        let token_snapshot = self.token_storages();
        let msg_dbg = trace_enabled()
            .then(|| format!("{msg:?}"))
            .unwrap_or_default();
        let res = compliance_registry::contract::execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, funds),
            msg,
        );
        let trace = trace_enabled().then(|| msg_dbg.clone());
        let ok = match res {
            Ok(res) => self.dispatch(res),
            Err(e) => {
                if let Some(t) = &trace {
                    eprintln!("[registry] {sender} {t}\n  -> error: {e}");
                }
                false
            }
        };
        if ok {
            if let Some(t) = &trace {
                eprintln!("[registry] {sender} {t}\n  -> ok");
            }
        }
        if ok {
            self.succeeded += 1;
        } else {
            self.deps.storage = snapshot;
            self.restore_tokens(token_snapshot);
        }
        self.check_invariants();
        ok
    }

    fn token_storages(&self) -> BTreeMap<String, SnapStorage> {
        self.token_deps
            .iter()
            .map(|(a, d)| (a.clone(), d.storage.clone()))
            .collect()
    }

    /// Rolls every token back with the transaction that failed.
    fn restore_tokens(&mut self, snapshot: BTreeMap<String, SnapStorage>) {
        for (a, storage) in snapshot {
            if let Some(d) = self.token_deps.get_mut(&a) {
                d.storage = storage;
            }
        }
        self.sync_tokens();
    }

    /// What the registry's raw queries of its tokens read: their storage now.
    fn sync_tokens(&self) {
        *self.tokens.borrow_mut() = self.token_storages();
    }

    /// The token of `asset`, if the asset exists.
    pub fn token_of(&self, asset: &str) -> Option<Addr> {
        compliance_registry::state::ASSETS
            .may_load(&self.deps.storage, asset)
            .ok()
            .flatten()
            .and_then(|a| a.token)
    }

    /// Sends `msg` to the token of `asset` as actor `sender` (a mint or a transfer between
    /// holders): rolled back on error; a movement that reached an account is checked against
    /// the holder rule in force.
    pub fn exec_token(
        &mut self,
        sender: usize,
        asset: &str,
        msg: rwa_gate::token::ExecuteMsg,
    ) -> bool {
        let Some(token) = self.token_of(asset) else {
            return false;
        };
        let sender = self.addr(sender);
        self.executed += 1;
        let ok = self.run_token(&token, &sender, msg);
        if ok {
            self.succeeded += 1;
        }
        self.check_invariants();
        ok
    }

    /// One message to a token, as `sender`, reading the registry as it stands; rolled back on
    /// error. After a movement, the account that received must stand under the terms in force.
    fn run_token(&mut self, token: &Addr, sender: &Addr, msg: rwa_gate::token::ExecuteMsg) -> bool {
        use rwa_gate::token::ExecuteMsg as M;
        *self.registry_store.borrow_mut() = self.deps.storage.clone();
        let Some(tdeps) = self.token_deps.get_mut(token.as_str()) else {
            panic!("message to an unknown token {token}");
        };
        let snapshot = tdeps.storage.clone();
        let rules = TransferRules::load(&tdeps.storage).expect("transfer rules decode");
        let receiver = match &msg {
            M::Mint { recipient, .. } | M::Transfer { recipient, .. } => Some(recipient.clone()),
            M::MoveByOrder { to, .. } => Some(to.clone()),
            M::Recover { replacement, .. } => Some(replacement.clone()),
            _ => None,
        };
        let held = |d: &Deps, a: &str| {
            gated_token::state::BALANCES
                .may_load(&d.storage, &Addr::unchecked(a))
                .expect("balance decodes")
                .unwrap_or_default()
        };
        let before = receiver.as_deref().map(|r| held(tdeps, r));
        let transfer = matches!(msg, M::Transfer { .. });
        let mut tenv = self.env.clone();
        tenv.contract.address = token.clone();
        let dbg = trace_enabled().then(|| format!("{msg:?}"));
        let res =
            gated_token::contract::execute(tdeps.as_mut(), tenv, message_info(sender, &[]), msg);
        if let Some(m) = dbg {
            eprintln!("[token {token}] {sender} {m}\n  -> {res:?}");
        }
        if res.is_err() {
            tdeps.storage = snapshot;
            self.sync_tokens();
            return false;
        }
        if let (Some(r), Some(before), Some(t)) = (&receiver, before, &rules.terms) {
            if held(tdeps, r) > before {
                self.assert_may_hold(&t.terms, r, transfer);
            }
        }
        self.sync_tokens();
        true
    }

    /// FAIL OPEN check: `account` received tokens under `terms`, so the registry holds a
    /// standing statement for it that the terms admit (and the lock-up is over for a transfer).
    fn assert_may_hold(&self, terms: &rwa_gate::DistributionTerms, account: &str, transfer: bool) {
        use compliance_registry::state::{ELIGIBILITY, ORACLES};
        let s = &self.deps.storage;
        let now = self.env.block.time;
        let record = ELIGIBILITY
            .current(s, account)
            .expect("eligibility decodes")
            .unwrap_or_else(|| panic!("FAIL OPEN: {account} received without a statement"));
        let e = &record.statement;
        assert_eq!(
            e.status,
            rwa_gate::EligibilityStatus::Eligible,
            "FAIL OPEN: {account} received with a {:?} statement",
            e.status
        );
        assert!(
            now < e.expires_at,
            "FAIL OPEN: {account} received when expired"
        );
        let oracle = ORACLES
            .may_load(s, e.oracle.as_str())
            .expect("oracle decodes");
        assert!(
            oracle.is_some_and(|o| o.is_active()
                && o.scopes.eligibility
                && o.enrolment == e.enrolment),
            "FAIL OPEN: {account} received on the statement of an oracle that no longer stands"
        );
        assert!(
            terms.admits_class(e.class),
            "FAIL OPEN: class {} not admitted",
            e.class
        );
        assert!(
            !terms.excluded_jurisdictions.contains(&e.jurisdiction),
            "FAIL OPEN: jurisdiction {} excluded",
            e.jurisdiction
        );
        if transfer {
            assert!(
                terms.lockup_until.is_none_or(|until| now >= until),
                "FAIL OPEN: transfer during the lock-up"
            );
        }
    }

    /// Plays the response's messages: a token's instantiation, or a freeze pushed to a token.
    fn dispatch(&mut self, res: Response) -> bool {
        for sub in res.messages {
            if let CosmosMsg::Wasm(WasmMsg::Execute {
                contract_addr,
                msg,
                funds,
            }) = &sub.msg
            {
                assert!(funds.is_empty(), "registry sent funds to a token");
                let Ok(msg) = from_json::<rwa_gate::token::ExecuteMsg>(msg) else {
                    panic!("registry sent a token a message it cannot parse: {msg:?}");
                };
                assert!(
                    self.token_deps.contains_key(contract_addr),
                    "registry sent {msg:?} to an unknown contract {contract_addr}"
                );
                let registry = self.env.contract.address.clone();
                if !self.run_token(&Addr::unchecked(contract_addr), &registry, msg) {
                    return false;
                }
                continue;
            }
            let CosmosMsg::Wasm(WasmMsg::Instantiate {
                admin: _,
                code_id,
                msg,
                funds,
                label: _,
            }) = sub.msg
            else {
                panic!("registry emitted an unexpected message: {:?}", sub.msg);
            };
            assert!(funds.is_empty(), "registry sent funds to a token");
            assert_eq!(
                sub.id,
                compliance_registry::REPLY_TOKEN_INSTANTIATED,
                "unexpected reply id"
            );
            // Instantiate the token as wasmd would: a fresh contract, sender = registry.
            self.next_token += 1;
            let token = self
                .deps
                .api
                .addr_make(&format!("token-{}", self.next_token));
            let mut tdeps = new_deps();
            let mut tenv = self.env.clone();
            tenv.contract.address = token.clone();
            let Ok(init) = from_json::<rwa_gate::token::InstantiateMsg>(&msg) else {
                panic!("registry sent a token instantiate message the token cannot parse");
            };
            if gated_token::contract::instantiate(
                tdeps.as_mut(),
                tenv,
                message_info(&self.env.contract.address, &[]),
                init,
            )
            .is_err()
            {
                return false;
            }
            Supply::load(&tdeps.storage).expect("token supply saved");
            let registry = self.env.contract.address.to_string();
            let store = self.registry_store.clone();
            tdeps.querier.update_wasm(move |q| match q {
                WasmQuery::Raw { contract_addr, key } if *contract_addr == registry => {
                    let value = store.borrow().get(key.as_slice()).unwrap_or_default();
                    SystemResult::Ok(ContractResult::Ok(Binary::from(value)))
                }
                _ => SystemResult::Err(SystemError::Unknown {}),
            });
            self.token_deps.insert(token.to_string(), tdeps);
            self.sync_tokens();
            #[allow(deprecated)]
            let reply = Reply {
                id: sub.id,
                payload: sub.payload.clone(),
                gas_used: 0,
                result: SubMsgResult::Ok(SubMsgResponse {
                    events: vec![Event::new("instantiate")
                        .add_attribute("_contract_address", token.to_string())
                        .add_attribute("code_id", code_id.to_string())],
                    data: None,
                    msg_responses: vec![],
                }),
            };
            if compliance_registry::contract::reply(self.deps.as_mut(), self.env.clone(), reply)
                .is_err()
            {
                return false;
            }
        }
        true
    }

    pub fn query(&self, msg: QueryMsg) -> Option<Binary> {
        compliance_registry::contract::query(self.deps.as_ref(), self.env.clone(), msg).ok()
    }

    pub fn check(&self, asset: &str) -> rwa_gate::Decision {
        let bin = self
            .query(QueryMsg::CheckIssuance {
                asset: asset.into(),
                amount: Uint128::new(1),
                minter: None,
                recipient: None,
            })
            .expect("check_issuance answers for any asset id");
        from_json(bin).expect("decision decodes")
    }

    /// Invariants of the registry's stored state. Panics on violation.
    pub fn check_invariants(&mut self) {
        use compliance_registry::state::*;
        let s = &self.deps.storage;

        // Oracle register: the count matches and stays bounded.
        let oracles = ORACLES.page(s, None, usize::MAX).expect("oracles decode");
        let count = ORACLE_COUNT.load(s).expect("oracle count");
        assert_eq!(count as usize, oracles.len(), "ORACLE_COUNT drifted");
        assert!(count <= MAX_ORACLES, "more than MAX_ORACLES oracles");
        for o in &oracles {
            assert!(!o.scopes.is_empty(), "oracle with no scope");
        }

        // The epoch never goes back.
        let gate = GATE.load(s).expect("gate");
        assert!(gate.epoch >= self.last_epoch, "epoch decreased");
        self.last_epoch = gate.epoch;

        // Entities: the link counter matches the links, bounded.
        let entities = ENTITIES
            .range(s, None, None, Order::Ascending)
            .collect::<Result<Vec<_>, _>>()
            .expect("entities decode");
        for (id, e) in &entities {
            let links = ENTITY_ASSETS
                .prefix(id)
                .keys(s, None, None, Order::Ascending)
                .count();
            assert_eq!(links as u32, e.assets, "entity {id}: link counter drifted");
            assert!(
                e.assets <= MAX_ASSETS_PER_ENTITY,
                "entity {id} over its bound"
            );
        }

        // Flags: every active flag is listed once under its subject and vice versa.
        let flags = FLAGS
            .range(s, None, None, Order::Ascending)
            .collect::<Result<Vec<_>, _>>()
            .expect("flags decode");
        let active = ACTIVE_FLAGS
            .range(s, None, None, Order::Ascending)
            .collect::<Result<Vec<_>, _>>()
            .expect("active flags decode");
        let mut listed = 0usize;
        for ((tag, subject), ids) in &active {
            assert!(!ids.is_empty(), "empty active-flag list kept");
            assert!(
                ids.len() <= MAX_ACTIVE_FLAGS_PER_SUBJECT,
                "too many active flags"
            );
            for id in ids {
                let f = FLAGS.load(s, *id).expect("active flag exists");
                assert_eq!(f.status, FlagStatus::Active, "cleared flag listed active");
                assert_eq!(f.subject.tag(), *tag);
                assert_eq!(f.subject.subject_id(), subject);
                listed += 1;
            }
        }
        let active_count = flags
            .iter()
            .filter(|(_, f)| f.status == FlagStatus::Active)
            .count();
        assert_eq!(
            listed, active_count,
            "active flag missing from ACTIVE_FLAGS"
        );
        for (id, f) in &flags {
            assert!(
                SUBJECT_FLAGS.has(s, (f.subject.tag(), f.subject.subject_id(), *id)),
                "flag history lost"
            );
            if f.status == FlagStatus::Cleared {
                assert!(f.cleared_at.is_some() && f.cleared_by.is_some() && f.conclusion.is_some());
            }
        }

        // Assets: a committed asset always has its token and a clearance that mirrors it; a
        // clearance that allows issuance must still allow it once recomputed from the records
        // (a stale record may only be stricter: fail closed).
        let assets = ASSETS.page(s, None, usize::MAX).expect("assets decode");
        for a in &assets {
            let id = &a.id;
            // Current statements: each points at an unrevoked attestation of its kind on this
            // asset, at most one per oracle enrolment and kind, and an entry whose oracle is
            // enrolled under that enrolment names that oracle's own attestation.
            let set = STATEMENTS.load(s, id).expect("statement set decodes");
            for (i, entry) in set.0.iter().enumerate() {
                let att = ATTESTATIONS
                    .may_load(s, entry.id)
                    .expect("attestation decodes")
                    .expect("current attestation exists");
                assert_eq!(&att.asset, id);
                assert_eq!(att.kind(), entry.kind);
                assert!(
                    att.revoked_at.is_none(),
                    "revoked attestation still current"
                );
                assert!(
                    set.0[..i]
                        .iter()
                        .all(|e| (e.kind, e.enrolment) != (entry.kind, entry.enrolment)),
                    "two current statements of one enrolment and kind"
                );
                if let Some(o) = oracles.iter().find(|o| o.enrolment == entry.enrolment) {
                    assert_eq!(
                        o.address, att.oracle,
                        "statement filed under another oracle"
                    );
                }
            }

            let token = a.token.clone().expect("committed asset has a token");
            assert!(a.minters.len() <= MAX_MINTERS, "too many minters");
            let c: Clearance = CLEARANCES.load(s, id).expect("asset has a clearance");
            assert_eq!(c.token, token);
            assert_eq!(c.minters, a.minters, "clearance minters stale");
            assert_eq!(c.paused, a.paused, "clearance pause stale");
            assert_eq!(c.retired, a.status == rwa_gate::AssetStatus::Retired);
            assert_eq!(c.plan_max_supply, a.plan.max_supply, "clearance plan stale");
            let freezes = FREEZES.may_load(s, id).expect("freezes decode");
            if let Some(f) = &freezes {
                assert!(!f.is_empty(), "empty freeze list kept");
            }

            let req = IssuanceRequest {
                now: self.env.block.time,
                amount: Uint128::one(),
                minted: Uint128::zero(),
                minter: a.minters.first(),
                token: Some(&token),
            };
            let stored = evaluate(&gate, Some(&c), &req);
            let mut scratch = self.deps.storage.clone();
            let querier =
                cosmwasm_std::QuerierWrapper::<cosmwasm_std::Empty>::new(&self.deps.querier);
            let fresh_c = compliance_registry::clearance::recompute(
                &mut scratch,
                &querier,
                self.env.block.time,
                a,
            )
            .expect("recompute of a committed asset succeeds")
            .clearance;
            let fresh = evaluate(&gate, Some(&fresh_c), &req);
            if stored.allowed {
                assert!(
                    fresh.allowed,
                    "FAIL OPEN: stored clearance of {id} allows issuance, the records deny: \
                     {:?}\nstored: {c:?}\nfresh: {fresh_c:?}",
                    fresh.reasons
                );
            }
            // The freeze record follows the flags, recomputed or not.
            let fresh_freezes = FREEZES.may_load(&scratch, id).unwrap();
            assert_eq!(freezes, fresh_freezes, "freeze record of {id} stale");

            // Every query about the asset answers.
            for q in [
                QueryMsg::Asset { id: id.clone() },
                QueryMsg::Clearance { asset: id.clone() },
                QueryMsg::Minted { asset: id.clone() },
                QueryMsg::Attestations {
                    asset: id.clone(),
                    kind: None,
                    start_after: None,
                    limit: Some(30),
                },
                QueryMsg::Flags {
                    subject: Subject::Asset(id.clone()),
                    active_only: Some(false),
                    start_after: None,
                    limit: None,
                },
            ] {
                let dbg = format!("{q:?}");
                assert!(self.query(q).is_some(), "query failed: {dbg}");
            }
            let d = self.check(id);
            assert_eq!(d.allowed, d.reasons.is_empty());
        }
        for q in [
            QueryMsg::Config {},
            QueryMsg::Ownership {},
            QueryMsg::Gate {},
            QueryMsg::NegativeList {},
            QueryMsg::Oracles {
                start_after: None,
                limit: Some(30),
            },
            QueryMsg::Assets {
                start_after: None,
                limit: Some(30),
            },
        ] {
            let dbg = format!("{q:?}");
            assert!(self.query(q).is_some(), "query failed: {dbg}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Statements signed offline.

/// How many offline keys the harness signs with (seeds 0..KEY_SEEDS).
pub const KEY_SEEDS: u8 = 4;

/// The offline key of `seed` (taken modulo [`KEY_SEEDS`]).
pub fn signing_key(seed: u8) -> k256::ecdsa::SigningKey {
    let mut bytes = [0u8; 32];
    bytes[0] = 0x5e;
    bytes[31] = 1 + seed % KEY_SEEDS;
    k256::ecdsa::SigningKey::from_slice(&bytes).expect("a valid scalar")
}

/// The compressed public key of `seed`, as `SetSigningKey` takes it.
pub fn public_key(seed: u8) -> Binary {
    let point = signing_key(seed).verifying_key().to_encoded_point(true);
    Binary::from(point.as_bytes().to_vec())
}

/// What a relayed statement is signed for.
pub struct SignFor<'a> {
    pub chain_id: &'a str,
    pub registry: &'a str,
}

/// `statement` with its signature by the key of `seed` over its sign document for `to`.
pub fn sign(seed: u8, statement: SignedStatement, to: &SignFor<'_>) -> SignedStatement {
    use k256::ecdsa::signature::hazmat::PrehashSigner;
    let digest = SignDoc {
        chain_id: to.chain_id,
        registry: to.registry,
        oracle: &statement.oracle,
        nonce: statement.nonce,
        deadline: statement.deadline,
        actions: &statement.actions,
    }
    .digest()
    .expect("the document serializes");
    let signature: k256::ecdsa::Signature = signing_key(seed)
        .sign_prehash(&digest)
        .expect("signs a digest");
    let signature = signature.normalize_s().unwrap_or(signature);
    SignedStatement {
        signature: Binary::from(signature.to_bytes().to_vec()),
        ..statement
    }
}

/// A signature spoiled in one of the ways a relayer or an attacker might: truncated, extended,
/// a bit flipped, `s` negated (the high-s twin, which the chain's API accepts as its low twin),
/// zeroed; `how` of 5 or more leaves it as it is.
pub fn mangle(signature: &Binary, how: u8) -> Binary {
    let mut bytes = signature.to_vec();
    match how {
        0 => bytes.truncate(63),
        1 => bytes.push(0),
        2 => bytes[how as usize + 7] ^= 0x01,
        3 => {
            if let Ok(sig) = k256::ecdsa::Signature::from_slice(&bytes) {
                let (r, s) = sig.split_scalars();
                if let Ok(twin) = k256::ecdsa::Signature::from_scalars(r, -*s) {
                    bytes = twin.to_bytes().to_vec();
                }
            }
        }
        4 => bytes = vec![0; 64],
        _ => {}
    }
    Binary::from(bytes)
}

/// Whether `signature` verifies with `key` over `digest`, judged here, independently of the
/// contract and of the API it calls: a 64-byte `r ‖ s` (high s taken as its low twin, as the
/// chain's API does) by a compressed point.
fn verifies(key: &[u8], digest: &[u8; 32], signature: &[u8]) -> bool {
    use k256::ecdsa::signature::hazmat::PrehashVerifier;
    let (Ok(key), Ok(sig)) = (
        k256::ecdsa::VerifyingKey::from_sec1_bytes(key),
        k256::ecdsa::Signature::from_slice(signature),
    ) else {
        return false;
    };
    let sig = sig.normalize_s().unwrap_or(sig);
    key.verify_prehash(digest, &sig).is_ok()
}

impl Registry {
    /// The key the registry holds for `oracle`, as its query answers.
    fn signing_key_of(&self, oracle: &str) -> Option<Binary> {
        let msg = QueryMsg::SigningKey {
            oracle: oracle.to_string(),
        };
        let bytes = self.query(msg)?;
        from_json::<SigningKeyResponse>(&bytes).ok()?.public_key
    }

    fn nonce_used(&self, oracle: &str, nonce: u64) -> Option<bool> {
        let msg = QueryMsg::Nonce {
            oracle: oracle.to_string(),
            nonce,
        };
        let bytes = self.query(msg)?;
        from_json::<NonceResponse>(&bytes).ok().map(|n| n.used)
    }

    /// Relays `statement` as actor `sender`. The invariant of delegation: its actions are
    /// recorded only when its signature verifies, here, with the key the oracle has registered,
    /// for this chain and this registry, its nonce was unused and its deadline has not passed;
    /// a relay that fails spends no nonce.
    pub fn relay(&mut self, sender: usize, statement: SignedStatement) -> bool {
        let oracle = statement.oracle.clone();
        let nonce = statement.nonce;
        let used_before = self.nonce_used(&oracle, nonce);
        let key = self.signing_key_of(&oracle);
        let chain_id = self.env.block.chain_id.clone();
        let registry = self.env.contract.address.to_string();
        let digest = SignDoc {
            chain_id: &chain_id,
            registry: &registry,
            oracle: &oracle,
            nonce,
            deadline: statement.deadline,
            actions: &statement.actions,
        }
        .digest()
        .expect("the document serializes");
        let verified = key.is_some_and(|k| verifies(&k, &digest, &statement.signature));
        let in_time = self.now() <= statement.deadline;
        let ok = self.exec(sender, false, ExecuteMsg::Relay { statement });
        let used_after = self.nonce_used(&oracle, nonce);
        if ok {
            assert!(
                verified,
                "a statement was recorded whose signature does not verify"
            );
            assert_eq!(
                used_before,
                Some(false),
                "a statement was recorded with a used nonce"
            );
            assert!(in_time, "a statement was recorded after its deadline");
            assert_eq!(
                used_after,
                Some(true),
                "a recorded statement left its nonce unused"
            );
        } else {
            assert_eq!(
                used_after, used_before,
                "a refused statement changed its nonce"
            );
        }
        ok
    }
}

impl Default for Registry {
    fn default() -> Self {
        Self::new()
    }
}

/// The registry's view as the token sees it, plus ways for the registry to be unreadable.
#[derive(Clone, Debug, Default)]
pub struct RegistryView {
    pub gate: Option<Gate>,
    pub clearance: Option<Clearance>,
    pub freezes: Option<Vec<u64>>,
    /// The eligibility statements the registry holds, answered under their raw keys.
    pub statements: Vec<rwa_gate::distribution::EligibilityRecord>,
    /// Oracle enrolments that still stand as eligibility oracles.
    pub standing: Vec<u64>,
    /// 0: normal; 1: every query fails; 2: the gate key holds garbage; 3: the clearance key
    /// holds garbage; 4: normal. `freezes` is what the registry last pushed to the token
    /// (`Token::set_view` delivers it): the token keeps it itself and reads nothing of the
    /// registry to move tokens.
    pub fault: u8,
}

impl RegistryView {
    pub fn gate_readable(&self) -> bool {
        !matches!(self.fault % 5, 1 | 2)
    }
    pub fn clearance_readable(&self) -> bool {
        !matches!(self.fault % 5, 1 | 3)
    }
}

pub type SharedView = Rc<RefCell<RegistryView>>;

/// Answers the token's raw queries of the registry's `GATE` and `CLEARANCES[asset]` (their
/// binary records) from `view`, as gated-token's own unit tests do.
pub fn install_registry_view(deps: &mut Deps, registry: Addr, asset: &str, view: SharedView) {
    let registry = registry.into_string();
    let gate_key = GATE.key().to_vec();
    let clearance_key = CLEARANCES.key(asset);
    deps.querier.update_wasm(move |q| {
        let v = view.borrow();
        match q {
            WasmQuery::Raw { contract_addr, key } if *contract_addr == registry => {
                if v.fault % 5 == 1 {
                    return SystemResult::Err(SystemError::Unknown {});
                }
                let k = key.as_slice();
                let garbage = Some(Binary::from(b"\xff\xff\xff".as_slice()));
                let value = if k == gate_key.as_slice() {
                    if v.fault % 5 == 2 {
                        garbage
                    } else {
                        v.gate.as_ref().map(|g| Binary::from(GateRecord::encode(g)))
                    }
                } else if k == clearance_key.as_slice() {
                    if v.fault % 5 == 3 {
                        garbage
                    } else {
                        v.clearance.as_ref().map(|c| Binary::from(c.encode()))
                    }
                } else {
                    holder_record(&v, k)
                };
                SystemResult::Ok(ContractResult::Ok(value.unwrap_or_default()))
            }
            WasmQuery::Raw { contract_addr, .. } | WasmQuery::Smart { contract_addr, .. } => {
                SystemResult::Err(SystemError::NoSuchContract {
                    addr: contract_addr.clone(),
                })
            }
            _ => SystemResult::Err(SystemError::Unknown {}),
        }
    });
}

/// The view's eligibility statement or oracle standing under raw key `k`, if any.
fn holder_record(v: &RegistryView, k: &[u8]) -> Option<Binary> {
    use rwa_gate::records::{eligibility_key, eligibility_standing_key, encode_eligibility};
    if let Some(r) = v
        .statements
        .iter()
        .find(|r| eligibility_key(r.statement.account.as_str()) == k)
    {
        return Some(Binary::from(encode_eligibility(r)));
    }
    v.standing
        .iter()
        .any(|e| eligibility_standing_key(*e) == k)
        .then(|| Binary::from(b"\x01".as_slice()))
}

impl RegistryView {
    /// Whether `account` may receive now under `terms`, read straight from the view: a
    /// statement that stands, of a standing oracle, that the terms admit; for a transfer
    /// between holders, past the lock-up.
    pub fn may_hold(
        &self,
        terms: &rwa_gate::DistributionTerms,
        account: &str,
        now: Timestamp,
        transfer: bool,
    ) -> bool {
        let Some(r) = self
            .statements
            .iter()
            .find(|r| r.statement.account.as_str() == account)
        else {
            return false;
        };
        let e = &r.statement;
        e.status == rwa_gate::EligibilityStatus::Eligible
            && now < e.expires_at
            && self.standing.contains(&e.enrolment)
            && terms.admits_class(e.class)
            && !terms.excluded_jurisdictions.contains(&e.jurisdiction)
            && !(transfer && terms.lockup_until.is_some_and(|until| now < until))
    }
}

pub const TOKEN_ACTORS: &[&str] = &[
    "issuer", "minter", "alice", "bob", "carol", "dex", "registry", "stranger",
];
pub const TOKEN_ASSET: &str = "bond";

/// The token of `bond`, instantiated by the registry.
pub struct Token {
    pub deps: Deps,
    pub env: Env,
    pub addrs: Vec<Addr>,
    pub view: SharedView,
}

impl Token {
    pub fn new(view: RegistryView) -> Self {
        let mut deps = new_deps();
        let mut env = mock_env();
        env.block.time = Timestamp::from_seconds(GENESIS);
        env.contract.address = deps.api.addr_make("token");
        let addrs = TOKEN_ACTORS
            .iter()
            .map(|n| deps.api.addr_make(n))
            .collect::<Vec<_>>();
        let registry = addrs[6].clone();
        gated_token::contract::instantiate(
            deps.as_mut(),
            env.clone(),
            message_info(&registry, &[]),
            rwa_gate::token::InstantiateMsg {
                name: "Bond token".into(),
                symbol: "BOND".into(),
                decimals: 6,
                asset: TOKEN_ASSET.into(),
                issuer: addrs[0].to_string(),
                terms: None,
            },
        )
        .expect("token instantiates");
        let view = Rc::new(RefCell::new(view));
        install_registry_view(&mut deps, registry, TOKEN_ASSET, view.clone());
        Token {
            deps,
            env,
            addrs,
            view,
        }
    }

    pub fn addr(&self, i: usize) -> Addr {
        self.addrs[i % self.addrs.len()].clone()
    }

    pub fn state(&self) -> Supply {
        Supply::load(&self.deps.storage).expect("token supply")
    }

    /// A new registry view; the freeze in it is pushed to the token as the registry does, with
    /// `update_freeze` from the registry's address (more than the flag bound is refused).
    pub fn set_view(&mut self, view: RegistryView) {
        let flags = view.freezes.clone().unwrap_or_default();
        let registry = self.addrs[6].clone();
        let pushed = gated_token::contract::execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&registry, &[]),
            rwa_gate::token::ExecuteMsg::UpdateFreeze {
                flags: flags.clone(),
            },
        );
        assert_eq!(
            pushed.is_ok(),
            flags.len() <= rwa_gate::MAX_ACTIVE_FLAGS_PER_SUBJECT,
            "update_freeze answered {pushed:?} for {} flags",
            flags.len()
        );
        *self.view.borrow_mut() = view;
    }

    /// Runs one transaction, rolled back on error, then checks the invariants.
    pub fn exec(
        &mut self,
        sender: &Addr,
        funds: bool,
        msg: rwa_gate::token::ExecuteMsg,
    ) -> Result<Response, String> {
        use rwa_gate::token::ExecuteMsg as M;
        let snapshot = self.deps.storage.clone();
        let before = self.state();
        let before_rules = TransferRules::load(&self.deps.storage).expect("transfer rules decode");
        let before_frozen = before_rules.frozen.clone();
        let receiver = match &msg {
            M::Transfer { recipient, .. }
            | M::TransferFrom { recipient, .. }
            | M::Mint { recipient, .. } => {
                Some((recipient.clone(), !matches!(msg, M::Mint { .. })))
            }
            M::Send { contract, .. } | M::SendFrom { contract, .. } => {
                Some((contract.clone(), true))
            }
            M::MoveByOrder { to, .. } => Some((to.clone(), false)),
            M::Recover { replacement, .. } => Some((replacement.clone(), false)),
            _ => None,
        };
        let held_before = receiver.as_ref().map(|(r, _)| self.held(r));
        let view = self.view.borrow().clone();
        let funds = if funds {
            vec![coin(1, "uosmo")]
        } else {
            vec![]
        };
        let res = gated_token::contract::execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &funds),
            msg.clone(),
        )
        .map_err(|e| e.to_string());
        if res.is_err() {
            self.deps.storage = snapshot;
        }
        if trace_enabled() {
            eprintln!("[token] {sender} {msg:?}\n  view: {view:?}\n  -> {res:?}");
        }
        let after = self.state();

        // The gate: what a mint may do is decided by `evaluate` on what the registry holds.
        if let M::Mint { amount, .. } = &msg {
            if res.is_ok() {
                assert!(funds.is_empty(), "mint accepted funds");
                assert!(
                    view.gate_readable() && view.clearance_readable(),
                    "FAIL OPEN: mint succeeded while the registry was unreadable"
                );
                let gate = view.gate.clone().unwrap_or_default();
                let d = evaluate(
                    &gate,
                    view.clearance.as_ref(),
                    &IssuanceRequest {
                        now: self.env.block.time,
                        amount: *amount,
                        minted: before.minted,
                        minter: Some(sender),
                        token: Some(&self.env.contract.address),
                    },
                );
                assert!(
                    d.allowed,
                    "FAIL OPEN: mint succeeded, evaluate denies: {d:?}"
                );
                assert!(after.minted <= d.cap, "minted beyond the cap");
                assert_eq!(after.minted, before.minted + *amount);
            } else {
                assert_eq!(after.minted, before.minted);
            }
        }
        if res.is_ok() {
            if matches!(
                msg,
                M::Transfer { .. } | M::Send { .. } | M::TransferFrom { .. } | M::SendFrom { .. }
            ) {
                assert!(
                    before_frozen.is_empty(),
                    "FAIL OPEN: transfer while frozen by {before_frozen:?}"
                );
            }
            assert!(funds.is_empty(), "token accepted funds");
            assert!(after.minted >= before.minted, "cumulative minted went down");
            // The holder rule: an account that received under terms may hold.
            if let (Some((r, transfer)), Some(before), Some(t)) =
                (&receiver, held_before, &before_rules.terms)
            {
                if self.held(r) > before {
                    assert!(
                        view.may_hold(&t.terms, r, self.env.block.time, *transfer),
                        "FAIL OPEN: {r} received under {t:?}, which do not admit it"
                    );
                }
            }
        }
        self.check_invariants();
        res
    }

    fn held(&self, account: &str) -> Uint128 {
        gated_token::state::BALANCES
            .may_load(&self.deps.storage, &Addr::unchecked(account))
            .expect("balance decodes")
            .unwrap_or_default()
    }

    pub fn check_invariants(&self) {
        use gated_token::state::{ALLOWANCES, ALLOWANCES_SPENDER, BALANCES};
        let s = &self.deps.storage;
        let st = self.state();
        let sum = BALANCES
            .range(s, None, None, Order::Ascending)
            .map(|r| r.expect("balance decodes").1)
            .fold(Uint128::zero(), |a, b| {
                a.checked_add(b).expect("sum overflows")
            });
        assert_eq!(sum, st.total, "supply != sum of balances");
        assert!(st.minted >= st.total, "supply above cumulative minted");
        let by_owner = ALLOWANCES
            .range(s, None, None, Order::Ascending)
            .map(|r| r.expect("allowance decodes"))
            .map(|((o, sp), a)| ((o, sp), a))
            .collect::<BTreeMap<_, _>>();
        let by_spender = ALLOWANCES_SPENDER
            .range(s, None, None, Order::Ascending)
            .map(|r| r.expect("allowance decodes"))
            .map(|((sp, o), a)| ((o, sp), a))
            .collect::<BTreeMap<_, _>>();
        assert_eq!(by_owner, by_spender, "allowance indexes disagree");

        use rwa_gate::token::QueryMsg as Q;
        let a = self.addrs[2].to_string();
        let b = self.addrs[3].to_string();
        for q in [
            Q::TokenInfo {},
            Q::Minter {},
            Q::AssetInfo {},
            Q::Balance { address: a.clone() },
            Q::Allowance {
                owner: a.clone(),
                spender: b.clone(),
            },
            Q::AllAllowances {
                owner: a.clone(),
                start_after: None,
                limit: Some(30),
            },
            Q::AllSpenderAllowances {
                spender: b,
                start_after: None,
                limit: None,
            },
            Q::AllAccounts {
                start_after: Some(a),
                limit: Some(1000),
            },
        ] {
            let dbg = format!("{q:?}");
            gated_token::contract::query(self.deps.as_ref(), self.env.clone(), q)
                .unwrap_or_else(|e| panic!("query {dbg} failed: {e}"));
        }
    }
}

/// Smoke tests of the harnesses themselves (`cargo test --manifest-path fuzz/Cargo.toml --lib`):
/// the setup holds, and the holder side's messages travel from the registry to its token.
#[cfg(test)]
mod tests {
    use super::*;
    use rwa_gate::token::ExecuteMsg as T;
    use rwa_gate::{DistributionTerms, Evidence, InvestorClass, IssuancePlan};

    fn ev(seed: u64) -> Evidence {
        Evidence {
            digest: digest(seed),
            uri: None,
        }
    }

    fn eligible(r: &mut Registry, account: usize, holder: u64) -> bool {
        let now = r.now();
        let msg = ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
            account: r.addr(account).to_string(),
            holder: digest(holder),
            class: InvestorClass::Professional,
            jurisdiction: "HK".into(),
            expires_at: now.plus_seconds(DAY),
            evidence: ev(holder),
        });
        r.exec(KYC, false, msg)
    }

    /// The relay harness: a statement of `kyc` signed with its key 1 for here is recorded
    /// once; spoiled, for another chain or registry, with another key or late, it is refused,
    /// and its nonce stays unused (the harness asserts the invariant on every relay).
    #[test]
    fn relayed_statements_through_the_registry_harness() {
        let mut r = Registry::new();
        let (alice, stranger) = (10, 8);
        let statement = |r: &Registry, nonce, deadline: Timestamp| SignedStatement {
            oracle: r.addr(KYC).to_string(),
            nonce,
            deadline,
            actions: vec![rwa_gate::registry::OracleAction::AttestEligibility(
                AttestEligibilityMsg {
                    account: r.addr(alice).to_string(),
                    holder: digest(1),
                    class: InvestorClass::Professional,
                    jurisdiction: "HK".into(),
                    expires_at: r.now().plus_seconds(DAY),
                    evidence: ev(1),
                },
            )],
            signature: Binary::default(),
        };
        let chain_id = r.env.block.chain_id.clone();
        let registry = r.env.contract.address.to_string();
        let elsewhere = r.deps.api.addr_make("elsewhere").to_string();
        let here = SignFor {
            chain_id: &chain_id,
            registry: &registry,
        };
        let soon = r.now().plus_seconds(60);
        let good = sign(1, statement(&r, 3, soon), &here);
        for how in 0..5 {
            let spoiled = SignedStatement {
                signature: mangle(&good.signature, how),
                ..good.clone()
            };
            // The high-s twin (3) verifies as its low twin does: only the nonce stops a replay.
            assert_eq!(r.relay(stranger, spoiled.clone()), how == 3, "mangle {how}");
            assert!(!r.relay(stranger, spoiled), "replayed");
        }
        let other_chain = SignFor {
            chain_id: "another-chain-1",
            registry: &registry,
        };
        let other_registry = SignFor {
            chain_id: &chain_id,
            registry: &elsewhere,
        };
        for (seed, to) in [(1, &other_chain), (1, &other_registry), (2, &here)] {
            assert!(!r.relay(stranger, sign(seed, statement(&r, 4, soon), to)));
        }
        let late = sign(1, statement(&r, 5, soon), &here);
        r.advance(61);
        assert!(!r.relay(stranger, late));
        let on_time = sign(1, statement(&r, 5, r.now()), &here);
        assert!(r.relay(stranger, on_time));
    }

    #[test]
    fn holder_side_through_the_registry_harness() {
        let mut r = Registry::new();
        let (alice, bob, alice2, stranger) = (10, 13, 14, 8);
        let plan = IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(1_000_000),
            materials_digest: digest(100),
            terms: Some(Box::new(DistributionTerms {
                classes: Some(vec![InvestorClass::Professional]),
                ..DistributionTerms::default()
            })),
        };
        let update = ExecuteMsg::UpdatePlan {
            asset: "bond".into(),
            plan,
        };
        assert!(r.exec(2, false, update), "terms narrow at once");
        assert!(eligible(&mut r, alice, 1) && eligible(&mut r, alice2, 1));
        let mint = |to: &Addr, amount| T::Mint {
            recipient: to.to_string(),
            amount: Uint128::new(amount),
        };
        assert!(
            !r.exec_token(2, "bond", mint(&r.addr(bob), 5)),
            "bob is not eligible"
        );
        assert!(r.exec_token(2, "bond", mint(&r.addr(alice), 50)));
        let to_stranger = T::Transfer {
            recipient: r.addr(stranger).to_string(),
            amount: Uint128::new(1),
        };
        assert!(!r.exec_token(alice, "bond", to_stranger));
        assert!(eligible(&mut r, bob, 2));
        let order = ExecuteMsg::AttestOrder {
            asset: "bond".into(),
            order: ev(77),
            from: r.addr(alice).to_string(),
            to: r.addr(bob).to_string(),
            amount: Uint128::new(20),
        };
        assert!(r.exec(COURT, false, order));
        let execute = ExecuteMsg::ExecuteOrder { order: digest(77) };
        assert!(
            r.exec(2, false, execute.clone()),
            "the order is carried out"
        );
        assert!(!r.exec(2, false, execute), "once");
        let recover = ExecuteMsg::RecoverAccount {
            asset: "bond".into(),
            lost: r.addr(alice).to_string(),
            replacement: r.addr(alice2).to_string(),
        };
        assert!(r.exec(2, false, recover));
        let token = r.token_of("bond").unwrap();
        let held = |r: &Registry, i: usize| {
            gated_token::state::BALANCES
                .may_load(&r.token_deps[token.as_str()].storage, &r.addr(i))
                .unwrap()
                .unwrap_or_default()
                .u128()
        };
        assert_eq!(
            (held(&r, alice), held(&r, bob), held(&r, alice2)),
            (0, 20, 30)
        );
    }
}
