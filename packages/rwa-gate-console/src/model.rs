//! The page model: what each view of the console shows, as the JSON the page renders, built
//! from a live read of the chain ([`crate::chain`]) and the index ([`crate::index`]). Times are
//! seconds since the epoch; amounts are base units (exact, as text) with the token's decimals,
//! and whole units for display.

use std::collections::BTreeSet;

use rwa_gate::Denial;
use serde_json::{json, Value};

use crate::chain::{AssetLive, Snapshot};
use crate::error::Result;
use crate::index::{AttestationRow, FlagRow, Index};

/// Points of the supply line at most: a page draws a curve, not 10,000 steps.
const SUPPLY_POINTS: usize = 600;
/// Mints listed on an asset's page at first (the page asks for more).
pub const MINTS_PAGE: u32 = 50;

/// `base` units of a token with `decimals`, in whole units: `1500000`, 6 -> `1.5`.
pub fn units(base: u128, decimals: u8) -> String {
    let scale = 10u128.pow(u32::from(decimals.min(38)));
    let (whole, frac) = (base / scale, base % scale);
    if frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:0width$}", width = usize::from(decimals));
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// A denial in the words of `check_issuance` (the registry's own text), with its code.
pub fn reason(denial: &Denial) -> Value {
    let code = match serde_json::to_value(denial).unwrap_or(Value::Null) {
        Value::String(s) => s,
        Value::Object(map) => map.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    json!({"code": code, "text": denial.to_string()})
}

/// An asset's line of the overview: state with every reason, minted against the cap, issuer,
/// token.
pub fn summary(live: &AssetLive) -> Value {
    let a = &live.asset;
    let (minted, cap, supply) = live.minted.as_ref().map_or((0, 0, 0), |m| {
        (m.minted.u128(), m.cap.u128(), m.total_supply.u128())
    });
    let d = live.decimals;
    json!({
        "id": a.id,
        "state": if live.decision.allowed { "cleared" } else { "blocked" },
        "reasons": live.decision.reasons.iter().map(reason).collect::<Vec<_>>(),
        "issuer": a.issuer,
        "token": a.token,
        "symbol": live.symbol,
        "decimals": d,
        "minted": minted.to_string(),
        "cap": cap.to_string(),
        "minted_units": units(minted, d),
        "cap_units": units(cap, d),
        "supply_units": units(supply, d),
        "plan_max_units": units(a.plan.max_supply.u128(), d),
        "retired": matches!(a.status, rwa_gate::AssetStatus::Retired),
        "paused": a.paused,
    })
}

/// The overview: every asset, the issuers (for the filter), the relied-on attestations that
/// lapse within `days` days with the asset each would block, and the oracles.
pub fn overview(snap: &Snapshot, index: &Index, days: u64) -> Result<Value> {
    let issuers: BTreeSet<String> = snap
        .assets
        .iter()
        .map(|a| a.asset.issuer.to_string())
        .collect();
    let mut oracles = Vec::new();
    for o in &snap.oracles {
        let last = index.activity(o.address.as_str())?;
        oracles.push(json!({
            "address": o.address,
            "scopes": scopes(&o.scopes),
            "status": if o.is_active() { "active" } else { "suspended" },
            "added_at": o.added_at.seconds(),
            "last_activity": last.map(|l| json!({"action": l.action, "height": l.height, "time": l.time})),
        }));
    }
    Ok(json!({
        "height": snap.height,
        "time": snap.time,
        "assets": snap.assets.iter().map(summary).collect::<Vec<_>>(),
        "issuers": issuers,
        "lapsing": {"days": days, "items": lapsing(snap, days)},
        "oracles": oracles,
    }))
}

fn scopes(s: &rwa_gate::Scopes) -> Vec<&'static str> {
    [
        (s.filing, "filing"),
        (s.screening, "screening"),
        (s.flags, "flags"),
        (s.cross_border_investment, "cross_border_investment"),
        (s.foreign_exchange, "foreign_exchange"),
        (s.data_security, "data_security"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| *name)
    .collect()
}

/// The attestations a clearance relies on: its Filings, Screenings and R3 approvals.
pub fn relied_ids(c: &rwa_gate::Clearance) -> impl Iterator<Item = &u64> {
    let approvals = c.approvals.iter().flat_map(|a| &a.support.attestations);
    c.filing
        .attestations
        .iter()
        .chain(&c.screening.attestations)
        .chain(approvals)
}

/// Relied-on attestations expiring in `(now, now + days]`, soonest first: when one lapses,
/// the clearance that relies on it denies issuance (`FilingExpired`/`ScreeningExpired`) until
/// another attestation is posted and relied on.
fn lapsing(snap: &Snapshot, days: u64) -> Vec<Value> {
    let until = snap.time.saturating_add(days.saturating_mul(86_400));
    let mut items: Vec<(u64, Value)> = Vec::new();
    for live in &snap.assets {
        let Some(c) = &live.clearance else { continue };
        for id in relied_ids(c) {
            let Some(att) = snap.relied.get(id) else {
                continue;
            };
            let at = att.expires_at.seconds();
            if at > snap.time && at <= until {
                items.push((
                    at,
                    json!({
                        "attestation": id,
                        "kind": att.statement.kind().as_str(),
                        "oracle": att.oracle,
                        "expires_at": at,
                        "asset": live.asset.id,
                        "blocks": [live.asset.id],
                    }),
                ));
            }
        }
    }
    items.sort_by_key(|(at, _)| *at);
    items.into_iter().map(|(_, v)| v).collect()
}

/// An asset's page: parties and terms, the timeline, and the latest mints.
pub fn asset_page(live: &AssetLive, index: &Index, height: u64, now: u64) -> Result<Value> {
    let a = &live.asset;
    let (mints, total) = index.mints(&a.id, None, MINTS_PAGE)?;
    Ok(json!({
        "height": height,
        "time": now,
        "summary": summary(live),
        "parties": {
            "issuer": a.issuer,
            "filing_entity": a.filing_entity,
            "related_parties": a.related_parties.iter().map(|p| json!({
                "entity": p.entity,
                "role": serde_json::to_value(p.role).unwrap_or(Value::Null),
            })).collect::<Vec<_>>(),
            "minters": a.minters,
        },
        "terms": {
            "plan_version": a.plan_version,
            "plan_max_units": units(a.plan.max_supply.u128(), live.decimals),
            "materials_digest": a.plan.materials_digest,
            "registered_at": a.registered_at.seconds(),
            "relied_filings": live.clearance.as_ref().map(|c| c.filing.attestations.clone()),
            "relied_screenings": live.clearance.as_ref().map(|c| c.screening.attestations.clone()),
        },
        "timeline": timeline(live, index, now)?,
        "mints": {"total": total, "items": mints.iter().map(|m| mint_json(m, live.decimals)).collect::<Vec<_>>()},
    }))
}

pub fn mint_json(m: &crate::index::MintRow, decimals: u8) -> Value {
    let amount: u128 = m.amount.parse().unwrap_or(0);
    let minted: u128 = m.minted.parse().unwrap_or(0);
    json!({
        "seq": m.seq, "height": m.height, "time": m.time, "tx": m.tx, "to": m.to,
        "amount_units": units(amount, decimals), "minted_units": units(minted, decimals),
        "filings": ids(&m.filings), "screenings": ids(&m.screenings),
    })
}

fn ids(list: &str) -> Vec<u64> {
    list.split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

/// The timeline: one lane per (kind, oracle) of attestation bars from issue to expiry or
/// revocation, a lane of flags from raised to cleared, markers for the asset's other events,
/// and the cumulative minted supply against the cap.
fn timeline(live: &AssetLive, index: &Index, now: u64) -> Result<Value> {
    let a = &live.asset;
    let attestations = index.attestations(&a.id)?;
    let mut subjects = vec![("asset", a.id.as_str())];
    subjects.extend(a.subjects().map(|s| ("entity", s)));
    let flags = index.flags(&subjects)?;
    let events = index.events(&a.id)?;
    let supply = index.supply_series(&a.id)?;
    let relied: BTreeSet<u64> = live
        .clearance
        .as_ref()
        .map_or_else(BTreeSet::new, |c| relied_ids(c).copied().collect());
    let mut lanes: Vec<String> = Vec::new();
    let bars: Vec<Value> = attestations
        .iter()
        .map(|r| attestation_bar(r, &mut lanes, relied.contains(&r.id), now))
        .collect();
    let start = [
        a.registered_at.seconds(),
        attestations.first().map_or(now, |r| r.time),
        events.first().map_or(now, |e| e.time),
    ]
    .into_iter()
    .min()
    .unwrap_or(now);
    Ok(json!({
        "start": start,
        "now": now,
        "lanes": lanes,
        "attestations": bars,
        "flags": flags.iter().map(|f| flag_bar(f, now)).collect::<Vec<_>>(),
        "markers": events.iter().map(|e| json!({
            "action": e.action, "height": e.height, "time": e.time, "tx": e.tx, "detail": e.detail,
        })).collect::<Vec<_>>(),
        "supply": downsample(&supply, live.decimals),
        "cap_units": live.minted.as_ref().map(|m| units(m.cap.u128(), live.decimals)),
        "plan_max_units": units(a.plan.max_supply.u128(), live.decimals),
    }))
}

fn attestation_bar(r: &AttestationRow, lanes: &mut Vec<String>, relied: bool, now: u64) -> Value {
    let lane_name = format!("{} by {}", r.kind, r.oracle);
    let lane = lanes
        .iter()
        .position(|l| *l == lane_name)
        .unwrap_or_else(|| {
            lanes.push(lane_name);
            lanes.len() - 1
        });
    let (end, how) = match r.revoked {
        Some((_, at)) if at < r.expires_at => (at, "revoked"),
        _ if r.expires_at <= now => (r.expires_at, "expired"),
        _ => (r.expires_at, "valid"),
    };
    json!({
        "id": r.id, "kind": r.kind, "oracle": r.oracle, "lane": lane, "height": r.height,
        "from": r.time, "to": end, "end": how, "expires_at": r.expires_at, "tx": r.tx,
        "superseded_by": r.superseded_by, "relied": relied,
    })
}

fn flag_bar(f: &FlagRow, now: u64) -> Value {
    json!({
        "id": f.id, "subject": format!("{} {}", f.subject_kind, f.subject), "rule": f.rule,
        "reason": f.reason.replace('_', " "), "oracle": f.oracle, "height": f.height,
        "from": f.time, "to": f.ended.as_ref().map_or(now, |e| e.1),
        "ended": f.ended.as_ref().map(|e| e.2.clone()), "tx": f.tx,
    })
}

/// At most `SUPPLY_POINTS` points `[time, height, minted in whole units]` of the cumulative
/// minted supply, the last of each run kept (the curve only rises, so nothing is hidden).
fn downsample(series: &[(u64, u64, u128)], decimals: u8) -> Vec<Value> {
    let step = series.len().div_ceil(SUPPLY_POINTS).max(1);
    let mut points: Vec<Value> = series
        .chunks(step)
        .filter_map(|c| c.last())
        .map(|(h, t, m)| json!([t, h, units(*m, decimals)]))
        .collect();
    if points.is_empty() {
        points.push(json!([0, 0, "0"]));
    }
    points
}

/// "The record as of" `height`: the chain's own answer at that height (the asset, its verdict,
/// clearance and minted), with the index's attestations and mints up to it.
pub fn as_of(live: &AssetLive, index: &Index, height: u64, time: u64) -> Result<Value> {
    let in_force: Vec<u64> = index
        .attestations(&live.asset.id)?
        .iter()
        .filter(|r| r.height <= height && r.expires_at > time)
        .filter(|r| r.revoked.is_none_or(|(h, _)| h > height))
        .map(|r| r.id)
        .collect();
    let supply = index.supply_series(&live.asset.id)?;
    let mints = supply.iter().filter(|(h, _, _)| *h <= height).count();
    Ok(json!({
        "height": height,
        "time": time,
        "summary": summary(live),
        "relied_filings": live.clearance.as_ref().map(|c| c.filing.attestations.clone()),
        "relied_screenings": live.clearance.as_ref().map(|c| c.screening.attestations.clone()),
        "blockers": live.clearance.as_ref().map(|c| c.blockers.iter().map(|b| json!({
            "flag": b.flag, "subject": b.subject.to_string(), "rule": b.reason.rule(),
        })).collect::<Vec<_>>()),
        "attestations_unexpired": in_force,
        "mints_to_date": mints,
    }))
}

#[cfg(test)]
mod tests;
