//! The issuance lifecycle, step by step: who does what, allowed or refused and why.
//!
//! Runs the contracts' Rust code on cw-multi-test (the real-chain version of this demo belongs
//! to the real-chain issue). Prints a transcript and a summary table, and writes the transcript
//! as JSON to `artifacts/demo-transcript.json`.

use std::fmt::Write as _;

use cosmwasm_std::StdResult;
use cw_multi_test::AppResponse;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{FlagReason, Subject};
use rwa_gate_tests::*;

struct Step {
    n: usize,
    actor: String,
    action: String,
    expected_ok: bool,
    ok: bool,
    outcome: String,
}

struct Demo {
    s: Suite,
    steps: Vec<Step>,
}

impl Demo {
    fn run(
        &mut self,
        actor: &str,
        action: &str,
        expected_ok: bool,
        f: impl FnOnce(&mut Suite) -> StdResult<AppResponse>,
    ) {
        let res = f(&mut self.s);
        let (ok, outcome) = match &res {
            Ok(r) => (true, summary(r)),
            Err(e) => (false, last_line(e)),
        };
        let n = self.steps.len() + 1;
        println!(
            "{n:>2}. {actor:<9} {action}\n    -> {} {outcome}",
            if ok { "ALLOWED " } else { "REFUSED " }
        );
        self.steps.push(Step {
            n,
            actor: actor.into(),
            action: action.into(),
            expected_ok,
            ok,
            outcome,
        });
    }

    fn note(&self, text: &str) {
        println!("    .. {text}");
    }
}

/// The attributes that matter to a reader, from the last wasm event.
fn summary(r: &AppResponse) -> String {
    let keys = [
        "id",
        "flag",
        "amount",
        "minted",
        "filings",
        "screenings",
        "status",
        "refreshed",
    ];
    let mut out = String::new();
    for k in keys {
        if let Some(v) = attr(r, k) {
            let _ = write!(out, "{k}={v} ");
        }
    }
    out.trim_end().to_string()
}

fn json_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '"' => "\\\"".chars().collect::<Vec<_>>(),
            '\\' => "\\\\".chars().collect(),
            '\n' => "\\n".chars().collect(),
            c => vec![c],
        })
        .collect()
}

fn main() {
    let s = Suite::new()
        .with_standard_oracles()
        .with_oracle("auditor-1", FLAGS)
        .with_oracle("auditor-2", FLAGS)
        .build();
    let mut d = Demo { s, steps: vec![] };
    println!("rwa-gate issuance lifecycle (cw-multi-test)\n");
    println!(
        "Setup: registry deployed; oracles filer (Filing), screener (Screening), watcher, auditor-1,\n\
         auditor-2 (flags); issuer approved; asset `bond` registered (filing entity acme, controlling\n\
         shareholder holdco, ultimate controller founder; plan max supply {MAX_SUPPLY}); its gated token\n\
         instantiated by the registry.\n"
    );

    d.run(
        "issuer",
        "mint 1,000 to alice before any attestation",
        false,
        |s| s.mint("issuer", BOND, "alice", 1_000),
    );
    d.run(
        "filer",
        "attest Filing (CSRC filing complete, approved 600,000)",
        true,
        |s| s.attest_filing_with("filer", BOND, 600_000, 30 * DAY),
    );
    d.run(
        "issuer",
        "mint 1,000 to alice with Filing only",
        false,
        |s| s.mint("issuer", BOND, "alice", 1_000),
    );
    d.run(
        "screener",
        "attest Screening (acme, holdco, founder; 3-year look-back)",
        true,
        |s| s.attest_screening("screener", BOND),
    );
    d.run("issuer", "mint 1,000 to alice", true, |s| {
        s.mint("issuer", BOND, "alice", 1_000)
    });
    d.run("alice", "transfer 100 to bob", true, |s| {
        s.transfer("alice", BOND, "bob", 100)
    });
    d.run(
        "issuer",
        "mint 600,000 to alice (beyond the approved supply)",
        false,
        |s| s.mint("issuer", BOND, "alice", 600_000),
    );
    let mut dispute = 0;
    d.run(
        "watcher",
        "flag bond: significant ownership dispute (R5)",
        true,
        |s| {
            let r = s.exec(
                "watcher",
                ExecuteMsg::RaiseFlag {
                    subject: Subject::Asset(BOND.into()),
                    reason: FlagReason::OwnershipDispute,
                    evidence: evidence("court filing"),
                },
            );
            if let Ok(res) = &r {
                dispute = attr(res, "flag").and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            r
        },
    );
    d.run("issuer", "mint 1,000 to alice while disputed", false, |s| {
        s.mint("issuer", BOND, "alice", 1_000)
    });
    d.run("alice", "transfer 100 to bob while disputed", false, |s| {
        s.transfer("alice", BOND, "bob", 100)
    });
    d.run("watcher", "clear its own flag", false, |s| {
        s.clear_flag("watcher", dispute)
    });
    d.run(
        "auditor-1",
        "vote to clear the dispute (1 of 2)",
        true,
        |s| s.clear_flag("auditor-1", dispute),
    );
    d.run(
        "auditor-2",
        "vote to clear the dispute (2 of 2)",
        true,
        |s| s.clear_flag("auditor-2", dispute),
    );
    d.run("issuer", "mint 1,000 to alice after clearing", true, |s| {
        s.mint("issuer", BOND, "alice", 1_000)
    });
    d.run("issuer", "report a significant matter (R2)", true, |s| {
        s.exec(
            "issuer",
            ExecuteMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("change of controller"),
            },
        )
    });
    d.run(
        "issuer",
        "mint 1,000 to alice after the report",
        false,
        |s| s.mint("issuer", BOND, "alice", 1_000),
    );
    d.run(
        "filer",
        "attest a fresh Filing after the report",
        true,
        |s| s.attest_filing_with("filer", BOND, 600_000, 30 * DAY),
    );
    d.run("issuer", "mint 1,000 to alice", true, |s| {
        s.mint("issuer", BOND, "alice", 1_000)
    });
    d.s.advance(31 * DAY);
    d.note("31 days pass: both attestations expire");
    d.run(
        "issuer",
        "mint 1,000 to alice with expired evidence",
        false,
        |s| s.mint("issuer", BOND, "alice", 1_000),
    );
    let founder_offence = d.s.now().minus_seconds(2 * YEAR);
    d.run(
        "watcher",
        "flag founder: criminal record 2 years ago (R8)",
        true,
        |s| {
            s.exec(
                "watcher",
                ExecuteMsg::RaiseFlag {
                    subject: Subject::Entity(FOUNDER.into()),
                    reason: FlagReason::CriminalRecord {
                        offence_date: founder_offence,
                    },
                    evidence: evidence("judgment"),
                },
            )
        },
    );
    d.run("filer", "attest Filing again", true, |s| {
        s.attest_filing_with("filer", BOND, 600_000, 365 * DAY)
    });
    d.run("screener", "attest Screening again", true, |s| {
        s.attest_screening_with(
            "screener",
            BOND,
            vec![ACME.into(), HOLDCO.into(), FOUNDER.into()],
            rwa_gate::types::LOOKBACK_SECONDS,
            90 * DAY,
        )
    });
    d.run(
        "issuer",
        "mint 1,000 to alice while the founder's offence is recent",
        false,
        |s| s.mint("issuer", BOND, "alice", 1_000),
    );

    let decision = d.s.check(BOND, 1_000, Some("issuer"));
    println!(
        "\ncheck_issuance(bond, 1000) now: allowed={} reasons:",
        decision.allowed
    );
    for r in &decision.reasons {
        println!("  - {r}");
    }
    let minted = d.s.minted(BOND);
    println!(
        "minted so far {} of cap {}; supply {}; alice {} bob {}",
        minted.minted,
        minted.cap,
        minted.total_supply,
        d.s.balance(BOND, "alice"),
        d.s.balance(BOND, "bob")
    );

    println!("\n| # | actor | action | expected | outcome |");
    println!("|---|---|---|---|---|");
    for st in &d.steps {
        println!(
            "| {} | {} | {} | {} | {} |",
            st.n,
            st.actor,
            st.action,
            if st.expected_ok { "allowed" } else { "refused" },
            if st.ok { "allowed" } else { "refused" }
        );
    }

    let mut json = String::from("{\"chain\":\"cw-multi-test\",\"steps\":[");
    for (i, st) in d.steps.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let _ = write!(
            json,
            "{{\"n\":{},\"actor\":\"{}\",\"action\":\"{}\",\"allowed\":{},\"expected_allowed\":{},\"outcome\":\"{}\"}}",
            st.n,
            json_escape(&st.actor),
            json_escape(&st.action),
            st.ok,
            st.expected_ok,
            json_escape(&st.outcome)
        );
    }
    let _ = write!(
        json,
        "],\"minted\":\"{}\",\"cap\":\"{}\"}}",
        minted.minted, minted.cap
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts");
    if let Err(e) = std::fs::create_dir_all(&path)
        .and_then(|_| std::fs::write(path.join("demo-transcript.json"), json))
    {
        eprintln!("could not write the transcript: {e}");
        std::process::exit(1);
    }
    println!("\ntranscript written to artifacts/demo-transcript.json");

    let surprises: Vec<_> = d.steps.iter().filter(|s| s.ok != s.expected_ok).collect();
    if !surprises.is_empty() {
        for s in surprises {
            eprintln!("step {} did not go as expected: {}", s.n, s.outcome);
        }
        std::process::exit(1);
    }
}
