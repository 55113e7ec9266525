//! The chain client of rwa-gate, on the cosmrs family of crates.
//!
//! - [`Wallet`]: a secp256k1 key derived from a BIP-39 mnemonic (`m/44'/118'/0'/0/N`).
//! - [`Client`]: talks to one node at a time over CometBFT RPC, and fails over to the next of
//!   its configured nodes when that one stops answering (refused connection or timeout). It
//!   simulates for gas, signs (direct mode) once, broadcasts, waits for inclusion by hash and
//!   returns [`TxOutcome`] (`gas_used`, events) or a typed [`Error`] that carries the
//!   contract's own error text. A broadcast whose fate is unknown is never signed again with
//!   another sequence: the client looks the transaction up by hash and resends the same signed
//!   bytes (docs/DESIGN.md, "Retries without double posting"). Queries (smart and raw) go
//!   through ABCI queries of the SDK's gRPC paths, so no gRPC stack is needed.
//! - [`contracts`]: typed handles on the registry and a gated token, with the message types of
//!   `packages/rwa-gate`.
//!
//! The client is split by concern, each module adding its part of [`Client`]:
//!
//! | module     | what                                                                        |
//! |------------|-----------------------------------------------------------------------------|
//! | `config`   | [`ChainConfig`]: nodes, chain, fee options (gas price, adjustment, limit, fees) |
//! | `endpoint` | node addresses in every form wasmd users type, normalised in one place     |
//! | `client`   | connecting, the runtime, RPC calls and ABCI queries with failover          |
//! | `nodes`    | node failover: which node answers, how far a failed request got             |
//! | `tx`       | signing and broadcast: sequence, simulate, sign once, broadcast, wait, resend |
//! | `query`    | queries: blocks (and their events), accounts, balances, smart/raw state (at a height), contract and code info, transactions |
//! | `wasm`     | code and contract management: store (compressed), find code, instantiate, execute, migrate, fund |
//! | `msgs`     | the SDK messages the client builds, for batching                            |
//! | `batch`    | the registry's batch of oracle actions: the message, each action's record, the refused ones |
//! | `delegation` | statements an oracle signs offline: signing, checking, nonces, the relay file |
//! | `error`    | [`Error`], and RPC failures rendered in plain words                         |
//!
//! The API is blocking: the client owns a small Tokio runtime, so command-line tools, tests and
//! reports call it like any other library.

mod batch;
mod client;
mod config;
pub mod contracts;
pub mod delegation;
mod endpoint;
mod error;
pub mod localnet;
mod msgs;
mod nodes;
mod query;
#[cfg(test)]
mod testing;
mod tx;
mod wallet;
mod wasm;

pub use batch::{action_records, refused_actions, ActionRecord, RefusedAction};
pub use client::Client;
pub use config::{split_nodes, Amount, ChainConfig, GasPrice};
pub use cosmrs::AccountId as ChainAddress;
pub use cosmrs::Any;
pub use endpoint::{normalize_node, parse_nodes};
pub use error::{contract_message, describe_rpc_error, Error, DEFAULT_RPC_BODY_LIMIT};
pub use msgs::{bank_send_msg, gzip, sha256, store_code_msg};
pub use nodes::{Failover, NodeStatus, Stats};
pub use query::{BlockEvents, BlockMeta, BlockTx, CodeInfo, ContractInfo, FoundTx};
pub use tx::{Event, Gas, SignedTx, TxOutcome};
pub use wallet::Wallet;

pub type Result<T, E = Error> = std::result::Result<T, E>;
