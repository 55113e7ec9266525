//! The issuance lifecycle, step by step, on the optimized wasm in cosmwasm-vm: who does what,
//! allowed or refused and why, and the VM gas of each call. Ends with a summary table and
//! writes the transcript to `artifacts/demo-transcript.json`.
//!
//! VM gas, not SDK gas: the chain apps (osmosis-test-tube, neutron-test-tube) do not build on
//! this machine (docs/GAS.md), so this runs the contracts in the VM the chain embeds.

use rwa_gate::registry::ExecuteMsg as RegistryMsg;
use rwa_gate::{FlagReason, Subject};
use rwa_gate_vm_tests::scenario::{
    evidence, Deployment, ACME, BOND, DAY, FILING_VALIDITY, FOUNDER, HOLDCO, MAX_SUPPLY,
};
use rwa_gate_vm_tests::Outcome;
use serde_json::json;

struct Step {
    actor: String,
    action: String,
    expected: bool,
    allowed: bool,
    gas: Option<u64>,
    outcome: String,
}

struct Demo {
    d: Deployment,
    steps: Vec<Step>,
}

impl Demo {
    fn run(
        &mut self,
        actor: &str,
        action: &str,
        expected: bool,
        call: impl FnOnce(&mut Deployment) -> Result<Outcome, String>,
    ) -> Option<Outcome> {
        let res = call(&mut self.d);
        let (allowed, gas, outcome) = match &res {
            Ok(o) => (true, Some(o.gas), summary(o)),
            // The contract's own message is the last line of what the VM reports.
            Err(e) => (
                false,
                None,
                e.lines().last().unwrap_or_default().to_string(),
            ),
        };
        println!(
            "{:>2}. {actor:<9} {action}\n    -> {} {outcome}{}",
            self.steps.len() + 1,
            if allowed { "ALLOWED" } else { "REFUSED" },
            gas.map(|g| format!("  [{g} VM gas]")).unwrap_or_default()
        );
        self.steps.push(Step {
            actor: actor.into(),
            action: action.into(),
            expected,
            allowed,
            gas,
            outcome,
        });
        res.ok()
    }
}

fn summary(o: &Outcome) -> String {
    [
        "id",
        "flag",
        "report",
        "amount",
        "minted",
        "filings",
        "screenings",
    ]
    .iter()
    .filter_map(|k| o.attr(k).map(|v| format!("{k}={v}")))
    .collect::<Vec<_>>()
    .join(" ")
}

fn main() {
    let mut demo = Demo {
        d: Deployment::new(),
        steps: vec![],
    };
    println!("rwa-gate issuance lifecycle on the optimized wasm (cosmwasm-vm 2.2.10)\n");
    println!(
        "Setup: registry deployed; oracles filer (Filing), screener (Screening), watcher and\n\
         watcher2 (flags); issuer approved; asset `bond` registered (filing entity acme,\n\
         controlling shareholder holdco, ultimate controller founder; plan maximum {MAX_SUPPLY});\n\
         its gated token instantiated by the registry.\n"
    );
    let (issuer, alice, bob) = (
        demo.d.issuer.clone(),
        demo.d.vm.addr("alice"),
        demo.d.vm.addr("bob"),
    );

    demo.run(
        "issuer",
        "mint 1,000 to alice before any attestation",
        false,
        |d| d.issue(&alice, 1_000),
    );
    demo.run(
        "filer",
        "attest Filing (approved supply 600,000)",
        true,
        |d| d.attest_filing(BOND, 600_000),
    );
    demo.run(
        "issuer",
        "mint 1,000 to alice with Filing only",
        false,
        |d| d.issue(&alice, 1_000),
    );
    demo.run(
        "screener",
        "attest Screening (acme, holdco, founder)",
        true,
        |d| d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER]),
    );
    demo.run("issuer", "mint 1,000 to alice", true, |d| {
        d.issue(&alice, 1_000)
    });
    demo.run("alice", "transfer 100 to bob", true, |d| {
        d.transfer(&alice, &bob, 100)
    });
    demo.run(
        "issuer",
        "mint 600,000 to alice (beyond the approved supply)",
        false,
        |d| d.issue(&alice, 600_000),
    );
    let dispute = demo
        .run("watcher", "flag bond: ownership dispute (R5)", true, |d| {
            let watcher = d.watcher.clone();
            d.registry_exec(
                &watcher,
                &RegistryMsg::RaiseFlag {
                    subject: Subject::Asset(BOND.into()),
                    reason: FlagReason::OwnershipDispute,
                    evidence: evidence("court filing"),
                },
            )
        })
        .and_then(|o| o.attr("flag").and_then(|f| f.parse::<u64>().ok()))
        .unwrap_or(0);
    demo.run("issuer", "mint 1,000 to alice while disputed", false, |d| {
        d.issue(&alice, 1_000)
    });
    demo.run("alice", "transfer 100 to bob while disputed", false, |d| {
        d.transfer(&alice, &bob, 100)
    });
    demo.run("watcher", "clear its own flag", false, |d| {
        let watcher = d.watcher.clone();
        d.registry_exec(
            &watcher,
            &RegistryMsg::ClearFlag {
                id: dispute,
                conclusion: evidence("settled"),
            },
        )
    });
    demo.run("owner", "clear the dispute (court settlement)", true, |d| {
        d.clear_flag(dispute)
    });
    demo.run("issuer", "mint 1,000 to alice after clearing", true, |d| {
        d.issue(&alice, 1_000)
    });
    demo.run("issuer", "report a significant matter (R2)", true, |d| {
        let issuer = d.issuer.clone();
        d.registry_exec(
            &issuer,
            &RegistryMsg::ReportSignificantMatter {
                asset: BOND.into(),
                evidence: evidence("change of controller"),
            },
        )
    });
    demo.run(
        "issuer",
        "mint 1,000 to alice after the report",
        false,
        |d| d.issue(&alice, 1_000),
    );
    demo.run(
        "filer",
        "attest a fresh Filing after the report",
        true,
        |d| d.attest_filing(BOND, 600_000),
    );
    demo.run("issuer", "mint 1,000 to alice", true, |d| {
        d.issue(&alice, 1_000)
    });
    demo.d.vm.advance(FILING_VALIDITY + DAY);
    println!(
        "    .. {} days pass: the attestations expire",
        FILING_VALIDITY / DAY + 1
    );
    demo.run(
        "issuer",
        "mint 1,000 to alice with expired evidence",
        false,
        |d| d.issue(&alice, 1_000),
    );
    let offence = demo.d.now().saturating_sub(2 * 365 * DAY);
    demo.run(
        "watcher",
        "flag founder: criminal record 2 years ago (R8)",
        true,
        |d| {
            let watcher = d.watcher.clone();
            d.registry_exec(
                &watcher,
                &RegistryMsg::RaiseFlag {
                    subject: Subject::Entity(FOUNDER.into()),
                    reason: FlagReason::CriminalRecord {
                        offence_date: cosmwasm_std::Timestamp::from_seconds(offence),
                    },
                    evidence: evidence("judgment"),
                },
            )
        },
    );
    demo.run(
        "filer+screener",
        "attest Filing and Screening again",
        true,
        |d| {
            d.attest_filing(BOND, 600_000)?;
            d.attest_screening(BOND, &[ACME, HOLDCO, FOUNDER])
        },
    );
    demo.run(
        "issuer",
        "mint 1,000 while the founder's offence is recent",
        false,
        |d| d.issue(&alice, 1_000),
    );

    let decision = demo.d.check_issuance(1_000);
    println!("\ncheck_issuance(bond, 1000): allowed={}", decision.allowed);
    for r in &decision.reasons {
        println!("  - {r}");
    }
    println!(
        "balances: alice {} bob {}",
        demo.d.balance(&alice),
        demo.d.balance(&bob)
    );

    println!("\n| # | actor | action | expected | outcome | VM gas |");
    println!("|---|---|---|---|---|---:|");
    let word = |ok: bool| if ok { "allowed" } else { "refused" };
    for (i, s) in demo.steps.iter().enumerate() {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            i + 1,
            s.actor,
            s.action,
            word(s.expected),
            word(s.allowed),
            s.gas.map(|g| g.to_string()).unwrap_or_else(|| "-".into())
        );
    }

    let transcript = json!({
        "runtime": "cosmwasm-vm 2.2.10 (optimized wasm; the chain app does not build here)",
        "gas_unit": "cosmwasm-vm gas",
        "issuer": issuer,
        "steps": demo.steps.iter().enumerate().map(|(i, s)| json!({
            "n": i + 1,
            "actor": s.actor,
            "action": s.action,
            "expected_allowed": s.expected,
            "allowed": s.allowed,
            "vm_gas": s.gas,
            "outcome": s.outcome,
        })).collect::<Vec<_>>(),
        "final_check": decision,
    });
    let path = rwa_gate_vm_tests::artifact_path("demo-transcript.json");
    let text = serde_json::to_string_pretty(&transcript).unwrap_or_default();
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("could not write {}: {e}", path.display());
        std::process::exit(1);
    }
    println!("\ntranscript written to {}", path.display());

    let surprises: Vec<_> = demo
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.allowed != s.expected)
        .collect();
    for (i, s) in &surprises {
        eprintln!("step {} did not go as expected: {}", i + 1, s.outcome);
    }
    if !surprises.is_empty() {
        std::process::exit(1);
    }
}
