//! Entities shared between issuers (link allowances) and related parties that change during an
//! asset's life.

use compliance_registry::ContractError as RegistryError;
use rwa_gate::registry::{ExecuteMsg, LinkAllowanceResponse, LinkAllowancesResponse, QueryMsg};
use rwa_gate::{FlagReason, PartyRole, Subject, MAX_ASSETS_PER_ENTITY};
use rwa_gate_tests::*;

use rwa_gate_tests::scenarios::{self, NEWCO, OTHERCO};

/// The bond of `issuer` (on acme, with holdco and founder), and a second approved issuer with
/// its own entity `otherco`.
fn two_issuers() -> Suite {
    let mut s = Suite::new().with_standard_oracles().build();
    s.approve_issuer("issuer2").unwrap();
    s.register_entity_as("issuer2", OTHERCO).unwrap();
    s
}

fn holdco_party() -> [(&'static str, PartyRole); 1] {
    [(HOLDCO, PartyRole::ControllingShareholder)]
}

// ---------------------------------------------------------------- link allowances (issue 10, 3)

/// The attack of issue 10 (item 3) is the scenario `another_issuer_cannot_use_up_an_entitys_slots`
/// (multi-test and chain). Here, what only multi-test sees: each of the 32 links another issuer
/// tries without an allowance is refused and leaves the registry's storage byte for byte as it
/// was.
#[test]
fn another_issuers_refused_links_leave_the_registry_storage_unchanged() {
    let mut s = two_issuers();
    for i in 0..MAX_ASSETS_PER_ENTITY {
        let before = s.storage(&s.registry);
        assert_fails(
            s.register_asset_as("issuer2", &format!("squat-{i}"), OTHERCO, &holdco_party()),
            RegistryError::LinkNotAllowed {
                id: HOLDCO.into(),
                limit: 0,
            },
        );
        assert_eq!(s.storage(&s.registry), before);
    }
    assert_eq!(s.entity(HOLDCO).assets, 1);
}

/// With an allowance, the other issuer uses exactly its share, and the entity's own issuer
/// keeps the rest: neither can take what the other holds.
#[test]
fn an_allowance_reserves_a_share_that_only_its_issuer_uses() {
    let mut s = two_issuers();
    let res = s
        .set_link_allowance("issuer", HOLDCO, "issuer2", 2)
        .unwrap();
    assert_eq!(res.attr("reserved"), Some("2"));
    for i in 0..2 {
        s.register_asset_as("issuer2", &format!("shared-{i}"), OTHERCO, &holdco_party())
            .unwrap();
    }
    let before = s.storage(&s.registry);
    assert_fails(
        s.register_asset_as("issuer2", "shared-2", OTHERCO, &holdco_party()),
        RegistryError::LinkNotAllowed {
            id: HOLDCO.into(),
            limit: 2,
        },
    );
    assert_eq!(s.storage(&s.registry), before);
    let issuer2 = s.address("issuer2");
    let allowance: LinkAllowanceResponse = s.query(&QueryMsg::LinkAllowance {
        entity: HOLDCO.into(),
        issuer: issuer2.to_string(),
    });
    assert_eq!(
        allowance,
        LinkAllowanceResponse {
            entity: HOLDCO.into(),
            issuer: issuer2.clone(),
            limit: 2,
            used: 2
        }
    );
    let listed: LinkAllowancesResponse = s.query(&QueryMsg::LinkAllowances {
        entity: HOLDCO.into(),
        start_after: None,
        limit: None,
    });
    assert_eq!(listed.allowances, vec![allowance]);

    // The entity's own issuer has 32 - 2 slots, the bond holding one of them.
    for i in 1..MAX_ASSETS_PER_ENTITY - 2 {
        s.register_asset(&format!("own-{i}"), HOLDCO, &[]).unwrap();
    }
    let e = s.entity(HOLDCO);
    assert_eq!(
        (e.assets, e.reserved, e.linked_by_others),
        (MAX_ASSETS_PER_ENTITY, 2, 2)
    );
    assert_fails(
        s.register_asset("one-too-many", HOLDCO, &[]),
        RegistryError::EntityAssetLimit { id: HOLDCO.into() },
    );
    // A flag on the entity still reaches every linked asset, of both issuers, in one go.
    let res = s
        .exec(
            "watcher",
            &ExecuteMsg::RaiseFlag {
                subject: Subject::Entity(HOLDCO.into()),
                reason: FlagReason::NationalSecurity,
                evidence: evidence("finding"),
            },
        )
        .unwrap();
    assert_eq!(
        res.attr("assets_recomputed").map(String::from),
        Some(MAX_ASSETS_PER_ENTITY.to_string())
    );
    assert!(!s.check("shared-0", 1, Some("issuer2")).allowed);
}

/// The registering issuer cannot reserve slots it uses itself, nor can anyone but it and the
/// owner grant an allowance.
#[test]
fn allowances_are_bounded_and_granted_by_the_entitys_issuer_or_the_owner() {
    let mut s = two_issuers();
    for i in 1..MAX_ASSETS_PER_ENTITY - 3 {
        s.register_asset(&format!("own-{i}"), HOLDCO, &[]).unwrap();
    }
    // 29 own links: 3 slots left to reserve.
    let before = s.storage(&s.registry);
    assert_fails(
        s.set_link_allowance("issuer", HOLDCO, "issuer2", 4),
        RegistryError::LinkAllowanceTooLarge {
            id: HOLDCO.into(),
            available: 3,
        },
    );
    assert_fails(
        s.set_link_allowance("issuer2", HOLDCO, "issuer2", 1),
        RegistryError::Unauthorized {},
    );
    assert_fails(
        s.set_link_allowance("stranger", HOLDCO, "issuer2", 1),
        RegistryError::Unauthorized {},
    );
    assert_fails(
        s.set_link_allowance("issuer", HOLDCO, "issuer", 1),
        RegistryError::SelfAllowance {},
    );
    assert_fails(
        s.set_link_allowance("issuer", "ghost", "issuer2", 1),
        RegistryError::EntityNotFound { id: "ghost".into() },
    );
    assert_eq!(s.storage(&s.registry), before);
    s.set_link_allowance("issuer", HOLDCO, "issuer2", 3)
        .unwrap();
    // The owner may change it too: moving one slot from issuer2 to issuer3.
    s.set_link_allowance("owner", HOLDCO, "issuer2", 2).unwrap();
    assert_fails(
        s.set_link_allowance("owner", HOLDCO, "issuer3", 2),
        RegistryError::LinkAllowanceTooLarge {
            id: HOLDCO.into(),
            available: 1,
        },
    );
    s.set_link_allowance("owner", HOLDCO, "issuer3", 1).unwrap();
    assert_eq!(s.entity(HOLDCO).reserved, 3);
    assert_fails(
        s.register_asset("one-too-many", HOLDCO, &[]),
        RegistryError::EntityAssetLimit { id: HOLDCO.into() },
    );
}

/// Lowering an allowance stops new links at once; links in use keep their slots until their
/// assets retire, which gives the slots back to the entity's issuer.
#[test]
fn a_lowered_allowance_keeps_links_in_use_until_they_retire() {
    let mut s = two_issuers();
    s.set_link_allowance("issuer", HOLDCO, "issuer2", 2)
        .unwrap();
    for i in 0..2 {
        s.register_asset_as("issuer2", &format!("shared-{i}"), OTHERCO, &holdco_party())
            .unwrap();
    }
    s.set_link_allowance("issuer", HOLDCO, "issuer2", 0)
        .unwrap();
    assert_eq!(s.entity(HOLDCO).reserved, 2);
    assert_fails(
        s.register_asset_as("issuer2", "shared-2", OTHERCO, &holdco_party()),
        RegistryError::LinkNotAllowed {
            id: HOLDCO.into(),
            limit: 0,
        },
    );
    s.exec(
        "issuer2",
        &ExecuteMsg::RetireAsset {
            asset: "shared-0".into(),
        },
    )
    .unwrap();
    let e = s.entity(HOLDCO);
    assert_eq!((e.assets, e.reserved, e.linked_by_others), (2, 1, 1));
    s.exec(
        "owner",
        &ExecuteMsg::RetireAsset {
            asset: "shared-1".into(),
        },
    )
    .unwrap();
    let e = s.entity(HOLDCO);
    assert_eq!((e.assets, e.reserved, e.linked_by_others), (1, 0, 0));
    let listed: LinkAllowancesResponse = s.query(&QueryMsg::LinkAllowances {
        entity: HOLDCO.into(),
        start_after: None,
        limit: None,
    });
    assert_eq!(listed.allowances, vec![]);
    // Every slot is the entity's issuer's again.
    for i in 1..MAX_ASSETS_PER_ENTITY {
        s.register_asset(&format!("own-{i}"), HOLDCO, &[]).unwrap();
    }
}

// ---------------------------------------------------------------- related parties change (issue 10, 4)

fn bond_parties_with(extra: &str) -> Vec<(&str, PartyRole)> {
    vec![
        (HOLDCO, PartyRole::ControllingShareholder),
        (FOUNDER, PartyRole::UltimateController),
        (extra, PartyRole::ControllingShareholder),
    ]
}

// The related-party regressions of issue 10 (item 4) are scenarios, run on multi-test and on
// the chain: `a_screening_that_misses_a_new_party_stops_counting_at_once`,
// `a_flag_on_a_new_party_blocks_at_once`, `a_flag_on_a_removed_party_stops_blocking_that_asset`,
// `updated_parties_keep_every_bound` (rwa_gate_tests::scenarios).

/// What only multi-test sees of `updated_parties_keep_every_bound`: every refused update (the
/// scenario's own list) leaves the registry's storage byte for byte as it was, and so does an
/// entity whose slots are full.
#[test]
fn refused_party_updates_leave_the_registry_storage_unchanged() {
    let mut s = two_issuers();
    s.register_entity(NEWCO).unwrap();
    for case in scenarios::refused_party_updates() {
        let before = s.storage(&s.registry);
        assert_fails(
            s.update_parties(case.sender, BOND, &case.parties()),
            &case.error,
        );
        assert_eq!(s.storage(&s.registry), before, "{}", case.what);
    }
    for i in 0..MAX_ASSETS_PER_ENTITY {
        s.register_asset(&format!("n-{i}"), NEWCO, &[]).unwrap();
    }
    let before = s.storage(&s.registry);
    assert_fails(
        s.update_parties("issuer", BOND, &bond_parties_with(NEWCO)),
        RegistryError::EntityAssetLimit { id: NEWCO.into() },
    );
    assert_eq!(s.storage(&s.registry), before);
}

/// An allowed party of another issuer joins within the allowance and gives its slot back when
/// it leaves.
#[test]
fn a_party_of_another_issuer_joins_within_its_allowance_and_leaves_it_free() {
    let mut s = two_issuers();
    s.set_link_allowance("issuer2", OTHERCO, "issuer", 1)
        .unwrap();
    let with_otherco = bond_parties_with(OTHERCO);
    s.update_parties("issuer", BOND, &with_otherco).unwrap();
    let e = s.entity(OTHERCO);
    assert_eq!((e.assets, e.reserved, e.linked_by_others), (1, 1, 1));
    assert_fails(
        s.register_asset("fund", ACME, &[(OTHERCO, PartyRole::Other)]),
        RegistryError::LinkNotAllowed {
            id: OTHERCO.into(),
            limit: 1,
        },
    );
    s.update_parties(
        "issuer",
        BOND,
        &[
            (HOLDCO, PartyRole::ControllingShareholder),
            (FOUNDER, PartyRole::UltimateController),
        ],
    )
    .unwrap();
    let e = s.entity(OTHERCO);
    assert_eq!((e.assets, e.reserved, e.linked_by_others), (0, 1, 0));
    s.register_asset("fund", ACME, &[(OTHERCO, PartyRole::Other)])
        .unwrap();
}
