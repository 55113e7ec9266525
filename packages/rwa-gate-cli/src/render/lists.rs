//! `list`: assets, oracles and flags, one line each.

use rwa_gate::{Asset, AssetStatus, Flag, Oracle, OracleStatus, Subject};
use serde_json::{json, Value};

use crate::human::{format_rfc3339, format_time};
use crate::render::records::{flag_history_line, flag_json};
use crate::render::Output;

pub fn assets(assets: &[Asset]) -> Output {
    let rows: Vec<Value> = assets
        .iter()
        .map(|a| {
            json!({"id": a.id, "issuer": a.issuer, "token": a.token,
                "filing_entity": a.filing_entity,
                "related_parties": a.related_parties.iter().map(|p| &p.entity).collect::<Vec<_>>(),
                "status": if a.status == AssetStatus::Retired { "retired" } else { "active" },
                "paused": a.paused, "plan_version": a.plan_version,
                "registered_at": format_rfc3339(a.registered_at.seconds())})
        })
        .collect();
    let mut text = vec![format!("{} asset(s)", assets.len())];
    text.extend(assets.iter().map(|a| {
        format!(
            "  {:<20} issuer {}  token {}  filing entity {}{}{}",
            a.id,
            a.issuer,
            a.token.as_ref().map(|t| t.as_str()).unwrap_or("-"),
            a.filing_entity,
            if a.paused { "  PAUSED" } else { "" },
            if a.status == AssetStatus::Retired {
                "  RETIRED"
            } else {
                ""
            },
        )
    }));
    (json!({"ok": true, "assets": rows}), text.join("\n"))
}

fn scopes_words(o: &Oracle) -> String {
    let names: Vec<&str> = [
        (o.scopes.filing, "filing"),
        (o.scopes.screening, "screening"),
        (o.scopes.flags, "flags"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, n)| *n)
    .collect();
    names.join(",")
}

pub fn oracles(oracles: &[Oracle]) -> Output {
    let status = |o: &Oracle| match o.status {
        OracleStatus::Active => "active",
        OracleStatus::Suspended => "suspended",
    };
    let rows: Vec<Value> = oracles
        .iter()
        .map(|o| {
            json!({"address": o.address, "scopes": o.scopes, "status": status(o),
                   "added_at": format_rfc3339(o.added_at.seconds())})
        })
        .collect();
    let mut text = vec![format!("{} oracle(s)", oracles.len())];
    text.extend(oracles.iter().map(|o| {
        format!(
            "  {}  {:<9}  {:<24}  added {}",
            o.address,
            status(o),
            scopes_words(o),
            format_time(o.added_at.seconds())
        )
    }));
    (json!({"ok": true, "oracles": rows}), text.join("\n"))
}

/// `need`: the votes that clear a flag.
pub fn flags(subject: &Subject, flags: &[Flag], need: u32) -> Output {
    let rows: Vec<Value> = flags.iter().map(|f| flag_json(f, need)).collect();
    let mut text = vec![format!("{} flag(s) on {subject}", flags.len())];
    text.extend(flags.iter().map(|f| flag_history_line(f, need)));
    (
        json!({"ok": true, "subject": subject.to_string(), "flags": rows}),
        text.join("\n"),
    )
}
