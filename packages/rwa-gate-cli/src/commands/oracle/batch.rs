//! `rwa-gate oracle batch FILE.json`: the oracle's actions of a file in one transaction, all or
//! nothing.

use std::path::PathBuf;

use clap::Args;
use rwa_gate::registry::ExecuteMsg;

use super::actions::read_actions;
use crate::context::{shown, Ctx};
use crate::error::Res;
use crate::render::delegation::posted;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct Batch {
    /// The actions: a JSON list as the registry takes them (`[{"attest": {...}},
    /// {"revoke_eligibility": {...}}]`, or an object with that list as "actions"), at most 100.
    pub file: PathBuf,
}

pub fn exec(ctx: &mut Ctx, a: &Batch) -> Res<Output> {
    let actions = read_actions(&a.file)?;
    let count = actions.len();
    let doing = format!("post the batch of {count} actions of {}", shown(&a.file));
    let sent = ctx.send_registry(&doing, &ExecuteMsg::Batch { actions }, &[])?;
    Ok(posted(&sent, "batch", count, None))
}
