//! The registry's records (attestations, flags, the support of a clearance) as JSON and lines.

use rwa_gate::{Approval, Attestation, AttestationKind, Flag, FlagStatus, Statement, Support};
use serde_json::{json, Value};

use crate::human::{format_rfc3339, format_span, format_time};

pub fn support_json(support: &Support, attestations: &[Attestation]) -> Value {
    json!({
        "have": support.attestations.len(),
        "need": support.need,
        "quorum_met": support.quorum_met(),
        "attestations": attestations.iter().map(attestation_json).collect::<Vec<_>>(),
        "valid_until": support.valid_until.map(|t| format_rfc3339(t.seconds())),
        "approved_supply": support.approved_supply,
    })
}

pub fn attestation_json(a: &Attestation) -> Value {
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
        Statement::Approval {
            approval,
            reference,
        } => {
            value["approval"] = json!(approval.as_str());
            value["reference"] = json!(reference);
        }
    }
    value
}

/// An R3 approval as people name it: `cross-border investment`.
pub fn approval_words(approval: Approval) -> &'static str {
    match approval {
        Approval::CrossBorderInvestment => "cross-border investment",
        Approval::ForeignExchange => "foreign exchange",
        Approval::DataSecurity => "data security",
    }
}

pub fn flag_status_word(status: FlagStatus) -> &'static str {
    match status {
        FlagStatus::Active => "active",
        FlagStatus::Cleared => "cleared",
        FlagStatus::Lapsed => "lapsed",
    }
}

/// A flag; `need` is the number of votes that clear it.
pub fn flag_json(f: &Flag, need: u32) -> Value {
    json!({
        "id": f.id,
        "subject": f.subject.to_string(),
        "rule": f.reason.rule(),
        "reason": f.reason.as_str(),
        "status": flag_status_word(f.status),
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

/// What an attestation states, in a few words, as `status` shows it (`unit` formats an amount
/// of the token).
fn statement_words(statement: &Statement, unit: &dyn Fn(u128) -> String) -> String {
    match statement {
        Statement::Filing {
            filing_reference,
            approved_supply,
            ..
        } => format!(
            "reference {filing_reference}, approved supply {}",
            unit(approved_supply.u128())
        ),
        Statement::Screening {
            negative_list_version,
            subjects,
            ..
        } => format!(
            "{} against negative list v{negative_list_version}",
            subjects.join(", ")
        ),
        Statement::Approval { reference, .. } => format!("reference {reference}"),
    }
}

/// The line of `status` for one attestation kind: how many count, which, and until when.
pub fn support_line(
    kind: AttestationKind,
    support: &Support,
    attestations: &[Attestation],
    now: u64,
    unit: &dyn Fn(u128) -> String,
) -> String {
    let name = match kind.approval() {
        Some(approval) => format!("approval   {}", approval_words(approval)),
        None if kind == AttestationKind::Filing => "filing   ".to_string(),
        None => "screening".to_string(),
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
            format!(
                "#{} by {} ({})",
                a.id,
                a.oracle,
                statement_words(&a.statement, unit)
            )
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

/// The line of `history` for one attestation.
pub fn attestation_line(x: &Attestation) -> String {
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
        Statement::Approval {
            approval,
            reference,
        } => format!("approval  {} ref {reference}", approval_words(*approval)),
    };
    format!(
        "  attestation {:<4} {}  {what}  by {}  until {}{}",
        x.id,
        format_time(x.issued_at.seconds()),
        x.oracle,
        format_time(x.expires_at.seconds()),
        x.revoked_at
            .map(|t| format!("  REVOKED {}", format_time(t.seconds())))
            .unwrap_or_default()
    )
}

/// The line of `history` for one flag; `need` is the number of votes that clear it.
pub fn flag_history_line(f: &Flag, need: u32) -> String {
    let status = match f.status {
        FlagStatus::Active => format!("ACTIVE ({} of {need} votes to clear)", f.clear_votes.len()),
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
    format!(
        "  flag {:<4}        {}  {} {} on {}  by {}  {status}",
        f.id,
        format_time(f.raised_at.seconds()),
        f.reason.rule(),
        f.reason.as_str().replace('_', " "),
        f.subject,
        f.raised_by
    )
}

/// The line of `status` for a flag that blocks.
pub fn flag_status_line(f: &Flag, need: u32) -> String {
    format!(
        "  flag {:<5} {} {} on {} since {} (raised by {}); {} of {} votes to clear{}",
        f.id,
        f.reason.rule(),
        f.reason.as_str().replace('_', " "),
        f.subject,
        format_time(f.raised_at.seconds()),
        f.raised_by,
        f.clear_votes.len(),
        need,
        f.reason
            .lapses_at()
            .map(|t| format!("; lapses {}", format_time(t.seconds())))
            .unwrap_or_default()
    )
}
