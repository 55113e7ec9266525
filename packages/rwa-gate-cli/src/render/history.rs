//! `history`: an asset's attestations and the flags on it and its parties.

use rwa_gate::{Attestation, Flag};
use serde_json::json;

use crate::render::records::{attestation_json, attestation_line, flag_history_line, flag_json};
use crate::render::Output;

/// Everything `history` shows, as read from the chain.
pub struct HistoryView {
    pub asset: String,
    pub attestations: Vec<Attestation>,
    /// Sorted by id.
    pub flags: Vec<Flag>,
    pub flag_quorum: u32,
    pub pages_read: usize,
}

pub fn history(v: &HistoryView) -> Output {
    let need = v.flag_quorum;
    let value = json!({
        "ok": true,
        "asset": v.asset,
        "attestations": v.attestations.iter().map(attestation_json).collect::<Vec<_>>(),
        "flags": v.flags.iter().map(|f| flag_json(f, need)).collect::<Vec<_>>(),
        "pages_read": v.pages_read,
    });
    let mut text = vec![format!(
        "Asset {}: {} attestation(s), {} flag(s) on it and its parties ({} page(s) read)",
        v.asset,
        v.attestations.len(),
        v.flags.len(),
        v.pages_read
    )];
    text.extend(v.attestations.iter().map(attestation_line));
    text.extend(v.flags.iter().map(|f| flag_history_line(f, need)));
    (value, text.join("\n"))
}
