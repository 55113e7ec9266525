//! The driver's command line.

use std::path::PathBuf;

use rwa_gate_chain_tests::repo_root;

use crate::R;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Faults {
    Full,
    Short,
    None,
}

/// Which release's messages the deployed registry understands until it is migrated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Release v0.2.0: a Filing names the plan by its digest only (`plan_digest`).
    V0_2,
    /// This checkout's contracts.
    Current,
}

/// Where the codes of the first deployment come from.
#[derive(Clone, Debug)]
pub enum Codes {
    /// `compliance_registry.wasm` and `gated_token.wasm` in this directory, stored unless a code
    /// with the same checksum is on chain already.
    Artifacts(PathBuf),
    /// Codes already stored: (registry, token).
    Ids(u64, u64),
}

/// A migration in the middle of the load: when, and to which codes.
#[derive(Clone, Debug)]
pub struct Upgrade {
    /// Fraction of the intended transactions done when the new codes are stored.
    pub store_at: f64,
    /// Fraction done when the registry and then every token are migrated.
    pub migrate_at: f64,
    /// Directory holding the new `compliance_registry.wasm` and `gated_token.wasm`.
    pub artifacts: PathBuf,
}

pub struct Args {
    pub nodes: Vec<String>,
    pub txs: usize,
    pub oracles: usize,
    pub issuers: usize,
    pub holders: usize,
    pub max_seconds: u64,
    pub faults: Faults,
    pub validators: usize,
    pub report: PathBuf,
    /// Where to write the figures as a Markdown table (scripts/load.sh puts it in
    /// docs/RELIABILITY.md).
    pub table: Option<PathBuf>,
    /// What was measured (scripts/load.sh: the commit and the time), first row of the table.
    pub label: Option<String>,
    pub codes: Codes,
    pub dialect: Dialect,
    pub upgrade: Option<Upgrade>,
}

impl Args {
    fn defaults() -> Args {
        Args {
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
            codes: Codes::Artifacts(repo_root().join("artifacts")),
            dialect: Dialect::Current,
            upgrade: None,
        }
    }
}

pub fn parse_args() -> R<Args> {
    let mut args = Args::defaults();
    let mut upgrade_dir: Option<PathBuf> = None;
    let (mut store_at, mut migrate_at) = (None, None);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{flag} {v}: {e}"));
        let fraction = |v: String| parse_fraction(&flag, &v);
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
            "--faults" => args.faults = parse_faults(&value()?)?,
            "--artifacts" => args.codes = Codes::Artifacts(PathBuf::from(value()?)),
            "--code-ids" => args.codes = parse_code_ids(&value()?)?,
            "--dialect" => args.dialect = parse_dialect(&value()?)?,
            "--upgrade-artifacts" => upgrade_dir = Some(PathBuf::from(value()?)),
            "--store-at" => store_at = Some(fraction(value()?)?),
            "--migrate-at" => migrate_at = Some(fraction(value()?)?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    args.upgrade = upgrade_from(upgrade_dir, store_at, migrate_at)?;
    args.validate()?;
    Ok(args)
}

impl Args {
    fn validate(&self) -> R<()> {
        if self.nodes.len() != self.validators {
            return Err(format!(
                "{} node addresses for {} validators: pass --nodes (scripts/chain.sh --validators {} nodes)",
                self.nodes.len(),
                self.validators,
                self.validators
            ));
        }
        if self.oracles < 2 || self.issuers < 1 || self.holders < 1 {
            return Err(
                "at least 2 oracles (one clears the other's flags), 1 issuer, 1 holder".into(),
            );
        }
        Ok(())
    }
}

fn upgrade_from(
    dir: Option<PathBuf>,
    store_at: Option<f64>,
    migrate_at: Option<f64>,
) -> R<Option<Upgrade>> {
    let Some(artifacts) = dir else {
        if store_at.is_some() || migrate_at.is_some() {
            return Err("--store-at and --migrate-at need --upgrade-artifacts DIR".into());
        }
        return Ok(None);
    };
    let migrate_at = migrate_at.unwrap_or(0.5);
    let store_at = store_at.unwrap_or(migrate_at * 0.8);
    if store_at > migrate_at {
        return Err(format!(
            "--store-at {store_at} comes after --migrate-at {migrate_at}: the codes must be stored first"
        ));
    }
    Ok(Some(Upgrade {
        store_at,
        migrate_at,
        artifacts,
    }))
}

fn parse_fraction(flag: &str, text: &str) -> R<f64> {
    match text.parse::<f64>() {
        Ok(f) if (0.0..1.0).contains(&f) => Ok(f),
        _ => Err(format!(
            "{flag} takes a fraction of the load in [0, 1), not {text}"
        )),
    }
}

fn parse_faults(text: &str) -> R<Faults> {
    match text {
        "full" => Ok(Faults::Full),
        "short" => Ok(Faults::Short),
        "none" => Ok(Faults::None),
        other => Err(format!("--faults full|short|none, not {other}")),
    }
}

fn parse_dialect(text: &str) -> R<Dialect> {
    match text {
        "v0.2" | "v0.2.0" => Ok(Dialect::V0_2),
        "current" => Ok(Dialect::Current),
        other => Err(format!("--dialect v0.2|current, not {other}")),
    }
}

fn parse_code_ids(text: &str) -> R<Codes> {
    let ids: Vec<u64> = text
        .split(',')
        .map(|v| v.trim().parse::<u64>())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("--code-ids REGISTRY,TOKEN: {text}: {e}"))?;
    match ids[..] {
        [registry, token] => Ok(Codes::Ids(registry, token)),
        _ => Err(format!(
            "--code-ids takes two code ids, REGISTRY,TOKEN, not {text}"
        )),
    }
}
