//! Parameters are checked where they are set, at instantiate exactly as at every update: a value
//! that could never be met, or that leaves no room for the next one, is refused with the same
//! typed error whichever way it arrives.

use compliance_registry::ContractError as RegistryError;
use rwa_gate::registry::{
    ConfigResponse, ExecuteMsg, InstantiateMsg, NegativeListInit, ParamsUpdate, QueryMsg,
};
use rwa_gate::{FlagReason, MaxValidity, Params, Scopes, Subject, MAX_ORACLES};
use rwa_gate_tests::*;

/// A fresh registry instantiated with `params` and the negative list `(version, digest)`.
fn instantiate(params: Params, list: (u64, String), token_code_id: u64) -> Result<String, String> {
    MultiTest::new().instantiate_registry(
        "owner",
        &InstantiateMsg {
            owner: None,
            pauser: None,
            token_code_id,
            params: Some(params),
            negative_list: NegativeListInit {
                version: list.0,
                digest: list.1,
            },
        },
    )
}

fn list_v1() -> (u64, String) {
    (1, digest("negative-list-v1"))
}

fn update(quorum: Option<u32>, flag_quorum: Option<u32>, v: Option<MaxValidity>) -> ExecuteMsg {
    ExecuteMsg::UpdateParams(ParamsUpdate {
        approval_quorum: Default::default(),
        attestation_quorum: quorum,
        flag_quorum,
        max_validity: v,
        token_code_id: None,
    })
}

fn flag_quorum_error() -> RegistryError {
    RegistryError::InvalidQuorum {
        quorum: "flag".into(),
        max: MAX_ORACLES - 1,
    }
}

/// The oracle that raised a flag never votes to clear it, so a flag quorum of every oracle the
/// registry may hold could only be completed by the raiser: nobody could ever clear the flag.
#[test]
fn a_flag_quorum_only_the_raiser_could_complete_is_refused_at_instantiate() {
    let params = Params {
        flag_quorum: MAX_ORACLES,
        ..Params::default()
    };
    assert_fails(instantiate(params, list_v1(), 1), flag_quorum_error());
}

#[test]
fn a_flag_quorum_only_the_raiser_could_complete_is_refused_at_update() {
    let mut s = Suite::new().build();
    let config = |s: &mut Suite| -> ConfigResponse { s.query(&QueryMsg::Config {}) };
    let before = config(&mut s);
    assert_fails(
        s.exec_owner(&update(None, Some(MAX_ORACLES), None)),
        flag_quorum_error(),
    );
    assert_eq!(config(&mut s), before);
}

/// The highest flag quorum accepted is reachable: with the registry full of flag-scoped
/// oracles, all but the raiser clear the flag, and one vote fewer does not.
#[test]
fn the_highest_flag_quorum_is_reached_by_every_oracle_but_the_raiser() {
    let flaggers = Scopes {
        cross_border_investment: false,
        data_security: false,
        foreign_exchange: false,
        filing: false,
        screening: false,
        flags: true,
        eligibility: false,
        orders: false,
    };
    let mut b = Suite::new().with_flag_quorum(MAX_ORACLES - 1);
    for i in 0..MAX_ORACLES {
        b = b.with_oracle(&format!("watcher{i}"), flaggers);
    }
    let mut s = b.build();
    let flag = s
        .raise_flag(
            "watcher0",
            Subject::Asset(BOND.into()),
            FlagReason::NationalSecurity,
        )
        .unwrap();
    assert_fails(
        s.clear_flag("watcher0", flag),
        RegistryError::RaiserCannotClear {},
    );
    for i in 1..MAX_ORACLES - 1 {
        s.clear_flag(&format!("watcher{i}"), flag).unwrap();
        assert_eq!(s.flag(flag).status, rwa_gate::FlagStatus::Active);
    }
    s.clear_flag(&format!("watcher{}", MAX_ORACLES - 1), flag)
        .unwrap();
    assert_eq!(s.flag(flag).status, rwa_gate::FlagStatus::Cleared);
}

/// A first negative list at the type's maximum version could never be followed by another:
/// instantiate refuses it, as publishing refuses to reach it.
#[test]
fn instantiate_refuses_a_negative_list_version_at_its_limit() {
    assert_fails(
        instantiate(
            Params::default(),
            (u64::MAX, digest("negative-list-last")),
            1,
        ),
        RegistryError::NegativeListVersionAtLimit { version: u64::MAX },
    );
    // One below the limit is accepted, and its successor is the last that can be published.
    instantiate(
        Params::default(),
        (u64::MAX - 1, digest("negative-list")),
        1,
    )
    .unwrap();
}

/// Every bad value of a parameter gets the same error at instantiate as at its update.
#[test]
fn instantiate_validates_every_parameter_exactly_like_its_update() {
    let validity = |filing, screening| MaxValidity {
        approval: 365 * 86_400,
        filing,
        screening,
        eligibility: 365 * 86_400,
    };
    let defaults = Params::default();
    let cases: Vec<(&str, Params, ExecuteMsg)> = vec![
        (
            "attestation quorum 0",
            Params {
                attestation_quorum: 0,
                ..defaults
            },
            update(Some(0), None, None),
        ),
        (
            "attestation quorum above the oracle bound",
            Params {
                attestation_quorum: MAX_ORACLES + 1,
                ..defaults
            },
            update(Some(MAX_ORACLES + 1), None, None),
        ),
        (
            "flag quorum 0",
            Params {
                flag_quorum: 0,
                ..defaults
            },
            update(None, Some(0), None),
        ),
        (
            "flag quorum only the raiser could complete",
            Params {
                flag_quorum: MAX_ORACLES,
                ..defaults
            },
            update(None, Some(MAX_ORACLES), None),
        ),
        (
            "filing validity 0",
            Params {
                max_validity: validity(0, DAY),
                ..defaults
            },
            update(None, None, Some(validity(0, DAY))),
        ),
        (
            "screening validity above five years",
            Params {
                max_validity: validity(DAY, 5 * YEAR + 1),
                ..defaults
            },
            update(None, None, Some(validity(DAY, 5 * YEAR + 1))),
        ),
    ];
    for (what, params, msg) in cases {
        let at_instantiate = instantiate(params, list_v1(), 1).unwrap_err();
        let mut s = Suite::new().build();
        let at_update = s.exec_owner(&msg).unwrap_err();
        assert_eq!(
            at_instantiate, at_update,
            "{what}: instantiate and update disagree"
        );
    }
    // The code id and the list's digest, likewise.
    let mut s = Suite::new().build();
    let code_update = s
        .exec_owner(&ExecuteMsg::UpdateParams(ParamsUpdate {
            approval_quorum: Default::default(),
            attestation_quorum: None,
            flag_quorum: None,
            max_validity: None,
            token_code_id: Some(0),
        }))
        .unwrap_err();
    let code_instantiate = instantiate(Params::default(), list_v1(), 0).unwrap_err();
    assert_eq!(code_instantiate, code_update);
    let digest_update = s
        .exec_owner(&ExecuteMsg::PublishNegativeList {
            version: 2,
            digest: "not a digest".into(),
        })
        .unwrap_err();
    let digest_instantiate =
        instantiate(Params::default(), (1, "not a digest".into()), 1).unwrap_err();
    assert_eq!(digest_instantiate, digest_update);
}
