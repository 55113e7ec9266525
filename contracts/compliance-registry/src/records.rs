//! The binary records of the attestation path. An attestation is written once per post and read
//! by every recomputation of its asset; wasmd charges 30 gas per byte written and 3 per byte
//! read, and in JSON most of an attestation's bytes were field names and hex. Keys are declared
//! in `state.rs`; the layouts live here.

use cosmwasm_std::{Addr, Order, StdError, StdResult, Storage};
use rwa_gate::codec::{uint128, CodecError, Reader, Writer};
use rwa_gate::{Attestation, AttestationKind, Evidence, Statement};

fn decode_error(e: CodecError) -> StdError {
    StdError::msg(e.to_string())
}

fn prefixed(prefix: u8, rest: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(rest.len() + 1);
    key.push(prefix);
    key.extend_from_slice(rest);
    key
}

/// Layout version of an attestation record: a reader refuses any other (fail closed).
const ATTESTATION_LAYOUT: u8 = 1;

/// Every attestation ever posted, by id (the id is the key, not repeated in the value).
pub struct AttestationRecords {
    pub prefix: u8,
}

impl AttestationRecords {
    pub fn key(&self, id: u64) -> Vec<u8> {
        prefixed(self.prefix, &id.to_be_bytes())
    }

    pub fn may_load(&self, storage: &dyn Storage, id: u64) -> StdResult<Option<Attestation>> {
        match storage.get(&self.key(id)) {
            None => Ok(None),
            Some(bytes) => decode_attestation(id, &bytes)
                .map(Some)
                .map_err(decode_error),
        }
    }

    /// The highest id posted, 0 before the first. Records are never deleted, so the ids are
    /// their keys and no separate counter has to be read and rewritten by every post.
    pub fn last_id(&self, storage: &dyn Storage) -> StdResult<u64> {
        let (start, end) = ([self.prefix], [self.prefix.saturating_add(1)]);
        match storage
            .range(Some(&start), Some(&end), Order::Descending)
            .next()
        {
            None => Ok(0),
            Some((key, _)) => key
                .get(1..)
                .and_then(|id| <[u8; 8]>::try_from(id).ok())
                .map(u64::from_be_bytes)
                .ok_or_else(|| StdError::msg("malformed attestation key")),
        }
    }

    pub fn save(&self, storage: &mut dyn Storage, attestation: &Attestation) -> StdResult<()> {
        storage.set(&self.key(attestation.id), &encode_attestation(attestation));
        Ok(())
    }
}

fn write_evidence(w: &mut Writer, e: &Evidence) {
    w.digest(&e.digest);
    match &e.uri {
        None => w.bool(false),
        Some(uri) => w.bool(true).str(uri),
    };
}

fn read_evidence(r: &mut Reader) -> Result<Evidence, CodecError> {
    Ok(Evidence {
        digest: r.digest()?,
        uri: if r.bool()? {
            Some(r.str()?.to_string())
        } else {
            None
        },
    })
}

pub fn encode_attestation(a: &Attestation) -> Vec<u8> {
    let mut w = Writer::new();
    w.u64(ATTESTATION_LAYOUT.into())
        .str(&a.asset)
        .str(a.oracle.as_str());
    match &a.statement {
        Statement::Filing {
            filing_reference,
            plan_digest,
            approved_supply,
        } => {
            w.u64(AttestationKind::Filing.tag().into())
                .str(filing_reference)
                .digest(plan_digest)
                .u128(approved_supply.u128());
        }
        Statement::Screening {
            negative_list_version,
            subjects,
            lookback_from,
        } => {
            w.u64(AttestationKind::Screening.tag().into())
                .u64(*negative_list_version)
                .u64(subjects.len() as u64);
            for subject in subjects {
                w.str(subject);
            }
            w.timestamp(*lookback_from);
        }
    }
    w.timestamp(a.issued_at).timestamp(a.expires_at);
    write_evidence(&mut w, &a.evidence);
    w.u64(a.plan_version)
        .u64(a.parties_version)
        .opt_timestamp(a.revoked_at);
    match &a.revocation {
        None => w.bool(false),
        Some(e) => {
            w.bool(true);
            write_evidence(&mut w, e);
            &mut w
        }
    };
    w.finish()
}

pub fn decode_attestation(id: u64, bytes: &[u8]) -> Result<Attestation, CodecError> {
    let mut r = Reader::new(bytes);
    if r.u64()? != u64::from(ATTESTATION_LAYOUT) {
        return Err(CodecError("unknown attestation layout"));
    }
    let asset = r.str()?.to_string();
    let oracle = Addr::unchecked(r.str()?);
    let statement = match r.u64()? {
        0 => Statement::Filing {
            filing_reference: r.str()?.to_string(),
            plan_digest: r.digest()?,
            approved_supply: uint128(&mut r)?,
        },
        1 => {
            let negative_list_version = r.u64()?;
            let count = r.u64()?;
            // Never trust a stored count for an allocation: each subject takes at least a byte.
            let mut subjects = Vec::new();
            for _ in 0..count {
                subjects.push(r.str()?.to_string());
            }
            Statement::Screening {
                negative_list_version,
                subjects,
                lookback_from: r.timestamp()?,
            }
        }
        _ => return Err(CodecError("unknown attestation kind")),
    };
    let attestation = Attestation {
        id,
        asset,
        oracle,
        statement,
        issued_at: r.timestamp()?,
        expires_at: r.timestamp()?,
        evidence: read_evidence(&mut r)?,
        plan_version: r.u64()?,
        parties_version: r.u64()?,
        revoked_at: r.opt_timestamp()?,
        revocation: if r.bool()? {
            Some(read_evidence(&mut r)?)
        } else {
            None
        },
    };
    r.end()?;
    Ok(attestation)
}

/// One oracle's latest unrevoked statement of one kind on an asset. The oracle is named by its
/// enrolment (`Oracle::enrolment`): an entry whose oracle was removed or re-added since no longer
/// matches its record and is dropped at the next recomputation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurrentStatement {
    pub kind: AttestationKind,
    pub enrolment: u64,
    pub id: u64,
}

/// The current statements on one asset: at most one per oracle enrolment and kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementSet(pub Vec<CurrentStatement>);

impl StatementSet {
    /// Makes `posted` the current statement of its oracle and kind; returns the id it superseded.
    pub fn post(&mut self, posted: CurrentStatement) -> Option<u64> {
        match self
            .0
            .iter_mut()
            .find(|s| s.kind == posted.kind && s.enrolment == posted.enrolment)
        {
            Some(entry) => {
                let superseded = entry.id;
                *entry = posted;
                Some(superseded)
            }
            None => {
                self.0.push(posted);
                None
            }
        }
    }

    /// Drops the entry of attestation `id`; true when it was current. An older statement of the
    /// same oracle does not revive.
    pub fn revoke(&mut self, id: u64) -> bool {
        let before = self.0.len();
        self.0.retain(|s| s.id != id);
        self.0.len() != before
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u64(self.0.len() as u64);
        for s in &self.0 {
            w.u64(s.kind.tag().into()).u64(s.enrolment).u64(s.id);
        }
        w.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let mut r = Reader::new(bytes);
        let count = r.u64()?;
        let mut entries = Vec::new();
        for _ in 0..count {
            let kind = match r.u64()? {
                0 => AttestationKind::Filing,
                1 => AttestationKind::Screening,
                _ => return Err(CodecError("unknown attestation kind")),
            };
            entries.push(CurrentStatement {
                kind,
                enrolment: r.u64()?,
                id: r.u64()?,
            });
        }
        r.end()?;
        Ok(StatementSet(entries))
    }
}

/// Where each asset's [`StatementSet`] lives; absent reads as empty.
pub struct StatementSets {
    pub prefix: u8,
}

impl StatementSets {
    pub fn key(&self, asset: &str) -> Vec<u8> {
        prefixed(self.prefix, asset.as_bytes())
    }

    pub fn load(&self, storage: &dyn Storage, asset: &str) -> StdResult<StatementSet> {
        match storage.get(&self.key(asset)) {
            None => Ok(StatementSet::default()),
            Some(bytes) => StatementSet::decode(&bytes).map_err(decode_error),
        }
    }

    pub fn save(&self, storage: &mut dyn Storage, asset: &str, set: &StatementSet) {
        if set.0.is_empty() {
            storage.remove(&self.key(asset));
        } else {
            storage.set(&self.key(asset), &set.encode());
        }
    }
}

#[cfg(test)]
mod tests {
    use cosmwasm_std::{Timestamp, Uint128};

    use super::*;

    fn filing() -> Attestation {
        Attestation {
            id: 7,
            asset: "bond-2026".into(),
            oracle: Addr::unchecked("wasm1oracle"),
            statement: Statement::Filing {
                filing_reference: "CSRC-2026-001".into(),
                plan_digest: "ab".repeat(32),
                approved_supply: Uint128::new(800),
            },
            issued_at: Timestamp::from_nanos(1_770_771_600_123_456_789),
            expires_at: Timestamp::from_seconds(1_773_363_600),
            evidence: Evidence {
                digest: "e".repeat(64),
                uri: None,
            },
            plan_version: 2,
            parties_version: 0,
            revoked_at: None,
            revocation: None,
        }
    }

    #[test]
    fn attestations_round_trip_in_both_kinds_and_revoked() {
        let mut screening = filing();
        screening.statement = Statement::Screening {
            negative_list_version: 3,
            subjects: vec!["corp".into(), "holder".into()],
            lookback_from: Timestamp::from_seconds(1_670_000_000),
        };
        screening.revoked_at = Some(Timestamp::from_seconds(1_771_000_000));
        screening.revocation = Some(Evidence {
            digest: "not hex".into(),
            uri: Some("ipfs://revocation".into()),
        });
        for a in [filing(), screening] {
            let bytes = encode_attestation(&a);
            assert_eq!(decode_attestation(a.id, &bytes), Ok(a));
        }
        // Two digests take 33 bytes each instead of 64 characters plus their field names.
        assert!(encode_attestation(&filing()).len() < 140);
    }

    #[test]
    fn the_last_id_is_the_highest_record_key_and_other_prefixes_do_not_count() {
        let records = AttestationRecords { prefix: 0x03 };
        let mut storage = cosmwasm_std::testing::MockStorage::new();
        assert_eq!(records.last_id(&storage).ok(), Some(0));
        storage.set(&[0x04, 0xff], b"x");
        storage.set(&[0x02, 0xff], b"x");
        assert_eq!(records.last_id(&storage).ok(), Some(0));
        for id in [1, 300, 2] {
            let mut a = filing();
            a.id = id;
            records.save(&mut storage, &a).unwrap();
        }
        assert_eq!(records.last_id(&storage).ok(), Some(300));
        assert_eq!(
            records.may_load(&storage, 300).unwrap().map(|a| a.id),
            Some(300)
        );
    }

    #[test]
    fn malformed_attestations_are_refused() {
        let bytes = encode_attestation(&filing());
        let mut other_layout = bytes.clone();
        other_layout[0] = 2;
        assert_eq!(
            decode_attestation(7, &other_layout),
            Err(CodecError("unknown attestation layout"))
        );
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert_eq!(
            decode_attestation(7, &trailing),
            Err(CodecError("trailing bytes"))
        );
        for cut in 0..bytes.len() {
            assert!(decode_attestation(7, &bytes[..cut]).is_err());
        }
    }

    #[test]
    fn a_newer_statement_supersedes_its_oracles_entry_of_that_kind_only() {
        let s = |kind, enrolment, id| CurrentStatement {
            kind,
            enrolment,
            id,
        };
        let mut set = StatementSet::default();
        assert_eq!(set.post(s(AttestationKind::Filing, 1, 1)), None);
        assert_eq!(set.post(s(AttestationKind::Screening, 1, 2)), None);
        assert_eq!(set.post(s(AttestationKind::Filing, 2, 3)), None);
        assert_eq!(set.post(s(AttestationKind::Filing, 1, 4)), Some(1));
        assert_eq!(
            set.0,
            vec![
                s(AttestationKind::Filing, 1, 4),
                s(AttestationKind::Screening, 1, 2),
                s(AttestationKind::Filing, 2, 3),
            ]
        );
        assert_eq!(StatementSet::decode(&set.encode()), Ok(set.clone()));
        assert!(set.revoke(2));
        assert!(!set.revoke(2));
        assert_eq!(set.0.len(), 2);
        assert_eq!(
            StatementSet::decode(&[1, 5, 1, 1]),
            Err(CodecError("unknown attestation kind"))
        );
    }
}
