//! `status`: an asset's clearance in words and as JSON, from the records the command read.

use rwa_gate::registry::{ConfigResponse, MintedResponse};
use rwa_gate::{Asset, Attestation, AttestationKind, Clearance, Decision, Flag, Gate};
use serde_json::{json, Value};

use crate::human::{format_rfc3339, format_units};
use crate::render::denial::denials;
use crate::render::holders::{terms_json, terms_words};
use crate::render::records::{flag_json, flag_status_line, support_json, support_line};
use crate::render::Output;

/// Everything `status` shows, as read from the chain.
pub struct StatusView {
    pub id: String,
    pub record: Asset,
    pub clearance: Clearance,
    pub gate: Gate,
    pub config: ConfigResponse,
    pub minted: MintedResponse,
    /// The verdict on the smallest mint.
    pub decision: Decision,
    pub filings: Vec<Attestation>,
    pub screenings: Vec<Attestation>,
    /// The attestations each R3 approval of the clearance relies on, in its order.
    pub approvals: Vec<Vec<Attestation>>,
    /// The flags that block the asset.
    pub flags: Vec<Flag>,
    /// The flags the denials name (for since when and by whom).
    pub denial_flags: Vec<Flag>,
    /// The token's symbol and decimals: amounts show in whole token units.
    pub symbol: String,
    pub decimals: u8,
    pub now: u64,
}

impl StatusView {
    fn stale(&self) -> bool {
        self.clearance.epoch != self.gate.epoch
    }

    fn remaining(&self) -> cosmwasm_std::Uint128 {
        self.minted.cap.saturating_sub(self.minted.minted)
    }

    /// Base units in whole token units with the symbol: `1.5 BOND`.
    fn units(&self, base: cosmwasm_std::Uint128) -> String {
        format!(
            "{} {}",
            format_units(base.u128(), self.decimals),
            self.symbol
        )
    }
}

pub fn status(view: &StatusView) -> Output {
    let (reasons, reason_lines) = denials(
        &view.id,
        &view.decision.reasons,
        view.now,
        &view.denial_flags,
    );
    (status_json(view, reasons), status_text(view, reason_lines))
}

fn status_json(v: &StatusView, reasons: Vec<Value>) -> Value {
    let (record, clearance) = (&v.record, &v.clearance);
    let need = v.config.params.flag_quorum;
    json!({
        "ok": true,
        "asset": v.id,
        "state": if v.decision.allowed { "cleared" } else { "blocked" },
        "allowed": v.decision.allowed,
        "reasons": reasons,
        "token": record.token,
        "issuer": record.issuer,
        "filing_entity": record.filing_entity,
        "related_parties": record.related_parties.iter().map(|p| &p.entity).collect::<Vec<_>>(),
        "plan_version": record.plan_version,
        "plan_max_supply": record.plan.max_supply,
        "terms": terms_json(record.plan.terms.as_deref()),
        "terms_pending": record.terms_pending,
        "paused": clearance.paused,
        "globally_paused": v.gate.paused,
        "retired": clearance.retired,
        "stale": v.stale(),
        "filing": support_json(&clearance.filing, &v.filings),
        "screening": support_json(&clearance.screening, &v.screenings),
        "approvals": approvals_json(v),
        "pending_report": clearance.pending_report,
        "flags": v.flags.iter().map(|f| flag_json(f, need)).collect::<Vec<_>>(),
        "minters": clearance.minters,
        "minted": v.minted.minted,
        "cap": v.minted.cap,
        "remaining": v.remaining(),
        "total_supply": v.minted.total_supply,
        "symbol": v.symbol,
        "decimals": v.decimals,
        "computed_at": format_rfc3339(clearance.computed_at.seconds()),
        "now": format_rfc3339(v.now),
    })
}

fn status_text(v: &StatusView, reason_lines: Vec<String>) -> String {
    let (record, clearance) = (&v.record, &v.clearance);
    let unit = |base: u128| v.units(cosmwasm_std::Uint128::new(base));
    let verdict = if v.decision.allowed {
        format!(
            "CLEARED - issuance allowed, up to {} more",
            v.units(v.remaining())
        )
    } else {
        "BLOCKED - issuance denied".to_string()
    };
    let token = record
        .token
        .as_ref()
        .map(|t| t.to_string())
        .unwrap_or_else(|| "-".into());
    let parties: String = record
        .related_parties
        .iter()
        .map(|p| format!(", {} ({:?})", p.entity, p.role))
        .collect();
    let mut text = vec![
        format!("Asset {}: {verdict}", v.id),
        format!("  token      {token}   issuer {}", record.issuer),
        format!(
            "  parties    filing entity {}{parties}",
            record.filing_entity
        ),
        support_line(
            AttestationKind::Filing,
            &clearance.filing,
            &v.filings,
            v.now,
            &unit,
        ),
        support_line(
            AttestationKind::Screening,
            &clearance.screening,
            &v.screenings,
            v.now,
            &unit,
        ),
    ];
    text.extend(
        clearance
            .approvals
            .iter()
            .zip(&v.approvals)
            .map(|(a, atts)| support_line(a.approval.kind(), &a.support, atts, v.now, &unit)),
    );
    text.push(terms_line(v));
    if let Some(report) = clearance.pending_report {
        text.push(format!(
            "  report     significant matter {report} pending: no newer Filing attestation"
        ));
    }
    if v.flags.is_empty() {
        text.push("  flags      none blocks".into());
    }
    let need = v.config.params.flag_quorum;
    text.extend(v.flags.iter().map(|f| flag_status_line(f, need)));
    text.push(format!(
        "  minted     {} of cap {} (plan maximum {}; supply now {}; {} decimals)",
        v.units(v.minted.minted),
        v.units(v.minted.cap),
        v.units(record.plan.max_supply),
        v.units(v.minted.total_supply),
        v.decimals
    ));
    if let Some(line) = state_line(v) {
        text.push(line);
    }
    if !v.decision.allowed {
        text.push("Why it is blocked:".into());
        text.extend(reason_lines);
    }
    text.join("\n")
}

/// The support of each R3 approval the plan names: `[]` when it names none.
fn approvals_json(v: &StatusView) -> Value {
    let approvals = v.clearance.approvals.iter().zip(&v.approvals);
    Value::Array(
        approvals
            .map(|(a, atts)| {
                let mut value = support_json(&a.support, atts);
                value["approval"] = json!(a.approval.as_str());
                value
            })
            .collect(),
    )
}

/// Who may hold, by the plan's distribution terms.
fn terms_line(v: &StatusView) -> String {
    let terms = terms_words(v.record.plan.terms.as_deref(), v.decimals, &v.symbol);
    let pending = if v.record.terms_pending {
        "\n             (what they admit beyond the terms before waits for a Filing of this plan)"
    } else {
        ""
    };
    format!("  holders    {terms}{pending}")
}

/// Pauses, retirement and staleness, when any holds.
fn state_line(v: &StatusView) -> Option<String> {
    let states = [
        (v.gate.paused, "all issuance paused; "),
        (v.clearance.paused, "asset paused; "),
        (v.clearance.retired, "retired; "),
        (v.stale(), "clearance stale (run `rwa-gate refresh`)"),
    ];
    if states.iter().all(|(on, _)| !on) {
        return None;
    }
    let words: String = states
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| *w)
        .collect();
    Some(format!("  state      {words}"))
}
