//! The flags a verdict names, read for `status` and `mint` to say since when and by whom.

use rwa_gate::{Decision, Denial, Flag};

use crate::context::Ctx;

/// The flags named by `decision`'s denials; a flag that cannot be read is left out (its
/// denial is then worded without it).
pub fn denial_flags(ctx: &mut Ctx, decision: &Decision) -> Vec<Flag> {
    decision
        .reasons
        .iter()
        .filter_map(|reason| match reason {
            Denial::Flagged { flag, .. } => Some(*flag),
            _ => None,
        })
        .filter_map(|id| ctx.read(&format!("flag {id}"), |r| r.flag(id)).ok())
        .collect()
}
