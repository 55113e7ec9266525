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
    /// The token's mints, or why they could not be read.
    pub mints: Result<Vec<Mint>, String>,
    pub flag_quorum: u32,
    pub pages_read: usize,
}

/// One mint of the asset's token, as its receipt (the contract's event) says. Amounts are in
/// base units.
pub struct Mint {
    pub tx: String,
    pub height: u64,
    pub to: String,
    pub amount: String,
    /// Minted so far, this mint included.
    pub minted: String,
    /// The attestation ids relied on.
    pub filings: String,
    pub screenings: String,
}

fn mint_json(m: &Mint) -> serde_json::Value {
    json!({"tx": m.tx, "height": m.height, "to": m.to, "amount": m.amount,
           "minted": m.minted, "filings": m.filings, "screenings": m.screenings})
}

fn mint_line(m: &Mint) -> String {
    format!(
        "  mint   block {:<8} {} to {}  (minted so far {}; filings {}, screenings {})  tx {}",
        m.height, m.amount, m.to, m.minted, m.filings, m.screenings, m.tx
    )
}

pub fn history(v: &HistoryView) -> Output {
    let need = v.flag_quorum;
    let value = json!({
        "ok": true,
        "asset": v.asset,
        "attestations": v.attestations.iter().map(attestation_json).collect::<Vec<_>>(),
        "flags": v.flags.iter().map(|f| flag_json(f, need)).collect::<Vec<_>>(),
        "pages_read": v.pages_read,
        "mints": v.mints.as_ref().ok().map(|m| m.iter().map(mint_json).collect::<Vec<_>>()),
        "mints_error": v.mints.as_ref().err(),
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
    match &v.mints {
        Ok(mints) => {
            text.push(format!("{} mint(s) (amounts in base units):", mints.len()));
            text.extend(mints.iter().map(mint_line));
        }
        Err(why) => text.push(format!("mints not shown: {why}")),
    }
    (value, text.join("\n"))
}
