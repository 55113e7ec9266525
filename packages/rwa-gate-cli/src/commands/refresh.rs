//! `rwa-gate refresh ASSET`: recompute an asset's clearance (anyone may).

use rwa_gate::registry::ExecuteMsg;

use crate::context::Ctx;
use crate::error::Res;
use crate::render::Output;

pub fn exec(ctx: &mut Ctx, id: &str) -> Res<Output> {
    let msg = ExecuteMsg::RefreshClearance {
        asset: id.to_string(),
    };
    let sent = ctx.send_registry(&format!("refresh the clearance of asset {id}"), &msg, &[])?;
    Ok(sent.report(
        "refresh",
        &format!("Clearance of asset {id} recomputed (see `rwa-gate status {id}`)."),
    ))
}
