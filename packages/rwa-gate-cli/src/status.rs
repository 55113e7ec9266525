//! `status` and `history`: the clearance and the records of an asset, in words and as JSON.

use cosmwasm_std::Uint128;
use rwa_gate::registry::{
    AttestationsResponse, ConfigResponse, FlagsResponse, MintedResponse, QueryMsg,
};
use rwa_gate::{
    Attestation, AttestationKind, Clearance, Decision, Denial, Flag, FlagStatus, Gate, Statement,
    Subject, Support,
};
use serde_json::{json, Value};

use crate::app::{client_fail, Ctx, Res};
use crate::cli;
use crate::commands::{asset, Output};
use crate::human::{format_rfc3339, format_span, format_time};

fn query<T: serde::de::DeserializeOwned>(ctx: &mut Ctx, what: &str, msg: &QueryMsg) -> Res<T> {
    let registry = ctx.registry_address()?;
    ctx.client()?
        .query(&registry, msg)
        .map_err(|e| client_fail(&format!("read {what}"), e))
}

fn subject_words(subject: &Subject) -> String {
    subject.to_string()
}

/// The code of a denial (`flagged`, `filing_quorum_not_met`...), its text and its fields.
pub fn denial_json(denial: &Denial, text: &str) -> Value {
    let detail = serde_json::to_value(denial).unwrap_or(Value::Null);
    let code = match &detail {
        Value::String(s) => s.clone(),
        Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    json!({"code": code, "text": text, "detail": detail})
}

/// A denial in words, with what to do about it. Flags are looked up for since when and by whom.
pub fn denial_words(ctx: &mut Ctx, asset: &str, denial: &Denial, now: u64) -> String {
    match denial {
        Denial::UnknownAsset => format!("asset {asset} has no clearance: it is not registered"),
        Denial::IssuancePaused => "all issuance is paused by the owner or the pauser".into(),
        Denial::AssetPaused => format!("issuance of asset {asset} is paused"),
        Denial::AssetRetired => format!("asset {asset} is retired: no further issuance"),
        Denial::ZeroAmount => "the amount is zero".into(),
        Denial::NotMinter { address } => format!(
            "{address} is not a minter of asset {asset} (the issuer adds minters with `rwa-gate \
             issuer add-minter`)"
        ),
        Denial::WrongToken { token } => format!("the asset's token is {token}"),
        Denial::ClearanceStale { epoch, current } => format!(
            "the clearance was computed before a registry-wide change (epoch {epoch}, now \
             {current}): run `rwa-gate refresh {asset}`"
        ),
        Denial::FilingQuorumNotMet { have, need } => format!(
            "R1: {have} of the {need} Filing attestation(s) needed (the CSRC filing of the \
             current plan is not attested)"
        ),
        Denial::FilingExpired { at } => format!(
            "R1/R10: the Filing attestation relied on expired on {} ({} ago)",
            format_time(at.seconds()),
            format_span(now.saturating_sub(at.seconds()).max(1))
        ),
        Denial::SignificantMatterPending { report } => format!(
            "R2: significant matter {report} was reported and no Filing attestation is newer"
        ),
        Denial::ScreeningQuorumNotMet { have, need } => format!(
            "R3-R9: {have} of the {need} Screening attestation(s) needed (the asset and its \
             parties are not screened against the current negative list)"
        ),
        Denial::ScreeningExpired { at } => format!(
            "R3-R9/R10: the Screening attestation relied on expired on {} ({} ago)",
            format_time(at.seconds()),
            format_span(now.saturating_sub(at.seconds()).max(1))
        ),
        Denial::Flagged {
            flag,
            subject,
            reason,
        } => {
            let since = query::<Flag>(ctx, &format!("flag {flag}"), &QueryMsg::Flag { id: *flag })
                .map(|f| {
                    format!(
                        ", raised {} by {}",
                        format_time(f.raised_at.seconds()),
                        f.raised_by
                    )
                })
                .unwrap_or_default();
            format!(
                "{}: flag {flag} ({}) on {}{since}",
                reason.rule(),
                reason.as_str().replace('_', " "),
                subject_words(subject)
            )
        }
        Denial::CapExceeded {
            cap,
            minted,
            requested,
        } => format!(
            "R1: {minted} minted so far plus {requested} requested would exceed the cap of {cap} \
             (the plan maximum or the approved supply, whichever is smaller)"
        ),
    }
}

fn support_json(support: &Support, attestations: &[Attestation]) -> Value {
    json!({
        "have": support.attestations.len(),
        "need": support.need,
        "quorum_met": support.quorum_met(),
        "attestations": attestations.iter().map(attestation_json).collect::<Vec<_>>(),
        "valid_until": support.valid_until.map(|t| format_rfc3339(t.seconds())),
        "approved_supply": support.approved_supply,
    })
}

fn attestation_json(a: &Attestation) -> Value {
    let mut value = json!({
        "id": a.id,
        "kind": a.kind().as_str(),
        "oracle": a.oracle,
        "issued_at": format_rfc3339(a.issued_at.seconds()),
        "expires_at": format_rfc3339(a.expires_at.seconds()),
        "revoked_at": a.revoked_at.map(|t| format_rfc3339(t.seconds())),
        "plan_version": a.plan_version,
        "evidence": a.evidence.digest,
    });
    match &a.statement {
        Statement::Filing {
            filing_reference,
            plan_digest,
            approved_supply,
        } => {
            value["reference"] = json!(filing_reference);
            value["plan_digest"] = json!(plan_digest);
            value["approved_supply"] = json!(approved_supply);
        }
        Statement::Screening {
            negative_list_version,
            subjects,
            lookback_from,
        } => {
            value["negative_list_version"] = json!(negative_list_version);
            value["subjects"] = json!(subjects);
            value["lookback_from"] = json!(format_rfc3339(lookback_from.seconds()));
        }
    }
    value
}

fn flag_json(f: &Flag, need: u32) -> Value {
    json!({
        "id": f.id,
        "subject": subject_words(&f.subject),
        "rule": f.reason.rule(),
        "reason": f.reason.as_str(),
        "status": match f.status {
            FlagStatus::Active => "active",
            FlagStatus::Cleared => "cleared",
            FlagStatus::Lapsed => "lapsed",
        },
        "raised_at": format_rfc3339(f.raised_at.seconds()),
        "raised_by": f.raised_by,
        "clear_votes": f.clear_votes.len(),
        "clear_votes_needed": need,
        "lapses_at": f.reason.lapses_at().map(|t| format_rfc3339(t.seconds())),
        "cleared_at": f.cleared_at.map(|t| format_rfc3339(t.seconds())),
        "cleared_by": f.cleared_by,
        "evidence": f.evidence.digest,
    })
}

fn support_line(
    kind: AttestationKind,
    support: &Support,
    attestations: &[Attestation],
    now: u64,
) -> String {
    let name = match kind {
        AttestationKind::Filing => "filing   ",
        AttestationKind::Screening => "screening",
    };
    let have = support.attestations.len();
    let mut line = format!("  {name}  {have} of {} needed", support.need);
    if have == 0 {
        line.push_str(" - none counts");
        return line;
    }
    let ids: Vec<String> = attestations
        .iter()
        .map(|a| {
            let what = match &a.statement {
                Statement::Filing {
                    filing_reference,
                    approved_supply,
                    ..
                } => format!("reference {filing_reference}, approved supply {approved_supply}"),
                Statement::Screening {
                    negative_list_version,
                    subjects,
                    ..
                } => format!(
                    "{} against negative list v{negative_list_version}",
                    subjects.join(", ")
                ),
            };
            format!("#{} by {} ({what})", a.id, a.oracle)
        })
        .collect();
    line.push_str(&format!(" - relies on {}", ids.join("; ")));
    if let Some(until) = support.valid_until {
        let until = until.seconds();
        if until > now {
            line.push_str(&format!(
                "\n             valid until {} (in {})",
                format_time(until),
                format_span(until - now)
            ));
        } else {
            line.push_str(&format!("\n             EXPIRED {}", format_time(until)));
        }
    }
    line
}

pub fn status(ctx: &mut Ctx, id: &str) -> Res<Output> {
    let record = asset(ctx, id)?;
    let clearance: Clearance = query(
        ctx,
        &format!("the clearance of asset {id}"),
        &QueryMsg::Clearance { asset: id.into() },
    )?;
    let gate: Gate = query(ctx, "the gate", &QueryMsg::Gate {})?;
    let config: ConfigResponse = query(ctx, "the parameters", &QueryMsg::Config {})?;
    let minted: MintedResponse = query(
        ctx,
        &format!("what asset {id} minted"),
        &QueryMsg::Minted { asset: id.into() },
    )?;
    // The verdict on the smallest mint: anything that denies it denies every mint.
    let decision: Decision = query(
        ctx,
        &format!("check_issuance of asset {id}"),
        &QueryMsg::CheckIssuance {
            asset: id.into(),
            amount: Uint128::one(),
            minter: None,
        },
    )?;
    let now = ctx.now()?;
    let mut relied = |ids: &[u64]| -> Res<Vec<Attestation>> {
        ids.iter()
            .map(|a| {
                query(
                    ctx,
                    &format!("attestation {a}"),
                    &QueryMsg::Attestation { id: *a },
                )
            })
            .collect()
    };
    let filings = relied(&clearance.filing.attestations)?;
    let screenings = relied(&clearance.screening.attestations)?;
    let mut flags = Vec::new();
    for blocker in &clearance.blockers {
        flags.push(query::<Flag>(
            ctx,
            &format!("flag {}", blocker.flag),
            &QueryMsg::Flag { id: blocker.flag },
        )?);
    }
    let mut reasons = Vec::new();
    let mut reason_lines = Vec::new();
    for denial in &decision.reasons {
        let text = denial_words(ctx, id, denial, now);
        reason_lines.push(format!("  - {text}"));
        reasons.push(denial_json(denial, &text));
    }
    let remaining = minted.cap.saturating_sub(minted.minted);
    let stale = clearance.epoch != gate.epoch;
    let state = if decision.allowed {
        "cleared"
    } else {
        "blocked"
    };
    let value = json!({
        "ok": true,
        "asset": id,
        "state": state,
        "allowed": decision.allowed,
        "reasons": reasons,
        "token": record.token,
        "issuer": record.issuer,
        "filing_entity": record.filing_entity,
        "related_parties": record.related_parties.iter().map(|p| &p.entity).collect::<Vec<_>>(),
        "plan_version": record.plan_version,
        "plan_max_supply": record.plan.max_supply,
        "paused": clearance.paused,
        "globally_paused": gate.paused,
        "retired": clearance.retired,
        "stale": stale,
        "filing": support_json(&clearance.filing, &filings),
        "screening": support_json(&clearance.screening, &screenings),
        "pending_report": clearance.pending_report,
        "flags": flags.iter().map(|f| flag_json(f, config.params.flag_quorum)).collect::<Vec<_>>(),
        "minters": clearance.minters,
        "minted": minted.minted,
        "cap": minted.cap,
        "remaining": remaining,
        "total_supply": minted.total_supply,
        "computed_at": format_rfc3339(clearance.computed_at.seconds()),
        "now": format_rfc3339(now),
    });

    let mut text = vec![
        format!(
            "Asset {id}: {}",
            if decision.allowed {
                format!("CLEARED - issuance allowed, up to {remaining} more")
            } else {
                "BLOCKED - issuance denied".to_string()
            }
        ),
        format!(
            "  token      {}   issuer {}",
            record
                .token
                .as_ref()
                .map(|t| t.to_string())
                .unwrap_or_else(|| "-".into()),
            record.issuer
        ),
        format!(
            "  parties    filing entity {}{}",
            record.filing_entity,
            record
                .related_parties
                .iter()
                .map(|p| format!(", {} ({:?})", p.entity, p.role))
                .collect::<String>()
        ),
        support_line(AttestationKind::Filing, &clearance.filing, &filings, now),
        support_line(
            AttestationKind::Screening,
            &clearance.screening,
            &screenings,
            now,
        ),
    ];
    if let Some(report) = clearance.pending_report {
        text.push(format!(
            "  report     significant matter {report} pending: no newer Filing attestation"
        ));
    }
    if flags.is_empty() {
        text.push("  flags      none blocks".into());
    } else {
        for f in &flags {
            text.push(format!(
                "  flag {:<5} {} {} on {} since {} (raised by {}); {} of {} votes to clear{}",
                f.id,
                f.reason.rule(),
                f.reason.as_str().replace('_', " "),
                subject_words(&f.subject),
                format_time(f.raised_at.seconds()),
                f.raised_by,
                f.clear_votes.len(),
                config.params.flag_quorum,
                f.reason
                    .lapses_at()
                    .map(|t| format!("; lapses {}", format_time(t.seconds())))
                    .unwrap_or_default()
            ));
        }
    }
    text.push(format!(
        "  minted     {} of cap {} (plan maximum {}; supply now {})",
        minted.minted, minted.cap, record.plan.max_supply, minted.total_supply
    ));
    if gate.paused || clearance.paused || clearance.retired || stale {
        text.push(format!(
            "  state      {}{}{}{}",
            if gate.paused {
                "all issuance paused; "
            } else {
                ""
            },
            if clearance.paused {
                "asset paused; "
            } else {
                ""
            },
            if clearance.retired { "retired; " } else { "" },
            if stale {
                "clearance stale (run `rwa-gate refresh`)"
            } else {
                ""
            }
        ));
    }
    if !decision.allowed {
        text.push("Why it is blocked:".into());
        text.extend(reason_lines);
    }
    Ok((value, text.join("\n")))
}

pub fn history(ctx: &mut Ctx, a: &cli::History) -> Res<Output> {
    let record = asset(ctx, &a.asset)?;
    let config: ConfigResponse = query(ctx, "the parameters", &QueryMsg::Config {})?;
    let kind = a.kind.map(|k| match k {
        cli::Kind::Filing => AttestationKind::Filing,
        cli::Kind::Screening => AttestationKind::Screening,
    });
    let mut attestations: Vec<Attestation> = Vec::new();
    let mut pages = 0;
    loop {
        let page: AttestationsResponse = query(
            ctx,
            &format!("the attestations of asset {}", a.asset),
            &QueryMsg::Attestations {
                asset: a.asset.clone(),
                kind,
                start_after: attestations.last().map(|x| x.id),
                limit: Some(a.page_size),
            },
        )?;
        pages += 1;
        let n = page.attestations.len();
        attestations.extend(page.attestations);
        if n < a.page_size as usize || attestations.len() >= a.max {
            break;
        }
    }
    attestations.truncate(a.max);
    let mut subjects = vec![Subject::Asset(a.asset.clone())];
    subjects.extend(record.subjects().map(|s| Subject::Entity(s.to_string())));
    let mut flags: Vec<Flag> = Vec::new();
    for subject in subjects {
        let mut got = 0usize;
        let mut last = None;
        loop {
            let page: FlagsResponse = query(
                ctx,
                &format!("the flags on {subject}"),
                &QueryMsg::Flags {
                    subject: subject.clone(),
                    active_only: None,
                    start_after: last,
                    limit: Some(a.page_size),
                },
            )?;
            pages += 1;
            let n = page.flags.len();
            got += n;
            last = page.flags.last().map(|f| f.id).or(last);
            flags.extend(page.flags);
            if n < a.page_size as usize || got >= a.max {
                break;
            }
        }
    }
    flags.sort_by_key(|f| f.id);
    let value = json!({
        "ok": true,
        "asset": a.asset,
        "attestations": attestations.iter().map(attestation_json).collect::<Vec<_>>(),
        "flags": flags.iter().map(|f| flag_json(f, config.params.flag_quorum)).collect::<Vec<_>>(),
        "pages_read": pages,
    });
    let mut text = vec![format!(
        "Asset {}: {} attestation(s), {} flag(s) on it and its parties ({pages} page(s) read)",
        a.asset,
        attestations.len(),
        flags.len()
    )];
    for x in &attestations {
        let what = match &x.statement {
            Statement::Filing {
                filing_reference,
                approved_supply,
                ..
            } => format!(
                "filing    ref {filing_reference}, approved {approved_supply}, plan v{}",
                x.plan_version
            ),
            Statement::Screening {
                negative_list_version,
                subjects,
                ..
            } => format!(
                "screening {} vs negative list v{negative_list_version}",
                subjects.join(",")
            ),
        };
        text.push(format!(
            "  attestation {:<4} {}  {what}  by {}  until {}{}",
            x.id,
            format_time(x.issued_at.seconds()),
            x.oracle,
            format_time(x.expires_at.seconds()),
            x.revoked_at
                .map(|t| format!("  REVOKED {}", format_time(t.seconds())))
                .unwrap_or_default()
        ));
    }
    for f in &flags {
        let status = match f.status {
            FlagStatus::Active => format!(
                "ACTIVE ({} of {} votes to clear)",
                f.clear_votes.len(),
                config.params.flag_quorum
            ),
            FlagStatus::Cleared => format!(
                "cleared {}{}",
                f.cleared_at
                    .map(|t| format_time(t.seconds()))
                    .unwrap_or_default(),
                f.cleared_by
                    .as_ref()
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default()
            ),
            FlagStatus::Lapsed => "lapsed".to_string(),
        };
        text.push(format!(
            "  flag {:<4}        {}  {} {} on {}  by {}  {status}",
            f.id,
            format_time(f.raised_at.seconds()),
            f.reason.rule(),
            f.reason.as_str().replace('_', " "),
            subject_words(&f.subject),
            f.raised_by
        ));
    }
    Ok((value, text.join("\n")))
}
