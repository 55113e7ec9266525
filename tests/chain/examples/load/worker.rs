//! The senders: one thread per account, one transaction at a time, each planned from the
//! account's role and step.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use cosmwasm_std::Uint128;
use rwa_gate::registry::ExecuteMsg as RegistryMsg;
use rwa_gate::token::ExecuteMsg as TokenMsg;
use rwa_gate::{AttestationKind, FlagReason, Subject};
use rwa_gate_client::{Client, Error, Gas, TxOutcome, Wallet};
use serde_json::Value;

use crate::args::{Args, Dialect};
use crate::messages::{self, AttestSpec};
use crate::model::{Effect, Intent, Outcome};
use crate::setup::Deployed;
use crate::{client_for, evidence, hex_digest, LOAD_GAS, MAX_OWN_ACTIVE_FLAGS, R};

pub struct Shared {
    pub done: AtomicUsize,
    pub stop: AtomicBool,
    /// Per oracle: ids of the flags it raised that no one has taken to clear yet.
    pub to_clear: Mutex<Vec<VecDeque<u64>>>,
    /// Per oracle: flags on its entity raised and not yet seen cleared.
    pub active: Mutex<Vec<usize>>,
    /// Flag id -> evidence digest of its raise.
    pub flag_digests: Mutex<BTreeMap<u64, String>>,
    /// Current node of each worker's client.
    pub current: Mutex<Vec<String>>,
    pub intents: Mutex<Vec<Intent>>,
    /// The dialect of the registry now (it changes when the registry is migrated).
    pub dialect: Mutex<Dialect>,
    /// While set, no worker starts a transaction (a migration wants a state nothing changes).
    pub hold: AtomicBool,
    /// Workers between deciding to send and recording the outcome.
    pub busy: AtomicUsize,
}

impl Shared {
    pub fn new(args: &Args, workers: usize) -> Shared {
        Shared {
            done: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            to_clear: Mutex::new(vec![VecDeque::new(); args.oracles]),
            active: Mutex::new(vec![0; args.oracles]),
            flag_digests: Mutex::new(BTreeMap::new()),
            current: Mutex::new(vec![String::new(); workers]),
            intents: Mutex::new(Vec::new()),
            dialect: Mutex::new(args.dialect),
            hold: AtomicBool::new(false),
            busy: AtomicUsize::new(0),
        }
    }

    /// Stops new transactions and waits until none is in flight (or `timeout` passes).
    pub fn hold_and_drain(&self, timeout: Duration) -> R<()> {
        self.hold.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + timeout;
        while self.busy.load(Ordering::SeqCst) > 0 {
            if Instant::now() > deadline {
                return Err(format!(
                    "{} transactions still in flight after {} s of hold",
                    self.busy.load(Ordering::SeqCst),
                    timeout.as_secs()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    pub fn release(&self) {
        self.hold.store(false, Ordering::SeqCst);
    }

    /// Marks this worker busy unless a hold is on; waits out the hold. False once the load
    /// must end.
    fn enter(&self, deadline: Instant) -> bool {
        loop {
            if Instant::now() > deadline || self.stop.load(Ordering::SeqCst) {
                return false;
            }
            // Busy first, then the hold: a holder that sees no one busy sees every later
            // worker see its hold.
            self.busy.fetch_add(1, Ordering::SeqCst);
            if !self.hold.load(Ordering::SeqCst) {
                return true;
            }
            self.busy.fetch_sub(1, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn leave(&self) {
        self.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[derive(Clone, Copy)]
pub enum Role {
    Oracle(usize),
    Issuer(usize),
}

fn to_value<M: serde::Serialize>(msg: &M) -> Value {
    serde_json::to_value(msg).unwrap_or(Value::Null)
}

/// The next transaction of a worker: the contract, the message as JSON, its effect.
fn plan(
    role: Role,
    step: usize,
    d: &Deployed,
    shared: &Shared,
    oracles: &[String],
) -> (String, Value, Effect) {
    match role {
        Role::Oracle(i) => plan_oracle(i, step, d, shared, oracles),
        Role::Issuer(j) => plan_issuer(j, step, d),
    }
}

/// Oracle `i`: a Filing, a Screening, a flag on its own entity (while it has room), and a
/// clear of the next oracle's flag, in turn; an attestation when there is nothing to flag or
/// clear.
fn plan_oracle(
    i: usize,
    step: usize,
    d: &Deployed,
    shared: &Shared,
    oracles: &[String],
) -> (String, Value, Effect) {
    let asset = &d.assets[(i + step / 4) % d.assets.len()];
    let attest = |kind: AttestationKind| {
        let digest = hex_digest(&format!("oracle {i} step {step} {kind:?}"));
        let spec = AttestSpec {
            asset,
            kind,
            digest: &digest,
            expires_at: d.expires_at,
            lookback_from: d.lookback_from,
        };
        let msg = messages::attest(*lock(&shared.dialect), &spec);
        let effect = Effect::Attest {
            asset: asset.clone(),
            oracle: oracles[i].clone(),
            kind,
            digest,
        };
        (d.registry.clone(), msg, effect)
    };
    let may_raise = lock(&shared.active)[i] < MAX_OWN_ACTIVE_FLAGS;
    match step % 4 {
        0 => attest(AttestationKind::Filing),
        1 => attest(AttestationKind::Screening),
        2 if may_raise => {
            let seed = format!("oracle {i} step {step} flag");
            let msg = RegistryMsg::RaiseFlag {
                subject: Subject::Entity(format!("watch-{i}")),
                reason: FlagReason::UnderInvestigation,
                evidence: evidence(&seed),
            };
            // Counted before it is sent: the bound holds whatever its fate.
            lock(&shared.active)[i] += 1;
            let effect = Effect::Raise {
                oracle: i,
                entity: format!("watch-{i}"),
                digest: hex_digest(&seed),
            };
            (d.registry.clone(), to_value(&msg), effect)
        }
        2 => attest(AttestationKind::Filing),
        _ => {
            let raiser = (i + 1) % oracles.len();
            let flag = lock(&shared.to_clear)[raiser].pop_front();
            match flag {
                Some(flag) => {
                    let msg = RegistryMsg::ClearFlag {
                        id: flag,
                        conclusion: evidence(&format!("oracle {i} step {step} clear")),
                    };
                    (
                        d.registry.clone(),
                        to_value(&msg),
                        Effect::Clear { raiser, flag },
                    )
                }
                None => attest(AttestationKind::Screening),
            }
        }
    }
}

/// Issuer `j`: mints to itself and to the holders, and transfers to the holders, in turn.
fn plan_issuer(j: usize, step: usize, d: &Deployed) -> (String, Value, Effect) {
    let me = d.issuers[j].address().to_string();
    let holder = d.holders[(j + step / 2) % d.holders.len()].clone();
    let (to, amount, transfer) = match step % 4 {
        0 => (me.clone(), 1_000 + step as u128, false),
        1 => (holder, 10 + (step % 40) as u128, true),
        2 => (holder, 500 + step as u128, false),
        _ => (holder, 20 + (step % 30) as u128, true),
    };
    let (msg, effect) = if transfer {
        let msg = TokenMsg::Transfer {
            recipient: to.clone(),
            amount: Uint128::new(amount),
        };
        let effect = Effect::Transfer {
            asset: j,
            from: me,
            to,
            amount,
        };
        (msg, effect)
    } else {
        let msg = TokenMsg::Mint {
            recipient: to.clone(),
            amount: Uint128::new(amount),
        };
        let effect = Effect::Mint {
            asset: j,
            to,
            amount,
        };
        (msg, effect)
    };
    (d.tokens[j].clone(), to_value(&msg), effect)
}

/// One worker's account, role and share of the load.
pub struct Worker<'a> {
    pub index: usize,
    pub role: Role,
    pub wallet: &'a Wallet,
    pub quota: usize,
}

/// What every worker shares: the run, the deployment, the shared state, the oracle addresses.
pub struct Context<'a> {
    pub args: &'a Args,
    pub d: &'a Deployed,
    pub shared: &'a Shared,
    pub oracles: &'a [String],
    pub deadline: Instant,
}

impl Worker<'_> {
    pub fn run(&self, cx: &Context) -> R<rwa_gate_client::Stats> {
        let client = client_for(cx.args, self.index)?;
        for step in 0..self.quota {
            if !cx.shared.enter(cx.deadline) {
                break;
            }
            lock(&cx.shared.current)[self.index] = client.current_node().to_string();
            let (contract, msg, effect) = plan(self.role, step, cx.d, cx.shared, cx.oracles);
            let intent = self.send(&client, cx.shared, &contract, &msg, effect);
            lock(&cx.shared.intents).push(intent);
            cx.shared.done.fetch_add(1, Ordering::SeqCst);
            cx.shared.leave();
        }
        lock(&cx.shared.current)[self.index] = client.current_node().to_string();
        Ok(client.stats())
    }

    /// Signs and sends one transaction and records what became of it.
    fn send(
        &self,
        client: &Client,
        shared: &Shared,
        contract: &str,
        msg: &Value,
        effect: Effect,
    ) -> Intent {
        let mut signed: Vec<(String, u64)> = Vec::new();
        let started = Instant::now();
        let result = client
            .execute_msg(self.wallet, contract, msg, &[])
            .and_then(|any| {
                client.broadcast_tracked(self.wallet, &[any], Gas::Fixed(LOAD_GAS), &mut |tx| {
                    signed.push((tx.hash.clone(), tx.sequence))
                })
            });
        let outcome = match result {
            Ok(outcome) => included(shared, &effect, outcome, started),
            Err(Error::Contract {
                message,
                tx: Some(hash),
            }) => {
                if let Effect::Raise { oracle, .. } = &effect {
                    let mut active = lock(&shared.active);
                    active[*oracle] = active[*oracle].saturating_sub(1);
                }
                Outcome::Refused {
                    hash,
                    reason: message,
                }
            }
            Err(e) if signed.is_empty() => Outcome::NotSent {
                reason: e.to_string(),
            },
            Err(e) => Outcome::Unknown {
                reason: e.to_string(),
            },
        };
        Intent {
            worker: self.index,
            signer: self.wallet.address().to_string(),
            effect,
            signed,
            outcome,
        }
    }
}

/// Records what an included transaction changes for later plans (flags to clear, room to
/// raise); its outcome.
fn included(shared: &Shared, effect: &Effect, outcome: TxOutcome, started: Instant) -> Outcome {
    match effect {
        Effect::Raise { oracle, digest, .. } => {
            let id = outcome
                .wasm_attr("flag")
                .and_then(|v| v.parse::<u64>().ok());
            if let Some(id) = id {
                lock(&shared.flag_digests).insert(id, digest.clone());
                lock(&shared.to_clear)[*oracle].push_back(id);
            }
        }
        Effect::Clear { raiser, .. } => {
            let mut active = lock(&shared.active);
            active[*raiser] = active[*raiser].saturating_sub(1);
        }
        _ => {}
    }
    Outcome::Included {
        hash: outcome.hash,
        height: outcome.height,
        latency: started.elapsed(),
    }
}
