//! Bad inputs to the issuer's messages: entities, assets, plans, significant-matter reports,
//! minters, retirement, and the refresh of an asset's clearance.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::Uint128;
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::registry::TokenSpec;
use rwa_gate::validate::InvalidInput;
use rwa_gate::{IssuancePlan, PartyRole, RelatedParty, MAX_MINTERS, MAX_RELATED_PARTIES};

use super::case::{
    address_cases, bad_digests, bad_evidence, bad_ids, case, digest_error, id_error, retire_bond,
    Case,
};
use super::{parties, Fixture, BYSTANDER, NOTE, OTHERCO};
use crate::{digest, evidence, ACME, BOND, HOLDCO};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let next = fx.addr_str("next");
    let stranger = fx.addr_str("stranger");
    let minter = fx.addr_str("minter");
    let mut c: Vec<Case> = Vec::new();

    // ---- entities
    for (what, id) in bad_ids() {
        c.push(case(
            format!("register_entity: {what} id"),
            "issuer",
            R::RegisterEntity { id },
            id_error("entity id"),
        ));
    }
    for (who, id) in [("issuer", ACME), ("issuer", OTHERCO), ("issuer2", ACME)] {
        c.push(case(
            format!("register_entity: duplicate {id} by {who}"),
            who,
            R::RegisterEntity { id: id.into() },
            RegistryError::EntityExists { id: id.into() },
        ));
    }

    // ---- assets
    let asset = |id: &str,
                 filing: &str,
                 parties: Vec<RelatedParty>,
                 plan: IssuancePlan,
                 token: TokenSpec| {
        R::RegisterAsset {
            id: id.into(),
            filing_entity: filing.into(),
            related_parties: parties,
            plan,
            token,
        }
    };
    let plan = |max: u128, d: String| IssuancePlan {
        approvals: vec![],
        max_supply: Uint128::new(max),
        materials_digest: d,
        terms: None,
    };
    let spec = |name: &str, symbol: &str, decimals: u8| TokenSpec {
        name: name.into(),
        symbol: symbol.into(),
        decimals,
    };
    let good_plan = plan(1_000, digest("fund-plan"));
    let good_spec = spec("Fund token", "FUND", 6);
    let party = |e: &str| RelatedParty {
        entity: e.into(),
        role: PartyRole::ControllingShareholder,
    };
    for (what, id) in bad_ids() {
        c.push(case(
            format!("register_asset: {what} id"),
            "issuer",
            asset(&id, ACME, vec![], good_plan.clone(), good_spec.clone()),
            id_error("asset id"),
        ));
    }
    for (who, id) in [("issuer", BOND), ("issuer", NOTE), ("issuer2", BOND)] {
        c.push(case(
            format!("register_asset: duplicate {id} by {who}"),
            who,
            asset(id, ACME, vec![], good_plan.clone(), good_spec.clone()),
            RegistryError::AssetExists { id: id.into() },
        ));
    }
    c.push(case(
        "register_asset: 17 related parties",
        "issuer",
        asset(
            "fund",
            ACME,
            parties(MAX_RELATED_PARTIES + 1),
            good_plan.clone(),
            good_spec.clone(),
        ),
        RegistryError::TooManyRelatedParties {
            max: MAX_RELATED_PARTIES,
        },
    ));
    for (what, filing, parties, expected) in [
        (
            "unknown filing entity",
            "ghost",
            vec![],
            RegistryError::EntityNotFound { id: "ghost".into() },
        ),
        (
            "empty filing entity",
            "",
            vec![],
            RegistryError::EntityNotFound { id: String::new() },
        ),
        (
            "upper-case filing entity",
            "ACME",
            vec![],
            RegistryError::EntityNotFound { id: "ACME".into() },
        ),
        (
            "unknown related party",
            ACME,
            vec![party(HOLDCO), party("ghost")],
            RegistryError::EntityNotFound { id: "ghost".into() },
        ),
        (
            "filing entity also a party",
            ACME,
            vec![party(ACME)],
            RegistryError::DuplicateParty { id: ACME.into() },
        ),
        (
            "party listed twice",
            ACME,
            vec![party(HOLDCO), party(HOLDCO)],
            RegistryError::DuplicateParty { id: HOLDCO.into() },
        ),
    ] {
        c.push(case(
            format!("register_asset: {what}"),
            "issuer",
            asset(
                "fund",
                filing,
                parties,
                good_plan.clone(),
                good_spec.clone(),
            ),
            expected,
        ));
    }
    c.push(case(
        "register_asset: zero max supply",
        "issuer",
        asset(
            "fund",
            ACME,
            vec![],
            plan(0, digest("p")),
            good_spec.clone(),
        ),
        RegistryError::ZeroMaxSupply {},
    ));
    for (what, d) in bad_digests() {
        c.push(case(
            format!("register_asset: {what} plan digest"),
            "issuer",
            asset("fund", ACME, vec![], plan(1, d), good_spec.clone()),
            digest_error("plan materials digest"),
        ));
    }
    for (what, token, expected) in [
        (
            "empty token name",
            spec("", "FUND", 6),
            InvalidInput::TokenName,
        ),
        (
            "2-character token name",
            spec("ab", "FUND", 6),
            InvalidInput::TokenName,
        ),
        (
            "51-character token name",
            spec(&"n".repeat(51), "FUND", 6),
            InvalidInput::TokenName,
        ),
        (
            "empty symbol",
            spec("Fund token", "", 6),
            InvalidInput::TokenSymbol,
        ),
        (
            "symbol with a digit",
            spec("Fund token", "FUND1", 6),
            InvalidInput::TokenSymbol,
        ),
        (
            "13-character symbol",
            spec("Fund token", &"F".repeat(13), 6),
            InvalidInput::TokenSymbol,
        ),
        (
            "non-ASCII symbol",
            spec("Fund token", "FÜND", 6),
            InvalidInput::TokenSymbol,
        ),
        (
            "19 decimals",
            spec("Fund token", "FUND", 19),
            InvalidInput::TokenDecimals,
        ),
        (
            "255 decimals",
            spec("Fund token", "FUND", u8::MAX),
            InvalidInput::TokenDecimals,
        ),
    ] {
        c.push(case(
            format!("register_asset: {what}"),
            "issuer",
            asset("fund", ACME, vec![], good_plan.clone(), token),
            expected,
        ));
    }
    c.push(
        case(
            "register_asset: entity linked to 32 assets already",
            "issuer",
            asset(
                "fund",
                BYSTANDER,
                vec![],
                good_plan.clone(),
                good_spec.clone(),
            ),
            RegistryError::EntityAssetLimit {
                id: BYSTANDER.into(),
            },
        )
        .after(|fx| {
            for i in 0..rwa_gate::MAX_ASSETS_PER_ENTITY {
                let msg = R::RegisterAsset {
                    id: format!("lim-{i}"),
                    filing_entity: BYSTANDER.into(),
                    related_parties: vec![],
                    plan: IssuancePlan {
                        approvals: vec![],
                        max_supply: Uint128::new(1),
                        materials_digest: digest("lim"),
                        terms: None,
                    },
                    token: TokenSpec {
                        name: "Lim token".into(),
                        symbol: "LIM".into(),
                        decimals: 0,
                    },
                };
                fx.send("issuer", &msg.into(), &[]).unwrap();
            }
        }),
    );

    // ---- plans
    let update = |id: &str, p: IssuancePlan| R::UpdatePlan {
        asset: id.into(),
        plan: p,
    };
    for id in ["ghost", "BOND", ""] {
        c.push(case(
            format!("update_plan: unknown asset {id:?}"),
            "issuer",
            update(id, good_plan.clone()),
            RegistryError::AssetNotFound { id: id.into() },
        ));
    }
    c.push(case(
        "update_plan: zero max supply",
        "issuer",
        update(BOND, plan(0, digest("v2"))),
        RegistryError::ZeroMaxSupply {},
    ));
    for (what, d) in bad_digests() {
        c.push(case(
            format!("update_plan: {what} digest"),
            "issuer",
            update(BOND, plan(1, d)),
            digest_error("plan materials digest"),
        ));
    }
    c.push(
        case(
            "update_plan: retired asset",
            "issuer",
            update(BOND, good_plan.clone()),
            RegistryError::AssetRetired { id: BOND.into() },
        )
        .after(retire_bond),
    );

    // ---- significant matters
    for id in ["ghost", "BOND"] {
        c.push(case(
            format!("report_significant_matter: unknown asset {id:?}"),
            "issuer",
            R::ReportSignificantMatter {
                asset: id.into(),
                evidence: evidence("m"),
            },
            RegistryError::AssetNotFound { id: id.into() },
        ));
    }
    for (what, ev, expected) in bad_evidence("report evidence") {
        c.push(case(
            format!("report_significant_matter: {what}"),
            "issuer",
            R::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: ev,
            },
            expected,
        ));
    }

    // ---- minters
    c.extend(address_cases(fx, "add_minter", "issuer", |a| {
        R::AddMinter {
            asset: BOND.into(),
            minter: a,
        }
        .into()
    }));
    for who in ["minter", "issuer"] {
        let address = fx.addr_str(who);
        c.push(case(
            format!("add_minter: duplicate ({who})"),
            "issuer",
            R::AddMinter {
                asset: BOND.into(),
                minter: address.clone(),
            },
            RegistryError::MinterExists { address },
        ));
    }
    c.push(
        case(
            "add_minter: the 9th",
            "issuer",
            R::AddMinter {
                asset: BOND.into(),
                minter: next.clone(),
            },
            RegistryError::TooManyMinters { max: MAX_MINTERS },
        )
        .after(|fx| {
            // issuer and minter: 2 of 8.
            for i in 0..MAX_MINTERS - 2 {
                let minter = fx.addr_str(&format!("extra-minter-{i}"));
                fx.send(
                    "issuer",
                    &R::AddMinter {
                        asset: BOND.into(),
                        minter,
                    }
                    .into(),
                    &[],
                )
                .unwrap();
            }
        }),
    );
    c.push(case(
        "add_minter: unknown asset",
        "issuer",
        R::AddMinter {
            asset: "ghost".into(),
            minter: next.clone(),
        },
        RegistryError::AssetNotFound { id: "ghost".into() },
    ));
    c.extend(address_cases(fx, "remove_minter", "issuer", |a| {
        R::RemoveMinter {
            asset: BOND.into(),
            minter: a,
        }
        .into()
    }));
    c.push(case(
        "remove_minter: not a minter",
        "issuer",
        R::RemoveMinter {
            asset: BOND.into(),
            minter: stranger.clone(),
        },
        RegistryError::MinterNotFound {
            address: stranger.clone(),
        },
    ));
    c.push(case(
        "remove_minter: unknown asset",
        "issuer",
        R::RemoveMinter {
            asset: "ghost".into(),
            minter: minter.clone(),
        },
        RegistryError::AssetNotFound { id: "ghost".into() },
    ));

    // ---- retirement
    c.push(case(
        "retire_asset: unknown asset",
        "issuer",
        R::RetireAsset {
            asset: "ghost".into(),
        },
        RegistryError::AssetNotFound { id: "ghost".into() },
    ));
    c.push(
        case(
            "retire_asset: already retired",
            "issuer",
            R::RetireAsset { asset: BOND.into() },
            RegistryError::AssetRetired { id: BOND.into() },
        )
        .after(retire_bond),
    );

    // ---- refresh
    for id in ["ghost", "BOND", ""] {
        c.push(case(
            format!("refresh_clearance: unknown asset {id:?}"),
            "stranger",
            R::RefreshClearance { asset: id.into() },
            RegistryError::AssetNotFound { id: id.into() },
        ));
    }
    c
}
