//! Round trips, damaged input and paging of the binary records.
use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::{Evidence, OracleStatus, Scopes};

use super::*;

fn filing() -> Attestation {
    Attestation {
        id: 7,
        asset: "bond-2026".into(),
        oracle: Addr::unchecked("wasm1oracle"),
        statement: Statement::Filing {
            filing_reference: "CSRC-2026-001".into(),
            plan_digest: "ab".repeat(32),
            approved_supply: Uint128::new(800),
        },
        issued_at: Timestamp::from_nanos(1_770_771_600_123_456_789),
        expires_at: Timestamp::from_seconds(1_773_363_600),
        evidence: Evidence {
            digest: "e".repeat(64),
            uri: None,
        },
        plan_version: 2,
        parties_version: 0,
        revoked_at: None,
        revocation: None,
    }
}

#[test]
fn attestations_round_trip_in_every_kind_and_revoked() {
    let mut screening = filing();
    screening.statement = Statement::Screening {
        negative_list_version: 3,
        subjects: vec!["corp".into(), "holder".into()],
        lookback_from: Timestamp::from_seconds(1_670_000_000),
    };
    screening.revoked_at = Some(Timestamp::from_seconds(1_771_000_000));
    screening.revocation = Some(Evidence {
        digest: "not hex".into(),
        uri: Some("ipfs://revocation".into()),
    });
    let mut approvals = vec![];
    for approval in rwa_gate::Approval::ALL {
        let mut a = filing();
        a.statement = Statement::Approval {
            approval,
            reference: format!("{approval}/2026/17"),
        };
        approvals.push(a);
    }
    for a in [filing(), screening].into_iter().chain(approvals) {
        let bytes = encode_attestation(&a);
        assert_eq!(decode_attestation(a.id, &bytes), Ok(a));
    }
    // Two digests take 33 bytes each instead of 64 characters plus their field names.
    assert!(encode_attestation(&filing()).len() < 140);
}

fn asset(id: &str) -> Asset {
    Asset {
        id: id.into(),
        issuer: Addr::unchecked("wasm1issuer"),
        filing_entity: "corp".into(),
        related_parties: vec![
            RelatedParty {
                entity: "holder".into(),
                role: PartyRole::ControllingShareholder,
            },
            RelatedParty {
                entity: "founder".into(),
                role: PartyRole::Other,
            },
        ],
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(1_000_000),
            materials_digest: "1".repeat(64),
            terms: None,
        },
        plan_version: 3,
        parties_version: 1,
        token: Some(Addr::unchecked("wasm1token")),
        status: AssetStatus::Retired,
        paused: true,
        minters: vec![Addr::unchecked("wasm1issuer"), Addr::unchecked("wasm1desk")],
        last_report: Some(9),
        registered_at: Timestamp::from_nanos(1_770_771_600_000_000_001),
        terms_pending: false,
    }
}

#[test]
fn assets_round_trip_and_page_in_id_order_after_the_bound() {
    let records = ByName::<Asset>::new(0x05);
    let mut storage = cosmwasm_std::testing::MockStorage::new();
    let mut fresh = asset("a");
    fresh.token = None;
    fresh.status = AssetStatus::Active;
    fresh.last_report = None;
    fresh.minters.clear();
    for a in [asset("b"), fresh.clone(), asset("a0"), asset("c")] {
        assert_eq!(decode_asset(&a.id, &encode_asset(&a)), Ok(a.clone()));
        records.save(&mut storage, &a).unwrap();
    }
    storage.set(&[0x06], b"not an asset");
    assert!(records.has(&storage, "a0"));
    assert!(!records.has(&storage, "d"));
    assert_eq!(records.may_load(&storage, "a").unwrap(), Some(fresh));
    let ids = |after, limit| {
        records
            .page(&storage, after, limit)
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(None, 10), ["a", "a0", "b", "c"]);
    assert_eq!(ids(Some("a"), 2), ["a0", "b"]);
    assert_eq!(ids(Some("c"), 10), Vec::<String>::new());
    let mut other = encode_asset(&asset("a"));
    other[0] = 4;
    assert_eq!(
        decode_asset("a", &other),
        Err(CodecError("unknown asset layout"))
    );
}

#[test]
fn oracles_round_trip_in_every_scope_and_status() {
    let records = ByName::<Oracle>::new(0x06);
    let mut storage = cosmwasm_std::testing::MockStorage::new();
    for bits in 0..=u8::MAX {
        let oracle = Oracle {
            signing_key: (bits % 3 == 0).then(|| cosmwasm_std::Binary::from(vec![2; 33])),
            address: Addr::unchecked(format!("wasm1oracle{bits:03}")),
            scopes: Scopes::from_bits(bits),
            status: if bits % 2 == 0 {
                OracleStatus::Active
            } else {
                OracleStatus::Suspended
            },
            added_at: Timestamp::from_nanos(1_770_771_600_000_000_007),
            trusted_after: u64::from(bits) * 1_000,
            enrolment: u64::from(bits) + 1,
        };
        records.save(&mut storage, &oracle).unwrap();
        assert_eq!(
            records.may_load(&storage, oracle.address.as_str()).unwrap(),
            Some(oracle)
        );
    }
    assert_eq!(
        records
            .page(&storage, Some("wasm1oracle249"), 10)
            .unwrap()
            .len(),
        6
    );
    records.remove(&mut storage, "wasm1oracle000");
    assert!(!records.has(&storage, "wasm1oracle000"));
    // Every bit of a byte is a power since v0.5.0; a scope beyond a byte is refused.
    assert_eq!(
        Oracle::decode("wasm1x", &[1, 0x80, 0x02, 0, 0, 0, 1]),
        Err(CodecError("unknown oracle scope"))
    );
}

#[test]
fn the_last_id_is_the_highest_record_key_and_other_prefixes_do_not_count() {
    let records = AttestationRecords { prefix: 0x03 };
    let mut storage = cosmwasm_std::testing::MockStorage::new();
    assert_eq!(records.last_id(&storage).ok(), Some(0));
    storage.set(&[0x04, 0xff], b"x");
    storage.set(&[0x02, 0xff], b"x");
    assert_eq!(records.last_id(&storage).ok(), Some(0));
    for id in [1, 300, 2] {
        let mut a = filing();
        a.id = id;
        records.save(&mut storage, &a).unwrap();
    }
    assert_eq!(records.last_id(&storage).ok(), Some(300));
    assert_eq!(
        records.may_load(&storage, 300).unwrap().map(|a| a.id),
        Some(300)
    );
}

#[test]
fn malformed_attestations_are_refused() {
    let bytes = encode_attestation(&filing());
    let mut other_layout = bytes.clone();
    other_layout[0] = 2;
    assert_eq!(
        decode_attestation(7, &other_layout),
        Err(CodecError("unknown attestation layout"))
    );
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert_eq!(
        decode_attestation(7, &trailing),
        Err(CodecError("trailing bytes"))
    );
    for cut in 0..bytes.len() {
        assert!(decode_attestation(7, &bytes[..cut]).is_err());
    }
}

/// Damaged records of every kind decode to an error or to some record, never to a panic,
/// and whatever decodes encodes back to the same bytes (one layout per value).
#[test]
fn damaged_records_never_panic_and_what_decodes_is_canonical() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let oracle = Oracle {
        signing_key: Some(cosmwasm_std::Binary::from(vec![2; 33])),
        address: Addr::unchecked("wasm1oracle"),
        scopes: Scopes {
            cross_border_investment: false,
            data_security: false,
            foreign_exchange: false,
            filing: true,
            screening: false,
            flags: true,
            eligibility: false,
            orders: false,
        },
        status: OracleStatus::Active,
        added_at: Timestamp::from_seconds(1_770_000_000),
        trusted_after: 12,
        enrolment: 3,
    };
    let set = StatementSet(vec![CurrentStatement {
        kind: AttestationKind::Screening,
        enrolment: 3,
        id: 300,
    }]);
    let samples = [
        encode_attestation(&filing()),
        encode_asset(&asset("bond")),
        oracle.encode(),
        set.encode(),
    ];
    for _ in 0..4_000 {
        let which = (next() % 4) as usize;
        let mut bytes = samples[which].clone();
        match next() % 3 {
            0 => {
                let at = (next() as usize) % bytes.len();
                bytes[at] ^= (next() % 255 + 1) as u8;
            }
            1 => bytes.truncate((next() as usize) % bytes.len()),
            _ => bytes.insert((next() as usize) % bytes.len(), next() as u8),
        }
        let again = match which {
            0 => decode_attestation(7, &bytes)
                .ok()
                .map(|a| encode_attestation(&a)),
            1 => decode_asset("bond", &bytes).ok().map(|a| encode_asset(&a)),
            2 => Oracle::decode("wasm1oracle", &bytes)
                .ok()
                .map(|o| o.encode()),
            _ => StatementSet::decode(&bytes).ok().map(|s| s.encode()),
        };
        if let Some(again) = again {
            assert_eq!(again, bytes, "record kind {which}");
        }
    }
}

#[test]
fn a_newer_statement_supersedes_its_oracles_entry_of_that_kind_only() {
    let s = |kind, enrolment, id| CurrentStatement {
        kind,
        enrolment,
        id,
    };
    let mut set = StatementSet::default();
    assert_eq!(set.post(s(AttestationKind::Filing, 1, 1)), None);
    assert_eq!(set.post(s(AttestationKind::Screening, 1, 2)), None);
    assert_eq!(set.post(s(AttestationKind::Filing, 2, 3)), None);
    assert_eq!(set.post(s(AttestationKind::Filing, 1, 4)), Some(1));
    assert_eq!(
        set.0,
        vec![
            s(AttestationKind::Filing, 1, 4),
            s(AttestationKind::Screening, 1, 2),
            s(AttestationKind::Filing, 2, 3),
        ]
    );
    assert_eq!(StatementSet::decode(&set.encode()), Ok(set.clone()));
    assert!(set.revoke(2));
    assert!(!set.revoke(2));
    assert_eq!(set.0.len(), 2);
    assert_eq!(
        StatementSet::decode(&[1, 5, 1, 1]),
        Err(CodecError("unknown attestation kind"))
    );
}

/// v0.4.0 appends the plan's distribution terms to the asset record (layout 2); a v0.3.0
/// record (layout 1) still reads, as a plan without terms, and nothing needs rewriting.
#[test]
fn assets_with_terms_round_trip_and_layout_one_reads_without_terms() {
    use rwa_gate::{DistributionTerms, InvestorClass, OutflowLimit};
    let mut a = asset("bond");
    a.plan.terms = Some(Box::new(DistributionTerms {
        classes: Some(vec![
            InvestorClass::Professional,
            InvestorClass::Institutional,
        ]),
        excluded_jurisdictions: vec!["CN".into(), "US".into()],
        lockup_until: Some(Timestamp::from_nanos(1_800_000_000_000_000_001)),
        max_holders: Some(200),
        max_balance: Some(Uint128::new(5_000)),
        max_outflow: Some(OutflowLimit {
            amount: Uint128::new(700),
            period_seconds: 86_400,
        }),
    }));
    a.terms_pending = true;
    assert_eq!(decode_asset("bond", &encode_asset(&a)), Ok(a.clone()));

    a.plan.terms = None;
    a.terms_pending = false;
    let mut v1 = encode_asset(&a);
    // Layout 1 is layout 3 without its three trailing fields (no terms, nothing pending, no
    // approval); layout 2 without the last.
    assert_eq!(v1.split_off(v1.len() - 3), vec![0, 0, 0]);
    v1[0] = 1;
    assert_eq!(decode_asset("bond", &v1), Ok(a.clone()));
    let mut v2 = encode_asset(&a);
    v2.pop();
    v2[0] = 2;
    assert_eq!(decode_asset("bond", &v2), Ok(a));
}

/// v0.5.0 appends the plan's R3 approvals (layout 3), one bit each; an unknown bit is refused.
#[test]
fn assets_with_approvals_round_trip_and_an_unknown_approval_bit_is_refused() {
    let mut a = asset("bond");
    a.plan.approvals = vec![
        rwa_gate::Approval::CrossBorderInvestment,
        rwa_gate::Approval::DataSecurity,
    ];
    let bytes = encode_asset(&a);
    assert_eq!(bytes.last(), Some(&0b101));
    assert_eq!(decode_asset("bond", &bytes), Ok(a.clone()));
    let mut unknown = bytes;
    if let Some(last) = unknown.last_mut() {
        *last = 0b1000;
    }
    assert_eq!(
        decode_asset("bond", &unknown),
        Err(CodecError("unknown approval"))
    );
}

#[test]
fn eligibility_statements_keep_their_history_in_id_order_per_account() {
    use rwa_gate::distribution::EligibilityRecord;
    use rwa_gate::{Eligibility, EligibilityStatus, Evidence, InvestorClass};
    let record = |account: &str, id: u64| EligibilityRecord {
        statement: Eligibility {
            account: Addr::unchecked(account),
            id,
            status: EligibilityStatus::Eligible,
            oracle: Addr::unchecked("wasm1kyc"),
            enrolment: 3,
            epoch: 2,
            holder: "ab".repeat(32),
            class: InvestorClass::Professional,
            jurisdiction: "HK".into(),
            issued_at: Timestamp::from_nanos(5),
            expires_at: Timestamp::from_nanos(1_000_000_000_000_000_007),
        },
        evidence: Evidence {
            digest: "cd".repeat(32),
            uri: Some("ipfs://kyc".into()),
        },
        revoked_at: None,
        revocation: None,
    };
    let mut storage = cosmwasm_std::testing::MockStorage::new();
    let e = EligibilityStatements;
    // "wasm1a" is a prefix of "wasm1ab": their histories must not mix.
    for (account, id) in [
        ("wasm1a", 9),
        ("wasm1ab", 2),
        ("wasm1a", 4),
        ("wasm1a", 300),
    ] {
        e.archive(&mut storage, &record(account, id));
    }
    let ids = |account, after| {
        e.history(&storage, account, after, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.statement.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("wasm1a", None), [4, 9, 300]);
    assert_eq!(ids("wasm1a", Some(4)), [9, 300]);
    assert_eq!(ids("wasm1ab", None), [2]);
    let mut current = record("wasm1a", 301);
    current.statement.status = EligibilityStatus::Revoked;
    current.revoked_at = Some(Timestamp::from_nanos(77));
    current.revocation = Some(Evidence {
        digest: "ef".repeat(32),
        uri: None,
    });
    e.save_current(&mut storage, &current);
    assert_eq!(e.current(&storage, "wasm1a").unwrap(), Some(current));
    assert_eq!(e.current(&storage, "wasm1ab").unwrap(), None);
}

/// The standing key tokens read is present exactly while the enrolment is active and
/// eligibility-scoped, whatever write of the oracle comes last.
#[test]
fn an_enrolments_eligibility_standing_follows_every_write_of_its_oracle() {
    use rwa_gate::records::eligibility_standing_key;
    let records = ByName::<Oracle>::new(0x06);
    let mut storage = cosmwasm_std::testing::MockStorage::new();
    let mut oracle = Oracle {
        signing_key: None,
        address: Addr::unchecked("wasm1kyc"),
        scopes: Scopes::from_bits(0b1000),
        status: OracleStatus::Active,
        added_at: Timestamp::from_nanos(1),
        trusted_after: 0,
        enrolment: 300,
    };
    let stands = |s: &cosmwasm_std::testing::MockStorage, enrolment| {
        s.get(&eligibility_standing_key(enrolment)).is_some()
    };
    records.store(&mut storage, &oracle).unwrap();
    assert!(stands(&storage, 300));
    oracle.status = OracleStatus::Suspended;
    records.store(&mut storage, &oracle).unwrap();
    assert!(!stands(&storage, 300));
    oracle.status = OracleStatus::Active;
    records.store(&mut storage, &oracle).unwrap();
    assert!(stands(&storage, 300));
    oracle.scopes = Scopes::from_bits(0b0100);
    records.store(&mut storage, &oracle).unwrap();
    assert!(!stands(&storage, 300), "narrowed out of eligibility");
    oracle.scopes = Scopes::from_bits(0b1100);
    records.store(&mut storage, &oracle).unwrap();
    records.delete(&mut storage, &oracle);
    assert!(!stands(&storage, 300), "removed");
    assert!(!records.has(&storage, "wasm1kyc"));
    // Re-added: a new enrolment stands; the old one never again.
    oracle.enrolment = 301;
    records.store(&mut storage, &oracle).unwrap();
    assert!(stands(&storage, 301) && !stands(&storage, 300));
    assert_ne!(eligibility_standing_key(300), eligibility_standing_key(301));
}
