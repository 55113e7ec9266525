//! `rwa-gate status ASSET`: reads the asset's clearance and everything it relies on.

use rwa_gate::Attestation;

use crate::commands::denials::denial_flags;
use crate::context::Ctx;
use crate::error::Res;
use crate::render::status::{status, StatusView};
use crate::render::Output;

pub fn exec(ctx: &mut Ctx, id: &str) -> Res<Output> {
    let view = read_status(ctx, id)?;
    Ok(status(&view))
}

/// The asset, its clearance, the gate, the parameters, what it minted, the verdict on the
/// smallest mint (anything that denies it denies every mint), and the records these name.
pub fn read_status(ctx: &mut Ctx, id: &str) -> Res<StatusView> {
    let record = ctx.read(&format!("asset {id}"), |r| r.asset(id))?;
    let clearance = ctx.read(&format!("the clearance of asset {id}"), |r| r.clearance(id))?;
    let gate = ctx.read("the gate", |r| r.gate())?;
    let config = ctx.read("the parameters", |r| r.config())?;
    let minted = ctx.read(&format!("what asset {id} minted"), |r| r.minted(id))?;
    let decision = ctx.read(&format!("check_issuance of asset {id}"), |r| {
        r.check_issuance(id, 1, None)
    })?;
    let now = ctx.now()?;
    let filings = attestations(ctx, &clearance.filing.attestations)?;
    let screenings = attestations(ctx, &clearance.screening.attestations)?;
    let approvals = clearance
        .approvals
        .iter()
        .map(|a| attestations(ctx, &a.support.attestations))
        .collect::<Res<_>>()?;
    let mut flags = Vec::new();
    for blocker in &clearance.blockers {
        let id = blocker.flag;
        flags.push(ctx.read(&format!("flag {id}"), |r| r.flag(id))?);
    }
    let denial_flags = denial_flags(ctx, &decision);
    let (_, token) = ctx.asset_token(&record)?;
    Ok(StatusView {
        id: id.to_string(),
        record,
        clearance,
        gate,
        config,
        minted,
        decision,
        filings,
        screenings,
        approvals,
        flags,
        denial_flags,
        symbol: token.symbol,
        decimals: token.decimals,
        now,
    })
}

fn attestations(ctx: &mut Ctx, ids: &[u64]) -> Res<Vec<Attestation>> {
    ids.iter()
        .map(|&id| ctx.read(&format!("attestation {id}"), |r| r.attestation(id)))
        .collect()
}
