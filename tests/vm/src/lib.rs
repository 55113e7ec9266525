//! VM-level harness of rwa-gate: the optimized artifacts (`artifacts/*.wasm`, built by
//! `scripts/build.sh`) run in `cosmwasm-vm`, the VM that wasmvm embeds, through its public API:
//! `Cache::store_code` (the static checks wasmvm runs when a chain stores code, here with the
//! capability set of Osmosis v27), `Cache::get_instance` (a fresh instance per call, as wasmvm
//! does) and `call_instantiate` / `call_execute` / `call_query` / `call_reply`.
//!
//! **This is a querier/submessage shim for VM-level tests, not a chain.** It provides only what
//! the two contracts need from their host and nothing more:
//! - each contract's storage: a plain key-value map, shared with the querier so that one
//!   contract can read another's keys. A call that fails leaves it unchanged (its writes are
//!   undone, as a failed transaction's are), and it charges **no gas**: storage gas is SDK gas,
//!   which only the chain meters;
//! - a querier that answers `WasmQuery::Raw` by reading the named contract's storage (the token
//!   reads the registry's `GATE`, `CLEARANCES` and `FREEZES`; the registry reads the token's
//!   `TOKEN_STATE`); every other query is refused as unsupported. It charges no gas either;
//! - the one submessage the contracts emit: the registry's `WasmMsg::Instantiate` of a gated
//!   token. The harness instantiates the token and calls the registry's `reply` with the
//!   `instantiate` event wasmd emits (`_contract_address`, `code_id`) and the payload the
//!   registry set. Every other message (the `Receive` callback of a cw20 `send`, for one) is
//!   **not** dispatched: it is handed back in [`Outcome::messages`] for the test to inspect.
//!
//! There is no bank, no router, no ante handler and no gas model here. The only gas figures are
//! the VM's own: the CosmWasm gas a call consumed inside the VM (`Instance::get_gas_left` before
//! and after), which wasmd divides by 140,000 to charge SDK gas. Address validation goes through
//! `cosmwasm_vm::testing::MockApi`, whose per-call costs are wasmvm's (4 and 5 × 140,000).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use cosmwasm_std_v2 as v2;
use cosmwasm_std_v2::Checksum;
use cosmwasm_vm::testing::MockApi;
use cosmwasm_vm::{
    call_execute, call_instantiate, call_query, call_reply, capabilities_from_csv, Backend,
    BackendError, BackendResult, Cache, CacheOptions, GasInfo, Instance, InstanceOptions, Querier,
    Size, Storage,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What Osmosis v27 (wasmd v0.53.0, wasmvm v2.1.3) enables: DESIGN.md, "Toolchain facts".
pub const CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,\
cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,osmosis";
/// CosmWasm gas given to every call: high enough never to bind (wasmd derives it from the
/// transaction's gas limit; 10^13 VM gas is about 71 million SDK gas).
pub const GAS_LIMIT: u64 = 10_000_000_000_000;
/// wasmd's default memory limit of a contract instance.
pub const MEMORY_LIMIT: Size = Size::mebi(32);
/// Bech32 prefix of every address in the harness.
pub const PREFIX: &str = "osmo";
/// The version of the VM this harness runs.
pub const VM: &str = "cosmwasm-vm 2.2.10";

/// The path of an artifact of `scripts/build.sh` (or `scripts/gas.sh`, for `cw20_base.wasm`).
pub fn artifact_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../artifacts")
        .join(name)
}

/// Reads an artifact, failing loudly when it is missing.
pub fn artifact(name: &str) -> Vec<u8> {
    let path = artifact_path(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}. The VM tests run the optimized wasm: run scripts/build.sh first",
            path.display()
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Storage: one key-value map per contract, readable by the querier, undone when a call fails.

#[derive(Default)]
struct Kv {
    data: BTreeMap<Vec<u8>, Vec<u8>>,
    iterators: HashMap<u32, (Vec<v2::Record>, usize)>,
    /// Previous values of the keys written by the running transaction, oldest first.
    journal: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

/// The storage of one contract. Clones share the same map.
#[derive(Clone, Default)]
pub struct ContractStorage(Arc<Mutex<Kv>>);

impl ContractStorage {
    fn kv(&self) -> MutexGuard<'_, Kv> {
        self.0.lock().expect("storage lock poisoned")
    }

    /// The raw value under `key`, as a raw query sees it.
    pub fn read(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.kv().data.get(key).cloned()
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.kv().data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn commit(&self) {
        let mut kv = self.kv();
        kv.journal.clear();
        kv.iterators.clear();
    }

    fn rollback(&self) {
        let mut kv = self.kv();
        while let Some((key, old)) = kv.journal.pop() {
            match old {
                Some(value) => kv.data.insert(key, value),
                None => kv.data.remove(&key),
            };
        }
        kv.iterators.clear();
    }

    fn write(&self, key: &[u8], value: Option<&[u8]>) {
        let mut kv = self.kv();
        let old = match value {
            Some(value) => kv.data.insert(key.to_vec(), value.to_vec()),
            None => kv.data.remove(key),
        };
        kv.journal.push((key.to_vec(), old));
    }
}

impl Storage for ContractStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        (Ok(self.read(key)), GasInfo::free())
    }

    fn scan(
        &mut self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: v2::Order,
    ) -> BackendResult<u32> {
        use std::ops::Bound;
        let mut kv = self.kv();
        let lower = start.map_or(Bound::Unbounded, |s| Bound::Included(s.to_vec()));
        let upper = end.map_or(Bound::Unbounded, |e| Bound::Excluded(e.to_vec()));
        let empty = matches!((&lower, &upper), (Bound::Included(s), Bound::Excluded(e)) if s >= e);
        let mut records: Vec<v2::Record> = if empty {
            vec![]
        } else {
            kv.data
                .range((lower, upper))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        if order == v2::Order::Descending {
            records.reverse();
        }
        let id = u32::try_from(kv.iterators.len()).expect("too many iterators") + 1;
        kv.iterators.insert(id, (records, 0));
        (Ok(id), GasInfo::free())
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<v2::Record>> {
        let mut kv = self.kv();
        let Some((records, position)) = kv.iterators.get_mut(&iterator_id) else {
            return (
                Err(BackendError::iterator_does_not_exist(iterator_id)),
                GasInfo::free(),
            );
        };
        let item = records.get(*position).cloned();
        if item.is_some() {
            *position += 1;
        }
        (Ok(item), GasInfo::free())
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        self.write(key, Some(value));
        (Ok(()), GasInfo::free())
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        self.write(key, None);
        (Ok(()), GasInfo::free())
    }
}

// ---------------------------------------------------------------------------------------------
// Querier: raw reads of another contract's storage, nothing else.

type Contracts = Arc<Mutex<BTreeMap<String, ContractStorage>>>;

/// Answers `WasmQuery::Raw` from the storage of the named contract; refuses everything else.
#[derive(Clone)]
pub struct RawQuerier {
    contracts: Contracts,
}

impl Querier for RawQuerier {
    fn query_raw(
        &self,
        request: &[u8],
        _gas_limit: u64,
    ) -> BackendResult<v2::SystemResult<v2::ContractResult<v2::Binary>>> {
        let answer = match v2::from_json::<v2::QueryRequest<v2::Empty>>(request) {
            Ok(v2::QueryRequest::Wasm(v2::WasmQuery::Raw { contract_addr, key })) => {
                let storage = self
                    .contracts
                    .lock()
                    .expect("contracts lock poisoned")
                    .get(&contract_addr)
                    .cloned();
                match storage {
                    // wasmd answers an absent key with empty bytes; std reads them as `None`.
                    Some(storage) => v2::SystemResult::Ok(v2::ContractResult::Ok(
                        storage.read(key.as_slice()).unwrap_or_default().into(),
                    )),
                    None => v2::SystemResult::Err(v2::SystemError::NoSuchContract {
                        addr: contract_addr,
                    }),
                }
            }
            Ok(_) => v2::SystemResult::Err(v2::SystemError::UnsupportedRequest {
                kind: "only raw wasm queries are supported by this harness".to_string(),
            }),
            Err(e) => v2::SystemResult::Err(v2::SystemError::InvalidRequest {
                error: e.to_string(),
                request: request.into(),
            }),
        };
        (Ok(answer), GasInfo::free())
    }
}

// ---------------------------------------------------------------------------------------------
// Code: the artifacts, checked and compiled once per process.

type VmCache = Cache<MockApi, ContractStorage, RawQuerier>;

struct Codes {
    cache: VmCache,
    stored: Mutex<BTreeMap<String, Checksum>>,
}

fn codes() -> &'static Codes {
    static CODES: OnceLock<Codes> = OnceLock::new();
    CODES.get_or_init(|| {
        // One directory per process: the compiled modules of the artifacts. Directories left by
        // earlier processes that are gone are removed.
        let tmp = std::env::temp_dir();
        for entry in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("rwa-gate-vm-cache-") {
                if !std::path::Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = tmp.join(format!("rwa-gate-vm-cache-{}", std::process::id()));
        let options = CacheOptions::new(
            &dir,
            capabilities_from_csv(CAPABILITIES),
            Size::mebi(512),
            MEMORY_LIMIT,
        );
        // SAFETY: the directory is this process's own and fresh.
        let cache = unsafe { Cache::new(options) }.expect("cannot create the VM cache");
        Codes {
            cache,
            stored: Mutex::new(BTreeMap::new()),
        }
    })
}

/// Stores `artifacts/<name>` in the VM cache once per process: wasmvm's static checks with the
/// chain's capability set, then compilation.
fn checksum_of(name: &str) -> Checksum {
    let codes = codes();
    let mut stored = codes.stored.lock().expect("code lock poisoned");
    if let Some(checksum) = stored.get(name) {
        return *checksum;
    }
    let wasm = artifact(name);
    let checksum = codes
        .cache
        .store_code(&wasm, true, true)
        .unwrap_or_else(|e| panic!("the VM refuses artifacts/{name}: {e}"));
    stored.insert(name.to_string(), checksum);
    checksum
}

// ---------------------------------------------------------------------------------------------
// The harness.

/// What a successful call left behind.
#[derive(Debug)]
pub struct Outcome {
    /// CosmWasm gas the VM consumed for this call alone (not for the submessages it caused).
    pub gas: u64,
    pub attributes: Vec<v2::Attribute>,
    /// Messages the harness did not dispatch (anything but a token instantiation).
    pub messages: Vec<v2::CosmosMsg>,
    /// The contract a top-level instantiate created.
    pub address: Option<String>,
}

impl Outcome {
    /// The value of the first attribute named `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.key == key)
            .map(|a| a.value.as_str())
    }
}

/// Contracts in cosmwasm-vm, a block clock, and the submessage shim described at the top.
pub struct Vm {
    contracts: Contracts,
    /// Code id -> artifact checksum, in store order (code ids start at 1).
    code_ids: Vec<Checksum>,
    code_of: HashMap<String, u64>,
    pub block: v2::BlockInfo,
    api: MockApi,
    instantiated: u64,
}

impl Default for Vm {
    fn default() -> Self {
        Self::new()
    }
}

impl Vm {
    /// Height 1 at 7 February 2026, 00:00 UTC.
    pub fn new() -> Self {
        Vm {
            contracts: Arc::default(),
            code_ids: vec![],
            code_of: HashMap::new(),
            block: v2::BlockInfo {
                height: 1,
                time: v2::Timestamp::from_seconds(1_770_422_400),
                chain_id: "rwa-gate-vm".to_string(),
            },
            api: MockApi::default().with_prefix(PREFIX),
            instantiated: 0,
        }
    }

    /// A valid address derived from `name`.
    pub fn addr(&self, name: &str) -> String {
        self.api.addr_make(name)
    }

    /// Stores `artifacts/<name>` and returns its code id.
    pub fn store_code(&mut self, name: &str) -> u64 {
        self.code_ids.push(checksum_of(name));
        self.code_ids.len() as u64
    }

    /// Moves the clock forward (and the height, one block per 5 seconds).
    pub fn advance(&mut self, seconds: u64) {
        self.block.time = self.block.time.plus_seconds(seconds);
        self.block.height += seconds.div_ceil(5).max(1);
    }

    /// The storage of a contract, for the raw-key checks of the tests.
    pub fn storage(&self, contract: &str) -> ContractStorage {
        self.contracts
            .lock()
            .expect("contracts lock poisoned")
            .get(contract)
            .unwrap_or_else(|| panic!("no contract {contract}"))
            .clone()
    }

    /// Instantiates `code_id` as a top-level call.
    pub fn instantiate(
        &mut self,
        code_id: u64,
        sender: &str,
        msg: &impl Serialize,
    ) -> Result<Outcome, String> {
        let msg = to_json(msg);
        self.transaction(|vm, touched| vm.instantiate_inner(code_id, sender, &msg, touched))
    }

    /// Executes `msg` on `contract` as a top-level call.
    pub fn execute(
        &mut self,
        contract: &str,
        sender: &str,
        msg: &impl Serialize,
    ) -> Result<Outcome, String> {
        let msg = to_json(msg);
        let contract = contract.to_string();
        self.transaction(|vm, touched| {
            touched.push(vm.storage(&contract));
            let mut instance = vm.instance(&contract);
            let info = message_info(sender);
            let (result, gas) = metered(&mut instance, |i| {
                call_execute::<_, _, _, v2::Empty>(i, &vm.env(&contract), &info, &msg)
            });
            let response = result?;
            vm.dispatch(&contract, response, gas, touched)
        })
    }

    /// Runs a smart query of `contract` and decodes the answer into a std-3 type.
    pub fn query<T: DeserializeOwned>(
        &self,
        contract: &str,
        msg: &impl Serialize,
    ) -> Result<T, String> {
        let mut instance = self.instance(contract);
        let env = self.env(contract);
        let (result, _) = metered(&mut instance, |i| call_query(i, &env, &to_json(msg)));
        let bytes = result?;
        serde_json::from_slice(bytes.as_slice()).map_err(|e| format!("cannot decode answer: {e}"))
    }

    /// Runs `body`; undoes the writes of every touched contract and forgets the contracts it
    /// created when it fails.
    fn transaction(
        &mut self,
        body: impl FnOnce(&mut Self, &mut Vec<ContractStorage>) -> Result<Outcome, String>,
    ) -> Result<Outcome, String> {
        let known: HashSet<String> = self
            .contracts
            .lock()
            .expect("contracts lock poisoned")
            .keys()
            .cloned()
            .collect();
        let mut touched = vec![];
        let result = body(self, &mut touched);
        match &result {
            Ok(_) => touched.iter().for_each(ContractStorage::commit),
            Err(_) => {
                touched.iter().for_each(ContractStorage::rollback);
                let mut contracts = self.contracts.lock().expect("contracts lock poisoned");
                contracts.retain(|address, _| known.contains(address));
                self.code_of.retain(|address, _| known.contains(address));
            }
        }
        result
    }

    fn instantiate_inner(
        &mut self,
        code_id: u64,
        sender: &str,
        msg: &[u8],
        touched: &mut Vec<ContractStorage>,
    ) -> Result<Outcome, String> {
        if code_id == 0 || code_id as usize > self.code_ids.len() {
            return Err(format!("no code id {code_id}"));
        }
        self.instantiated += 1;
        let address = self.addr(&format!("contract {}", self.instantiated));
        let storage = ContractStorage::default();
        touched.push(storage.clone());
        self.contracts
            .lock()
            .expect("contracts lock poisoned")
            .insert(address.clone(), storage);
        self.code_of.insert(address.clone(), code_id);
        let mut instance = self.instance(&address);
        let info = message_info(sender);
        let env = self.env(&address);
        let (result, gas) = metered(&mut instance, |i| {
            call_instantiate::<_, _, _, v2::Empty>(i, &env, &info, msg)
        });
        let response = result?;
        let mut outcome = self.dispatch(&address, response, gas, touched)?;
        outcome.address = Some(address);
        Ok(outcome)
    }

    /// Carries out the token instantiations of a response (with their replies) and hands every
    /// other message back undispatched.
    fn dispatch(
        &mut self,
        contract: &str,
        response: v2::Response,
        gas: u64,
        touched: &mut Vec<ContractStorage>,
    ) -> Result<Outcome, String> {
        let mut outcome = Outcome {
            gas,
            attributes: response.attributes,
            messages: vec![],
            address: None,
        };
        for sub in response.messages {
            let v2::CosmosMsg::Wasm(v2::WasmMsg::Instantiate {
                code_id,
                msg,
                funds,
                ..
            }) = &sub.msg
            else {
                outcome.messages.push(sub.msg);
                continue;
            };
            if !funds.is_empty() {
                return Err("this harness has no bank: instantiation with funds".to_string());
            }
            let child = self.instantiate_inner(*code_id, contract, msg.as_slice(), touched)?;
            let address = child.address.expect("instantiate returns its address");
            if matches!(sub.reply_on, v2::ReplyOn::Success | v2::ReplyOn::Always) {
                #[allow(deprecated)] // `data`: wasmd still fills it for instantiations.
                let reply = v2::Reply {
                    id: sub.id,
                    payload: sub.payload.clone(),
                    gas_used: 0,
                    result: v2::SubMsgResult::Ok(v2::SubMsgResponse {
                        events: vec![v2::Event::new("instantiate")
                            .add_attribute("_contract_address", &address)
                            .add_attribute("code_id", code_id.to_string())],
                        data: None,
                        msg_responses: vec![],
                    }),
                };
                let mut instance = self.instance(contract);
                let env = self.env(contract);
                let (result, _) = metered(&mut instance, |i| {
                    call_reply::<_, _, _, v2::Empty>(i, &env, &reply)
                });
                let response = result?;
                if !response.messages.is_empty() {
                    return Err("this harness does not dispatch messages of a reply".to_string());
                }
                outcome.attributes.extend(response.attributes);
            }
        }
        Ok(outcome)
    }

    fn instance(&self, contract: &str) -> Instance<MockApi, ContractStorage, RawQuerier> {
        let code_id = *self
            .code_of
            .get(contract)
            .unwrap_or_else(|| panic!("no contract {contract}"));
        let checksum = self.code_ids[code_id as usize - 1];
        codes()
            .cache
            .get_instance(
                &checksum,
                Backend {
                    api: self.api,
                    storage: self.storage(contract),
                    querier: RawQuerier {
                        contracts: self.contracts.clone(),
                    },
                },
                InstanceOptions {
                    gas_limit: GAS_LIMIT,
                },
            )
            .expect("cannot create a VM instance")
    }

    fn env(&self, contract: &str) -> v2::Env {
        v2::Env {
            block: self.block.clone(),
            transaction: Some(v2::TransactionInfo { index: 0 }),
            contract: v2::ContractInfo {
                address: v2::Addr::unchecked(contract),
            },
        }
    }
}

/// Runs one call and measures the CosmWasm gas it consumed in the VM.
fn metered<T>(
    instance: &mut Instance<MockApi, ContractStorage, RawQuerier>,
    call: impl FnOnce(
        &mut Instance<MockApi, ContractStorage, RawQuerier>,
    ) -> cosmwasm_vm::VmResult<v2::ContractResult<T>>,
) -> (Result<T, String>, u64) {
    let before = instance.get_gas_left();
    let result = call(instance);
    let gas = before - instance.get_gas_left();
    debug_assert_eq!(instance.create_gas_report().used_externally, 0);
    let result = match result {
        Ok(v2::ContractResult::Ok(value)) => Ok(value),
        Ok(v2::ContractResult::Err(error)) => Err(error),
        Err(vm_error) => Err(format!("VM error: {vm_error}")),
    };
    (result, gas)
}

fn message_info(sender: &str) -> v2::MessageInfo {
    v2::MessageInfo {
        sender: v2::Addr::unchecked(sender),
        funds: vec![],
    }
}

fn to_json(msg: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(msg).expect("messages serialize")
}

pub mod scenario;
