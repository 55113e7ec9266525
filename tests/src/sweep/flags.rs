//! Bad inputs to adverse findings: raising and clearing flags.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::Timestamp;
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::{Evidence, FlagReason, Subject, MAX_ACTIVE_FLAGS_PER_SUBJECT};

use super::case::{bad_evidence, case, Case};
use super::{Fixture, BYSTANDER, SUSPENDED_FLAG, WATCHER_FLAG};
use crate::{evidence, ACME, BOND, DAY, FOUNDER};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let now = fx.s.now();
    let mut c: Vec<Case> = Vec::new();

    // ---- flags
    let raise = |subject: Subject, reason: FlagReason, ev: Evidence| R::RaiseFlag {
        subject,
        reason,
        evidence: ev,
    };
    let entity = |id: &str| Subject::Entity(id.into());
    let on_asset = |id: &str| Subject::Asset(id.into());
    for (what, subject, expected) in [
        (
            "unknown asset",
            on_asset("ghost"),
            RegistryError::AssetNotFound { id: "ghost".into() },
        ),
        (
            "upper-case asset id",
            on_asset("BOND"),
            RegistryError::AssetNotFound { id: "BOND".into() },
        ),
        (
            "unknown entity",
            entity("ghost"),
            RegistryError::EntityNotFound { id: "ghost".into() },
        ),
        (
            "empty entity id",
            entity(""),
            RegistryError::EntityNotFound { id: String::new() },
        ),
        (
            "asset id as an entity",
            entity(BOND),
            RegistryError::EntityNotFound { id: BOND.into() },
        ),
        (
            "entity id as an asset",
            on_asset(ACME),
            RegistryError::AssetNotFound { id: ACME.into() },
        ),
    ] {
        c.push(case(
            format!("raise_flag: {what}"),
            "watcher",
            raise(subject, FlagReason::NegativeList, evidence("x")),
            expected,
        ));
    }
    for reason in [
        FlagReason::UnderInvestigation,
        FlagReason::CriminalRecord {
            offence_date: now.minus_seconds(DAY),
        },
    ] {
        c.push(case(
            format!("raise_flag: {} on an asset", reason.as_str()),
            "watcher",
            raise(on_asset(BOND), reason, evidence("x")),
            RegistryError::FlagReasonNotForAssets {},
        ));
    }
    for (what, at) in [
        ("a second ahead", now.plus_seconds(1)),
        ("u64::MAX", Timestamp::from_nanos(u64::MAX)),
    ] {
        c.push(case(
            format!("raise_flag: offence date {what}"),
            "watcher",
            raise(
                entity(FOUNDER),
                FlagReason::CriminalRecord { offence_date: at },
                evidence("x"),
            ),
            RegistryError::OffenceInFuture {},
        ));
    }
    for (what, ev, expected) in bad_evidence("flag evidence") {
        c.push(case(
            format!("raise_flag: {what}"),
            "watcher",
            raise(entity(FOUNDER), FlagReason::NegativeList, ev),
            expected,
        ));
    }
    c.push(
        case(
            "raise_flag: the 9th active flag on a subject",
            "watcher",
            raise(entity(BYSTANDER), FlagReason::NegativeList, evidence("x")),
            RegistryError::TooManyActiveFlags {
                max: MAX_ACTIVE_FLAGS_PER_SUBJECT,
            },
        )
        .after(|fx| {
            // Flags 1 and 2 are active on bystander: 2 of 8.
            for i in 0..6 {
                let msg = R::RaiseFlag {
                    subject: Subject::Entity(BYSTANDER.into()),
                    reason: FlagReason::NationalSecurity,
                    evidence: evidence(&format!("more {i}")),
                };
                fx.send("watcher", &msg.into(), &[]).unwrap();
            }
        }),
    );
    let clear = |id: u64, ev: Evidence| R::ClearFlag { id, conclusion: ev };
    for id in [0, 99, u64::MAX] {
        c.push(case(
            format!("clear_flag: unknown flag {id}"),
            "owner",
            clear(id, evidence("c")),
            RegistryError::FlagNotFound { id },
        ));
    }
    c.push(
        case(
            "clear_flag: already cleared",
            "owner",
            clear(WATCHER_FLAG, evidence("c")),
            RegistryError::FlagNotActive { id: WATCHER_FLAG },
        )
        .after(|fx| {
            fx.send(
                "owner",
                &R::ClearFlag {
                    id: WATCHER_FLAG,
                    conclusion: evidence("c"),
                }
                .into(),
                &[],
            )
            .unwrap();
        }),
    );
    c.push(
        case(
            "clear_flag: second vote of the same oracle",
            "watcher",
            clear(SUSPENDED_FLAG, evidence("c")),
            RegistryError::AlreadyVoted {},
        )
        .after(|fx| {
            fx.send(
                "watcher",
                &R::ClearFlag {
                    id: SUSPENDED_FLAG,
                    conclusion: evidence("c"),
                }
                .into(),
                &[],
            )
            .unwrap();
        }),
    );
    for (what, ev, expected) in bad_evidence("conclusion evidence") {
        c.push(case(
            format!("clear_flag: {what}"),
            "owner",
            clear(WATCHER_FLAG, ev),
            expected,
        ));
    }
    c
}
