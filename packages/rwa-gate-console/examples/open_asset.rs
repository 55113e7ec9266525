//! Benchmark: an asset with 1,000 attestations and 10,000 mints, indexed in a SQLite file, then
//! its page opened (the server's work for `/api/asset/ID`: every read of the index, the page
//! model, the JSON text) 30 times. Prints the write rate of the index and the open times.
//!
//!     cargo run --release -p rwa-gate-console --example open_asset

use std::time::Instant;

use rwa_gate_console::chain::AssetLive;
use rwa_gate_console::fixtures::fill;
use rwa_gate_console::index::Index;
use rwa_gate_console::model::asset_page;
use serde_json::json;

const REG: &str = "wasm1registry";

fn live() -> AssetLive {
    let asset = serde_json::from_value(json!({
        "id": "bond", "issuer": "wasm1issuer", "filing_entity": "acme", "related_parties": [],
        "plan": {"max_supply": "100000000000", "materials_digest": "ab".repeat(32)},
        "plan_version": 0, "parties_version": 0, "token": "wasm1tokenbond", "status": "active",
        "paused": false, "minters": ["wasm1issuer"], "last_report": null,
        "registered_at": "1700000000000000000",
    }))
    .expect("asset");
    let decision = serde_json::from_value(json!({
        "allowed": true, "reasons": [], "cap": "100000000000", "filings": [999], "screenings": [1000],
    }))
    .expect("decision");
    AssetLive {
        asset,
        decision,
        clearance: None,
        minted: None,
        symbol: "BOND".into(),
        decimals: 6,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("rwa-gate-console-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("index.sqlite");
    let mut index = Index::open(&path, "bench", REG)?;
    let started = Instant::now();
    let last = fill(&mut index, REG, "bond", 1_000, 10_000)?;
    let took = started.elapsed().as_secs_f64();
    println!(
        "indexed 11,002 contract events in {last} blocks in {took:.2} s: {:.0} events/s, {:.0} blocks/s (SQLite file, one transaction per block)",
        11_002.0 / took,
        last as f64 / took
    );
    let live = live();
    let mut times = Vec::new();
    let mut bytes = 0;
    for _ in 0..30 {
        let t = Instant::now();
        let page = asset_page(&live, &index, last, 1_700_000_000 + last * 5)?;
        bytes = page.to_string().len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "opening the asset's page (1,000 attestations, 10,000 mints): median {:.1} ms, min {:.1} ms, max {:.1} ms over 30 opens; {bytes} bytes of JSON",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    drop(index);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
