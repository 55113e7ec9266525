//! `rwa-gate oracle expiring --days N`: every attestation and eligibility statement of the
//! oracle that lapses within N days (from the agent's database, and with --chain every asset's
//! attestations by the oracle as the registry has them), and which assets each would block:
//! those whose clearance relies on it.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use clap::Args;
use rwa_gate::{AttestationKind, Clearance};

use super::sync::{db_fail, default_db, oracle_attestations};
use crate::agent::decisions::{self, Expiry};
use crate::agent::report::{ExpiryReport, Lapsing};
use crate::agent::store::{State, Store};
use crate::context::Ctx;
use crate::error::{Fail, Res};
use crate::render::agent::expiry_report;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct ExpiringArgs {
    /// The window: records lapsing within this many days (already lapsed ones too).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(0..=3_650))]
    pub days: u64,
    /// The agent's database [default: the one `oracle sync` uses for this registry].
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Also every asset's attestations by the oracle, as the registry has them.
    #[arg(long)]
    pub chain: bool,
    /// The oracle [default: the key's address].
    #[arg(long)]
    pub oracle: Option<String>,
    /// The decisions file, to say which records the agent renews (a validity, not a date).
    #[arg(long)]
    pub decisions: Option<PathBuf>,
}

pub fn exec(ctx: &mut Ctx, a: &ExpiringArgs) -> Res<Output> {
    let oracle = match &a.oracle {
        Some(o) => ctx.check_address("--oracle", o)?,
        None => ctx.address()?,
    };
    let now = ctx.now()?;
    let by = now.saturating_add(a.days * 86_400);
    let renewed = renewed_by_agent(a)?;
    let mut lapsing = from_db(ctx, a, by, &renewed)?;
    if a.chain {
        let known: BTreeSet<(String, u64)> = lapsing
            .iter()
            .filter_map(|l| Some((l.kind.clone(), l.record?)))
            .collect();
        for l in from_chain(ctx, &oracle, by)? {
            if !known.contains(&(l.kind.clone(), l.record.unwrap_or(0))) {
                lapsing.push(l);
            }
        }
    }
    let blocked = mark_blocking(ctx, &mut lapsing)?;
    lapsing.sort_by(|x, y| (x.expires_at, &x.subject).cmp(&(y.expires_at, &y.subject)));
    Ok(expiry_report(&ExpiryReport {
        oracle,
        now,
        days: a.days,
        lapsing,
        blocked_assets: blocked,
    }))
}

/// Which decisions the agent renews: those with a validity rather than a fixed date.
fn renewed_by_agent(a: &ExpiringArgs) -> Res<HashMap<String, bool>> {
    let Some(path) = &a.decisions else {
        return Ok(HashMap::new());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fail::usage(format!("Cannot read {}: {e}.", path.display())))?;
    let read = decisions::parse(&text, decisions::detect(path, &text));
    Ok(read
        .decisions
        .into_iter()
        .map(|d| {
            (
                d.id,
                !d.withdrawn && matches!(d.expiry, Expiry::Validity(_)),
            )
        })
        .collect())
}

/// The posted records of the agent's database that lapse by `by`.
fn from_db(
    ctx: &mut Ctx,
    a: &ExpiringArgs,
    by: u64,
    renewed: &HashMap<String, bool>,
) -> Res<Vec<Lapsing>> {
    let path = match &a.db {
        Some(p) => p.clone(),
        None => default_db(&ctx.registry_address()?),
    };
    if !path.exists() {
        if a.db.is_some() {
            return Err(Fail::usage(format!(
                "No agent database at {}.",
                path.display()
            )));
        }
        return Ok(Vec::new());
    }
    let store = Store::open(&path).map_err(db_fail)?;
    let rows = store.rows().map_err(db_fail)?;
    Ok(rows
        .into_values()
        .filter(|r| r.state == State::Posted && r.expires_at.is_some_and(|e| e <= by))
        .map(|r| Lapsing {
            renewed_by_agent: renewed.get(&r.id).copied().unwrap_or(false),
            subject: subject_of(&r.target),
            decision: Some(r.id),
            kind: r.kind,
            record: r.record,
            expires_at: r.expires_at.unwrap_or(0),
            blocks_asset: false,
        })
        .collect())
}

/// The account or asset of a row's target (`account wasm1...`, `screening of asset bond`).
fn subject_of(target: &str) -> String {
    target.rsplit(' ').next().unwrap_or(target).to_string()
}

/// Every unrevoked attestation by `oracle` on every asset that lapses by `by`.
fn from_chain(ctx: &mut Ctx, oracle: &str, by: u64) -> Res<Vec<Lapsing>> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = ctx.read("the assets", |r| {
            r.assets(after.clone(), rwa_gate::MAX_LIMIT)
        })?;
        for asset in &page {
            for kind in AttestationKind::ALL {
                for x in oracle_attestations(ctx, &asset.id, kind, oracle)? {
                    if x.revoked_at.is_none() && x.expires_at.seconds() <= by {
                        out.push(Lapsing {
                            decision: None,
                            kind: kind.as_str().into(),
                            subject: asset.id.clone(),
                            record: Some(x.id),
                            expires_at: x.expires_at.seconds(),
                            renewed_by_agent: false,
                            blocks_asset: false,
                        });
                    }
                }
            }
        }
        if page.len() < rwa_gate::MAX_LIMIT as usize {
            return Ok(out);
        }
        after = page.last().map(|a| a.id.clone());
    }
}

/// Marks the asset attestations each asset's clearance relies on; the assets they would block.
fn mark_blocking(ctx: &mut Ctx, lapsing: &mut [Lapsing]) -> Res<Vec<String>> {
    let assets: BTreeSet<String> = lapsing
        .iter()
        .filter(|l| l.kind != "eligibility")
        .map(|l| l.subject.clone())
        .collect();
    let mut blocked = BTreeSet::new();
    for asset in assets {
        let Ok(clearance) = ctx.read(&format!("the clearance of {asset}"), |r| {
            r.clearance(&asset)
        }) else {
            continue;
        };
        let relied = relied_on(&clearance);
        for l in lapsing
            .iter_mut()
            .filter(|l| l.subject == asset && l.kind != "eligibility")
        {
            if l.record.is_some_and(|id| relied.contains(&id)) {
                l.blocks_asset = true;
                blocked.insert(asset.clone());
            }
        }
    }
    Ok(blocked.into_iter().collect())
}

/// The attestation ids the clearance relies on (every kind).
fn relied_on(c: &Clearance) -> BTreeSet<u64> {
    c.filing
        .attestations
        .iter()
        .chain(&c.screening.attestations)
        .chain(c.approvals.iter().flat_map(|a| &a.support.attestations))
        .copied()
        .collect()
}
