//! The issuance lifecycle on the local chain, step by step, in words a compliance officer can
//! follow: who does what, allowed or refused and every reason, the transaction and its gas.
//! Run by `scripts/demo.sh`; writes `artifacts/demo-transcript.json`.

use rwa_gate::registry::AttestEligibilityMsg;
use rwa_gate::registry::ExecuteMsg;
use rwa_gate::{DistributionTerms, FlagReason, InvestorClass, MovementDecision, Scopes, Subject};
use rwa_gate_chain_tests::{repo_root, Chain};
use rwa_gate_tests::backend::{evidence, Deployment, Receipt};
use rwa_gate_tests::{BOND, DAY, FOUNDER, YEAR};
use serde::Serialize;

#[derive(Serialize)]
struct Step {
    step: usize,
    actor: String,
    action: String,
    outcome: String,
    reasons: Option<String>,
    tx_hash: Option<String>,
    gas_used: Option<u64>,
}

struct Demo {
    d: Deployment<Chain>,
    steps: Vec<Step>,
}

impl Demo {
    /// Runs one step and prints it; `expect_allowed` says what the rule requires here, and the
    /// demo stops if the chain disagrees.
    fn step(
        &mut self,
        actor: &str,
        action: &str,
        expect_allowed: bool,
        run: impl FnOnce(&mut Deployment<Chain>) -> Result<Receipt, String>,
    ) -> Option<Receipt> {
        let n = self.steps.len() + 1;
        println!("\n{n:>2}. {actor} {action}");
        self.d.backend.last_refused_tx = None;
        let result = run(&mut self.d);
        let (outcome, reasons, tx_hash, gas_used, receipt) = match result {
            Ok(r) => {
                println!(
                    "    ALLOWED   tx {}   gas used {}",
                    r.tx_hash.as_deref().unwrap_or("-"),
                    r.gas_used.map(|g| g.to_string()).unwrap_or_default()
                );
                ("allowed", None, r.tx_hash.clone(), r.gas_used, Some(r))
            }
            Err(reason) => {
                let tx = self.d.backend.last_refused_tx.clone();
                println!("    REFUSED   {reason}");
                if let Some(tx) = &tx {
                    println!("              (failed transaction {tx}: recorded, nothing changed)");
                }
                ("refused", Some(reason), tx, None, None)
            }
        };
        assert_eq!(
            outcome == "allowed",
            expect_allowed,
            "step {n} was {outcome}, the rules say otherwise"
        );
        self.steps.push(Step {
            step: n,
            actor: actor.into(),
            action: action.into(),
            outcome: outcome.into(),
            reasons,
            tx_hash,
            gas_used,
        });
        receipt
    }

    fn say(&mut self, text: &str) {
        println!("\n    {text}");
    }
}

/// A flag raised by the flag oracle; its id goes to `flag`.
fn raise(
    d: &mut Deployment<Chain>,
    flag: &mut u64,
    subject: Subject,
    reason: FlagReason,
) -> Result<Receipt, String> {
    let receipt = d.exec(
        "watcher",
        &ExecuteMsg::RaiseFlag {
            subject,
            reason,
            evidence: evidence("adverse finding"),
        },
    )?;
    *flag = receipt
        .attr("flag")
        .and_then(|v| v.parse().ok())
        .ok_or("the registry recorded no flag id")?;
    Ok(receipt)
}

/// Steps 1–7: no mint before both attestations, then a mint and a transfer.
fn clearance_steps(demo: &mut Demo) {
    demo.step(
        "issuer",
        "mints 1,000 BOND to alice before any attestation",
        false,
        |d| d.mint("issuer", BOND, "alice", 1_000),
    );
    demo.step(
        "filing oracle",
        "attests that the CSRC filing of bond's plan is complete (valid 30 days)",
        true,
        |d| d.attest_filing("filer", BOND),
    );
    demo.step(
        "issuer",
        "mints 1,000 BOND to alice with the filing but no screening",
        false,
        |d| d.mint("issuer", BOND, "alice", 1_000),
    );
    demo.step(
        "screening oracle",
        "attests acme, holdco and founder screened clean, three years back (valid 30 days)",
        true,
        |d| d.attest_screening("screener", BOND),
    );
    let decision = demo.d.check(BOND, 1_000, Some("issuer"));
    demo.say(&format!(
        "check_issuance(bond, 1000) now answers allowed={} relying on filings {:?} and screenings {:?}",
        decision.allowed, decision.filings, decision.screenings
    ));
    if let Some(r) = demo.step("issuer", "mints 1,000 BOND to alice", true, |d| {
        d.mint("issuer", BOND, "alice", 1_000)
    }) {
        demo.say(&format!(
            "receipt: minted {} so far, relying on filings [{}] and screenings [{}]",
            r.attr("minted").unwrap_or("?"),
            r.attr("filings").unwrap_or(""),
            r.attr("screenings").unwrap_or("")
        ));
    }
    demo.step("alice", "transfers 100 BOND to bob", true, |d| {
        d.transfer("alice", BOND, "bob", 100)
    });
}

/// An ownership dispute stops mints and transfers until it is cleared.
fn dispute_steps(demo: &mut Demo, flag: &mut u64) {
    demo.step(
        "flag oracle",
        "raises an ownership dispute (R5) on asset bond",
        true,
        |d| {
            raise(
                d,
                flag,
                Subject::Asset(BOND.into()),
                FlagReason::OwnershipDispute,
            )
        },
    );
    demo.step(
        "issuer",
        "mints 500 BOND to alice during the dispute",
        false,
        |d| d.mint("issuer", BOND, "alice", 500),
    );
    demo.step(
        "alice",
        "transfers 10 BOND to bob during the dispute",
        false,
        |d| d.transfer("alice", BOND, "bob", 10),
    );
    let id = *flag;
    demo.step(
        "owner",
        &format!("clears flag {id} with the court's conclusion"),
        true,
        |d| d.clear_flag("owner", id),
    );
    demo.step("alice", "transfers 10 BOND to bob", true, |d| {
        d.transfer("alice", BOND, "bob", 10)
    });
}

/// A significant-matter report needs a new Filing before the next mint.
fn report_steps(demo: &mut Demo) {
    demo.step(
        "issuer",
        "reports a significant matter (R2): a change of control",
        true,
        |d| {
            d.exec(
                "issuer",
                &ExecuteMsg::ReportSignificantMatter {
                    asset: BOND.into(),
                    evidence: evidence("change of control"),
                },
            )
        },
    );
    demo.step("issuer", "mints 500 BOND after the report", false, |d| {
        d.mint("issuer", BOND, "alice", 500)
    });
    demo.step(
        "filing oracle",
        "attests the filing again, after the report",
        true,
        |d| d.attest_filing("filer", BOND),
    );
    demo.step("issuer", "mints 500 BOND", true, |d| {
        d.mint("issuer", BOND, "alice", 500)
    });
}

/// An offence of the ultimate controller, then a mint over the plan's cap.
fn offence_steps(demo: &mut Demo, flag: &mut u64) {
    demo.step(
        "flag oracle",
        "records that founder (ultimate controller) committed bribery two years ago (R8)",
        true,
        |d| {
            let offence_date = d.now().minus_seconds(2 * YEAR);
            raise(
                d,
                flag,
                Subject::Entity(FOUNDER.into()),
                FlagReason::CriminalRecord { offence_date },
            )
        },
    );
    demo.step("issuer", "mints 500 BOND", false, |d| {
        d.mint("issuer", BOND, "alice", 500)
    });
    let id = *flag;
    demo.step(
        "owner",
        &format!("clears flag {id}: the conviction was quashed on appeal"),
        true,
        |d| d.clear_flag("owner", id),
    );
    demo.step(
        "issuer",
        "mints 999,000 BOND: more than the filed plan allows",
        false,
        |d| d.mint("issuer", BOND, "alice", 999_000),
    );
}

/// The eligibility oracle's scope only.
const ELIGIBILITY: Scopes = Scopes {
    cross_border_investment: false,
    data_security: false,
    foreign_exchange: false,
    filing: false,
    screening: false,
    flags: false,
    eligibility: true,
    orders: false,
};

/// The registry's pre-flight (the judgement the token runs) on moving `amount` of bond from
/// `from` to `to`, in one line.
fn check_transfer(demo: &mut Demo, from: &str, to: &str, amount: u128) -> String {
    let decision: MovementDecision = demo.d.check_transfer(BOND, from, to, amount);
    let reasons: Vec<String> = decision.reasons.iter().map(ToString::to_string).collect();
    format!(
        "check_transfer({from} -> {to}, {amount}) answers allowed={}{}",
        decision.allowed,
        if reasons.is_empty() {
            String::new()
        } else {
            format!(": {}", reasons.join("; "))
        }
    )
}

/// Distribution terms in the plan: only eligible professional or institutional holders outside
/// the US receive; carol receives once the eligibility oracle has attested her.
fn holder_steps(demo: &mut Demo) {
    demo.step(
        "issuer",
        "adds distribution terms to bond's plan: professional or institutional holders, not US \
         (a narrowing: in force at once, the filing still counts)",
        true,
        |d| {
            let mut plan = d.asset(BOND).plan;
            plan.terms = Some(Box::new(DistributionTerms {
                classes: Some(vec![
                    InvestorClass::Professional,
                    InvestorClass::Institutional,
                ]),
                excluded_jurisdictions: vec!["US".into()],
                ..DistributionTerms::default()
            }));
            d.exec(
                "issuer",
                &ExecuteMsg::UpdatePlan {
                    asset: BOND.into(),
                    plan,
                },
            )
        },
    );
    let verdict = check_transfer(demo, "alice", "carol", 10);
    demo.say(&verdict);
    demo.step(
        "alice",
        "transfers 10 BOND to carol, who has no eligibility statement",
        false,
        |d| d.transfer("alice", BOND, "carol", 10),
    );
    demo.step(
        "eligibility oracle",
        "attests carol: professional investor in HK, for 180 days",
        true,
        |d| {
            let account = d.addr("carol");
            let expires_at = d.now().plus_seconds(180 * DAY);
            d.exec(
                "kyc",
                &ExecuteMsg::AttestEligibility(AttestEligibilityMsg {
                    account,
                    holder: rwa_gate_tests::digest("holder carol"),
                    class: InvestorClass::Professional,
                    jurisdiction: "HK".into(),
                    expires_at,
                    evidence: evidence("carol's investor assessment"),
                }),
            )
        },
    );
    let verdict = check_transfer(demo, "alice", "carol", 10);
    demo.say(&verdict);
    demo.step("alice", "transfers 10 BOND to carol", true, |d| {
        d.transfer("alice", BOND, "carol", 10)
    });
}

/// The table of steps, the figures at the end, and the transcript file.
fn summary(demo: &mut Demo, token: &str) {
    let minted = demo.d.minted(BOND);
    let supply = demo.d.supply(BOND);

    println!("\nSummary");
    println!(
        "{:>4}  {:<18} {:<9} {:>9}  action",
        "step", "who", "outcome", "gas"
    );
    for s in &demo.steps {
        println!(
            "{:>4}  {:<18} {:<9} {:>9}  {}",
            s.step,
            s.actor,
            s.outcome,
            s.gas_used
                .map(|g| g.to_string())
                .unwrap_or_else(|| "-".into()),
            s.action
        );
    }
    println!(
        "\nminted so far {} of cap {}; supply {}; alice {}, bob {}, carol {}",
        minted.minted,
        minted.cap,
        supply,
        demo.d.balance(BOND, "alice"),
        demo.d.balance(BOND, "bob"),
        demo.d.balance(BOND, "carol")
    );
    let path = repo_root().join("artifacts/demo-transcript.json");
    let transcript = serde_json::json!({
        "chain_id": demo.d.backend.net.config.chain_id,
        "registry": demo.d.registry,
        "token": token,
        "steps": demo.steps,
    });
    std::fs::write(&path, serde_json::to_vec_pretty(&transcript).expect("json"))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("transcript: {}", path.display());
}

fn main() {
    println!("Deploying on the local chain: the compliance registry, four oracles (filing,");
    println!("screening, flags, eligibility), an approved issuer, the asset `bond` of the filing");
    println!(
        "entity `acme`, controlled by `holdco` and ultimately by `founder`, and its gated token."
    );
    let d = Deployment::on(Chain::new())
        .with_standard_oracles()
        .with_oracle("kyc", ELIGIBILITY)
        .build();
    let mut demo = Demo { d, steps: vec![] };
    let token = demo.d.token(BOND);
    println!("    registry {}", demo.d.registry);
    println!("    token    {token}");

    let mut flag = 0;
    clearance_steps(&mut demo);
    dispute_steps(&mut demo, &mut flag);
    report_steps(&mut demo);
    offence_steps(&mut demo, &mut flag);
    holder_steps(&mut demo);
    summary(&mut demo, &token);
}
