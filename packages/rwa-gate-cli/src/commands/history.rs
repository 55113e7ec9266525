//! `rwa-gate history ASSET`: pages through the asset's attestations and the flags on it and
//! its parties.

use clap::{Args, ValueEnum};
use rwa_gate::{Attestation, AttestationKind, Flag, Subject};

use crate::context::Ctx;
use crate::error::Res;
use crate::input;
use crate::render::history::{history, HistoryView, Mint};
use crate::render::Output;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Asset id.
    #[arg(value_parser = input::asset_id)]
    pub asset: String,
    /// Only attestations of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Entries read per query (at most 30).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub page_size: u32,
    /// Stop after this many attestations and this many flags per subject.
    #[arg(long, default_value_t = 1_000)]
    pub max: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// Filing attestations (R1).
    Filing,
    /// Screening attestations (R3-R9).
    Screening,
}

pub fn exec(ctx: &mut Ctx, a: &HistoryArgs) -> Res<Output> {
    let record = ctx.read(&format!("asset {}", a.asset), |r| r.asset(&a.asset))?;
    let config = ctx.read("the parameters", |r| r.config())?;
    let mut pages = 0;
    let attestations = read_attestations(ctx, a, &mut pages)?;
    let mut subjects = vec![Subject::Asset(a.asset.clone())];
    subjects.extend(record.subjects().map(|s| Subject::Entity(s.to_string())));
    let mut flags = Vec::new();
    for subject in &subjects {
        flags.extend(read_flags(ctx, a, subject, &mut pages)?);
    }
    flags.sort_by_key(|f| f.id);
    let mints = match &record.token {
        Some(token) => read_mints(ctx, token.as_str()),
        None => Ok(Vec::new()),
    };
    Ok(history(&HistoryView {
        asset: a.asset.clone(),
        attestations,
        flags,
        mints,
        flag_quorum: config.params.flag_quorum,
        pages_read: pages,
    }))
}

/// Every mint of the token, from the node's transaction index (oldest first). A node that
/// does not index transactions leaves the mints out, with the reason.
fn read_mints(ctx: &mut Ctx, token: &str) -> Result<Vec<Mint>, String> {
    let query = format!("wasm._contract_address='{token}' AND wasm.action='mint'");
    let found = ctx
        .client()
        .map_err(|f| f.message)?
        .search_txs(&query)
        .map_err(|e| format!("the node's transaction index did not answer: {e}"))?;
    let mints = found
        .iter()
        .filter(|tx| tx.code == 0)
        .flat_map(|tx| {
            tx.events
                .iter()
                .filter(|e| e.kind == "wasm" && attribute(e, "_contract_address") == Some(token))
                .filter(|e| attribute(e, "action") == Some("mint"))
                .map(move |e| Mint {
                    tx: tx.hash.clone(),
                    height: tx.height,
                    to: attribute(e, "to").unwrap_or("?").to_string(),
                    amount: attribute(e, "amount").unwrap_or("0").to_string(),
                    minted: attribute(e, "minted").unwrap_or("0").to_string(),
                    filings: attribute(e, "filings").unwrap_or("").to_string(),
                    screenings: attribute(e, "screenings").unwrap_or("").to_string(),
                })
        })
        .collect();
    Ok(mints)
}

fn attribute<'a>(event: &'a rwa_gate_client::Event, key: &str) -> Option<&'a str> {
    event
        .attributes
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn read_attestations(ctx: &mut Ctx, a: &HistoryArgs, pages: &mut usize) -> Res<Vec<Attestation>> {
    let kind = a.kind.map(|k| match k {
        Kind::Filing => AttestationKind::Filing,
        Kind::Screening => AttestationKind::Screening,
    });
    let mut attestations: Vec<Attestation> = Vec::new();
    loop {
        let after = attestations.last().map(|x| x.id);
        let page = ctx.read(&format!("the attestations of asset {}", a.asset), |r| {
            r.attestations(&a.asset, kind, after, a.page_size)
        })?;
        *pages += 1;
        let n = page.len();
        attestations.extend(page);
        if n < a.page_size as usize || attestations.len() >= a.max {
            break;
        }
    }
    attestations.truncate(a.max);
    Ok(attestations)
}

fn read_flags(
    ctx: &mut Ctx,
    a: &HistoryArgs,
    subject: &Subject,
    pages: &mut usize,
) -> Res<Vec<Flag>> {
    let mut flags: Vec<Flag> = Vec::new();
    loop {
        let after = flags.last().map(|f| f.id);
        let page = ctx.read(&format!("the flags on {subject}"), |r| {
            r.flags(subject, false, after, a.page_size)
        })?;
        *pages += 1;
        let n = page.len();
        flags.extend(page);
        if n < a.page_size as usize || flags.len() >= a.max {
            break;
        }
    }
    Ok(flags)
}
