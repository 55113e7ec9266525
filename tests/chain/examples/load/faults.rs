//! Faults: validators killed, hung and restarted by PID through `scripts/chain.sh`, on a
//! schedule of fractions of the load; and watching the nodes catch up.

use std::collections::VecDeque;
use std::process::Command;
use std::time::{Duration, Instant};

use rwa_gate_chain_tests::{localnet, repo_root};
use rwa_gate_client::{ChainConfig, Client};
use serde_json::{json, Value};

use crate::args::{Args, Faults};
use crate::worker::{lock, Shared};
use crate::{progress, secs, R};

#[derive(Clone, Copy, Debug)]
enum Action {
    /// SIGKILL a fixed node.
    Kill(usize),
    /// SIGSTOP the node worker 0 talks to now.
    HangWorkerNode,
    /// SIGKILL the node worker 0 talks to now.
    KillWorkerNode,
    /// SIGKILL the node hung before.
    KillHung,
    /// Start the node(s) down again; later faults wait until they have caught up.
    RestartDown,
}

fn schedule(faults: Faults, validators: usize) -> Vec<(f64, Action)> {
    match faults {
        Faults::Full => vec![
            (0.15, Action::Kill(validators - 1)),
            (0.35, Action::RestartDown),
            (0.50, Action::HangWorkerNode),
            (0.62, Action::KillHung),
            (0.75, Action::RestartDown),
        ],
        Faults::Short => vec![(0.25, Action::KillWorkerNode), (0.55, Action::RestartDown)],
        Faults::None => vec![],
    }
}

pub fn chain_sh(validators: usize, command: &str, node: usize) -> R<String> {
    let script = repo_root().join("scripts/chain.sh");
    let out = Command::new("bash")
        .arg(&script)
        .args(["--validators", &validators.to_string(), command])
        .arg(node.to_string())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() {
        return Err(format!(
            "chain.sh {command} {node} failed: {text} {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(text.lines().last().unwrap_or_default().to_string())
}

/// Single-node clients, one per node, for watching and checking (short timeouts).
pub fn node_clients(args: &Args) -> Vec<Option<Client>> {
    args.nodes
        .iter()
        .map(|url| {
            let mut config = ChainConfig::with_nodes(vec![url.clone()], localnet().config.chain_id);
            config.request_timeout = Duration::from_secs(2);
            Client::connect(config).ok()
        })
        .collect()
}

/// Height and catching-up of each node; `None` for a node that does not answer.
pub fn heights(args: &Args) -> Vec<Option<(u64, bool)>> {
    node_clients(args)
        .iter()
        .map(|c| {
            c.as_ref()
                .and_then(|c| c.node_statuses().pop())
                .and_then(|s| s.ok())
                .map(|s| (s.height, s.catching_up))
        })
        .collect()
}

pub fn caught_up(args: &Args) -> bool {
    let hs = heights(args);
    let max = hs.iter().flatten().map(|(h, _)| *h).max().unwrap_or(0);
    hs.iter()
        .all(|h| matches!(h, Some((height, false)) if height + 2 >= max))
}

/// The faults of a run as they happen: the schedule still to come, the nodes down or hung,
/// and the log for the report.
pub struct FaultRunner {
    schedule: VecDeque<(f64, Action)>,
    down: Vec<usize>,
    hung: Option<usize>,
    waiting_catch_up: bool,
    pub log: Vec<Value>,
}

impl FaultRunner {
    pub fn new(args: &Args) -> FaultRunner {
        FaultRunner {
            schedule: schedule(args.faults, args.validators).into(),
            down: Vec::new(),
            hung: None,
            waiting_catch_up: false,
            log: Vec::new(),
        }
    }

    /// Takes the next fault when its time has come (after the nodes caught up from the last
    /// restart). `at` is the time into the load, `done` the transactions done so far.
    pub fn tick(&mut self, args: &Args, shared: &Shared, done: usize, at: f64, started: Instant) {
        if self.waiting_catch_up {
            if caught_up(args) {
                self.waiting_catch_up = false;
                progress(started, "faults: every node has caught up");
                self.log
                    .push(json!({"at_s": at, "after_txs": done, "action": "caught_up"}));
            }
            return;
        }
        let fraction = done as f64 / args.txs.max(1) as f64;
        let Some(&(when, action)) = self.schedule.front() else {
            return;
        };
        if fraction < when {
            return;
        }
        self.schedule.pop_front();
        let worker_node = || {
            let url = lock(&shared.current)[0].clone();
            args.nodes.iter().position(|n| *n == url).unwrap_or(0)
        };
        let (command, targets) = match action {
            Action::Kill(n) => ("kill", vec![n]),
            Action::KillWorkerNode => ("kill", vec![worker_node()]),
            Action::HangWorkerNode => ("hang", vec![worker_node()]),
            Action::KillHung => ("kill", vec![self.hung.unwrap_or(0)]),
            Action::RestartDown => ("restart", std::mem::take(&mut self.down)),
        };
        for node in targets {
            self.act(args, command, node, done, at, started);
        }
    }

    fn act(
        &mut self,
        args: &Args,
        command: &str,
        node: usize,
        done: usize,
        at: f64,
        started: Instant,
    ) {
        match chain_sh(args.validators, command, node) {
            Ok(line) => {
                progress(
                    started,
                    &format!("faults: {line} (after {done} transactions)"),
                );
                self.log.push(json!({"at_s": at, "after_txs": done,
                    "action": command, "node": node, "rpc": args.nodes[node],
                    "said": line}));
            }
            Err(e) => {
                progress(started, &format!("faults: {e}"));
                self.log.push(json!({"at_s": at, "after_txs": done,
                    "action": command, "node": node, "error": e}));
            }
        }
        match command {
            "hang" => self.hung = Some(node),
            "kill" => {
                if self.hung == Some(node) {
                    self.hung = None;
                }
                self.down.push(node);
            }
            _ => self.waiting_catch_up = true,
        }
    }

    /// After the load: whatever is still down comes back, then every node must catch up.
    pub fn recover(&mut self, args: &Args, load_started: Instant, started: Instant) -> R<()> {
        for node in std::mem::take(&mut self.down) {
            let line = chain_sh(args.validators, "restart", node)?;
            progress(started, &format!("faults: {line}"));
            self.log.push(
                json!({"at_s": secs(load_started.elapsed()), "action": "restart",
                "node": node, "rpc": args.nodes[node], "said": line}),
            );
        }
        progress(started, "check: waiting until every node has caught up");
        let catch_up_deadline = Instant::now() + Duration::from_secs(180);
        while !caught_up(args) {
            if Instant::now() > catch_up_deadline {
                return Err("the nodes did not catch up within 180 s".into());
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        Ok(())
    }
}
