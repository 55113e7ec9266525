//! `rwa-gate oracle sign --out FILE ACTION`: signs a statement offline (no node needed) for
//! anyone to relay with `rwa-gate relay FILE`.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;
use cosmwasm_std::{Binary, Timestamp};
use rwa_gate_client::contracts::Registry;
use rwa_gate_client::delegation::{clock_nonce, StatementFile, Unsigned, MAX_SAFE_NONCE};

use super::actions::{self, SignAction};
use super::signing_key::KeyArgs;
use crate::context::{shown, Ctx};
use crate::error::{Fail, Res};
use crate::human;
use crate::render::delegation::{signed, SignedView};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct Sign {
    /// Where to write the signed statement (JSON).
    #[arg(long)]
    pub out: PathBuf,
    /// The statement's nonce, used once [default: a fresh one: from the clock, checked with
    /// the registry when a node answers].
    #[arg(long)]
    pub nonce: Option<u64>,
    /// Until when the statement may be posted: a duration from now (e.g. 1h, 7d) or a date
    /// (2026-12-31, 2026-12-31T12:00Z).
    #[arg(long, value_parser = deadline, default_value = "1d")]
    pub deadline: Deadline,
    /// The oracle the statement is of [default: the account's address].
    #[arg(long)]
    pub oracle: Option<String>,
    /// The registry the statement is for [default: the deployment file's].
    #[arg(long)]
    pub registry: Option<String>,
    /// Ask no node at all (the nonce comes from the clock alone).
    #[arg(long)]
    pub offline: bool,
    #[command(flatten)]
    pub key: KeyArgs,
    /// Sign the actions of this JSON file (a list, as the registry takes them) instead of one
    /// ACTION.
    #[arg(long)]
    pub actions: Option<PathBuf>,
    #[command(subcommand)]
    pub action: Option<SignAction>,
}

/// A deadline as given: after a span, or at a time.
#[derive(Debug, Clone, Copy)]
pub enum Deadline {
    In(u64),
    At(u64),
}

fn deadline(text: &str) -> Result<Deadline, String> {
    human::parse_duration(text)
        .map(Deadline::In)
        .or_else(|_| human::parse_date(text).map(Deadline::At))
        .map_err(|_| {
            format!("`{text}` is neither a duration (1h, 7d) nor a date (2026-12-31T12:00Z)")
        })
}

/// Seconds since 1970 by this machine's clock.
fn clock() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// When the registry answers, a warning (on stderr) if the oracle's registered key is not the
/// one signing: the statement would be refused at the relay.
fn warn_other_key(registry: &Registry, oracle: &str, key: &[u8]) {
    let Ok(answer) = registry.signing_key(oracle) else {
        return;
    };
    let registered = answer.public_key.map(|k| hex::encode(k.as_slice()));
    if registered.as_deref() != Some(hex::encode(key).as_str()) {
        eprintln!(
            "warning: the registry has {} for oracle {oracle}, not the key signing ({}): the \
             statement will be refused unless that key is registered first (oracle \
             set-signing-key)",
            registered.map_or("no signing key".to_string(), |k| format!("signing key {k}")),
            hex::encode(key)
        );
    }
}

/// The given nonce, else a fresh one: from the clock, stepped past those the registry has seen
/// when a node answers (unless `--offline`).
fn nonce(ctx: &mut Ctx, a: &Sign, oracle: &str, registry: &str, key: &[u8]) -> Res<(u64, bool)> {
    if let Some(n) = a.nonce {
        if n > MAX_SAFE_NONCE {
            return Err(Fail::usage(format!(
                "--nonce {n} is above 2^53 - 1 ({MAX_SAFE_NONCE}): JavaScript clients could not \
                 read it exactly."
            )));
        }
        return Ok((n, false));
    }
    if a.offline {
        return Ok((clock_nonce(), false));
    }
    let checked = ctx.client().ok().and_then(|client| {
        let registry = Registry::new(client, registry);
        warn_other_key(&registry, oracle, key);
        registry.fresh_nonce(oracle).ok()
    });
    match checked {
        Some(n) => Ok((n, true)),
        None => {
            ctx.progress("no node answers: the nonce comes from the clock alone");
            Ok((clock_nonce(), false))
        }
    }
}

pub fn exec(ctx: &mut Ctx, a: &Sign) -> Res<Output> {
    let now = clock();
    let actions = match (&a.actions, &a.action) {
        (Some(path), None) => actions::read_actions(path)?,
        (None, Some(action)) => vec![actions::build(action, now)?],
        _ => return Err(Fail::usage("Give one ACTION or --actions FILE.")),
    };
    let oracle = match &a.oracle {
        Some(text) => ctx.check_address("the oracle", text)?,
        None => ctx.address().map_err(|_| {
            Fail::usage("Name the oracle with --oracle ADDRESS (or give the account's key).")
        })?,
    };
    let registry = match &a.registry {
        Some(text) => ctx.check_address("the registry", text)?,
        None => ctx.registry_address()?,
    };
    let deadline = match a.deadline {
        Deadline::In(span) => now.saturating_add(span),
        Deadline::At(at) => at,
    };
    let key = a.key.key(ctx)?;
    let (nonce, checked) = nonce(ctx, a, &oracle, &registry, &key.public_key_bytes())?;
    let chain_id = ctx.chain_id();
    let unsigned = Unsigned {
        chain_id: &chain_id,
        registry: &registry,
        oracle: &oracle,
        nonce,
        deadline: Timestamp::from_seconds(deadline),
        actions: &actions,
    };
    let statement = unsigned
        .sign(&key)
        .map_err(|e| Fail::error(format!("Cannot sign: {e}.")))?;
    let file = StatementFile {
        chain_id: chain_id.clone(),
        registry: registry.clone(),
        public_key: Binary::from(key.public_key_bytes()),
        statement,
    };
    write(&a.out, &file)?;
    Ok(signed(&SignedView {
        file,
        path: shown(&a.out),
        nonce_checked: checked,
        now,
    }))
}

fn write(path: &std::path::Path, file: &StatementFile) -> Res<()> {
    let text = serde_json::to_string_pretty(file)
        .map_err(|e| Fail::error(format!("Cannot encode the statement: {e}.")))?;
    std::fs::write(path, text + "\n")
        .map_err(|e| Fail::error(format!("Cannot write {}: {e}.", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_is_a_span_or_a_date() {
        assert!(matches!(deadline("2h"), Ok(Deadline::In(7_200))));
        assert!(matches!(
            deadline("2026-01-01"),
            Ok(Deadline::At(1_767_225_600))
        ));
        assert_eq!(
            deadline("soon").unwrap_err(),
            "`soon` is neither a duration (1h, 7d) nor a date (2026-12-31T12:00Z)"
        );
    }
}
