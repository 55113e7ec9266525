//! The holder side: distribution terms, eligibility statements, orders and the verdict on a
//! movement, as JSON and lines.

use rwa_gate::distribution::EligibilityRecord;
use rwa_gate::registry::Order;
use rwa_gate::{DistributionTerms, EligibilityStatus};
use serde_json::{json, Value};

use crate::human::{format_rfc3339, format_span, format_time, format_units};
use crate::render::Output;

/// The terms in a few words; `decimals` formats the amounts. `None`: anyone may hold.
pub fn terms_words(terms: Option<&DistributionTerms>, decimals: u8, symbol: &str) -> String {
    let Some(t) = terms else {
        return "none (anyone may hold)".into();
    };
    let units = |base: u128| format!("{} {symbol}", format_units(base, decimals));
    let mut parts = vec![match &t.classes {
        Some(classes) => {
            let names: Vec<&str> = classes.iter().map(|c| c.as_str()).collect();
            format!("classes {}", names.join(", "))
        }
        None => "every class".into(),
    }];
    if !t.excluded_jurisdictions.is_empty() {
        parts.push(format!("excluding {}", t.excluded_jurisdictions.join(", ")));
    }
    if let Some(until) = t.lockup_until {
        parts.push(format!("locked up until {}", format_time(until.seconds())));
    }
    if let Some(max) = t.max_holders {
        parts.push(format!("at most {max} holders"));
    }
    if let Some(max) = t.max_balance {
        parts.push(format!("at most {} per holder", units(max.u128())));
    }
    if let Some(o) = t.max_outflow {
        parts.push(format!(
            "at most {} out per holder per {}",
            units(o.amount.u128()),
            format_span(o.period_seconds)
        ));
    }
    format!("eligible holders only: {}", parts.join("; "))
}

/// The terms as JSON (base units, as the contracts keep them; dates in RFC 3339).
pub fn terms_json(terms: Option<&DistributionTerms>) -> Value {
    let Some(t) = terms else {
        return Value::Null;
    };
    json!({
        "classes": t.classes,
        "excluded_jurisdictions": t.excluded_jurisdictions,
        "lockup_until": t.lockup_until.map(|u| format_rfc3339(u.seconds())),
        "max_holders": t.max_holders,
        "max_balance": t.max_balance,
        "max_outflow": t.max_outflow.map(|o| json!({"amount": o.amount,
            "period_seconds": o.period_seconds})),
    })
}

fn status_word(status: EligibilityStatus) -> &'static str {
    match status {
        EligibilityStatus::Eligible => "eligible",
        EligibilityStatus::Revoked => "revoked",
        EligibilityStatus::Lost => "lost",
    }
}

/// How a statement stands at `now`, given whether its oracle still stands: `eligible`,
/// `expired`, `revoked`, `lost` or `oracle_inactive`.
pub fn standing(r: &EligibilityRecord, now: u64, oracle_stands: bool) -> &'static str {
    let s = &r.statement;
    match s.status {
        EligibilityStatus::Eligible if now >= s.expires_at.seconds() => "expired",
        EligibilityStatus::Eligible if !oracle_stands => "oracle_inactive",
        other => status_word(other),
    }
}

pub fn eligibility_record_json(r: &EligibilityRecord) -> Value {
    let s = &r.statement;
    json!({
        "id": s.id,
        "account": s.account,
        "status": status_word(s.status),
        "holder": s.holder,
        "class": s.class.as_str(),
        "jurisdiction": s.jurisdiction,
        "oracle": s.oracle,
        "issued_at": format_rfc3339(s.issued_at.seconds()),
        "expires_at": format_rfc3339(s.expires_at.seconds()),
        "evidence": r.evidence.digest,
        "evidence_uri": r.evidence.uri,
        "revoked_at": r.revoked_at.map(|t| format_rfc3339(t.seconds())),
        "revocation": r.revocation.as_ref().map(|e| &e.digest),
    })
}

/// One statement in a line; `earlier` for one of the account's history, which a later one
/// superseded (shown so unless revoked or lost).
pub fn eligibility_line(r: &EligibilityRecord, earlier: bool) -> String {
    let s = &r.statement;
    let status = match s.status {
        EligibilityStatus::Eligible if earlier => "superseded",
        other => status_word(other),
    };
    format!(
        "  statement {:<4} {}  {} in {}  holder {}…  by {}  until {}  {}{}",
        s.id,
        format_time(s.issued_at.seconds()),
        s.class,
        s.jurisdiction,
        &s.holder[..s.holder.len().min(12)],
        s.oracle,
        format_time(s.expires_at.seconds()),
        status.to_uppercase(),
        r.revoked_at
            .map(|t| format!(" {}", format_time(t.seconds())))
            .unwrap_or_default()
    )
}

/// What `rwa-gate eligibility` read: the current statement (if any), how it stands, and the
/// earlier ones when asked.
pub struct EligibilityView {
    pub account: String,
    pub current: Option<EligibilityRecord>,
    pub oracle_stands: bool,
    pub history: Option<Vec<EligibilityRecord>>,
    pub now: u64,
}

pub fn eligibility(v: &EligibilityView) -> Output {
    let standing = v
        .current
        .as_ref()
        .map(|r| standing(r, v.now, v.oracle_stands));
    let mut value = json!({
        "ok": true,
        "account": v.account,
        "eligible": standing == Some("eligible"),
        "standing": standing.unwrap_or("none"),
        "statement": v.current.as_ref().map(eligibility_record_json),
    });
    let mut text = match (&v.current, standing) {
        (None, _) => format!(
            "{} has no eligibility statement: no token with distribution terms may move to it.",
            v.account
        ),
        (Some(r), Some(standing)) => {
            let s = &r.statement;
            let how = match standing {
                "eligible" => format!(
                    "ELIGIBLE until {} (in {})",
                    format_time(s.expires_at.seconds()),
                    format_span(s.expires_at.seconds().saturating_sub(v.now).max(1))
                ),
                "expired" => format!("EXPIRED {}", format_time(s.expires_at.seconds())),
                "oracle_inactive" => format!(
                    "NOT ELIGIBLE: its oracle {} is no longer an active eligibility oracle",
                    s.oracle
                ),
                other => other.to_uppercase(),
            };
            format!(
                "{}: {how}\n{}",
                v.account,
                eligibility_line(r, false).trim_start_matches(' ')
            )
        }
        (Some(_), None) => String::new(),
    };
    if let Some(history) = &v.history {
        let earlier = history.iter().map(|r| {
            let mut entry = eligibility_record_json(r);
            entry["superseded"] = json!(r.statement.status == EligibilityStatus::Eligible);
            entry
        });
        value["history"] = json!(earlier.collect::<Vec<_>>());
        text.push_str(&format!("\nearlier statements ({}):", history.len()));
        for r in history {
            text.push('\n');
            text.push_str(&eligibility_line(r, true));
        }
    }
    (value, text)
}

/// An order; `decimals` and `symbol` are its asset's token's.
pub fn order(o: &Order, decimals: u8, symbol: &str) -> Output {
    let value = json!({
        "ok": true,
        "order": o.order.digest,
        "uri": o.order.uri,
        "asset": o.asset,
        "from": o.from,
        "to": o.to,
        "amount": o.amount,
        "decimals": decimals,
        "attested_by": o.attested_by,
        "attested_at": format_rfc3339(o.attested_at.seconds()),
        "executed": o.executed_at.is_some(),
        "executed_at": o.executed_at.map(|t| format_rfc3339(t.seconds())),
    });
    let done = match o.executed_at {
        Some(at) => format!("carried out {}", format_time(at.seconds())),
        None => "not carried out yet (the issuer runs `rwa-gate issuer execute-order`)".into(),
    };
    let text = format!(
        "Order {}: move {} {symbol} of asset {} from {} to {}\n  attested {} by {}; {done}",
        o.order.digest,
        format_units(o.amount.u128(), decimals),
        o.asset,
        o.from,
        o.to,
        format_time(o.attested_at.seconds()),
        o.attested_by
    );
    (value, text)
}
