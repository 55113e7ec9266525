//! `rwa-gate deploy`: store both contracts (found by checksum when already stored),
//! instantiate the registry, write the deployment file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use rwa_gate::registry::{InstantiateMsg, NegativeListInit};
use rwa_gate::{Approval, ApprovalQuorum, MaxValidity, Params};
use serde_json::{json, Value};

use crate::context::{file_digest, shown, waiting, Ctx};
use crate::deployment::{Code, Deployment};
use crate::error::{client_fail, Fail, Res};
use crate::human::{self, format_rfc3339};
use crate::input;
use crate::render::Output;

/// The artifacts `deploy` stores, by file name.
const REGISTRY_WASM: &str = "compliance_registry.wasm";
const TOKEN_WASM: &str = "gated_token.wasm";

#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Directory of the optimized artifacts and their checksums.txt.
    #[arg(long, default_value = "artifacts")]
    pub artifacts: PathBuf,
    /// Owner of the registry [default: the deploying key]. Usually a multisig or DAO.
    #[arg(long)]
    pub owner: Option<String>,
    /// Address that may pause issuance [default: none].
    #[arg(long)]
    pub pauser: Option<String>,
    /// Wasm admin of the registry contract (e.g. the governance address) [default: none].
    #[arg(long)]
    pub admin: Option<String>,
    /// Distinct oracles needed per attestation kind.
    #[arg(long, default_value_t = 1)]
    pub attestation_quorum: u32,
    /// Flag-scoped oracles other than the raiser needed to clear a flag.
    #[arg(long, default_value_t = 2)]
    pub flag_quorum: u32,
    /// Longest validity of a Filing attestation.
    #[arg(long, value_parser = human::parse_duration, default_value = "365d")]
    pub filing_validity: u64,
    /// Longest validity of a Screening attestation.
    #[arg(long, value_parser = human::parse_duration, default_value = "90d")]
    pub screening_validity: u64,
    /// Longest validity of an eligibility statement.
    #[arg(long, value_parser = human::parse_duration, default_value = "365d")]
    pub eligibility_validity: u64,
    /// Longest validity of an R3 approval attestation.
    #[arg(long, value_parser = human::parse_duration, default_value = "365d")]
    pub approval_validity: u64,
    /// Distinct oracles needed for one R3 approval, APPROVAL=N (repeat; 1 each by default),
    /// e.g. foreign-exchange=2.
    #[arg(long, value_parser = input::approval_quorum)]
    pub approval_quorum: Vec<(Approval, u32)>,
    /// The negative list in force at launch (its sha256 goes on chain).
    #[arg(long)]
    pub negative_list: PathBuf,
    /// Version of that negative list.
    #[arg(long, default_value_t = 1)]
    pub negative_list_version: u64,
    /// Label of the registry contract.
    #[arg(long, default_value = "rwa-gate compliance registry")]
    pub label: String,
    /// Replace an existing deployment file.
    #[arg(long)]
    pub overwrite: bool,
}

/// `base` with the quorums given (`APPROVAL=N`) in place.
pub fn approval_quorum(given: &[(Approval, u32)], base: ApprovalQuorum) -> ApprovalQuorum {
    given.iter().fold(base, |mut q, &(approval, need)| {
        *match approval {
            Approval::CrossBorderInvestment => &mut q.cross_border_investment,
            Approval::ForeignExchange => &mut q.foreign_exchange,
            Approval::DataSecurity => &mut q.data_security,
        } = need;
        q
    })
}

/// One artifact: its code id once stored (or found), and what `deploy` did with it.
struct Stored {
    code_id: Option<u64>,
    checksum: String,
    line: String,
    json: Value,
    gas_estimate: u64,
}

pub fn exec(ctx: &mut Ctx, args: &DeployArgs) -> Res<Output> {
    refuse_overwrite(ctx, args)?;
    for (what, address) in [
        ("the owner", &args.owner),
        ("the pauser", &args.pauser),
        ("the admin", &args.admin),
    ] {
        if let Some(address) = address {
            ctx.check_address(what, address)?;
        }
    }
    ctx.confirm_spending("deploy the gate")?;
    let sums = read_checksums(&args.artifacts.join("checksums.txt"))?;
    let negative_list_digest = file_digest(&args.negative_list)?;
    let mut stored = BTreeMap::new();
    for name in [REGISTRY_WASM, TOKEN_WASM] {
        let wasm = verified_artifact(ctx, args, &sums, name)?;
        stored.insert(name, store_once(ctx, name, &wasm)?);
    }
    let deployer = ctx.address()?;
    let owner = args.owner.clone().unwrap_or_else(|| deployer.clone());
    let instantiate = |token_code_id: u64| InstantiateMsg {
        owner: Some(owner.clone()),
        pauser: args.pauser.clone(),
        token_code_id,
        params: Some(Params {
            approval_quorum: approval_quorum(&args.approval_quorum, Default::default()),
            attestation_quorum: args.attestation_quorum,
            flag_quorum: args.flag_quorum,
            max_validity: MaxValidity {
                approval: args.approval_validity,
                filing: args.filing_validity,
                screening: args.screening_validity,
                eligibility: args.eligibility_validity,
            },
        }),
        negative_list: NegativeListInit {
            version: args.negative_list_version,
            digest: negative_list_digest.clone(),
        },
    };
    let codes = (stored[REGISTRY_WASM].code_id, stored[TOKEN_WASM].code_id);
    if ctx.global.dry_run {
        let msg = codes.1.map(instantiate);
        return dry_run(ctx, args, &stored, codes.0.zip(msg));
    }
    let (Some(registry_code), Some(token_code)) = codes else {
        return Err(Fail::error("A code was not stored."));
    };
    instantiate_registry(
        ctx,
        args,
        &stored,
        registry_code,
        &instantiate(token_code),
        owner,
    )
}

fn refuse_overwrite(ctx: &Ctx, args: &DeployArgs) -> Res<()> {
    match &ctx.deployment {
        Some(existing) if !args.overwrite && !ctx.global.dry_run => Err(Fail::usage(format!(
            "{} already records registry {} on {}: pass --overwrite to replace it, or \
             --deployment FILE to write another.",
            ctx.global.deployment.display(),
            existing.registry,
            existing.chain_id
        ))),
        _ => Ok(()),
    }
}

/// `checksums.txt` of scripts/build.sh: `<sha256 hex>  <file name>` per line.
pub fn read_checksums(path: &Path) -> Res<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Fail::error(format!(
            "Cannot read {}: {e}. Build the artifacts first (scripts/build.sh).",
            path.display()
        ))
    })?;
    let mut sums = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut fields = line.split_whitespace();
        let (Some(sum), Some(name)) = (fields.next(), fields.next()) else {
            return Err(Fail::error(format!(
                "{}: cannot read the line `{line}`.",
                path.display()
            )));
        };
        sums.insert(name.trim_start_matches('*').to_string(), sum.to_lowercase());
    }
    Ok(sums)
}

/// The bytes of artifact `name`, once its sha256 matches checksums.txt.
fn verified_artifact(
    ctx: &Ctx,
    args: &DeployArgs,
    sums: &BTreeMap<String, String>,
    name: &str,
) -> Res<Vec<u8>> {
    let path = args.artifacts.join(name);
    let wasm = std::fs::read(&path).map_err(|e| {
        Fail::error(format!(
            "Cannot read {}: {e}. Build the artifacts first (scripts/build.sh).",
            path.display()
        ))
    })?;
    let checksum = hex::encode(rwa_gate_client::sha256(&wasm));
    let listed = sums.get(name).ok_or_else(|| {
        Fail::error(format!(
            "{} lists no checksum of {name}: rebuild with scripts/build.sh.",
            args.artifacts.join("checksums.txt").display()
        ))
    })?;
    if *listed != checksum {
        return Err(Fail::error(format!(
            "{} has sha256 {checksum} but checksums.txt says {listed}: the artifact is not \
             the one built; rebuild with scripts/build.sh.",
            shown(&path)
        )));
    }
    ctx.progress(&format!(
        "{name}: {} bytes, sha256 {checksum} matches checksums.txt",
        wasm.len()
    ));
    Ok(wasm)
}

/// Finds the code by checksum, else stores it (with --dry-run, simulates storing it).
fn store_once(ctx: &mut Ctx, name: &str, wasm: &[u8]) -> Res<Stored> {
    let (dry_run, quiet) = (ctx.global.dry_run, ctx.global.quiet);
    let checksum = hex::encode(rwa_gate_client::sha256(wasm));
    let (client, wallet) = ctx.signer()?;
    let found = client
        .find_code(&rwa_gate_client::sha256(wasm))
        .map_err(|e| client_fail("look for stored codes", e))?;
    let doing = format!("store {name}");
    let (code_id, line, gas_estimate) = match found {
        Some(id) => (
            Some(id),
            format!("{name}: already stored as code {id} (found by checksum, not stored again)"),
            0,
        ),
        None if dry_run => {
            let msg = rwa_gate_client::store_code_msg(wallet, wasm)
                .map_err(|e| client_fail(&doing, e))?;
            let gas = client
                .simulate(wallet, &[msg])
                .map_err(|e| client_fail(&doing, e))?;
            (
                None,
                format!("{name}: would be stored (gas estimate {gas})"),
                gas,
            )
        }
        None => {
            let (id, outcome) = waiting(quiet, &format!("storing {name}"), || {
                client.store_code(wallet, wasm)
            })
            .map_err(|e| client_fail(&doing, e))?;
            let line = format!(
                "{name}: stored as code {id} (tx {}, gas used {})",
                outcome.hash, outcome.gas_used
            );
            (Some(id), line, 0)
        }
    };
    let json = json!({"file": name, "checksum": checksum, "code_id": code_id,
                      "stored_now": found.is_none()});
    Ok(Stored {
        code_id,
        checksum,
        line,
        json,
        gas_estimate,
    })
}

/// The dry run: what would be stored, and the instantiation simulated when both codes are on
/// chain already (`instantiate`: the registry's code and its message).
fn dry_run(
    ctx: &mut Ctx,
    args: &DeployArgs,
    stored: &BTreeMap<&str, Stored>,
    instantiate: Option<(u64, InstantiateMsg)>,
) -> Res<Output> {
    let mut lines: Vec<String> = stored.values().map(|s| s.line.clone()).collect();
    let mut gas_estimate: u64 = stored.values().map(|s| s.gas_estimate).sum();
    match instantiate {
        Some((registry_code, msg)) => {
            let (client, wallet) = ctx.signer()?;
            let doing = "instantiate the registry";
            let any = client
                .instantiate_msg(
                    wallet,
                    registry_code,
                    &msg,
                    &args.label,
                    args.admin.as_deref(),
                )
                .map_err(|e| client_fail(doing, e))?;
            let gas = client
                .simulate(wallet, &[any])
                .map_err(|e| client_fail(doing, e))?;
            gas_estimate += gas;
            lines.push(format!(
                "the registry would be instantiated from code {registry_code} (gas estimate \
                 {gas})"
            ));
        }
        None => lines.push(
            "the registry would then be instantiated (not simulated: its code is not stored \
             yet)"
                .to_string(),
        ),
    }
    lines.push("Dry run: nothing was sent, no deployment file written.".into());
    let codes: Vec<&Value> = stored.values().map(|s| &s.json).collect();
    let value = json!({"ok": true, "action": "deploy", "dry_run": true, "codes": codes,
                       "gas_estimate": gas_estimate});
    Ok((value, lines.join("\n")))
}

fn instantiate_registry(
    ctx: &mut Ctx,
    args: &DeployArgs,
    stored: &BTreeMap<&str, Stored>,
    registry_code: u64,
    msg: &InstantiateMsg,
    owner: String,
) -> Res<Output> {
    let quiet = ctx.global.quiet;
    let (client, wallet) = ctx.signer()?;
    let deployer = wallet.address().to_string();
    let (registry, outcome) = waiting(quiet, "instantiating the registry", || {
        client.instantiate(
            wallet,
            registry_code,
            msg,
            &args.label,
            args.admin.as_deref(),
        )
    })
    .map_err(|e| client_fail("instantiate the registry", e))?;
    let time = client.block_time_seconds().unwrap_or(0);
    let mut lines: Vec<String> = stored.values().map(|s| s.line.clone()).collect();
    lines.push(format!(
        "registry instantiated at {registry} (tx {}, gas used {})",
        outcome.hash, outcome.gas_used
    ));
    let codes = stored
        .iter()
        .filter_map(|(name, s)| {
            let code = Code {
                code_id: s.code_id?,
                checksum: s.checksum.clone(),
            };
            Some((name.to_string(), code))
        })
        .collect();
    let deployment = Deployment {
        chain_id: ctx.chain_id(),
        registry: registry.clone(),
        codes,
        owner: owner.clone(),
        deployer,
        height: outcome.height,
        deployed_at: format_rfc3339(time),
    };
    deployment.write(&ctx.global.deployment)?;
    lines.push(format!(
        "owner {owner}; deployment written to {}",
        ctx.global.deployment.display()
    ));
    let stored_json: Vec<&Value> = stored.values().map(|s| &s.json).collect();
    let value = json!({"ok": true, "action": "deploy", "dry_run": false, "registry": registry,
        "tx": outcome.hash, "codes": stored_json, "deployment_file": ctx.global.deployment,
        "deployment": deployment});
    ctx.deployment = Some(deployment);
    Ok((value, lines.join("\n")))
}
