//! What the agent is unsure of, looked up on chain before anything is posted again: the
//! transactions it left in flight (by hash; else by the signer's sequence; else the same signed
//! bytes are sent again), and the decisions a new database does not know (the account's
//! current eligibility statement, the asset's attestations of the kind by this oracle).

use std::collections::HashMap;

use rwa_gate::distribution::{EligibilityRecord, EligibilityStatus};
use rwa_gate::{Attestation, AttestationKind, Statement, MAX_LIMIT};
use rwa_gate_client::{action_records, ChainAddress, Error, SignedTx, TxOutcome};

use crate::agent::decisions::{Body, Decision};
use crate::agent::report::Resolved;
use crate::agent::store::{Recorded, Row, State, Store, TxRow};
use crate::context::Ctx;
use crate::error::{client_fail, Fail, Res};

use super::db_fail;

/// Settles every transaction the database has in flight. A dry run only lists them.
pub fn settle_in_flight(ctx: &mut Ctx, store: &mut Store, dry_run: bool) -> Res<Vec<Resolved>> {
    let mut out = Vec::new();
    for tx in store.in_flight().map_err(db_fail)? {
        if dry_run {
            out.push(resolved(
                &tx,
                "unknown",
                None,
                Some("a dry run does not look".into()),
            ));
            continue;
        }
        out.push(settle(ctx, store, &tx)?);
    }
    Ok(out)
}

fn resolved(tx: &TxRow, outcome: &str, height: Option<u64>, note: Option<String>) -> Resolved {
    Resolved {
        hash: tx.hash.clone(),
        actions: tx.actions.len(),
        outcome: outcome.into(),
        height,
        note,
    }
}

/// One transaction in flight: found by hash; or never to be included (its sequence is spent);
/// or sent again, as the same bytes, and waited for.
fn settle(ctx: &mut Ctx, store: &mut Store, tx: &TxRow) -> Res<Resolved> {
    let doing = format!("look up transaction {}", tx.hash);
    let client = ctx.client()?;
    if let Some(found) = client
        .find_tx(&tx.hash)
        .map_err(|e| client_fail(&doing, e))?
    {
        return record_delivery(store, tx, found.into_outcome(), "included");
    }
    let signer: ChainAddress = tx
        .signer
        .parse()
        .map_err(|_| Fail::error(format!("bad signer {} in the database", tx.signer)))?;
    let sequence = client
        .account(&signer)
        .map_err(|e| client_fail(&doing, e))?
        .map(|(_, s)| s)
        .unwrap_or(0);
    if sequence > tx.sequence {
        let why = format!(
            "sequence {} was spent by another transaction: it can never be included",
            tx.sequence
        );
        store.not_included(tx, "dropped", &why).map_err(db_fail)?;
        return Ok(resolved(tx, "dropped", None, Some(why)));
    }
    // Not in a block, its sequence still open: it may sit in a mempool. Only these bytes may
    // ever take that sequence, so they are sent again and waited for.
    ctx.progress(&format!(
        "sending transaction {} again (same bytes)",
        tx.hash
    ));
    let signed = SignedTx {
        hash: tx.hash.clone(),
        bytes: tx.bytes.clone(),
        signer: tx.signer.clone(),
        account_number: tx.account_number,
        sequence: tx.sequence,
        gas_limit: tx.gas_limit,
    };
    match ctx.client()?.send_signed(&signed) {
        Ok(Ok(outcome)) => record_delivery(store, tx, Ok(outcome), "resent"),
        Ok(Err(expected)) => {
            let why = format!("the chain expects sequence {expected}: it can never be included");
            store.not_included(tx, "dropped", &why).map_err(db_fail)?;
            Ok(resolved(tx, "dropped", None, Some(why)))
        }
        Err(e @ Error::Contract { .. }) => record_delivery(store, tx, Err(e), "resent"),
        Err(e) => Err(client_fail(&doing, e)),
    }
}

/// Records an included transaction (or its failure on chain) in the database.
fn record_delivery(
    store: &mut Store,
    tx: &TxRow,
    delivery: rwa_gate_client::Result<TxOutcome>,
    how: &str,
) -> Res<Resolved> {
    match delivery {
        Ok(outcome) => {
            let recorded = recorded(&outcome);
            store
                .included(tx, outcome.height, outcome.gas_used, &recorded)
                .map_err(db_fail)?;
            Ok(resolved(tx, how, Some(outcome.height), None))
        }
        Err(e) => {
            let why = format!("failed on chain: {e}");
            store.not_included(tx, "failed", &why).map_err(db_fail)?;
            Ok(resolved(tx, "failed", None, Some(why)))
        }
    }
}

/// What each action of an included batch recorded, in batch order.
pub fn recorded(outcome: &TxOutcome) -> Vec<Recorded> {
    let records = action_records(outcome);
    let count = records
        .iter()
        .map(|r| r.index as usize + 1)
        .max()
        .unwrap_or(0);
    (0..count)
        .map(|i| {
            let r = records.iter().find(|r| r.index as usize == i);
            Recorded {
                record: r.and_then(|r| r.number("id")),
                expires_at: r.and_then(|r| r.number("expires_at")),
            }
        })
        .collect()
}

/// Looks up on chain each decision the database does not know, and records where it stands:
/// posted (found with the same content, by this oracle), revoked, or pending. Returns how many
/// were looked up and how many found.
pub fn adopt(
    ctx: &mut Ctx,
    store: &mut Store,
    decisions: &[Decision],
    rows: &mut HashMap<String, Row>,
    oracle: &str,
    dry_run: bool,
) -> Res<(usize, usize)> {
    let unknown: Vec<&Decision> = decisions
        .iter()
        .filter(|d| !rows.contains_key(&d.id))
        .collect();
    let (mut looked, mut found) = (0, 0);
    let mut batch = Vec::new();
    for d in unknown {
        let row = on_chain(ctx, d, oracle)?;
        looked += 1;
        found += usize::from(row.state != State::Pending);
        rows.insert(d.id.clone(), row.clone());
        batch.push(row);
        if batch.len() == 500 && !dry_run {
            store.put_all(&batch).map_err(db_fail)?;
            batch.clear();
        }
        if looked % 1_000 == 0 {
            ctx.progress(&format!(
                "looked up {looked} decisions on chain ({found} found)"
            ));
        }
    }
    if !dry_run {
        store.put_all(&batch).map_err(db_fail)?;
    }
    Ok((looked, found))
}

/// Where decision `d` stands on chain, as a row of the database.
fn on_chain(ctx: &mut Ctx, d: &Decision, oracle: &str) -> Res<Row> {
    let mut row = Row::new(&d.id, d.kind(), &d.target());
    match &d.body {
        Body::Eligibility {
            account,
            holder,
            class,
            jurisdiction,
        } => {
            let Some(rec) = eligibility(ctx, account)? else {
                return Ok(row);
            };
            let s = &rec.statement;
            let same = s.oracle.as_str() == oracle
                && &s.holder == holder
                && s.class == *class
                && &s.jurisdiction == jurisdiction
                && rec.evidence.digest == d.evidence.digest;
            if same {
                row.state = match (s.status, rec.revoked_at) {
                    (EligibilityStatus::Eligible, None) => State::Posted,
                    _ => State::Revoked,
                };
                row.fingerprint = Some(d.fingerprint());
                row.record = Some(s.id);
                row.expires_at = Some(s.expires_at.seconds());
            }
        }
        Body::Screening { asset, .. } => {
            adopt_attestation(ctx, d, asset, AttestationKind::Screening, oracle, &mut row)?
        }
        Body::Approval {
            asset, approval, ..
        } => adopt_attestation(ctx, d, asset, approval.kind(), oracle, &mut row)?,
    }
    Ok(row)
}

fn eligibility(ctx: &mut Ctx, account: &str) -> Res<Option<EligibilityRecord>> {
    match ctx.read(&format!("the eligibility of {account}"), |r| {
        r.eligibility(account)
    }) {
        Ok(record) => Ok(Some(record)),
        Err(fail) if fail.message.contains("no eligibility statement") => Ok(None),
        Err(fail) => Err(fail),
    }
}

/// The latest attestation of `kind` on `asset` by `oracle` with the decision's evidence.
fn adopt_attestation(
    ctx: &mut Ctx,
    d: &Decision,
    asset: &str,
    kind: AttestationKind,
    oracle: &str,
    row: &mut Row,
) -> Res<()> {
    let mine = oracle_attestations(ctx, asset, kind, oracle)?;
    let Some(a) = mine
        .iter()
        .rev()
        .find(|a| a.evidence.digest == d.evidence.digest)
    else {
        return Ok(());
    };
    row.state = if a.revoked_at.is_some() {
        State::Revoked
    } else {
        State::Posted
    };
    row.fingerprint = Some(d.fingerprint());
    row.record = Some(a.id);
    row.expires_at = Some(a.expires_at.seconds());
    if let Statement::Screening {
        negative_list_version,
        ..
    } = &a.statement
    {
        row.list_version = Some(*negative_list_version);
    }
    Ok(())
}

/// Every attestation of `kind` on `asset` by `oracle`, oldest first (an unknown asset has none).
pub fn oracle_attestations(
    ctx: &mut Ctx,
    asset: &str,
    kind: AttestationKind,
    oracle: &str,
) -> Res<Vec<Attestation>> {
    let mut all: Vec<Attestation> = Vec::new();
    loop {
        let after = all.last().map(|a| a.id);
        let page = match ctx.read(&format!("the attestations of asset {asset}"), |r| {
            r.attestations(asset, Some(kind), after, MAX_LIMIT)
        }) {
            Ok(page) => page,
            Err(fail) if fail.message.contains("not found") => return Ok(Vec::new()),
            Err(fail) => return Err(fail),
        };
        let short = page.len() < MAX_LIMIT as usize;
        all.extend(page);
        if short {
            break;
        }
    }
    all.retain(|a| a.oracle.as_str() == oracle);
    Ok(all)
}
