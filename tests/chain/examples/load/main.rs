//! Load and faults on a network of validators (`scripts/chain.sh --validators 4`), through the
//! project's own client: several oracle and issuer accounts post attestations, raise and clear
//! flags, mint and transfer, each account one transaction at a time, every client knowing all
//! the nodes. While they do, validators are killed, hung and restarted by PID (through
//! `scripts/chain.sh`). Afterwards it checks that every intended transaction was included
//! exactly once (by hash, on every node, and by the account's sequence), that the registry and
//! every token hold what a model of the included transactions predicts (queried on every node
//! at one height), and that every node reports the same app hash at the same height.
//!
//! With `--upgrade-artifacts DIR` it also upgrades in the middle of the load (the upgrade
//! drill, `scripts/upgrade-drill.sh`): the codes of DIR are stored at `--store-at`, and at
//! `--migrate-at` the registry and then every token are migrated to them; every asset's
//! clearance and issuance decision must read the same before and after. `--dialect v0.2`
//! speaks release v0.2.0's messages until the migration.
//!
//! Run by `scripts/load.sh` (which starts and stops the network); writes a JSON report and
//! exits non-zero when any transaction is lost or duplicated, or any node diverges.
//!
//! ```text
//! load --nodes URL,URL,... [--txs 1200] [--oracles 4] [--issuers 4] [--holders 4]
//!      [--max-seconds 900] [--faults full|short|none] [--validators 4]
//!      [--report artifacts/load-report.json] [--table FILE] [--label TEXT]
//!      [--artifacts DIR | --code-ids REGISTRY,TOKEN] [--dialect v0.2|current]
//!      [--upgrade-artifacts DIR [--store-at 0.4] [--migrate-at 0.5]]
//! ```

mod args;
mod checks;
mod faults;
mod messages;
mod model;
mod report;
mod setup;
mod upgrade;
mod worker;

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rwa_gate::Evidence;
use rwa_gate_chain_tests::localnet;
use rwa_gate_client::{ChainConfig, Client};
use serde_json::Value;

use args::Args;
use faults::{heights, FaultRunner};
use model::{Intent, Outcome};
use setup::Deployed;
use upgrade::UpgradeRunner;
use worker::{lock, Context, Role, Shared, Worker};

type R<T> = Result<T, String>;

/// Gas limit of every load transaction: no simulation, so a refused message is delivered and
/// fails on chain (and counts as included, failed). The heaviest here uses about 300k.
const LOAD_GAS: u64 = 2_000_000;
/// HD indices of the load accounts (faucet mnemonic); the test suites and cli-e2e use others.
const FIRST_INDEX: u32 = 7_000;
/// Active flags an oracle lets stand on its entity (the registry allows 8 per subject).
const MAX_OWN_ACTIVE_FLAGS: usize = 6;
const MAX_SUPPLY: u128 = 1_000_000_000_000_000;

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

/// What the load left: per-worker client figures, every intent, the flags raised, the faults
/// and the upgrade as they happened.
pub struct LoadRun {
    pub stats: Vec<rwa_gate_client::Stats>,
    pub intents: Vec<Intent>,
    pub flag_digests: BTreeMap<u64, String>,
    pub faults_log: Vec<Value>,
    pub load_seconds: Duration,
    pub upgrade: Option<(serde_json::Map<String, Value>, Option<String>)>,
}

/// Each account's sequence before the load: every load transaction must add exactly one.
fn start_sequences(admin: &Client, d: &Deployed) -> R<BTreeMap<String, u64>> {
    let mut start_sequence = BTreeMap::new();
    for w in d.oracles.iter().chain(d.issuers.iter()) {
        let address = w.address().to_string();
        let (_, seq) = admin
            .account(w.address())
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("account {address} unknown after funding"))?;
        start_sequence.insert(address, seq);
    }
    Ok(start_sequence)
}

fn run() -> R<bool> {
    let args = args::parse_args()?;
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
    let d = setup::deploy(&admin, &args, started)?;
    let oracles: Vec<String> = d.oracles.iter().map(|w| w.address().to_string()).collect();
    let start_sequence = start_sequences(&admin, &d)?;
    let (first_height, _) = admin.latest_block().map_err(|e| e.to_string())?;
    let load = drive(&args, &d, &oracles, &admin, started)?;
    let checks = checks::check(
        &checks::Inputs {
            args: &args,
            d: &d,
            intents: &load.intents,
            flag_digests: &load.flag_digests,
            oracles: &oracles,
            start_sequence: &start_sequence,
        },
        started,
    )?;
    let run = report::Run {
        args: &args,
        load: &load,
        checks: &checks,
        wall_start,
        first_height,
        started,
    };
    run.write()
}

/// Worker `index`: the oracles first, then the issuers.
fn worker_for<'a>(index: usize, args: &Args, d: &'a Deployed, quota: usize) -> Worker<'a> {
    let (role, wallet) = if index < args.oracles {
        (Role::Oracle(index), &d.oracles[index])
    } else {
        let j = index - args.oracles;
        (Role::Issuer(j), &d.issuers[j])
    };
    Worker {
        index,
        role,
        wallet,
        quota,
    }
}

/// The workers, one per account, and the coordinator: faults, the upgrade, progress lines.
fn drive(
    args: &Args,
    d: &Deployed,
    oracles: &[String],
    admin: &Client,
    started: Instant,
) -> R<LoadRun> {
    let workers = args.oracles + args.issuers;
    let shared = Shared::new(args, workers);
    let quota = |w: usize| args.txs / workers + usize::from(w < args.txs % workers);
    let cx = Context {
        args,
        d,
        shared: &shared,
        oracles,
        deadline: started + Duration::from_secs(args.max_seconds),
    };
    let mut faults = FaultRunner::new(args);
    let mut upgrade = args
        .upgrade
        .as_ref()
        .map(|plan| UpgradeRunner::new(plan, admin, d));
    let load_started = Instant::now();
    progress(
        started,
        &format!("load: {workers} accounts sending, one transaction at a time each"),
    );
    let stats: Vec<R<rwa_gate_client::Stats>> = std::thread::scope(|scope| {
        let cx = &cx;
        let handles: Vec<_> = (0..workers)
            .map(|index| {
                let worker = worker_for(index, args, d, quota(index));
                scope.spawn(move || worker.run(cx))
            })
            .collect();
        let mut last_report = Instant::now();
        while handles.iter().any(|h| !h.is_finished()) {
            std::thread::sleep(Duration::from_millis(250));
            let done = shared.done.load(Ordering::SeqCst);
            let at = secs(load_started.elapsed());
            faults.tick(args, &shared, done, at, started);
            if let Some(upgrade) = upgrade.as_mut() {
                upgrade.tick(args, &shared, done, at, started);
            }
            if last_report.elapsed() >= Duration::from_secs(5) {
                last_report = Instant::now();
                report_progress(args, &shared, done, load_started, started);
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
    faults.recover(args, load_started, started)?;
    let intents = std::mem::take(&mut *lock(&shared.intents));
    let flag_digests = lock(&shared.flag_digests).clone();
    Ok(LoadRun {
        stats,
        intents,
        flag_digests,
        faults_log: faults.log,
        load_seconds,
        upgrade: upgrade.map(|u| (u.record, u.error)),
    })
}

/// Every 5 s: transactions done and included, the rate, each node's height.
fn report_progress(
    args: &Args,
    shared: &Shared,
    done: usize,
    load_started: Instant,
    started: Instant,
) {
    let included = lock(&shared.intents)
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Included { .. }))
        .count();
    let hs: Vec<String> = heights(args)
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
