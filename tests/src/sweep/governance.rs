//! Bad inputs to the owner's and the pauser's messages: ownership, parameters, issuers, pause.

use compliance_registry::ContractError as RegistryError;
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::registry::ParamsUpdate;
use rwa_gate::{MaxValidity, MAX_ORACLES};

use super::case::{address_cases, case, Case};
use super::{Fixture, NOTE};
use crate::{BOND, DAY, YEAR};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let stranger = fx.addr_str("stranger");
    let mut c: Vec<Case> = Vec::new();

    // ---- ownership
    c.extend(address_cases(fx, "propose_owner", "owner", |a| {
        R::ProposeOwner { new_owner: a }.into()
    }));
    c.push(
        case(
            "cancel_ownership_transfer: nothing pending",
            "owner",
            R::CancelOwnershipTransfer {},
            RegistryError::NoPendingOwner {},
        )
        .after(|fx| {
            fx.send("owner", &R::CancelOwnershipTransfer {}.into(), &[])
                .unwrap();
        }),
    );
    c.extend(address_cases(fx, "set_pauser", "owner", |a| {
        R::SetPauser { pauser: Some(a) }.into()
    }));

    // ---- parameters
    let params = |q: Option<u32>, f: Option<u32>, v: Option<MaxValidity>, code: Option<u64>| {
        R::UpdateParams(ParamsUpdate {
            approval_quorum: Default::default(),
            attestation_quorum: q,
            flag_quorum: f,
            max_validity: v,
            token_code_id: code,
        })
    };
    let quorum = RegistryError::InvalidQuorum {
        quorum: "attestation".into(),
        max: MAX_ORACLES,
    };
    // The raiser never votes on its own flag: at most all the other oracles can clear it.
    let flag_quorum = RegistryError::InvalidQuorum {
        quorum: "flag".into(),
        max: MAX_ORACLES - 1,
    };
    let validity = RegistryError::InvalidValidity {
        min_seconds: DAY,
        max_seconds: 5 * YEAR,
    };
    for (what, msg, expected) in [
        (
            "attestation quorum 0",
            params(Some(0), None, None, None),
            quorum.to_string(),
        ),
        (
            "attestation quorum 17",
            params(Some(MAX_ORACLES + 1), None, None, None),
            quorum.to_string(),
        ),
        (
            "attestation quorum u32::MAX",
            params(Some(u32::MAX), None, None, None),
            quorum.to_string(),
        ),
        (
            "flag quorum 0",
            params(None, Some(0), None, None),
            flag_quorum.to_string(),
        ),
        (
            "flag quorum 16, which only the raiser could complete",
            params(None, Some(MAX_ORACLES), None, None),
            flag_quorum.to_string(),
        ),
        (
            "flag quorum 17",
            params(None, Some(MAX_ORACLES + 1), None, None),
            flag_quorum.to_string(),
        ),
        (
            "filing validity 0",
            params(
                None,
                None,
                Some(MaxValidity {
                    approval: 365 * 86_400,
                    filing: 0,
                    screening: DAY,
                    eligibility: 365 * 86_400,
                }),
                None,
            ),
            validity.to_string(),
        ),
        (
            "filing validity one second short of a day",
            params(
                None,
                None,
                Some(MaxValidity {
                    approval: 365 * 86_400,
                    filing: DAY - 1,
                    screening: DAY,
                    eligibility: 365 * 86_400,
                }),
                None,
            ),
            validity.to_string(),
        ),
        (
            "screening validity above five years",
            params(
                None,
                None,
                Some(MaxValidity {
                    approval: 365 * 86_400,
                    filing: DAY,
                    screening: 5 * YEAR + 1,
                    eligibility: 365 * 86_400,
                }),
                None,
            ),
            validity.to_string(),
        ),
        (
            "screening validity u64::MAX",
            params(
                None,
                None,
                Some(MaxValidity {
                    approval: 365 * 86_400,
                    filing: DAY,
                    screening: u64::MAX,
                    eligibility: 365 * 86_400,
                }),
                None,
            ),
            validity.to_string(),
        ),
        (
            "token code id 0",
            params(None, None, None, Some(0)),
            RegistryError::InvalidCodeId {}.to_string(),
        ),
    ] {
        c.push(case(
            format!("update_params: {what}"),
            "owner",
            msg,
            expected,
        ));
    }

    // ---- issuers
    c.extend(address_cases(fx, "approve_issuer", "owner", |a| {
        R::ApproveIssuer { address: a }.into()
    }));
    for who in ["issuer", "issuer2"] {
        let address = fx.addr_str(who);
        c.push(case(
            format!("approve_issuer: duplicate ({who})"),
            "owner",
            R::ApproveIssuer {
                address: address.clone(),
            },
            RegistryError::IssuerAlreadyApproved { address },
        ));
    }
    c.extend(address_cases(fx, "revoke_issuer", "owner", |a| {
        R::RevokeIssuer { address: a }.into()
    }));
    c.push(case(
        "revoke_issuer: not an issuer",
        "owner",
        R::RevokeIssuer {
            address: stranger.clone(),
        },
        RegistryError::IssuerNotApproved {
            address: stranger.clone(),
        },
    ));
    c.push(
        case(
            "revoke_issuer: already revoked",
            "owner",
            R::RevokeIssuer {
                address: fx.addr_str("issuer2"),
            },
            RegistryError::IssuerNotApproved {
                address: fx.addr_str("issuer2"),
            },
        )
        .after(|fx| {
            let address = fx.addr_str("issuer2");
            fx.send("owner", &R::RevokeIssuer { address }.into(), &[])
                .unwrap();
        }),
    );

    // ---- pause
    for (what, id) in [
        ("unknown asset", "ghost"),
        ("upper-case id", "BOND"),
        ("empty id", ""),
    ] {
        c.push(case(
            format!("pause: {what}"),
            "pauser",
            R::Pause {
                asset: Some(id.into()),
            },
            RegistryError::AssetNotFound { id: id.into() },
        ));
        c.push(case(
            format!("unpause: {what}"),
            "owner",
            R::Unpause {
                asset: Some(id.into()),
            },
            RegistryError::AssetNotFound { id: id.into() },
        ));
    }
    c.push(case(
        "pause: asset already paused",
        "pauser",
        R::Pause {
            asset: Some(NOTE.into()),
        },
        RegistryError::AlreadyPaused {},
    ));
    c.push(
        case(
            "pause: already paused globally",
            "pauser",
            R::Pause { asset: None },
            RegistryError::AlreadyPaused {},
        )
        .after(|fx| {
            fx.send("owner", &R::Pause { asset: None }.into(), &[])
                .unwrap();
        }),
    );
    c.push(case(
        "unpause: not paused globally",
        "owner",
        R::Unpause { asset: None },
        RegistryError::NotPaused {},
    ));
    c.push(case(
        "unpause: asset not paused",
        "owner",
        R::Unpause {
            asset: Some(BOND.into()),
        },
        RegistryError::NotPaused {},
    ));
    c
}
