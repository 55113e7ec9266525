//! Blocks of contract events made by hand, for the index's tests and the benchmark: the same
//! attributes the contracts emit (contracts/*/src/execute/*.rs).

use rwa_gate_client::{BlockEvents, BlockTx, Event};

use crate::error::Result;
use crate::index::Index;

/// A `wasm` event of `contract` with `attrs`.
pub fn wasm(contract: &str, attrs: &[(&str, String)]) -> Event {
    let mut attributes = vec![("_contract_address".to_string(), contract.to_string())];
    attributes.extend(attrs.iter().map(|(k, v)| (k.to_string(), v.clone())));
    Event {
        kind: "wasm".into(),
        attributes,
    }
}

/// A block at `height` (time `height` * 5 s after `t0` seconds) of one delivered transaction
/// per event.
pub fn block(height: u64, t0: u64, events: Vec<Event>) -> BlockEvents {
    BlockEvents {
        height,
        time_ns: (t0 + height * 5) * 1_000_000_000,
        txs: events
            .into_iter()
            .enumerate()
            .map(|(i, e)| BlockTx {
                hash: format!("{height:08X}{i:056X}"),
                code: 0,
                events: vec![e],
            })
            .collect(),
    }
}

pub fn register(registry: &str, asset: &str, token: &str) -> Vec<Event> {
    vec![
        wasm(
            registry,
            &[
                ("action", "register_asset".into()),
                ("asset", asset.into()),
                ("filing_entity", "acme".into()),
                ("plan_max_supply", "100000000000".into()),
            ],
        ),
        wasm(
            registry,
            &[
                ("action", "token_instantiated".into()),
                ("asset", asset.into()),
                ("token", token.into()),
            ],
        ),
    ]
}

pub fn attest(registry: &str, asset: &str, id: u64, kind: &str, expires_at: u64) -> Event {
    let mut attrs = vec![
        ("action", "attest".to_string()),
        ("asset", asset.to_string()),
        ("kind", kind.to_string()),
        ("id", id.to_string()),
        ("oracle", format!("wasm1oracle{kind}")),
        ("expires_at", expires_at.to_string()),
        ("plan_version", "0".to_string()),
    ];
    if id > 2 {
        attrs.push(("superseded", (id - 2).to_string()));
    }
    wasm(registry, &attrs)
}

pub fn mint(token: &str, asset: &str, amount: u128, minted: u128, relied: (u64, u64)) -> Event {
    wasm(
        token,
        &[
            ("action", "mint".into()),
            ("asset", asset.into()),
            ("to", "wasm1holder".into()),
            ("amount", amount.to_string()),
            ("minted", minted.to_string()),
            ("filings", relied.0.to_string()),
            ("screenings", relied.1.to_string()),
        ],
    )
}

/// Fills `index` with asset `asset`: registered, `attestations` attestations (filing and
/// screening in turn, each superseding the previous of its kind) and `mints` mints of 1,000
/// base units, ten events a block. Returns the last height.
pub fn fill(
    index: &mut Index,
    registry: &str,
    asset: &str,
    attestations: u64,
    mints: u64,
) -> Result<u64> {
    let token = format!("wasm1token{asset}");
    let t0 = 1_700_000_000;
    let mut height = index.indexed_height()? + 1;
    index.apply_block(&block(height, t0, register(registry, asset, &token)))?;
    let mut events = Vec::new();
    for id in 1..=attestations {
        let kind = if id % 2 == 1 { "filing" } else { "screening" };
        events.push(attest(
            registry,
            asset,
            id,
            kind,
            t0 + height * 5 + 86_400 * 30,
        ));
        if events.len() == 10 {
            height += 1;
            index.apply_block(&block(height, t0, std::mem::take(&mut events)))?;
        }
    }
    let last = (attestations.saturating_sub(1).max(1), attestations.max(2));
    for n in 1..=u128::from(mints) {
        events.push(mint(&token, asset, 1_000, n * 1_000, last));
        if events.len() == 10 {
            height += 1;
            index.apply_block(&block(height, t0, std::mem::take(&mut events)))?;
        }
    }
    height += 1;
    index.apply_block(&block(height, t0, events))?;
    Ok(height)
}
