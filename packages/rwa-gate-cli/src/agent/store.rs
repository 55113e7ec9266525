//! The agent's memory, a SQLite file: where each decision stands on chain as far as the agent
//! knows (pending, in flight in a named transaction, posted with its record id and expiry,
//! revoked, refused), and every transaction it signed, with its signed bytes. A transaction is
//! written here, in flight, before its bytes leave the machine: a run killed at any point
//! leaves either nothing sent or a hash to look up (and the same bytes to send again).

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Where one decision stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Looked up on chain and not there, or sent and failed: to be posted.
    Pending,
    /// In a transaction whose fate is not known yet (`Row::tx`).
    InFlight,
    Posted,
    Revoked,
    /// The registry refused it (in simulation): not posted; tried again on the next run.
    Refused,
}

impl State {
    pub fn as_str(&self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::InFlight => "in_flight",
            State::Posted => "posted",
            State::Revoked => "revoked",
            State::Refused => "refused",
        }
    }

    fn parse(text: &str) -> State {
        match text {
            "in_flight" => State::InFlight,
            "posted" => State::Posted,
            "revoked" => State::Revoked,
            "refused" => State::Refused,
            _ => State::Pending,
        }
    }
}

/// What the agent knows of one decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub kind: String,
    pub target: String,
    /// Fingerprint of the decision as it stands on chain (posted or revoked).
    pub fingerprint: Option<String>,
    pub state: State,
    /// The transaction in flight, else the last one that carried it.
    pub tx: Option<String>,
    /// Attestation id, or the eligibility statement's id in the account's history.
    pub record: Option<u64>,
    pub expires_at: Option<u64>,
    /// The negative-list version a posted screening was judged against.
    pub list_version: Option<u64>,
    pub note: Option<String>,
}

impl Row {
    pub fn new(id: &str, kind: &str, target: &str) -> Row {
        Row {
            id: id.into(),
            kind: kind.into(),
            target: target.into(),
            fingerprint: None,
            state: State::Pending,
            tx: None,
            record: None,
            expires_at: None,
            list_version: None,
            note: None,
        }
    }
}

/// One action of a transaction, as recorded with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sending {
    pub decision: String,
    /// `attest` or `revoke`.
    pub op: String,
    pub kind: String,
    pub fingerprint: String,
    /// The negative-list version a screening is posted against.
    pub list_version: Option<u64>,
    /// The expiry it is posted with.
    pub expires_at: Option<u64>,
    /// Where the decision stood before this transaction (it goes back there if the
    /// transaction is never included).
    pub prior: String,
}

/// A signed transaction as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxRow {
    pub hash: String,
    pub bytes: Vec<u8>,
    pub signer: String,
    pub account_number: u64,
    pub sequence: u64,
    pub gas_limit: u64,
    /// `in_flight`, `included`, `failed` or `dropped` (its sequence went to another).
    pub state: String,
    pub gas_used: Option<u64>,
    pub actions: Vec<Sending>,
    pub created_at: u64,
    pub done_at: Option<u64>,
}

/// What one action of an included transaction recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub record: Option<u64>,
    pub expires_at: Option<u64>,
}

pub struct Store {
    conn: Connection,
}

type Sql<T> = rusqlite::Result<T>;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, fingerprint TEXT,
  state TEXT NOT NULL, tx TEXT, record INTEGER, expires_at INTEGER, list_version INTEGER,
  note TEXT, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS txs (
  hash TEXT PRIMARY KEY, bytes BLOB NOT NULL, signer TEXT NOT NULL,
  account_number INTEGER NOT NULL, sequence INTEGER NOT NULL, gas_limit INTEGER NOT NULL,
  state TEXT NOT NULL, height INTEGER, gas_used INTEGER, actions TEXT NOT NULL,
  created_at INTEGER NOT NULL, done_at INTEGER);
";

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl Store {
    /// Opens (creating) the database at `path`; `:memory:` for tests.
    pub fn open(path: &Path) -> Sql<Store> {
        let conn = Connection::open(path)?;
        // WAL: a SIGKILL between two statements loses nothing committed, and readers (the
        // drill watching progress) never block the agent.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    pub fn meta(&self, key: &str) -> Sql<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Sql<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Every decision the agent knows of, by id.
    pub fn rows(&self) -> Sql<HashMap<String, Row>> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_ROW} FROM decisions"))?;
        let rows = stmt.query_map([], read_row)?;
        rows.map(|r| r.map(|row| (row.id.clone(), row))).collect()
    }

    /// What the agent knows of decision `id`.
    pub fn row(&self, id: &str) -> Sql<Option<Row>> {
        self.conn
            .query_row(
                &format!("{SELECT_ROW} FROM decisions WHERE id = ?1"),
                [id],
                read_row,
            )
            .optional()
    }

    /// The rows of `ids` that exist, by id.
    fn rows_of<'a>(&self, ids: impl Iterator<Item = &'a str>) -> Sql<HashMap<String, Row>> {
        let mut out = HashMap::new();
        for id in ids {
            if let Some(row) = self.row(id)? {
                out.insert(id.to_string(), row);
            }
        }
        Ok(out)
    }

    /// Writes `row` whole (insert or replace).
    pub fn put(&self, row: &Row) -> Sql<()> {
        put_row(&self.conn, row)
    }

    /// Several rows in one transaction.
    pub fn put_all(&mut self, rows: &[Row]) -> Sql<()> {
        let tx = self.conn.transaction()?;
        for row in rows {
            put_row(&tx, row)?;
        }
        tx.commit()
    }

    /// Records a signed transaction as in flight, and its decisions with it, in one SQLite
    /// transaction: committed before the bytes are sent.
    pub fn begin(&mut self, tx: &TxRow, rows: &[Row]) -> Sql<()> {
        let db = self.conn.transaction()?;
        db.execute(
            "INSERT OR REPLACE INTO txs (hash, bytes, signer, account_number, sequence,
             gas_limit, state, actions, created_at) VALUES (?1,?2,?3,?4,?5,?6,'in_flight',?7,?8)",
            params![
                tx.hash,
                tx.bytes,
                tx.signer,
                tx.account_number as i64,
                tx.sequence as i64,
                tx.gas_limit as i64,
                serde_json::to_string(&tx.actions).unwrap_or_default(),
                tx.created_at as i64
            ],
        )?;
        for row in rows {
            let mut row = row.clone();
            row.state = State::InFlight;
            row.tx = Some(tx.hash.clone());
            put_row(&db, &row)?;
        }
        db.commit()
    }

    /// The transactions recorded in flight, oldest first.
    pub fn in_flight(&self) -> Sql<Vec<TxRow>> {
        self.txs("WHERE state = 'in_flight' ORDER BY created_at")
    }

    /// Every transaction recorded.
    pub fn all_txs(&self) -> Sql<Vec<TxRow>> {
        self.txs("ORDER BY created_at")
    }

    fn txs(&self, clause: &str) -> Sql<Vec<TxRow>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT hash, bytes, signer, account_number, sequence, gas_limit, state, gas_used,
             actions, created_at, done_at FROM txs {clause}"
        ))?;
        let rows = stmt.query_map([], |r| {
            let actions: String = r.get(8)?;
            Ok(TxRow {
                hash: r.get(0)?,
                bytes: r.get(1)?,
                signer: r.get(2)?,
                account_number: r.get::<_, i64>(3)? as u64,
                sequence: r.get::<_, i64>(4)? as u64,
                gas_limit: r.get::<_, i64>(5)? as u64,
                state: r.get(6)?,
                gas_used: r.get::<_, Option<i64>>(7)?.map(|v| v as u64),
                actions: serde_json::from_str(&actions).unwrap_or_default(),
                created_at: r.get::<_, i64>(9)? as u64,
                done_at: r.get::<_, Option<i64>>(10)?.map(|v| v as u64),
            })
        })?;
        rows.collect()
    }

    /// The transaction was included: each decision now stands as it recorded (`recorded`, by
    /// action index), in one SQLite transaction.
    pub fn included(
        &mut self,
        tx: &TxRow,
        height: u64,
        gas_used: u64,
        recorded: &[Recorded],
    ) -> Sql<()> {
        let mut rows = self.rows_of(tx.actions.iter().map(|a| a.decision.as_str()))?;
        let db = self.conn.transaction()?;
        db.execute(
            "UPDATE txs SET state = 'included', height = ?2, gas_used = ?3, done_at = ?4
             WHERE hash = ?1",
            params![tx.hash, height as i64, gas_used as i64, now_ms() as i64],
        )?;
        for (i, sent) in tx.actions.iter().enumerate() {
            let Some(row) = rows.get_mut(&sent.decision) else {
                continue;
            };
            let got = recorded.get(i).copied().unwrap_or(Recorded {
                record: None,
                expires_at: None,
            });
            row.fingerprint = Some(sent.fingerprint.clone());
            row.tx = Some(tx.hash.clone());
            row.note = None;
            if sent.op == "revoke" {
                row.state = State::Revoked;
            } else {
                row.state = State::Posted;
                row.record = got.record.or(row.record);
                row.expires_at = got.expires_at.or(sent.expires_at);
                row.list_version = sent.list_version;
            }
            put_row(&db, row)?;
        }
        db.commit()
    }

    /// The transaction can never be included (`state`: `failed` on chain, or `dropped`: its
    /// sequence went to another): its decisions go back to where they stood before it.
    pub fn not_included(&mut self, tx: &TxRow, state: &str, why: &str) -> Sql<()> {
        let mut rows = self.rows_of(tx.actions.iter().map(|a| a.decision.as_str()))?;
        let db = self.conn.transaction()?;
        db.execute(
            "UPDATE txs SET state = ?2, done_at = ?3 WHERE hash = ?1",
            params![tx.hash, state, now_ms() as i64],
        )?;
        for sent in &tx.actions {
            let Some(row) = rows.get_mut(&sent.decision) else {
                continue;
            };
            if row.tx.as_deref() != Some(tx.hash.as_str()) {
                continue;
            }
            row.state = match State::parse(&sent.prior) {
                State::InFlight | State::Refused => State::Pending,
                prior => prior,
            };
            row.note = Some(why.to_string());
            put_row(&db, row)?;
        }
        db.commit()
    }
}

const SELECT_ROW: &str = "SELECT id, kind, target, fingerprint, state, tx, record, expires_at, \
                          list_version, note";

fn read_row(r: &rusqlite::Row<'_>) -> Sql<Row> {
    Ok(Row {
        id: r.get(0)?,
        kind: r.get(1)?,
        target: r.get(2)?,
        fingerprint: r.get(3)?,
        state: State::parse(&r.get::<_, String>(4)?),
        tx: r.get(5)?,
        record: r.get::<_, Option<i64>>(6)?.map(|v| v as u64),
        expires_at: r.get::<_, Option<i64>>(7)?.map(|v| v as u64),
        list_version: r.get::<_, Option<i64>>(8)?.map(|v| v as u64),
        note: r.get(9)?,
    })
}

fn put_row(conn: &Connection, row: &Row) -> Sql<()> {
    conn.execute(
        "INSERT OR REPLACE INTO decisions (id, kind, target, fingerprint, state, tx, record,
         expires_at, list_version, note, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
        params![
            row.id,
            row.kind,
            row.target,
            row.fingerprint,
            row.state.as_str(),
            row.tx,
            row.record.map(|v| v as i64),
            row.expires_at.map(|v| v as i64),
            row.list_version.map(|v| v as i64),
            row.note,
            now_ms() as i64
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests;
