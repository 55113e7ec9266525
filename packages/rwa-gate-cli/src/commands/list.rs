//! `rwa-gate list`: the registry's assets, oracles, and the flags on a subject, page by page.

use clap::{Args, Subcommand};
use rwa_gate::{Asset, Flag, Oracle, Subject, MAX_LIMIT};

use crate::context::Ctx;
use crate::error::Res;
use crate::input;
use crate::render::lists;
use crate::render::Output;

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// Every registered asset, in id order.
    Assets(PageArgs),
    /// Every oracle, with its scopes and status.
    Oracles(PageArgs),
    /// The flags ever raised on an asset or an entity.
    Flags(FlagsArgs),
}

#[derive(Debug, Args)]
pub struct PageArgs {
    /// Stop after this many.
    #[arg(long, default_value_t = 1_000)]
    pub max: usize,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["asset", "entity"])))]
pub struct FlagsArgs {
    /// The flags on this asset.
    #[arg(long, value_parser = input::asset_id)]
    pub asset: Option<String>,
    /// The flags on this entity.
    #[arg(long, value_parser = input::entity_id)]
    pub entity: Option<String>,
    /// Only the flags that are active.
    #[arg(long)]
    pub active: bool,
    /// Stop after this many.
    #[arg(long, default_value_t = 1_000)]
    pub max: usize,
}

pub fn exec(ctx: &mut Ctx, cmd: &ListCommand) -> Res<Output> {
    match cmd {
        ListCommand::Assets(a) => {
            let assets = all(a.max, |after: Option<&Asset>| {
                let after = after.map(|x| x.id.clone());
                ctx.read("the assets", |r| r.assets(after, MAX_LIMIT))
            })?;
            Ok(lists::assets(&assets))
        }
        ListCommand::Oracles(a) => {
            let oracles = all(a.max, |after: Option<&Oracle>| {
                let after = after.map(|x| x.address.to_string());
                ctx.read("the oracles", |r| r.oracles(after, MAX_LIMIT))
            })?;
            Ok(lists::oracles(&oracles))
        }
        ListCommand::Flags(a) => {
            let subject = match (&a.asset, &a.entity) {
                (Some(asset), _) => Subject::Asset(asset.clone()),
                (None, entity) => Subject::Entity(entity.clone().unwrap_or_default()),
            };
            let flags = all(a.max, |after: Option<&Flag>| {
                let after = after.map(|f| f.id);
                ctx.read(&format!("the flags on {subject}"), |r| {
                    r.flags(&subject, a.active, after, MAX_LIMIT)
                })
            })?;
            let need = ctx
                .read("the parameters", |r| r.config())?
                .params
                .flag_quorum;
            Ok(lists::flags(&subject, &flags, need))
        }
    }
}

/// Reads pages of at most `MAX_LIMIT` with `page` (given the last item read) until a short page
/// or `max` items.
fn all<T>(max: usize, mut page: impl FnMut(Option<&T>) -> Res<Vec<T>>) -> Res<Vec<T>> {
    let mut items: Vec<T> = Vec::new();
    loop {
        let next = page(items.last())?;
        let short = next.len() < MAX_LIMIT as usize;
        items.extend(next);
        if short || items.len() >= max {
            items.truncate(max);
            return Ok(items);
        }
    }
}
