//! Load and faults on a network of validators (`scripts/chain.sh --validators 4`), through the
//! project's own client: several oracle and issuer accounts post attestations, raise and clear
//! flags, mint and transfer, each account one transaction at a time, every client knowing all
//! the nodes. While they do, validators are killed, hung and restarted by PID (through
//! `scripts/chain.sh`). Afterwards it checks that every intended transaction was included
//! exactly once (by hash, on every node, and by the account's sequence), that the registry and
//! every token hold what a model of the included transactions predicts (queried on every node
//! at one height), and that every node reports the same app hash at the same height.
//!
//! Run by `scripts/load.sh` (which starts and stops the network); writes a JSON report and
//! exits non-zero when any transaction is lost or duplicated, or any node diverges.
//!
//! ```text
//! load --nodes URL,URL,... [--txs 1200] [--oracles 4] [--issuers 4] [--holders 4]
//!      [--max-seconds 900] [--faults full|short|none] [--validators 4]
//!      [--report artifacts/load-report.json] [--table FILE] [--label TEXT]
//! ```

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::cw20::{BalanceResponse, TokenInfoResponse};
use rwa_gate::registry::{
    AttestationsResponse, ExecuteMsg as RegistryMsg, FlagsResponse, InstantiateMsg, MintedResponse,
    NegativeListInit, QueryMsg, TokenSpec,
};
use rwa_gate::token::{ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use rwa_gate::types::LOOKBACK_SECONDS;
use rwa_gate::{
    Asset, AttestationKind, Evidence, FlagReason, FlagStatus, IssuancePlan, Params, Scopes,
    StatementMsg, Subject,
};
use rwa_gate_chain_tests::{artifact, localnet, repo_root};
use rwa_gate_client::{ChainConfig, Client, Error, Gas, Wallet};
use serde_json::{json, Value};

type R<T> = Result<T, String>;

/// Gas limit of every load transaction: no simulation, so a refused message is delivered and
/// fails on chain (and counts as included, failed). The heaviest here uses about 300k.
const LOAD_GAS: u64 = 2_000_000;
/// HD indices of the load accounts (faucet mnemonic); the test suites and cli-e2e use others.
const FIRST_INDEX: u32 = 7_000;
/// Active flags an oracle lets stand on its entity (the registry allows 8 per subject).
const MAX_OWN_ACTIVE_FLAGS: usize = 6;
const MAX_SUPPLY: u128 = 1_000_000_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Faults {
    Full,
    Short,
    None,
}

struct Args {
    nodes: Vec<String>,
    txs: usize,
    oracles: usize,
    issuers: usize,
    holders: usize,
    max_seconds: u64,
    faults: Faults,
    validators: usize,
    report: PathBuf,
    /// Where to write the figures as a Markdown table (scripts/load.sh puts it in
    /// docs/RELIABILITY.md).
    table: Option<PathBuf>,
    /// What was measured (scripts/load.sh: the commit and the time), first row of the table.
    label: Option<String>,
}

fn parse_args() -> R<Args> {
    let mut args = Args {
        nodes: std::env::var("RWA_GATE_NODE")
            .map(|v| rwa_gate_client::split_nodes(&v))
            .unwrap_or_default(),
        txs: 1_200,
        oracles: 4,
        issuers: 4,
        holders: 4,
        max_seconds: 900,
        faults: Faults::Full,
        validators: 4,
        report: repo_root().join("artifacts/load-report.json"),
        table: None,
        label: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{flag} {v}: {e}"));
        match flag.as_str() {
            "--nodes" => args.nodes = rwa_gate_client::split_nodes(&value()?),
            "--txs" => args.txs = number(value()?)?,
            "--oracles" => args.oracles = number(value()?)?,
            "--issuers" => args.issuers = number(value()?)?,
            "--holders" => args.holders = number(value()?)?,
            "--max-seconds" => args.max_seconds = number(value()?)? as u64,
            "--validators" => args.validators = number(value()?)?,
            "--report" => args.report = PathBuf::from(value()?),
            "--table" => args.table = Some(PathBuf::from(value()?)),
            "--label" => args.label = Some(value()?),
            "--faults" => {
                args.faults = match value()?.as_str() {
                    "full" => Faults::Full,
                    "short" => Faults::Short,
                    "none" => Faults::None,
                    other => return Err(format!("--faults full|short|none, not {other}")),
                }
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.nodes.len() != args.validators {
        return Err(format!(
            "{} node addresses for {} validators: pass --nodes (scripts/chain.sh --validators {} nodes)",
            args.nodes.len(),
            args.validators,
            args.validators
        ));
    }
    if args.oracles < 2 || args.issuers < 1 || args.holders < 1 {
        return Err("at least 2 oracles (one clears the other's flags), 1 issuer, 1 holder".into());
    }
    Ok(args)
}

fn main() {
    match run() {
        Ok(true) => {}
        Ok(false) => {
            eprintln!("load: CHECKS FAILED (see the report)");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    }
}

/// Lower-case hex sha256 of `seed`: a distinct evidence digest per transaction.
fn hex_digest(seed: &str) -> String {
    rwa_gate_client::sha256(seed.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn evidence(seed: &str) -> Evidence {
    Evidence {
        digest: hex_digest(seed),
        uri: None,
    }
}

fn secs(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}

fn progress(started: Instant, line: &str) {
    println!("[{:>6.1} s] {line}", started.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------------------------
// What is sent, and the model of what it does

/// The effect a transaction has when it is delivered successfully.
#[derive(Clone, Debug)]
enum Effect {
    Attest {
        asset: String,
        oracle: String,
        kind: AttestationKind,
        digest: String,
    },
    Raise {
        oracle: usize,
        entity: String,
        digest: String,
    },
    Clear {
        raiser: usize,
        flag: u64,
    },
    Mint {
        asset: usize,
        to: String,
        amount: u128,
    },
    Transfer {
        asset: usize,
        from: String,
        to: String,
        amount: u128,
    },
}

impl Effect {
    fn kind(&self) -> &'static str {
        match self {
            Effect::Attest {
                kind: AttestationKind::Filing,
                ..
            } => "attest_filing",
            Effect::Attest { .. } => "attest_screening",
            Effect::Raise { .. } => "raise_flag",
            Effect::Clear { .. } => "clear_flag",
            Effect::Mint { .. } => "mint",
            Effect::Transfer { .. } => "transfer",
        }
    }
}

#[derive(Clone, Debug)]
enum Outcome {
    /// Included and executed: hash, height, latency from the first broadcast to the client
    /// seeing it in a block.
    Included {
        hash: String,
        height: u64,
        latency: Duration,
    },
    /// Included, and refused on delivery (rolled back; its sequence is used).
    Refused { hash: String, reason: String },
    /// Never signed: nothing can be on chain.
    NotSent { reason: String },
    /// Signed and maybe sent, not seen included before the client's deadline.
    Unknown { reason: String },
}

#[derive(Clone, Debug)]
struct Intent {
    worker: usize,
    signer: String,
    effect: Effect,
    /// Every signature made of it: (hash, sequence). One, unless a node refused the first for a
    /// wrong sequence before it could be anywhere.
    signed: Vec<(String, u64)>,
    outcome: Outcome,
}

/// What the registry and the tokens must hold, from the setup and the included transactions.
#[derive(Default, Debug, PartialEq)]
struct Model {
    /// (asset, oracle, kind, evidence digest), each once.
    attestations: BTreeSet<(String, String, String, String)>,
    /// Per flagged entity: (raiser, evidence digest, cleared).
    flags: BTreeMap<String, BTreeSet<(String, String, bool)>>,
    /// Per asset index: balances by address, and total supply.
    balances: Vec<BTreeMap<String, u128>>,
    supply: Vec<u128>,
}

impl Model {
    fn kind_name(kind: AttestationKind) -> &'static str {
        match kind {
            AttestationKind::Filing => "filing",
            AttestationKind::Screening => "screening",
        }
    }

    fn apply(&mut self, effect: &Effect, flag_digests: &BTreeMap<u64, String>, oracles: &[String]) {
        match effect {
            Effect::Attest {
                asset,
                oracle,
                kind,
                digest,
            } => {
                self.attestations.insert((
                    asset.clone(),
                    oracle.clone(),
                    Self::kind_name(*kind).into(),
                    digest.clone(),
                ));
            }
            Effect::Raise {
                oracle,
                entity,
                digest,
            } => {
                self.flags.entry(entity.clone()).or_default().insert((
                    oracles[*oracle].clone(),
                    digest.clone(),
                    false,
                ));
            }
            Effect::Clear { raiser, flag, .. } => {
                if let Some(raised) = flag_digests.get(flag) {
                    let entity = format!("watch-{raiser}");
                    let set = self.flags.entry(entity).or_default();
                    let key = (oracles[*raiser].clone(), raised.clone(), false);
                    if set.remove(&key) {
                        set.insert((key.0, key.1, true));
                    }
                }
            }
            Effect::Mint { asset, to, amount } => {
                *self.balances[*asset].entry(to.clone()).or_default() += amount;
                self.supply[*asset] += amount;
            }
            Effect::Transfer {
                asset,
                from,
                to,
                amount,
            } => {
                let b = &mut self.balances[*asset];
                let from_balance = b.entry(from.clone()).or_default();
                *from_balance = from_balance.saturating_sub(*amount);
                *b.entry(to.clone()).or_default() += amount;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The deployment

struct Deployed {
    registry: String,
    assets: Vec<String>,
    tokens: Vec<String>,
    oracles: Vec<Wallet>,
    issuers: Vec<Wallet>,
    holders: Vec<String>,
    /// Attestations posted during the setup (part of the model).
    setup_attestations: Vec<Effect>,
    expires_at: Timestamp,
    lookback_from: Timestamp,
}

fn send(client: &Client, wallet: &Wallet, contract: &str, msgs: &[RegistryMsg]) -> R<()> {
    let anys = msgs
        .iter()
        .map(|m| client.execute_msg(wallet, contract, m, &[]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    client
        .broadcast(wallet, &anys, Gas::Simulate)
        .map(|_| ())
        .map_err(|e| format!("{} by {}: {e}", msgs.len(), wallet.address()))
}

fn deploy(client: &Client, args: &Args, started: Instant) -> R<Deployed> {
    let net = localnet();
    let key = |i: u32| net.account(i).map_err(|e| e.to_string());
    let faucet = key(0)?;
    let deployer = key(FIRST_INDEX)?;
    let oracles = (0..args.oracles)
        .map(|i| key(FIRST_INDEX + 1 + i as u32))
        .collect::<R<Vec<_>>>()?;
    let issuers = (0..args.issuers)
        .map(|i| key(FIRST_INDEX + 50 + i as u32))
        .collect::<R<Vec<_>>>()?;
    let holders = (0..args.holders)
        .map(|i| key(FIRST_INDEX + 100 + i as u32).map(|w| w.address().to_string()))
        .collect::<R<Vec<_>>>()?;

    progress(started, "setup: funding the deployer, oracles and issuers");
    let mut funded = vec![deployer.address().clone()];
    funded.extend(oracles.iter().map(|w| w.address().clone()));
    funded.extend(issuers.iter().map(|w| w.address().clone()));
    client
        .fund(&faucet, &funded, 1_000_000)
        .map_err(|e| format!("funding: {e}"))?;

    progress(
        started,
        "setup: storing the codes (found by checksum when already stored)",
    );
    let store = |name: &str| {
        client
            .store_code_once(&deployer, &artifact(name))
            .map_err(|e| format!("storing {name}.wasm: {e}"))
    };
    let registry_code = store("compliance_registry")?;
    let token_code = store("gated_token")?;

    progress(started, "setup: the registry, its oracles and issuers");
    let params = Params {
        flag_quorum: 1,
        ..Params::default()
    };
    let (registry, _) = client
        .instantiate(
            &deployer,
            registry_code,
            &InstantiateMsg {
                owner: None,
                pauser: None,
                token_code_id: token_code,
                params: Some(params),
                negative_list: NegativeListInit {
                    version: 1,
                    digest: hex_digest("negative list v1"),
                },
            },
            "compliance-registry (load)",
            Some(deployer.address().as_ref()),
        )
        .map_err(|e| format!("instantiating the registry: {e}"))?;
    let mut owner_msgs: Vec<RegistryMsg> = oracles
        .iter()
        .map(|o| RegistryMsg::AddOracle {
            address: o.address().to_string(),
            scopes: Scopes {
                filing: true,
                screening: true,
                flags: true,
            },
        })
        .collect();
    owner_msgs.extend(issuers.iter().map(|i| RegistryMsg::ApproveIssuer {
        address: i.address().to_string(),
    }));
    send(client, &deployer, &registry, &owner_msgs)?;

    progress(started, "setup: entities, assets and their tokens");
    // The first issuer registers the entities the oracles flag: linked to no asset, so their
    // flags block nothing the load mints.
    let watch: Vec<RegistryMsg> = (0..args.oracles)
        .map(|i| RegistryMsg::RegisterEntity {
            id: format!("watch-{i}"),
        })
        .collect();
    send(client, &issuers[0], &registry, &watch)?;
    let mut assets = Vec::new();
    for (j, issuer) in issuers.iter().enumerate() {
        let asset = format!("asset-{j}");
        let symbol: String = format!("LD{}", (b'A' + (j % 26) as u8) as char);
        send(
            client,
            issuer,
            &registry,
            &[
                RegistryMsg::RegisterEntity {
                    id: format!("issuer-{j}"),
                },
                RegistryMsg::RegisterAsset {
                    id: asset.clone(),
                    filing_entity: format!("issuer-{j}"),
                    related_parties: vec![],
                    plan: IssuancePlan {
                        max_supply: Uint128::new(MAX_SUPPLY),
                        materials_digest: hex_digest(&format!("plan of {asset}")),
                    },
                    token: TokenSpec {
                        name: format!("Load asset {j}"),
                        symbol,
                        decimals: 6,
                    },
                },
            ],
        )?;
        assets.push(asset);
    }
    let mut tokens = Vec::new();
    for asset in &assets {
        let record: Asset = client
            .query(&registry, &QueryMsg::Asset { id: asset.clone() })
            .map_err(|e| format!("asset {asset}: {e}"))?;
        let token = record
            .token
            .ok_or_else(|| format!("asset {asset} has no token"))?;
        tokens.push(token.to_string());
    }

    progress(
        started,
        "setup: a filing and a screening of every asset (clears issuance)",
    );
    let (_, now) = client.latest_block().map_err(|e| e.to_string())?;
    let now = Timestamp::from_nanos(now);
    let expires_at = now.plus_seconds(60 * 86_400);
    let lookback_from = now.minus_seconds(LOOKBACK_SECONDS);
    let mut setup_attestations = Vec::new();
    let mut msgs = Vec::new();
    for asset in &assets {
        for kind in [AttestationKind::Filing, AttestationKind::Screening] {
            let digest = hex_digest(&format!("setup {asset} {kind:?}"));
            msgs.push(attest_msg(
                asset,
                kind,
                &digest,
                &registry_plan_digest(asset),
                expires_at,
                lookback_from,
            ));
            setup_attestations.push(Effect::Attest {
                asset: asset.clone(),
                oracle: oracles[0].address().to_string(),
                kind,
                digest,
            });
        }
    }
    send(client, &oracles[0], &registry, &msgs)?;
    Ok(Deployed {
        registry,
        assets,
        tokens,
        oracles,
        issuers,
        holders,
        setup_attestations,
        expires_at,
        lookback_from,
    })
}

fn registry_plan_digest(asset: &str) -> String {
    hex_digest(&format!("plan of {asset}"))
}

fn attest_msg(
    asset: &str,
    kind: AttestationKind,
    digest: &str,
    plan_digest: &str,
    expires_at: Timestamp,
    lookback_from: Timestamp,
) -> RegistryMsg {
    let statement = match kind {
        AttestationKind::Filing => StatementMsg::Filing {
            filing_reference: format!("CSRC-LOAD-{asset}"),
            plan: IssuancePlan {
                max_supply: Uint128::new(MAX_SUPPLY),
                materials_digest: plan_digest.to_string(),
            },
            approved_supply: Uint128::new(MAX_SUPPLY),
        },
        AttestationKind::Screening => StatementMsg::Screening {
            negative_list_version: 1,
            subjects: vec![asset.replace("asset-", "issuer-")],
            lookback_from,
        },
    };
    RegistryMsg::Attest {
        asset: asset.to_string(),
        statement,
        expires_at,
        evidence: Evidence {
            digest: digest.to_string(),
            uri: None,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The workers

struct Shared {
    done: AtomicUsize,
    stop: AtomicBool,
    /// Per oracle: ids of the flags it raised that no one has taken to clear yet.
    to_clear: Mutex<Vec<VecDeque<u64>>>,
    /// Per oracle: flags on its entity raised and not yet seen cleared.
    active: Mutex<Vec<usize>>,
    /// Flag id -> evidence digest of its raise.
    flag_digests: Mutex<BTreeMap<u64, String>>,
    /// Current node of each worker's client.
    current: Mutex<Vec<String>>,
    intents: Mutex<Vec<Intent>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[derive(Clone, Copy)]
enum Role {
    Oracle(usize),
    Issuer(usize),
}

/// The next transaction of a worker: the contract, the message as JSON, its effect.
fn plan(
    role: Role,
    step: usize,
    d: &Deployed,
    shared: &Shared,
    oracles: &[String],
) -> (String, Value, Effect) {
    match role {
        Role::Oracle(i) => {
            let asset = &d.assets[(i + step / 4) % d.assets.len()];
            let attest = |kind: AttestationKind| {
                let digest = hex_digest(&format!("oracle {i} step {step} {kind:?}"));
                let msg = attest_msg(
                    asset,
                    kind,
                    &digest,
                    &registry_plan_digest(asset),
                    d.expires_at,
                    d.lookback_from,
                );
                (
                    d.registry.clone(),
                    serde_json::to_value(&msg).unwrap_or(Value::Null),
                    Effect::Attest {
                        asset: asset.clone(),
                        oracle: oracles[i].clone(),
                        kind,
                        digest,
                    },
                )
            };
            let may_raise = lock(&shared.active)[i] < MAX_OWN_ACTIVE_FLAGS;
            match step % 4 {
                0 => attest(AttestationKind::Filing),
                1 => attest(AttestationKind::Screening),
                2 if may_raise => {
                    let digest = hex_digest(&format!("oracle {i} step {step} flag"));
                    let msg = RegistryMsg::RaiseFlag {
                        subject: Subject::Entity(format!("watch-{i}")),
                        reason: FlagReason::UnderInvestigation,
                        evidence: evidence(&format!("oracle {i} step {step} flag")),
                    };
                    // Counted before it is sent: the bound holds whatever its fate.
                    lock(&shared.active)[i] += 1;
                    (
                        d.registry.clone(),
                        serde_json::to_value(&msg).unwrap_or(Value::Null),
                        Effect::Raise {
                            oracle: i,
                            entity: format!("watch-{i}"),
                            digest,
                        },
                    )
                }
                2 => attest(AttestationKind::Filing),
                _ => {
                    let raiser = (i + 1) % oracles.len();
                    let flag = lock(&shared.to_clear)[raiser].pop_front();
                    match flag {
                        Some(flag) => {
                            let msg = RegistryMsg::ClearFlag {
                                id: flag,
                                conclusion: evidence(&format!("oracle {i} step {step} clear")),
                            };
                            (
                                d.registry.clone(),
                                serde_json::to_value(&msg).unwrap_or(Value::Null),
                                Effect::Clear { raiser, flag },
                            )
                        }
                        None => attest(AttestationKind::Screening),
                    }
                }
            }
        }
        Role::Issuer(j) => {
            let me = d.issuers[j].address().to_string();
            let holder = d.holders[(j + step / 2) % d.holders.len()].clone();
            let (to, amount, transfer) = match step % 4 {
                0 => (me.clone(), 1_000 + step as u128, false),
                1 => (holder, 10 + (step % 40) as u128, true),
                2 => (holder, 500 + step as u128, false),
                _ => (holder, 20 + (step % 30) as u128, true),
            };
            let (msg, effect) = if transfer {
                (
                    TokenMsg::Transfer {
                        recipient: to.clone(),
                        amount: Uint128::new(amount),
                    },
                    Effect::Transfer {
                        asset: j,
                        from: me,
                        to,
                        amount,
                    },
                )
            } else {
                (
                    TokenMsg::Mint {
                        recipient: to.clone(),
                        amount: Uint128::new(amount),
                    },
                    Effect::Mint {
                        asset: j,
                        to,
                        amount,
                    },
                )
            };
            (
                d.tokens[j].clone(),
                serde_json::to_value(&msg).unwrap_or(Value::Null),
                effect,
            )
        }
    }
}

fn client_for(args: &Args, first: usize) -> R<Client> {
    let mut nodes = args.nodes.clone();
    let len = nodes.len();
    nodes.rotate_left(first % len);
    let mut config = ChainConfig::with_nodes(nodes, localnet().config.chain_id);
    // A hung node is left after 3 s; a transaction may take a while when a proposer is down.
    config.request_timeout = Duration::from_secs(3);
    config.inclusion_timeout = Duration::from_secs(120);
    config.rebroadcast_interval = Duration::from_secs(3);
    Client::connect(config).map_err(|e| e.to_string())
}

#[allow(clippy::too_many_arguments)]
fn worker(
    index: usize,
    role: Role,
    wallet: &Wallet,
    quota: usize,
    args: &Args,
    d: &Deployed,
    shared: &Shared,
    oracles: &[String],
    deadline: Instant,
) -> R<rwa_gate_client::Stats> {
    let client = client_for(args, index)?;
    let signer = wallet.address().to_string();
    for step in 0..quota {
        if Instant::now() > deadline || shared.stop.load(Ordering::SeqCst) {
            break;
        }
        lock(&shared.current)[index] = client.current_node().to_string();
        let (contract, msg, effect) = plan(role, step, d, shared, oracles);
        let mut signed: Vec<(String, u64)> = Vec::new();
        let started = Instant::now();
        let result = client
            .execute_msg(wallet, &contract, &msg, &[])
            .and_then(|any| {
                client.broadcast_tracked(wallet, &[any], Gas::Fixed(LOAD_GAS), &mut |tx| {
                    signed.push((tx.hash.clone(), tx.sequence))
                })
            });
        let outcome = match result {
            Ok(outcome) => {
                match &effect {
                    Effect::Raise { oracle, digest, .. } => {
                        let id = outcome
                            .wasm_attr("flag")
                            .and_then(|v| v.parse::<u64>().ok());
                        if let Some(id) = id {
                            lock(&shared.flag_digests).insert(id, digest.clone());
                            lock(&shared.to_clear)[*oracle].push_back(id);
                        }
                    }
                    Effect::Clear { raiser, .. } => {
                        let mut active = lock(&shared.active);
                        active[*raiser] = active[*raiser].saturating_sub(1);
                    }
                    _ => {}
                }
                Outcome::Included {
                    hash: outcome.hash,
                    height: outcome.height,
                    latency: started.elapsed(),
                }
            }
            Err(Error::Contract {
                message,
                tx: Some(hash),
            }) => Outcome::Refused {
                hash,
                reason: message,
            },
            Err(e) if signed.is_empty() => Outcome::NotSent {
                reason: e.to_string(),
            },
            Err(e) => Outcome::Unknown {
                reason: e.to_string(),
            },
        };
        if let Outcome::Refused { .. } = outcome {
            if let Effect::Raise { oracle, .. } = &effect {
                let mut active = lock(&shared.active);
                active[*oracle] = active[*oracle].saturating_sub(1);
            }
        }
        lock(&shared.intents).push(Intent {
            worker: index,
            signer: signer.clone(),
            effect,
            signed,
            outcome,
        });
        shared.done.fetch_add(1, Ordering::SeqCst);
    }
    lock(&shared.current)[index] = client.current_node().to_string();
    Ok(client.stats())
}

// ---------------------------------------------------------------------------------------------
// Faults

#[derive(Clone, Copy, Debug)]
enum Action {
    /// SIGKILL a fixed node.
    Kill(usize),
    /// SIGSTOP the node worker 0 talks to now.
    HangWorkerNode,
    /// SIGKILL the node worker 0 talks to now.
    KillWorkerNode,
    /// SIGKILL the node hung before.
    KillHung,
    /// Start the node(s) down again; later faults wait until they have caught up.
    RestartDown,
}

fn schedule(faults: Faults, validators: usize) -> Vec<(f64, Action)> {
    match faults {
        Faults::Full => vec![
            (0.15, Action::Kill(validators - 1)),
            (0.35, Action::RestartDown),
            (0.50, Action::HangWorkerNode),
            (0.62, Action::KillHung),
            (0.75, Action::RestartDown),
        ],
        Faults::Short => vec![(0.25, Action::KillWorkerNode), (0.55, Action::RestartDown)],
        Faults::None => vec![],
    }
}

fn chain_sh(validators: usize, command: &str, node: usize) -> R<String> {
    let script = repo_root().join("scripts/chain.sh");
    let out = Command::new("bash")
        .arg(&script)
        .args(["--validators", &validators.to_string(), command])
        .arg(node.to_string())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() {
        return Err(format!(
            "chain.sh {command} {node} failed: {text} {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(text.lines().last().unwrap_or_default().to_string())
}

/// Single-node clients, one per node, for watching and checking (short timeouts).
fn node_clients(args: &Args) -> Vec<Option<Client>> {
    args.nodes
        .iter()
        .map(|url| {
            let mut config = ChainConfig::with_nodes(vec![url.clone()], localnet().config.chain_id);
            config.request_timeout = Duration::from_secs(2);
            Client::connect(config).ok()
        })
        .collect()
}

/// Height and catching-up of each node; `None` for a node that does not answer.
fn heights(args: &Args) -> Vec<Option<(u64, bool)>> {
    node_clients(args)
        .iter()
        .map(|c| {
            c.as_ref()
                .and_then(|c| c.node_statuses().pop())
                .and_then(|s| s.ok())
                .map(|s| (s.height, s.catching_up))
        })
        .collect()
}

fn caught_up(args: &Args) -> bool {
    let hs = heights(args);
    let max = hs.iter().flatten().map(|(h, _)| *h).max().unwrap_or(0);
    hs.iter()
        .all(|h| matches!(h, Some((height, false)) if height + 2 >= max))
}

// ---------------------------------------------------------------------------------------------

fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn ms(d: Option<Duration>) -> Value {
    d.map(|d| json!(d.as_millis() as u64))
        .unwrap_or(Value::Null)
}

fn run() -> R<bool> {
    let args = parse_args()?;
    let started = Instant::now();
    let wall_start = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    progress(
        started,
        &format!(
            "load: {} transactions by {} oracles and {} issuers against {} nodes ({}), faults {:?}, at most {} s",
            args.txs,
            args.oracles,
            args.issuers,
            args.nodes.len(),
            args.nodes.join(", "),
            args.faults,
            args.max_seconds
        ),
    );
    let admin = client_for(&args, 0)?;
    let d = deploy(&admin, &args, started)?;
    let oracles: Vec<String> = d.oracles.iter().map(|w| w.address().to_string()).collect();

    // Sequences before the load: every load transaction must add exactly one.
    let mut accounts: Vec<(String, &Wallet)> = Vec::new();
    for w in d.oracles.iter().chain(d.issuers.iter()) {
        accounts.push((w.address().to_string(), w));
    }
    let mut start_sequence = BTreeMap::new();
    for (address, w) in &accounts {
        let (_, seq) = admin
            .account(w.address())
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("account {address} unknown after funding"))?;
        start_sequence.insert(address.clone(), seq);
    }
    let (first_height, _) = admin.latest_block().map_err(|e| e.to_string())?;

    let workers = args.oracles + args.issuers;
    let shared = Shared {
        done: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        to_clear: Mutex::new(vec![VecDeque::new(); args.oracles]),
        active: Mutex::new(vec![0; args.oracles]),
        flag_digests: Mutex::new(BTreeMap::new()),
        current: Mutex::new(vec![String::new(); workers]),
        intents: Mutex::new(Vec::new()),
    };
    let quota = |w: usize| args.txs / workers + usize::from(w < args.txs % workers);
    let deadline = started + Duration::from_secs(args.max_seconds);
    let mut faults_log: Vec<Value> = Vec::new();
    let mut schedule: VecDeque<(f64, Action)> = schedule(args.faults, args.validators).into();
    let mut down: Vec<usize> = Vec::new();
    let mut hung: Option<usize> = None;
    let mut waiting_catch_up = false;
    let load_started = Instant::now();
    progress(
        started,
        &format!("load: {workers} accounts sending, one transaction at a time each"),
    );

    let stats: Vec<R<rwa_gate_client::Stats>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let role = if w < args.oracles {
                    Role::Oracle(w)
                } else {
                    Role::Issuer(w - args.oracles)
                };
                let wallet = match role {
                    Role::Oracle(i) => &d.oracles[i],
                    Role::Issuer(j) => &d.issuers[j],
                };
                let (args, d, shared, oracles) = (&args, &d, &shared, &oracles);
                scope.spawn(move || {
                    worker(
                        w,
                        role,
                        wallet,
                        quota(w),
                        args,
                        d,
                        shared,
                        oracles,
                        deadline,
                    )
                })
            })
            .collect();
        let mut last_report = Instant::now();
        while handles.iter().any(|h| !h.is_finished()) {
            std::thread::sleep(Duration::from_millis(250));
            let done = shared.done.load(Ordering::SeqCst);
            let fraction = done as f64 / args.txs.max(1) as f64;
            if waiting_catch_up {
                if caught_up(&args) {
                    waiting_catch_up = false;
                    let at = secs(load_started.elapsed());
                    progress(started, "faults: every node has caught up");
                    faults_log.push(json!({"at_s": at, "after_txs": done, "action": "caught_up"}));
                }
            } else if let Some(&(when, action)) = schedule.front() {
                if fraction >= when {
                    schedule.pop_front();
                    let worker_node = || {
                        let url = lock(&shared.current)[0].clone();
                        args.nodes.iter().position(|n| *n == url).unwrap_or(0)
                    };
                    let (command, node) = match action {
                        Action::Kill(n) => ("kill", n),
                        Action::KillWorkerNode => ("kill", worker_node()),
                        Action::HangWorkerNode => ("hang", worker_node()),
                        Action::KillHung => ("kill", hung.unwrap_or(0)),
                        Action::RestartDown => ("restart", usize::MAX),
                    };
                    let at = secs(load_started.elapsed());
                    let targets: Vec<usize> = if command == "restart" {
                        std::mem::take(&mut down)
                    } else {
                        vec![node]
                    };
                    for node in targets {
                        match chain_sh(args.validators, command, node) {
                            Ok(line) => {
                                progress(
                                    started,
                                    &format!("faults: {line} (after {done} transactions)"),
                                );
                                faults_log.push(json!({"at_s": at, "after_txs": done,
                                    "action": command, "node": node, "rpc": args.nodes[node],
                                    "said": line}));
                            }
                            Err(e) => {
                                progress(started, &format!("faults: {e}"));
                                faults_log.push(json!({"at_s": at, "after_txs": done,
                                    "action": command, "node": node, "error": e}));
                            }
                        }
                        match command {
                            "hang" => hung = Some(node),
                            "kill" => {
                                if hung == Some(node) {
                                    hung = None;
                                }
                                down.push(node);
                            }
                            _ => waiting_catch_up = true,
                        }
                    }
                }
            }
            if last_report.elapsed() >= Duration::from_secs(5) {
                last_report = Instant::now();
                let intents = lock(&shared.intents);
                let included = intents
                    .iter()
                    .filter(|i| matches!(i.outcome, Outcome::Included { .. }))
                    .count();
                let hs: Vec<String> = heights(&args)
                    .iter()
                    .map(|h| match h {
                        Some((h, false)) => h.to_string(),
                        Some((h, true)) => format!("{h} (catching up)"),
                        None => "-".into(),
                    })
                    .collect();
                progress(
                    started,
                    &format!(
                        "load: {done}/{} done, {included} included, {:.1} tx/s; heights [{}]",
                        args.txs,
                        included as f64 / load_started.elapsed().as_secs_f64(),
                        hs.join(", ")
                    ),
                );
            }
        }
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a worker panicked".to_string()))
            })
            .collect()
    });
    let load_seconds = load_started.elapsed();
    let stats = stats.into_iter().collect::<R<Vec<_>>>()?;

    // Whatever is still down comes back, then every node must catch up.
    for node in std::mem::take(&mut down) {
        let line = chain_sh(args.validators, "restart", node)?;
        progress(started, &format!("faults: {line}"));
        faults_log.push(
            json!({"at_s": secs(load_started.elapsed()), "action": "restart",
            "node": node, "rpc": args.nodes[node], "said": line}),
        );
    }
    progress(started, "check: waiting until every node has caught up");
    let catch_up_deadline = Instant::now() + Duration::from_secs(180);
    while !caught_up(&args) {
        if Instant::now() > catch_up_deadline {
            return Err("the nodes did not catch up within 180 s".into());
        }
        std::thread::sleep(Duration::from_millis(500));
    }

    let intents = std::mem::take(&mut *lock(&shared.intents));
    let flag_digests = lock(&shared.flag_digests).clone();
    let checks = check(
        &args,
        &d,
        &intents,
        &flag_digests,
        &oracles,
        &start_sequence,
        started,
    )?;

    // ---- the report ----
    let mut latencies: Vec<Duration> = intents
        .iter()
        .filter_map(|i| match i.outcome {
            Outcome::Included { latency, .. } => Some(latency),
            _ => None,
        })
        .collect();
    latencies.sort();
    let included = intents
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Included { .. }))
        .count();
    let mut failed: BTreeMap<String, usize> = BTreeMap::new();
    for i in &intents {
        let reason = match &i.outcome {
            Outcome::Included { .. } => continue,
            Outcome::Refused { reason, .. } => format!("refused on chain: {reason}"),
            Outcome::NotSent { reason } => format!("not sent: {reason}"),
            Outcome::Unknown { reason } => format!("not seen included: {reason}"),
        };
        *failed.entry(reason).or_default() += 1;
    }
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for i in &intents {
        *by_kind.entry(i.effect.kind()).or_default() += 1;
    }
    let sent = intents.iter().filter(|i| !i.signed.is_empty()).count();
    let total = stats
        .iter()
        .fold(rwa_gate_client::Stats::default(), |a, s| {
            rwa_gate_client::Stats {
                failovers: a.failovers + s.failovers,
                ambiguous_broadcasts: a.ambiguous_broadcasts + s.ambiguous_broadcasts,
                rebroadcasts: a.rebroadcasts + s.rebroadcasts,
                resigned: a.resigned + s.resigned,
            }
        });
    let tps = included as f64 / load_seconds.as_secs_f64().max(0.001);
    let last_height = checks.final_height;
    let report = json!({
        "mode": format!("{:?}", args.faults).to_lowercase(),
        "label": args.label,
        "started_at_unix": wall_start,
        "nodes": args.nodes,
        "validators": args.validators,
        "accounts": {"oracles": args.oracles, "issuers": args.issuers, "holders": args.holders},
        "target_transactions": args.txs,
        "load_seconds": secs(load_seconds),
        "total_seconds": secs(started.elapsed()),
        "transactions": {
            "intended": intents.len(),
            "sent": sent,
            "included": included,
            "included_and_refused": intents.iter().filter(|i| matches!(i.outcome, Outcome::Refused { .. })).count(),
            "failed_by_reason": failed,
            "by_kind": by_kind,
            "signed_again_after_a_wrong_sequence": total.resigned,
        },
        "tps_sustained": (tps * 100.0).round() / 100.0,
        "inclusion_latency_ms": {
            "p50": ms(percentile(&latencies, 50.0)),
            "p95": ms(percentile(&latencies, 95.0)),
            "max": ms(latencies.last().copied()),
        },
        "client": {
            "failovers": total.failovers,
            "ambiguous_broadcasts": total.ambiguous_broadcasts,
            "rebroadcasts_of_the_same_bytes": total.rebroadcasts,
            "per_worker": stats.iter().enumerate().map(|(w, s)| json!({
                "worker": w, "failovers": s.failovers, "ambiguous_broadcasts": s.ambiguous_broadcasts,
                "rebroadcasts": s.rebroadcasts, "resigned": s.resigned})).collect::<Vec<_>>(),
        },
        "faults": faults_log,
        "blocks": {"first": first_height, "last": last_height,
                    "count": last_height.saturating_sub(first_height)},
        "per_node": checks.per_node,
        "checks": {
            "lost": checks.lost,
            "included_but_not_reported_by_the_client": checks.unconfirmed,
            "duplicated": checks.duplicated,
            "divergent_nodes": checks.divergent,
            "sequence_mismatches": checks.sequence_mismatches,
            "model_mismatches": checks.model_mismatches,
            "details": checks.details,
            "compared_at_height": checks.compared_height,
            "app_hash_height": checks.app_hash_height,
            "passed": checks.passed(),
        },
    });
    if let Some(dir) = args.report.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&args.report, text + "\n")
        .map_err(|e| format!("{}: {e}", args.report.display()))?;

    let mut table = String::new();
    let mut row = |line: String| {
        table.push_str(&line);
        table.push('\n');
    };
    row("| figure | value |".into());
    row("|---|---|".into());
    if let Some(label) = &args.label {
        row(format!("| measured | {label} |"));
    }
    row(format!(
        "| transactions intended / sent / included | {} / {sent} / {included} |",
        intents.len()
    ));
    row(format!(
        "| run | {} validators; {} oracles, {} issuers, {} holders; faults {:?} |",
        args.validators, args.oracles, args.issuers, args.holders, args.faults
    ));
    row(format!(
        "| by kind | {} |",
        by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    row(format!(
        "| failed (by reason) | {}{} |",
        failed.values().sum::<usize>(),
        failed
            .iter()
            .map(|(r, n)| format!("; {n} {r}"))
            .collect::<String>()
    ));
    row(format!(
        "| faults (seconds into the load) | {} |",
        faults_log
            .iter()
            .map(|f| {
                let node = f["node"]
                    .as_u64()
                    .map(|n| format!(" node {n}"))
                    .unwrap_or_default();
                format!(
                    "{}{node} at {} s (after {} tx)",
                    f["action"].as_str().unwrap_or("?"),
                    f["at_s"],
                    f["after_txs"]
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    ));
    row(format!(
        "| sustained rate | {:.2} tx/s over {:.1} s |",
        tps,
        load_seconds.as_secs_f64()
    ));
    row(format!(
        "| inclusion latency p50 / p95 / max | {} / {} / {} ms |",
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 95.0)),
        ms(latencies.last().copied())
    ));
    row(format!(
        "| failovers / ambiguous broadcasts / rebroadcasts / re-signed | {} / {} / {} / {} |",
        total.failovers, total.ambiguous_broadcasts, total.rebroadcasts, total.resigned
    ));
    row(format!(
        "| blocks | {} (heights {first_height}..{last_height}) |",
        last_height.saturating_sub(first_height)
    ));
    row(format!(
        "| lost / duplicated / divergent nodes | {} / {} / {} |",
        checks.lost, checks.duplicated, checks.divergent
    ));
    row(format!(
        "| sequence / model mismatches; included but not reported by the client | {} / {}; {} |",
        checks.sequence_mismatches, checks.model_mismatches, checks.unconfirmed
    ));
    for n in &checks.per_node {
        row(format!(
            "| {} | height {}, app hash {} at height {} |",
            n["rpc"].as_str().unwrap_or("?"),
            n["height"],
            n["app_hash"].as_str().unwrap_or("?"),
            n["app_hash_height"]
        ));
    }
    println!("\n{table}");
    if let Some(path) = &args.table {
        std::fs::write(path, &table).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    progress(
        started,
        &format!(
            "load: report written to {} ({})",
            args.report.display(),
            if checks.passed() {
                "every check passed"
            } else {
                "CHECKS FAILED"
            }
        ),
    );
    for line in &checks.details {
        println!("  - {line}");
    }
    Ok(checks.passed())
}

// ---------------------------------------------------------------------------------------------
// The checks

struct Checks {
    lost: usize,
    /// Included once, but the client did not report it so (it gave up, or named another hash).
    unconfirmed: usize,
    duplicated: usize,
    divergent: usize,
    sequence_mismatches: usize,
    model_mismatches: usize,
    details: Vec<String>,
    per_node: Vec<Value>,
    final_height: u64,
    compared_height: u64,
    app_hash_height: u64,
}

impl Checks {
    fn passed(&self) -> bool {
        self.lost == 0
            && self.unconfirmed == 0
            && self.duplicated == 0
            && self.divergent == 0
            && self.sequence_mismatches == 0
            && self.model_mismatches == 0
    }
}

/// The state the model predicts and the state a node holds at `height`, in the same shape.
fn observed(client: &Client, d: &Deployed, height: u64, entities: &[String]) -> R<Model> {
    let q = |contract: &str, msg: &Value| -> R<Value> {
        client
            .query_at(contract, msg, Some(height))
            .map_err(|e| format!("{} at {height}: {e}", client.current_node()))
    };
    let mut model = Model::default();
    for asset in &d.assets {
        let mut start_after = None;
        loop {
            let page: AttestationsResponse = serde_json::from_value(q(
                &d.registry,
                &serde_json::to_value(QueryMsg::Attestations {
                    asset: asset.clone(),
                    kind: None,
                    start_after,
                    limit: Some(30),
                })
                .map_err(|e| e.to_string())?,
            )?)
            .map_err(|e| e.to_string())?;
            let Some(last) = page.attestations.last() else {
                break;
            };
            start_after = Some(last.id);
            for a in &page.attestations {
                let kind = Model::kind_name(a.kind()).to_string();
                model.attestations.insert((
                    a.asset.clone(),
                    a.oracle.to_string(),
                    kind,
                    a.evidence.digest.clone(),
                ));
            }
        }
    }
    for entity in entities {
        let mut start_after = None;
        loop {
            let page: FlagsResponse = serde_json::from_value(q(
                &d.registry,
                &serde_json::to_value(QueryMsg::Flags {
                    subject: Subject::Entity(entity.clone()),
                    active_only: Some(false),
                    start_after,
                    limit: Some(30),
                })
                .map_err(|e| e.to_string())?,
            )?)
            .map_err(|e| e.to_string())?;
            let Some(last) = page.flags.last() else {
                break;
            };
            start_after = Some(last.id);
            for f in &page.flags {
                model.flags.entry(entity.clone()).or_default().insert((
                    f.raised_by.to_string(),
                    f.evidence.digest.clone(),
                    f.status == FlagStatus::Cleared,
                ));
            }
        }
    }
    let mut holders: Vec<String> = d.holders.clone();
    holders.extend(d.issuers.iter().map(|w| w.address().to_string()));
    for (j, token) in d.tokens.iter().enumerate() {
        let mut balances = BTreeMap::new();
        for h in &holders {
            let b: BalanceResponse = serde_json::from_value(q(
                token,
                &serde_json::to_value(TokenQuery::Balance { address: h.clone() })
                    .map_err(|e| e.to_string())?,
            )?)
            .map_err(|e| e.to_string())?;
            if !b.balance.is_zero() {
                balances.insert(h.clone(), b.balance.u128());
            }
        }
        model.balances.push(balances);
        let info: TokenInfoResponse = serde_json::from_value(q(
            token,
            &serde_json::to_value(TokenQuery::TokenInfo {}).map_err(|e| e.to_string())?,
        )?)
        .map_err(|e| e.to_string())?;
        let minted: MintedResponse = serde_json::from_value(q(
            &d.registry,
            &serde_json::to_value(QueryMsg::Minted {
                asset: d.assets[j].clone(),
            })
            .map_err(|e| e.to_string())?,
        )?)
        .map_err(|e| e.to_string())?;
        if minted.minted != info.total_supply {
            return Err(format!(
                "asset {}: the registry says minted {} but the token's supply is {}",
                d.assets[j], minted.minted, info.total_supply
            ));
        }
        model.supply.push(info.total_supply.u128());
    }
    Ok(model)
}

fn describe_difference(node: &str, want: &Model, got: &Model) -> Vec<String> {
    let mut out = Vec::new();
    let nonzero = |b: &BTreeMap<String, u128>| -> BTreeMap<String, u128> {
        b.iter()
            .filter(|(_, v)| **v != 0)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    let missing = want.attestations.difference(&got.attestations).count();
    let extra = got.attestations.difference(&want.attestations).count();
    if missing + extra > 0 {
        out.push(format!(
            "{node}: attestations: {missing} predicted but absent, {extra} present but not predicted"
        ));
    }
    if want.flags != got.flags {
        out.push(format!(
            "{node}: flags differ from the model: predicted {:?}, found {:?}",
            want.flags, got.flags
        ));
    }
    for (j, (w, g)) in want.balances.iter().zip(&got.balances).enumerate() {
        let (w, g) = (nonzero(w), nonzero(g));
        if w != g {
            out.push(format!(
                "{node}: asset-{j} balances: predicted {w:?}, found {g:?}"
            ));
        }
    }
    if want.supply != got.supply {
        out.push(format!(
            "{node}: supplies: predicted {:?}, found {:?}",
            want.supply, got.supply
        ));
    }
    out
}

fn check(
    args: &Args,
    d: &Deployed,
    intents: &[Intent],
    flag_digests: &BTreeMap<u64, String>,
    oracles: &[String],
    start_sequence: &BTreeMap<String, u64>,
    started: Instant,
) -> R<Checks> {
    let nodes: Vec<Client> = node_clients(args)
        .into_iter()
        .enumerate()
        .map(|(i, c)| c.ok_or_else(|| format!("node {i} does not answer for the checks")))
        .collect::<R<Vec<_>>>()?;
    let mut checks = Checks {
        lost: 0,
        unconfirmed: 0,
        duplicated: 0,
        divergent: 0,
        sequence_mismatches: 0,
        model_mismatches: 0,
        details: Vec::new(),
        per_node: Vec::new(),
        final_height: 0,
        compared_height: 0,
        app_hash_height: 0,
    };

    // 1. By hash, on every node: each signed intent has exactly one of its signatures in a
    //    block, and the same one everywhere.
    progress(
        started,
        &format!(
            "check: {} transactions by hash on each of {} nodes",
            intents.len(),
            nodes.len()
        ),
    );
    let mut divergent_nodes = BTreeSet::new();
    for intent in intents.iter().filter(|i| !i.signed.is_empty()) {
        let mut found_by_node: Vec<Vec<String>> = Vec::new();
        for node in &nodes {
            let mut found = Vec::new();
            for (hash, _) in &intent.signed {
                if let Some(tx) = node.find_tx(hash).map_err(|e| e.to_string())? {
                    if let Outcome::Included {
                        hash: seen, height, ..
                    } = &intent.outcome
                    {
                        if seen == hash && tx.height != *height {
                            checks.details.push(format!(
                                "{}: {hash} in block {}, the client saw it in block {height}",
                                node.current_node(),
                                tx.height
                            ));
                            checks.lost += 1;
                        }
                    }
                    found.push(hash.clone());
                }
            }
            found_by_node.push(found);
        }
        let reference = &found_by_node[0];
        for (i, f) in found_by_node.iter().enumerate() {
            if f != reference {
                divergent_nodes.insert(i);
                checks.details.push(format!(
                    "{}: has {:?} of worker {}'s {} where {} has {:?}",
                    args.nodes[i],
                    f,
                    intent.worker,
                    intent.effect.kind(),
                    args.nodes[0],
                    reference
                ));
            }
        }
        match reference.len() {
            0 => {
                checks.lost += 1;
                checks.details.push(format!(
                    "lost: worker {}'s {} ({:?}), signed as {:?}",
                    intent.worker,
                    intent.effect.kind(),
                    intent.outcome,
                    intent.signed
                ));
            }
            1 => {
                let client_saw = match &intent.outcome {
                    Outcome::Included { hash, .. } | Outcome::Refused { hash, .. } => {
                        Some(hash.clone())
                    }
                    _ => None,
                };
                if client_saw.as_ref() != Some(&reference[0]) {
                    checks.details.push(format!(
                        "worker {}'s {} is on chain as {} but the client reported {:?}",
                        intent.worker,
                        intent.effect.kind(),
                        reference[0],
                        intent.outcome
                    ));
                    checks.unconfirmed += 1;
                }
            }
            n => {
                checks.duplicated += n - 1;
                checks.details.push(format!(
                    "duplicated: worker {}'s {} is on chain {n} times: {:?}",
                    intent.worker,
                    intent.effect.kind(),
                    reference
                ));
            }
        }
    }

    // 2. By sequence: each account's sequence moved by exactly its included transactions, and
    //    the ante handler recorded each of them at the sequence it was signed with.
    progress(
        started,
        "check: each account's sequence and the transactions at each sequence",
    );
    let mut by_signer: BTreeMap<&str, Vec<&Intent>> = BTreeMap::new();
    for i in intents {
        by_signer.entry(i.signer.as_str()).or_default().push(i);
    }
    for (signer, list) in &by_signer {
        let start = start_sequence.get(*signer).copied().unwrap_or(0);
        let on_chain: BTreeMap<u64, &str> = list
            .iter()
            .filter_map(|i| match &i.outcome {
                Outcome::Included { hash, .. } | Outcome::Refused { hash, .. } => i
                    .signed
                    .iter()
                    .find(|(h, _)| h == hash)
                    .map(|(h, s)| (*s, h.as_str())),
                _ => None,
            })
            .collect();
        let address: rwa_gate_client::ChainAddress =
            signer.parse().map_err(|e| format!("{signer}: {e}"))?;
        for (n, node) in nodes.iter().enumerate() {
            let (_, seq) = node
                .account(&address)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("{signer} unknown on {}", args.nodes[n]))?;
            if seq != start + on_chain.len() as u64 {
                checks.sequence_mismatches += 1;
                checks.details.push(format!(
                    "{}: {signer} is at sequence {seq}, {start} + {} included transactions predict {}",
                    args.nodes[n],
                    on_chain.len(),
                    start + on_chain.len() as u64
                ));
            }
        }
        let expected: Vec<u64> = (start..start + on_chain.len() as u64).collect();
        let got: Vec<u64> = on_chain.keys().copied().collect();
        if expected != got {
            checks.sequence_mismatches += 1;
            checks.details.push(format!(
                "{signer}: included at sequences {got:?}, expected each of {expected:?} once"
            ));
        }
        // What the chain's index says each sequence was used by.
        let found = nodes[0]
            .search_txs(&format!("message.sender='{signer}'"))
            .map_err(|e| e.to_string())?;
        let mut at: BTreeMap<u64, Vec<String>> = BTreeMap::new();
        for tx in &found {
            if let Some((who, seq)) = tx.account_sequence() {
                if who == *signer && seq >= start {
                    at.entry(seq).or_default().push(tx.hash.clone());
                }
            }
        }
        for (seq, hash) in &on_chain {
            match at.get(seq).map(Vec::as_slice) {
                Some([h]) if h == hash => {}
                other => {
                    checks.sequence_mismatches += 1;
                    checks.details.push(format!(
                        "{signer}: sequence {seq} should be {hash}, the index has {other:?}"
                    ));
                }
            }
        }
        if at.len() != on_chain.len() {
            checks.sequence_mismatches += 1;
            checks.details.push(format!(
                "{signer}: the index has {} load transactions, the client saw {} included",
                at.len(),
                on_chain.len()
            ));
        }
    }

    // 3. The model: setup, then every included and executed transaction.
    let mut want = Model {
        balances: vec![BTreeMap::new(); d.assets.len()],
        supply: vec![0; d.assets.len()],
        ..Model::default()
    };
    for e in &d.setup_attestations {
        want.apply(e, flag_digests, oracles);
    }
    // Raises before clears: a clear names a flag whose raise was included before it was sent.
    for phase in [true, false] {
        for i in intents {
            if matches!(i.outcome, Outcome::Included { .. })
                && matches!(i.effect, Effect::Raise { .. }) == phase
            {
                want.apply(&i.effect, flag_digests, oracles);
            }
        }
    }
    let entities: Vec<String> = (0..args.oracles).map(|i| format!("watch-{i}")).collect();
    let height = nodes
        .iter()
        .map(|n| n.latest_block().map(|(h, _)| h))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?
        .into_iter()
        .min()
        .unwrap_or(0);
    checks.compared_height = height;
    progress(
        started,
        &format!("check: the registry and the tokens on every node at height {height}"),
    );
    for (n, node) in nodes.iter().enumerate() {
        let got = observed(node, d, height, &entities)?;
        let diff = describe_difference(&args.nodes[n], &want, &got);
        if !diff.is_empty() {
            checks.model_mismatches += diff.len();
            divergent_nodes.insert(n);
            checks.details.extend(diff);
        }
    }

    // 4. App hashes: every node's own (ABCI info) at one height, and the block at one height.
    progress(
        started,
        "check: app hashes of every node at the same height",
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let infos = loop {
        let infos = nodes
            .iter()
            .map(|n| n.app_info())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        if infos.iter().all(|(h, _)| *h == infos[0].0) {
            break infos;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "no moment within 60 s where all nodes were at one height: {infos:?}"
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    checks.app_hash_height = infos[0].0;
    let header_height = infos[0].0;
    for (n, node) in nodes.iter().enumerate() {
        let (h, app_hash) = &infos[n];
        let (block_hash, header_app_hash) = node
            .block_hashes(header_height)
            .map_err(|e| e.to_string())?;
        let (height_now, _) = node.latest_block().map_err(|e| e.to_string())?;
        checks.final_height = checks.final_height.max(height_now);
        if app_hash != &infos[0].1 {
            divergent_nodes.insert(n);
            checks.details.push(format!(
                "{}: app hash {app_hash} at height {h}, {} has {}",
                args.nodes[n], args.nodes[0], infos[0].1
            ));
        }
        checks.per_node.push(json!({
            "rpc": args.nodes[n],
            "height": height_now,
            "app_hash_height": h,
            "app_hash": app_hash,
            "block_hash_at_app_hash_height": block_hash,
            "header_app_hash_at_app_hash_height": header_app_hash,
        }));
    }
    let first_block = checks.per_node[0]["block_hash_at_app_hash_height"].clone();
    for (n, entry) in checks.per_node.iter().enumerate() {
        if entry["block_hash_at_app_hash_height"] != first_block {
            divergent_nodes.insert(n);
            checks.details.push(format!(
                "{}: block {header_height} is {}, not {first_block}",
                args.nodes[n], entry["block_hash_at_app_hash_height"]
            ));
        }
    }
    checks.divergent = divergent_nodes.len();
    Ok(checks)
}
