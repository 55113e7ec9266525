use super::*;
use crate::agent::decisions::{parse, Format};
use rwa_gate::registry::{AttestEligibilityMsg, AttestMsg, RevokeMsg};

const DIGEST: &str = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
const OTHER: &str = "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f176c1b4ab1f2b0f5e5";
const NOW: u64 = 1_800_000_000;
const DAY: u64 = 86_400;

fn account(n: u8) -> String {
    cosmrs::AccountId::new("wasm", &[n; 20])
        .unwrap()
        .to_string()
}

fn facts() -> Facts {
    Facts {
        now: NOW,
        list_version: 3,
        max_eligibility: 365 * DAY,
        max_screening: 90 * DAY,
        max_approval: 365 * DAY,
        subjects: HashMap::from([("bond".to_string(), vec!["acme".to_string()])]),
    }
}

fn decisions(lines: &[String]) -> Vec<Decision> {
    let read = parse(&lines.join("\n"), Format::JsonLines);
    assert_eq!(read.invalid, vec![]);
    read.decisions
}

fn eligibility(id: &str, n: u8, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","kind":"eligibility","account":"{}","holder":"{DIGEST}","class":"retail","jurisdiction":"SG","validity":"180d","evidence":"{DIGEST}"{extra}}}"#,
        account(n)
    )
}

fn screening(id: &str, asset: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","kind":"screening","asset":"{asset}","validity":"90d","evidence":"{DIGEST}"{extra}}}"#
    )
}

fn posted(d: &Decision, record: u64, expires_at: u64) -> Row {
    let mut row = Row::new(&d.id, d.kind(), &d.target());
    row.state = State::Posted;
    row.fingerprint = Some(d.fingerprint());
    row.record = Some(record);
    row.expires_at = Some(expires_at);
    row.list_version = Some(3);
    row
}

fn reasons(plan: &Plan) -> Vec<(&str, &Reason)> {
    plan.steps
        .iter()
        .map(|s| (s.decision.as_str(), &s.reason))
        .collect()
}

#[test]
fn what_is_missing_is_posted_and_what_stands_is_left_alone() {
    let ds = decisions(&[
        eligibility("e-1", 1, ""),
        eligibility("e-2", 2, ""),
        screening("s-1", "bond", ""),
    ]);
    let rows = HashMap::from([("e-2".to_string(), posted(&ds[1], 1, NOW + 100 * DAY))]);
    let plan = plan(&ds, &rows, &facts(), 14 * DAY);
    assert_eq!(
        reasons(&plan),
        vec![("e-1", &Reason::New), ("s-1", &Reason::New)]
    );
    assert_eq!(
        plan.held,
        vec![("e-2".to_string(), Hold::Standing(Some(NOW + 100 * DAY)))]
    );
    let OracleAction::AttestEligibility(AttestEligibilityMsg {
        expires_at,
        jurisdiction,
        ..
    }) = &plan.steps[0].action
    else {
        panic!("{:?}", plan.steps[0].action)
    };
    // A validity runs from the latest block.
    assert_eq!(
        (expires_at.seconds(), jurisdiction.as_str()),
        (NOW + 180 * DAY, "SG")
    );
    let OracleAction::Attest(AttestMsg {
        statement:
            StatementMsg::Screening {
                negative_list_version,
                subjects,
                lookback_from,
            },
        ..
    }) = &plan.steps[1].action
    else {
        panic!("{:?}", plan.steps[1].action)
    };
    // `current` and `all current`, as the registry has them now; the look-back of R3-R9.
    assert_eq!(*negative_list_version, 3);
    assert_eq!(subjects, &vec!["acme".to_string()]);
    assert_eq!(lookback_from.seconds(), NOW - 1_096 * DAY);
    assert_eq!(plan.steps[1].sending.list_version, Some(3));
    assert_eq!(plan.steps[1].sending.prior, "pending");
}

#[test]
fn what_lapses_within_the_window_is_renewed_and_a_fixed_expiry_never_is() {
    let ds = decisions(&[
        eligibility("soon", 1, ""),
        eligibility("later", 2, ""),
        eligibility("fixed", 3, "").replace(r#""validity":"180d""#, r#""expires_at":"2027-01-20""#),
    ]);
    let soon = NOW + 13 * DAY;
    let rows = HashMap::from([
        ("soon".to_string(), posted(&ds[0], 1, soon)),
        ("later".to_string(), posted(&ds[1], 1, NOW + 15 * DAY)),
        ("fixed".to_string(), posted(&ds[2], 1, NOW + 2 * DAY)),
    ]);
    let plan = plan(&ds, &rows, &facts(), 14 * DAY);
    assert_eq!(reasons(&plan), vec![("soon", &Reason::Renew(soon))]);
    assert_eq!(plan.held.len(), 2);
}

#[test]
fn a_withdrawn_decision_is_revoked_once_and_never_posted_if_it_never_was() {
    let ds = decisions(&[
        eligibility("e-1", 1, r#","withdrawn":true"#),
        screening(
            "s-1",
            "bond",
            &format!(r#","withdrawn":true,"withdrawal_evidence":"{OTHER}""#),
        ),
        eligibility("e-3", 3, r#","withdrawn":true"#),
        eligibility("e-4", 4, r#","withdrawn":true"#),
    ]);
    let mut revoked = posted(&ds[3], 1, NOW + DAY);
    revoked.state = State::Revoked;
    let rows = HashMap::from([
        ("e-1".to_string(), posted(&ds[0], 1, NOW + DAY)),
        ("s-1".to_string(), posted(&ds[1], 42, NOW + DAY)),
        ("e-4".to_string(), revoked),
    ]);
    let plan = plan(&ds, &rows, &facts(), 14 * DAY);
    assert_eq!(
        reasons(&plan),
        vec![("e-1", &Reason::Withdrawn), ("s-1", &Reason::Withdrawn)]
    );
    assert!(plan.steps.iter().all(|s| s.op == Op::Revoke));
    assert_eq!(
        plan.steps[1].action,
        OracleAction::Revoke(RevokeMsg {
            id: 42,
            evidence: Evidence {
                digest: OTHER.into(),
                uri: None
            }
        })
    );
    assert_eq!(
        plan.held,
        vec![
            ("e-3".to_string(), Hold::NeverPosted),
            ("e-4".to_string(), Hold::Revoked)
        ]
    );
}

#[test]
fn a_changed_decision_and_a_moved_list_are_posted_again_and_in_flight_waits() {
    let ds = decisions(&[
        eligibility("e-1", 1, ""),
        screening("s-1", "bond", ""),
        eligibility("e-2", 2, ""),
    ]);
    let mut changed = posted(&ds[0], 1, NOW + 100 * DAY);
    changed.fingerprint = Some("an older version".into());
    let mut flying = Row::new("e-2", "eligibility", "x");
    flying.state = State::InFlight;
    flying.tx = Some("ABCD".into());
    let rows = HashMap::from([
        ("e-1".to_string(), changed),
        ("s-1".to_string(), posted(&ds[1], 9, NOW + 80 * DAY)),
        ("e-2".to_string(), flying),
    ]);
    let mut facts = facts();
    facts.list_version = 4;
    let plan = plan(&ds, &rows, &facts, 14 * DAY);
    assert_eq!(
        reasons(&plan),
        vec![
            ("e-1", &Reason::Changed),
            ("s-1", &Reason::ListMoved { from: 3, to: 4 })
        ]
    );
    assert_eq!(
        plan.held,
        vec![("e-2".to_string(), Hold::InFlight("ABCD".into()))]
    );
}

#[test]
fn what_the_registry_would_refuse_for_its_dates_or_asset_is_held_with_why() {
    let ds = decisions(&[
        eligibility("past", 1, "").replace(r#""validity":"180d""#, r#""expires_at":"2020-01-01""#),
        screening("long", "bond", "").replace("90d", "91d"),
        screening("unknown", "note", ""),
    ]);
    let plan = plan(&ds, &HashMap::new(), &facts(), 14 * DAY);
    assert_eq!(plan.steps, vec![]);
    assert_eq!(
        plan.held,
        vec![
            ("past".to_string(), Hold::Lapsed(1_577_836_800)),
            ("long".to_string(), Hold::TooLong { max: 90 * DAY }),
            ("unknown".to_string(), Hold::UnknownAsset("note".into())),
        ]
    );
}

#[test]
fn batches_hold_at_most_their_size_and_keep_eligibility_apart_from_assets() {
    let lines: Vec<String> = (1..=200u8)
        .map(|n| eligibility(&format!("e-{n}"), n, ""))
        .collect();
    let mut all = lines;
    all.extend((0..120).map(|i| {
        screening(
            &format!("s-{i}"),
            &format!("a-{i}"),
            r#","subjects":"acme""#,
        )
    }));
    let ds = decisions(&all);
    let plan = plan(&ds, &HashMap::new(), &facts(), 14 * DAY);
    let sizes: Vec<(usize, &str)> = batches(&plan.steps, 100, 50)
        .iter()
        .map(|b| (b.len(), b[0].kind))
        .collect();
    assert_eq!(
        sizes,
        vec![
            (100, "eligibility"),
            (100, "eligibility"),
            (50, "screening"),
            (50, "screening"),
            (20, "screening")
        ]
    );
}
