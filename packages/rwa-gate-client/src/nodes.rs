//! The nodes a [`crate::Client`] talks to: one at a time, the next one when it stops answering.
//!
//! A request's failure is classified by how far it got ([`Reach`]): the node answered (an error
//! status or a JSON-RPC error: the node is up, the answer stands), the request never reached it
//! (connection refused: a killed node), or nobody knows (a timeout or a connection broken
//! mid-way: a hung node, or one killed while answering). Only the last two move the client to
//! another node; only the last one leaves a broadcast's fate open.

use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use cosmrs::rpc::client::CompatMode;
use cosmrs::rpc::error::ErrorDetail;
use cosmrs::rpc::{Client as _, HttpClient, Url};

use crate::error::describe_rpc_error;
use crate::{normalize_node, ChainConfig, Error, Result};

/// How far a failed request got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The node answered, with an error.
    Answered,
    /// The request reached no node: the connection could not be made.
    Unreachable,
    /// The request may or may not have been received: it timed out, or the connection broke.
    Unknown,
}

pub(crate) fn reach(e: &cosmrs::rpc::Error) -> Reach {
    match e.detail() {
        // The HTTP library's error survives only as text: a connection that could not be made
        // is "error trying to connect" (refused, or no answer to the handshake).
        ErrorDetail::Http(_) if e.to_string().contains("error trying to connect") => {
            Reach::Unreachable
        }
        ErrorDetail::Http(_) | ErrorDetail::Io(_) | ErrorDetail::Timeout(_) => Reach::Unknown,
        _ => Reach::Answered,
    }
}

/// One switch from a node that stopped answering to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failover {
    pub from: String,
    pub to: String,
    /// Why the node was left: the failure of the request, in plain words.
    pub reason: String,
    pub at: SystemTime,
}

/// What a client did beyond the plain path, since it was connected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Switches to another node.
    pub failovers: u64,
    /// Broadcasts whose answer never came (timeout, broken connection), or came from another
    /// node after the first timed out: the transaction may or may not have reached a mempool.
    pub ambiguous_broadcasts: u64,
    /// The same signed bytes sent again (after an ambiguous broadcast, a failover, or while
    /// waiting for inclusion).
    pub rebroadcasts: u64,
    /// Transactions signed again with a new sequence: only ever after a node refused the first
    /// signature outright (wrong sequence at CheckTx) and nothing else could hold it.
    pub resigned: u64,
}

/// A node's own view, as its `status` answers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeStatus {
    pub endpoint: String,
    pub network: String,
    pub height: u64,
    pub catching_up: bool,
}

pub(crate) struct Node {
    pub url: String,
    pub rpc: HttpClient,
}

impl Node {
    /// A client of the node at `address`, in any form [`normalize_node`] reads.
    fn new(address: &str, timeout: Duration) -> Result<Self> {
        let url = normalize_node(address)?;
        let cannot = |e: cosmrs::rpc::Error| {
            Error::Config(format!(
                "cannot make an RPC client for {url}: {}",
                describe_rpc_error(&e, None)
            ))
        };
        let parsed: Url = url.parse().map_err(cannot)?;
        // CometBFT 0.39 is not recognised by version string; its answers parse as 0.38's.
        let rpc = HttpClient::builder(parsed.try_into().map_err(cannot)?)
            .compat_mode(CompatMode::V0_38)
            .timeout(timeout)
            .build()
            .map_err(cannot)?;
        Ok(Node { url, rpc })
    }
}

pub(crate) struct Nodes {
    pub list: Vec<Node>,
    current: AtomicUsize,
    failovers: Mutex<Vec<Failover>>,
    pub ambiguous_broadcasts: AtomicU64,
    pub rebroadcasts: AtomicU64,
    pub resigned: AtomicU64,
}

/// A request that failed on every node: per node, how far it got and what was said.
pub(crate) struct Failures(pub Vec<(String, Reach, String)>);

impl Failures {
    /// Whether any node may have received the request.
    pub fn maybe_received(&self) -> bool {
        self.0.iter().any(|(_, r, _)| *r != Reach::Unreachable)
    }

    pub fn into_error(self, what: &str) -> Error {
        let endpoint = self
            .0
            .iter()
            .map(|(u, _, _)| u.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let detail = self
            .0
            .iter()
            .map(|(u, _, d)| format!("{u}: {d}"))
            .collect::<Vec<_>>()
            .join("; ");
        Error::Rpc {
            endpoint,
            what: what.to_string(),
            detail,
        }
    }
}

impl Nodes {
    pub fn new(config: &ChainConfig) -> Result<Self> {
        if config.nodes.is_empty() {
            return Err(Error::Config("no node address given".into()));
        }
        let list = config
            .nodes
            .iter()
            .map(|address| Node::new(address, config.request_timeout))
            .collect::<Result<Vec<_>>>()?;
        Ok(Nodes {
            list,
            current: AtomicUsize::new(0),
            failovers: Mutex::new(Vec::new()),
            ambiguous_broadcasts: AtomicU64::new(0),
            rebroadcasts: AtomicU64::new(0),
            resigned: AtomicU64::new(0),
        })
    }

    pub fn current(&self) -> usize {
        self.current.load(Ordering::SeqCst) % self.list.len()
    }

    pub fn current_url(&self) -> &str {
        &self.list[self.current()].url
    }

    pub fn failovers(&self) -> Vec<Failover> {
        self.failovers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn stats(&self) -> Stats {
        Stats {
            failovers: self.failovers().len() as u64,
            ambiguous_broadcasts: self.ambiguous_broadcasts.load(Ordering::SeqCst),
            rebroadcasts: self.rebroadcasts.load(Ordering::SeqCst),
            resigned: self.resigned.load(Ordering::SeqCst),
        }
    }

    fn switch(&self, from: usize, to: usize, reason: &str) {
        self.current.store(to, Ordering::SeqCst);
        self.failovers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Failover {
                from: self.list[from].url.clone(),
                to: self.list[to].url.clone(),
                reason: reason.to_string(),
                at: SystemTime::now(),
            });
    }

    /// `status` of node `i`.
    pub fn status(&self, runtime: &tokio::runtime::Runtime, i: usize) -> Result<NodeStatus> {
        let node = &self.list[i];
        let status = runtime
            .block_on(node.rpc.status())
            .map_err(|e| Error::Rpc {
                endpoint: node.url.clone(),
                what: "status".into(),
                detail: describe_rpc_error(&e, None),
            })?;
        Ok(NodeStatus {
            endpoint: node.url.clone(),
            network: status.node_info.network.to_string(),
            height: status.sync_info.latest_block_height.value(),
            catching_up: status.sync_info.catching_up,
        })
    }

    /// Picks the first node, in order, that answers for `chain_id` and is not catching up (else
    /// the first that answers at all). A node serving another chain is a configuration error.
    pub fn select_initial(&self, runtime: &tokio::runtime::Runtime, chain_id: &str) -> Result<()> {
        let mut failures = Vec::new();
        let mut behind = None;
        for i in 0..self.list.len() {
            match self.status(runtime, i) {
                Ok(s) if s.network != chain_id => {
                    return Err(Error::Config(format!(
                        "the node at {} serves chain {}, not {chain_id}",
                        s.endpoint, s.network
                    )))
                }
                Ok(s) if !s.catching_up => {
                    self.current.store(i, Ordering::SeqCst);
                    return Ok(());
                }
                Ok(_) => {
                    behind.get_or_insert(i);
                }
                Err(Error::Rpc {
                    endpoint, detail, ..
                }) => failures.push((endpoint, Reach::Unknown, detail)),
                Err(e) => return Err(e),
            }
        }
        match behind {
            Some(i) => {
                self.current.store(i, Ordering::SeqCst);
                Ok(())
            }
            None => Err(Failures(failures).into_error("status")),
        }
    }

    /// Whether node `i` may take over: it answers `status` and is not catching up.
    fn usable(&self, runtime: &tokio::runtime::Runtime, i: usize) -> Result<(), String> {
        match self.status(runtime, i) {
            Ok(s) if s.catching_up => Err(format!("catching up at height {}", s.height)),
            Ok(_) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Runs `f` on the current node; when that node does not answer, on the next usable one
    /// (which becomes current), until every node was tried once. An answer, even an error, is
    /// returned as it is, with the failures on the nodes tried before (a broadcast must know
    /// whether one of them may have received it). `Err` lists how far the request got on each
    /// node.
    #[allow(clippy::type_complexity)]
    pub fn try_each<T, F, Fut>(
        &self,
        runtime: &tokio::runtime::Runtime,
        f: F,
    ) -> Result<(Result<T, (String, cosmrs::rpc::Error)>, Failures), Failures>
    where
        F: Fn(HttpClient) -> Fut,
        Fut: Future<Output = Result<T, cosmrs::rpc::Error>>,
    {
        let n = self.list.len();
        let start = self.current();
        let mut failures: Vec<(String, Reach, String)> = Vec::new();
        let mut from = start;
        for step in 0..n {
            let i = (start + step) % n;
            if step > 0 {
                if let Err(why) = self.usable(runtime, i) {
                    failures.push((self.list[i].url.clone(), Reach::Unreachable, why));
                    continue;
                }
                let reason = failures
                    .last()
                    .map(|(_, _, d)| d.clone())
                    .unwrap_or_default();
                self.switch(from, i, &reason);
                from = i;
            }
            let node = &self.list[i];
            match runtime.block_on(f(node.rpc.clone())) {
                Ok(v) => return Ok((Ok(v), Failures(failures))),
                Err(e) => match reach(&e) {
                    Reach::Answered => return Ok((Err((node.url.clone(), e)), Failures(failures))),
                    r => failures.push((node.url.clone(), r, describe_rpc_error(&e, None))),
                },
            }
        }
        Err(Failures(failures))
    }

    /// [`Nodes::try_each`] with every failure as a typed [`Error::Rpc`]; `body_bytes` is the
    /// size of the request, for the error of a node that refuses it as too large.
    pub fn call<T, F, Fut>(
        &self,
        runtime: &tokio::runtime::Runtime,
        what: &str,
        body_bytes: Option<usize>,
        f: F,
    ) -> Result<T>
    where
        F: Fn(HttpClient) -> Fut,
        Fut: Future<Output = Result<T, cosmrs::rpc::Error>>,
    {
        match self.try_each(runtime, f) {
            Ok((Ok(v), _)) => Ok(v),
            Ok((Err((endpoint, e)), _)) => Err(Error::Rpc {
                endpoint,
                what: what.to_string(),
                detail: describe_rpc_error(&e, body_bytes),
            }),
            Err(failures) => Err(failures.into_error(what)),
        }
    }
}

/// Pause between two polls of a transaction's inclusion.
pub(crate) const POLL: Duration = Duration::from_millis(150);

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(url: &str, timeout: Duration) -> (Nodes, tokio::runtime::Runtime) {
        let mut config = ChainConfig::new(url, "c");
        config.request_timeout = timeout;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        (Nodes::new(&config).expect("nodes"), runtime)
    }

    fn status_failure(url: &str, timeout: Duration) -> Reach {
        let (nodes, runtime) = nodes(url, timeout);
        let rpc = nodes.list[0].rpc.clone();
        match runtime.block_on(async move { rpc.status().await }) {
            Ok(_) => panic!("nothing should answer at {url}"),
            Err(e) => reach(&e),
        }
    }

    #[test]
    fn a_refused_connection_never_reached_a_node() {
        // Bind a port, then free it: nothing listens there any more (a killed node).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let reached = status_failure(&format!("http://127.0.0.1:{port}"), Duration::from_secs(2));
        assert_eq!(reached, Reach::Unreachable);
    }

    #[test]
    fn a_node_that_accepts_and_never_answers_may_have_received_the_request() {
        // The kernel completes the handshake of a listener that never reads (a hung node).
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("its address").port();
        let started = std::time::Instant::now();
        let reached = status_failure(
            &format!("http://127.0.0.1:{port}"),
            Duration::from_millis(300),
        );
        assert_eq!(reached, Reach::Unknown);
        assert!(started.elapsed() >= Duration::from_millis(300));
        drop(listener);
    }

    #[test]
    fn a_failed_request_on_every_node_says_whether_any_may_have_received_it() {
        let refused = Failures(vec![("a".into(), Reach::Unreachable, "refused".into())]);
        assert!(!refused.maybe_received());
        let mixed = Failures(vec![
            ("a".into(), Reach::Unreachable, "refused".into()),
            ("b".into(), Reach::Unknown, "timed out".into()),
        ]);
        assert!(mixed.maybe_received());
        assert_eq!(
            mixed.into_error("broadcast_tx_sync"),
            Error::Rpc {
                endpoint: "a, b".into(),
                what: "broadcast_tx_sync".into(),
                detail: "a: refused; b: timed out".into(),
            }
        );
    }
}
