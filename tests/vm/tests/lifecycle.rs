//! The issuance lifecycle, run on the optimized wasm in cosmwasm-vm (see `src/lib.rs` for what
//! the harness is and is not).

use cosmwasm_std::Uint128;
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, QueryMsg as RegistryQuery};
use rwa_gate::token::{AssetInfoResponse, ExecuteMsg as TokenMsg, QueryMsg as TokenQuery};
use rwa_gate::{Asset, FlagReason, Subject};
use rwa_gate_vm_tests::scenario::*;

fn bond() -> Subject {
    Subject::Asset(BOND.to_string())
}

#[test]
fn vm_registering_an_asset_instantiates_its_token_through_the_reply() {
    let d = Deployment::new();
    let asset: Asset =
        d.vm.query(&d.registry, &RegistryQuery::Asset { id: BOND.into() })
            .unwrap();
    assert_eq!(asset.token.unwrap().as_str(), d.token);
    let info: AssetInfoResponse = d.vm.query(&d.token, &TokenQuery::AssetInfo {}).unwrap();
    assert_eq!(info.asset, BOND);
    assert_eq!(info.registry.as_str(), d.registry);
    assert_eq!(info.issuer.as_str(), d.issuer);
    // The first clearance exists from the start, and it denies.
    assert!(!d.check_issuance(1).allowed);
}

#[test]
fn vm_lifecycle_attest_mint_flag_clear_expire_cap_freeze() {
    let mut d = Deployment::new();
    let alice = d.vm.addr("alice");
    let bob = d.vm.addr("bob");

    // Registered, not attested: refused with every reason.
    assert_eq!(
        d.issue(&alice, 100).unwrap_err(),
        "issuance denied: R1: 0 of 1 Filing attestations; R3-R9: 0 of 1 Screening attestations"
    );

    // Attested: the mint goes through and its receipt names the attestations relied on.
    let filing = d.attest_filing(BOND, MAX_SUPPLY).unwrap();
    let screening = d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    let receipt = d.issue(&alice, 100).unwrap();
    assert_eq!(receipt.attr("action"), Some("mint"));
    assert_eq!(receipt.attr("minted"), Some("100"));
    assert_eq!(receipt.attr("filings"), filing.attr("id"));
    assert_eq!(receipt.attr("screenings"), screening.attr("id"));
    assert_eq!(d.balance(&alice), 100);
    d.transfer(&alice, &bob, 40).unwrap();
    assert_eq!((d.balance(&alice), d.balance(&bob)), (60, 40));

    // An ownership dispute on the asset: mint refused with the exact reason, transfers frozen.
    let flag = d.raise_flag(bond(), FlagReason::OwnershipDispute).unwrap();
    assert_eq!(
        d.issue(&alice, 100).unwrap_err(),
        format!("issuance denied: R5 ownership_dispute flag {flag} on asset bond")
    );
    assert_eq!(
        d.transfer(&alice, &bob, 1).unwrap_err(),
        format!("transfers of asset bond are frozen by flags [{flag}]")
    );
    // A refused call leaves no trace.
    assert_eq!((d.balance(&alice), d.balance(&bob)), (60, 40));

    // Cleared: allowed again.
    d.clear_flag(flag).unwrap();
    d.issue(&alice, 100).unwrap();
    d.transfer(&alice, &bob, 10).unwrap();
    assert_eq!((d.balance(&alice), d.balance(&bob)), (150, 50));

    // Expiry: the Screening attestation lapses by the clock alone.
    let expiry = d.now() + SCREENING_VALIDITY;
    d.vm.advance(SCREENING_VALIDITY - 1);
    d.issue(&alice, 1).unwrap();
    d.vm.advance(1);
    assert_eq!(
        d.issue(&alice, 1).unwrap_err(),
        format!("issuance denied: R3-R9: Screening attestation expired at {expiry}")
    );
    d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]).unwrap();
    d.issue(&alice, 1).unwrap();

    // Cap: cumulative, burns do not free room.
    let minted = 202;
    d.issue(&bob, MAX_SUPPLY - minted).unwrap();
    let token = d.token.clone();
    d.vm.execute(
        &token,
        &bob,
        &TokenMsg::Burn {
            amount: Uint128::new(10),
        },
    )
    .unwrap();
    assert_eq!(
        d.issue(&alice, 1).unwrap_err(),
        format!("issuance denied: R1: cap {MAX_SUPPLY}, minted {MAX_SUPPLY}, requested 1")
    );

    // The registry's check_issuance says the same as the token's mint.
    let decision = d.check_issuance(1);
    assert!(!decision.allowed);
    assert_eq!(
        format!(
            "issuance denied: {}",
            rwa_gate::policy::describe(&decision.reasons)
        ),
        d.issue(&alice, 1).unwrap_err()
    );
}

#[test]
fn vm_send_reaches_the_token_and_hands_back_the_receive_callback() {
    let mut d = Deployment::new();
    d.clear_bond();
    let alice = d.vm.addr("alice");
    let dex = d.vm.addr("dex");
    d.issue(&alice, 100).unwrap();
    let token = d.token.clone();
    let outcome =
        d.vm.execute(
            &token,
            &alice,
            &TokenMsg::Send {
                contract: dex.clone(),
                amount: Uint128::new(30),
                msg: b"{}".into(),
            },
        )
        .unwrap();
    assert_eq!(d.balance(&dex), 30);
    // The harness does not route messages: the cw20 Receive callback comes back undispatched.
    assert_eq!(outcome.messages.len(), 1);
    let cosmwasm_std_v2::CosmosMsg::Wasm(cosmwasm_std_v2::WasmMsg::Execute {
        contract_addr,
        msg,
        ..
    }) = &outcome.messages[0]
    else {
        panic!("expected a wasm execute, got {:?}", outcome.messages[0]);
    };
    assert_eq!(contract_addr, &dex);
    let receive: serde_json::Value = serde_json::from_slice(msg.as_slice()).unwrap();
    assert_eq!(receive["receive"]["amount"], "30");
    assert_eq!(receive["receive"]["sender"], alice.as_str());
}

#[test]
fn vm_minted_query_reads_the_tokens_state_with_a_raw_query() {
    let mut d = Deployment::new();
    d.clear_bond();
    let alice = d.vm.addr("alice");
    d.issue(&alice, 1234).unwrap();
    let minted: rwa_gate::registry::MintedResponse =
        d.vm.query(&d.registry, &RegistryQuery::Minted { asset: BOND.into() })
            .unwrap();
    assert_eq!(minted.minted.u128(), 1234);
    assert_eq!(minted.total_supply.u128(), 1234);
    assert_eq!(minted.token.as_str(), d.token);
}

#[test]
fn vm_only_minters_mint_and_an_unknown_sender_is_named() {
    let mut d = Deployment::new();
    d.clear_bond();
    let mallory = d.vm.addr("mallory");
    assert_eq!(
        d.mint(&mallory, &mallory, 1).unwrap_err(),
        format!("issuance denied: {mallory} is not a minter of this asset")
    );
    let issuer = d.issuer.clone();
    d.registry_exec(
        &issuer,
        &RegistryMsg::AddMinter {
            asset: BOND.into(),
            minter: mallory.clone(),
        },
    )
    .unwrap();
    d.mint(&mallory, &mallory, 1).unwrap();
}
