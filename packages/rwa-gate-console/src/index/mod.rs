//! The local index of the contracts' events, in SQLite: attestations (issued, revoked,
//! superseded), flags (raised, cleared, lapsed), the asset's other events (registration, plan
//! changes, reports, parties, minters, retirement), the mints of every token, the last activity
//! of each oracle, and how far it got (`indexed_height`). Each block is written in one SQLite
//! transaction with the new `indexed_height`, so a stop anywhere leaves the index at the end of
//! a whole block, and the next run resumes with the block after it.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use rwa_gate_client::{BlockEvents, Event};

use crate::error::{ConsoleError, Result};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, asset TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attestations (
  id INTEGER PRIMARY KEY, asset TEXT NOT NULL, kind TEXT NOT NULL, oracle TEXT NOT NULL,
  height INTEGER NOT NULL, time INTEGER NOT NULL, expires_at INTEGER NOT NULL,
  plan_version INTEGER, tx TEXT NOT NULL,
  revoked_height INTEGER, revoked_time INTEGER, superseded_by INTEGER);
CREATE INDEX IF NOT EXISTS attestations_by_asset ON attestations (asset, id);
CREATE TABLE IF NOT EXISTS flags (
  id INTEGER PRIMARY KEY, subject_kind TEXT NOT NULL, subject TEXT NOT NULL, rule TEXT NOT NULL,
  reason TEXT NOT NULL, oracle TEXT NOT NULL, height INTEGER NOT NULL, time INTEGER NOT NULL,
  tx TEXT NOT NULL, ended_height INTEGER, ended_time INTEGER, ended_how TEXT);
CREATE INDEX IF NOT EXISTS flags_by_subject ON flags (subject_kind, subject, id);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, asset TEXT NOT NULL, action TEXT NOT NULL,
  height INTEGER NOT NULL, time INTEGER NOT NULL, tx TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_asset ON events (asset, seq);
CREATE TABLE IF NOT EXISTS mints (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, asset TEXT NOT NULL, height INTEGER NOT NULL,
  time INTEGER NOT NULL, tx TEXT NOT NULL, recipient TEXT NOT NULL, amount TEXT NOT NULL,
  minted TEXT NOT NULL, filings TEXT NOT NULL, screenings TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mints_by_asset ON mints (asset, seq);
CREATE TABLE IF NOT EXISTS activity (
  actor TEXT PRIMARY KEY, action TEXT NOT NULL, height INTEGER NOT NULL, time INTEGER NOT NULL);
";

/// An attestation as the index knows it (times in seconds since the epoch).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttestationRow {
    pub id: u64,
    pub asset: String,
    pub kind: String,
    pub oracle: String,
    pub height: u64,
    pub time: u64,
    pub expires_at: u64,
    pub tx: String,
    pub revoked: Option<(u64, u64)>,
    pub superseded_by: Option<u64>,
}

/// A flag: raised, and when it stopped blocking (cleared or lapsed), if it did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagRow {
    pub id: u64,
    pub subject_kind: String,
    pub subject: String,
    pub rule: String,
    pub reason: String,
    pub oracle: String,
    pub height: u64,
    pub time: u64,
    pub tx: String,
    /// Height, time and how (`cleared`, `lapsed`).
    pub ended: Option<(u64, u64, String)>,
}

/// Any other event of an asset: `register_asset`, `update_plan`, `report_significant_matter`...
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    pub action: String,
    pub height: u64,
    pub time: u64,
    pub tx: String,
    /// The event's attributes but `action`, `asset` and `_contract_address`, as `key=value; `.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MintRow {
    pub seq: u64,
    pub height: u64,
    pub time: u64,
    pub tx: String,
    pub to: String,
    pub amount: String,
    pub minted: String,
    pub filings: String,
    pub screenings: String,
}

/// The last thing an actor (an oracle) did, by the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub action: String,
    pub height: u64,
    pub time: u64,
}

/// One contract event of a delivered transaction, as the index reads it.
struct Found<'a> {
    height: u64,
    time: u64,
    tx: &'a str,
    attrs: &'a [(String, String)],
}

impl Found<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().to_string()
    }

    fn num(&self, key: &str) -> u64 {
        self.get(key).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    fn detail(&self) -> String {
        self.attrs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "action" | "asset" | "_contract_address"))
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The index file, open.
pub struct Index {
    conn: Connection,
    path: String,
}

impl Index {
    /// Opens (creating when absent) the index at `path` for `registry` on `chain_id`; an index
    /// of another chain or registry is refused rather than mixed.
    pub fn open(path: &Path, chain_id: &str, registry: &str) -> Result<Self> {
        let conn = Connection::open(path).map_err(db(path))?;
        Self::init(conn, path.display().to_string(), chain_id, registry)
    }

    /// An index in memory (tests, the benchmark).
    pub fn in_memory(chain_id: &str, registry: &str) -> Result<Self> {
        let conn = Connection::open_in_memory().map_err(db(Path::new(":memory:")))?;
        Self::init(conn, ":memory:".into(), chain_id, registry)
    }

    fn init(conn: Connection, path: String, chain_id: &str, registry: &str) -> Result<Self> {
        let index = Index { conn, path };
        index
            .conn
            .execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            .map_err(index.err())?;
        index.conn.execute_batch(SCHEMA).map_err(index.err())?;
        let wanted = format!("registry {registry} on {chain_id}");
        match index.meta("deployment")? {
            Some(held) if held != wanted => Err(ConsoleError::WrongIndex {
                path: index.path.clone(),
                held,
                wanted,
            }),
            Some(_) => Ok(index),
            None => {
                index.set_meta("deployment", &wanted)?;
                index.set_meta("registry", registry)?;
                Ok(index)
            }
        }
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> ConsoleError + '_ {
        move |source| ConsoleError::Index {
            path: self.path.clone(),
            source,
        }
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(self.err())
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(drop)
            .map_err(self.err())
    }

    /// The last block wholly indexed; 0 before the first.
    pub fn indexed_height(&self) -> Result<u64> {
        Ok(self
            .meta("indexed_height")?
            .and_then(|h| h.parse().ok())
            .unwrap_or(0))
    }

    /// Records that every block up to `height` is indexed (blocks without contract events).
    pub fn mark_indexed(&self, height: u64) -> Result<()> {
        if height > self.indexed_height()? {
            self.set_meta("indexed_height", &height.to_string())?;
        }
        Ok(())
    }

    /// The registry this index follows.
    pub fn registry(&self) -> Result<String> {
        Ok(self.meta("registry")?.unwrap_or_default())
    }

    /// Remembers that `token` is the token of `asset` (also learnt from the registry's
    /// `token_instantiated` events).
    pub fn add_token(&self, token: &str, asset: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO tokens (token, asset) VALUES (?1, ?2)",
                [token, asset],
            )
            .map(drop)
            .map_err(self.err())
    }

    fn token_asset(&self, token: &str) -> Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT asset FROM tokens WHERE token = ?1")
            .and_then(|mut s| s.query_row([token], |r| r.get(0)).optional())
            .map_err(self.err())
    }

    /// Writes the contract events of `block` and moves `indexed_height` to it, all in one
    /// transaction. A block at or below `indexed_height` is skipped (already in).
    pub fn apply_block(&mut self, block: &BlockEvents) -> Result<usize> {
        if block.height <= self.indexed_height()? {
            return Ok(0);
        }
        let registry = self.registry()?;
        let time = block.time_ns / 1_000_000_000;
        self.conn.execute_batch("BEGIN").map_err(self.err())?;
        let mut written = 0;
        let result = (|| {
            for tx in block.txs.iter().filter(|tx| tx.code == 0) {
                for event in tx.events.iter().filter(|e| is_contract_event(e)) {
                    let found = Found {
                        height: block.height,
                        time,
                        tx: &tx.hash,
                        attrs: &event.attributes,
                    };
                    written += usize::from(self.apply_event(&registry, &found)?);
                }
            }
            self.set_meta("indexed_height", &block.height.to_string())
        })();
        let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
        self.conn.execute_batch(end).map_err(self.err())?;
        result.map(|()| written)
    }

    /// One contract event; whether it was one the index keeps.
    fn apply_event(&self, registry: &str, e: &Found) -> Result<bool> {
        let contract = e.get("_contract_address").unwrap_or_default();
        if contract == registry {
            return self.apply_registry_event(e);
        }
        match self.token_asset(contract)? {
            Some(asset) if e.get("action") == Some("mint") => {
                self.insert_mint(&asset, e)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn apply_registry_event(&self, e: &Found) -> Result<bool> {
        let action = e.get("action").unwrap_or_default();
        match action {
            "attest" => self.insert_attestation(e)?,
            "revoke" => self.exec(
                "UPDATE attestations SET revoked_height = ?1, revoked_time = ?2 WHERE id = ?3",
                params![e.height, e.time, e.num("id")],
            )?,
            "raise_flag" => self.insert_flag(e)?,
            "clear_flag" => self.end_flag(e.num("flag"), e, "cleared")?,
            "token_instantiated" => self.add_token(&e.text("token"), &e.text("asset"))?,
            _ => {}
        }
        if let Some(actor) = actor_of(action, e) {
            self.exec(
                "INSERT OR REPLACE INTO activity (actor, action, height, time)
                 VALUES (?1, ?2, ?3, ?4)",
                params![actor, action, e.height, e.time],
            )?;
        }
        if let Some(asset) = e.get("asset").filter(|_| is_asset_event(action)) {
            self.exec(
                "INSERT INTO events (asset, action, height, time, tx, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![asset, action, e.height, e.time, e.tx, e.detail()],
            )?;
        }
        Ok(true)
    }

    fn exec(&self, sql: &str, params: impl rusqlite::Params) -> Result<()> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.execute(params))
            .map(drop)
            .map_err(self.err())
    }

    fn insert_attestation(&self, e: &Found) -> Result<()> {
        self.exec(
            "INSERT OR REPLACE INTO attestations
             (id, asset, kind, oracle, height, time, expires_at, plan_version, tx)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                e.num("id"),
                e.text("asset"),
                e.text("kind"),
                e.text("oracle"),
                e.height,
                e.time,
                e.num("expires_at"),
                e.num("plan_version"),
                e.tx
            ],
        )?;
        if let Some(previous) = e.get("superseded").and_then(|v| v.parse::<u64>().ok()) {
            self.exec(
                "UPDATE attestations SET superseded_by = ?1 WHERE id = ?2",
                params![e.num("id"), previous],
            )?;
        }
        Ok(())
    }

    fn insert_flag(&self, e: &Found) -> Result<()> {
        let (kind, subject) = match e.get("asset") {
            Some(asset) => ("asset", asset.to_string()),
            None => ("entity", e.text("entity")),
        };
        self.exec(
            "INSERT OR REPLACE INTO flags
             (id, subject_kind, subject, rule, reason, oracle, height, time, tx)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                e.num("flag"),
                kind,
                subject,
                e.text("rule"),
                e.text("reason"),
                e.text("oracle"),
                e.height,
                e.time,
                e.tx
            ],
        )?;
        for lapsed in e.text("lapsed").split(',').filter_map(|v| v.parse().ok()) {
            self.end_flag(lapsed, e, "lapsed")?;
        }
        Ok(())
    }

    fn end_flag(&self, id: u64, e: &Found, how: &str) -> Result<()> {
        self.exec(
            "UPDATE flags SET ended_height = ?1, ended_time = ?2, ended_how = ?3
             WHERE id = ?4 AND ended_height IS NULL",
            params![e.height, e.time, how, id],
        )
    }

    fn insert_mint(&self, asset: &str, e: &Found) -> Result<()> {
        self.exec(
            "INSERT INTO mints (asset, height, time, tx, recipient, amount, minted, filings,
             screenings) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                asset,
                e.height,
                e.time,
                e.tx,
                e.text("to"),
                e.text("amount"),
                e.text("minted"),
                e.text("filings"),
                e.text("screenings")
            ],
        )
    }
}

/// `wasm` events (x/wasm's own) and `wasm-*` (custom ones) carry the contract's attributes.
fn is_contract_event(e: &Event) -> bool {
    e.kind == "wasm" || e.kind.starts_with("wasm-")
}

/// The asset events shown on its timeline beside attestations, flags and mints.
fn is_asset_event(action: &str) -> bool {
    matches!(
        action,
        "register_asset"
            | "update_plan"
            | "report_significant_matter"
            | "update_related_parties"
            | "add_minter"
            | "remove_minter"
            | "retire_asset"
    )
}

/// Who acted, for the oracles' last activity: the attribute that names the sender.
fn actor_of(action: &str, e: &Found) -> Option<String> {
    let key = match action {
        "attest" | "revoke" | "raise_flag" | "vote_clear_flag" => "oracle",
        "report_significant_matter" => "reported_by",
        "publish_negative_list" => "published_by",
        "clear_flag" => "cleared_by",
        _ => return None,
    };
    e.get(key).map(str::to_string)
}

fn db(path: &Path) -> impl Fn(rusqlite::Error) -> ConsoleError + '_ {
    move |source| ConsoleError::Index {
        path: path.display().to_string(),
        source,
    }
}

mod read;
#[cfg(test)]
mod tests;
