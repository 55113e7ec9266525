//! Reads of the index: what an asset's page and the overview show.

use rusqlite::{params, OptionalExtension, Row};

use super::{Activity, AttestationRow, EventRow, FlagRow, Index, MintRow};
use crate::error::Result;

impl Index {
    /// Every attestation of `asset`, oldest first.
    pub fn attestations(&self, asset: &str) -> Result<Vec<AttestationRow>> {
        self.rows(
            "SELECT id, asset, kind, oracle, height, time, expires_at, tx, revoked_height,
             revoked_time, superseded_by FROM attestations WHERE asset = ?1 ORDER BY id",
            asset,
            attestation_row,
        )
    }

    /// Every flag raised on the subjects (`asset` or `entity`, id), oldest first.
    pub fn flags(&self, subjects: &[(&str, &str)]) -> Result<Vec<FlagRow>> {
        let mut flags = Vec::new();
        for (kind, id) in subjects {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT id, subject_kind, subject, rule, reason, oracle, height, time, tx,
                     ended_height, ended_time, ended_how FROM flags
                     WHERE subject_kind = ?1 AND subject = ?2 ORDER BY id",
                )
                .map_err(self.err())?;
            let rows = stmt
                .query_map(params![kind, id], flag_row)
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(self.err())?;
            flags.extend(rows);
        }
        flags.sort_by_key(|f| f.id);
        flags.dedup_by_key(|f| f.id);
        Ok(flags)
    }

    /// The other events of `asset` (plan changes, reports...), oldest first.
    pub fn events(&self, asset: &str) -> Result<Vec<EventRow>> {
        self.rows(
            "SELECT action, height, time, tx, detail FROM events WHERE asset = ?1 ORDER BY seq",
            asset,
            |r| {
                Ok(EventRow {
                    action: r.get(0)?,
                    height: r.get(1)?,
                    time: r.get(2)?,
                    tx: r.get(3)?,
                    detail: r.get(4)?,
                })
            },
        )
    }

    /// The cumulative minted amount after each mint of `asset`: (height, time, minted).
    pub fn supply_series(&self, asset: &str) -> Result<Vec<(u64, u64, u128)>> {
        self.rows(
            "SELECT height, time, minted FROM mints WHERE asset = ?1 ORDER BY seq",
            asset,
            |r| {
                let minted: String = r.get(2)?;
                Ok((r.get(0)?, r.get(1)?, minted.parse().unwrap_or(0)))
            },
        )
    }

    /// Up to `limit` mints of `asset` before `before` (a mint's `seq`; the latest without),
    /// newest first, and how many mints the asset has in all.
    pub fn mints(
        &self,
        asset: &str,
        before: Option<u64>,
        limit: u32,
    ) -> Result<(Vec<MintRow>, u64)> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT seq, height, time, tx, recipient, amount, minted, filings, screenings
                 FROM mints WHERE asset = ?1 AND seq < ?2 ORDER BY seq DESC LIMIT ?3",
            )
            .map_err(self.err())?;
        let before = before.map_or(i64::MAX, |b| i64::try_from(b).unwrap_or(i64::MAX));
        let rows = stmt
            .query_map(params![asset, before, limit], mint_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.err())?;
        let total = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM mints WHERE asset = ?1")
            .and_then(|mut s| s.query_row([asset], |r| r.get(0)))
            .map_err(self.err())?;
        Ok((rows, total))
    }

    /// The last thing `actor` did that the index saw.
    pub fn activity(&self, actor: &str) -> Result<Option<Activity>> {
        self.conn
            .prepare_cached("SELECT action, height, time FROM activity WHERE actor = ?1")
            .and_then(|mut s| {
                s.query_row([actor], |r| {
                    Ok(Activity {
                        action: r.get(0)?,
                        height: r.get(1)?,
                        time: r.get(2)?,
                    })
                })
                .optional()
            })
            .map_err(self.err())
    }

    fn rows<T>(
        &self,
        sql: &str,
        asset: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(self.err())?;
        let rows = stmt
            .query_map([asset], map)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(self.err())?;
        Ok(rows)
    }
}

fn attestation_row(r: &Row<'_>) -> rusqlite::Result<AttestationRow> {
    let revoked_height: Option<u64> = r.get(8)?;
    let revoked_time: Option<u64> = r.get(9)?;
    Ok(AttestationRow {
        id: r.get(0)?,
        asset: r.get(1)?,
        kind: r.get(2)?,
        oracle: r.get(3)?,
        height: r.get(4)?,
        time: r.get(5)?,
        expires_at: r.get(6)?,
        tx: r.get(7)?,
        revoked: revoked_height.zip(revoked_time),
        superseded_by: r.get(10)?,
    })
}

fn flag_row(r: &Row<'_>) -> rusqlite::Result<FlagRow> {
    let ended_height: Option<u64> = r.get(9)?;
    let ended_time: Option<u64> = r.get(10)?;
    let ended_how: Option<String> = r.get(11)?;
    Ok(FlagRow {
        id: r.get(0)?,
        subject_kind: r.get(1)?,
        subject: r.get(2)?,
        rule: r.get(3)?,
        reason: r.get(4)?,
        oracle: r.get(5)?,
        height: r.get(6)?,
        time: r.get(7)?,
        tx: r.get(8)?,
        ended: match (ended_height, ended_time, ended_how) {
            (Some(h), Some(t), Some(how)) => Some((h, t, how)),
            _ => None,
        },
    })
}

fn mint_row(r: &Row<'_>) -> rusqlite::Result<MintRow> {
    Ok(MintRow {
        seq: r.get(0)?,
        height: r.get(1)?,
        time: r.get(2)?,
        tx: r.get(3)?,
        to: r.get(4)?,
        amount: r.get(5)?,
        minted: r.get(6)?,
        filings: r.get(7)?,
        screenings: r.get(8)?,
    })
}
