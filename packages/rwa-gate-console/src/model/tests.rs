use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::MintedResponse;
use rwa_gate::{Asset, Decision, Denial};
use serde_json::json;

use super::*;
use crate::fixtures::{attest, block, fill, mint, register};

const REG: &str = "wasm1registry";

fn asset(id: &str) -> Asset {
    serde_json::from_value(json!({
        "id": id, "issuer": "wasm1issuer", "filing_entity": "acme",
        "related_parties": [{"entity": "holdco", "role": "controlling_shareholder"}],
        "plan": {"max_supply": "1000000000", "materials_digest": "ab".repeat(32)},
        "plan_version": 0, "parties_version": 0, "token": format!("wasm1token{id}"),
        "status": "active", "paused": false, "minters": ["wasm1issuer"], "last_report": null,
        "registered_at": "1700000000000000000",
    }))
    .unwrap()
}

fn live(id: &str, reasons: Vec<Denial>) -> AssetLive {
    AssetLive {
        asset: asset(id),
        decision: Decision {
            allowed: reasons.is_empty(),
            reasons,
            cap: Uint128::new(1_000_000_000),
            filings: vec![],
            screenings: vec![],
            approvals: vec![],
        },
        clearance: None,
        minted: Some(MintedResponse {
            asset: id.into(),
            token: cosmwasm_std::Addr::unchecked("wasm1token"),
            minted: Uint128::new(1_500_000),
            total_supply: Uint128::new(1_500_000),
            cap: Uint128::new(1_000_000_000),
        }),
        symbol: "BOND".into(),
        decimals: 6,
    }
}

#[test]
fn amounts_show_in_whole_units() {
    assert_eq!(units(1_500_000, 6), "1.5");
    assert_eq!(units(1_000_000, 6), "1");
    assert_eq!(units(1, 6), "0.000001");
    assert_eq!(units(42, 0), "42");
}

#[test]
fn a_blocked_asset_states_every_reason_in_check_issuance_s_words() {
    let reasons = vec![
        Denial::FilingQuorumNotMet { have: 0, need: 1 },
        Denial::ScreeningExpired {
            at: Timestamp::from_seconds(5),
        },
    ];
    let s = summary(&live("bond", reasons));
    assert_eq!(s["state"], "blocked");
    assert_eq!(s["reasons"][0]["code"], "filing_quorum_not_met");
    assert_eq!(s["reasons"][0]["text"], "R1: 0 of 1 Filing attestations");
    assert_eq!(s["reasons"][1]["code"], "screening_expired");
    assert_eq!(s["minted_units"], "1.5");
    assert_eq!(s["cap_units"], "1000");
    assert_eq!(summary(&live("note", vec![]))["state"], "cleared");
}

#[test]
fn the_asset_page_lays_out_lanes_bars_flags_supply_and_the_latest_mints() {
    let mut ix = Index::in_memory("localnet", REG).unwrap();
    ix.apply_block(&block(
        1,
        1_700_000_000,
        register(REG, "bond", "wasm1tokenbond"),
    ))
    .unwrap();
    let events = vec![
        attest(REG, "bond", 1, "filing", 1_800_000_000),
        attest(REG, "bond", 2, "screening", 1_700_000_020),
        mint("wasm1tokenbond", "bond", 1_000_000, 1_000_000, (1, 2)),
    ];
    ix.apply_block(&block(2, 1_700_000_000, events)).unwrap();
    let page = asset_page(&live("bond", vec![]), &ix, 9, 1_700_000_100).unwrap();
    let tl = &page["timeline"];
    assert_eq!(tl["lanes"].as_array().unwrap().len(), 2);
    assert_eq!(tl["attestations"][0]["end"], "valid");
    assert_eq!(tl["attestations"][1]["end"], "expired");
    assert_eq!(tl["supply"].as_array().unwrap().len(), 1);
    assert_eq!(tl["markers"][0]["action"], "register_asset");
    assert_eq!(page["mints"]["total"], 1);
    assert_eq!(page["mints"]["items"][0]["filings"], json!([1]));
    assert_eq!(
        page["parties"]["related_parties"][0]["role"],
        "controlling_shareholder"
    );
}

#[test]
fn a_long_history_is_drawn_with_a_bounded_number_of_supply_points() {
    let mut ix = Index::in_memory("localnet", REG).unwrap();
    fill(&mut ix, REG, "bond", 100, 2_000).unwrap();
    let page = asset_page(&live("bond", vec![]), &ix, 9, 1_800_000_000).unwrap();
    let supply = page["timeline"]["supply"].as_array().unwrap();
    assert!(supply.len() <= SUPPLY_POINTS, "{}", supply.len());
    // The last point is the last mint: nothing above it is hidden.
    assert_eq!(supply.last().unwrap()[2], "2");
    assert_eq!(
        page["mints"]["items"].as_array().unwrap().len(),
        MINTS_PAGE as usize
    );
}

#[test]
fn the_record_as_of_a_height_counts_only_what_existed_then() {
    let mut ix = Index::in_memory("localnet", REG).unwrap();
    fill(&mut ix, REG, "bond", 4, 30).unwrap();
    // Block 1 registers; attestations are in block 2; mints from block 2 on, ten per block.
    let then = as_of(&live("bond", vec![]), &ix, 2, 1_700_000_010).unwrap();
    assert_eq!(then["attestations_unexpired"], json!([1, 2, 3, 4]));
    assert_eq!(then["mints_to_date"], 6);
    let before = as_of(&live("bond", vec![]), &ix, 1, 1_700_000_005).unwrap();
    assert_eq!(before["attestations_unexpired"], json!([]));
    assert_eq!(before["mints_to_date"], 0);
}
