//! Sending one batch: simulated (the registry names each action it would refuse: those are set
//! aside as refused and the rest is tried again), signed once, written to the database in
//! flight, then sent and waited for. A node gone mid-way leaves the batch in flight for the
//! next run to settle.

use rwa_gate::registry::OracleAction;
use rwa_gate_client::contracts::Registry;
use rwa_gate_client::{refused_actions, Error, Gas, SignedTx};

use crate::agent::plan::Step;
use crate::agent::report::SentBatch;
use crate::agent::store::{Row, State, Store, TxRow};
use crate::context::Ctx;
use crate::error::{client_fail, Res};

use super::db_fail;
use super::lookup::recorded;

/// New signatures after a node refused one outright for a wrong sequence.
const RESIGNS: usize = 3;

/// What became of one batch.
pub struct BatchResult {
    pub sent: Option<SentBatch>,
    pub refused: Vec<(String, String)>,
}

/// Sends `steps` as one batch (less the actions the registry refuses).
pub fn send_batch(
    ctx: &mut Ctx,
    store: &mut Store,
    mut steps: Vec<Step>,
    gas: Gas,
) -> Res<BatchResult> {
    let mut refused = Vec::new();
    let mut resigns = 0;
    while !steps.is_empty() {
        let signed = match sign(ctx, &steps, gas)? {
            Ok(signed) => signed,
            Err(Error::Contract { message, tx: None }) => {
                let named = refused_actions(&message);
                if named.is_empty() {
                    return Err(client_fail(
                        "post a batch",
                        Error::Contract { message, tx: None },
                    ));
                }
                set_aside(store, &mut steps, &named, &mut refused)?;
                continue;
            }
            Err(e) => return Err(client_fail("sign a batch", e)),
        };
        let row = tx_row(&signed, &steps);
        let rows: Vec<Row> = steps
            .iter()
            .map(|s| in_flight_row(store, s))
            .collect::<Res<_>>()?;
        store.begin(&row, &rows).map_err(db_fail)?;
        match ctx.client()?.send_signed(&signed) {
            Ok(Ok(outcome)) => {
                store
                    .included(&row, outcome.height, outcome.gas_used, &recorded(&outcome))
                    .map_err(db_fail)?;
                let sent = SentBatch {
                    hash: outcome.hash,
                    height: outcome.height,
                    gas_used: outcome.gas_used,
                    gas_wanted: outcome.gas_wanted,
                    actions: steps
                        .iter()
                        .map(|s| (s.kind.to_string(), s.sending.op.clone()))
                        .collect(),
                };
                return Ok(BatchResult {
                    sent: Some(sent),
                    refused,
                });
            }
            Ok(Err(expected)) if resigns < RESIGNS => {
                resigns += 1;
                let why = format!("refused for its sequence (the chain expects {expected})");
                store.not_included(&row, "dropped", &why).map_err(db_fail)?;
            }
            Ok(Err(expected)) => {
                let why = format!("refused for its sequence (the chain expects {expected})");
                store.not_included(&row, "dropped", &why).map_err(db_fail)?;
                return Err(crate::error::Fail::error(format!(
                    "Cannot post a batch: {why}."
                )));
            }
            Err(e @ Error::Contract { .. }) => {
                store
                    .not_included(&row, "failed", &format!("failed on chain: {e}"))
                    .map_err(db_fail)?;
                return Err(client_fail("post a batch", e));
            }
            // A node gone, a timeout: the batch stays in flight, settled by the next run.
            Err(e) => return Err(client_fail("post a batch", e)),
        }
    }
    Ok(BatchResult {
        sent: None,
        refused,
    })
}

/// The batch simulated for its gas (unless fixed) and signed once; the client's error (a
/// refusal among them) as it is.
fn sign(ctx: &mut Ctx, steps: &[Step], gas: Gas) -> Res<rwa_gate_client::Result<SignedTx>> {
    let actions: Vec<OracleAction> = steps.iter().map(|s| s.action.clone()).collect();
    let address = ctx.registry_address()?;
    let (client, wallet) = ctx.signer()?;
    Ok(Registry::new(client, address)
        .batch_msg(wallet, &actions)
        .and_then(|msg| client.sign_tx(wallet, &[msg], gas)))
}

/// Takes the actions the registry named out of `steps`, recording each decision as refused.
fn set_aside(
    store: &mut Store,
    steps: &mut Vec<Step>,
    named: &[rwa_gate_client::RefusedAction],
    refused: &mut Vec<(String, String)>,
) -> Res<()> {
    let mut rows = Vec::new();
    for n in named.iter().rev() {
        let index = n.index as usize;
        if index >= steps.len() {
            continue;
        }
        let step = steps.remove(index);
        let mut row = in_flight_row(store, &step)?;
        row.state = State::Refused;
        row.note = Some(n.reason.clone());
        rows.push(row);
        refused.push((step.decision, n.reason.clone()));
    }
    store.put_all(&rows).map_err(db_fail)
}

/// The database row of a step's decision as it stands (a new one when unknown).
fn in_flight_row(store: &Store, step: &Step) -> Res<Row> {
    // Read per step: batches are small and the rows change only through this run.
    let known = store.row(&step.decision).map_err(db_fail)?;
    Ok(known.unwrap_or_else(|| Row::new(&step.decision, step.kind, &step.target)))
}

fn tx_row(signed: &SignedTx, steps: &[Step]) -> TxRow {
    TxRow {
        hash: signed.hash.clone(),
        bytes: signed.bytes.clone(),
        signer: signed.signer.clone(),
        account_number: signed.account_number,
        sequence: signed.sequence,
        gas_limit: signed.gas_limit,
        state: "in_flight".into(),
        gas_used: None,
        actions: steps.iter().map(|s| s.sending.clone()).collect(),
        created_at: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0),
        done_at: None,
    }
}
