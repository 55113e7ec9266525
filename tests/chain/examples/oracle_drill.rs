//! The oracle drill's two ends (scripts/oracle-drill.sh runs the agent, `rwa-gate oracle sync`,
//! in between, and kills it and a validator):
//!
//!   oracle_drill setup --nodes URLS --artifacts DIR --out DIR --eligibility N --screenings M
//!       stores the codes, instantiates a registry, enrols one oracle (eligibility and
//!       screening scopes) and one issuer, registers M assets (many to a transaction), funds
//!       the oracle; writes DIR/deployment.json (the CLI's deployment file), DIR/oracle.mnemonic
//!       (a test fixture's mnemonic; the oracle is its HD index ORACLE_INDEX) and
//!       DIR/decisions.jsonl: N eligibility decisions for fresh accounts, M screenings.
//!   oracle_drill check --nodes URLS --out DIR
//!       checks that the chain equals the decisions exactly: every account's current statement
//!       is the oracle's, says what the decision says, and is the account's first (id 1: never
//!       posted twice); every asset has exactly one screening by the oracle, with the decision's
//!       evidence. Prints one JSON line of counts; exits 1 on any difference.

use std::path::{Path, PathBuf};

use cosmwasm_std::Uint128;
use rwa_gate::distribution::{EligibilityStatus, InvestorClass};
use rwa_gate::registry::{ExecuteMsg as RegistryMsg, InstantiateMsg, NegativeListInit, TokenSpec};
use rwa_gate::{AttestationKind, IssuancePlan, Params, Scopes};
use rwa_gate_chain_tests::localnet;
use rwa_gate_client::contracts::Registry;
use rwa_gate_client::{sha256, ChainAddress, Client, Gas, Wallet};
use serde::Serialize;
use serde_json::json;

type R<T> = Result<T, String>;

/// HD indices of the faucet mnemonic, clear of the load driver's (7,000 up).
const DEPLOYER_INDEX: u32 = 9_000;
const ORACLE_INDEX: u32 = 9_001;
const ISSUER_INDEX: u32 = 9_002;
/// Asset registrations in one transaction (each instantiates a token).
const ASSETS_PER_TX: usize = 20;

struct Opts {
    command: String,
    nodes: String,
    artifacts: PathBuf,
    out: PathBuf,
    eligibility: usize,
    screenings: usize,
}

fn opts() -> R<Opts> {
    let mut args = std::env::args().skip(1);
    let mut o = Opts {
        command: args
            .next()
            .ok_or("usage: oracle_drill setup|check --nodes URLS ...")?,
        nodes: String::new(),
        artifacts: PathBuf::from("artifacts"),
        out: PathBuf::from("target/oracle-drill"),
        eligibility: 500,
        screenings: 50,
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag}: not a number"))
        };
        match flag.as_str() {
            "--nodes" => o.nodes = value.clone(),
            "--artifacts" => o.artifacts = PathBuf::from(&value),
            "--out" => o.out = PathBuf::from(&value),
            "--eligibility" => o.eligibility = number()?,
            "--screenings" => o.screenings = number()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(o)
}

fn main() {
    let result = opts().and_then(|o| match o.command.as_str() {
        "setup" => setup(&o),
        "check" => check(&o),
        other => Err(format!("unknown command {other}")),
    });
    if let Err(e) = result {
        eprintln!("oracle_drill: {e}");
        std::process::exit(1);
    }
}

fn connect(nodes: &str) -> R<Client> {
    let net = localnet();
    let mut config = net.config.clone();
    config.nodes = rwa_gate_client::parse_nodes(nodes).map_err(|e| e.to_string())?;
    Client::connect(config).map_err(|e| e.to_string())
}

fn hex_digest(text: &str) -> String {
    sha256(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fresh account of eligibility decision `i` (never used on chain).
fn account(i: usize) -> String {
    let bytes = sha256(format!("oracle drill account {i}").as_bytes());
    ChainAddress::new("wasm", &bytes[..20])
        .map(|a| a.to_string())
        .unwrap_or_default()
}

fn asset(j: usize) -> String {
    format!("drill-{j}")
}

fn send<M: Serialize>(client: &Client, wallet: &Wallet, contract: &str, msgs: &[M]) -> R<()> {
    let anys = msgs
        .iter()
        .map(|m| client.execute_msg(wallet, contract, m, &[]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    client
        .broadcast(wallet, &anys, Gas::Simulate)
        .map(|_| ())
        .map_err(|e| format!("{} messages by {}: {e}", msgs.len(), wallet.address()))
}

fn setup(o: &Opts) -> R<()> {
    let client = connect(&o.nodes)?;
    let net = localnet();
    let key = |i: u32| net.account(i).map_err(|e| e.to_string());
    let (faucet, deployer, oracle, issuer) = (
        key(0)?,
        key(DEPLOYER_INDEX)?,
        key(ORACLE_INDEX)?,
        key(ISSUER_INDEX)?,
    );
    let funded = [
        deployer.address().clone(),
        oracle.address().clone(),
        issuer.address().clone(),
    ];
    client
        .fund(&faucet, &funded, 10_000_000)
        .map_err(|e| format!("funding: {e}"))?;
    let read = |name: &str| {
        std::fs::read(o.artifacts.join(format!("{name}.wasm")))
            .map_err(|e| format!("{name}.wasm: {e}"))
    };
    let registry_code = client
        .store_code_once(&deployer, &read("compliance_registry")?)
        .map_err(|e| e.to_string())?;
    let token_code = client
        .store_code_once(&deployer, &read("gated_token")?)
        .map_err(|e| e.to_string())?;
    let init = InstantiateMsg {
        owner: None,
        pauser: None,
        token_code_id: token_code,
        params: Some(Params::default()),
        negative_list: NegativeListInit {
            version: 1,
            digest: hex_digest("negative list v1"),
        },
    };
    let (registry, outcome) = client
        .instantiate(
            &deployer,
            registry_code,
            &init,
            "compliance-registry (oracle drill)",
            Some(deployer.address().as_ref()),
        )
        .map_err(|e| format!("instantiating the registry: {e}"))?;
    let scopes = Scopes {
        eligibility: true,
        screening: true,
        ..Scopes::default()
    };
    let owner_msgs = [
        RegistryMsg::AddOracle {
            address: oracle.address().to_string(),
            scopes,
        },
        RegistryMsg::ApproveIssuer {
            address: issuer.address().to_string(),
        },
    ];
    send(&client, &deployer, &registry, &owner_msgs)?;
    register_assets(&client, &issuer, &registry, o.screenings)?;
    write_files(o, &client, &registry, &deployer, outcome.height)?;
    println!(
        "{}",
        json!({"registry": registry, "oracle": oracle.address().to_string(), "assets": o.screenings})
    );
    Ok(())
}

fn register_assets(client: &Client, issuer: &Wallet, registry: &str, count: usize) -> R<()> {
    let all: Vec<usize> = (0..count).collect();
    for chunk in all.chunks(ASSETS_PER_TX) {
        let msgs: Vec<RegistryMsg> = chunk
            .iter()
            .flat_map(|&j| {
                // An entity files a bounded number of assets: one entity each.
                let entity = RegistryMsg::RegisterEntity { id: asset(j) };
                [entity, register_asset(j)]
            })
            .collect();
        send(client, issuer, registry, &msgs)?;
        eprintln!(
            "    registered {} of {count} assets",
            chunk[chunk.len() - 1] + 1
        );
    }
    Ok(())
}

fn register_asset(j: usize) -> RegistryMsg {
    RegistryMsg::RegisterAsset {
        id: asset(j),
        filing_entity: asset(j),
        related_parties: vec![],
        plan: IssuancePlan {
            approvals: vec![],
            max_supply: Uint128::new(1_000_000_000),
            materials_digest: hex_digest(&asset(j)),
            terms: None,
        },
        token: TokenSpec {
            name: format!("Drill asset {j}"),
            symbol: "DRL".into(),
            decimals: 6,
        },
    }
}

fn eligibility_line(i: usize) -> String {
    let class = InvestorClass::ALL[i % 3];
    json!({"id": format!("elig-{i:05}"), "kind": "eligibility", "account": account(i),
           "holder": hex_digest(&format!("holder {i}")), "class": class.as_str(),
           "jurisdiction": if i.is_multiple_of(2) { "HK" } else { "SG" }, "validity": "180d",
           "evidence": hex_digest(&format!("assessment {i}"))})
    .to_string()
}

fn screening_line(j: usize) -> String {
    json!({"id": format!("scr-{j:04}"), "kind": "screening", "asset": asset(j),
           "negative_list_version": "current", "subjects": "all current", "lookback": "1096d",
           "validity": "90d", "evidence": hex_digest(&format!("screening {j}"))})
    .to_string()
}

fn write_files(o: &Opts, client: &Client, registry: &str, deployer: &Wallet, height: u64) -> R<()> {
    std::fs::create_dir_all(&o.out).map_err(|e| e.to_string())?;
    let deployment = json!({"chain_id": client.config().chain_id, "registry": registry, "codes": {},
        "owner": deployer.address().to_string(), "deployer": deployer.address().to_string(),
        "height": height, "deployed_at": "oracle drill"});
    write(&o.out.join("deployment.json"), &format!("{deployment:#}\n"))?;
    let mnemonic = std::fs::read_to_string(
        rwa_gate_chain_tests::repo_root().join("tests/fixtures/localnet.env"),
    )
    .map_err(|e| e.to_string())?
    .lines()
    .find_map(|l| {
        l.strip_prefix("RWA_GATE_FAUCET_MNEMONIC=")
            .map(|m| m.trim_matches('"').to_string())
    })
    .ok_or("no faucet mnemonic in tests/fixtures/localnet.env")?;
    write(&o.out.join("oracle.mnemonic"), &format!("{mnemonic}\n"))?;
    let mut lines: Vec<String> = (0..o.eligibility).map(eligibility_line).collect();
    lines.extend((0..o.screenings).map(screening_line));
    write(&o.out.join("decisions.jsonl"), &(lines.join("\n") + "\n"))
}

fn write(path: &Path, text: &str) -> R<()> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(())
}

fn check(o: &Opts) -> R<()> {
    let client = connect(&o.nodes)?;
    let text = std::fs::read_to_string(o.out.join("deployment.json")).map_err(|e| e.to_string())?;
    let deployment: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let registry = Registry::new(&client, deployment["registry"].as_str().unwrap_or_default());
    let oracle = localnet()
        .account(ORACLE_INDEX)
        .map_err(|e| e.to_string())?
        .address()
        .to_string();
    let decisions =
        std::fs::read_to_string(o.out.join("decisions.jsonl")).map_err(|e| e.to_string())?;
    let (mut good, mut bad) = (0usize, Vec::new());
    for line in decisions.lines() {
        let d: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let problem = match d["kind"].as_str() {
            Some("eligibility") => check_eligibility(&registry, &oracle, &d),
            _ => check_screening(&registry, &oracle, &d),
        };
        match problem {
            None => good += 1,
            Some(p) => bad.push(format!("{}: {p}", d["id"])),
        }
    }
    for b in bad.iter().take(20) {
        eprintln!("    MISMATCH {b}");
    }
    println!(
        "{}",
        json!({"decisions": good + bad.len(), "as_decided": good, "mismatches": bad.len()})
    );
    if bad.is_empty() {
        Ok(())
    } else {
        Err(format!("{} decisions differ from the chain", bad.len()))
    }
}

/// Why the account's statement is not exactly the decision, posted once; `None` when it is.
fn check_eligibility(registry: &Registry, oracle: &str, d: &serde_json::Value) -> Option<String> {
    let account = d["account"].as_str().unwrap_or_default();
    let record = match registry.eligibility(account) {
        Ok(r) => r,
        Err(e) => return Some(format!("missing: {e}")),
    };
    let s = &record.statement;
    let same = s.oracle.as_str() == oracle
        && Some(s.holder.as_str()) == d["holder"].as_str()
        && Some(s.class.as_str()) == d["class"].as_str()
        && Some(s.jurisdiction.as_str()) == d["jurisdiction"].as_str()
        && Some(record.evidence.digest.as_str()) == d["evidence"].as_str()
        && s.status == EligibilityStatus::Eligible;
    match (same, s.id) {
        (false, _) => Some(format!("differs: {s:?}")),
        (true, 1) => None,
        (true, id) => Some(format!("posted {id} times (statement id {id})")),
    }
}

/// Why the asset's screenings by the oracle are not exactly the decision's one.
fn check_screening(registry: &Registry, oracle: &str, d: &serde_json::Value) -> Option<String> {
    let asset = d["asset"].as_str().unwrap_or_default();
    let all = match registry.attestations(
        asset,
        Some(AttestationKind::Screening),
        None,
        rwa_gate::MAX_LIMIT,
    ) {
        Ok(all) => all,
        Err(e) => return Some(format!("cannot read: {e}")),
    };
    let mine: Vec<_> = all.iter().filter(|a| a.oracle.as_str() == oracle).collect();
    match mine.as_slice() {
        [] => Some("missing".into()),
        [one]
            if Some(one.evidence.digest.as_str()) == d["evidence"].as_str()
                && one.revoked_at.is_none() =>
        {
            None
        }
        [one] => Some(format!("differs: {one:?}")),
        many => Some(format!("posted {} times", many.len())),
    }
}
