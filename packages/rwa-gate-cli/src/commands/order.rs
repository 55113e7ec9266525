//! `rwa-gate order DIGEST`: a court or regulator order as the registry records it.

use clap::Args;

use crate::context::Ctx;
use crate::error::Res;
use crate::input;
use crate::render::holders::order;
use crate::render::Output;

#[derive(Debug, Args)]
pub struct OrderArgs {
    /// The order's digest.
    #[arg(value_parser = input::digest)]
    pub order: String,
}

pub fn exec(ctx: &mut Ctx, a: &OrderArgs) -> Res<Output> {
    let record = ctx.read(&format!("order {}", a.order), |r| r.order(&a.order))?;
    let asset = ctx.read(&format!("asset {}", record.asset), |r| {
        r.asset(&record.asset)
    })?;
    let (_, token) = ctx.asset_token(&asset)?;
    Ok(order(&record, token.decimals, &token.symbol))
}
