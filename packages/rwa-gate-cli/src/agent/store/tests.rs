use super::*;

fn store() -> Store {
    Store::open(Path::new(":memory:")).unwrap()
}

fn sending(decision: &str, op: &str, prior: &str) -> Sending {
    Sending {
        decision: decision.into(),
        op: op.into(),
        kind: "eligibility".into(),
        fingerprint: format!("fp-{decision}"),
        list_version: None,
        expires_at: Some(1_000),
        prior: prior.into(),
    }
}

fn tx(hash: &str, actions: Vec<Sending>) -> TxRow {
    TxRow {
        hash: hash.into(),
        bytes: vec![1, 2, 3],
        signer: "wasm1oracle".into(),
        account_number: 7,
        sequence: 3,
        gas_limit: 900_000,
        state: "in_flight".into(),
        gas_used: None,
        actions,
        created_at: 5,
        done_at: None,
    }
}

#[test]
fn a_transaction_is_in_flight_with_its_decisions_then_included_with_their_records() {
    let mut db = store();
    let rows = vec![
        Row::new("e-1", "eligibility", "a"),
        Row::new("e-2", "eligibility", "b"),
    ];
    let t = tx(
        "AB",
        vec![
            sending("e-1", "attest", "pending"),
            sending("e-2", "attest", "pending"),
        ],
    );
    db.begin(&t, &rows).unwrap();
    let known = db.rows().unwrap();
    assert_eq!(known["e-1"].state, State::InFlight);
    assert_eq!(known["e-2"].tx.as_deref(), Some("AB"));
    let flying = db.in_flight().unwrap();
    assert_eq!(flying, vec![t.clone()]);

    let recorded = [
        Recorded {
            record: Some(1),
            expires_at: Some(2_000),
        },
        Recorded {
            record: Some(1),
            expires_at: None,
        },
    ];
    db.included(&t, 40, 123_456, &recorded).unwrap();
    let known = db.rows().unwrap();
    assert_eq!(known["e-1"].state, State::Posted);
    assert_eq!(
        (known["e-1"].record, known["e-1"].expires_at),
        (Some(1), Some(2_000))
    );
    // No expiry in the events: the one it was sent with.
    assert_eq!(known["e-2"].expires_at, Some(1_000));
    assert_eq!(known["e-2"].fingerprint.as_deref(), Some("fp-e-2"));
    assert!(db.in_flight().unwrap().is_empty());
    let all = db.all_txs().unwrap();
    assert_eq!(
        (all[0].state.as_str(), all[0].gas_used),
        ("included", Some(123_456))
    );
}

#[test]
fn a_transaction_never_included_puts_each_decision_back_where_it_stood() {
    let mut db = store();
    let mut posted = Row::new("e-1", "eligibility", "a");
    posted.state = State::Posted;
    posted.record = Some(4);
    posted.fingerprint = Some("old".into());
    let fresh = Row::new("e-2", "eligibility", "b");
    db.put(&posted).unwrap();
    let t = tx(
        "CD",
        vec![
            sending("e-1", "revoke", "posted"),
            sending("e-2", "attest", "pending"),
        ],
    );
    db.begin(&t, &[posted.clone(), fresh]).unwrap();
    db.not_included(&t, "failed", "out of gas").unwrap();
    let known = db.rows().unwrap();
    assert_eq!(known["e-1"].state, State::Posted);
    assert_eq!(known["e-1"].record, Some(4));
    assert_eq!(known["e-2"].state, State::Pending);
    assert_eq!(known["e-2"].note.as_deref(), Some("out of gas"));
    assert_eq!(db.all_txs().unwrap()[0].state, "failed");
}

#[test]
fn meta_values_are_kept_and_replaced() {
    let db = store();
    assert_eq!(db.meta("registry").unwrap(), None);
    db.set_meta("registry", "wasm1a").unwrap();
    db.set_meta("registry", "wasm1b").unwrap();
    assert_eq!(db.meta("registry").unwrap().as_deref(), Some("wasm1b"));
}
