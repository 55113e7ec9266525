//! The compliance console of rwa-gate: a read-only web page over one deployment, for the
//! people behind the keys (compliance officers, finance teams, auditors). It reads the chain
//! only through `rwa-gate-client`, holds no key and can send nothing (docs/CONSOLE.md).
//!
//! | module | what |
//! |---|---|
//! | `chain` | the live reads: every asset with its verdict, clearance and minted; oracles; an asset at a past height |
//! | `index` | the local SQLite index of the contracts' events, resumable block by block |
//! | `follow` | following the chain: index new blocks, refresh the snapshot |
//! | `model` | the page model: each view as JSON |
//! | `server` | HTTP: the embedded page and its JSON endpoints |
//! | `fixtures` | hand-made blocks of contract events, for the tests and the benchmark |

pub mod chain;
pub mod error;
pub mod fixtures;
pub mod follow;
pub mod index;
pub mod model;
pub mod server;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use rwa_gate_client::{ChainConfig, Client};

pub use error::{ConsoleError, Result};

use crate::chain::{Reader, Snapshot};
use crate::follow::{Progress, Shared};
use crate::index::Index;

/// What `rwa-gate console` was asked.
#[derive(Clone, Debug)]
pub struct Options {
    /// The chain's nodes and id (no key: the console sends nothing).
    pub chain: ChainConfig,
    pub registry: String,
    /// The port on 127.0.0.1 (0: any free one).
    pub port: u16,
    /// The SQLite file of the index.
    pub index: PathBuf,
    /// The first block to index (the deployment's height, say).
    pub from_height: u64,
    /// How often the chain is polled for new blocks.
    pub poll: Duration,
}

/// Connects, opens the index, binds 127.0.0.1:`port`, calls `ready` with the page's address,
/// then serves and follows the chain until the process ends.
pub fn serve(options: Options, ready: impl FnOnce(&str)) -> Result<()> {
    let connect =
        || Client::connect(options.chain.clone()).map_err(error::chain("the chain's nodes"));
    let follower = Reader::new(connect()?, options.registry.clone());
    let index = Index::open(&options.index, &options.chain.chain_id, &options.registry)?;
    let shared = Arc::new(Shared {
        progress: Mutex::new(Progress {
            indexed_height: index.indexed_height()?,
            ..Progress::default()
        }),
        index: Mutex::new(index),
        snapshot: RwLock::new(Arc::new(Snapshot::default())),
        reader: Mutex::new(Reader::new(connect()?, options.registry.clone())),
    });
    // The first snapshot before the page is offered: it never shows an empty registry.
    follow::turn(&shared, &follower, options.from_height)?;
    let server = Arc::new(server::bind(&format!("127.0.0.1:{}", options.port))?);
    let address = match server.server_addr() {
        tiny_http::ListenAddr::IP(addr) => format!("http://{addr}/"),
        #[allow(unreachable_patterns)]
        _ => format!("http://127.0.0.1:{}/", options.port),
    };
    ready(&address);
    let (from, poll) = (options.from_height, options.poll);
    let follow_shared = shared.clone();
    std::thread::spawn(move || follow::follow(&follow_shared, &follower, from, poll));
    server::run(server, shared, 4);
    Ok(())
}
