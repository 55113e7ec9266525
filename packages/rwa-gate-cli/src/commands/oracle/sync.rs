//! `rwa-gate oracle sync DECISIONS`: the oracle agent. Makes the chain match the oracle's
//! decisions: posts what is missing in batches, renews what lapses within the window, revokes
//! what was withdrawn, never posts a decision twice. Its progress is in a SQLite database; what
//! it is unsure of (a transaction in flight when it was killed or a node went away; every
//! decision, for a new database) is looked up on chain before anything is posted again.

mod lookup;
mod send;

use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use rwa_gate_client::Gas;

use crate::agent::decisions::{self, Body, Decisions, Subjects};
use crate::agent::plan::{batches, plan, Facts, Plan};
use crate::agent::report::SyncReport;
use crate::agent::store::{Row, Store};
use crate::context::{shown, Ctx};
use crate::error::{Fail, Res};
use crate::render::agent::{sync_report, Progress};
use crate::render::Output;

pub use lookup::oracle_attestations;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The decisions: JSON lines or CSV (by extension, else by content), one decision a line.
    pub decisions: PathBuf,
    /// The agent's database [default: agent-<registry>.sqlite3 in $XDG_CONFIG_HOME/rwa-gate/].
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Renew a decision with a validity when it lapses within this many days.
    #[arg(long, default_value_t = 14, value_parser = clap::value_parser!(u64).range(0..=365))]
    pub renew_within: u64,
    /// Actions in a batch of eligibility statements (at most 100).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub batch_size: u64,
    /// Actions in a batch of asset attestations (screenings, approvals).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub asset_batch_size: u64,
    /// Look up every decision on chain first, as a new database does.
    #[arg(long)]
    pub verify: bool,
    /// A progress bar on stderr even without a terminal (a line per batch).
    #[arg(long)]
    pub progress: bool,
    /// Keep running: read the file again and sync every --interval seconds.
    #[arg(long)]
    pub watch: bool,
    /// Seconds between two syncs with --watch.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(5..=86_400))]
    pub interval: u64,
}

/// Database errors in one sentence.
pub fn db_fail(e: rusqlite::Error) -> Fail {
    Fail::error(format!("The agent's database: {e}."))
}

pub fn exec(ctx: &mut Ctx, a: &SyncArgs) -> Res<Output> {
    if !a.watch {
        let report = run(ctx, a)?;
        return finish(ctx, sync_report(&report), &report);
    }
    loop {
        // A failed round (a node gone) is reported and tried again at the next one.
        match run(ctx, a) {
            Ok(report) => {
                let (value, text) = sync_report(&report);
                print_round(ctx, &value.to_string(), &text);
            }
            Err(fail) => eprintln!("error: {} (trying again in {} s)", fail.message, a.interval),
        }
        std::thread::sleep(Duration::from_secs(a.interval));
    }
}

fn print_round(ctx: &Ctx, json: &str, text: &str) {
    if ctx.global.json() {
        println!("{json}");
    } else {
        println!("{text}\n");
    }
}

/// Exit 1 (after doing the rest) when lines were not decisions or the registry refused some:
/// the summary still goes to stdout (as the failure's JSON object with --json).
fn finish(ctx: &Ctx, output: Output, report: &SyncReport) -> Res<Output> {
    if report.invalid.is_empty() && report.refused.is_empty() {
        return Ok(output);
    }
    let (value, text) = output;
    if !ctx.global.json() {
        println!("{text}");
    }
    let mut fail = Fail::error(format!(
        "{} line(s) of {} are not decisions and the registry refused {} decision(s): see above.",
        report.invalid.len(),
        report.file,
        report.refused.len()
    ));
    if let Some(object) = value.as_object() {
        fail.json.extend(object.clone());
    }
    Err(fail)
}

/// The default database: one per registry, beside the configuration file.
pub fn default_db(registry: &str) -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("rwa-gate")
        .join(format!("agent-{registry}.sqlite3"))
}

/// Opens the database; refuses one kept for another registry or oracle.
fn open_store(path: &Path, registry: &str, oracle: &str) -> Res<Store> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Fail::error(format!("Cannot create {}: {e}.", dir.display())))?;
    }
    let store = Store::open(path).map_err(db_fail)?;
    for (key, want) in [("registry", registry), ("oracle", oracle)] {
        match store.meta(key).map_err(db_fail)? {
            Some(have) if have != want => {
                return Err(Fail::usage(format!(
                    "The agent's database {} is kept for {key} {have}, not {want}: pass --db \
                     with the database of this {key} (a chain made anew needs a new database).",
                    path.display()
                )))
            }
            Some(_) => {}
            None => store.set_meta(key, want).map_err(db_fail)?,
        }
    }
    Ok(store)
}

/// One sync: read, settle, look up, plan, send.
fn run(ctx: &mut Ctx, a: &SyncArgs) -> Res<SyncReport> {
    let started = Instant::now();
    let dry_run = ctx.global.dry_run;
    let read = read_decisions(&a.decisions)?;
    let registry = ctx.registry_address()?;
    let oracle = ctx.address()?;
    let db = a.db.clone().unwrap_or_else(|| default_db(&registry));
    let mut store = open_store(&db, &registry, &oracle)?;
    let mut report = SyncReport {
        file: shown(&a.decisions),
        db: shown(&db),
        oracle: oracle.clone(),
        decisions: read.decisions.len(),
        invalid: read.invalid,
        dry_run,
        ..SyncReport::default()
    };
    report.resolved = lookup::settle_in_flight(ctx, &mut store, dry_run)?;
    let mut rows = store.rows().map_err(db_fail)?;
    let adopted = store.meta("adopted").map_err(db_fail)?.is_some();
    if a.verify {
        rows.retain(|_, r| r.state == crate::agent::store::State::InFlight);
    }
    if a.verify || !adopted {
        let (looked, found) = lookup::adopt(
            ctx,
            &mut store,
            &read.decisions,
            &mut rows,
            &oracle,
            dry_run,
        )?;
        (report.looked_up, report.found_on_chain) = (looked, found);
        if !dry_run {
            store.set_meta("adopted", "1").map_err(db_fail)?;
        }
    }
    let within = a.renew_within * 86_400;
    report.plan = plan_with_facts(ctx, &read.decisions, &rows, within)?;
    let cut = batches(
        &report.plan.steps,
        a.batch_size as usize,
        a.asset_batch_size as usize,
    );
    report.batches = cut.len();
    if !dry_run && !cut.is_empty() {
        ctx.confirm_spending(&format!("post {} batches", cut.len()))?;
        send_all(ctx, &mut store, cut, a, &mut report)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn read_decisions(path: &Path) -> Res<Decisions> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fail::usage(format!("Cannot read {}: {e}.", path.display())))?;
    Ok(decisions::parse(&text, decisions::detect(path, &text)))
}

/// The chain's facts, then the plan. The subjects of `all current` screenings are read only
/// for the assets a first plan would post.
fn plan_with_facts(
    ctx: &mut Ctx,
    decisions: &[decisions::Decision],
    rows: &HashMap<String, Row>,
    within: u64,
) -> Res<Plan> {
    let config = ctx.read("the parameters", |r| r.config())?;
    let max = config.params.max_validity;
    let mut facts = Facts {
        now: ctx.now()?,
        list_version: ctx
            .read("the negative list", |r| r.negative_list())?
            .version,
        max_eligibility: max.eligibility,
        max_screening: max.screening,
        max_approval: max.approval,
        subjects: HashMap::new(),
    };
    let wanted: BTreeSet<String> = decisions
        .iter()
        .filter_map(|d| match &d.body {
            Body::Screening {
                asset,
                subjects: Subjects::AllCurrent,
                ..
            } => Some(asset.clone()),
            _ => None,
        })
        .collect();
    // A first plan with every asset known tells which screenings would be posted.
    facts.subjects = wanted.iter().map(|a| (a.clone(), Vec::new())).collect();
    let first = plan(decisions, rows, &facts, within);
    let posting: BTreeSet<&str> = first.steps.iter().map(|s| s.decision.as_str()).collect();
    facts.subjects.clear();
    for d in decisions.iter().filter(|d| posting.contains(d.id.as_str())) {
        if let Body::Screening {
            asset,
            subjects: Subjects::AllCurrent,
            ..
        } = &d.body
        {
            if let Ok(record) = ctx.read(&format!("asset {asset}"), |r| r.asset(asset)) {
                facts.subjects.insert(
                    asset.clone(),
                    record.subjects().map(str::to_string).collect(),
                );
            }
        }
    }
    Ok(plan(decisions, rows, &facts, within))
}

/// Sends every batch, with a progress bar; stops at the first batch that fails.
fn send_all(
    ctx: &mut Ctx,
    store: &mut Store,
    cut: Vec<Vec<crate::agent::plan::Step>>,
    a: &SyncArgs,
    report: &mut SyncReport,
) -> Res<()> {
    let total: usize = cut.iter().map(Vec::len).sum();
    let shown = !ctx.global.quiet && (a.progress || std::io::stderr().is_terminal());
    let mut bar = Progress::new(total, shown, std::io::stderr().is_terminal());
    let gas = match ctx.global.gas {
        crate::fees::GasLimit::Auto => Gas::Simulate,
        crate::fees::GasLimit::Fixed(limit) => Gas::Fixed(limit),
    };
    for batch in cut {
        let size = batch.len();
        let result = send::send_batch(ctx, store, batch, gas)?;
        report.refused.extend(result.refused);
        if let Some(sent) = result.sent {
            bar.advance(size, &sent);
            report.sent.push(sent);
        }
    }
    bar.done();
    Ok(())
}
