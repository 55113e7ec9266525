//! deploy, oracle, issuer, owner, refresh, address and dev.

use std::collections::BTreeMap;
use std::path::Path;

use cosmwasm_std::{Timestamp, Uint128};
use rwa_gate::registry::{
    ConfigResponse, ExecuteMsg, InstantiateMsg, NegativeListInit, ParamsUpdate, QueryMsg, TokenSpec,
};
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{
    Asset, Decision, FlagReason, IssuancePlan, MaxValidity, NegativeList, Params, PartyRole,
    RelatedParty, Scopes, Statement, Subject,
};
use serde_json::{json, Value};

use crate::app::{
    client_fail, evidence, file_digest, shown, waiting, Code, Ctx, Deployment, Fail, Res, Sent,
    EXIT_DENIED,
};
use crate::cli;
use crate::human::{format_rfc3339, format_span, format_time};
use crate::status::{denial_json, denial_words};

/// What a command prints: the `--json` object and the text for people.
pub type Output = (Value, String);

/// The artifacts `deploy` stores, by file name.
const REGISTRY_WASM: &str = "compliance_registry.wasm";
const TOKEN_WASM: &str = "gated_token.wasm";

fn query<T: serde::de::DeserializeOwned>(ctx: &mut Ctx, what: &str, msg: &QueryMsg) -> Res<T> {
    let registry = ctx.registry_address()?;
    ctx.client()?
        .query(&registry, msg)
        .map_err(|e| client_fail(&format!("read {what}"), e))
}

pub fn asset(ctx: &mut Ctx, id: &str) -> Res<Asset> {
    query(
        ctx,
        &format!("asset {id}"),
        &QueryMsg::Asset { id: id.to_string() },
    )
}

fn registry_send(ctx: &mut Ctx, doing: &str, msg: &ExecuteMsg, keys: &[&str]) -> Res<Sent> {
    let registry = ctx.registry_address()?;
    ctx.send(doing, &registry, msg, keys)
}

// ---- deploy ----

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
        match (fields.next(), fields.next()) {
            (Some(sum), Some(name)) => {
                sums.insert(name.trim_start_matches('*').to_string(), sum.to_lowercase());
            }
            _ => {
                return Err(Fail::error(format!(
                    "{}: cannot read the line `{line}`.",
                    path.display()
                )))
            }
        }
    }
    Ok(sums)
}

pub fn deploy(ctx: &mut Ctx, args: &cli::Deploy) -> Res<Output> {
    let dry_run = ctx.global.dry_run;
    if let Some(existing) = &ctx.deployment {
        if !args.overwrite && !dry_run {
            return Err(Fail::usage(format!(
                "{} already records registry {} on {}: pass --overwrite to replace it, or \
                 --deployment FILE to write another.",
                ctx.global.deployment.display(),
                existing.registry,
                existing.chain_id
            )));
        }
    }
    let sums = read_checksums(&args.artifacts.join("checksums.txt"))?;
    let negative_list_digest = file_digest(&args.negative_list)?;
    let quiet = ctx.global.quiet;
    let mut codes = BTreeMap::new();
    let mut lines = Vec::new();
    let mut stored_json = Vec::new();
    let mut dry_gas = 0u64;
    for name in [REGISTRY_WASM, TOKEN_WASM] {
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
        let (client, wallet) = ctx.signer()?;
        let found = client
            .find_code(&rwa_gate_client::sha256(&wasm))
            .map_err(|e| client_fail("look for stored codes", e))?;
        let (code_id, stored) = match found {
            Some(id) => {
                lines.push(format!(
                    "{name}: already stored as code {id} (found by checksum, not stored again)"
                ));
                (Some(id), false)
            }
            None if dry_run => {
                let msg = rwa_gate_client::store_code_msg(wallet, &wasm)
                    .map_err(|e| client_fail(&format!("store {name}"), e))?;
                let gas = client
                    .simulate(wallet, &[msg])
                    .map_err(|e| client_fail(&format!("store {name}"), e))?;
                dry_gas += gas;
                lines.push(format!("{name}: would be stored (gas estimate {gas})"));
                (None, true)
            }
            None => {
                let (id, outcome) = waiting(quiet, &format!("storing {name}"), || {
                    client.store_code(wallet, &wasm)
                })
                .map_err(|e| client_fail(&format!("store {name}"), e))?;
                lines.push(format!(
                    "{name}: stored as code {id} (tx {}, gas used {})",
                    outcome.hash, outcome.gas_used
                ));
                (Some(id), true)
            }
        };
        stored_json.push(
            json!({"file": name, "checksum": checksum, "code_id": code_id,
                                "stored_now": stored}),
        );
        codes.insert(name.to_string(), (code_id, checksum));
    }
    let (client, wallet) = ctx.signer()?;
    let deployer = wallet.address().to_string();
    let owner = args.owner.clone().unwrap_or_else(|| deployer.clone());
    let token_code = codes[TOKEN_WASM].0;
    let registry_code = codes[REGISTRY_WASM].0;
    let instantiate = |token_code_id: u64| InstantiateMsg {
        owner: Some(owner.clone()),
        pauser: args.pauser.clone(),
        token_code_id,
        params: Some(Params {
            attestation_quorum: args.attestation_quorum,
            flag_quorum: args.flag_quorum,
            max_validity: MaxValidity {
                filing: args.filing_validity,
                screening: args.screening_validity,
            },
        }),
        negative_list: NegativeListInit {
            version: args.negative_list_version,
            digest: negative_list_digest.clone(),
        },
    };
    if dry_run {
        let mut value = json!({"ok": true, "action": "deploy", "dry_run": true,
                               "codes": stored_json});
        match (registry_code, token_code) {
            (Some(registry_code), Some(token_code)) => {
                let msg = client
                    .instantiate_msg(
                        wallet,
                        registry_code,
                        &instantiate(token_code),
                        &args.label,
                        args.admin.as_deref(),
                    )
                    .map_err(|e| client_fail("instantiate the registry", e))?;
                let gas = client
                    .simulate(wallet, &[msg])
                    .map_err(|e| client_fail("instantiate the registry", e))?;
                dry_gas += gas;
                lines.push(format!(
                    "the registry would be instantiated from code {registry_code} (gas estimate \
                     {gas})"
                ));
            }
            _ => lines.push(
                "the registry would then be instantiated (not simulated: its code is not stored \
                 yet)"
                    .to_string(),
            ),
        }
        value["gas_estimate"] = json!(dry_gas);
        lines.push("Dry run: nothing was sent, no deployment file written.".into());
        return Ok((value, lines.join("\n")));
    }
    let (registry_code, token_code) = (registry_code.expect("stored"), token_code.expect("stored"));
    let (registry, outcome) = waiting(quiet, "instantiating the registry", || {
        client.instantiate(
            wallet,
            registry_code,
            &instantiate(token_code),
            &args.label,
            args.admin.as_deref(),
        )
    })
    .map_err(|e| client_fail("instantiate the registry", e))?;
    let time = client.block_time_seconds().unwrap_or(0);
    lines.push(format!(
        "registry instantiated at {registry} (tx {}, gas used {})",
        outcome.hash, outcome.gas_used
    ));
    let deployment = Deployment {
        chain_id: ctx.chain_id(),
        registry: registry.clone(),
        codes: codes
            .into_iter()
            .map(|(name, (id, checksum))| {
                (
                    name,
                    Code {
                        code_id: id.expect("stored"),
                        checksum,
                    },
                )
            })
            .collect(),
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
    let value = json!({"ok": true, "action": "deploy", "dry_run": false, "registry": registry,
        "tx": outcome.hash, "codes": stored_json, "deployment_file": ctx.global.deployment,
        "deployment": deployment});
    ctx.deployment = Some(deployment);
    Ok((value, lines.join("\n")))
}

// ---- oracle ----

pub fn oracle(ctx: &mut Ctx, cmd: &cli::Oracle) -> Res<Output> {
    match cmd {
        cli::Oracle::AttestFiling(a) => attest_filing(ctx, a),
        cli::Oracle::AttestScreening(a) => attest_screening(ctx, a),
        cli::Oracle::Revoke(a) => {
            let msg = ExecuteMsg::Revoke {
                id: a.id,
                evidence: evidence(&a.evidence.evidence, a.evidence.evidence_uri.as_deref())?,
            };
            let sent = registry_send(
                ctx,
                &format!("revoke attestation {}", a.id),
                &msg,
                &["asset", "kind"],
            )?;
            Ok(sent.report(
                "revoke",
                &format!(
                    "Attestation {} ({} of asset {}) revoked.",
                    a.id,
                    sent.attr("kind").unwrap_or("?"),
                    sent.attr("asset").unwrap_or("?")
                ),
            ))
        }
        cli::Oracle::Flag(cli::Flag::Raise(a)) => flag_raise(ctx, a),
        cli::Oracle::Flag(cli::Flag::VoteClear(a)) => {
            let msg = ExecuteMsg::ClearFlag {
                id: a.id,
                conclusion: evidence(&a.conclusion, a.conclusion_uri.as_deref())?,
            };
            let sent = registry_send(
                ctx,
                &format!("clear flag {}", a.id),
                &msg,
                &["action", "votes", "need"],
            )?;
            let cleared = sent.attr("action") == Some("clear_flag");
            let done = if cleared {
                format!("Flag {} cleared: it no longer blocks issuance.", a.id)
            } else {
                format!(
                    "Vote to clear flag {} recorded: {} of {} votes; the flag still blocks.",
                    a.id,
                    sent.attr("votes").unwrap_or("?"),
                    sent.attr("need").unwrap_or("?")
                )
            };
            let (mut value, text) = sent.report("flag-vote-clear", &done);
            if matches!(sent, Sent::Delivered { .. }) {
                value["flag"] = json!(a.id);
                value["cleared"] = json!(cleared);
            }
            Ok((value, text))
        }
        cli::Oracle::NegativeList(cli::NegativeList::Publish(a)) => {
            let digest = file_digest(&a.file)?;
            let version = match a.version {
                Some(v) => v,
                None => {
                    let current: NegativeList =
                        query(ctx, "the negative list", &QueryMsg::NegativeList {})?;
                    current.version + 1
                }
            };
            let msg = ExecuteMsg::PublishNegativeList {
                version,
                digest: digest.clone(),
            };
            let sent = registry_send(
                ctx,
                &format!("publish negative list version {version}"),
                &msg,
                &[],
            )?;
            let (mut value, text) = sent.report(
                "negative-list-publish",
                &format!(
                    "Negative list version {version} published (sha256 {digest}); screenings \
                     against older versions no longer count."
                ),
            );
            value["version"] = json!(version);
            value["digest"] = json!(digest);
            Ok((value, text))
        }
    }
}

fn attest_filing(ctx: &mut Ctx, a: &cli::AttestFiling) -> Res<Output> {
    let plan_digest = file_digest(&a.materials)?;
    let record = asset(ctx, &a.asset)?;
    if record.plan.materials_digest != plan_digest {
        return Err(Fail::usage(format!(
            "The materials {} (sha256 {plan_digest}) are not the current plan of asset {} \
             (plan version {}, digest {}): attest the materials of the current plan.",
            shown(&a.materials),
            a.asset,
            record.plan_version,
            record.plan.materials_digest
        )));
    }
    let approved = a.approved_supply.unwrap_or(record.plan.max_supply.u128());
    let now = ctx.now()?;
    let expires = now.saturating_add(a.valid_for);
    let evidence_file = a.evidence.as_deref().unwrap_or(&a.materials);
    let msg = ExecuteMsg::Attest {
        asset: a.asset.clone(),
        statement: Statement::Filing {
            filing_reference: a.reference.clone(),
            plan_digest: plan_digest.clone(),
            approved_supply: Uint128::new(approved),
        },
        expires_at: Timestamp::from_seconds(expires),
        evidence: evidence(evidence_file, a.evidence_uri.as_deref())?,
    };
    let sent = registry_send(
        ctx,
        &format!("attest the filing of asset {}", a.asset),
        &msg,
        &["id", "superseded"],
    )?;
    let (mut value, text) = sent.report(
        "attest-filing",
        &format!(
            "Filing attestation {} of asset {} recorded: reference {}, plan digest {plan_digest}, \
             approved supply {approved}, valid until {} ({}).",
            sent.attr("id").unwrap_or("?"),
            a.asset,
            a.reference,
            format_time(expires),
            format_span(a.valid_for)
        ),
    );
    value["plan_digest"] = json!(plan_digest);
    value["expires_at"] = json!(format_rfc3339(expires));
    Ok((value, text))
}

fn attest_screening(ctx: &mut Ctx, a: &cli::AttestScreening) -> Res<Output> {
    let subjects = if a.subjects.is_empty() {
        let record = asset(ctx, &a.asset)?;
        record.subjects().map(str::to_string).collect()
    } else {
        a.subjects.clone()
    };
    let version = match a.negative_list_version {
        Some(v) => v,
        None => {
            let current: NegativeList =
                query(ctx, "the negative list", &QueryMsg::NegativeList {})?;
            current.version
        }
    };
    let now = ctx.now()?;
    let lookback_from = a.lookback_from.unwrap_or(now.saturating_sub(a.lookback));
    let expires = now.saturating_add(a.valid_for);
    let msg = ExecuteMsg::Attest {
        asset: a.asset.clone(),
        statement: Statement::Screening {
            negative_list_version: version,
            subjects: subjects.clone(),
            lookback_from: Timestamp::from_seconds(lookback_from),
        },
        expires_at: Timestamp::from_seconds(expires),
        evidence: evidence(&a.evidence.evidence, a.evidence.evidence_uri.as_deref())?,
    };
    let sent = registry_send(
        ctx,
        &format!("attest the screening of asset {}", a.asset),
        &msg,
        &["id", "superseded"],
    )?;
    let (mut value, text) = sent.report(
        "attest-screening",
        &format!(
            "Screening attestation {} of asset {} recorded: {} screened clean against negative \
             list version {version} since {}, valid until {} ({}).",
            sent.attr("id").unwrap_or("?"),
            a.asset,
            subjects.join(", "),
            crate::human::format_date(lookback_from),
            format_time(expires),
            format_span(a.valid_for)
        ),
    );
    value["subjects"] = json!(subjects);
    value["expires_at"] = json!(format_rfc3339(expires));
    Ok((value, text))
}

fn flag_raise(ctx: &mut Ctx, a: &cli::FlagRaise) -> Res<Output> {
    let subject = match (&a.asset, &a.entity) {
        (Some(asset), None) => Subject::Asset(asset.clone()),
        (None, Some(entity)) => Subject::Entity(entity.clone()),
        _ => return Err(Fail::usage("Give exactly one of --asset and --entity.")),
    };
    if a.offence_date.is_some() && a.reason != cli::Reason::CriminalRecord {
        return Err(Fail::usage(
            "--offence-date goes only with --reason criminal-record.",
        ));
    }
    let reason = match a.reason {
        cli::Reason::BarredFromFinancing => FlagReason::BarredFromFinancing,
        cli::Reason::OwnershipDispute => FlagReason::OwnershipDispute,
        cli::Reason::TransferProhibited => FlagReason::TransferProhibited,
        cli::Reason::NegativeList => FlagReason::NegativeList,
        cli::Reason::NationalSecurity => FlagReason::NationalSecurity,
        cli::Reason::CriminalRecord => FlagReason::CriminalRecord {
            offence_date: Timestamp::from_seconds(a.offence_date.ok_or_else(|| {
                Fail::usage("--reason criminal-record needs --offence-date YYYY-MM-DD.")
            })?),
        },
        cli::Reason::UnderInvestigation => FlagReason::UnderInvestigation,
    };
    let msg = ExecuteMsg::RaiseFlag {
        subject: subject.clone(),
        reason: reason.clone(),
        evidence: evidence(&a.evidence.evidence, a.evidence.evidence_uri.as_deref())?,
    };
    let sent = registry_send(
        ctx,
        &format!("raise a {reason} flag on {subject}"),
        &msg,
        &["flag", "assets_recomputed"],
    )?;
    let mut done = format!(
        "Flag {} raised: {reason} on {subject}; issuance of every asset it concerns stops now \
         ({} clearances recomputed).",
        sent.attr("flag").unwrap_or("?"),
        sent.attr("assets_recomputed").unwrap_or("?")
    );
    if let Some(lapse) = reason.lapses_at() {
        done.push_str(&format!(
            " It lapses by itself on {} (three years after the offence).",
            format_time(lapse.seconds())
        ));
    }
    let (mut value, text) = sent.report("flag-raise", &done);
    if let Some(flag) = sent.attr("flag").and_then(|f| f.parse::<u64>().ok()) {
        value["flag"] = json!(flag);
    }
    value["rule"] = json!(reason.rule());
    value["reason"] = json!(reason.as_str());
    Ok((value, text))
}

// ---- issuer ----

fn related_party(p: &cli::Party) -> RelatedParty {
    RelatedParty {
        entity: p.entity.clone(),
        role: match p.role {
            cli::Role::ControllingShareholder => PartyRole::ControllingShareholder,
            cli::Role::UltimateController => PartyRole::UltimateController,
            cli::Role::Other => PartyRole::Other,
        },
    }
}

pub fn issuer(ctx: &mut Ctx, cmd: &cli::Issuer) -> Res<Output> {
    match cmd {
        cli::Issuer::RegisterEntity(a) => {
            let msg = ExecuteMsg::RegisterEntity { id: a.id.clone() };
            let sent = registry_send(ctx, &format!("register entity {}", a.id), &msg, &[])?;
            Ok(sent.report("register-entity", &format!("Entity {} registered.", a.id)))
        }
        cli::Issuer::RegisterAsset(a) => {
            let digest = file_digest(&a.materials)?;
            let msg = ExecuteMsg::RegisterAsset {
                id: a.id.clone(),
                filing_entity: a.filing_entity.clone(),
                related_parties: a.parties.iter().map(related_party).collect(),
                plan: IssuancePlan {
                    max_supply: Uint128::new(a.max_supply),
                    materials_digest: digest.clone(),
                },
                token: TokenSpec {
                    name: a.name.clone(),
                    symbol: a.symbol.clone(),
                    decimals: a.decimals,
                },
            };
            let sent = registry_send(ctx, &format!("register asset {}", a.id), &msg, &[])?;
            let token = match &sent {
                Sent::Delivered { outcome, .. } => outcome
                    .events
                    .iter()
                    .filter(|e| e.kind == "instantiate")
                    .flat_map(|e| e.attributes.iter())
                    .find(|(k, _)| k == "_contract_address")
                    .map(|(_, v)| v.clone()),
                Sent::Simulated { .. } => None,
            };
            let (mut value, text) = sent.report(
                "register-asset",
                &format!(
                    "Asset {} registered (plan version 0: maximum supply {}, materials sha256 \
                     {digest}); its token {} is {}.",
                    a.id,
                    a.max_supply,
                    a.symbol,
                    token.as_deref().unwrap_or("?")
                ),
            );
            value["token"] = json!(token);
            value["plan_digest"] = json!(digest);
            Ok((value, text))
        }
        cli::Issuer::UpdatePlan(a) => {
            let record = asset(ctx, &a.asset)?;
            let plan = IssuancePlan {
                max_supply: a
                    .max_supply
                    .map(Uint128::new)
                    .unwrap_or(record.plan.max_supply),
                materials_digest: match &a.materials {
                    Some(path) => file_digest(path)?,
                    None => record.plan.materials_digest.clone(),
                },
            };
            let msg = ExecuteMsg::UpdatePlan {
                asset: a.asset.clone(),
                plan: plan.clone(),
            };
            let sent = registry_send(
                ctx,
                &format!("update the plan of asset {}", a.asset),
                &msg,
                &[],
            )?;
            Ok(sent.report(
                "update-plan",
                &format!(
                    "Plan of asset {} is now version {}: maximum supply {}, materials sha256 {}. \
                     Every earlier Filing attestation has stopped counting.",
                    a.asset,
                    record.plan_version + 1,
                    plan.max_supply,
                    plan.materials_digest
                ),
            ))
        }
        cli::Issuer::Report(a) => {
            let msg = ExecuteMsg::ReportSignificantMatter {
                asset: a.asset.clone(),
                evidence: evidence(&a.evidence.evidence, a.evidence.evidence_uri.as_deref())?,
            };
            let sent = registry_send(
                ctx,
                &format!("report a significant matter on asset {}", a.asset),
                &msg,
                &["report"],
            )?;
            Ok(sent.report(
                "report",
                &format!(
                    "Significant matter reported on asset {}: issuance stops until a newer \
                     Filing attestation.",
                    a.asset
                ),
            ))
        }
        cli::Issuer::AddMinter(a) => {
            let msg = ExecuteMsg::AddMinter {
                asset: a.asset.clone(),
                minter: a.minter.clone(),
            };
            let sent = registry_send(
                ctx,
                &format!("add {} as a minter of asset {}", a.minter, a.asset),
                &msg,
                &[],
            )?;
            Ok(sent.report(
                "add-minter",
                &format!("{} may now mint asset {}.", a.minter, a.asset),
            ))
        }
        cli::Issuer::Mint(a) => mint(ctx, a),
    }
}

fn mint(ctx: &mut Ctx, a: &cli::Mint) -> Res<Output> {
    let me = ctx.address()?;
    let to = a.to.clone().unwrap_or_else(|| me.clone());
    let record = asset(ctx, &a.asset)?;
    let token = record
        .token
        .as_ref()
        .map(|t| t.to_string())
        .ok_or_else(|| Fail::error(format!("Asset {} has no token recorded.", a.asset)))?;
    let decision: Decision = query(
        ctx,
        &format!("check_issuance of asset {}", a.asset),
        &QueryMsg::CheckIssuance {
            asset: a.asset.clone(),
            amount: Uint128::new(a.amount),
            minter: Some(me.clone()),
        },
    )?;
    let now = ctx.now()?;
    if !decision.allowed {
        let mut words = Vec::new();
        let mut reasons = Vec::new();
        for reason in &decision.reasons {
            let text = denial_words(ctx, &a.asset, reason, now);
            reasons.push(denial_json(reason, &text));
            words.push(format!("  - {text}"));
        }
        let message = format!(
            "The gate denies minting {} of asset {} to {to}, so nothing was sent. Every reason:\n{}",
            a.amount,
            a.asset,
            words.join("\n")
        );
        let mut fail = Fail::new(EXIT_DENIED, message)
            .with("allowed", json!(false))
            .with("sent", json!(false))
            .with("asset", json!(a.asset))
            .with("amount", json!(a.amount.to_string()))
            .with("reasons", Value::Array(reasons));
        fail.json
            .insert("dry_run".into(), json!(ctx.global.dry_run));
        return Err(fail);
    }
    let msg = TokenMsg::Mint {
        recipient: to.clone(),
        amount: Uint128::new(a.amount),
    };
    let doing = format!("mint {} of asset {} to {to}", a.amount, a.asset);
    let sent = ctx.send(&doing, &token, &msg, &["minted", "filings", "screenings"])?;
    let relying = format!(
        "relying on filing attestations {:?} and screening attestations {:?}",
        decision.filings, decision.screenings
    );
    let (mut value, text) = match &sent {
        Sent::Simulated { gas } => (
            json!({"ok": true, "action": "mint", "dry_run": true, "allowed": true,
                   "would_succeed": true, "gas_estimate": gas}),
            format!(
                "Dry run: the gate allows minting {} of asset {} to {to} (cap {}), {relying}; \
                 gas estimate {gas}. Nothing was sent.",
                a.amount, a.asset, decision.cap
            ),
        ),
        Sent::Delivered { .. } => sent.report(
            "mint",
            &format!(
                "Minted {} of asset {} to {to}, {relying}; minted so far {} of cap {}.",
                a.amount,
                a.asset,
                sent.attr("minted").unwrap_or("?"),
                decision.cap
            ),
        ),
    };
    value["allowed"] = json!(true);
    value["sent"] = json!(matches!(sent, Sent::Delivered { .. }));
    value["asset"] = json!(a.asset);
    value["token"] = json!(token);
    value["recipient"] = json!(to);
    value["amount"] = json!(a.amount.to_string());
    value["cap"] = json!(decision.cap);
    value["filings"] = json!(decision.filings);
    value["screenings"] = json!(decision.screenings);
    Ok((value, text))
}

// ---- owner ----

pub fn owner(ctx: &mut Ctx, cmd: &cli::Owner) -> Res<Output> {
    let (action, doing, msg, done) = match cmd {
        cli::Owner::AddOracle(a) => {
            let scopes = Scopes {
                filing: a.scopes.contains(&cli::Scope::Filing),
                screening: a.scopes.contains(&cli::Scope::Screening),
                flags: a.scopes.contains(&cli::Scope::Flags),
            };
            let names: Vec<&str> = [
                (scopes.filing, "filing"),
                (scopes.screening, "screening"),
                (scopes.flags, "flags"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| *n)
            .collect();
            (
                "add-oracle",
                format!("add oracle {}", a.address),
                ExecuteMsg::AddOracle {
                    address: a.address.clone(),
                    scopes,
                },
                format!(
                    "Oracle {} added with scopes {}.",
                    a.address,
                    names.join(", ")
                ),
            )
        }
        cli::Owner::SuspendOracle(a) => (
            "suspend-oracle",
            format!("suspend oracle {}", a.address),
            ExecuteMsg::SuspendOracle {
                address: a.address.clone(),
            },
            format!(
                "Oracle {} suspended: its attestations stop counting; clearances must be \
                 refreshed (rwa-gate refresh ASSET).",
                a.address
            ),
        ),
        cli::Owner::ApproveIssuer(a) => (
            "approve-issuer",
            format!("approve issuer {}", a.address),
            ExecuteMsg::ApproveIssuer {
                address: a.address.clone(),
            },
            format!("Issuer {} approved.", a.address),
        ),
        cli::Owner::SetParams(a) => {
            let max_validity = if a.filing_validity.is_some() || a.screening_validity.is_some() {
                let config: ConfigResponse = query(ctx, "the parameters", &QueryMsg::Config {})?;
                Some(MaxValidity {
                    filing: a
                        .filing_validity
                        .unwrap_or(config.params.max_validity.filing),
                    screening: a
                        .screening_validity
                        .unwrap_or(config.params.max_validity.screening),
                })
            } else {
                None
            };
            (
                "set-params",
                "update the parameters".to_string(),
                ExecuteMsg::UpdateParams(ParamsUpdate {
                    attestation_quorum: a.attestation_quorum,
                    flag_quorum: a.flag_quorum,
                    max_validity,
                    token_code_id: a.token_code_id,
                }),
                "Parameters updated.".to_string(),
            )
        }
        cli::Owner::Pause(a) => (
            "pause",
            match &a.asset {
                Some(asset) => format!("pause issuance of asset {asset}"),
                None => "pause all issuance".to_string(),
            },
            ExecuteMsg::Pause {
                asset: a.asset.clone(),
            },
            match &a.asset {
                Some(asset) => format!("Issuance of asset {asset} paused."),
                None => "All issuance paused.".to_string(),
            },
        ),
        cli::Owner::Unpause(a) => (
            "unpause",
            match &a.asset {
                Some(asset) => format!("unpause issuance of asset {asset}"),
                None => "unpause issuance".to_string(),
            },
            ExecuteMsg::Unpause {
                asset: a.asset.clone(),
            },
            match &a.asset {
                Some(asset) => format!("Issuance of asset {asset} resumed."),
                None => "Issuance resumed.".to_string(),
            },
        ),
        cli::Owner::TransferOwnership(a) => (
            "transfer-ownership",
            format!("propose {} as the new owner", a.address),
            ExecuteMsg::ProposeOwner {
                new_owner: a.address.clone(),
            },
            format!(
                "{} proposed as the new owner; it becomes the owner when it runs `rwa-gate owner \
                 accept-ownership`.",
                a.address
            ),
        ),
        cli::Owner::AcceptOwnership => (
            "accept-ownership",
            "accept the ownership".to_string(),
            ExecuteMsg::AcceptOwnership {},
            "Ownership accepted: the signing key is now the owner.".to_string(),
        ),
    };
    let sent = registry_send(ctx, &doing, &msg, &["epoch"])?;
    let (mut value, text) = sent.report(action, &done);
    if let Some(epoch) = sent.attr("epoch") {
        value["epoch"] = json!(epoch);
    }
    Ok((value, text))
}

// ---- anyone ----

pub fn refresh(ctx: &mut Ctx, id: &str) -> Res<Output> {
    let msg = ExecuteMsg::RefreshClearance {
        asset: id.to_string(),
    };
    let sent = registry_send(
        ctx,
        &format!("refresh the clearance of asset {id}"),
        &msg,
        &[],
    )?;
    Ok(sent.report(
        "refresh",
        &format!("Clearance of asset {id} recomputed (see `rwa-gate status {id}`)."),
    ))
}

pub fn address(ctx: &mut Ctx) -> Res<Output> {
    let address = ctx.address()?;
    let index = ctx.global.account_index;
    Ok((
        json!({"ok": true, "address": address, "account_index": index}),
        address,
    ))
}

pub fn dev(ctx: &mut Ctx, cmd: &cli::Dev) -> Res<Output> {
    let cli::Dev::Fund(a) = cmd;
    let recipients = a
        .addresses
        .iter()
        .map(|s| {
            s.parse::<cosmrs::AccountId>()
                .map_err(|e| Fail::usage(format!("`{s}` is not an address: {e}.")))
        })
        .collect::<Res<Vec<_>>>()?;
    let quiet = ctx.global.quiet;
    let dry_run = ctx.global.dry_run;
    let denom = ctx.global.denom.clone();
    let (client, wallet) = ctx.signer()?;
    if dry_run {
        return Ok((
            json!({"ok": true, "action": "dev-fund", "dry_run": true}),
            format!(
                "Dry run: would send {} {denom} to each of {} accounts. Nothing was sent.",
                a.amount,
                recipients.len()
            ),
        ));
    }
    let outcome = waiting(
        quiet,
        &format!("funding {} accounts", recipients.len()),
        || client.fund(wallet, &recipients, a.amount),
    )
    .map_err(|e| client_fail("fund the accounts", e))?;
    Ok((
        json!({"ok": true, "action": "dev-fund", "dry_run": false, "tx": outcome.hash,
               "funded": a.addresses, "amount": a.amount.to_string()}),
        format!(
            "Sent {} {denom} to each of {} (tx {}).",
            a.amount,
            a.addresses.join(", "),
            outcome.hash
        ),
    ))
}
