//! `rwa-gate address`: the address of the configured key.

use serde_json::json;

use crate::context::Ctx;
use crate::error::Res;
use crate::render::Output;

pub fn exec(ctx: &mut Ctx) -> Res<Output> {
    let address = ctx.address()?;
    let index = ctx.global.account_index;
    Ok((
        json!({"ok": true, "address": address, "account_index": index}),
        address,
    ))
}
