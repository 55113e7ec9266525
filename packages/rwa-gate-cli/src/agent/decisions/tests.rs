use super::*;

const DIGEST: &str = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";

fn account() -> String {
    cosmrs::AccountId::new("wasm", &[7; 20])
        .unwrap()
        .to_string()
}

fn eligibility_line(id: &str, extra: &str) -> String {
    format!(
        r#"{{"id":"{id}","kind":"eligibility","account":"{}","holder":"{DIGEST}","class":"professional","jurisdiction":"hk","validity":"180d","evidence":"{DIGEST}"{extra}}}"#,
        account()
    )
}

#[test]
fn json_lines_become_decisions_of_every_kind() {
    let screening = format!(
        r#"{{"id":"s-1","kind":"screening","asset":"bond","negative_list_version":"current","subjects":["acme","acme-parent"],"lookback":"1200d","expires_at":"2027-01-31","evidence":"{DIGEST}"}}"#
    );
    let approval = format!(
        r#"{{"id":"a-1","kind":"foreign_exchange","asset":"bond","reference":"SAFE-77","validity":"1y","evidence":"{DIGEST}","withdrawn":true}}"#
    );
    let text = format!(
        "{}\n\n{screening}\n{approval}\n",
        eligibility_line("e-1", "")
    );
    let read = parse(&text, Format::JsonLines);
    assert_eq!(read.invalid, vec![]);
    let [e, s, a] = read.decisions.as_slice() else {
        panic!("three decisions, got {:?}", read.decisions)
    };
    assert_eq!(
        e.body,
        Body::Eligibility {
            account: account(),
            holder: DIGEST.into(),
            class: InvestorClass::Professional,
            // Taken in capitals, as the registry wants it.
            jurisdiction: "HK".into(),
        }
    );
    assert_eq!(
        (e.line, e.expiry, e.withdrawn),
        (1, Expiry::Validity(180 * 86_400), false)
    );
    assert_eq!(
        s.body,
        Body::Screening {
            asset: "bond".into(),
            list: ListVersion::Current,
            subjects: Subjects::Listed(vec!["acme".into(), "acme-parent".into()]),
            lookback: Lookback::Span(1200 * 86_400),
        }
    );
    assert_eq!((s.line, s.expiry), (3, Expiry::At(1_801_353_600)));
    assert_eq!(a.kind(), "foreign_exchange");
    assert!(a.withdrawn);
    assert_eq!(a.target(), "foreign_exchange of asset bond");
}

#[test]
fn csv_with_a_header_reads_like_json_lines() {
    let text = format!(
        "id,kind,asset,subjects,negative_list_version,validity,evidence,evidence_uri\n\
         s-1,screening,bond,all current,4,90d,{DIGEST},\"https://x.example/a,b\"\n\
         s-2,screening,note,acme;acme-parent,,90d,{DIGEST},\n"
    );
    let read = parse(&text, Format::Csv);
    assert_eq!(read.invalid, vec![]);
    assert_eq!(read.decisions.len(), 2);
    let Body::Screening {
        list,
        subjects,
        lookback,
        ..
    } = &read.decisions[0].body
    else {
        panic!()
    };
    assert_eq!(
        (*list, subjects, *lookback),
        (
            ListVersion::Version(4),
            &Subjects::AllCurrent,
            Lookback::Span(LOOKBACK_SECONDS)
        )
    );
    assert_eq!(
        read.decisions[0].evidence.uri.as_deref(),
        Some("https://x.example/a,b")
    );
    let Body::Screening { list, subjects, .. } = &read.decisions[1].body else {
        panic!()
    };
    assert_eq!(*list, ListVersion::Current);
    assert_eq!(
        subjects,
        &Subjects::Listed(vec!["acme".into(), "acme-parent".into()])
    );
}

#[test]
fn bad_lines_are_named_with_their_line_and_why_and_the_rest_is_read() {
    let text = format!(
        "{}\nnot json\n{}\n{}\n{}\n",
        eligibility_line("e-1", ""),
        eligibility_line("e-1", ""),
        eligibility_line("e-2", ""),
        r#"{"id":"x","kind":"screening","asset":"bond","lookback":"365d","validity":"90d","evidence":"00"}"#,
    );
    let read = parse(&text, Format::JsonLines);
    assert_eq!(read.decisions.len(), 1);
    let reasons: Vec<(usize, &str)> = read
        .invalid
        .iter()
        .map(|i| (i.line, i.reason.as_str()))
        .collect();
    assert_eq!(reasons[0].0, 2);
    assert!(reasons[0].1.starts_with("not JSON"), "{reasons:?}");
    assert_eq!(reasons[1], (3, "decision id e-1 appears twice"));
    assert_eq!(reasons[2].0, 4);
    assert!(reasons[2]
        .1
        .starts_with("decision e-1 already speaks of account wasm1"));
    assert_eq!(
        reasons[3],
        (5, "lookback must be at least 1096 days (R3-R9)")
    );
}

#[test]
fn expiry_is_a_date_or_a_validity_never_both() {
    let both = eligibility_line("e", r#","expires_at":"2027-01-01""#);
    let read = parse(&both, Format::JsonLines);
    assert_eq!(
        read.invalid[0].reason,
        "give expires_at or validity, not both"
    );
    assert_eq!(read.invalid[0].id.as_deref(), Some("e"));
}

#[test]
fn the_fingerprint_moves_with_the_content_not_with_the_withdrawal() {
    let a = parse(&eligibility_line("e", ""), Format::JsonLines).decisions[0].clone();
    let w = parse(
        &eligibility_line("e", r#","withdrawn":"true""#),
        Format::JsonLines,
    )
    .decisions[0]
        .clone();
    let longer = parse(
        &eligibility_line("e", "").replace("180d", "181d"),
        Format::JsonLines,
    )
    .decisions[0]
        .clone();
    assert_eq!(a.fingerprint(), w.fingerprint());
    assert_ne!(a.fingerprint(), longer.fingerprint());
}

#[test]
fn the_format_is_found_by_extension_then_by_content() {
    assert_eq!(detect(Path::new("d.csv"), "{"), Format::Csv);
    assert_eq!(detect(Path::new("d.jsonl"), "id,kind"), Format::JsonLines);
    assert_eq!(
        detect(Path::new("d.txt"), "  {\"id\":1}"),
        Format::JsonLines
    );
    assert_eq!(detect(Path::new("decisions"), "id,kind"), Format::Csv);
}
