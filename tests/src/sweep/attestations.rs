//! Bad inputs to the oracles' clean statements: attestations (Filing, Screening), revocations,
//! and the negative list that screenings are made against.

use compliance_registry::ContractError as RegistryError;
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::ExecuteMsg as R;
use rwa_gate::validate::InvalidInput;
use rwa_gate::{Evidence, IssuancePlan, StatementMsg, LOOKBACK_SECONDS, MAX_SCREENING_SUBJECTS};

use super::case::{bad_digests, bad_evidence, case, digest_error, id_error, retire_bond, Case};
use super::{Fixture, FILER_FILING};
use crate::{digest, evidence, ACME, APPROVED_SUPPLY, BOND, DAY, FOUNDER, HOLDCO};
use rwa_gate::registry::{AttestMsg, RevokeMsg};

/// The cases of this feature, built against `fx` (each runs on a fresh fixture).
pub fn cases(fx: &mut Fixture) -> Vec<Case> {
    let now = fx.s.now();
    let bond = fx.s.asset(BOND);
    let plan_digest = bond.plan.materials_digest.clone();
    let plan_mismatch = RegistryError::PlanMismatch {
        current_version: bond.plan_version,
    }
    .to_string();
    let mut c: Vec<Case> = Vec::new();

    // ---- attestations
    let filing = |reference: &str, d: &str, supply: u128| StatementMsg::Filing {
        filing_reference: reference.into(),
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: bond.plan.max_supply,
            materials_digest: d.into(),
            terms: None,
        },
        approved_supply: Uint128::new(supply),
    };
    let good_filing = filing("CSRC-2026-0042", &plan_digest, APPROVED_SUPPLY);
    let subjects = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let screening = |version: u64, s: Vec<String>, lookback: u64| StatementMsg::Screening {
        negative_list_version: version,
        subjects: s,
        lookback_from: now.minus_seconds(lookback),
    };
    let good_screening = screening(1, subjects(&[ACME, HOLDCO, FOUNDER]), LOOKBACK_SECONDS);
    let attest = |id: &str, st: StatementMsg, expires_at: Timestamp, ev: Evidence| {
        R::Attest(AttestMsg {
            asset: id.into(),
            statement: st,
            expires_at,
            evidence: ev,
        })
    };
    let in_a_day = now.plus_seconds(DAY);
    for id in ["ghost", "BOND", ""] {
        c.push(case(
            format!("attest: unknown asset {id:?}"),
            "filer",
            attest(id, good_filing.clone(), in_a_day, evidence("f")),
            RegistryError::AssetNotFound { id: id.into() },
        ));
    }
    c.push(
        case(
            "attest: retired asset",
            "filer",
            attest(BOND, good_filing.clone(), in_a_day, evidence("f")),
            RegistryError::AssetRetired { id: BOND.into() },
        )
        .after(retire_bond),
    );
    for (what, at) in [
        ("expiry now", now),
        ("expiry a second ago", now.minus_seconds(1)),
        ("expiry at 0", Timestamp::from_nanos(0)),
        // Expiries are compared in nanoseconds: a nanosecond in the future is the future.
    ] {
        c.push(case(
            format!("attest: {what}"),
            "filer",
            attest(BOND, good_filing.clone(), at, evidence("f")),
            RegistryError::ExpiryInPast {},
        ));
    }
    let filing_max = 365 * DAY;
    let screening_max = 90 * DAY;
    for (what, sender, st, at, max) in [
        (
            "filing valid a second too long",
            "filer",
            good_filing.clone(),
            now.plus_seconds(filing_max + 1),
            filing_max,
        ),
        (
            "filing valid until u64::MAX",
            "filer",
            good_filing.clone(),
            Timestamp::from_nanos(u64::MAX),
            filing_max,
        ),
        (
            "screening valid a second too long",
            "screener",
            good_screening.clone(),
            now.plus_seconds(screening_max + 1),
            screening_max,
        ),
        (
            "screening valid for a filing's maximum",
            "screener",
            good_screening.clone(),
            now.plus_seconds(filing_max),
            screening_max,
        ),
    ] {
        c.push(case(
            format!("attest: {what}"),
            sender,
            attest(BOND, st, at, evidence("f")),
            RegistryError::ExpiryTooFar { max_seconds: max },
        ));
    }
    for (what, ev, expected) in bad_evidence("attestation evidence") {
        c.push(case(
            format!("attest: {what}"),
            "filer",
            attest(BOND, good_filing.clone(), in_a_day, ev),
            expected,
        ));
    }
    let reference = InvalidInput::Text {
        field: "filing reference",
        max: 128,
    }
    .to_string();
    for (what, r) in [
        ("empty filing reference", String::new()),
        ("129-character filing reference", "R".repeat(129)),
        ("filing reference with a space", "CSRC 1".into()),
        ("filing reference with a newline", "CSRC\n1".into()),
        ("non-ASCII filing reference", "CSRC-ü".into()),
    ] {
        c.push(case(
            format!("attest: {what}"),
            "filer",
            attest(BOND, filing(&r, &plan_digest, 1), in_a_day, evidence("f")),
            reference.clone(),
        ));
    }
    c.push(case(
        "attest: plan digest of another plan",
        "filer",
        attest(
            BOND,
            filing("CSRC-1", &digest("other plan"), 1),
            in_a_day,
            evidence("f"),
        ),
        plan_mismatch.clone(),
    ));
    c.push(case(
        "attest: plan digest not a digest",
        "filer",
        attest(BOND, filing("CSRC-1", "", 1), in_a_day, evidence("f")),
        plan_mismatch.clone(),
    ));
    // The plan's digest alone is not enough: a Filing names every field of the plan it attests.
    c.push(case(
        "attest: the plan's digest with another maximum supply",
        "filer",
        attest(
            BOND,
            StatementMsg::Filing {
                filing_reference: "CSRC-1".into(),
                plan: IssuancePlan {
                    approvals: vec![],
                    max_supply: bond.plan.max_supply + Uint128::new(1),
                    materials_digest: plan_digest.clone(),
                    terms: None,
                },
                approved_supply: Uint128::new(1),
            },
            in_a_day,
            evidence("f"),
        ),
        plan_mismatch.clone(),
    ));
    c.push(case(
        "attest: zero approved supply",
        "filer",
        attest(
            BOND,
            filing("CSRC-1", &plan_digest, 0),
            in_a_day,
            evidence("f"),
        ),
        RegistryError::ZeroApprovedSupply {},
    ));
    let mut eighteen = subjects(&[ACME, HOLDCO, FOUNDER]);
    eighteen.extend((0..15).map(|i| format!("s-{i}")));
    for (what, st, expected) in [
        (
            "negative-list version 2",
            screening(2, subjects(&[ACME, HOLDCO, FOUNDER]), LOOKBACK_SECONDS),
            RegistryError::NegativeListVersionMismatch { current: 1 }.to_string(),
        ),
        (
            "negative-list version 0",
            screening(0, subjects(&[ACME, HOLDCO, FOUNDER]), LOOKBACK_SECONDS),
            RegistryError::NegativeListVersionMismatch { current: 1 }.to_string(),
        ),
        (
            "18 subjects",
            screening(1, eighteen, LOOKBACK_SECONDS),
            RegistryError::TooManySubjects {
                max: MAX_SCREENING_SUBJECTS,
            }
            .to_string(),
        ),
        (
            "subject listed twice",
            screening(
                1,
                subjects(&[ACME, HOLDCO, FOUNDER, ACME]),
                LOOKBACK_SECONDS,
            ),
            RegistryError::DuplicateSubject { id: ACME.into() }.to_string(),
        ),
        (
            "related party not covered",
            screening(1, subjects(&[ACME, HOLDCO]), LOOKBACK_SECONDS),
            RegistryError::ScreeningMissesSubject {
                entity: FOUNDER.into(),
            }
            .to_string(),
        ),
        (
            "no subject",
            screening(1, vec![], LOOKBACK_SECONDS),
            RegistryError::ScreeningMissesSubject {
                entity: ACME.into(),
            }
            .to_string(),
        ),
        (
            "upper-case subject",
            screening(
                1,
                subjects(&[ACME, HOLDCO, FOUNDER, "Acme"]),
                LOOKBACK_SECONDS,
            ),
            id_error("screening subject").to_string(),
        ),
        (
            "empty subject",
            screening(1, subjects(&[ACME, HOLDCO, FOUNDER, ""]), LOOKBACK_SECONDS),
            id_error("screening subject").to_string(),
        ),
        (
            "look-back a second short of three years",
            screening(1, subjects(&[ACME, HOLDCO, FOUNDER]), LOOKBACK_SECONDS - 1),
            RegistryError::LookbackTooShort {}.to_string(),
        ),
        (
            "look-back from the future",
            StatementMsg::Screening {
                negative_list_version: 1,
                subjects: subjects(&[ACME, HOLDCO, FOUNDER]),
                lookback_from: now.plus_seconds(1),
            },
            RegistryError::LookbackTooShort {}.to_string(),
        ),
    ] {
        c.push(case(
            format!("attest: screening with {what}"),
            "screener",
            attest(BOND, st, in_a_day, evidence("s")),
            expected,
        ));
    }

    // ---- revocations
    let revoke = |id: u64, ev: Evidence| R::Revoke(RevokeMsg { id, evidence: ev });
    for id in [0, 99, u64::MAX] {
        c.push(case(
            format!("revoke: unknown attestation {id}"),
            "filer",
            revoke(id, evidence("r")),
            RegistryError::AttestationNotFound { id },
        ));
    }
    c.push(
        case(
            "revoke: already revoked",
            "filer",
            revoke(FILER_FILING, evidence("r")),
            RegistryError::AlreadyRevoked { id: FILER_FILING },
        )
        .after(|fx| {
            fx.send(
                "filer",
                &R::Revoke(RevokeMsg {
                    id: FILER_FILING,
                    evidence: evidence("r"),
                })
                .into(),
                &[],
            )
            .unwrap();
        }),
    );
    for (what, ev, expected) in bad_evidence("revocation evidence") {
        c.push(case(
            format!("revoke: {what}"),
            "filer",
            revoke(FILER_FILING, ev),
            expected,
        ));
    }

    // ---- negative list
    for version in [0, 1, 3, u64::MAX] {
        c.push(case(
            format!("publish_negative_list: version {version}"),
            "screener",
            R::PublishNegativeList {
                version,
                digest: digest("nl"),
            },
            RegistryError::NegativeListVersionNotNext { current: 1 },
        ));
    }
    for (what, d) in bad_digests() {
        c.push(case(
            format!("publish_negative_list: {what} digest"),
            "screener",
            R::PublishNegativeList {
                version: 2,
                digest: d,
            },
            digest_error("negative list digest"),
        ));
    }
    c
}
