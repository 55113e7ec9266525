//! `rwa-gate relay FILE`: posts a statement an oracle signed offline (`rwa-gate oracle sign`)
//! from any account, which pays the fees. A statement for another chain or another registry is
//! refused before anything is sent: its signature could not verify there.

use std::path::PathBuf;

use clap::Args;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate_client::delegation::{verify, StatementFile};

use crate::context::{shown, Ctx};
use crate::error::{Fail, Res};
use crate::render::delegation::posted;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct RelayArgs {
    /// The signed statement, as `rwa-gate oracle sign` wrote it.
    pub file: PathBuf,
}

fn read(path: &std::path::Path) -> Res<StatementFile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fail::usage(format!("Cannot read {}: {e}.", shown(path))))?;
    serde_json::from_str(&text).map_err(|e| {
        Fail::usage(format!(
            "{} is not a signed statement of `rwa-gate oracle sign`: {e}.",
            shown(path)
        ))
    })
}

/// Refuses a file whose statement cannot verify on this chain at this registry, or whose
/// signature is not its own key's (a file changed after signing), before any gas is spent.
fn check_destination(ctx: &Ctx, path: &str, file: &StatementFile) -> Res<()> {
    let chain_id = ctx.chain_id();
    if file.chain_id != chain_id {
        return Err(Fail::usage(format!(
            "The statement in {path} is signed for chain {}, not this chain ({chain_id}): its \
             signature would not verify here. Nothing was sent.",
            file.chain_id
        )));
    }
    let registry = ctx.registry_address()?;
    if file.registry != registry {
        return Err(Fail::usage(format!(
            "The statement in {path} is signed for registry {}, not this deployment's registry \
             {registry}: its signature would not verify here. Nothing was sent.",
            file.registry
        )));
    }
    let own = verify(&file.statement, &chain_id, &registry, &file.public_key);
    if !matches!(own, Ok(true)) {
        return Err(Fail::usage(format!(
            "The statement in {path} does not verify with the key it names ({}): it was changed \
             after signing. Nothing was sent.",
            hex::encode(file.public_key.as_slice())
        )));
    }
    Ok(())
}

pub fn exec(ctx: &mut Ctx, a: &RelayArgs) -> Res<Output> {
    let path = shown(&a.file);
    let file = read(&a.file)?;
    check_destination(ctx, &path, &file)?;
    let statement = file.statement;
    let (oracle, nonce, count) = (
        statement.oracle.clone(),
        statement.nonce,
        statement.actions.len(),
    );
    let doing = format!("relay the statement of oracle {oracle} (nonce {nonce})");
    let sent = ctx.send_registry(&doing, &ExecuteMsg::Relay { statement }, &[])?;
    Ok(posted(&sent, "relay", count, Some((&oracle, nonce))))
}
