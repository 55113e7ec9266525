//! The client itself: its nodes, its runtime, and the two kinds of request everything else is
//! made of (an RPC call that may be repeated, an ABCI query of a gRPC path).

use std::collections::BTreeMap;
use std::sync::Mutex;

use cosmrs::rpc::request::RequestMessage;
use cosmrs::rpc::Client as _;
use cosmrs::Denom;

use crate::nodes::Nodes;
use crate::{ChainConfig, Error, Failover, NodeStatus, Result, Stats};

/// A blocking client of a chain, through one node at a time (see [`ChainConfig::nodes`]).
pub struct Client {
    pub(crate) config: ChainConfig,
    pub(crate) nodes: Nodes,
    /// Per signer, the sequence after its last transaction this client saw included. A node
    /// that lags behind may still report an older one; the higher of the two is signed with.
    pub(crate) sequences: Mutex<BTreeMap<String, u64>>,
    pub(crate) runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("nodes", &self.config.nodes)
            .field("current", &self.nodes.current_url())
            .field("chain_id", &self.config.chain_id)
            .finish()
    }
}

impl Client {
    /// Connects to the first of `config.nodes` that serves `config.chain_id` and is not
    /// catching up; the others are fallbacks. A node serving another chain is an error, and so
    /// is an address or a fee setting that no chain could use.
    pub fn connect(config: ChainConfig) -> Result<Self> {
        config.validate()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start the I/O runtime: {e}")))?;
        let nodes = Nodes::new(&config)?;
        nodes.select_initial(&runtime, &config.chain_id)?;
        Ok(Client {
            config,
            nodes,
            sequences: Mutex::new(BTreeMap::new()),
            runtime,
        })
    }

    pub fn config(&self) -> &ChainConfig {
        &self.config
    }

    /// The RPC address of the node the client talks to now.
    pub fn current_node(&self) -> &str {
        self.nodes.current_url()
    }

    /// Every switch to another node since the client connected.
    pub fn failovers(&self) -> Vec<Failover> {
        self.nodes.failovers()
    }

    /// Failovers, ambiguous broadcasts, rebroadcasts and new signatures since connecting.
    pub fn stats(&self) -> Stats {
        self.nodes.stats()
    }

    /// `status` of every configured node, in order (an error for one that does not answer).
    pub fn node_statuses(&self) -> Vec<Result<NodeStatus>> {
        (0..self.nodes.list.len())
            .map(|i| self.nodes.status(&self.runtime, i))
            .collect()
    }

    /// Runs one RPC request on the current node, failing over to the others while they do not
    /// answer. Only for requests that may be repeated harmlessly (everything but a broadcast).
    pub(crate) fn rpc_call<T, F, Fut>(&self, what: &str, f: F) -> Result<T>
    where
        F: Fn(cosmrs::rpc::HttpClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, cosmrs::rpc::Error>>,
    {
        self.nodes.call(&self.runtime, what, None, f)
    }

    /// An ABCI query of a gRPC path (at `height`, else the latest); the answer's bytes.
    pub(crate) fn abci_query_at(
        &self,
        path: &str,
        request: Vec<u8>,
        height: Option<u64>,
    ) -> Result<Vec<u8>> {
        let height = height
            .map(|h| {
                cosmrs::tendermint::block::Height::try_from(h)
                    .map_err(|e| Error::Config(format!("bad height {h}: {e}")))
            })
            .transpose()?;
        // The size of the JSON body as sent: the data goes hex-encoded, twice its bytes, which
        // is what a node's request size limit meets first (a code's simulation).
        let body_bytes = cosmrs::rpc::endpoint::abci_query::Request::new(
            Some(path.to_string()),
            request.clone(),
            height,
            false,
        )
        .into_json()
        .len();
        let answer = self
            .nodes
            .call(&self.runtime, path, Some(body_bytes), |rpc| {
                let request = request.clone();
                async move {
                    rpc.abci_query(Some(path.to_string()), request, height, false)
                        .await
                }
            })?;
        if answer.code.is_err() {
            return Err(Error::from_abci(
                answer.codespace.as_str(),
                answer.code.value(),
                &answer.log,
                None,
            ));
        }
        Ok(answer.value)
    }

    pub(crate) fn abci_query(&self, path: &str, request: Vec<u8>) -> Result<Vec<u8>> {
        self.abci_query_at(path, request, None)
    }
}

pub(crate) fn parse_denom(denom: &str) -> Result<Denom> {
    denom
        .parse()
        .map_err(|e| Error::Config(format!("bad denom {denom}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_node_is_a_configuration_error() {
        let err = Client::connect(ChainConfig::with_nodes(vec![], "c")).unwrap_err();
        assert_eq!(err, Error::Config("no node address given".into()));
    }

    #[test]
    fn a_bad_node_address_is_refused_before_any_request() {
        let err =
            Client::connect(ChainConfig::new("http://127.0.0.1:1,localhost", "c")).unwrap_err();
        assert_eq!(
            err,
            Error::Invalid {
                what: "node address".into(),
                input: "localhost".into(),
                reason: "no port; give host:port, tcp://host:port, http://host:port or \
                         https://host[:port]"
                    .into(),
            }
        );
    }

    #[test]
    fn a_refused_connection_on_every_node_names_each_node_in_plain_words() {
        // Port 1 on loopback refuses at once: nothing listens there. Both of wasmd's forms.
        let err =
            Client::connect(ChainConfig::new("127.0.0.1:1,tcp://127.0.0.1:2", "c")).unwrap_err();
        let refused = "error trying to connect: connection refused (nothing listens at this \
                       address: is the node running?)";
        assert_eq!(
            err,
            Error::Rpc {
                endpoint: "http://127.0.0.1:1, http://127.0.0.1:2".into(),
                what: "status".into(),
                detail: format!("http://127.0.0.1:1: {refused}; http://127.0.0.1:2: {refused}"),
            }
        );
    }
}
