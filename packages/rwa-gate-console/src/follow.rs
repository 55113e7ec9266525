//! Following the chain: each turn reads the head, indexes the blocks since the last one indexed
//! (the empty ones by their metadata only, twenty at a time), and re-reads the snapshot when
//! the height moved. What the page polls (`/api/head`) comes from here.

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::chain::{Reader, Snapshot};
use crate::error::{chain, Result};
use crate::index::Index;

/// Blocks per `blockchain` request (the node's page).
const METAS: u64 = 20;
/// Indexing work per turn before the snapshot is refreshed again.
const TURN: Duration = Duration::from_secs(2);

/// How the follower is doing.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    /// Bumped whenever the snapshot or the index changed: the page re-reads its view.
    pub version: u64,
    pub indexed_height: u64,
    pub blocks_indexed: u64,
    pub events_indexed: u64,
    pub indexing_seconds: f64,
    /// The last failure to read the chain, while it lasts.
    pub chain_error: Option<String>,
}

impl Progress {
    pub fn json(&self, snapshot_height: u64) -> Value {
        let rate = if self.indexing_seconds > 0.0 {
            self.blocks_indexed as f64 / self.indexing_seconds
        } else {
            0.0
        };
        json!({
            "version": self.version,
            "height": snapshot_height,
            "indexed_height": self.indexed_height,
            "blocks_indexed": self.blocks_indexed,
            "events_indexed": self.events_indexed,
            "blocks_per_second": (rate * 10.0).round() / 10.0,
            "chain_error": self.chain_error,
        })
    }
}

/// What the server threads share.
pub struct Shared {
    pub index: Mutex<Index>,
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub progress: Mutex<Progress>,
    /// Reads made on a request (the record as of a height).
    pub reader: Mutex<Reader>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn index(&self) -> std::sync::MutexGuard<'_, Index> {
        lock(&self.index)
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn progress(&self) -> Progress {
        lock(&self.progress).clone()
    }

    pub fn reader(&self) -> std::sync::MutexGuard<'_, Reader> {
        lock(&self.reader)
    }
}

/// Follows the chain forever with `reader`, every `poll`, from `from_height` on.
pub fn follow(shared: &Shared, reader: &Reader, from_height: u64, poll: Duration) {
    loop {
        let outcome = turn(shared, reader, from_height);
        {
            let mut p = lock(&shared.progress);
            match outcome {
                Ok(changed) => {
                    p.chain_error = None;
                    p.version += u64::from(changed);
                }
                Err(e) => p.chain_error = Some(e.to_string()),
            }
        }
        std::thread::sleep(poll);
    }
}

/// One turn; whether anything the page shows changed.
pub fn turn(shared: &Shared, reader: &Reader, from_height: u64) -> Result<bool> {
    let (head, _) = reader.head()?;
    let mut changed = false;
    if head != shared.snapshot().height {
        let snap = reader.snapshot()?;
        let index = shared.index();
        for live in &snap.assets {
            if let Some(token) = &live.asset.token {
                index.add_token(token.as_str(), &live.asset.id)?;
            }
        }
        drop(index);
        *shared.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snap);
        changed = true;
    }
    changed |= index_until(shared, reader, from_height, head)?;
    Ok(changed)
}

/// Indexes blocks up to `head` for at most one `TURN`; whether contract events were written.
fn index_until(shared: &Shared, reader: &Reader, from_height: u64, head: u64) -> Result<bool> {
    let started = Instant::now();
    let mut wrote = false;
    loop {
        let next = (shared.index().indexed_height()? + 1).max(from_height);
        if next > head || started.elapsed() > TURN {
            break;
        }
        let last = (next + METAS - 1).min(head);
        let took = Instant::now();
        let (blocks, events) = index_range(shared, reader, next, last)?;
        wrote |= events > 0;
        let mut p = lock(&shared.progress);
        p.indexed_height = last;
        p.blocks_indexed += blocks;
        p.events_indexed += events as u64;
        p.indexing_seconds += took.elapsed().as_secs_f64();
    }
    let indexed = shared.index().indexed_height()?;
    lock(&shared.progress).indexed_height = indexed;
    Ok(wrote)
}

/// Indexes blocks `first..=last`: the blocks with transactions are read, each written with its
/// height; then the whole range is marked indexed. Blocks read and events written.
pub fn index_range(
    shared: &Shared,
    reader: &Reader,
    first: u64,
    last: u64,
) -> Result<(u64, usize)> {
    let metas = reader
        .client
        .block_metas(first, last)
        .map_err(chain(format!("blocks {first}..{last}")))?;
    let mut events = 0;
    for meta in metas.iter().filter(|m| m.num_txs > 0) {
        let block = reader
            .client
            .block_events(meta.height)
            .map_err(chain(format!("the events of block {}", meta.height)))?;
        events += shared.index().apply_block(&block)?;
    }
    shared.index().mark_indexed(last)?;
    Ok((last + 1 - first, events))
}
